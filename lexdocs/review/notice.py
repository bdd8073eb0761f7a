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

Here each version is judged in turn (`build_timeline`); the rules live beside it:
`logbinding` binds the change log's entries to versions, `declared` says which
declarations judge a version (5), `gate` what it needs before it takes effect, and
`dating` keeps the invariants that span versions (1, 2, 6) and prints the dates.
Invariants 3 and 4 are applied here, as each version is judged.

What it decides is a `review.timeline.Timeline`, which every later step asks.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, replace

from lexdocs.errors import LexdocsError
from lexdocs.findings import Finding
from lexdocs.history.published import Record
from lexdocs.history.versions import DRAFT_LABEL, History, LogSnapshot, Version
from lexdocs.recall import Recall
from lexdocs.render.templates import PAGE_VERSION, RenderedDocument
from lexdocs.review import owner
from lexdocs.review.dating import align_shared, check_dates, dated, inherit, unbelieved
from lexdocs.review.declared import as_judged, judged_by
from lexdocs.review.gate import gate
from lexdocs.review.logbinding import bind_entries, overrides_of
from lexdocs.review.memo import RedlineMemo
from lexdocs.review.pagedates import bind_plain
from lexdocs.review.redline import Redline, diff_documents
from lexdocs.review.timeline import Status, Timeline, VersionNotice, build_date, describe
from lexdocs.sources.changelog import Entry, Review, changes_path, parse_log, read_log
from lexdocs.sources.documents import DocumentSource

__all__ = ["Entry", "Review", "Status", "Timeline", "VersionNotice", "align_shared",
           "as_judged", "build_date", "build_timeline", "describe", "overrides_of", "parse_log",
           "read_log", "redline_between", "version_redlines"]


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


def version_redlines(timelines: dict[str, Timeline], names: list[str], old: str | None,
                     new: str | None, home: str) -> list[Redline]:
    """Each named document's redline between two of its versions ('working' is the working
    tree, 'none' no text). Without DOC, a version id names the documents that have it."""
    for given in (old, new):
        doc, at, bare = (given or "").partition("@")
        if at and doc in timelines:  # "privacy@2024-09-01", as people name a file's version
            raise LexdocsError(f"'{given}' names a version as DOC@ID: give DOC once, then "
                               "the two versions", hint=f"lexdocs diff {doc} {bare} …")
    out = []
    for name in names:
        t = timelines[name]
        ids = [n.version.id for n in t.notices]
        wanted = [v for v in (old, new) if v is not None and v not in _NAMED]
        if len(names) > 1 and any(v not in ids for v in wanted):
            continue
        a = _version_id(t, ids, old or (ids[-1] if ids else "none"))
        b = _version_id(t, ids, new or "working")
        if b == "none":
            raise LexdocsError("TO must be a version or 'working'")
        # the build's own redline and verdict, stated dates compared as the build does
        out.append(redline_between(t, a, b, home))
    if not out:
        raise LexdocsError(f"no document has version '{old}'" + (f" and '{new}'" if new else ""),
                           hint="see 'lexdocs versions'; give DOC, or two git revisions")
    return out


def _version_id(t: Timeline, ids: list[str], vid: str) -> str:
    if vid not in _NAMED and vid not in ids:
        raise LexdocsError(f"{t.history.name} has no version '{vid}'",
                           hint=f"versions: {', '.join(ids) or 'none'}, 'working', "
                                "or two git revisions")
    return vid


_NAMED = {"working", "none"}
"""Words `lexdocs diff` takes for a version: the working tree, and no text at all."""


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
            rules = judged_by(parent, live[-1] if live else None, history.working,
                           history.source, notice_days, notice_days, home, home)
            draft = memo.diff(old, rules.text, overrides_of(judged.draft_entry), rules.home,
                              keep=False)
            if judged.adopted is None or today >= judged.adopted:
                gate(history.name, "draft", today, draft, judged.draft_entry, rules.days,
                      judged.path, findings, draft=True, governance=rules.governance)
    return dated(Timeline(history, (), draft, tuple(findings), judged.reviews,
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
    bound, draft_entry = bind_entries(c.name, c.versions, c.logs, c.draft, entries,
                                     path, findings)
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
            rules = judged_by(parent, notices[live - 1].version if live else None, v.rendered,
                           v.source, v.site_notice_days, notice_days, v.site_home, home)
            redline = memo.diff(parent.rendered, rules.text, overrides_of(entry), rules.home)
        check_dates(c.name, v, today, findings)
        judged = adopted is None or v.published.date() >= adopted
        effective = gate(c.name, v.id, v.published.date(), redline, entry,
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
        n = unbelieved(c.name, c.recorded_at, n, rules.days if rules else days, recorded,
                       today, findings)
        notices.append(inherit([*notices[-1:], n])[-1])
        starts.append(notices[-1].effective)
    return _Judged(tuple(notices), tuple(findings), reviews, draft_entry, days, path,
                   adopted)


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


