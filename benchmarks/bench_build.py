"""A whole site build: lexdocs' hook against bare MkDocs on the same pages, in the same run.

The baseline is MkDocs with the same theme and configuration building the
very pages lexdocs generates, written out as ordinary Markdown files with the
hook removed. The ratio is what lexdocs adds to a build (reading history,
rendering every version, redlines, the feed; PDFs come from the content-keyed
cache after the first build, as in `mkdocs serve`).

Run: `.venv/bin/python benchmarks/bench_build.py`; exits 1 on a missed target.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lexdocs.config import load_options
from lexdocs.pipeline import publishable_timelines
from lexdocs.publish.pages import SiteBuilder

RUNS = 3
TARGET_RATIO = 3.0
MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def bare_project(tmp: Path) -> Path:
    """The generated pages as plain files, and mkdocs.yml without the hook."""
    opts = load_options(ROOT)
    timelines, today = publishable_timelines(opts, lambda _: None)
    bare = tmp / "bare"
    shutil.copytree(ROOT / "docs", bare / "docs")
    if (ROOT / "overrides").exists():
        shutil.copytree(ROOT / "overrides", bare / "overrides")
    for page in SiteBuilder(opts, timelines, today).build():
        target = bare / "docs" / page.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(page.content, bytes):
            target.write_bytes(page.content)
        else:
            target.write_text(page.content, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"hooks:\n(  - .*\n)+", "", config)
    (bare / "mkdocs.yml").write_text(config, encoding="utf-8")
    return bare


def median_build(cwd: Path, out: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    times = []
    for _ in range(RUNS + 1):  # the first run warms caches and is not counted
        start = time.perf_counter()
        subprocess.run([MKDOCS, "build", "--strict", "-q", "-d", str(out)], cwd=cwd, env=env,
                       check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        bare = bare_project(Path(tmp))
        ours = median_build(ROOT, Path(tmp) / "site-lexdocs")
        base = median_build(bare, Path(tmp) / "site-bare")
    ratio = ours / base
    print(f"build: lexdocs {ours:.2f} s, bare MkDocs {base:.2f} s, ratio {ratio:.2f} "
          f"(target ≤ {TARGET_RATIO})")
    if ratio > TARGET_RATIO:
        print("build: TARGET MISSED")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
