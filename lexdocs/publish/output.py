"""Writing the site: whole or not at all, PDFs in parallel, and unchanged pages reused.

The plugin calls these from MkDocs' events; each answers one question about
output that pages.py (what a page says) should not have to know:

- `StagedSite`: a build writes into a folder beside `site_dir`, and the folder
  is swapped in only when the build succeeded. A reader of a served folder,
  or a deploy step after a killed CI job, never sees half a site.
- `DeferredPdfs`: the site's pages, with each version's PDF taken from the
  verified cache by path (copied from the publication record, or rendered in
  parallel, if missing), so no PDF's bytes are held in memory; under
  `mkdocs serve` a missing PDF is left out rather than rendered, so a save
  never waits for WeasyPrint.
- `ThemedPageCache`: under `mkdocs serve`, the themed HTML of a page whose
  Markdown and surroundings are unchanged, copied instead of rendered again.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import functools
import hashlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

from lexdocs.cache import make_folder
from lexdocs.config import Options
from lexdocs.history.versions import CACHE_DIR
from lexdocs.publish import prune
from lexdocs.publish.memo import RenderMemo
from lexdocs.publish.pages import SiteBuilder
from lexdocs.publish.sitepage import Group, PdfPage, SitePage
from lexdocs.publish.spool import PageSpool, SpooledPage
from lexdocs.publish.theming import Theme
from lexdocs.publish.urls import Urls
from lexdocs.review.notice import Timeline, VersionNotice

log = logging.getLogger("lexdocs")

_STAGE = ".lexdocs-build-"
_OLD = ".lexdocs-old-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class StagedSite:
    """A build folder beside the real `site_dir`, swapped in on success.

    The folder sits in the same parent so the swap is a rename on one file
    system; its name carries the process id, so a folder left by a killed build
    is recognised and removed by the next one.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        self.stage = beside(target, _STAGE)
        remove_leftovers(target)
        shutil.rmtree(self.stage, ignore_errors=True)
        self.stage.mkdir(parents=True)

    def commit(self) -> None:
        """Put the staged folder where the site was, in one atomic exchange when possible."""
        if not self.stage.exists():
            return
        if self.target.is_dir() and not self.target.is_symlink() and _exchange(self.stage,
                                                                                 self.target):
            shutil.rmtree(self.stage, ignore_errors=True)
            return
        old = self.target.parent / f".{self.target.name}{_OLD}{os.getpid()}"
        if self.target.exists() or self.target.is_symlink():
            os.replace(self.target, old)
        os.replace(self.stage, self.target)
        shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Forget the staged folder; the previous site was never touched."""
        shutil.rmtree(self.stage, ignore_errors=True)


# Every folder lexdocs puts beside a site: a build's stage, a replaced site, and the
# work folder of an engine without a plugin API (lexdocs.engines.zensical).
ENGINE_WORK = ".lexdocs-zensical-"
WORK_MARKS = (_STAGE, _OLD, ENGINE_WORK)


def beside(target: Path, mark: str) -> Path:
    """This process's folder of kind `mark` beside `target`: its name ends in the
    process id, so the next build can tell a folder left by a killed one."""
    return target.parent / f".{target.name}{mark}{os.getpid()}"


def remove_leftovers(target: Path) -> None:
    """Remove the folders beside `target` that a process no longer running left."""
    prefix = f".{target.name}"
    if not target.parent.is_dir():
        return
    for entry in target.parent.iterdir():
        name = entry.name
        for mark in WORK_MARKS:
            if name.startswith(prefix + mark) and not _alive(name.rsplit("-", 1)[-1]):
                shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: str) -> bool:
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2); False where the system cannot."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(done == 0)


class DeferredPdfs(SiteBuilder):
    """SiteBuilder whose PDF pages are placeholders, filled in by `resolve`.

    Rendering one PDF at a time inside page assembly would serialise the
    slowest step of a build; collecting the jobs first lets them run in
    parallel and lets the site copy each from its cache file.
    """

    def __init__(self, options: Options, timelines: dict[str, Timeline],
                 today: dt.date, theme: Theme | None = None,
                 memo: RenderMemo | None = None) -> None:
        super().__init__(options, timelines, today, theme, memo)
        if memo is None or memo.spools:  # see lexdocs.publish.spool
            self.spool = PageSpool(keyed=memo is not None,
                                   folder=memo.spool_dir if memo is not None else None)
        self.jobs: dict[str, dict[str, str]] = {}
        self.left_out = 0
        self._job_groups: list[tuple[PdfPage, ...]] = []

    def groups(self) -> list[Group]:
        """The pages, each PDF a placeholder whose inputs become a job for `resolve`."""
        groups = super().groups()
        self._job_groups = [pdfs for group in groups
                            if (pdfs := tuple(p for p in group if isinstance(p, PdfPage)))]
        self.jobs = {p.uri: dict(p.inputs) for pdfs in self._job_groups for p in pdfs}
        return groups

    def version_pdf(self, t: Timeline, n: VersionNotice) -> SitePage:
        uri = Urls(t.history.working.slug).pdf(n.version.id)
        return PdfPage(uri, b"", tuple(self.pdf_inputs(t, n).items()))

    def resolve(self, *, render: bool) -> dict[str, Path | bytes]:
        """Each PDF page's cache file (or bytes, with no usable cache).

        With `render` False (a preview), only PDFs already cached are given;
        the others (counted in `left_out`) are left out of the preview and made
        by the next build. (A preview's site URL is the local server's, which is
        printed in every PDF, so a preview usually finds none in the cache; nor
        does it look in the publication record, whose PDFs carry the public URL
        and so never have a preview's keys: the git reader would only cost time.)
        """
        from lexdocs.publish import pdf

        if not self.jobs:
            return {}
        if not render:
            # Only read: probing the folder for writing would change its mtime, which
            # says when to look again. A group of PDFs the memo gave back whole is
            # looked up again only if the folder changed (a file added or removed).
            folder = self.cache_root / "pdf" if self.cache_root else None
            try:
                when = folder.stat().st_mtime_ns if folder is not None else None
            except OSError:
                when = None
            if folder is None or when is None:
                self.left_out = len(self.jobs)
                return {}
            found: dict[str, Path | None] = {}
            for pdfs in self._job_groups:
                found.update(self.memo.same(("pdfs", pdfs[0].uri), (pdfs, folder, when),
                                            functools.partial(self._look_up, folder, pdfs)))
            self.left_out = sum(1 for p in found.values() if p is None)
            return {u: p for u, p in found.items() if p is not None}
        folder = pdf.usable_cache(self.cache_root / "pdf") if self.cache_root else None
        uris, jobs = list(self.jobs), list(self.jobs.values())
        if folder is None:
            return {u: pdf.render_uncached(job) for u, job in zip(uris, jobs, strict=True)}
        paths = pdf.ensure_pdfs(jobs, folder, project=self.options.project)
        return dict(zip(uris, paths, strict=True))

    def _look_up(self, folder: Path, pdfs: tuple[PdfPage, ...]) -> dict[str, Path | None]:
        """Each PDF's file in the cache, None where it has none yet."""
        from lexdocs.publish import pdf

        return {p.uri: pdf.cached(folder, self._pdf_key(p.inputs)) for p in pdfs}

    def _pdf_key(self, inputs: tuple[tuple[str, str], ...]) -> str:
        """The PDF's cache key; in a preview, recalled by its full input (hashing a
        thousand version bodies again on every save took a tenth of a second)."""
        from lexdocs.publish import pdf

        return self.memo.keep(("pdf-key", *inputs), lambda: pdf.cache_key(**dict(inputs)))

    def published_pdfs(self) -> dict[str, Path]:
        """Every PDF this site publishes, by cache key, from the cache (made first if
        missing): what `lexdocs record` records. Call after `build`."""
        from lexdocs.errors import RenderError
        from lexdocs.publish import pdf

        cache = self.options.project / CACHE_DIR / "pdf"
        folder = pdf.usable_cache(cache) if self.cache_root else None
        if folder is None:
            raise RenderError("the PDF cache cannot be written, so no PDF can be recorded",
                              path=str(cache), hint="make .cache/lexdocs writable and retry")
        jobs = list(self.jobs.values())
        prune.hold(self.cache_root)  # no other build removes them before they are recorded
        paths = pdf.ensure_pdfs(jobs, folder, project=self.options.project)
        return {path.stem: path for path in paths}


class ThemedPageCache:
    """Themed HTML of generated pages, on disk, by the page's Markdown and its context.

    The context is everything else a themed page is made from that can change
    during a preview session: mkdocs.yml, the menu (document titles come from
    the working tree), the site URL, and the files of docs/ and the theme's
    custom folder. An entry's name is the hash of all of it, so a stale page
    cannot be served; the worst case is a miss.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.context = ""
        # Keys of the last two builds by their full input: a page whose Markdown is the
        # very string of last time (a page the render memo gave back) is not hashed again.
        self._keys: dict[tuple[str, str, str], str] = {}
        self._last_keys: dict[tuple[str, str, str], str] = {}
        self.used = prune.Usage(folder)  # what the session's pages need kept (publish.prune)

    def set_context(self, *parts: str, dirs: tuple[Path, ...] = ()) -> None:
        digest = hashlib.sha256()
        for part in parts:
            digest.update(part.encode("utf-8") + b"\0")
        for top in dirs:
            if not top.is_dir():
                continue
            for path in sorted(top.rglob("*")):
                if path.is_file():
                    st = path.stat()
                    digest.update(f"{path}\0{st.st_mtime_ns}\0{st.st_size}\0".encode())
        self.context = digest.hexdigest()
        self._last_keys, self._keys = self._keys, {}

    def key(self, uri: str, markdown: str | SpooledPage) -> str:
        """The page's name in the cache: its context, path and Markdown's digest (a
        spooled page knows its own: its text is not read)."""
        if isinstance(markdown, SpooledPage):
            key = self._named(uri, markdown.digest)
        else:
            inputs = (self.context, uri, markdown)
            key = self._keys.get(inputs) or self._last_keys.get(inputs) or self._named(
                uri, hashlib.sha256(markdown.encode()).hexdigest())
            self._keys[inputs] = key
        self.used.add(key)
        return key

    def _named(self, uri: str, digest: str) -> str:
        return hashlib.sha256(f"{self.context}\0{uri}\0{digest}".encode()).hexdigest()

    def get(self, key: str) -> Path | None:
        path = self.folder / f"{key}.html"
        return path if path.is_file() else None

    def put(self, key: str, html: str) -> None:
        """Store one page; a cache that cannot be written only makes previews slower."""
        try:
            make_folder(self.folder)
            fd, tmp = tempfile.mkstemp(prefix=".page-", dir=self.folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(html.encode("utf-8", errors="xmlcharrefreplace"))
            os.replace(tmp, self.folder / f"{key}.html")
        except OSError as exc:
            log.debug("page cache not written: %s", exc)
