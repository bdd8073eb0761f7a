"""The working tree and the repository around it: what is tracked, changed or unmerged.

These questions are about the clone a command runs in rather than about
history: what git tracks, what a `git switch` would refuse to overwrite, which
files change when HEAD moves, and which remote a commit can be fetched from.
"""

from __future__ import annotations

from pathlib import Path

import git

from lexdocs.errors import GitError
from lexdocs.history.gitstore.core import Store, _stderr, _text


class WorkingTree(Store):
    """Questions about the clone itself: its files, branches and remotes."""

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

