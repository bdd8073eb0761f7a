"""One lexdocs on three engines: what each does with a lexdocs project, run for real."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lexdocs.engines import guard
from tests.conftest import Repo

BIN = Path(sys.executable).parent
TODAY_EPOCH = "1740787200"  # 2025-03-01


def run(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=TODAY_EPOCH)
    env.pop(guard.ENV, None)
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=repo.path, env=env,
                          capture_output=True, text=True)


def test_zensical_alone_fails_in_one_line_instead_of_publishing_no_legal_page(
        project: Repo) -> None:
    """Zensical skips the lexdocs plugin without a word; the guard in the shipped
    mkdocs.yml stops it on the shipped docs/index.md and says what to run."""
    result = run(project, "zensical", "build", "-f", "mkdocs.yml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1] == f"error: {guard.MESSAGE}"
    assert "Traceback" not in result.stderr
    assert not (project.path / "site" / "privacy" / "index.html").exists()


def test_mkdocs_without_the_plugin_fails_in_one_line(project: Repo) -> None:
    """The guard stands down only where the lexdocs plugin runs."""
    mk = project.read("mkdocs.yml")
    start = mk.index("  - lexdocs:")
    end = mk.index("\n\n", start)
    project.write("mkdocs.yml", mk[:start] + mk[end:])
    result = run(project, "mkdocs", "build")
    assert result.returncode == 1
    assert guard.MESSAGE in result.stderr and "Traceback" not in result.stderr


def test_properdocs_builds_the_project_strict_through_its_own_entry_point(
        project: Repo) -> None:
    from importlib.metadata import entry_points

    assert any(e.name == "lexdocs" and e.value == "lexdocs.plugin:LexdocsPlugin"
               for e in entry_points(group="properdocs.plugins"))
    result = run(project, "properdocs", "build", "--strict", "-f", "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert "lexdocs: privacy: 1 version(s)" in result.stderr
    page = (project.path / "site" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "We keep account records for 7 years." in page
    assert (project.path / "site" / "versions.json").is_file()
