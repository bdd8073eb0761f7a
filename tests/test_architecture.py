"""What the layout promises and a later edit could quietly break: git is run from one
package only, so the number of git processes a build starts stays what
`lexdocs/history/gitstore` makes it, whatever the history's size."""

from __future__ import annotations

import ast
from pathlib import Path

import lexdocs

PACKAGE = Path(lexdocs.__file__).parent
GITSTORE = PACKAGE / "history" / "gitstore"
_RUNNERS = {"run", "Popen", "call", "check_call", "check_output"}


def git_uses(source: str) -> list[int]:
    """The lines of `source` that import GitPython or start a process whose program is
    git (`subprocess.run(["git", …])`)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules = [node.module or ""]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in _RUNNERS and node.args
              and isinstance(node.args[0], ast.List | ast.Tuple) and node.args[0].elts
              and isinstance(first := node.args[0].elts[0], ast.Constant)):
            modules = [str(first.value)]
        else:
            continue
        if any(m.split(".")[0] == "git" for m in modules):
            lines.append(node.lineno)
    return lines


def test_git_is_run_from_the_gitstore_package_only() -> None:
    found = {f"{path.relative_to(PACKAGE.parent)}:{line}"
             for path in PACKAGE.rglob("*.py") if GITSTORE not in path.parents
             for line in git_uses(path.read_text(encoding="utf-8"))}
    assert not found, f"git used outside lexdocs/history/gitstore: {sorted(found)}"
    assert all(git_uses(p.read_text(encoding="utf-8")) for p in (GITSTORE / "core.py",))


def test_the_check_sees_each_way_of_running_git() -> None:
    assert git_uses("import git\n") == [1]
    assert git_uses("from git.exc import GitCommandError\n") == [1]
    assert git_uses("import subprocess\nsubprocess.run(['git', 'log'])\n") == [2]
    assert git_uses("import subprocess\nsubprocess.run(['mkdocs', 'build'])\n") == []
