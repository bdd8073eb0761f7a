"""Every published version as a PDF a reader can keep, print or attach to a complaint.

A PDF is the copy people file away, so it must stand on its own: the title, the
dates and the version are printed on it, every page says where the text came
from, and pages are numbered so a paragraph can be cited. It is rendered by
WeasyPrint from the same HTML the site shows, with a bundled stylesheet and the
system's fonts, and never touches the network: a privacy statement should not
make a request to be printed, and a build must not depend on another host.

Rendering is the slowest step of a build (about a second a version), so the
bytes are cached under a key made from every input, the stylesheet and the
WeasyPrint version: a cached PDF can never be stale, and `mkdocs serve` rebuilds
or repeat builds render only versions that changed.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import tempfile
from importlib import resources
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from lexdocs.errors import RenderError

log = logging.getLogger(__name__)

STYLESHEET = "pdf.css"
"""The print stylesheet for PDFs, bundled in `lexdocs/publish/assets/`."""

# Bump when the HTML skeleton below changes, so cached PDFs made from the old one are not reused.
_LAYOUT_VERSION = "1"
_ALLOWED_SCHEMES = ("file:", "data:")


def offline_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses every URL that would leave the machine.

    A document's HTML could name an image or a stylesheet on another host; the
    PDF is rendered without it (WeasyPrint logs a warning) rather than fetching
    it, so the build stays offline and reproducible. WeasyPrint takes a second
    to import, so it is imported only when a PDF is not in the cache.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OfflineFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            if not url.lower().startswith(_ALLOWED_SCHEMES):
                raise ValueError(f"lexdocs renders PDFs offline; not fetching {url}")
            return super().fetch(url, headers)

    return OfflineFetcher()


def stylesheet_text() -> str:
    """The bundled PDF stylesheet; its text is part of every cache key."""
    assets = resources.files("lexdocs.publish").joinpath("assets")
    return assets.joinpath(STYLESHEET).read_text(encoding="utf-8")


def pdf_html(*, title: str, version_id: str, last_updated: str, effective: str,
             body_html: str, source_url: str) -> str:
    """The self-contained HTML a PDF is printed from.

    The heading block repeats what the site's header shows, because a printed
    page has no header: which document, which version, since when in force.
    `string-set` in the stylesheet copies the title and the source URL into
    every page's margins.
    """
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(title)} (version {e(version_id)})</title>
<meta name="description" content="{e(title)}, version {e(version_id)}, effective {e(effective)}">
<meta name="generator" content="lexdocs">
</head>
<body>
<header class="lx-pdf-head">
<h1>{e(title)}</h1>
<p class="lx-pdf-meta"><span class="lx-pdf-updated">Last Updated: {e(last_updated)}</span><br>
Effective: {e(effective)}<br>
<span class="lx-pdf-version">Version {e(version_id)}</span></p>
</header>
<main>
{body_html}
</main>
<footer class="lx-pdf-source">
<p>This copy was printed from <a href="{e(source_url)}">{e(source_url)}</a>,
where every version of this document and what changed between them stay published.</p>
</footer>
</body>
</html>
"""


def cache_key(**inputs: str) -> str:
    """SHA-256 of every input, the stylesheet, the skeleton and the WeasyPrint version.

    Any of these changes what the PDF looks like, so any of them changes the key;
    nothing else is needed to decide whether a cached PDF is still right.
    """
    material = {**inputs, "_stylesheet": stylesheet_text(), "_layout": _LAYOUT_VERSION,
                "_weasyprint": package_version("weasyprint")}
    blob = json.dumps(material, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def render_pdf(*, title: str, version_id: str, last_updated: str, effective: str,
               body_html: str, source_url: str, cache_dir: Path | None = None) -> bytes:
    """The PDF of one version of a document, from the cache when the inputs are unchanged.

    `body_html` is the document's HTML (h2 section headings and their bodies,
    as `RenderedDocument.html` gives it). `source_url` is the public page of
    this version: it is printed on every page and relative links resolve
    against it, so links in the PDF still work once it is saved elsewhere.
    `cache_dir` (the build passes `<project>/.cache/lexdocs/pdf`) is created
    if missing; None renders every time.
    """
    inputs = {"title": title, "version_id": version_id, "last_updated": last_updated,
              "effective": effective, "body_html": body_html, "source_url": source_url}
    path: Path | None = None
    if cache_dir is not None:
        path = cache_dir / f"{cache_key(**inputs)}.pdf"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            pass
        else:
            log.debug("PDF of %s version %s from cache %s", title, version_id, path.name)
            return data
    data = _render(inputs)
    if path is not None:
        _write_atomic(path, data)
    return data


def _render(inputs: dict[str, str]) -> bytes:
    import weasyprint

    fetcher = offline_fetcher()
    try:
        css = weasyprint.CSS(string=stylesheet_text(), url_fetcher=fetcher)
        doc = weasyprint.HTML(string=pdf_html(**inputs), base_url=inputs["source_url"] or None,
                              url_fetcher=fetcher)
        options: dict[str, Any] = {"stylesheets": [css], "pdf_tags": True}
        data = doc.write_pdf(**options)
    except Exception as exc:  # WeasyPrint raises many kinds; the user needs only which PDF.
        raise RenderError(f"cannot render the PDF of {inputs['title']!r} version "
                          f"{inputs['version_id']}: {type(exc).__name__}: {exc}",
                          hint="is pango installed? run scripts/system-deps.sh build") from exc
    if not isinstance(data, bytes):  # pragma: no cover - write_pdf() with no target returns bytes
        raise RenderError("WeasyPrint returned no PDF bytes")
    return data


def _write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a build that stops never leaves half a PDF.

    Two builds (a `mkdocs serve` and a `make test`) may render the same key at
    once; each writes its own temporary file and the rename is atomic.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pdf-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
