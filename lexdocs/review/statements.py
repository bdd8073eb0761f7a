"""What a change does to a statement as a whole, once no rule found a fact in it.

rewrites.py reads small rewrites that keep the meaning; what is left is either one term
swapped (`wording-changed`, material, naming the words) or a rewording too wide for the
rules to read, which a lawyer decides (`unexplained`). Some wide edits can still be read:
a paragraph that only gained or lost words says more or less (`grown_or_cut`), a promise
reworded is another promise (`promise_reworded`): both are material and quoted, not
referred. And some cannot matter: sentences about the organisation itself, its mission
or beliefs (`about_us`), or one of its own channels named another way beside its name
(`own_channel`).
"""

from __future__ import annotations

import re

from lexdocs.review.align import opcodes
from lexdocs.review.lexicon import SENTENCE_END, lexical, sentence_around, shorten
from lexdocs.review.rewrites import words
from lexdocs.review.synonyms import FUNCTION_WORDS, JOINERS, verb_base
from lexdocs.review.vocabulary import CONDITION, DISCLOSURE_VERB

__all__ = ["REFER_WORDS", "about_us", "grown_or_cut", "own_channel", "promise_reworded",
           "refuses_more", "rewritten_wholly", "sentence_pairs"]

Finding = tuple[str, tuple[str, ...]]


REFER_WORDS = 6
"""More different content words than this on either side of a change, and no rule found
what changed: a rewrite (`unexplained`), not one swapped term."""


def rewritten_wholly(old: str, new: str) -> bool:
    """Whether the words that changed are too many for one swapped term or phrase: the
    rules read terms ("retain" → "retrain", "may" → "will" is material, and says so),
    not what a reworded passage now means; that is a lawyer's call. Words are counted
    once a side, so one phrase cut in three places counts as one phrase."""
    a, b = old.split(), new.split()
    gone: set[str] = set()
    came: set[str] = set()
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag != "equal":
            gone.update(_content(a[i1:i2]))
            came.update(_content(b[j1:j2]))
    return max(len(gone), len(came)) > REFER_WORDS


_CHANNELS = frozenset(str.split(
    "api apis tool tools portal portals page pages form forms app apps application feature "
    "features setting settings dashboard center centre site website interface console menu "
    "panel button link browser product products service services"))
_REACH = frozenset(["us", "through", "via", "using", "with"])
_WE = frozenset(["we", "us", "our", "ours"])


def own_channel(old: str, new: str, own: frozenset[str]) -> Finding | None:
    """Only the organisation named another way: the kind of one of its own channels,
    beside its name ("GitHub's User Migration API" → "GitHub's User Migration tool",
    "contacting GitHub Support" → "contacting us through the GitHub Support portal"), or
    its name for "we" ("Mozilla receives" → "We receive"), or one of its own names for
    another ("Basecamp" → "37signals"). The same organisation offers
    the same way to act on one's data, or does the same with it; the content rules ran
    first, so nobody new is named."""
    if not own:
        return None
    a, b = words(old), words(new)
    x, y = [verb_base(w) for w in a], [verb_base(w) for w in b]
    ops = [op for op in opcodes(x, y)
           if op[0] != "equal"]
    changed = {w.removesuffix("'s") for _, i1, i2, j1, j2 in ops for w in x[i1:i2] + y[j1:j2]}
    named = changed & own and changed & _WE
    if ops and all(tag == "replace" and {w.removesuffix("'s") for w in x[i1:i2]} <= own
                   and {w.removesuffix("'s") for w in y[j1:j2]} <= own
                   and not _names_a_product(a[i1:i2], old) and not _names_a_product(b[j1:j2], new)
                   for tag, i1, i2, j1, j2 in ops):
        # one of its own names for another ("Basecamp" → "37signals", as Basecamp LLC
        # renamed itself in 2022, both declared its own): the same organisation; not
        # when the name opens a product's ("GitHub Insights" → "WooCommerce Insights")
        return ("own-channel", tuple(f"{' '.join(a[i1:i2])} → {' '.join(b[j1:j2])}"
                                     for _, i1, i2, j1, j2 in ops))
    if not (changed & _CHANNELS or named) or not changed <= (
            _CHANNELS | _REACH | FUNCTION_WORDS | _WE | own):
        return None

    def beside_own(ws: list[str], i: int, j: int) -> bool:
        near = ws[max(0, i - 3):j + 3]
        return any(w.removesuffix("'s") in own for w in near)

    def renamed(i1: int, i2: int, j1: int, j2: int) -> bool:  # "Mozilla" → "we"
        ws = {w.removesuffix("'s") for w in x[i1:i2] + y[j1:j2]} - FUNCTION_WORDS
        return bool(ws) and ws <= own | _WE and bool(ws & own) and bool(ws & _WE)

    if not all(renamed(i1, i2, j1, j2) or (beside_own(x, i1, i2) and beside_own(y, j1, j2))
               for _, i1, i2, j1, j2 in ops):
        return None
    said = []
    for _, i1, i2, j1, j2 in ops:
        if (i1 == i2 or j1 == j2) and i1 > 0 and j1 > 0:
            i1, j1 = i1 - 1, j1 - 1  # a word put in or taken out, with the word before it
        elif i1 == i2 or j1 == j2:
            i2, j2 = i2 + 1, j2 + 1  # or, at the start, the word after it
        said.append(f"{' '.join(a[i1:i2])} → {' '.join(b[j1:j2])}")
    return ("own-channel", tuple(said))


def _names_a_product(names: list[str], text: str) -> bool:
    """Whether one of `names` opens a longer name in `text`: a capitalised word after it."""
    return any(re.search(rf"(?i:\b{re.escape(n)})[ \t]+[A-Z]", text) for n in names)


_PROMISE = frozenset(["will", "shall", "must"])


def promise_reworded(old: str, new: str) -> bool:
    """Whether the words right after the organisation's promise ("we will …", "we'll …",
    "we must …") changed: "we will also announce them on our blog" → "we will refresh the
    date at the top of this page". What the organisation commits to do is material
    however it is reworded, so the wording is quoted as a change, not sent to a lawyer."""
    a, b = words(old), words(new)
    after = [k + 1 for k, w in enumerate(a) if w in ("we'll", "we'd") or (
        w in _PROMISE and k and a[k - 1] == "we")]
    spans = [op for op in opcodes(a, b)
             if op[0] != "equal"]
    return any(i1 < k + 3 and i2 > k and _content(a[i1:i2]) - FUNCTION_WORDS
               for k in after for _, i1, i2, _, _ in spans)


# What an organisation says of itself, not of anyone's data: its mission, its beliefs,
# who it is ("Our mission is to democratize publishing", "We believe in an open web").
_ABOUT_US = re.compile(r"(?:at [\w .&'-]{1,40}, )?(?:our (?:mission|vision|values?) (?:is|are)|"
                       r"we believe\b|we(?: are|'re) the (?:folks|people|team|company) behind)",
                       re.I)


# Advice to the reader ("We recommend all users set up two-factor authentication"): what
# the reader may do for their own sake, which no one is bound to.
_ADVICE = re.compile(r"(?:we (?:strongly )?(?:recommend|encourage|suggest|advise)|"
                     r"you (?:may )?(?:want|wish) to consider)\b", re.I)


def about_us(old: str, new: str) -> Finding | None:
    """Only sentences about the organisation itself changed (its mission, its beliefs,
    who it is): a statement of purpose binds no one and says nothing of personal data.
    Nor does advice to the reader reworded (`advice-reworded`: "We recommend users set up
    two-factor authentication" → "We recommend all users …"). The content rules run
    first, so a party, a kind of data or a purpose put into such a sentence is still
    found; an advice sentence that hands data over is no advice."""
    a = [x.strip() for x in SENTENCE_END.split(old) if x.strip()]
    b = [x.strip() for x in SENTENCE_END.split(new) if x.strip()]
    keys_a, keys_b = {" ".join(words(x)) for x in a}, {" ".join(words(x)) for x in b}
    gone = [x for x in a if " ".join(words(x)) not in keys_b]
    came = [x for x in b if " ".join(words(x)) not in keys_a]
    shown = tuple(map(shorten, came or gone))
    if not (gone or came):
        return None
    if all(_ABOUT_US.match(x) for x in gone + came):
        return ("about-us", shown)
    if gone and came and all(_ADVICE.match(x) and not DISCLOSURE_VERB.search(x)
                             for x in gone + came):
        return ("advice-reworded", shown)
    return None


def grown_or_cut(old: str, new: str) -> bool:
    """Whether the edit only put words into a paragraph (or only took words out of one),
    one of them a content word: "If you buy something from us, you provide …" →
    "If you buy something from us or pay fees to a site owner, you provide …". That is
    no rewording a lawyer must read whole: the statement that stays now says more (or
    less), and the words that did it are quoted (`wording-changed`)."""
    x, y = old.split("\n\n"), new.split("\n\n")
    for p, q in zip(x, y, strict=True) if len(x) == len(y) else [(old, new)]:
        a, b = words(p), words(q)
        ops = [op for op in opcodes(a, b)
               if op[0] != "equal"]
        if ops and len({tag for tag, *_ in ops}) == 1 and ops[0][0] in ("insert", "delete") \
                and any(_content(a[i1:i2] + b[j1:j2]) - JOINERS for _, i1, i2, j1, j2 in ops):
            return True
    return False


def _content(words: list[str]) -> set[str]:
    plain = {w.strip(".,;:()\"'“”’!?").casefold() for w in words}
    return {w for w in plain if w and w not in FUNCTION_WORDS}


# What the organisation says it does not do, as a list of actions: "does not collect,
# access, or store", "will never sell or rent".
_REFUSED = re.compile(r"\b(?:(?:do|does|will|shall|would|can|could|may|must)(?: not|n't)|"
                      r"cannot|never|will never|does never)\s+((?:[a-z]+, )+(?:or |nor |and )?"
                      r"[a-z]+|[a-z]+ (?:or|nor|and) [a-z]+)\b")


def refuses_more(new: str, added: tuple[str, ...]) -> bool:
    """Whether each list item the edit added is one more action in a list of what the
    organisation says it does not do ("does not collect, access, or store" → "does not
    collect, access, retain, or store"), in a sentence with no condition: the promise
    now refuses more, and takes nothing from anyone. An action taken out of such a list,
    or put into one an "unless" or "except" qualifies, stays for the rules that call it
    material."""
    if not added:
        return False
    lex = lexical(new)
    for item in added:
        want = item.strip(" .,;:'…").casefold()
        if not want.isalpha() or not any(
                want in re.findall(r"[a-z]+", m.group(1))
                and not CONDITION.search(sentence_around(lex, m.start(), m.end()))
                for m in _REFUSED.finditer(lex)):
            return False
    return True


def sentence_pairs(old: str, new: str) -> list[tuple[str, str]]:
    """The sentences an edit changed, each with the one it became, when every changed
    sentence became exactly one other (none added, removed, split or joined); else none."""
    a = [x.strip() for x in SENTENCE_END.split(old) if x.strip()]
    b = [x.strip() for x in SENTENCE_END.split(new) if x.strip()]
    pairs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            continue
        if tag != "replace" or i2 - i1 != j2 - j1:
            return []
        pairs.extend(zip(a[i1:i2], b[j1:j2], strict=True))
    return pairs
