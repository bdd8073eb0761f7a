"""Pictures for a person to judge the design (`make screenshots`): every page type, whole,
at a desktop's 1280 px and a phone's 375 px, and the first page of a published PDF,
all in artifacts/screenshots/pages/ (gitignored), with LEXDOCS_SCREENSHOTS=1. Each
picture is checked to be what it claims (its width; the PDF page's proportions are its
paper's), so a blank or broken capture fails instead of passing unseen."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, MOBILE, SCREENSHOTS, Site, Visit
from tests.browser.test_pages import KINDS, open_kind

# Seventeen more page loads are pictures, not checks the other browser tests lack: they
# run when asked for (`make screenshots` sets LEXDOCS_SCREENSHOTS=1), keeping `make test` lean.
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(os.environ.get("LEXDOCS_SCREENSHOTS") != "1",
                                 reason="pictures are made by `make screenshots`")]

FOLDER = SCREENSHOTS / "pages"
PAPER = {"letter": 11 / 8.5, "a4": 297 / 210}


def png_size(path: Path) -> tuple[int, int]:
    """A PNG's width and height, from its header."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "375"])
@pytest.mark.parametrize("kind", KINDS)
def test_page_pictures(open_page: Callable[..., Visit], site: Site, kind: str,
                       viewport: dict[str, int]) -> None:
    page = open_kind(open_page, site, kind, viewport=viewport).page
    FOLDER.mkdir(parents=True, exist_ok=True)
    path = FOLDER / f"{kind}-{viewport['width']}.png"
    page.screenshot(path=str(path), full_page=True)
    width, height = png_size(path)
    assert width == viewport["width"] and height >= viewport["height"] // 2, (width, height)


def test_pdf_first_page_picture(site: Site) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm is not installed (run: sudo scripts/system-deps.sh test)")
    doc = site.versions["documents"]["privacy"]
    current = next(v for v in doc["versions"] if v["id"] == doc["current"])
    pdf = site.root / site.path_of(current["pdf_url"])
    FOLDER.mkdir(parents=True, exist_ok=True)
    out = FOLDER / "pdf-first-page"
    subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(out)], check=True)
    width, height = png_size(out.with_suffix(".png"))
    ratios = [abs(height / width - r) for r in PAPER.values()]
    assert min(ratios) < 0.02, f"the first page is {width}x{height}, neither A4 nor letter"
