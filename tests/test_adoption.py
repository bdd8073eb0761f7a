"""A document adopted with a history: versions from before `adopted:` followed the old
process, and a version that is not material restates the terms in force.

One project is built once for the module: a first version, a material change and a
punctuation fix before adoption, then a link fix after it. The intro states its own
"Last updated" date (as `lexdocs import --date-line bind` writes it), so the CLI and the
build must agree that a link fix is no material change.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from lexdocs.history.versions import load_histories
from lexdocs.review.notice import Timeline, align_shared, build_timeline
from tests.conftest import Repo, run_in, write_project
from tests.test_build import build, page

DOC = "policy_src/privacy/document.yml"
INTRO = "policy_src/privacy/10-intro.md"
ADOPTED = dt.date(2025, 1, 1)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    repo = Repo(tmp_path_factory.mktemp("adoption") / "repo")
    write_project(repo)
    repo.replace(INTRO, "This statement explains",
                 "Last updated: {{ page_version.last_updated }}\n\nSee [our help]"
                 "(https://help.example.com/old). This statement explains")
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    repo.replace("policy_src/variables.yml", "90 days", "180 days")
    repo.commit("Keep logs longer (old process: no change log)", "2024-11-01T10:00:00+00:00")
    repo.replace(INTRO, "personal information.", "personal information!")
    repo.commit("Punctuation", "2024-12-01T10:00:00+00:00")
    repo.replace(DOC, "baseline: 2024-09", f"baseline: 2024-09\nadopted: {ADOPTED}")
    repo.commit("Adopt lexdocs", "2024-12-20T10:00:00+00:00")
    repo.replace(INTRO, "https://help.example.com/old", "https://help.example.com/new")
    repo.commit("Fix a link", "2025-01-10T10:00:00+00:00")
    return repo


def timeline(repo: Repo) -> Timeline:
    h = load_histories(repo.path, "policy_src", ["privacy"], ZoneInfo("UTC"))["privacy"]
    return align_shared({"privacy": build_timeline(h, 30, dt.date(2025, 3, 1))})["privacy"]


def test_versions_before_adoption_get_no_invented_date_or_notice(site: Repo) -> None:
    t = timeline(site)
    first, material, typo, link = t.notices  # adopting changed nothing readers see
    assert [n.judged for n in t.notices] == [False, False, False, True]
    assert t.findings == ()
    assert material.material and not material.notifies
    # its own day, not a notice period after it that nobody announced
    assert material.effective == dt.date(2024, 11, 1)
    # not material: Last Updated moves, Effective stays with the terms it restates
    assert (typo.version.date, typo.effective) == (dt.date(2024, 12, 1), dt.date(2024, 11, 1))
    assert (link.version.date, link.effective) == (dt.date(2025, 1, 10), dt.date(2024, 11, 1))
    assert not link.material and first.effective == dt.date(2024, 9, 1)


def test_an_entry_chooses_its_own_effective_date(site: Repo, tmp_path_factory:
                                                 pytest.TempPathFactory) -> None:
    repo = Repo(tmp_path_factory.mktemp("own") / "repo")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    repo.replace(INTRO, "personal information.", "personal information!")
    repo.write("policy_src/privacy/changes.yml", "- summary: Punctuation.\n"
                                                 "  effective: 2025-01-20\n")
    repo.commit("Punctuation", "2025-01-10T10:00:00+00:00")
    assert timeline(repo).notices[1].effective == dt.date(2025, 1, 20)


@pytest.fixture(scope="module")
def built(site: Repo) -> Repo:
    result = build(site, today="2025-03-01")
    assert result.returncode == 0, result.stderr
    return site


def test_versions_json_and_the_history_page_say_before_adoption(
        built: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(page(built, "versions.json"))
    versions = data["documents"]["privacy"]["versions"]
    assert [v["before_adoption"] for v in versions] == [True, True, True, False]
    assert versions[1]["material"] and versions[1]["notice_url"] is None
    assert versions[1]["effective"] == "2024-11-01"
    history = page(built, "privacy/history/index.html")
    assert history.count("Before adoption") == 3
    table = run_in(built, capsys, "versions", "privacy")
    assert table.count("Before adoption") == 3
    assert not list((built.path / "site").rglob("*notice*.txt"))


def _diff_json(repo: Repo, capsys: pytest.CaptureFixture[str], *args: str
               ) -> list[dict[str, object]]:
    out: list[dict[str, object]] = json.loads(
        run_in(repo, capsys, "diff", *args, "--format", "json"))
    return out


def test_cli_diff_gives_the_builds_verdict_on_a_stated_date(
        built: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(page(built, "versions.json"))["documents"]["privacy"]["versions"]
    ids = [v["id"] for v in data]
    assert data[-1]["material"] is False
    # the versions next to each other, and across the whole history: the date line
    # moves in both but is the version's own date, not a change of terms
    pair = _diff_json(built, capsys, "privacy", ids[-2], ids[-1])
    assert pair and not any(c["material"] for c in pair), pair
    wide = _diff_json(built, capsys, "privacy", ids[2], ids[-1])
    assert wide and not any(c["material"] for c in wide), wide
    assert "a date changed" not in json.dumps(wide)


def test_diff_between_revisions_before_adoption_asks_for_no_change_log(
        built: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    early = run_in(built, capsys, "diff", "--format", "markdown", "HEAD~4", "HEAD~3")
    late = run_in(built, capsys, "diff", "--format", "markdown", "HEAD~1", "HEAD")
    assert "Material" in early and "No change-log entry" not in early
    assert "before the document's `adopted:` day" in early
    assert "before the document's `adopted:` day" not in late


def test_check_overrides_lists_each_verdict_the_change_log_decided(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = Repo(tmp_path / "repo")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    repo.replace("policy_src/variables.yml", "90 days", "180 days")
    repo.write("policy_src/privacy/changes.yml", "- summary: Logs are kept longer.\n"
               "  effective: 2024-12-20\n  sections:\n    - {section: retention, material: "
               "false, reason: 'Counsel: the logs hold no personal data'}\n")
    repo.commit("Keep logs longer", "2024-11-01T10:00:00+00:00")
    repo.replace(INTRO, "personal information.", "personal information!")
    repo.write("policy_src/privacy/changes.yml", repo.read("policy_src/privacy/changes.yml")
               + "- summary: Punctuation.\n  material: true\n  reason: 'We announce all'\n")
    repo.commit("Punctuation", "2025-01-10T10:00:00+00:00")
    out = run_in(repo, capsys, "check", "--overrides", "--today", "2025-03-01").splitlines()
    assert out[0].startswith("policy_src/privacy/changes.yml:1: privacy 2024-11-01, section "
                             "'retention': the change log overrode lexdocs' verdict material [")
    assert out[0].endswith("as not material: Counsel: the logs hold no personal data")
    assert "privacy 2025-01-10, section 'intro': the change log overrode lexdocs' verdict " \
           "not material" in out[1] and out[1].endswith("as material: We announce all")
    assert out[-1] == ("2 verdict(s) in 2 version(s) decided by the change log; 2 disagree with "
                       "lexdocs (material → not material: 1, not material → material: 1).")


def test_diff_json_between_revisions_with_no_published_change_is_an_empty_list(
        built: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    # adopting changed document.yml only: nothing readers see
    assert _diff_json(built, capsys, "HEAD~2", "HEAD~1") == []
    assert [c["document"] for c in _diff_json(built, capsys, "HEAD~1", "HEAD")] == ["privacy"]
