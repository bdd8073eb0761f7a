"""A version's own dates in its text: `{{ page_version.last_updated }}`, `.effective`.

A statement that types "Effective date:" by hand can bind it to the version's
real dates. The dates cannot be part of the canonical text: an effective date
moved in the change log would then make a new version, and the fingerprint
(the identity of a published text) would change with it. So templates render
markers (`render.templates.PAGE_VERSION`), every comparison runs on the marked
text, and the dates are put in here, per version, once they are final.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from typing import TypeVar

from lexdocs.history.parts import Drawn, remap
from lexdocs.render.templates import PAGE_VERSION, RenderedDocument, RenderedSection
from lexdocs.sources.variables import escape_markdown

T = TypeVar("T")


def marked(doc: RenderedDocument) -> bool:
    """Whether the text asks for a version's own dates anywhere."""
    return doc.asks_for_dates


def bind_plain(value: T, marks: dict[str, str]) -> T:
    """`value` (a redline, compared on canonical text) with the markers replaced by the
    dates of the version it leads to, in every string it holds, whatever its shape."""
    if isinstance(value, str):
        for mark, text in marks.items():
            value = value.replace(mark, text)  # type: ignore[assignment]
        return value
    if isinstance(value, tuple):
        return tuple(bind_plain(v, marks) for v in value)  # type: ignore[return-value]
    if isinstance(value, Drawn):  # a kept redline's sections or changes: bound as drawn
        return value.mapped(lambda s: bind_plain(s, marks),
                            tuple(marks.items()))
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: bind_plain(getattr(value, f.name), marks) for f in fields(value)
                   if f.init}
        return replace(value, **changes)
    return value


def bind_dates(doc: RenderedDocument, last_updated: str, effective: str) -> RenderedDocument:
    """A version's text with its own dates where the template asked for them.

    The markers are put in after every comparison is made, and the fingerprint
    (the identity of the text) stays that of the canonical text, so stating a
    date never makes a version of its own.
    """
    marks = ((PAGE_VERSION["last_updated"], last_updated),
             (PAGE_VERSION["effective"], effective))
    if not marked(doc):
        return doc
    # Put in as each section is drawn: a kept text's sections stay keys (`history.parts`).
    return replace(doc, sections=remap(doc.sections, functools.partial(_dated, marks),
                                       ("dates", marks)))


def _dated(marks: tuple[tuple[str, str], ...], s: RenderedSection) -> RenderedSection:
    def put(text: str, escape: Callable[[str], str]) -> str:
        for mark, value in marks:
            text = text.replace(mark, escape(value))
        return text

    markdown, body = put(s.markdown, escape_markdown), put(s.html, html.escape)
    return s if markdown is s.markdown and body is s.html else replace(
        s, markdown=markdown, html=body)
