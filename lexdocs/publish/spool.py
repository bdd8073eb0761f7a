"""A build's generated pages on disk as they are made, not in memory all at once.

A build makes every page before the engine writes any (a notice breach must stop
it while the last site is whole), and at 1,000 commits of real-sized policies the
version pages and redlines alone are 200 MB of text: held together, they made a
build's memory grow with each version. So a build (never a preview, whose memo
keeps last build's groups on purpose) writes each page to a temporary folder the
moment it is made and keeps only its path: `SpooledPage.content` reads it back
for whoever asks (the Zensical adapter, a test), and the MkDocs adapter hands the
engine the file itself (`lexdocs.publish.files`), which MkDocs reads one page at
a time. What remains in memory per version is its metadata.

The folder goes when nothing refers to it any longer: every spooled page, and
every MkDocs `File` made from one, holds its `PageSpool`.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path

from lexdocs.publish.pages import PdfPage, SitePage


class PageSpool:
    """A temporary folder of page files, removed when the last page of it is dropped
    (or the process ends)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="lexdocs-spool-"))
        self._count = 0
        self._done = weakref.finalize(self, shutil.rmtree, str(self.folder), True)

    def keep(self, page: SitePage) -> SitePage:
        """`page` with its content written out; a PDF placeholder stays as it is."""
        if isinstance(page, PdfPage | SpooledPage):
            return page
        content = page.content
        data = content.encode("utf-8") if isinstance(content, str) else content
        return SpooledPage(page.uri, self, self.write(data, Path(page.uri).suffix),
                           isinstance(content, bytes))

    def write(self, data: bytes, suffix: str = "") -> Path:
        """A new file of the folder holding `data`."""
        self._count += 1
        path = self.folder / f"{self._count}{suffix}"
        path.write_bytes(data)
        return path

    def remove(self) -> None:
        """Remove the folder now (its pages can no longer be read)."""
        self._done()


class SpooledPage(SitePage):
    """A page whose content is in a `PageSpool` file: read back on each use."""

    spool: PageSpool
    path: Path
    binary: bool

    def __init__(self, uri: str, spool: PageSpool, path: Path, binary: bool) -> None:
        object.__setattr__(self, "uri", uri)
        object.__setattr__(self, "spool", spool)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "binary", binary)

    @property
    def content(self) -> str | bytes:
        data = self.path.read_bytes()
        return data if self.binary else data.decode("utf-8")

    def __repr__(self) -> str:
        return f"SpooledPage(uri={self.uri!r}, path={str(self.path)!r})"


class HtmlStash:
    """Generated pages' HTML between MkDocs' two passes over the pages.

    MkDocs converts every page to HTML before it themes and writes any, and keeps each
    page's HTML meanwhile: at 1,000 versions of a long policy that is most of a build's
    memory, growing with each version. The plugin puts a generated page's HTML here
    when MkDocs has converted it (keyed by the page's source path; MkDocs keeps an
    empty string) and takes it back just before the page is themed, before any other
    plugin sees it; so at any time one page's HTML is in memory, not every one's.
    """

    def __init__(self) -> None:
        self._spool: PageSpool | None = None
        self._at: dict[str, Path] = {}

    def put(self, key: str, html: str) -> None:
        if self._spool is None:
            self._spool = PageSpool()
        self._at[key] = self._spool.write(html.encode("utf-8"))

    def take(self, key: str) -> str | None:
        """The HTML put under `key`, once; None if there is none."""
        path = self._at.pop(key, None)
        if path is None:
            return None
        html = path.read_bytes().decode("utf-8")
        path.unlink()
        return html

    def clear(self) -> None:
        """The build is over (or failed): drop whatever is left."""
        self._at.clear()
        if self._spool is not None:
            self._spool.remove()
            self._spool = None
