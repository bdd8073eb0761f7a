"""'Last Updated' from git: the date the published text last changed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from lexdocs.errors import GitError
from lexdocs.history.versions import DRAFT_LABEL, History, load_histories
from tests.conftest import INTRO, Repo, write_project


def history(repo: Repo | Path, tz: str = "UTC", names: tuple[str, ...] = ("privacy",)) -> History:
    path = repo.path if isinstance(repo, Repo) else repo
    return load_histories(path, "policy_src", names, ZoneInfo(tz))[names[0]]


def test_first_text_shows_the_declared_baseline_month(project: Repo) -> None:
    h = history(project)
    assert [v.display_date for v in h.versions] == ["September 2024"]
    assert h.last_updated == "September 2024"
    assert not h.draft


def test_without_baseline_first_commit_date_stands(repo: Repo) -> None:
    write_project(repo)
    repo.replace("policy_src/privacy/document.yml", "baseline: 2024-09\n", "")
    repo.commit("first", "2024-10-02T09:00:00+00:00")
    assert history(repo).last_updated == "October 2, 2024"


def test_variable_edit_moves_the_date(project: Repo) -> None:
    project.replace("policy_src/variables.yml", "90 days", "180 days")
    project.commit("Keep logs longer", "2025-01-15T12:00:00+00:00")
    h = history(project)
    assert h.last_updated == "January 15, 2025"
    assert len(h.versions) == 2
    assert "180 days" in h.versions[-1].rendered.text


def test_reformatting_yaml_does_not_move_the_date(project: Repo) -> None:
    text = project.read("policy_src/variables.yml")
    project.write("policy_src/variables.yml", "# Facts shared by all documents.\n\n"
                  + text.replace("    type: duration\n    value: 90 days",
                                 "    value: \"90 days\"\n    type: duration"))
    project.commit("Reformat variables", "2025-02-01T12:00:00+00:00")
    h = history(project)
    assert h.last_updated == "September 2024"
    assert len(h.versions) == 1


def test_rewrapping_markdown_does_not_move_the_date(project: Repo) -> None:
    project.replace("policy_src/privacy/10-intro.md", "how we handle", "how we\nhandle")
    project.commit("Rewrap", "2025-02-01T12:00:00+00:00")
    assert history(project).last_updated == "September 2024"


def test_unused_section_and_unused_variable_do_not_move_the_date(project: Repo) -> None:
    project.write("policy_src/privacy/99-unlisted.md", "---\nid: x\ntitle: X\n---\nDraft idea.\n")
    project.replace("policy_src/variables.yml", "nobody uses this", "still nobody")
    project.commit("Unused edits", "2025-03-01T12:00:00+00:00")
    assert history(project).last_updated == "September 2024"


def test_wording_edit_moves_the_date(project: Repo) -> None:
    project.replace("policy_src/privacy/10-intro.md", "explains", "describes")
    project.commit("Wording", "2025-04-04T08:00:00+00:00")
    assert history(project).last_updated == "April 4, 2025"


def test_merged_branch_is_dated_by_the_merge_commit(project: Repo) -> None:
    project.git("checkout", "-q", "-b", "edit")
    project.replace("policy_src/privacy/10-intro.md", "explains", "describes")
    project.commit("Edit on a branch", "2025-01-10T10:00:00+00:00")
    project.git("checkout", "-q", "main")
    project.write("README.md", "unrelated\n")
    project.commit("Unrelated work on main", "2025-01-20T10:00:00+00:00")
    project.git("merge", "-q", "--no-ff", "-m", "Merge edit", "edit",
                date="2025-02-03T16:00:00+00:00")
    h = history(project)
    assert h.last_updated == "February 3, 2025"
    assert h.versions[-1].commit.subject == "Merge edit"


def test_time_zone_decides_the_day(project: Repo) -> None:
    project.replace("policy_src/variables.yml", "7 years", "8 years")
    # 02:30 UTC on 1 March is still 28 February in Los Angeles.
    project.commit("Longer records", "2025-03-01T02:30:00+00:00")
    assert history(project, "UTC").last_updated == "March 1, 2025"
    assert history(project, "America/Los_Angeles").last_updated == "February 28, 2025"


def test_uncommitted_change_is_a_draft_and_no_change_is_not(project: Repo) -> None:
    project.write("policy_src/variables.yml",
                  project.read("policy_src/variables.yml") + "\n# a comment\n")
    assert not history(project).draft
    project.replace("policy_src/variables.yml", "90 days", "30 days")
    h = history(project)
    assert h.draft
    assert h.last_updated == DRAFT_LABEL
    assert "30 days" in h.working.text


def test_never_committed_sources_are_a_draft(repo: Repo) -> None:
    write_project(repo)
    repo.git("init", "-q")
    assert history(repo).last_updated == DRAFT_LABEL


def test_text_that_returns_to_an_earlier_wording_is_a_new_version(project: Repo) -> None:
    project.replace("policy_src/variables.yml", "90 days", "60 days")
    project.commit("Shorter", "2025-01-01T00:00:00+00:00")
    project.replace("policy_src/variables.yml", "60 days", "90 days")
    project.commit("Back", "2025-02-01T00:00:00+00:00")
    h = history(project)
    assert [v.display_date for v in h.versions] == [
        "September 2024", "January 1, 2025", "February 1, 2025"]


def test_broken_commit_publishes_nothing(project: Repo) -> None:
    project.replace("policy_src/privacy/20-retention.md", "retention.web_logs", "retention.nope")
    project.commit("Broken", "2025-01-01T00:00:00+00:00")
    project.replace("policy_src/privacy/20-retention.md", "retention.nope", "retention.web_logs")
    project.commit("Fixed", "2025-01-02T00:00:00+00:00")
    h = history(project)
    assert len(h.versions) == 1
    assert h.last_updated == "September 2024"


def test_shallow_clone_fails_with_how_to_fetch_history(project: Repo, tmp_path: Path) -> None:
    for day in range(1, 4):
        project.replace("policy_src/variables.yml", f"{89 + day} days", f"{90 + day} days")
        project.commit(f"edit {day}", f"2025-01-0{day}T00:00:00+00:00")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{project.path}", str(clone)],
                   check=True)
    with pytest.raises(GitError) as err:
        history(clone)
    assert "shallow" in str(err.value)
    assert "git fetch --unshallow" in str(err.value)


def test_shallow_clone_that_reaches_past_the_first_version_is_fine(repo: Repo,
                                                                   tmp_path: Path) -> None:
    repo.write("README.md", "before the statement\n")
    repo.commit("Start", "2024-01-01T00:00:00+00:00")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    for i in range(3):
        repo.write(f"notes/{i}.txt", "x")
        repo.commit(f"notes {i}", f"2025-01-0{i + 1}T00:00:00+00:00")
    clone = tmp_path / "deep"
    subprocess.run(["git", "clone", "-q", "--depth", "5", f"file://{repo.path}", str(clone)],
                   check=True)
    assert (clone / ".git" / "shallow").exists()
    assert history(clone).last_updated == "September 2024"


def test_no_repository_fails_clearly(tmp_path: Path) -> None:
    repo = Repo.__new__(Repo)
    repo.path = tmp_path / "plain"
    repo.path.mkdir()
    write_project(repo)
    with pytest.raises(GitError) as err:
        history(repo)
    assert "not a git repository" in str(err.value)


def test_git_process_count_does_not_grow_with_history(project: Repo, tmp_path: Path) -> None:
    made = 0

    def processes(commits: int) -> int:
        nonlocal made
        for _ in range(commits):
            made += 1
            project.write("policy_src/privacy/10-intro.md", INTRO.replace("explains",
                                                                          f"explains ({made})"))
            project.commit(f"edit {made}", f"2025-01-{made:02d}T00:00:00+00:00")
        trace = tmp_path / f"trace-{commits}.txt"
        os.environ["GIT_TRACE2_EVENT"] = str(trace)
        try:
            h = history(project)
        finally:
            del os.environ["GIT_TRACE2_EVENT"]
        assert len(h.versions) >= commits
        # Every git process writes one "version" event when it starts.
        return trace.read_text().count('"event":"version"')

    few = processes(2)
    many = processes(20)
    assert few == many
    assert many <= 7  # one more since history asks blobs' sizes before reading them


def test_project_in_a_subfolder_of_the_repository(repo: Repo) -> None:
    sub = Repo.__new__(Repo)
    sub.path = repo.path / "legal"
    write_project(sub)
    repo.write("README.md", "a monorepo\n")
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    sub.replace("policy_src/variables.yml", "90 days", "120 days")
    repo.commit("Longer logs", "2025-05-05T10:00:00+00:00")
    h = history(sub.path)
    assert [v.display_date for v in h.versions] == ["September 2024", "May 5, 2025"]
    assert not h.draft
