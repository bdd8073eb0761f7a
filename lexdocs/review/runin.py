"""A heading run into its paragraph: the first sentence of a block, in Title Case, that
titles what follows it ("Right to Request a List of Third-Party Recipients. You may …",
"* Device Phonebook. Because … your device's phonebook").

Its capitals name no one, so the readers of names (`capitals.names_in`, `parties`) mask
it first. A name run in as a heading ("Bank of America. We share …", "Google Analytics.
We use Google Analytics") is still a name: only a phrase, or a label the sentence after
it says again in small letters, is taken for a heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lexdocs.review.lexicon import heading

__all__ = ["echoed_labels_masked", "phrase_masked"]

_RUN_IN = re.compile(r"([^.!?\n]{3,80}\.)\s+(?=[A-Z])")
_PHRASE_WORD = re.compile(r"(?-i:\b(?:to|a|an|your|our|how|what|why|we|you)\b)")
"""A word no name has: a run-in title with one ("Right to Request a List …",
Perplexity's) is a phrase."""
_LABEL_WORD = re.compile(r"[A-Z][a-z]+|and|or|of|&")
_BULLETS = " \t*-+•"
"""A list item's mark, which opens its block: no word of a label it runs in."""
_ECHO_LOOK = 400
"""How far after the label its words are looked for: the item's first sentences."""


def _masked(block: str, titles: Callable[[str, str], bool]) -> str:
    """`block` with its run-in heading masked (as many private-use characters), when
    `titles(lead, block)` says the lead is one."""
    lead = _RUN_IN.match(block)
    if lead and heading(lead.group(1)[:-1].lstrip(_BULLETS)) and titles(lead.group(1), block):
        return "\ue000" * len(lead.group(1)) + block[lead.end(1):]
    return block


def phrase_masked(block: str) -> str:
    """`block` with a run-in title that is a phrase masked ("Right to Request a List of
    Third-Party Recipients. You may …", Perplexity's, was "a third party was added (List,
    Request)")."""
    return _masked(block, lambda lead, _: bool(_PHRASE_WORD.search(lead)))


def echoed_labels_masked(text: str) -> str:
    """`text` with each label run into its block that the block says again small
    (`_echoed`) masked: read before anything else is masked, since what masks the
    sentence after it (the organisation's own list, a data list) hides the echo too."""
    if ". " not in text:
        return text
    return "\n\n".join(_masked(block, _echoed) for block in text.split("\n\n"))


def _echoed(label: str, block: str) -> bool:
    """Whether a run-in label of two words at least ("Device Phonebook. … we may
    collect information from your device's phonebook", Snap's policy, its bold lost in
    the archive's copy) says again, in lower case, what the sentence after it says: a
    heading that sums up its item, once "a third party was added (Device Phonebook)". A
    name the sentence repeats keeps its capitals ("Google Analytics. We use Google
    Analytics"), and is written small nowhere ("Bank of America": no sentence writes
    "america")."""
    words = label.strip(_BULLETS + ".").split()
    capitals = [w for w in words if w[:1].isupper()]
    if len(capitals) < 2 or not all(_LABEL_WORD.fullmatch(w) for w in words):
        return False
    after = block[len(label):len(label) + _ECHO_LOOK]
    return all(re.search(rf"\b{w.casefold()}", after) for w in capitals)
