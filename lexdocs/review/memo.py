"""Redlines made once: in memory for a preview session, on disk for the next build.

A history of a thousand versions has a thousand redlines, and a warm build or a
preview rebuild would make every one of them again from the same two texts.
In memory they are found by the identity of the two render objects (a preview
rebuild gets the very same objects back from the render caches); on disk, by a
hash of everything a redline reads from the two texts, the overrides and the
site's address, in a file named by the code that made them (`lexdocs.cache`).

A redline draws every section, changed or not, and most sections of a long
document are the same from one version to the next: a thousand redlines of a
90 KB policy would hold the policy a thousand times. So each section's part of
a redline is kept once, by the hash of its content, and redlines point at it,
on disk and in memory alike (one object per hash, shared by every redline
that draws it). On disk, each is read when a redline asks for it and written
as it is made (`lexdocs.entries.EntryStore`), never the file as a whole.

A build (not a preview, which keeps what it made for the next save) holds of each
redline only its verdict's keys: its sections (`KeptSections`) and its changes
(`KeptChanges`) are read back from the store when asked for.
"""

from __future__ import annotations

import copy
import json
import sys
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Self, TypeVar

from lexdocs.cache import decode, digest, encode
from lexdocs.entries import EntryStore
from lexdocs.history.parts import Drawn
from lexdocs.render.templates import RenderedDocument, RenderedSection
from lexdocs.review.redline import Change, Override, Redline, SectionDiff, diff_documents

P = TypeVar("P")


class RedlineMemo:
    """Redlines by their two texts; `save` writes the ones this build used.

    Holding the render objects keeps their ids valid, so an in-memory entry can
    never answer for other text; a disk entry answers only to a content hash.
    """

    DRAWN = 256
    """Sections a lazy memo keeps decoded (the newest drawn): pages are made version
    after version, and the next redline draws nearly the same sections."""

    DECODED = 16
    """Redlines whose changes a lazy memo keeps decoded (the newest asked for): the gate,
    a history page and a feed ask a version several times in a row."""

    def __init__(self, folder: Path | None = None, size: int = 20_000) -> None:
        self.size = size
        self.lazy = False
        """Redlines read from the store draw their sections from it when asked
        (`KeptSections`), and this memo keeps only the newest `DRAWN` sections: set by a
        build that remembers nothing for a next one. A preview keeps every drawing, so
        that a save draws none again."""
        self._seen: OrderedDict[tuple[int, int, tuple[Override, ...], str],
                                tuple[RenderedDocument | None, RenderedDocument, Redline]] = (
            OrderedDict())
        self._keys: OrderedDict[int, tuple[RenderedDocument, str]] = OrderedDict()
        self._section_keys: OrderedDict[int, tuple[RenderedSection, str]] = OrderedDict()
        self.store = _store(folder)
        self._used: set[str] = set()
        self._sections: OrderedDict[str, SectionDiff] = OrderedDict()  # one per content hash
        self._changes: OrderedDict[str, tuple[Change, ...]] = OrderedDict()
        # The pool key of each section object met, so one shared by many redlines is
        # encoded and hashed once (`redline` makes an unchanged section once a process).
        self._pooled_as: OrderedDict[int, tuple[SectionDiff, str]] = OrderedDict()
        self.made = 0

    def keep_in(self, folder: Path | None) -> None:
        """Persist in `folder` from now on (the plugin makes its memo before it knows it)."""
        if self.store.path is None and folder is not None:
            self.store = _store(folder)

    def diff(self, old: RenderedDocument | None, new: RenderedDocument,
             overrides: Sequence[Override] = (), home: str = "",
             keep: bool = True) -> Redline:
        """`diff_documents(old, new, overrides, home)`, made only if never made before.

        `keep` False holds the redline in memory only: a draft's changes with every
        save in a preview, and writing them to disk each time would slow every save."""
        key = (id(old), id(new), tuple(overrides), home)
        # Keyed by content only where it can be written (a memo with no folder keeps
        # redlines in memory, by identity).
        disk = keep and self.store.path is not None
        stored = self._disk_key(old, new, overrides, home) if disk else None
        if stored is not None:
            self._used.add(stored)
        hit = self._seen.get(key)
        if hit is not None and hit[0] is old and hit[1] is new:
            return hit[2]
        redline = (self._load(stored, (old, new, tuple(overrides), home))
                   if stored is not None else None)
        if redline is None:
            redline = diff_documents(old, new, overrides, home)
            self.made += 1
            if stored is not None:
                redline, data = self._pooled(redline)
                self.store.put("redlines", stored, data)
                if self.lazy:
                    made_from = (old, new, tuple(overrides), home)
                    self._decoded(stored, tuple(redline.changes))
                    redline = replace(
                        redline, sections=KeptSections(self, tuple(data["sections"]), made_from),
                        changes=KeptChanges(self, stored, len(redline.changes), made_from))
        self._seen[key] = (old, new, redline)
        if len(self._seen) > self.size:
            self._seen.popitem(last=False)
        return redline

    def save(self, prune: bool = True) -> None:
        """Write the redlines this build used; those of texts gone from history go.

        With `prune` False only new redlines are added: a preview that took last
        build's verdicts (`lexdocs.recall`) made no redline of the versions it kept,
        so what it used is not all that history still holds."""
        used, self._used = self._used, set()
        if prune and used and any(k not in used for k in self.store.keys("redlines")):
            self.store.keep_only("redlines", used)
            # Only the sections a kept redline still draws.
            drawn = {k for v in self.store.values("redlines") if isinstance(v, dict)
                     for k in v.get("sections", ()) if isinstance(k, str)}
            self.store.keep_only("sections", drawn)
            self._sections = OrderedDict((k, v) for k, v in self._sections.items() if k in drawn)
            self._pooled_as.clear()
        self.store.flush()

    def release(self) -> None:
        """Forget every redline met and read (after `save`): read again if asked again."""
        self.store.close()
        self._seen.clear()
        self._keys.clear()
        self._section_keys.clear()
        self._pooled_as.clear()
        self._sections = OrderedDict()
        self._changes.clear()

    def _pooled(self, redline: Redline) -> tuple[Redline, dict[str, Any]]:
        """`redline` drawing the shared object of each section already met, and its disk
        entry, whose sections are keys into the pool."""
        data = encode(replace(redline, sections=()))
        keys, sections = [], []
        for section in redline.sections:
            known = self._pooled_as.get(id(section))
            if known is not None and known[0] is section:
                key = known[1]  # the very object of an earlier redline (an unchanged section)
            else:
                encoded = encode(section)
                text = json.dumps(encoded, sort_keys=True, ensure_ascii=False)
                key = digest(text)
                self.store.put("sections", key, encoded, text)
                self._pooled_as[id(section)] = (section, key)
                if len(self._pooled_as) > (self.DRAWN if self.lazy else self.size):
                    self._pooled_as.popitem(last=False)
            keys.append(key)
            sections.append(self._drawn(key, section))
        data["sections"] = keys
        return replace(redline, sections=tuple(sections)), data

    def _load(self, stored: str, made_from: _Texts) -> Redline | None:
        data = self.store.get("redlines", stored)
        if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
            return None
        try:
            # One string per key, shared by every redline that draws the section.
            keys = tuple(sys.intern(str(k)) for k in data["sections"])
            if self.lazy:  # read again when drawn (`KeptSections`, `KeptChanges`)
                count = len(data["changes"])
                redline: Redline = decode(Redline, {**data, "sections": [], "changes": []})
                return replace(redline, sections=KeptSections(self, keys, made_from),
                               changes=KeptChanges(self, stored, count, made_from))
            redline = decode(Redline, {**data, "sections": []})
            return replace(redline, sections=tuple(self.section(k) for k in keys))
        except (KeyError, TypeError, ValueError):
            return None  # damaged: made again below

    def changes(self, key: str) -> tuple[Change, ...]:
        """The changes of the stored redline `key`, decoded once while among the newest
        `DECODED` asked for. Wrong or missing data raises ValueError, TypeError or
        KeyError."""
        known = self._changes.get(key)
        if known is not None:
            self._changes.move_to_end(key)
            return known
        data = self.store.get("redlines", key)
        if not isinstance(data, dict):
            raise KeyError(key)
        return self._decoded(key, decode(tuple[Change, ...], data["changes"]))

    def _decoded(self, key: str, changes: tuple[Change, ...]) -> tuple[Change, ...]:
        self._changes[key] = changes
        if len(self._changes) > self.DECODED:
            self._changes.popitem(last=False)
        return changes

    def section(self, key: str) -> SectionDiff:
        """The shared object of a pooled section, decoded the first time it is drawn
        (again once forgotten, in a lazy memo). Wrong or missing data raises ValueError
        or TypeError."""
        section = self._sections.get(key)
        if section is None:
            return self._drawn(key, decode(SectionDiff, self.store.get("sections", key)))
        self._sections.move_to_end(key)
        return section

    def _drawn(self, key: str, section: SectionDiff) -> SectionDiff:
        """The one object of `key` from now on (the one met first, if still kept)."""
        known = self._sections.setdefault(key, section)
        if self.lazy and len(self._sections) > self.DRAWN:
            self._sections.popitem(last=False)
        return known

    def _disk_key(self, old: RenderedDocument | None, new: RenderedDocument,
                  overrides: Sequence[Override], home: str) -> str:
        return digest(self._text_key(old) if old else "", self._text_key(new),
                      repr(tuple(overrides)), home)

    def _text_key(self, doc: RenderedDocument) -> str:
        """A hash of everything a redline reads from one text, once per object."""
        known = self._keys.get(id(doc))
        if known is not None and known[0] is doc:
            return known[1]
        meta = json.dumps([doc.name, doc.slug, doc.title, doc.fingerprint,
                           sorted(doc.values.items()), sorted(doc.immaterial)],
                          ensure_ascii=False)
        key = digest(meta, *map(self._section_key, doc.sections))
        self._keys[id(doc)] = (doc, key)
        if len(self._keys) > (self.DRAWN if self.lazy else self.size):
            self._keys.popitem(last=False)
        return key

    def _section_key(self, s: RenderedSection) -> str:
        """A hash of one section of a text, once per object: the versions of a history
        share the object of each section they have alike (`history.kept`), so a thousand
        versions of a long policy hash each section once, not the policy each time."""
        known = self._section_keys.get(id(s))
        if known is not None and known[0] is s:
            return known[1]
        key = digest(json.dumps([s.id, s.title, list(s.tags), s.material, s.path,
                                 sorted(s.uses)], ensure_ascii=False), s.markdown, s.html)
        self._section_keys[id(s)] = (s, key)
        # A lazy memo keeps the newest only: holding a section keeps its text (a build
        # reads each version's sections when drawn, `history.parts`).
        if len(self._section_keys) > (self.DRAWN if self.lazy else self.size):
            self._section_keys.popitem(last=False)
        return key


_Texts = tuple[RenderedDocument | None, RenderedDocument, tuple[Override, ...], str]
"""What a redline was made from: its two texts, the overrides and the site's address."""


class _Kept(Drawn[P]):
    """Part of a kept redline, read from the memo's store each time it is drawn.

    Should the store fail to answer (removed under a running build), the redline is
    made again from the two texts it was made from, which the versions hold anyway,
    and that part of it is kept."""

    __slots__ = ("_again", "_made_from", "_memo")

    def __init__(self, memo: RedlineMemo, keys: tuple[str, ...], made_from: _Texts) -> None:
        super().__init__(keys)
        self._memo = memo
        self._made_from = made_from
        self._again: tuple[P, ...] | None = None

    def _read(self) -> tuple[P, ...]:
        raise NotImplementedError

    def _part(self, redline: Redline) -> tuple[P, ...]:
        raise NotImplementedError

    def _drawn(self) -> tuple[P, ...]:
        drawn = self._again
        if drawn is None:
            try:
                drawn = self._read()
            except (KeyError, TypeError, ValueError):
                drawn = self._again = self._part(diff_documents(*self._made_from))
        return drawn

    def _blank(self) -> Self:
        out = copy.copy(self)
        out._then = None
        return out

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            assert isinstance(other, _Kept)
            return self._keys == other._keys and self._tag == other._tag
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash((self._keys, self._tag))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)})"


class KeptSections(_Kept[SectionDiff]):
    """A kept redline's sections, as keys into the memo's pool of sections.

    A version's page draws its redline once; holding every drawing from the review to
    the pages made a build's memory grow with the history (a thousand redlines of a
    90 KB policy)."""

    __slots__ = ()

    def _read(self) -> tuple[SectionDiff, ...]:
        return tuple(self._memo.section(k) for k in self._keys)

    def _part(self, redline: Redline) -> tuple[SectionDiff, ...]:
        return tuple(redline.sections)


class KeptChanges(_Kept[Change]):
    """A kept redline's changes, as the key of its entry in the memo's store.

    The gate, the history page and the feeds ask each version for its verdicts, and its
    pages for the words of each change; held from the review to the pages, every changed
    span of a history stayed in memory (4 KB a version of a long policy). The newest
    few are kept decoded (`RedlineMemo.changes`), as a version is asked several times
    in a row."""

    __slots__ = ("_count",)

    def __init__(self, memo: RedlineMemo, key: str, count: int, made_from: _Texts) -> None:
        super().__init__(memo, (key,), made_from)
        self._count = count

    def __len__(self) -> int:
        return self._count

    def _read(self) -> tuple[Change, ...]:
        return self._memo.changes(self._keys[0])

    def _part(self, redline: Redline) -> tuple[Change, ...]:
        return tuple(redline.changes)


def _store(folder: Path | None) -> EntryStore:
    """Redlines and the sections they draw, in one store (two files before)."""
    return EntryStore(folder, "redlines", former=("redline-sections",))
