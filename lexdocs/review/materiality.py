"""Each change → material or not, with a reason a lawyer can accept or overrule.

Notice hangs on this verdict, so the classifier errs towards "material": only
changes it can *explain* as harmless are not material, every verdict names what
it saw, and a human can always override (redline.py). Precedence, first wins:

1. No visible change → not material.
2. Only values of variables declared `material: false` differ (checked by
   masking their old and new values) → not material.
3. Content that is material however small: a negation added or removed; a date,
   duration, number, email, web or postal address changed; a third party (a
   capitalised name not there before) or a category of personal data, purpose or
   right added or removed. A section declared `material: false` still wins (the
   lawyer declared it) but the reason notes what the rule found.
4. Only white space, quote style, letter case, punctuation (hyphens too, so
   "e-mail" → "email" and "US" → "U.S." are not material) or misspellings
   corrected → not material.
5. Any other change of wording in a legal text → material, unless the section
   is declared not material.

Misspelling heuristic (rule 4): the old word must be gone from the new text and
the pair alphabetic, ≥ 4 letters, same first and last letter, ≤ 2 edits (1 under
8 letters), difflib ratio ≥ 0.8, not negations or number words, not a known pair
of real words (`_CONFUSABLE`). "recieve" → "receive" and "technogies" →
"technologies" pass; "sell" → "sale", "processor" → "processors", "may" → "many",
"affect" → "effect" do not. Two real words one letter apart (retain/retrain) can
still pass; the reason names the pair so a reviewer sees it. Rules 3 and 4 run
on the old text with such corrections applied, so a fixed typo in a name is not
a new third party.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"'})
_PUNCT = re.compile(r"[.,;:!?'\"()\[\]{}\-‐‑‒–—―…·]")
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:'\w+)*")


_NEGATIONS = frozenset(str.split(
    "not no never nor none without cannot nothing neither nobody nowhere cant dont doesnt didnt "
    "isnt arent wasnt werent shouldnt wouldnt couldnt havent hasnt hadnt mustnt neednt"))
_NUMBER_WORDS = frozenset(str.split(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion dozen half"))
_CONFUSABLE = frozenset(frozenset(p.split("/")) for p in str.split(
    "complement/compliment stationary/stationery discreet/discrete ensure/insure "
    "council/counsel precede/proceed personal/personnel prescribe/proscribe adverse/averse "
    "disburse/disperse eminent/imminent canvas/canvass device/devise retain/retrain "
    "collect/correct process/progress consent/content access/assess elicit/illicit "
    "expense/expanse persecute/prosecute explicit/implicit inform/infirm"))

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")


def _trie(words: Iterable[str]) -> str:
    """An alternation as a trie: `re` tries 200 flat alternatives at every position."""
    root: dict[str, Any] = {}
    for w in words:
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


_NUM_WORD = _trie(_NUMBER_WORDS)
_STREET = (r"street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl|"
           r"square|sq|parkway|pkwy|highway|hwy|terrace|plaza")
# Each typed fact: (label for the reason, pattern). Earlier patterns remove their matches from
# the text before later ones look, so "90 days" is one duration, not also a number.
_TYPED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("web address", re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)]", re.I)),
    ("email address", re.compile(r"\b[\w.%+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("date", re.compile(
        rf"\b(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+"
        rf"{_MONTH}\.?,?\s+\d{{4}}|{_MONTH}\.?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
        r"\d{1,2}/\d{1,2}/\d{2,4})\b", re.I)),
    ("postal address", re.compile(
        rf"\b(?:\d+[A-Za-z]?\s+(?:[A-Z][\w.'-]*\s+){{0,4}}(?:{_STREET})\b\.?|p\.?\s?o\.?\s+box\s+"
        r"\d+)(?:,?\s+(?:suite|ste\.?|unit|floor|fl\.?)\s+\w+)?(?:,\s*[A-Za-z][\w'.-]*"
        r"(?:\s+[A-Za-z0-9][\w'.-]*){0,3}){0,4}", re.I)),
    ("duration", re.compile(
        rf"\b(?:\d+|(?:{_NUM_WORD})(?:[\s-](?:{_NUM_WORD}))*)[\s-]+(?:\(\d+\)\s+)?"
        r"(?:business\s+|calendar\s+|working\s+)?(?:second|minute|hour|day|week|month|year)s?\b",
        re.I)),
    ("number", re.compile(rf"\b(?:\d+(?:[.,]\d+)*|{_NUM_WORD})\b", re.I)),
)

_DATA_TERMS = str.split(
    "first name|last name|full name|username|email address|email|phone number|telephone number|"
    "mobile number|postal address|mailing address|home address|billing address|ip address|"
    "internet protocol address|precise location|location|geolocation|gps|payment information|"
    "payment data|billing information|credit card|debit card|card number|bank account|"
    "financial information|device identifier|device id|advertising identifier|advertising id|"
    "mac address|cookie|web beacon|pixel|browsing history|browsing activity|search history|"
    "usage data|user agent|browser type|operating system|contacts|contact information|"
    "contact list|address book|photo|photograph|voice recording|audio recording|video|biometric|"
    "fingerprint|facial recognition|health|medical|genetic|racial|ethnic origin|religious belief|"
    "sexual orientation|political opinion|trade union|social security number|passport|"
    "driver's license|date of birth|birth date|age|gender|employment|education|purchase history|"
    "transaction history|inference|message|chat transcript|name", "|")
_PURPOSE_TERMS = str.split(
    "for the purpose of|in order to|targeted advertising|interest based advertising|"
    "personalized advertising|cross context behavioral advertising|advertising|direct marketing|"
    "marketing|analytics|profiling|sale|sell|selling|sold|share|sharing|research|personalization|"
    "personalisation|machine learning|artificial intelligence|train|training|fraud prevention|"
    "automated decision making|legitimate interest|legal obligation", "|")
_RIGHTS: tuple[tuple[str, str], ...] = (
    ("access", r"right (?:of |to )access|request access|access to (?:your|the) "
               r"(?:personal )?(?:data|information)"), ("to know", r"right to know"),
    ("rectification", r"rectif(?:y|ication)|right to correct(?:ion)?|correct inaccurate"),
    ("erasure", r"erasure|right to be forgotten|right to delet(?:e|ion)|delete your"),
    ("restriction", r"restrict(?:ion of)? (?:the )?processing|right to restrict(?:ion)?"),
    ("portability", r"portability"),
    ("objection", r"right to object|object to (?:the )?processing|objection|opt out"),
    ("withdraw consent", r"withdraw(?:al of)? (?:your )?consent"),
    ("complaint", r"lodge a complaint|complain(?:t)?|supervisory authority"),
    ("non-discrimination", r"non discrimination|not discriminate"),
)


def _forms(terms: Iterable[str]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for a vocabulary, singular and plural, and each surface form's label."""
    label: dict[str, str] = {}
    for t in terms:
        for f in (t, t + "s", t + "es", t[:-1] + "ies" if t.endswith("y") else t):
            label.setdefault(f, t)
    return re.compile(rf"\b(?:{_trie(label)})\b"), label


_DATA_RE, _DATA_LABEL = _forms(_DATA_TERMS)
_PURPOSE_RE, _PURPOSE_LABEL = _forms(_PURPOSE_TERMS)
_RIGHTS_RE = re.compile("|".join(rf"(?P<r{i}>\b(?:{p})\b)" for i, (_, p) in enumerate(_RIGHTS)))
_CAP = r"[A-Z](?:[A-Za-z0-9'&-]|\.(?=[A-Za-z]))*"  # "U.S" but not "Google." + "We"
_CAP_RUN = re.compile(rf"{_CAP}(?: {_CAP})*")
_NAME_STOP = frozenset(str.split(
    "we the our you your this these those if in for to when with by and or it they such as all "
    "any some each please note where however also unless upon under from at on of an a its "
    "their that what which how why who do does can may will should must i my us if additionally "
    "for example section last updated"))


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _osa(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbours as one edit ("recieve")."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def is_misspelling_fix(old: str, new: str) -> bool:
    """Whether `old` → `new` looks like a typo corrected (see the module docstring)."""
    a, b = old.casefold(), new.casefold()
    if a == b or not (a.isalpha() and b.isalpha()) or min(len(a), len(b)) < 4:
        return False
    if a[0] != b[0] or a[-1] != b[-1] or frozenset((a, b)) in _CONFUSABLE:
        return False
    if {a, b} & (_NEGATIONS | _NUMBER_WORDS):
        return False
    limit = 2 if min(len(a), len(b)) >= 8 else 1
    return _osa(a, b) <= limit and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _fix_spelling(old: str, new: str,
                  new_words: set[str]) -> tuple[str, list[tuple[str, str]]]:
    """`old` with each word that `new` merely corrects replaced by its correction.

    Candidates are old words gone from the whole new text (`new_words`) with a close
    spelling in `new`: a lookup, linear, unlike aligning texts. A wrong pairing cannot
    hide an edit: everything else must still agree to be called not material."""
    old_forms: dict[str, str] = {}
    new_forms: dict[str, str] = {}
    for text, forms in ((old, old_forms), (new, new_forms)):
        for w in _WORD.findall(text):
            forms.setdefault(w.casefold(), w)
    fixes: dict[str, str] = {}
    for w in old_forms:
        if w in new_words or not w.isalpha():
            continue
        for c in difflib.get_close_matches(w, list(new_forms), n=3, cutoff=0.8):
            if is_misspelling_fix(w, c):
                fixes[w] = new_forms[c]
                break
    if fixes:
        old = _WORD.sub(lambda m: fixes.get(m.group().casefold(), m.group()), old)
    return old, [(old_forms[w], c) for w, c in fixes.items()]


def _typed(text: str, words: set[str]) -> tuple[dict[str, Counter[str]], str]:
    """Typed facts by kind (as written), and the text left once they are taken out;
    cheap tests skip the patterns that cannot match (no digit, no '@')."""
    digits = re.search(r"\d", text) is not None
    lower = text.casefold()
    numbers = digits or not _NUMBER_WORDS.isdisjoint(words)
    can = {"web address": "://" in text or "www." in lower, "email address": "@" in text,
           "date": digits, "postal address": digits or "box" in lower, "duration": numbers,
           "number": numbers}
    found: dict[str, Counter[str]] = {}
    for label, pattern in _TYPED:
        c: Counter[str] = Counter()
        if can[label]:
            for m in pattern.finditer(text):
                c[m.group().strip().rstrip(".,;:")] += 1
            if c:
                text = pattern.sub(" \ue000 ", text)
        found[label] = c
    return found, text


def _key(fact: str, kind: str = "") -> str:
    """What makes two facts the same: never case; punctuation only where it counts
    ("1.5" is not "15", but "1,000" is "1000"; "U.S." is "US", "Sept." is "Sept")."""
    fact = fact.casefold()
    if kind in ("number", "duration", "email address", "web address"):
        return re.sub(r"[\s,\-‐‑]", "", fact)
    return re.sub(r"[^\w@/]", "", fact)


def _rights(text: str) -> Counter[str]:
    return Counter(_RIGHTS[int(str(m.lastgroup)[1:])][0] for m in _RIGHTS_RE.finditer(text))


def _names(text: str) -> dict[str, str]:
    """Capitalised names (key → display) outside headings and sentence-initial words."""
    out: dict[str, str] = {}
    for block in text.split("\n\n"):
        words = block.split()
        caps = sum(1 for w in words if w[:1].isupper())
        if len(words) <= 8 and caps >= 0.6 * len(words) and not block.rstrip().endswith("."):
            continue  # a heading or table cell in Title Case, not a name
        for m in _CAP_RUN.finditer(block):
            parts = m.group().split(" ")
            before = block[max(0, m.start() - 8):m.start()].rstrip()
            initial = not before or before[-1] in ".!?:•"
            while parts and _key(parts[0]) in _NAME_STOP:
                parts.pop(0)
                initial = False
            if not parts or (initial and len(parts) == 1):
                continue
            name = " ".join(parts)
            out.setdefault(_key(name), name)
    return out


def _findings(old: str, new: str, known: tuple[frozenset[str], frozenset[str]]) -> list[str]:
    """What the always-material rules see changed, most telling first.

    `known` holds the words of the whole old and new documents: a name that the
    document already used elsewhere (the company's own, a provider named in
    another section) is not a third party arriving or leaving.
    """
    out: list[str] = []

    def diff(label: str, a: Counter[str], b: Counter[str], show: Callable[[str], str]) -> None:
        gone, came = sorted((a - b).elements()), sorted((b - a).elements())
        if gone and came:
            out.append(f"{label} changed ({', '.join(map(show, gone))} → "
                       f"{', '.join(map(show, came))})")
        elif came:
            out.append(f"{label} was added ({', '.join(map(show, came))})")
        elif gone:
            out.append(f"{label} was removed ({', '.join(map(show, gone))})")

    ow, nw = _words(old), _words(new)
    diff("a negation", Counter(w for w in ow if _neg(w)), Counter(w for w in nw if _neg(w)),
         lambda w: f"'{w}'")
    (to, old), (tn, new) = _typed(old, set(ow)), _typed(new, set(nw))
    for label in ("date", "duration", "number", "email address", "web address",
                  "postal address"):
        show = {_key(f, label): f for f in [*to[label], *tn[label]]}
        article = "an" if label[0] in "aeiou" else "a"
        diff(f"{article} {label}", Counter(_key(f, label) for f in to[label].elements()),
             Counter(_key(f, label) for f in tn[label].elements()), show.__getitem__)
    no, nn = _names(old), _names(new)
    ows, nws = set(ow) | known[0], set(nw) | known[1]
    came = [n for k, n in nn.items() if k not in no and not set(_words(n)) <= ows]
    gone = [n for k, n in no.items() if k not in nn and not set(_words(n)) <= nws]
    diff("a third party", Counter(gone), Counter(came), str)
    lo, ln = _lexical(old), _lexical(new)
    for label, pattern, names in (("a category of personal data", _DATA_RE, _DATA_LABEL),
                                  ("a purpose", _PURPOSE_RE, _PURPOSE_LABEL)):
        a, b = (Counter(names[m.group()] for m in pattern.finditer(t)) for t in (lo, ln))
        diff(label, a, b, str)
    diff("a right", _rights(lo), _rights(ln), str)
    return out


def _neg(word: str) -> bool:
    return word in _NEGATIONS or word.endswith("n't")


def _lexical(text: str) -> str:
    """Text as vocabularies match it: case, hyphens and "e-mail" spelling folded away."""
    text = text.casefold().replace("e-mail", "email")
    return _WS.sub(" ", re.sub(r"[-‐‑]", " ", text))


_DIMS = ("white space", "quote style", "letter case", "punctuation")


def _normal(text: str, skip: str = "") -> str:
    if skip != "quote style":
        text = text.translate(_QUOTES)
    if skip != "letter case":
        text = text.casefold()
    if skip != "punctuation":
        text = _PUNCT.sub("", text)
    return text if skip == "white space" else _WS.sub(" ", text).strip()


_BOUNDARY = re.compile(r"(?<=[a-z0-9]{2}[.!?])\s+(?=[A-Z])|\n\n")


def _window(old: str, new: str) -> tuple[str, str]:
    """Only the sentences that differ: unchanged ones state the same in both texts, so
    cutting them changes no verdict and keeps long paragraphs cheap. A boundary needs two
    lower-case letters or digits before the stop, so "U.S. Law" is never cut."""
    limit = min(len(old), len(new))
    p = 0
    while p < limit and old[p] == new[p]:
        p += 1
    s = 0
    while s < limit - p and old[-1 - s] == new[-1 - s]:
        s += 1
    start = max((m.end() for m in _BOUNDARY.finditer(old, 0, p)), default=0)
    tail = _BOUNDARY.search(old, len(old) - s)
    cut = len(old) - tail.start() if tail else 0
    return old[start:len(old) - cut], new[start:len(new) - cut]


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _mask(text: str, values: Iterable[str]) -> str:
    """Hide variable values (a list value also piece by piece) behind one neutral mark."""
    pieces = {p for v in values for p in [v, *re.split(r"; |, ", v)] if len(p) >= 3}
    for p in sorted(pieces, key=len, reverse=True):
        text = text.replace(p, "\ue001")
    return text


def classify(old_text: str, new_text: str, *, section_material: bool,
             variables_changed: Sequence[str], immaterial_vars: frozenset[str],
             values: Mapping[str, tuple[str, str]] | None = None,
             known: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
             ) -> tuple[bool, str]:
    """Material or not, and why, for one change from `old_text` to `new_text`.

    `values` maps each changed variable to its (old, new) text so the classifier can
    check that a change really comes only from immaterial variables; without it, a
    change whose `variables_changed` are all immaterial is taken to come only from them.
    """
    if old_text == new_text:
        return False, "Not material: no visible change."
    quiet = [v for v in variables_changed if v in immaterial_vars]
    if quiet and values is not None:
        old_text = _mask(old_text, (values[v][0] for v in quiet if v in values))
        new_text = _mask(new_text, (values[v][1] for v in quiet if v in values))
    only_quiet = len(quiet) == len(variables_changed) and (values is None or old_text == new_text)
    if quiet and only_quiet:
        return False, f"Not material: only variables declared not material changed ({_and(quiet)})."
    new_words = set(_words(new_text))
    old_text, new_text = _window(old_text, new_text)
    fixed, typos = _fix_spelling(old_text, new_text, new_words)
    plain_old, plain_new = (_WS.sub(" ", t.translate(_QUOTES)).strip() for t in (fixed, new_text))
    findings = _findings(plain_old, plain_new, known)
    if findings:
        what = "; ".join(findings[:3])
        if not section_material:
            return False, f"Not material: section declared not material (note: {what})."
        return True, f"Material: {what}."
    if _normal(fixed) == _normal(new_text):
        dims = [d for d in _DIMS if _normal(fixed, d) != _normal(new_text, d)]
        fix = ", ".join(f"{a} → {b}" for a, b in typos)
        if dims and typos:
            return False, (f"Not material: only {_and(dims)} changed, and a misspelling was "
                           f"corrected ({fix}).")
        if typos:
            return False, f"Not material: a misspelling was corrected ({fix})."
        return False, f"Not material: only {_and(dims or ['white space'])} changed."
    if not section_material:
        return False, "Not material: section declared not material."
    loud = [v for v in variables_changed if v not in immaterial_vars]
    if loud:
        return True, f"Material: the value of {_and(loud)} changed."
    return True, "Material: the wording changed."


def document_words(text: str) -> frozenset[str]:
    """Every word of a document, for `classify(known=...)`."""
    return frozenset(_words(text))


def classify_structure(kind: str, *, section_material: bool, detail: str = "") -> tuple[bool, str]:
    """Verdict for a section added, removed or moved, where no word-level rule applies.

    A whole section added or removed changes what the statement says, so it is
    material unless declared otherwise; a move changes no words, so it is not.
    """
    if kind == "moved":
        return False, f"Not material: the section moved{detail}; its words did not change."
    if not section_material:
        return False, f"Not material: section declared not material (the section was {kind})."
    return True, f"Material: the section was {kind}."
