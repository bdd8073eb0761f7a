"""What a generated page is, before any is made: its file, its front matter, its place
in the menu.

pages.py makes the pages; the spool, the engine adapters and the outputs only carry
them. Keeping the page's own types here lets those read a page without importing
the machinery that makes one.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from markupsafe import escape

from lexdocs.publish.urls import Urls
from lexdocs.sources.snapshot import Snapshot

__all__ = ["Day", "Group", "Link", "PdfPage", "SitePage", "front_matter", "navigation"]


@dataclass(frozen=True)
class SitePage:
    """One generated file: `uri` relative to the docs folder."""

    uri: str
    content: str | bytes


@dataclass(frozen=True)
class PdfPage(SitePage):
    """A version's PDF still to be made (`content` empty), from `inputs` (`pdf_inputs`)."""

    inputs: tuple[tuple[str, str], ...] = ()


Group = tuple[SitePage, ...]
"""Pages that change together. Under a preview memo, a group whose inputs are equal
to last build's is last build's very tuple, so what is made from it can be reused."""


@dataclass(frozen=True)
class Link:
    """A link in a document's header."""

    href: str
    text: str
    type: str = ""
    download: bool = False


@dataclass(frozen=True)
class Day:
    """A date as a page shows it: machine-readable and in the reader's language."""

    iso: str
    text: str


def navigation(snapshot: Snapshot) -> list[dict[str, str]]:
    """Home and each document, in the configured order: history, versions and redlines
    are reached from each document's header, not from a menu of dated folders.
    The theme prints menu titles as they are, so a title is escaped here."""
    nav = [{"Home": "index.md"}]
    for doc in snapshot.documents.values():
        nav.append({str(escape(doc.title)): Urls(doc.slug).page})
    return nav


@functools.lru_cache(maxsize=8192)
def front_matter(title: str, description: str = "", unsearched: bool = False,
                 wide: bool = False, **extra: str) -> str:
    """Page meta for the theme. The theme prints `title` unescaped into `<title>` and the
    header, so it is HTML-escaped here with the templates' own escaper (markupsafe);
    JSON strings are valid YAML, whatever they hold. Memoized (a pure function of
    strings): every version page of a document repeats the same few.

    `unsearched` keeps the page out of the search index (`search: {exclude: true}`, read
    by the theme's search plugin): a version page or a redline repeats sentences the
    page in force already holds, and a search should find each sentence once. `wide`
    gives a page of tables (home, history) the table-of-contents column it has no use
    for (`hide: [toc]`), so a table's columns are not squeezed at 1280 px."""
    meta: dict[str, object] = {
        "title": str(escape(title)), **({"description": description} if description else {}),
        **extra, **({"search": {"exclude": True}} if unsearched else {})}
    if wide:
        meta["hide"] = ["toc"]
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "\n".join(["---", *lines, "---", "", ""])
