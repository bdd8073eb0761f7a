"""Rewrites that only move words: sentences or list elements in another order, an adverb
past the word beside it, a preposition to the other end of its clause.

Each keeps every word and changes where one stands; `rewrites.rewrite` asks these
beside the rewrites that change words. Each is read in time linear in the texts' length
(a cut at the ends both texts share, then one pass).
"""

from __future__ import annotations

import re
from collections import Counter

from lexdocs.review.align import common_ends
from lexdocs.review.examples import QUOTES
from lexdocs.review.lexicon import ENUMERATOR, Finding

__all__ = ["adverbs_moved", "preposition_fronted", "reordered"]

_MOVABLE = frozenset(str.split("only also always still never just even then now"))
"""Adverbs that say the same on either side of the word beside them: "only apply to" and
"apply only to", "will also" and "also will"."""

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[.;:!?,\n]")
_SEPARATORS = frozenset([".", ";", ":", "!", "?", ",", "\n", "and"])


def _pieces(tokens: list[str]) -> Counter[str]:
    """The sentences and list elements among `tokens` (split at stops, commas, "and" and
    block breaks), each as its words: a multiset, so their order is gone."""
    pieces: Counter[str] = Counter()
    run: list[str] = []
    for t in [*tokens, "."]:
        if t in _SEPARATORS:
            if run:
                pieces[" ".join(run)] += 1
            run = []
        else:
            run.append(t)
    return pieces


def reordered(old: str, new: str, a: list[str], b: list[str]) -> Finding | None:
    """The same sentences or list elements in another order, nothing come or gone: what
    both texts share at their start and end is set aside, so "We collect A, B and C" →
    "We collect C, A and B" compares A, B, C with C, A, B ("We share A with B" → "B with
    A" is one piece either way, and differs)."""
    if Counter(a) != Counter(b):
        return None
    # labels kept in place ("1) A; 2) B" → "1) B; 2) A") are set aside: A and B moved
    if ENUMERATOR.findall(old) == ENUMERATOR.findall(new):
        old, new = ENUMERATOR.sub("", old), ENUMERATOR.sub("", new)
    x, y = (_TOKEN.findall(t.translate(QUOTES).casefold()) for t in (old, new))
    start, end = common_ends(x, y)
    cuts = [(start, end)]  # and the same, at whole pieces: "We delete it. We keep logs."
    while start and x[start - 1] not in _SEPARATORS:
        start -= 1
    while end and x[len(x) - end] not in _SEPARATORS:
        end -= 1
    if any(_pieces(x[i:len(x) - j]) == _pieces(y[i:len(y) - j]) for i, j in [*cuts, (start, end)]):
        return ("reordered", ())
    return None


_STRANDED = frozenset(str.split("with to from for about of on in by"))
_RELATIVE = frozenset(["whom", "which"])


def preposition_fronted(a: list[str], b: list[str]) -> Finding | None:
    """Only a preposition moved from the end of a relative clause to before its pronoun,
    or back ("control whom you share information with" → "with whom you share
    information", Google's privacy policy): the same clause, as grammar books would have
    it. The same preposition, the same words in the same order otherwise: where the two
    texts first differ, one has the preposition before "whom" or "which", and the other
    has it where they last differ (read once from each end)."""
    if len(a) != len(b) or a == b:
        return None
    start, end = common_ends(a, b)
    i = len(a) - 1 - end  # the last word that differs
    for x, y in ((a, b), (b, a)):  # fronted in `y`, stranded in `x`
        if (i > start and start + 1 < len(y) and y[start] in _STRANDED
                and y[start + 1] in _RELATIVE and x[i] == y[start]
                and x[start:i] == y[start + 1:i + 1]):
            rel, prep = y[start + 1], y[start]
            return ("preposition-fronted", (f"{rel} … {prep} → {prep} {rel} …" if y is b
                                            else f"{prep} {rel} … → {rel} … {prep}",))
    return None


def adverbs_moved(a: list[str], b: list[str]) -> tuple[str, ...]:
    """The adverbs (`_MOVABLE`) that moved past at most one word, when nothing else
    changed: "These terms only apply" → "apply only", "will also" → "also will"
    (Instagram's commercial terms, as archived by turns)."""
    def placed(ws: list[str]) -> tuple[list[str], list[tuple[str, int]]]:
        rest: list[str] = []
        found = []
        for w in ws:
            if w in _MOVABLE:
                found.append((w, len(rest)))
            else:
                rest.append(w)
        return rest, found
    (ra, fa), (rb, fb) = placed(a), placed(b)
    if ra != rb or [w for w, _ in fa] != [w for w, _ in fb] or fa == fb:
        return ()
    if any(abs(i - j) > 1 for (_, i), (_, j) in zip(fa, fb, strict=True)):
        return ()
    return tuple(f"{w} {ra[i]} → {ra[i]} {w}" if j > i else f"{ra[j]} {w} → {w} {ra[j]}"
                 for (w, i), (_, j) in zip(fa, fb, strict=True) if i != j)
