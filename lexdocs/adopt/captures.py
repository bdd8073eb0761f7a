"""Texts in a file's history that were never a version of the document.

A history recorded by an archive that fetches the published page (Open Terms Archive's,
say) holds, now and then, what the site served instead of the terms: "This page isn't
available. An unexpected error has occurred", replaced by the terms again at the next
fetch. Replayed as versions, each such capture made two material changes, the whole
document removed and the whole document added: 80 of the 86 versions of one archived
acceptable use policy. Such a text is left out of the import, with one line that says
which commits and why.

A text is such a capture when it stands between two texts of the document that are
alike (or before the first of them), and is itself short beside them and shares almost
none of their words: a rewrite of the document, however deep, keeps most of its words
and much of its length.

An archive also records a page served otherwise by turns (by region, by test): two
editions, each a text of the document. Nothing here can tell which one a company means,
so those stay versions, and the import says how often the history comes back to a text
it had (`returns`), so the user can import one edition.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

_WORD = re.compile(r"[^\W\d_]+")
_ALIKE = 0.5
"""The share of their words two texts of the document have in common, at least."""
_UNLIKE = 0.2
"""The share of words a capture has in common with the texts around it, at most."""
_SHORT = 0.25
"""A capture's length beside each text of the document around it, at most."""
_OWN = 0.5
"""The share of a capture's own words that the document has too, below which it is
unrelated ("This page isn't available … try reloading": 3 of its 17)."""


def words(text: str) -> frozenset[str]:
    """The words of `text`, case folded: what two texts share is judged on these."""
    return frozenset(w.casefold() for w in _WORD.findall(text))


def _shared(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _stray(text: str, seen: frozenset[str], doc: str, doc_seen: frozenset[str]) -> bool:
    """Short beside the document's text, with few words in common, and most of its own
    words not the document's: a policy cut down to a paragraph is made of its words."""
    return (len(text) <= _SHORT * len(doc) and _shared(seen, doc_seen) < _UNLIKE
            and len(seen & doc_seen) < _OWN * len(seen))


def strays(texts: Sequence[str]) -> list[int]:
    """The indexes of the texts that are captures of something other than the document:
    each short text unlike the document's texts around it (the nearest before and after
    that are not short), when those two are alike; before the first of them, unlike the
    one after it. A short text after the last of them is the newest: whatever it is, it
    is what is published now. Words are read only where a short text stands, so a long
    history of the document alone costs a sort of its lengths."""
    if len(texts) < 2:
        return []
    median = sorted(map(len, texts))[len(texts) // 2]
    whole = [k for k, t in enumerate(texts) if len(t) > _SHORT * median]
    sets: dict[int, frozenset[str]] = {}

    def seen(k: int) -> frozenset[str]:
        if k not in sets:
            sets[k] = words(texts[k])
        return sets[k]

    out = []
    for k in (k for k in range(len(texts)) if len(texts[k]) <= _SHORT * median):
        at = bisect.bisect_left(whole, k)
        if at == len(whole):
            continue  # after the last text of the document: the newest
        around = [*whole[max(0, at - 1):at], whole[at]]
        if all(_stray(texts[k], seen(k), texts[d], seen(d)) for d in around) and (
                len(around) == 1 or _shared(seen(around[0]), seen(around[1])) >= _ALIKE):
            out.append(k)
    return out


def strays_note(left: Sequence[tuple[str, str]]) -> list[str]:
    """The line that says which commits were left out as captures: (commit, text)."""
    if not left:
        return []
    sha, text = left[0]
    first = " ".join(re.sub(r"[-=#*_]{3,}", " ", text).split())
    first = first if len(first) <= 60 else first[:57] + "…"
    return [f"Left out {len(left)} commit(s) whose text was no version of the document "
            f"(the first: commit {sha[:10]}, '{first}'): each held a short, unrelated text "
            "in place of the whole, which a later commit replaced with the document again, "
            "as an archive records a page that failed to load."]


def returns(texts: Sequence[dict[str, str]]) -> list[int]:
    """The indexes of the versions whose files are those of an earlier version but the one
    before them: a text the history comes back to. A policy rewritten and reverted once
    comes back once; an archive that records two editions of a page by turns (Instagram's
    terms for the United States and for elsewhere, 100 of 102 versions material) comes
    back at nearly every version."""
    seen: dict[frozenset[tuple[str, str]], int] = {}
    out = []
    for i, files in enumerate(texts):
        key = frozenset(files.items())
        if seen.get(key, i - 1) < i - 1:
            out.append(i)
        seen[key] = i
    return out


def returns_note(back: Sequence[str], written: int) -> list[str]:
    """The line that says the history goes back and forth between texts, when it does so
    often (a fifth of the commits or more): (the commits that came back, all written)."""
    if len(back) < 3 or len(back) * 5 < written:
        return []
    return [f"{len(back)} of the {written} commits written bring back, word for word, a "
            f"text the history had before (the first replays commit {back[0][:10]}): each "
            "such return, and the change before it, is a version. If the file holds two "
            "editions of one page by turns, as an archive records a page served differently "
            "by region or by test, import each edition's history apart, or only the commits "
            "of one."]

