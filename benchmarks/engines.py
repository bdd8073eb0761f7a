"""`make bench`, the other engines: each lexdocs preview with a live server, next to that
engine's own bare serve of the very same pages.

- Zensical: `lexdocs serve --engine zensical` on the project, against bare
  `zensical serve` on the folder lexdocs would hand it, every page as Markdown
  (what a Zensical site of that many pages costs without lexdocs);
- ProperDocs: `properdocs serve` on the project (lexdocs as its plugin), against
  `properdocs serve` on the bare MkDocs project of `run.py`.

A loop times a save until the served page shows it (median of the saves), after the
server's first page; that first wait is reported too.

`builds` times each engine's builds the way run.py times MkDocs': the first build
ever (a clone with nothing recorded or cached), a cold CI build (a fresh clone of
the project with its record), warm builds, and that engine's own bare build of the
same pages (the same folders as the serves above), with each one's CPU-seconds and
the peak memory of its largest process. `LEXDOCS_BENCH_ENGINES` names
the engines (default: every one installed; empty for none). Run alone,
`python benchmarks/engines.py PROJECT` measures a project made by generate.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from run import ENV, LEXDOCS, preview_loop, timed
from run import met as target_met

from lexdocs.engines import guard, zensical
from lexdocs.engines.tree import content_tree

PROPERDOCS = str(Path(sys.executable).parent / "properdocs")
ENGINES = ("zensical", "properdocs")
TARGET_S = 1.0  # a save shows within a second at 1,000 commits (issue 23)
BIG_TARGET_S = 0.5  # on the big history, at 1,000 and 5,000 commits (issue 24)


def chosen() -> list[str]:
    """The engines to measure: LEXDOCS_BENCH_ENGINES, else every one installed."""
    names = os.environ.get("LEXDOCS_BENCH_ENGINES")
    wanted = ENGINES if names is None else tuple(n for n in names.split(",") if n)
    return [n for n in wanted if find_spec(n) is not None]


def appender(page: Path) -> Callable[[str], None]:
    """A save of a bare project: `page` with the marker as its last line."""
    def save(marker: str) -> None:
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"(\n<!-- edit -->.*)?$", f"\n<!-- edit -->{marker}\n", text,
                               count=1), encoding="utf-8")
    return save


def bare_zensical(project: Path, folder: Path) -> Path:
    """The folder `lexdocs build --engine zensical` hands Zensical, written once."""
    site = zensical.read_site(project)
    tree = content_tree(site.options, site.theme, info=lambda _: None, debug=lambda _: None,
                        render_pdfs=False)
    folder.mkdir(parents=True)
    zensical.write_work(folder, site, tree)
    return folder


def measure(project: Path, bare: Path | None, work: Path, save: Callable[[str], object],
            saves: int) -> dict[str, Any]:
    """Every chosen engine's preview figures, as `<engine>_preview_s` and the like."""
    out: dict[str, Any] = {}
    for engine in chosen():
        # Each loop starts from the committed text (the saves of the last one left a draft).
        subprocess.run(["git", "checkout", "-q", "--", "policy_src"], cwd=project, check=True)
        if engine == "zensical":
            print("   Zensical: lexdocs serve --engine zensical, then bare zensical serve",
                  flush=True)
            folder = bare_zensical(project, work / "bare-zensical")
            out["zensical_preview_s"], out["zensical_first_s"] = _loop(
                project, saves, save, (LEXDOCS, "serve", "--engine", "zensical"), ENV)
            env = dict(ENV, **{guard.ENV: str(folder)})
            out["zensical_bare_s"], out["zensical_bare_first_s"] = _loop(
                folder, saves, appender(folder / "docs" / "privacy" / "index.md"),
                (sys.executable, "-m", "zensical", "serve", "-f", "mkdocs.yml"), env)
            shutil.rmtree(folder)
        elif engine == "properdocs" and bare is not None:
            print("   ProperDocs: properdocs serve, lexdocs and bare", flush=True)
            command = (PROPERDOCS, "serve", "-f", "mkdocs.yml")
            out["properdocs_preview_s"], out["properdocs_first_s"] = _loop(
                project, saves, save, command, ENV)
            out["properdocs_bare_s"], out["properdocs_bare_first_s"] = _loop(
                bare, saves, appender(bare / "docs" / "privacy" / "index.md"), command, ENV)
    return out


BUILDS = {
    "zensical": (LEXDOCS, "build", "--engine", "zensical", "--strict", "-d"),
    "properdocs": (PROPERDOCS, "build", "--strict", "-q", "-f", "mkdocs.yml", "-d"),
}


def _clone(project: Path, dest: Path, record: bool) -> Path:
    """A fresh clone, as CI has it; without `record`, of the checked-out branch alone
    (no `lexdocs-published`): with no cache either, its build is the first one ever."""
    only = () if record else ("--single-branch",)
    subprocess.run(["git", "clone", "-q", *only, str(project), str(dest)], check=True)
    return dest


def builds(project: Path, bare: Path, work: Path, runs: int) -> dict[str, Any]:
    """Every chosen engine's build figures, as `<engine>_warm_s` and the like: each
    figure a (seconds, peak MB, CPU-seconds) triple's parts, medians over `runs`."""
    out: dict[str, Any] = {}

    def put(key: str, figures: list[tuple[float, float, float]]) -> None:
        out[f"{key}_s"] = statistics.median(s for s, _, _ in figures)
        out[f"{key}_mb"] = max(mb for _, mb, _ in figures)
        out[f"{key}_cpu_s"] = statistics.median(c for _, _, c in figures)

    for engine in chosen():
        ours = BUILDS[engine]
        print(f"   {engine}: first, cold and warm builds, then bare builds", flush=True)
        for kind, record in (("first", False), ("cold", True)):
            clone = _clone(project, work / f"{engine}-{kind}", record)
            site = work / f"{engine}-site-{kind}"
            put(f"{engine}_{kind}", [timed(clone, (*ours, str(site)))])
            shutil.rmtree(clone)
            shutil.rmtree(site)
        site = work / f"{engine}-site-warm"
        timed(project, (*ours, str(site)))  # this engine's own first build here
        put(f"{engine}_warm", [timed(project, (*ours, str(site))) for _ in range(runs)])
        if engine == "zensical":
            folder = bare_zensical(project, work / "bare-zensical")
            command: tuple[str, ...] = (sys.executable, "-m", "zensical", "build",
                                        "--config-file", str(folder / "mkdocs.yml"))
            env = dict(ENV, **{guard.ENV: str(folder)})
            put("zensical_bare", [timed(folder, command, env) for _ in range(runs)])
            shutil.rmtree(folder)
        else:
            theirs = work / "properdocs-site-bare"
            put(f"{engine}_bare", [timed(bare, (*ours, str(theirs))) for _ in range(runs)])
        shutil.rmtree(site, ignore_errors=True)
    return out


def build_lines(r: dict[str, Any]) -> list[str]:
    """The report's rows for what `builds` found: CPU-second ratios (on a shared
    machine the wall time grows with the load, the CPU time much less), judged by
    run.py's targets for the history's kind and size."""
    rows = []
    for engine in ENGINES:
        if f"{engine}_warm_s" not in r:
            continue
        e = {k[len(engine) + 1:]: v for k, v in r.items() if k.startswith(engine + "_")}

        def judged(metric: str, ratio: float) -> str:
            return target_met({"kind": r.get("kind", "friendly"), "commits": r["commits"],
                        metric: ratio}, metric)

        for label, mine, base, metric in (
                ("warm build", "warm", "bare", "warm_vs_bare"),
                ("cold build (fresh clone with the record) / warm", "cold", "warm",
                 "cold_vs_warm"),
                ("first build ever (nothing recorded or cached) / warm", "first", "warm",
                 "first_vs_warm")):
            ratio = e[f"{mine}_cpu_s"] / e[f"{base}_cpu_s"]
            rows.append(f"| `{engine}`: {label} | {e[f'{mine}_s']:.1f} s, "
                        f"{e[f'{mine}_cpu_s']:.1f} CPU-s | {base} {e[f'{base}_s']:.1f} s, "
                        f"{e[f'{base}_cpu_s']:.1f} CPU-s | {ratio:.2f} (CPU) | "
                        f"{judged(metric, ratio)} |")
        peak = max(e["first_mb"], e["cold_mb"], e["warm_mb"]) / e["bare_mb"]
        rows.append(f"| `{engine}`: peak memory (largest process, any build) | "
                    f"{peak * e['bare_mb']:.0f} MB | bare {e['bare_mb']:.0f} MB | {peak:.2f} | "
                    f"{judged('peak_vs_bare', peak)} |")
    return rows


def _loop(cwd: Path, saves: int, save: Callable[[str], object], command: tuple[str, ...],
          env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    first: list[float] = []
    median = preview_loop(cwd, saves, save, "Last Updated", serve=command, env=env,
                          first_seen=lambda: first.append(time.perf_counter() - start))
    return median, first[0] if first else float("nan")


def lines(r: dict[str, Any]) -> list[str]:
    """The report's rows for what `measure` found (none if it measured nothing)."""
    rows = []
    names = {"zensical": ("`lexdocs serve --engine zensical`", "bare `zensical serve`"),
             "properdocs": ("`properdocs serve` (lexdocs as its plugin)",
                            "bare `properdocs serve`")}
    for engine, (ours, theirs) in names.items():
        if f"{engine}_preview_s" not in r:
            continue
        mine, base = r[f"{engine}_preview_s"], r[f"{engine}_bare_s"]
        target = ""
        if r.get("kind", "friendly") == "friendly" and r["commits"] == 1000:
            target = f"{'met' if mine <= TARGET_S else 'MISSED'} (≤ {TARGET_S:g} s)"
        elif r.get("kind") == "big" and r["commits"] in (1000, 5000):
            target = f"{'met' if mine <= BIG_TARGET_S else 'MISSED'} (≤ {BIG_TARGET_S:g} s)"
        rows.append(f"| preview loop, {ours} (save → served page shows it) | {mine:.2f} s "
                    f"| {theirs} {base:.2f} s | {mine / base:.2f} | {target} |")
        rows.append(f"| {ours}: first page served | {r[f'{engine}_first_s']:.1f} s | "
                    f"{theirs} {r[f'{engine}_bare_first_s']:.1f} s | | |")
    return rows + build_lines(r)


def met(r: dict[str, Any]) -> bool:
    """False if an engine's preview missed its target at 1,000 commits."""
    return not any("MISSED" in row for row in lines(r))


def main() -> int:
    """`python benchmarks/engines.py PROJECT [--builds]`: the previews, or with `--builds`
    the builds (after one `lexdocs record`, as a deploy leaves it), of a project made by
    generate.py; LEXDOCS_BENCH_COMMITS and LEXDOCS_BENCH_KIND (friendly, big) say which
    targets apply, LEXDOCS_BENCH_RUNS how many warm and bare builds are timed."""
    project = Path(sys.argv[1]).resolve()
    from run import PREVIEW_SAVES, bare_project

    with tempfile.TemporaryDirectory(prefix="lexdocs-bench-engines-") as tmp:
        bare = Path(tmp) / "bare"
        bare_project(project, bare)
        section = sorted((project / "policy_src" / "privacy").glob("*.md"))[0]
        text = section.read_text(encoding="utf-8")

        def save(marker: str) -> None:
            section.write_text(f"{text}\n\n{marker}\n", encoding="utf-8")

        try:
            if "--builds" in sys.argv[2:]:
                subprocess.run([LEXDOCS, "record"], cwd=project, env=ENV, check=True,
                               capture_output=True)
                runs = int(os.environ.get("LEXDOCS_BENCH_RUNS", "2"))
                result = builds(project, bare, Path(tmp), runs)
            else:
                result = measure(project, bare, Path(tmp), save, PREVIEW_SAVES)
        finally:
            section.write_text(text, encoding="utf-8")
    result.update(commits=int(os.environ.get("LEXDOCS_BENCH_COMMITS", "1000")),
                  kind=os.environ.get("LEXDOCS_BENCH_KIND", "friendly"))
    print(json.dumps(result, indent=1))
    print("\n".join(lines(result)))
    return 0 if met(result) else 1


if __name__ == "__main__":
    sys.exit(main())
