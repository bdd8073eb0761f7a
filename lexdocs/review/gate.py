"""The notice gate: what a version needs before it may take effect.

A material change (or a governance change, or one a lawyer must call) needs a change-log
entry with a plain-language summary and an effective date at least the notice period
after it was published; each missing piece is one error naming the entry's file and
line and the date to write. What it returns is the version's effective date.
"""

from __future__ import annotations

import datetime as dt

from lexdocs.findings import Finding
from lexdocs.review.redline import Change, Redline
from lexdocs.review.timeline import later
from lexdocs.review.verdicts import LAWYERS_CALL
from lexdocs.sources.changelog import Entry

__all__ = ["gate"]


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


def gate(doc: str, vid: str, published: dt.date, redline: Redline | None,
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
            return entry.effective if entry and entry.effective else later(published, days)
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
    earliest = later(published, days)
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
