"""The redline: what was inserted and deleted is visible, distinguishable without colour,
and announced to screen readers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import PALETTES, Site, Visit

pytestmark = pytest.mark.browser

STYLE = """e => { const s = getComputedStyle(e);
  return {line: s.textDecorationLine, color: s.color, bg: s.backgroundColor,
          visible: e.getBoundingClientRect().width > 0}; }"""


def styles(page: Any, selector: str) -> dict[str, Any]:
    loc = page.locator(f".lx-redline {selector}")
    assert loc.count() > 0, f"the redline has no {selector}"
    return loc.first.evaluate(STYLE)


@pytest.mark.parametrize("palette", PALETTES)
def test_insertions_and_deletions_are_distinguishable(open_page: Callable[..., Visit],
                                                      site: Site, palette: str) -> None:
    page = open_page(site.require("redline"), palette=palette).page
    ins, dele = styles(page, "ins.lx-ins"), styles(page, "del.lx-del")
    body = page.locator(".md-typeset p").first.evaluate("e => getComputedStyle(e).color")
    assert ins["visible"] and dele["visible"]
    assert "underline" in ins["line"], f"insertions are not underlined: {ins}"
    assert "line-through" in dele["line"], f"deletions are not struck through: {dele}"
    assert ins["color"] != dele["color"], "insertions and deletions share a colour"
    assert body not in (ins["color"], dele["color"]), "marks are the colour of plain text"


def test_marks_are_announced_to_screen_readers(open_page: Callable[..., Visit],
                                               site: Site) -> None:
    page = open_page(site.require("redline")).page
    counts = page.evaluate("""() => ({
        ins: document.querySelectorAll('.lx-redline ins.lx-ins').length,
        insSr: document.querySelectorAll('.lx-redline ins.lx-ins > .lx-sr').length,
        del: document.querySelectorAll('.lx-redline del.lx-del').length,
        delSr: document.querySelectorAll('.lx-redline del.lx-del > .lx-sr').length})""")
    assert counts["ins"] and counts["ins"] * 2 == counts["insSr"], counts
    assert counts["del"] and counts["del"] * 2 == counts["delSr"], counts
    sr = page.locator(".lx-redline .lx-sr").first
    box = sr.evaluate("e => { const r = e.getBoundingClientRect(); return r.width * r.height; }")
    assert box <= 1, "screen-reader text is visually hidden"
    tree = page.locator(".lx-redline").aria_snapshot()
    assert "[inserted:" in tree and "[deleted:" in tree, "screen readers do not hear the marks"


def test_legend_explains_marks_in_words(open_page: Callable[..., Visit], site: Site) -> None:
    page = open_page(site.require("redline")).page
    legend = page.locator(".lx-legend")
    assert "underlined" in legend.inner_text() and "struck through" in legend.inner_text()


def test_redline_keeps_list_items_and_folds_the_unchanged(open_page: Callable[..., Visit],
                                                          site: Site) -> None:
    """Deleted and inserted list items are list items with their markers; unchanged text
    folds into lines that open without script."""
    doc = site.versions["documents"]["privacy"]
    with_items = [site.path_of(v["redline_url"]) for v in doc["versions"]
                  if v.get("redline_url")]
    found = 0
    for path in with_items:  # one page walks them all (a new page for each cost a renderer)
        page = open_page(path, javascript=False, reuse=True).page
        items = page.locator(".lx-text li:is(.lx-row-ins, .lx-row-del)")
        for i in range(items.count()):
            marker = items.nth(i).evaluate("""li => {
                const s = getComputedStyle(li);
                return s.display === 'list-item' && s.listStyleType !== 'none'; }""")
            assert marker, f"{path}: a list item in the redline has no marker"
            found += 1
        folds = page.locator("details.lx-fold, details.lx-unchanged")
        if folds.count():
            first = folds.first
            assert not first.evaluate("d => d.open")
            first.locator("summary").click()
            assert first.evaluate("d => d.open"), "a fold opens without script"
    assert found, "no redline shows an inserted or deleted list item"


def test_an_inserted_stop_is_boxed(open_page: Callable[..., Visit], site: Site) -> None:
    doc = site.versions["documents"]["privacy"]
    path = next(site.path_of(v["redline_url"]) for v in doc["versions"]
                if v["id"].endswith("-2") and v.get("redline_url"))
    page = open_page(path).page
    stop = page.locator("ins.lx-punct").first
    box = stop.evaluate("""e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();
        return {outline: s.outlineStyle, width: r.width}; }""")
    assert box["outline"] != "none" and box["width"] >= 8, box


def test_marks_survive_print_without_colour(open_page: Callable[..., Visit], site: Site) -> None:
    """On paper (and in a PDF printed from the page) insertions stay underlined and
    deletions struck through, in black; a lone stop keeps its box."""
    page = open_page(site.require("redline"), palette="dark").page
    page.emulate_media(media="print")
    ins, dele = styles(page, "ins.lx-ins"), styles(page, "del.lx-del")
    assert "underline" in ins["line"] and "line-through" in dele["line"], (ins, dele)
    assert ins["color"] == dele["color"] == "rgb(0, 0, 0)", (ins, dele)
    punct = page.locator(".lx-redline .lx-punct")
    if punct.count():
        assert punct.first.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
