"""Change log, effective dates and the notice period.

A material change to a privacy statement must reach users before it applies.
So every version gets a redline from the one before, its materiality decides
whether a plain-language summary and an effective date at least the notice
period after publication are required, and a version whose effective date
is still ahead is "Upcoming" while the one in force stays current.

The change log (`<doc>/changes.yml`, read by `sources.changelog`) is a list of
entries. An entry describes the version that was newest when the entry first
appeared in the history (so it can be written in the same commit as the edit,
or later), or the version named by its optional `version:` key.

Invariants (README, "Notice invariants"), each enforced here:

1. Effective dates never go backwards along a document's history: a version
   is built on the text before it, so it takes effect no earlier than that
   text (a typo fix after an upcoming material change cannot carry it into
   force early).
2. Versions made by one commit in several documents take effect together, on
   the latest of their dates, unless an entry gives `effective_reason:`.
3. Versions before the document's `adopted:` day are not judged by the gate, and
   get no effective date it would have invented (a notice period after each).
4. A version that is not material restates the terms in force: it keeps their
   effective date (its Last Updated moves, Effective does not), unless its
   change-log entry gives `effective:`.

What it decides is a `review.timeline.Timeline`, which every later step asks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from lexdocs.errors import SourceError
from lexdocs.findings import Finding
from lexdocs.history.versions import DRAFT_LABEL, History, LogSnapshot, Version
from lexdocs.recall import Recall
from lexdocs.render.templates import PAGE_VERSION, RenderedDocument
from lexdocs.review.memo import RedlineMemo
from lexdocs.review.pagedates import bind_dates, bind_plain, marked
from lexdocs.review.redline import Override, Redline, diff_documents
from lexdocs.review.timeline import Status, Timeline, VersionNotice, build_date, describe
from lexdocs.sources.changelog import (
    Entry,
    Review,
    changes_path,
    parse_log,
    read_log,
)

__all__ = ["Entry", "Review", "Status", "Timeline", "VersionNotice", "align_shared",
           "build_date", "build_timeline", "describe", "overrides_of", "parse_log", "read_log",
           "redline_between"]


def overrides_of(entry: Entry | None) -> tuple[Override, ...]:
    """The change log's materiality decisions, as the redline applies them."""
    if entry is None:
        return ()
    return tuple(Override(section=d.section, material=d.material, reason=d.reason,
                          path=d.path, line=d.line) for d in entry.overrides)


def redline_between(t: Timeline, old: str, new: str, home: str = "") -> Redline:
    """The redline from version `old` to `new` (ids, or "working"; `old` may be "none")
    as the build makes it, for `lexdocs diff`: the one the build published when `new`
    follows `old`, else the two canonical texts compared with the markers of stated
    dates in place, as the build compares them. Comparing texts with their dates put in
    would call every version "a date changed" that the build calls a link fix.
    """
    by_id = {n.version.id: n for n in t.notices}
    after = by_id.get(new)
    if after is not None and after.redline is not None and old != "none" \
            and (before := t.previous(after)) is not None and before.version.id == old:
        return after.redline
    raw = {v.id: v.rendered for v in t.history.versions}
    working = t.canonical or t.history.working

    def text(vid: str) -> RenderedDocument | None:
        return None if vid == "none" else working if vid == "working" else raw[vid]

    redline = diff_documents(text(old), text(new) or working,
                             overrides_of(after.entry if after else None), home)
    if after is not None:
        updated, effective = after.version.display_date, after.effective_display()
    elif t.history.draft or not t.notices:
        updated, effective = DRAFT_LABEL, "not yet set (draft)"
    else:
        updated, effective = t.notices[-1].version.display_date, t.notices[-1].effective_display()
    return bind_plain(redline, {PAGE_VERSION["last_updated"]: updated,
                                PAGE_VERSION["effective"]: effective})


def _bind(history: Committed, entries: list[Entry], path: str,
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


@dataclass(frozen=True)
class Committed:
    """Everything the notice rules judge a document's committed versions by: the
    working tree's change log and declared rules, and whether a draft is pending (an
    entry added with it describes the draft). Only these; so a preview rebuild that
    finds them equal takes last build's verdicts (`lexdocs.recall`)."""

    name: str
    versions: tuple[Version, ...]
    logs: tuple[LogSnapshot, ...]
    working_log: str | None
    draft: bool
    path: str
    notice_days: int | None
    adopted: dt.date | None
    """The `adopted:` day as the working tree declares it: adoption is a fact about the
    project today, so a commit from before the key existed does not undo it."""
    slug: str

    @classmethod
    def of(cls, h: History) -> Committed:
        s = h.source
        return cls(h.name, h.versions, h.logs, h.working_log, h.draft, s.path, s.notice_days,
                   s.adopted, s.slug)


@dataclass(frozen=True)
class _Judged:
    """The committed versions' notices (invariant 1 applied, dates not yet printed)."""

    notices: tuple[VersionNotice, ...]
    findings: tuple[Finding, ...]
    reviews: tuple[Review, ...]
    draft_entry: Entry | None
    days: int
    path: str


def build_timeline(history: History, notice_days: int, today: dt.date,
                   home: str = "", memo: RedlineMemo | None = None,
                   recall: Recall | None = None) -> Timeline:
    """Redline every version against the one before and apply the notice rules.

    `home` is the site's own address (MkDocs `site_url`): a link moved to it is a link
    within the site, not to another organisation. With `recall` (a preview session),
    a save that left the committed side equal costs only the draft's redline."""
    recall = recall or Recall()
    memo = memo or RedlineMemo()  # in memory only: the caller keeps none
    c = Committed.of(history)
    judged = recall.same(("timeline", history.name), (c, notice_days, today, home),
                         lambda: _judge(c, notice_days, today, home, memo))
    findings = list(judged.findings)
    draft = None
    if history.draft:
        old = history.versions[-1].rendered if history.versions else None
        draft = memo.diff(old, history.working, overrides_of(judged.draft_entry), home,
                          keep=False)
        if old is not None:
            _gate(history.name, "draft", today, draft, judged.draft_entry, judged.days,
                  judged.path, findings, draft=True)
    return _dated(Timeline(history, (), draft, tuple(findings), judged.reviews,
                           canonical=history.working), judged.notices, recall, "own")


def _judge(c: Committed, notice_days: int, today: dt.date, home: str,
           memo: RedlineMemo) -> _Judged:
    """The committed versions' redlines, effective dates and findings."""
    root = c.path.rsplit("/", 2)[0]
    path = changes_path(root, c.name)
    findings: list[Finding] = []
    items = read_log(c.working_log, path)
    entries = [e for e in items if isinstance(e, Entry)]
    reviews = tuple(r for r in items if isinstance(r, Review))
    for r in reviews:
        if r.date > today:
            findings.append(Finding("notice-review-future", "error",
                                    f"{c.name}: a review dated {r.date} is in the future",
                                    path=r.path, line=r.line))
    bound, draft_entry = _bind(c, entries, path, findings)
    days = c.notice_days if c.notice_days is not None else notice_days
    published_slugs = {v.source.slug for v in c.versions}
    if published_slugs - {c.slug}:
        findings.append(Finding(
            "permanent-url", "error",
            f"{c.name}: slug '{c.slug}' would move the permanent pages of "
            f"versions published under '{sorted(published_slugs)[0]}'; keep the published slug",
            path=c.path))
    notices: list[VersionNotice] = []
    previous = None
    for v in c.versions:
        entry = bound.get(v.number)
        redline = None
        if previous is not None:
            redline = memo.diff(previous.rendered, v.rendered, overrides_of(entry), home)
        _dating(c.name, v, today, findings)
        judged = c.adopted is None or v.published.date() >= c.adopted
        effective = _gate(c.name, v.id, v.published.date(), redline, entry, days,
                          path, findings if judged else [], draft=False)
        if not judged:  # the old process set its own dates: invent no notice period for it
            effective = entry.effective if entry else None
        if effective is None and notices and not (redline and redline.material) \
                and notices[-1].effective <= v.date:
            effective = notices[-1].effective  # invariant 4: it restates the terms in force
        notices.append(VersionNotice(v, entry, redline, effective or v.date, judged=judged))
        previous = v
    return _Judged(tuple(_inherit(notices)), tuple(findings), reviews, draft_entry, days, path)


def _dated(t: Timeline, notices: tuple[VersionNotice, ...], recall: Recall,
           stage: str) -> Timeline:
    """`t` with `notices`, each version's text with its final dates (made from the
    canonical texts), and the working text with the dates of the version it equals,
    or the draft's."""
    versions = t.history.versions
    dated = recall.same(("dated", t.history.name, stage), (versions, notices),
                        lambda: _date_notices(versions, notices))
    canonical = t.canonical or t.history.working
    if t.history.draft or not dated:
        working = bind_dates(canonical, DRAFT_LABEL, "not yet set (draft)")
    else:
        working = bind_dates(canonical, dated[-1].version.display_date,
                             dated[-1].effective_display())
    return replace(t, history=replace(t.history, working=working), notices=dated)


def _date_notices(versions: tuple[Version, ...], notices: tuple[VersionNotice, ...]
                  ) -> tuple[VersionNotice, ...]:
    raw = {v.number: v.rendered for v in versions}
    with_marks = {number for number, doc in raw.items() if marked(doc)}
    return tuple(replace(
        n, version=replace(n.version, rendered=bind_dates(
            raw[n.version.number], n.version.display_date, n.effective_display())),
        redline=n.redline if not {n.version.number, n.version.number - 1} & with_marks
        else bind_plain(n.redline, {PAGE_VERSION["last_updated"]: n.version.display_date,
                                     PAGE_VERSION["effective"]: n.effective_display()}))
        for n in notices)


def _dating(doc: str, v: Version, today: dt.date, findings: list[Finding]) -> None:
    """Say what was done with a commit date that cannot be the day the text was published."""
    where = f"{doc}: version {v.id} (commit {v.commit.sha[:10]})"
    if v.commit_date is not None:
        findings.append(Finding(
            "notice-backdated", "warning",
            f"{where} is dated {v.commit_date.date()}, before the commit it follows; it is "
            f"dated {v.published.date()}, when the text before it was published",
            path=v.source.path))
    if v.published.date() > today:
        findings.append(Finding(
            "notice-future-commit", "error",
            f"{where} is dated {v.published.date()}, after today ({today}): its id and "
            "'Last Updated' would be a day that has not come",
            path=v.source.path))


def _inherit(notices: list[VersionNotice]) -> list[VersionNotice]:
    """Invariant 1: a version takes effect no earlier than the version it was built on.

    A version contains (or was edited from) the text before it; if that text is
    still upcoming, a later typo fix, title change or reordering must not put it
    in force early.
    """
    out: list[VersionNotice] = []
    for n in notices:
        before = out[-1] if out else None
        if before is not None and before.effective > n.effective:
            n = replace(n, effective=before.effective, raised=(
                f"it builds on version {before.version.id}, which takes effect "
                f"{before.effective}"))
        out.append(n)
    return out


def align_shared(timelines: dict[str, Timeline], recall: Recall | None = None
                 ) -> dict[str, Timeline]:
    """Invariant 2: versions one commit made in several documents take effect together.

    A summary or a regional notice made by the same commit as the statement it
    restates (a shared variable or include) must not take effect before it. So
    all versions of one commit get the latest effective date among them, unless
    a version's entry gives `effective_reason:`; then invariant 1 is applied
    again. A historical first version dated by a declared baseline keeps its date.
    """
    recall = recall or Recall()
    inputs = tuple((name, t.history.versions, t.notices) for name, t in timelines.items())
    aligned = recall.same(("aligned",), inputs,
                          lambda: _align({name: t.notices for name, t in timelines.items()}))
    return {name: _dated(t, aligned[name], recall, "aligned") for name, t in timelines.items()}


def _align(given: dict[str, tuple[VersionNotice, ...]]) -> dict[str, tuple[VersionNotice, ...]]:
    notices = {name: list(ns) for name, ns in given.items()}
    for _ in range(len(notices) + 1):
        groups: dict[str, list[tuple[str, int]]] = {}
        for name, ns in notices.items():
            for i, n in enumerate(ns):
                groups.setdefault(n.version.commit.sha, []).append((name, i))
        changed = False
        for members in groups.values():
            if len(members) < 2:
                continue
            latest = max(notices[d][i].effective for d, i in members)
            for d, i in members:
                n = notices[d][i]
                alone = n.entry is not None and bool(n.entry.effective_reason)
                baseline = n.version.from_baseline and n.version.source.baseline is not None
                if n.effective < latest and not alone and not baseline:
                    lead = next(f"{o} version {notices[o][j].version.id}" for o, j in members
                                if notices[o][j].effective == latest)
                    notices[d][i] = replace(n, effective=latest, raised=(
                        f"it was published together with {lead}, which takes effect {latest}"))
                    changed = True
        for name in notices:
            notices[name] = _inherit(notices[name])
        if not changed:
            break
    by_commit: dict[str, list[tuple[str, str]]] = {}  # one pass, not one per version
    for o, oms in notices.items():
        for m in oms:
            by_commit.setdefault(m.version.commit.sha, []).append((o, m.version.id))
    return {name: tuple(replace(n, together=tuple(
        (o, vid) for o, vid in by_commit[n.version.commit.sha] if o != name))
        for n in ns) for name, ns in notices.items()}


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
