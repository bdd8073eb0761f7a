"""The publication record's branch: read and written with plumbing only.

`lexdocs record` writes what the site published on a branch of its own and
every later build reads it back. Its files sit at the top of the repository,
not below the project, and the branch is untrusted: only regular files of
bounded size are ever read. Writing never touches the index or working tree.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import git

from lexdocs.errors import GitError
from lexdocs.history.gitstore.core import _TREE_MODE, Store, _stderr, _text


class RecordBranch(Store):
    """Reads at the top level of any commit, and commits that write a whole tree."""

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

    def read_top(self, sha: str, name: str) -> bytes | None:
        """The bytes of file `name` at the top level of commit `sha` (not below the
        project): a file of another site's repository, which may be in any encoding."""
        try:
            _, kind, _, data = self.repo.git.get_object_data(f"{sha}:{name}")
        except ValueError:
            return None
        if _text(kind) != "blob":
            return None
        return bytes(data)

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

