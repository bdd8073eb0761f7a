"""Adoption: an existing file's history, replayed into the lexdocs layout.

`lexdocs import` follows a file back through its renames and writes each of
its versions as a commit on a new branch, keeping who made it and when, so the
adopted history dates versions as the old one did.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

import git

from lexdocs.errors import GitError
from lexdocs.history.gitstore.core import _FIELD, _RECORD, Store, _stderr


def _name_status(names: str) -> list[list[str]]:
    """`git log --name-status -z`'s entries for one commit: a status, then its path, or
    its two paths for a rename or copy ("R100", old, new)."""
    fields = names.lstrip("\n").split("\0")
    out: list[list[str]] = []
    i = 0
    while i < len(fields) and fields[i]:
        paths = 2 if fields[i][:1] in ("R", "C") else 1
        out.append(fields[i:i + 1 + paths])
        i += 1 + paths
    return out


class Adoption(Store):
    """Reading a file's history with its authors, and writing it again on a new branch."""

    def follow(self, path: str) -> list[tuple[Authored, str]]:
        """First-parent commits of HEAD that changed the file `path` (relative to the top
        of the repository), followed back through renames; oldest first, each with the
        path the file had then. One process, whatever the length of the history."""
        if self.head() is None:
            return []
        fmt = _FIELD.join(("%H", "%an", "%ae", "%ad", "%cn", "%ce", "%cd", "%s"))
        try:
            # -z: each path as it is, NUL-ended; without it git quotes a name that is not
            # ASCII ("Politique de confidentialit\303\251.md"), which names no file
            out = self.repo.git.log("--first-parent", "--follow", "--name-status", "-z",
                                    "--date=raw", f"--format={_RECORD}{fmt}", "HEAD", "--", path)
        except git.GitCommandError as exc:
            raise GitError(f"git log failed: {_stderr(exc)}", path=path,
                           hint="check that the file is committed") from exc
        found = []
        for record in out.split(_RECORD):
            if not record.strip():
                continue
            head, _, names = record.partition("\0")
            sha, an, ae, ad, cn, ce, cd, subject = head.split(_FIELD, 7)
            status = _name_status(names)
            if not status or status[-1][0].startswith("D"):
                continue  # deleted here: nothing was published from this commit
            found.append((Authored(sha, (an, ae, ad), (cn, ce, cd), subject), status[-1][-1]))
        found.reverse()
        return found

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

