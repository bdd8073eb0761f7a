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
    "paper": "letter",
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


@pytest.mark.parametrize("damage", ["truncated", "garbage", "edited", "no-digest"])
def test_damaged_cache_entry_is_rendered_again(tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "pdf"
    good = render_pdf(**ARGS, cache_dir=cache)
    entry = cache / f"{pdf.cache_key(**ARGS)}.pdf"
    if damage == "truncated":
        entry.write_bytes(good[: len(good) // 2])
    elif damage == "garbage":
        entry.write_bytes(b"<html>not a pdf</html>")
    elif damage == "edited":  # still looks like a PDF, but is not the one that was rendered
        entry.write_bytes(good.replace(b"Privacy", b"Piracy!"))
    else:
        entry.with_suffix(".sha256").unlink()
    again = render_pdf(**ARGS, cache_dir=cache)
    assert again.startswith(b"%PDF-") and again.rstrip().endswith(b"%%EOF")
    assert entry.read_bytes() == again and "Privacy Statement" in pdf_text(again)
    assert pdf.cached(cache, pdf.cache_key(**ARGS)) == entry


def test_read_only_cache_warns_and_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           caplog: pytest.LogCaptureFixture) -> None:
    cache = tmp_path / ".cache"
    cache.mkdir()
    cache.chmod(0o555)
    if os.geteuid() == 0:  # root writes anyway: refuse the write as a read-only disk would

        def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(pdf.tempfile, "mkstemp", read_only)
    data = render_pdf(**ARGS, cache_dir=cache / "lexdocs" / "pdf")
    assert data.startswith(b"%PDF-")
    assert "cannot be written" in caplog.text
    cache.chmod(0o755)
    assert [p for p in cache.rglob("*") if p.is_file() and p.name != ".gitignore"] == []


def test_many_pdfs_render_in_parallel_into_the_cache(tmp_path: Path) -> None:
    # Enough for two workers: fewer are made in this process.
    jobs = [{**ARGS, "version_id": f"2026-11-2{i}"} for i in range(pdf.PDFS_PER_WORKER + 1)]
    paths = pdf.ensure_pdfs(jobs, tmp_path, workers=2)
    assert [p.name for p in paths] == [f"{pdf.cache_key(**j)}.pdf" for j in jobs]
    for job, path in zip(jobs, paths, strict=True):
        assert f"Version {job['version_id']}" in pdf_text(path.read_bytes())
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pdf-")]


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
                                 "ftp://example.com/f", "file:///etc/hostname",
                                 "FILE:///etc/passwd", "file://localhost/etc/hostname",
                                 "file:///proc/self/environ"])
def test_fetcher_refuses_network_and_local_files(url: str) -> None:
    with pytest.raises(ValueError, match="offline"):
        offline_fetcher().fetch(url)


def test_fetcher_allows_only_packaged_assets() -> None:
    css = pdf.assets_dir() / pdf.STYLESHEET
    assert offline_fetcher().fetch(css.as_uri()).read() == css.read_bytes()
    escape = css.as_uri().replace("/assets/pdf.css", "/assets/../pdf.py")
    assert not pdf.allowed_url(escape), "a '..' path must not leave the assets folder"


HOSTILE = ('<p><a rel="attachment" href="file:///etc/hostname">terms</a> '
           '<a rel="nofollow Attachment" href="{secret}">more</a></p>'
           '<link rel="attachment" href="file:///etc/hostname">'
           '<p><img src="file:///etc/hostname" alt=""><img src="{secret}" alt=""></p>')


def embedded(data: bytes) -> tuple[dict[str, Any], int]:
    """Files attached to a PDF and the number of images on its pages, as a viewer sees them."""
    reader = load_pypdf().PdfReader(io.BytesIO(data))
    return dict(reader.attachments), sum(len(page.images) for page in reader.pages)


def test_attachment_links_and_file_images_never_reach_the_pdf(tmp_path: Path) -> None:
    secret_file = tmp_path / "secret.png"
    secret_file.write_bytes(b"TOKEN-" * 50)
    body = ARGS["body_html"] + HOSTILE.format(secret=secret_file.as_uri())
    import weasyprint

    # Without the guard WeasyPrint embeds the files: proof that this test can fail.
    raw = weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf()
    assert b"/EmbeddedFile" in raw and embedded(raw)[0], "WeasyPrint no longer embeds files"

    data = render_pdf(**{**ARGS, "body_html": body})
    attachments, images = embedded(data)
    assert attachments == {} and images == 0
    assert b"/EmbeddedFile" not in data and b"TOKEN-" not in data
    assert "terms" in pdf_text(data), "the link text itself stays"


def test_attachment_rel_is_removed_but_other_rels_stay() -> None:
    out = pdf.without_attachments('<a rel="nofollow ATTACHMENT" href="x">x</a>'
                                  "<a rel=attachment href=y>y</a>")
    assert "attachment" not in out.lower()
    assert 'rel="nofollow"' in out and 'rel=""' in out


def test_fetcher_allows_data_urls() -> None:
    assert offline_fetcher().fetch("data:text/plain,hi").read() == b"hi"


def test_render_failure_is_a_lexdocs_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: object, **kwargs: object) -> bytes:
        raise OSError("no pango")

    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    with pytest.raises(RenderError, match="version 2026-11-29: OSError: no pango"):
        render_pdf(**ARGS)


def page_size(data: bytes) -> tuple[float, float]:
    """The first page's width and height in points, as a viewer lays out the paper."""
    box = load_pypdf().PdfReader(io.BytesIO(data)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_pdf_prints_on_the_documents_paper(paper: str, size: tuple[int, int]) -> None:
    data = render_pdf(**{**ARGS, "body_html": "<h2>Introduction</h2><p>Text.</p>",
                         "paper": paper})
    assert page_size(data) == size
    assert pdf.cache_key(**{**ARGS, "paper": paper}) != pdf.cache_key(
        **{**ARGS, "paper": "letter" if paper == "a4" else "a4"})
