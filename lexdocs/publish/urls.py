"""Every public address of the site, built in one place.

Pages link to each other, versions.json and the feeds give absolute URLs, and
notices point readers at a redline: all of them ask this module, so a path
changes in one place or nowhere. The ids in these paths are permanent: a
version's page and its redline never move once published.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

SITE_FEED = "feed.xml"
VERSIONS_JSON = "versions.json"
VERSIONS_SCHEMA = "schema/versions-1.json"


@dataclass(frozen=True)
class Urls:
    """Where each generated file of one document lives, relative to the docs folder."""

    slug: str

    @property
    def page(self) -> str:
        return f"{self.slug}/index.md"

    @property
    def history(self) -> str:
        return f"{self.slug}/history/index.md"

    @property
    def feed(self) -> str:
        """At the site root, beside `feed.xml`: the theme (mkdocs-material) reads every
        `<link rel="alternate">` as a translation and fetches `sitemap.xml` beside it,
        which exists only at the root."""
        return f"feed-{self.slug}.xml"

    def version(self, vid: str) -> str:
        return f"{self.slug}/versions/{vid}/index.md"

    def pdf(self, vid: str) -> str:
        return f"{self.slug}/versions/{vid}.pdf"

    def changes(self, old: str, new: str) -> str:
        return f"{self.slug}/changes/{old}...{new}/index.md"

    def notice(self, old: str, new: str, ext: str) -> str:
        """The reader notice published beside a redline (`ext`: txt, html or json)."""
        return f"{self.slug}/changes/{old}...{new}/notice.{ext}"


def url_of(uri: str) -> str:
    """The public path of a generated file (directory URLs for pages)."""
    if uri.endswith("index.md"):
        return uri[: -len("index.md")]
    return uri


@functools.lru_cache(maxsize=32768)
def rel(src: str, dst: str, directory_urls: bool = True) -> str:
    """A link from page `src` to file `dst`, both docs-relative; a page's folder keeps
    its slash, so a link works without the server's redirect. A site that links its
    pages as files (MkDocs' `use_directory_urls: false`: read from a file:// copy, or
    from a host that serves no index of a folder) links each page's `index.html`.
    Memoized (pure in its strings): posixpath.relpath is slow, and a rebuild of a
    long history asks for the same eight thousand links again."""
    if not directory_urls and dst.endswith("index.md"):
        return posixpath.relpath(dst[: -len("md")] + "html", posixpath.dirname(src) or ".")
    target = url_of(dst)
    link = posixpath.relpath(target or ".", posixpath.dirname(src) or ".")
    if (target.endswith("/") or not target) and not link.endswith("/"):
        link += "/"
    return link


def absolute(site_url: str, uri: str) -> str:
    """A permanent public URL: site_url plus the path (site-relative without a site_url)."""
    path = url_of(uri)
    if not site_url:
        return "/" + path
    return site_url.rstrip("/") + "/" + path
