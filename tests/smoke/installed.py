"""The lexdocs installed beside the running interpreter, driven as a user drives it.

`make test` runs tests/smoke/ on its default interpreter inside the full suite, and on
every other supported Python in a fresh virtual environment holding the built wheel
(scripts/pythons.sh). So these tests never import lexdocs: they run its commands
from the interpreter's bin folder, in scratch folders, with no path to the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, Repo

BIN = Path(sys.executable).parent


def env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: nothing points Python at the source tree."""
    out = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    out.update(NO_MKDOCS_2_WARNING="1", PATH=f"{BIN}{os.pathsep}{out.get('PATH', '')}")
    out.update(extra)
    return out


def run(cwd: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """A command from this interpreter's bin folder (`lexdocs`, `mkdocs`, `pre-commit`)."""
    exe = str(BIN / args[0]) if (BIN / args[0]).exists() else args[0]
    return subprocess.run([exe, *args[1:]], cwd=cwd, env=env(**extra), capture_output=True,
                          text=True, timeout=600)


def ok(cwd: Path, *args: str, **extra: str) -> str:
    """Its standard output; the test fails with its error output when it fails."""
    done = run(cwd, *args, **extra)
    assert done.returncode == 0, f"{' '.join(args)}: {done.stderr[-3000:]}{done.stdout[-2000:]}"
    return done.stdout


def shipped_project(dest: Path) -> Repo:
    """This repository's own legal site with its history, and its sources as the working
    tree has them (a clone holds only what is committed)."""
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(dest)], check=True)
    for name in ("policy_src", "docs", "hooks"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, dirs_exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return Repo(dest)  # re-initialising a clone only sets the committer
