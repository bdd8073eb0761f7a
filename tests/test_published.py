"""The publication record: `lexdocs record` writes it, every later build honours it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lexdocs.cli import cli
from lexdocs.config import load_options
from lexdocs.errors import CheckError
from lexdocs.history.published import BRANCH, RECORD_FILE, load_record
from lexdocs.pipeline import load_timelines, publishable_timelines
from tests.conftest import Repo

INTRO = "policy_src/privacy/10-intro.md"


@pytest.fixture(autouse=True)
def build_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737000000")  # 2025-01-16


def record(repo: Repo) -> str:
    out = CliRunner().invoke(cli, ["-C", str(repo.path), "record"])
    assert out.exit_code == 0, out.output
    return out.output


def errors(repo: Repo) -> list[str]:
    timelines = load_timelines(load_options(repo.path), dt.date(2025, 1, 16))
    return [f.message for t in timelines.values() for f in t.findings if f.severity == "error"]


def edit(repo: Repo, date: str) -> str:
    repo.replace(INTRO, "personal information.", "personal information!")
    return repo.commit("Punctuation", date)


def test_nothing_recorded_means_nothing_to_check(project: Repo) -> None:
    assert load_record(project.path) is None
    project.git("commit", "-q", "--amend", "-m", "Reworded message",
                date="2024-09-11T10:00:00+00:00")
    assert errors(project) == []


def test_record_writes_one_file_on_its_branch_and_leaves_the_checkout_alone(
        project: Repo) -> None:
    project.write(INTRO, project.read(INTRO) + "Uncommitted words.\n")
    status = project.git("status", "--porcelain")
    project.replace(INTRO, "Uncommitted words.\n", "")
    out = record(project)
    assert f"now run 'git push origin {BRANCH}'" in out
    assert project.git("ls-tree", "--name-only", BRANCH) == RECORD_FILE
    data = json.loads(project.git("show", f"{BRANCH}:{RECORD_FILE}"))
    assert [v["id"] for v in data["documents"]["privacy"]["versions"]] == ["2024-09-01"]
    assert project.git("rev-parse", "--abbrev-ref", "HEAD") == "main"
    project.write(INTRO, project.read(INTRO) + "Uncommitted words.\n")
    assert project.git("status", "--porcelain") == status
    assert "already up to date" in record(project)
    assert project.git("rev-list", "--count", BRANCH) == "1"


def test_a_new_version_is_recorded_after_the_last_record(project: Repo) -> None:
    record(project)
    edit(project, "2025-01-10T10:00:00+00:00")
    assert errors(project) == []  # a new version is not a breach
    record(project)
    assert project.git("rev-list", "--count", BRANCH) == "2"
    record_ = load_record(project.path)
    assert record_ is not None
    assert [v.id for v in record_.versions] == ["2024-09-01", "2025-01-10"]


def test_an_amended_published_version_is_refused_with_the_fix(project: Repo) -> None:
    edit(project, "2025-01-10T10:00:00+00:00")
    published = project.git("rev-parse", "HEAD")
    record(project)
    project.replace(INTRO, "personal information!", "personal data!")
    project.git("add", "-A")
    project.git("commit", "-q", "--amend", "--no-edit", date="2025-01-10T10:00:00+00:00")
    found = [m for m in errors(project) if "published version" in m]
    assert len(found) == 1
    assert "published version 2025-01-10 has different text now" in found[0]
    assert f"put commit {published[:12]} back" in found[0]
    with pytest.raises(CheckError) as err:
        publishable_timelines(load_options(project.path), lambda _: None)
    assert "; 1 more, see 'lexdocs check'" in str(err.value)  # the amend is also unannounced
    out = CliRunner().invoke(cli, ["-C", str(project.path), "check"])
    assert out.exit_code == 1 and "[permanent-url]" in out.output


def test_a_force_pushed_history_that_drops_a_version_is_refused(project: Repo) -> None:
    edit(project, "2025-01-10T10:00:00+00:00")
    record(project)
    project.git("reset", "-q", "--hard", "HEAD~1")
    found = errors(project)
    assert found and "published version 2025-01-10 is missing from this build" in found[0]


def test_a_clone_reads_the_record_from_origin(project: Repo, tmp_path: Path) -> None:
    edit(project, "2025-01-10T10:00:00+00:00")
    record(project)
    clone = Repo.__new__(Repo)
    clone.path = tmp_path / "clone"
    project.git("clone", "-q", str(project.path), str(clone.path))
    clone.git("config", "user.name", "CI")
    clone.git("config", "user.email", "ci@example.com")
    found = load_record(clone.path)
    assert found is not None and found.ref == f"refs/remotes/origin/{BRANCH}"
    clone.git("reset", "-q", "--hard", "HEAD~1")
    assert any("2025-01-10 is missing" in m for m in errors(clone))
