"""Every page type reads at a desktop's 1280 px and a phone's 375 px: nothing makes the
page scroll sideways, no table column is squeezed until a word breaks inside itself
("Up co min g"), and a table too wide for a phone becomes cards or scrolls in its own box.

The measure is the browser's own layout: each word of each visible table cell is a DOM
Range, and a word whose boxes sit on more than one line was broken. Columns are measured
by their header cells; the narrowest must still hold its longest word.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, MOBILE, Site, Visit, screenshot
from tests.browser.test_pages import KINDS, open_kind

pytestmark = pytest.mark.browser

MEASURE = """() => {
  const vw = document.documentElement.clientWidth;
  const lines = r => new Set([...r.getClientRects()].filter(x => x.width > 0)
                                .map(x => Math.round(x.bottom))).size;
  const words = el => {
    const out = [];
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      for (const m of n.data.matchAll(/[^\\s-]+-?/g)) {
        const r = document.createRange();
        r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
        out.push({word: m[0], lines: lines(r), width: r.getBoundingClientRect().width});
      }
    }
    return out;
  };
  const visible = el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 2 && r.height > 2 && s.visibility !== 'hidden'
           && s.clipPath === 'none' && !el.closest('thead[style], .lx-sr');
  };
  const tables = [...document.querySelectorAll('.md-content table')].map(t => {
    const box = t.closest('.lx-table-box, .md-typeset__scrollwrap') || t;
    const b = box.getBoundingClientRect();
    const stacked = getComputedStyle(t.querySelector('tr') || t).display === 'block';
    const cells = [...t.querySelectorAll('th, td')].filter(c => visible(c)
        && !(stacked && c.closest('thead')));
    const broken = cells.flatMap(c => words(c).filter(w => w.lines > 1)
                                             .map(w => `${c.tagName}: ${w.word}`));
    const columns = stacked ? [] : [...t.querySelectorAll('thead th')].map((th, i) => {
      const col = [...t.querySelectorAll('tr')].map(tr => tr.children[i]).filter(Boolean);
      const longest = Math.max(0, ...col.flatMap(c => words(c).map(w => w.width)));
      return {name: th.textContent.trim(), width: th.getBoundingClientRect().width, longest};
    });
    const scrolls = [box, t].some(e => e.scrollWidth > e.clientWidth + 1
                                       && getComputedStyle(e).overflowX !== 'visible');
    return {stacked, broken, columns, boxRight: b.right, boxScrolls: scrolls,
            fits: t.scrollWidth <= b.width + 1};
  });
  const wide = [...document.querySelectorAll('.md-content *')]
    .filter(e => e.getBoundingClientRect().right > vw + 0.5
                 && getComputedStyle(e).position !== 'absolute'
                 && !e.closest('.lx-table-box, .md-typeset__scrollwrap'))
    .slice(0, 5).map(e => e.tagName + '.' + e.className);
  return {vw, scrollWidth: document.documentElement.scrollWidth, wide, tables};
}"""


def measure(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(MEASURE)
    return result


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "375"])
@pytest.mark.parametrize("kind", KINDS)
def test_page_fits_and_no_column_breaks_a_word(open_page: Callable[..., Visit], site: Site,
                                               kind: str, viewport: dict[str, int]) -> None:
    page = open_kind(open_page, site, kind, viewport=viewport).page
    m = measure(page)
    screenshot(page, f"{kind}-layout-{viewport['width']}")
    assert m["scrollWidth"] <= m["vw"], f"{kind} scrolls sideways: {m['scrollWidth']}px"
    assert not m["wide"], f"{kind}: elements wider than the screen: {m['wide']}"
    for i, t in enumerate(m["tables"]):
        where = f"{kind} table {i + 1} at {viewport['width']}px"
        assert not t["broken"], f"{where}: words broken inside: {t['broken'][:6]}"
        assert t["boxRight"] <= m["vw"] + 0.5, f"{where} reaches past the screen"
        if viewport is DESKTOP:
            assert t["fits"] and not t["boxScrolls"], f"{where} scrolls sideways"
        else:
            assert t["stacked"] or t["fits"] or t["boxScrolls"], f"{where} neither fits, " \
                "nor reflows into cards, nor scrolls in its own box"
        for col in t["columns"]:
            assert col["width"] + 0.5 >= col["longest"], \
                f"{where}: column {col['name']!r} ({col['width']:.0f}px) is narrower than " \
                f"its longest word ({col['longest']:.0f}px)"


def test_history_reads_at_desktop_width(open_page: Callable[..., Visit], site: Site) -> None:
    """The issue's own case: every history column holds its header and values whole."""
    page = open_kind(open_page, site, "history", viewport=DESKTOP).page
    table = measure(page)["tables"][0]
    assert [c["name"] for c in table["columns"]] == ["Version", "Last Updated", "Effective",
                                                     "Status", "Change", "Summary"]
    narrowest = min(table["columns"], key=lambda c: c["width"])
    assert narrowest["width"] >= 60, f"narrowest column: {narrowest}"
    status = page.locator("table.lx-history tbody td:nth-child(4)").first
    lines = status.evaluate("""e => { const r = document.createRange(); r.selectNodeContents(e);
        return new Set([...r.getClientRects()].map(x => Math.round(x.bottom))).size; }""")
    assert lines == 1, f"a one-word status takes {lines} lines"


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "375"])
def test_404_passes_every_axe_rule(open_page: Callable[..., Visit], site: Site,
                                   viewport: dict[str, int]) -> None:
    """Every rule, best practices included (`region`: all content in landmarks; `label`),
    not only the WCAG tags the other pages are held to."""
    from axe_playwright_python.sync_playwright import Axe

    page = open_kind(open_page, site, "404", viewport=viewport).page
    result = Axe().run(page, options={"resultTypes": ["violations"]})
    found = [f"{v['id']}: {', '.join(str(n['target']) for n in v['nodes'])}"
             for v in result.response["violations"]]
    assert not found, found


@pytest.mark.parametrize(("kind", "least"), [("california", 900), ("history", 900)])
def test_tables_use_the_width_a_desktop_has(open_page: Callable[..., Visit], site: Site,
                                            kind: str, least: int) -> None:
    """At 1280 px a six-column table is not squeezed beside empty columns: the history
    gives up its empty table of contents, the California notice its site menu (its
    table of contents stays)."""
    page = open_kind(open_page, site, kind, viewport=DESKTOP).page
    width = page.locator(".md-content table").first.evaluate(
        "t => t.getBoundingClientRect().width")
    assert width >= least, f"the {kind} table is {width:.0f}px wide at 1280 px"
    if kind == "california":
        assert page.locator(".md-sidebar--secondary nav").first.is_visible(), "the TOC stays"
    else:
        summary = page.locator("table.lx-history thead th").nth(5).evaluate(
            "th => th.getBoundingClientRect().width")
        assert summary >= 300, f"the Summary column is {summary:.0f}px wide"
