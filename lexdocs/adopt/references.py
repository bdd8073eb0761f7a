"""Links written by reference ("[the notice][notice]", with "[notice]: /privacy" at the
file's end) written inline, so that every section of the document carries its own.

Markdown lets one definition anywhere in a file serve each use of its label; lexdocs
publishes every section from a file of its own, and a use whose definition went to
another section showed its brackets as typed: "[Identity Exchange Privacy Notice]
[privacy-identity-exchange]" on Comms.ID's privacy policy, whose definitions close the
file. Each use of a defined label becomes an inline link to its address, in every
version alike, and the definitions go; a use of a label no line defines stays as typed,
as Markdown leaves it. Labels match as Markdown matches them: whatever their case and
spacing. Code is left as typed.
"""

from __future__ import annotations

import re

from lexdocs.adopt import outline
from lexdocs.adopt.oldmarkup import outside_code

__all__ = ["inline_references"]

_DEFINITION = re.compile(
    r" {0,3}\[(?P<label>[^\[\]\n]{1,200})\]:[ \t]*<?(?P<url>[^\s<>]+)>?"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*")
"""A line that defines a label: its address, then an optional title."""
_USE = re.compile(r"(?<![\\\]])\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]"
                  r"(?:[ ]?\[(?P<label>[^\[\]\n]*)\])?(?![(:\[])")
"""A link's words in brackets, then its label in brackets ("[text][label]"), an empty one
("[text][]": the words are the label) or none ("[label]"); not an inline link's words
("[text](…)") or a definition ("[label]: …"). A picture by reference ("![logo][l]")
becomes an inline picture, which `elsewhere` then judges as any other."""


def _key(label: str) -> str:
    return " ".join(label.casefold().split())


def inline_references(lines: list[str]) -> list[str]:
    """The lines with each use of a defined label written as an inline link, and each
    definition that served one left out (see above)."""
    live = outline.live_lines(lines)
    defined: dict[str, str] = {}
    for line, ok in zip(lines, live, strict=True):
        m = _DEFINITION.fullmatch(line) if ok and "]:" in line else None
        if m:
            defined.setdefault(_key(m["label"]), m["url"])
    if not defined:
        return lines

    def use(m: re.Match[str]) -> str:
        url = defined.get(_key(m["label"] or m["text"]))
        return m.group() if url is None else f"[{m['text']}]({url})"

    out = []
    for line, ok in zip(lines, live, strict=True):
        if ok and "]:" in line and _DEFINITION.fullmatch(line):
            continue
        out.append(outside_code(line, lambda t: _USE.sub(use, t)) if ok and "[" in line
                   else line)
    return out
