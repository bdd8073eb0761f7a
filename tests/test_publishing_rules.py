"""notice-schedule: an upcoming version the daily build may never bring into force."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lexdocs.checks.publishing import STARTER
from tests.conftest import ROOT, Repo, lexdocs, write_project

BIN = Path(sys.executable).parent
LOG = "policy_src/privacy/changes.yml"
# 2025-02-15, noon UTC: the day the checks and the build run.
EPOCH = int(dt.datetime(2025, 2, 15, 12, tzinfo=dt.UTC).timestamp())


@pytest.fixture(scope="module")
def far(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """A material change committed 2025-02-10 that takes effect 80 days later."""
    repo = Repo(tmp_path_factory.mktemp("schedule") / "far")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    repo.replace("policy_src/variables.yml", "90 days", "180 days")
    repo.write(LOG, "- summary: We keep web access logs for 180 days instead of 90.\n"
                    "  effective: 2025-05-01\n")
    repo.commit("Keep logs longer", "2025-02-10T10:00:00+00:00")
    return repo


def _clone(repo: Repo, path: Path) -> Repo:
    subprocess.run(["git", "clone", "-q", str(repo.path), str(path)], check=True)
    return Repo(path)


def _check(repo: Repo, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert lexdocs("-C", str(repo.path), "check", "--today", "2025-02-15") == 0
    return [ln for ln in capsys.readouterr().out.splitlines() if "[notice-schedule]" in ln]


def test_check_warns_when_the_schedule_may_lapse_first(far: Repo,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    [line] = _check(far, capsys)
    assert line.startswith(f"{LOG}:1: warning [notice-schedule] privacy: version 2025-02-10 "
                           "takes effect on 2025-05-01, 80 days after the newest commit "
                           "(2025-02-10)")
    assert "commit to the default branch before 2025-04-11" in line
    assert "Keep the daily build alive" in line


def test_the_build_says_so_and_still_passes_strict(far: Repo, tmp_path: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT),
               SOURCE_DATE_EPOCH=str(EPOCH))
    done = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "s")],
                          cwd=far.path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    [line] = [ln for ln in done.stderr.splitlines() if "[notice-schedule]" in ln]
    assert line.startswith("INFO") and "80 days after the newest commit" in line


def test_a_later_commit_or_a_nearer_date_needs_no_warning(far: Repo, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    repo = _clone(far, tmp_path / "busy")
    repo.write("NOTES.md", "Anything committed counts as activity.\n")
    repo.commit("Notes", "2025-03-15T10:00:00+00:00")  # 47 days before 2025-05-01
    assert lexdocs("-C", str(repo.path), "check", "--today", "2025-03-16") == 0
    assert "[notice-schedule]" not in capsys.readouterr().out
    near = _clone(far, tmp_path / "near")
    near.replace(LOG, "2025-05-01", "2025-04-01")  # 50 days after the commit that makes it
    near.git("commit", "-q", "--amend", "-a", "--no-edit", date="2025-02-10T10:00:00+00:00")
    assert _check(near, capsys) == []


def test_every_starter_section_carries_the_marker() -> None:
    """The rule looks for the words the skeleton writes: keep the two in step."""
    skeleton = ROOT / "lexdocs" / "adopt" / "skeleton"
    sections = [*skeleton.glob("starter/*.md"), *skeleton.glob("document/*.md")]
    assert sections
    for path in sections:
        assert f"**{STARTER}**" in path.read_text(encoding="utf-8"), path


def test_a_requirements_file_init_left_as_a_comment_fails_check(
        far: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`init` writes only a TO DO comment when it finds no installable lexdocs; the
    workflow would then install nothing and fail at its first `lexdocs`, far from the
    cause. The skeleton's own comment and workflow are what a user has."""
    from lexdocs.adopt.scaffold import _unnamed

    repo = _clone(far, tmp_path / "adopted")
    workflow = (ROOT / "lexdocs/adopt/skeleton/workflows/legal.yml").read_text(encoding="utf-8")
    repo.write(".github/workflows/legal.yml", workflow)
    repo.write("requirements.txt", _unnamed("0.1.0", "no remote").requirement + "\n")
    assert lexdocs("-C", str(repo.path), "check", "--today", "2025-02-15") == 1
    [line] = [ln for ln in capsys.readouterr().out.splitlines() if "[requirements-unset]" in ln]
    assert line.startswith("requirements.txt:1: error [requirements-unset] requirements.txt "
                           "names nothing to install, yet .github/workflows/legal.yml "
                           "installs lexdocs from it")
    repo.write("requirements.txt", "# lexdocs, as CI installs it\n./vendor/lexdocs-0.1.0-py3-"
                                   "none-any.whl\n")
    assert lexdocs("-C", str(repo.path), "check", "--today", "2025-02-15") == 0
    assert "[requirements-unset]" not in capsys.readouterr().out


def test_requirements_unset_reads_no_file_through_a_symbolic_link(tmp_path: Path) -> None:
    """A committed link may point outside the repository: the rule reads neither a linked
    workflow nor a linked requirements.txt (the other files are what init writes)."""
    from lexdocs.adopt.scaffold import _unnamed
    from lexdocs.checks.publishing import requirements_unset

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "legal.yml").write_text("run: python -m pip install -r requirements.txt\n")
    (outside / "requirements.txt").write_text(_unnamed("0.1.0", "x").requirement + "\n")
    project = tmp_path / "project"
    (project / ".github" / "workflows").mkdir(parents=True)
    (project / ".github" / "workflows" / "legal.yml").symlink_to(outside / "legal.yml")
    (project / "requirements.txt").write_text(_unnamed("0.1.0", "x").requirement + "\n")
    assert requirements_unset(project) == []
    (project / ".github" / "workflows" / "legal.yml").unlink()
    (project / ".github" / "workflows" / "legal.yml").write_text(
        (outside / "legal.yml").read_text())
    assert [f.rule for f in requirements_unset(project)] == ["requirements-unset"]
    (project / "requirements.txt").unlink()
    (project / "requirements.txt").symlink_to(outside / "requirements.txt")
    assert requirements_unset(project) == []
