"""A version is judged by the declarations in force before it, never by its own.

Each case is an attack one merged pull request could make on the notice gate
(issue: "notice that the change it governs cannot switch off"), on a real
repository with fixed dates. Each is tried twice: through `lexdocs check` (exit
status, one line naming the file and the line, nothing "unexpected") and
through a build of a site built before, which must fail and leave that site
byte for byte as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from lexdocs.cli import cli, main
from lexdocs.config import load_options
from lexdocs.review.comment import compare, compose
from tests.conftest import Repo, lexdocs, write_project
from tests.test_security import build, snapshot

DOC = "policy_src/privacy/document.yml"
INTRO = "policy_src/privacy/10-intro.md"
RET = "policy_src/privacy/20-retention.md"
LOG = "policy_src/privacy/changes.yml"
VARS = "policy_src/variables.yml"
FIRST = "2024-09-10T10:00:00+00:00"
EPOCH = "1736942400"  # 2025-01-15 12:00 UTC: the build day of every case
TODAY = "2025-01-15"


def failed(repo: Repo, capsys: pytest.CaptureFixture[str]) -> str:
    """`lexdocs check` as a user runs it, for an error raised before any finding: the
    one line it wrote (exit status 1 asserted)."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as ended:
        main(["-C", str(repo.path), "check"])
    err = capsys.readouterr().err
    assert ended.value.code == 1, err
    assert err.count("\n") == 1 and "unexpected" not in err, err
    return err


def check(repo: Repo, *args: str) -> tuple[int, list[str]]:
    """`lexdocs check` on the build day: exit status and its error lines."""
    out = CliRunner(env={"COLUMNS": "1000", "SOURCE_DATE_EPOCH": EPOCH}).invoke(
        cli, ["-C", str(repo.path), *args, "check", "--today", TODAY])
    assert "unexpected" not in out.output and "Traceback" not in out.output, out.output
    return out.exit_code, [line for line in out.output.splitlines() if ": error [" in line]


@pytest.fixture
def site(repo: Repo, monkeypatch: pytest.MonkeyPatch,
         caplog: pytest.LogCaptureFixture) -> tuple[Path, dict[str, bytes]]:
    """The project as first published, built once: what every attack must leave as it was."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    write_project(repo)
    repo.commit("First version", FIRST)
    folder = repo.path.parent / "site"
    assert build(repo.path, folder, caplog) is None
    return folder, snapshot(folder)


def refused(repo: Repo, site: tuple[Path, dict[str, bytes]], caplog: pytest.LogCaptureFixture,
            where: str, words: str) -> list[str]:
    """Assert both the check and the build refuse, the first with one line at `where`
    (`file:line: ` or `file: `) that says `words`; the check's error lines."""
    code, errors = check(repo)
    assert code == 1, errors
    hit = [e for e in errors if e.startswith(where) and words in e]
    assert hit, errors
    message = build(repo.path, site[0], caplog)
    assert message is not None and "unexpected" not in message, message
    assert "Traceback" not in caplog.text
    assert snapshot(site[0]) == site[1]
    return errors


# --- 1. material flags: a new section, and declare-then-exploit ----------------------------

def test_a_new_section_declared_not_material_is_judged_material(
        repo: Repo, site: tuple[Path, dict[str, bytes]],
        caplog: pytest.LogCaptureFixture) -> None:
    """A new section has no declaration before it, so the default (material) judges it."""
    repo.write("policy_src/privacy/30-sharing.md", "---\nid: sharing\ntitle: Sharing\n"
               "material: false\n---\nWe sell your personal information to data brokers.\n")
    repo.replace(DOC, "  - 20-retention.md\n", "  - 20-retention.md\n  - 30-sharing.md\n")
    repo.commit("Add a section", "2025-01-14T10:00:00+00:00")
    refused(repo, site, caplog, f"{LOG}: error [notice-summary]",
            "is a material change in section 'sharing'")


def _flag_section(repo: Repo) -> None:
    repo.replace(RET, "tags: [retention]\n", "tags: [retention]\nmaterial: false\n")


def _flag_variable(repo: Repo) -> None:
    repo.replace(VARS, "    value: 90 days\n", "    value: 90 days\n    material: false\n")


@pytest.mark.parametrize("declare", [_flag_section, _flag_variable], ids=["section", "variable"])
def test_declaring_not_material_then_exploiting_it_is_refused_twice(
        repo: Repo, site: tuple[Path, dict[str, bytes]], caplog: pytest.LogCaptureFixture,
        declare: Callable[[Repo], None]) -> None:
    """The declaring commit is a governance change that needs notice; the next, judged
    by the declarations in force when it was published (the declaration is not in force
    before its own notice ends), is still material."""
    declare(repo)
    repo.replace(INTRO, "personal information.", "personal information!")  # harmless
    repo.commit("Tidy punctuation", "2025-01-10T10:00:00+00:00")
    repo.replace(VARS, "90 days", "10 years")
    repo.commit("Keep logs longer", "2025-01-12T10:00:00+00:00")
    errors = refused(repo, site, caplog, f"{LOG}: error [notice-summary]",
                     "version 2025-01-10 is a governance change")
    assert any("version 2025-01-12 is a material change in section 'retention'" in e
               for e in errors), errors
    assert len(errors) == 2, errors


def test_a_declaration_given_notice_judges_versions_after_it_takes_effect(repo: Repo) -> None:
    """With notice, the lowered declaration is in force from its effective date on: a
    later edit is then judged by it (and before that date, it is not)."""
    write_project(repo)
    repo.commit("First version", FIRST)
    _flag_variable(repo)
    repo.replace(INTRO, "personal information.", "personal information!")
    repo.write(LOG, "- summary: Web log retention is no longer a promise we give notice of.\n"
                    "  effective: 2024-11-01\n")
    repo.commit("Declare", "2024-10-01T10:00:00+00:00")
    repo.replace(VARS, "90 days", "10 years")
    repo.commit("Keep logs longer", "2024-12-01T10:00:00+00:00")
    code, errors = check(repo)
    assert (code, errors) == (0, [])
    # The same edit published while the declaration was still upcoming is material.
    repo.git("commit", "-q", "--amend", "--no-edit", date="2024-10-15T10:00:00+00:00")
    code, errors = check(repo)
    assert code == 1 and len(errors) == 1, errors
    assert "version 2024-10-15 is a material change in section 'retention'" in errors[0]


# --- the notice period: a document cannot lower the site's, nor a commit its own -----------

def _material(repo: Repo, date: str, effective: str) -> None:
    repo.replace(VARS, "90 days", "180 days")
    repo.write(LOG, f"- summary: Logs are kept longer.\n  effective: {effective}\n")
    repo.commit("Keep logs longer", date)


@pytest.mark.parametrize("lower", [
    lambda r: r.replace(DOC, "baseline:", "notice_days: 0\nbaseline:"),
    lambda r: r.replace("mkdocs.yml", "notice_days: 30", "notice_days: 0"),
], ids=["document", "site"])
def test_the_notice_period_cannot_be_lowered_by_the_change_it_governs(
        repo: Repo, site: tuple[Path, dict[str, bytes]], caplog: pytest.LogCaptureFixture,
        lower: Callable[[Repo], None]) -> None:
    lower(repo)
    _material(repo, "2025-01-14T10:00:00+00:00", "2025-01-14")
    refused(repo, site, caplog, f"{LOG}:1: error [notice-period]", "notice period is 30 days")


def test_lowering_the_site_period_first_makes_the_next_version_a_governance_change(
        repo: Repo, site: tuple[Path, dict[str, bytes]],
        caplog: pytest.LogCaptureFixture) -> None:
    """mkdocs.yml is read as each version's parent committed it; lowering it in a commit
    of its own does not lower the notice of the next version."""
    repo.replace("mkdocs.yml", "notice_days: 30", "notice_days: 0")
    repo.commit("Lower the site's notice", "2025-01-13T10:00:00+00:00")
    _material(repo, "2025-01-14T10:00:00+00:00", "2025-01-14")
    errors = refused(repo, site, caplog, f"{LOG}:1: error [notice-period]",
                     "the notice period is lowered from 30 to 0 days")
    assert "notice period is 30 days" in errors[0]


# --- adopted: only a day that has passed, fixed once recorded -------------------------------

def test_adopted_in_the_future_is_refused_at_its_line(
        repo: Repo, site: tuple[Path, dict[str, bytes]],
        caplog: pytest.LogCaptureFixture) -> None:
    repo.replace(DOC, "baseline:", "adopted: 2099-01-01\nbaseline:")
    _material(repo, "2025-01-14T10:00:00+00:00", "2025-01-14")
    errors = refused(repo, site, caplog, f"{DOC}:3: error [notice-adopted]",
                     "'adopted: 2099-01-01' names a day that has not come")
    # The gate is not switched off by it: the material version is judged as well.
    assert any("[notice-period]" in e for e in errors), errors


def test_adopted_is_fixed_once_versions_are_recorded(repo: Repo,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735000000")  # 2024-12-24
    write_project(repo)
    repo.commit("First version", FIRST)
    assert CliRunner().invoke(cli, ["-C", str(repo.path), "record"]).exit_code == 0
    repo.replace(DOC, "baseline:", "adopted: 2025-01-13\nbaseline:")
    _material(repo, "2025-01-14T10:00:00+00:00", "2025-01-14")
    code, errors = check(repo)
    assert code == 1
    assert any(e.startswith(f"{DOC}:3: error [notice-adopted]") and
               "'adopted' was not set when version 2024-09-01 was recorded" in e
               for e in errors), errors
    assert any("[notice-period]" in e for e in errors), errors


# --- dates that cannot be believed ----------------------------------------------------------

def test_a_back_dated_branch_fast_forwarded_after_a_record_is_not_current_at_once(
        repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commits dated before the last record, which does not list them, were not on the
    branch then: their notice runs from the day a build first sees them."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735000000")  # 2024-12-24: the record's day
    write_project(repo)
    repo.commit("First version", FIRST)
    assert CliRunner().invoke(cli, ["-C", str(repo.path), "record"]).exit_code == 0
    _material(repo, "2024-10-01T10:00:00+00:00", "2024-11-01")  # "published" in October
    code, errors = check(repo)
    assert (code, errors) == (0, [])
    out = CliRunner(env={"SOURCE_DATE_EPOCH": EPOCH}).invoke(
        cli, ["-C", str(repo.path), "versions", "--format", "json"])
    assert out.exit_code == 0, out.output
    last = json.loads(out.output)["documents"]["privacy"]["versions"][-1]
    assert last["id"] == "2024-10-01" and last["status"] == "upcoming", last
    assert last["effective"] == "2025-02-14"  # 2025-01-15, first seen, plus 30 days
    assert "first sees it on 2025-01-15, plus 30 days' notice" in last["effective_raised"]


# --- dates out of range: a file:line error, never OverflowError -----------------------------

def test_a_notice_period_of_ten_million_days_names_its_line(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    write_project(repo)
    repo.replace(DOC, "baseline:", "notice_days: 10000000\nbaseline:")
    repo.commit("First version", FIRST)
    assert failed(repo, capsys).startswith(f"error: {DOC}:3: notice_days 10000000")
    repo.git("checkout", "-q", "--", ".")
    repo.replace("mkdocs.yml", "notice_days: 30", "notice_days: 10000000")
    assert failed(repo, capsys).startswith(
        "error: mkdocs.yml:39: lexdocs option 'notice_days': must be 0 to 3650 days")


def test_a_commit_dated_in_year_9999_is_an_error_not_an_overflow(repo: Repo) -> None:
    write_project(repo)
    repo.commit("First version", FIRST)
    _material(repo, "@253402164000 +0000", "9999-12-31")  # 9999-12-30
    code, errors = check(repo)
    assert code == 1 and any("[notice-future-commit]" in e for e in errors), errors


# --- 3. slugs are unique --------------------------------------------------------------------

def test_a_second_document_with_a_published_slug_is_refused_naming_both(
        repo: Repo, site: tuple[Path, dict[str, bytes]], caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(repo.path / "policy_src/privacy", repo.path / "policy_src/other")
    repo.replace("policy_src/other/document.yml", "title: Privacy Statement", "title: Other")
    repo.replace("mkdocs.yml", "documents: [privacy]", "documents: [privacy, other]")
    repo.commit("A second document", "2025-01-14T10:00:00+00:00")
    assert failed(repo, capsys).startswith(
        f"error: policy_src/other/document.yml:2: slug 'privacy' is also the slug of {DOC}")
    message = build(repo.path, site[0], caplog)
    assert message is not None and "policy_src/other/document.yml:2" in message
    assert snapshot(site[0]) == site[1]


# --- 8. the record branch -------------------------------------------------------------------

def test_a_deleted_record_is_an_error_where_ci_published_before(
        repo: Repo, site: tuple[Path, dict[str, bytes]],
        caplog: pytest.LogCaptureFixture) -> None:
    said = CliRunner().invoke(cli, ["-C", str(repo.path), "record"]).output
    assert "add 'record: required' under the lexdocs plugin" in said
    repo.git("branch", "-q", "-D", "lexdocs-published")  # deleted: as if never recorded
    repo.replace("mkdocs.yml", "pdf: false", "pdf: false\n      record: required")
    repo.commit("CI publishes and records", "2025-01-14T09:00:00+00:00")
    repo.replace(INTRO, "personal information.", "personal information!")
    repo.commit("Punctuation", "2025-01-14T10:00:00+00:00")
    refused(repo, site, caplog, "lexdocs-published:versions.json: error [permanent-url]",
            "branch 'lexdocs-published' is missing")
    # Dropping the option in the same pull request does not help: the commits before said so.
    repo.replace("mkdocs.yml", "\n      record: required", "")
    repo.commit("Forget it", "2025-01-14T11:00:00+00:00")
    code, errors = check(repo)
    assert code == 1 and any("'record: required'" in e for e in errors), errors


@pytest.mark.parametrize("data", [b"\xff\xfe not text", b"[" * 100000, b'{"documents": []}'],
                         ids=["bytes", "deep", "shape"])
def test_a_damaged_record_names_the_branch_and_file(
        repo: Repo, data: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    write_project(repo)
    repo.commit("First version", FIRST)
    def git(*args: str, given: bytes) -> str:
        done = subprocess.run(["git", *args], cwd=repo.path, input=given, check=True,
                              capture_output=True)
        return done.stdout.decode().strip()

    blob = git("hash-object", "-w", "--stdin", given=data)
    tree = git("mktree", given=f"100644 blob {blob}\tversions.json\n".encode())
    commit = repo.git("commit-tree", tree, "-m", "damaged")
    repo.git("update-ref", "refs/heads/lexdocs-published", commit)
    assert failed(repo, capsys).startswith(
        "error: lexdocs-published:versions.json: the publication record is not a "
        "versions.json lexdocs wrote")


# --- warm and cold builds agree -------------------------------------------------------------

def test_warm_and_cold_checks_give_the_same_verdicts(repo: Repo) -> None:
    write_project(repo)
    repo.commit("First version", FIRST)
    _flag_section(repo)
    repo.replace(INTRO, "personal information.", "personal information!")
    repo.commit("Tidy punctuation", "2025-01-10T10:00:00+00:00")
    cold = check(repo)
    warm = check(repo)
    assert cold == warm and cold[0] == 1
    repo.replace("mkdocs.yml", "notice_days: 30", "notice_days: 0")
    repo.commit("Lower the site's notice", "2025-01-11T10:00:00+00:00")
    repo.replace(INTRO, "personal information!", "personal information.")
    repo.commit("Punctuation again", "2025-01-12T10:00:00+00:00")
    warm = check(repo)
    shutil.rmtree(repo.path / ".cache")
    assert check(repo) == warm
    assert any("lowered from 30 to 0 days" in e for e in warm[1]), warm


# --- 13. memory: history reads only the blobs a document uses --------------------------------

def test_large_files_never_included_are_never_read(repo: Repo) -> None:
    """Three 12 MB files beside the sources: `lexdocs check` must not hold them (it held
    every blob the source folder ever had, 415 MB for three 50 MB files)."""
    write_project(repo)
    repo.commit("First version", FIRST)
    for i in range(3):
        (repo.path / f"policy_src/privacy/scan-{i}.bin").write_bytes(os.urandom(12 * 2**20))
    repo.commit("Scans beside the sources", "2024-10-01T10:00:00+00:00")
    repo.replace(INTRO, "personal information.", "personal information!")
    repo.commit("Punctuation", "2024-11-01T10:00:00+00:00")
    # A fresh process runs the check: its children's peak is the check's (and git's) alone.
    # Measured on the second run: the first may compile every module it imports (a fresh
    # clone has no bytecode yet), 40 MB more that has nothing to do with the files read.
    probe = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
             "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", probe, str(Path(sys.executable).parent /
                              "lexdocs"), "check", "--today", TODAY], cwd=repo.path,
                             capture_output=True, text=True, check=True).stdout
    code, peak = map(int, out.split()[-2:])
    assert code == 0, out
    assert peak < 100 * 1024, f"peak RSS {peak // 1024} MB"  # 60 MB measured; 130 MB before


def test_an_included_file_over_the_limit_is_refused_by_name(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    write_project(repo)
    repo.write("policy_src/privacy/_big.md", "word " * (2**20 // 5 + 1))
    repo.replace(INTRO, "personal information.", "personal information.\n"
                 "{% include 'privacy/_big.md' %}")
    assert failed(repo, capsys).startswith(
        "error: policy_src/privacy/_big.md: is larger than a source file may be (1024 KB)")
    repo.commit("Too big", FIRST)
    repo.git("rm", "-q", "policy_src/privacy/_big.md")
    repo.replace(INTRO, "\n{% include 'privacy/_big.md' %}", "")
    repo.commit("Smaller", "2024-10-01T10:00:00+00:00")
    code, errors = check(repo)  # the old commit is skipped with a warning, not an error
    assert (code, errors) == (0, [])


# --- what reviewers see: the pull-request comment and lexdocs diff judge as the build does ---

def test_the_comment_and_diff_judge_a_new_section_by_the_declarations_before_it(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    write_project(repo)
    repo.commit("First version", FIRST)
    repo.git("checkout", "-q", "-b", "pr")
    repo.write("policy_src/privacy/30-sharing.md", "---\nid: sharing\ntitle: Sharing\n"
               "material: false\n---\nWe sell your personal information to data brokers.\n")
    repo.replace(DOC, "  - 20-retention.md\n", "  - 20-retention.md\n  - 30-sharing.md\n")
    repo.commit("Add a section", "2025-01-13T10:00:00+00:00")
    repo.replace(INTRO, "personal information.", "personal information!")
    repo.commit("Punctuation", "2025-01-14T10:00:00+00:00")
    text = compose(compare(load_options(repo.path), "main", "pr"))
    assert "— 🔴 **Material**" in text and "**No change-log entry.**" in text
    capsys.readouterr()
    assert lexdocs("-C", str(repo.path), "diff", "privacy", "2024-09-01", "2025-01-14",
                   "--format", "json") == 0  # two versions apart: compared afresh
    changes = json.loads(capsys.readouterr().out)
    assert [c["material"] for c in changes if c["section"] == "sharing"] == [True]
