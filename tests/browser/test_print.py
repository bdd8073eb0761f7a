"""Printing and PDFs: paper shows only the document, with link targets spelled out, every
published PDF says what it is, and a version without one offers its page for printing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import PALETTES, Site, Visit
from tests.test_pdf import check_pdf_text, pdf_pages

pytestmark = pytest.mark.browser

CHROME = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
          ".md-search", "nav.lx-doclinks", ".md-content h2 .headerlink"]


def heading_text(loc: Any) -> list[str]:
    """Heading texts without their permalink sign."""
    return [t.replace("¶", "").strip() for t in loc.all_inner_texts()]


@pytest.mark.parametrize("palette", PALETTES)
def test_print_shows_only_the_document(open_page: Callable[..., Visit], site: Site,
                                       palette: str) -> None:
    page = open_page(site.require("statement"), palette=palette).page
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in (
        "rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), "paper is white in every palette"
    shown = [sel for sel in CHROME if page.locator(sel).first.is_visible()]
    assert not shown, f"printed page shows site chrome: {shown}"
    assert page.locator("h1").is_visible() and page.locator(".lx-updated").is_visible()
    assert page.locator(".lx-upcoming").first.is_visible(), "the upcoming-change notice is printed"
    external = page.locator('.md-content a[href^="http"]').first
    href = external.get_attribute("href")
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert after == f'" ({href})"', f"printed link does not show its URL: {after}"


def test_chromium_print_to_pdf_has_document_not_chrome(open_page: Callable[..., Visit],
                                                       site: Site) -> None:
    page = open_page(site.require("statement")).page
    title = heading_text(page.locator("h1"))[0]
    data = page.pdf(print_background=False, prefer_css_page_size=True)
    pages = pdf_pages(data)  # read once (pypdf: 0.6 CPU-s); the text is pdf_text()'s of them
    text = " ".join(" ".join(p.split()) for p in pages)
    assert title in text and "Last Updated:" in text
    assert "Table of contents" not in text and "Search" not in text.split(title, 1)[0]
    assert "Skip to content" not in text
    assert len(pages) > 1
    for n, p in enumerate(pages, start=1):  # @page @bottom-right { content: counter(page) }
        assert str(n) in p.split("\n"), f"printed page {n} has no page number"


def test_published_pdfs_show_title_date_and_every_heading(open_page: Callable[..., Visit],
                                                          site: Site) -> None:
    with_pdf = [v for doc in site.versions["documents"].values() for v in doc["versions"]
                if v.get("pdf_url")]
    assert with_pdf, "versions.json lists no PDF"
    for v in with_pdf:
        visit = open_page(site.path_of(v["url"]), reuse=True)
        page = visit.page
        title = heading_text(page.locator("h1"))[0]
        last_updated = page.locator(".lx-updated time").first.inner_text().strip()
        headings = heading_text(page.locator(".md-content h2"))
        pdf_link = page.locator("nav.lx-doclinks a", has_text="PDF")
        assert pdf_link.get_attribute("download") is not None
        response = page.request.get(pdf_link.evaluate("a => a.href"))
        assert response.ok and response.headers["content-type"] == "application/pdf"
        data = response.body()
        assert response.url.endswith(site.path_of(v["pdf_url"]))
        text = check_pdf_text(data, title=title, last_updated=last_updated, headings=headings)
        assert f"Version {v['id']}" in text
        assert v["url"] in text, "the PDF names the page it was printed from"


def test_a_version_without_pdf_offers_printing_and_links_no_pdf(
        open_page: Callable[..., Visit], site: Site) -> None:
    """A version replaced before any build made its PDF has none (PDFs are made of the
    versions in force or pending, and kept once published): its page says to print it,
    and that line, like the other links, stays off the paper."""
    without = [v for doc in site.versions["documents"].values() for v in doc["versions"]
               if v.get("pdf_url") is None]
    if not without:
        pytest.skip("every version of this build has a PDF")
    page = open_page(site.path_of(without[0]["url"]), reuse=True).page
    assert page.locator("nav.lx-doclinks a", has_text="PDF").count() == 0
    hint = page.locator("nav.lx-doclinks .lx-print-copy")
    assert hint.inner_text() == "Print this page to keep a copy"
    page.emulate_media(media="print")
    assert not hint.is_visible()
    page.emulate_media(media="screen")


@pytest.mark.parametrize("kind", ["statement", "redline"])
def test_dark_palette_prints_dark_ink_on_white(open_page: Callable[..., Visit], site: Site,
                                               kind: str) -> None:
    """A reader on the dark palette who prints gets legible paper, not pale grey text."""
    page = open_page(site.require(kind), palette="dark").page
    page.emulate_media(media="print")
    pale = page.evaluate("""() => [...document.querySelectorAll('.md-content *')]
        .filter(e => e.offsetParent !== null && [...e.childNodes].some(
            n => n.nodeType === 3 && n.textContent.trim()))
        .map(e => [e.tagName + '.' + e.className, getComputedStyle(e)])
        .filter(([, s]) => !['rgb(0, 0, 0)', 'rgb(51, 51, 51)'].includes(s.color)
            || !['rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)'].includes(s.backgroundColor))
        .slice(0, 8).map(([n, s]) => `${n}: ${s.color} on ${s.backgroundColor}`)""")
    assert not pale, f"printed {kind} (dark palette) has non-black ink or tinted boxes: {pale}"
