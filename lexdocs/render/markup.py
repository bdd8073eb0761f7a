"""Markdown → HTML → what a reader sees.

"Did the published text change?" and "which words changed?" are both
questions about what a reader sees, not about Markdown source: rewrapping a
paragraph changes the source but not the page. One fixed Markdown
configuration here gives the canonical HTML and the plain-text blocks
(paragraphs, list items, headings, cells) that dates and redlines work on.
"""

from __future__ import annotations

import functools
import hashlib
import re
from html.parser import HTMLParser

import markdown
from markdown.extensions import Extension

from lexdocs.render.sanitize import Sanitize


class _NoRawHtml(Extension):
    """Raw HTML in a section is shown as text: a section can never carry a script."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


# The same extensions mkdocs.yml enables for content, so what we compare is what is published.
EXTENSIONS: list[str | Extension] = ["tables", "attr_list", "sane_lists", _NoRawHtml()]
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "pre",
           "blockquote", "caption"}
_WS = re.compile(r"\s+")


# The sanitiser runs last, on every text the one converter produces (see `sanitize`).
_CONVERTER = markdown.Markdown(extensions=[*EXTENSIONS, Sanitize()])


@functools.lru_cache(maxsize=4096)
def to_html(text: str) -> str:
    """Render Markdown with the project's fixed extension set.

    History meets the same section text at many commits, and building a
    converter costs more than converting a section: one converter, reset
    between uses, and results kept by text (a pure function, so never stale).
    """
    return _CONVERTER.reset().convert(text)


def canonical(html: str) -> str:
    """HTML with white space folded: equal for any two sources a reader cannot tell apart."""
    html = re.sub(r">\s+<", "><", html)
    return _WS.sub(" ", html).strip()


def fingerprint(html: str) -> str:
    """SHA-256 of the canonical HTML: the identity of a published text."""
    return hashlib.sha256(canonical(html).encode("utf-8")).hexdigest()


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []

    def flush(self) -> None:
        text = _WS.sub(" ", "".join(self.current)).strip()
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS or tag in ("ul", "ol", "table", "tr", "br", "hr"):
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS or tag in ("ul", "ol", "table", "tr"):
            self.flush()

    def handle_data(self, data: str) -> None:
        self.current.append(data)


def blocks(html: str) -> list[str]:
    """The visible text of `html`, one string per paragraph, list item, heading or cell."""
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.blocks


def plain_text(html: str) -> str:
    """Visible text with blocks separated by blank lines (for fidelity and readability)."""
    return "\n\n".join(blocks(html))
