"""The page and PDF caches prune themselves after a successful full build (publish.prune).

Real builds of a real temporary repository, in this process: the site URL is printed
in every PDF, so changing it in mkdocs.yml gives every PDF a new key, as an upgrade or
an edit does. The one-version fixture renders one PDF per site URL.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from lexdocs.history.versions import CACHE_DIR
from lexdocs.publish import prune
from tests.conftest import Repo, write_project

BOOM_HOOK = '''\
import os


def on_post_page(output, page, config):
    if os.environ.get("LEXDOCS_TEST_BOOM"):
        raise RuntimeError("boom in a page")
    return output
'''
URL = "https://chatlio.com/legal/"


def build(repo: Repo, url: str) -> bool:
    text = repo.read("mkdocs.yml")
    repo.write("mkdocs.yml", "\n".join(f"site_url: {url}" if line.startswith("site_url:")
                                       else line for line in text.splitlines()) + "\n")
    cfg = load_config(str(repo.path / "mkdocs.yml"))
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(cfg)
    except (Abort, RuntimeError):
        return False
    finally:
        cfg.plugins.on_shutdown()
    return True


def entries(folder: Path) -> set[str]:
    return {p.stem for p in folder.iterdir() if not p.name.startswith(".")}


@pytest.fixture
def site(repo: Repo) -> Repo:
    write_project(repo, "hooks:\n  - boom_hook.py\n")
    repo.replace("mkdocs.yml", "pdf: false", "pdf: true")
    repo.write("boom_hook.py", BOOM_HOOK)
    repo.commit("First version of the statement", "2024-09-10T10:00:00+00:00")
    return repo


def test_a_build_keeps_the_last_two_builds_entries_and_removes_the_rest(
        site: Repo, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    root = site.path / CACHE_DIR
    pdfs, pages = root / "pdf", root / "pages"
    # A themed page no preview recorded (from before an upgrade), and one a preview
    # session recorded: a build never uses pages, so only the recorded one stays.
    pages.mkdir(parents=True)
    (pages / ("0" * 64 + ".html")).write_text("stale", encoding="utf-8")
    (pages / ("1" * 64 + ".html")).write_text("previewed", encoding="utf-8")
    session = prune.Usage(pages)
    session.add("1" * 64)
    session.record()

    with caplog.at_level(logging.DEBUG, logger="lexdocs"):
        assert build(site, URL + "a/")
    assert ".cache" not in site.git("status", "--porcelain", "--untracked-files=all"), \
        "the lock and the manifests are ignored by git, as the cache is"
    first = entries(pdfs)
    assert len(first) == 1
    # If the stale page stays, the build's debug lines say which of prune.build_done's
    # reasons to remove nothing it met.
    why = "\n".join(r.getMessage() for r in caplog.records if "cache" in r.getMessage())
    assert entries(pages) == {"1" * 64}, why

    assert build(site, URL + "b/")
    second = entries(pdfs) - first
    assert len(second) == 1, "a new site URL is a new key"
    assert first <= entries(pdfs), "the previous build's entries stay"

    # A build that fails after its PDFs were made records and removes nothing.
    monkeypatch.setenv("LEXDOCS_TEST_BOOM", "1")
    assert not build(site, URL + "c/")
    monkeypatch.delenv("LEXDOCS_TEST_BOOM")
    third = entries(pdfs) - first - second
    assert len(third) == 1
    made = (pdfs / f"{next(iter(third))}.pdf").stat().st_mtime_ns

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="lexdocs"):
        assert build(site, URL + "c/")
    assert "rendering" not in caplog.text, "a warm rebuild takes the PDF from the cache"
    assert (pdfs / f"{next(iter(third))}.pdf").stat().st_mtime_ns == made
    assert entries(pdfs) == second | third, "the entries of two builds ago are gone"
    assert entries(pages) == {"1" * 64}
    assert {p.name for p in pdfs.iterdir() if p.stem in third} == {
        f"{k}.{s}" for k in third for s in ("pdf", "sha256", "version")}

    # Back to the other site URL: still warm, and nothing it needs was removed.
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="lexdocs"):
        assert build(site, URL + "b/")
    assert "rendering" not in caplog.text
    assert entries(pdfs) == second | third


def test_a_build_after_a_preview_in_the_same_process_prunes(
        site: Repo, tmp_path: Path) -> None:
    """MkDocs keeps one plugin instance a process: a build that follows a preview session
    (as `make test` runs them, in one worker) is a build, and prunes."""
    cfg = load_config(str(site.path / "mkdocs.yml"), site_dir=str(tmp_path / "served"))
    cfg.plugins.on_startup(command="serve", dirty=False)
    try:
        mkdocs_build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    pages = site.path / CACHE_DIR / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / ("0" * 64 + ".html")).write_text("stale", encoding="utf-8")
    assert build(site, URL + "a/")
    assert "0" * 64 not in entries(pages), "the build ran as the preview before it"


def test_a_cache_in_use_by_another_process_is_not_pruned(tmp_path: Path) -> None:
    """The lock: while another process holds the cache, a build removes nothing."""
    import subprocess
    import sys

    root = tmp_path / CACHE_DIR
    (root / "pdf").mkdir(parents=True)
    (root / "pdf" / "old.pdf").write_bytes(b"%PDF-")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; "
         "from lexdocs.publish import prune; prune.hold(Path(sys.argv[1])); "
         "print('held', flush=True); sys.stdin.read()", str(root)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        prune.hold(root)
        prune.this_build(root, [])
        assert prune.build_done(root) == 0
        assert entries(root / "pdf") == {"old"}
    finally:
        holder.communicate("")
    prune.this_build(root, [])
    assert prune.build_done(root) == 1
    assert entries(root / "pdf") == set()
