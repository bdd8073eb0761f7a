"""`lexdocs init` and `lexdocs new`: a site another organisation can build at once."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lexdocs.cli import cli
from lexdocs.render.templates import render_tree
from lexdocs.sources.documents import read_working_tree
from tests.conftest import ROOT, Repo, lexdocs

BIN = Path(sys.executable).parent


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not {".git", "site", ".cache"} & set(p.relative_to(root).parts)}


STARTER = "**Starter text — replace it.** "


def replace_starter_text(root: Path) -> None:
    """What a new site's owner does first: write their own text where the starter says so."""
    for section in root.rglob("*.md"):
        text = section.read_text(encoding="utf-8")
        if STARTER in text:
            section.write_text(text.replace(STARTER, ""), encoding="utf-8")


def _build(path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT),
               SOURCE_DATE_EPOCH="1767700000")
    return subprocess.run([str(BIN / "mkdocs"), "build", *flags], cwd=path, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Repo, subprocess.CompletedProcess[str]]:
    """`lexdocs init` into a new folder, committed with a fixed date, built once as a
    preview would (not strict: the starter text is still there)."""
    path = tmp_path_factory.mktemp("init") / "acme-legal"
    assert lexdocs("init", str(path), "--name", "Acme") == 0
    repo = Repo(path)
    repo.commit("Start the legal site", "2026-01-05T10:00:00+00:00")
    return repo, _build(path, "--no-strict")


def test_init_writes_a_site_that_builds(site: tuple[Repo, subprocess.CompletedProcess[str]]
                                        ) -> None:
    repo, result = site
    assert result.returncode == 0, result.stderr
    for rel in ("mkdocs.yml", ".gitignore", "EDITING.md", "requirements.txt",
                ".github/workflows/legal.yml", "policy_src/variables.yml",
                "policy_src/privacy/document.yml", "policy_src/privacy/changes.yml"):
        assert (repo.path / rel).is_file(), rel
    mk = yaml.safe_load((repo.path / "mkdocs.yml").read_text())
    assert mk["site_name"] == "Acme Legal"  # "Acme" + " Legal"
    assert mk["plugins"][0] == "search" and "lexdocs" in mk["plugins"][1]
    # the organisation's own domains and names have their lines, empty, to be filled in
    assert mk["plugins"][1]["lexdocs"]["own_domains"] == []
    assert mk["plugins"][1]["lexdocs"]["own_names"] == []
    page = (repo.path / "site" / "privacy" / "index.html").read_text()
    assert "Starter text — replace it." in page
    assert "Example Organisation" in page  # a placeholder value, marked unconfirmed
    assert (repo.path / "site" / "versions.json").is_file()
    # The schema versions.json names is published by every site, not only by ours.
    versions = json.loads((repo.path / "site" / "versions.json").read_text())
    assert versions["$schema"] == "https://example.org/legal/schema/versions-1.json"
    published = (repo.path / "site" / "schema" / "versions-1.json").read_text()
    assert published == (ROOT / "lexdocs/publish/schema/versions-1.json").read_text()
    assert not (repo.path / "site" / ".gitkeep").exists()
    # One line per document from lexdocs; init's site_url is a placeholder, and the build
    # says so (it decides which links are ours); one warning per starter section.
    ours = [line for line in result.stderr.splitlines() if "lexdocs:" in line]
    said = [ln for ln in ours if ln.startswith("INFO")]
    assert "warning [site-url] site_url is the placeholder" in said[0]
    assert len(said) == 2 and "privacy: 1 version(s)" in said[1]
    warned = [ln for ln in ours if ln.startswith("WARNING")]
    assert len(warned) == 4
    assert "policy_src/privacy/10-introduction.md:5: error [starter-text] " in warned[0]


def test_starter_text_fails_a_strict_build_and_check(
        site: tuple[Repo, subprocess.CompletedProcess[str]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    repo, _ = site
    before = _files(repo.path / "site")
    strict = _build(repo.path)  # the shipped mkdocs.yml says strict: true
    assert strict.returncode == 1
    assert "policy_src/privacy/40-contact.md:6: error [starter-text] privacy/contact: " \
           "still says 'Starter text — replace it.'" in strict.stderr
    assert _files(repo.path / "site") == before  # the last good site is left as it was
    assert lexdocs("-C", str(repo.path), "check") == 1
    out = capsys.readouterr().out
    assert out.count("error [starter-text]") == 4
    assert "policy_src/privacy/20-information.md:5: error [starter-text]" in out


def test_scaffold_states_no_facts_of_ours(site: tuple[Repo, subprocess.CompletedProcess[str]]
                                          ) -> None:
    repo, _ = site
    text = "\n".join(b.decode() for b in _files(repo.path).values()).lower()
    assert "chatlio" not in text
    variables = yaml.safe_load((repo.path / "policy_src/variables.yml").read_text())
    assert all(v["confirmed"] is False for group in variables.values() for v in group.values())


def test_init_in_an_existing_repository_adds_only_what_is_missing(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "existing")
    repo.write(".gitignore", "node_modules/\n")
    repo.write("README.md", "# Our docs\n")
    repo.write("policy_src/terms/document.yml", "title: Terms\nslug: terms\nsections: [a.md]\n")
    repo.write("policy_src/terms/a.md", "---\nid: a\ntitle: A\n---\nText.\n")
    repo.commit("Existing", "2025-01-01T10:00:00+00:00")
    before = _files(repo.path)
    assert lexdocs("init", str(repo.path)) == 0
    after = _files(repo.path)
    gitignore = after.pop(".gitignore")
    assert gitignore.startswith(b"node_modules/\n") and b"\nsite/\n" in gitignore  # completed
    assert {k: after[k] for k in before if k != ".gitignore"} == {
        k: v for k, v in before.items() if k != ".gitignore"}  # nothing else touched
    after[".gitignore"] = gitignore
    added = set(after) - set(before)
    assert {"mkdocs.yml", "EDITING.md", ".github/workflows/legal.yml",
            "policy_src/variables.yml", ".github/CODEOWNERS", ".pre-commit-config.yaml"} <= added
    assert not any(k.startswith("policy_src/privacy/") for k in added)  # a document exists
    assert lexdocs("init", str(repo.path)) == 0
    assert _files(repo.path) == after  # a second run changes nothing


def test_init_outside_a_repository_says_to_make_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every version is dated from git, so outside a repository `mkdocs serve` stops at
    once; `init` had told a new user to serve. It says to run `git init` first, and says
    nothing of it in a repository."""
    from lexdocs.history.gitstore import in_repository

    path = tmp_path / "legal"
    assert not in_repository(tmp_path)  # the test's own folder is in no repository
    capsys.readouterr()
    assert lexdocs("init", str(path)) == 0
    out = capsys.readouterr().out
    assert f"{path.resolve()} is not in a git repository" in out and "run 'git init'" in out
    # the preview that judges mkdocs.yml before MkDocs' loader runs what it names, on
    # whichever engine the site uses (EDITING.md says the same)
    assert "run 'lexdocs serve'" in out and "mkdocs serve" not in out
    assert "`lexdocs serve`" in (path / "EDITING.md").read_text(encoding="utf-8")
    Repo(path)
    assert in_repository(path)
    assert lexdocs("init", str(path)) == 0
    assert "git init" not in capsys.readouterr().out


def test_new_adds_a_document_that_renders(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s"
    assert lexdocs("init", str(path)) == 0
    assert yaml.safe_load((path / "mkdocs.yml").read_text())["site_name"] == "S Legal"
    assert lexdocs("-C", str(path), "new", "cookies", "--title", "Cookies: what we set") == 0
    _, docs = render_tree("policy_src", ["privacy", "cookies"], read_working_tree(path))
    source, rendered = docs["cookies"]
    assert source.title == "Cookies: what we set" and source.slug == "cookies"
    assert "Starter text" in rendered.markdown
    capsys.readouterr()
    assert lexdocs("-C", str(path), "new", "cookies") == 1
    assert "already exists" in capsys.readouterr().err
    assert lexdocs("-C", str(path), "new", "Bad Name") == 1
    assert "not a document name" in capsys.readouterr().err


def test_editing_guide_is_the_one_init_writes() -> None:
    ours = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    assert ours == (ROOT / "lexdocs/adopt/skeleton/EDITING.md").read_text(encoding="utf-8")
    for topic in ("Edit a section", "Add a variable", "Write a change-log entry",
                  "What counts as material", "Read a redline", "When lexdocs stops"):
        assert f"## {topic}" in ours, topic
    # Every rule id the guide explains is a real one.
    from lexdocs.checks.runner import all_rules

    known = {r.id for r in all_rules()}
    named = set(re.findall(r"`((?:notice|permanent|unconfirmed)[a-z-]*)`", ours))
    assert named and named <= known


def test_pre_commit_hooks_run_lexdocs_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "lexdocs-check")
    assert hook["entry"] == "lexdocs check" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("policy_src/privacy/10-intro.md") and files.search("mkdocs.yml")
    assert not files.search("README.md")
    local = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    repo = local["repos"][0]
    assert repo["repo"] == "local"
    mine = next(h for h in repo["hooks"] if h["id"] == "lexdocs-check")
    command = mine["entry"].split()
    assert command[0].endswith("lexdocs") and command[1] in cli.commands


def test_an_entry_appended_to_the_starter_change_log_is_read(tmp_path: Path) -> None:
    from lexdocs.review.notice import parse_log

    assert lexdocs("init", str(tmp_path / "s")) == 0
    log = tmp_path / "s" / "policy_src" / "privacy" / "changes.yml"
    assert parse_log(log.read_text(), "changes.yml") == []
    text = log.read_text() + "- summary: Longer retention.\n  effective: 2026-03-01\n"
    assert [e.summary for e in parse_log(text, "changes.yml")] == ["Longer retention."]


def test_build_prints_one_line_per_document_unless_verbose(tmp_path: Path) -> None:
    path = tmp_path / "quiet"
    assert lexdocs("init", str(path)) == 0
    replace_starter_text(path)
    repo = Repo(path)
    repo.commit("Start", "2026-01-05T10:00:00+00:00")
    # An uncommitted material edit with no change-log entry: a draft problem.
    repo.replace("policy_src/variables.yml", "value: 1 year", "value: 2 years")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    lines = {}
    for flags in ((), ("--verbose",)):
        done = subprocess.run([str(BIN / "mkdocs"), "build", *flags, "-d", str(tmp_path / "o")],
                              cwd=path, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        lines[flags] = [ln for ln in done.stderr.splitlines()
                        if "-  lexdocs: " in ln and "[site-url]" not in ln]
    assert len(lines[()]) == 1
    assert "showing the uncommitted draft (1 problem(s) in it" in lines[()][0]
    assert any("draft: " in ln and "has no summary" in ln for ln in lines[("--verbose",)])


def test_init_writes_code_owners_and_a_pre_commit_hook(tmp_path: Path) -> None:
    path = tmp_path / "owners"
    assert lexdocs("init", str(path)) == 0
    owners = [line.split() for line in (path / ".github/CODEOWNERS").read_text().splitlines()
              if line and not line.startswith("#")]
    # what runs code at a build or in CI, and what decides dates and notice
    assert {o[0] for o in owners} >= {"/mkdocs.yml", "/docs/", "/.github/workflows/",
                                      "/hooks/", "/requirements.txt",
                                      "/.pre-commit-config.yaml",
                                      "/policy_src/**/document.yml"}
    assert all(len(o) == 2 and o[1].startswith("@") for o in owners)
    config = yaml.safe_load((path / ".pre-commit-config.yaml").read_text())
    [hook] = [h for r in config["repos"] for h in r["hooks"] if h["id"] == "lexdocs-check"]
    files = re.compile(hook["files"])
    assert files.search("policy_src/privacy/10-introduction.md") and files.search("mkdocs.yml")
    assert not files.search("README.md")
    # Unless lexdocs runs from a pushed commit of a repository (then pre-commit installs
    # the hook from it), the hook runs the lexdocs that requirements.txt installs.
    from lexdocs.adopt.scaffold import origin

    if origin().hook is None:
        assert hook["entry"] == "lexdocs check" and hook["pass_filenames"] is False


class _Installed:
    """What importlib.metadata shows of an installed lexdocs: its PEP 610 record."""

    version = "1.2.3"

    def __init__(self, direct_url: dict[str, object] | None) -> None:
        self.direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return None if self.direct_url is None else json.dumps(self.direct_url)


@pytest.mark.parametrize(("direct_url", "requirement", "hook"), [
    (None, "lexdocs==1.2.3", None),  # a release from a package index
    ({"url": "https://example.org/lexdocs.git",
      "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567"}},
     "lexdocs @ git+https://example.org/lexdocs.git@0123456789abcdef0123456789abcdef01234567",
     ("https://example.org/lexdocs.git", "0123456789abcdef0123456789abcdef01234567")),
    ({"url": "https://example.org/lexdocs-1.2.3-py3-none-any.whl", "archive_info": {}},
     "lexdocs @ https://example.org/lexdocs-1.2.3-py3-none-any.whl", None),
    # A checkout (editable or not): tests/test_packaging.py, on real git repositories.
])
def test_requirements_name_where_lexdocs_came_from(
        direct_url: dict[str, object] | None, requirement: str, hook: tuple[str, str] | None,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from lexdocs.adopt import scaffold

    monkeypatch.setattr(scaffold.metadata, "distribution", lambda name: _Installed(direct_url))
    came = scaffold.origin()
    assert (came.requirement, came.hook, came.wheel) == (requirement, hook, None)
    scaffold.init_site(tmp_path / "s")
    written = (tmp_path / "s/requirements.txt").read_text().splitlines()
    assert written[-1] == requirement
    config = yaml.safe_load((tmp_path / "s/.pre-commit-config.yaml").read_text())
    [repo] = config["repos"]
    assert (repo["repo"], repo.get("rev")) == (hook or ("local", None))


def test_a_wheel_installed_from_a_file_is_kept_in_the_site(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from lexdocs.adopt import scaffold

    wheel = tmp_path / "dist" / "lexdocs-1.2.3-py3-none-any.whl"
    wheel.parent.mkdir()
    wheel.write_bytes(b"PK wheel bytes")
    installed = _Installed({"url": wheel.as_uri(), "archive_info": {}})
    monkeypatch.setattr(scaffold.metadata, "distribution", lambda name: installed)
    scaffold.init_site(tmp_path / "s")
    assert (tmp_path / "s/requirements.txt").read_text().splitlines()[-1] == (
        "./vendor/lexdocs-1.2.3-py3-none-any.whl")
    assert (tmp_path / "s/vendor" / wheel.name).read_bytes() == b"PK wheel bytes"
