"""The bounded alignment every word diff of the review uses (lexdocs.review.align).

Within its budget it must answer as difflib does, exactly: every rule was written and
tested against difflib's alignments. Past it, it must still be an alignment (the equal
runs equal, both texts rebuilt from the runs), found in linear time.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lexdocs.review import align
from tests.conftest import property_settings
from tests.scaling import LINEAR, growth

WORDS = st.lists(st.sampled_from("aabbcdefg"), max_size=60)
"""Words of a small vocabulary, so that most are repeated and most alignments ambiguous."""


def assert_aligns(a: Sequence[object], b: Sequence[object], ops: list[align.Opcode]) -> None:
    """`ops` take `a` to `b`: in order, each equal run equal, runs that differ named as
    difflib names them, and never two of one kind side by side."""
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert i2 > i1 and a[i1:i2] == b[j1:j2]
        else:
            assert tag == ("replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else
                           "insert" if j1 < j2 else "")
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))
    assert all((x[0] == "equal") != (y[0] == "equal") for x, y in pairwise(ops))


@property_settings(300)
@given(WORDS, WORDS)
def test_within_the_budget_the_alignment_is_difflibs_own(a: list[str], b: list[str]) -> None:
    assert align.opcodes(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False
                                                          ).get_opcodes()
    assert align.within(a, b, align.Work(10**9)) == align.opcodes(a, b)


@property_settings(300)
@given(WORDS, WORDS, st.integers(0, 3_000))
def test_past_the_budget_the_alignment_is_still_an_alignment(
        a: list[str], b: list[str], work: int) -> None:
    """However little work is left (the fixed points, the shortest edit, one replaced
    run), the runs still rebuild both texts."""
    saved = align.AT_LEAST, align.PER_ELEMENT
    try:
        align.AT_LEAST, align.PER_ELEMENT = work, 0
        ops = align.opcodes(a, b)
    finally:
        align.AT_LEAST, align.PER_ELEMENT = saved
    assert_aligns(a, b, ops)
    shared = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
    assert shared >= sum(align.common_ends(a, b))


@property_settings(300)
@given(WORDS, WORDS)
def test_the_shortest_edit_keeps_the_most_words(a: list[str], b: list[str]) -> None:
    """Myers's search keeps as many elements equal as any alignment can (the longest
    common subsequence), in order."""
    blocks = align._shortest(a, b, align.Work(10**9))
    assert blocks is not None
    assert_aligns(a, b, align._opcodes(blocks, len(a), len(b)))
    longest = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            longest[i][j] = (longest[i + 1][j + 1] + 1 if a[i] == b[j]
                             else max(longest[i + 1][j], longest[i][j + 1]))
    assert sum(k for _, _, k in blocks) == longest[0][0]


def _swapped(n: int) -> tuple[list[int], list[int]]:
    """Elements each sequence has once, swapped in pairs: difflib finds each match first
    in what is left, and looks through the rest again for the next."""
    return list(range(n)), [i ^ 1 for i in range(n)]


def _ends(n: int) -> tuple[list[str], list[str]]:
    """One element repeated, another at each end: every pair is equal."""
    return ["x", *["item"] * n, "y"], ["z", *["item"] * n, "w"]


@pytest.mark.parametrize("shape, n", [(_swapped, 10_000), (_ends, 20_000)])
def test_hostile_sequences_are_aligned_in_linear_time(
        shape: Callable[[int], tuple[Sequence[object], Sequence[object]]], n: int) -> None:
    def make(size: int) -> Callable[[], object]:
        a, b = shape(size)
        return lambda: align.opcodes(a, b)
    assert growth(make, n, tries=2) < LINEAR
    a, b = shape(n)
    ops = align.opcodes(a, b)
    assert_aligns(a, b, ops)
    assert sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal") >= n // 2


def test_a_long_pair_is_aligned_once_for_all_the_rules_that_ask() -> None:
    """The rules judging one change align its words again and again; past the short
    pairs the answer is kept, and a caller that changes its list changes no other's."""
    a = [f"w{i % 300}" for i in range(3000)]
    b = [("changed" if i % 40 == 0 else w) for i, w in enumerate(a)]
    before = align._aligned.cache_info()
    first = align.opcodes(a, b)
    assert_aligns(a, b, first)
    expected = list(first)
    first.clear()
    second = align.opcodes(list(a), list(b))
    after = align._aligned.cache_info()
    assert second == expected
    assert (after.misses - before.misses, after.hits - before.hits) == (1, 1)
    short = align._aligned.cache_info()
    assert align.opcodes(["a", "b"], ["a", "c"]) == [("equal", 0, 1, 0, 1),
                                                     ("replace", 1, 2, 1, 2)]
    assert align._aligned.cache_info() == short  # a short pair is aligned as it is


def test_a_timing_that_repeats_a_run_aligns_it_each_time() -> None:
    """A growth guard times the same input more than once: were the alignment kept from
    the run before, it would time a lookup, and quadratic work would pass as linear."""
    from tests.scaling import _best_of
    a = [f"w{i % 300}" for i in range(3000)]
    b = [("changed" if i % 40 == 0 else w) for i, w in enumerate(a)]
    align.opcodes(a, b)  # kept from before: the timing must not find it
    _best_of(lambda: align.opcodes(a, b), tries=3)
    info = align._aligned.cache_info()  # emptied before each run (its counts too)
    assert (info.hits, info.misses) == (0, 1)
