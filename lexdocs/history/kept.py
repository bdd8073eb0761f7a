"""Each commit's renders, kept on disk so a warm build reads history without rendering it.

A commit id names every byte of its tree, and a render depends only on the
tree and the code (see `lexdocs.cache`), so "the documents as commit X
published them" never changes: the answer is kept under X. A warm build then
runs one `git log`, reads this file, and renders only commits it has not met.

Renders repeat a lot (most commits change one section of one document), so
the store holds each distinct section, document and change log once, by the
hash of its content, and commits point at them. Decoding gives one object per
hash, shared by every commit that published it. Entries are read as commits ask
for them and written as they are made (`lexdocs.entries.EntryStore`): a build
never holds the file as a whole.
"""

from __future__ import annotations

import json
import sys
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from lexdocs.cache import decode, digest, encode
from lexdocs.entries import EntryStore
from lexdocs.errors import LexdocsError
from lexdocs.history.gitstore import Commit
from lexdocs.history.parts import KeptParts
from lexdocs.render.templates import RenderedDocument, RenderedSection
from lexdocs.sources.documents import DocumentSource, SectionSource

Found = tuple[DocumentSource, RenderedDocument] | None
Logs = dict[str, str | None]
Again = Callable[[str], Found]
"""Renders one document of the commit asked for again (from git), by its name."""
_PARTS: dict[str, type] = {"sources": SectionSource, "sections": RenderedSection}


class KeptRenders:
    """Renders by commit id, read as they are asked for and written back as they are put.

    Commits whose render met a problem are never kept: their warning must be
    given again by every build, and keeping only clean answers keeps it simple.

    With `lazy` set (a build, which remembers nothing for a next one), a document read
    back holds its sections as keys (`history.parts.KeptParts`), read when drawn: only
    the newest `DECODED` stay decoded, and one object per key while anything holds it.
    """

    DECODED = 128
    """Sections (of both kinds) a lazy reader keeps decoded, newest drawn: pages are made
    version after version, and the next version shares nearly all of its sections."""

    def __init__(self, folder: Path | None) -> None:
        self.store = EntryStore(folder, "history")
        self._objects: dict[str, Any] = {}
        # Keys of objects already kept in this process: the same render object is met
        # again for every commit that leaves its document alone.
        self._kept_docs: dict[int, tuple[Found, str]] = {}
        self._kept_parts: dict[tuple[str, Any], str] = {}
        self._kept_texts: dict[int, tuple[str, str]] = {}
        self.lazy = False
        self._parts: weakref.WeakValueDictionary[tuple[str, str], Any] = (
            weakref.WeakValueDictionary())
        self._recent: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self.hits = 0
        self.logs: dict[tuple[str, ...], list[Commit]] = {}
        """The first-parent log by HEAD, for the next preview rebuild (memory only)."""

    def get(self, sha: str, names: list[str], also: tuple[str, ...] = (),
            again: Again | None = None) -> tuple[dict[str, Found], Logs] | None:
        """What `sha` published for each of `names`, and its change logs (and the other
        files `also` names, kept with them); None if not kept. `again` renders one of
        its documents anew, for a lazy reader whose store no longer answers; without
        it, nothing read is lazy."""
        entry = self.store.get("commits", sha)
        if not isinstance(entry, dict):
            return None
        try:
            found = {n: self._doc(entry["found"][n],
                                  None if again is None else _again_for(again, n))
                     for n in names}
            logs = {n: self._text(entry["logs"][n]) for n in (*names, *also)}
        except (KeyError, TypeError, ValueError):
            return None  # another set of documents, or a damaged entry: render again
        self.hits += 1
        return found, logs

    def put(self, sha: str, found: dict[str, Found], logs: Logs) -> None:
        self.store.put("commits", sha,
                       {"found": {n: self._keep_doc(f) for n, f in found.items()},
                        "logs": {n: self._keep_text(t) for n, t in logs.items()}})

    def save(self, shas: set[str]) -> None:
        """Write what was put; commits no longer in history go, and what only they used."""
        if any(sha not in shas for sha in self.store.keys("commits")):
            self.store.keep_only("commits", shas)
            _sweep(self.store)
        self.store.flush()

    def release(self) -> None:
        """Forget what was read and decoded (after `save`): read again if asked again."""
        self.store.close()
        self._objects = {}
        self._recent.clear()
        self._kept_docs = {}
        self._kept_parts = {}
        self._kept_texts = {}

    # --- pools ---------------------------------------------------------------------------

    def _keep(self, pool: str, value: Any) -> str:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
        key = digest(text)
        self.store.put(pool, key, value, text)
        return key

    def _keep_text(self, text: str | None) -> str | None:
        if text is None:
            return None
        known = self._kept_texts.get(id(text))
        if known is not None and known[0] is text:
            return known[1]
        key = self._keep("texts", text)
        one = self._objects.setdefault(f"texts:{key}", text)
        self._kept_texts[id(one)] = (one, key)
        return key

    def _keep_part(self, pool: str, part: SectionSource | RenderedSection) -> str:
        key = self._kept_parts.get((pool, part))  # frozen, hashable: equal parts, one key
        if key is None:
            key = self._kept_parts[(pool, part)] = self._keep(pool, encode(part))
        return key

    def shared(self, found: Found) -> Found:
        """The one object of `found`'s content in this process, its sections too.

        A build with nothing kept renders every commit, and a render makes new objects
        for every section, changed or not: a thousand versions of a long policy held
        it a thousand times (17,000 sections for 846 distinct at 1,000 commits) where
        a build that reads them back holds each once. Rendered or read, now one."""
        if found is None:
            return None
        shared: tuple[DocumentSource, RenderedDocument] = self._objects[
            f"docs:{self._keep_doc(found)}"]
        return shared

    def shared_logs(self, logs: Logs) -> Logs:
        """Each change log as the one string of its content (as `shared`): read from git,
        every commit's copy of a log was a string of its own."""
        return {n: None if t is None else str(self._objects[f"texts:{self._keep_text(t)}"])
                for n, t in logs.items()}

    def _keep_doc(self, found: Found) -> str | None:
        if found is None:
            return None
        known = self._kept_docs.get(id(found))
        if known is not None and known[0] is found:
            return known[1]
        source, rendered = found
        src_keys = [self._keep_part("sources", s) for s in source.sections]
        out_keys = [self._keep_part("sections", s) for s in rendered.sections]
        src = encode(replace(source, sections=()))
        src["sections"] = src_keys
        out = encode(replace(rendered, sections=()))
        out["sections"] = out_keys
        key = self._keep("docs", {"source": src, "rendered": out})
        one = self._objects.get(f"docs:{key}")
        if one is None:  # the first of its content: made of the first of each section's
            one = self._objects[f"docs:{key}"] = (
                replace(source, sections=tuple(self._objects.setdefault(f"sources:{k}", s)
                                               for k, s in zip(src_keys, source.sections,
                                                               strict=True))),
                replace(rendered, sections=tuple(self._objects.setdefault(f"sections:{k}", s)
                                                 for k, s in zip(out_keys, rendered.sections,
                                                                 strict=True))))
        self._kept_docs[id(one)] = (one, key)
        return key

    def _object(self, pool: str, key: str, make: Any) -> Any:
        """One decoded object per content hash, shared by every commit that points at it."""
        cache_key = f"{pool}:{key}"
        if cache_key not in self._objects:
            self._objects[cache_key] = make(self.store.get(pool, key))
        return self._objects[cache_key]

    def _text(self, key: str | None) -> str | None:
        if key is None:
            return None
        return str(self._object("texts", key, lambda data: decode(str, data)))

    def part(self, pool: str, key: str) -> Any:
        """The decoded section of `key` in `pool` ("sources" or "sections"), the one object
        of it while anything holds it; KeyError if the store has none (TypeError or
        ValueError if damaged)."""
        cache_key = (pool, key)
        recent = self._recent
        one = recent.get(cache_key)  # most asks: the pages of a version draw sections in
        if one is not None:           # turn, and the next version has nearly all of them
            recent.move_to_end(cache_key)
            return one
        one = self._parts.get(cache_key)
        if one is None:
            data = self.store.get(pool, key)
            if data is None:
                raise KeyError(key)
            one = self._parts[cache_key] = decode(_PARTS[pool], data)
        recent[cache_key] = one
        if len(recent) > self.DECODED:
            recent.popitem(last=False)
        return one

    def _doc(self, key: str | None, again: Callable[[], Found] | None = None) -> Found:
        if key is None:
            return None

        def make(data: dict[str, Any]) -> tuple[DocumentSource, RenderedDocument]:
            src, out = dict(data["source"]), dict(data["rendered"])
            # One string per key, shared by every document that has the section: decoded,
            # each document's copy of each key was its own string (4 MB at 1,000 versions).
            src_keys = tuple(sys.intern(str(k)) for k in src.pop("sections"))
            out_keys = tuple(sys.intern(str(k)) for k in out.pop("sections"))
            source = decode(DocumentSource, {**src, "sections": []})
            rendered = decode(RenderedDocument, {**out, "sections": []})
            if self.lazy and again is not None and self.store.path is not None:
                return (replace(source, sections=KeptParts(
                            self, "sources", src_keys, lambda: _whole(again)[0].sections)),
                        replace(rendered, sections=KeptParts(
                            self, "sections", out_keys, lambda: _whole(again)[1].sections)))
            sources = tuple(self._object("sources", k, lambda d: decode(SectionSource, d))
                            for k in src_keys)
            sections = tuple(self._object("sections", k, lambda d: decode(RenderedSection, d))
                             for k in out_keys)
            return replace(source, sections=sources), replace(rendered, sections=sections)

        found: tuple[DocumentSource, RenderedDocument] = self._object("docs", key, make)
        return found


def _again_for(again: Again, name: str) -> Callable[[], Found]:
    return lambda: again(name)


def _whole(again: Callable[[], Found]) -> tuple[DocumentSource, RenderedDocument]:
    """The render `again` makes; a commit that kept a render renders (its text is a
    function of its tree and the code), so anything else is an error, never a page."""
    found = again()
    if found is None:
        raise LexdocsError("a kept render is gone from the cache and its commit no longer "
                           "renders; build again")
    return found


def _sweep(store: EntryStore) -> None:
    """Remove the pooled values no kept commit points at any more, read one at a time."""
    docs: set[str] = set()
    texts: set[str] = set()
    for entry in store.values("commits"):
        if isinstance(entry, dict):
            docs.update(k for k in entry.get("found", {}).values() if isinstance(k, str))
            texts.update(k for k in entry.get("logs", {}).values() if isinstance(k, str))
    sources: set[str] = set()
    sections: set[str] = set()
    for doc in store.values("docs", sorted(docs)):
        try:
            sources.update(doc["source"]["sections"])
            sections.update(doc["rendered"]["sections"])
        except (KeyError, TypeError):
            continue  # damaged: its commits miss and render again
    for pool, keys in (("docs", docs), ("texts", texts), ("sources", sources),
                       ("sections", sections)):
        store.keep_only(pool, keys)
