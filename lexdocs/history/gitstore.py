"""All git access: one `git log` and one persistent `git cat-file --batch` reader.

A plugin that starts a git process per file or per commit makes builds slow in
proportion to history; here the number of processes is fixed, whatever the
size of the history. Nothing else in lexdocs runs git.

History is read as untrusted input: a committed symbolic link is refused (its
mode is read from the tree objects through the same reader), and bytes that
are not UTF-8 are one clear error naming the commit that introduced them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# GitPython looks for git when imported and, without this, explains a missing git
# in eighty lines; GitStore says it in one.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

import git

from lexdocs.errors import GitError
from lexdocs.sources.documents import Reader

_FIELD = "\x1f"
_RECORD = "\x1e"  # between commits in `follow`, whose --name-status output has no -z form here
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


class GitStore:
    """A repository seen from a project folder that may sit below its top level."""

    def __init__(self, project: Path) -> None:
        if shutil.which(os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git") is None:
            raise GitError("git is not installed or not on PATH, so no date can be taken "
                           "from history", hint="install git and run the command again")
        self._trees: dict[str, dict[str, str]] = {}
        self._bad: dict[str, tuple[str, int | None]] = {}
        self._links: dict[str, str] = {}
        self.warned: set[str] = set()
        """Messages already shown, so each bad file in history is reported once."""
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
            # NUL ends each record (-z): a subject can hold any other character.
            out = self.repo.git.log(
                "--first-parent", "--reverse", "-z",
                f"--format=%H{_FIELD}%P{_FIELD}%ct{_FIELD}%s", "HEAD", "--", *spec,
            )
        except git.GitCommandError as exc:
            raise GitError(f"git log failed: {_stderr(exc)}",
                           hint="check that the repository is not corrupt") from None
        commits = []
        for record in out.split("\0"):
            if not record.strip():
                continue
            sha, parents, ct, subject = record.strip("\n").split(_FIELD, 3)
            subject = subject.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            commits.append(Commit(sha, tuple(parents.split()), int(ct), subject))
        return commits

    def read(self, sha: str, path: str) -> str | None:
        """The text of `path` (relative to the project) at commit `sha`, or None.

        Raises `UnsafeHistory` for a symbolic link on the way, or for bytes that
        are not UTF-8 (naming the first commit that held those bytes).
        """
        path = "/".join(part for part in path.split("/") if part != ".")
        if any(c in path for c in "\n\r\0") or any(
                part in ("", "..") for part in path.split("/")):
            raise GitError("only plain paths inside the sources can be read", path=path,
                           hint="name files by their path inside the source folder")
        if not self._regular_file(sha, path):
            return None
        try:
            oid, kind, _, data = self.repo.git.get_object_data(f"{sha}:{self.prefix}{path}")
        except ValueError:
            return None
        except git.GitCommandError as exc:  # pragma: no cover - reader died
            raise GitError(f"reading {path} at {sha[:10]} failed: {_stderr(exc)}") from None
        if _text(kind) != "blob":
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            key = _text(oid)
            if key not in self._bad:
                self._bad[key] = (f"is not UTF-8 text (byte 0x{data[exc.start]:02x}) in commit "
                                  f"{sha[:10]}", data[:exc.start].count(b"\n") + 1)
            message, line = self._bad[key]
            raise UnsafeHistory(message, path=path, line=line,
                                hint="commit the file again saved as UTF-8") from None

    def _regular_file(self, sha: str, path: str) -> bool:
        """False if `path` is absent at `sha`; an error if a symbolic link is on the way.

        The mode of each part is read from its parent tree object through the
        same batch reader, so this costs no process.
        """
        parts = path.split("/")
        folder = self.prefix.rstrip("/")
        for i, name in enumerate(parts):
            mode = self._tree(sha, folder).get(name)
            if mode is None:
                return False
            if mode in (_SYMLINK, _SUBMODULE):
                what = "a symbolic link" if mode == _SYMLINK else "a submodule"
                where = "/".join(parts[: i + 1])
                first = self._links.setdefault(where, sha)  # named once, where it came in
                raise UnsafeHistory(
                    f"is {what} in commit {first[:10]}; lexdocs reads only regular files",
                    path=where,
                    hint="commit the file itself instead of the link")
            folder = f"{folder}/{name}" if folder else name
        return True

    def _tree(self, sha: str, folder: str) -> dict[str, str]:
        """Names → modes of one folder at one commit ({} if it is not a folder there)."""
        rev = f"{sha}:{folder}"
        if rev not in self._trees:
            try:
                oid, kind, _, data = self.repo.git.get_object_data(rev)
            except ValueError:
                data, kind, oid = b"", "missing", ""
            self._trees[rev] = (_parse_tree(data, len(_text(oid)) // 2)
                                if _text(kind) == "tree" else {})
        return self._trees[rev]

    def tree_id(self, sha: str, path: str) -> str | None:
        """The object id of a folder at a commit: equal ids, equal contents."""
        try:
            oid, _, _ = self.repo.git.get_object_header(f"{sha}:{self.prefix}{path}")
        except ValueError:
            return None
        return _text(oid)

    def reader(self, sha: str) -> Reader:
        """A `Reader` over one commit's files, for `sources` and `render`."""
        return lambda path: self.read(sha, path)

    # --- adoption: an existing file's history, replayed into the lexdocs layout ---------

    def follow(self, path: str) -> list[tuple[Authored, str]]:
        """First-parent commits of HEAD that changed the file `path` (relative to the top
        of the repository), followed back through renames; oldest first, each with the
        path the file had then. One process, whatever the length of the history."""
        if self.head() is None:
            return []
        fmt = _FIELD.join(("%H", "%an", "%ae", "%ad", "%cn", "%ce", "%cd", "%s"))
        try:
            out = self.repo.git.log("--first-parent", "--follow", "--name-status",
                                    "--date=raw", f"--format={_RECORD}{fmt}", "HEAD", "--", path)
        except git.GitCommandError as exc:
            raise GitError(f"git log failed: {_stderr(exc)}", path=path,
                           hint="check that the file is committed") from None
        found = []
        for record in out.split(_RECORD):
            if not record.strip():
                continue
            head, _, names = record.partition("\n")
            sha, an, ae, ad, cn, ce, cd, subject = head.split(_FIELD, 7)
            status = [line.split("\t") for line in names.splitlines() if "\t" in line]
            if not status or status[-1][0].startswith("D"):
                continue  # deleted here: nothing was published from this commit
            found.append((Authored(sha, (an, ae, ad), (cn, ce, cd), subject), status[-1][-1]))
        found.reverse()
        return found

    # The publication record: a branch that holds one file at its top level.

    def branch_tip(self, branch: str) -> tuple[str, str] | None:
        """(ref, commit) of the local `branch`, else of `origin/<branch>`, else None.

        The local branch wins: it is what `lexdocs record` just wrote and the
        deploy job pushes; a fresh CI clone has only the remote one.
        """
        for ref in (f"refs/heads/{branch}", f"refs/remotes/origin/{branch}"):
            try:
                sha = self.repo.git.rev_parse("--verify", "--quiet", f"{ref}^{{commit}}")
            except git.GitCommandError:
                continue
            if sha:
                return ref, _text(sha).strip()
        return None

    def read_top(self, sha: str, name: str) -> str | None:
        """The text of file `name` at the top level of commit `sha` (not below the project)."""
        try:
            _, kind, _, data = self.repo.git.get_object_data(f"{sha}:{name}")
        except ValueError:
            return None
        if _text(kind) != "blob":
            return None
        return data.decode("utf-8")

    def commit_single_file(self, branch: str, name: str, text: str, message: str) -> str | None:
        """Commit a tree holding only `name` on local `branch`, after its current tip.

        Git plumbing (object writes, `commit-tree`, `update-ref`) never touches the
        index or the working tree, so it is safe in a checkout with edits. The ref
        moves only if it still points where it was read (no lost update). Returns
        the new commit, or None when the file is already as given.
        """
        tip = self.branch_tip(branch)
        if tip is not None and self.read_top(tip[1], name) == text:
            return None
        parents = ["-p", tip[1]] if tip else []
        local = f"refs/heads/{branch}"
        old = tip[1] if tip and tip[0] == local else ""
        try:
            blob = self._stdin(text.encode("utf-8"), "hash-object", "-w", "--stdin")
            tree = self._stdin(f"100644 blob {blob}\t{name}\n".encode(), "mktree")
            new = _text(self.repo.git.commit_tree(tree, *parents, "-m", message)).strip()
            self.repo.git.update_ref(local, new, old)
        except git.GitCommandError as exc:
            raise GitError(f"recording on branch '{branch}' failed: {_stderr(exc)}",
                           hint="set 'git config user.name' and 'user.email', then retry"
                           ) from exc
        return new

    def _stdin(self, data: bytes, *args: str) -> str:
        """Run one git plumbing command with `data` on its standard input."""
        with tempfile.TemporaryFile() as f:
            f.write(data)
            f.seek(0)
            out = self.repo.git.execute(["git", *args], istream=f)
        return _text(out if isinstance(out, str | bytes) else str(out)).strip()
    def has_branch(self, name: str) -> bool:
        """True if the local branch `name` exists."""
        return f"refs/heads/{name}" in {ref.path for ref in self.repo.branches}

    def replay(self, branch: str, base: str, folder: str, steps: list[Replayed]) -> int:
        """Write `steps` as new commits on a new `branch` that starts at `base`.

        Each commit keeps the author and committer (names and dates) of the commit it
        replays and replaces `folder` (relative to the project) with its files; the rest
        of the tree stays as at `base`. One `git fast-import` process writes them all, and
        the branch is only created if every commit could be written.
        """
        if self.has_branch(branch):
            raise GitError(f"branch '{branch}' already exists",
                           hint=f"delete it ('git branch -D {branch}') or choose --branch")
        out = bytearray()

        def data(text: str) -> None:
            raw = text.encode("utf-8")
            out.extend(b"data %d\n" % len(raw) + raw + b"\n")

        for i, step in enumerate(steps):
            out.extend(f"commit refs/heads/{branch}\n".encode())
            for role, (name, email, when) in (("author", step.commit.author),
                                              ("committer", step.commit.committer)):
                out.extend(f"{role} {name} <{email}> {when}\n".encode())
            data(step.message)
            if i == 0:
                out.extend(f"from {base}\n".encode())
            out.extend(f"D {self.prefix}{folder}\n".encode())
            for rel, text in sorted(step.files.items()):
                out.extend(f"M 100644 inline {self.prefix}{rel}\n".encode())
                data(text)
            out.extend(b"\n")
        done = subprocess.run(["git", "fast-import", "--quiet"], input=bytes(out),
                              cwd=self.root, capture_output=True, check=False)
        if done.returncode:
            err = " ".join(done.stderr.decode("utf-8", "replace").split())[:300]
            raise GitError(f"writing branch '{branch}' failed: {err}",
                           hint="check that the repository is not corrupt")
        return len(steps)

    def resolve(self, rev: str) -> str | None:
        """The commit a revision names (branch, tag, `HEAD~2`, sha), or None if none."""
        if rev.startswith("-"):
            return None  # never let a revision be read as an option
        try:
            return _text(self.repo.git.rev_parse("--verify", "--quiet", f"{rev}^{{commit}}"))
        except git.GitCommandError:
            return None


@dataclass(frozen=True)
class Authored:
    """A commit with who made it and when (git's raw dates), so a replay can keep both."""

    sha: str
    author: tuple[str, str, str]
    committer: tuple[str, str, str]
    subject: str


@dataclass(frozen=True)
class Replayed:
    """One commit to write: the one it replays, its message, and the folder's new files."""

    commit: Authored
    message: str
    files: dict[str, str]


def _parse_tree(data: bytes, hash_size: int) -> dict[str, str]:
    """A raw tree object: entries of `<mode> <name>\\0<binary id>`."""
    entries: dict[str, str] = {}
    i = 0
    while i < len(data):
        space = data.index(b" ", i)
        nul = data.index(b"\0", space)
        name = data[space + 1:nul].decode("utf-8", "surrogateescape")
        entries[name] = data[i:space].decode("ascii")
        i = nul + 1 + hash_size
    return entries


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
