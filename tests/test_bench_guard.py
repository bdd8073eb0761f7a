"""A quick benchmark in the test suite: a regression far outside a target fails `make test`.

`make bench` (benchmarks/run.py) measures everything at 100 and 1,000 commits and
takes long; this guard measures what can be timed in a few seconds at 100
commits, each as a ratio against a baseline timed in the same run (interleaved,
best of a few runs, so a busy machine slows both alike). It fails only when a
figure is three times outside its target, so it catches a regression, not noise.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import Generated, generate  # noqa: E402
from run import TARGETS, git_floor, read_history  # noqa: E402

from lexdocs.config import load_options  # noqa: E402
from lexdocs.pipeline import Caches, publishable_timelines  # noqa: E402
from lexdocs.publish.memo import RenderMemo  # noqa: E402
from lexdocs.publish.output import DeferredPdfs  # noqa: E402
from lexdocs.publish.sitepage import Group  # noqa: E402
from lexdocs.recall import Remembered  # noqa: E402

COMMITS = 100
SLACK = 3.0  # fail only at three times the target


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def best_interleaved(a: Callable[[], object], b: Callable[[], object],
                     runs: int = 3) -> tuple[float, float]:
    """Best time of each, run alternately so load on the machine hits both."""
    ta, tb = [], []
    for _ in range(runs):
        ta.append(seconds(a))
        tb.append(seconds(b))
    return min(ta), min(tb)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("guard") / "repo", COMMITS, pdf=False)


def test_generated_history_is_busy(generated: Generated) -> None:
    """The guard is only meaningful if most commits make a version."""
    histories = publishable_timelines(load_options(generated.path), lambda _: None)[0]
    versions = sum(len(t.notices) for t in histories.values())
    assert versions >= 0.8 * COMMITS, f"only {versions} versions in {COMMITS} commits"


def test_history_read_against_git_floor(generated: Generated) -> None:
    ours, floor = best_interleaved(lambda: read_history(generated.path),
                                   lambda: git_floor(generated.path))
    target = TARGETS["history_vs_git"][0]
    assert ours / floor <= SLACK * target, (
        f"history read {ours:.3f} s is {ours / floor:.1f}x the git floor {floor:.3f} s "
        f"(target {target}x)")


# A save's own work (history, verdicts, pages) against a rebuild that remembers nothing
# from the session (warm disk caches, as a new `mkdocs build`): at most a quarter at
# 100 commits, since a save redoes only its draft; it does not grow with the history.
SAVE_SHARE = 0.25


def test_preview_rebuild_work(generated: Generated) -> None:
    """What lexdocs adds to a preview after a save, as the plugin holds it for a serve
    session: the archive is last build's, and the work a fraction of a fresh rebuild's."""
    opts = load_options(generated.path)
    session, memo = Caches(recall=Remembered()), RenderMemo()

    def rebuild(caches: Caches, pages: RenderMemo | None) -> list[Group]:
        timelines, today = publishable_timelines(opts, lambda _: None, caches)
        return DeferredPdfs(opts, timelines, today, None, pages).groups()

    before = rebuild(session, memo)
    edits = iter(range(1000))

    def save() -> list[Group]:
        generated.edit_working_section(f"guard edit {next(edits)}")
        return rebuild(session, memo)

    after = save()
    archives = [g for g in before if len(g) > 1]
    assert archives and all(any(g is h for h in after) for g in archives), \
        "a save made the archive of versions again"
    saved, fresh = best_interleaved(save, lambda: rebuild(Caches(), None))
    assert saved / fresh <= SLACK * SAVE_SHARE, (
        f"a save's rebuild {saved:.3f} s is {saved / fresh:.2f} of a fresh one {fresh:.3f} s "
        f"(target {SAVE_SHARE})")
    assert saved <= SLACK * TARGETS["preview_s"][0], f"a save's rebuild took {saved:.2f} s"


def test_engine_build_rows_judge_cpu_ratios_against_the_big_targets() -> None:
    """Each engine's build rows compare CPU-seconds with that engine's own bare build (and
    with its warm build) and say met or MISSED where issue 24's targets apply."""
    from engines import build_lines

    figures = {"first": (90.0, 300.0, 120.0), "cold": (40.0, 280.0, 50.0),
               "warm": (30.0, 250.0, 30.0), "bare": (28.0, 240.0, 20.0)}
    r: dict[str, object] = {"commits": 1000, "kind": "big"}
    for kind, (seconds, mb, cpu) in figures.items():
        r.update({f"zensical_{kind}_s": seconds, f"zensical_{kind}_mb": mb,
                  f"zensical_{kind}_cpu_s": cpu})
    rows = build_lines(r)
    assert len(rows) == 4, rows
    warm, cold, first, peak = rows
    assert "| 1.50 (CPU) | MISSED (≤ 1.2) |" in warm  # 30 / 20 CPU-s
    assert "| 1.67 (CPU) | MISSED (≤ 1.5) |" in cold  # 50 / 30
    assert "| 4.00 (CPU) | MISSED (≤ 3) |" in first  # 120 / 30
    assert "| 300 MB | bare 240 MB | 1.25 | MISSED (≤ 1.2) |" in peak
    r["zensical_warm_cpu_s"] = 22.0
    assert "met (≤ 1.2)" in build_lines(r)[0]
    r["commits"] = 250
    assert "(target ≤ 1.2 at 1000 and 5000)" in build_lines(r)[0]
    assert build_lines({"commits": 1000, "kind": "big"}) == []


def test_a_benchmark_stops_when_the_code_it_measures_changes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cache is keyed by lexdocs' code: a "warm" build timed after someone edits an
    editable install is a first build, so the run stops instead of reporting it."""
    import run

    run.unchanged_code()  # the code the run started with: carries on
    monkeypatch.setattr(run, "STARTED_WITH", "a fingerprint of other code")
    with pytest.raises(SystemExit, match="code changed while the benchmark ran"):
        run.unchanged_code()
