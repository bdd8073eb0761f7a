"""Versions from history: the dates on which the *published text* changed.

A file's last commit date is the wrong answer for a legal document: a
retention period edited in `variables.yml` changes the statement without
touching its Markdown, and reformatting YAML touches files without changing a
word. So every first-parent commit that touched the sources is rendered, and a
version begins where the rendered text differs from the one before.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from lexdocs.errors import GitError, LexdocsError
from lexdocs.history.gitstore import Commit, GitStore, shallow_hint
from lexdocs.render.templates import RenderedDocument, render_document, render_tree
from lexdocs.sources.documents import (
    DocumentSource,
    Reader,
    format_date,
    load_document,
    read_working_tree,
)
from lexdocs.sources.variables import Variables, load_variables_file

log = logging.getLogger("lexdocs")
DRAFT_LABEL = "Draft — not published"
CHANGES_FILE = "changes.yml"

Found = tuple[DocumentSource, RenderedDocument] | None
# Renders by (folder tree id, document): a tree id names its whole content, so an
# entry can never be stale. The plugin keeps one across `mkdocs serve` rebuilds.
RenderCache = dict[tuple[str, str], Found]


@dataclass(frozen=True)
class Version:
    """One distinct published text, from the commit that published it."""

    number: int
    id: str
    commit: Commit
    published: dt.datetime
    source: DocumentSource
    rendered: RenderedDocument
    from_baseline: bool

    @property
    def date(self) -> dt.date:
        """The Last Updated date: the declared baseline for the first text, else the commit's."""
        if self.from_baseline and self.source.baseline:
            return self.source.baseline.date
        return self.published.date()

    @property
    def display_date(self) -> str:
        """The date as the document prints it; a month-precision baseline stays a month."""
        if self.from_baseline and self.source.baseline:
            return self.source.baseline.display()
        return format_date(self.published.date(), self.source.date_format)


@dataclass(frozen=True)
class LogSnapshot:
    """The change log as it stood from one commit on, and the version current then.

    `notice` binds each summary to the version it describes from these,
    without running git itself.
    """

    version: int
    text: str | None


@dataclass(frozen=True)
class History:
    """Every version of one document, plus what the working tree would publish now."""

    name: str
    versions: tuple[Version, ...]
    working: RenderedDocument
    source: DocumentSource
    logs: tuple[LogSnapshot, ...] = ()
    working_log: str | None = None

    @property
    def draft(self) -> bool:
        """True when uncommitted edits change what a reader would see."""
        if not self.versions:
            return True
        return self.versions[-1].rendered.fingerprint != self.working.fingerprint

    @property
    def last_updated(self) -> str:
        """The stamp: never a date for text that no commit has published."""
        return DRAFT_LABEL if self.draft else self.versions[-1].display_date


# What one document's last render read (path -> object id, None if absent), and the result.
Reads = tuple[tuple[str, str | None], ...]
LastRender = dict[str, tuple[Reads, Found]]


def renders_at(store: GitStore, commit: Commit, root: str, names: list[str],
               cache: RenderCache, last: LastRender | None = None) -> dict[str, Found]:
    """Each document as `commit` declared and published it; None if absent or unbuildable.

    The declaration comes from the same commit, so a baseline edited later
    cannot move an old version's date. The shared variables are read once for
    all documents. With `last` (a walk through history in order), a document
    whose every file read by its previous render is unchanged at this commit is
    not rendered again: a render depends only on what it reads, and most commits
    change one file of one document.
    """
    tree = store.tree_id(commit.sha, root)
    if tree is None:
        return dict.fromkeys(names)
    for name in names:
        prev = last.get(name) if last is not None else None
        if (tree, name) not in cache and prev is not None and all(
                store.object_id(commit.sha, path) == oid for path, oid in prev[0]):
            cache[(tree, name)] = prev[1]
    missing = [n for n in names if (tree, n) not in cache]
    if missing:
        seen: dict[str, str | None] = {}

        def read(path: str) -> str | None:
            seen[path] = store.object_id(commit.sha, path)
            return store.read(commit.sha, path)

        try:
            variables = load_variables_file(root, read)
        except LexdocsError as exc:
            log.debug("skipping %s: %s", commit.sha[:10], exc)
            variables = None
        shared = dict(seen)
        for name in missing:
            seen.clear()
            seen.update(shared)
            cache[(tree, name)] = _render(root, name, read, variables, commit)
            if last is not None:
                last[name] = (tuple(seen.items()), cache[(tree, name)])
    return {n: cache[(tree, n)] for n in names}


def _render(root: str, name: str, read: Reader, variables: Variables | None,
            commit: Commit) -> Found:
    if variables is None:
        return None
    try:
        doc = load_document(root, name, read)
        return doc, render_document(doc, variables, root, read)
    except LexdocsError as exc:
        # A commit that could not have been built published nothing.
        log.debug("skipping %s at %s: %s", name, commit.sha[:10], exc)
        return None


def build_histories(project: Path, root: str, names: list[str], tz: ZoneInfo,
                    store: GitStore, cache: RenderCache | None = None) -> dict[str, History]:
    """Histories of all `names`, from one log and one reader, whatever the history's length."""
    working_read = read_working_tree(project)
    _, working = render_tree(root, names, working_read)
    commits = store.first_parent_log([root])
    if commits and store.cut_off(commits[0]):
        raise GitError(
            "this clone's history is shallow: the commit that first published the documents "
            "is not in it, so 'Last Updated' cannot be known",
            path=str(project), hint=shallow_hint())
    cache = {} if cache is None else cache
    store.prefetch([root])
    last: LastRender = {}
    found_at = [renders_at(store, commit, root, names, cache, last) for commit in commits]
    out = {}
    for name in names:
        versions: list[Version] = []
        logs: list[LogSnapshot] = []
        previous: str | None = None
        log_path = f"{root}/{name}/{CHANGES_FILE}"
        for commit, found_here in zip(commits, found_at, strict=True):
            found = found_here[name]
            if found is not None and found[1].fingerprint != previous:
                source, rendered = found
                previous = rendered.fingerprint
                when = dt.datetime.fromtimestamp(commit.committed, tz)
                version = Version(number=len(versions) + 1, id="", commit=commit,
                                  published=when, source=source, rendered=rendered,
                                  from_baseline=not versions)
                versions.append(replace(version, id=_next_id(version.date, versions)))
            text = store.read(commit.sha, log_path)
            if not logs or logs[-1].text != text:
                logs.append(LogSnapshot(version=len(versions), text=text))
        doc, rendered_now = working[name]
        out[name] = History(name=name, versions=tuple(versions), working=rendered_now,
                            source=doc, logs=tuple(logs), working_log=working_read(log_path))
    return out


def _next_id(day: dt.date, earlier: list[Version]) -> str:
    """`YYYY-MM-DD`, then `-2`, `-3` for more versions that day; earlier ids never move."""
    base = day.isoformat()
    taken = {v.id for v in earlier}
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def load_histories(project: Path, root: str, names: list[str] | tuple[str, ...],
                   tz: ZoneInfo, cache: RenderCache | None = None) -> dict[str, History]:
    """Open the repository, read every history, close the reader."""
    from lexdocs.history.gitstore import open_store

    with open_store(project) as store:
        return build_histories(project, root, list(names), tz, store, cache)
