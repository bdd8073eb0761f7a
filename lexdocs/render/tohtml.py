"""Markdown → HTML: one fixed configuration for every section, within a time budget.

What is compared is what is published, so a section is converted with the extensions
mkdocs.yml enables for content, raw HTML shown as text (a section can never carry a
script), HTML comments dropped (notes for editors are never a change), and the
sanitiser last. A text that would take longer than any legal text to convert
(`TooCostly`) is refused with a hint, not waited for. markup.py reads the HTML.
"""

from __future__ import annotations

import functools
import re
import string
import time
from collections.abc import Callable
from typing import Any

import markdown
from anyascii import anyascii
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.extensions.toc import slugify as toc_slugify
from markdown.inlinepatterns import SubstituteTagInlineProcessor
from markdown.preprocessors import Preprocessor

from lexdocs.render.sandbox import MAX_TEXT
from lexdocs.render.sanitize import Sanitize, UnsafeMarkup


class _NoRawHtml(Extension):
    """Raw HTML in a section is shown as text: a section can never carry a script."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class _LineBreaks(Extension):
    """`<br>` is a line break, as GitHub and every Markdown site show it: the one way to
    break a line inside a table's cell, and how pages saved from the web write their
    tables (Open Terms Archive's copies of GitHub's and Buffer's terms). Only the bare
    tag, which carries nothing: with any attribute it stays text, as all raw HTML does."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(SubstituteTagInlineProcessor(r"(?i:<br ?/?>)", "br"),
                                   "lx_line_break", 95)  # before raw HTML would have been


class _CommonMarkEscapes(Extension):
    """A backslash before any ASCII punctuation is an escape, as CommonMark has it (GitHub,
    and the converters that save web pages as Markdown, write `\\&` and `\\$`): Python-
    Markdown knows only some of them, so a saved page's link
    `(https://…?mode=select\\_type\\&service=…)` kept its backslash, and readers saw
    `\\&` in the text."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.ESCAPED_CHARS = sorted(set(md.ESCAPED_CHARS) | set(string.punctuation))


_COMMENT = re.compile(
    r"(?P<code>(`+)[^\n]*?(?<!`)\2(?!`))"          # a code span shows its text as typed
    r"|^[ \t]*<!--.*?-->[ \t]*(?:\n|\Z)"            # a comment alone on its lines: lines gone
    r"|<!--.*?-->", re.S | re.M)


class _DropComments(Preprocessor):
    """HTML comments are notes for editors: never shown, never a change.

    A comment alone on its lines takes its lines with it, so a note between
    two list items does not split the list. An unclosed `<!--` stays visible
    text: hiding everything after it could hide legal words.
    """

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "<!--" not in text:
            return lines
        return _COMMENT.sub(lambda m: m.group("code") or "", text).split("\n")


class _Comments(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.register(_DropComments(md), "lx_drop_comments", 25)


def in_latin(text: str) -> str:
    """`text` spelt in Latin letters (`anyascii`), for an id people can cite: "Как мы
    используем данные" → "Kak my ispolzuem dannye". A soft or hard sign is no word's end
    (anyascii writes it as an apostrophe)."""
    return "".join(c if c.isascii() else anyascii(c).replace("'", "") if c.isalpha()
                   else anyascii(c) for c in text)


def heading_id(text: str, separator: str = "-") -> str:
    """The id a heading gets: its words as Python-Markdown makes them, with "s-" before one
    that would begin with a digit ("5. Additional Terms" → "s-5-additional-terms"), since
    an id must begin with a letter to be kept (`sanitize`), and a heading without an id
    cannot be linked to. Python-Markdown keeps only the letters that decompose to ASCII,
    so a heading in Cyrillic, Greek or Japanese had none ("section", then "section_1" by
    its place, which names another heading once one is put in before it): its words are
    spelt in Latin letters instead, as a section's id is (`adopt.ids.slugify`). A heading
    Python-Markdown gives any letter keeps the id it had."""
    made = toc_slugify(text, separator)
    if not any(c.isalpha() for c in made):
        made = toc_slugify(in_latin(text), separator) or made
    return made if made[:1].isalpha() else f"s{separator}{made}" if made else "section"


# The same extensions mkdocs.yml enables for content, so what we compare is what is published;
# toc gives every heading an id (marker disabled: "[TOC]" in a legal text stays text).
EXTENSIONS: list[str | Extension] = ["tables", "attr_list", "sane_lists", _NoRawHtml(),
                                     _LineBreaks(), _CommonMarkEscapes(),
                                     _Comments(), TocExtension(marker="", slugify=heading_id)]


MAX_MARKDOWN = MAX_TEXT
"""Characters of Markdown one section may hold, as much as a template may produce: fifty
times the longest legal section, and a few seconds of converting at most."""
MAX_MARKDOWN_SECONDS = 3.0
"""Time one section's conversion may take; a long legal section takes a few hundredths."""


class TooCostly(UnsafeMarkup):
    """Markdown that would take longer to convert than any legal text (Python-Markdown
    reads `[` repeated 20,000 times in a minute: its link patterns scan ahead from each)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, needle="", hint="split the section, or remove the run of "
                                                  "brackets or markup characters")


class _Clock:
    """The deadline of the conversion under way; every block and inline step checks it."""

    deadline = float("inf")

    def timed(self, step: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(step)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            if time.monotonic() > self.deadline:
                raise TooCostly(f"the Markdown takes more than {MAX_MARKDOWN_SECONDS:g} "
                                "seconds to convert")
            return step(*args, **kwargs)

        return bounded


_CLOCK = _Clock()


def _bounded(md: markdown.Markdown) -> markdown.Markdown:
    """`md`, with the clock checked before every block processor and inline pattern."""
    for block in md.parser.blockprocessors:
        block.run = _CLOCK.timed(block.run)  # type: ignore[method-assign]
    for inline in md.inlinePatterns:
        inline.handleMatch = _CLOCK.timed(inline.handleMatch)  # type: ignore[method-assign]
    return md


# The sanitiser runs last, on every text the one converter produces (see `sanitize`).
_CONVERTER = _bounded(markdown.Markdown(extensions=[*EXTENSIONS, Sanitize()]))
_REFUSED: dict[str, TooCostly] = {}
"""Texts that ran out of time, so history meeting one at many commits pays once."""


@functools.lru_cache(maxsize=4096)
def to_html(text: str) -> str:
    """Render Markdown with the project's fixed extension set, within the budget.

    History meets the same section text at many commits, and building a
    converter costs more than converting a section: one converter, reset
    between uses, and results kept by text (a pure function, so never stale).
    """
    if text in _REFUSED:
        raise _REFUSED[text]
    try:
        return _convert(_CONVERTER, text)
    except TooCostly as exc:
        if len(_REFUSED) < 64:
            _REFUSED[text] = exc
        raise


def _convert(md: markdown.Markdown, text: str) -> str:
    if len(text) > MAX_MARKDOWN:
        raise TooCostly(f"the Markdown is longer than {MAX_MARKDOWN} characters")
    _CLOCK.deadline = time.monotonic() + MAX_MARKDOWN_SECONDS
    try:
        return md.reset().convert(text)
    finally:
        _CLOCK.deadline = float("inf")


def converter(extensions: list[Any], configs: dict[str, Any] | None = None,
              ) -> Callable[[str], str]:
    """A converter for Markdown that is not a section (a page in docs/), with the site's
    own extensions and raw HTML kept as the site publishes it, within the same budget."""
    md = _bounded(markdown.Markdown(extensions=extensions, extension_configs=configs or {}))
    return functools.partial(_convert, md)
