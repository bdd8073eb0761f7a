"""benchmarks/phases.py charges a build's CPU time to the phase whose code spent it.

Its sampler was a thread that sampled the build's stack every few milliseconds of wall
time. That thread ran only when the build let go of the interpreter: waits on the
system were charged many times over (28.8 s charged to writing the spool, which took
1.4 s), and a long call into C almost never. The phases below are fake lexdocs
folders, so the test needs no build.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from phases import Sampler, classify  # noqa: E402

WAITS = """
import time

def wait(seconds):
    time.sleep(seconds)
"""
SPINS = """
import time

def spin(seconds):
    start = time.process_time()
    while time.process_time() < start + seconds:
        pass
    return time.process_time() - start

def in_c(n):
    start = time.process_time()
    sum(range(n))  # one call into C, holding the interpreter throughout
    return time.process_time() - start
"""


def _module(tmp_path: Path, folder: str, name: str, source: str) -> ModuleType:
    path = tmp_path / "lexdocs" / folder / f"{name}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"fake_{folder}_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_waits_cost_nothing_and_a_long_call_into_c_is_charged_whole(tmp_path: Path) -> None:
    waits = _module(tmp_path, "publish", "waits", WAITS)
    spins = _module(tmp_path, "review", "spins", SPINS)
    Sampler.install()
    with Sampler(threading.get_ident()) as sampler:
        waits.wait(0.4)
        spent = spins.spin(0.2) + spins.in_c(20_000_000)
    assert spent > 0.25
    assert sampler.phases["pages"] < 0.05, "a wait spends no CPU time"
    assert sampler.phases["review"] > 0.8 * spent, (dict(sampler.phases), spent)
    assert any(f.startswith("review/spins.py:") for f in sampler.functions)


def test_a_frame_outside_lexdocs_phases_is_the_engine() -> None:
    assert classify(sys._getframe()) == ("engine", "")
