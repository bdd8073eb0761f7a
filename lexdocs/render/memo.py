"""Section renders shared by the renders of one walk through history.

A document's render is the sum of its sections', and most commits change one
section of one document: the memo gives back the sections nothing has touched.
Kept apart from `templates` so the one-shot render path stays short to read.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from lexdocs.errors import LexdocsError
from lexdocs.render.sandbox import GuardedEnvironment
from lexdocs.render.templates import (
    RenderedSection,
    _render_section,
    _TreeLoader,
    make_environment,
)
from lexdocs.sources.documents import DocumentSource, Reader
from lexdocs.sources.variables import Variables


@dataclass(frozen=True)
class _Reused:
    """A section's render and everything it read: each file's text, each name's value."""

    files: tuple[tuple[str, str], ...]
    names: tuple[tuple[str, tuple[tuple[str, str, tuple[str, ...]], ...]], ...]
    markdown: str
    html: str
    uses: frozenset[str]


def _groups(variables: Variables) -> dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]]:
    """Each top-level name's variables as (name, exact value, refs): what a template that
    looks the name up can see of it (`repr` tells 1 from 1.0 and True), and what `uses`
    expands to."""
    out: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for name, var in variables.items.items():
        out.setdefault(name.split(".", 1)[0], []).append((name, repr(var.value), var.refs))
    return {k: tuple(sorted(v)) for k, v in out.items()}


class RenderMemo:
    """Section renders shared by the renders of one walk through history.

    Most commits change one section of one document, yet a document is rendered
    whole. A section's render depends only on the files it loads (its own and its
    includes), the values of the names it looks up (noted by the checker and by the
    sandbox as it runs) and the fixed configuration: an entry is reused only when
    every one of these is the same now, so it can never be stale. Errors are never
    kept: a failing section is rendered again and reports itself. The memo also holds
    one environment per source folder, so its compiled templates serve every commit.
    Bounded: the least recently used files' entries go first.
    """

    def __init__(self, size: int = 1024, per_file: int = 8) -> None:
        self.size = size
        self.per_file = per_file
        self._entries: OrderedDict[tuple[str, str, str], list[_Reused]] = OrderedDict()
        self._envs: dict[str, GuardedEnvironment] = {}
        self.hits = 0
        self.misses = 0

    def environment(self, root: str, read: Reader) -> GuardedEnvironment:
        """The environment for `root`, now reading `read`'s tree."""
        env = self._envs.get(root)
        if env is None:
            env = self._envs[root] = make_environment(root, read)
        loader = env.loader
        assert isinstance(loader, _TreeLoader)
        loader.read = read
        return env

    def render(self, doc: DocumentSource, variables: Variables, namespace: dict[str, Any],
               root: str, read: Reader) -> tuple[RenderedSection, ...]:
        """Every section of `doc`, reused where nothing it read has changed."""
        env = self.environment(root, read)
        loader = env.loader
        assert isinstance(loader, _TreeLoader)
        groups = _groups(variables)
        out = []
        for section in doc.sections:
            try:
                text = read(section.path)
            except LexdocsError:
                text = None  # rendered below, where the failure is reported
            key = (root, section.path, text) if text is not None else None
            found = self._find(key, read, groups) if key is not None else None
            if found is not None:
                self.hits += 1
                out.append(RenderedSection(
                    id=section.id, title=section.title, tags=section.tags,
                    material=section.material, path=section.path, markdown=found.markdown,
                    html=found.html, uses=found.uses))
                continue
            self.misses += 1
            rendered, names = _render_section(env, section, namespace, variables)
            out.append(rendered)
            if key is not None:
                self._keep(key, _Reused(
                    files=tuple(sorted(loader.seen.items())),
                    names=tuple((n, groups.get(n, ())) for n in sorted(names)),
                    markdown=rendered.markdown, html=rendered.html, uses=rendered.uses))
        return tuple(out)

    def _find(self, key: tuple[str, str, str], read: Reader,
              groups: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]],
              ) -> _Reused | None:
        entries = self._entries.get(key)
        if not entries:
            return None
        self._entries.move_to_end(key)
        for entry in entries:
            if (all(groups.get(n, ()) == value for n, value in entry.names)
                    and _same_files(entry.files, read)):
                return entry
        return None

    def _keep(self, key: tuple[str, str, str], entry: _Reused) -> None:
        entries = self._entries.setdefault(key, [])
        self._entries.move_to_end(key)
        entries.insert(0, entry)
        del entries[self.per_file:]
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)


def _same_files(files: tuple[tuple[str, str], ...], read: Reader) -> bool:
    """True if every file has the same text in `read`'s tree; a file that cannot be read
    there is a change (the render then meets it and says why)."""
    try:
        return all(read(path) == text for path, text in files)
    except LexdocsError:
        return False
