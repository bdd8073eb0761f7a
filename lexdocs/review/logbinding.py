"""Which version each change-log entry describes.

An entry describes the version that was newest when the entry first appeared in the
history (so it can be written in the same commit as the edit, or later), or the version
named by its `version:` key; an entry no commit has published yet describes the draft.
Every past state of the log is read to find when each entry first appeared, so reading
them must not cost the square of the entries (`log_keys`).
"""

from __future__ import annotations

import difflib
import re

from lexdocs.errors import SourceError
from lexdocs.findings import Finding
from lexdocs.history.versions import LogSnapshot, Version
from lexdocs.review.redline import Override
from lexdocs.sources.changelog import Entry, parse_log

__all__ = ["bind_entries", "log_keys", "overrides_of"]


def overrides_of(entry: Entry | None) -> tuple[Override, ...]:
    """The change log's materiality decisions, as the redline applies them."""
    if entry is None:
        return ()
    return tuple(Override(section=d.section, material=d.material, reason=d.reason,
                          path=d.path, line=d.line) for d in entry.overrides)


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


def bind_entries(name: str, versions: tuple[Version, ...], logs: tuple[LogSnapshot, ...],
                 draft: bool, entries: list[Entry], path: str,
                 findings: list[Finding]) -> tuple[dict[int, Entry], Entry | None]:
    """Entries by version number; and the entry that describes the draft, if any."""
    first_seen: dict[str, int] = {}
    parsed: dict[str, tuple[str, ...] | None] = {}
    for snap in logs:
        keys = log_keys(snap.text, path, parsed)
        if keys is None:
            continue  # a log that was malformed then published nothing
        for key in keys:
            first_seen.setdefault(key, snap.version)
    ids = {v.id: v.number for v in versions}
    bound: dict[int, Entry] = {}
    draft_entry = None
    for e in entries:
        if e.version is not None:
            number = ids.get(e.version, 0)
        elif e.key in first_seen:
            number = first_seen[e.key]
        elif draft:
            draft_entry = e
            continue
        else:
            number = len(versions)
        if number == 0:
            findings.append(Finding("notice-orphan", "error", _orphan(e, name, list(ids)),
                                    path=e.path, line=e.line))
        elif number in bound:
            findings.append(Finding(
                "notice-duplicate", "error",
                f"two entries describe version {versions[number - 1].id} "
                f"(the other is on line {bound[number].line})", path=e.path, line=e.line))
        else:
            bound[number] = e
    return bound, draft_entry


def _orphan(e: Entry, name: str, ids: list[str]) -> str:
    """What a change-log entry that matches no version names, and what to write instead:
    a mistyped `version:` ("2024-09-10" for "2024-09-01") gets the ids it may have meant."""
    if e.version is None:
        return f"this entry matches no version of {name}: none is committed yet"
    close = difflib.get_close_matches(e.version, ids, n=2, cutoff=0.6)
    meant = (f"did you mean {' or '.join(repr(c) for c in close)}?" if close
             else f"'lexdocs versions {name}' lists them")
    return (f"'version: {e.version}' names no version of {name} ({meant}); write one of "
            "its versions' ids, or remove the line")
