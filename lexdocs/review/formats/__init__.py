"""A redline for each place people read it: the site (HTML), a pull request
(Markdown), a terminal (rich) and tools (JSON).

Every word shown here may come from anyone who can open a pull request, so
user text is escaped for each medium and never becomes markup: HTML-escaped,
Markdown-escaped, or appended to `rich.text.Text` (which does not parse markup).
Insertions and deletions are marked by more than colour in every format: the
site announces them to screen readers and underlines / strikes them (CSS), the
terminal adds `{+ +}` / `[- -]`, Markdown uses bold / strikethrough.
Words whose link target (or marks) changed carry `(link: old → new)` right
after them in every format, and JSON lists each such link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lexdocs.review.formats.as_html import to_html
from lexdocs.review.formats.as_json import links_of, to_json
from lexdocs.review.formats.as_markdown import md_escape, md_rows, to_markdown
from lexdocs.review.formats.common import CONTEXT_WORDS, after_badge, rows_of, summary

if TYPE_CHECKING:
    from lexdocs.review.formats.as_terminal import term_rows, terminal_renderable, to_terminal

__all__ = ["CONTEXT_WORDS", "after_badge", "links_of", "md_escape", "md_rows", "rows_of",
           "summary", "term_rows", "terminal_renderable", "to_html", "to_json", "to_markdown",
           "to_terminal"]


def __getattr__(name: str) -> Any:
    """The terminal's formats on first use: they need rich, which a build (every page,
    feed and PDF of a site) never uses, and whose import was a tenth of what the plugin
    added to each `mkdocs build`."""
    if name in ("term_rows", "terminal_renderable", "to_terminal"):
        from lexdocs.review.formats import as_terminal
        return getattr(as_terminal, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
