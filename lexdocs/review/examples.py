"""Whether words taken out of or put into a sentence are only examples of what it says.

"Laws in some US states, including California and Colorado, give you rights": the names
after "including" illustrate the rule, and dropping or adding one leaves it (rewrites:
`examples-removed`, `examples-added`). The content rules run first, so a name that is a
third party or a kind of data never gets here.
"""

from __future__ import annotations

import re

QUOTES = str.maketrans({"‘": "'", "’": "'", "`": "'", "´": "'", "“": '"', "”": '"'})
"""Curly quotes and the like as plain ones, as the rewrites compare text."""

# Where examples start ("including Google, Bing and eBay"; "such as", "for example", "e.g.").
EXAMPLE_LEAD = ("including but not limited to", "including", "such as", "for example",
                "for instance", "e g", "eg")
LIST_GLUE = frozenset(["and", "or", "but", "not", "limited", "to"])


def is_examples(words: list[str], raw: list[str], text: str) -> bool:
    """Whether `words` (one run taken out of or put into `text`; `raw` as written) are
    examples: a lead ("including", "such as", …) then names, names alone that fill a
    pair of parentheses, or names that are one more element of a list of examples
    ("such as Snippets, Add-on Recommendations, Top Sites"), each name written with a
    capital ("Colorado", "eBay")."""
    if not words or len(raw) != len(words):
        return False
    joined = " ".join(words)
    lead = next((len(x.split()) for x in EXAMPLE_LEAD if joined.startswith(x + " ")), 0)
    names = list(zip(words[lead:], raw[lead:], strict=True))
    capital = [any(ch.isupper() for ch in r) for _, r in names]
    if not (any(capital) and all(c or w in LIST_GLUE for (w, _), c in zip(names, capital,
                                                                           strict=True))):
        return lead == 0 and _listed_example(raw, text)
    # Without a lead, the names must fill a pair of parentheses or follow a lead as one
    # more element of its list: the patterns are made only for the few runs that can (it
    # was compiled for every run a redline compared).
    return bool(lead) or ("(" in text and re.search(
        r"\(\W*" + r"\W+".join(map(re.escape, raw)) + r"\W*\)", text.translate(QUOTES))
        is not None) or _listed_example(raw, text)


_LED = re.compile(r"\b(?:(?:including|such as|for example|for instance),?|e\.g\.,?)\s", re.I)


def _listed_example(raw: list[str], text: str) -> bool:
    """Whether the run `raw` is a list element of names (each word, hyphenated ones whole,
    with a capital: "Add-on Recommendations") standing between commas or "and"/"or" in a
    sentence of `text` whose list of examples began before it ("such as …")."""
    text = text.translate(QUOTES)
    found = re.search(r"(?<![\w-])" + r"\W+".join(map(re.escape, raw)) + r"(?![\w-])", text)
    if found is None:
        return False
    before = re.split(r"[.!?:;]\s", text[:found.start()])[-1]
    after = text[found.end():]
    return (_LED.search(before) is not None and re.search(r"(?:,|\band|\bor)\s*$", before)
            is not None and re.match(r"\s*(?:,|and\b|or\b|\)|\.|$)", after) is not None
            and all(w[0].isupper() or w in LIST_GLUE for w in found.group().split()))
