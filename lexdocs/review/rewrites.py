"""Rewrites that keep the meaning: the same statement said in other words' order or form.

Editors of real policies tidy sentences as often as they change them: a list reordered,
"in order to" cut to "to", a long sentence split in two ("…, and we …" → "…. We …"), a
sentence turned into a list, an article or a "that" put in, a shortened word written in
full ("repos" → "repositories"), examples that illustrate a rule dropped while the rule
stays ("in some US states (Colorado, Connecticut and Virginia)" → "in some US states").
None of these changes what anyone may do with whose data, so calling them "material"
only teaches a reviewer to stop reading the verdict.

Each test here is narrow on purpose: it compares the words of the two texts (casefolded,
punctuation and quote style folded, a few fixed phrases reduced to the one word they
mean) and passes only when what differs is of one harmless kind. A word that carries
meaning — a verb, a noun, a modal ("may" → "will"), a quantifier ("all", "only"),
"and" in place of "or", a direction ("to" → "from") — is never among them, so "retain"
→ "retrain" or "processor" → "processors" still reach the rules that call them material.
`materiality.classify` asks only after the content rules (facts.py) found no fact that
came or went. Which words say the same thing (grammar words, synonyms, a hedging "may")
is synonyms.py's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence

from lexdocs.review import wordforms
from lexdocs.review.align import Opcode, opcodes
from lexdocs.review.examples import QUOTES, is_examples
from lexdocs.review.lexicon import Finding, figures
from lexdocs.review.spelling import is_known
from lexdocs.review.synonyms import function_words, same_meaning
from lexdocs.review.vocabulary import (
    CITED_PARTS,
    CITED_PARTS_JOIN,
    PLACES,
    PLATFORMS,
    expand_contractions,
)
from lexdocs.review.wordorder import adverbs_moved, preposition_fronted, reordered

__all__ = ["PHRASES", "only_phrases", "rewrite", "words"]


_PHRASES = tuple((phrase, re.compile(rf"\b{phrase}\b"), short) for phrase, short in (
    ("in order to", "to"), ("so as to", "to"), ("prior to", "before")))
_NAMES = tuple((label, re.compile(pattern), one) for label, pattern, one in (
    ("U.S. = United States", r"\bU\.S\.(?:A\.)?|\bUSA?\b|\bUnited States(?: of America)?\b",
     "UnitedStates"),
    ("EU = European Union", r"\bEU\b|\bE\.U\.|\bEuropean Union\b", "EuropeanUnion"),
    ("UK = United Kingdom", r"\bUK\b|\bU\.K\.|\bUnited Kingdom\b", "UnitedKingdom"),
    ("EEA = European Economic Area", r"\bEEA\b|\bEuropean Economic Area\b",
     "EuropeanEconomicArea"),
    # "§ 4.b.2" for "Section 4.b.2" (Instagram's commercial terms as archived, by turns)
    ("§ = Section", r"§(?= ?\d)|\b[Ss]ection\b(?= ?\d)", "section")))
# A pointer to another part of the document: "below", "described further above", "in the
# Website Interactions section".
_POINTER = re.compile(r"(?:(?:described |explained )?(?:further |more )?(?:below|above|"
                      r"later|earlier|herein)|(?:(?:in|see|under) )?(?:the |our |this )?"
                      r"(?:[A-Z][\w'-]*\s)+section(?: below| above)?|"
                      # "in Section 2.2" (TikTok's cookie policy), its number's words apart
                      r"(?:(?:in|see|under|at) )?(?:[Ss]ection|[Cc]lause|[Pp]aragraph)"
                      r"(?: \d{1,3}){1,4}(?: below| above)?)")
_LABEL = re.compile(r"([^.:;!?\n]{1,80}?):\s+(.+)", re.S)
PHRASES = frozenset(phrase for phrase, _, _ in _PHRASES)
"""The phrases reduced to the word they mean: a rule that reads one as a fact ("in order
to" as a purpose) found only the phrase the rewrite shortened."""
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_CLIPPED = frozenset(["info", "app", "doc", "repo", "config", "admin", "auth", "stat", "spec"])


def only_phrases(evidence: Iterable[str]) -> bool:
    """Whether evidence quotes nothing but such phrases, each alone or with the words it
    opens (a purpose is quoted so: "in order to remember you")."""
    return all(e in PHRASES or any(e.startswith(f"{p} ") for p in PHRASES) for e in evidence)


_ANY_NAME = re.compile("|".join(f"(?P<n{i}>{p.pattern})" for i, (_, p, _) in enumerate(_NAMES)))


_NAME_HINTS = ("U.S", "US", "United", "EU", "E.U", "European", "UK", "U.K", "EEA", "§",
               "ection")
"""Something each of `_NAMES`' patterns needs ("Section", "section" share "ection")."""


def _names(text: str) -> str:
    """`text` with each place written one way: "U.S.", "US", "USA" and "United States"
    name one country, as "EU" and "European Union" one union (one pass for all)."""
    if not any(hint in text for hint in _NAME_HINTS):
        return text  # none of them: the pattern is not run over every word of the text
    return _ANY_NAME.sub(lambda m: _NAMES[int(str(m.lastgroup)[1:])][2], text)


def words(text: str) -> list[str]:
    """The words as the rewrites compare them: casefolded, quotes and places written one
    way, a few fixed phrases reduced to the word they mean ("in order to" → "to")."""
    return list(_words(text))


@functools.lru_cache(maxsize=64)
def _words(text: str) -> tuple[str, ...]:
    """Memoized: one change's texts and sentences are read by many rules, each asking
    for the same words (a pure function of the text). A few dozen: the reuse is within
    one change, and a first build judges thousands of long ones."""
    text = expand_contractions(_names(text.translate(QUOTES))).casefold()
    for _, pattern, short in _PHRASES:
        text = pattern.sub(short, text)
    return tuple(_WORD.findall(text.replace("e.g.", "eg")))


_PART_NUMBER = r"(?:\d[\d.()a-z]*|(?-i:[A-Z])(?:\.\d[\d.()a-z]*)?(?![\w.]))"
_PART_LIST = re.compile(
    rf"\b((?:{CITED_PARTS})\.?|§§?)[ \t\u00a0]*({_PART_NUMBER}(?:[ \t]*{CITED_PARTS_JOIN}+"
    rf"{_PART_NUMBER})*)", re.IGNORECASE)
"""Parts of the text cited by their numbers, one or a list: "Sections 7, 8, 11, 12, and
15-17"; or by their letters, as GitHub's terms letter their parts: "this Section G",
"Section D.4" (a capital alone, or with a number after its point)."""


def _parts_renumbered(old: str, new: str) -> Finding | None:
    """Only the numbers of the parts the text cites changed ("Sections 7, 8, 11, 12, and
    15-17" → "Sections 7-10, 14, and 16-19", Twitch's terms once parts were put in): where
    they point, which a part put in before them moves, not what the text says."""
    if "ection" not in old and "lause" not in old and "§" not in old:
        return None
    a, b = _PART_LIST.findall(old), _PART_LIST.findall(new)
    if not a or len(a) != len(b) or a == b or _PART_LIST.sub(r"\1 #", old) != _PART_LIST.sub(
            r"\1 #", new):
        return None
    return ("pointer-reworded", tuple(f"{x[0]} {x[1]} → {y[0]} {y[1]}"
                                      for x, y in zip(a, b, strict=True) if x != y))


def _as_written(words: Sequence[str], text: str) -> str:
    """`words` as `text` writes them, their punctuation kept ("Section 2.2", not "Section 2
    2"), or "none" when there are none: what a reason quotes."""
    if not words:
        return "none"
    found = re.search(r"(?<!\w)" + r"\W{1,3}".join(map(re.escape, words)) + r"(?!\w)", text,
                      re.IGNORECASE)
    return found.group() if found else " ".join(words)


def _raw_words(text: str) -> list[str]:
    """The words as written (case kept), aligned one to one with `_words` where no fixed
    phrase was reduced: whether examples are names, a pointer names a section."""
    return _WORD.findall(_names(text.translate(QUOTES)).replace("e.g.", "eg"))


def _figure_spans(a: list[str], b: list[str], ops: list[Opcode]
                  ) -> list[tuple[list[str], list[str]]]:
    """Each edit's words on both sides with the figures beside them (`_figure_runs`),
    each run once."""
    runs_a, runs_b = _figure_runs(a), _figure_runs(b)
    return [(a[i1:i2], b[j1:j2]) for i1, i2, j1, j2 in dict.fromkeys(
        (*runs_a(o[1], o[2]), *runs_b(o[3], o[4])) for o in ops)]


def _figure_runs(side: list[str]) -> Callable[[int, int], tuple[int, int]]:
    """For the words `side[i:j]`, the bounds of the run of figures beside them: "thirty
    (30)" → "30" drops only "thirty", and the figure it wrote is the run's. Each run's
    bounds are found once: edits inside one long run of figures share it, and are read
    once (a search out from each edit read the run once an edit)."""
    first, last = list(range(len(side))), list(range(1, len(side) + 1))
    alone = [figures(side[k:k + 1]) is None for k in range(len(side))]
    for k in range(1, len(side)):
        if not alone[k] and not alone[k - 1]:
            first[k] = first[k - 1]
    for k in range(len(side) - 2, -1, -1):
        if not alone[k] and not alone[k + 1]:
            last[k] = last[k + 1]

    def bounds(i: int, j: int) -> tuple[int, int]:
        lo = first[i - 1] if i > 0 and not alone[i - 1] else i
        hi = last[j] if j < len(side) and not alone[j] else j
        return lo, hi
    return bounds


def _clipped(short: str, full: str) -> bool:
    """A shortened word written in full, or the reverse ("repos" → "repositories", "info"
    → "information"): the short form is no English word of its own, or a usual clipping."""
    if len(full) < len(short):
        short, full = full, short
    stem = short[:-1] if short.endswith("s") and full.endswith("s") else short
    return (len(stem) >= 3 and full.startswith(stem) and full != short
            and (stem in _CLIPPED or not is_known(short)))


def _scope(label: str) -> frozenset[str]:
    """The platforms and places a label names ("On iOS and Android"): where the item's
    statement applies, which a label can narrow or widen."""
    ws = re.findall(r"[^\W_]+", label.casefold())
    spans = {" ".join(ws[i:i + n]) for n in (1, 2, 3) for i in range(len(ws) - n + 1)}
    return frozenset(w for w in spans if w in PLATFORMS or w in PLACES)


def _labels(old: str, new: str) -> Finding | None:
    """Only the label that heads a paragraph or list item changed ("Pocket
    recommendations: We recommend …" → "Recommendations: We recommend …"): a heading
    of the item, its statement word for word the same. A label that names other
    platforms or places ("On iOS and Android:" → "On Android:") says where the
    statement applies: that is judged as wording."""
    a, b = old.split("\n\n"), new.split("\n\n")
    if len(a) != len(b):
        return None
    found: list[str] = []
    for x, y in zip(a, b, strict=True):
        if _words(x) == _words(y):
            continue
        mx, my = _LABEL.fullmatch(x.strip()), _LABEL.fullmatch(y.strip())
        if not (mx and my) or any(len(m.group(1).split()) > 8 for m in (mx, my)) or (
                _scope(mx.group(1)) != _scope(my.group(1))):
            return None  # "On iOS and Android:" → "On Android:" narrows where it applies
        x_words, y_words = words(mx.group(2)), words(my.group(2))
        same = None if x_words == y_words else same_meaning(x_words, y_words)
        if x_words != y_words and same is None:
            return None
        found.append(f"{mx.group(1).strip()} → {my.group(1).strip()}")
        found += same[1] if same else ()
    return ("label-reworded", tuple(found)) if found else None


# Examples in parentheses: "(for example via Recurring Payments)", "(e.g. Slack, Zoom)".
# ("e.g." ends in a full stop, so no word boundary may follow it: "(e.g., when …)".)
_EXAMPLES_ASIDE = re.compile(
    r"\((?:(?:for example|for instance|eg|such as|like)\b|e\.g\.)[^()]*\)", re.I)
# How a document names itself: "the Terms of Service", "these Terms", "this Privacy Policy".
_ITSELF = re.compile(r"\b(?:the|these|this|our) (?:terms(?: of (?:service|use))?|"
                     r"(?:privacy )?(?:policy|notice|statement))\b", re.I)
"""Never "the agreement": that may be one with a partner."""


def _asides(old: str, new: str) -> Finding | None:
    """Only the examples in a parenthesis swapped, the sentence they illustrate the same
    ("(for example via Recurring Payments)" → "(for example via the Payments feature)"):
    an example illustrates, it does not bound. The content rules run first, so an
    example that is a third party or a kind of data never gets here."""
    a, b = _EXAMPLES_ASIDE.findall(old), _EXAMPLES_ASIDE.findall(new)
    if not a or len(a) != len(b) or _words(_EXAMPLES_ASIDE.sub("( )", old)) != _words(
            _EXAMPLES_ASIDE.sub("( )", new)):
        return None
    return ("examples-changed", tuple(f"{x} → {y}" for x, y in zip(a, b, strict=True) if x != y))


def _itself(old: str, new: str) -> Finding | None:
    """Only the way the document names itself changed ("any of the Terms of Service" →
    "any of these Terms"): the same document, so the same terms. Two documents ("our
    Cookie Policy") are never one: only the word privacy may qualify a policy or notice."""
    a, b = _ITSELF.findall(old), _ITSELF.findall(new)
    if not a or len(a) != len(b) or _words(_ITSELF.sub("itself", old)) != _words(
            _ITSELF.sub("itself", new)):
        return None
    kinds = [{"terms" if w.split()[1].casefold() == "terms" else "policy"
              for w in pair} for pair in zip(a, b, strict=True)]
    if any(len(k) > 1 for k in kinds):
        return None  # "these Terms" → "this Policy" names another document
    return ("document-named", tuple(f"{x} → {y}" for x, y in zip(a, b, strict=True) if x != y))


# A label that introduces what follows it: "Our addresses are:", "The contact is:".
_INTRO = re.compile(r"\b([A-Za-z]+)\s+(?:is|are)(?=\s*:)")


def _singular(word: str) -> str:
    w = word.casefold()
    if w.endswith("sses") or w.endswith(("ches", "shes", "xes")):
        return w[:-2]
    if w.endswith("ies"):
        return w[:-3] + "y"
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def _intro_number(old: str, new: str) -> Finding | None:
    """Only the number of a label that introduces a list changed, with its verb ("Our
    addresses are:" → "Our address is:"): what follows the colon says how many, and is
    judged where it is written. Anywhere else a plural is scope ("Our processor stores"
    → "Our processors store" is more processors) and stays for the rules."""
    def fold(text: str) -> str:
        return _INTRO.sub(lambda m: f"{_singular(m.group(1))} be", text)

    a, b = _INTRO.findall(old), _INTRO.findall(new)
    if not a or len(a) != len(b) or fold(old) != fold(new):
        return None
    pairs = zip(_INTRO.finditer(old), _INTRO.finditer(new), strict=True)
    said = [f"{x.group()} → {y.group()}" for x, y in pairs if x.group() != y.group()]
    return ("label-number", tuple(said)) if said else None


MOST_WORDS = 2_000
"""Words on a side past which no rewrite is looked for. Aligning two texts word by word
costs the product of how often each word recurs: committed text that repeats one phrase
thousands of times took seconds a call. No edit a rule here recognises is that long
(a changed passage is cut to the sentences that differ first)."""


_AND_OR = frozenset(["and", "or"])


def _named_runs(a: list[str], b: list[str]) -> tuple[dict[str, list[tuple[int, int]]], int]:
    """The runs of words only removed from `a` and only added to `b` (as spans of each),
    and how many edits there are in all, with every "and" and "or" left out of the
    comparison: "such as A and B" → "such as A, B and C" moves the "and" to the element
    put last, and C alone was added."""
    at_a = [i for i, w in enumerate(a) if w not in _AND_OR]
    at_b = [j for j, w in enumerate(b) if w not in _AND_OR]
    ops = [op for op in opcodes([a[i] for i in at_a], [b[j] for j in at_b]) if op[0] != "equal"]
    return {"removed": [(at_a[i1], at_a[i2 - 1] + 1) for tag, i1, i2, _, _ in ops
                        if tag == "delete"],
            "added": [(at_b[j1], at_b[j2 - 1] + 1) for tag, _, _, j1, j2 in ops
                      if tag == "insert"]}, len(ops)


_CONNECTIVE = re.compile(r"(?:^|(?<=[.!?:]\s))(?P<c>In addition|Additionally|Furthermore|"
                         r"Moreover),\s*(?P<next>\w)")


def _connectives(old: str, new: str) -> Finding | None:
    """Only a word that joins a sentence to the one before was put in, taken out or
    swapped ("In addition, we also share …" → "We also share …"): the statements are the
    same. Evidence: the connectives as written, removed → added."""
    def bare(text: str) -> tuple[str, list[str]]:
        found: list[str] = []

        def cut(m: re.Match[str]) -> str:
            found.append(m["c"])
            return m["next"].upper()
        return _CONNECTIVE.sub(cut, text), found
    (a, gone), (b, came) = bare(old), bare(new)
    if not (gone or came) or gone == came or words(a) != words(b):
        return None
    return ("function-words", (*gone, "→", *came))


def _term_written_plain(raw_a: Sequence[str], raw_b: Sequence[str], a: Sequence[str],
                        b: Sequence[str], ops: Sequence[Opcode]) -> Finding | None:
    """A term the text capitalises as its own, written in plain words: its first words
    dropped and the rest in lower case ("User Personal Information" → "personal
    information", as GitHub rewrote every policy on one day in 2022), or back. The words
    dropped are English words, never a name ("Google Analytics data" → "analytics data"
    drops who), and two words at least stay."""
    if not ops or len(raw_a) != len(a) or len(raw_b) != len(b):
        return None
    said = []
    for tag, i1, i2, j1, j2 in ops:
        if tag not in ("delete", "insert"):
            return None
        full, plain, f1, f2, p1 = (raw_a, raw_b, i1, i2, j1) if tag == "delete" else (
            raw_b, raw_a, j1, j2, i1)
        tail = 0
        while f2 + tail < len(full) and tail < 4 and full[f2 + tail][:1].isupper():
            tail += 1
        head, rest = full[f1:f2], full[f2:f2 + tail]
        if not (tail >= 2 and f2 - f1 <= 3 and all(w[:1].isupper() and is_known(w.casefold())
                                                     for w in head)
                and [w.casefold() for w in rest] == list(plain[p1:p1 + tail])
                and all(w.islower() for w in plain[p1:p1 + tail])):
            return None
        was, now = " ".join([*head, *rest]), " ".join(plain[p1:p1 + tail])
        said.append(f"{was} → {now}" if tag == "delete" else f"{now} → {was}")
    return ("term-written-plain", tuple(dict.fromkeys(said)))


_CODE_AMOUNT = re.compile(r"\b(USD|EUR|GBP)[ \t\u00a0]?(\d[\d,.]*)\b|(?<![\d,.])(\d[\d,.]*)"
                          r"[ \t\u00a0]?(USD|EUR|GBP)\b")
"""An amount written with a currency's code, before or after its figure (each run of
figures read from its start only)."""
_SIGN = {"USD": "$", "EUR": "€", "GBP": "£"}


def _amounts_respelt(old: str, new: str) -> Finding | None:
    """Only amounts written with a currency's sign for its code, or back ("$100" → "USD
    100", "€50" → "50 EUR"), the figure the same: how the amount is written, not what it
    is. A "$" read as US dollars where the other side says "USD" is that side's reading."""
    if not (_CODE_AMOUNT.search(old) or _CODE_AMOUNT.search(new)):
        return None

    def sign(x: re.Match[str]) -> str:
        return _SIGN[x[1] or x[4]] + (x[2] or x[3])

    if old == new or _CODE_AMOUNT.sub(sign, old) != _CODE_AMOUNT.sub(sign, new):
        return None
    said = [f"{x.group()} → {sign(x)}" for x in _CODE_AMOUNT.finditer(old)]
    said += [f"{sign(x)} → {x.group()}" for x in _CODE_AMOUNT.finditer(new)]
    return ("figure-written-otherwise", tuple(said))


def rewrite(old: str, new: str) -> Finding | None:
    """The kind of meaning-preserving rewrite that turns `old` into `new`, with what
    differs as evidence, or None when the words say something else (or nothing differs).

    Kinds: `reordered` (sentences or list elements moved), `function-words` (only
    grammar words, a sentence split or joined, "in order to" → "to"), `examples-removed`
    / `examples-added` (names given as examples, the rule they illustrate kept),
    `abbreviation-expanded` ("repos" → "repositories", "U.S." → "United States"),
    `pointer-reworded` ("below" → "in the Cookies section"), `label-reworded` (the label
    that heads an item)."""
    a, b = words(old), words(new)
    if max(len(a), len(b)) > MOST_WORDS:
        return None  # no rewrite is read: the rules that call a change material decide
    joined = _connectives(old, new) or _parts_renumbered(old, new) or _amounts_respelt(old, new)
    if joined:
        return joined
    if a == b:
        named = [label for label, p, _ in _NAMES if p.findall(old) != p.findall(new)]
        if named:
            return ("abbreviation-expanded", tuple(named))
        said = [f"{phrase} → {short}" if p.search(old.casefold()) else f"{short} → {phrase}"
                for phrase, p, short in _PHRASES
                if bool(p.search(old.casefold())) != bool(p.search(new.casefold()))]
        x, y = old.casefold().split(), new.casefold().split()
        for tag, i1, i2, j1, j2 in opcodes(x, y):
            was, now = " ".join(x[i1:i2]), " ".join(y[j1:j2])
            if tag != "equal" and (expand_contractions(was) != was
                                   or expand_contractions(now) != now):
                said.append(f"{was} → {now}")  # "do not" → "don't"
        return ("function-words", tuple(said)) if said else None
    labels = _labels(old, new) or _asides(old, new) or _itself(old, new) or _intro_number(
        old, new)
    if labels:
        return labels
    moved = reordered(old, new, a, b) or preposition_fronted(a, b)
    if moved:
        return moved
    ops = [op for op in opcodes(a, b)
           if op[0] != "equal"]
    gone = [w for _, i1, i2, _, _ in ops for w in a[i1:i2]]
    came = [w for _, _, _, j1, j2 in ops for w in b[j1:j2]]
    small = (function_words(gone, came) or wordforms.agreement(a, b, ops)
             or wordforms.verb_number(a, b, ops) or same_meaning(a, b))
    if small:
        return small
    runs, edits = _named_runs(a, b)
    raw_a, raw_b = _raw_words(old), _raw_words(new)
    for kind, side, raw, text in (("removed", a, raw_a, old), ("added", b, raw_b, new)):
        if edits and len(raw) == len(side) and len(runs[kind]) == edits and all(
                is_examples(side[i:j], raw[i:j], text) for i, j in runs[kind]):
            return (f"examples-{kind}", tuple(" ".join(raw[i:j]) for i, j in runs[kind]))
    if len(raw_a) == len(a) and len(raw_b) == len(b) and all(
            (op[0] == "replace" and _POINTER.fullmatch(" ".join(raw_a[op[1]:op[2]]))
             and _POINTER.fullmatch(" ".join(raw_b[op[3]:op[4]])))
            # a pointer put in or taken out beside one that stays ("in Section 2.2 below")
            or (op[0] in ("delete", "insert") and _POINTER.fullmatch(
                " ".join(raw_a[op[1]:op[2]] or raw_b[op[3]:op[4]]))) for op in ops):
        return ("pointer-reworded", tuple(
            f"{_as_written(raw_a[i1:i2], old)} → {_as_written(raw_b[j1:j2], new)}".strip()
            for _, i1, i2, j1, j2 in ops))
    if all((i1 == i2 or figures(a[i1:i2]) is not None) and (
            j1 == j2 or figures(b[j1:j2]) is not None) for _, i1, i2, j1, j2 in ops) and (
            spans := _figure_spans(a, b, ops)) and all(
                figures(x) is not None and figures(x) == figures(y) for x, y in spans):
        # "seven days" → "7 days" (Facebook's cookies policy, by turns), "thirty (30)" → "30"
        return ("figure-written-otherwise",
                tuple(f"{' '.join(x)} → {' '.join(y)}" for x, y in spans))
    plain = _term_written_plain(raw_a, raw_b, a, b, ops)
    if plain:
        return plain
    shifted = adverbs_moved(a, b)
    if shifted:
        return ("adverb-moved", shifted)
    if all(op[0] == "replace" and op[2] - op[1] == 1 and op[4] - op[3] == 1 for op in ops) \
            and all(_clipped(a[i1], b[j1]) for _, i1, _, j1, _ in ops):
        return ("abbreviation-expanded",
                tuple(f"{a[i1]} → {b[j1]}" for _, i1, _, j1, _ in ops))
    return None
