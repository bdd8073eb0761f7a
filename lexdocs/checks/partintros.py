"""An introduction that ends a part, and the parts after it that are what it introduces.

A line ending in ":" that no list follows is an introduction left dangling (`lists`),
unless what follows is the next part: a contract's recital ("The Parties agree as
follows:") before "1. Definitions"; a preamble that promises what follows ("the following
measures may give you some confidence:", fortrabbit's, then "Service scope", "Data
centers", …); a part that does so over parts titled as labels ("…you can reach us in the
following ways:", then "Online:", "By mail:", LinkedIn's policy as archived); a promise a
rule sets apart from the part's text ("- - -", then "Take these measures to prevent your
kids from stumbling upon adult sites :", then "Activate safe mode in search engines", …:
XNXX's policy); a part's last sentence that names the part ("…restrict the use of their
data as set out in this section:", LinkedIn's privacy policy, its subsections then
imported as parts); one that names the part after it ("Let's get started with the
controls you have over your information:", then "Control Over Your Information",
Snapchat's); one that discloses data "with:" or "to:" over a part titled by a kind of
recipient ("Service providers", Temu's). The same words before any other part still
promise what is missing.
"""

from __future__ import annotations

import re

from lexdocs.review.lexicon import RECIPIENT_RE, lexical
from lexdocs.review.vocabulary import DISCLOSURE_VERB
from lexdocs.stems import stems

__all__ = ["PROMISE", "introduces_parts"]

_FOLLOWING = (r"following|below|as follows|siguientes?|suivante?s?|folgenden?|seguintes?|"
              r"seguenti|volgende")
"""Words that point at what comes next, in English and in the languages policies are most
often translated into."""
PROMISE = re.compile(rf"\b(?:{_FOLLOWING}|these|include|includes|including|such as)\b",
                     re.IGNORECASE)
"""Words that promise items ("For the following purposes:", "…es la siguiente:"), whatever
the sentence's shape, in English and in the languages policies are most often translated
into."""
_FIRST_PART = re.compile(r"^(?:(?:section|article|part)\s+)?\(?(?:1|I|A)\\?[.):]?\s",
                         re.IGNORECASE)
"""The title of the part that begins a contract's numbering: "1. Definitions", "Article I"."""
_AHEAD = re.compile(rf"\b(?:{_FOLLOWING})\b", re.IGNORECASE)
"""Words that point at what comes next, rather than at a list in the sentence's own block."""
_THIS_PART = re.compile(r"\b(?:in|under|of) this (?:section|part|chapter|article)\b",
                        re.IGNORECASE)
"""A part named by its own words: at the part's end, before a colon, only what comes
after it can be what it sets out."""
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
"""A thematic break: `---`, `- - -`, `***`."""


def introduces_parts(lines: list[str], last: int, after: str, *, first: bool) -> bool:
    """Whether line `last`, a part's last line and ending in ":", introduces the parts
    after it: `after` is the next part's title (after a bare title, the one after that),
    `first` whether the part is the document's first, a preamble."""
    line = lines[last]
    return bool(_FIRST_PART.match(after)
                or (_AHEAD.search(line) and (first or after.rstrip(" *_").endswith(":")))
                or (PROMISE.search(line) and _after_rule(lines, last))
                or _THIS_PART.search(line) or _names_part(line, after)
                or _discloses_to(line, after) or bool(_NO_OBJECT.fullmatch(line.strip())))


def _after_rule(lines: list[str], i: int) -> bool:
    """Whether the nearest line with text above line `i` is a thematic break."""
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return j >= 0 and bool(_RULE.fullmatch(lines[j]))


def _names_part(line: str, title: str) -> bool:
    """Whether `line` holds every word of the title of the part after it, endings aside
    (`lexdocs.stems`), three words at least: two ("Your Information") a sentence about a
    lost list may hold by chance."""
    named = set(stems(title).split())
    return len(named) >= 3 and named <= set(stems(line).split())


_NO_OBJECT = re.compile(r"[*_]*(?:we|you|they|it|this|these)(?:[ \t]+[a-z]+){0,2}[ \t]+"
                        r"(?:collect|use|share|disclose|receive|process|obtain|gather|"
                        r"includes?)[*_]*:[*_]*", re.IGNORECASE)
"""A clause that ends on its verb, at a part's end, its object missing ("We collect:",
Stack Overflow's privacy policy before its parts "Identity Data", "Account registration
information", …): only the parts after it can complete it."""


_TO_WHOM = re.compile(r"\b(?:with|to)[*_]*:[*_]*$", re.IGNORECASE)


def _discloses_to(line: str, title: str) -> bool:
    """Whether `line` hands data over to whoever comes next ("We may also disclose consumer
    health data with:", Temu's consumer health data policy) and the part after it is
    titled by a kind of recipient ("Service providers"): the parts after it are those it
    discloses to, as `lexdocs.review` reads recipients."""
    return bool(_TO_WHOM.search(line.rstrip()) and DISCLOSURE_VERB.search(line)
                and RECIPIENT_RE.search(lexical(title)))
