"""Words that say the same thing: grammar words put in or taken out, synonyms that keep
their inflection ("shared" → "disclosed", never "shares" → "disclosed"), and a "may"
that only hedges what the organisation does ("Firefox shares" → "Firefox may share").

rewrites.py asks these when it looks for a rewrite that keeps the meaning; statements.py
uses the same grammar words and verb forms to compare what a sentence promises.
"""

from __future__ import annotations

from lexdocs.review.align import opcodes
from lexdocs.review.lexicon import Finding
from lexdocs.review.vocabulary import HEDGED_VERBS, SYNONYMS

FUNCTION_WORDS = frozenset(str.split(
    "a an the of that which who whom as your our their its my his her this these those "
    "it there so please also additionally furthermore moreover"))
"""Words that carry grammar or courtesy, not terms: one put in or taken out says the same
thing ("Contact us" → "Please contact us")."""
_OWNERS = frozenset(["your", "our", "their", "its", "my", "his", "her"])
"""Whose: one may be put in ("sale of personal information" → "of your personal
information"), never swapped for another."""
JOINERS = frozenset(["and", "to"])
"""Words that may come or go where a sentence is split or joined ("…, and we" → "…. We",
"in order to" → "to"), but never stand in for another ("and" → "or", "to" → "from")."""


def function_words(gone: list[str], came: list[str]) -> Finding | None:
    """Only grammar words differ ("as" → "that the", "violate of any" → "violate any",
    "…, and we" → "…. We"): never "and" where "or" moved, never one direction for another."""
    changed = set(gone) | set(came)
    allowed = FUNCTION_WORDS | (JOINERS if "or" not in changed else frozenset())
    if not changed <= allowed:
        return None
    if set(gone) & JOINERS & set(came) or (set(gone) & JOINERS and set(came) & JOINERS):
        return None  # "and" for "to" or "to" for "and" is another statement
    if set(gone) & _OWNERS and set(came) & _OWNERS:
        return None  # "your data" → "our data" is someone else's data
    return ("function-words", (*dict.fromkeys(gone), "→", *dict.fromkeys(came)))


def _forms(base: str) -> dict[str, str]:
    """A verb's (or noun's) forms and which each is ("shared": "ed"): a synonym keeps its
    inflection ("shared" → "disclosed", never "shares" → "disclosed")."""
    head, _, rest = base.partition(" ")
    tail = f" {rest}" if rest else ""
    if head.endswith("e"):
        made = {"s": head + "s", "ed": head + "d", "ing": head[:-1] + "ing"}
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        made = {"s": head[:-1] + "ies", "ed": head[:-1] + "ied", "ing": head + "ing"}
    else:
        made = {"s": head + ("es" if head.endswith(("s", "sh", "ch", "x")) else "s"),
                "ed": head + "ed", "ing": head + "ing"}
    made.update(_IRREGULAR.get(head, {}))
    return {base: "", **{f + tail: kind for kind, f in made.items()}}


_IRREGULAR = {"keep": {"ed": "kept"}, "send": {"ed": "sent", "ing": "sending"},
              "buy": {"ed": "bought"}, "get": {"ed": "got", "en": "gotten", "ing": "getting"},
              "choose": {"ed": "chose", "en": "chosen"}, "make": {"ed": "made"},
              "set": {"ed": "set", "ing": "setting"}, "read": {"ed": "read"},
              "sell": {"ed": "sold"}, "show": {"en": "shown"}}
_CANON: dict[tuple[str, ...], str] = {}
for _group in SYNONYMS:
    for _word in _group:
        for _form, _kind in _forms(_word).items():
            _CANON.setdefault(tuple(_form.split()), f"{_group[0]}:{_kind}")
_HEDGED = {f: v for v in HEDGED_VERBS for f, kind in _forms(v).items() if kind in ("", "s")}
_NOT_HEDGED_AFTER = frozenset(["you", "users", "user", "customers", "visitors", "i"])
_KINDS_OF = frozenset(["types", "type", "kinds", "kind", "categories", "category", "pieces"])
_EXPLAINABLE = (frozenset(w for key in _CANON for w in key) | _HEDGED.keys() | FUNCTION_WORDS
                | JOINERS | _KINDS_OF | {"may", "can", "of"})
"""Every word `same_meaning` can account for: a text that holds another word the other
text lacks says something else, and is not read word by word (a tenth of the redline
benchmark's classifier went to reading such texts)."""


def verb_base(word: str) -> str:
    """A verb of what is done with data in its base form ("receives" → "receive"), any
    other word as it is: "Mozilla receives" and "We receive" agree."""
    return _HEDGED.get(word, word)


def _canonical(words: list[str]) -> list[str]:
    """`words` with each synonym written as its group's first word (its inflection kept)
    and a "may" that only hedges what the organisation does dropped ("Firefox shares" and
    "Firefox may share" say the same practice): what is left must match word for word."""
    out: list[str] = []
    i = 0
    while i < len(words):
        phrase = next((n for n in (3, 2) if tuple(words[i:i + n]) in _CANON), 0)
        if phrase:
            out.append(_CANON[tuple(words[i:i + phrase])])
            i += phrase
            continue
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt == "of" and w in _KINDS_OF:
            i += 2  # "the types of data we collect" is "the data we collect"
            continue
        if w in ("may", "can") and out and out[-1] == "you":
            out.append("can")  # "you may ask" is "you can ask": the same right
            i += 1
            continue
        if w == "may" and nxt in _HEDGED and (not out or out[-1] not in _NOT_HEDGED_AFTER):
            i += 1
            continue
        base = _HEDGED.get(w)  # "shares" is "share": a "may" put in takes its -s away
        out.append(_CANON.get((base,), f"{base}:") if base else _CANON.get((w,), w))
        i += 1
    return out


def same_meaning(a: list[str], b: list[str]) -> Finding | None:
    """Only synonyms swapped ("share" → "disclose") or a "may" put in or taken out before
    what the organisation does, perhaps beside grammar words: the same statement
    (`synonym`, or `hedge-added` / `hedge-removed` when only "may" moved)."""
    if not (set(a) ^ set(b)) <= _EXPLAINABLE:
        return None  # a word only one side has, and no synonym, hedge or grammar word
    ca, cb = _canonical(a), _canonical(b)
    if ca != cb:
        ops = [op for op in opcodes(ca, cb)
               if op[0] != "equal"]
        if not ops or not function_words([w for _, i1, i2, _, _ in ops for w in ca[i1:i2]],
                                          [w for _, _, _, j1, j2 in ops for w in cb[j1:j2]]):
            return None
    said = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag != "equal":  # a word put in or taken out is shown with the word it stands by
            k1, k2 = (i1, i2 + 1) if i1 == i2 or j1 == j2 else (i1, i2)
            said.append(f"{' '.join(a[k1:k2])} → {' '.join(b[j1:j2 + k2 - i2])}")
    came = b.count("may") - a.count("may")

    def bare(words: list[str]) -> list[str]:
        return [_HEDGED.get(w, w) for w in words
                if w != "may" and w not in FUNCTION_WORDS]

    if bare(a) != bare(b) or not came:
        return ("synonym", tuple(said))
    return (f"hedge-{'added' if came > 0 else 'removed'}", tuple(said))
