"""All git access: one `git log` and one persistent `git cat-file --batch` reader.

A plugin that starts a git process per file or per commit makes builds slow in
proportion to history; here the number of processes is fixed, whatever the
size of the history. Nothing else in lexdocs runs git.

History is read as untrusted input: a committed symbolic link is refused (its
mode is read from the tree objects through the same reader), and bytes that
are not UTF-8 are one clear error naming the commit that introduced them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# GitPython looks for git when imported and, without this, explains a missing git
# in eighty lines; GitStore says it in one.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

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


class GitStore:
    """A repository seen from a project folder that may sit below its top level."""

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

    def ref_files(self) -> list[Path]:
        """The files git changes when HEAD moves (a commit, a checkout, a reset): what a
        preview watches, so the page stops calling committed text a draft."""
        common = Path(self.repo.common_dir)
        paths = [Path(self.repo.git_dir) / "HEAD", common / "refs" / "heads",
                 common / "packed-refs"]
        return [p for p in paths if p.exists()]

    def tracks(self, path: str) -> bool:
        """True if git tracks anything at or below `path` (relative to the project): such
        a file came in through a commit, so lexdocs must not take it for its own cache."""
        try:
            return bool(self.repo.git.ls_files("-z", "--", self.prefix + path))
        except git.GitCommandError as exc:
            raise GitError(f"git ls-files failed: {_stderr(exc)}",
                           hint="check that the repository is not corrupt") from exc

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
                           hint="check that the file is committed") from exc
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

    # The publication record: a branch of its own, written and read with plumbing only.

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

    def top_file(self, sha: str, name: str, limit: int) -> bytes | None:
        """The bytes of file `name` at the top level of commit `sha` (not below the
        project); None if it is not a regular file of at most `limit` bytes."""
        try:
            oid, kind, size = self.repo.git.get_object_header(f"{sha}:{name}")
        except ValueError:
            return None
        if _text(kind) != "blob" or int(size) > limit:
            return None
        return self._object(_text(oid))

    def committed_at(self, sha: str) -> int:
        """The committer date of `sha`, in seconds since 1970."""
        return int(self.repo.commit(sha).committed_date)

    def folder_names(self, sha: str, folder: str) -> list[str]:
        """The names of the regular files in top-level `folder` of commit `sha` (none if
        it has no such folder): one tree read, no file's bytes."""
        try:
            root, _, _ = self.repo.git.get_object_header(f"{sha}^{{tree}}")
        except ValueError:
            return []
        top = self._tree(_text(root)).get(folder)
        if top is None or top[0] != _TREE_MODE:
            return []
        return [name for name, (mode, _) in self._tree(top[1]).items() if mode == "100644"]

    def folder_files(self, sha: str, folder: str, names: Iterable[str],
                     limit: int) -> Iterator[tuple[str, bytes | None]]:
        """The bytes of each of `names` found in top-level `folder` of commit `sha`.

        Read one at a time through the persistent reader (no process per file,
        no more than one file in memory). The branch is untrusted: only a
        regular file (mode 100644) of at most `limit` bytes is read; any other
        entry of that name (a link, a submodule, a folder, a huge blob) is given
        as None, and everything else in the tree is never looked at.
        """
        try:
            root, _, _ = self.repo.git.get_object_header(f"{sha}^{{tree}}")
        except ValueError:
            return
        top = self._tree(_text(root)).get(folder)
        if top is None or top[0] != _TREE_MODE:
            return
        listing = self._tree(top[1])
        for name in names:
            entry = listing.get(name)
            if entry is None:
                continue
            try:
                _, kind, size = self.repo.git.get_object_header(entry[1])
            except ValueError:  # named but not in this clone
                kind, size = "missing", 0
            ok = entry[0] == "100644" and _text(kind) == "blob" and int(size) <= limit
            yield name, self._object(entry[1]) if ok else None

    def commit_files(self, branch: str, files: Mapping[str, bytes | Path],
                     message: str) -> str | None:
        """Commit a tree holding exactly `files` on local `branch`, after its current tip.

        `files` are top-level names or `folder/name`, each with its bytes or the
        file to take them from. Plumbing only (one `hash-object --stdin-paths`
        for every blob, `mktree` per folder, `commit-tree`, `update-ref`), so
        the index and working tree are never touched and a thousand PDFs cost
        a handful of processes; git stores a blob it already has once. The ref
        moves only if it still points where it was read (no lost update).
        Returns the new commit, or None when the tree is already as given.
        """
        tip = self.branch_tip(branch)
        local = f"refs/heads/{branch}"
        old = tip[1] if tip and tip[0] == local else ""
        try:
            with tempfile.TemporaryDirectory() as tmp:
                paths = []
                for i, src in enumerate(files.values()):
                    if isinstance(src, bytes):
                        (Path(tmp) / str(i)).write_bytes(src)
                        src = Path(tmp) / str(i)
                    paths.append(str(src.resolve()))
                if any("\n" in p for p in paths):
                    raise GitError("a file to record has a line break in its path",
                                   hint="move the project to a folder without one")
                blobs = self._stdin("".join(f"{p}\n" for p in paths).encode(), "hash-object",
                                    "-w", "--no-filters", "--stdin-paths").split()
            folders: dict[str, list[str]] = {}
            for name, blob in zip(files, blobs, strict=True):
                folder, _, base = name.rpartition("/")
                folders.setdefault(folder, []).append(f"100644 blob {blob}\t{base}\n")
            top = folders.pop("", [])
            for folder, entries in sorted(folders.items()):
                sub = self._stdin("".join(entries).encode(), "mktree")
                top.append(f"040000 tree {sub}\t{folder}\n")
            tree = self._stdin("".join(top).encode(), "mktree")
            if tip is not None and _text(self.repo.git.rev_parse(f"{tip[1]}^{{tree}}")) == tree:
                return None
            parents = ["-p", tip[1]] if tip else []
            # Dated by the build's clock (SOURCE_DATE_EPOCH when set, as for the pages): a
            # later build takes a version dated before it, yet unlisted, as back-dated.
            epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
            when = {f"GIT_{who}_DATE": f"{epoch} +0000" for who in ("AUTHOR", "COMMITTER")
                    } if epoch.isdigit() else {}
            with self.repo.git.custom_environment(**when):
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

    def commit_dates(self, limit: int) -> list[str]:
        """git's raw committer dates (`1700000000 -0800`) of the newest `limit`
        first-parent commits of HEAD, oldest first: the offsets say where a team works."""
        if self.head() is None:
            return []
        try:
            out = self.repo.git.log("--first-parent", f"-n{limit}", "--format=%cd",
                                    "--date=raw", "HEAD")
        except git.GitCommandError as exc:
            raise GitError(f"git log failed: {_stderr(exc)}",
                           hint="check that the repository is not corrupt") from exc
        return list(reversed(_text(out).split("\n"))) if out else []

    def untracked(self, path: str) -> list[str]:
        """Files at or below `path` (relative to the project) that git does not track and
        does not ignore, relative to the project: what a `git switch` would refuse to
        overwrite."""
        try:
            out = self.repo.git.ls_files("--others", "--exclude-standard", "-z", "--",
                                         self.prefix + path)
        except git.GitCommandError as exc:
            raise GitError(f"git ls-files failed: {_stderr(exc)}",
                           hint="check that the repository is not corrupt") from exc
        return [p.removeprefix(self.prefix) for p in _text(out).split("\0") if p]

    def unmerged_branches(self, prefix: str) -> list[str]:
        """Local branches whose name starts with `prefix` and whose tip HEAD does not
        contain yet (the current branch is never one)."""
        if self.head() is None:
            return []
        try:
            out = self.repo.git.branch("--list", f"{prefix}*", "--no-merged", "HEAD",
                                       "--format=%(refname:short)")
        except git.GitCommandError as exc:
            raise GitError(f"git branch failed: {_stderr(exc)}",
                           hint="check that the repository is not corrupt") from exc
        return sorted(_text(out).split())

    def changed(self) -> bool:
        """True if the project's files differ from HEAD: modified, staged, or new and not
        ignored. Then HEAD is not the code that runs from this folder."""
        try:
            out = self.repo.git.status("--porcelain", "--untracked-files=normal", "--",
                                       self.prefix or ".")
        except git.GitCommandError as exc:
            raise GitError(f"git status failed: {_stderr(exc)}",
                           hint="check that the repository is not corrupt") from exc
        return bool(_text(out).strip())

    def remote_with(self, sha: str) -> tuple[str, str] | None:
        """(name, URL) of a remote one of whose fetched branches holds commit `sha`, so
        that a clone from that URL can check it out: the current branch's upstream first,
        then `origin`, then the others by name. None if no remote branch holds it."""
        try:
            out = self.repo.git.branch("-r", "--contains", sha, "--format=%(refname)")
        except git.GitCommandError:
            return None  # `sha` unknown
        refs = _text(out).split()
        try:
            tracking = self.repo.active_branch.tracking_branch()
            upstream = tracking.remote_name if tracking is not None else ""
        except TypeError:  # a detached HEAD has no upstream
            upstream = ""
        names = sorted((r.name for r in self.repo.remotes), key=lambda n: (
            n != upstream, n != "origin", n))
        for name in names:
            if any(ref.startswith(f"refs/remotes/{name}/") for ref in refs):
                try:
                    return name, _text(self.repo.git.remote("get-url", name)).strip()
                except git.GitCommandError:
                    return None
        return None

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
