"""MkDocs events, thin: resolve options, then hand over to the package.

Installed as the `lexdocs` plugin (`plugins: [lexdocs]`), or bound to module
functions by `lexdocs.hook` for projects that prefer MkDocs hooks. All the
work happens in `on_pre_build`, so a bad source or a missing notice aborts the
build before a page is written.

What keeps builds fast and safe at any history length (the package does the work):

- `mkdocs build` writes into a folder beside `site_dir` and swaps it in only
  when the build succeeded, so a failed or killed build never leaves half a site
  (`publish/output.py`);
- PDFs are rendered only for versions the cache lacks, in parallel processes,
  and never during `mkdocs serve`;
- under `mkdocs serve`, a save costs what its draft costs: the committed side
  (versions, verdicts, the archive of pages and the MkDocs files made from it)
  is last build's whenever its whole input is equal (`recall.py`,
  `publish/memo.py`, `publish/files.py`); a page whose Markdown and
  surroundings did not change is copied from a content-keyed cache of themed
  pages, and left in the served folder if the last build put it there
  (`publish/preview.py`), as are the theme's files and lexdocs' feeds and
  notices: a save at 1,000 commits writes a handful of files;
- a save is seen when it is made: beside MkDocs' polling of the watched files
  (twice a second), the operating system's own watcher tells at once
  (`engines/watch.py`).
"""

from __future__ import annotations

import functools
import gc
import logging
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, ParamSpec, TypeVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext

from lexdocs.checks.site import site_findings, stop_on_errors
from lexdocs.config import MKDOCS_FILE, LexdocsConfig, Options, options_from
from lexdocs.engines import guard, pagestate
from lexdocs.engines.tree import (
    ASSETS_CSS,
    ASSETS_JS,
    ContentTree,
    code_versions,
    content_tree,
    local_links,
    page_cache,
    refuse_shadowed,
)
from lexdocs.errors import LexdocsError, every
from lexdocs.history.versions import CACHE_DIR, ref_files
from lexdocs.pipeline import Caches
from lexdocs.publish import prune
from lexdocs.publish.codecache import keep_installed
from lexdocs.publish.files import GeneratedFiles
from lexdocs.publish.memo import RenderMemo
from lexdocs.publish.output import StagedSite, ThemedPageCache
from lexdocs.publish.preview import PreviewSite, list_theme_quickly
from lexdocs.publish.sitepage import navigation
from lexdocs.publish.theming import THEME, Theme
from lexdocs.recall import Remembered
from lexdocs.review.links import site_url_finding
from lexdocs.sources.snapshot import Snapshot, working_snapshot

if TYPE_CHECKING:  # MkDocs' server (watchdog, http.server): a build starts none
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


def _as_plugin_error(fn: Callable[P, R]) -> Callable[P, R]:
    """MkDocs prints a PluginError as one message and stops; anything else is a bug."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except LexdocsError as exc:
            *first, last = every(exc)
            for problem in first:  # MkDocs stops on one error: the others are logged first
                log.error(str(problem))
            raise PluginError(str(last)) from exc
        except Exception as exc:
            # A bug of ours still ends in one line; `lexdocs check --debug` shows the trace.
            log.debug("lexdocs failed", exc_info=exc)
            raise PluginError(f"lexdocs stopped on an unexpected {type(exc).__name__}: {exc} "
                              "(a bug in lexdocs: run 'lexdocs check --debug' for the "
                              "details and report them)") from exc

    return wrapper


class LexdocsPlugin(BasePlugin[LexdocsConfig]):  # type: ignore[no-untyped-call]
    """One instance lives for a whole `mkdocs serve` session, so its caches do too.

    The render cache is keyed by git tree ids (content), so a rebuild reuses
    every commit it has rendered and can never serve a stale one.
    """

    def __init__(self) -> None:
        self.options: Options | None = None
        self.files = GeneratedFiles()
        self.tree: ContentTree | None = None
        self.caches = Caches()
        self.settled = False
        self.from_extra = False
        self.theme = Theme()
        self.snapshot: Snapshot | None = None
        self.command: str | None = None
        self.staged: StagedSite | None = None
        self.themed: ThemedPageCache | None = None
        self.page_keys: dict[str, str] = {}
        self.memo: RenderMemo | None = None
        self.preview: PreviewSite | None = None
        self.scratch: Path | None = None  # a page cache of the session's own
        self.pages = pagestate.PageState()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"],
                   dirty: bool) -> None:
        """A session begins with nothing of the last one. MkDocs keeps one instance of
        the plugin for every configuration a process loads, so a build that follows a
        preview in the same process would otherwise build as that preview did (its memo
        and served folder kept: no spool, no pruning of the cache)."""
        # A preview remembers the last build's results, so a save redoes only its draft.
        self.caches = Caches(recall=Remembered()) if command == "serve" else Caches()
        self.command = command
        self.memo, self.preview, self.tree, self.page_keys = None, None, None, {}
        self.pages.clear()
        self.themed = None  # decided again for each session (is .cache ours to use?)
        self.files = GeneratedFiles()
        self.settled = False

    def on_shutdown(self) -> None:
        self.caches = Caches()
        if self.staged is not None:  # interrupted between on_config and on_post_build
            self.staged.abort()
            self.staged = None
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    # First of every plugin's (the search plugin's read the theme's language, and a
    # misspelt one ended the build in a traceback before lexdocs could name it).
    @event_priority(100)
    @_as_plugin_error
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project = Path(config.config_file_path).parent
        # docs/ and mkdocs.yml are committed as the sections are: judged before anything
        # is staged, or read by another plugin, so a refused file leaves the last site as
        # it was.
        for finding in stop_on_errors(site_findings(config, project)):
            log.warning("%s", finding)
        raw = config.extra.get("lexdocs") if self.from_extra else dict(self.config)
        self.options = options_from(project, raw, config.site_url or "",
                                    directory_urls=bool(config.use_directory_urls))
        # The working tree, loaded once per build: the menu needs its titles now, and
        # on_pre_build hands the same snapshot to the pipeline.
        opts = self.options
        self.snapshot = working_snapshot(opts.project, opts.source_dir, opts.documents)
        _drop_guard(config)
        if config.nav is None:
            config.nav = navigation(self.snapshot)
        self.theme = _adopt_theme(config)
        # MkDocs lists the whole theme on every build and drops mkdocs-material's 14,000
        # icons from what it copies: a tenth of a CPU-second a build, unlisted instead.
        list_theme_quickly(config.theme)
        if self.command == "build" and not config.site_dir.startswith(_serve_prefix()):
            try:
                self.staged = StagedSite(Path(config.site_dir))
            except OSError as exc:
                log.warning("cannot build beside %s (%s); building in place", config.site_dir,
                            exc.strerror or exc)
            else:
                config.site_dir = str(self.staged.stage)
        if self.command == "serve":
            if self.themed is None:
                for name in ("mkdocs.structure.pages", "mkdocs.structure.nav"):
                    logging.getLogger(name).addFilter(_not_about_reused_pages)
                self.themed, self.scratch = page_cache(self.caches, self.options)
            theme_dir = config.theme.custom_dir
            self.themed.set_context(
                Path(config.config_file_path).read_text(encoding="utf-8"), repr(config.nav),
                config.site_url or "", str(config.use_directory_urls),
                code_versions(_engine(), "mkdocs-material", "markdown", "pymdown-extensions"),
                dirs=(Path(config.docs_dir), THEME, *((Path(theme_dir),) if theme_dir else ())))
        return config

    @_as_plugin_error
    def on_pre_build(self, config: MkDocsConfig) -> None:
        opts = self._opts()
        unset = site_url_finding(opts.site_url, Path(config.config_file_path or MKDOCS_FILE))
        if unset:  # said, not log.warning: --strict would refuse the site `lexdocs init` made
            log.info("%s", unset)
        if self.command == "serve" and self.memo is None:
            self.memo = RenderMemo(spools=True)  # pages wait on disk: publish.memo
            self.memo.spool_dir = self.caches.folder
        serve = self.command == "serve"

        def pages_made() -> None:
            if not serve:  # only a preview rebuilds; a build's pages are made, so let go
                self.caches = Caches()

        # One line per document; each draft problem only with --verbose.
        self.tree = content_tree(opts, self.theme, info=log.info, debug=log.debug,
                                 warn=log.warning,
                                 caches=self.caches, snapshot=self.snapshot, memo=self.memo,
                                 render_pdfs=not serve, pages_made=pages_made)
        if self.tree.left_out:
            log.info("preview: %d PDF(s) left out; PDFs are made by 'mkdocs build', "
                     "never while previewing", self.tree.left_out)
        if self.command == "serve":
            # Last, so a failed pre-build leaves the served folder alone.
            self.preview = self.preview or PreviewSite()
            self.preview.set_aside(config.site_dir)

    @_as_plugin_error
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Hand MkDocs every generated page; under serve, unchanged ones already themed
        and, if the last build left them in the site folder, not even copied."""
        tree = self._tree()
        refuse_shadowed(Path(config.docs_dir), tree, config.use_directory_urls)
        made = self.files.add(files, config, tree.groups, tree.pdfs, self.themed, self.preview)
        self.page_keys = made.page_keys
        if self.preview is not None:
            self.preview.keep_static(files)
        kept = self.preview.restore() if self.preview is not None else 0
        if made.reused:
            log.info("preview: %d unchanged page(s) reused (%d left in place), %d rendered",
                     made.reused, kept, len(self.page_keys))
        if self.preview is None:
            self.tree = None  # MkDocs' files hold what is still needed
        return files

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """The theme's compiled templates are kept: a preview keeps them in memory (parsing
        them is a third of a save), a build on disk for the next build (a sixth of a
        warm build's time); the site's own overrides only for the preview session."""
        if self.memo is not None:
            return self.memo.theme_code.attach(env)
        custom = config.theme.custom_dir
        return keep_installed(env, [d for d in config.theme.dirs if d != custom])

    @event_priority(-100)  # after every other plugin: what it puts aside is final
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Links to our own public address stay on this site (and in a local preview).

        A generated page's source is let go of here, and its HTML and contents put aside
        until the page is themed (engines/pagestate.py): MkDocs converts every page before
        it writes any, and a thousand long versions held at once made a build's memory
        (and a preview's that renders them all) grow with every version. (A preview
        reuses only files of pages MkDocs does not render: `publish.files`.)"""
        html = local_links(html, self._opts().site_url, page.url)
        if page.file.generated_by is not None:
            return self.pages.put_aside(page, html)  # until on_page_context
        return html

    @event_priority(100)  # before any other plugin (a search index) reads the page
    def on_page_context(self, context: TemplateContext, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """Give a generated page back the HTML `on_page_content` put aside."""
        if page.file.generated_by is not None:
            self.pages.take_back(page)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Remember a previewed page's HTML; free what a written page no longer needs."""
        key = self.page_keys.pop(page.file.src_uri, None)
        if key is not None and self.themed is not None:
            self.themed.put(key, output)
            if self.preview is not None:
                self.preview.wrote(page.file.dest_uri, key)
        if page.file.generated_by is not None:
            self.pages.written(page)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Swap the staged site in, unless strict mode is about to abort on a warning."""
        failing = config.strict and _warnings_counted()  # MkDocs raises next: see below
        if self.preview is not None and not failing:
            self.preview.commit()
            if self.themed is not None:
                self.themed.used.record()  # what the next build keeps: publish.prune
            if self.themed is not None and self.tree is not None:
                self.files.ready_next(config, self.tree.groups, self.tree.pdfs, self.themed,
                                      self.preview)
            if not self.settled:
                _settle()
                self.settled = True
        self.tree = None
        self.pages.clear()
        if self.preview is None and not failing:  # a full build that succeeded
            prune.build_done(self._opts().project / CACHE_DIR)
        if self.staged is None or failing:
            return  # a failing build: on_build_error forgets the preview, drops the stage
        self.staged.commit()
        config.site_dir = str(self.staged.target)
        log.debug("the whole site is now in %s", config.site_dir)  # --verbose: one line a document
        self.staged = None

    def on_build_error(self, error: Exception) -> None:
        self.pages.clear()
        if self.options is not None:
            prune.build_failed(self.options.project / CACHE_DIR)
        self.files.forget()
        if self.preview is not None:
            self.preview.forget()
        if self.staged is not None:
            self.staged.abort()
            self.staged = None

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        from lexdocs import configfile
        from lexdocs.engines import errorpage, watch  # watchdog: only a preview watches files

        opts = self._opts()
        watch.hasten(server)  # a save is seen when it is made, not at the next poll
        # a save that breaks the build says so on the page; a mkdocs.yml that would run
        # code, checked out or pulled during the preview, is judged before it is read
        errorpage.show_failures(server, before_reading=lambda: configfile.refuse(
            Path(config.config_file_path)))
        server.watch(str(opts.project / opts.source_dir))
        for path in ref_files(opts.project):  # a commit publishes the draft: show it so
            server.watch(str(path))
        return server

    def _tree(self) -> ContentTree:
        if self.tree is None:  # pragma: no cover - MkDocs always calls on_pre_build first
            raise LexdocsError("lexdocs made no pages", hint="is the plugin in mkdocs.yml?")
        return self.tree

    def _opts(self) -> Options:
        if self.options is None:  # pragma: no cover - MkDocs always calls on_config first
            raise LexdocsError("lexdocs was not configured", hint="is the plugin in mkdocs.yml?")
        return self.options


def _adopt_theme(config: MkDocsConfig) -> Theme:
    """Make our theme partials the theme's, as MkDocs' search plugin does with its own:
    after the site's `custom_dir` (so a site overrides any of them) and before the
    theme's (so our `main.html` adds the feed links to the page head of any theme).
    The page templates stay out of the theme: the builder loads them itself."""
    dirs: list[str] = config.theme.dirs
    custom = config.theme.custom_dir
    if str(THEME) not in dirs:
        dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, str(THEME))
    # Our stylesheets and script ship in the theme folder (MkDocs copies its static
    # files to the site): a site made by `lexdocs init` reads like ours, with nothing copied.
    for sheet in ASSETS_CSS:
        if sheet not in config.extra_css:
            config.extra_css.append(sheet)
    for script in ASSETS_JS:
        if script not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(script)
    return Theme(language=str(config.theme.get("language") or "en"),
                 custom_dir=Path(custom) if custom else None)


def _drop_guard(config: MkDocsConfig) -> None:
    """lexdocs drives this build: the guard that stops builds without it stands down."""
    exts = config.markdown_extensions
    exts[:] = [e for e in exts if e != guard.NAME]
    config.mdx_configs.pop(guard.NAME, None)


def _not_about_reused_pages(record: logging.LogRecord) -> bool:
    """Reused preview pages are 'excluded' to MkDocs; its notes about that are noise."""
    return not (record.levelno <= logging.INFO
                and record.getMessage().endswith("excluded from the built site."))


def _settle() -> None:
    """After a preview session's first build, take what it keeps for every later save
    (renders, redlines, memos: a long history's hundreds of thousands of objects) out of
    Python's cyclic garbage collection, which otherwise walks all of them again during
    saves, 0.1 to 0.2 s at a time at 1,000 commits. Collected once first, so only what
    is still alive is set aside; later saves are collected as usual."""
    gc.collect()
    gc.freeze()


def _warnings_counted() -> bool:
    """True if MkDocs' strict-mode counter has seen a warning in this build."""
    return any(isinstance(h, CountHandler) and h.get_counts()
               for h in logging.getLogger("mkdocs").handlers)


def _engine() -> str:
    """The engine running the plugin: ProperDocs or MkDocs (their pages may differ, so a
    page cached under one is not the other's)."""
    return "properdocs" if "properdocs" in sys.modules else "mkdocs"


def _serve_prefix() -> str:
    """`mkdocs serve --clean` builds into its own temporary folder: leave that one alone."""
    return str(Path(tempfile.gettempdir()) / "mkdocs_")


def as_hook() -> LexdocsPlugin:
    """A plugin instance that reads its options from `extra: lexdocs:`, for `hooks:`."""
    plugin = LexdocsPlugin()
    plugin.from_extra = True
    plugin.load_config({})
    return plugin
