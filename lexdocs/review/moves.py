"""Paragraphs, list items and sentences that only moved within their section.

A redline aligns a section's blocks in order, so a paragraph moved down shows as taken
out in one place and put in at another: two changes, each material by its words alone.
Told apart here, after the redline is made and before overrides apply, since only the
whole section's changes show that what one took out another put back.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from lexdocs.review import verdicts
from lexdocs.review.examples import QUOTES
from lexdocs.review.looks import Segment

if TYPE_CHECKING:
    from lexdocs.review.redline import Change


def moved_blocks(changes: list[Change]) -> list[Change]:
    """Paragraphs, list items or sentences that moved within their section: one change
    takes them out word for word and another puts them back elsewhere in the same
    section, and neither change does anything else. A reader finds the same statements
    in the same part of the document, in another order, so neither is material (a move
    between sections can change what a statement applies to, and stays judged as removed
    and added)."""
    pieces = [_pieces(c) if c.kind == "modified" and c.material and not c.variables
              else None for c in changes]
    total: dict[str, tuple[Counter[tuple[str, ...]], Counter[tuple[str, ...]]]] = {}
    for c, p in zip(changes, pieces, strict=True):
        if p:  # one count a section, so a long redline costs a pass, not a pass a change
            gone, came = total.setdefault(c.section_id, (Counter(), Counter()))
            gone.update(w for w, _ in p[0])
            came.update(w for w, _ in p[1])
    out = list(changes)
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
            # a move shows in two places: each says which end of the move it is
            end = ("put here from elsewhere in this section" if arrived else
                   "taken from here to elsewhere in this section" if left else "")
            reason = f"{v.reason.removesuffix('.')}: {end}." if end else v.reason
            out[i] = replace(out[i], material=False, reason=reason, rule=v.rule,
                             evidence=v.evidence, referred=False)
    return out


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
