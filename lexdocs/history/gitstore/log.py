"""History queries: the first-parent log of HEAD and what it takes to read it at once.

A build dates each version by the commit that brought it to the branch, so
these questions all walk HEAD's first parents, each in one `git log` process
however long the history is.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import git

from lexdocs.errors import GitError
from lexdocs.history.gitstore.core import (
    _FIELD,
    _RECORD,
    Commit,
    Store,
    _parse_tree,
    _stderr,
    _text,
)
from lexdocs.sources.documents import MAX_SOURCE_BYTES

_DELETED: dict[tuple[str, str], tuple[tuple[str, str], dict[str, str]]] = {}
"""`LogQueries.deleted`'s last answer per repository and pathspec, with the HEAD (and
shallow boundary) it holds for."""


class LogQueries(Store):
    """Questions about HEAD's first-parent history and single commits in it."""

    def cut_off(self, commit: Commit) -> bool:
        """True if `commit` is a shallow clone's boundary, so its real parents are unknown.

        Answered from the git directory's `shallow` file, without a process. A
        true root commit is never listed there.
        """
        shallow = Path(self.repo.git_dir) / "shallow"
        return (not commit.parents and shallow.exists()
                and commit.sha in shallow.read_text().split())

    def first_parent_log(self, paths: list[str],
                         known: dict[tuple[str, ...], list[Commit]] | None = None,
                         ) -> list[Commit]:
        """First-parent commits of HEAD that touched `paths`, oldest first, in one process.

        With --first-parent, a merge is compared with its first parent only, so
        merged work is dated by the merge, as readers saw it. The answer depends only
        on the HEAD commit (and a shallow clone's boundary): with `known`, a preview
        rebuild on the same HEAD asks git nothing.
        """
        head = self.head()
        if head is None:
            return []
        shallow = Path(self.repo.git_dir) / "shallow"
        key = (head, *paths, shallow.read_text() if shallow.exists() else "")
        if known is not None and key in known:
            return known[key]
        commits = self._first_parent_log(paths)
        if known is not None:
            known.clear()  # only the newest HEAD is worth keeping
            known[key] = commits
        return commits

    def _first_parent_log(self, paths: list[str]) -> list[Commit]:
        spec = [self.prefix + p for p in paths]
        try:
            # NUL ends each record (-z): a subject can hold any other character.
            out = self.repo.git.log(
                "--first-parent", "--reverse", "-z",
                f"--format=%H{_FIELD}%P{_FIELD}%ct{_FIELD}%s", "HEAD", "--", *spec,
            )
        except git.GitCommandError as exc:
            raise GitError(f"git log failed: {_stderr(exc)}",
                           hint="check that the repository is not corrupt") from exc
        commits = []
        for record in out.split("\0"):
            if not record.strip():
                continue
            sha, parents, ct, subject = record.strip("\n").split(_FIELD, 3)
            subject = subject.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            commits.append(Commit(sha, tuple(parents.split()), int(ct), subject))
        return commits

    def prefetch(self, paths: list[str]) -> None:
        """Load every tree and blob that `paths` ever held on the first-parent line, at once.

        One `git log --raw` names the objects each commit changed, and one
        pipelined `git cat-file --batch` reads them all: the least any reader of
        this history must do. Afterwards a walk through history asks git nothing,
        instead of a round trip per commit and per changed file.
        """
        if self.head() is None:
            return
        spec = [self.prefix + p for p in paths]
        try:
            out = self.repo.git.log("--first-parent", "--raw", "-t", "--no-abbrev",
                                    "--no-renames", f"--format={_RECORD}%H %T", "HEAD",
                                    "--", *spec)
        except git.GitCommandError as exc:
            raise GitError(f"git log failed: {_stderr(exc)}",
                           hint="check that the repository is not corrupt") from exc
        wanted: set[str] = set()
        for record in out.split(_RECORD):
            lines = record.strip("\n").splitlines()
            if not lines:
                continue
            sha, root = lines[0].split()
            self._roots[sha] = root
            wanted.add(root)
            for line in lines[1:]:
                if line.startswith(":"):
                    oid = line.split()[3]
                    if oid.strip("0"):
                        wanted.add(oid)
        wanted -= self._trees.keys() | self._blobs.keys()
        if not wanted:
            return
        # Sizes first: a blob larger than any source may be (a file committed beside the
        # sources, never included) is never read; `read` refuses it if a document uses it.
        small = [line.split()[0] for line in self._batch("--batch-check", sorted(wanted))
                 .decode("ascii").splitlines()
                 if len(line.split()) == 3 and int(line.split()[2]) <= MAX_SOURCE_BYTES]
        if not small:
            return
        data = self._batch("--batch", small)
        pos = 0
        while pos < len(data):
            end = data.index(b"\n", pos)
            header = data[pos:end].split()
            pos = end + 1
            if len(header) != 3:  # "<oid> missing"
                continue
            oid, kind, size = header[0].decode("ascii"), header[1], int(header[2])
            body = data[pos:pos + size]
            pos += size + 1
            if kind == b"tree":
                self._trees[oid] = _parse_tree(body, len(oid) // 2)
            elif kind == b"blob":
                self._blobs[oid] = body

    def commit_dates(self, limit: int, rev: str = "HEAD", path: str | None = None) -> list[str]:
        """git's raw committer dates (`1700000000 -0800`) of the newest `limit`
        first-parent commits of `rev` (those that changed `path`, relative to the
        project, if given), oldest first: the offsets say where a team works."""
        sha = self.resolve(rev)
        if sha is None:
            return []
        where = ["--", f"{self.prefix}{path}".rstrip("/") or "."] if path else []
        try:
            out = self.repo.git.log("--first-parent", f"-n{limit}", "--format=%cd",
                                    "--date=raw", sha, *where)
        except git.GitCommandError as exc:
            raise GitError(f"git log failed: {_stderr(exc)}",
                           hint="check that the repository is not corrupt") from exc
        return list(reversed(_text(out).split("\n"))) if out else []

    def deleted(self, pathspec: str) -> dict[str, str]:
        """Each path matching `pathspec` (relative to the project) that a first-parent
        commit of HEAD deleted, with the newest commit that did, in one process. The
        answer depends only on HEAD (and a shallow clone's boundary), so a preview's
        saves on the same HEAD ask git nothing: the walk is the whole history's."""
        head = self.head()
        if head is None:
            return {}
        shallow = Path(self.repo.git_dir) / "shallow"
        key = (str(self.repo.git_dir), self.prefix + pathspec)
        state = (head, shallow.read_text() if shallow.exists() else "")
        hit = _DELETED.get(key)
        if hit is not None and hit[0] == state:
            return dict(hit[1])
        try:
            out = self.repo.git.log("--first-parent", "--diff-filter=D", "--name-only",
                                    "--no-renames", "-z", f"--format={_RECORD}%H", "HEAD",
                                    "--", self.prefix + pathspec)
        except git.GitCommandError as exc:
            raise GitError(f"git log failed: {_stderr(exc)}",
                           hint="check that the repository is not corrupt") from exc
        found: dict[str, str] = {}
        for record in out.split(_RECORD):
            sha, *names = [n.strip("\n") for n in record.split("\0") if n.strip("\n")] or [""]
            for name in names:
                found.setdefault(name.removeprefix(self.prefix), sha)
        _DELETED[key] = (state, found)
        return dict(found)

    def committed(self, sha: str) -> dt.datetime:
        """When commit `sha` was committed, with the committer's own offset."""
        return self.repo.commit(sha).committed_datetime

    def resolve(self, rev: str) -> str | None:
        """The commit a revision names (branch, tag, `HEAD~2`, sha), or None if none."""
        if rev.startswith("-"):
            return None  # never let a revision be read as an option
        try:
            return _text(self.repo.git.rev_parse("--verify", "--quiet", f"{rev}^{{commit}}"))
        except git.GitCommandError:
            return None


def shallow_hint() -> str:
    """What to run, in words that fit both a laptop and a CI job."""
    ci = " (in CI, set the checkout's fetch depth to 0)" if os.environ.get("CI") else ""
    return f"run 'git fetch --unshallow' to fetch the full history{ci}"
