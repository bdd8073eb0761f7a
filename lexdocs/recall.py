"""Last build's results, given back to a preview rebuild that asks with equal inputs.

A save under `mkdocs serve` changes the working tree and nothing else: the
commits, the versions they made, their notices, redlines and archived pages
are what the last build computed. Each step that works on the committed part
asks a `Recall` with its name and its whole input; when the input compares
equal to last build's, the step's result is last build's object itself. Since
every later step is keyed by the objects the earlier ones returned, comparing
a thousand versions is a thousand identity checks, and a save costs what the
draft costs, however long the history is.

An answer is never stale: the input is compared, never named by time or
place, so the worst a change can do is miss. Only the last two builds are
held (a name nobody asked for in a build is dropped), so memory stays flat.
`Recall` itself keeps nothing, for `mkdocs build` and the CLI, which build once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class Recall:
    """Keeps nothing: every step computes (a build made once needs no memory of it)."""

    remembers = False
    """True when a step may be skipped: then a build has not seen everything it used
    (a cache that prunes what a build did not use must not prune after one)."""

    def next_build(self) -> None:
        """A new build begins; what the one before last used may go."""

    def same(self, name: Hashable, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """`make()`; a `Remembered` gives last build's result for `name` when `inputs`
        are equal (compared with ==, so values need not be hashable)."""
        return make()


class Remembered(Recall):
    """Results of the last two builds, by name, each with the inputs it was made from."""

    remembers = True

    def __init__(self) -> None:
        self._last: dict[Hashable, object] = {}
        self._now: dict[Hashable, object] = {}
        self.hits = 0

    def next_build(self) -> None:
        self._last, self._now = self._now, {}
        self.hits = 0

    def same(self, name: Hashable, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        key = ("same", name)
        hit = self._get(key)
        if isinstance(hit, tuple) and hit[0] == inputs:
            out: T = hit[1]
            return out
        made = make()
        self._now[key] = (inputs, made)
        return made

    def _get(self, key: Hashable) -> object:
        """This build's or last build's entry for `key`, carried into this build."""
        hit = self._now.get(key)
        if hit is None:
            hit = self._last.get(key)
            if hit is not None:
                self._now[key] = hit
        if hit is not None:
            self.hits += 1
        return hit
