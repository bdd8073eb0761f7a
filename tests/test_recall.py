"""`lexdocs.recall`: last build's result only for equal inputs, and never more than two
builds' worth."""

from __future__ import annotations

from lexdocs.recall import Recall, Remembered


def test_equal_inputs_give_last_builds_very_object_and_others_compute() -> None:
    memo = Remembered()
    made: list[int] = []

    def make(n: int) -> list[int]:
        made.append(n)
        return [n]

    first = memo.same("x", (1, "a"), lambda: make(1))
    memo.next_build()
    assert memo.same("x", (1, "a"), lambda: make(2)) is first
    memo.next_build()
    changed = memo.same("x", (1, "b"), lambda: make(3))
    assert changed == [3] and made == [1, 3]


def test_a_name_not_asked_for_in_a_build_is_let_go() -> None:
    memo = Remembered()
    memo.same("old", (1,), lambda: [1])
    memo.next_build()
    memo.next_build()  # a build that never asked for "old"
    assert memo.same("old", (1,), lambda: [2]) == [2]


def test_a_recall_without_memory_always_computes() -> None:
    memo = Recall()
    first = memo.same("x", (1,), lambda: [1])
    memo.next_build()
    assert memo.same("x", (1,), lambda: [1]) is not first
