"""A build that fails or is killed midway leaves the previous site byte-identical.

Readers of a served folder and a deploy step after a killed CI job must never
see half a site: `mkdocs build` writes beside `site/` and swaps the new site in
only when the whole build succeeded. A test hook makes the build fail (or
stall, to be killed) after some pages have already been written.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Repo, write_project

MKDOCS = str(Path(sys.executable).parent / "mkdocs")

BOOM_HOOK = '''\
import os
import pathlib
import time

written = 0


def on_post_page(output, page, config):
    global written
    written += 1
    mode = os.environ.get("BOOM", "")
    if written == 3 and mode == "raise":
        raise RuntimeError("boom after three pages")
    if written == 3 and mode.startswith("stall:"):
        marker = pathlib.Path(mode[len("stall:"):])
        # written whole, then named: the test reads it as soon as it exists
        marker.with_suffix(".part").write_text(config.site_dir)
        os.replace(marker.with_suffix(".part"), marker)
        time.sleep(120)
    return output
'''


def build(repo: Repo, boom: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BOOM=boom)
    return subprocess.run([MKDOCS, "build", "--strict"], cwd=repo.path, env=env,
                          capture_output=True, text=True, timeout=120)


def snapshot(site: Path) -> dict[str, str]:
    """Every file of a site and the hash of its bytes."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(repo: Repo) -> list[str]:
    return sorted(p.name for p in repo.path.iterdir() if ".lexdocs-" in p.name)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Repo, dict[str, str]]]:
    repo = Repo(tmp_path_factory.mktemp("output") / "repo")
    write_project(repo, "hooks:\n  - boom_hook.py\n")
    repo.write("boom_hook.py", BOOM_HOOK)
    repo.commit("First version of the statement", "2024-09-10T10:00:00+00:00")
    result = build(repo)
    assert result.returncode == 0, result.stderr
    # An edit that changes pages, so any write into site/ would show.
    repo.replace("policy_src/variables.yml", "90 days", "45 days")
    yield repo, snapshot(repo.path / "site")


def test_first_build_has_pages(built: tuple[Repo, dict[str, str]]) -> None:
    repo, before = built
    assert "privacy/index.html" in before and "index.html" in before
    assert "90 days" in (repo.path / "site/privacy/index.html").read_text(encoding="utf-8")
    assert leftovers(repo) == []


def test_failed_build_leaves_previous_site_identical(
        built: tuple[Repo, dict[str, str]]) -> None:
    repo, before = built
    result = build(repo, boom="raise")
    assert result.returncode != 0 and "boom after three pages" in result.stderr
    assert snapshot(repo.path / "site") == before
    assert leftovers(repo) == [], "the staged folder of a failed build must be removed"


def test_strict_warning_leaves_previous_site_identical(
        built: tuple[Repo, dict[str, str]]) -> None:
    repo, before = built
    broken = repo.path / "docs" / "broken.md"
    broken.write_text("# Broken\n\n[nowhere](missing.md)\n", encoding="utf-8")
    try:
        result = build(repo)
    finally:
        broken.unlink()
    assert result.returncode != 0 and "strict mode" in result.stdout + result.stderr
    assert snapshot(repo.path / "site") == before
    assert leftovers(repo) == []


def test_killed_build_leaves_previous_site_identical(
        built: tuple[Repo, dict[str, str]], tmp_path: Path) -> None:
    repo, before = built
    marker = tmp_path / "stalled"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BOOM=f"stall:{marker}")
    proc = subprocess.Popen([MKDOCS, "build", "--strict"], cwd=repo.path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert marker.exists(), "the build never reached its third page"
        staged = Path(marker.read_text())
        assert staged != repo.path / "site" and staged.parent == repo.path
        assert any(staged.rglob("*.html")), "pages should be half written when killed"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=20)
    assert snapshot(repo.path / "site") == before
    # The next good build removes the killed build's folder and publishes the edit.
    result = build(repo)
    assert result.returncode == 0, result.stderr
    assert leftovers(repo) == []
    assert "45 days" in (repo.path / "site/privacy/index.html").read_text(encoding="utf-8")


def test_staged_site_first_build_and_leftovers(tmp_path: Path) -> None:
    from lexdocs.publish.output import StagedSite

    target = tmp_path / "site"
    dead = tmp_path / ".site.lexdocs-build-999999999"  # no such process
    dead.mkdir()
    staged = StagedSite(target)
    assert not dead.exists(), "a killed build's folder is removed by the next build"
    (staged.stage / "index.html").write_text("new", encoding="utf-8")
    staged.commit()
    assert (target / "index.html").read_text(encoding="utf-8") == "new"
    again = StagedSite(target)
    (again.stage / "index.html").write_text("newer", encoding="utf-8")
    again.commit()
    assert (target / "index.html").read_text(encoding="utf-8") == "newer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_themed_page_key_follows_markdown_and_context(tmp_path: Path) -> None:
    from lexdocs.publish.output import ThemedPageCache

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "extra.css").write_text("a {}", encoding="utf-8")
    cache = ThemedPageCache(tmp_path / "pages")
    cache.set_context("mkdocs.yml text", dirs=(docs,))
    key = cache.key("privacy/index.md", "# Privacy")
    assert cache.key("privacy/index.md", "# Privacy!") != key
    assert cache.key("other/index.md", "# Privacy") != key
    cache.put(key, "<html>themed</html>")
    assert cache.get(key) is not None and cache.get(key).read_text() == "<html>themed</html>"
    cache.set_context("mkdocs.yml text", dirs=(docs,))
    assert cache.key("privacy/index.md", "# Privacy") == key, "same inputs, same key"
    (docs / "extra.css").write_text("a { color: red }", encoding="utf-8")
    cache.set_context("mkdocs.yml text", dirs=(docs,))
    assert cache.key("privacy/index.md", "# Privacy") != key, "a changed docs/ file"
    cache.set_context("other mkdocs.yml", dirs=(docs,))
    assert cache.get(cache.key("privacy/index.md", "# Privacy")) is None


def test_unusable_cache_warns_and_still_publishes_pdfs(project: Repo) -> None:
    """A `.cache` that cannot be written (here a file, which even root cannot write into)
    makes the build slower, never impossible."""
    project.replace("mkdocs.yml", "pdf: false", "pdf: true")
    (project.path / ".cache").write_text("not a folder", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "cannot be written" in result.stderr and "Traceback" not in result.stderr
    pdfs = list((project.path / "site").rglob("*.pdf"))
    assert pdfs and all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)
    assert (project.path / ".cache").read_text(encoding="utf-8") == "not a folder"
