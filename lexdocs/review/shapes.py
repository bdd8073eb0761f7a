"""What a redline row looks like on a page: its list, quote, heading or table place, and
which unchanged rows a reader can skip.

A `Row` names its block's kind in words ("numbered item, level 2, numbered from 3",
"table cell, new row", "quoted paragraph, continued": see `render.markup`), so every
format can draw the same structure: HTML as lists, tables and headings, Markdown
and the terminal as markers and indentation. `plan` decides, once for all formats,
which runs of unchanged rows fold away: a reader sees each change with one block of
context on either side, and can open the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lexdocs.review.rows import Row

CONTEXT_ROWS = 1
"""Unchanged blocks shown before and after each change; the others fold away."""
_LEAVES = {"paragraph": "p", "code block": "pre", "term": "dt", "definition": "dd",
           "table caption": "caption", "table cell": "td", "table header cell": "th"}
_HEADING = re.compile(r"heading ([1-6])")


@dataclass(frozen=True)
class Shape:
    """Where a block sits: in how many quotes and lists, and what element holds its words."""

    quotes: int = 0
    level: int = 0
    """List depth: 0 outside lists."""
    ordered: bool = False
    start: int = 1
    item: bool = False
    """The block begins a list item (the rest of an item's blocks are its continuation)."""
    leaf: str = "p"
    """The element of its words: p, h1–h6, pre, td, th, dt, dd or caption ("li" for an item)."""
    new_row: bool = False

    @property
    def cell(self) -> bool:
        return self.leaf in ("td", "th")


def shape(kind: str) -> Shape:
    """The shape of a block of `kind` (markup.Block.kind); an unknown kind is a paragraph."""
    head, *rest = kind.split(", ")
    quotes = 0
    while head.startswith("quoted "):
        quotes, head = quotes + 1, head[len("quoted "):]
    level = next((int(p.split()[1]) for p in rest if re.fullmatch(r"level \d+", p)), 1)
    start = next((int(p.split()[-1]) for p in rest if re.fullmatch(r"numbered from -?\d+", p)),
                 1)
    continued, new_row = "continued" in rest, "new row" in rest
    heading = _HEADING.fullmatch(head)
    if head in ("numbered item", "bulleted item"):
        return Shape(quotes, level, head == "numbered item", start, not continued,
                     "p" if continued else "li")
    if heading:
        return Shape(quotes, leaf=f"h{heading.group(1)}")
    return Shape(quotes, leaf=_LEAVES.get(head, "p"), new_row=new_row)


@dataclass(frozen=True)
class Run:
    """Rows [start, end) of a section, shown or folded away."""

    start: int
    end: int
    shown: bool


def plan(rows: Sequence[Row], context: int = CONTEXT_ROWS) -> list[Run]:
    """The rows in runs to show and to fold: unchanged rows further than `context` from a
    change fold when there are at least two of them (one folded block saves nothing).
    Table cells never fold, so a table keeps its rows whole."""
    near = [r.changed for r in rows]
    keep = [any(near[max(0, i - context): i + context + 1]) or shape(r.kind).cell
            for i, r in enumerate(rows)]
    runs: list[Run] = []
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or keep[i] != keep[start]:
            shown = keep[start] or i - start < 2
            if runs and runs[-1].shown and shown:
                runs[-1] = Run(runs[-1].start, i, True)
            else:
                runs.append(Run(start, i, shown))
            start = i
    return runs
