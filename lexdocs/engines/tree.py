"""The whole site's content as one tree, with no engine object in it.

What lexdocs publishes is decided here once, for every engine: each page's
Markdown (its metadata, title, dates, feed links, in front matter the themes
read), versions.json, the feeds, the notices, the redline pages, each version's
PDF, the menu entries and the theme assets lexdocs adds. An engine adapter only
hands this tree to its engine: the MkDocs and ProperDocs plugin as `File`s
(`lexdocs.publish.files`), the Zensical adapter as a docs folder it writes
(`lexdocs.engines.zensical`). Nothing here knows an engine.
"""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lexdocs.cache import code_fingerprint
from lexdocs.checks import publishing
from lexdocs.config import Options
from lexdocs.errors import CheckError
from lexdocs.pipeline import Caches, publishable_timelines
from lexdocs.publish import prune
from lexdocs.publish.memo import RenderMemo
from lexdocs.publish.output import DeferredPdfs, ThemedPageCache
from lexdocs.publish.sitepage import Group, PdfPage, navigation
from lexdocs.publish.spool import SpooledPage
from lexdocs.publish.theming import THEME, Theme
from lexdocs.review.notice import Timeline
from lexdocs.sources.snapshot import Snapshot, working_snapshot

ASSETS_CSS = ("assets/lexdocs/lexdocs.css", "assets/lexdocs/print.css")
ASSETS_JS = ("assets/lexdocs/lexdocs.js",)

Content = str | bytes | Path | SpooledPage
"""A file's text, its bytes, the file to copy them from (a cached PDF), or the page
in a spool that holds them (`lexdocs.publish.spool`: read when the file is written)."""


@dataclass
class ContentTree:
    """Every file lexdocs adds to the site, by its path under the docs folder."""

    groups: list[Group]
    """The pages, grouped by what they are made from (see `SiteBuilder.groups`)."""
    pdfs: Mapping[str, Path | bytes]
    """Each PDF page's cache file or bytes; a PDF missing here is left out (a preview)."""
    nav: list[dict[str, str]]
    """The menu: home and each document, in the configured order."""
    assets: tuple[tuple[str, Path], ...] = field(
        default_factory=lambda: tuple((uri, THEME / uri) for uri in (*ASSETS_CSS, *ASSETS_JS)))
    """The stylesheets and script lexdocs' pages need, as packaged files."""
    today: dt.date | None = None
    left_out: int = 0
    """PDFs left out of a preview, made by the next build."""
    cache_root: Path | None = None
    """The project's `.cache/lexdocs`, None when git tracks it (then nothing on disk is
    trusted): where an engine may keep its own cache between builds."""

    def files(self) -> Iterator[tuple[str, Content]]:
        """Every file of the tree, pages first, then PDFs and assets."""
        for group in self.groups:
            for page in group:
                if page.uri in self.pdfs:
                    yield page.uri, self.pdfs[page.uri]
                elif isinstance(page, SpooledPage):
                    yield page.uri, page
                elif not isinstance(page, PdfPage):
                    yield page.uri, page.content
        yield from self.assets


def unsearched(markdown: str) -> bool:
    """True for a page kept out of the search index (its front matter says so): a
    version page or a redline, which an engine's search need not see rendered."""
    if not markdown.startswith("---\n"):
        return False
    end = markdown.find("\n---\n", 3)
    return end > 0 and '\nsearch: {"exclude": true}\n' in markdown[3:end + 1]


def page_cache(caches: Caches, opts: Options) -> tuple[ThemedPageCache, Path | None]:
    """The cache of themed pages a preview reuses, whichever engine themes them (each
    key holds the engine's own context, so one folder serves all): `.cache/lexdocs/pages`
    unless git tracks `.cache` (a page that came in through a commit could be forged),
    else a folder of the session's own, returned second for the caller to remove."""
    caches.open(opts)  # git is asked once; the pipeline reuses the answer
    if caches.folder is not None:
        return ThemedPageCache(caches.folder / "pages"), None
    scratch = Path(tempfile.mkdtemp(prefix="lexdocs-pages-"))
    return ThemedPageCache(scratch), scratch


@functools.lru_cache(maxsize=8)
def code_versions(*packages: str) -> str:
    """What shapes a themed page besides the site's own files: lexdocs' code (every module
    and template) and the versions of the engine's `packages`. A cached page outlives its
    session, so one themed before an upgrade or an edit of lexdocs is never reused.
    Asked once per process (a preview asks on every save, and the package index takes
    milliseconds to read): a package upgraded during a preview is seen by the next one."""
    parts = [f"lexdocs={code_fingerprint()}"]
    for name in packages:
        try:
            parts.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name}=none")
    return " ".join(parts)


def local_links(html: str, site_url: str, page_url: str) -> str:
    """A page body's links to our own public address, made relative: they stay on this
    site, and in a local preview. `page_url` is the page's URL under the site
    ("privacy/history/"; "" for the home page)."""
    base = site_url.rstrip("/") + "/"
    if len(base) <= 1:
        return html
    up = "../" * page_url.count("/") or "./"
    return html.replace(f'href="{base}', f'href="{up}')


def document_line(name: str, t: Timeline, today: dt.date) -> str:
    """The one line a build prints per document: its versions, and what it shows."""
    current = t.current(today)
    line = (f"{name}: {len(t.notices)} version(s); in force: "
            f"{current.version.id if current else 'none'}")
    upcoming = ", ".join(f"{n.version.id} from {n.effective}" for n in t.upcoming(today))
    if upcoming:
        line += f"; upcoming: {upcoming}"
    if t.history.draft:
        line += "; showing the uncommitted draft"
    drafts = sum(1 for f in t.findings if f.draft)
    if drafts:
        line += f" ({drafts} problem(s) in it: 'lexdocs check')"
    return line


def content_tree(opts: Options, theme: Theme, *, info: Callable[[str], None],
                 debug: Callable[[str], None], caches: Caches | None = None,
                 snapshot: Snapshot | None = None, memo: RenderMemo | None = None,
                 render_pdfs: bool = True,
                 pages_made: Callable[[], None] | None = None,
                 warn: Callable[[str], None] | None = None) -> ContentTree:
    """Sources → history → review → publish, for one build day: the whole tree, or a
    `LexdocsError` before anything is written (a breach of notice stops it here).

    `render_pdfs` False (a preview) leaves out every PDF the cache lacks; `pages_made`
    is called once the pages are made, before the PDFs (a build lets its caches go).
    `warn` is told what a strict build must refuse (starter text still published); without
    it, that is said through `info` like the rest."""
    caches = caches or Caches()
    snapshot = snapshot or working_snapshot(opts.project, opts.source_dir, opts.documents)
    nav = navigation(snapshot)
    timelines, today = publishable_timelines(opts, debug, caches, snapshot)
    for name, t in timelines.items():
        info(document_line(name, t, today))
    for f in (*publishing.findings(opts.project, opts.tz, timelines, today),
              *publishing.unlisted(opts.project, opts.source_dir, opts.documents)):
        # A schedule that may lapse is said, never a failure: the notice itself is right.
        say = (warn or info) if f.severity == "error" else info
        say(str(f))
    builder = DeferredPdfs(opts, timelines, today, theme, memo)
    builder.cache_root = caches.folder  # git was asked once, by the pipeline
    groups = builder.groups()
    # The PDFs render in other processes: what made the pages need not wait for them.
    del timelines, caches, snapshot
    builder.timelines = {}
    if pages_made is not None:
        pages_made()
    prune.hold(builder.cache_root)  # before any entry is looked up: see publish.prune
    pdfs = builder.resolve(render=render_pdfs)
    if render_pdfs:
        prune.this_build(builder.cache_root, pdfs.values())
    return ContentTree(groups, pdfs, nav, today=today, left_out=builder.left_out,
                       cache_root=builder.cache_root)


def page_html(uri: str, directory_urls: bool) -> tuple[str, str]:
    """Where the engine writes a page's HTML, and the page's URL under the site."""
    stem = uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        url = stem[: -len("index")]
        return url + "index.html", url
    if directory_urls:
        return stem + "/index.html", stem + "/"
    return stem + ".html", stem + ".html"


def refuse_shadowed(docs_dir: Path, tree: ContentTree, directory_urls: bool) -> None:
    """Stop where a file of docs/ would be published at the address of a page lexdocs
    makes. `lexdocs import docs/privacy.md --as privacy` leaves the old page, and
    `privacy.md` and the generated `privacy/index.md` both became `privacy/index.html`:
    whichever the engine wrote last was published, and the search index held both, the
    frozen old text beside the one in force (a file at the very same path, such as the
    home page `index.md` a Zensical site keeps, is replaced as intended)."""
    if not docs_dir.is_dir():
        return
    ours: dict[str, str] = {}
    for uri, _content in tree.files():
        ours[_published_at(uri, directory_urls)] = uri
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir).as_posix()
        where = _published_at(rel, directory_urls)
        if where in ours and ours[where] != rel and path.is_file():
            address = where.removesuffix("index.html") or "the home page"
            raise CheckError(f"published at '{address}', where lexdocs publishes its own page "
                             "(a page has one source: delete this file, or move it)",
                             path=f"{docs_dir.name}/{rel}")


_MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def _published_at(uri: str, directory_urls: bool) -> str:
    """Where an engine publishes a file of the docs folder (a README is its folder's
    index, as MkDocs takes it)."""
    if not uri.endswith(_MARKDOWN):
        return uri
    folder, _, name = uri.rsplit(".", 1)[0].rpartition("/")
    name = "index" if name == "README" else name
    return page_html(f"{folder}/{name}.md" if folder else f"{name}.md", directory_urls)[0]
