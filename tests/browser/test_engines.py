"""The Zensical-built site in a real browser: private and accessible like the MkDocs one.

This module builds the committed project with `lexdocs build --engine zensical` and
serves it in place of the session's MkDocs-built site (its `site` fixture overrides the
one in conftest.py), so `open_page` checks here too that no request leaves 127.0.0.1.
ProperDocs renders with mkdocs-material itself, so the rest of the suite stands for it.
What is the theme's own, and so not compared: the chrome, and the search interface and
its index (Zensical's `search.json` against mkdocs-material's `search/search_index.json`).
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
    ROOT,
    TODAY_EPOCH,
    Site,
    Visit,
    served,
)
from tests.browser.test_pages import KINDS, SCHEME, axe_violations, open_kind

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    work = tmp_path_factory.mktemp("zensical")
    clone = work / "project"
    subprocess.run(["git", "clone", "-q", f"file://{ROOT}", str(clone)], check=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=TODAY_EPOCH, PYTHONPATH=str(clone))
    env.pop("LEXDOCS_TREE", None)
    root = work / "site"
    lexdocs = Path(sys.executable).parent / "lexdocs"
    result = subprocess.run([str(lexdocs), "build", "--engine", "zensical", "--strict", "-d",
                             str(root)], cwd=clone, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"lexdocs build --engine zensical failed:\n{result.stderr[-4000:]}",
                    pytrace=False)
    with served(root) as site:
        yield site


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("kind", KINDS)
def test_zensical_page_loads_accessible_in_palette(open_page: Callable[..., Visit], site: Site,
                                                   kind: str, palette: str) -> None:
    visit = open_kind(open_page, site, kind, palette=palette, viewport=DESKTOP)
    page = visit.page
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEME[palette]
    assert page.locator("h1").count() == 1, "a page has exactly one h1"
    assert not visit.errors, f"script errors on {kind}: {visit.errors}"
    violations = axe_violations(page)
    assert not violations, f"axe on {kind} ({palette}):\n" + "\n".join(violations)


def test_zensical_search_stays_on_the_site(open_page: Callable[..., Visit], site: Site) -> None:
    """Zensical's own search interface finds a section of the statement in force, from an
    index fetched from this site (the teardown fails any request to another host)."""
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
