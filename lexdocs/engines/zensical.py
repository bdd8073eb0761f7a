"""Zensical: the content tree written into a docs folder Zensical reads, and Zensical run.

Zensical reads mkdocs.yml but runs no third-party plugin, so lexdocs does its work
first and gives Zensical only files: a work folder beside the site folder holds

- `mkdocs.yml`, which inherits the project's own (`INHERIT`) and changes only where
  the docs are, where the site goes, the theme overrides and lexdocs' stylesheets;
- `docs/`, the project's docs folder with every file of the content tree over it;
- `theme/`, lexdocs' theme overrides that Zensical's theme can use, with the site's
  own `custom_dir` over them (its files win, as under MkDocs);
- the mark the guard (`lexdocs.engines.guard`) looks for, named in the environment.

Zensical builds into the work folder; the result is swapped in whole, as under MkDocs
(`StagedSite`), so a failed build leaves the previous site as it was. The theme
overrides are plain templates: Zensical's template engine cannot call Python.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import yaml

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: every build in a new folder
    fcntl = None  # type: ignore[assignment]

from lexdocs.cache import make_folder
from lexdocs.checks.site import site_findings, stop_on_errors
from lexdocs.config import MKDOCS_FILE, Options, lexdocs_options, mkdocs_config, options_from
from lexdocs.engines import engine_command, guard
from lexdocs.engines.tree import (
    ASSETS_CSS,
    ASSETS_JS,
    Content,
    ContentTree,
    local_links,
    page_html,
    refuse_shadowed,
)
from lexdocs.errors import ConfigError, EngineError
from lexdocs.publish.output import ENGINE_WORK, StagedSite, beside, remove_leftovers
from lexdocs.publish.spool import SpooledPage
from lexdocs.publish.theming import THEME, Theme

THEME_FILES = ("main.html", "lx-extrahead.html", "404.html")
"""lexdocs' theme overrides that suit Zensical's theme (partials/search.html is a copy
of mkdocs-material's own, which Zensical's search does not use)."""
_WORK = ENGINE_WORK
_THEME_FILES = {name: THEME / name for name in THEME_FILES}


@dataclass(frozen=True)
class Site:
    """What the adapter needs of mkdocs.yml, read as MkDocs reads it (`!ENV`, `INHERIT`)."""

    config_file: Path
    docs_dir: Path
    site_dir: Path
    site_url: str
    use_directory_urls: bool
    custom_dir: Path | None
    language: str
    variant: str | None
    """Zensical's theme variant, if mkdocs.yml names one (mkdocs-material has none)."""
    has_nav: bool
    extra_css: tuple[str, ...]
    extra_javascript: tuple[str, ...]
    lexdocs: dict[str, Any] | None
    strict: bool = False
    """`strict: true` in mkdocs.yml: a build stops on any warning, as MkDocs' does."""

    @property
    def options(self) -> Options:
        return options_from(self.config_file.parent, self.lexdocs, self.site_url,
                            directory_urls=self.use_directory_urls)

    @property
    def theme(self) -> Theme:
        return Theme(self.language, self.custom_dir)


def read_site(project: Path, site_dir: Path | None = None) -> Site:
    """The project's mkdocs.yml, or a ConfigError naming it."""
    path = project / MKDOCS_FILE
    if not path.is_file():
        raise ConfigError(f"no {MKDOCS_FILE} in {project}", path=MKDOCS_FILE,
                          hint="run 'lexdocs init' or pass --project")
    cfg = mkdocs_config(path)
    # docs/ and mkdocs.yml keep the site's promises under any engine (warnings: 'check').
    stop_on_errors(site_findings(cfg, project))
    raw = lexdocs_options(cfg)
    custom = cfg.theme.custom_dir
    return Site(config_file=path.resolve(), docs_dir=Path(cfg.docs_dir),
                site_dir=(site_dir or Path(cfg.site_dir)).resolve(),
                site_url=cfg.site_url or "", use_directory_urls=bool(cfg.use_directory_urls),
                custom_dir=Path(custom) if custom else None,
                language=str(cfg.theme.get("language") or "en"),
                variant=cfg.theme.get("variant"), has_nav=cfg.nav is not None,
                extra_css=tuple(str(s) for s in cfg.extra_css),
                extra_javascript=tuple(str(s) for s in cfg.extra_javascript), lexdocs=raw,
                strict=bool(cfg.strict))


def engine_available() -> None:
    """Zensical is an optional engine: say how to install it."""
    if find_spec("zensical") is None:
        raise EngineError("Zensical is not installed",
                          hint="pip install 'lexdocs[engines]' (or zensical) and retry")


def write_file(path: Path, content: Content) -> bool:
    """Write one file of the tree unless it already holds exactly that; True if written.
    A cached PDF is linked rather than copied where the file system allows."""
    if isinstance(content, Path):
        with contextlib.suppress(OSError):
            if path.samefile(content):
                return False
        data = None
    else:
        data = (content.data() if isinstance(content, SpooledPage)
                else content.encode("utf-8") if isinstance(content, str) else content)
        with contextlib.suppress(OSError):
            if path.read_bytes() == data:
                return False
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    if data is not None:
        path.write_bytes(data)
        return True
    assert isinstance(content, Path)
    try:
        os.link(content, path)
    except OSError:
        shutil.copyfile(content, path)
    return True


def work_config(site: Site, tree: ContentTree) -> str:
    """The work folder's mkdocs.yml: the project's own, inherited, with only where the
    docs, site and theme overrides are changed, and lexdocs' stylesheets and menu added."""
    config: dict[str, Any] = {
        "INHERIT": str(site.config_file), "docs_dir": "docs", "site_dir": "site",
        # The classic variant is mkdocs-material's look, which lexdocs' styles are made
        # for (colours that pass WCAG AA in both palettes), unless the site chose one.
        "theme": {"custom_dir": "theme", **({} if site.variant else {"variant": "classic"})},
        "extra_css": [s for s in ASSETS_CSS if s not in site.extra_css],
        "extra_javascript": [s for s in ASSETS_JS if s not in site.extra_javascript]}
    if not site.has_nav:
        config["nav"] = tree.nav
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def with_errors(markdown: str, errors: list[str]) -> str:
    """A page's Markdown with a failed preview update's errors at its top (after its
    front matter), as MkDocs' preview shows them (`errorpage.with_errors`, whose box
    this is): written into the preview's docs folder, so Zensical renders the page
    again without reading any configuration, which would read the project's mkdocs.yml
    again (the work folder's `INHERIT`s it), whatever that holds now. Every character
    of the errors, which quote the untrusted sources, is escaped."""
    from lexdocs.engines.errorpage import with_errors as boxed

    box = boxed(b"", errors).decode("utf-8") + "\n\n"
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end >= 0:
            at = end + len("\n---\n")
            return markdown[:at] + box + markdown[at:]
    return box + markdown


def work_files(site: Site, tree: ContentTree,
               themed: Callable[[str, str | SpooledPage], Path | None] | None = None
               ) -> dict[str, Content]:
    """Every file of the folder Zensical builds from, by its path there ("docs/…").

    `themed` (a preview's) gives a page's finished HTML, if it has it: that page is
    handed over as a static file in place of its Markdown, so Zensical has nothing
    to render for it (see `lexdocs.engines.preview`)."""
    wanted: dict[str, Content] = {}
    refuse_shadowed(site.docs_dir, tree, site.use_directory_urls)
    if site.docs_dir.is_dir():
        for path in sorted(site.docs_dir.rglob("*")):
            if path.is_file() and not path.is_symlink():
                wanted[f"docs/{path.relative_to(site.docs_dir).as_posix()}"] = path
    for uri, content in tree.files():
        html = None
        if themed is not None and (isinstance(content, str) or (
                isinstance(content, SpooledPage) and not content.binary)):
            html = themed(uri, content)
        if html is not None:
            wanted[f"docs/{page_html(uri, site.use_directory_urls)[0]}"] = html
        else:
            wanted[f"docs/{uri}"] = content
    for name in THEME_FILES:
        wanted[f"theme/{name}"] = _THEME_FILES[name]
    if site.custom_dir is not None and site.custom_dir.is_dir():
        for path in sorted(site.custom_dir.rglob("*")):
            if path.is_file() and not path.is_symlink():
                wanted[f"theme/{path.relative_to(site.custom_dir).as_posix()}"] = path
    wanted[MKDOCS_FILE] = work_config(site, tree)
    wanted[guard.MARK] = "lexdocs generated this folder for Zensical; it is rebuilt.\n"
    return wanted


def sync(work: Path, wanted: dict[str, Content], last: dict[str, Content]) -> int:
    """Make the folder `work` hold `wanted` (by path under it), given that it holds `last`
    (what the previous call wrote, updated in place): a file given the very object it
    was written from (a page the render memo gave back, a themed page the preview
    found before) is not even compared, an unchanged file keeps its bytes and time, and
    only files `last` had are removed. How many were written."""
    written = 0
    for rel, content in wanted.items():
        if last.get(rel) is content:
            continue
        written += write_file(work / rel, content)
        last[rel] = content
    for rel in set(last) - set(wanted):
        del last[rel]
        gone = work / rel
        with contextlib.suppress(OSError):
            gone.unlink()
        with contextlib.suppress(OSError):  # its folder, if that was all it held
            gone.parent.rmdir()
    return written


def write_work(work: Path, site: Site, tree: ContentTree) -> None:
    """The folder Zensical builds from, written whole into an empty `work`."""
    sync(work, work_files(site, tree), {})


def engine_env(work: Path) -> dict[str, str]:
    """Zensical's environment: the guard is told this folder is lexdocs'."""
    return dict(os.environ, **{guard.ENV: str(work)})


def run_engine(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`zensical build` on the work folder, its output kept for an error message."""
    return subprocess.run(engine_command("zensical", *args,
                                         "--config-file", str(work / MKDOCS_FILE)),
                          cwd=work, env=engine_env(work), capture_output=True, text=True)


def localize(out: Path, site: Site, tree: ContentTree) -> None:
    """In each lexdocs page's body (the theme's `<article>`), links to our own public
    address made relative, as the plugin does under MkDocs."""
    for uri, _content in tree.files():
        if not uri.endswith(".md"):
            continue
        rel, url = page_html(uri, site.use_directory_urls)
        path = out / rel
        try:
            html = path.read_text(encoding="utf-8")
        except OSError:
            continue
        start = html.find("<article")
        end = html.find("</article>", start)
        if start < 0 or end < 0:
            continue
        body = local_links(html[start:end], site.site_url, url)
        if body != html[start:end]:
            path.write_text(html[:start] + body + html[end:], encoding="utf-8")


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_AT = re.compile(r"╭─\[\s*(?P<at>[^\]]+?)\s*\]")
_ISSUES = re.compile(r"^\d+ issues? found$")


def failure(result: subprocess.CompletedProcess[str]) -> str:
    """What Zensical said went wrong, in one line: its first warning or error with the
    file and line it points at, and how many issues it found ("anchor does not exist
    (terms/versions/2019-04-19/index.md:64:15; 5 issues found)"), or else its last line.
    Its output is coloured and drawn in boxes, and its first line only says the build
    started."""
    text = _ANSI.sub("", result.stderr + "\n" + result.stdout)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for i, line in enumerate(lines):
        kind, colon, what = line.partition(":")
        if colon and kind.lower() in ("warning", "error") and what.strip():
            at = next((m["at"] for m in map(_AT.search, lines[i + 1:i + 3]) if m), "")
            count = next((ln for ln in lines if _ISSUES.match(ln)), "")
            where = "; ".join(x for x in (at, count) if x)
            return what.strip() + (f" ({where})" if where else "")
    return (lines or [f"exit status {result.returncode}"])[-1]


KEPT = "zensical"
"""The folder under `.cache/lexdocs` in which a build runs Zensical, kept between builds
for Zensical's own cache (its `.cache`): that cache knows each file by its absolute path
and content, so a build in a new folder each time themed every page again (a third of
Zensical's time on a 100-commit site)."""
_ENGINE_CACHE = ".cache"
_LOCK = ".lock"


@contextlib.contextmanager
def build_folder(site: Site, root: Path | None) -> Iterator[Path]:
    """Where a build runs Zensical: `root`/zensical, emptied of all but Zensical's cache,
    when this process can have it alone; else a new work folder beside the site folder
    (`root` None: git tracks `.cache`, so nothing in it is trusted). A failed build
    leaves no cache behind: the next one starts afresh."""
    with contextlib.ExitStack() as stack:
        folder = _locked(root / KEPT, stack) if root is not None else None
        if folder is None:
            yield stack.enter_context(work_folder(site))
            return
        _clear(folder, keep=(_ENGINE_CACHE, _LOCK, ".gitignore"))
        try:
            yield folder
        except BaseException:
            shutil.rmtree(folder / _ENGINE_CACHE, ignore_errors=True)
            raise
        finally:
            _clear(folder, keep=(_ENGINE_CACHE, _LOCK, ".gitignore"))


def _locked(folder: Path, stack: contextlib.ExitStack) -> Path | None:
    """`folder`, once this process holds its lock (held until `stack` closes); None if
    another build holds it, or it cannot be made or locked."""
    if fcntl is None:  # pragma: no cover - Windows
        return None
    try:
        make_folder(folder)
        lock = stack.enter_context(open(folder / _LOCK, "wb"))  # noqa: SIM115
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return None
    return folder


def _clear(folder: Path, keep: tuple[str, ...]) -> None:
    for entry in os.scandir(folder):
        if entry.name in keep:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _move(built: Path, stage: Path) -> None:
    """The built site into the (empty) stage: a rename, or a copy across file systems."""
    try:
        os.replace(built, stage)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        shutil.rmtree(stage)
        shutil.copytree(built, stage, symlinks=True)


@contextlib.contextmanager
def work_folder(site: Site) -> Iterator[Path]:
    """A work folder beside the site folder (one file system: the swap is a rename)."""
    site.site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(site.site_dir)  # a killed build's work folder goes with the next build
    work = beside(site.site_dir, _WORK)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build(site: Site, tree: ContentTree, *, strict: bool = False,
          info: Callable[[str], None] = lambda _: None) -> Path:
    """Build the site with Zensical and swap it in whole; the site folder."""
    engine_available()
    with build_folder(site, tree.cache_root) as work:
        write_work(work, site, tree)
        result = run_engine(work, "build", *(["--strict"] if strict else []))
        out = work / "site"
        if result.returncode != 0 or not out.is_dir():
            raise EngineError(f"zensical build failed: {failure(result)}",
                              hint="the previous site is unchanged")
        localize(out, site, tree)
        staged = StagedSite(site.site_dir)
        try:
            _move(out, staged.stage)
            staged.commit()
        except OSError:
            staged.abort()
            raise
    info(f"the whole site is now in {site.site_dir}")
    return site.site_dir
