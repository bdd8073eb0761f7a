"""The published pre-commit hook, installed the way pre-commit installs it for a user.

pre-commit clones this repository at a commit, builds a virtual environment from its
`.pre-commit-hooks.yaml` with `pip install .`, and runs `lexdocs check` in the user's
project. Here that is done by pre-commit itself, on the interpreter running this test:
real commits through `pre-commit install`, as a user's `git commit` runs the hook. pip
resolves from the wheels `make` downloaded for this interpreter (LEXDOCS_WHEELHOUSE) and
the lock file, so the run is quick and needs no network; pre-commit's home is
LEXDOCS_PRE_COMMIT_CACHE (`make test` puts it in the run's scratch folder, in memory)
or else build/pre-commit/, kept between runs, and the hook's repository is the working
tree committed with fixed dates, so the same code is the same commit and its
environment is built once. (`pre-commit try-repo`
would build a second, identical environment in a throwaway home on every run: what it
shows, the hook failing on the staged change, the blocked commit shows too.)
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, Repo, write_project
from tests.smoke.installed import run

PY = f"python{sys.version_info.major}.{sys.version_info.minor}"
WHEELHOUSE = os.environ.get("LEXDOCS_WHEELHOUSE", "")
# What pip needs to build the hook from its repository, as a source distribution holds it.
HOOK_SOURCES = ("lexdocs", "pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml")

pytestmark = pytest.mark.skipif(
    not (Path(WHEELHOUSE or "/nonexistent").is_dir()
         or os.environ.get("LEXDOCS_WHEELHOUSE_PENDING"))
    and os.environ.get("CI") != "true",
    reason="needs LEXDOCS_WHEELHOUSE (make test downloads it); required when CI=true")


@pytest.fixture(scope="module")
def cache() -> Path:
    """pre-commit's home and the hook's repository, kept between runs (git-ignored)."""
    path = Path(os.environ.get("LEXDOCS_PRE_COMMIT_CACHE", ROOT / "build" / "pre-commit")) / PY
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def hook_repo(cache: Path) -> tuple[Path, str]:
    """This repository's hook sources as one commit with a fixed date: (path, sha)."""
    # make fetches the wheels while the tests start (scripts/pythons.sh): wait for them.
    pending = Path(os.environ.get("LEXDOCS_WHEELHOUSE_PENDING") or "/nonexistent")
    deadline = time.monotonic() + 600
    while pending.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not pending.exists(), f"the wheels for the hook never arrived ({pending})"
    # Path("") is the current folder: an unset wheelhouse must not pass for one.
    assert WHEELHOUSE and Path(WHEELHOUSE).is_dir(), (
        "LEXDOCS_WHEELHOUSE names no folder: run this test through 'make test'")
    path = cache / "lexdocs"
    shutil.rmtree(path, ignore_errors=True)
    # Environments of earlier runs' code go: pre-commit keeps only what a config still names.
    run(cache, "pre-commit", "gc", **pre_commit_env(cache))
    for name in HOOK_SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, path / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif (ROOT / name).is_file():
            path.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / name, path / name)
    repo = Repo(path)
    return path, repo.commit("lexdocs as pre-commit clones it", "2026-01-01T00:00:00+00:00")


def pre_commit_env(cache: Path) -> dict[str, str]:
    return {"PRE_COMMIT_HOME": str(cache / "home"), "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": WHEELHOUSE, "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            # No byte-compiling every installed module: the two runs of the hook compile
            # only what they import. pip reads a "no-" option's variable as the value of
            # the option it negates, so "1" would turn compiling ON; "0" turns it off.
            "PIP_NO_COMPILE": "0",
            "PIP_CONSTRAINT": str(ROOT / "requirements" / "constraints.txt")}


def test_the_hook_blocks_a_material_change_without_notice(
        hook_repo: tuple[Path, str], cache: Path, tmp_path: Path) -> None:
    source, sha = hook_repo
    env = pre_commit_env(cache)
    project = Repo(tmp_path / "project")
    write_project(project)
    project.write(".pre-commit-config.yaml", (
        f"repos:\n  - repo: {source}\n    rev: {sha}\n    hooks:\n"
        f"      - id: lexdocs-check\n        language_version: {PY}\n"))
    project.commit("First version of the statement", "2024-09-10T10:00:00+00:00")
    installed = run(project.path, "pre-commit", "install", **env)
    assert installed.returncode == 0, installed.stderr + installed.stdout
    project.replace("policy_src/variables.yml", "value: 7 years", "value: 10 years")
    project.git("add", "-A")

    head = project.git("rev-parse", "HEAD")
    blocked = run(project.path, "git", "commit", "-m", "Keep records longer", **env)
    said = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, said
    assert re.search(r"lexdocs check \(notice and compliance rules\)\.+Failed", said), said
    assert "notice-summary" in said, said
    assert project.git("rev-parse", "HEAD") == head

    # The change-log entry the rule asks for: the same hook, in the same environment,
    # lets the commit through.
    effective = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=45)
    project.write("policy_src/privacy/changes.yml", (
        "- summary: We now keep account records for 10 years instead of 7.\n"
        f"  effective: {effective.isoformat()}\n"))
    project.git("add", "-A")
    committed = run(project.path, "git", "commit", "-m", "Keep records longer", **env)
    said = committed.stdout + committed.stderr
    assert committed.returncode == 0, said
    assert re.search(r"lexdocs check \(notice and compliance rules\)\.+Passed", said), said
    assert project.git("rev-parse", "HEAD") != head

    # The environment pre-commit built for this repository and commit runs this Python.
    with sqlite3.connect(cache / "home" / "db.db") as db:
        [(clone,)] = db.execute("SELECT path FROM repos WHERE repo = ? AND ref = ?",
                                (str(source), sha)).fetchall()
    hook_python = Path(clone) / f"py_env-{PY}" / "bin" / "python"
    version = subprocess.run([str(hook_python), "-c", "import sys; print(sys.version_info[:2])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert version == str(sys.version_info[:2])
