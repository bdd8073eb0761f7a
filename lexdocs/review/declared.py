"""The declarations a version is judged by (notice invariant 5).

A change must not be able to switch off the rules that judge it: a section's or a
variable's `material:` flag, the notice period and the organisation's own addresses are
taken from the version before it and the version in force when it was published, the
more protective of the two. Lowering one is a governance change, named here in words so
that the gate can ask notice for it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from lexdocs.history.parts import remap
from lexdocs.history.versions import Version
from lexdocs.render.templates import RenderedDocument, RenderedSection
from lexdocs.review import owner
from lexdocs.sources.documents import DocumentSource

__all__ = ["Rules", "as_judged", "judged_by"]


@dataclass(frozen=True)
class Rules:
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


def judged_by(parent: Version, live: Version | None, text: RenderedDocument,
              source: DocumentSource, site: int | None, working_site: int,
              own_home: str | None = None, working_home: str = "") -> Rules:
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
    return Rules(as_judged(text, before, live.rendered if live else None),
                  max(own, before_days, working_site), "; ".join(lowered), home)


def as_judged(text: RenderedDocument, before: RenderedDocument,
              live: RenderedDocument | None) -> RenderedDocument:
    """`text` with the `material:` flags a redline from `before` must judge it by: a
    section's own flag only where `before` (which the redline also reads) and `live`, the
    text in force, have it too; a section new to `before` is material. The same object
    when nothing changes, so the redline memo finds it by identity."""
    held = {s.id: s.material for s in live.sections} if live else {}
    old = {s.id for s in before.sections}
    flags = tuple((s.id, flag) for s in text.sections
                  for flag in [s.material or held.get(s.id, True) if s.id in old else True]
                  if s.material != flag)
    immaterial = text.immaterial & (live.immaterial if live else frozenset())
    if not flags and immaterial == text.immaterial:
        return text
    # Flagged as each section is drawn: a kept text's sections stay keys (`history.parts`).
    return replace(text, sections=remap(text.sections, functools.partial(_flagged, dict(flags)),
                                        ("material", flags)), immaterial=immaterial)


def _flagged(flags: dict[str, bool], s: RenderedSection) -> RenderedSection:
    flag = flags.get(s.id, s.material)
    return s if s.material == flag else replace(s, material=flag)
