"""The change log file (`<doc>/changes.yml`): its layout, read and validated in one place.

Only the sources package knows how files are laid out; `review.notice` gives
the entries their meaning (which version each describes, the notice rules).
Every entry is validated when it is loaded, so a mistake is reported as one
line with the file and the line, never as a crash later in a page or a feed:
a control character pasted into a summary would make the Atom feed invalid
XML, so it is refused here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from lexdocs.errors import SourceError
from lexdocs.sources.yamlsrc import load_yaml

CHANGES_FILE = "changes.yml"
ENTRY_KEYS = frozenset({"summary", "effective", "version", "material", "reason", "sections",
                        "effective_reason"})
REVIEW_KEYS = frozenset({"reviewed", "note"})
VERSION_ID = re.compile(r"\d{4}-\d{2}-\d{2}(-\d+)?")


def changes_path(root: str, name: str) -> str:
    """Where a document's change log lives, relative to the project."""
    return f"{root}/{name}/{CHANGES_FILE}"


@dataclass(frozen=True)
class Decision:
    """A lawyer's materiality decision for one section, or (None) the whole version."""

    section: str | None
    material: bool
    reason: str
    path: str
    line: int


@dataclass(frozen=True)
class Entry:
    """One change-log entry, with where it was written."""

    summary: str
    effective: dt.date | None
    version: str | None
    overrides: tuple[Decision, ...]
    path: str
    line: int
    effective_reason: str = ""
    """Why this version takes effect on its own date rather than with the versions of
    other documents made by the same commit (see `notice.align_shared`)."""

    @property
    def key(self) -> str:
        """Identity across commits: the pinned version, else the summary's words."""
        return self.version or " ".join(self.summary.split())


@dataclass(frozen=True)
class Review:
    """A recorded legal review that found nothing to change (`- reviewed: YYYY-MM-DD`).

    Some notices must be brought up to date every year (CCPA §1798.130(a)(5)); a
    review that changes nothing should not need a cosmetic edit and a new version.
    It never moves "Last Updated": the page shows it as "reviewed ..., no changes".
    """

    date: dt.date
    note: str
    path: str
    line: int


def parse_log(text: str | None, path: str) -> list[Entry]:
    """The change log's entries; a malformed entry is a SourceError with its line."""
    return [e for e in read_log(text, path) if isinstance(e, Entry)]


def read_log(text: str | None, path: str) -> list[Entry | Review]:
    """Every item of a change log: entries for versions, and recorded reviews."""
    if text is None:
        return []
    for number, raw_line in enumerate(text.split("\n"), start=1):
        # YAML refuses most of these with a message about its reader, not the file.
        _text(raw_line, "this line", path, number)
    data, lines = load_yaml(text, path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise SourceError("the change log must be a list of entries", path=path, line=1,
                          hint="start each entry with '- summary: ...'")
    return [_item(item, i, lines, path) for i, item in enumerate(data)]


def _text(value: Any, what: str, path: str, line: int) -> str:
    """A one-line text a reader sees: white space folded, no control characters."""
    if not isinstance(value, str):
        raise SourceError(f"{what} must be text", path=path, line=line,
                          hint="write it as plain words (quote it if it starts with a symbol)")
    bad = next((c for c in value if c not in "\n\t\r" and unicodedata.category(c) == "Cc"),
               None)
    if bad is not None:
        raise SourceError(f"{what} contains the control character U+{ord(bad):04X}",
                          path=path, line=line,
                          hint="delete it (it is invisible, often pasted from another program)")
    return " ".join(value.split())


def _date(value: Any, what: str, path: str, line: int) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise SourceError(f"{what} '{value}' is not a date", path=path, line=line,
                          hint="write YYYY-MM-DD")
    return value


def _review(item: dict[str, Any], i: int, lines: dict[Any, int], path: str) -> Review:
    line = lines.get((i,), 1)
    unknown = sorted(set(item) - REVIEW_KEYS)
    if unknown:
        raise SourceError(f"unknown key '{unknown[0]}' in a review", path=path,
                          line=lines.get((i, unknown[0]), line),
                          hint="a review has only 'reviewed: YYYY-MM-DD' and 'note: ...'")
    day = _date(item["reviewed"], "reviewed", path, lines.get((i, "reviewed"), line))
    note = item.get("note")
    note_text = "" if note is None else _text(note, "the note", path,
                                               lines.get((i, "note"), line))
    return Review(date=day, note=note_text, path=path, line=line)


def _item(item: Any, i: int, lines: dict[Any, int], path: str) -> Entry | Review:
    line = lines.get((i,), 1)
    if not isinstance(item, dict):
        raise SourceError("an entry must have keys", path=path, line=line,
                          hint="write '- summary: ...' and 'effective: YYYY-MM-DD'")
    if "reviewed" in item:
        return _review(item, i, lines, path)
    unknown = sorted(set(item) - ENTRY_KEYS)
    if unknown:
        raise SourceError(f"unknown key '{unknown[0]}'", path=path,
                          line=lines.get((i, unknown[0]), line),
                          hint=f"allowed: {', '.join(sorted(ENTRY_KEYS))}")
    raw = item.get("summary")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise SourceError("the entry has no summary", path=path, line=line,
                          hint="add 'summary: ...' in plain language for readers")
    summary = _text(raw, "the summary", path, lines.get((i, "summary"), line))
    effective = item.get("effective")
    if effective is not None:
        effective = _date(effective, "effective", path, lines.get((i, "effective"), line))
    version = item.get("version")
    if version is not None:
        version = str(version)
        if not VERSION_ID.fullmatch(version):
            raise SourceError(f"version '{version}' is not a version id", path=path,
                              line=lines.get((i, "version"), line),
                              hint="ids look like 2025-01-15 (see 'lexdocs versions')")
    own = item.get("effective_reason")
    own_reason = "" if own is None else _text(own, "effective_reason", path,
                                               lines.get((i, "effective_reason"), line))
    if own is not None and (not own_reason or effective is None):
        raise SourceError("effective_reason explains an effective date of its own",
                          path=path, line=lines.get((i, "effective_reason"), line),
                          hint="give both 'effective: YYYY-MM-DD' and a reason in words")
    overrides = []
    if "material" in item:
        overrides.append(_decision(None, item, (i,), lines, path))
    sections = item.get("sections") or []
    if not isinstance(sections, list):
        raise SourceError("sections must be a list", path=path,
                          line=lines.get((i, "sections"), line),
                          hint="write '- {section: <id>, material: false, reason: ...}'")
    for j, sec in enumerate(sections):
        if not isinstance(sec, dict) or not isinstance(sec.get("section"), str):
            raise SourceError("a section override needs 'section: <id>'", path=path,
                              line=lines.get((i, "sections", j), line))
        overrides.append(_decision(sec["section"], sec, (i, "sections", j), lines, path))
    return Entry(summary=summary, effective=effective, version=version,
                 overrides=tuple(overrides), path=path, line=line,
                 effective_reason=own_reason)


def _decision(section: str | None, item: dict[str, Any], key: tuple[Any, ...],
              lines: dict[Any, int], path: str) -> Decision:
    line = lines.get(key, 1)
    material = item.get("material")
    if not isinstance(material, bool):
        raise SourceError("material must be true or false", path=path,
                          line=lines.get((*key, "material"), line), hint="write true or false")
    reason = item.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise SourceError("overriding materiality needs a written reason", path=path,
                          line=lines.get((*key, "material"), line),
                          hint="add 'reason: ...' saying why, for the legal reviewer")
    return Decision(section=section, material=material,
                    reason=_text(reason, "the reason", path, lines.get((*key, "reason"), line)),
                    path=path, line=line)
