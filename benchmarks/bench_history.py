"""Reading history: lexdocs against bare git on the same repository, in the same run.

A repository of COMMITS commits, each changing a variable the statement uses
(the worst case: every commit is a new version), is read by
`load_histories`. The baseline is what any correct reader must at least do
with bare git: one `git log` of the source folder and one `git cat-file
--batch` that reads every source file of every commit. The ratio is what
rendering and comparing each commit costs on top; it must not grow with
history, so the run is done at two sizes and the per-commit ratio compared.

Also counted: git processes started (GIT_TRACE2), which must be equal at both
sizes.

Run: `.venv/bin/python benchmarks/bench_history.py`; exits 1 on a missed target.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lexdocs.history.versions import load_histories
from tests.conftest import Repo, write_project

SIZES = (100, 400)
RUNS = 3
TARGET_RATIO = 12.0        # lexdocs / bare git, at the larger size
TARGET_GROWTH = 1.5        # per-commit ratio, large size over small: near 1 means linear


def make_repo(root: Path, commits: int) -> Repo:
    repo = Repo(root)
    write_project(repo)
    repo.commit("first", "2024-01-01T00:00:00+00:00")
    for i in range(commits - 1):
        text = repo.read("policy_src/variables.yml")
        days = 90 + i
        repo.write("policy_src/variables.yml",
                   text.replace(f"value: {days} days", f"value: {days + 1} days"))
        repo.commit(f"edit {i}", f"2024-02-01T00:{i // 60:02d}:{i % 60:02d}+00:00")
    return repo


def bare_git(path: Path) -> None:
    """One log, then every source blob of every commit through one cat-file."""
    shas = subprocess.run(["git", "log", "--first-parent", "--format=%H", "--", "policy_src"],
                          cwd=path, capture_output=True, text=True, check=True).stdout.split()
    files = subprocess.run(["git", "ls-tree", "-r", "--name-only", "HEAD", "policy_src"],
                           cwd=path, capture_output=True, text=True, check=True).stdout.split()
    request = "".join(f"{sha}:{f}\n" for sha in shas for f in files)
    subprocess.run(["git", "cat-file", "--batch"], cwd=path, input=request.encode(),
                   capture_output=True, check=True)


def lexdocs(path: Path) -> None:
    # A fresh render cache on each call: a cold build, as CI runs it.
    load_histories(path, "policy_src", ["privacy"], ZoneInfo("UTC"))


def median_seconds(fn: object, path: Path) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn(path)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def git_processes(path: Path) -> int:
    with tempfile.NamedTemporaryFile(suffix=".trace") as trace:
        os.environ["GIT_TRACE2_EVENT"] = trace.name
        try:
            lexdocs(path)
        finally:
            del os.environ["GIT_TRACE2_EVENT"]
        return Path(trace.name).read_text().count('"event":"version"')


def main() -> int:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            repo = make_repo(Path(tmp) / f"r{size}", size)
            ours = median_seconds(lexdocs, repo.path)
            base = median_seconds(bare_git, repo.path)
            results[size] = (ours, base, git_processes(repo.path))
            print(f"history, {size} commits: lexdocs {ours:.3f} s, bare git {base:.3f} s, "
                  f"ratio {ours / base:.1f}, git processes {results[size][2]}")
    small, large = SIZES
    ratio = results[large][0] / results[large][1]
    growth = (results[large][0] / large) / (results[small][0] / small)
    print(f"history: ratio {ratio:.1f} (target ≤ {TARGET_RATIO}), per-commit growth "
          f"{growth:.2f} (target ≤ {TARGET_GROWTH})")
    ok = (ratio <= TARGET_RATIO and growth <= TARGET_GROWTH
          and results[small][2] == results[large][2])
    if not ok:
        print("history: TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
