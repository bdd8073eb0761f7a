"""What a PDF is printed from, and the only files it may read.

A PDF must stand on its own (the title, dates and version printed on it, the paper of
the reader's country) and must never make a request nor copy a local file the site
did not ship into what it publishes. The HTML it is printed from, its paper and the
URL fetcher that holds it to lexdocs' own assets are kept here, apart from the cache
and the parallel rendering in `pdf`, so what a hostile link in committed text meets
is read in one place.
"""

from __future__ import annotations

import html
import re
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

STYLESHEET = "pdf.css"
"""The print stylesheet for PDFs, bundled in `lexdocs/publish/assets/`."""

# Bump when the HTML skeleton below changes, so cached PDFs made from the old one are not reused.
_LAYOUT_VERSION = "3"
_REL = re.compile(r"""(\brel\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


def assets_dir() -> Path:
    """The folder of files lexdocs ships for PDFs: the only files a PDF may read."""
    return Path(str(resources.files("lexdocs.publish").joinpath("assets"))).resolve()


def allowed_url(url: str) -> bool:
    """True for inline `data:` URLs and `file:` URLs of lexdocs' own packaged assets.

    Everything else is refused: another host (the build stays offline and the
    PDF makes no request), and any other local file, which a committed
    `file:///…` link or image would otherwise copy into the published PDF.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    if scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(url2pathname(parts.path)).resolve()
    return path.is_file() and path.is_relative_to(assets_dir())


def offline_fetcher() -> Any:
    """A WeasyPrint URL fetcher that fetches only what `allowed_url` allows.

    A refused URL is left out of the PDF (WeasyPrint logs a warning) rather than
    fetched. WeasyPrint takes a second to import, so it is imported only when a
    PDF is not in the cache.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OfflineFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            if not allowed_url(url):
                raise ValueError(f"lexdocs renders PDFs offline from its own assets; "
                                 f"not fetching {url}")
            return super().fetch(url, headers)

    return OfflineFetcher()


def without_attachments(body_html: str) -> str:
    """`body_html` with every `rel="attachment"` dropped, so no link asks to embed a file.

    The fetcher already refuses the file; this also keeps WeasyPrint from
    trying, so a hostile link stays an ordinary (dead) link.
    """
    def strip(m: re.Match[str]) -> str:
        value = m.group(2).strip("\"'")
        kept = " ".join(t for t in value.split() if t.lower() != "attachment")
        return f'{m.group(1)}"{html.escape(kept, quote=True)}"'

    return _REL.sub(strip, body_html)


def stylesheet_text() -> str:
    """The bundled PDF stylesheet; its text is part of every cache key."""
    assets = resources.files("lexdocs.publish").joinpath("assets")
    return assets.joinpath(STYLESHEET).read_text(encoding="utf-8")


PAPER = {"a4": "A4", "letter": "letter"}
"""document.yml's `paper` → the CSS page size WeasyPrint prints on."""
# CLDR's US-Letter territories (supplementalData paperSize); everywhere else prints on A4.
LETTER_TERRITORIES = frozenset({"BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH",
                                "PR", "SV", "US", "VE"})


def paper_for(territory: str | None) -> str:
    """The paper a reader in `territory` keeps in their printer: "letter" or "a4"."""
    return "letter" if territory in LETTER_TERRITORIES else "a4"


def pdf_html(*, title: str, version_id: str, last_updated: str, effective: str,
             body_html: str, source_url: str, paper: str = "letter",
             language: str = "en") -> str:
    """The self-contained HTML a PDF is printed from.

    The heading block repeats what the site's header shows, because a printed
    page has no header: which document, which version, since when in force.
    `string-set` in the stylesheet copies the title and the source URL into
    every page's margins; the page size is the document's `paper` ("a4", "letter").
    Its words are in the site's `language`, as the pages' are (`locales`).
    """
    from lexdocs.publish.locales import translations
    from lexdocs.publish.theming import Theme

    e = html.escape
    gettext = translations(Theme(language).locale).gettext

    def _(message: str, **values: str) -> str:
        """The message in `language`, escaped, with `values` (already markup) put in."""
        return e(gettext(message)) % values

    name, version, when = e(title), e(version_id), e(effective)
    address = f'<a href="{e(source_url)}">{e(source_url)}</a>'
    heading = _("%(title)s (version %(version)s)", title=name, version=version)
    described = _("%(title)s, version %(version)s, effective %(date)s", title=name,
                  version=version, date=when)
    updated = _("Last Updated: %(date)s", date=e(last_updated))
    since = _("Effective: %(date)s", date=when)
    numbered = _("Version %(version)s", version=version)
    printed = _("This copy was printed from %(address)s,\nwhere every version of this "
                "document and what changed between them stay published.", address=address)
    return f"""<!DOCTYPE html>
<html lang="{e(language)}">
<head>
<meta charset="utf-8">
<title>{heading}</title>
<meta name="description" content="{described}">
<meta name="generator" content="lexdocs">
<style>@page {{ size: {PAPER.get(paper, "letter")}; }}</style>
</head>
<body>
<header class="lx-pdf-head">
<h1>{name}</h1>
<p class="lx-pdf-meta"><span class="lx-pdf-updated">{updated}</span><br>
{since}<br>
<span class="lx-pdf-version">{numbered}</span></p>
</header>
<main>
{without_attachments(body_html)}
</main>
<footer class="lx-pdf-source">
<p>{printed}</p>
</footer>
</body>
</html>
"""
