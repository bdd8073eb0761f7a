"""Each commit's renders, kept on disk so a warm build reads history without rendering it.

A commit id names every byte of its tree, and a render depends only on the
tree and the code (see `lexdocs.cache`), so "the documents as commit X
published them" never changes: the answer is kept under X. A warm build then
runs one `git log`, reads this file, and renders only commits it has not met.

Renders repeat a lot (most commits change one section of one document), so
the file holds each distinct section, document and change log once, by the
hash of its content, and commits point at them. Decoding gives one object per
hash, shared by every commit that published it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from lexdocs.cache import JsonStore, decode, digest, encode
from lexdocs.history.gitstore import Commit
from lexdocs.render.templates import RenderedDocument, RenderedSection
from lexdocs.sources.documents import DocumentSource, SectionSource

Found = tuple[DocumentSource, RenderedDocument] | None
Logs = dict[str, str | None]


class KeptRenders:
    """Renders by commit id, loaded on first use and written back by `save`.

    Commits whose render met a problem are never kept: their warning must be
    given again by every build, and keeping only clean answers keeps it simple.
    """

    def __init__(self, folder: Path | None) -> None:
        self.store = JsonStore(folder, "history")
        self._data: dict[str, Any] | None = None
        self._objects: dict[str, Any] = {}
        # Keys of objects already kept in this process: the same render object is met
        # again for every commit that leaves its document alone.
        self._kept_docs: dict[int, tuple[Found, str]] = {}
        self._kept_parts: dict[tuple[str, Any], str] = {}
        self._changed = False
        self.hits = 0
        self.logs: dict[tuple[str, ...], list[Commit]] = {}
        """The first-parent log by HEAD, for the next preview rebuild (memory only)."""

    def _pools(self) -> dict[str, Any]:
        if self._data is None:
            data = self.store.load()
            for pool in ("sections", "sources", "texts", "docs", "commits"):
                if not isinstance(data.get(pool), dict):
                    data[pool] = {}
            self._data = data
        return self._data

    def get(self, sha: str, names: list[str], also: tuple[str, ...] = ()
            ) -> tuple[dict[str, Found], Logs] | None:
        """What `sha` published for each of `names`, and its change logs (and the other
        files `also` names, kept with them); None if not kept."""
        entry = self._pools()["commits"].get(sha)
        if not isinstance(entry, dict):
            return None
        try:
            found = {n: self._doc(entry["found"][n]) for n in names}
            logs = {n: self._text(entry["logs"][n]) for n in (*names, *also)}
        except (KeyError, TypeError, ValueError):
            return None  # another set of documents, or a damaged entry: render again
        self.hits += 1
        return found, logs

    def put(self, sha: str, found: dict[str, Found], logs: Logs) -> None:
        pools = self._pools()
        pools["commits"][sha] = {"found": {n: self._keep_doc(f) for n, f in found.items()},
                                 "logs": {n: self._keep_text(t) for n, t in logs.items()}}
        self._changed = True

    def save(self, shas: set[str]) -> None:
        """Write the file if anything was added; commits no longer in history are dropped."""
        if self._data is None:
            return
        commits = self._data["commits"]
        stale = [sha for sha in commits if sha not in shas]
        if not self._changed and not stale:
            return
        for sha in stale:
            del commits[sha]
        self.store.save(_reachable(self._data))
        self._changed = False

    def release(self) -> None:
        """Forget what was read and decoded (after `save`): read again if asked again."""
        if self._changed:
            return  # not written yet: what was added would be lost
        self._data = None
        self._objects = {}
        self._kept_docs = {}
        self._kept_parts = {}

    # --- pools ---------------------------------------------------------------------------

    def _keep(self, pool: str, value: Any) -> str:
        key = digest(json.dumps(value, sort_keys=True, ensure_ascii=False))
        self._pools()[pool].setdefault(key, value)
        return key

    def _keep_text(self, text: str | None) -> str | None:
        return None if text is None else self._keep("texts", text)

    def _keep_part(self, pool: str, part: SectionSource | RenderedSection) -> str:
        key = self._kept_parts.get((pool, part))  # frozen, hashable: equal parts, one key
        if key is None:
            key = self._kept_parts[(pool, part)] = self._keep(pool, encode(part))
        return key

    def _keep_doc(self, found: Found) -> str | None:
        if found is None:
            return None
        known = self._kept_docs.get(id(found))
        if known is not None and known[0] is found:
            return known[1]
        source, rendered = found
        src = encode(replace(source, sections=()))
        src["sections"] = [self._keep_part("sources", s) for s in source.sections]
        out = encode(replace(rendered, sections=()))
        out["sections"] = [self._keep_part("sections", s) for s in rendered.sections]
        key = self._keep("docs", {"source": src, "rendered": out})
        self._kept_docs[id(found)] = (found, key)
        return key

    def _object(self, pool: str, key: str, make: Any) -> Any:
        """One decoded object per content hash, shared by every commit that points at it."""
        cache_key = f"{pool}:{key}"
        if cache_key not in self._objects:
            self._objects[cache_key] = make(self._pools()[pool][key])
        return self._objects[cache_key]

    def _text(self, key: str | None) -> str | None:
        if key is None:
            return None
        return str(self._object("texts", key, lambda data: decode(str, data)))

    def _doc(self, key: str | None) -> Found:
        if key is None:
            return None

        def make(data: dict[str, Any]) -> tuple[DocumentSource, RenderedDocument]:
            src, out = dict(data["source"]), dict(data["rendered"])
            sources = tuple(self._object("sources", k, lambda d: decode(SectionSource, d))
                            for k in src.pop("sections"))
            sections = tuple(self._object("sections", k, lambda d: decode(RenderedSection, d))
                             for k in out.pop("sections"))
            source = decode(DocumentSource, {**src, "sections": []})
            rendered = decode(RenderedDocument, {**out, "sections": []})
            return replace(source, sections=sources), replace(rendered, sections=sections)

        found: tuple[DocumentSource, RenderedDocument] = self._object("docs", key, make)
        return found


def _reachable(data: dict[str, Any]) -> dict[str, Any]:
    """Only the pooled values some kept commit still points at."""
    docs: set[str] = set()
    texts: set[str] = set()
    for entry in data["commits"].values():
        docs.update(k for k in entry["found"].values() if k)
        texts.update(k for k in entry["logs"].values() if k)
    sources = {k for d in docs for k in data["docs"][d]["source"]["sections"]}
    sections = {k for d in docs for k in data["docs"][d]["rendered"]["sections"]}
    return {"commits": data["commits"],
            "docs": {k: data["docs"][k] for k in docs},
            "sources": {k: data["sources"][k] for k in sources},
            "sections": {k: data["sections"][k] for k in sections},
            "texts": {k: data["texts"][k] for k in texts}}
