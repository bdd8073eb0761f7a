"""MkDocs events, thin: resolve options, then hand over to the package.

Installed as the `lexdocs` plugin (`plugins: [lexdocs]`), or bound to module
functions by `lexdocs.hook` for projects that prefer MkDocs hooks. All the
work happens in `on_pre_build`, before MkDocs cleans the site folder, so a bad
source or a missing notice aborts the build with the previous site intact.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, ParamSpec, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from lexdocs.config import LexdocsConfig, Options, options_from
from lexdocs.errors import LexdocsError
from lexdocs.history.versions import RenderCache
from lexdocs.pipeline import publishable_timelines
from lexdocs.publish.pages import THEME, SiteBuilder, SitePage, Theme, navigation
from lexdocs.sources.snapshot import Snapshot, working_snapshot

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
            raise PluginError(str(exc)) from exc
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
        self.pages: list[SitePage] = []
        self.render_cache: RenderCache = {}
        self.from_extra = False
        self.theme = Theme()
        self.snapshot: Snapshot | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"],
                   dirty: bool) -> None:
        self.render_cache = {}

    def on_shutdown(self) -> None:
        self.render_cache = {}

    @_as_plugin_error
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project = Path(config.config_file_path).parent
        raw = config.extra.get("lexdocs") if self.from_extra else dict(self.config)
        self.options = options_from(project, raw, config.site_url or "")
        # The working tree, loaded once per build: the menu needs its titles now, and
        # on_pre_build hands the same snapshot to the pipeline.
        opts = self.options
        self.snapshot = working_snapshot(opts.project, opts.source_dir, opts.documents)
        if config.nav is None:
            config.nav = navigation(self.snapshot)
        self.theme = _adopt_theme(config)
        return config

    @_as_plugin_error
    def on_pre_build(self, config: MkDocsConfig) -> None:
        opts = self._opts()
        # One line per document; each draft problem only with --verbose.
        timelines, today = publishable_timelines(opts, log.debug, self.render_cache,
                                                 self.snapshot)
        self.pages = SiteBuilder(opts, timelines, today, self.theme).build()
        for name, t in timelines.items():
            current = t.current(today)
            upcoming = ", ".join(f"{n.version.id} from {n.effective}" for n in t.upcoming(today))
            drafts = sum(1 for f in t.findings if f.draft)
            log.info("%s: %d version(s); in force: %s%s%s%s", name, len(t.notices),
                     current.version.id if current else "none",
                     f"; upcoming: {upcoming}" if upcoming else "",
                     "; showing the uncommitted draft" if t.history.draft else "",
                     f" ({drafts} problem(s) in it: 'lexdocs check')" if drafts else "")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for page in self.pages:
            existing = files.get_file_from_path(page.uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.uri, content=page.content))
        return files

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Links to our own public address stay on this site (and in a local preview)."""
        base = self._opts().site_url.rstrip("/") + "/"
        if len(base) <= 1:
            return html
        depth = page.url.count("/") if page.url else 0
        up = "../" * depth or "./"
        return re.sub(r'href="' + re.escape(base), f'href="{up}', html)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        opts = self._opts()
        server.watch(str(opts.project / opts.source_dir))
        return server

    def _opts(self) -> Options:
        if self.options is None:  # pragma: no cover - MkDocs always calls on_config first
            raise LexdocsError("lexdocs was not configured", hint="is the plugin in mkdocs.yml?")
        return self.options


ASSETS_CSS = ("assets/lexdocs/lexdocs.css", "assets/lexdocs/print.css")
ASSETS_JS = ("assets/lexdocs/lexdocs.js",)


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


def as_hook() -> LexdocsPlugin:
    """A plugin instance that reads its options from `extra: lexdocs:`, for `hooks:`."""
    plugin = LexdocsPlugin()
    plugin.from_extra = True
    plugin.load_config({})
    return plugin
