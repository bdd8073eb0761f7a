"""Every `lexdocs` command and a strict MkDocs build, from the installed package."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Repo
from tests.smoke.installed import BIN, ok, run, shipped_project


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """This repository's site, built once: the commands below read its history. Without
    its PDFs: they were nine CPU-seconds of a `make test` (two interpreters, five PDFs
    each), and every interpreter renders PDFs in the new site's build below."""
    repo = shipped_project(tmp_path_factory.mktemp("smoke") / "shipped")
    repo.replace("mkdocs.yml", "pdf: true", "pdf: false")
    ok(repo.path, "mkdocs", "build", "--strict")
    return repo


def test_the_package_in_use_is_the_installed_one(tmp_path: Path) -> None:
    # Asked of the interpreter from a scratch folder: this test process has the source
    # tree on its path, and its metadata (lexdocs.egg-info) too.
    where, installed, direct = ok(tmp_path, sys.executable, "-c", (
        "import lexdocs; from importlib import metadata as m; print(lexdocs.__file__); "
        "print(m.version('lexdocs')); "
        "print(m.distribution('lexdocs').read_text('direct_url.json') or '{}')")).splitlines()
    # The development environment holds an editable install; every other, the wheel.
    editable = json.loads(direct).get("dir_info", {}).get("editable")
    assert Path(where).is_relative_to(ROOT if editable else Path(sys.prefix)), where
    version = ok(tmp_path, "lexdocs", "--version").strip()
    assert version == f"lexdocs {installed}"
    assert re.fullmatch(r"lexdocs \d+\.\d+\.\d+\S*", version)


def test_the_shipped_site_builds_strict_with_its_schema(shipped: Repo) -> None:
    site = shipped.path / "site"
    versions = json.loads((site / "versions.json").read_text())
    assert set(versions["documents"]) >= {"privacy"}
    assert versions["$schema"].endswith("/schema/versions-1.json")
    schema = json.loads((site / "schema" / "versions-1.json").read_text())
    assert schema["$defs"]["version"]["properties"].keys() >= {"id", "effective"}
    assert (site / "privacy" / "index.html").is_file()


def test_every_reading_command_on_the_shipped_site(shipped: Repo) -> None:
    path = shipped.path
    assert "# " in ok(path, "lexdocs", "render", "privacy")
    assert "retention" in ok(path, "lexdocs", "vars").lower()
    listed = json.loads(ok(path, "lexdocs", "versions", "--format", "json"))["documents"]
    versions = listed["privacy"]["versions"]
    assert len(versions) >= 2
    old, new = versions[0]["id"], versions[-1]["id"]
    redline = json.loads(ok(path, "lexdocs", "diff", "privacy", old, new, "--format", "json"))
    assert redline, "a redline between the first and the newest version lists changes"
    material = next(v["id"] for v in versions if v["material"])
    notice = ok(path, "lexdocs", "notice", "privacy", material)
    assert notice.startswith("Subject: ")
    checked = run(path, "lexdocs", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert re.search(r"\b0 errors\b", checked.stdout + checked.stderr)


def test_record_writes_the_published_branch(shipped: Repo) -> None:
    ok(shipped.path, "lexdocs", "record")
    listed = shipped.git("ls-tree", "-r", "--name-only", "lexdocs-published")
    assert "versions.json" in listed.split()


def test_init_new_and_a_strict_build_of_a_new_site(tmp_path: Path) -> None:
    path = tmp_path / "acme"
    ok(tmp_path, "lexdocs", "init", str(path), "--name", "Acme")
    ok(path, "lexdocs", "new", "cookies", "--title", "Cookies")
    for section in (path / "policy_src").rglob("*.md"):
        # What a user does before the first commit: replace the starter text.
        text = section.read_text()
        section.write_text(text.replace("**Starter text — replace it.** ", ""))
    repo = Repo(path)
    repo.commit("Our legal site", "2026-01-05T10:00:00+00:00")
    ok(path, "mkdocs", "build", "--strict", SOURCE_DATE_EPOCH="1767700000")
    assert (path / "site" / "cookies" / "index.html").is_file()
    # the PDFs this interpreter renders (WeasyPrint, pango through cffi)
    assert (path / "site" / "cookies" / "versions" / "2026-01-05.pdf").read_bytes()[:5] == b"%PDF-"
    assert (path / "site" / "schema" / "versions-1.json").is_file()
    requirement = (path / "requirements.txt").read_text().splitlines()[-1]
    assert requirement.startswith(("lexdocs", "./vendor/lexdocs-"))
    if requirement.startswith("./vendor/"):  # installed from a wheel: the site keeps it
        assert (path / requirement).is_file()


def test_import_adopts_a_markdown_file_with_its_history(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "old")
    repo.write("docs/privacy.md", "# Privacy\n\n## Data {#data}\n\nWe keep your e-mail.\n")
    repo.commit("Privacy page", "2025-01-10T10:00:00+00:00")
    repo.replace("docs/privacy.md", "your e-mail.", "your e-mail and your name.")
    repo.commit("Name too", "2025-03-10T10:00:00+00:00")
    ok(repo.path, "lexdocs", "import", "docs/privacy.md", "--as", "privacy")
    branch = repo.git("ls-tree", "-r", "--name-only", "lexdocs-import/privacy").split()
    assert "policy_src/privacy/document.yml" in branch
    assert int(repo.git("rev-list", "--count", "lexdocs-import/privacy")) >= 3
    assert BIN.joinpath("lexdocs").exists()
