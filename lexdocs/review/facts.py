"""What a change says that is material however small: the findings of materiality.py rule 3.

Each finding is a stable rule id ("duration-changed", "recipient-added", …) and its
evidence, the words or values as written: a removed value, then "→", then the
added one when both sides have some. The lists of words live in vocabulary.py.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from lexdocs.review import vocabulary as voc
from lexdocs.review.names import (
    NOT_WITH,
    PRODUCT_NOUNS,
    brand,
    is_own,
    makes_party,
    not_recipient,
    own_names,
    products,
    same_name,
    same_name_index,
    undescribed,
    who,
)

Finding = tuple[str, tuple[str, ...]]
WORD = re.compile(r"\w+(?:['’]\w+)*")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")


def words(text: str) -> list[str]:
    """The words of `text`, case folded, apostrophes as typed on a keyboard."""
    return WORD.findall(text.casefold().replace("’", "'"))


def _trie(items: Iterable[str]) -> str:
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


_NUM_WORD = _trie(voc.NUMBER_WORDS)
_STREET = (r"street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl|"
           r"square|sq|parkway|pkwy|highway|hwy|terrace|plaza")
# Each typed fact: (rule kind, pattern). Earlier patterns remove their matches from the
# text before later ones look, so "90 days" is one duration, not also a number.
_TYPED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("web-address", re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)]", re.I)),
    ("email-address", re.compile(r"\b[\w.%+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("date", re.compile(
        rf"\b(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+"
        rf"{_MONTH}\.?,?\s+\d{{4}}|{_MONTH}\.?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
        r"\d{1,2}/\d{1,2}/\d{2,4})\b", re.I)),
    ("postal-address", re.compile(
        rf"\b(?:\d+[A-Za-z]?\s+(?:[A-Z][\w.'-]*\s+){{0,4}}(?:{_STREET})\b\.?|p\.?\s?o\.?\s+box\s+"
        r"\d+)(?:,?\s+(?:suite|ste\.?|unit|floor|fl\.?)\s+\w+)?(?:,\s*[A-Za-z][\w'.-]*"
        r"(?:\s+[A-Za-z0-9][\w'.-]*){0,3}){0,4}"
        # As Europe writes them: the lines before a postcode and town, then the country,
        # "GitHub BV, Vijzelstraat 68-72, 1017 HL Amsterdam, The Netherlands".
        r"|(?-i:\b(?:[A-Z][\w.'-]*(?: [A-Z0-9][\w.'-]*){0,3}, ){1,3}\d{4,5}(?: ?[A-Z]{2})? "
        r"[A-Z][\w'-]+, (?:The )?[A-Z][\w'-]+)"
        # As the US writes them without a street word: a number, the street's name, the
        # town, then the state's code and the ZIP code, "88 Colin P. Kelly, San Francisco,
        # CA 94110".
        r"|(?-i:\b\d+[A-Za-z]?\s+(?:[A-Z][\w.'-]*\s+){0,4}[A-Z][\w.'-]*(?:,\s*[A-Z][\w.'-]*"
        r"(?:\s+[A-Z][\w.'-]*){0,3}){1,2},?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?\b)", re.I)),
    ("duration", re.compile(
        rf"\b(?:\d+|(?:{_NUM_WORD})(?:[\s-](?:{_NUM_WORD}))*)[\s-]+(?:\(\d+\)\s+)?"
        r"(?:business\s+|calendar\s+|working\s+)?(?:second|minute|hour|day|week|month|year)s?\b",
        re.I)),
    # "one of our subsidiaries" counts nothing: "one" there stands for a member of a group.
    # "K-9 Mail" names an app: a number joined to a letter by a hyphen is the name's.
    ("number", re.compile(rf"(?<![A-Za-z]-)\b(?:\d+(?:[.,]\d+)*|(?!one of\b){_NUM_WORD})\b",
                          re.I)),
)


_DATE = dict(_TYPED)["date"]
# A line of a policy's own change log: a date, a colon or dash, what changed.
_LOG_LINE = re.compile(rf"({_DATE.pattern})\s*[:–—-]\s+\S", re.I)


def log_entries(old: str, new: str) -> tuple[str, ...]:
    """The dates of the change-log lines `new` adds to `old`, when that is all it adds:
    a policy's list of its own versions says that the policy changed, not how it treats
    anyone's data (the change it records is judged where it is made)."""
    a, b = [p.strip() for p in old.split("\n\n")], [p.strip() for p in new.split("\n\n")]
    came = [p for p in b if p and p not in a]
    if not came or any(p and p not in b for p in a):
        return ()
    dates = [m.group(1) for p in came if (m := _LOG_LINE.match(re.sub(r"[_*]", "", p).lstrip()))]
    return tuple(dates) if len(dates) == len(came) else ()


def _forms(terms: Iterable[str]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for a vocabulary, singular and plural, and each surface form's label."""
    label: dict[str, str] = {}
    for t in terms:
        for f in (t, t + "s", t + "es", t[:-1] + "ies" if t.endswith("y") else t):
            label.setdefault(f, t)
    return re.compile(rf"\b(?:{_trie(label)})\b"), label


_DATA_RE, _DATA_LABEL = _forms(voc.DATA_TERMS)
_PURPOSE_RE, _PURPOSE_LABEL = _forms(voc.PURPOSE_TERMS)
_RECIPIENT_RE, _RECIPIENT_LABEL = _forms(voc.RECIPIENT_TERMS)
_GROUND_RE, _GROUND_LABEL = _forms(voc.GROUND_TERMS)
_RIGHTS_RE = re.compile("|".join(rf"(?P<r{i}>\b(?:{p})\b)" for i, (_, p) in enumerate(voc.RIGHTS)))
# "U.S" but not "Google." + "We"; brands in mixed case too: "hCaptcha", "reCAPTCHA".
_CAP = r"(?:[A-Z]|[a-z]+(?=[A-Z]))(?:[A-Za-z0-9'&-]|\.(?=[A-Za-z]))*"
# "WooCommerce Shipping & Tax" is one name, and so is "Court of Justice of the European
# Union": an institution's name goes on past "of" after the noun that makes it one.
_INSTITUTION = "(?:" + "|".join(f"(?<={w})" for w in str.split(
    "Court Bank Department Ministry Office Board Council Commission Bureau Agency Authority "
    "University Institute Association Federation Justice")) + ")"
_CAP_RUN = re.compile(rf"{_CAP}(?:(?:{_INSTITUTION} of (?:the )?| & | ){_CAP})*")
# A town before its state or country, as an address writes it: "Glendale, California",
# "San Francisco, CA 94110": a place, never a party.
_TOWN = re.compile(r",\s+(?:[A-Z]{2}\b|[A-Z][a-z]+(?: [A-Z][a-z]+)?)")
# A name in code, a cookie's or a setting's ("optimizelyBuckets", "hjIncludedInSample"):
# lower case first and more than one hump, or a long lower-case prefix; "eBay" and
# "hCaptcha" are brands.
_IDENTIFIER = re.compile(r"[a-z]{4,}[A-Z]\w*|[a-z]+[A-Z][a-z0-9]*[A-Z]\w*")
# A company's legal name is one name, its comma and full stop included: "Stripe, Inc.",
# "Foo Bar, LLC", "GitHub B.V.", "Marks & Spencer plc".
_SUFFIX = (r"(?:Inc|LLC|L\.L\.C|Ltd|Limited|LLP|PLC|plc|GmbH|AG|S\.?A|SAS|SARL|B\.?V|"
           r"N\.?V|Corp|Corporation|Co|Pty(?: Ltd)?|K\.?K|AB|ApS|Oy|S\.?p\.?A|S\.?r\.?l)\.?")
_LEGAL_COMMA = re.compile(rf",(?= {_SUFFIX}(?!\w))")
LEGAL_FORM = re.compile(rf"(?<=(\w)),? {_SUFFIX}(?!\w)")
"""A company's legal form after its name (", Inc.", " GmbH"): "Stripe" and "Stripe, Inc."
name one company."""
_COMPANY = re.compile(rf"{_CAP}(?: (?:&|{_CAP}))*,? {_SUFFIX}(?!\w)")
# What follows a name in parentheses says what it is or how it is called, "Stripe, Inc.
# (payment processor)", "Johnson Services (JJS)": the same recipient, not another.
_ALIAS = re.compile(r"((?<![\w.])[A-Z][\w&'’.-]*)\s*\([^()]{1,60}\)")
_NAME_STOP = frozenset(str.split(
    "we the our you your this these those if in for to when with by and or it they such as all "
    "any some each please note where however also unless upon under from at on of an a its "
    "their that what which how why who do does can may will should must i my us if additionally "
    "for example section last updated since following after before while although because "
    "until during then thus therefore currently today now even once"))
_WITH = re.compile(r"\bwith ((?:[\w'-]+ ){0,4}[\w'-]+)", re.I)
_OBJECT_CUT = re.compile(r"\b(?:and|or|for|to|in|who|whom|that|which|if|when|unless|as|so|"
                         r"because|by|on|at|from|under|including|such|where|whose|via)\b", re.I)
_DETERMINERS = frozenset(["a", "an", "the", "our", "their", "its", "certain", "other", "some",
                          "select", "selected", "trusted", "either", "both", "neither"])
# What a "with" shares when it is no one: "a report with more detailed information".
_THING = re.compile(r"\b(?:information|data|details|content|contents)\b", re.I)
_COORDINATE = re.compile(r"^(?:and|or|and/or)$", re.I)


def _coordinated(objects: str) -> list[str]:
    """The objects of a "with" joined by "and", "or" or a comma, up to the first word
    that starts something else: "with Amazon and AdMarketplace to verify you navigated"
    shares with two, and "verify" is what for."""
    out: list[str] = []
    pieces = _OBJECT_CUT.split(objects)
    cuts = _OBJECT_CUT.findall(objects)
    for i, piece in enumerate(pieces):
        out.append(piece)
        if i < len(cuts) and not _COORDINATE.match(cuts[i]):
            break
    return out
_OBJECT_STOP = frozenset(str.split(
    "you your us it them this that these those care respect regard regards any all the applicable "
    "law laws our consent permission world"))
# The organisation's own offerings, listed: "our websites (including …)", "Our other
# products, services, and features … (for example, …)", "products built by Acme including …".
_REST = r"(?:[^.;:]|[.:](?=\S))*"  # to the end of the clause; "automattic.com" stays whole
_OWN_LIST = re.compile(
    rf"\b(?:our|its)\s+(?:\w+\s+){{0,3}}?(?:products?|services?|features?|websites?|sites|"
    rf"apps?|applications?|brands?)\b{_REST}|\bproducts\s+(?:built|made|maintained|operated|"
    rf"offered)\b{_REST}", re.I)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n\n")
_ITEM_SPLIT = re.compile(r",|;|:|\(|\)|\band/or\b|\band\b|\bor\b|\n\n")
_CONNECT = frozenset(["and", "or", "and/or", "as", "well", "including", "also"])


def _typed(text: str, ws: set[str]) -> tuple[dict[str, Counter[str]], str]:
    """Typed facts by kind (as written), and the text left once they are taken out;
    cheap tests skip the patterns that cannot match (no digit, no '@')."""
    digits = re.search(r"\d", text) is not None
    lower = text.casefold()
    numbers = digits or not voc.NUMBER_WORDS.isdisjoint(ws)
    can = {"web-address": "://" in text or "www." in lower, "email-address": "@" in text,
           "date": digits, "postal-address": digits or "box" in lower, "duration": numbers,
           "number": numbers}
    found: dict[str, Counter[str]] = {}
    for kind, pattern in _TYPED:
        c: Counter[str] = Counter()
        if can[kind]:
            for m in pattern.finditer(text):
                c[m.group().strip().rstrip(".,;:")] += 1
            if c:
                text = pattern.sub(" \ue000 ", text)
        found[kind] = c
    return found, text


def key(fact: str, kind: str = "") -> str:
    """What makes two facts the same: never case; punctuation only where it counts
    ("1.5" is not "15", but "1,000" is "1000"; "U.S." is "US", "Sept." is "Sept")."""
    fact = fact.casefold()
    if kind == "web-address":
        return fact.rstrip("/")
    if kind in ("number", "duration", "email-address"):
        return re.sub(r"[\s,\-‐‑]", "", fact)
    return re.sub(r"[^\w@/]", "", fact)


def own_listed(text: str, items: Iterable[str]) -> bool:
    """Whether every item stands in a list of the organisation's own products, services or
    websites ("Our websites (including …, wp.cloud)"): adding one to, or dropping one
    from, what the policy covers tells no reader anything new about their data."""
    spans = [m.group() for m in _OWN_LIST.finditer(text)]
    return bool(spans) and all(any(i.strip(" '…") in s for s in spans) for i in items)


def own_changed(old: str, new: str, home: str) -> tuple[str, ...]:
    """The organisation's own offerings that an edit swapped, added or dropped, when that
    is all it did (evidence: those gone, "→", those come), else (): a name in a list of
    its own products or websites ("our websites (including polldaddy.com, …)" →
    "crowdsignal.com"), or one of two of its own channels offered as alternatives
    dropped ("contact GitHub Support or GitHub Premium Support" → "contact GitHub
    Support"). What the policy covers, or where to write, still says the same of anyone's
    data. An own name *added* outside such a list may be a new entity handling data
    ("GitHub Inc. or GitHub B.V."): that is judged as any wording."""
    a, b = _pieces(old, _ITEM_SPLIT), _pieces(new, _ITEM_SPLIT)
    gone, came = [a[k] for k in a if k not in b], [b[k] for k in b if k not in a]
    if (gone or came) and all(not p.endswith("…") and _named(p) for p in gone + came) and all(
            own_listed(old, [p]) for p in gone) and all(own_listed(new, [p]) for p in came):
        return (*gone, "→", *came)
    own = "|".join(re.escape(n) for n in sorted(own_names(home)) if n.isalnum())
    if not own:
        return ()
    name = rf"(?i:{own})[\w-]*(?:\s+[A-Z][\w-]*){{0,4}}"
    alternatives = re.compile(rf"\b({name})\s+or\s+({name})\b")
    flat = " ".join(new.split())
    matches = list(alternatives.finditer(old))
    for keep, drop in ((1, 2), (2, 1)):
        if matches and " ".join(alternatives.sub(rf"\g<{keep}>", old).split()) == flat:
            return (*dict.fromkeys(m.group(drop) for m in matches), "→")
    return ()


def _named(piece: str) -> bool:
    """A short name or address ("Simple Payments", "the Pay with PayPal block",
    "crowdsignal.com"), not a clause: at most six words, one written with a capital or
    a dot inside."""
    ws = piece.split()
    return len(ws) <= 6 and any(w[:1].isupper() or re.search(r"\w\.\w", w) for w in ws)


def _heading(block: str) -> bool:
    """A heading or table cell in Title Case: short, mostly capitalised, no full stop."""
    ws = block.split()
    caps = sum(1 for w in ws if w[:1].isupper())
    return len(ws) <= 8 and caps >= 0.6 * len(ws) and not block.rstrip().endswith(".")


# A sentence that only says where to read more: it promises nothing itself.
# A sentence that only says where to read more, or that a new version is coming: it
# promises nothing itself (what it points to is judged where it is written).
_POINTER = re.compile(
    r"(?:to learn more|learn more|for more (?:information|details)|for details|see |read more|"
    r"read the|you can (?:read|find|learn) more|more (?:information|details) (?:is|are|can)|"
    r"click here|please (?:see|visit|review|refer)|we(?:'re| are| have|'ve) updat(?:ing|ed) "
    r"(?:our|this) (?:\w+ )?(?:notice|policy|statement|terms)|"
    # where to look ("To see our notice for …, please go to …"), how to follow it
    r"to (?:see|read|find|view) (?:our|the|this|a) |learn how|here(?:'s| is) how|"
    # links listed ("Links to our default search providers' privacy policies include:")
    r"links? to (?:our|the|their|its) [^.:]{0,60}(?:are|is|include|includes):?$)", re.I)
# Another organisation's own policy said to govern what it does ("Your selected search
# provider's privacy policy governs the search provider's collection and use of your
# data"): where to read, not what this organisation does or hands over.
_THEIR_POLICY = re.compile(
    r"(?:your |the |their |its )?(?:[\w-]+ ){0,3}[\w-]+['’]s? (?:own )?(?:privacy )?"
    r"(?:policy|policies|notice|statement|terms)(?: of \w+)? (?:governs?|appl(?:y|ies)|"
    r"explains?|describes?)\b", re.I)
_FOLLOW = re.compile(
    r"you can (?:see|find|read|view) (?:a|the|our) (?:full |complete )?(?:list|copy|summary)|"
    r"if you (?:want|wish|would like|'d like) to (?:be notified|know more|learn more|read|"
    r"follow)", re.I)
"""Where to see a list, how to follow the text: a pointer as long as nothing in the
sentence is handed over (no disclosure verb after it)."""
# What a pointer may name without saying more than where to read: who, what data, which
# right ("learn more about what is collected, and how to opt out").
POINTER_MAY_NAME = ("block-", "sentence-", "list-item-", "recipient-", "data-category-",
                    "right-", "purpose-")


def harmless_shape(old: str, new: str) -> Finding | None:
    """An edit that only adds, removes or rewords headings, or sentences that only point
    elsewhere ("For more information, see …"), and leaves every other sentence as it was."""
    for kind, split in (("heading", _BLOCKS), ("cross-reference", _SENTENCES)):
        a, b = _pieces(old, split), _pieces(new, split)
        came, gone = [b[k] for k in b if k not in a], [a[k] for k in a if k not in b]
        whole = _whole(old, new, split)
        test = _heading if kind == "heading" else _pointer
        if (came or gone) and all(test(whole.get(p, p)) for p in came + gone) and (
                kind != "heading" or not _full_stop(old, new, set(a) ^ set(b), split)):
            change = "changed" if came and gone else "added" if came else "removed"
            return (f"{kind}-{change}", (*gone, "→", *came) if came and gone else
                    tuple(came or gone))
    return None


# Whom a pointer is for, before it: "For users in the EU, EEA and Switzerland: see here",
# "For candidates applying to jobs at Acme, please review our Recruitment Privacy policy".
_AUDIENCE = re.compile(r"^(?:for (?:users|people|residents|candidates|customers|visitors|"
                       r"those|anyone|individuals|applicants)\b[^.:;]{0,80}|if you are "
                       r"(?:a |an )?(?:applying|resident|located|based|user|visitor|candidate)"
                       r"[^.:;]{0,80})[:,]\s+", re.I)


# A clause that states what the organisation does with data ("…, and we share your data
# with Acme"), not a question a pointer points to ("learn more about how we share …").
_STATES = re.compile(r"(?<!\bhow )(?<!\bwhat )(?<!\bwhy )(?<!\bwhen )(?<!\bwhether )"
                     r"(?<!\bwhere )\bwe (?:(?:may|will|also|now|can|might|could|do|then|"
                     r"sometimes|may also) )*" + voc.DISCLOSURE_VERB.pattern, re.I)


def _pointer(sentence: str) -> bool:
    """A sentence that only says where to read: it opens with a pointer ("Learn more
    about …", "To see our notice for …, please go to …"), or it is about the text
    itself and tells the reader to read on ("the short version below doesn't tell you
    everything, so please read on for more details"), handing over no data."""
    if "|" in sentence:
        return False  # a table's cells, run together: more than a pointer
    sentence = _AUDIENCE.sub("", sentence, count=1)  # "For users in the EU: see here …"
    if _STATES.search(sentence):
        return False  # "See our notice, and we share your data with Acme": a practice too
    if _FOLLOW.match(sentence):  # "If you want to be notified, we share your email with …"
        return not voc.DISCLOSURE_VERB.search(sentence)
    if _THEIR_POLICY.match(sentence) and not re.match(r"(?:our|this|these)\b", sentence, re.I):
        return not voc.DISCLOSURE_VERB.search(sentence)
    return _POINTER.match(sentence) is not None or _reads_on(sentence)


def _whole(old: str, new: str, split: re.Pattern[str]) -> dict[str, str]:
    """Each piece's shortened display (`_pieces`) → the piece as written, whole: a
    pointer's "read on" may stand after the sixtieth character."""
    return {shown: p.strip(" .;:,") for t in (old, new) for p in split.split(t)
            for shown in [p.strip(" .;:,")[:57] + "…" if len(p.strip(" .;:,")) > 60
                          else p.strip(" .;:,")]}


def _full_stop(old: str, new: str, keys: set[str], split: re.Pattern[str]) -> bool:
    """Whether a piece keyed in `keys` ends with a full stop as written: a sentence, not a
    heading ("We use Acme Post." shows as "We use Acme Post")."""
    return any(p.rstrip().endswith(".") and " ".join(
        w for w in words(p) if w not in _CONNECT) in keys
        for t in (old, new) for p in split.split(t))


_POSSESSIVE = re.compile(r"['’]s$")
_QUALIFIER = re.compile(r"[A-Z][\w.]*-(?:compliant|based|only|wide|specific|related|owned|"
                        r"hosted|certified|approved|style|like|facing|friendly|centric)")
_OWNED = re.compile(r"\w['’]s $")


def _names(text: str) -> dict[str, str]:
    """Capitalised names (key → display) outside headings, a company's legal name whole
    ("Stripe, Inc."), an owner without what it owns ("Interactive Advertising Bureau
    Europe’s Transparency and Consent Framework": the bureau). A sentence starts with a
    capital anyway, so a lone word there counts only when it can only be a name (see
    `names.brand`) or a colon follows it ("Acme: we share …")."""
    out: dict[str, str] = {}
    for block in text.split("\n\n"):
        ws = block.split()
        if _heading(block):
            continue  # a heading or table cell in Title Case, not a name
        if sum(1 for w in ws if w.isupper() and len(w) > 1) >= 0.6 * len(ws):
            continue  # SHOUTED TEXT: capitals say nothing about names
        for m in _COMPANY.finditer(block):
            out.setdefault(key(m.group()), m.group())
        block = _COMPANY.sub(lambda m: "\ue000" * len(m.group()), block)
        for m in _CAP_RUN.finditer(block):
            parts = m.group().split(" ")
            if block[m.start() - 1:m.start()] in ('"', "“"):
                continue  # a quoted name is a setting's or a feature's: "Smarter Suggestions"
            if _OWNED.search(block, 0, m.start()):
                continue  # "Google’s Invisible reCAPTCHA": what a name owns is no one
            town = _TOWN.match(block, m.end())
            if town and voc.is_not_party(town.group().lstrip(", ").strip()):
                continue  # "Los Angeles, California"
            if all(_IDENTIFIER.fullmatch(p) for p in parts):
                continue
            while parts and _QUALIFIER.fullmatch(parts[0]):
                parts.pop(0)  # "GDPR-compliant", "EU-based": a word that describes, no name
            if not parts:
                continue
            before = block[max(0, m.start() - 8):m.start()].rstrip()
            initial = not before or before[-1] in ".!?:•"
            while parts and key(parts[0]) in _NAME_STOP:
                parts.pop(0)
                initial = False
            labelled = block[m.end():m.end() + 1] == ":"
            owner = next((i for i, p in enumerate(parts[:-1]) if _POSSESSIVE.search(p)), None)
            if owner is not None:  # "Google’s Invisible reCAPTCHA": Google and its product
                parts, labelled = parts[:owner + 1], False
            if not parts or (initial and len(parts) == 1 and not labelled
                             and not brand(parts[0])):
                continue
            name = _POSSESSIVE.sub("", " ".join(parts))  # "Company's" is "Company"
            out.setdefault(key(name), name)
    return out


def lexical(text: str) -> str:
    """Text as vocabularies match it: case, hyphens and "e-mail" spelling folded away."""
    text = text.casefold().replace("e-mail", "email").replace("’", "'")
    return re.sub(r"\s+", " ", re.sub(r"[-‐‑]", " ", text))


def _disclosing(text: str) -> list[str]:
    """The sentences that hand data over or look at it (by their verb)."""
    return [s for s in _SENTENCE.split(text) if voc.DISCLOSURE_VERB.search(s)]


def _recipients(text: str, lex: str, own: frozenset[str] = frozenset(),
                made: frozenset[str] = frozenset()
                ) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Who may receive data (key → display): capitalised names that are organisations
    (`names.who`: not the organisation itself or its products, not a feature, document,
    place, language or acronym, nor one the organisation lists as its own products,
    services or websites, nor a bullet's label); then kinds of recipient in any case and
    whatever a disclosing sentence shares *with* ("we share it with mortgage lenders").
    Grounds for disclosure are taken out first: "a merger" or "a government request" is
    why data is handed over, not who gets it. `own` holds the organisation's own names,
    `made` the products the text names (`names.products`). Last, the other names, whose
    words are theirs too ("Assigned Names" is no data category "name")."""
    kinds: dict[str, str] = {}
    if "(" in text:
        text = _ALIAS.sub(r"\1", text)
        lex = lexical(text)
    lex = _modifiers(text, _GROUND_RE.sub(" \ue000 ", lex))
    for m in _RECIPIENT_RE.finditer(lex):
        if not_recipient(lex, m):
            continue
        kinds.setdefault(key(_RECIPIENT_LABEL[m.group()]), m.group())
    for s in _disclosing(text):
        s = _GROUND_RE.sub(lambda g: " \ue000 " + " " * len(g.group()), s)
        for m in _WITH.finditer(s):
            if NOT_WITH.search(s[max(0, m.start() - 40):m.start()]):
                continue  # "complying with …", "provides us with results": no recipient
            for part in _coordinated(m.group(1)):
                obj = part.split()
                if obj and obj[0].casefold() in ("our", "your"):
                    continue  # "with our website": ours or yours, never a third party's
                while obj and obj[0].casefold() in _DETERMINERS:
                    obj.pop(0)
                phrase = " ".join(obj)
                if (obj and obj[0].casefold() not in _OBJECT_STOP
                        and not _RECIPIENT_RE.search(lexical(phrase))
                        and not _DATA_RE.search(lexical(phrase))
                        and not _THING.search(phrase)
                        # Judged alike in any case: "SHARE" is no acronym here.
                        and who(phrase, own, made) in ("organisation", "term", "acronym")
                        and not re.search(rf"\b(?:{PRODUCT_NOUNS})s?$", phrase, re.I)):
                    kinds.setdefault(key(phrase), phrase)
    # A bullet's label written as a phrase ("Webpage data for Snippets:") names its item,
    # not a recipient; one that is only a name ("Acme:", "Acme Corp:") may be one.
    text = _LABEL.sub(lambda m: " \ue000:" if re.search(r"(?<![\w.])[a-z]", m.group())
                      else m.group(), text)
    every = _names(_OWN_LIST.sub(" \ue000 ", text))
    names = {k: n for k, n in every.items()
             if not _RECIPIENT_RE.fullmatch(lexical(n)) and who(n, own, made) == "organisation"}
    # "with Stripe, Inc." also reads as the object "Stripe", "with Marks & Spencer" as
    # "Marks": one recipient, named in full. A kind that describes the name after it ("our
    # third-party ad platform Adzerk") is that recipient, named.
    kinds = {k: p for k, p in kinds.items()
             if not (p[:1].isupper() and any(n != k and n.startswith(k) for n in names))
             and not (names and _describes(lex, p, names.values()))}
    return names, kinds, [n for k, n in every.items() if k not in names]


def _describes(lex: str, kind: str, names: Iterable[str]) -> bool:
    """Whether `kind` stands right before one of `names`, at most two words between and
    none of them "and" or "or": "ad platform Adzerk", "a third party, Acme"."""
    after = "|".join(re.escape(lexical(n)) for n in names)
    return re.search(rf"\b{re.escape(lexical(kind))},?(?: (?!and\b|or\b)[\w']+){{0,2}},? "
                     rf"(?:{after})\b", lex) is not None


def _modifiers(text: str, lex: str) -> str:
    """`lex` without the kinds of recipient that only qualify the capitalised name they
    stand in ("the Sponsors Program", "a Partner Portal"): the name's head is a thing.
    One that ends its name ("Advertising Partners", "Law Enforcement") is still a kind."""
    for m in _CAP_RUN.finditer(text) if " " in text else ():
        run = lexical(m.group())
        if " " not in run or len(run) != len(m.group()):
            continue
        for k in _RECIPIENT_RE.finditer(run):
            if k.end() < len(run) and run[k.end()] == " ":
                at = lex.find(run)
                if at >= 0:
                    lex = lex[:at + k.start()] + " " * (k.end() - k.start()) + lex[at + k.end():]
    return lex


def _own_entities(text: str, own: frozenset[str]) -> dict[str, str]:
    """The organisation's own legal entities `text` names ("GitHub Inc.", "GitHub B.V."):
    each is a legal person. One named beside or instead of another ("GitHub Inc." →
    "GitHub Inc. or GitHub B.V.") is another controller of the data, a party added or
    removed, though the brand is the organisation's own; its name written in full where
    no entity was named ("GitHub" → "GitHub, Inc.") is the same company."""
    found: dict[str, str] = {}
    for m in _COMPANY.finditer(text) if own else ():
        ws = m.group().split(" ")  # "Contact GitHub, Inc.": the sentence's verb is no name
        name = next((" ".join(ws[i:]) for i in range(len(ws) - 1)
                     if is_own(" ".join(ws[i:]), own)), "")
        if name:
            found.setdefault(key(name), name)
    return found


# A bullet's label, "Location data and interaction data for top sites:", at a block's start:
# it names the item the text after it describes, and that text is judged.
_LABEL = re.compile(r"(?:^|(?<=\n\n))[^.:;\n]{1,60}:(?= \S)")


_NOT_NEGATION = re.compile(r"\bwithout(?=\s+[A-Z])")
_READ_ON = re.compile(r"\b(?:read on|for more (?:information|details)|learn more|read more)\b",
                      re.I)


_ABOUT_TEXT = re.compile(r"\b(?:summary|version|section|below|above|this (?:notice|policy|"
                         r"statement|page))\b", re.I)


def _about_reading(text: str) -> str:
    """`text` with its negations taken out of sentences about the text itself that tell
    the reader to read on ("the short version below doesn't tell you everything, so
    please read on"): a sentence about the document, handing over nothing, promises
    nothing. "We don't keep logs; learn more" is about logs, and keeps its negation."""
    if not _READ_ON.search(text):
        return text
    return "".join(
        re.sub(r"\b(?:not|no|never|don't|doesn't|won't|cannot|can't)\b", "", piece, flags=re.I)
        if _reads_on(piece) else piece for piece in re.split(r"(?<=[.!?])(\s+)", text))


def _reads_on(sentence: str) -> bool:
    """Whether `sentence` is about the text itself and tells the reader to read on,
    handing over no data and naming none."""
    return bool(_READ_ON.search(sentence) and _ABOUT_TEXT.search(sentence)
                and not voc.DISCLOSURE_VERB.search(sentence)
                and not _DATA_RE.search(lexical(sentence)))


_STOCK = re.compile(r"\b(?:but )?not limited to\b|\bwithout limitation\b", re.I)


def _unnamed(lex: str, names: Iterable[str]) -> str:
    """`lex` without the names in it, longest first (multi-word names only: a lone
    capitalised word may be a term at a sentence start)."""
    for n in sorted((lexical(n) for n in names if " " in n.strip()), key=len, reverse=True):
        lex = lex.replace(n, " \ue000 ")
    return lex


def _conditions(lex: str) -> Counter[str]:
    """Each condition as its opening words, counted by its marker; "until" a date is the
    date's (a date finding names it), not a condition."""
    found = Counter(m.group() for m in voc.CONDITION.finditer(lex)
                    if not lex.startswith("\ue000", m.end() + 1)
                    and not (m.group() == "if" and _ASKS.search(lex, 0, m.start())))
    # "Otherwise, …" opening a sentence is "if not, …": the old "if …" restated.
    found["if"] += len(_OTHERWISE.findall(lex))
    return +found


_OTHERWISE = re.compile(r"(?:^|(?<=[.;:] ))otherwise\b")
# "to see if it is up to date" asks whether; it sets no condition.
_ASKS = re.compile(r"\b(?:see|sees|check|checks|checking|checked|ask|asks|asked|know|"
                   r"determine|determines|verify|verifies|find out|wonder) $")


def _absent(a: Counter[str], b: Counter[str]) -> tuple[Counter[str], Counter[str]]:
    """Each side's terms that the other side does not name at all."""
    if not a or not b:
        return a, b
    return (Counter({k: v for k, v in a.items() if k not in b}),
            Counter({k: v for k, v in b.items() if k not in a}))


def _edits(old: str, new: str, share: int = 3
           ) -> tuple[tuple[list[str], set[int]], tuple[list[str], set[int]]]:
    """Each side's words and the positions the edit touched inside sentences that keep
    some of their words: a sentence wholly added or removed is a finding of its own."""
    def tokens(text: str) -> tuple[list[str], list[int]]:
        out: list[str] = []
        where: list[int] = []
        for i, piece in enumerate(_SENTENCES.split(_LABEL.sub(r"\g<0>\n\n", text))):
            ws = words(piece)
            out += ws
            where += [i] * len(ws)
        return out, where

    (a, sa), (b, sb) = tokens(old), tokens(new)
    ca: set[int] = set()
    cb: set[int] = set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            ca.update(range(i1, i2))
            cb.update(range(j1, j2))

    def kept(changed: set[int], where: list[int]) -> set[int]:
        """Changed positions in sentences that keep a `share`th of their words (one that
        keeps only a "please" or a "you" was rewritten, not edited)."""
        size, hit = Counter(where), Counter(where[i] for i in changed)
        return {i for i in changed if hit[where[i]] < size[where[i]] and
                share * (size[where[i]] - hit[where[i]]) >= size[where[i]]}

    return (a, kept(ca, sa)), (b, kept(cb, sb))


def _touched(fact: str, edited: Counter[str]) -> bool:
    """Whether a word of a typed fact (as written) is among the words an edit touched in a
    sentence that stays."""
    return any(edited[w] for w in words(fact.casefold()))


def _at(tokens: list[str], edited: set[int], want: Counter[str]) -> Counter[str]:
    """`want`, each word at most as often as the edit touched it."""
    have = Counter(tokens[i] for i in edited)
    return Counter({w: min(n, have[w]) for w, n in want.items() if have[w]})


def _phrase_at(tokens: list[str], edited: set[int], phrase: str) -> int:
    """How often `phrase` starts at a word the edit touched."""
    want = words(phrase)
    return sum(1 for i in edited if tokens[i:i + len(want)] == want)


def _clause(lex: str, marker: str, other: str) -> str:
    """The words a condition marker opens, for the evidence: the first such clause the
    other text does not have, so an old "if …" that did not change is never quoted."""
    found = [(marker + m.group(1)).strip() for m in re.finditer(
        rf"\b{re.escape(marker)}\b((?: [\w'’]+){{0,6}})", lex)]
    changed = [c for c in found if c not in other] or found or [marker]
    return changed[0] + (" …" if changed[0].count(" ") >= 6 else "")


def _pieces(text: str, split: re.Pattern[str]) -> dict[str, str]:
    """The pieces of `text` between separators, keyed so that punctuation, case and
    connecting words ("and", "or") do not count, each shown as written (shortened)."""
    out: dict[str, str] = {}
    for piece in split.split(text):
        k = " ".join(w for w in words(piece) if w not in _CONNECT)
        if k:
            shown = piece.strip(" .;:,")
            out.setdefault(k, shown if len(shown) <= 60 else shown[:57] + "…")
    return out


_BLOCKS = re.compile(r"\n\n")
_SENTENCES = re.compile(r"(?<=[.!?])(?<!\bInc\.)(?<!\bLtd\.)(?<!\bCo\.)(?<!\bCorp\.)(?<!\.V\.)"
                        r"(?<!\b[A-Z]\.[A-Z]\.)"  # "U.S. Residents" is one sentence
                        r"\s+(?=[\w\"“(])|\n\n"
                        # a space lost after a stop: "Learn more.This data …"
                        r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
_WHOLE = (("block", _BLOCKS), ("sentence", _SENTENCES), ("list-item", _ITEM_SPLIT))


def _whole_pieces(old: str, new: str) -> list[Finding]:
    """Whole paragraphs, sentences or list items added or removed, when nothing else
    changed: the most specific thing to say of an edit no other rule explains."""
    old, new = _LEGAL_COMMA.sub(" ", old), _LEGAL_COMMA.sub(" ", new)  # "Stripe, Inc." is one
    for kind, split in _WHOLE:
        a, b = _pieces(old, split), _pieces(new, split)
        came, gone = [b[k] for k in b if k not in a], [a[k] for k in a if k not in b]
        if came and not gone and set(a) <= set(b):
            return [(f"{kind}-added", tuple(came))]
        if gone and not came and set(b) <= set(a):
            return [(f"{kind}-removed", tuple(gone))]
    return _unmatched_blocks(old, new)


def _unmatched_blocks(old: str, new: str) -> list[Finding]:
    """Paragraphs or list items removed (or added) beside others reworded: once each
    reworded block is paired with the one it shares most words with, the blocks left
    alone on one side only ("Searches: Firefox sends …" gone from a list whose other
    items were reworded) were removed (or added) whole, and say so."""
    a, b = _pieces(old, _BLOCKS), _pieces(new, _BLOCKS)
    gone, came = [k for k in a if k not in b], [k for k in b if k not in a]
    if not (gone and came) or len(gone) == len(came) or len(gone) + len(came) > 12:
        return []  # as many on each side: any left without a partner are on both sides

    # Each reworded block is paired with the one it shares most words with (in order);
    # the blocks left without a partner were removed or added whole.
    shared = sorted(((sum(m.size for m in difflib.SequenceMatcher(
        None, x.split(), y.split(), autojunk=False).get_matching_blocks()), x, y)
        for x in gone for y in came), reverse=True)
    paired: set[str] = set()
    for n, x, y in shared:
        if n >= 3 and x not in paired and y not in paired:
            paired.update((x, y))
    lone_gone = [a[k] for k in gone if k not in paired]
    lone_came = [b[k] for k in came if k not in paired]
    if lone_gone and lone_came:
        return []  # blocks rewritten beyond pairing: wording, not a block removed or added
    if lone_gone:
        return [("block-removed", tuple(lone_gone))]
    return [("block-added", tuple(lone_came))] if lone_came else []


def findings(old: str, new: str, known: tuple[frozenset[str], frozenset[str]],
             home: str = "") -> list[Finding]:
    """What the always-material rules see changed, most telling first.

    `known` holds the words of the whole old and new documents: a name that the
    document already used elsewhere (the company's own, a provider named in
    another section) is not a third party arriving or leaving, nor is a kind of
    recipient it already names. `home` holds the organisation's declared addresses
    (`names.own_names`): its own names are never a third party.
    """
    out: list[Finding] = []

    def diff(kind: str, a: Counter[str], b: Counter[str],
             show: Callable[[str], str] = str) -> None:
        gone, came = sorted((a - b).elements()), sorted((b - a).elements())
        if gone and came:
            out.append((f"{kind}-changed", (*map(show, gone), "→", *map(show, came))))
        elif came:
            out.append((f"{kind}-added", tuple(map(show, came))))
        elif gone:
            out.append((f"{kind}-removed", tuple(map(show, gone))))

    ow, nw = words(old), words(new)
    # "including but not limited to" widens a list; it negates no promise, and neither
    # does "a device without Apple Intelligence". A negation counts where the edit put it
    # into (or took it from) a sentence that stays: in a sentence wholly added or
    # removed, it is that sentence's, which is named as such.
    neg_old, neg_new = (_NOT_NEGATION.sub(" ", _STOCK.sub(" ", _about_reading(t)))
                        for t in (old, new))
    na, nb = (Counter(w for w in words(t) if _neg(w)) for t in (neg_old, neg_new))
    if na != nb and Counter(w for w in words(voc.expand_contractions(neg_old)) if _neg(w)) == (
            Counter(w for w in words(voc.expand_contractions(neg_new)) if _neg(w))):
        na = nb  # "do not" → "don't", "cannot" → "can't": the same negation, contracted
    if na != nb:  # where the edit put them is worth a word diff only when they differ
        (ta, ea), (tb, eb) = _edits(neg_old, neg_new, share=1000)
        diff("negation", _at(ta, ea, na - nb), _at(tb, eb, nb - na))
    (to, rest_old), (tn, rest_new) = _typed(old, set(ow)), _typed(new, set(nw))
    inside: tuple[Counter[str], Counter[str]] | None = None
    for kind in ("date", "duration", "number", "email-address", "web-address",
                 "postal-address"):
        shown = {key(f, kind): f for f in [*to[kind], *tn[kind]]}
        a, b = (Counter(key(f, kind) for f in t[kind].elements()) for t in (to, tn))
        if kind in ("date", "number") and a != b:
            # A date or a figure inside a sentence wholly added or removed is that
            # sentence's ("Since GDPR went into effect in 2018, …" dropped with its
            # paragraph), as a negation is: the sentence is named as such.
            if inside is None:
                (ta, ea), (tb, eb) = _edits(old, new, share=1000)
                inside = Counter(ta[i] for i in ea), Counter(tb[i] for i in eb)
            a, b = (Counter({k: n for k, n in (x - y).items() if _touched(shown[k], seen)})
                    + (x & y) for x, y, seen in ((a, b, inside[0]), (b, a, inside[1])))
        diff(kind, a, b, shown.__getitem__)
    rest_old, rest_new = undescribed(rest_old), undescribed(rest_new)
    lo, ln = lexical(rest_old), lexical(rest_new)
    own, made = own_names(home), products(f"{rest_old}\n\n{rest_new}")
    (no, ko, xo), (nn, kn, xn) = (_recipients(rest_old, lo, own, made),
                                  _recipients(rest_new, ln, own, made))
    # A word inside a name is the name's: "Google Analytics" is no purpose "analytics".
    # Both sides: "We Use Cookies" → "We use cookies".
    named = [*no.values(), *nn.values(), *xo, *xn]
    lo, ln = _unnamed(lo, named), _unnamed(ln, named)
    ows, nws = set(ow), set(nw)

    def used(name: str, here: set[str], document: frozenset[str]) -> bool:
        """The document already names it ("GitHub's products": GitHub)."""
        return all(w in here or w in document or f"{w}'s" in here or f"{w}'s" in document
                   for w in words(name))

    # A name the other side writes too, shortened, lengthened or misspelt ("Woo" →
    # "WooCommerce", "Mixpanle" → "Mixpanel"), is the same one: a rename, not a party.
    came = Counter(n for k, n in nn.items() if k not in no and not used(n, ows, known[0]))
    gone = Counter(n for k, n in no.items() if k not in nn and not used(n, nws, known[1]))
    if came:
        came = Counter(n for n in came.elements() if not same_name(n, same_name_index(old))
                       and not _led_by(n, no.values()))
    if gone:
        gone = Counter(n for n in gone.elements() if not same_name(n, same_name_index(new))
                       and not _led_by(n, nn.values()))
    # A kind the document already names ("subprocessors", "partners") arrives nowhere new.
    came.update(n for k, n in kn.items() if k not in ko and k not in no and k not in nn
                and not (" " not in n and used(n, set(), known[0])))
    gone.update(n for k, n in ko.items() if k not in kn and k not in nn and k not in no
                and not (" " not in n and used(n, set(), known[1])))
    entities = _own_entities(rest_old, own), _own_entities(rest_new, own)
    came.update(n for k, n in entities[1].items() if k not in entities[0] and entities[0])
    gone.update(n for k, n in entities[0].items() if k not in entities[1] and entities[1])
    diff("recipient", gone, came)
    lo, ln = voc.NOT_DATA.sub(" \ue000 ", lo), voc.NOT_DATA.sub(" \ue000 ", ln)

    def counts(count: Callable[[str], Iterable[str]]) -> tuple[Counter[str], Counter[str]]:
        return Counter(count(lo)), Counter(count(ln))

    def terms(pattern: re.Pattern[str], names: dict[str, str]) -> Callable[[str], Iterable[str]]:
        return lambda t: (names[m.group()] for m in pattern.finditer(t))

    lo, ln = _LABEL.sub(" ", lo), _LABEL.sub(" ", ln)  # "location data:" names its item
    # A category, purpose, right or ground the other side names too is neither added nor
    # removed: saying "payment information" once more tells the reader nothing new.
    diff("data-category", *_absent(*counts(terms(_DATA_RE, _DATA_LABEL))))
    lo, ln = voc.NOT_PURPOSE.sub(" \ue000 ", lo), voc.NOT_PURPOSE.sub(" \ue000 ", ln)
    diff("purpose", *_absent(*counts(terms(_PURPOSE_RE, _PURPOSE_LABEL))))
    diff("right", *_absent(*counts(lambda t: (voc.RIGHTS[int(str(m.lastgroup)[1:])][0]
                                              for m in _RIGHTS_RE.finditer(t)))))
    diff("disclosure-ground", *_absent(*counts(
        lambda t: (_GROUND_LABEL[m.group()] for s in _disclosing(t)
                   for m in _GROUND_RE.finditer(s)))))
    # A condition counts where the edit put it into (or took it from) a sentence that
    # stays; one inside a paragraph or sentence that is wholly new is not one added to a
    # promise, and an old "if …" that did not change is never quoted.
    both = bool(lo.strip() and ln.strip())
    co, cn = (_conditions(lo), _conditions(ln)) if both else (Counter(), Counter())
    gone_c, came_c = co - cn, cn - co
    if gone_c or came_c:
        (ta, ea), (tb, eb) = _edits(old, new)
        gone_c = Counter({k: min(v, _phrase_at(ta, ea, k)) for k, v in gone_c.items()})
        came_c = Counter({k: min(v, _phrase_at(tb, eb, k)) for k, v in came_c.items()})
    diff("condition", Counter({_clause(lo, k, ln): v for k, v in gone_c.items() if v > 0}),
         Counter({_clause(ln, k, lo): v for k, v in came_c.items() if v > 0}))
    out = _negation_in_new_clause(out, ow, nw)
    return out if len(out) >= 3 else out + _whole_pieces(old, new)  # a verdict shows three


def _led_by(name: str, others: Iterable[str]) -> bool:
    """Whether `name` is another name the other side writes on its own, with words after
    it ("SalesForce Marketing Cloud" beside "SalesForce"): the same organisation, named
    by its product or by itself."""
    ws = name.casefold().split()
    return any(0 < len(o) < len(ws) and ws[:len(o)] == o
               and not any(makes_party(w) for w in ws[len(o):])  # "Google Partners"
               for o in (x.casefold().split() for x in others))


def _negation_in_new_clause(out: list[Finding], ow: list[str], nw: list[str]) -> list[Finding]:
    """A negation that only arrives inside a new clause with its own finding ("or
    compelled by a court order that we choose not to appeal") belongs to that clause:
    the clause's finding is named first. A negation put into the old words ("we do
    not share") stays first."""
    if not out or out[0][0] != "negation-added":
        return out
    runs = [" ".join(nw[j1:j2]) for tag, _, _, j1, j2 in difflib.SequenceMatcher(
        None, ow, nw, autojunk=False).get_opcodes() if tag == "insert"]
    for i, (rule, evidence) in enumerate(out[1:], 1):
        if not rule.endswith("-added") or rule.startswith(("block", "sentence", "list-item")):
            continue
        clauses = [r for r in runs if any(lexical(e).strip() in r for e in evidence)]
        if clauses and all(any(re.search(rf"\b{re.escape(n)}\b", r) for r in clauses)
                           for n in out[0][1]):
            return [out[i], out[0], *out[1:i], *out[i + 1:]]
    return out


def _neg(word: str) -> bool:
    return word in voc.NEGATIONS or word.endswith("n't")
