"""The other engine's site in a real browser: private and accessible like the MkDocs one.

This module builds the committed project with `lexdocs build --engine zensical`, in the
clone the session's MkDocs site was built from (its PDFs are in the project's cache
already, so they are not rendered again), and serves it in place of the session's
MkDocs-built site (its `site` fixture overrides the one in conftest.py), so `open_page`
checks here too that no request leaves 127.0.0.1. What is the theme's own, and so not
compared: the chrome, and the search interface and its index (Zensical's `search.json`
against mkdocs-material's `search/search_index.json`). ProperDocs is not served here:
it renders with mkdocs-material itself, and tests/test_engines.py checks that every file
it publishes is MkDocs' byte for byte but for the generator it names, so the MkDocs
browser suite checks its pages already.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import (
    DESKTOP,
    PALETTES,
    TODAY_EPOCH,
    Site,
    Visit,
    _build_once,
    served,
)
from tests.browser.test_pages import KINDS, SCHEME, axe_violations, open_kind

pytestmark = pytest.mark.browser


BUILDS = {
    "zensical": ("lexdocs", "build", "--engine", "zensical", "--strict", "-d"),
}


@pytest.fixture(scope="module")
def clone(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed project, as conftest.py cloned and built it with MkDocs for the
    session (the same day, so the same PDFs)."""
    return _build_once(tmp_path_factory).parent / "project"


@pytest.fixture(scope="module", params=list(BUILDS))
def engine(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture(scope="module")
def site(engine: str, clone: Path) -> Iterator[Site]:
    env = dict(os.environ, SOURCE_DATE_EPOCH=TODAY_EPOCH, PYTHONPATH=str(clone),
               NO_MKDOCS_2_WARNING="1")
    env.pop("LEXDOCS_TREE", None)
    root = clone.parent / f"site-{engine}"
    cmd = BUILDS[engine]
    result = subprocess.run([str(Path(sys.executable).parent / cmd[0]), *cmd[1:], str(root)],
                            cwd=clone, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"{engine} build failed:\n{result.stderr[-4000:]}", pytrace=False)
    with served(root) as site:
        yield site


# One page of each template: the EU summary and the California notice are the statement's
# template around text that reads the same on both engines (tests/test_engines.py), and
# the MkDocs suite checks it on every page.
TEMPLATES = [k for k in KINDS if k not in ("eu-summary", "california")]


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("kind", TEMPLATES)
def test_page_loads_accessible_in_palette(open_page: Callable[..., Visit], site: Site,
                                          engine: str, kind: str, palette: str) -> None:
    visit = open_kind(open_page, site, kind, palette=palette, viewport=DESKTOP)
    page = visit.page
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEME[palette]
    assert page.locator("h1").count() == 1, "a page has exactly one h1"
    assert not visit.errors, f"script errors on {kind}: {visit.errors}"
    violations = axe_violations(page)
    assert not violations, f"axe on {kind} ({palette}):\n" + "\n".join(violations)


def test_zensical_search_stays_on_the_site(open_page: Callable[..., Visit], site: Site,
                                           engine: str) -> None:
    """Zensical's own search interface finds a section of the statement in force, from an
    index fetched from this site (the teardown fails any request to another host)."""
    if engine != "zensical":
        pytest.skip("mkdocs-material's search: tests/browser/test_navigation.py")
    visit = open_page(site.require("statement"))
    page = visit.page
    page.locator(".md-search__button").first.click()
    page.get_by_role("combobox").press_sequentially("retention", delay=20)
    result = page.locator("a[href*='privacy/?h=retention']").first
    result.wait_for(state="visible", timeout=10_000)
    assert "Retention" in result.inner_text()
    href = result.get_attribute("href") or ""
    assert urlsplit(href).hostname in (None, "127.0.0.1"), href
    assert any(urlsplit(u).path.endswith("/search.json") for u in visit.requests), visit.requests
