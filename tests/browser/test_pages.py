"""Every page type loads, privately and accessibly, in both palettes, on desktop and phone.

The privacy check is in the `open_page` fixture: any request that leaves 127.0.0.1
fails the test that loaded the page. Accessibility is axe-core's WCAG 2.1 A and AA
rules, from the copy bundled in axe-playwright-python (injected, never fetched).
With LEXDOCS_SCREENSHOTS=1, screenshots land in artifacts/screenshots/ for a person
to judge the design.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, MOBILE, PALETTES, Site, Visit, screenshot

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
        screenshot(table, f"{kind}-table-light-mobile")
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


def test_one_banner_per_day_links_the_net_redline(open_page: Callable[..., Visit],
                                                  site: Site) -> None:
    """However many versions take effect on a day, the page in force shows one banner for
    it, linking to the redline from the text in force now to the text of that day."""
    doc = site.versions["documents"]["privacy"]
    upcoming = [v for v in doc["versions"] if v["status"] == "upcoming"]
    assert upcoming, "versions.json lists no upcoming version on 2026-12-01"
    days = sorted({v["effective"] for v in upcoming})
    page = open_kind(open_page, site, "statement").page
    banners = page.locator(".lx-banner.lx-upcoming")
    assert banners.count() == len(days), "one banner for each day a change takes effect"
    redlines = []
    for day, banner in zip(days, banners.all(), strict=True):
        assert banner.is_visible()
        assert banner.locator("time").get_attribute("datetime") == day
        last = [v for v in upcoming if v["effective"] == day][-1]
        hrefs = banner.locator("a").evaluate_all("as => as.map(a => a.href)")
        assert site.url(site.path_of(last["url"])) in hrefs, hrefs
        net = site.url(f"privacy/changes/{doc['current']}...{last['id']}/")
        assert net in hrefs, hrefs
        redlines.append(site.path_of(doc["url"]) + f"changes/{doc['current']}...{last['id']}/")
    # Every banner read, the statement's page walks on to each net redline (a page of its
    # own for each cost Chromium a renderer).
    for path in redlines:
        redline = open_page(path, reuse=True)
        assert redline.page.locator(".lx-redline ins.lx-ins, .lx-redline del.lx-del").count()


def test_every_document_page_states_both_dates(open_page: Callable[..., Visit],
                                               site: Site) -> None:
    """Every page in force and every version page says Last Updated and Effective, and a
    version page links to its redline; a version id never wraps. Each page is opened once."""
    for name, doc in site.versions["documents"].items():
        for v in [None, *doc["versions"]]:
            path = site.path_of((v or doc)["url"])
            page = open_page(path, reuse=True).page
            line = page.locator("h1 ~ .lx-updated").first.inner_text()
            assert "Last Updated:" in line and ("Effective:" in line or "Takes effect:" in line), \
                f"{name} {path}: {line!r}"
            if v is None:  # the page in force; the rest are version pages
                continue
            if v.get("redline_url"):
                link = page.locator(".lx-redline-link a")
                assert link.evaluate("a => a.href") == site.url(site.path_of(v["redline_url"]))
            wraps = page.locator(".lx-updated .lx-id").evaluate("""e => {
                const r = document.createRange(); r.selectNodeContents(e);
                return new Set([...r.getClientRects()].map(x => Math.round(x.bottom))).size; }""")
            assert wraps == 1, f"version id {v['id']} wraps"


def test_home_states_dates_and_what_changes_next(open_page: Callable[..., Visit],
                                                site: Site) -> None:
    page = open_kind(open_page, site, "home").page
    heads = [t.strip() for t in page.locator("table.lx-home thead th").all_inner_texts()]
    assert heads[:4] == ["Document", "Last Updated", "Effective", "Upcoming"], heads
    doc = site.versions["documents"]["privacy"]
    row = page.locator("table.lx-home tbody tr").first
    assert row.locator("td").nth(2).locator("time").count() == 1
    upcoming = [v for v in doc["versions"] if v["status"] == "upcoming"]
    change = row.locator(".lx-upcoming-change")
    assert change.count() == len({v["effective"] for v in upcoming})
    if upcoming:
        assert change.first.inner_text().startswith("Changes on")
        href = change.first.locator("a").evaluate("a => a.href")
        assert href == site.url(f"privacy/changes/{doc['current']}...{upcoming[-1]['id']}/")


def test_search_index_holds_only_pages_in_force(site: Site) -> None:
    """Each sentence is found once: version pages and redlines are not indexed."""
    index = json.loads((site.root / "search" / "search_index.json").read_text("utf-8"))
    pages = {d["location"].split("#")[0] for d in index["docs"]}
    assert "privacy/" in pages and "" in pages
    assert not [p for p in pages if "/versions/" in p or "/changes/" in p], sorted(pages)
    sentence = "Your privacy is important to us."
    hits = {d["location"].split("#")[0] for d in index["docs"] if sentence in d["text"]}
    assert hits == {"privacy/"}, hits


def test_404_page_helps_and_returns_404(open_page: Callable[..., Visit], site: Site) -> None:
    visit = open_kind(open_page, site, "404")
    page = visit.page
    assert page.locator("h1").inner_text() == "Page not found"
    home = page.get_by_role("link", name="All our legal documents")
    home.click()
    page.wait_for_load_state()
    assert page.url == site.base
    assert page.title().startswith("Legal")
