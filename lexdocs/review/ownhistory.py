"""What a policy records of its own history: its change log, kept as a log, and the date
it gives for its own last revision. Keeping either is upkeep, not a change of what the
policy says: the edits a log records are judged where they are made, and lexdocs dates
every version itself. `materiality.classify` asks both before any rule on wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lexdocs.review import facts, typed
from lexdocs.review.lexicon import Finding, paragraphs_changed

__all__ = ["log_entries", "log_kept", "revision_dates_only", "revision_lines_only"]


_LOG_TITLE = re.compile(r"(?:(?:recent |policy )?changes?|change ?log|revision history|"
                        r"updates?|version history)(?: to (?:this|our|the) \w+(?: \w+)?)?:?",
                        re.I)
"""The heading of a policy's own change log ("Changes to this policy", "Changelog")."""


# A line of a policy's own change log: a date, a colon or dash, what changed.
_LOG_LINE = re.compile(rf"({typed.DATE.pattern})\s*[:–—-]\s+\S", re.I)


_LOG_DATE = re.compile(rf"({typed.DATE.pattern}):?", re.I)
"""A change log's date alone in its paragraph, the entry's lines after it."""
_LOGGED = re.compile(
    r"(?:[-*•][ \t]+)?(?:Added|Updated|Expanded|Clarified|Revised|Removed|Changed|Introduced|"
    r"Amended|Modified|Corrected|Fixed|Moved|Replaced|Reorgani[sz]ed|Rewrote|Rewritten|"
    r"Deleted|Edited|Extended|Adjusted|Restructured|Renamed|Simplified|Inserted|"
    r"Refreshed|Reworded|Merged|Split)\b"
    r"|(?:The|This)[ \t]+(?:\w+[ \t]+){0,3}(?:was|were|has[ \t]+been|have[ \t]+been)[ \t]+"
    r"(?:updated|amended|revised|changed|expanded|clarified)\b")
"""An entry's line: what was done to the policy, in the past ("Expanded 5.6. No Ads Based
on User Data with information about …", "The Privacy Policy was updated to describe …",
Telegram's)."""


def log_entries(old: str, new: str) -> tuple[str, ...]:
    """The dates of the change-log lines `new` adds to `old`, when that is all it adds:
    a policy's list of its own versions says that the policy changed, not how it treats
    anyone's data (the change it records is judged where it is made). An entry is a
    line ("July 12, 2023: Updated …") or a date alone followed by lines that each say
    what was done ("October 26, 2021" ⏎ "Expanded 5.6. No Ads …", Telegram's privacy
    policy as archived: "a paragraph or list item was added ('October 26, 2021'; …)");
    a date alone with nothing logged after it may be when terms take effect, and stays
    a date added."""
    gone, came = paragraphs_changed(old, new)
    if not came or gone:
        return ()
    dates: list[str] = []
    entry: bool | None = False  # None: a date alone, its lines to come
    for p in (re.sub(r"[_*]", "", p).strip() for p in came):
        if m := _LOG_LINE.match(p):
            dates.append(m.group(1))
            entry = False
        elif m := _LOG_DATE.fullmatch(p):
            if entry is None:
                return ()  # the entry before has no line
            dates.append(m.group(1))
            entry = None
        elif entry is not False and _LOGGED.match(p):
            entry = True
        else:
            return ()
    return tuple(dates) if entry is not None else ()


def log_kept(old: str, new: str) -> Finding | None:
    """A policy's own change log kept as a log: every paragraph an edit touched, on either
    side, is a dated line of it ("July 12, 2023: Updated …") or its heading, and one at
    least is a dated line. Lines added are `changelog-entry`; reworded, removed or moved
    ones `changelog-edited`. Keeping the log is maintenance: the edits it records are
    judged where they are made. A line reworded so that the rules find something in it
    ("no longer share" → "now share") is not kept but changed, and judged as any text."""
    gone, came = paragraphs_changed(old, new)
    dates = [log_entries("", p) for p in gone + came]
    if not any(dates) or not all(d or _LOG_TITLE.fullmatch(p)
                                 for d, p in zip(dates, gone + came, strict=True)):
        return None
    before = {d: p for d, p in zip(dates, gone + came, strict=True) if d and p in gone}
    for d, p in zip(dates[len(gone):], came, strict=True):
        if d in before and facts.findings(before[d], p, (frozenset(), frozenset())):
            return None  # a line of the log made to say something else is no upkeep
    found = tuple(dict.fromkeys(d for ds in dates for d in ds))
    return ("changelog-edited" if gone else "changelog-entry", found)


_REVISED = re.compile(r"(?:\blast\s+(?:updated|modified|revised|amended|changed|update|revision|"
                      r"modification)|\bpublished(?:\s+date)?|\bdate\s+published|"
                      r"(?:^|(?<=\n))(?:updated|revised)(?=\s*:))"
                      r"(?:\s+(?:on|as\s+of))?\s*:?\s*", re.IGNORECASE)
"""Words that give a text's own last revision, before its date ("These terms were last
updated on November 18, 2015", npm's; "Last modified: …"; "Date of last update: …",
LINE's; "Published Date: January 27, 2025", Apple's; "Updated: 12 January, 2022" opening
its line, Stack Overflow's)."""


def revision_dates_only(old: str, new: str, found: Sequence[Finding]) -> bool:
    """Whether the one thing that changed is the date the text gives for its own last
    revision: lexdocs dates every version itself, and the date a text types for its
    revision states nothing about anyone's data (an effective date does, and stays a
    date changed)."""
    if len(found) != 1 or found[0][0] != "date-changed":
        return False
    evidence = found[0][1]
    i = evidence.index("→")
    for text, dates in ((old, evidence[:i]), (new, evidence[i + 1:])):
        given = {d.group().strip().rstrip(".,;:") for m in _REVISED.finditer(text)
                 if (d := typed.DATE.match(text, m.end()))}  # each text read once
        if not set(dates) <= given:
            return False
    return True


_LINE_WORDS = frozenset(["date", "of", "the"])
"""What a line that states the revision date may hold beside it: "Date of Last Revision:
July 5, 2023" (Meta's terms)."""


def revision_lines_only(old: str, new: str, found: Sequence[Finding]) -> Finding | None:
    """The revision date when every paragraph put in or taken out only states it ("Date of
    Last Revision: July 5, 2023", which Meta's terms as archived gained on its own, then
    "a paragraph or list item was added"): as `revision_dates_only`, upkeep of the
    policy's own record, not a change of what it says. Evidence: the dates, old → new."""
    if not all(r in ("block-added", "block-removed") for r, _ in found):
        return None  # something besides whole paragraphs changed (none found: read on)
    if not (_REVISED.search(old) or _REVISED.search(new)):
        return None  # no line gives the revision's date: on every wording change, cheaply
    gone, came = paragraphs_changed(old, new)
    sides = [[d for p in ps for d in _revision_line(p) or [""]] for ps in (gone, came)]
    if gone and came and "" not in sides[0] and all(typed.DATE.fullmatch(p.strip(" \t.")) for
                                                    p in came):
        # the label lost and the date alone left in its place ("Published Date: January
        # 27, 2025" → "2026-07-22", Apple's as archived): the same line, a new date
        sides[1] = [p.strip(" \t.") for p in came]
    if not gone + came or "" in sides[0] + sides[1]:
        return None
    return ("revision-date-changed", (*dict.fromkeys(sides[0]), "→", *dict.fromkeys(sides[1])))


def _revision_line(paragraph: str) -> list[str]:
    """The dates a paragraph gives for the text's last revision, if that is all it says
    (`_LINE_WORDS` aside); else none."""
    dates, rest, at = [], [], 0
    for m in _REVISED.finditer(paragraph):
        d = typed.DATE.match(paragraph, m.end())
        if d:
            dates.append(d.group().strip().rstrip(".,;:"))
            rest.append(paragraph[at:m.start()])
            at = d.end()
    rest.append(paragraph[at:])
    left = re.findall(r"[^\W\d_]+", "".join(rest).casefold())
    return dates if dates and all(w in _LINE_WORDS for w in left) else []
