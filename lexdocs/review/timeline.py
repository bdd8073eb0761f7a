"""A document's versions as readers see them on a given day: what the notice rules decided.

`review.notice` makes a `Timeline` (redlines, effective dates, findings);
everything downstream (pages, versions.json, feeds, the CLI, the checks) asks
it the same questions, so "current", "upcoming" and "Last Updated" have one
definition each.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any, Literal

from lexdocs.findings import Finding
from lexdocs.history.versions import History, Version
from lexdocs.render.templates import RenderedDocument
from lexdocs.review.redline import Redline
from lexdocs.sources.changelog import Entry, Review
from lexdocs.sources.documents import format_date

Status = Literal["current", "upcoming", "superseded"]


@dataclass(frozen=True)
class VersionNotice:
    """A version with its change-log entry, its redline and the date it takes effect."""

    version: Version
    entry: Entry | None
    redline: Redline | None
    effective: dt.date
    raised: str = ""
    """Why `effective` is later than the version's own date, in words ("" if it is not)."""
    together: tuple[tuple[str, str], ...] = ()
    """(document, version id) of the other versions its commit made: published together."""
    judged: bool = True
    """False for a version before the document's `adopted:` day: the gate did not judge it."""
    governance: str = ""
    """What the version lowers of the declarations that judge later versions (`material:`
    flags, the notice period), in words: such a version needs notice too."""

    @property
    def material(self) -> bool:
        return bool(self.redline and self.redline.material)

    @property
    def referred(self) -> bool:
        """Whether a change in it still needs a lawyer's call (the change log has not
        answered it): shown as such, held as material by the gate."""
        return bool(self.redline and self.redline.referred)

    @property
    def call(self) -> str:
        """The version's verdict in one word: "material" when a rule (or the change log)
        found a material change, else "lawyers-call" while one waits for its answer, else
        "not-material"."""
        changes = self.redline.changes if self.redline else ()
        if any(c.material and not c.referred for c in changes):
            return "material"
        return "lawyers-call" if self.referred else "not-material"

    @property
    def notifies(self) -> bool:
        """Whether readers get a notice of it: a material change made under lexdocs. A
        version from before adoption was announced (or not) by the old process; a notice
        made now would be one whose "What changes" nobody wrote."""
        return self.material and self.judged

    @property
    def summary(self) -> str:
        return self.entry.summary if self.entry else ""

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why each change is (not) material, as the redline states it."""
        return tuple(self.redline.reasons) if self.redline else ()

    def effective_display(self) -> str:
        """The effective date as the document prints dates; a first version that took
        effect with a month-precision baseline stays a month ("September 2024")."""
        v = self.version
        baseline = v.source.baseline
        if (v.from_baseline and baseline and not (self.entry and self.entry.effective)
                and not self.raised):
            return baseline.display()
        return format_date(self.effective, v.source.date_format)


@dataclass(frozen=True)
class Timeline:
    """One document's versions as the public sees them on a given day."""

    history: History
    notices: tuple[VersionNotice, ...]
    draft: Redline | None
    findings: tuple[Finding, ...]
    reviews: tuple[Review, ...] = ()
    canonical: RenderedDocument | None = None
    """The working text before dates were put in (`history.working` has them)."""
    _in_force: dict[dt.date, VersionNotice | None] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    """`current` by day: every version's status asks it, and scanning all versions each
    time made a history page of N versions cost N². Not an init field, so `replace()`
    (new notices) starts it empty."""

    def last_reviewed(self, today: dt.date) -> dt.date | None:
        """The latest review up to `today` that is later than the version in force."""
        current = self.current(today)
        since = current.version.date if current else None
        dates = [r.date for r in self.reviews
                 if r.date <= today and (since is None or r.date > since)]
        return max(dates, default=None)

    def last_updated(self, today: dt.date) -> dt.date | None:
        """The one "Last Updated" of the document on `today`: the date of the version in
        force (None before any is). Pages, versions.json, the CLI and the checks use it
        or, per version, `Version.date`, which it is made from."""
        current = self.current(today)
        return current.version.date if current else None

    def kept_up_to_date(self, today: dt.date) -> dt.date | None:
        """The latest of "Last Updated" and a later recorded review: what a rule that
        wants a notice renewed every year (`ccpa-stale`) judges."""
        updated = self.last_updated(today)
        reviewed = self.last_reviewed(today)
        if updated is None:
            return reviewed
        return max(updated, reviewed or updated)

    def current(self, today: dt.date) -> VersionNotice | None:
        """The newest version in force on `today`."""
        if today not in self._in_force:
            live = [n for n in self.notices if n.effective <= today]
            self._in_force[today] = live[-1] if live else None
        return self._in_force[today]

    def upcoming(self, today: dt.date) -> list[VersionNotice]:
        """Published versions that take effect after `today`."""
        return [n for n in self.notices if n.effective > today]

    def status(self, n: VersionNotice, today: dt.date) -> Status:
        """What `n` is on `today`: the one place pages, versions.json and the CLI ask."""
        if n.effective > today:
            return "upcoming"
        return "current" if n is self.current(today) else "superseded"

    def previous(self, n: VersionNotice) -> VersionNotice | None:
        """The version `n` replaced, the other side of its redline.

        Found by the version's number (its place in history), checked by identity:
        `tuple.index` compares whole notices field by field, which made every page of a
        long history pay for every other one."""
        i = n.version.number - 1
        if not (0 <= i < len(self.notices) and self.notices[i] is n):
            i = next(k for k, m in enumerate(self.notices) if m is n or m == n)
        return self.notices[i - 1] if i > 0 else None


def describe(t: Timeline, n: VersionNotice, today: dt.date) -> dict[str, Any]:
    """One version as `lexdocs versions --format json` lists it: the same dates, status
    and reasons the pages and versions.json show, from the same definitions."""
    v = n.version
    return {
        "id": v.id,
        "last_updated": v.date.isoformat(),
        "effective": n.effective.isoformat(),
        "status": t.status(n, today),
        "first": t.previous(n) is None,
        "material": n.material,
        "lawyers_call": n.referred,
        "commit": v.commit.sha,
        "published_at": v.published.isoformat(),
        "commit_date": v.commit_date.isoformat() if v.commit_date else None,
        "summary": n.summary,
        "reasons": list(n.reasons),
        "effective_raised": n.raised or None,
        "published_together": [{"document": d, "id": i} for d, i in n.together],
        "notice_judged": n.judged,
        "governance": n.governance or None,
    }


def build_date(tz: dt.tzinfo) -> dt.date:
    """Today in the site's zone; SOURCE_DATE_EPOCH makes a build reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz).date()
    return dt.datetime.now(tz).date()


def later(day: dt.date, days: int) -> dt.date:
    """`day` plus `days`, or the last day a date can be (a commit dated in year 9999 is
    an error of its own, reported by `dating.check_dates`; it must not crash the count)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max
