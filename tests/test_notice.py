"""Versions, change log and the notice gate, on real repositories with fixed dates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from lexdocs.errors import SourceError
from lexdocs.history.versions import load_histories
from lexdocs.review.notice import Timeline, build_timeline, parse_log
from tests.conftest import Repo

LOG = "policy_src/privacy/changes.yml"
DAY = dt.date(2025, 1, 15)


def timeline(repo: Repo, today: dt.date = DAY, notice_days: int = 30) -> Timeline:
    h = load_histories(repo.path, "policy_src", ["privacy"], ZoneInfo("UTC"))["privacy"]
    return build_timeline(h, notice_days, today)


def rules(t: Timeline) -> list[str]:
    return [f.rule for f in t.findings]


def material_edit(repo: Repo, date: str = "2025-01-15T10:00:00+00:00",
                  log: str | None = None) -> None:
    repo.replace("policy_src/variables.yml", "90 days", "180 days")
    if log is not None:
        repo.write(LOG, log)
    repo.commit("Keep logs longer", date)


def test_material_change_without_summary_is_refused(project: Repo) -> None:
    material_edit(project)
    t = timeline(project)
    assert rules(t) == ["notice-summary"]
    message = str(t.findings[0])
    assert message.startswith("policy_src/privacy/changes.yml: error [notice-summary]")
    assert "version 2025-01-15" in message
    assert "section 'retention'" in message
    assert "effective: 2025-02-14" in message


def test_effective_date_inside_notice_period_is_refused(project: Repo) -> None:
    material_edit(project, log="- summary: Logs are kept longer.\n  effective: 2025-02-01\n")
    t = timeline(project)
    assert rules(t) == ["notice-period"]
    assert "17 days after it is published" in t.findings[0].message
    assert t.findings[0].line == 1


def test_material_change_without_effective_date_is_refused(project: Repo) -> None:
    material_edit(project, log="- summary: Logs are kept longer.\n")
    assert rules(timeline(project)) == ["notice-effective"]


def test_notice_period_met_publishes_an_upcoming_version(project: Repo) -> None:
    material_edit(project, log="- summary: Logs are kept longer.\n  effective: 2025-02-14\n")
    t = timeline(project)
    assert t.findings == ()
    first, second = t.notices
    assert second.material and second.summary == "Logs are kept longer."
    assert t.current(dt.date(2025, 2, 13)) is first
    assert [n.version.id for n in t.upcoming(dt.date(2025, 2, 13))] == ["2025-01-15"]
    assert t.current(dt.date(2025, 2, 14)) is second
    assert t.upcoming(dt.date(2025, 2, 14)) == []


def test_configured_notice_period_is_used(project: Repo) -> None:
    """The period in force is mkdocs.yml's as committed before the version (raised, never
    lowered, by the working tree's option)."""
    project.replace("mkdocs.yml", "notice_days: 30", "notice_days: 14")
    project.git("commit", "-q", "-a", "--amend", "--no-edit", date="2024-09-10T10:00:00+00:00")
    material_edit(project, log="- summary: Logs are kept longer.\n  effective: 2025-02-01\n")
    assert timeline(project, notice_days=14).findings == ()
    assert rules(timeline(project, notice_days=30)) == ["notice-period"]


def test_summary_written_in_a_later_commit_describes_that_version(project: Repo) -> None:
    material_edit(project)
    project.write(LOG, "- summary: Logs are kept longer.\n  effective: 2025-03-01\n")
    project.commit("Summary for the log change", "2025-01-16T09:00:00+00:00")
    t = timeline(project)
    assert t.findings == ()
    assert t.notices[1].summary == "Logs are kept longer."


def test_entry_that_matches_no_version_is_reported(project: Repo) -> None:
    project.write(LOG, "- summary: Nothing.\n  version: 2023-01-01\n")
    project.commit("Stray entry", "2025-01-01T00:00:00+00:00")
    t = timeline(project)
    assert rules(t) == ["notice-orphan"]
    assert t.findings[0].line == 1
    assert "'version: 2023-01-01' names no version of privacy" in t.findings[0].message
    assert "write one of its versions' ids, or remove the line" in t.findings[0].message
    # a slip of one digit is offered the version it may have meant
    project.write(LOG, "- summary: Nothing.\n  version: 2024-09-02\n")
    project.commit("Stray entry", "2025-01-02T00:00:00+00:00")
    assert "(did you mean '2024-09-01'?)" in timeline(project).findings[0].message


def test_not_material_change_needs_no_notice(project: Repo) -> None:
    project.replace("policy_src/privacy/10-intro.md", "personal information.",
                    "personal information!")
    project.commit("Punctuation", "2025-01-10T00:00:00+00:00")
    t = timeline(project)
    assert t.findings == ()
    assert not t.notices[1].material
    assert t.notices[1].effective == dt.date(2024, 9, 1)  # it restates the terms in force
    assert t.notices[1].version.date == dt.date(2025, 1, 10)
    assert t.current(DAY) is t.notices[1]


def test_override_needs_a_reason_and_shows_in_the_redline(project: Repo) -> None:
    material_edit(project, log="- summary: Logs.\n  material: false\n")
    with pytest.raises(SourceError) as err:
        timeline(project)
    assert str(err.value).startswith("policy_src/privacy/changes.yml:2: overriding materiality")
    project.write(LOG, "- summary: Logs.\n  material: false\n  reason: Counsel approved.\n")
    project.commit("Reason", "2025-01-16T00:00:00+00:00")
    t = timeline(project)
    assert t.findings == ()
    assert not t.notices[1].material
    assert t.notices[1].redline is not None
    assert any("Counsel approved." in c.reason for c in t.notices[1].redline.changes)


def test_draft_problems_are_marked_as_draft(project: Repo) -> None:
    project.replace("policy_src/variables.yml", "90 days", "180 days")
    t = timeline(project)
    assert rules(t) == ["notice-summary"]
    assert t.findings[0].draft
    assert t.draft is not None and t.draft.material


def test_version_ids_are_dates_and_never_move(project: Repo) -> None:
    log = "- summary: a\n  material: false\n  reason: test\n"
    project.replace("policy_src/privacy/10-intro.md", "explains", "describes")
    project.write(LOG, log)
    project.commit("one", "2025-01-15T08:00:00+00:00")
    project.replace("policy_src/privacy/10-intro.md", "describes", "sets out")
    project.write(LOG, log + "- summary: b\n  material: false\n  reason: test\n")
    project.commit("two, same day", "2025-01-15T09:00:00+00:00")
    before = [n.version.id for n in timeline(project).notices]
    assert before == ["2024-09-01", "2025-01-15", "2025-01-15-2"]
    project.replace("policy_src/privacy/10-intro.md", "sets out", "explains")
    project.write(LOG, project.read(LOG) + "- summary: c\n  material: false\n  reason: t\n")
    project.commit("three, same day", "2025-01-15T10:00:00+00:00")
    project.write("README.md", "more history\n")
    project.commit("unrelated", "2025-01-16T10:00:00+00:00")
    after = [n.version.id for n in timeline(project).notices]
    assert after[:3] == before
    assert after[3] == "2025-01-15-3"


def test_a_recorded_review_is_kept_apart_from_last_updated(project: Repo) -> None:
    project.write(LOG, "- reviewed: 2025-01-10\n  note: Annual review, nothing to change.\n")
    project.commit("Annual review", "2025-01-10T10:00:00+00:00")
    t = timeline(project)
    assert t.findings == ()
    assert len(t.notices) == 1  # a review publishes no new version
    assert t.history.last_updated == "September 2024"
    assert t.last_reviewed(DAY) == dt.date(2025, 1, 10)
    assert t.last_reviewed(dt.date(2025, 1, 9)) is None


def test_a_review_in_the_future_is_refused(project: Repo) -> None:
    project.write(LOG, "- reviewed: 2025-06-01\n")
    project.commit("Review", "2025-01-10T10:00:00+00:00")
    t = timeline(project)
    assert rules(t) == ["notice-review-future"]
    assert t.findings[0].line == 1


def test_a_review_with_other_keys_names_the_line(project: Repo) -> None:
    project.write(LOG, "- summary: x\n  effective: 2025-01-01\n- reviewed: 2025-01-10\n"
                  "  effective: 2025-02-01\n")
    project.commit("Review", "2025-01-10T10:00:00+00:00")
    with pytest.raises(SourceError) as err:
        timeline(project)
    assert str(err.value).startswith("policy_src/privacy/changes.yml:4: unknown key 'effective'")


def test_every_notice_rule_is_documented_in_checks_md() -> None:
    import re
    from pathlib import Path

    from lexdocs.checks.runner import NOTICE_RULES

    doc = (Path(__file__).parent.parent / "CHECKS.md").read_text(encoding="utf-8")
    for rule in NOTICE_RULES:
        row = re.search(rf"^\| `{re.escape(rule.id)}` \| (\w+) \|", doc, re.M)
        assert row, f"CHECKS.md has no row for {rule.id}"
        assert row.group(1) == rule.severity


def test_renaming_the_slug_would_move_permanent_urls_and_is_refused(project: Repo) -> None:
    project.replace("policy_src/privacy/document.yml", "slug: privacy", "slug: privacy-policy")
    # Blocking even uncommitted: that build would publish every version at a new URL.
    assert [(f.rule, f.draft) for f in timeline(project).findings] == [("permanent-url", False)]
    project.commit("Rename", "2025-01-02T00:00:00+00:00")
    t = timeline(project)
    assert rules(t) == ["permanent-url"] and not t.findings[0].draft
    assert t.findings[0].path == "policy_src/privacy/document.yml"


@pytest.mark.parametrize("log", [
    '- summary: "Logs are kept\\u0007 longer."\n  effective: 2025-03-01\n',
    "- summary: Logs are kept\x07 longer.\n  effective: 2025-03-01\n",
], ids=["escaped", "raw"])
def test_a_control_character_in_a_summary_names_the_line(project: Repo, log: str) -> None:
    material_edit(project, log="# Change log\n" + log)
    with pytest.raises(SourceError) as err:
        timeline(project)
    assert str(err.value).startswith(
        "policy_src/privacy/changes.yml:2: the summary contains the control character U+0007"
        if "\\u" in log else
        "policy_src/privacy/changes.yml:2: this line contains the control character U+0007")


def test_the_change_log_is_read_by_the_sources_package() -> None:
    from lexdocs.review import notice
    from lexdocs.sources import changelog

    assert notice.Entry is changelog.Entry and notice.read_log is changelog.read_log
    entries = changelog.parse_log("- summary: '  Two\n  words '\n  effective: 2025-01-01\n",
                                  "c.yml")
    assert [(e.summary, e.effective, e.line) for e in entries] == [
        ("Two words", dt.date(2025, 1, 1), 1)]
    with pytest.raises(SourceError, match=r"c\.yml:3: effective_reason explains"):
        changelog.parse_log("- summary: x\n  effective: 2025-01-01\n  effective_reason: ''\n",
                            "c.yml")


def test_versions_before_adoption_are_not_judged(project: Repo) -> None:
    """`adopted:` (document.yml) exempts history from an older process from the gate."""
    material_edit(project)  # material, no summary: an error, unless before adoption
    assert rules(timeline(project)) == ["notice-summary"]

    def adopted(day: str) -> Timeline:
        project.replace("policy_src/privacy/document.yml", "baseline:",
                        f"adopted: {day}\nbaseline:")
        t = timeline(project, today=dt.date(2025, 1, 20))
        project.git("checkout", "--", "policy_src/privacy/document.yml")
        return t

    assert rules(adopted("2025-01-15")) == ["notice-summary"]
    before = adopted("2025-01-16")
    assert before.findings == ()
    assert before.notices[1].material and not before.notices[1].judged


def test_ccpa_stale_judges_the_version_in_force(project: Repo) -> None:
    from lexdocs.checks.runner import run_all
    from lexdocs.config import load_options
    from lexdocs.pipeline import load_timelines

    project.replace("policy_src/privacy/20-retention.md", "tags: [retention]",
                    "tags: [retention, california]")
    project.commit("California", "2024-09-11T10:00:00+00:00")
    material_edit(project, "2025-09-20T10:00:00+00:00",
                  log="- summary: Logs are kept longer.\n  effective: 2025-10-30\n")
    opts = load_options(project.path)

    def stale(day: dt.date) -> list[tuple[str, str]]:
        return [(f.severity, f.message) for f in run_all(opts, load_timelines(opts, day), day)
                if f.rule == "ccpa-stale"]

    # In force on 2025-10-01: the first version (a tag is not visible text), over a year old;
    # its replacement is published and waits out its notice, so a warning with the date.
    assert stale(dt.date(2025, 10, 1)) == [(
        "warning", "privacy: last updated 2024-09-01, more than 12 months before 2025-10-01; "
        "the version published to replace it takes effect on 2025-10-30")]
    assert stale(dt.date(2025, 10, 30)) == []


def test_versions_lists_reasons_and_speaks_json(project: Repo) -> None:
    import json

    from click.testing import CliRunner

    from lexdocs.cli import cli

    material_edit(project, log="- summary: Logs are kept longer.\n  effective: 2025-02-14\n")
    args = ["-C", str(project.path), "versions"]
    table = CliRunner().invoke(cli, args)
    assert table.exit_code == 0, table.output
    assert "Logs are kept longer." in table.output and "Retention:" in table.output
    out = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert out.exit_code == 0, out.output
    versions = json.loads(out.output)["documents"]["privacy"]["versions"]
    assert [v["id"] for v in versions] == ["2024-09-01", "2025-01-15"]
    assert versions[0]["first"] and versions[0]["reasons"] == []
    assert versions[1]["material"] and versions[1]["effective"] == "2025-02-14"
    assert versions[1]["reasons"] and versions[1]["reasons"][0].startswith("Retention:")


REWRITE = "Here we describe in plain words what happens to everything we learn about you."


def test_a_change_no_rule_explains_waits_for_a_lawyers_call(project: Repo) -> None:
    """A rewrite the rules cannot read is neither called material nor let through: the
    gate holds it as material until the change-log entry decides, and then the answer
    decides (not material: no notice; material: the notice period as for any)."""
    project.replace("policy_src/privacy/10-intro.md",
                    "This statement explains how we handle personal information.", REWRITE)
    project.commit("Plain words", "2025-01-10T00:00:00+00:00")
    t = timeline(project)
    assert rules(t) == ["notice-lawyers-call"]
    assert "section 'intro'" in t.findings[0].message
    assert "material: true or false" in t.findings[0].message
    n = t.notices[1]
    assert n.referred and n.material and n.call == "lawyers-call"
    assert n.effective == dt.date(2025, 2, 9)  # held as material meanwhile
    assert n.redline is not None
    assert n.redline.changes[0].reason.startswith("Needs a lawyer's call: no rule explains")

    project.write(LOG, "- summary: Plain words.\n  sections:\n    - {section: intro, "
                  "material: false, reason: Says the same in plainer words.}\n")
    project.commit("Answer", "2025-01-11T00:00:00+00:00")
    t = timeline(project)
    assert t.findings == ()
    n = t.notices[1]
    assert not n.referred and not n.material and n.call == "not-material"
    assert n.effective == dt.date(2024, 9, 1)

    project.write(LOG, "- summary: Plain words.\n  material: true\n  reason: It promises "
                  "less.\n")
    project.commit("Answer again", "2025-01-12T00:00:00+00:00")
    t = timeline(project)
    assert rules(t) == ["notice-effective"]
    assert t.notices[1].call == "material"


def test_an_unanswered_lawyers_call_beside_a_material_change_is_reported_too(
        project: Repo) -> None:
    project.replace("policy_src/privacy/10-intro.md",
                    "This statement explains how we handle personal information.", REWRITE)
    material_edit(project, log="- summary: Logs are kept longer.\n  effective: 2025-02-14\n")
    t = timeline(project)
    assert rules(t) == ["notice-lawyers-call"]
    assert t.notices[1].call == "material" and t.notices[1].referred


def test_the_comment_asks_for_the_call_and_check_overrides_counts_the_answer(
        project: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    from lexdocs.config import load_options
    from lexdocs.review.comment import compare, compose
    from tests.conftest import run_in

    project.git("checkout", "-q", "-b", "plain")
    project.replace("policy_src/privacy/10-intro.md",
                    "This statement explains how we handle personal information.", REWRITE)
    project.commit("Plain words", "2025-01-10T00:00:00+00:00")
    text = compose(compare(load_options(project.path), "main", "plain"))
    assert "## Privacy Statement (`privacy`) — 🟠 **Needs a lawyer's call**" in text
    assert "Why material" not in text and "No change-log entry" not in text
    assert "(1 waiting for a lawyer's call)" in text
    assert "    - {section: intro, material: <true or false>, reason: <why>}" in text
    project.write(LOG, "- summary: Plain words.\n  sections:\n    - {section: intro, "
                  "material: false, reason: Says the same in plainer words.}\n")
    project.commit("Answer", "2025-01-11T00:00:00+00:00")
    out = run_in(project, capsys, "check", "--overrides", "--today", "2025-03-01").splitlines()
    assert "the change log answered lexdocs' verdict a lawyer's call [unexplained: no rule " \
           "explains" in out[0] and out[0].endswith("as not material: Says the same in "
                                                    "plainer words.")
    assert out[-1].endswith("0 disagree with lexdocs (material → not material: 0, not "
                            "material → material: 0); 1 answer a lawyer's call lexdocs asked "
                            "for (material: 0, not material: 1).")


def _whole(text: str) -> tuple[str, ...] | None:
    try:
        return tuple(e.key for e in parse_log(text, LOG))
    except SourceError:
        return None


ENTRY_A = "- summary: Logs are kept longer.\n  effective: 2025-02-20\n"
ENTRY_B = "- version: 2025-01-15\n  summary: >-\n    Two lines\n    of summary.\n"


@pytest.mark.parametrize("text", [
    "", "# nothing yet\n", ENTRY_A, "# log\n\n" + ENTRY_A + "\n# between\n" + ENTRY_B,
    ENTRY_A + "- reviewed: 2025-01-01\n" + ENTRY_B,
    ENTRY_A + "...\n" + ENTRY_B,             # a document's end: the whole log is malformed
    ENTRY_A + "---\n" + ENTRY_B,             # two documents
    "- summary: &s Shared words.\n- summary: *s\n",  # an alias to another item
    '- summary: "open\n- summary: closed"\n',       # a quotation over an item's start
    "  - summary: Indented list.\n  - summary: Second.\n",
    "summary: not a list\n", ENTRY_A + "- summary: [unclosed\n",
    "\ufeff" + ENTRY_A, "-\n  summary: Dash on its own line.\n",
])
def test_log_keys_read_by_item_are_those_of_the_whole_log(text: str) -> None:
    from lexdocs.review.logbinding import log_keys

    assert log_keys(text, LOG, {}) == _whole(text)


def test_each_past_state_of_a_log_parses_only_its_new_items(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A thousand states of a log each holding every entry before: parsed whole, the
    work grows in the square of the entries."""
    from lexdocs.review import logbinding

    parsed: list[str] = []
    real = logbinding.parse_log
    monkeypatch.setattr(logbinding, "parse_log",
                        lambda text, path: parsed.append(text) or real(text, path))
    seen: dict[str, tuple[str, ...] | None] = {}
    assert logbinding.log_keys(ENTRY_A, LOG, seen) == ("Logs are kept longer.",)
    parsed.clear()
    assert logbinding.log_keys(ENTRY_A + ENTRY_B, LOG, seen) == ("Logs are kept longer.",
                                                            "2025-01-15")
    assert parsed == [ENTRY_B]
