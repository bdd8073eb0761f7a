"""A preview's memo never shows a page a build would not show.

Under `mkdocs serve` the pipeline takes last build's versions and verdicts
(`lexdocs.recall`) and the page builder last build's pages wherever their inputs
are equal (`lexdocs.publish.memo.RenderMemo`). Here one session's memos live
through a series of saves, commits and days, and after each one every page they
give is compared with a build that keeps nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from lexdocs.config import load_options
from lexdocs.pipeline import Caches, load_timelines
from lexdocs.publish.memo import RenderMemo
from lexdocs.publish.pages import SiteBuilder
from lexdocs.publish.theming import Theme
from lexdocs.recall import Remembered
from lexdocs.review import notice
from tests.conftest import Repo

LOG = "policy_src/privacy/changes.yml"


def _pages(project: Repo, today: dt.date, memo: RenderMemo | None,
           caches: Caches | None = None, theme: Theme | None = None) -> dict[str, object]:
    opts = load_options(project.path)
    timelines = load_timelines(opts, today, caches)
    return {p.uri: p.content for p in SiteBuilder(opts, timelines, today, theme, memo).build()}


def test_kept_pages_follow_every_change_a_build_would_show(project: Repo) -> None:
    project.replace("policy_src/variables.yml", "90 days", "180 days")
    project.write(LOG, "- summary: Logs are kept longer.\n  effective: 2025-02-14\n")
    project.commit("Keep logs longer", "2025-01-15T10:00:00+00:00")
    memo, recall = RenderMemo(), Remembered()
    caches = Caches(recall=recall)
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
        kept = _pages(project, today, memo, caches)
        assert kept == _pages(project, today, None), f"after {what}"
        seen.append(kept)
    assert memo.hits > 0 and recall.hits > 0, "the memos were used at all"
    version_page = "privacy/versions/2025-01-15/index.md"
    assert seen[1][version_page] is seen[0][version_page], "an unchanged page is last build's"
    assert "Upcoming" in str(seen[0][version_page]) or "upcoming" in str(seen[0][version_page])
    assert seen[2][version_page] != seen[1][version_page], "its status changed that day"
    changes = next(u for u in seen[3] if "/changes/" in u)
    assert "We keep logs for longer." in str(seen[3][changes])
    assert "Privacy Notice" in str(seen[4][changes])


def test_a_commit_and_a_new_day_are_seen_through_kept_verdicts(project: Repo) -> None:
    """The versions, verdicts and archive a preview keeps answer to the commits and the
    day: a commit made during the session and the day a version takes effect change them."""
    memo, caches = RenderMemo(), Caches(recall=Remembered())
    day = dt.date(2025, 1, 20)
    first = _pages(project, day, memo, caches)
    project.replace("policy_src/variables.yml", "90 days", "180 days")
    draft = _pages(project, day, memo, caches)
    assert draft == _pages(project, day, None)
    project.write(LOG, "- summary: Logs are kept longer.\n  effective: 2025-02-14\n")
    project.commit("Keep logs longer", "2025-01-15T10:00:00+00:00")
    committed = _pages(project, day, memo, caches)
    assert committed == _pages(project, day, None)
    assert set(committed) - set(first), "the new version has pages"
    later = dt.date(2025, 2, 20)
    assert _pages(project, later, memo, caches) == _pages(project, later, None)


def test_an_override_included_by_another_is_read_again(project: Repo, tmp_path: Path) -> None:
    """A site's override may include a file of its own: editing that file changes every
    page that uses the override, although the override itself is unchanged."""
    custom = tmp_path / "overrides"
    custom.mkdir()
    original = (Path(__file__).parents[1] / "lexdocs/publish/templates/lx-version.html")
    (custom / "lx-version.html").write_text(
        '{% include "our-note.html" %}\n' + original.read_text(encoding="utf-8"),
        encoding="utf-8")
    (custom / "our-note.html").write_text("<p>Archived copy.</p>\n", encoding="utf-8")
    theme = Theme(custom_dir=custom)
    memo, caches = RenderMemo(), Caches(recall=Remembered())
    day = dt.date(2025, 1, 20)
    before = _pages(project, day, memo, caches, theme)
    page = "privacy/versions/2024-09-01/index.md"  # the baseline the fixture declares
    assert "Archived copy." in str(before[page])
    (custom / "our-note.html").write_text("<p>An old version.</p>\n", encoding="utf-8")
    after = _pages(project, day, memo, caches, theme)
    assert "An old version." in str(after[page])
    assert after == _pages(project, day, None, None, theme)


def test_saves_of_a_draft_keep_every_committed_verdict(project: Repo,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A save changes a section's text, which only the draft is made of: the committed
    versions are not judged again (at 1,000 commits, judging them again was most of a
    save), and the draft's redline is made anew."""
    judged: list[str] = []
    judge = notice._judge

    def counted(c: notice.Committed, *args: Any) -> Any:
        judged.append(c.name)
        return judge(c, *args)

    monkeypatch.setattr(notice, "_judge", counted)
    caches = Caches(recall=Remembered())
    opts = load_options(project.path)
    day = dt.date(2025, 1, 20)
    intro = "policy_src/privacy/10-intro.md"
    project.replace(intro, "personal information.", "personal information, and why.")
    first = load_timelines(opts, day, caches)["privacy"]
    assert judged.count("privacy") == 1
    project.replace(intro, "and why.", "and what for.")
    second = load_timelines(opts, day, caches)["privacy"]
    assert judged.count("privacy") == 1, "a save judged the committed versions again"
    assert second.draft is not None and second.draft is not first.draft
    assert "what for" in str(second.history.working)
    fresh = load_timelines(opts, day)["privacy"]
    assert (second.notices, second.draft, second.findings) == (
        fresh.notices, fresh.draft, fresh.findings), "the session and a build disagree"
