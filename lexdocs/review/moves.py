"""Paragraphs, list items and sentences that only moved within their section.

A redline aligns a section's blocks in order, so a paragraph moved down shows as taken
out in one place and put in at another: two changes, each material by its words alone.
Told apart here, after the redline is made and before overrides apply, since only the
whole section's changes show that what one took out another put back.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from lexdocs.review import verdicts
from lexdocs.review.examples import QUOTES
from lexdocs.review.looks import Segment

if TYPE_CHECKING:
    from lexdocs.review.redline import Change, SectionDiff
    from lexdocs.review.rows import Row


def moved_blocks(changes: list[Change], sections: Sequence[SectionDiff] = ()) -> list[Change]:
    """Paragraphs, list items or sentences that moved within their section: one change
    takes them out word for word and another puts them back elsewhere in the same
    section, and neither change does anything else. A reader finds the same statements
    in the same part of the document, in another order, so neither is material (a move
    between sections can change what a statement applies to, and stays judged as removed
    and added).

    Each end of a paragraph's move names the other's place (`sections` holds their rows),
    so a reader who finds it taken out here finds where it went without reading the
    whole section."""
    pieces = [_pieces(c) if c.kind == "modified" and c.material and not c.variables
              else None for c in changes]
    total: dict[str, tuple[Counter[tuple[str, ...]], Counter[tuple[str, ...]]]] = {}
    for c, p in zip(changes, pieces, strict=True):
        if p:  # one count a section, so a long redline costs a pass, not a pass a change
            gone, came = total.setdefault(c.section_id, (Counter(), Counter()))
            gone.update(w for w, _ in p[0])
            came.update(w for w, _ in p[1])
    out = list(changes)
    ends: dict[int, tuple[str, ...]] = {}  # a whole block moved: the words it carried
    for i, mine in enumerate(pieces):
        if not mine or not (mine[0] or mine[1]):
            continue
        took, put = Counter(w for w, _ in mine[0]), Counter(w for w, _ in mine[1])
        gone, came = total[changes[i].section_id]
        # piece by piece: `took <= came - put` copied the section's count for each change
        if all(n <= came[w] - put[w] for w, n in took.items()) and all(
                n <= gone[w] - took[w] for w, n in put.items()):
            moved = (mine[0] or mine[1])[0][1].lstrip(" .;,").split()  # as written; cut: …
            shown = " ".join(moved[:10]) + (" …" if len(moved) > 10 else "")
            arrived, left = not changes[i].old.strip(), not changes[i].new.strip()
            v = verdicts.verdict(False, "block-moved" if arrived or left else "sentence-moved",
                                 (shown,))
            if arrived or left:
                ends[i] = tuple(w for words, _ in mine[1] or mine[0] for w in words)
            out[i] = replace(out[i], material=False, reason=v.reason, rule=v.rule,
                             evidence=v.evidence, referred=False)
    rows = {sd.id: sd.rows for sd in sections}
    for i, j in _pairs(changes, ends):
        # a move shows in two places: each says which end of the move it is, and where
        # the other is
        end = _end(changes[i], changes[j] if j >= 0 else None,
                   rows.get(changes[i].section_id, ()))
        out[i] = replace(out[i], reason=f"{out[i].reason.removesuffix('.')}: {end}.")
    return out


def _pairs(changes: list[Change], ends: dict[int, tuple[str, ...]]) -> list[tuple[int, int]]:
    """Each end of a moved block with the other end, the change in its section that took
    out (or put in) the same words; `j` is -1 where no one change did (a block moved in
    pieces), and the reason then says only which end it is."""
    waiting: dict[tuple[str, bool, tuple[str, ...]], list[int]] = {}
    for i, words in ends.items():
        waiting.setdefault((changes[i].section_id, not changes[i].old.strip(), words),
                           []).append(i)
    found = []
    for (section, arrived, words), mine in waiting.items():
        others = waiting.get((section, not arrived, words), [])
        found += [(i, others[n] if n < len(others) else -1) for n, i in enumerate(mine)]
    return sorted(found)


def _end(mine: Change, other: Change | None, rows: Sequence[Row]) -> str:
    """Which end of a move `mine` is, and, where the other end is known, its place: the
    block it follows there, in the version that has it (the old one for the place it
    came from, the new one for the place it went)."""
    arrived = not mine.old.strip()
    here = "put here from" if arrived else "taken from here to"
    if other is None or not rows or other.rows == (0, 0):
        return f"{here} elsewhere in this section"
    gone_side = "insert" if arrived else "delete"  # rows the other end's version lacks
    before = next((r for r in reversed(rows[:other.rows[0]]) if r.op != gone_side), None)
    if before is None:
        return f"{here} the start of this section"
    words = "".join(s.text for s in before.segments if s.op != gone_side).split()
    quoted = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
    quoted = quoted.rstrip(".;:,")  # the reason ends with its own full stop
    way = "up" if other.rows[0] < mine.rows[0] else "down"
    return (f"{here} further {way} this section, where it followed '{quoted}'" if arrived
            else f"{here} further {way} this section, after '{quoted}'")

_Piece = tuple[tuple[str, ...], str]


def _pieces(c: Change) -> tuple[list[_Piece], list[_Piece]]:
    """The runs of words a change takes out and puts in, each as its words (case, quote
    style and punctuation folded: what a move elsewhere must match) and as written."""
    gone: list[_Piece] = []
    came: list[_Piece] = []
    run: list[str] = []
    op = "equal"
    for s in [*c.segments, Segment("equal", "")]:
        if s.op != op:
            text = "".join(run)
            words = tuple(_WORDS.findall(text.translate(QUOTES).casefold()))
            if words and op in ("delete", "insert"):
                (gone if op == "delete" else came).append((words, text))
            run, op = [], s.op
        run.append(s.text)
    return gone, came


_WORDS = re.compile(r"\w+(?:'\w+)*")
