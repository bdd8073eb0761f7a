"""Sources → history → redlines and notice, once, for the hook and the CLI alike.

The build and `lexdocs check` must agree on what may be published, so both
come through here: a committed version that breaks a notice rule stops the
build; a problem in an uncommitted draft is reported but does not stop a
preview. Both also check the publication record (`history.published`), so a
rewritten history is refused by either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from lexdocs.config import Options
from lexdocs.errors import CheckError
from lexdocs.findings import Finding
from lexdocs.history.kept import KeptRenders
from lexdocs.history.published import check_record, load_record, missing, required_by
from lexdocs.history.versions import Progress, RenderCache, load_histories, project_cache
from lexdocs.recall import Recall
from lexdocs.review.memo import RedlineMemo
from lexdocs.review.notice import Timeline, align_shared, build_date, build_timeline
from lexdocs.sources.snapshot import Snapshot


@dataclass
class Caches:
    """What a build keeps for the next one: in memory for a `mkdocs serve` session (the
    plugin holds one), on disk under `.cache/lexdocs` for the next process.

    Every entry is keyed by content (git object ids, hashes of texts, the code's own
    hash), so none can answer for text it was not made from. `recall` keeps nothing
    unless a preview session gives it a memory (`lexdocs.recall.Remembered`): then a
    save that leaves the commits as they were reuses every committed version's verdict.
    """

    renders: RenderCache = field(default_factory=dict)
    redlines: RedlineMemo = field(default_factory=RedlineMemo)
    kept: KeptRenders | None = None
    folder: Path | None = None
    """The project's cache folder once `open` has asked git (None: not ours to use)."""
    recall: Recall = field(default_factory=Recall)

    def open(self, opts: Options) -> KeptRenders:
        """The kept renders, and redlines kept beside them, once the project is known."""
        if self.kept is None:
            self.folder = project_cache(opts.project)
            self.kept = KeptRenders(self.folder)
            self.redlines.keep_in(self.folder)
        return self.kept

    def release(self) -> None:
        """Let go of what was read from disk, once written back: a build that remembers
        nothing for a next one needs none of it to make its pages, and every commit's
        renders and every redline, as read, grow with the history."""
        if self.kept is not None:
            self.kept.release()
        self.redlines.release()
        self.renders.clear()


def load_timelines(opts: Options, today: dt.date | None = None,
                   caches: Caches | None = None,
                   progress: Progress | None = None,
                   snapshot: Snapshot | None = None) -> dict[str, Timeline]:
    """Every document's versions, redlines and notice findings, checked against the record.

    `snapshot` is the working tree if the caller has loaded it already (the plugin does,
    for the menu); each history then carries that one snapshot on."""
    day = today or build_date(opts.tz)
    caches = caches or Caches()
    kept = caches.open(opts)
    recall = caches.recall
    recall.next_build()
    # A build that remembers nothing draws each redline, and each version's sections,
    # from disk when its page is made.
    caches.redlines.lazy = kept.lazy = not recall.remembers
    histories = load_histories(opts.project, opts.source_dir, opts.documents, opts.tz,
                               caches.renders, progress, snapshot, kept, recall)
    record = load_record(opts.project)
    timelines = align_shared({name: build_timeline(h, opts.notice_days, day, opts.home,
                                                   caches.redlines, recall, record)
                              for name, h in histories.items()}, recall)
    caches.redlines.save(prune=not recall.remembers)
    if not recall.remembers:
        caches.release()
    versions = {n: h.versions for n, h in histories.items()}
    breaches = (check_record(record, versions) if record is not None
                else missing(required_by(opts.record_required, versions)))
    if not breaches:
        return timelines
    # Reported once, on the first document, so the count of errors is the count of breaches.
    first = next(iter(timelines))
    out = dict(timelines)
    out[first] = replace(timelines[first], findings=timelines[first].findings + tuple(breaches))
    return out


def blocking(timelines: dict[str, Timeline]) -> list[Finding]:
    """Errors about committed versions: these must never reach the public."""
    return [f for t in timelines.values() for f in t.findings
            if f.severity == "error" and not f.draft]


def explain(timelines: dict[str, Timeline]) -> list[str]:
    """What the build decided on its own, in lines for its log: dates it raised, commit
    dates it did not believe, and any other warning about committed versions."""
    lines = [f"{f.severity}: {f}" for t in timelines.values() for f in t.findings
             if f.severity != "error" and not f.draft and f.rule.startswith("notice-")]
    for name, t in timelines.items():
        for n in t.notices:
            if n.raised:
                lines.append(f"{name}: version {n.version.id} takes effect "
                             f"{n.effective.isoformat()} because {n.raised}")
    return lines


def publishable_timelines(opts: Options, info: Callable[[str], None],
                          caches: Caches | None = None,
                          snapshot: Snapshot | None = None,
                          ) -> tuple[dict[str, Timeline], dt.date]:
    """Timelines the site may publish, or a CheckError naming the first problem."""
    today = build_date(opts.tz)
    timelines = load_timelines(opts, today, caches, snapshot=snapshot)
    for t in timelines.values():
        for f in t.findings:
            if f.draft:
                info(f"draft: {f}")
    for line in explain(timelines):
        info(line)
    errors = blocking(timelines)
    if errors:
        first = errors[0]
        more = f"; {len(errors) - 1} more, see 'lexdocs check'" if len(errors) > 1 else ""
        raise CheckError(f"{first.message}{more}", path=first.path, line=first.line)
    return timelines, today
