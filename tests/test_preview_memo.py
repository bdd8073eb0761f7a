"""A preview's memo never shows a page a build would not show.

Under `mkdocs serve` the page builder takes last build's page wherever its inputs
are equal (`lexdocs.publish.memo.RenderMemo`). Here one memo lives through a
series of saves and days, and after each one every page it gives is compared
with a build that keeps nothing.
"""

from __future__ import annotations

import datetime as dt

from lexdocs.config import load_options
from lexdocs.pipeline import load_timelines
from lexdocs.publish.memo import RenderMemo
from lexdocs.publish.pages import SiteBuilder
from tests.conftest import Repo

LOG = "policy_src/privacy/changes.yml"


def _pages(project: Repo, today: dt.date, memo: RenderMemo | None) -> dict[str, object]:
    opts = load_options(project.path)
    timelines = load_timelines(opts, today)
    return {p.uri: p.content for p in SiteBuilder(opts, timelines, today, None, memo).build()}


def test_kept_pages_follow_every_change_a_build_would_show(project: Repo) -> None:
    project.replace("policy_src/variables.yml", "90 days", "180 days")
    project.write(LOG, "- summary: Logs are kept longer.\n  effective: 2025-02-14\n")
    project.commit("Keep logs longer", "2025-01-15T10:00:00+00:00")
    memo = RenderMemo()
    upcoming, in_force = dt.date(2025, 1, 20), dt.date(2025, 2, 20)
    steps = [
        ("first preview", upcoming, None),
        ("a save that changes nothing", upcoming, None),
        ("the day the new version takes effect", in_force, None),
        ("the summary reworded", in_force,
         (LOG, "Logs are kept longer.", "We keep logs for longer.")),
        ("the document renamed", in_force,
         ("policy_src/privacy/document.yml", "Privacy Statement", "Privacy Notice")),
        ("a draft edit", in_force,
         ("policy_src/privacy/10-intro.md", "personal information.",
          "personal information, and why.")),
    ]
    seen: list[dict[str, object]] = []
    for what, today, edit in steps:
        if edit is not None:
            project.replace(*edit)
        kept = _pages(project, today, memo)
        assert kept == _pages(project, today, None), f"after {what}"
        seen.append(kept)
    assert memo.hits > 0, "the memo was used at all"
    version_page = "privacy/versions/2025-01-15/index.md"
    assert seen[1][version_page] is seen[0][version_page], "an unchanged page is last build's"
    assert "Upcoming" in str(seen[0][version_page]) or "upcoming" in str(seen[0][version_page])
    assert seen[2][version_page] != seen[1][version_page], "its status changed that day"
    changes = next(u for u in seen[3] if "/changes/" in u)
    assert "We keep logs for longer." in str(seen[3][changes])
    assert "Privacy Notice" in str(seen[4][changes])
