"""A redline as a pull request shows it: Markdown, insertions in bold and deletions
struck, every user word escaped so it never becomes markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lexdocs.review.formats.common import (
    BADGES,
    CONTEXT_WORDS,
    after_badge,
    groups,
    numbered,
    row_prefix,
    rows_of,
    split_blocks,
    summary,
    trim,
    wordless,
)
from lexdocs.review.looks import Segment
from lexdocs.review.redline import Change, Redline
from lexdocs.review.rows import Row
from lexdocs.review.shapes import shape

# Only what forms markup inside a line; user text never starts a line in our output.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
_SHORTCODE = re.compile(r":(?=[a-z0-9_+-]+:)")


def md_escape(text: str) -> str:
    """Text that GitHub renders literally: no emphasis, links, lists, math or @mentions."""
    text = _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))
    text = _SHORTCODE.sub(r"\\:", text)  # ":smile:" would become an emoji
    for ch, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("@", "&#64;")):
        text = text.replace(ch, entity)
    return text


def _pad(text: str) -> tuple[str, str, str]:
    """(leading space, words, trailing space): markers hug words, as Markdown requires."""
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    return lead, core, text[len(lead) + len(core):]


_MD_MARKS = (("em", "*"), ("strong", "**"))


def _md_drawn(s: Segment) -> str:
    lead, core, trail = _pad(s.text)
    text = md_escape(core)
    for facet, mark in _MD_MARKS:
        if core and facet in s.facets:
            text = f"{mark}{text}{mark}"
    return md_escape(lead) + text + md_escape(trail)


def _md_marks(block: Sequence[Segment]) -> str:
    """Words with their bold and italic; insertions `<ins>` (underlined on GitHub),
    deletions `<del>` (struck), spaces inside the mark of the text they belong to, each
    with its changed link target or marks after it. Inserted or deleted punctuation
    alone is bold as well: an underlined full stop is barely seen."""
    out = []
    for run, note in groups(block):
        words = "".join(_md_drawn(s) for s in run)
        op = run[0].op
        if op == "equal":
            out.append(words)
        else:
            lead, core, trail = _pad(words)
            core = f"**{core}**" if wordless("".join(s.text for s in run)) else core
            tag = "ins" if op == "insert" else "del"
            out.append(f"<{tag}>{lead}{core}{trail}</{tag}>")
        if note:
            out.append(f" ({md_escape('; '.join(map(str, note)))})")
    return "".join(out)


def md_rows(rows: Sequence[Row], context: int | None = CONTEXT_WORDS) -> list[str]:
    """Rows as Markdown paragraphs, quote markers not included: a line per block (a table
    row's cells on one line between bars), a list's items on neighbouring lines with
    their markers and numbers. `context` unchanged words are kept around each edit
    (None: every word)."""
    paras: list[str] = []
    listed = False
    for r, number in zip(rows, numbered(rows), strict=True):
        segs = trim(r.segments, context) if context is not None else r.segments
        prefix, same_line = row_prefix(r, number, "- ")
        text = _md_marks(segs)
        item = shape(r.kind).level > 0
        if same_line and paras:
            paras[-1] += f" {text} |"
        elif shape(r.kind).cell:
            paras.append(f"| {text} |")
        elif item and listed and paras:
            paras[-1] += "\n" + prefix + text
        else:
            paras.append(prefix + text)
        listed = item
    return paras


def _md_change(i: int, c: Change, rows: Sequence[Row]) -> list[str]:
    verdict = f"**{BADGES[c.call]}**"
    lines = [f"#### {i}\\. {md_escape(c.section_title)} — {c.kind}", "",
             f"{verdict} — {md_escape(after_badge(c.reason))}"]
    lines += [f"- Variable: {md_escape(v)}" for v in c.variables]
    lines += [f"- Layout: {md_escape(d)}" for d in c.details]
    quote = (["\n".join(f"> {line}" for line in p.split("\n")) for p in md_rows(rows)] if rows else
             [f"> {_md_marks(b)}" for b in split_blocks(trim(c.segments))])
    if quote:
        lines += ["", "\n>\n".join(quote)]
    return [*lines, ""]


def to_markdown(redline: Redline) -> str:
    """A pull-request comment: the summary, then each change with its verdict and diff."""
    lines = [f"### Redline: {md_escape(redline.title)}", "", summary(redline), ""]
    for i, c in enumerate(redline.changes, 1):
        lines += _md_change(i, c, rows_of(redline, c))
    return "\n".join(lines).rstrip() + "\n"
