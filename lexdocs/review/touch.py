"""Where an edit touched a text: which words of which sentences changed.

A fact counts where the edit put it into (or took it from) a sentence that stays. One
inside a sentence wholly added or removed is that sentence's, which facts.py names as
such: "Since GDPR went into effect in 2018, …" dropped with its paragraph removes no
date from a promise, and "… was no longer valid" in a sentence of its own puts no
negation into one.
"""

from __future__ import annotations

import re
from collections import Counter

from lexdocs.review.align import Opcode, Work, budget, common_ends, opcodes, within
from lexdocs.review.lexicon import LABEL, SENTENCES, words
from lexdocs.review.typed import DATE


def changed_runs(a: list[str], b: list[str]) -> list[Opcode]:
    """The opcodes of `a` → `b` that are not "equal", the words both share at either end
    set aside first. difflib compares every pair of equal words inside what it is given:
    a sentence that repeats one word thousands of times ("(1) item, (2) item, …") with
    "never" put at its start cost the square of its length, and committed text is
    untrusted; an edit is most often a few words in a long text."""
    runs = _changed(a, b)
    assert runs is not None  # no budget to run out of
    return runs


def _changed(a: list[str], b: list[str], work: Work | None = None) -> list[Opcode] | None:
    """`changed_runs`, or with `work` shared by several alignments, None once it is spent."""
    start, end = common_ends(a, b)
    x, y = a[start:len(a) - end], b[start:len(b) - end]
    ops = opcodes(x, y) if work is None else within(x, y, work)
    return None if ops is None else [(tag, i1 + start, i2 + start, j1 + start, j2 + start)
                                     for tag, i1, i2, j1, j2 in ops if tag != "equal"]


def _label_apart(m: re.Match[str]) -> str:
    """A label set apart from what it labels, a sentence of its own, unless it labels a date
    alone ("Date of last update: November 12, 2024", LINE's privacy policy): that date is
    the line's value, and a new one is the line's date changed, not the line rewritten."""
    end = m.string.find("\n\n", m.end())
    value = m.string[m.end():len(m.string) if end < 0 else end].strip(" \t\n.")
    return m.group() if DATE.fullmatch(value) else m.group() + "\n\n"


def edits(old: str, new: str, share: int = 3, paired: bool = False
          ) -> tuple[tuple[list[str], set[int]], tuple[list[str], set[int]]]:
    """Each side's words and the positions the edit touched inside sentences that keep
    some of their words: a sentence wholly added or removed is a finding of its own.

    `paired`: a sentence counts as kept only if it has a partner on the other side (each
    changed sentence paired with the one it shares most words with, in turn). A sentence
    that merely borrows words from one that is still there ("You may have heard that …
    the Privacy Shield … was no longer valid" beside "We also participate in … Privacy
    Shield") is a new one, and what it says is its own."""
    (a, sa), (b, sb) = _tokens(old), _tokens(new)
    ca: set[int] = set()
    cb: set[int] = set()
    for _, i1, i2, j1, j2 in changed_runs(a, b):
        ca.update(range(i1, i2))
        cb.update(range(j1, j2))

    def kept(changed: set[int], where: list[int]) -> set[int]:
        """Changed positions in sentences that keep a `share`th of their words (one that
        keeps only a "please" or a "you" was rewritten, not edited)."""
        size, hit = Counter(where), Counter(where[i] for i in changed)
        return {i for i in changed if hit[where[i]] < size[where[i]] and
                share * (size[where[i]] - hit[where[i]]) >= size[where[i]]}

    ka, kb = kept(ca, sa), kept(cb, sb)
    if paired:
        alone_a, alone_b = lone((a, sa), (b, sb))
        ka = {i for i in ka if sa[i] not in alone_a}
        kb = {i for i in kb if sb[i] not in alone_b}
    return (a, ka), (b, kb)


Side = tuple[list[str], list[int]]


def _tokens(text: str) -> Side:
    """`text`'s words and, for each, the number of the sentence it is in."""
    out: list[str] = []
    where: list[int] = []
    for i, piece in enumerate(SENTENCES.split(LABEL.sub(_label_apart, text))):
        ws = words(piece)
        out += ws
        where += [i] * len(ws)
    return out, where


def lone_words(old: str, new: str) -> tuple[Counter[str], Counter[str]]:
    """Each side's words in sentences wholly added or removed: changed, and sharing no word
    with a changed sentence of the other side (`lone`)."""
    (a, sa), (b, sb) = _tokens(old), _tokens(new)
    gone, came = lone((a, sa), (b, sb))
    return (Counter(w for w, i in zip(a, sa, strict=True) if i in gone),
            Counter(w for w, i in zip(b, sb, strict=True) if i in came))


def lone(old: Side, new: Side, most: int = 400) -> tuple[set[int], set[int]]:
    """The changed sentences (by index) of each side that no changed sentence of the other
    side shares a word with once the closest pairs are taken. Past `most` pairs to weigh,
    or past the work of aligning all the sentences' words once (`align.budget`: each pair
    may cost the square of its length, and 400 pairs of sentences of 400 words took 7 s),
    every sentence counts as paired: the edit is a rewrite, judged by its words."""
    def sentences(side: Side) -> dict[int, list[str]]:
        tokens, where = side
        out: dict[int, list[str]] = {}
        for i, w in enumerate(tokens):
            out.setdefault(where[i], []).append(w)
        return out

    sa, sb = sentences(old), sentences(new)
    ta, tb = {tuple(v) for v in sa.values()}, {tuple(v) for v in sb.values()}
    a = {k: v for k, v in sa.items() if tuple(v) not in tb}  # a sentence the other side
    b = {k: v for k, v in sb.items() if tuple(v) not in ta}  # keeps as it is is no edit
    if not a or not b or len(a) * len(b) > most:
        return (set(), set()) if a and b else (set(a), set(b))
    work = Work(budget(sum(map(len, a.values())) + sum(map(len, b.values()))))
    weighed = []
    for i, x in a.items():
        for j, y in b.items():
            runs = _changed(x, y, work)
            if runs is None:
                return set(), set()
            weighed.append((len(x) - sum(i2 - i1 for _, i1, i2, _, _ in runs), i, j))
    shared = sorted(weighed, key=lambda t: -t[0])
    pa: set[int] = set()
    pb: set[int] = set()
    for n, i, j in shared:
        if n and i not in pa and j not in pb:
            pa.add(i)
            pb.add(j)
    return set(a) - pa, set(b) - pb


def touched(fact: str, edited: Counter[str]) -> bool:
    """Whether a word of a typed fact (as written) is among the words an edit touched in a
    sentence that stays."""
    return any(edited[w] for w in words(fact.casefold()))


def at(tokens: list[str], edited: set[int], want: Counter[str]) -> Counter[str]:
    """`want`, each word at most as often as the edit touched it."""
    have = Counter(tokens[i] for i in edited)
    return Counter({w: min(n, have[w]) for w, n in want.items() if have[w]})


def phrase_at(tokens: list[str], edited: set[int], phrase: str) -> int:
    """How often `phrase` starts at a word the edit touched."""
    want = words(phrase)
    return sum(1 for i in edited if tokens[i:i + len(want)] == want)
