"""PDFs: what a reader files away must say what it is, and a build must never go online for it.

The text checks read the PDF back with pypdf, so they prove what a reader's
viewer shows, not what we meant to draw. The browser suite runs the same check
on the PDFs the real site publishes.
"""

from __future__ import annotations

import io
import os
import socket
from pathlib import Path
from typing import Any

import pytest

from lexdocs.errors import RenderError
from lexdocs.publish import pdf
from lexdocs.publish.pdf import offline_fetcher, render_pdf


def load_pypdf() -> Any:
    """pypdf, or a skip that says how to get it (a failure in CI, where it must be installed)."""
    try:
        import pypdf
    except ImportError:
        msg = "pypdf is not installed: pip install 'pypdf==7.1.0' (the test extra pins it)"
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    return pypdf


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text as pypdf extracts it, line breaks included."""
    return [page.extract_text() for page in load_pypdf().PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    """Every page's text, joined, with whitespace collapsed so line breaks don't matter."""
    return " ".join(" ".join(page.split()) for page in pdf_pages(data))


def check_pdf_text(data: bytes, *, title: str, last_updated: str, headings: list[str]) -> str:
    """Fail unless the PDF shows the title, the Last Updated date and every section heading."""
    assert data.startswith(b"%PDF-"), "not a PDF"
    text = pdf_text(data)
    assert title in text, f"title {title!r} missing from the PDF"
    assert f"Last Updated: {last_updated}" in text, f"'Last Updated: {last_updated}' missing"
    missing = [h for h in headings if " ".join(h.split()) not in text]
    assert not missing, f"section headings missing from the PDF: {missing}"
    return text


HEADINGS = ["Introduction", "What We Collect", "Retention & Deletion", "Your Rights"]
ARGS: dict[str, str] = {
    "title": "Privacy Statement",
    "version_id": "2026-11-29",
    "last_updated": "November 29, 2026",
    "effective": "December 29, 2026",
    "body_html": "".join(
        f'<h2 id="s{i}">{h.replace("&", "&amp;")}</h2>\n<p>{"Section text. " * 80}</p>\n'
        for i, h in enumerate(HEADINGS)),
    "source_url": "https://legal.example.com/privacy/versions/2026-11-29/",
}


def test_pdf_shows_title_dates_version_headings_source_and_page_numbers() -> None:
    data = render_pdf(**ARGS)
    text = check_pdf_text(data, title="Privacy Statement", last_updated="November 29, 2026",
                          headings=HEADINGS)
    assert "Effective: December 29, 2026" in text
    assert "Version 2026-11-29" in text
    assert ARGS["source_url"] in text
    pages = len(pdf_pages(data))
    assert pages >= 2, "the sample should span pages, to prove numbering"
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text


def test_values_are_escaped_not_markup() -> None:
    data = render_pdf(**{**ARGS, "title": "Terms <b>& Conditions</b>"})
    assert "Terms <b>& Conditions</b>" in pdf_text(data)


def test_check_fails_when_a_heading_is_missing() -> None:
    data = render_pdf(**{**ARGS, "body_html": "<h2>Introduction</h2><p>Only this.</p>"})
    with pytest.raises(AssertionError, match="Retention"):
        check_pdf_text(data, title="Privacy Statement", last_updated="November 29, 2026",
                       headings=HEADINGS)


def test_cache_returns_same_bytes_without_rendering(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    first = render_pdf(**ARGS, cache_dir=tmp_path / "pdf")
    assert len(list((tmp_path / "pdf").glob("*.pdf"))) == 1

    def no_render(inputs: dict[str, str]) -> bytes:
        raise AssertionError("rendered although the cache holds this PDF")

    monkeypatch.setattr(pdf, "_render", no_render)
    assert render_pdf(**ARGS, cache_dir=tmp_path / "pdf") == first


@pytest.mark.parametrize("change", ["input", "weasyprint", "stylesheet"])
def test_cache_key_changes_with_every_input(change: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = pdf.cache_key(**ARGS)
    args = dict(ARGS)
    if change == "input":
        args["effective"] = "December 30, 2026"
    elif change == "weasyprint":
        monkeypatch.setattr(pdf, "package_version", lambda name: "0.0-test")
    else:
        monkeypatch.setattr(pdf, "stylesheet_text", lambda: "h1 { color: red }")
    assert pdf.cache_key(**args) != before


def test_no_cache_dir_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    render_pdf(**ARGS)
    assert list(tmp_path.iterdir()) == []


def test_rendering_never_opens_a_network_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: socket.socket, *args: object) -> None:
        raise AssertionError(f"PDF rendering opened a connection to {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    body = (ARGS["body_html"] + '<img src="https://example.com/tracker.png" alt="">'
            '<link rel="stylesheet" href="https://example.com/x.css">'
            '<p style="background: url(http://example.com/bg.png)">x</p>')
    data = render_pdf(**{**ARGS, "body_html": body})
    assert data.startswith(b"%PDF-")


@pytest.mark.parametrize("url", ["https://example.com/a.png", "http://127.0.0.1/x.css",
                                 "ftp://example.com/f"])
def test_fetcher_refuses_network_urls(url: str) -> None:
    with pytest.raises(ValueError, match="offline"):
        offline_fetcher().fetch(url)


def test_fetcher_allows_data_urls() -> None:
    assert offline_fetcher().fetch("data:text/plain,hi").read() == b"hi"


def test_render_failure_is_a_lexdocs_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: object, **kwargs: object) -> bytes:
        raise OSError("no pango")

    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    with pytest.raises(RenderError, match="version 2026-11-29: OSError: no pango"):
        render_pdf(**ARGS)
