"""`make bench`, the other engines: each lexdocs preview with a live server, next to that
engine's own bare serve of the very same pages.

- Zensical: `lexdocs serve --engine zensical` on the project, against bare
  `zensical serve` on the folder lexdocs would hand it, every page as Markdown
  (what a Zensical site of that many pages costs without lexdocs);
- ProperDocs: `properdocs serve` on the project (lexdocs as its plugin), against
  `properdocs serve` on the bare MkDocs project of `run.py`.

A loop times a save until the served page shows it (median of the saves), after the
server's first page; that first wait is reported too. `LEXDOCS_BENCH_ENGINES` names
the engines (default: every one installed; empty for none). Run alone,
`python benchmarks/engines.py PROJECT` measures a project made by generate.py.
"""

from __future__ import annotations

import os
import re
import shutil
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

from run import ENV, LEXDOCS, preview_loop

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
    return rows


def met(r: dict[str, Any]) -> bool:
    """False if an engine's preview missed its target at 1,000 commits."""
    return not any("MISSED" in row for row in lines(r))


def main() -> int:
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
            result = measure(project, bare, Path(tmp), save, PREVIEW_SAVES)
        finally:
            section.write_text(text, encoding="utf-8")
    result.update(commits=int(os.environ.get("LEXDOCS_BENCH_COMMITS", "1000")),
                  kind="friendly")
    print("\n".join(lines(result)))
    return 0 if met(result) else 1


if __name__ == "__main__":
    sys.exit(main())
