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

Samples, not a tracer: the build runs at its own speed. Every few milliseconds of the
process's CPU time (`SIGPROF`), the CPU time spent since the last sample is charged to
the phase of the sampled stack. So a phase's seconds are CPU-seconds: time a build
spends waiting on the system (writing a file) is charged to nobody, and a long call
into C (a pattern over a long text), during which no sample can be taken, is charged
whole to the code that made it, when it returns. (A thread that sampled every few
milliseconds of wall time did the opposite: it ran only when the build let go of the
interpreter, so it charged waits many times over and long C calls almost never.)
"""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from collections import defaultdict
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
    """Charges the process's CPU time, a few milliseconds at a time, to the phase of one
    thread's stack (the thread that runs the build). `install` must have been called in
    the main thread first: only it may set a signal's handler."""

    active: Sampler | None = None

    def __init__(self, thread_id: int) -> None:
        self.thread_id = thread_id
        self.phases: defaultdict[str, float] = defaultdict(float)
        self.functions: defaultdict[str, float] = defaultdict(float)
        self.last = 0.0

    @staticmethod
    def install() -> None:
        """Let samplers be run by `SIGPROF` in this (the main) thread."""
        signal.signal(signal.SIGPROF, Sampler._tick)

    @staticmethod
    def _tick(signum: int, frame: FrameType | None) -> None:
        sampler = Sampler.active
        if sampler is not None:
            sampler.charge(frame)

    def charge(self, frame: FrameType | None) -> None:
        """Charge the CPU time since the last sample to the sampled thread's stack
        (`frame` when the build runs in the main thread, where the handler runs)."""
        now = time.process_time()
        spent, self.last = now - self.last, now
        if self.thread_id != threading.main_thread().ident:
            frame = sys._current_frames().get(self.thread_id)
        phase, function = classify(frame)
        self.phases[phase] += spent
        if function:
            self.functions[function] += spent

    def __enter__(self) -> Sampler:
        if signal.getsignal(signal.SIGPROF) is not Sampler._tick:
            if threading.current_thread() is not threading.main_thread():
                raise RuntimeError("call Sampler.install() in the main thread first")
            Sampler.install()  # else the signal's default action ends the process
        self.last = time.process_time()
        Sampler.active = self
        signal.setitimer(signal.ITIMER_PROF, INTERVAL, INTERVAL)
        return self

    def __exit__(self, *exc: object) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        Sampler.active = None
        self.phases["engine"] += time.process_time() - self.last  # the last few ms


def profile(seconds: float, sampler: Sampler) -> dict[str, Any]:
    """One build's profile: its wall time, and CPU-seconds in all and by phase."""
    return {
        "seconds": seconds,
        "cpu_seconds": sum(sampler.phases.values()),
        "phases": dict(_most(sampler.phases)),
        "functions": dict(_most(sampler.functions)[:TOP]),
    }


def _most(seconds: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(seconds.items(), key=lambda kv: -kv[1])


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

    Sampler.install()
    done: list[dict[str, Any]] = []
    wrapped = profiled(mkdocs.commands.build.build, out, done)
    for module in (mkdocs.commands.build, mkdocs.commands.serve):  # `build`, `serve`
        vars(module)["build"] = wrapped
    cli.main(args=rest, prog_name="mkdocs")


def table(title: str, runs: dict[str, dict[str, Any]]) -> list[str]:
    """A Markdown table of phases (rows) by profile (columns: seconds and share). A
    profile has CPU-seconds by phase (`cpu_seconds`) or, written before, a share of
    the wall time."""
    names = ("history", "review", "pages", "engine")
    lines = [f"| {title} | " + " | ".join(runs) + " |",
             "| --- |" + " --- |" * len(runs)]
    for phase in names:
        cells = []
        for p in runs.values():
            s = p["phases"].get(phase, 0.0)
            whole = p.get("cpu_seconds", p["seconds"])
            cells.append(f"{s:.2f} s ({100 * s / max(whole, 1e-9):.0f} %)")
        if any(p["phases"].get(phase) for p in runs.values()):
            lines.append(f"| {phase} | " + " | ".join(cells) + " |")
    lines.append("| whole build | " + " | ".join(
        f"{p['seconds']:.2f} s" + (f" ({p['cpu_seconds']:.2f} CPU-s)" if "cpu_seconds" in p
                                   else "") for p in runs.values()) + " |")
    return lines


if __name__ == "__main__":
    main(sys.argv[1:])
