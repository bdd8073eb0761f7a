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
from typing import Any

__all__ = ["stems"]

_WORD = re.compile(r"[^\W_]+")


@functools.cache
def _stemmer() -> Any:
    """Snowball's English stemmer, made when first asked for: the package loads the
    stemmers of all its thirty languages (20 ms), which a build or a check that stems no
    word need not pay."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def stems(words: str) -> str:
    """The words of `words` (letters and digits; case, marks and punctuation aside), each
    by its stem, one space apart."""
    return " ".join(_stem(w) for w in _WORD.findall(words.casefold()))
