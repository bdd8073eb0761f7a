"""The generated pages as MkDocs files: themed pages reused, and whole groups under serve.

`mkdocs build` gets one `File` per page. Under `mkdocs serve` a page whose
themed HTML is in the `ThemedPageCache` is not rendered again: its Markdown
stays, excluded, so links to it still resolve, and the HTML is copied (or left
in place by `PreviewSite`) where MkDocs would have written it.

A save leaves the archive of a long history as it was: `SiteBuilder.groups`
gives back last build's very group of pages, and when every file made from it
was static (nothing for MkDocs to render), its `File` objects are handed to
MkDocs again as they are, instead of two thousand being made, keyed, looked up
in the page cache and compared once more. They are reused only within one serve
session, for the same site folder, page-cache context and PDFs, and only after a
build that succeeded (`GeneratedFiles.forget` drops them when one fails).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import is_markdown_file

from lexdocs.publish.output import ThemedPageCache
from lexdocs.publish.preview import KeptFile, PreviewSite
from lexdocs.publish.sitepage import Group, PdfPage, SitePage
from lexdocs.publish.spool import SpooledPage


@dataclass
class Made:
    """What `GeneratedFiles.add` did, for the plugin's later events and its log line."""

    page_keys: dict[str, str] = field(default_factory=dict)
    """Pages MkDocs renders this time that the page cache should keep: src_uri → key."""
    reused: int = 0
    """Pages whose themed HTML came from the cache."""


class GeneratedFiles:
    """Files for the generated pages, remembered by group for a serve session."""

    def __init__(self) -> None:
        # group's first uri -> (group, context, files): this build's and the last one's
        self._now: dict[str, tuple[Group, tuple[object, ...], list[File]]] = {}
        self._last: dict[str, tuple[Group, tuple[object, ...], list[File]]] = {}

    def add(self, files: Files, config: MkDocsConfig, groups: list[Group],
            pdfs: Mapping[str, Path | bytes], themed: ThemedPageCache | None,
            site: PreviewSite | None) -> Made:
        """Put a file for every page of `groups` in `files`, in place of any the docs
        folder has at the same path. `pdfs` gives each PDF page's cache file or bytes
        (a PDF missing from it is left out of a preview)."""
        made = Made()
        self._last, self._now = self._now, {}
        for group in groups:
            if site is None:
                made_here = self._make(config, group, pdfs, themed, site, made)
            else:
                made_here = self._reuse(config, group, pdfs, themed, site, made)
            for f in made_here:
                existing = files.src_uris.get(f.src_uri)
                if existing is not None:
                    files.remove(existing)
                files.append(f)
        return made

    def forget(self) -> None:
        """A build failed: make every file afresh next time."""
        self._now, self._last = {}, {}

    def ready_next(self, config: MkDocsConfig, groups: list[Group],
                   pdfs: Mapping[str, Path | bytes], themed: ThemedPageCache,
                   site: PreviewSite) -> int:
        """After a preview build that succeeded, make the files of each group MkDocs
        rendered in it, now that its pages are in the page cache: the next save finds
        them ready instead of making them (the first save of a session would make two
        thousand). How many groups were made ready."""
        ready = 0
        for group in groups:
            if group[0].uri not in self._now:
                made = Made()
                out = self._make(config, group, pdfs, themed, site, made)
                ready += self._keep(config, group, pdfs, themed, out, made)
        return ready

    def _reuse(self, config: MkDocsConfig, group: Group, pdfs: Mapping[str, Path | bytes],
               themed: ThemedPageCache | None, site: PreviewSite, made: Made) -> list[File]:
        """Last build's files for this very group, if nothing about them changed and
        MkDocs renders none of them; else new ones, kept for next time if it renders none."""
        name = group[0].uri
        last = self._last.get(name)
        if last is not None and last[0] is group and last[1] == _context(
                config, group, pdfs, themed):
            self._now[name] = last
            for f in last[2]:
                if isinstance(f, KeptFile):
                    site.want(f)
                elif f.inclusion is InclusionLevel.EXCLUDED:
                    made.reused += 1
            return last[2]
        out = self._make(config, group, pdfs, themed, site, made)
        self._keep(config, group, pdfs, themed, out, made)
        return out

    def _keep(self, config: MkDocsConfig, group: Group, pdfs: Mapping[str, Path | bytes],
              themed: ThemedPageCache | None, out: list[File], made: Made) -> bool:
        """Keep `out` for the next build if MkDocs renders none of it (a rendered page's
        `File` gets a page of this build's, which must not outlive it)."""
        if any(f.is_documentation_page() and f.inclusion is not InclusionLevel.EXCLUDED
               for f in out):
            return False
        self._now[group[0].uri] = (group, _context(config, group, pdfs, themed), out)
        return True

    def _make(self, config: MkDocsConfig, group: Group, pdfs: Mapping[str, Path | bytes],
              themed: ThemedPageCache | None, site: PreviewSite | None,
              made: Made) -> list[File]:
        out: list[File] = []
        for page in group:
            if page.uri in pdfs:
                source = pdfs[page.uri]
                if isinstance(source, Path) and site is not None:
                    out.append(site.file(config, page.uri, source, f"pdf:{source}"))
                elif isinstance(source, Path):
                    out.append(File.generated(config, page.uri, abs_src_path=str(source)))
                else:
                    out.append(File.generated(config, page.uri, content=source))
            elif isinstance(page, PdfPage):
                continue  # a PDF left out of a preview
            elif themed is not None and page.uri.endswith("index.md") and _text(page):
                # A spooled page is known by its digest: its text is read only if MkDocs
                # renders it (then the page cache keeps its themed HTML for next time).
                key = themed.key(page.uri, page if isinstance(page, SpooledPage)
                                 else str(page.content))
                hit = themed.get(key)
                if hit is not None:
                    # The Markdown stays, excluded, so links to it still resolve without
                    # MkDocs rendering it; the themed HTML is copied where it would go.
                    made.reused += 1
                    html_uri = page.uri[: -len(".md")] + ".html"
                    out.append(_file(config, page, InclusionLevel.EXCLUDED))
                    out.append(site.file(config, html_uri, hit, key) if site is not None
                               else File.generated(config, html_uri, abs_src_path=str(hit)))
                else:
                    made.page_keys[page.uri] = key
                    out.append(_file(config, page))
            elif site is not None and not is_markdown_file(page.uri):
                out.append(site.text(config, page.uri, page.content))
            else:
                out.append(_file(config, page))
        return out


def _text(page: SitePage) -> bool:
    """True if the page is text (Markdown), not bytes."""
    return not page.binary if isinstance(page, SpooledPage) else isinstance(page.content, str)


def _file(config: MkDocsConfig, page: SitePage,
          inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
    """The MkDocs file of a page: read from the spool when MkDocs reads it, if spooled."""
    if isinstance(page, SpooledPage):
        return SpooledFile.of(config, page, inclusion)
    return File.generated(config, page.uri, content=page.content, inclusion=inclusion)


class SpooledFile(File):
    """A generated page MkDocs reads from the page spool when it gets to it (see
    `lexdocs.publish.spool`): a build holds one page's text at a time, not all.

    It gives back exactly the text the page was made with, as in-memory content would,
    and a static file is written byte for byte. Once the plugin has set its content
    (to let go of a converted page's source), it is an ordinary generated file."""

    spooled: SpooledPage | None = None

    @classmethod
    def of(cls, config: MkDocsConfig, page: SpooledPage,
           inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> SpooledFile:
        f = cls.generated(config, page.uri, content=b"", inclusion=inclusion)
        assert isinstance(f, SpooledFile)
        f._content = None  # read from the spool, below
        f.spooled = page  # which holds the spool: it stays while MkDocs may read it
        return f

    @property
    def content_bytes(self) -> bytes:
        if self._content is None and self.spooled is not None:
            return self.spooled.data()
        return File.content_bytes.fget(self)  # type: ignore[attr-defined,no-any-return]

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_string(self) -> str:
        if self._content is None and self.spooled is not None:
            return self.spooled.data().decode("utf-8")
        return File.content_string.fget(self)  # type: ignore[attr-defined,no-any-return]

    @content_string.setter
    def content_string(self, value: str) -> None:
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    def copy_file(self, dirty: bool = False) -> None:
        if self._content is not None or self.spooled is None:
            return super().copy_file(dirty)
        output = self.abs_dest_path
        os.makedirs(os.path.dirname(output), exist_ok=True)
        with open(output, "wb") as out:
            out.write(self.spooled.data())

    def is_modified(self) -> bool:
        return self._content is not None or self.spooled is not None or super().is_modified()


def _context(config: MkDocsConfig, group: Group, pdfs: Mapping[str, Path | bytes],
             themed: ThemedPageCache | None) -> tuple[object, ...]:
    """Everything besides the group that its files are made from."""
    sources = tuple(pdfs.get(p.uri) for p in group if isinstance(p, PdfPage))
    return (themed.context if themed else None, config.site_dir, config.use_directory_urls,
            sources)
