"""Words by their stems, Snowball's English ones, as a search engine compares them.

Two places compare words that may not share their endings: import, leading a link whose
anchor leads nowhere to the heading or bold label its words name ("#information-collected"
for "What Information We Collect", Reddit's; "#limit_interest_base_advertising" for
"Limit interest-based advertising", Temu's), and the lint, reading an introduction that
names the part after it ("…with the controls you have over your information:" over
"Control Over Your Information", Snapchat's). A word of another language keeps its
letters or loses an ending on both sides alike.
"""

from __future__ import annotations

import functools
import re

import snowballstemmer

__all__ = ["stems"]

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def stems(words: str) -> str:
    """The words of `words` (letters and digits; case, marks and punctuation aside), each
    by its stem, one space apart."""
    return " ".join(_stem(w) for w in _WORD.findall(words.casefold()))
