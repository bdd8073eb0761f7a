"""Where a build's time goes: `mkdocs` run with every build sampled by phase.

`python benchmarks/phases.py OUT.json -- build --strict` (or `-- serve ...`) runs
the MkDocs command line in this process; each build it makes (one for `build`,
the first and then one per save for `serve`) is sampled every few milliseconds,
and after each build OUT.json holds the list of profiles so far.

A sample is charged to the innermost frame of lexdocs' own code on the stack,
by its folder, so the standard library and Markdown called by lexdocs count
for the lexdocs phase that called them:

- history: lexdocs/history, sources, render (reading commits, rendering sources)
- review: lexdocs/review, checks, pipeline, recall (redlines, verdicts, notices)
- pages: lexdocs/publish (pages, PDFs, feeds, the files handed to the engine)
- engine: everything with no such frame on the stack: MkDocs' own work (Markdown of
  the pages, the theme's templates, lexdocs' own among them, writing the site) and
  the thin adapter that the engine calls (plugin, hook, engines/). lexdocs' shared
  helpers (dates, config, findings) count for the phase that called them.

Samples, not a tracer: the build runs at its own speed, and a phase's seconds
are its share of the samples times the build's wall time.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

INTERVAL = 0.002  # seconds between samples
PHASES = {"history": "history", "sources": "history", "render": "history",
          "review": "review", "checks": "review", "pipeline.py": "review",
          "recall.py": "review", "publish": "pages"}
TOP = 12  # functions listed per profile


def classify(frame: FrameType | None) -> tuple[str, str]:
    """(phase, innermost lexdocs function) of one sampled stack."""
    while frame is not None:
        parts = Path(frame.f_code.co_filename).parts
        if "lexdocs" in parts and parts[-1].endswith(".py"):
            rest = parts[len(parts) - 1 - parts[::-1].index("lexdocs") + 1:]
            if rest and rest[0] in PHASES:
                return PHASES[rest[0]], f"{'/'.join(rest)}:{frame.f_code.co_name}"
        frame = frame.f_back
    return "engine", ""


class Sampler:
    """Samples one thread's stack from a daemon thread while running."""

    def __init__(self, thread_id: int) -> None:
        self.thread_id = thread_id
        self.phases: Counter[str] = Counter()
        self.functions: Counter[str] = Counter()
        self.running = False
        self.thread: threading.Thread | None = None

    def _run(self) -> None:
        while self.running:
            frame = sys._current_frames().get(self.thread_id)
            phase, function = classify(frame)
            self.phases[phase] += 1
            if function:
                self.functions[function] += 1
            time.sleep(INTERVAL)

    def __enter__(self) -> Sampler:
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.running = False
        if self.thread is not None:
            self.thread.join()


def profile(seconds: float, sampler: Sampler) -> dict[str, Any]:
    """One build's profile: seconds per phase (share of samples times wall time)."""
    total = max(1, sum(sampler.phases.values()))
    return {
        "seconds": seconds,
        "samples": total,
        "phases": {p: seconds * n / total for p, n in sampler.phases.most_common()},
        "functions": {f: seconds * n / total for f, n in sampler.functions.most_common(TOP)},
    }


def profiled(build: Callable[..., Any], out: Path,
             done: list[dict[str, Any]]) -> Callable[..., Any]:
    """`build` (MkDocs' build function), sampled, writing every profile so far to `out`."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        with Sampler(threading.get_ident()) as sampler:
            try:
                return build(*args, **kwargs)
            finally:
                done.append(profile(time.perf_counter() - start, sampler))
                out.write_text(json.dumps(done, indent=2), encoding="utf-8")

    return wrapper


def main(argv: list[str]) -> None:
    out, rest = Path(argv[0]), argv[argv.index("--") + 1:]
    import mkdocs.commands.build
    import mkdocs.commands.serve
    from mkdocs.__main__ import cli

    done: list[dict[str, Any]] = []
    wrapped = profiled(mkdocs.commands.build.build, out, done)
    for module in (mkdocs.commands.build, mkdocs.commands.serve):  # `build`, `serve`
        vars(module)["build"] = wrapped
    cli.main(args=rest, prog_name="mkdocs")


def table(title: str, runs: dict[str, dict[str, Any]]) -> list[str]:
    """A Markdown table of phases (rows) by profile (columns: seconds and share)."""
    names = ("history", "review", "pages", "engine")
    lines = [f"| {title} | " + " | ".join(runs) + " |",
             "| --- |" + " --- |" * len(runs)]
    for phase in names:
        cells = []
        for p in runs.values():
            s = p["phases"].get(phase, 0.0)
            cells.append(f"{s:.2f} s ({100 * s / max(p['seconds'], 1e-9):.0f} %)")
        if any(p["phases"].get(phase) for p in runs.values()):
            lines.append(f"| {phase} | " + " | ".join(cells) + " |")
    lines.append("| whole build | " + " | ".join(f"{p['seconds']:.2f} s" for p in runs.values())
                 + " |")
    return lines


if __name__ == "__main__":
    main(sys.argv[1:])
