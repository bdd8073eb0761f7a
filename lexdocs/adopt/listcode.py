"""Lists typed so that Python-Markdown reads them as code, written as the lists they are.

Python-Markdown, which publishes every page, reads a block indented by four columns
after a blank line as code: its lines go in a box, marks and all, in a typewriter face.
Policies kept for other renderers type lists so: an item's words on the line under its
mark, or the whole list indented under the paragraph that introduces it. A legal text
holds no code, so such a block is the list its author saw, and is written as one, word
for word. What is indented under a list stays as it is: there it is an item's own
paragraph, which Python-Markdown reads so.
"""

from __future__ import annotations

import re

from lexdocs.adopt import outline
from lexdocs.checks.listitems import glued_items

__all__ = ["indented_lists", "items_on_their_line", "lists_set_apart"]

_BARE_MARK = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>[*+-]|\d{1,9}[.)])[ \t]*$")
_ITEM = re.compile(r"[ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]+\S")
"""A list item's first line: its mark, then its words."""
_OPENS_LIST = re.compile(r" {0,3}(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)")
"""A block at the margin that starts a list (or goes on with one)."""


def items_on_their_line(lines: list[str]) -> list[str]:
    """A list item whose words start on the line after its mark ("*     " over
    "    **a. Our License to You.** …", as copies of web pages write an item that holds
    paragraphs) with its words moved up beside the mark. CommonMark reads the next line
    as the item's; Python-Markdown, where a blank line comes before the item, reads it as
    code, and showed Meta's terms' clause titles in boxes with their asterisks. Only
    after a blank line (a "-" under a paragraph underlines a heading) and when the words
    are indented past the mark; what follows them stays the item's, as indented."""
    live = outline.live_lines(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _BARE_MARK.match(lines[i]) if live[i] and i + 1 < len(lines) else None
        if (m and live[i + 1] and lines[i + 1].strip() and not (out and out[-1].strip())
                and _indent(lines[i + 1]) > _indent(m["indent"])):
            out.append(f"{m['indent']}{m['mark']} {lines[i + 1].lstrip()}")
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return out


def _indent(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip())


def indented_lists(lines: list[str]) -> list[str]:
    """A list indented under the paragraph that introduces it ("…must include the
    following:" over "\t* Identification of …", OpenGov's copyright policy; "-\tCapteurs
    …" under four spaces, Skoda's) moved to the margin, its own nesting kept. Only a block
    whose every line is an item's first line, and not one under a list."""
    live = outline.live_lines(lines)
    out = list(lines)
    listed = False  # the last block at the margin started or went on with a list
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        end = i
        while end < len(lines) and lines[end].strip():
            end += 1
        block = range(i, end)
        if _indent(lines[i]) < 4:
            listed = bool(_OPENS_LIST.match(lines[i]))
        elif not listed and all(live[k] and _indent(lines[k]) >= 4 and _ITEM.match(lines[k])
                                for k in block):
            least = min(_indent(lines[k]) for k in block)
            for k in block:
                out[k] = " " * (_indent(lines[k]) - least) + lines[k].lstrip()
        i = end
    return out


def lists_set_apart(lines: list[str]) -> list[str]:
    """A list typed right under the paragraph that introduces it ("Skip to:" over
    "-   [What's most important?](#important)", npm's privacy policy) with a blank line
    put before it (`listitems.glued_items`): the old site's renderer followed CommonMark,
    which lets a list interrupt a paragraph, and the page showed "Skip to: - What's most
    important? - How does npm …" as one run of text."""
    glued = set(glued_items(lines, outline.live_lines(lines)))
    return [part for i, line in enumerate(lines)
            for part in (("", line) if i in glued else (line,))]
