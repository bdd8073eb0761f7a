"""Footnotes as a wiki writes them, led to where their notes and references are.

A page saved from MediaWiki (the Wikimedia Foundation's policies, as Open Terms Archive
keeps them) marks a note in the text with a link to the note, `[[Note 1]](#cite_note-
access-request-1)`, and opens each note with a link back, `[↑](#cite_ref-access-
request_1-0)`. The copy keeps the links but not the ids the wiki gave the notes and the
marks: every one led nowhere, and the build stopped on each (31 of the 34 problems of
Wikimedia's privacy policy's newest text). A list item or a mark in a sentence can carry
no id here, so each link leads to the part that holds what it named: a note's mark to the
nearest part at or after it whose notes link back to that mark's name and number, a
note's back-link to the nearest part at or before it that marks it. A page may number its
notes afresh under each heading ("Notes", then "Notes" again): the nearest is the one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["land_citations"]

_NOTE = re.compile(r"\]\(#cite_note-([^)\s]+)\)")
_REF = re.compile(r"\]\(#cite_ref-([^)\s]+)\)")
_NOTE_KEY = re.compile(r"(?:(.+)-)?(\d+)")
"""A note's anchor: its reference's name (if it has one) and number, "access-request-1"."""
_REF_KEY = re.compile(r"(?:(.+)_)?(\d+)(?:-\d+)?")
"""A mark's anchor: the name and number, then which use of the note, "access-request_1-0"."""


def _key(pattern: re.Pattern[str], anchor: str) -> tuple[str, str] | None:
    m = pattern.fullmatch(anchor)
    return (m[1] or "", m[2]) if m else None


def land_citations(bodies: Sequence[str], section_ids: Sequence[str], ids: set[str]
                   ) -> list[str]:
    """`bodies` with each footnote link that leads nowhere led to the part it names."""
    if not any("#cite_" in body for body in bodies):
        return list(bodies)
    marked: dict[tuple[str, str], list[int]] = {}  # a note's key → the parts marking it
    noted: dict[tuple[str, str], list[int]] = {}  # a note's key → the parts holding it
    for i, body in enumerate(bodies):
        for m in _NOTE.finditer(body):
            if (k := _key(_NOTE_KEY, m[1])) is not None:
                marked.setdefault(k, []).append(i)
        for m in _REF.finditer(body):
            if (k := _key(_REF_KEY, m[1])) is not None:
                noted.setdefault(k, []).append(i)

    def to_note(i: int, anchor: str) -> str | None:
        k = _key(_NOTE_KEY, anchor)
        after = [j for j in noted.get(k, ()) if j >= i] if k else []
        return section_ids[after[0]] if after else None

    def to_mark(i: int, anchor: str) -> str | None:
        k = _key(_REF_KEY, anchor)
        before = [j for j in marked.get(k, ()) if j <= i] if k else []
        return section_ids[before[-1]] if before else None

    def led(i: int, body: str) -> str:
        body = _NOTE.sub(lambda m: _led(m, f"cite_note-{m[1]}", to_note(i, m[1]), ids), body)
        return _REF.sub(lambda m: _led(m, f"cite_ref-{m[1]}", to_mark(i, m[1]), ids), body)

    return [led(i, body) if "#cite_" in body else body for i, body in enumerate(bodies)]


def _led(m: re.Match[str], anchor: str, made: str | None, ids: set[str]) -> str:
    return m.group() if anchor in ids or made is None else f"](#{made})"
