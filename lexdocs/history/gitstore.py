"""All git access: one `git log` and one persistent `git cat-file --batch` reader.

A plugin that starts a git process per file or per commit makes builds slow in
proportion to history; here the number of processes is fixed, whatever the
size of the history. Nothing else in lexdocs runs git.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import git

from lexdocs.errors import GitError
from lexdocs.sources.documents import Reader

_FIELD = "\x1f"
_RECORD = "\x1e"
_TREE_MODE = "40000"
_BLOB_MODES = ("100644", "100755", "120000")  # a symlink is a blob too: its target's path


@dataclass(frozen=True)
class Commit:
    """One first-parent commit: the committer date is when it reached the branch."""

    sha: str
    parents: tuple[str, ...]
    committed: int
    subject: str


class GitStore:
    """A repository seen from a project folder that may sit below its top level."""

    def __init__(self, project: Path) -> None:
        try:
            self.repo = git.Repo(project, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise GitError(
                "not a git repository, so no date can be taken from history",
                path=str(project),
                hint="build from a git clone, or run 'git init' and commit policy_src/",
            ) from None
        if self.repo.working_tree_dir is None:
            raise GitError("the repository has no working tree", path=str(project),
                           hint="build from a normal clone, not a bare one")
        self.root = Path(self.repo.working_tree_dir).resolve()
        rel = project.resolve().relative_to(self.root).as_posix()
        self.prefix = "" if rel == "." else rel + "/"
        self._roots: dict[str, str] = {}
        self._trees: dict[str, dict[str, tuple[str, str]]] = {}
        self._blobs: dict[str, bytes] = {}

    def close(self) -> None:
        """End the persistent reader."""
        self.repo.close()

    def head(self) -> str | None:
        """The commit being built, or None in a repository with no commit yet."""
        try:
            return self.repo.head.commit.hexsha
        except ValueError:
            return None

    def cut_off(self, commit: Commit) -> bool:
        """True if `commit` is a shallow clone's boundary, so its real parents are unknown.

        Answered from the git directory's `shallow` file, without a process. A
        true root commit is never listed there.
        """
        shallow = Path(self.repo.git_dir) / "shallow"
        return (not commit.parents and shallow.exists()
                and commit.sha in shallow.read_text().split())

    def first_parent_log(self, paths: list[str]) -> list[Commit]:
        """First-parent commits of HEAD that touched `paths`, oldest first, in one process.

        With --first-parent, a merge is compared with its first parent only, so
        merged work is dated by the merge, as readers saw it.
        """
        if self.head() is None:
            return []
        spec = [self.prefix + p for p in paths]
        try:
            out = self.repo.git.log(
                "--first-parent", "--reverse",
                f"--format={_RECORD}%H{_FIELD}%P{_FIELD}%ct{_FIELD}%s", "HEAD", "--", *spec,
            )
        except git.GitCommandError as exc:
            raise GitError(f"git log failed: {_stderr(exc)}",
                           hint="check that the repository is not corrupt") from None
        commits = []
        for record in out.split(_RECORD):
            if not record.strip():
                continue
            sha, parents, ct, subject = record.strip("\n").split(_FIELD, 3)
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
                           hint="check that the repository is not corrupt") from None
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
        request = "".join(f"{oid}\n" for oid in sorted(wanted)).encode("ascii")
        try:
            data = subprocess.run(["git", "cat-file", "--batch"], cwd=self.root, input=request,
                                  capture_output=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError) as exc:
            raise GitError(f"git cat-file failed: {exc}",
                           hint="check that the repository is not corrupt") from None
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

    def read(self, sha: str, path: str) -> str | None:
        """The text of `path` (relative to the project) at commit `sha`, or None."""
        entry = self._lookup(sha, path)
        if entry is None or entry[0] not in _BLOB_MODES:
            return None
        return self._blob(entry[1]).decode("utf-8")

    def tree_id(self, sha: str, path: str) -> str | None:
        """The object id of a folder at a commit: equal ids, equal contents."""
        entry = self._lookup(sha, path)
        return entry[1] if entry is not None and entry[0] == _TREE_MODE else None

    def object_id(self, sha: str, path: str) -> str | None:
        """The object id of `path` at commit `sha` (None if absent): equal ids, equal contents."""
        entry = self._lookup(sha, path)
        return entry[1] if entry is not None else None

    # Reads go through caches of tree listings and blobs by object id: a history of
    # N commits that each change one file holds about N distinct blobs, not N times
    # every file, so most reads of a long history are answered without a round trip.
    def _lookup(self, sha: str, path: str) -> tuple[str, str] | None:
        """(mode, object id) of `path` at commit `sha`, or None if it is not there."""
        root = self._roots.get(sha)
        if root is None:
            try:
                oid, _, _ = self.repo.git.get_object_header(f"{sha}^{{tree}}")
            except ValueError:
                return None
            root = self._roots[sha] = _text(oid)
        entry = (_TREE_MODE, root)
        for part in (self.prefix + path).strip("/").split("/"):
            if entry[0] != _TREE_MODE:
                return None
            found = self._tree(entry[1]).get(part)
            if found is None:
                return None
            entry = found
        return entry

    def _tree(self, oid: str) -> dict[str, tuple[str, str]]:
        listing = self._trees.get(oid)
        if listing is None:
            listing = self._trees[oid] = _parse_tree(self._object(oid), len(oid) // 2)
        return listing

    def _blob(self, oid: str) -> bytes:
        data = self._blobs.get(oid)
        if data is None:
            data = self._blobs[oid] = self._object(oid)
        return data

    def _object(self, oid: str) -> bytes:
        try:
            _, _, _, data = self.repo.git.get_object_data(oid)
        except git.GitCommandError as exc:  # pragma: no cover - reader died
            raise GitError(f"reading object {oid[:10]} failed: {_stderr(exc)}") from None
        return bytes(data)

    def reader(self, sha: str) -> Reader:
        """A `Reader` over one commit's files, for `sources` and `render`."""
        return lambda path: self.read(sha, path)


def _parse_tree(data: bytes, width: int) -> dict[str, tuple[str, str]]:
    """A raw tree object as {name: (mode, object id)}; `width` is the id's length in bytes."""
    listing, i = {}, 0
    while i < len(data):
        space = data.index(b" ", i)
        nul = data.index(b"\0", space)
        name = data[space + 1:nul].decode("utf-8", "surrogateescape")
        listing[name] = (data[i:space].decode("ascii"), data[nul + 1:nul + 1 + width].hex())
        i = nul + 1 + width
    return listing


def _text(value: str | bytes) -> str:
    """GitPython answers the batch readers in bytes or str depending on the call."""
    return value.decode("ascii") if isinstance(value, bytes) else value


def _stderr(exc: git.GitCommandError) -> str:
    text = exc.stderr if isinstance(exc.stderr, str) else str(exc.stderr or exc)
    return " ".join(text.replace("stderr:", "").split()).strip(" '")


@contextmanager
def open_store(project: Path) -> Iterator[GitStore]:
    """A store whose reader process ends with the block."""
    store = GitStore(project)
    try:
        yield store
    finally:
        store.close()


def shallow_hint() -> str:
    """What to run, in words that fit both a laptop and a CI job."""
    ci = " (in CI, set the checkout's fetch depth to 0)" if os.environ.get("CI") else ""
    return f"run 'git fetch --unshallow' to fetch the full history{ci}"
