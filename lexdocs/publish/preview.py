"""Under `mkdocs serve`: a save rewrites only the files it changed.

MkDocs empties the site folder before every build, then copies each file back.
At 1,000 commits that is 2,000 themed pages (mostly archived versions, reused
from the page cache) and as many folders, deleted and made again on each save:
seconds of `rmdir`, `mkdir` and copying for files that come out identical.

`PreviewSite` keeps them instead, without ever trusting a file it cannot vouch for:

1. at the end of `on_pre_build` the whole previous site folder is renamed aside
   (one rename on the same file system), so MkDocs' clean step finds nothing;
2. in `on_files`, once every page this build will copy is known with its
   content key, the folder is renamed back, and every file in it is deleted
   except those this build would copy from a source with the same key as the
   file the last successful build put at that place: a themed page (keyed by
   its Markdown and all its surroundings, see `ThemedPageCache`), a cached
   PDF (named by its content), a file lexdocs makes that MkDocs copies as it
   is (a feed, versions.json, a notice: keyed by its text), or a file MkDocs
   copies from disk (the theme's scripts and stylesheets, docs/ images: keyed
   by the source's path, size, inode and times, as git's index knows a file
   unchanged). Everything else, pages rendered this time, the search index,
   files of pages that are gone, is written afresh;
3. a kept file is a `KeptFile`, whose copy is a no-op while it is in place.

A build that fails forgets what it wrote, so the next one starts from a clean
folder as MkDocs would. The live server holds every request while a build runs,
so the folder's brief absence and its partial state are never served.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import threading
import time
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme

from lexdocs.errors import LexdocsError

log = logging.getLogger("lexdocs")

_ASIDE = ".lexdocs-previous"
_SETTLED_NS = 3_000_000_000
"""A source changed less than this long ago is copied again (some file systems keep
times to the second or two)."""

Listing = tuple[int, list[tuple[str, bool]]]
"""A folder's modification time and its entries (name, is a folder) when it was listed."""


class PreviewSite:
    """The site folder of one serve session, and which of its files are known by content."""

    def __init__(self) -> None:
        self.written: dict[str, str] = {}  # dest_uri -> key, as the last good build left them
        self.wanted: dict[str, str] = {}  # files this build will copy from a keyed source
        self.pending: dict[str, str] = {}  # what this build has written (or found in place)
        self.kept: set[str] = set()
        self.emptied: set[str] = set()  # folders that may be left empty by this build
        self.site: Path | None = None
        self.aside: Path | None = None
        self.listings: dict[str, Listing] = {}  # the site's folders as last walked

    def set_aside(self, site_dir: str) -> None:
        """Move the last build's folder out of MkDocs' way, if anything in it can be kept."""
        self.wanted, self.pending, self.kept, self.emptied = {}, {}, set(), set()
        site = Path(site_dir)
        self.site, self.aside = site, None
        if not self.written or not site.is_dir() or site.is_symlink():
            self.written, self.listings = {}, {}
            return
        aside = site.parent / f".{site.name}{_ASIDE}"
        try:
            if aside.exists():
                shutil.rmtree(aside)
            os.rename(site, aside)
        except OSError as exc:
            log.debug("preview: site folder not set aside (%s); rebuilding it whole", exc)
            self.written, self.listings = {}, {}
            return
        self.aside = aside

    def file(self, config: MkDocsConfig, src_uri: str, source: Path, key: str) -> File:
        """A file copied from a content-keyed `source`; left in place if already there."""
        f = KeptFile.generated(config, src_uri, abs_src_path=str(source))
        assert isinstance(f, KeptFile)
        f.site, f.key = self, key
        self.wanted[f.dest_uri] = key
        return f

    def text(self, config: MkDocsConfig, src_uri: str, content: str | bytes) -> File:
        """A generated file MkDocs copies as it is (a notice, a redline's data, a feed),
        keyed by its content; left in place if the last build wrote the same."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        f = KeptFile.generated(config, src_uri, content=content)
        assert isinstance(f, KeptFile)
        f.site, f.key = self, "text:" + hashlib.sha256(data).hexdigest()
        self.wanted[f.dest_uri] = f.key
        return f

    def keep_static(self, files: Files) -> int:
        """Make each file MkDocs copies from disk as it is (the theme's scripts and
        stylesheets, an image in docs/) a `KeptFile`, keyed by its source's identity:
        path, size, inode and change times, as git's index knows a file unchanged. A
        source written in the last few seconds is copied anyway (the clock's tick may
        hide a second write). How many files were made kept ones."""
        now = time.time_ns()
        count = 0
        for f in list(files):
            if type(f) is not File or f.generated_by is not None or f.src_dir is None \
                    or f.abs_src_path is None or f.is_documentation_page():
                continue
            try:
                st = os.stat(f.abs_src_path)
            except OSError:
                continue  # MkDocs says so when it copies
            if now - st.st_mtime_ns < _SETTLED_NS or now - st.st_ctime_ns < _SETTLED_NS:
                continue
            kept = KeptFile(f.src_uri, f.src_dir, f.dest_dir, f.use_directory_urls,
                            dest_uri=f.dest_uri, inclusion=f.inclusion)
            kept.site = self
            kept.key = (f"file:{f.abs_src_path}:{st.st_size}:{st.st_ino}:{st.st_mtime_ns}:"
                        f"{st.st_ctime_ns}")
            self.wanted[kept.dest_uri] = kept.key
            files.remove(f)
            files.append(kept)
            count += 1
        return count

    def want(self, f: KeptFile) -> None:
        """A file made for an earlier build, handed to MkDocs again (see `publish.files`)."""
        self.wanted[f.dest_uri] = f.key

    def wrote(self, dest_uri: str, key: str) -> None:
        """A page MkDocs renders itself, whose themed HTML has the content key `key`."""
        self.pending[dest_uri] = key

    def restore(self) -> int:
        """Put the last build's folder back with only the files this build keeps; their count.

        Called once every kept file's key is in `wanted`, before MkDocs writes anything.
        """
        aside, site = self.aside, self.site
        self.aside = None
        written, self.written = self.written, {}
        if aside is None or site is None:
            return 0
        try:
            if site.exists():
                raise FileExistsError(f"{site} was made again during the build")
            os.rename(aside, site)
        except OSError as exc:
            log.debug("preview: previous site not restored (%s)", exc)
            _remove_later(aside)
            return 0
        keep = {uri for uri, key in self.wanted.items() if written.get(uri) == key}
        try:
            self.emptied = _remove_all_but(site, keep, self.listings)
        except OSError as exc:
            raise LexdocsError(f"cannot clear the preview folder {site}: "
                               f"{exc.strerror or exc}", path=exc.filename) from exc
        self.kept = keep
        return len(keep)

    def commit(self) -> None:
        """The build succeeded: what it wrote can be kept next time; drop emptied folders.

        A kept file MkDocs never asked for (a later plugin dropped or excluded it) is
        removed, as a clean build would never have written it.
        """
        if self.site is not None:
            for uri in self.kept - self.pending.keys():
                with contextlib.suppress(OSError):
                    (self.site / uri).unlink()
                self.emptied.update(_parents(uri))
            for folder in sorted(self.emptied, key=len, reverse=True):
                with contextlib.suppress(OSError):  # refilled by this build, or not empty
                    (self.site / folder).rmdir()
        self.written, self.pending, self.kept, self.emptied = self.pending, {}, set(), set()
        self.wanted = {}

    def forget(self) -> None:
        """The build failed: nothing in the folder is vouched for any more (MkDocs' clean
        step empties it next time, as it would without lexdocs)."""
        if self.aside is not None:
            try:
                if self.site is None or self.site.exists():
                    raise FileExistsError(self.site)
                os.rename(self.aside, self.site)
            except OSError:
                _remove_later(self.aside)
            self.aside = None
        self.written, self.pending, self.kept, self.emptied = {}, {}, set(), set()
        self.wanted, self.listings = {}, {}


class KeptFile(File):
    """A generated file that is not copied while the previous build's copy is in place."""

    site: PreviewSite | None = None
    key = ""

    def copy_file(self, dirty: bool = False) -> None:
        if self.site is None:
            super().copy_file(dirty)
            return
        if self.dest_uri not in self.site.kept:
            super().copy_file(dirty)
        self.site.pending[self.dest_uri] = self.key


class ThemeLoader(jinja2.FileSystemLoader):
    """The theme's loader, whose list of files leaves out the theme folders' top-level
    folders named with a leading dot.

    On every build MkDocs lists the whole theme to copy its static files, then drops
    every name under such a folder (its filter refuses `.*`): mkdocs-material keeps its
    14,000 icons in `.icons`, and walking and filtering them was a fifth of a save.
    The list MkDocs keeps is the same; a template in such a folder still loads by name.
    """

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for top in self.searchpath:
            for folder, folders, names in os.walk(top, followlinks=self.followlinks):
                if folder == top:
                    folders[:] = [f for f in folders if not f.startswith(".")]
                rel = os.path.relpath(folder, top)
                prefix = "" if rel == os.curdir else rel.replace(os.sep, "/") + "/"
                found.update(prefix + name for name in names)
        return sorted(found)


def list_theme_quickly(theme: Theme) -> None:
    """Make the environments `theme` gives list their files with a `ThemeLoader`."""
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:
            env.loader = ThemeLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


def _remove_all_but(site: Path, keep: set[str], listings: dict[str, Listing]) -> set[str]:
    """Delete every file under `site` whose site-relative path is not in `keep`, leaving
    top-level hidden entries as MkDocs' clean step does; the folders files left.

    `listings` (updated) are the folders' entries as the last call found them, by
    site-relative folder: a folder whose modification time is what it was then has the
    same entries (adding, removing or renaming an entry changes it), so only its time
    is read. At 5,000 commits that is ten thousand folders of one archived page each:
    a stat each instead of a listing. A folder changed within `_SETTLED_NS` of being
    listed is listed again next time, as the clock's tick may hide a second change."""
    emptied: set[str] = set()
    fresh: dict[str, Listing] = {}
    now = time.time_ns()

    def walk(folder: str, prefix: str) -> None:
        try:
            mtime = os.stat(folder).st_mtime_ns
        except FileNotFoundError:
            return
        known = listings.get(prefix)
        if known is not None and known[0] == mtime:
            entries = known[1]
        else:
            with os.scandir(folder) as found:
                entries = [(e.name, e.is_dir(follow_symlinks=False)) for e in found]
        removed = False
        for name, is_dir in entries:
            rel = prefix + name
            if not prefix and name.startswith("."):
                continue
            if is_dir:
                walk(os.path.join(folder, name), rel + "/")
            elif rel not in keep:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(folder, name))
                removed = True
                if prefix:
                    emptied.add(prefix[:-1])
        if not removed and now - mtime >= _SETTLED_NS:
            fresh[prefix] = (mtime, entries)

    walk(str(site), "")
    listings.clear()
    listings.update(fresh)
    # A folder's parents may empty with it: list them too, deepest first at commit.
    for folder in list(emptied):
        emptied.update(_parents(folder + "/"))
    return emptied


def _parents(uri: str) -> set[str]:
    """The folders of a site-relative path, "a/b/c.html" → {"a", "a/b"}."""
    parts = uri.split("/")[:-1]
    return {"/".join(parts[: i + 1]) for i in range(len(parts))}


def _remove_later(folder: Path) -> None:
    """Delete a folder nobody reads any more without making the preview wait for it."""
    threading.Thread(target=shutil.rmtree, args=(folder, True), daemon=True,
                     name="lexdocs-remove-previous-site").start()
