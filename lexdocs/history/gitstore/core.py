"""The store itself: the repository a project sits in, and one commit's files read from it.

Every read goes through one persistent `git cat-file --batch` reader and
through caches of tree listings and blobs by object id, so reading a file at
any commit costs no new process. The concerns built on it (the first-parent
log, the publication record, adoption, the working tree) add their queries in
the modules beside this one; `GitStore` joins them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import git

from lexdocs.errors import GitError
from lexdocs.sources.documents import MAX_SOURCE_BYTES, Reader

_FIELD = "\x1f"
_RECORD = "\x1e"  # between commits in `log` output that has no -z form here
_TREE_MODE = "40000"
_BLOB_MODES = ("100644", "100755", "120000")  # a symlink is a blob too: its target's path
_SYMLINK = "120000"
_SUBMODULE = "160000"


class UnsafeHistory(GitError):
    """A committed file lexdocs must not use: a symbolic link, or text that is not UTF-8.

    The build skips the versions that hold it (with a warning) unless it is in
    the newest commit, so one bad commit never makes later builds impossible.
    """


@dataclass(frozen=True)
class Commit:
    """One first-parent commit: the committer date is when it reached the branch."""

    sha: str
    parents: tuple[str, ...]
    committed: int
    subject: str


class Store:
    """The repository, its caches and its reader: what every query of `GitStore` builds on."""

    def __init__(self, project: Path) -> None:
        if shutil.which(os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git") is None:
            raise GitError("git is not installed or not on PATH, so no date can be taken "
                           "from history", hint="install git and run the command again")
        self._bad: dict[str, tuple[str, int | None]] = {}
        self._links: dict[str, str] = {}
        self.warned: set[str] = set()
        """Messages already shown, so each bad file in history is reported once."""
        self.skipped: set[str] = set()
        """Commits whose render met a problem: their answer is given, never kept."""
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

    def head_time(self) -> int | None:
        """When the commit being built was committed (seconds since the epoch), or None in
        a repository with no commit yet: its last activity, as GitHub's scheduler sees it."""
        try:
            return int(self.repo.head.commit.committed_date)
        except ValueError:
            return None

    def _batch(self, mode: str, oids: list[str]) -> bytes:
        """One `git cat-file` over `oids`, its whole answer."""
        request = "".join(f"{oid}\n" for oid in oids).encode("ascii")
        try:
            return subprocess.run(["git", "cat-file", mode], cwd=self.root, input=request,
                                  capture_output=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError) as exc:
            raise GitError(f"git cat-file failed: {exc}",
                           hint="check that the repository is not corrupt") from exc

    def read(self, sha: str, path: str) -> str | None:
        """The text of `path` (relative to the project) at commit `sha`, or None.

        Raises `UnsafeHistory` for a symbolic link or submodule on the way, or for
        bytes that are not UTF-8 (naming the first commit that held those bytes).
        """
        path = "/".join(part for part in path.split("/") if part != ".")
        if any(c in path for c in "\n\r\0") or any(
                part in ("", "..") for part in path.split("/")):
            raise GitError("only plain paths inside the sources can be read", path=path,
                           hint="name files by their path inside the source folder")
        entry = self._lookup(sha, path)
        if entry is None or entry[0] not in _BLOB_MODES:
            return None
        if entry[1] not in self._blobs:
            _, _, size = self.repo.git.get_object_header(entry[1])
            if int(size) > MAX_SOURCE_BYTES:
                raise UnsafeHistory(
                    f"is {int(size) // 1024} KB in commit {sha[:10]}, more than a source "
                    f"file may be ({MAX_SOURCE_BYTES // 1024} KB)", path=path,
                    hint="keep large files out of the source folder, or split the text")
        data = self._blob(entry[1])
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            key = entry[1]
            if key not in self._bad:
                self._bad[key] = (f"is not UTF-8 text (byte 0x{data[exc.start]:02x}) in commit "
                                  f"{sha[:10]}", data[:exc.start].count(b"\n") + 1)
            message, line = self._bad[key]
            raise UnsafeHistory(message, path=path, line=line,
                                hint="commit the file again saved as UTF-8") from exc

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
        parts = (self.prefix + path).strip("/").split("/")
        for i, part in enumerate(parts):
            if entry[0] != _TREE_MODE:
                return None
            found = self._tree(entry[1]).get(part)
            if found is None:
                return None
            if found[0] in (_SYMLINK, _SUBMODULE):
                what = "a symbolic link" if found[0] == _SYMLINK else "a submodule"
                where = "/".join(parts[: i + 1]).removeprefix(self.prefix)
                first = self._links.setdefault(where, sha)  # named once, where it came in
                raise UnsafeHistory(
                    f"is {what} in commit {first[:10]}; lexdocs reads only regular files",
                    path=where, hint="commit the file itself instead of the link")
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
            raise GitError(f"reading object {oid[:10]} failed: {_stderr(exc)}") from exc
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

