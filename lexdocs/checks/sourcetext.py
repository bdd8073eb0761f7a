"""The text a lawyer typed into a template, around its Jinja tags.

Some rules judge what was typed by hand, not what a render printed: a fact typed where
a variable holds it, a vague word, the line that introduces a list. They read a
template with its tags blanked (`static_text`), or the text after a line's last tag,
and point at the line of the section's source that a rendered section came from.
"""

from __future__ import annotations

import re

from lexdocs.sources.documents import DocumentSource, SectionSource

_OPENERS = re.compile(r"\{[{%#]")
_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}


def jinja_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every Jinja tag in `text`; an unclosed tag runs to the end.

    A scan with `str.find`, not a lazy `.*?` pattern: that pattern rescans the rest of
    the text from every unclosed `{{`, which is quadratic in the text's length.
    """
    spans = []
    pos = 0
    while (m := _OPENERS.search(text, pos)) is not None:
        close = text.find(_CLOSERS[m.group(0)], m.end())
        end = len(text) if close == -1 else close + 2
        spans.append((m.start(), end))
        pos = end
    return spans


def static_text(body: str) -> str:
    """A template body with every Jinja tag blanked, keeping lines and columns."""
    out = []
    pos = 0
    for start, end in jinja_spans(body):
        out.append(body[pos:start])
        out.append(re.sub(r"[^\n]", " ", body[start:end]))
        pos = end
    out.append(body[pos:])
    return "".join(out)


def after_last_tag(line: str) -> str:
    """The text of a template line after its last Jinja tag."""
    spans = jinja_spans(line)
    return line[spans[-1][1]:] if spans else line


def section_source(src: DocumentSource | None, sid: str) -> SectionSource | None:
    return next((s for s in src.sections if s.id == sid), None) if src else None


def line_of(sec: SectionSource | None, needle: str) -> int | None:
    """The line of the section's source whose text holds `needle`, else the body's first
    line (a render may have written it from an include or a variable); None without a
    source."""
    if sec is None:
        return None
    return next((sec.body_line + i for i, text in enumerate(sec.body.split("\n"))
                 if needle in text), sec.body_line)
