"""Versions from history: the dates on which the *published text* changed.

A file's last commit date is the wrong answer for a legal document: a
retention period edited in `variables.yml` changes the statement without
touching its Markdown, and reformatting YAML touches files without changing a
word. So every first-parent commit that touched the sources is rendered, and a
version begins where the rendered text differs from the one before.

What this yields (each `Version`, when it reached the branch, its id, a document's
`History`) is defined in `model`; the names are imported from here as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from lexdocs.errors import GitError, LexdocsError, RenderError
from lexdocs.history.gitstore import Commit, GitStore, UnsafeHistory, shallow_hint
from lexdocs.history.kept import Found, KeptRenders
from lexdocs.history.model import (
    DRAFT_LABEL,
    History,
    LogSnapshot,
    Version,
    _next_id,
    committed_at,
    publication_dates,
)
from lexdocs.recall import Recall
from lexdocs.render.memo import RenderMemo
from lexdocs.render.templates import render_document, render_snapshot
from lexdocs.sources.changelog import CHANGES_FILE, changes_path
from lexdocs.sources.documents import (
    Reader,
    load_document,
)
from lexdocs.sources.siteopts import (
    SITE_FILE,
    declared_home,
    declared_notice_days,
    declared_record_required,
)
from lexdocs.sources.snapshot import Snapshot, remembered, working_snapshot
from lexdocs.sources.variables import Variables, load_variables_file

log = logging.getLogger("lexdocs")
CACHE_TOP = ".cache"
CACHE_DIR = f"{CACHE_TOP}/lexdocs"
SITE_KEY = f"/{SITE_FILE}"
"""The site's mkdocs.yml among a commit's change logs: a '/' is in no document's name."""
__all__ = ["CHANGES_FILE", "DRAFT_LABEL", "History", "LogSnapshot", "Version",
           "build_histories", "load_histories"]

# Renders by (folder tree id, document): a tree id names its whole content, so an
# entry can never be stale. The plugin keeps one across `mkdocs serve` rebuilds.
RenderCache = dict[tuple[str, str], Found]
Progress = Callable[[int, int], None]


# What one document's last render read (path -> object id, None if absent), and the result.
Reads = tuple[tuple[str, str | None], ...]
LastRender = dict[str, tuple[Reads, Found]]


def renders_at(store: GitStore, commit: Commit, root: str, names: list[str],
               cache: RenderCache, newest: bool = False,
               last: LastRender | None = None,
               memo: RenderMemo | None = None,
               share: Callable[[Found], Found] | None = None) -> dict[str, Found]:
    """Each document as `commit` declared and published it; None if absent or unbuildable.

    The declaration comes from the same commit, so a baseline edited later
    cannot move an old version's date. The shared variables are read once for
    all documents. With `last` (a walk through history in order), a document
    whose every file read by its previous render is unchanged at this commit is
    not rendered again: a render depends only on what it reads, and most commits
    change one file of one document. With `memo`, a section whose inputs are unchanged
    is not rendered again either (see `RenderMemo`). With `share`, each render is
    exchanged for the one object of its content (`KeptRenders.shared`).
    """
    tree = store.tree_id(commit.sha, root)
    if tree is None:
        return dict.fromkeys(names)
    for name in names:
        prev = last.get(name) if last is not None else None
        if (tree, name) not in cache and prev is not None and _unchanged(store, commit,
                                                                         prev[0]):
            cache[(tree, name)] = prev[1]
    missing = [n for n in names if (tree, n) not in cache]
    if missing:
        seen: dict[str, str | None] = {}
        remember = remembered(store.reader(commit.sha))  # each file once, not once per use

        def read(path: str) -> str | None:
            if path not in seen:
                seen[path] = store.object_id(commit.sha, path)  # what this render depends on
            return remember(path)

        try:
            variables = load_variables_file(root, read)
        except LexdocsError as exc:
            _skipped(store, commit, exc, newest)
            variables = None
        shared = dict(seen)
        for name in missing:
            seen.clear()
            seen.update(shared)
            found = _render(store, root, name, read, variables, commit, newest, memo)
            cache[(tree, name)] = share(found) if share is not None else found
            if last is not None and cache[(tree, name)] is not None:
                last[name] = (tuple(seen.items()), cache[(tree, name)])
            elif last is not None:
                # A render that failed stopped reading midway: what it read is not all it
                # depends on, so the next commit renders afresh rather than reuse "nothing".
                last.pop(name, None)
    return {n: cache[(tree, n)] for n in names}


def _unchanged(store: GitStore, commit: Commit, reads: Reads) -> bool:
    """True if every file a render read is the same object at `commit` (a file that is
    now a link is a change: the render then meets it and says so)."""
    try:
        return all(store.object_id(commit.sha, path) == oid for path, oid in reads)
    except UnsafeHistory:
        return False


def _render(store: GitStore, root: str, name: str, read: Reader, variables: Variables | None,
            commit: Commit, newest: bool, memo: RenderMemo | None = None) -> Found:
    if variables is None:
        return None
    try:
        doc = load_document(root, name, read)
        return doc, render_document(doc, variables, root, read, memo)
    except LexdocsError as exc:
        # A commit that could not have been built published nothing.
        _skipped(store, commit, exc, newest)
        return None


def _skipped(store: GitStore, commit: Commit, exc: LexdocsError, newest: bool) -> None:
    """A commit that could not be built (a file history must not use, a template error)
    is said once, and stops the build only for a file in the newest commit: versions
    before and after it still build."""
    store.skipped.add(commit.sha)
    if newest and isinstance(exc, UnsafeHistory):
        raise exc
    if not isinstance(exc, UnsafeHistory | RenderError):  # e.g. the document is not there yet
        log.debug("skipping %s: %s", commit.sha[:10], exc)
    elif str(exc) not in store.warned:  # the newest text is judged by the working tree
        store.warned.add(str(exc))
        log.warning("skipping commit %s: %s", commit.sha[:10], exc)


def build_histories(project: Path, root: str, names: list[str], tz: ZoneInfo,
                    store: GitStore, cache: RenderCache | None = None,
                    progress: Progress | None = None,
                    snapshot: Snapshot | None = None,
                    kept: KeptRenders | None = None,
                    recall: Recall | None = None) -> dict[str, History]:
    """Histories of all `names`, from one log and one reader, whatever the history's length.

    `snapshot` is the working tree as the caller already loaded it; without one it is
    loaded here. `kept` holds the renders of earlier builds: a commit found there is
    not read or rendered again, and git's objects are read only if one is missing.
    With `recall` (a preview session), the same commits give back last build's very
    versions: what a save changes is the working tree alone."""
    snap = snapshot or working_snapshot(project, root, names)
    working = render_snapshot(snap)
    kept = kept or KeptRenders(None)
    commits = store.first_parent_log([root], kept.logs)
    if commits and store.cut_off(commits[0]):
        raise GitError(
            "this clone's history is shallow: the commit that first published the documents "
            "is not in it, so 'Last Updated' cannot be known",
            path=str(project), hint=shallow_hint())
    # Versions are a function of the commits alone (git objects never change), so the
    # commits are the whole input.
    committed = (recall or Recall()).same(
        ("histories", root, tuple(names), str(tz)), tuple(commits),
        lambda: _committed(store, root, names, tz, commits, cache, progress, kept,
                           project))
    return {name: History(name=name, versions=committed[name][0], working=working[name],
                          source=snap.documents[name], logs=committed[name][1],
                          working_log=snap.changelogs[name], sources=snap)
            for name in names}


Committed = dict[str, tuple[tuple[Version, ...], tuple[LogSnapshot, ...]]]


def _committed(store: GitStore, root: str, names: list[str], tz: ZoneInfo,
               commits: list[Commit], cache: RenderCache | None,
               progress: Progress | None, kept: KeptRenders,
               project: Path | None = None) -> Committed:
    """Each document's versions and change-log snapshots along `commits`; a render read
    back lazily (`KeptRenders.lazy`) is made again from `project`'s git if its kept
    sections are gone when drawn."""
    cache = {} if cache is None else cache
    last: LastRender = {}
    memo = RenderMemo()  # this walk's section renders; released with it
    found_at: list[dict[str, Found]] = []
    logs_at: list[dict[str, str | None]] = []
    fetched = False
    for done, commit in enumerate(commits, 1):
        hit = kept.get(commit.sha, names, (SITE_KEY,),
                       None if project is None else _render_again(project, root, commit))
        if hit is None:
            if not fetched:  # every object at once, the first time one is needed
                store.prefetch([root, SITE_FILE])  # the site's declarations too
                fetched = True
            newest = commit is commits[-1]
            hit = (renders_at(store, commit, root, names, cache, newest, last, memo,
                              kept.shared),
                   kept.shared_logs(_logs_at(store, commit, root, names,
                                             logs_at[-1] if logs_at else {}, newest)))
            if commit.sha not in store.skipped:
                kept.put(commit.sha, *hit)
        found_at.append(hit[0])
        logs_at.append(hit[1])
        if progress is not None:
            progress(done, len(commits))
    kept.save({c.sha for c in commits})
    dates = publication_dates(commits, tz)
    out: Committed = {}
    for name in names:
        versions: list[Version] = []
        logs: list[LogSnapshot] = []
        previous: str | None = None
        for commit, when, found_here, logs_here in zip(commits, dates, found_at, logs_at,
                                                       strict=True):
            found = found_here[name]
            if found is not None and found[1].fingerprint != previous:
                source, rendered = found
                previous = rendered.fingerprint
                own = committed_at(commit, tz)
                version = Version(number=len(versions) + 1, id="", commit=commit,
                                  published=when, source=source, rendered=rendered,
                                  from_baseline=not versions,
                                  commit_date=own if own < when else None,
                                  site_notice_days=declared_notice_days(logs_here[SITE_KEY]),
                                  record_required=declared_record_required(
                                      logs_here[SITE_KEY]),
                                  site_home=declared_home(logs_here[SITE_KEY]))
                versions.append(replace(version, id=_next_id(version.date, versions)))
            text = logs_here[name]
            if not logs or logs[-1].text != text:
                logs.append(LogSnapshot(version=len(versions), text=text))
        out[name] = (tuple(versions), tuple(logs))
    return out


def _render_again(project: Path, root: str, commit: Commit) -> Callable[[str], Found]:
    """One document of `commit` rendered anew, in a reader of its own: asked only when a
    kept render's sections were pruned from the cache under a running build."""
    def again(name: str) -> Found:
        from lexdocs.history.gitstore import open_store

        with open_store(project) as store:
            return renders_at(store, commit, root, [name], {})[name]
    return again


def _logs_at(store: GitStore, commit: Commit, root: str, names: list[str],
             before: dict[str, str | None], newest: bool) -> dict[str, str | None]:
    """Each document's change log at `commit`, and the site's mkdocs.yml (under a key no
    document name can be); a log git cannot read safely stays as before, and a
    mkdocs.yml it cannot read is None (the working tree's options then judge)."""
    out = {}
    for name in names:
        try:
            out[name] = store.read(commit.sha, changes_path(root, name))
        except UnsafeHistory as exc:
            _skipped(store, commit, exc, newest)
            out[name] = before.get(name)
    try:
        out[SITE_KEY] = store.read(commit.sha, SITE_FILE)
    except UnsafeHistory:
        out[SITE_KEY] = None
    return out


def load_histories(project: Path, root: str, names: list[str] | tuple[str, ...],
                   tz: ZoneInfo, cache: RenderCache | None = None,
                   progress: Progress | None = None,
                   snapshot: Snapshot | None = None,
                   kept: KeptRenders | None = None,
                   recall: Recall | None = None) -> dict[str, History]:
    """Open the repository, read every history, close the reader; `progress(done, total)`
    is called after each commit, for a progress bar. Without `kept`, renders are kept in
    the project's own cache folder (see `cache_folder`)."""
    from lexdocs.history.gitstore import open_store

    with open_store(project) as store:
        if kept is None:
            kept = KeptRenders(cache_folder(project, store))
        return build_histories(project, root, list(names), tz, store, cache, progress,
                               snapshot, kept, recall)


def project_cache(project: Path) -> Path | None:
    """The project's cache folder, or None if git tracks it (see `cache_folder`)."""
    from lexdocs.history.gitstore import open_store

    with open_store(project) as store:
        return cache_folder(project, store)


def ref_files(project: Path) -> list[Path]:
    """The files that change when the project's HEAD moves (see `GitStore.ref_files`)."""
    from lexdocs.history.gitstore import open_store

    with open_store(project) as store:
        return store.ref_files()


def cache_folder(project: Path, store: GitStore) -> Path | None:
    """`.cache/lexdocs` of the project, or None when git tracks `.cache`: a folder that
    came in through a commit is input, and an entry in it could publish text that no
    source holds."""
    if store.tracks(CACHE_TOP):
        log.warning("%s is tracked by git, so lexdocs keeps nothing in it; remove it "
                    "with 'git rm -r --cached %s'", CACHE_TOP, CACHE_TOP)
        return None
    return project / CACHE_DIR
