"""How the content rules read a text: its words, the key that makes two facts the same,
the vocabularies as patterns, and the pieces a text falls into (paragraphs, sentences,
list items, a bullet's label, a heading).

Shared by the rules of what a change says (facts.py), who it names (parties.py) and
what only points elsewhere (pointers.py), so that all three cut a text the same way.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from lexdocs.review import vocabulary as voc
from lexdocs.review.align import common_ends
from lexdocs.review.spelling import LETTER_RUNS, is_known

Finding = tuple[str, tuple[str, ...]]
WORD = re.compile(r"\w+(?:['’]\w+)*")
NOTE_MARK = re.compile(r"(?:(?<=[^\s\[])|(?<=[?.!:] ))\[\d{1,3}\]")
"""A note's mark right after a word ("Learn more[9]", Instagram's policy as archived), or
a space after a sentence's stop ("…does this Policy cover? [1]", Meta's): a reference
sign, no figure, read as punctuation is (`surface`, `typed`)."""


TEMPLATE_TAG = re.compile(r"\{%-?[^%{}]{0,300}-?%\}|\{\{-?[^{}]{0,300}-?\}\}")
"""Another engine's tag kept as typed ("{% data variables.contact.contact_support %}",
"{{ site.data.x }}"): its words name the engine's variables, not a place or a party."""


def words(text: str) -> list[str]:
    """The words of `text`, case folded, apostrophes as typed on a keyboard."""
    return WORD.findall(text.casefold().replace("’", "'"))


def trie(items: Iterable[str]) -> str:
    """An alternation as a trie: `re` tries 200 flat alternatives at every position."""
    root: dict[str, Any] = {}
    for w in items:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        inner = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{inner})?" if "" in node else inner  # greedy: the longest phrase wins

    return build(root)


_UNCOUNTED = frozenset(["police"])
"""Nouns with no plural of their own: "polices" is a verb ("GitHub polices abuse") or a
slip for "policies" (GitHub's "Acceptable Use Polices" was "a third party was added
(polices)")."""


def forms(terms: Iterable[str]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for a vocabulary, singular and plural, and each surface form's label."""
    label: dict[str, str] = {}
    for t in terms:
        for f in ((t,) if t in _UNCOUNTED else (
                t, t + "s", t + "es", t[:-1] + "ies" if t.endswith("y") else t)):
            label.setdefault(f, t)
    return re.compile(rf"\b(?:{trie(label)})\b"), label


DATA_RE, DATA_LABEL = forms(voc.DATA_TERMS)
PURPOSE_RE, PURPOSE_LABEL = forms(voc.PURPOSE_TERMS)
RECIPIENT_RE, RECIPIENT_LABEL = forms(voc.RECIPIENT_TERMS)
GROUND_RE, GROUND_LABEL = forms(voc.GROUND_TERMS)


# The organisation's own offerings, listed: "our websites (including …)", "Our other
# products, services, and features … (for example, …)", "products built by Acme including …",
# "the services we provide through WordPress.com, …" (theirs as much as "our services").
_REST = r"(?:[^.;:]|[.:](?=\S))*"  # to the end of the clause; "automattic.com" stays whole
OWN_LIST = re.compile(
    rf"\b(?:our|its)\s+(?:\w+\s+){{0,3}}?(?:products?|services?|features?|websites?|sites|"
    rf"apps?|applications?|brands?)\b{_REST}|\bproducts\s+(?:built|made|maintained|operated|"
    rf"offered)\b{_REST}|\b(?:products?|services?|features?|websites?|sites|apps?|"
    rf"applications?)\s+(?:that\s+)?we\s+(?:provide|offer|operate|build|make|maintain)\b{_REST}",
    re.I)
# A list of what is collected, named as such: "three categories of data: User Engagement
# Data, Prompts and Suggestions". Its items are kinds of data, whatever their capitals.
DATA_LIST = re.compile(r"\b(?:categories|types|kinds|sorts)\s+of\s+(?:personal\s+)?"
                       r"(?:data|information)\s*:[^.;\n]*", re.I)
SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n\n")
ITEM_SPLIT = re.compile(r",|;|:|\(|\)|\band/or\b|\band\b|\bor\b|\n\n")
CONNECT = frozenset(["and", "or", "and/or", "as", "well", "including", "also"])
DISCOURSE = frozenset(["in addition", "additionally", "furthermore", "moreover"])
"""Words that only join a sentence to the one before ("In addition, we share …"): set off
by a comma, they are no item of a list, and "a list item was removed ('In addition')"
said what is not so."""


def key(fact: str, kind: str = "") -> str:
    """What makes two facts the same: never case; punctuation only where it counts
    ("1.5" is not "15", but "1,000" is "1000"; "U.S." is "US", "Sept." is "Sept")."""
    fact = fact.casefold()
    if kind == "web-address":
        return fact.rstrip("/")
    if kind == "date" and (day := _day(fact)) is not None:
        return day
    if kind in ("number", "duration"):
        fact = _RESTATED.sub(r"\1", _NUMBER_WORDS.sub(_figure, fact))
    if kind in ("number", "duration", "email-address"):
        return _FIGURE_MARKS.sub("", fact)
    return _NOT_KEPT.sub("", fact)


_FIGURE_MARKS = re.compile(r"[\s,\-‐‑]")
_UNITS = {w: n for n, w in enumerate(str.split(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"))}
_TENS = {w: 10 * n for n, w in enumerate(str.split(
    "twenty thirty forty fifty sixty seventy eighty ninety"), start=2)}
_NUMBER_WORDS = re.compile(
    rf"\b(?:(?:{'|'.join(_TENS)})(?:[\s-]+(?:{'|'.join(_UNITS)}))?|(?:{'|'.join(_UNITS)}))\b")
"""A figure written in words up to ninety-nine ("seven", "thirty-six"): its key is its
digits, so that "seven days" → "7 days" (Facebook's cookies policy, by turns: "a duration
changed") is the same period."""
_RESTATED = re.compile(r"\b(\d+)\s*\(\1\)")
"""A figure restated in digits after its words, "thirty (30) days": one figure."""


def _figure(m: re.Match[str]) -> str:
    parts = re.split(r"[\s-]+", m.group())
    return str(sum(_TENS.get(p, 0) + _UNITS.get(p, 0) for p in parts))


def figures(tokens: list[str]) -> tuple[int, ...] | None:
    """The figures `tokens` write, in words or digits, a figure restated after its words
    once ("thirty (30)": 30); None when a token is no figure. "seven" → "7" writes the
    same figure, as a date written another way names the same day."""
    text = " ".join(t.casefold() for t in tokens)
    if not text or _NUMBER_WORDS.sub(" ", re.sub(r"\b\d+\b", " ", text)).strip():
        return None
    values = [int(v) for v in _NUMBER_WORDS.sub(_figure, text).split()]
    return tuple(v for i, v in enumerate(values) if i == 0 or v != values[i - 1])


_NOT_KEPT = re.compile(r"[^\w@/]")


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_FIRST = re.compile(r"([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})")
_MONTH_ONLY = re.compile(r"([a-z]{3})[a-z]*\.?,?\s+(\d{4})")


def _day(date: str) -> str | None:
    """A date as the day it names, "YYYY-MM-DD" (or "YYYY-MM"), however it is written
    ("January 12, 2026" and "12 January 2026", Anthropic's privacy policy as archived, are
    one day: "a date changed" said what is not so); None for one written with slashes,
    which reads one way in the US and another in Europe, and is compared as written."""
    date = " ".join(date.split())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date
    if m := _MONTH_FIRST.fullmatch(date):
        month, day, year = m.group(1), m.group(2), m.group(3)
    elif m := _DAY_FIRST.fullmatch(date):
        day, month, year = m.group(1), m.group(2), m.group(3)
    elif m := _MONTH_ONLY.fullmatch(date):
        month, day, year = m.group(1), "", m.group(2)
    else:
        return None
    if month not in _MONTHS:
        return None
    return f"{year}-{_MONTHS.index(month) + 1:02d}" + (f"-{int(day):02d}" if day else "")


def own_listed(text: str, items: Iterable[str]) -> bool:
    """Whether every item stands in a list of the organisation's own products, services or
    websites ("Our websites (including …, wp.cloud)"): adding one to, or dropping one
    from, what the policy covers tells no reader anything new about their data."""
    spans = [m.group() for m in OWN_LIST.finditer(text)]
    return bool(spans) and all(any(i.strip(" '…") in s for s in spans) for i in items)


def heading(block: str) -> bool:
    """A heading or table cell in Title Case: short, mostly capitalised, no full stop. Its
    own number does not count ("3. Settlement" is a heading as "Settlement" is)."""
    ws = _NUMBERED.sub("", block, count=1).split() or block.split()
    caps = sum(1 for w in ws if w[:1].isupper())
    return (len(ws) <= 8 and caps >= 0.6 * len(ws) and not block.rstrip().endswith(".")
            and not _names_listed(block))


# Items after a label's colon, or a whole block of them, parted by commas: "Our
# processors: Hubspot, Zendesk", "Hubspot, Zendesk and Braze".
_LISTED = re.compile(r"^(?:([^:,]{1,40}):\s*)?([^:,]+(?:,\s*[^:,]+)+)$")


def _names_listed(block: str) -> bool:
    """A line that lists names rather than titles a part: items of a word or two parted by
    commas, most of them names no dictionary knows ("Hubspot, Zendesk and Braze"), or
    any items after a label that names who receives data ("Our processors: Stripe,
    Braze"). Short and capitalised, it looks like a heading, but a name put in or taken
    out is a party, which no heading's wording can be. "Cookies, Pixels and Tags", "Your
    Rights: Access, Deletion" and "Basecamp Policies, Terms, and Legal Stuff" (one name
    among topics) stay headings."""
    m = _LISTED.match(block.strip())
    if m is None:
        return False
    label = lexical(m.group(1) or "")
    if label and any(t in label for t in voc.RECIPIENT_TERMS):
        return True
    items = [i.split() for i in _ITEM_SPLIT.split(m.group(2)) if i.strip()]
    named = sum(1 for i in items
                if any(not is_known(w) for w in LETTER_RUNS.findall(" ".join(i))))
    return all(len(i) <= 2 for i in items) and 2 * named > len(items)


_ITEM_SPLIT = re.compile(r",|\b(?:and|or)\b|&")


_MARK = r"\(?(?:\d+(?:\.\d+)*|[a-z]|[ivxlc]+)"
"""A number or letter that labels a part or a list element: "5", "(b", "iv", "12.3"."""
# A section's own number before its title: "5.", "(b)", "iv)", "Section 12:", "Article 3.",
# or a number alone before a title in capitals ("5 EEA/UK/SWITZERLAND", TikTok's data
# sharing terms, renumbered "4. EEA/UK/SWITZERLAND"), never one that counts ("30 Days").
_NUMBERED = re.compile(rf"^\s*(?:(?:section|article|part)\s+)?(?:{_MARK}[.):]|"
                       r"\d{1,3}(?:\.\d{1,3})*(?=\s+(?!(?i:second|minute|hour|day|week|month|year|percent)s?\b)"
                       r"(?-i:[A-Z])))\s*", re.I)
ENUMERATOR = re.compile(rf"(?:^|(?<=[\n;:]))[ \t]*{_MARK}[.)](?=[ \t])", re.I)
"""A list element's label written as text, at a line's start or after a colon or a
semicolon ("1)", "(b)", "iv.")."""


def unnumbered(title: str) -> str:
    """A section's title without the number it has in the document, casefolded: the same
    section when a part put in or taken out before it moved its number."""
    return _NUMBERED.sub("", title).casefold().strip()


def renumbered(old: str, new: str) -> bool:
    """Only a section title's number changed ("13. Transactions" → "14. Transactions")."""
    return (old != new and bool(_NUMBERED.match(old)) and bool(_NUMBERED.match(new))
            and _NUMBERED.sub("", old).strip() == _NUMBERED.sub("", new).strip())


def lexical(text: str) -> str:
    """Text as vocabularies match it: case, hyphens and "e-mail" spelling folded away. An
    address a page hid from robots ("[email protected]", as a copy saved through
    Cloudflare shows each) is no e-mail collected: Energia's and Vodafone's statements,
    archived by turns with and without it, were "a category of personal data was added
    (email)" beside the address."""
    text = text.casefold().replace("e-mail", "email").replace("’", "'")
    if "[email" in text:
        text = text.replace("[email protected]", "[address protected]")
    return _SPACES.sub(" ", _HYPHENS.sub(" ", text))


_HYPHENS = re.compile(r"[-‐‑]")
_SPACES = re.compile(r"\s+")


# A bullet's label, "Location data and interaction data for top sites:", at a block's start:
# it names the item the text after it describes, and that text is judged.
LABEL = re.compile(r"(?:^|(?<=\n\n))[^.:;\n]{1,60}:(?= \S)")


def pieces(text: str, split: re.Pattern[str]) -> dict[str, str]:
    """The pieces of `text` between separators, keyed so that punctuation, case and
    connecting words ("and", "or") do not count, each shown as written (shortened)."""
    return {k: shorten(shown) for k, shown in _pieces(text, split)}


def paragraphs_changed(old: str, new: str) -> tuple[list[str], list[str]]:
    """The paragraphs `old` has that `new` lacks, and those `new` has that `old` lacks, in
    order: what the rules that judge whole lines (a change log's, a revision date's) read."""
    a, b = [p.strip() for p in old.split("\n\n")], [p.strip() for p in new.split("\n\n")]
    in_a, in_b = set(a), set(b)
    return [p for p in a if p and p not in in_b], [p for p in b if p and p not in in_a]


def shorten(text: str, limit: int = 60) -> str:
    """A piece as a reason quotes it: whole up to `limit` characters, else cut with "…"."""
    return text if len(text) <= limit else text[:limit - 3] + "…"


def whole_pieces(text: str, split: re.Pattern[str]) -> dict[str, str]:
    """`pieces`, each as written and whole: what a rule reads ("read on" may stand after
    the sixtieth character), where two pieces may share their shortened display."""
    return dict(_pieces(text, split))


_ADDRESS = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'\]]+")
"""A web address written out, cut by no separator: its `:` and brackets are no list's
(npm's "https://en.wikipedia.org/wiki/Tar_(computing%29" was three items added,
'https', '//en.wikipedia.org/wiki/Tar_' and 'computing%29')."""
_HIDDEN = re.compile("\ue000(\\d+)\ue001")


@functools.lru_cache(maxsize=32)
def _pieces(text: str, split: re.Pattern[str]) -> tuple[tuple[str, str], ...]:
    """Memoized: several rules cut one change's texts the same way (a few: the reuse
    is within one change)."""
    out: dict[str, str] = {}
    kept: list[str] = []

    def hide(m: re.Match[str]) -> str:
        kept.append(m.group())
        return f"\ue000{len(kept) - 1}\ue001"

    if "://" in text or "www." in text:
        text = _ADDRESS.sub(hide, text)
    for piece in split.split(text):
        if kept:
            piece = _HIDDEN.sub(lambda m: kept[int(m[1])], piece)
        k = " ".join(w for w in words(piece) if w not in CONNECT)
        if k and k not in DISCOURSE:
            out.setdefault(k, piece.strip(" .;:,"))
    return tuple(out.items())


def contrast(old: str, new: str, limit: int = 60) -> tuple[str, str]:
    """Two pieces shown side by side, each within `limit` characters, around where they
    differ: cut at their sixtieth character, two sentences that differ further on were
    quoted as the same words on both sides of the arrow, and a reader saw no change."""
    if len(old) <= limit and len(new) <= limit:
        return old, new
    a, b = old.split(), new.split()
    start, end = common_ends(a, b)
    start = max(0, start - 3)  # a few words before the difference, for its place
    shown = []
    for ws in (a, b):
        stop = min(len(ws), len(ws) - end + 3)
        text = ("… " if start else "") + " ".join(ws[start:stop])
        text = text if len(text) <= limit else text[:limit - 2].rsplit(" ", 1)[0] + " …"
        shown.append(text + (" …" if stop < len(ws) and not text.endswith("…") else ""))
    return shown[0], shown[1]


BLOCKS = re.compile(r"\n\n")
SENTENCE_END = re.compile(r"(?<=[a-z0-9)]{2}[.!?])\s+(?=[A-Z\"“])|\n\n")
"""Where one sentence ends and the next begins, for comparing a text sentence by
sentence: the stop needs two lower-case letters, digits or a bracket before it, so "U.S.
Law" is one sentence, and the next sentence a capital or a quote."""
SENTENCES = re.compile(r"(?<=[.!?])(?<!\bInc\.)(?<!\bLtd\.)(?<!\bCo\.)(?<!\bCorp\.)(?<!\.V\.)"
                       r"(?<!\bPvt\.)"  # "Zoho Corporation Pvt. Ltd" is one name
                       r"(?<!\b[A-Z]\.[A-Z]\.)"  # "U.S. Residents" is one sentence
                       r"(?:(?<!\bNo\.)(?<!\bNr\.)|(?!\s+\d))"  # "Company No. 462932"
                       r"\s+(?=[\w\"“(])|\n\n"
                       # a space lost after a stop: "Learn more.This data …"
                       r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")


REACH = 300
"""Characters a sentence is read on each side of a word it holds: far enough for any
sentence a policy writes, and a bound, so that text with no full stop in it (committed by
anyone) costs each of its words a fixed price, not the length of the whole text."""


def sentence_around(text: str, start: int, end: int | None = None,
                    stops: tuple[str, ...] = (". ", "\n")) -> str:
    """The sentence of `text` that holds `text[start:end]`: from the last of `stops` (". "
    or a line break) before it to the next after it, at most `REACH` characters each way."""
    end = start if end is None else end
    lo = max(start - REACH, 0)
    hi = min(end + REACH, len(text))
    first = max(text.rfind(stop, lo, start) for stop in stops) + 1
    ends = [i for stop in stops if (i := text.find(stop, end, hi)) >= 0]
    return text[max(first, lo):min(ends, default=hi)]
