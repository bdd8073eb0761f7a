"""How a cost grows with its input, measured as a ratio within one run.

A guard against quadratic (or worse) work on hostile input must not be a wall-clock
limit: on a busy machine any fixed number of seconds fails a correct build. The ratio
between a large input and one a tenth its size does not depend on how busy the machine
is: linear work gives about 10, quadratic work about 100.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from lexdocs.review import align

# Linear work gives about 10 and quadratic about 100; the bound between leaves room for a
# busy machine's noise. Inputs are sized so the small run takes milliseconds, not less.
LINEAR = 40


def _best_of(run: Callable[[], object], tries: int) -> float:
    """The fastest of `tries` runs, each with no alignment kept from the one before (it
    would time a lookup) and with the garbage collector held off: a full collection walks
    the whole heap of the test process (in a suite's worker, every object earlier tests
    left), so its cost says nothing of the input's size, and one falling into a large run
    made linear work measure 54 on a busy machine."""
    best = float("inf")
    for _ in range(tries):
        align.forget()
        gc.disable()
        try:
            started = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - started)
        finally:
            gc.enable()
    return best


def growth(make: Callable[[int], Callable[[], object]], n: int, tries: int = 3,
           rounds: int = 3) -> float:
    """Time of `make(n)()` over time of `make(n // 10)()`, each the best of `tries`.

    `make` prepares an input of the given size outside the timing and returns the call
    to time, so building a large input never counts as the work under test. A ratio
    above LINEAR is measured again, up to `rounds` times, and the lowest kept: another
    process taking the core during the large run can make linear work look quadratic
    once (41.9 was seen under load), while quadratic work is slow in every round."""
    small, large = make(n // 10), make(n)
    best = float("inf")
    for _ in range(rounds):
        best = min(best, _best_of(large, tries) / max(_best_of(small, tries), 1e-6))
        if best < LINEAR:
            break
    return best
