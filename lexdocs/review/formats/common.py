"""What every format of a redline shares: the summary line, the badge of each verdict,
blocks cut from segments, long unchanged runs shortened, and rows numbered as lists are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from gettext import NullTranslations

from lexdocs.review.looks import SEP, Note, Segment, look_notes
from lexdocs.review.redline import Change, Redline
from lexdocs.review.rows import Row
from lexdocs.review.shapes import shape
from lexdocs.review.verdicts import LAWYERS_CALL

ENGLISH = NullTranslations()
"""The words as the rules and formats write them. A site's page says the redline's own
words in its language (`lexdocs.publish.locales.translations`, handed to `to_html`)."""


def badge(call: str, words: NullTranslations = ENGLISH) -> str:
    """What a change's badge says for its verdict (`Change.call`)."""
    return {"material": words.gettext("Material"),
            "not-material": words.gettext("Not material"),
            "lawyers-call": words.gettext("Needs a lawyer's call")}[call]


BADGES = {call: badge(call) for call in ("material", "not-material", "lawyers-call")}
"""What a change's badge says for each verdict, in English (the review's own formats)."""
CONTEXT_WORDS = 12
"""Unchanged words kept on each side of an edit in Markdown and the terminal."""


def summary(redline: Redline, words: NullTranslations = ENGLISH) -> str:
    """One line a reviewer reads first: how many changes, how many need notice. A block
    moved within its section shows in two places and is one change: its second place (the
    one it was taken from) is not counted again."""
    n = len(redline.changes) - sum(1 for c in redline.changes
                                   if c.rule == "block-moved" and not c.new.strip())
    if not redline.changes:
        return words.gettext("No changes.")
    m = sum(1 for c in redline.changes if c.material and not c.referred)
    asked = len(redline.referred)
    parts = [words.ngettext("%(num)d change", "%(num)d changes", n) % {"num": n},
             words.ngettext("%(num)d material", "%(num)d material", m) % {"num": m}]
    if asked:
        parts.append(words.ngettext("%(num)d needs a lawyer's call",
                                    "%(num)d need a lawyer's call", asked) % {"num": asked})
    return ", ".join(parts) + "."


def split_blocks(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Segments regrouped per block: a separator in any segment starts a new block."""
    blocks: list[list[Segment]] = [[]]
    for s in segments:
        for i, piece in enumerate(s.text.split(SEP)):
            if i:
                blocks.append([])
            if piece:
                blocks[-1].append(Segment(s.op, piece, s.look))
    return [b for b in blocks if b]


_WORD_GAP = re.compile(r"\S+\s*")


def trim(segments: Sequence[Segment], keep: int = CONTEXT_WORDS) -> list[Segment]:
    """Shorten long unchanged runs to `keep` words around edits, with "…" for the rest."""
    out: list[Segment] = []
    for i, s in enumerate(segments):
        lead = s.text[: len(s.text) - len(s.text.lstrip())]
        words = _WORD_GAP.findall(s.text)
        if words:
            words[0] = lead + words[0]
        first, last = i == 0, i == len(segments) - 1
        if (s.op != "equal" or s.look is not None
                or len(words) <= keep * (1 if first or last else 2)):
            out.append(s)
        elif first:
            out.append(Segment("equal", "… " + "".join(words[-keep:]), None, s.facets))
        elif last:
            out.append(Segment("equal", "".join(words[:keep]).rstrip() + " …", None, s.facets))
        else:
            out.append(Segment("equal", "".join(words[:keep]) + "… " + "".join(words[-keep:]),
                               None, s.facets))
    return out


def by_section(redline: Redline) -> dict[str, list[Change]]:
    found: dict[str, list[Change]] = {}
    for c in redline.changes:
        found.setdefault(c.section_id, []).append(c)
    return found


_WORDLESS = re.compile(r"[\W_]*", re.UNICODE)


def wordless(text: str) -> bool:
    """Only punctuation (and spaces): a mark on it needs a box to be seen at all."""
    return bool(text.strip()) and bool(_WORDLESS.fullmatch(text))


def after_badge(reason: str) -> str:
    """The reason without its leading verdict, which the badge beside it already says
    ("Material — Material: …" read as a stutter); a reason with no verdict stays whole."""
    for head in ("Material: ", "Not material: ", f"{LAWYERS_CALL}: "):
        if reason.startswith(head):
            rest = reason[len(head):]
            return rest[:1].upper() + rest[1:]
    return reason


def groups(segments: Sequence[Segment]) -> Iterator[tuple[list[Segment], tuple[Note, ...]]]:
    """Runs of neighbouring segments with one op, each with the note said after it: a run
    of inserted or deleted words is marked once, whatever marks its words carry."""
    notes = look_notes(segments)
    i = 0
    while i < len(segments):
        j = i + 1
        while j < len(segments) and segments[j].op == segments[i].op and not notes[j - 1]:
            j += 1
        yield list(segments[i:j]), notes[j - 1]
        i = j


def row_prefix(r: Row, number: int, bullet: str) -> tuple[str, bool]:
    """(what starts the row's line, whether it goes on the line before): list markers
    and indentation, heading hashes, a table cell after the one before it."""
    sh = shape(r.kind)
    if sh.cell and not sh.new_row:
        return "", True
    indent = "   " * max(0, sh.level - 1)
    if sh.level:
        marker = f"{number}. " if sh.ordered else bullet
        return indent + (marker if sh.item else "   "), False
    if sh.leaf.startswith("h"):
        return "#" * int(sh.leaf[1]) + " ", False
    return "", False


def numbered(rows: Sequence[Row]) -> list[int]:
    """Each row's number in its numbered list, in its own version (0: not numbered)."""
    counts: dict[int, list[int]] = {}
    out = []
    for r in rows:
        sh = shape(r.kind)
        for depth in [d for d in counts if d > sh.level or not sh.level]:
            del counts[depth]
        if not (sh.ordered and sh.item):
            out.append(0)
            continue
        n = counts.setdefault(sh.level, [sh.start - 1, sh.start - 1])
        n[0] += r.op != "insert"
        n[1] += r.op != "delete"
        out.append(n[1] if r.op != "delete" else n[0])
    return out


def rows_of(redline: Redline, c: Change) -> tuple[Row, ...]:
    """The rows that show change `c` (none for a move, a retitling or the title)."""
    a, b = c.rows
    if a == b or c.kind not in ("modified", "added", "removed"):
        return ()
    sd = next((sd for sd in redline.sections if sd.id == c.section_id), None)
    return sd.rows[a:b] if sd else ()
