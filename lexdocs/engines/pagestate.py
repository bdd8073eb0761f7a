"""What MkDocs keeps of a generated page between its two passes, and after it.

MkDocs converts every page before it themes and writes any (`_populate_page`, then
`_build_page`), and keeps each page's HTML, table of contents and anchor links until
the build ends. At thousands of version and redline pages that state grows with every
version, though a page needs its HTML and contents only while it is themed. So a
generated page's HTML and table of contents are put aside on disk (`HtmlStash`) as
soon as MkDocs has converted it and given back just before it is themed, before any
other plugin reads them; once written, the page keeps only what a later page or the
link check can ask for.

The links a page makes to its own anchors are checked here, as MkDocs would check
them after the build: the ones that hold are dropped (each page's own headings made
thousands of entries), and any that does not is left for MkDocs to report, at the
level `validation.anchors` sets. Links to other pages stay for MkDocs to check.
"""

from __future__ import annotations

import pickle

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from lexdocs.publish.spool import HtmlStash

__all__ = ["PageState"]


class PageState:
    """What the plugin puts aside of its generated pages during one build."""

    def __init__(self) -> None:
        self.stash = HtmlStash()
        self._anchors: dict[frozenset[str], set[str]] = {}

    def put_aside(self, page: Page, html: str) -> str:
        """Move a generated page's source, HTML and table of contents out of memory; what
        MkDocs keeps of the page meanwhile is returned (its HTML: empty)."""
        page.file.content_bytes = b""
        page.markdown = ""  # not None: MkDocs reads a None source as "no title"
        self.stash.put(page.file.src_uri, html,
                       pickle.dumps(page.toc, pickle.HIGHEST_PROTOCOL))
        page.toc = TableOfContents([])
        _settle_own_anchors(page)
        if page.present_anchor_ids is not None:
            # Every version of a document has much the same headings: one set serves all
            # the pages that have the same ids (MkDocs only asks it what it holds).
            ids = frozenset(page.present_anchor_ids)
            page.present_anchor_ids = self._anchors.setdefault(ids, set(ids))
        return ""

    def take_back(self, page: Page) -> None:
        """Give a generated page back what `put_aside` moved, for its theme."""
        kept = self.stash.take(page.file.src_uri)
        if kept is not None:
            page.content, toc = kept
            if toc:
                page.toc = pickle.loads(toc)  # our own bytes, written in this build

    @staticmethod
    def written(page: Page) -> None:
        """A generated page is on disk: keep only its title, address and anchors."""
        page.markdown = ""
        page.content = None
        page.file.content_bytes = b""
        page.toc = TableOfContents([])

    def clear(self) -> None:
        """The build is over (or failed)."""
        self.stash.clear()
        self._anchors.clear()


def _settle_own_anchors(page: Page) -> None:
    links = page.links_to_anchors
    present = page.present_anchor_ids
    if not links or present is None or page.file not in links:
        return
    broken = {a: url for a, url in links[page.file].items() if a not in present}
    if broken:
        links[page.file] = broken  # MkDocs reports these after the build
    else:
        del links[page.file]
