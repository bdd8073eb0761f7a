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
   get no effective date it would have invented (a notice period after each);
   `adopted:` names a day that has passed, and is fixed once versions are recorded.
4. A version that is not material restates the terms in force: it keeps their
   effective date (its Last Updated moves, Effective does not), unless its
   change-log entry gives `effective:`.
5. A version is judged by the declarations in force before it: a section's or a
   variable's `material:` flag, the notice period (the site's `notice_days` in
   mkdocs.yml and the document's own, which can only add to it) as its parent
   version and the version in force when it was published declared them, the more
   protective of the two. A new section has no declaration before it, so it is
   material. A version that lowers one of them is a governance change: it needs a
   summary and the notice period like a material change, and what it lowers is in
   force only once it is.
6. A version whose commit date cannot be believed (earlier than its parent's, or
   earlier than the last publication record, which does not list it) takes effect
   no earlier than the day a build first sees it (the record's effective date once
   recorded, else today) plus its notice.

What it decides is a `review.timeline.Timeline`, which every later step asks.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace

from lexdocs.errors import SourceError
from lexdocs.findings import Finding
from lexdocs.history.published import Record
from lexdocs.history.versions import DRAFT_LABEL, History, LogSnapshot, Version
from lexdocs.recall import Recall
from lexdocs.render.templates import PAGE_VERSION, RenderedDocument
from lexdocs.review import owner
from lexdocs.review.memo import RedlineMemo
from lexdocs.review.pagedates import bind_dates, bind_plain, marked
from lexdocs.review.redline import Change, Override, Redline, diff_documents
from lexdocs.review.timeline import Status, Timeline, VersionNotice, build_date, describe
from lexdocs.review.verdicts import LAWYERS_CALL
from lexdocs.sources.changelog import (
    Entry,
    Review,
    changes_path,
    parse_log,
    read_log,
)
from lexdocs.sources.documents import DocumentSource

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
    follows `old` (or its draft's, from the newest version), else the two canonical
    texts compared with the markers of stated dates in place, as the build compares
    them. Comparing texts with their dates put in would call every version "a date
    changed" that the build calls a link fix.
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

    older, newer = text(old), text(new) or working
    last = t.history.versions[-1].id if t.history.versions else None
    if new == "working" and old == last and t.draft is not None:
        redline = t.draft  # the build's own: its change-log entry, flags and addresses
    else:
        if older is not None:  # judged by the declarations before it, as the build judges
            newer = as_judged(newer, older, older)
            home = owner.declared(next((v.site_home for v in t.history.versions
                                        if v.id == old), None), home)
        redline = diff_documents(older, newer, overrides_of(after.entry if after else None),
                                 home)
    if after is not None:
        updated, effective = after.version.display_date, after.effective_display()
    elif t.history.draft or not t.notices:
        updated, effective = DRAFT_LABEL, "not yet set (draft)"
    else:
        updated, effective = t.notices[-1].version.display_date, t.notices[-1].effective_display()
    return bind_plain(redline, {PAGE_VERSION["last_updated"]: updated,
                                PAGE_VERSION["effective"]: effective})


_ITEM = re.compile(r"^(?=-(?:[ \t\r\n]|$))", re.MULTILINE)
"""Where each item of a change log written as a block list at the margin begins."""
_OTHER = re.compile(r"^(?:[^\s#-]|-(?![ \t\r\n]|$))", re.MULTILINE)
"""A line at the margin that neither starts an item nor is a comment ("...", "---",
a directive, a scalar's continuation): the log is then read whole."""


def log_keys(text: str | None, path: str,
             parsed: dict[str, tuple[str, ...] | None]) -> tuple[str, ...] | None:
    """The keys of a change log's entries as it stood once, None if it was malformed.

    Every past state of a log is read, and each holds every entry before it: parsing
    them whole cost time in the square of the entries (a second at a thousand
    commits). A log written as a list at the margin is read item by item instead,
    each distinct item once (`parsed`, shared by the calls of one document). A
    malformed item, or a log of another shape (any other line at the margin, an
    alias to another item), is read whole, as before, so the answer is the same.
    """
    if text is None:
        return ()
    if not _OTHER.search(text):
        keys: list[str] = []
        for item in _ITEM.split(text):
            if item not in parsed:
                parsed[item] = _keys_of(item, path)
            got = parsed[item]
            if got is None:
                break
            keys += got
        else:
            return tuple(keys)
    return _keys_of(text, path)


def _keys_of(text: str, path: str) -> tuple[str, ...] | None:
    try:
        return tuple(e.key for e in parse_log(text, path))
    except SourceError:
        return None


def _bind(history: Committed, entries: list[Entry], path: str,
          findings: list[Finding]) -> tuple[dict[int, Entry], Entry | None]:
    """Entries by version number; and the entry that describes the draft, if any."""
    first_seen: dict[str, int] = {}
    parsed: dict[str, tuple[str, ...] | None] = {}
    for snap in history.logs:
        keys = log_keys(snap.text, path, parsed)
        if keys is None:
            continue  # a log that was malformed then published nothing
        for key in keys:
            first_seen.setdefault(key, snap.version)
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
    project today, so a commit from before the key existed does not undo it (but it
    names a day that has passed, and is fixed once versions are recorded)."""
    slug: str
    source: DocumentSource
    """The working tree's declarations (document.yml), without its sections: a save that
    edits a section's text changes only the draft, never a committed version's verdict."""
    recorded: tuple[tuple[str, dt.date | None], ...] = ()
    """(id, effective date) of each of its versions the publication record lists."""
    recorded_at: dt.datetime | None = None
    """When the last publication record was made (None: nothing recorded yet)."""

    @classmethod
    def of(cls, h: History, record: Record | None = None) -> Committed:
        s = h.source
        recorded: tuple[tuple[str, dt.date | None], ...] = ()
        at = None
        if record is not None:
            recorded = tuple((r.id, r.effective) for r in record.versions
                             if r.document == h.name)
            at = record.made
        return cls(h.name, h.versions, h.logs, h.working_log, h.draft, s.path, s.notice_days,
                   s.adopted, s.slug, replace(s, sections=()), recorded, at)


@dataclass(frozen=True)
class _Judged:
    """The committed versions' notices (invariant 1 applied, dates not yet printed)."""

    notices: tuple[VersionNotice, ...]
    findings: tuple[Finding, ...]
    reviews: tuple[Review, ...]
    draft_entry: Entry | None
    days: int
    path: str
    adopted: dt.date | None


def build_timeline(history: History, notice_days: int, today: dt.date,
                   home: str = "", memo: RedlineMemo | None = None,
                   recall: Recall | None = None, record: Record | None = None) -> Timeline:
    """Redline every version against the one before and apply the notice rules.

    `notice_days` is the site's option as the working tree declares it; `home` is the
    site's own address (MkDocs `site_url`): a link moved to it is a link within the
    site, not to another organisation. `record` is the last publication record, if
    any. With `recall` (a preview session), a save that left the committed side equal
    costs only the draft's redline."""
    recall = recall or Recall()
    memo = memo or RedlineMemo()  # in memory only: the caller keeps none
    c = Committed.of(history, record)
    judged = recall.same(("timeline", history.name), (c, notice_days, today, home),
                         lambda: _judge(c, notice_days, today, home, memo))
    findings = list(judged.findings)
    draft = None
    if history.draft:
        parent = history.versions[-1] if history.versions else None
        old = parent.rendered if parent else None
        if parent is None:
            draft = memo.diff(None, history.working, overrides_of(judged.draft_entry), home,
                              keep=False)
        else:
            live = [n.version for n in judged.notices if n.effective <= today]
            rules = _rules(parent, live[-1] if live else None, history.working,
                           history.source, notice_days, notice_days, home, home)
            draft = memo.diff(old, rules.text, overrides_of(judged.draft_entry), rules.home,
                              keep=False)
            if judged.adopted is None or today >= judged.adopted:
                _gate(history.name, "draft", today, draft, judged.draft_entry, rules.days,
                      judged.path, findings, draft=True, governance=rules.governance)
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
    days = max(notice_days, c.notice_days or 0)
    published_slugs = {v.source.slug for v in c.versions}
    if published_slugs - {c.slug}:
        findings.append(Finding(
            "permanent-url", "error",
            f"{c.name}: slug '{c.slug}' would move the permanent pages of "
            f"versions published under '{sorted(published_slugs)[0]}'; keep the published slug",
            path=c.path, line=c.source.line_of("slug")))
    adopted = _adopted(c, today, findings)
    recorded = dict(c.recorded)
    notices: list[VersionNotice] = []
    starts: list[dt.date] = []  # effective dates, never decreasing (invariant 1)
    for v in c.versions:
        entry = bound.get(v.number)
        redline = None
        rules = None
        if notices:
            parent = notices[-1].version
            live = bisect.bisect_right(starts, v.published.date())
            rules = _rules(parent, notices[live - 1].version if live else None, v.rendered,
                           v.source, v.site_notice_days, notice_days, v.site_home, home)
            redline = memo.diff(parent.rendered, rules.text, overrides_of(entry), rules.home)
        _dating(c.name, v, today, findings)
        judged = adopted is None or v.published.date() >= adopted
        effective = _gate(c.name, v.id, v.published.date(), redline, entry,
                          rules.days if rules else days, path,
                          findings if judged else [], draft=False,
                          governance=rules.governance if rules else "")
        if not judged:  # the old process set its own dates: invent no notice period for it
            effective = entry.effective if entry else None
        if effective is None and notices and not (redline and redline.material) \
                and notices[-1].effective <= v.date:
            effective = notices[-1].effective  # invariant 4: it restates the terms in force
        n = VersionNotice(v, entry, redline, effective or v.date, judged=judged,
                          governance=rules.governance if rules else "")
        n = _unbelieved(c, n, rules.days if rules else days, recorded, today, findings)
        notices.append(_inherit([*notices[-1:], n])[-1])
        starts.append(notices[-1].effective)
    return _Judged(tuple(notices), tuple(findings), reviews, draft_entry, days, path,
                   adopted)


@dataclass(frozen=True)
class _Rules:
    """The declarations one version is judged by (invariant 5)."""

    text: RenderedDocument
    """Its text with the `material:` flags in force before it (what the redline judges)."""
    days: int
    governance: str
    """What it lowers of the declarations before it, in words ("" if nothing)."""
    home: str
    """The organisation's own addresses and names it is judged by (`Options.home`)."""


def _declared_days(source: DocumentSource, site: int | None, working_site: int) -> int:
    """The notice period a tree declares: the site's option (the working tree's where its
    mkdocs.yml cannot be read), which the document's own can only lengthen."""
    return max(working_site if site is None else site, source.notice_days or 0)


def _rules(parent: Version, live: Version | None, text: RenderedDocument,
           source: DocumentSource, site: int | None, working_site: int,
           own_home: str | None = None, working_home: str = "") -> _Rules:
    """How a version made from `parent` (with `text`, declared by `source`, `site` and
    `own_home`) is judged, `live` being the version in force when it was published.

    Each declaration is the more protective of the parent's and the live version's
    (and its own, which may only protect more); a section new to the parent has no
    declaration before it, so it is material. The organisation's own addresses and
    names are the parent's and the live version's both hold (`review.owner`)."""
    before = parent.rendered
    old = {s.id: s.material for s in before.sections}
    lowered = [f"section '{s.id}' is declared not material" for s in text.sections
               if old.get(s.id) and not s.material]
    lowered += [f"variable '{u}' is declared not material"
                for u in sorted(text.immaterial - before.immaterial) if u in before.values]
    before_days = _declared_days(parent.source, parent.site_notice_days, working_site)
    if live is not None:
        before_days = max(before_days, _declared_days(live.source, live.site_notice_days,
                                                      working_site))
    own = _declared_days(source, site, working_site)
    if own < before_days:
        lowered.append(f"the notice period is lowered from {before_days} to {own} days")
    home = owner.declared(parent.site_home, working_home)
    if widened := owner.gained(home, owner.declared(own_home, working_home)):
        lowered.append(widened)
    if live is not None:
        home = owner.narrowest(home, owner.declared(live.site_home, working_home))
    return _Rules(as_judged(text, before, live.rendered if live else None),
                  max(own, before_days, working_site), "; ".join(lowered), home)


def as_judged(text: RenderedDocument, before: RenderedDocument,
              live: RenderedDocument | None) -> RenderedDocument:
    """`text` with the `material:` flags a redline from `before` must judge it by: a
    section's own flag only where `before` (which the redline also reads) and `live`, the
    text in force, have it too; a section new to `before` is material. The same object
    when nothing changes, so the redline memo finds it by identity."""
    held = {s.id: s.material for s in live.sections} if live else {}
    old = {s.id for s in before.sections}
    sections = tuple(s if s.material == flag else replace(s, material=flag)
                     for s in text.sections
                     for flag in [s.material or held.get(s.id, True) if s.id in old else True])
    immaterial = text.immaterial & (live.immaterial if live else frozenset())
    if sections == text.sections and immaterial == text.immaterial:
        return text
    return replace(text, sections=sections, immaterial=immaterial)


def _adopted(c: Committed, today: dt.date, findings: list[Finding]) -> dt.date | None:
    """The `adopted:` day the gate honours: one that has passed, and once versions of the
    document are recorded as published, the one declared when they were."""
    line = c.source.line_of("adopted")
    fixed = [v for v in c.versions if v.id in dict(c.recorded)]
    if fixed and fixed[-1].source.adopted != c.adopted:
        was = fixed[-1].source.adopted
        findings.append(Finding(
            "notice-adopted", "error",
            f"{c.name}: 'adopted' was {was or 'not set'} when version {fixed[-1].id} was "
            f"recorded as published; it is fixed once recorded (put back "
            f"{'adopted: ' + was.isoformat() if was else 'no adopted: key'})",
            path=c.path, line=line))
        return was
    if c.adopted is not None and c.adopted > today:
        findings.append(Finding(
            "notice-adopted", "error",
            f"{c.name}: 'adopted: {c.adopted}' names a day that has not come (today is "
            f"{today}); it says since when lexdocs publishes the document, a day that has "
            "passed", path=c.path, line=line))
        return None
    return c.adopted


def _unbelieved(c: Committed, n: VersionNotice, days: int, recorded: dict[str, dt.date | None],
                today: dt.date, findings: list[Finding]) -> VersionNotice:
    """Invariant 6: a version takes effect no earlier than the record says readers were
    shown; and one whose date cannot be believed, not recorded yet, no earlier than
    today (the day this build first sees it) plus its notice."""
    v = n.version
    if v.id in recorded:
        floor = recorded[v.id]
        why = f"the publication record gives it {floor}"
    else:
        late = c.recorded_at is not None and v.published < c.recorded_at
        if late:
            assert c.recorded_at is not None
            findings.append(Finding(
                "notice-backdated", "warning",
                f"{c.name}: version {v.id} (commit {v.commit.sha[:10]}) is dated "
                f"{v.published.date()}, before the last publication record "
                f"({c.recorded_at.date()}), which does not list it", path=v.source.path))
        elif v.commit_date is None:
            return n
        notice = days if n.material or n.governance else 0
        floor = _later(today, notice)
        why = (f"its commit date cannot be believed, and this build first sees it on {today}"
               + (f", plus {notice} days' notice" if notice else ""))
    if floor is None or floor <= n.effective:
        return n
    return replace(n, effective=floor, raised=f"it takes effect no earlier than {why}")


def _later(day: dt.date, days: int) -> dt.date:
    """`day` plus `days`, or the last day a date can be (a commit dated in year 9999 is
    an error of its own, reported by `_dating`; it must not crash the count)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


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


def _referral(asked: tuple[Change, ...], has_entry: bool) -> str:
    """What the gate says of changes no rule explains: which, why, and the answer it
    needs. Until the change log gives it, the version is held as a material one (it takes
    effect no earlier than the notice period after it is published)."""
    first = asked[0]
    why = first.reason.removeprefix(f"{LAWYERS_CALL}:").strip().rstrip(".")
    more = f" and {len(asked) - 1} more" if len(asked) > 1 else ""
    where = "its change-log entry" if has_entry else "a change-log entry with a summary"
    return (f"needs a lawyer's call on a change in section '{first.section_id}' ({why})"
            f"{more}. Decide in {where}: 'sections: [{{section: "
            f"{first.section_id}, material: true or false, reason: ...}}]' (or 'material:' "
            "and 'reason:' for the whole version); a material answer needs notice as any "
            "material change does")


def _gate(doc: str, vid: str, published: dt.date, redline: Redline | None,
          entry: Entry | None, days: int, path: str, findings: list[Finding],
          draft: bool, governance: str = "") -> dt.date | None:
    """The effective date, after checking the rules that protect readers; a governance
    change (`governance`: what it lowers) needs notice as a material change does."""
    label = "the uncommitted draft" if draft else f"version {vid}"

    def report(rule: str, message: str) -> None:
        findings.append(Finding(rule, "error", f"{doc}: {label} {message}", path=path,
                                line=entry.line if entry else None, draft=draft))

    if entry and entry.effective and entry.effective < published:
        report("notice-retroactive",
               f"takes effect {entry.effective}, before it was published on {published}")
    asked = redline.referred if redline is not None else ()
    if asked:
        report("notice-lawyers-call", _referral(asked, entry is not None))
    if redline is not None and redline.material:
        first = next((c for c in redline.changes if c.material and not c.referred), None)
        if first is None and asked:  # the lawyer's answer decides whether notice is due;
            return entry.effective if entry and entry.effective else _later(published, days)
        if first:
            why = first.reason.removeprefix("Material:").strip().rstrip(".")
            what = f"a material change in section '{first.section_id}' ({why})"
        else:
            what = "a material change in the text"
    elif governance and redline is not None:
        what = ""
    else:
        return entry.effective if entry else None
    if governance:
        what += (" and " if what else "") + (
            f"a governance change ({governance}: later versions are judged by it, so it "
            "needs notice as a material change does)")
    earliest = _later(published, days)
    if entry is None:
        report("notice-summary",
               f"is {what} but has no summary; add an entry with a "
               f"plain-language summary and 'effective: {earliest}' or later")
        return earliest
    if entry.effective is None:
        report("notice-effective", f"is {what} but has no effective "
               f"date; add 'effective: {earliest}' or later")
        return earliest
    if entry.effective < earliest:
        report("notice-period",
               f"is {what} that takes effect {entry.effective}, "
               f"{(entry.effective - published).days} days after it is published; the "
               f"notice period is {days} days (write 'effective: {earliest}' or later)")
    return entry.effective
