"""`make bench`: lexdocs against bare MkDocs and bare git, at growing history lengths.

Two kinds of history (benchmarks/generate.py: three documents, most commits a new
version): the friendly one, short documents, at each size N in
`LEXDOCS_BENCH_SIZES` (commits; 100,1000 by default, add 5000 for the long one);
and the big one, documents the size of real policies (50-100 KB, sections added,
rewritten and removed), at each size in `LEXDOCS_BENCH_BIG_SIZES` (1000 by
default; 1000,5000 on request; empty for none). Every figure is the median of
several runs (`LEXDOCS_BENCH_RUNS`, 3 by default) next to a baseline timed in the
same run on the same machine:

- the first build a history ever has (nothing recorded, nothing cached: every
  commit rendered, a PDF of each version in force or pending); then `lexdocs
  record`, as the deploy job runs it; then a few more commits and the cold
  build CI makes of them on a fresh `git clone` (empty `.cache`, the record
  branch fetched with the clone); and the warm
  build, against bare MkDocs building the very same pages written out as plain
  Markdown (archived versions and redlines included, same theme, same menu);
- the preview loop: from saving a section to the served page showing it (polled
  over HTTP), against the same loop in the bare MkDocs project; and the same on
  each other engine with a live server, next to its own bare serve
  (benchmarks/engines.py: Zensical, ProperDocs);
- cold PDF cost per version, and peak memory (largest process, maxrss);
- history read (`load_histories`) against the git floor: one `git log` and one
  `git cat-file --batch` of every source blob the history holds; both as a build
  reads it (renders of known commits kept in `.cache/lexdocs`) and the first
  time (every commit rendered);
- where the time goes: one warm build and one preview save, sampled by phase
  (history, review, pages, engine; benchmarks/phases.py), written to
  `benchmarks/out/KIND-N-phases.json` and summed up in the report.

Each size's figures are written to `benchmarks/out/KIND-N.json` as soon as they are
measured, so a long run that is stopped still reports what it measured; then
`benchmarks/RESULTS.md` is rewritten from every JSON present, and a plot of time
against history length is saved as `benchmarks/out/scaling.png` (not committed).
`python benchmarks/run.py --report` only rewrites the report from the JSON.
Exits 1 when a ratio misses its target.

Peak memory must be flat in the number of versions (issue 24: a version's text is
not held once its pages are made): on the big history the warm build's peak is also
measured at a quarter of the size, and the row gives the growth per version next to
bare MkDocs' own. `LEXDOCS_BENCH_ONLY=memory` measures only that (first, warm and bare
builds at both sizes, no preview loop), in minutes rather than hours.

`LEXDOCS_BENCH_ONLY=preview` measures only the preview loops (lexdocs and bare
MkDocs, then each other engine) and the phase profile of one save, on a freshly
generated history: no first, cold or warm build, so no PDF is rendered. Its figures
replace the preview figures of `benchmarks/out/KIND-N.json` when that file exists
(the row then says when the preview was measured, and under what load); otherwise
they are written to `KIND-N-preview.json` and printed, and the report is left alone.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import yaml
from generate import DOCUMENTS, PROFILES, generate
from phases import table

from lexdocs.cache import code_fingerprint
from lexdocs.config import load_options
from lexdocs.engines.guard import NAME as GUARD
from lexdocs.history.kept import KeptRenders
from lexdocs.history.versions import load_histories
from lexdocs.pipeline import publishable_timelines
from lexdocs.publish.output import DeferredPdfs
from lexdocs.publish.sitepage import navigation
from lexdocs.sources.snapshot import working_snapshot

OUT = HERE / "out"
NOTES = "<!-- notes: kept when the tables above are written again -->"
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
LEXDOCS = str(Path(sys.executable).parent / "lexdocs")
NEW_SINCE_DEPLOY = 3  # commits made after the last deploy, before CI builds on a fresh clone
PREVIEW_SAVES = 7  # saves timed in each preview loop (cheap, and noisier than a build)
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))

# (metric, target ratio, the sizes at which the target applies; None = every size)
Targets = dict[str, tuple[float, tuple[int, ...] | None]]
TARGETS: Targets = {  # the friendly history
    "preview_s": (1.0, (1000,)),        # seconds, absolute
    "cold_vs_warm": (2.0, (1000,)),
    "warm_vs_bare": (1.5, None),
    "peak_mb": (300.0, (1000,)),        # MB, absolute
    "history_vs_git": (3.0, None),
}
BIG_TARGETS: Targets = {  # documents the size of real policies (issue 24)
    "preview_s": (0.5, (1000, 5000)),   # seconds, absolute
    "cold_vs_warm": (1.5, (1000, 5000)),
    "warm_vs_bare": (1.2, (1000, 5000)),
    "peak_vs_bare": (1.2, (1000, 5000)),  # largest process against bare MkDocs'
    "first_vs_warm": (3.0, (1000, 5000)),
    "history_vs_git": (3.0, None),
    # MB of peak memory per version more (warm build, largest process), between a quarter
    # of the history and all of it: flat, but for each version's metadata and the kept
    # renders and redlines read from .cache/lexdocs (bare MkDocs: ~0.45 at 1,000 commits)
    "mb_per_version": (0.1, None),
}
KIND_TARGETS = {"friendly": TARGETS, "big": BIG_TARGETS}
KIND_TITLES = {"friendly": "friendly history (short documents)",
               "big": "big history (documents of 50-100 KB, as real policies)"}


# --- baselines ------------------------------------------------------------------------------
def git_floor(path: Path) -> None:
    """What any reader of this history must at least do: one log, every source blob once."""
    log = subprocess.run(["git", "log", "--first-parent", "--raw", "--no-abbrev",
                          "--format=%H", "--", "policy_src"], cwd=path, capture_output=True,
                         text=True, check=True).stdout
    blobs = {line.split()[3] for line in log.splitlines() if line.startswith(":")}
    blobs.discard("0" * 40)
    request = "".join(f"{oid}\n" for oid in sorted(blobs))
    subprocess.run(["git", "cat-file", "--batch"], cwd=path, input=request.encode(),
                   capture_output=True, check=True)


def read_history(path: Path, kept: bool = True) -> None:
    """One history read, in memory from nothing each call. With `kept`, as a build reads
    it: with the renders the last build kept in `.cache/lexdocs`; without, the first
    read of this history on this machine (every commit rendered)."""
    load_histories(path, "policy_src", list(DOCUMENTS), ZoneInfo("UTC"),
                   kept=None if kept else KeptRenders(None))


def bare_project(project: Path, bare: Path) -> int:
    """The pages lexdocs generates, as plain Markdown in a MkDocs project without it.

    Same theme, configuration and menu; the number of pages is returned.
    """
    opts = load_options(project)
    timelines, today = publishable_timelines(opts, lambda _: None)
    builder = DeferredPdfs(opts, timelines, today)  # the PDFs are lexdocs' extra work
    pages = builder.build()
    shutil.copytree(project / "docs", bare / "docs")
    if (project / "overrides").exists():
        shutil.copytree(project / "overrides", bare / "overrides")
    count = 0
    for page in pages:
        if page.uri in builder.jobs:
            continue
        target = bare / "docs" / page.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(page.content, bytes):
            target.write_bytes(page.content)
        else:
            target.write_text(page.content, encoding="utf-8")
            count += page.uri.endswith(".md")
    snapshot = working_snapshot(opts.project, opts.source_dir, opts.documents)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"  - lexdocs:\n(      .*\n)+", "", config)
    config = re.sub(r"hooks:\n(  - .*\n)+", "", config)
    config = config.replace(f"  - {GUARD}\n", "")  # it stops builds lexdocs does not drive
    config += "\n" + yaml.safe_dump({"nav": navigation(snapshot)}, allow_unicode=True)
    (bare / "mkdocs.yml").write_text(config, encoding="utf-8")
    return count


# --- measuring ------------------------------------------------------------------------------
def timed_build(cwd: Path, out: Path) -> tuple[float, float, float]:
    """`timed` for one `mkdocs build --strict` into `out`."""
    return timed(cwd, (MKDOCS, "build", "--strict", "-q", "-d", str(out)))


def timed(cwd: Path, command: tuple[str, ...], env: dict[str, str] | None = None
          ) -> tuple[float, float, float]:
    """(seconds, peak MB of the largest process, CPU-seconds of every process) of one
    build `command` (any engine's): on a shared machine the wall time grows with the
    load, the CPU time much less."""
    wrapper = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
               "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(r.ru_maxrss, r.ru_utime + r.ru_stime)")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", wrapper, *command], cwd=cwd,
                          env=env or ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build failed in {cwd}:\n{done.stderr[-3000:]}")
    unchanged_code()
    maxrss, cpu = done.stdout.split()[-2:]
    return seconds, int(maxrss) / 1024, float(cpu)


STARTED_WITH = code_fingerprint()
"""The code every figure of this run is of (see `unchanged_code`)."""


def unchanged_code() -> None:
    """Stop the run if lexdocs' code changed since it started (an editable install whose
    checkout someone edits or merges into): every cache is keyed by the code, so a
    "warm" build timed after the change is a first build, and its figure a false one."""
    if code_fingerprint.__wrapped__() != STARTED_WITH:
        raise SystemExit("lexdocs' code changed while the benchmark ran, so its caches no "
                         "longer apply; run it again from a checkout nobody edits meanwhile")


def median_of(runs: int, fn: Callable[[], float]) -> float:
    return statistics.median(fn() for _ in range(runs))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, needle: str, timeout: float) -> float:
    """Seconds until `url` serves a page containing `needle` (polled every 50 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if needle in response.read().decode("utf-8"):
                    return time.perf_counter() - start
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} never showed {needle!r} within {timeout:.0f} s")


def preview_loop(cwd: Path, runs: int, save: Callable[[str], object], first: str,
                 mkdocs: tuple[str, ...] = (MKDOCS,), serve: tuple[str, ...] = (),
                 env: dict[str, str] = ENV,
                 first_seen: Callable[[], object] = lambda: None) -> float:
    """Median seconds from a save to the served page showing it, under `mkdocs serve`
    (run as `mkdocs`: the command, or one that runs it, such as phases.py), or under
    another engine's `serve` command (benchmarks/engines.py)."""
    port = free_port()
    log = (cwd / "serve.log").open("w")
    command = serve or (*mkdocs, "serve", "--livereload")
    server = subprocess.Popen([*command, "-a", f"127.0.0.1:{port}"],
                              cwd=cwd, env=env, stdout=log, stderr=log, start_new_session=True)
    url = f"http://127.0.0.1:{port}/legal/privacy/"
    try:
        wait_for(url, first, 3600)
        first_seen()
        times = []
        for i in range(runs):
            marker = f"preview-{i}-{time.monotonic_ns()}"
            start = time.perf_counter()
            save(marker)
            wait_for(url, marker, 3600)
            times.append(time.perf_counter() - start)
            print(f"      save {i + 1}: {times[-1]:.2f} s", flush=True)
            time.sleep(1.0)  # let the server settle before the next save
        unchanged_code()
        return statistics.median(times)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log.close()


def phases(project: Path, work: Path, save: Callable[[str], object],
           out: Path, build: bool = True) -> dict[str, dict[str, Any]]:
    """Where the time goes: a warm build (unless not `build`), and one preview save after
    a first one, each sampled by phase (benchmarks/phases.py); every profile is written
    to `out`."""
    profiler = (sys.executable, str(HERE / "phases.py"))
    # The saves of the timed loop left a draft: start from the committed text again.
    subprocess.run(["git", "checkout", "-q", "--", "policy_src"], cwd=project, check=True)
    profiles: dict[str, Any] = {}
    made: dict[str, dict[str, Any]] = {}
    if build:
        builds = work / "phases-build.json"
        subprocess.run([*profiler, str(builds), "--", "build", "--strict", "-q", "-d",
                        str(work / "site-warm")], cwd=project, env=ENV, check=True,
                       capture_output=True)
        profiles["builds"] = json.loads(builds.read_text())
        made["warm build"] = profiles["builds"][-1]
    serves = work / "phases-serve.json"
    preview_loop(project, 2, save, "Last Updated", (*profiler, str(serves), "--"))
    profiles["serve (first build, then one per save)"] = json.loads(serves.read_text())
    made["preview save"] = profiles["serve (first build, then one per save)"][-1]
    out.write_text(json.dumps(profiles, indent=2))
    return made


def load_now(result: dict[str, Any]) -> None:
    """Note the machine's load (1-minute average): on a shared machine the seconds
    wander with it, and the report says how busy the run was."""
    if hasattr(os, "getloadavg"):
        result.setdefault("load", []).append(round(os.getloadavg()[0], 1))


def peak_at(n: int, work: Path, runs: int, kind: str) -> dict[str, Any]:
    """Peak memory of the warm build (largest process; the most of `runs`) and its CPU
    time (median), next to bare MkDocs' for the same pages, on a history of `n` commits."""
    print(f"   memory at {n} commits: generating, first build", flush=True)
    project = generate(work / "lexdocs", n, pdf=True, profile=kind).path
    timed_build(project, work / "site")  # renders, redlines and PDFs, kept for the next
    pages = bare_project(project, work / "bare")
    opts = load_options(project)
    timelines, _ = publishable_timelines(opts, lambda _: None)
    versions = sum(len(t.notices) for t in timelines.values())
    del timelines
    warm = [timed_build(project, work / "site") for _ in range(runs)]
    bare = [timed_build(work / "bare", work / "site-bare") for _ in range(runs)]
    return {"commits": n, "versions": versions, "pages": pages,
            "warm_mb": max(mb for _, mb, _ in warm),
            "warm_cpu_s": statistics.median(c for _, _, c in warm),
            "bare_mb": max(mb for _, mb, _ in bare)}


def memory_growth(small: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    """What a version more costs at the peak: lexdocs' warm build and bare MkDocs'."""
    more = max(1, large["versions"] - small["versions"])
    return {"at": [small, large],
            "mb_per_version": (large["warm_mb"] - small["warm_mb"]) / more,
            "bare_mb_per_version": (large["bare_mb"] - small["bare_mb"]) / more}


def measure_memory(n: int, work: Path, runs: int, kind: str = "big") -> dict[str, Any]:
    """Only the memory row (`LEXDOCS_BENCH_ONLY=memory`): a quarter of `n`, then `n`."""
    print(f"== {KIND_TITLES[kind]}, {n} commits: peak memory only", flush=True)
    small = peak_at(max(1, n // 4), work / "quarter", runs, kind)
    large = peak_at(n, work / "whole", runs, kind)
    return {"commits": n, "runs": runs, "kind": kind, "memory": memory_growth(small, large)}


def measure(n: int, work: Path, runs: int, kind: str = "friendly") -> dict[str, Any]:
    print(f"== {KIND_TITLES[kind]}, {n} commits: generating", flush=True)
    g = generate(work / "lexdocs", n - NEW_SINCE_DEPLOY, pdf=True, profile=kind)
    project = g.path
    result: dict[str, Any] = {"commits": n, "runs": runs, "kind": kind}

    # The first build this history ever has: nothing recorded, nothing cached.
    load_now(result)
    print("   first build ever (every commit rendered)", flush=True)
    result["first_s"], result["first_mb"], result["first_cpu_s"] = timed_build(
        project, work / "site-first")
    # The deploy job records what it published (versions.json and the PDFs) ...
    start = time.perf_counter()
    subprocess.run([LEXDOCS, "record"], cwd=project, env=ENV, check=True, capture_output=True)
    result["record_s"] = time.perf_counter() - start
    # ... then work goes on: a few commits later, CI builds them on a fresh clone.
    while g.commits < n:
        g.step()
    result["kinds"] = dict(g.kinds)
    result["edits"] = dict(g.edits)
    result["document_kb"] = {d: b / 1000 for d, b in g.document_bytes().items()}
    clone = work / "clone"
    subprocess.run(["git", "clone", "-q", str(project), str(clone)], check=True)
    load_now(result)
    print("   cold build: a fresh clone, as CI builds", flush=True)
    result["cold_s"], result["cold_mb"], result["cold_cpu_s"] = timed_build(
        clone, work / "site-cold")
    shutil.rmtree(clone)

    load_now(result)
    print("   history read", flush=True)
    timed_build(project, work / "site-warm")  # the new commits' PDFs and renders, kept
    result["history_first_s"] = median_of(runs, lambda: _time(
        lambda: read_history(project, kept=False)))
    result["history_s"] = median_of(runs, lambda: _time(lambda: read_history(project)))
    result["git_floor_s"] = median_of(runs, lambda: _time(lambda: git_floor(project)))

    bare = work / "bare"
    result["pages"] = bare_project(project, bare)
    opts = load_options(project)
    timelines, _ = publishable_timelines(opts, lambda _: None)
    result["versions"] = sum(len(t.notices) for t in timelines.values())
    del timelines
    load_now(result)
    print(f"   {result['versions']} versions, {result['pages']} pages; warm builds", flush=True)
    warm = [timed_build(project, work / "site-warm") for _ in range(runs)]
    result["warm_s"] = statistics.median(s for s, _, _ in warm)
    result["warm_mb"] = max(mb for _, mb, _ in warm)
    result["warm_cpu_s"] = statistics.median(c for _, _, c in warm)
    load_now(result)
    print(f"   warm {result['warm_s']:.1f} s; bare MkDocs builds", flush=True)
    base = [timed_build(bare, work / "site-bare") for _ in range(runs)]
    result["bare_s"] = statistics.median(s for s, _, _ in base)
    result["bare_mb"] = max(mb for _, mb, _ in base)
    result["bare_cpu_s"] = statistics.median(c for _, _, c in base)
    result["pdf_per_version_s"] = max(0.0, result["first_s"] - result["warm_s"]) / max(
        1, result["versions"])

    load_now(result)
    print(f"   bare {result['bare_s']:.1f} s; preview loops", flush=True)
    # A save is seen at MkDocs' next poll of the files (every 0.5 s), so one loop varies by
    # half a second with the moment of the save: take the median of more saves.
    saves = max(runs, PREVIEW_SAVES)
    result["preview_s"] = preview_loop(project, saves, g.edit_working_section, "Last Updated")
    bare_page = bare / "docs" / "privacy" / "index.md"

    def bare_save(marker: str) -> None:
        text = bare_page.read_text(encoding="utf-8")
        bare_page.write_text(re.sub(r"(\n<!-- edit -->.*)?$", f"\n<!-- edit -->{marker}\n",
                                    text, count=1), encoding="utf-8")

    result["bare_preview_s"] = preview_loop(bare, saves, bare_save, "Last Updated")
    import engines  # the other engines' previews, each next to its own bare serve

    result.update(engines.measure(project, bare, work, g.edit_working_section, saves))
    load_now(result)
    result.update(engines.builds(project, bare, work, runs))  # each next to its own bare
    result["peak_mb"] = max(result["first_mb"], result["cold_mb"], result["warm_mb"])
    if kind == "big":
        load_now(result)
        here = {"commits": n, "versions": result["versions"], "pages": result["pages"],
                "warm_mb": result["warm_mb"], "warm_cpu_s": result["warm_cpu_s"],
                "bare_mb": result["bare_mb"]}
        result["memory"] = memory_growth(peak_at(max(1, n // 4), work / "quarter", runs, kind),
                                         here)
    load_now(result)
    print("   where the time goes: a warm build and a preview save, by phase", flush=True)
    result["phases"] = phases(project, work, g.edit_working_section,
                              OUT / f"{kind}-{n}-phases.json")
    finish(result)
    return result


PREVIEW_KEYS = ("preview_s", "bare_preview_s", "preview_vs_bare")


def measure_preview(n: int, work: Path, runs: int, kind: str = "friendly") -> dict[str, Any]:
    """Only the preview loops and a save's phases (`LEXDOCS_BENCH_ONLY=preview`)."""
    print(f"== {KIND_TITLES[kind]}, {n} commits: generating (preview loops only)", flush=True)
    g = generate(work / "lexdocs", n, pdf=True, profile=kind)
    project = g.path
    result: dict[str, Any] = {"commits": n, "runs": runs, "kind": kind}
    # A project that publishes has a record (the deploy job runs `lexdocs record`), and
    # every save checks it: without one, a save that is slow in the record's size (it was:
    # 1.1 s at 5,000 commits) would pass here and fail in the user's preview.
    subprocess.run([LEXDOCS, "record"], cwd=project, env=ENV, check=True, capture_output=True)
    bare = work / "bare"
    result["pages"] = bare_project(project, bare)
    load_now(result)
    saves = max(runs, PREVIEW_SAVES)
    print(f"   {result['pages']} pages; preview loops", flush=True)
    result["preview_s"] = preview_loop(project, saves, g.edit_working_section, "Last Updated")
    import engines

    result["bare_preview_s"] = preview_loop(
        bare, saves, engines.appender(bare / "docs" / "privacy" / "index.md"), "Last Updated")
    result.update(engines.measure(project, bare, work, g.edit_working_section, saves))
    load_now(result)
    result.update(engines.builds(project, bare, work, runs))  # each next to its own bare
    result["preview_vs_bare"] = result["preview_s"] / result["bare_preview_s"]
    load_now(result)
    print("   where the time goes: a preview save, by phase", flush=True)
    result["phases"] = phases(project, work, g.edit_working_section,
                              OUT / f"{kind}-{n}-preview-phases.json", build=False)
    return result


def merge_preview(path: Path, measured: dict[str, Any]) -> bool:
    """Put the preview figures of `measured` into the full result at `path`, if there is
    one (True); the row says when and under what load they were measured."""
    if not path.exists():
        return False
    result = json.loads(path.read_text())
    for key, value in measured.items():
        if key in PREVIEW_KEYS or key.startswith(tuple(f"{e}_" for e in engine_names())):
            result[key] = value
    if "phases" in result and "preview save" in measured.get("phases", {}):
        result["phases"]["preview save"] = measured["phases"]["preview save"]
    load = measured.get("load") or [0.0]
    result["preview_measured"] = (
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average "
        f"{min(load):.1f}-{max(load):.1f}")
    path.write_text(json.dumps(result, indent=2))
    return True


def merge_memory(path: Path, measured: dict[str, Any]) -> bool:
    """Put the memory row of `measured` into the full result at `path`, if there is one."""
    if not path.exists():
        return False
    result = json.loads(path.read_text())
    result["memory"] = measured["memory"]
    path.write_text(json.dumps(result, indent=2))
    return True


def engine_names() -> tuple[str, ...]:
    from engines import ENGINES

    return ENGINES


def _time(fn: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def finish(r: dict[str, Any]) -> None:
    r["cold_vs_warm"] = r["cold_s"] / r["warm_s"]
    r["first_vs_warm"] = r["first_s"] / r["warm_s"]
    r["history_first_vs_git"] = r["history_first_s"] / r["git_floor_s"]
    r["warm_vs_bare"] = r["warm_s"] / r["bare_s"]
    r["cold_vs_bare"] = r["cold_s"] / r["bare_s"]
    r["preview_vs_bare"] = r["preview_s"] / r["bare_preview_s"]
    r["history_vs_git"] = r["history_s"] / r["git_floor_s"]
    r["peak_vs_bare"] = r["peak_mb"] / r["bare_mb"]


# --- reporting ------------------------------------------------------------------------------
def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{mem}, "
            f"Python {platform.python_version()}; load average {load:.1f} when written")


def met(r: dict[str, Any], metric: str) -> str:
    """Whether result `r` meets its history's target for `metric` ('' if it has none)."""
    targets = KIND_TARGETS[r.get("kind", "friendly")]
    if metric not in targets:
        return ""
    target, at = targets[metric]
    if at is not None and r["commits"] not in at:
        return f"(target ≤ {target:g} at {' and '.join(map(str, at))})"
    return f"{'met' if r[metric] <= target else 'MISSED'} (≤ {target:g})"


def memory_lines(r: dict[str, Any]) -> list[str]:
    """The row of peak memory against history length, if it was measured."""
    m = r.get("memory")
    if not m:
        return []
    a, b = m["at"]
    target, _ = KIND_TARGETS[r.get("kind", "friendly")]["mb_per_version"]
    verdict = "met" if m["mb_per_version"] <= target else "MISSED"
    return [f"| peak memory against history length (warm build, largest process): "
            f"{a['commits']} → {b['commits']} commits, {a['versions']} → {b['versions']} "
            f"versions | {a['warm_mb']:.0f} → {b['warm_mb']:.0f} MB, "
            f"{m['mb_per_version']:.3f} MB a version | bare MkDocs {a['bare_mb']:.0f} → "
            f"{b['bare_mb']:.0f} MB, {m['bare_mb_per_version']:.3f} MB a version | | "
            f"flat: {verdict} (≤ {target:g} MB a version) |"]


def engine_lines(r: dict[str, Any]) -> list[str]:
    from engines import lines

    return lines(r)


def report(results: list[dict[str, Any]]) -> tuple[str, bool]:
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (benchmarks/run.py) on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        f"Machine: {machine()}.",
        "",
        "Each figure is the median of the runs given, timed next to its baseline in the same",
        "run; ratios matter more than seconds on a shared machine. Repositories come from",
        "benchmarks/generate.py: three documents; most commits publish a new version of one",
        "document, the rest edit a shared variable (a version of every document), merge a",
        "topic branch, rename a section file, or change nothing visible. Two kinds of",
        "history: the friendly one (short documents, a version edits a notes section) and",
        "the big one (documents of 50-100 KB, as real policies; a version adds, rewrites or",
        "removes sentences, paragraphs and sections).",
        "",
    ]
    ok = True
    order = {k: i for i, k in enumerate(PROFILES)}
    for r in sorted(results, key=lambda r: (order[r.get("kind", "friendly")], r["commits"])):
        kind = r.get("kind", "friendly")
        r.setdefault("peak_vs_bare", r["peak_mb"] / r["bare_mb"])
        checks = [met(r, m) for m in ("warm_vs_bare", "cold_vs_warm", "preview_s")]
        checks.append(met(r, "peak_mb") or met(r, "peak_vs_bare"))
        checks += [met(r, "history_vs_git"), met(r, "first_vs_warm")]
        ok = ok and not any("MISSED" in c for c in [*checks, *engine_lines(r),
                                                       *memory_lines(r)])
        sizes = r.get("document_kb")
        docs = (f"; documents {min(sizes.values()):.0f}-{max(sizes.values()):.0f} KB at the end"
                if sizes else "")
        cpu = {k: f" (CPU {r[a] / r[b]:.2f})" if r.get(a) and r.get(b) else ""
               for k, a, b in (("warm", "warm_cpu_s", "bare_cpu_s"),
                               ("cold", "cold_cpu_s", "warm_cpu_s"),
                               ("first", "first_cpu_s", "warm_cpu_s"))}
        if r.get("measured"):  # a row kept from an earlier run, not measured this time
            docs += f"; measured {r['measured']}"
        if r.get("load"):
            docs += f"; load average {min(r['load']):.1f}-{max(r['load']):.1f} during the run"
        if r.get("preview_measured"):
            docs += f"; preview loops measured again {r['preview_measured']}"
        lines += [
            f"## {KIND_TITLES[kind]}, {r['commits']} commits: {r['versions']} versions, "
            f"{r['pages']} pages (runs: {r['runs']}{docs})",
            "",
            "| measure | lexdocs | baseline | ratio | target |",
            "| --- | --- | --- | --- | --- |",
            f"| warm build (PDFs and renders kept) | {r['warm_s']:.1f} s | bare MkDocs "
            f"{r['bare_s']:.1f} s | {r['warm_vs_bare']:.2f}{cpu['warm']} | {checks[0]} |",
            f"| cold build: CI on a fresh clone, {NEW_SINCE_DEPLOY} commits after the last "
            f"deploy (1 run) | {r['cold_s']:.1f} s | warm {r['warm_s']:.1f} s | "
            f"{r['cold_vs_warm']:.2f}{cpu['cold']} | {checks[1]} |",
            f"| first build ever: nothing recorded or cached, PDFs of versions in force "
            f"or pending made (1 run) | "
            f"{r['first_s']:.1f} s | warm {r['warm_s']:.1f} s | {r['first_vs_warm']:.2f}"
            f"{cpu['first']} | {checks[5]} |",
            f"| `lexdocs record` after that deploy (1 run) | {r['record_s']:.1f} s | | | |",
            f"| preview loop (save → served page shows it; median of "
            f"{max(r['runs'], PREVIEW_SAVES)} saves) | {r['preview_s']:.2f} s | "
            f"bare MkDocs serve {r['bare_preview_s']:.2f} s | {r['preview_vs_bare']:.2f} | "
            f"{checks[2]} |",
            *engine_lines(r),
            f"| first build's extra time, per version | "
            f"{r['pdf_per_version_s']:.2f} s | | | |",
            f"| peak memory (largest process, any build) | {r['peak_mb']:.0f} MB | bare MkDocs "
            f"{r['bare_mb']:.0f} MB | {r['peak_mb'] / r['bare_mb']:.2f} | {checks[3]} |",
            *memory_lines(r),
            f"| history read, as a build reads it | {r['history_s']:.2f} s | git floor "
            f"{r['git_floor_s']:.3f} s | {r['history_vs_git']:.1f} | {checks[4]} |",
            f"| history read, the first time (every commit rendered) | "
            f"{r['history_first_s']:.2f} s | git floor {r['git_floor_s']:.3f} s | "
            f"{r['history_first_vs_git']:.1f} | |",
            "",
        ]
        if "phases" in r:
            lines += ["Where the time goes (sampled by phase, benchmarks/phases.py; "
                      f"`benchmarks/out/{kind}-{r['commits']}-phases.json` names the "
                      "functions):", "", *table("phase", r["phases"]), ""]
    lines += [
        "## How a CI build on a fresh clone reuses the last deploy",
        "",
        "`lexdocs record` (run by the deploy job) commits the published `versions.json`",
        "and every published PDF, under its content key, to the branch `lexdocs-published`.",
        "A fresh clone fetches that branch with the rest, so its build takes each PDF whose",
        "key it needs from there (checked, and written into `.cache/lexdocs/pdf`) and",
        "renders only the versions made since. What it still does afresh is read and",
        "render the history and make the redlines, which the workflow's cache of",
        "`.cache/lexdocs` (renders and redlines by content, files named by the code's",
        "hash) also saves when it is restored. Nothing in a cache is believed if git",
        "tracks `.cache`. `mkdocs serve` never renders a PDF.",
        "",
    ]
    return "\n".join(lines), ok


def curves(ax: Any, rs: list[dict[str, Any]], style: str, suffix: str) -> None:
    """One history kind's times against its lengths."""
    xs = [r["commits"] for r in rs]
    for key, label in (("first_s", "lexdocs first build ever"),
                       ("cold_s", "lexdocs cold CI build"), ("warm_s", "lexdocs warm build"),
                       ("bare_s", "bare MkDocs build"), ("preview_s", "lexdocs preview loop"),
                       ("bare_preview_s", "bare MkDocs preview loop"),
                       ("history_s", "history read"),
                       ("history_first_s", "history read, first time"),
                       ("git_floor_s", "git floor")):
        ax.plot(xs, [r[key] for r in rs], style, marker="o", label=label + suffix)


def plot(results: list[dict[str, Any]]) -> Path | None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("no plot: matplotlib is not installed (pip install -e '.[bench]')")
        return None
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for kind, style in zip(PROFILES, ("-", "--"), strict=True):
        rs = sorted((r for r in results if r.get("kind", "friendly") == kind),
                    key=lambda r: r["commits"])
        if rs:
            curves(ax, rs, style, f" ({kind})")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("commits in history")
    ax.set_ylabel("seconds (median)")
    ax.set_title("lexdocs: time against history length")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    path = OUT / "scaling.png"
    fig.savefig(path, dpi=120)
    return path


def write_report() -> bool:
    results = [json.loads(p.read_text()) for p in sorted(OUT.glob("*.json"))
               if not p.name.endswith(("-phases.json", "-preview.json", "-memory.json"))]
    if not results:
        print("no results yet")
        return False
    text, ok = report(results)
    target = HERE / "RESULTS.md"
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    if NOTES in old:  # notes written by hand about a run stay below the generated tables
        text += "\n" + NOTES + old.split(NOTES, 1)[1]
    target.write_text(text, encoding="utf-8")
    print(text)
    png = plot(results)
    if png:
        print(f"plot: {png}")
    return ok


def main() -> int:
    OUT.mkdir(exist_ok=True)
    if "--report" not in sys.argv:
        runs = int(os.environ.get("LEXDOCS_BENCH_RUNS", "3"))
        only = os.environ.get("LEXDOCS_BENCH_ONLY", "")
        if only not in ("", "preview", "memory"):
            raise SystemExit(f"LEXDOCS_BENCH_ONLY={only}: only 'preview' and 'memory' "
                             "are known")
        for kind, variable, default in (("friendly", "LEXDOCS_BENCH_SIZES", "100,1000"),
                                        ("big", "LEXDOCS_BENCH_BIG_SIZES", "1000")):
            for n in [int(s) for s in os.environ.get(variable, default).split(",") if s]:
                if only == "memory" and kind != "big":
                    continue  # the memory row is the big history's
                with tempfile.TemporaryDirectory(prefix=f"lexdocs-bench-{kind}-{n}-") as tmp:
                    if only == "memory":
                        memory = measure_memory(n, Path(tmp), runs, kind)
                    elif only:
                        result = measure_preview(n, Path(tmp), runs, kind)
                    else:
                        result = measure(n, Path(tmp), runs, kind)
                if only == "memory":
                    if not merge_memory(OUT / f"{kind}-{n}.json", memory):
                        (OUT / f"{kind}-{n}-memory.json").write_text(
                            json.dumps(memory, indent=2))
                        print(json.dumps(memory, indent=2))
                        continue
                elif not only:
                    (OUT / f"{kind}-{n}.json").write_text(json.dumps(result, indent=2))
                elif not merge_preview(OUT / f"{kind}-{n}.json", result):
                    (OUT / f"{kind}-{n}-preview.json").write_text(json.dumps(result, indent=2))
                    print(json.dumps({k: v for k, v in result.items() if k != "phases"},
                                     indent=2))
                    print("\n".join(table("phase", result["phases"])))
                    continue
                write_report()
        if only and not any(p for p in OUT.glob("*.json") if not p.name.endswith(
                ("-phases.json", "-preview.json", "-memory.json"))):
            return 0  # nothing to report the preview figures in: they were printed
    return 0 if write_report() else 1


if __name__ == "__main__":
    sys.exit(main())
