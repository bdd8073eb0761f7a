"""The real site in a real browser: built once per session from committed history, served
locally, read by Debian's headless Chromium through Playwright.

The build runs in a fresh clone with the clone's own code on PYTHONPATH, so what is
tested is exactly what a commit publishes. "Today" is fixed to 2026-12-01, when the
privacy statement's second version (effective 2026-12-29) is upcoming and its banner
shows. The server mounts the site under site_url's path (/legal/), as production
does, because the 404 page links its assets from there.

Chromium is never downloaded: without /usr/bin/chromium the suite is skipped, except
in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("LEXDOCS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TODAY_EPOCH = "1796083200"  # 2026-12-01T00:00:00Z
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
PALETTES = ("light", "dark")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _unavailable(reason: str) -> None:
    """Skip the browser suite on a developer's machine; fail it in CI, where it must run."""
    if _in_ci():
        pytest.fail(f"{reason} (CI=true: the browser tests must run in CI)", pytrace=False)
    pytest.skip(f"{reason}; browser tests skipped")


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (run: sudo scripts/system-deps.sh test)")
    return CHROMIUM


# --- The site ----------------------------------------------------------------------------

@dataclass
class Site:
    """A built site, where it is served, and the pages the tests visit."""

    root: Path
    base: str  # e.g. http://127.0.0.1:43121/legal/
    versions: dict[str, Any]
    pages: dict[str, str | None] = field(default_factory=dict)
    """Page type → path under `base` (None: this build has no such page)."""

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def path_of(self, public_url: str) -> str:
        """A site_url-absolute URL from versions.json → a path under `base`."""
        site_url = self.versions["site_url"]
        assert public_url.startswith(site_url), public_url
        return public_url[len(site_url):]

    def require(self, kind: str) -> str:
        path = self.pages.get(kind)
        if path is None:
            pytest.skip(f"the build has no {kind} page yet ({PAGE_SOURCES.get(kind, kind)} "
                        "is absent from the site)")
        return path


PAGE_SOURCES = {"eu-summary": "eu-privacy-summary/index.html",
                "california": "california-privacy-notice/index.html"}


def _build(workdir: Path) -> Path:
    """Clone the committed project and build it with its own code, today fixed."""
    clone = workdir / "project"
    # A local clone copies the objects as they are; over file:// git packs them anew
    # (a CPU-second). The same commits and branches either way.
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=TODAY_EPOCH, NO_MKDOCS_2_WARNING="1",
               PYTHONPATH=str(clone))
    out = workdir / "site"
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "--strict", "-q", "-d", str(out)], cwd=clone,
                            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed in a clean clone:\n{result.stderr[-4000:]}",
                    pytrace=False)
    return out


def _page_paths(root: Path, versions: dict[str, Any]) -> dict[str, str | None]:
    doc = versions["documents"]["privacy"]
    vs = doc["versions"]
    shown = next((v for v in vs if v["status"] == "current"), vs[0])
    # The first redline: from the first version to the one after it (insertions and deletions).
    redline = next((v["redline_url"] for v in vs if v.get("redline_url")), None)
    site_url = versions["site_url"]
    paths: dict[str, str | None] = {
        "home": "",
        "statement": "privacy/",
        "eu-summary": "eu-privacy-summary/",
        "california": "california-privacy-notice/",
        "history": "privacy/history/",
        "version": shown["url"][len(site_url):],
        "redline": redline[len(site_url):] if redline else None,
        "404": "no-such-page/",
    }
    for kind, path in paths.items():
        if path and kind != "404" and not (root / path / "index.html").exists():
            paths[kind] = None
    return paths


class _Handler(SimpleHTTPRequestHandler):
    """Serves the site under its site_url path; a missing page gets 404.html with status 404,
    as static hosts do (GitHub Pages, Netlify, nginx with `error_page 404 /legal/404.html`)."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404)
        return None

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(root: Path, prefix: str) -> tuple[ThreadingHTTPServer, str]:
    """Serve `root` at http://127.0.0.1:<free port><prefix> from a daemon thread."""
    handler = type("SiteHandler", (_Handler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}{prefix}"


def _build_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built by whichever parallel worker asks first; the others wait for it and
    serve the same folder (each xdist worker has a session of its own, but all share the
    parent of their temporary folders)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    workdir = shared / "browser-site"
    done = workdir / "built"
    with open(shared / "browser-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(workdir, ignore_errors=True)  # a failed attempt's remains
            workdir.mkdir()
            done.write_text(str(_build(workdir)), encoding="utf-8")
    return Path(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The site, built once. LEXDOCS_BROWSER_SITE=<dir> tests an already built site instead
    (for working on the theme without committing); it must be built for 2026-12-01."""
    prebuilt = os.environ.get("LEXDOCS_BROWSER_SITE")
    root = Path(prebuilt) if prebuilt else _build_once(tmp_path_factory)
    with served(root) as site:
        yield site


@contextlib.contextmanager
def served(root: Path) -> Iterator[Site]:
    """A built site served on loopback under its site_url's path, whichever engine built it."""
    versions = json.loads((root / "versions.json").read_text(encoding="utf-8"))
    prefix = urlsplit(versions.get("site_url") or "/").path or "/"
    server, base = serve(root, prefix if prefix.endswith("/") else prefix + "/")
    try:
        yield Site(root=root, base=base, versions=versions, pages=_page_paths(root, versions))
    finally:
        server.shutdown()
        server.server_close()


# --- The browser -------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    """One headless Chromium for the session. Playwright's launch() gives it a fresh,
    temporary user-data dir; each test's context has its own storage on top."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
    yield b
    b.close()
    pw.stop()


@dataclass
class Visit:
    """An open page and everything it asked the network for."""

    page: Any
    requests: list[str]
    errors: list[str]
    status: int | None

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not _local(u)]


def _local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == "127.0.0.1"


@pytest.fixture(scope="session")
def _tabs(browser: Any) -> Iterator[dict[tuple[Any, ...], tuple[Any, Any]]]:
    """One context and page per site and settings, kept for the session: a new page costs
    Chromium a renderer and a cold start (about 0.5 CPU-s), navigating a kept one a tenth
    of that. `open_page` hands each to one visit per test and clears what a page can
    remember before handing it on."""
    tabs: dict[tuple[Any, ...], tuple[Any, Any]] = {}
    yield tabs
    for ctx, _ in tabs.values():
        ctx.close()


@pytest.fixture
def open_page(browser: Any, site: Site,
              _tabs: dict[tuple[Any, ...], tuple[Any, Any]]) -> Iterator[Callable[..., Visit]]:
    """Open a site path (palette and viewport as asked), recording every request it makes
    and every script error. At teardown, any request that left 127.0.0.1 fails the test
    that made it: the privacy promise holds on every page load.

    A test's first visit with given settings navigates the session's kept page for them,
    its storage, cookies and media emulation cleared first; a second visit with the same
    settings gets a page of its own in a new context, so earlier visits stay as they
    are, unless it passes `reuse=True` (a walk through pages, one at a time: the page of
    the test's previous visit with these settings is navigated on)."""
    visits: list[Visit] = []
    contexts: list[Any] = []
    taken: dict[tuple[Any, ...], Any] = {}  # settings -> the page this test got for them
    unhook: list[Callable[[], None]] = []

    def _page(key: tuple[Any, ...], palette: str, viewport: dict[str, int], javascript: bool,
              reuse: bool) -> tuple[Any, Any]:
        if key in taken and reuse:
            return taken[key]
        kept = _tabs.get(key)
        if key not in taken and kept is not None and not kept[1].is_closed():
            ctx, page = kept
            try:
                page.emulate_media(media="null", color_scheme=palette)
                if javascript and urlsplit(page.url).netloc == urlsplit(site.base).netloc:
                    page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
                ctx.clear_cookies()
            except Exception:  # a page the last test left unusable: start afresh
                ctx.close()
                kept = None
        if key in taken or kept is None or kept[1].is_closed():
            ctx = browser.new_context(viewport=viewport, color_scheme=palette,
                                      java_script_enabled=javascript, service_workers="block")
            page = ctx.new_page()
            if key in taken:
                contexts.append(ctx)  # this test's own: closed at its end
            else:
                _tabs[key] = (ctx, page)
        taken[key] = (ctx, page)
        return ctx, page

    def _open(path: str, palette: str = "light", viewport: dict[str, int] | None = None,
              javascript: bool = True, status: int = 200, reuse: bool = False) -> Visit:
        viewport = viewport or DESKTOP
        key = (site.base, palette, viewport["width"], viewport["height"], javascript)
        ctx, page = _page(key, palette, viewport, javascript, reuse)
        visit = Visit(page=page, requests=[], errors=[], status=None)

        pending: set[Any] = set()

        def on_request(r: Any) -> None:
            visit.requests.append(r.url)
            pending.add(r)

        def on_done(r: Any) -> None:
            pending.discard(r)

        def on_error(e: Any) -> None:
            visit.errors.append(str(e))

        def on_console(m: Any) -> None:
            if m.type == "error":
                visit.errors.append(m.text)

        # On the context, not the page: requests from the search worker count too.
        ctx.on("request", on_request)
        ctx.on("requestfinished", on_done)
        ctx.on("requestfailed", on_done)
        page.on("pageerror", on_error)
        page.on("console", on_console)
        unhook.extend([lambda: ctx.remove_listener("request", on_request),
                       lambda: ctx.remove_listener("requestfinished", on_done),
                       lambda: ctx.remove_listener("requestfailed", on_done),
                       lambda: page.remove_listener("pageerror", on_error),
                       lambda: page.remove_listener("console", on_console)])
        response = page.goto(site.url(path), wait_until="load")
        visit.status = response.status if response else None
        settle(page, pending)
        assert visit.status == status, f"{path}: HTTP {visit.status}, expected {status}"
        if status == 404:  # Chromium logs the page's own 404 as a console error
            visit.errors = [e for e in visit.errors if "status of 404" not in e]
        visits.append(visit)
        return visit

    yield _open
    foreign = [u for v in visits for u in v.foreign_requests()]
    for undo in unhook:
        undo()
    for ctx in contexts:
        ctx.close()
    assert not foreign, f"requests to hosts other than 127.0.0.1: {sorted(set(foreign))}"


QUIET = 0.15  # seconds with no request pending: the page has asked for all it will
SETTLE_LIMIT = 10.0


def settle(page: Any, pending: set[Any]) -> None:
    """Wait after `load` until no request has been pending for QUIET seconds.

    Playwright's "networkidle" waits half a second after the last request ends; on our
    pages every late request (the search worker's index, the sitemap, the icon) starts
    within about 20 ms of `load` and ends within 40 ms, so a page load spent most of its
    time waiting, and the run's browser tests 50 s. What counts is unchanged: a request
    made later is recorded all the same (the listeners stay until the test ends), so the
    privacy check at teardown still sees it.
    """
    now = time.monotonic()
    quiet_since, give_up = now, now + SETTLE_LIMIT
    while now < give_up:
        page.wait_for_timeout(25)  # Playwright delivers the request events meanwhile
        now = time.monotonic()
        if pending:
            quiet_since = now
        elif now - quiet_since >= QUIET:
            return


def screenshot(page: Any, name: str) -> None:
    """Save a screenshot artifact (gitignored) of a page or one element of it, for a person
    to look at, when asked for (LEXDOCS_SCREENSHOTS=1, as `make screenshots` sets): each
    picture is a PNG Chromium encodes, work no assertion reads."""
    if os.environ.get("LEXDOCS_SCREENSHOTS") != "1":
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
