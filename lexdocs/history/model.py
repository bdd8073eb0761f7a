"""What history yields: each version of a document, when it reached the branch and the
id it is cited by, and the history of one document around them.

Review, checks and publish work with these values on every build and preview; how they
are read from git (`versions`: the log walked, each commit rendered, the renders kept)
is a concern of its own, with git, the renderer and the kept renders behind it. The
rules that date a version and name it are here, beside the version they date: a
commit's date is only what its committer's clock said, and a published id never moves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from lexdocs.history.gitstore import Commit
from lexdocs.render.templates import RenderedDocument
from lexdocs.sources.documents import DocumentSource, format_date
from lexdocs.sources.snapshot import Snapshot

DRAFT_LABEL = "Draft — not published"


@dataclass(frozen=True)
class Version:
    """One distinct published text, from the commit that published it."""

    number: int
    id: str
    commit: Commit
    published: dt.datetime
    source: DocumentSource
    rendered: RenderedDocument
    from_baseline: bool
    commit_date: dt.datetime | None = None
    """The commit's own date when it is earlier than `published`: the commit claims a
    day before the text it builds on reached the branch (back-dated, rebased or
    fast-forwarded), so it is dated no earlier than the commit before it."""
    site_notice_days: int | None = None
    """The site's `notice_days` as this commit's mkdocs.yml declared it (None: not
    readable there): a later version is judged by it, never by its own."""
    record_required: bool = False
    """True if this commit's mkdocs.yml said `record: required`: once said, a build
    without the publication record is refused."""
    site_home: str | None = None
    """The organisation's own addresses and names (site_url, own_domains, own_names) as
    this commit's mkdocs.yml declared them (None: not readable there): like
    `site_notice_days`, they judge the versions after it, never this one."""

    @property
    def date(self) -> dt.date:
        """The Last Updated date: the declared baseline for the first text, else the commit's."""
        if self.from_baseline and self.source.baseline:
            return self.source.baseline.date
        return self.published.date()

    @property
    def display_date(self) -> str:
        """The date as the document prints it; a month-precision baseline stays a month."""
        if self.from_baseline and self.source.baseline:
            return self.source.baseline.display()
        return format_date(self.published.date(), self.source.date_format)


@dataclass(frozen=True)
class LogSnapshot:
    """The change log as it stood from one commit on, and the version current then.

    `notice` binds each summary to the version it describes from these,
    without running git itself.
    """

    version: int
    text: str | None


@dataclass(frozen=True)
class History:
    """Every version of one document, plus what the working tree would publish now."""

    name: str
    versions: tuple[Version, ...]
    working: RenderedDocument
    source: DocumentSource
    logs: tuple[LogSnapshot, ...] = ()
    working_log: str | None = None
    sources: Snapshot | None = None
    """The working tree's snapshot, shared by all documents: checks read it, not the disk."""

    @property
    def draft(self) -> bool:
        """True when uncommitted edits change what a reader would see."""
        if not self.versions:
            return True
        return self.versions[-1].rendered.fingerprint != self.working.fingerprint

    @property
    def last_updated(self) -> str:
        """The stamp of the newest published text (its `Version.date`); never a date for
        text that no commit has published. What readers see on a given day is
        `Timeline.last_updated`: the same definition, applied to the version in force."""
        return DRAFT_LABEL if self.draft else self.versions[-1].display_date


def publication_dates(commits: list[Commit], tz: ZoneInfo) -> list[dt.datetime]:
    """When each first-parent commit reached the branch, in history order.

    A committer date is only what the committer's clock (or a rebase, or a
    fast-forward of old commits) says. Text cannot have been published before
    the text it was built on, so a date that goes backwards is raised to the
    latest date before it: a back-dated commit never becomes the version in
    force ahead of newer text, and its id never sorts before its parent's.
    """
    out: list[dt.datetime] = []
    latest: dt.datetime | None = None
    for commit in commits:
        own = committed_at(commit, tz)
        latest = own if latest is None or own > latest else latest
        out.append(latest)
    return out


def committed_at(commit: Commit, tz: ZoneInfo) -> dt.datetime:
    """The commit's date in the site's zone; a date no calendar can hold (git takes any
    number) is the first or last moment one can, so it is reported as a commit dated in
    the future, not a crash."""
    try:
        return dt.datetime.fromtimestamp(commit.committed, tz)
    except (OverflowError, ValueError, OSError):
        edge = dt.datetime.max if commit.committed > 0 else dt.datetime.min
        return (edge - dt.timedelta(days=2) if commit.committed > 0
                else edge + dt.timedelta(days=2)).replace(tzinfo=tz)


def _next_id(day: dt.date, earlier: list[Version]) -> str:
    """`YYYY-MM-DD`, then `-2`, `-3` for more versions that day; earlier ids never move."""
    base = day.isoformat()
    taken = {v.id for v in earlier}
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
