"""One source, three documents: one edit of a fact gives every document that states it a
new version, and none to a document that does not.

A real git repository holds a copy of this project's `policy_src/`; commits get fixed dates.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from lexdocs.history.versions import History, load_histories
from lexdocs.review.redline import diff_documents
from tests.conftest import Repo

PROJECT = Path(__file__).resolve().parents[1]
DOCS = ("privacy", "eu-privacy-summary", "california-privacy-notice")
FIRST = "2026-01-10T10:00:00+00:00"
SECOND = "2026-03-02T09:30:00+00:00"
WEB_LOGS = "  web_logs:\n    type: duration\n    value: 90 days\n"


@pytest.fixture
def copy(repo: Repo) -> Repo:
    """This project's sources, committed once: every document has one version."""
    shutil.copytree(PROJECT / "policy_src", repo.path / "policy_src")
    repo.commit("The three documents as they stand", FIRST)
    return repo


def histories(repo: Repo) -> dict[str, History]:
    return load_histories(repo.path, "policy_src", DOCS, ZoneInfo("UTC"))


def test_one_retention_edit_gives_all_three_documents_a_new_version(copy: Repo) -> None:
    before = histories(copy)
    assert {n: len(h.versions) for n, h in before.items()} == dict.fromkeys(DOCS, 1)

    copy.replace("policy_src/variables.yml", WEB_LOGS, WEB_LOGS.replace("90 days", "180 days"))
    copy.commit("Keep web access logs for 180 days", SECOND)
    after = histories(copy)

    for name in DOCS:
        h = after[name]
        assert len(h.versions) == 2, name
        old, new = h.versions[0].rendered, h.versions[1].rendered
        assert "180 days" in new.text and "180 days" not in old.text, name
        assert h.last_updated == "March 2, 2026", name
        assert not h.draft
        changed = {k for k in new.values if old.values.get(k) != new.values[k]}
        assert (old.values["retention.web_logs"], new.values["retention.web_logs"]) == (
            "90 days", "180 days"), name
        if name == "california-privacy-notice":
            # The table reaches the period through a ref: it depends on both.
            assert changed == {"privacy_data.categories", "retention.web_logs"}
        else:
            assert changed == {"retention.web_logs"}, name


def test_each_redline_reports_the_variable_change(copy: Repo) -> None:
    copy.replace("policy_src/variables.yml", WEB_LOGS, WEB_LOGS.replace("90 days", "180 days"))
    copy.commit("Keep web access logs for 180 days", SECOND)
    for name, h in histories(copy).items():
        old, new = h.versions[0].rendered, h.versions[1].rendered
        changes = diff_documents(old, new).changes
        notes = [note for c in changes for note in c.variables]
        assert changes and all(c.variables for c in changes), (name, changes)
        assert set(notes) == {"retention.web_logs: 90 days → 180 days"}, name


def test_an_edit_reaches_only_the_documents_that_state_the_fact(copy: Repo) -> None:
    # The DPF arbitration link is in the statement and the EU summary, not the California notice.
    copy.replace("policy_src/variables.yml", "ANNEX-I-introduction-dpf", "ANNEX-I-dpf")
    copy.commit("New address of the DPF Annex I page", SECOND)
    # The shared list of recipients is in both summaries, not in the statement.
    copy.replace("policy_src/_shared/recipients.md", "reduce credit risk", "lower credit risk")
    copy.commit("Plainer words for payment processors", "2026-04-01T12:00:00+00:00")
    dates = {n: [v.display_date for v in h.versions] for n, h in histories(copy).items()}
    assert dates == {
        "privacy": ["September 2024", "March 2, 2026"],
        "eu-privacy-summary": ["January 10, 2026", "March 2, 2026", "April 1, 2026"],
        "california-privacy-notice": ["January 10, 2026", "April 1, 2026"],
    }
