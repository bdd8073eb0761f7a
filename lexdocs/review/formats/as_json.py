"""A redline for tools: one JSON object per change, its verdict, evidence as values and
as old and new sides, and each link whose target changed."""

from __future__ import annotations

import json

from lexdocs.review.looks import link_moves
from lexdocs.review.redline import Change, Redline
from lexdocs.review.verdicts import evidence_fields


def links_of(c: Change) -> list[dict[str, str | None]]:
    """Each link whose target changed, came or went, on the words that carry it."""
    return [{"text": m.words, "old": m.old, "new": m.new} for m in link_moves(c.segments)]


def to_json(redline: Redline) -> str:
    """The changes as data, keys in a fixed order so diffs of this output stay readable."""
    return json.dumps([{"section": c.section_id, "title": c.section_title, "kind": c.kind,
                        "old": c.old, "new": c.new, "material": c.material, "call": c.call,
                        "reason": c.reason,
                        "variables": list(c.variables), "links": links_of(c),
                        "layout": list(c.details), "overridden": c.overridden,
                        "rule": c.rule, **evidence_fields(c.rule, c.evidence)}
                       for c in redline.changes], ensure_ascii=False, indent=2)
