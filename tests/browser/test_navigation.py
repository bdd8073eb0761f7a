"""Finding your way: table of contents, citable section links, search, keyboard, palette.

A reader cites a section by its link, so every h2 must carry a permalink to its
own stable id; a reader using a keyboard must reach the text without a mouse.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.browser.conftest import MOBILE, PALETTES, Site, Visit
from tests.browser.test_pages import axe_violations

pytestmark = pytest.mark.browser

DOCUMENT_KINDS = ["statement", "version", "eu-summary", "california"]


def test_toc_link_moves_to_its_section(open_page: Callable[..., Visit], site: Site) -> None:
    page = open_page(site.require("statement")).page
    toc = page.locator(".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link")
    assert toc.count() >= 5, "the statement has a table of contents"
    link = toc.nth(toc.count() // 2)  # the last sections cannot scroll to the top
    target = link.get_attribute("href")
    assert target and target.startswith("#")
    assert page.evaluate("window.scrollY") == 0
    link.click()
    page.wait_for_function(f"location.hash === {target!r}")
    page.wait_for_function("window.scrollY > 0")
    top = page.locator(target).evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 200, f"{target} is at {top}px after the click, not at the top"


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_every_section_heading_has_a_permalink(open_page: Callable[..., Visit], site: Site,
                                               kind: str) -> None:
    page = open_page(site.require(kind)).page
    headings = page.locator(".md-content h2")
    assert headings.count() >= 2, f"{kind} has sections"
    missing = page.evaluate("""() => [...document.querySelectorAll('.md-content h2')]
        .filter(h => !h.id || !h.querySelector(`a.headerlink[href="#${h.id}"]`))
        .map(h => h.textContent)""")
    assert not missing, f"h2 without an id or permalink on {kind}: {missing}"
    permalink = headings.nth(1).locator("a.headerlink")
    target = permalink.get_attribute("href")
    permalink.focus()
    assert permalink.is_visible(), "a focused permalink is visible"
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === {target!r}")


def test_skip_link_is_first_and_jumps_to_content(open_page: Callable[..., Visit],
                                                  site: Site) -> None:
    page = open_page(site.require("statement")).page
    page.keyboard.press("Tab")
    focused = page.evaluate("(e => e.className + '|' + e.textContent.trim())"
                            "(document.activeElement)")
    assert focused.startswith("md-skip"), f"first Tab stop is {focused!r}, not the skip link"
    assert page.locator("a.md-skip").is_visible(), "the skip link shows when focused"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash.length > 1")


@pytest.mark.parametrize(("viewport", "palette"), [("desktop", "light"), ("mobile", "dark")])
def test_search_finds_retention(open_page: Callable[..., Visit], site: Site, viewport: str,
                                palette: str) -> None:
    visit = open_page(site.require("statement"), palette=palette,
                      viewport=MOBILE if viewport == "mobile" else None)
    page = visit.page
    if viewport == "mobile":
        page.get_by_role("button", name="Search").or_(
            page.locator("label.md-header__button[for='__search']")).first.click()
    query = page.locator("input.md-search__input")
    query.click()
    query.press_sequentially("retention", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10_000)
    assert "retention" in results.first.inner_text().lower()
    href = results.first.locator("a").first.get_attribute("href") or ""
    assert "://" not in href or "127.0.0.1" in href, f"search result leaves the site: {href}"
    # The index is fetched by the search worker: seeing it proves worker requests are
    # recorded too, so the privacy check at teardown covers them.
    assert any(u.endswith("search/search_index.json") for u in visit.requests), visit.requests


@pytest.mark.parametrize("palette", PALETTES)
def test_search_highlight_is_readable(open_page: Callable[..., Visit], site: Site,
                                      palette: str) -> None:
    """search.highlight marks the words found on the page a result opens (?h=…)."""
    page = open_page(site.require("statement") + "?h=retention", palette=palette).page
    assert page.locator(".md-content mark").count() > 0, "the words found are not marked"
    violations = axe_violations(page)
    assert not violations, "axe on a highlighted page:\n" + "\n".join(violations)


def test_palette_toggle_switches_and_is_remembered(open_page: Callable[..., Visit],
                                                   site: Site) -> None:
    page = open_page(site.require("statement"), palette="light").page
    scheme = "document.body.dataset.mdColorScheme"
    assert page.evaluate(scheme) == "default"
    page.locator("label[title='Switch to dark mode']").click()
    page.wait_for_function(f"{scheme} === 'slate'")
    page.reload(wait_until="networkidle")
    assert page.evaluate(scheme) == "slate", "the chosen palette is kept on the next page"
    page.locator("label[title='Switch to light mode']").click()
    page.wait_for_function(f"{scheme} === 'default'")
