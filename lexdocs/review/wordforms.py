"""One word put in the grammatical form the sentence asks for, nothing else: a verb made
to agree with its subject ("Seller understand that" → "Seller understands that") or with
the verb it is joined to ("build and maintained" → "built and maintained"). The sentence
says what it said; `rewrites.rewrite` asks these once the words that differ are few.

A tense or a number changed on its own ("share" → "shared", "processor" →
"processors") is neither, and stays for the rules that read it.
"""

from __future__ import annotations

from collections.abc import Sequence

from lexdocs.review.lexicon import Finding

__all__ = ["agreement", "verb_number"]


_PARTICIPLES = frozenset(str.split(
    "built sent made kept held sold given taken done shown known written brought bought "
    "found told paid run set put read"))
"""Irregular participles; a regular one ends in "-ed"."""


def _participle(word: str) -> bool:
    return (len(word) > 4 and word.endswith("ed")) or word in _PARTICIPLES


def agreement(a: list[str], b: list[str],
               ops: Sequence[tuple[str, int, int, int, int]]) -> Finding | None:
    """One word put in the form of the word it is joined to ("products build and
    maintained by us" → "built and maintained"): the same verb (its first three
    letters), now a participle like its partner across "and" or "or", which the old
    form was not. A tense or a number changed on its own ("share" → "shared",
    "processor" → "processors") is not this, and stays for the rules that read it."""
    if len(ops) != 1 or [op[2] - op[1] for op in ops] != [1] or ops[0][4] - ops[0][3] != 1:
        return None
    _, i, _, j, _ = ops[0]
    was, now = a[i], b[j]
    partners = [b[k] for k in (j - 2, j + 2)
                if 0 <= k < len(b) and b[(k + j) // 2] in ("and", "or")]
    if was[:3] != now[:3] or _participle(was) or not _participle(now) or not any(
            map(_participle, partners)):
        return None
    return ("word-form", (was, "→", now))


_AUXILIARIES = {frozenset(p) for p in (("have", "has"), ("do", "does"), ("is", "are"),
                                        ("was", "were"))}
_NOT_SUBJECT = frozenset(str.split(
    "the a an this that these those our your its their his her any each every all some no "
    "of and or for to with by in on at from as"))
"""Words after which a word is the head of a noun phrase ("the share" → "the shares"),
not a verb whose subject came before it."""
_OBJECT_NEXT = frozenset(str.split(
    "that to the a an any all our your its their this these those it them you us such and"))
"""Words a verb is followed by ("understand that", "process the data", "agree to")."""
_ONLY_VERBS = frozenset(str.split(
    "include contain require govern understand agree acknowledge warrant represent"))
"""Verbs no noun is spelt as, in the plural either: one made to agree with its subject
needs no object word after it ("the Service include open source" → "includes open
source", GitHub's corporate terms)."""


def verb_number(a: list[str], b: list[str],
                 ops: Sequence[tuple[str, int, int, int, int]]) -> Finding | None:
    """Verbs put in agreement with a subject that did not change ("Seller understand
    that" → "Seller understands that", "the Seller have" → "the Seller has"): the
    sentence says what it said. An auxiliary (have, do, be) is a verb wherever it
    stands; another word counts only after a word that can be its subject and before
    one that can follow a verb, so "the share" → "the shares" (a number of things) is
    not this and stays for the rules that read it."""
    said: list[str] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag != "replace" or i2 - i1 != 1 or j2 - j1 != 1 or i1 == 0 or j1 == 0:
            return None
        was, now = a[i1], b[j1]
        if a[i1 - 1] != b[j1 - 1] or a[i1 - 1] in _NOT_SUBJECT:
            return None
        if frozenset((was, now)) not in _AUXILIARIES:
            base, inflected = sorted((was, now), key=len)
            after = b[j1 + 1] if j1 + 1 < len(b) else ""
            if len(base) < 3 or inflected not in (base + "s", base + "es") or (
                    (after not in _OBJECT_NEXT and base not in _ONLY_VERBS)
                    or (a[i1 + 1] if i1 + 1 < len(a) else "") != after):
                return None
        said.append(f"{was} → {now}")
    return ("verb-agreement", tuple(said)) if said else None
