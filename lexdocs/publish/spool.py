"""A build's generated pages on disk as they are made, not in memory all at once.

A build makes every page before the engine writes any (a notice breach must stop
it while the last site is whole), and at 1,000 commits of real-sized policies the
version pages and redlines alone are 200 MB of text: held together, they made a
build's memory grow with each version. So a build writes each page to a temporary
file the moment it is made and keeps only where it is: `SpooledPage.content` reads
it back for whoever asks (the Zensical adapter, a test), and the MkDocs adapter
hands the engine a file that reads it when MkDocs gets to that page
(`lexdocs.publish.files.SpooledFile`). What remains in memory per version is its
metadata.

A `mkdocs serve` session does the same with a spool per build: its memo keeps last
build's pages as spooled pages (where they are and their digest, by which the
themed-page cache knows them), so an archived version's text is read again only
if MkDocs has to render its page; a spool goes when no kept page is in it.

One file for all pages, appended to: a file per page cost more system time than
the rest of what this saves (a thousand creations and removals). The file has no
name (the system removes it when it is closed, or when the process ends, however
it ends), and it is closed when nothing refers to its `PageSpool` any longer:
every spooled page, and every MkDocs file made from one, holds it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from lexdocs.publish.sitepage import PdfPage, SitePage


class PageSpool:
    """An unnamed temporary file that pages are appended to.

    `keyed` (a preview's spool) notes each page's digest as it is written: the themed
    page cache knows a page by it (`ThemedPageCache.key`), so a preview never reads an
    archived page back unless MkDocs has to render it. `folder` is where the file is
    made (a preview's lives as long as its session, so it goes in the project's cache
    folder, on disk: the system's temporary folder may be memory); the system's
    temporary folder if it is None or cannot take it."""

    def __init__(self, keyed: bool = False, folder: Path | None = None) -> None:
        try:
            self._file = tempfile.TemporaryFile(prefix="lexdocs-spool-", dir=folder)  # noqa: SIM115
        except OSError:
            if folder is None:
                raise
            self._file = tempfile.TemporaryFile(prefix="lexdocs-spool-")  # noqa: SIM115
        self._end = 0
        self.keyed = keyed

    SLICE = 1 << 18
    """Characters of a text encoded and written at once."""

    def keep(self, page: SitePage) -> SitePage:
        """`page` with its content written out; a PDF placeholder stays as it is."""
        if isinstance(page, PdfPage | SpooledPage):
            return page
        content = page.content
        if isinstance(content, bytes):
            digest = hashlib.sha256(content).hexdigest() if self.keyed else ""
            return SpooledPage(page.uri, self, *self.write(content), True, digest)
        return self.keep_text(page.uri, (content[i:i + self.SLICE]
                                         for i in range(0, len(content), self.SLICE)))

    def keep_text(self, uri: str, chunks: Iterable[str]) -> SpooledPage:
        """A text page written as its `chunks` come, a slice at a time: versions.json and
        the feed of a thousand versions are megabytes each, and their whole text with its
        UTF-8 copy was a build's peak of memory."""
        at, size = self._end, 0
        hashed = hashlib.sha256() if self.keyed else None

        def put(batch: list[str]) -> int:
            data = "".join(batch).encode("utf-8")
            if hashed is not None:
                hashed.update(data)
            return self.write(data)[1]

        batch: list[str] = []
        count = 0
        for chunk in chunks:
            batch.append(chunk)
            count += len(chunk)
            if count >= self.SLICE:
                size += put(batch)
                batch, count = [], 0
        if batch:
            size += put(batch)
        return SpooledPage(uri, self, at, size, False,
                           hashed.hexdigest() if hashed is not None else "")

    def write(self, data: bytes) -> tuple[int, int]:
        """Append `data`: where it starts, and its length."""
        at = self._end
        view = memoryview(data)
        while view:
            done = os.pwrite(self._file.fileno(), view, self._end)
            view = view[done:]
            self._end += done
        return at, len(data)

    def read(self, at: int, size: int) -> bytes:
        parts = []
        while size > 0:
            part = os.pread(self._file.fileno(), size, at)
            if not part:
                raise OSError(f"lexdocs' page spool ends before byte {at + size}")
            parts.append(part)
            at += len(part)
            size -= len(part)
        return b"".join(parts)

    def close(self) -> None:
        """Let the file go now (its pages can no longer be read)."""
        self._file.close()


class SpooledPage(SitePage):
    """A page whose content is in a `PageSpool`: read back on each use."""

    spool: PageSpool
    at: int
    size: int
    binary: bool

    def __init__(self, uri: str, spool: PageSpool, at: int, size: int, binary: bool,
                 digest: str = "") -> None:
        object.__setattr__(self, "uri", uri)
        object.__setattr__(self, "spool", spool)
        object.__setattr__(self, "at", at)
        object.__setattr__(self, "size", size)
        object.__setattr__(self, "binary", binary)
        object.__setattr__(self, "_digest", digest)

    def data(self) -> bytes:
        """The content's bytes (UTF-8 for text)."""
        return self.spool.read(self.at, self.size)

    @property
    def digest(self) -> str:
        """SHA-256 of the content's bytes, hex (noted when written to a keyed spool)."""
        found: str = self.__dict__["_digest"]
        if not found:
            found = hashlib.sha256(self.data()).hexdigest()
            object.__setattr__(self, "_digest", found)
        return found

    @property
    def content(self) -> str | bytes:
        data = self.data()
        return data if self.binary else data.decode("utf-8")

    def head(self, size: int) -> str:
        """The text's first `size` bytes or fewer (a character cut in two is left out):
        enough to read a page's front matter without reading the page."""
        return self.spool.read(self.at, min(size, self.size)).decode("utf-8", errors="ignore")

    def __repr__(self) -> str:
        return f"SpooledPage(uri={self.uri!r}, at={self.at}, size={self.size})"


class HtmlStash:
    """Generated pages' HTML (and what else the engine made of them, as bytes) between
    MkDocs' two passes over the pages.

    MkDocs converts every page to HTML before it themes and writes any, and keeps each
    page's HTML meanwhile: at 1,000 versions of a long policy that is most of a build's
    memory, growing with each version. The plugin puts a generated page's HTML here
    when MkDocs has converted it (keyed by the page's source path; MkDocs keeps an
    empty string) and takes it back just before the page is themed, before any other
    plugin sees it; so at any time one page's HTML is in memory, not every one's.
    """

    def __init__(self) -> None:
        self._spool: PageSpool | None = None
        self._at: dict[str, tuple[int, int, int]] = {}

    def put(self, key: str, html: str, extra: bytes = b"") -> None:
        if self._spool is None:
            self._spool = PageSpool()
        at, size = self._spool.write(html.encode("utf-8") + extra)
        self._at[key] = (at, size - len(extra), len(extra))

    def take(self, key: str) -> tuple[str, bytes] | None:
        """The HTML and bytes put under `key`, once; None if there are none."""
        where = self._at.pop(key, None)
        if where is None or self._spool is None:
            return None
        at, size, extra = where
        data = self._spool.read(at, size + extra)
        return data[:size].decode("utf-8"), data[size:]

    def clear(self) -> None:
        """The build is over (or failed): drop whatever is left."""
        self._at.clear()
        if self._spool is not None:
            self._spool.close()
            self._spool = None
