"""Every page type loads, privately and accessibly, in both palettes, on desktop and phone.

The privacy check is in the `open_page` fixture: any request that leaves 127.0.0.1
fails the test that loaded the page. Accessibility is axe-core's WCAG 2.1 A and AA
rules, from the copy bundled in axe-playwright-python (injected, never fetched).
Screenshots land in artifacts/screenshots/ for a person to judge the design.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, MOBILE, PALETTES, SCREENSHOTS, Site, Visit, screenshot

pytestmark = pytest.mark.browser

KINDS = ["home", "statement", "eu-summary", "california", "history", "version", "redline", "404"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best-practice rules the default theme broke and we fixed; kept so they stay fixed.
EXTRA_RULES = ["aria-dialog-name"]
SCHEME = {"light": "default", "dark": "slate"}


def axe_violations(page: Any) -> list[str]:
    """WCAG 2.1 A/AA violations on the page, one readable line per element."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                      "rules": {rule: {"enabled": True} for rule in EXTRA_RULES},
                                      "resultTypes": ["violations"]})
    lines = []
    for v in result.response["violations"]:
        for node in v["nodes"]:
            why = "; ".join(c["message"] for c in node.get("any", []) + node.get("all", [])
                            + node.get("none", []))
            lines.append(f"{v['id']} ({v['impact']}) at {', '.join(map(str, node['target']))}: "
                         f"{why}")
    return lines


def open_kind(open_page: Callable[..., Visit], site: Site, kind: str, **kw: Any) -> Visit:
    path = site.require(kind)
    return open_page(path, status=404 if kind == "404" else 200, **kw)


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("kind", KINDS)
def test_page_loads_accessible_in_palette(open_page: Callable[..., Visit], site: Site, kind: str,
                                          palette: str) -> None:
    visit = open_kind(open_page, site, kind, palette=palette, viewport=DESKTOP)
    page = visit.page
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEME[palette], \
        f"the {palette} palette did not apply"
    assert page.locator("h1").count() == 1, "a page has exactly one h1"
    assert page.title().strip(), "the page has a title"
    assert not visit.errors, f"script errors on {kind}: {visit.errors}"
    screenshot(page, f"{kind}-{palette}-desktop")
    violations = axe_violations(page)
    assert not violations, f"axe on {kind} ({palette}):\n" + "\n".join(violations)


@pytest.mark.parametrize("kind", KINDS)
def test_phone_width_never_scrolls_sideways(open_page: Callable[..., Visit], site: Site,
                                            kind: str) -> None:
    visit = open_kind(open_page, site, kind, viewport=MOBILE)
    page = visit.page
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, f"{kind}-light-mobile")
    table = page.locator(".md-content table").first
    if table.count():
        table.screenshot(path=str(SCREENSHOTS / f"{kind}-table-light-mobile.png"))
    assert width <= MOBILE["width"], f"{kind} is {width}px wide at {MOBILE['width']}px"
    wide = page.evaluate("""() => [...document.querySelectorAll('.md-content *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                     && getComputedStyle(e).position !== 'absolute'
                     && !e.closest('.md-typeset__scrollwrap, table.lx-history'))
        .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
    assert not wide, f"{kind}: elements wider than the screen: {wide}"


@pytest.mark.parametrize("kind", ["history", "california"])
def test_tables_fit_a_phone_without_script(open_page: Callable[..., Visit], site: Site,
                                           kind: str) -> None:
    """Without JavaScript tables cannot turn into cards; they scroll in their own box."""
    visit = open_kind(open_page, site, kind, viewport=MOBILE, javascript=False)
    width = visit.page.evaluate("document.documentElement.scrollWidth")
    assert width <= MOBILE["width"], f"{kind} without script is {width}px wide"


def test_history_rows_are_labelled_cards_on_a_phone(open_page: Callable[..., Visit],
                                                    site: Site) -> None:
    page = open_kind(open_page, site, "history", viewport=MOBILE).page
    table = page.locator("table.lx-history")
    assert table.get_attribute("data-lx-stack") is not None
    labels = page.evaluate("""() => [...document.querySelectorAll(
        'table.lx-history tbody tr:first-child td')]
        .map(td => getComputedStyle(td, '::before').content)""")
    assert '"Version"' in labels and '"Effective"' in labels, labels
    # Rows and headers stay a table for screen readers.
    assert page.get_by_role("columnheader", name="Effective").count() == 1
    assert page.get_by_role("row").count() >= 2


def test_statement_header_shows_date_and_document_links(open_page: Callable[..., Visit],
                                                        site: Site) -> None:
    page = open_kind(open_page, site, "statement").page
    updated = page.locator("h1 + .lx-updated")
    assert updated.is_visible() and updated.inner_text().startswith("Last Updated:")
    assert float(updated.evaluate("e => parseFloat(getComputedStyle(e).fontWeight)")) >= 600
    links = page.locator("nav.lx-doclinks a")
    assert [a.strip() for a in links.all_inner_texts()] == ["History", "Atom feed", "PDF"]
    for href in links.evaluate_all("as => as.map(a => a.href)"):
        assert page.request.get(href).ok, f"document link {href} is broken"


def test_upcoming_version_banner_shows(open_page: Callable[..., Visit], site: Site) -> None:
    upcoming = [v for v in site.versions["documents"]["privacy"]["versions"]
                if v["status"] == "upcoming"]
    assert upcoming, "versions.json lists no upcoming version on 2026-12-01"
    page = open_kind(open_page, site, "statement").page
    banners = page.locator(".lx-banner.lx-upcoming")
    assert banners.count() == len(upcoming), "one banner for each upcoming version"
    banner = banners.last
    assert banner.is_visible()
    v = upcoming[-1]
    assert banner.locator("time").get_attribute("datetime") == v["effective"]
    # Exactly the permanent URLs: folder links keep their slash, needing no redirect.
    hrefs = banner.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert site.url(site.path_of(v["url"])) in hrefs, hrefs
    if v.get("redline_url"):
        assert site.url(site.path_of(v["redline_url"])) in hrefs, hrefs


def test_404_page_helps_and_returns_404(open_page: Callable[..., Visit], site: Site) -> None:
    visit = open_kind(open_page, site, "404")
    page = visit.page
    assert page.locator("h1").inner_text() == "Page not found"
    home = page.get_by_role("link", name="All our legal documents")
    home.click()
    page.wait_for_load_state()
    assert page.url == site.base
    assert page.title().startswith("Legal")
