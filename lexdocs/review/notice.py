"""Change log, effective dates and the notice period.

A material change to a privacy statement must reach users before it applies.
So every version gets a redline from the one before, its materiality decides
whether a plain-language summary and an effective date at least the notice
period after publication are required, and a version whose effective date
is still ahead is "Upcoming" while the one in force stays current.

The change log (`<doc>/changes.yml`) is a list of entries. An entry
describes the version that was newest when the entry first appeared in the
history (so it can be written in the same commit as the edit, or later), or
the version named by its optional `version:` key.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Any, Literal

from lexdocs.errors import SourceError
from lexdocs.findings import Finding
from lexdocs.history.versions import CHANGES_FILE, History, Version
from lexdocs.review.redline import Override, Redline, diff_documents
from lexdocs.sources.documents import format_date
from lexdocs.sources.yamlsrc import load_yaml

Status = Literal["current", "upcoming", "superseded"]
_KEYS = {"summary", "effective", "version", "material", "reason", "sections"}


@dataclass(frozen=True)
class Entry:
    """One change-log entry, with where it was written."""

    summary: str
    effective: dt.date | None
    version: str | None
    overrides: tuple[Override, ...]
    path: str
    line: int

    @property
    def key(self) -> str:
        """Identity across commits: the pinned version, else the summary's words."""
        return self.version or " ".join(self.summary.split())


@dataclass(frozen=True)
class Review:
    """A recorded legal review that found nothing to change (`- reviewed: YYYY-MM-DD`).

    Some notices must be brought up to date every year (CCPA §1798.130(a)(5)); a
    review that changes nothing should not need a cosmetic edit and a new version.
    It never moves "Last Updated": the page shows it as "Last reviewed".
    """

    date: dt.date
    note: str
    path: str
    line: int


@dataclass(frozen=True)
class VersionNotice:
    """A version with its change-log entry, its redline and the date it takes effect."""

    version: Version
    entry: Entry | None
    redline: Redline | None
    effective: dt.date

    @property
    def material(self) -> bool:
        return bool(self.redline and self.redline.material)

    @property
    def summary(self) -> str:
        return self.entry.summary if self.entry else ""

    def effective_display(self) -> str:
        """The effective date as the document prints dates; a first version that took
        effect with a month-precision baseline stays a month ("September 2024")."""
        v = self.version
        baseline = v.source.baseline
        if v.from_baseline and baseline and not (self.entry and self.entry.effective):
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

    def last_reviewed(self, today: dt.date) -> dt.date | None:
        """The latest review up to `today` that is later than the version in force."""
        current = self.current(today)
        since = current.version.date if current else None
        dates = [r.date for r in self.reviews
                 if r.date <= today and (since is None or r.date > since)]
        return max(dates, default=None)

    def current(self, today: dt.date) -> VersionNotice | None:
        """The newest version in force on `today`."""
        live = [n for n in self.notices if n.effective <= today]
        return live[-1] if live else None

    def upcoming(self, today: dt.date) -> list[VersionNotice]:
        """Published versions that take effect after `today`."""
        return [n for n in self.notices if n.effective > today]

    def status(self, n: VersionNotice, today: dt.date) -> Status:
        """What `n` is on `today`: the one place pages, versions.json and the CLI ask."""
        if n.effective > today:
            return "upcoming"
        return "current" if n is self.current(today) else "superseded"

    def previous(self, n: VersionNotice) -> VersionNotice | None:
        """The version `n` replaced, the other side of its redline."""
        i = self.notices.index(n)
        return self.notices[i - 1] if i > 0 else None


def build_date(tz: dt.tzinfo) -> dt.date:
    """Today in the site's zone; SOURCE_DATE_EPOCH makes a build reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz).date()
    return dt.datetime.now(tz).date()


def parse_log(text: str | None, path: str) -> list[Entry]:
    """The change log's entries; a malformed entry is a SourceError with its line."""
    return [e for e in read_log(text, path) if isinstance(e, Entry)]


def read_log(text: str | None, path: str) -> list[Entry | Review]:
    """Every item of a change log: entries for versions, and recorded reviews."""
    if text is None:
        return []
    data, lines = load_yaml(text, path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise SourceError("the change log must be a list of entries", path=path, line=1,
                          hint="start each entry with '- summary: ...'")
    return [_entry(item, i, lines, path) for i, item in enumerate(data)]


def _review(item: dict[str, Any], i: int, lines: dict[Any, int], path: str) -> Review:
    line = lines.get((i,), 1)
    unknown = sorted(set(item) - {"reviewed", "note"})
    if unknown:
        raise SourceError(f"unknown key '{unknown[0]}' in a review", path=path,
                          line=lines.get((i, unknown[0]), line),
                          hint="a review has only 'reviewed: YYYY-MM-DD' and 'note: ...'")
    day = item["reviewed"]
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise SourceError(f"reviewed '{day}' is not a date", path=path,
                          line=lines.get((i, "reviewed"), line), hint="write YYYY-MM-DD")
    return Review(date=day, note=" ".join(str(item.get("note") or "").split()), path=path,
                  line=line)


def _entry(item: Any, i: int, lines: dict[Any, int], path: str) -> Entry | Review:
    line = lines.get((i,), 1)
    if not isinstance(item, dict):
        raise SourceError("an entry must have keys", path=path, line=line,
                          hint="write '- summary: ...' and 'effective: YYYY-MM-DD'")
    if "reviewed" in item:
        return _review(item, i, lines, path)
    unknown = sorted(set(item) - _KEYS)
    if unknown:
        raise SourceError(f"unknown key '{unknown[0]}'", path=path,
                          line=lines.get((i, unknown[0]), line),
                          hint=f"allowed: {', '.join(sorted(_KEYS))}")
    summary = item.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise SourceError("the entry has no summary", path=path, line=line,
                          hint="add 'summary: ...' in plain language for readers")
    effective = item.get("effective")
    if effective is not None and (not isinstance(effective, dt.date)
                                  or isinstance(effective, dt.datetime)):
        raise SourceError(f"effective '{effective}' is not a date", path=path,
                          line=lines.get((i, "effective"), line), hint="write YYYY-MM-DD")
    version = item.get("version")
    if version is not None:
        version = str(version)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(-\d+)?", version):
            raise SourceError(f"version '{version}' is not a version id", path=path,
                              line=lines.get((i, "version"), line),
                              hint="ids look like 2025-01-15 (see 'lexdocs versions')")
    overrides = []
    if "material" in item:
        overrides.append(_override(None, item, (i,), lines, path))
    for j, sec in enumerate(item.get("sections") or []):
        if not isinstance(sec, dict) or not isinstance(sec.get("section"), str):
            raise SourceError("a section override needs 'section: <id>'", path=path,
                              line=lines.get((i, "sections", j), line))
        overrides.append(_override(sec["section"], sec, (i, "sections", j), lines, path))
    return Entry(summary=" ".join(summary.split()), effective=effective, version=version,
                 overrides=tuple(overrides), path=path, line=line)


def _override(section: str | None, item: dict[str, Any], key: tuple[Any, ...],
              lines: dict[Any, int], path: str) -> Override:
    line = lines.get(key, 1)
    material = item.get("material")
    if not isinstance(material, bool):
        raise SourceError("material must be true or false", path=path,
                          line=lines.get((*key, "material"), line), hint="write true or false")
    reason = item.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise SourceError("overriding materiality needs a written reason", path=path,
                          line=lines.get((*key, "material"), line),
                          hint="add 'reason: ...' saying why, for the legal reviewer")
    return Override(section=section, material=material, reason=" ".join(reason.split()),
                    path=path, line=line)


def _bind(history: History, entries: list[Entry], path: str,
          findings: list[Finding]) -> tuple[dict[int, Entry], Entry | None]:
    """Entries by version number; and the entry that describes the draft, if any."""
    first_seen: dict[str, int] = {}
    for snap in history.logs:
        try:
            old = parse_log(snap.text, path)
        except SourceError:
            continue  # a log that was malformed then published nothing
        for e in old:
            first_seen.setdefault(e.key, snap.version)
    ids = {v.id: v.number for v in history.versions}
    bound: dict[int, Entry] = {}
    draft_entry = None
    for e in entries:
        if e.version is not None:
            number = ids.get(e.version, 0)
        elif e.key in first_seen:
            number = first_seen[e.key]
        elif history.draft:
            draft_entry = e
            continue
        else:
            number = len(history.versions)
        if number == 0:
            findings.append(Finding("notice-orphan", "error",
                                    f"this entry matches no version of {history.name}",
                                    path=e.path, line=e.line))
        elif number in bound:
            findings.append(Finding(
                "notice-duplicate", "error",
                f"two entries describe version {history.versions[number - 1].id} "
                f"(the other is on line {bound[number].line})", path=e.path, line=e.line))
        else:
            bound[number] = e
    return bound, draft_entry


def build_timeline(history: History, notice_days: int, today: dt.date) -> Timeline:
    """Redline every version against the one before and apply the notice rules."""
    root = history.source.path.rsplit("/", 1)[0]
    path = f"{root}/{CHANGES_FILE}"
    findings: list[Finding] = []
    items = read_log(history.working_log, path)
    entries = [e for e in items if isinstance(e, Entry)]
    reviews = tuple(r for r in items if isinstance(r, Review))
    for r in reviews:
        if r.date > today:
            findings.append(Finding("notice-review-future", "error",
                                    f"{history.name}: a review dated {r.date} is in the future",
                                    path=r.path, line=r.line))
    bound, draft_entry = _bind(history, entries, path, findings)
    days = history.source.notice_days if history.source.notice_days is not None else notice_days
    published_slugs = {v.source.slug for v in history.versions}
    if published_slugs - {history.source.slug}:
        findings.append(Finding(
            "permanent-url", "error",
            f"{history.name}: slug '{history.source.slug}' would move the permanent pages of "
            f"versions published under '{sorted(published_slugs)[0]}'; keep the published slug",
            path=history.source.path))
    notices = []
    previous = None
    for v in history.versions:
        entry = bound.get(v.number)
        redline = None
        if previous is not None:
            redline = diff_documents(previous.rendered, v.rendered,
                                     entry.overrides if entry else ())
        effective = _gate(history.name, v.id, v.published.date(), redline, entry, days,
                          path, findings, draft=False)
        notices.append(VersionNotice(v, entry, redline, effective or v.date))
        previous = v
    draft = None
    if history.draft:
        old = history.versions[-1].rendered if history.versions else None
        draft = diff_documents(old, history.working, draft_entry.overrides if draft_entry else ())
        if old is not None:
            _gate(history.name, "draft", today, draft, draft_entry, days, path,
                  findings, draft=True)
    return Timeline(history, tuple(notices), draft, tuple(findings), reviews)


def _gate(doc: str, vid: str, published: dt.date, redline: Redline | None,
          entry: Entry | None, days: int, path: str, findings: list[Finding],
          draft: bool) -> dt.date | None:
    """The effective date, after checking the rules that protect readers."""
    label = "the uncommitted draft" if draft else f"version {vid}"

    def report(rule: str, message: str) -> None:
        findings.append(Finding(rule, "error", f"{doc}: {label} {message}", path=path,
                                line=entry.line if entry else None, draft=draft))

    if entry and entry.effective and entry.effective < published:
        report("notice-retroactive",
               f"takes effect {entry.effective}, before it was published on {published}")
    if redline is None or not redline.material:
        return entry.effective if entry else None
    first = next((c for c in redline.changes if c.material), None)
    if first:
        why = first.reason.removeprefix("Material:").strip().rstrip(".")
        what = f"section '{first.section_id}' ({why})"
    else:
        what = "the text"
    earliest = published + dt.timedelta(days=days)
    if entry is None:
        report("notice-summary",
               f"is a material change in {what} but has no summary; add an entry with a "
               f"plain-language summary and 'effective: {earliest}' or later")
        return earliest
    if entry.effective is None:
        report("notice-effective", f"is a material change in {what} but has no effective "
               f"date; add 'effective: {earliest}' or later")
        return earliest
    if entry.effective < earliest:
        report("notice-period",
               f"is a material change in {what} that takes effect {entry.effective}, "
               f"{(entry.effective - published).days} days after it is published; the "
               f"notice period is {days} days (write 'effective: {earliest}' or later)")
    return entry.effective
