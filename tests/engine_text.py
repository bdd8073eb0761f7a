"""What a reader sees of a page: the text of the theme's `<article>`, whatever the engine."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_HIDDEN = ("script", "style", "template")


class _Article(HTMLParser):
    """Collects the text inside the page's `<article>`, without scripts and without the
    headings' permalink signs (the theme's `headerlink` anchors)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.stack: list[bool] = []  # per open element inside the article: hidden?
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if not self.depth or tag in ("br", "img", "hr", "input", "meta", "link", "wbr"):
            return
        classes = (dict(attrs).get("class") or "").split()
        hidden = tag in _HIDDEN or "headerlink" in classes
        self.stack.append(hidden or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag != "article" and self.stack:
            self.stack.pop()
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not (self.stack and self.stack[-1]):
            self.parts.append(data)


def reader_text(html: str) -> str:
    """The article's words, in order, with runs of white space as one space."""
    parser = _Article()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()
