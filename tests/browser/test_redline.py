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
