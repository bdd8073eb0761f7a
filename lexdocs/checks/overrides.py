"""`lexdocs check --overrides`: every verdict of the tool a change-log entry overrode.

A lawyer who disagrees with the materiality call writes `material:` and a `reason:` in the
change log, and the published redline shows the lawyer's verdict. Counted here, so a team
sees how often it disagrees with the tool, on which rules, and why: the tool's own
verdict is what the same two texts give without the entry's decisions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lexdocs.render.templates import RenderedDocument
from lexdocs.review import owner
from lexdocs.review.notice import Entry, Timeline
from lexdocs.review.redline import Change, Redline, diff_documents
from lexdocs.review.verdicts import LAWYERS_CALL


@dataclass(frozen=True)
class Overridden:
    """One change whose verdict came from the change log, with the tool's own beside it."""

    document: str
    version: str
    section: str
    tool: Change
    """The change as the tool judged it (no decision of the change log applied)."""
    given: Change
    """The change as published: the change log's verdict and reason."""
    path: str | None
    line: int | None

    @property
    def answers(self) -> bool:
        """The tool asked for a lawyer's call (no rule explained the change): the change
        log answered it, which is neither agreeing nor disagreeing."""
        return self.tool.referred

    @property
    def disagrees(self) -> bool:
        return not self.answers and self.tool.material != self.given.material

    def __str__(self) -> str:
        def verdict(c: Change) -> str:
            return ("a lawyer's call" if c.referred else "material" if c.material
                    else "not material")

        where = f"{self.path}:{self.line}: " if self.path and self.line else ""
        said = self.tool.reason
        for head in ("Material:", f"{LAWYERS_CALL}:"):
            said = said.removeprefix(head)
        said = said.strip() or self.tool.rule
        why = self.given.reason.removeprefix("Override:").strip()
        head = "answered" if self.answers else "overrode" if self.disagrees else "confirmed"
        return (f"{where}{self.document} {self.version}, section '{self.section}': the change "
                f"log {head} lexdocs' verdict {verdict(self.tool)} "
                f"[{self.tool.rule or 'no rule'}: {said}] as {verdict(self.given)}: "
                f"{why}")


def overridden(timelines: dict[str, Timeline], home: str = "") -> list[Overridden]:
    """Every overridden verdict of every document, oldest version first, then the draft's."""
    return [o for name, t in timelines.items() for o in _of(name, t, home)]


def _of(name: str, t: Timeline, home: str) -> Iterator[Overridden]:
    raw = {v.number: v.rendered for v in t.history.versions}
    for n in t.notices:
        prev = t.previous(n)
        if prev is not None and n.redline is not None and n.entry is not None:
            yield from _pairs(name, n.version.id, n.entry, n.redline,
                              raw[prev.version.number], raw[n.version.number],
                              owner.declared(prev.version.site_home, home))  # as judged
    if t.draft is not None and t.history.versions and any(c.overridden
                                                          for c in t.draft.changes):
        working = t.canonical or t.history.working
        yield from _pairs(name, "draft", None, t.draft, raw[len(raw)], working,
                          owner.declared(t.history.versions[-1].site_home, home))


def _pairs(name: str, version: str, entry: Entry | None, published: Redline,
           old: RenderedDocument, new: RenderedDocument, home: str) -> Iterator[Overridden]:
    if not any(c.overridden for c in published.changes):
        return
    # The decisions only replace verdicts, change by change: the same texts without them
    # give the same changes in the same order, with the tool's own verdicts.
    own = diff_documents(old, new, (), home).changes
    for tool, given in zip(own, published.changes, strict=True):
        if given.overridden:
            yield Overridden(name, version, given.section_id, tool, given,
                             entry.path if entry else None, entry.line if entry else None)


def summary(found: list[Overridden]) -> str:
    """One line a team reads: how often the change log disagreed with the tool."""
    if not found:
        return "No verdict of lexdocs was overridden by a change-log entry."
    off = [o for o in found if o.disagrees]
    down = sum(o.tool.material for o in off)
    asked = [o for o in found if o.answers]
    loud = sum(o.given.material for o in asked)
    versions = len({(o.document, o.version) for o in found})
    return (f"{len(found)} verdict(s) in {versions} version(s) decided by the change log; "
            f"{len(off)} disagree with lexdocs (material → not material: {down}, "
            f"not material → material: {len(off) - down})"
            + (f"; {len(asked)} answer a lawyer's call lexdocs asked for (material: {loud}, "
               f"not material: {len(asked) - loud})" if asked else "") + ".")
