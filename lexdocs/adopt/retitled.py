"""A section's id kept across a retitled heading, so that the redline says "retitled" and
the permanent anchor people cite still names the part.

`ids` lands each in-page link on the ids one version has; which of the previous
version's ids a version's parts keep is this module's concern, asked first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from lexdocs.review.align import AT_LEAST, Work
from lexdocs.review.lexicon import unnumbered

if TYPE_CHECKING:
    from lexdocs.adopt.convert import Converted, Section

__all__ = ["keep_ids"]


_WORD = re.compile(r"\w+")
PER_WORD = 50
"""Work allowed for each word of the two versions when their parts are weighed against
each other (a unit: one distinct word of a part looked up in another). A hundred parts of
200 words, all retitled and none alike, cost about 1 M units of the 2 M this allows; a
part not yet weighed when it is spent is simply new, as its heading says."""
_Words = tuple[Counter[str], int]


def _words(body: str) -> _Words:
    """A section's words, counted, and how many: read once, weighed against many."""
    found = _WORD.findall(body.lower())
    return Counter(found), len(found)


def keep_ids(previous: Converted | None, conv: Converted) -> Converted:
    """Carry section ids across a retitled heading, so the redline says "retitled".

    An id is a section's permanent anchor. A section whose id is new keeps the id of a
    section of the previous version that is gone, if it is that section retitled: the
    same words under another number ("L. Payment" → "K. Payment", after a part was taken
    out before it), or mostly the same text, wherever it now stands; as a lawyer editing
    in lexdocs would keep it. A part put in or regrouped ("What we collect and why" where
    "Identity & access" stood) gets an id of its own: the old one would name a part the
    page no longer has.
    """
    if previous is None:
        return conv
    new_ids = {s.id for s in conv.sections}
    gone = [o for o in previous.sections if o.id not in new_ids]
    out = []
    old_ids = {o.id for o in previous.sections}
    words = {o.id: _words(o.body) for o in gone}
    theirs = [_words(s.body) for s in conv.sections]
    # Each new part is weighed against each part gone: committed text is untrusted, and a
    # history that rewrote 1,600 parts at once took 89 s. Past a budget of work in
    # proportion to the two versions' words, a part is simply new (as its heading says).
    work = Work(AT_LEAST + PER_WORD * sum(n for _, n in [*words.values(), *theirs]))
    titled: dict[str, list[Section]] = {}
    for o in gone:
        titled.setdefault(unnumbered(o.title), []).append(o)
    for s, mine in zip(conv.sections, theirs, strict=True):
        if s.id not in old_ids and gone:
            same = titled.get(unnumbered(s.title))
            match = same[0] if same else None if work.left < 0 else next(
                (o for o in gone if _same_text(words[o.id], mine, work)), None)
            if match is not None:
                gone.remove(match)
                titled[unnumbered(match.title)].remove(match)
                s = replace(s, id=match.id)
        out.append(s)
    return replace(conv, sections=tuple(out))


def _same_text(old: _Words, new: _Words, work: Work) -> bool:
    """Mostly the same words (difflib's `quick_ratio` of the two lists of words, 0.6 or
    more): a title that only shares a word with the old one ("terms", "information") is
    not enough, since a part put in before it shifts every later one. False once `work`
    is spent."""
    (a, na), (b, nb) = sorted((old, new), key=lambda w: len(w[0]))
    work.left -= len(a) + 1
    if work.left < 0 or not na + nb:
        return False
    shared = sum(min(n, b[w]) for w, n in a.items() if w in b)
    return 2 * shared / (na + nb) >= 0.6
