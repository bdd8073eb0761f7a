"""The notice invariants (README, "Notice invariants"), each on real repositories with fixed dates.

1. Text of an upcoming material version is never in force before its effective date,
   whatever later versions are built on it.
2. Versions follow first-parent history order even when commit dates go backwards;
   the build says what it did.
3. The build and `lexdocs check` agree on what is a draft.
4. Versions one commit made in several documents take effect together.
5. A version's own dates stated by its template never make a version.
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from lexdocs.cli import cli
from lexdocs.config import load_options
from lexdocs.history.versions import DRAFT_LABEL, load_histories
from lexdocs.pipeline import explain, load_timelines
from lexdocs.publish.pages import SiteBuilder
from lexdocs.review.formats import to_html, to_json
from lexdocs.review.notice import Timeline, align_shared, build_timeline
from tests.conftest import Repo

LOG = "policy_src/privacy/changes.yml"
UTC = ZoneInfo("UTC")
EFFECTIVE = dt.date(2025, 2, 14)
NEW_TEXT = "180 days"


def timeline(repo: Repo, today: dt.date, names: tuple[str, ...] = ("privacy",)
             ) -> dict[str, Timeline]:
    histories = load_histories(repo.path, "policy_src", list(names), UTC)
    return align_shared({n: build_timeline(h, 30, today) for n, h in histories.items()})


def upcoming_material_edit(repo: Repo) -> None:
    """Keep logs 180 days: material, published 2025-01-15, effective 2025-02-14."""
    repo.replace("policy_src/variables.yml", "90 days", NEW_TEXT)
    repo.write(LOG, "- summary: Logs are kept longer.\n  effective: 2025-02-14\n")
    repo.commit("Keep logs longer", "2025-01-15T10:00:00+00:00")


def assert_never_early(t: Timeline) -> None:
    """On every day around the notice period, the text in force holds the new words
    only from the effective date on."""
    day = dt.date(2025, 1, 10)
    while day <= dt.date(2025, 3, 1):
        current = t.current(day)
        assert current is not None
        in_force = NEW_TEXT in current.version.rendered.text
        assert in_force == (day >= EFFECTIVE), f"{day}: version {current.version.id}"
        day += dt.timedelta(days=1)


def _typo(repo: Repo) -> None:
    repo.replace("policy_src/privacy/10-intro.md", "handle personal", "handle  personal")
    repo.replace("policy_src/privacy/10-intro.md", "This statement", "Thsi statement")


def _title(repo: Repo) -> None:
    repo.replace("policy_src/privacy/document.yml", "title: Privacy Statement",
                 "title: Privacy Notice")


def _reorder(repo: Repo) -> None:
    repo.replace("policy_src/privacy/document.yml", "  - 10-intro.md\n  - 20-retention.md",
                 "  - 20-retention.md\n  - 10-intro.md")


@pytest.mark.parametrize("edit", [_typo, _title, _reorder], ids=["typo", "title", "reorder"])
def test_a_later_version_inherits_the_upcoming_effective_date(project: Repo, edit: object) -> None:
    upcoming_material_edit(project)
    assert callable(edit)
    edit(project)
    log = project.read(LOG) + ("- summary: A small correction.\n  material: false\n"
                               "  reason: Counsel reviewed it; no reader's rights change.\n")
    project.write(LOG, log)
    project.commit("Small correction", "2025-01-20T10:00:00+00:00")
    t = timeline(project, dt.date(2025, 1, 25))["privacy"]
    assert [f.rule for f in t.findings if f.severity == "error"] == []
    first, material, later = t.notices
    assert material.material and not later.material
    assert later.effective == EFFECTIVE
    assert "builds on version 2025-01-15" in later.raised
    assert t.current(dt.date(2025, 1, 25)) is first
    assert_never_early(t)


def test_a_back_dated_commit_follows_history_order_and_is_reported(project: Repo) -> None:
    upcoming_material_edit(project)
    project.replace("policy_src/privacy/10-intro.md", "personal information.",
                    "personal information!")
    project.commit("Back-dated punctuation", "2024-12-01T10:00:00+00:00")
    t = timeline(project, dt.date(2025, 1, 25))["privacy"]
    ids = [n.version.id for n in t.notices]
    assert ids == ["2024-09-01", "2025-01-15", "2025-01-15-2"]
    back = t.notices[2]
    assert back.version.commit_date is not None
    assert back.version.commit_date.date() == dt.date(2024, 12, 1)
    assert [f.rule for f in t.findings] == ["notice-backdated"]
    assert "dated 2024-12-01, before the commit it follows" in t.findings[0].message
    assert_never_early(t)


def test_a_fast_forwarded_rebase_keeps_history_order(project: Repo) -> None:
    """A branch rebased keeping its old dates, then fast-forwarded onto main."""
    project.git("checkout", "-q", "-b", "typo")
    project.replace("policy_src/privacy/10-intro.md", "personal information.",
                    "personal information!")
    project.commit("Punctuation, written early", "2025-01-05T10:00:00+00:00")
    project.git("checkout", "-q", "main")
    upcoming_material_edit(project)
    project.git("checkout", "-q", "typo")
    project.git("rebase", "-q", "--committer-date-is-author-date", "main")
    project.git("checkout", "-q", "main")
    project.git("merge", "-q", "--ff-only", "typo")
    t = timeline(project, dt.date(2025, 1, 25))["privacy"]
    assert [n.version.id for n in t.notices] == ["2024-09-01", "2025-01-15", "2025-01-15-2"]
    assert t.current(dt.date(2025, 1, 25)) is t.notices[0]
    assert_never_early(t)
    opts = load_options(project.path)
    lines = explain(load_timelines(opts, dt.date(2025, 1, 25)))
    assert any("[notice-backdated]" in line and "2025-01-15-2" in line for line in lines)
    assert any("2025-01-15-2 takes effect 2025-02-14 because it builds on" in line
               for line in lines)


def test_a_commit_dated_in_the_future_is_an_error(project: Repo) -> None:
    project.replace("policy_src/privacy/10-intro.md", "personal information.",
                    "personal information!")
    project.commit("Clock is wrong", "2025-06-01T10:00:00+00:00")
    t = timeline(project, dt.date(2025, 1, 25))["privacy"]
    assert [(f.rule, f.severity) for f in t.findings] == [("notice-future-commit", "error")]
    assert "after today (2025-01-25)" in t.findings[0].message


def _crlf(repo: Repo) -> None:
    for p in (repo.path / "policy_src").rglob("*"):
        if p.is_file():
            p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n"))


def _rewrap(repo: Repo) -> None:
    repo.replace("policy_src/privacy/10-intro.md", "explains how we", "explains\nhow we")


def _edit(repo: Repo) -> None:
    repo.replace("policy_src/privacy/10-intro.md", "handle", "process")


def _crlf_and_edit(repo: Repo) -> None:
    _edit(repo)
    _crlf(repo)


@pytest.mark.parametrize(("change", "draft"), [(_crlf, False), (_rewrap, False),
                                               (_edit, True), (_crlf_and_edit, True)],
                         ids=["crlf", "rewrap", "edit", "crlf-and-edit"])
def test_build_and_check_agree_on_the_draft(project: Repo, change: object, draft: bool,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737000000")  # 2025-01-16
    assert callable(change)
    change(project)
    opts = load_options(project.path)
    timelines = load_timelines(opts)
    pages = {p.uri: p.content for p in SiteBuilder(opts, timelines, dt.date(2025, 1, 16)).build()}
    page = pages["privacy/index.md"]
    assert isinstance(page, str)
    out = CliRunner().invoke(cli, ["-C", str(project.path), "versions", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["documents"]["privacy"]["draft"] is draft
    assert (DRAFT_LABEL in page) is draft
    check = CliRunner().invoke(cli, ["-C", str(project.path), "check"])
    said = " ".join(check.output.split())
    assert ("the uncommitted draft is a material change" in said) is draft, said


SUMMARY_DOC = """\
title: Privacy Summary
slug: summary
sections:
  - 10-logs.md
"""
SUMMARY_SECTION = """\
---
id: logs
title: Logs
---
Web access logs are deleted after {{ retention.web_logs }}.
"""


def shared_project(repo: Repo, summary_entry: str) -> None:
    repo.write("policy_src/summary/document.yml", SUMMARY_DOC)
    repo.write("policy_src/summary/10-logs.md", SUMMARY_SECTION)
    repo.commit("Summary", "2024-10-01T10:00:00+00:00")
    repo.write("policy_src/summary/changes.yml", summary_entry)
    upcoming_material_edit(repo)


def test_versions_made_by_one_commit_take_effect_together(project: Repo) -> None:
    shared_project(project, "- summary: The summary follows the statement.\n"
                            "  material: false\n  reason: It restates the statement.\n")
    ts = timeline(project, dt.date(2025, 1, 20), ("privacy", "summary"))
    privacy, summary = ts["privacy"].notices[-1], ts["summary"].notices[-1]
    assert summary.effective == privacy.effective == EFFECTIVE
    assert "published together with privacy version 2025-01-15" in summary.raised
    assert summary.together == (("privacy", "2025-01-15"),)
    assert privacy.together == (("summary", "2025-01-15"),)
    assert ts["summary"].current(dt.date(2025, 1, 20)) is ts["summary"].notices[0]


def test_an_entry_with_a_reason_keeps_its_own_effective_date(project: Repo) -> None:
    shared_project(project, "- summary: The summary follows the statement.\n"
                            "  material: false\n  reason: It restates the statement.\n"
                            "  effective: 2025-01-15\n"
                            "  effective_reason: Counsel agreed the summary may say it at once.\n")
    ts = timeline(project, dt.date(2025, 1, 20), ("privacy", "summary"))
    summary = ts["summary"].notices[-1]
    assert summary.effective == dt.date(2025, 1, 15)
    assert summary.raised == ""
    assert summary.together == (("privacy", "2025-01-15"),)


DATED = """\
---
id: intro
title: Introduction
---
This statement explains how we handle personal information.
Effective date: {{ page_version.effective }}. Last updated: {{ page_version.last_updated }}.
"""


def test_a_version_states_its_own_dates_without_making_versions(project: Repo) -> None:
    project.write("policy_src/privacy/10-intro.md", DATED)
    project.commit("State the dates", "2024-10-01T10:00:00+00:00")
    upcoming_material_edit(project)
    project.write(LOG, "- summary: Logs are kept longer.\n  effective: 2025-02-20\n")
    project.commit("Later effective date: no new text", "2025-01-16T10:00:00+00:00")
    t = timeline(project, dt.date(2025, 1, 20))["privacy"]
    assert [n.version.id for n in t.notices] == ["2024-09-01", "2024-10-01", "2025-01-15"]
    stated, upcoming = t.notices[1], t.notices[2]
    assert stated.redline is not None
    # Adding the line is material, so the earliest effective date is applied.
    assert "Effective date: October 31, 2024. Last updated: October 1, 2024." in (
        stated.version.rendered.text)
    assert "Effective date: February 20, 2025. Last updated: January 15, 2025." in (
        upcoming.version.rendered.text)
    assert "February 20, 2025" in upcoming.version.rendered.html
    assert upcoming.version.rendered.fingerprint == t.history.versions[2].rendered.fingerprint
    assert "\ue000" not in upcoming.version.rendered.page
    assert stated.redline is not None and upcoming.redline is not None
    shown = to_html(stated.redline) + to_json(upcoming.redline)
    assert "\ue000" not in shown and "October 31, 2024" in shown
    assert DRAFT_LABEL not in t.history.working.text


def test_a_build_that_reads_its_redlines_back_states_their_dates_too(project: Repo) -> None:
    """A build draws a kept redline from disk when its page is made (`KeptSections`):
    the dates the text asks for are put into it then, as into one held in memory."""
    project.write("policy_src/privacy/10-intro.md", DATED)
    project.commit("State the dates", "2024-10-01T10:00:00+00:00")
    upcoming_material_edit(project)
    opts = load_options(project.path)
    load_timelines(opts, dt.date(2025, 1, 20))  # every redline kept
    stated = load_timelines(opts, dt.date(2025, 1, 20))["privacy"].notices[1]
    assert stated.redline is not None
    assert type(stated.redline.sections).__name__ == "KeptSections"
    shown = to_html(stated.redline)
    assert "\ue000" not in shown and "October 31, 2024" in shown


def test_the_history_page_says_which_versions_were_published_together(project: Repo) -> None:
    shared_project(project, "- summary: The summary follows the statement.\n"
                            "  material: false\n  reason: It restates the statement.\n")
    project.replace("mkdocs.yml", "documents: [privacy]", "documents: [privacy, summary]")
    opts = load_options(project.path)
    ts = load_timelines(opts, dt.date(2025, 1, 20))
    pages = {p.uri: p.content for p in SiteBuilder(opts, ts, dt.date(2025, 1, 20)).build()}
    history = pages["summary/history/index.md"]
    assert isinstance(history, str)
    assert "Published together with privacy version 2025-01-15." in history
    assert "Takes effect 2025-02-14: it was published together with privacy" in history
