"""All git access: one `git log` and one persistent `git cat-file --batch` reader.

A plugin that starts a git process per file or per commit makes builds slow in
proportion to history; here the number of processes is fixed, whatever the
size of the history. Nothing else in lexdocs runs git.

History is read as untrusted input: a committed symbolic link is refused (its
mode is read from the tree objects through the same reader), and bytes that
are not UTF-8 are one clear error naming the commit that introduced them.

One package, so git access stays in one place; one module per concern, so each
stays short: `core` (the repository, its reader and one commit's files), `log`
(first-parent history), `record` (the publication record's branch), `adoption`
(a file's history replayed by `lexdocs import`) and `worktree` (the clone itself).
`GitStore` joins them into the one object callers use.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# GitPython looks for git when imported and, without this, explains a missing git
# in eighty lines; GitStore says it in one. Set here, before any module of this
# package imports git.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

from lexdocs.errors import GitError
from lexdocs.history.gitstore.adoption import Adoption, Authored, Replayed
from lexdocs.history.gitstore.core import Commit, UnsafeHistory
from lexdocs.history.gitstore.log import LogQueries, shallow_hint
from lexdocs.history.gitstore.record import RecordBranch
from lexdocs.history.gitstore.worktree import WorkingTree

__all__ = ["Authored", "Commit", "GitStore", "Replayed", "UnsafeHistory", "in_repository",
           "open_store", "shallow_hint"]


class GitStore(LogQueries, RecordBranch, Adoption, WorkingTree):
    """A repository seen from a project folder that may sit below its top level."""


@contextmanager
def open_store(project: Path) -> Iterator[GitStore]:
    """A store whose reader process ends with the block."""
    store = GitStore(project)
    try:
        yield store
    finally:
        store.close()


def in_repository(project: Path) -> bool:
    """Whether `project` lies in a git working tree: every version is dated from git, so
    outside one nothing builds, and `lexdocs init` says what to do first."""
    try:
        with open_store(project):
            return True
    except GitError:
        return False
