"""The clauses a change's evidence quotes: each condition ("if …", "unless …") and each
purpose a marker opens ("in order to …"), with the words that follow it, so that a
reason names the condition that came, not the word "if" or a clause that did not change.

`facts.findings` counts them on each side and says which came or went.
"""

from __future__ import annotations

import re
from collections import Counter

from lexdocs.review import vocabulary as voc
from lexdocs.review.lexicon import sentence_around
from lexdocs.review.pointers import is_pointer

__all__ = ["clause", "conditions", "of_processing", "opened"]


def conditions(lex: str) -> Counter[str]:
    """Each condition as its opening words, counted by its marker; "until" a date is the
    date's (a date finding names it), not a condition. Nor is the "if" that says whom a
    pointer is for ("If you are applying for a job, please review our Recruitment
    policy"): a pointer promises nothing, so it sets no condition on a promise. Nor is
    "if any" or "if applicable", closed off by a comma or a bracket: whatever there is."""
    found = Counter(m.group() for m in voc.CONDITION.finditer(lex)
                    if not lex.startswith("\ue000", m.end() + 1)
                    and not (m.group() == "if" and (_ASKS.search(
                        lex, max(0, m.start() - 24), m.start()) or _HEDGE.match(lex, m.end())))
                    and not is_pointer(sentence_around(lex, m.start())))
    # "Otherwise, …" opening a sentence is "if not, …": the old "if …" restated.
    found["if"] += len(_OTHERWISE.findall(lex))
    return +found


_OTHERWISE = re.compile(r"(?:^|(?<=[.;:] ))otherwise\b")
# "the fees, if any, …", "taxes (if applicable)": whatever there is, no condition on it
# (GitHub's marketplace terms: "a condition was added ('if any')").
_HEDGE = re.compile(r" (?:any|applicable|relevant|appropriate)\b(?! \w)")
# "to see if it is up to date" asks whether; it sets no condition.
_ASKS = re.compile(r"\b(?:see|sees|check|checks|checking|checked|ask|asks|asked|know|"
                   r"determine|determines|verify|verifies|find out|wonder) $")


_PROCESSING = re.compile(r"\b(?:we|us|our|you|your|data|information|details|personal|"
                         r"cookies?|tracking|processing)\b")


def of_processing(lex: str, at: int) -> bool:
    """Whether the sentence holding a purpose's marker ("for the purpose of", "in order
    to") speaks of data, of the reader or of what we do: "Activity that involves …
    sharing imagery … for the purpose of sexual gratification" (Snapchat's community
    guidelines, on what may not be posted) states the purpose of an act the text
    forbids, not one of any processing."""
    return bool(_PROCESSING.search(sentence_around(lex, at, stops=_STOPS)))


_STOPS = (". ", "\n", ": ", " * ", " - ", " + ")
"""Where a sentence, an introduction or a list's item ends (`lexical` runs a list's items
on one line, each after its mark)."""


def opened(found: Counter[str], lex: str, other: str) -> Counter[str]:
    """Purposes as evidence quotes them: a marker of one ("in order to") with the words it
    opens ("in order to share tips on how …", npm's), as a condition is quoted. "A
    purpose was added (in order to)" named no purpose."""
    if not found.keys() & voc.PURPOSE_MARKERS:
        return found
    return Counter({(clause(lex, k, other) if k in voc.PURPOSE_MARKERS else k): v
                    for k, v in found.items()})


_CUT = re.compile(r"[ \t]*\ue000")
"""Words the reading took out where the clause goes on (a place, a party): the quote ends
there, and says so ("if you live in the …")."""


def clause(lex: str, marker: str, other: str) -> str:
    """The words a condition marker opens, for the evidence: the first such clause the
    other text does not have, so an old "if …" that did not change is never quoted; a
    quote cut short ends "…"."""
    found = [(marker + m.group(1)).strip() + (" …" if m.group(1).count(" ") >= 6 or _CUT.match(
        lex, m.end()) else "") for m in re.finditer(
        rf"\b{re.escape(marker)}\b((?: [\w'’]+){{0,6}})", lex)]
    changed = [c for c in found if c.removesuffix(" …") not in other] or found or [marker]
    return changed[0]
