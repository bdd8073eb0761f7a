"""Who a capitalised name is: an organisation that may receive data, or something else.

A policy capitalises far more than the organisations it hands data to: its own
company and products ("GitHub Premium Support", "Crowdsignal"), features named in
ordinary words ("Smart Window", "Recurring Payments"), documents and laws ("Smart
Window Privacy Notice", "Standard Contractual Clauses"), places, languages and
acronyms. A reason that calls any of them "a third party" is false, and a reviewer
who reads one false reason stops trusting the true ones.

`who` answers deterministically, offline and from the text alone (no model): the
kind of a name, so that only an "organisation" can be a recipient. The
organisation's own names come from its declared addresses (`site_url` and the
`own_domains` option: "automattic.com wordpress.com"): a name spelled like one of
their domains ("WordPress", "GitHub BV") is the organisation itself or its product,
and so is one the `own_names` option declares ("Crowdsignal", "Pocket Casts").

The same concern reads the words around a kind of recipient: "complying *with*
statutory requirements" and "by phone, email, or social media platforms" name no
one who receives data, and "Customer.io. Transactional email service." describes
a provider (its description is neither a data category nor a purpose). Whether two
spellings are one name is `renames`' concern, and which names the text itself shows to
be products `products`'.
"""

from __future__ import annotations

import functools
import re
from itertools import pairwise
from urllib.parse import urlsplit

from lexdocs.render.tohtml import in_latin
from lexdocs.review import vocabulary as voc
from lexdocs.review.lexicon import sentence_around
from lexdocs.review.spelling import is_known, struck_twice

# Words that make a name an organisation's whatever else it says: "Internet Corporation
# for Assigned Names and Numbers", "Federal Reserve Bank", "Acme Labs".
ORG_CUES = frozenset(str.split(
    "corporation corp company co inc llc ltd limited plc gmbh association foundation institute "
    "university college bank group agency authority bureau partners providers labs networks "
    "systems technologies holdings trust society union federation consortium"))
# Organisations whose names are English words, so that a name made of them ("Google
# Analytics", "Amazon Web Services") is not taken for a feature named in plain words.
ENGLISH_NAMED = frozenset(str.split(
    "google apple amazon microsoft facebook meta stripe paypal oracle adobe twitter "
    "salesforce zoom slack square intercom segment mailchimp braintree shopify yahoo"))
# Nouns that make the name before them a product or feature: "the Payments feature",
# "the Pay with PayPal block", "your Polldaddy survey", "a Snippet link"; or a kind of
# file, "existing PowerPoint files"; or what a device or an app shows or sends ("Apple's
# TrueDepth camera", "see past searches as Autocomplete suggestions", "an RPAN broadcast"),
# or a stage of its release ("the Alpha or Beta testing", Mozilla's Common Voice notice).
PRODUCT_NOUNS = (r"feature|block|app|application|plugin|theme|extension|add-on|button|survey|"
                 r"link|setting|settings|mode|account|plan|widget|browser|tab|toolbar|sidebar|"
                 r"page|window|tool|integration|dashboard|editor|menu|panel|file|presentation|"
                 r"spreadsheet|website|camera|suggestion|broadcast|keyboard|player|testing|tester")
# Last words that make a name a document or a law, not someone: "Smart Window Privacy
# Notice", "Standard Contractual Clauses", "Privacy Shield", "Consumer Privacy Act".
DOCUMENT_WORDS = frozenset(str.split(
    "notice notices policy policies statement statements terms agreement agreements guidelines "
    "guide documentation principles clauses act acts regulation regulations directive law "
    # and a regulator's instrument: "ANPD Resolution" (Meta's data transfer addendum)
    "resolution resolutions decree decrees ordinance ordinances "
    "laws shield framework code rules specification "
    # "the Meta Community Standards" (Threads' terms): the rules a document sets
    "standard standards "
    # a part of a law cited ("through EU GDPR Article 28", "Chapter V", 2FA Directory's
    # privacy policy): where the text points, no one
    "article articles recital recitals annex annexes appendix appendices exhibit exhibits "
    "schedule clause chapter addendum addenda part parts "
    # and a code's title ("a safe harbor under Title 17 of the United States Code",
    # GitHub's DMCA takedown policy, once "a third party was removed (Title)")
    "title titles "
    # and a table the text holds or cites ("See Table 1 references above", the UK
    # addendum in Instagram's developer terms)
    "table tables "
    # standard contractual clauses and binding corporate rules by their abbreviations
    # ("the LATAM and Canada SCCs", Meta's data transfer addendum), and the Data Privacy
    # Framework ("the EU-U.S. DPF and the Swiss-U.S. DPF", Discord's privacy policy)
    "scc sccs bcr bcrs dpf"))
_PAGES_CENTRED = frozenset(str.split("help privacy trust safety support transparency"))
"""What a "… Center" a policy points to is about: the pages the organisation publishes
("see the WhatsApp Help Center article", Instagram's policy, once "a third party was
added"), no one data goes to; a "Data Center", a "Resource Center" (Utah's geospatial
one, Google Maps' terms) or "Corporation Trust Center" may be someone."""
# Bodies that make or interpret law: a policy cites them ("as decided by the European
# Commission") far more often than it sends them data, and a disclosure to one is
# caught by what the data is shared *with*.
LAWMAKERS = frozenset([
    "european commission", "european parliament", "european council", "council of the european "
    "union", "court of justice", "court of justice of the european union", "supreme court",
    "congress", "parliament", "european data protection board",
    # and the data protection authorities a policy cites by their initials ("ANPD
    # Resolution No. 19/2024", Meta's data transfer addendum, was "a third party was added
    # (ANPD)"): Brazil's, France's, the UK's, Ireland's, the EU's, Spain's, Singapore's,
    # Australia's, Korea's, Türkiye's
    "anpd", "cnil", "ico", "dpc", "edpb", "edps", "aepd", "pdpc", "oaic", "pipc", "kvkk",
    # and France's by its name, which no English word of `_regulator` says
    "commission nationale de l informatique et des libertés"])


@functools.lru_cache(maxsize=64)
def own_names(home: str) -> frozenset[str]:
    """The organisation's own names, read from its declared addresses (`Options.home`):
    the label before each host's suffix ("docs.github.com" → "github", "acme.co.uk" →
    "acme"), so that the declaration that makes links maintenance also makes its names
    and products its own, and the names declared as such (`own_names`, "Pocket_Casts").
    A plain reading, not the Public Suffix List: loading that costs a build 0.4 s, and a
    name is matched by its first word anyway."""
    out = set()
    for h in home.split():
        if "." not in h and "://" not in h:  # a name no domain spells: "Pocket_Casts"
            out.add(squash(h.replace("_", " ")))
            continue
        host = urlsplit(h if "://" in h else f"https://{h}").hostname or ""
        labels = host.rstrip(".").split(".")
        if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
            labels = labels[:-1]
        if len(labels) >= 2 and len(labels[-2]) >= 3:
            out.add(labels[-2].casefold())
    return frozenset(out)


_SECOND_LEVEL = frozenset(str.split("co com org net ac gov edu ne or go"))


_NOT_WORD = re.compile(r"[^\w]")
_PARTS = re.compile(r"[^\W_]+")


def squash(text: str) -> str:
    """A name as compared: its case and every sign that is no part of a word left out, so
    that "GitHub, Inc." and "github inc" are one."""
    return _NOT_WORD.sub("", text.casefold())


def is_own(name: str, own: frozenset[str]) -> bool:
    """A name that starts with one of the organisation's names ("GitHub Premium Support",
    "WordPress.com", "GitHub B.V."), after the region it is for ("UK Meta AI"), or is one
    run together ("Git Hub"), or opens with one written in parts ("Aut O'Mattic A8C
    Ireland Ltd.", Automattic's Irish company, in its terms of service)."""
    if not own:
        return False
    first = _PARTS.findall(name.casefold())
    while len(first) > 1 and first[0] in voc.PLACES:
        first.pop(0)  # "UK Meta AI", "EU Meta AI": one of its products, a region's edition
    whole = "".join(first)
    return bool(first) and (first[0] in own or whole in own or any(
        whole.startswith(o) and len(first[0]) >= len(o) for o in own) or any(
        "".join(first[:k]) in own for k in range(2, min(len(first), 4) + 1)))


def _plain(word: str) -> bool:
    """An ordinary English word written as a name's part: capitalised, lower case after."""
    bare = re.sub(r"['’]s$", "", word.rstrip(".'’"))  # "Payments", "Company's"
    if bare.casefold() in voc.PLATFORMS:
        return True  # "Single-use CSRF", "Secure HTTP": a technical noun, no one's name
    if "-" in bare.strip("-") and not bare[1:].islower():
        return all(_plain(p) for p in bare.split("-") if p)  # "Single Sign-On", "Opt-Out"
    return bool(bare) and bare[1:].islower() and bare.casefold() not in ENGLISH_NAMED and (
        is_known(bare) or is_known(bare.removesuffix("s")))


def who(name: str, own: frozenset[str] = frozenset(), made: frozenset[str] = frozenset()
        ) -> str:
    """The kind of a capitalised name: "organisation", or what it is instead ("place",
    "language", "calendar", "acronym", "own", "product", "document", "lawmaker",
    "term"). `made` holds the products the text itself names (`products.products`)."""
    kind = _kind(name, own)
    if kind in ("own", "place", "language", "calendar", "acronym") or not made:
        return kind
    squashed = squash(name)
    if squashed in made or any(squashed.startswith(p) for p in made if len(p) > 3):
        return "product"
    return kind


_ROMAN = re.compile(r"(?=[IVX]{2})X{0,3}(?:IX|IV|VI{0,3}|I{1,3})")
"""A part's number in roman figures, of two letters or more ("II", "XIV"): "X" alone is a
company's name."""
_FORM = re.compile(r"[A-Z]{1,3}-\d{1,4}[A-Z]{0,4}")
"""A form's or a standard's number: "W-9", "W-8BEN", "I-9"."""


_BODIES = frozenset(str.split("authority board commission commissioner network agency "
                             "inspectorate"))
_OVERSEES = ("data protection", *str.split("privacy supervisory"))


def _regulator(joined: str) -> bool:
    """A body that oversees data protection ("Brazilian Data Protection Authority", "Personal
    Data Protection Board of Türkiye", "Competent Supervisory Authority", all cited in
    Meta's data transfer addendum for the clauses they issue): it makes and enforces the
    rules, as the LAWMAKERS do. The body's kind ends its name, before any "of"."""
    head = joined.split(" of ", 1)[0].split()
    return (bool(head) and head[-1] in _BODIES and any(w in joined for w in _OVERSEES)) or (
        "information commissioner" in joined)


@functools.lru_cache(maxsize=4096)
def _kind(name: str, own: frozenset[str]) -> str:
    """`who` without the text's own products: the same for a name wherever it stands."""
    if _ROMAN.fullmatch(name):
        return "document"  # "II, III, IV" (Threads' terms): a part's number, alone
    if _FORM.fullmatch(name):
        return "document"  # "form W-9 as required by the IRS" (Parler's): a form's number
    words = _PARTS.findall(name.casefold())
    joined = " ".join(words)
    if voc.is_not_party(name):
        if joined in voc.PLACES or in_latin(joined) in voc.PLACES:
            return "place"
        if joined in voc.LANGUAGES:
            return "language"
        return "calendar" if joined in voc.CALENDAR else "acronym"
    if is_own(name, own):
        return "own"
    if joined in LAWMAKERS or joined.removeprefix("the ") in LAWMAKERS or _regulator(joined):
        return "lawmaker"
    named = list(words)
    while len(named) > 1 and _NUMERAL.fullmatch(named[-1]):
        named.pop()  # "Annex II", "Chapter V", "Annex I.A"
    last = named[-1] if named else ""
    if last and (last in DOCUMENT_WORDS or last.removesuffix("s") in DOCUMENT_WORDS):
        return "document"  # "Privacy Shield Frameworks", "Specifications" as one
    if len(words) > 1 and last in ("center", "centre") and words[-2] in _PAGES_CENTRED and (
            not ORG_CUES & set(words[:-2])):  # a "Trust Center" is no trust
        return "document"  # "WhatsApp Help Center", "Privacy Center": pages one reads
    if len(words) <= 3 and words[0] in _ENACTED:
        return "document"  # "Resolution CD / ANPD No. 19", "Decree 2021-1234"
    if (code := joined.find("code of")) >= 0 and not ORG_CUES & set(joined[code:].split()):
        return "document"  # "Wikimedia Foundation Code of Conduct", "Code of Practice"
    if words[0] in _ROMANCE_LAWS and _ROMANCE_PARTICLES & set(words[1:]):
        return "document"  # "Lei Geral de Proteção de Dados", "Code de la Consommation"
    parts = name.split()
    if len(words) > 1 and words[0] in voc.OPERATING_SYSTEMS and not ORG_CUES & set(words):
        return "product"  # "Android Sharesheet" (Google Play's policy), "Windows Hello"
    if len(parts) > 1 and words[0] == "my":
        return "product"  # "My AI", "My Activity": a feature named as its user says it
    if len(parts) > 1 and _OFFERED.search(name):
        return "product"  # "Atlassian Bitbucket Sign-In": what a name offers
    if len(parts) > 1 and not ORG_CUES & set(words) and all(_plain(p) for p in parts):
        return "term"  # "Recurring Payments", "Smart Window": a feature in plain words
    if len(parts) == 1 and inflected(name):
        return "term"  # "Tweets", "Archived", "Shopping": an English word's form, no name
    if _SOFTWARE_KIND.fullmatch(name) and (name[:-4].casefold() == "mal" or is_known(
            name[:-4])):
        return "term"  # "Riskware", "Spyware": a kind of software ("Tupperware" is a name)
    if (spoken := _SPOKEN.fullmatch(name)) and spoken[1].casefold() in voc.LANGUAGES:
        return "language"  # "an ad for Spanish-speaking audiences" (Telegram's): who speaks it
    return "organisation"


_SPOKEN = re.compile(r"([A-Z][a-z]+)-(?:speaking|language|speakers?)")
"""A language made a word of who speaks it or what is written in it."""


_SOFTWARE_KIND = re.compile(r"[A-Z][a-z]+ware")
_PLURAL = re.compile(r"[A-Z][a-z]+[^s]s")
_PARTICIPLE = re.compile(r"[A-Z][a-z]{2,}ed")
_GERUND = re.compile(r"[A-Z][a-z]{2,}ing")


def inflected(name: str) -> bool:
    """Whether a one-word name is a form of an English word, capitalised, and so no
    organisation's: a plural ("Tweets" → "Posts", X's developer terms: "a third party
    changed (Tweets → Posts)"), a verb's past form ("Archived December 9, 2024 at the
    Wayback Machine", Wikimedia's: "(Archived)"), or its "-ing" form ("For Shopping ads in
    …", Pinterest's: "(Shopping)"). A name that is an English word as it stands ("Stripe",
    "Square") is not one, nor are "Boeing" and "Sterling", whose stems are no words."""
    if _PLURAL.fullmatch(name):  # "Tweets", "Processes", "Territories"
        return (is_known(name[:-1]) or (name.endswith("es") and is_known(name[:-2]))
                or (name.endswith("ies") and is_known(name[:-3] + "y"))
                ) and name.casefold() not in ENGLISH_NAMED
    if _PARTICIPLE.fullmatch(name):  # "Archived", "Wrapped" (a consonant doubled)
        return is_known(name[:-1]) or is_known(name[:-2]) or (
            name[-3] == name[-4] and is_known(name[:-3]))
    stem = name[:-3]
    return bool(_GERUND.fullmatch(name)) and (
        is_known(stem) or is_known(stem + "e")  # "Bank", "Shar(e)"
        or (stem[-1] == stem[-2] and is_known(stem[:-1])))  # "Shopp" → "shop"


_ENACTED = frozenset(["resolution", "decree", "ordinance"])
"""What a body enacts, before the number or code that names it: a law cited."""
_ROMANCE_LAWS = frozenset(str.split("lei loi ley legge code código codice codigo decreto décret "
                                    "reglamento regolamento règlement regulamento marco"))
_ROMANCE_PARTICLES = frozenset(str.split("de da do das dos del della di des du"))
"""A law as French, Spanish, Italian or Portuguese name it, its kind first and a particle
after ("Marco Civil da Internet", Brazil's, cited in AliExpress's privacy policy)."""
_NUMERAL = re.compile(r"[ivxl]{1,5}(?:-[ivxl]{1,5})?|\d+(?:-\d+)?|[a-z]")
"""A part's number after its kind, or a range of them ("Annex II", "Parts II-III")."""
"""What numbers a part: "II", "3", "A", and each of "I.A" ("Annex I.A", Snap's terms)."""
_OFFERED = re.compile(r"\s(?:feature|app|application|plugin|extension|add-on|button|widget|"
                      r"browser|toolbar|website|account|dashboard|settings|sign-?in|log-?in)s?\.?$",
                      re.IGNORECASE)
"""The last word of a name for what an organisation offers, not for one: fewer than
`PRODUCT_NOUNS`, whose "Block", "Plan" or "Page" end the names of companies and people
(H&R Block, Larry Page)."""


def brand(word: str) -> bool:
    """A word that only a name would be: mixed case inside ("HelloSign", "hCaptcha") or
    no English word at all ("Twilio", "Customer.io"), unless a key was struck twice at a
    sentence's start ("IIf you reside in California", Spotify's, once "a third party was
    added (IIf)")."""
    return any(a.islower() and b.isupper() for a, b in pairwise(word)) or (
        not is_known(word.rstrip(".")) and not struck_twice(word))


# What "with" follows when the words after it receive nothing: "complying with statutory
# requirements", "in connection with", "interactions with content", "proceed with the
# recruitment process", "help you with", and "provides 37signals with the results" (the
# thing provided, not who gets it).
NOT_WITH = re.compile(
    r"(?:\b(?:compl(?:y|ying|ies|ied|iance)|accordance|connection|associated|along|together|"
    r"interactions?|interact(?:s|ing)?|communicat(?:e|es|ed|ing)|(?:in)?consistent|line|familiar|"
    # "any purpose that competes with the interests of Parler" (Parler's terms)
    r"compet(?:e|es|ed|ing)|"
    r"deal(?:s|ing)?|proceed(?:s|ed|ing)?|continu(?:e|es|ed|ing)|help(?:s|ed|ing)?(?: \w+)?|"
    r"updat(?:e|es|ed|ing)(?: \w+)?|treat(?:s|ed|ing)?(?: \w+)?|"
    r"assist(?:s|ed|ing)?(?: \w+)?)|\bprovid(?:e|es|ed|ing)\s+(?:\S+\s+){1,3})\s*$", re.I)
# A kind of recipient that names no one who receives: a channel ("by phone, email, or social
# media platforms"), what describes data ("background check information"), a place or a
# thing ("on third party sites", "third-party technology"), or the description of the
# name that follows ("a third party called Fundraise Up": the recipient is named).
_CHANNEL = re.compile(r"\b(?:by|via|through|over)\s+(?:[\w-]+,?\s+){0,5}$")
_CHANNEL_WORDS = frozenset(["phone", "telephone", "email", "mail", "post", "text", "sms", "chat"])
# ("government-related data", Google's data processing terms, describes data too)
_DESCRIBES = re.compile(r"\s(?:(?:related|issued|provided)\s+)?(?:information|data|details|"
                        r"results|records|reports?|checks?|"
                        r"technolog(?:y|ies)(?!\s+(?:provider|compan|vendor|partner|firm))|"
                        r"(?:called|named|known as)\s)\b")
# Where the kind is a place: "advertise to you on third party sites", not "share your
# data with third party websites" (whose sites receive it).
_PLACE = re.compile(r"\s(?:(?:web ?)?sites?|websites?|pages?|links?)\b")
_AT = re.compile(r"\b(?:on|at|across|from|visit(?:s|ing)?)\s+(?:\w+\s+){0,2}$")


# "your personal data flows and vendors": the reader's own, named in the words that
# follow "your" with no preposition or verb between.
_YOURS = re.compile(r"\byour(?: (?!(?:with|to|by|for|from|of|in|on|at|via|through|about|"
                    r"including|such|as|that|which|who|share|shares|shared|disclose|"
                    r"disclosed|sell|sold|send|sent|provide|provided)\b)[\w'-]+){0,4} $")


# "development platforms frequently updated": a platform is as often the product as one
# that receives data, which only a sentence that hands data over says.
_PLATFORM = re.compile(r"platforms?")
_ANY = re.compile(r"\bany (?:other )?$")
_NEGATED = re.compile(r"\b(?:not|never|nor|no|neither|without)\b|n't\b")


_READERS_ACCESS = re.compile(r"\b(?:your|you|users?) access(?:es|ed|ing)?\b")
"""The reader's own access, no hand-over: "These Terms govern your access to and use of any
website, app, … platform … offered by Pinterest" (Pinterest's terms) was "a third party was
added (platform)"."""


def not_recipient(lex: str, m: re.Match[str]) -> bool:
    """Whether a kind of recipient, matched in `lex`, names a channel or a place, describes
    data or a thing, or describes the name after it; or is the reader's own ("take stock
    of your vendors") or a bare "platform" in a sentence that hands nothing over: advice
    to the reader names no one the organisation shares with, while "we share it with
    your employer" does."""
    if _DESCRIBES.match(lex, m.end()) or (
            _PLACE.match(lex, m.end()) and _AT.search(lex[max(0, m.start() - 40):m.start()])):
        return True
    if (_YOURS.search(lex, max(0, m.start() - 60), m.start()) or _PLATFORM.fullmatch(m.group())
            ) and not voc.DISCLOSURE_VERB.search(
                _READERS_ACCESS.sub(" ", sentence_around(lex, m.start(), m.end()))):
        return True
    # "Nor do we share your content with any third party": a promise about no one, which
    # the negation rule reads; not a party named.
    if _ANY.search(lex, max(0, m.start() - 20), m.start()) and _NEGATED.search(
            sentence_around(lex, m.start(), m.end())):
        return True
    before = _CHANNEL.search(lex[max(0, m.start() - 60):m.start()])
    return before is not None and not _CHANNEL_WORDS.isdisjoint(re.findall(r"\w+", before.group()))


# A list entry that names a provider, then says in a few words what it does: "Customer.io.
# Transactional email service." The description says what the provider is, not a new
# category of data, purpose or recipient.
_DESCRIBED = re.compile(
    r"(?:^|(?<=\n\n))((?:[\w.&'’-]+ ){0,3}[\w.&'’-]+)\. ((?:[\w/&'’-]+ ){0,7}[\w/&'’-]+)\.?"
    r"(?=\n\n|$)")
_NOT_DESCRIPTION = re.compile(r"^(?:we|you|they|it|this|these|our|your|their|if|when)\b", re.I)
_NOT_NAMES = frozenset(str.split("we you they it this these our your their the if"))


def undescribed(text: str) -> str:
    """`text` without the descriptions of listed providers (`_DESCRIBED`)."""
    def cut(m: re.Match[str]) -> str:
        name, what = m.group(1), m.group(2)
        if not all(w[:1].isupper() or brand(w) for w in name.split()) or (
                name.split()[0].casefold() in _NOT_NAMES) or _NOT_DESCRIPTION.match(what) or (
                voc.DISCLOSURE_VERB.search(what)) or not re.search(r"\b[a-z]", what):
            return m.group()  # "Zoho Corporation Pvt. Ltd": a legal name, nothing described
        return f"{name}. \ue000" + ("." if m.group().endswith(".") else "")  # still a sentence
    return _DESCRIBED.sub(cut, text) if ". " in text else text


LEGAL_SUFFIXES = frozenset(str.split(
    "inc llc ltd limited llp plc gmbh ag sa sas sarl bv nv corp corporation co pty kk ab aps "
    "oy spa srl sl slu ltda"))


_KIND_WORDS = frozenset(t for t in voc.RECIPIENT_TERMS if " " not in t)


def makes_party(word: str) -> bool:
    """A word that makes a name another organisation or a kind of recipient ("Partners",
    "Affiliates", "Vendors", "Inc."): put after a name, it names someone else ("Google"
    → "Google Partners"), not the same one by its product."""
    w = _NOT_WORD.sub("", word.casefold())
    return w in ORG_CUES or w in LEGAL_SUFFIXES or w in _KIND_WORDS or (
        w.removesuffix("s") in _KIND_WORDS) or (w.endswith("ies") and w[:-3] + "y" in _KIND_WORDS)
