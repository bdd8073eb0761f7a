"""Effective dates once each version is judged: the invariants that span versions.

Invariant 1 (a version takes effect no earlier than the text it builds on), 2 (the
versions one commit made in several documents take effect together) and 6 (a commit date
that cannot be believed dates nothing before the day a build first sees it), and the
dates each version's text and redline then print (`dated`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from lexdocs.findings import Finding
from lexdocs.history.versions import DRAFT_LABEL, Version
from lexdocs.recall import Recall
from lexdocs.render.templates import PAGE_VERSION
from lexdocs.review.pagedates import bind_dates, bind_plain, marked
from lexdocs.review.timeline import Timeline, VersionNotice, later

__all__ = ["align_shared", "check_dates", "dated", "inherit", "unbelieved"]


def unbelieved(doc: str, recorded_at: dt.datetime | None, n: VersionNotice, days: int,
               recorded: dict[str, dt.date | None], today: dt.date,
               findings: list[Finding]) -> VersionNotice:
    """Invariant 6: a version takes effect no earlier than the record says readers were
    shown; and one whose date cannot be believed, not recorded yet, no earlier than
    today (the day this build first sees it) plus its notice."""
    v = n.version
    if v.id in recorded:
        floor = recorded[v.id]
        why = f"the publication record gives it {floor}"
    else:
        if recorded_at is not None and v.published < recorded_at:
            findings.append(Finding(
                "notice-backdated", "warning",
                f"{doc}: version {v.id} (commit {v.commit.sha[:10]}) is dated "
                f"{v.published.date()}, before the last publication record "
                f"({recorded_at.date()}), which does not list it", path=v.source.path))
        elif v.commit_date is None:
            return n
        notice = days if n.material or n.governance else 0
        floor = later(today, notice)
        why = (f"its commit date cannot be believed, and this build first sees it on {today}"
               + (f", plus {notice} days' notice" if notice else ""))
    if floor is None or floor <= n.effective:
        return n
    return replace(n, effective=floor, raised=f"it takes effect no earlier than {why}")


def dated(t: Timeline, notices: tuple[VersionNotice, ...], recall: Recall,
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


def check_dates(doc: str, v: Version, today: dt.date, findings: list[Finding]) -> None:
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


def inherit(notices: list[VersionNotice]) -> list[VersionNotice]:
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
    return {name: dated(t, aligned[name], recall, "aligned") for name, t in timelines.items()}


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
            notices[name] = inherit(notices[name])
        if not changed:
            break
    by_commit: dict[str, list[tuple[str, str]]] = {}  # one pass, not one per version
    for o, oms in notices.items():
        for m in oms:
            by_commit.setdefault(m.version.commit.sha, []).append((o, m.version.id))
    return {name: tuple(replace(n, together=tuple(
        (o, vid) for o, vid in by_commit[n.version.commit.sha] if o != name))
        for n in ns) for name, ns in notices.items()}
