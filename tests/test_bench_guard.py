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
from lexdocs.publish.output import DeferredPdfs  # noqa: E402

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


def test_preview_rebuild_work(generated: Generated) -> None:
    """What lexdocs adds to a preview after a save (history, redlines, pages), warm caches."""
    opts = load_options(generated.path)
    caches = Caches()  # what the plugin holds for a serve session

    def rebuild() -> None:
        timelines, today = publishable_timelines(opts, lambda _: None, caches)
        DeferredPdfs(opts, timelines, today).build()

    rebuild()
    generated.edit_working_section("guard edit")
    best = min(seconds(rebuild) for _ in range(3))
    target = TARGETS["preview_s"][0]
    assert best <= SLACK * target, f"a preview rebuild's own work took {best:.2f} s"
