"""A list the old file typed in HTML, written as the Markdown list it was.

Markdown files often carry a list typed as tags (`<OL><LI>your name;</LI>…</OL>`, pasted
from a word processor or an older page). lexdocs shows raw HTML as the text it is typed
as, so such a list would publish its tags; and where a file holds a few of them, import
refused it whole as "written in HTML". A list at the margin, from its opening tag's line
to the line its closing tag ends, is read as `htmltables` reads a cell's lists (the same
tags known, the same limits) and written word for word as Markdown's list: bullets for
`<ul>`, numbers for `<ol>`, an item's later paragraphs indented under it. One holding
anything else is left as typed. Inline markup stays HTML here: `oldmarkup.as_markdown`,
which runs next, writes it as Markdown. The reading is linear in the text.
"""

from __future__ import annotations

import re

from lexdocs.adopt import outline
from lexdocs.adopt.htmltables import blocks_as_lines, read_blocks

__all__ = ["lists_as_markdown"]

_OPEN_LIST = re.compile(r"^ {0,3}<(?:ul|ol)\b[^<>]*>", re.I)
_OPENS = re.compile(r"<(?:ul|ol)\b", re.I)
_CLOSES = re.compile(r"</(?:ul|ol)\s*>", re.I)
_LAST_CLOSE = re.compile(r"</(?:ul|ol)\s*>[ \t]*$", re.I)


def _ends(lines: list[str]) -> list[int | None]:
    """For each line, the line where a list opened on it closes: the first line after
    which no more lists are open than before it (one pass, from the end, keeping the
    lines whose depth after them is lower than every later one's)."""
    depth = [0]
    for line in lines:
        depth.append(depth[-1] + len(_OPENS.findall(line)) - len(_CLOSES.findall(line))
                     if "<" in line else depth[-1])
    ends: list[int | None] = [None] * len(lines)
    lower: list[int] = []  # indices q (after line q-1) with depth strictly rising from the top
    for p in range(len(lines), -1, -1):
        while lower and depth[lower[-1]] > depth[p]:
            lower.pop()
        if p < len(lines):
            ends[p] = lower[-1] - 1 if lower else None
        lower.append(p)
    return ends


def lists_as_markdown(lines: list[str]) -> list[str]:
    """The lines with each list typed in HTML at the margin written as Markdown's."""
    if not any("<" in ln and _OPEN_LIST.match(ln) for ln in lines):
        return lines
    live = outline.live_lines(lines)
    dead = [0]
    for ok in live:
        dead.append(dead[-1] + (not ok))
    ends = _ends(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = ends[i] if live[i] and "<" in lines[i] and _OPEN_LIST.match(lines[i]) else None
        blocks = None
        if end is not None and end >= i and dead[end + 1] == dead[i] \
                and _LAST_CLOSE.search(lines[end]):
            blocks = read_blocks("\n".join(lines[i:end + 1]))
        if not blocks or end is None:
            out.append(lines[i])
            i += 1
            continue
        out += ["", *blocks_as_lines(blocks), ""]
        i = end + 1
    return out
