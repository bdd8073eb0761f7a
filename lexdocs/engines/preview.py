"""`lexdocs serve --engine zensical`: Zensical's own live server on the content tree.

Zensical watches the folder it builds from; lexdocs watches the project (sources,
docs, theme overrides, mkdocs.yml, and git's refs, so a commit made during the
session is shown) and, on a change, makes the tree again and writes only the files
that changed into that folder. The system's watcher tells of a save at once
(`watch.Alarm`); a look every second stays for folders that send no events. The
committed side is remembered between saves (`lexdocs.recall`, the render memo), as
under `mkdocs serve`, with its pages in a spool file, not in memory (the tree hands
each page over as its place there: `lexdocs.publish.spool`); PDFs are never made
while previewing.

Zensical's server renders every Markdown page of its folder again on each change:
at 1,000 commits, two thousand archived versions and redlines, 3 to 9 s a save.
Those pages are the same every save, so they reach it already themed, as static
files, from the page cache that also serves `mkdocs serve` (`ThemedPageCache`,
keyed by the page's Markdown and everything else it is made from: the generated
mkdocs.yml, the project's, docs/, the theme overrides, the engine's and lexdocs'
code). Zensical then renders only the pages a search must see (in force, history,
home) and any page the cache lacks. The first session of a project makes the cache
with one `zensical build`; the next ones start from it. A page kept in the cache is
Zensical's own output for that very Markdown, so the preview shows what the build
publishes.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

from lexdocs.config import MKDOCS_FILE
from lexdocs.engines import engine_command, watch, zensical
from lexdocs.engines.tree import (
    Content,
    code_versions,
    content_tree,
    page_cache,
    page_html,
    unsearched,
)
from lexdocs.errors import LexdocsError, every
from lexdocs.history.versions import ref_files
from lexdocs.pipeline import Caches
from lexdocs.publish.memo import RenderMemo
from lexdocs.publish.output import ThemedPageCache
from lexdocs.publish.spool import SpooledPage
from lexdocs.publish.theming import THEME
from lexdocs.recall import Remembered

POLL = 0.1
"""Seconds between looks at the project when the system's watcher cannot run: a look
costs a couple of milliseconds (sizes and times of the sources, docs and git's refs),
and a save waits for it."""
SETTLE = 0.02
"""Seconds without a further change after which a save is taken as made (see
`watch.Alarm.settle`); at most `SETTLED` seconds are waited."""
SETTLED = 0.5
SLOW_POLL = 1.0
"""Seconds between looks while the system's watcher runs: only for a folder that sends
no events (a network drive, a folder shared with Windows under WSL)."""
FEW = 20
"""Pages Zensical may render on every save rather than wait for a build that themes them."""
FRONT_MATTER = 4096
"""Bytes of a spooled page read for its front matter (a longer one is searched: safe)."""


def _tops(project: Path, site: zensical.Site) -> list[Path]:
    """The folders whose files are the preview's input: sources, docs/, theme overrides."""
    return [project / site.options.source_dir, site.docs_dir,
            *([site.custom_dir] if site.custom_dir else [])]


Stamp = tuple[tuple[str, int, int], ...]


def stamp(project: Path, site: zensical.Site) -> Stamp:
    """Every watched file's path, size and modification time: equal stamps, same input."""
    return _stamped([project / MKDOCS_FILE, *ref_files(project)], _tops(project, site))


def site_stamp(project: Path, site: zensical.Site) -> Stamp:
    """The stamp of what `zensical.read_site` reads: mkdocs.yml, and docs/ and the theme
    overrides, whose files the site's own checks look at."""
    return _stamped([project / MKDOCS_FILE],
                    [site.docs_dir, *([site.custom_dir] if site.custom_dir else [])])


def _stamped(files: list[Path], tops: list[Path]) -> Stamp:
    for top in tops:
        if top.is_dir():
            files.extend(p for p in top.rglob("*") if p.is_file())
    out = []
    for path in sorted(files):
        try:
            st = path.stat()
        except OSError:
            continue
        out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


def watched(project: Path, site: zensical.Site) -> list[tuple[Path, bool]]:
    """The folders an `Alarm` watches, each with whether its subfolders are watched too:
    the tops (`_tops`), the project's own folder for mkdocs.yml alone (not the work
    folder and caches below it, which every update writes), and git's refs."""
    folders = [(top, True) for top in _tops(project, site)]
    folders.append((project, False))
    for ref in ref_files(project):
        folders.append((ref, True) if ref.is_dir() else (ref.parent, False))
    return folders


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class Preview:
    """The work folder of one session, made again from the project on every change."""

    def __init__(self, project: Path, work: Path, info: Callable[[str], None]) -> None:
        self.project = project
        self.work = work
        self.info = info
        self.caches = Caches(recall=Remembered())
        self.memo = RenderMemo(spools=True)  # pages wait on disk: publish.memo
        self.written: dict[str, Content] = {}
        self.marked: dict[str, Content] = {}
        """The pages `show_errors` marked, each with the Markdown the tree gave for it."""
        self.themed: ThemedPageCache | None = None
        self.scratch: Path | None = None  # the session's own page cache, if .cache is not ours
        self.unthemed: dict[str, str] = {}
        """Pages handed over as Markdown that the cache could keep: site path → key."""
        self.found: dict[str, Path] = {}
        """The themed pages the last update found in the cache, by key: found again, the
        very same object tells `zensical.sync` the file in the folder is that page."""
        self.searched: dict[str, bool] = {}
        """Whether a spooled page is kept out of search, by its digest, as the last update
        read it from the page's front matter: a save reads no archived page again."""
        self.handed: tuple[str, dict[str, tuple[str | SpooledPage, str, Path]]] = ("", {})
        """The themed pages the last update handed over, by site path, with the Markdown
        each was found for and its key, under the page cache's context of then: a page
        the memo gives back as the very same object is that page again, and 10,000 of
        them at 5,000 commits are not keyed, looked up and read for front matter again."""
        self.site: tuple[Stamp, zensical.Site] | None = None
        """The site as last read, with the stamp of what it was read from (`read`)."""

    def read(self) -> zensical.Site:
        """The project's site, read again only if mkdocs.yml, docs/ or the theme overrides
        changed: reading it (MkDocs' configuration, its themes' entry points, the checks
        of docs/) was 40 ms of every save, which changes a source and none of them."""
        now = site_stamp(self.project, self.site[1]) if self.site else None
        if self.site is not None and now == self.site[0]:
            return self.site[1]
        site = zensical.read_site(self.project)  # a LexdocsError keeps the last one
        # Stamped before it was read: a change made while it is read is read next time.
        self.site = (now if now is not None else site_stamp(self.project, site)), site
        return site

    def update(self) -> zensical.Site:
        """Write the tree as the project is now; a LexdocsError leaves the last one."""
        site = self.read()
        themed = self._pages()
        self.memo.spool_dir = self.caches.folder  # the spool goes on disk: publish.spool
        tree = content_tree(site.options, site.theme, info=self.info, debug=lambda _: None,
                            caches=self.caches, memo=self.memo, render_pdfs=False)
        if tree.left_out:
            self.info(f"preview: {tree.left_out} PDF(s) left out; 'lexdocs build' makes them")
        custom = (site.custom_dir,) if site.custom_dir else ()
        themed.set_context(zensical.work_config(site, tree),
                           site.config_file.read_text(encoding="utf-8"), site.site_url,
                           str(site.use_directory_urls),
                           code_versions("zensical", "markdown", "pymdown-extensions"),
                           dirs=(site.docs_dir, THEME, *custom))
        unthemed: dict[str, str] = {}
        found: dict[str, Path] = {}
        searched: dict[str, bool] = {}
        last = self.handed[1] if self.handed[0] == themed.context else {}
        handed: dict[str, tuple[str | SpooledPage, str, Path]] = {}

        def html(uri: str, markdown: str | SpooledPage) -> Path | None:
            again = last.get(uri)
            if again is not None and again[0] is markdown:  # as last time: same key, page
                handed[uri] = again
                themed.used.add(again[1])
                found[again[1]] = again[2]
                if isinstance(markdown, SpooledPage):
                    searched[markdown.digest] = True
                return again[2]
            if not uri.endswith(".md") or not self._unsearched(markdown, searched):
                return None  # a search must see it rendered
            key = themed.key(uri, markdown)
            hit = self.found.get(key) or themed.get(key)
            if hit is None:
                unthemed[page_html(uri, site.use_directory_urls)[0]] = key
            else:
                found[key] = hit
                handed[uri] = (markdown, key, hit)
            return hit

        zensical.sync(self.work, zensical.work_files(site, tree, html), self.written)
        self.marked.clear()  # sync wrote each marked page again, or took it away
        self.found, self.searched = found, searched
        self.handed = (themed.context, handed)
        themed.used.record()  # what the next build keeps: publish.prune
        self.unthemed = unthemed
        return site

    def show_errors(self, errors: list[str]) -> None:
        """List `errors` at the top of the pages Zensical renders (the Markdown pages
        lexdocs made), over the last version that built: the lawyer reading the preview
        learns why a save does not show, and where. A page already marked by an earlier
        failure is marked again from its own Markdown, so it lists this one's errors, not
        those a save since fixed. Each is recorded as written with its box, so the next
        update that succeeds writes it again, clean, or takes it away."""
        for rel, content in list(self.written.items()):
            page = self.marked.get(rel, content)
            if not (rel.startswith("docs/") and rel.endswith(".md")) or isinstance(page, Path):
                continue  # a file of the site's own docs/ is the site's, left as it is
            self.marked[rel] = page
            text = page.data().decode("utf-8") if isinstance(page, SpooledPage) else (
                page if isinstance(page, str) else page.decode("utf-8"))
            self.written[rel] = zensical.with_errors(text, errors)
            zensical.write_file(self.work / rel, self.written[rel])

    def _unsearched(self, markdown: str | SpooledPage, seen: dict[str, bool]) -> bool:
        """`unsearched` of a page's Markdown; of a spooled one, read from its front matter
        once (`seen` notes the answer for the next update)."""
        if isinstance(markdown, str):
            return unsearched(markdown)
        answer = self.searched.get(markdown.digest)
        if answer is None:
            answer = unsearched(markdown.head(FRONT_MATTER))
        seen[markdown.digest] = answer
        return answer

    def keep_built(self) -> int:
        """After `zensical build` of the work folder: put the pages it rendered for
        `unthemed` in the page cache; how many."""
        themed = self._pages()
        kept = 0
        for rel, key in self.unthemed.items():
            try:
                html = (self.work / "site" / rel).read_text(encoding="utf-8")
            except OSError:
                continue
            themed.put(key, html)
            kept += 1
        self.unthemed = {}
        return kept

    def close(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    def _pages(self) -> ThemedPageCache:
        """The page cache `mkdocs serve` uses too (`tree.page_cache`)."""
        if self.themed is None:
            opts = self.read().options
            self.themed, self.scratch = page_cache(self.caches, opts)
        return self.themed


def theme_archive(preview: Preview, info: Callable[[str], None]) -> zensical.Site:
    """Before the server starts: if many archived pages are not in the page cache yet
    (a first session), one `zensical build` themes them, and they are handed over as
    files from then on. A build that fails leaves them as Markdown for the server."""
    site = preview.update()  # a problem now is the command's error, before any server
    if len(preview.unthemed) <= FEW:
        return site
    info(f"preview: theming {len(preview.unthemed)} archived page(s) once; "
         "the next previews start from them")
    if zensical.run_engine(preview.work, "build").returncode == 0:
        preview.keep_built()
        site = preview.update()
    return site


def serve(project: Path, dev_addr: str, info: Callable[[str], None]) -> None:
    """Serve until interrupted; a bad save is reported and the last good site kept."""
    zensical.engine_available()
    site = zensical.read_site(project)
    with zensical.work_folder(site) as work:
        preview = Preview(project, work, info)
        try:
            _serve(preview, dev_addr, info)
        finally:
            preview.close()


def _serve(preview: Preview, dev_addr: str, info: Callable[[str], None]) -> None:
    project, work = preview.project, preview.work
    signal.signal(signal.SIGTERM, _interrupt)  # stopped as by Ctrl-C: server and folder go
    try:
        site = theme_archive(preview, info)  # a first session's build stops with it
    except KeyboardInterrupt:
        return
    seen = stamp(project, site)
    alarm = watch.Alarm()
    alarm.watch(watched(project, site))
    cmd = engine_command("zensical", "serve", "--dev-addr", dev_addr,
                         "--config-file", str(work / MKDOCS_FILE))
    server = subprocess.Popen(cmd, cwd=work, env=zensical.engine_env(work))
    try:
        while server.poll() is None:
            if alarm.wait(SLOW_POLL if alarm.live else POLL):
                alarm.settle(SETTLE, SETTLED)
            now = stamp(project, site)
            if now == seen:
                continue
            seen = now
            try:
                site = preview.update()
            except LexdocsError as exc:
                problems = [str(p) for p in every(exc)]
                for problem in problems:  # each its own line, as `lexdocs check` says them
                    info(f"error: {problem}")
                info("the preview shows the last version that built, with these errors on "
                     "its pages, until a save fixes them")
                preview.show_errors(problems)
            alarm.watch(watched(project, site))  # mkdocs.yml may name other folders
    except KeyboardInterrupt:
        pass
    finally:
        alarm.stop()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
