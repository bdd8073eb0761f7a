"""Two sequences aligned as difflib aligns them, in work that grows with their length.

`difflib.SequenceMatcher` looks, for each element of one sequence, at every equal element
of the other, and does so again inside each gap between the matching blocks it finds. A
text that repeats one word thousands of times costs the square of its length, and one
that also matches in many short blocks (the spaces between words all rewritten, short
paragraphs in another order) the cube: committed text is untrusted. `opcodes` counts that
work before difflib does it, and within `budget` the answer is difflib's own, exactly, as
every rule was written and tested against it.

Past the budget (`_coarser`), exactness gives way to cost: the elements both sequences
share at either end are set aside; those that each has once and the other once too, in an
order both keep, are fixed points (as "patience" diffs do: paragraphs moved about are
found one by one); each gap between them is aligned by a shortest edit (Myers, "An O(ND)
difference algorithm", 1986: the length times the number of edits, so a few words changed
at both ends of a long repeated text are found in linear time), or by difflib, or else is
one replaced run, all from one more budget. Coarser, never wrong: the equal runs are
equal, and joining the runs still gives both sequences.

A caller that aligns many pairs (each sentence with each) shares one budget among them
(`within`) and judges more coarsely once it is spent.
"""

from __future__ import annotations

import difflib
import functools
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence
from itertools import accumulate, pairwise, repeat

Opcode = tuple[str, int, int, int, int]
_Block = tuple[int, int, int]

PER_ELEMENT = 200
"""Work allowed for each element of the two sequences, on top of `AT_LEAST`: a unit is an
element looked at, or compared with an equal one of the other sequence. Everyday prose
repeats "the" and "and" often enough that difflib's work grows faster than its length: a
real 20 KB statement written as one paragraph, any share of its words edited, takes up to
150 a word (so hunks of up to about 25 KB are aligned by difflib itself)."""
AT_LEAST = 10_000
"""Work any alignment may take however short it is (a few milliseconds)."""
MOST_EDITS = 500
"""Edits past which no shortest edit is looked for: its search keeps a row of positions
for each edit, so its memory grows with their square."""
CACHED = 16
"""Pairs past the short ones whose alignment is kept (each holds both sequences): the
rules judging one change ask for a handful of pairs, each several times."""


def budget(n: int) -> int:
    """The work an alignment of `n` elements in all may take."""
    return AT_LEAST + PER_ELEMENT * n


class Work:
    """What is left of a budget, which several alignments may share."""

    def __init__(self, left: int) -> None:
        self.left = left


def common_ends(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[int, int]:
    """How many elements `a` and `b` share at their start, and then at their end."""
    start, end = 0, 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    while end < limit - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start, end


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """`difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()` while that costs
    at most `budget`; past it, a coarser alignment in linear time (module docstring)."""
    n, m = len(a), len(b)
    if n + m + (2 * min(n, m) + 1) * n * (m + 1) <= budget(n + m):
        # so short that no order of its elements costs more (reading both, then a search
        # for each block found and each gap left, each looking at every pair): as it is
        return list(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    return list(_aligned(tuple(a), tuple(b)))


def forget() -> None:
    """Drop the kept alignments: a timing that runs one input again must see it aligned
    again, or it times a lookup."""
    _aligned.cache_clear()


@functools.lru_cache(maxsize=CACHED)
def _aligned(a: tuple[Hashable, ...], b: tuple[Hashable, ...]) -> tuple[Opcode, ...]:
    """The opcodes of a pair past the short ones, kept for the next rule that asks: the
    rules that judge one change each align its words again, and a long hunk is where that
    costs (200 KB of text: two pairs aligned twice each, 8 s of 21)."""
    ops = within(a, b, Work(budget(len(a) + len(b))))
    if ops is None:
        ops = _opcodes(_coarser(a, b, Work(budget(len(a) + len(b)))), len(a), len(b))
    return tuple(ops)


def within(a: Sequence[Hashable], b: Sequence[Hashable], work: Work) -> list[Opcode] | None:
    """difflib's own opcodes of `a` → `b`, their work taken from `work` (reading both is
    work too), or None once it would take more than is left: a caller that aligns many
    pairs shares one budget among them, and knows when to judge more coarsely."""
    work.left -= len(a) + len(b)
    blocks = _Counted(a, b, work).blocks() if work.left >= 0 else None
    return None if blocks is None else _opcodes(blocks, len(a), len(b))


class _TooCostly(Exception):
    """difflib would work past the budget."""


class _Counted(difflib.SequenceMatcher[Hashable]):
    """difflib's matcher, which stops before a search for a matching block would take more
    than the work left: such a search looks at every element of `a` in its range and, for
    each, at every equal element of `b`."""

    def __init__(self, a: Sequence[Hashable], b: Sequence[Hashable], work: Work) -> None:
        count = Counter(b)
        self._cost = list(accumulate(map(count.get, a, repeat(0)), initial=0))
        self._work = work
        super().__init__(None, a, b, autojunk=False)

    def find_longest_match(self, alo: int = 0, ahi: int | None = None, blo: int = 0,
                           bhi: int | None = None) -> difflib.Match:
        ahi = len(self._cost) - 1 if ahi is None else ahi
        cost = self._cost[ahi] - self._cost[alo] + ahi - alo
        if cost > self._work.left:
            raise _TooCostly
        self._work.left -= cost
        return super().find_longest_match(alo, ahi, blo, bhi)

    def blocks(self) -> list[_Block] | None:
        """difflib's matching blocks (without its last, empty one), or None past the work."""
        try:
            return [(i, j, k) for i, j, k in self.get_matching_blocks()[:-1]]
        except _TooCostly:
            return None


def _coarser(a: Sequence[Hashable], b: Sequence[Hashable], work: Work) -> list[_Block]:
    """The matching blocks past the budget: ends set aside, fixed points, gaps aligned."""
    start, end = common_ends(a, b)
    ma, mb = a[start:len(a) - end], b[start:len(b) - end]
    blocks = [(0, 0, start)]
    for (pi, pj), (i, j) in pairwise([(-1, -1), *_fixed(ma, mb), (len(ma), len(mb))]):
        x, y = ma[pi + 1:i], mb[pj + 1:j]
        gap = _shortest(x, y, work) if x and y else []
        if gap is None:
            gap = _Counted(x, y, work).blocks() or []
        blocks += [(g + pi + 1 + start, h + pj + 1 + start, k) for g, h, k in gap]
        blocks.append((i + start, j + start, 1 if i < len(ma) else 0))
    return [*blocks, (len(a) - end, len(b) - end, end)]


def _fixed(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """The elements each sequence has once and the other once too, as (i, j), the most of
    them in an order both keep (a longest increasing run of `j`, by patience sorting)."""
    ca, cb = Counter(a), Counter(b)
    at = {x: j for j, x in enumerate(b) if cb[x] == 1 and ca[x] == 1}
    pairs = [(i, at[x]) for i, x in enumerate(a) if x in at]
    tails: list[int] = []  # for each length, the pair that ends the run with the least j
    ends: list[int] = []
    back = [-1] * len(pairs)
    for p, (_, j) in enumerate(pairs):
        k = bisect_left(ends, j)
        back[p] = tails[k - 1] if k else -1
        tails[k:k + 1], ends[k:k + 1] = [p], [j]
    out = []
    p = tails[-1] if tails else -1
    while p >= 0:
        out.append(pairs[p])
        p = back[p]
    return out[::-1]


def _shortest(a: Sequence[Hashable], b: Sequence[Hashable], work: Work) -> list[_Block] | None:
    """The equal runs of a shortest edit from `a` to `b`, or None if finding it would take
    more than the work left (each diagonal tried and each element compared is a unit) or
    more than `MOST_EDITS` edits."""
    n, m = len(a), len(b)
    v = {1: 0}
    trace: list[dict[int, int]] = []
    for d in range(min(n + m, MOST_EDITS) + 1):
        trace.append(dict(v))
        for k in range(-d, d + 1, 2):
            x = v[k + 1] if k == -d or (k != d and v[k - 1] < v[k + 1]) else v[k - 1] + 1
            y, was = x - k, x
            while x < n and y < m and a[x] == b[y]:
                x, y = x + 1, y + 1
            work.left -= 2 + x - was
            v[k] = x
            if x >= n and y >= m:
                return _snakes(trace, n, m)
            if work.left < 0:
                return None
    return None


def _snakes(trace: list[dict[int, int]], n: int, m: int) -> list[_Block]:
    """The equal runs on the path `_shortest` found, followed back from its end: each
    round's edit, then the run of equal elements after it."""
    blocks: list[_Block] = []
    x, y = n, m
    for d in range(len(trace) - 1, -1, -1):
        v, k = trace[d], x - y
        prev = k + 1 if k == -d or (k != d and v[k - 1] < v[k + 1]) else k - 1
        px, py = v[prev], v[prev] - prev
        end = x
        while x > px and y > py:
            x, y = x - 1, y - 1
        if end > x:
            blocks.append((x, y, end - x))
        x, y = px, py
    return blocks[::-1]


def _opcodes(blocks: list[_Block], n: int, m: int) -> list[Opcode]:
    """Opcodes as difflib makes them from its matching blocks (adjacent ones joined)."""
    out: list[Opcode] = []
    i = j = 0
    for ai, bj, size in [*blocks, (n, m, 0)]:
        if not size and (ai, bj) != (n, m):
            continue
        tag = ("replace" if i < ai and j < bj else "delete" if i < ai else
               "insert" if j < bj else "")
        if tag:
            out.append((tag, i, ai, j, bj))
        if size and out and out[-1][0] == "equal" and (out[-1][2], out[-1][4]) == (ai, bj):
            out[-1] = ("equal", out[-1][1], ai + size, out[-1][3], bj + size)
        elif size:
            out.append(("equal", ai, ai + size, bj, bj + size))
        i, j = ai + size, bj + size
    return out
