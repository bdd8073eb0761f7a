"""What counts as an English word, and which edits only correct its spelling.

A word is "known" if the English frequency list shipped with pyspellchecker has it
(about 160,000 words, offline, from its own package data), or if our own legal and
technical vocabulary (`OWN_WORDS`) has it: a privacy statement says "analytics",
"subprocessor" and "GDPR", which a general dictionary lacks. British spellings are
known when their American form is ("organisation", "behaviour", "cancelled"), so a
change between the two is a spelling variant, never a new word.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["CURRENCY_CODES", "LETTER_RUNS", "OWN_WORDS", "american", "is_known",
           "is_misspelling_fix", "is_spelling_variant", "mostly_english", "osa", "spelt_alike",
           "struck_twice", "unslipped"]


CURRENCY_CODES = tuple(str.split(
    "usd eur gbp jpy cny rmb inr cad aud nzd chf sek nok dkk pln czk huf brl mxn krw sgd hkd "
    "zar"))
"""Currencies by their codes: known words ("(USD)", Instagram's commercial terms, was "a
third party was added (USD)"), and a figure after one is an amount (typed.py)."""
OWN_WORDS = frozenset(str.split(
    # Law and regulation.
    "gdpr ccpa cpra cdpa vcdpa cpa ctdpa ucpa hipaa coppa ferpa glba pipeda lgpd appi pdpa dpa "
    # and the data protection laws of other countries a processing agreement lists ("the
    # LGPD, NDPA, …", Google's): Nigeria, China, South Africa, India, Quebec, Kenya, Turkey
    "ndpa ndpr pipl popia dpdp dpdpa kvkk pdpl "
    # and the US laws a policy cites by initials ("as required by the TCPA", Allrecipes'),
    # and the EU's acts on platforms
    "tcpa fcra ecpa vppa bipa cipa dmca caloppa dsa dma "
    # the officers a policy names the organisation's own ("represented by its CEO")
    "ceo cfo cto coo cio ciso "
    "dpo scc sccs bcr bcrs ico cnil edpb schrems subprocessor subprocessors sub-processor "
    "sub-processors processor processors controller controllers pseudonymization "
    "pseudonymisation pseudonymized pseudonymised pseudonymous anonymization anonymisation "
    # "Anonymising your information", a part's title in a table (Instagram's), once "a third
    # party was removed (Anonymising)"
    "anonymize anonymise anonymizing anonymising pseudonymize pseudonymise pseudonymizing "
    "pseudonymising "
    "anonymized anonymised deidentified de-identified deidentify de-identify reidentify "
    "re-identify reinsurers insurers opt-in opt-out optout optin unsubscribe cookieless "
    "onward redress arbitral signatory nonpublic non-public non-discrimination "
    # Technology.
    "analytics app apps api apis url urls uri http https html css javascript json xml sdk sdks "
    "ip ipv4 ipv6 isp isps dns vpn cdn captcha recaptcha hcaptcha metadata timestamp timestamps "
    "geolocation geolocate geofencing cybersecurity dataset datasets signup signups sign-up "
    "logins two-factor 2fa mfa sso oauth saml ssl tls sha encryption plaintext backend frontend "
    "webhook webhooks chatbot chatbots spammy smartphone smartphones wi-fi wifi bluetooth "
    "ios android macos uk usa eu eea iso soc pci dss "
    # what a text points its reader to, and the software it is about ("our product privacy
    # notices and FAQ", Mozilla's; "OSS maintainers", GitHub's sponsors terms: each once
    # "a third party was added")
    "faq faqs oss foss "
    # a picture's format and a licence ("clear GIFs", "available under CC0", Mozilla's)
    "gif gifs jpeg png cc0 gpl lgpl agpl mpl "
    # what safety work a policy names ("consortia to detect CSAM", Substack's privacy policy,
    # once "a third party was added (CSAM)")
    "csam ncii cse "
    # and what a financial service's checks are called ("CTF/AML service providers",
    # Binance's policy, once "a third party was added (AML, CTF)")
    "aml cft ctf kyc kyb "
    # a domain name's parts ("the TLD's registry", WordPress.com's terms)
    "tld tlds gtld gtlds cctld cctlds "
    # a device's numbers, its radios and the signals a browser sends (Microsoft's privacy
    # statement: "a third party was removed (IMEI, WLAN)"; Perplexity's: "(GPC)")
    "imei imsi wlan lan sms mms rfid dnt gpc qr "
    # Words of everyday prose the word list lacks ("Refund Timeframe" and "the QR code",
    # Shein's conditions of sale, were "a third party was removed")
    "timeframe timeframes")) | frozenset(CURRENCY_CODES)

# British spellings whose American form is in the word list: (pattern, replacement), in order.
_BRITISH = ((re.compile(r"is(e|ed|es|ing|ation|ations|able)$"), r"iz\1"),
            (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
            # "neighbourhood" (Snap's), "colourful", "honourably"
            (re.compile(r"our(s|ed|ing|able|ably|ite|ites|al|ally|hood|hoods|ful|fully|less|"
                        r"ly)?$"), r"or\1"),
            (re.compile(r"tre(s)?$"), r"ter\1"), (re.compile(r"ence$"), "ense"),
            (re.compile(r"ogue(s)?$"), r"og\1"), (re.compile(r"([aeiou])ll(ed|ing|er|ers)$"),
                                                  r"\1l\2"),
            (re.compile(r"ement$"), "ment"), (re.compile(r"eing$"), "ing"),
            # a single l the American doubles: "fulfilment", "enrolment", "skilful", "fulfil"
            (re.compile(r"([^l])l(ment|ments|ful)$"), r"\1ll\2"),
            (re.compile(r"^(\w{3,}[io])l(s)?$"), r"\1ll\2"),
            (re.compile(r"ogramme(s)?$"), r"ogram\1"))


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """The English word list, loaded once (0.1 s) and only when a spelling is judged."""
    from spellchecker import SpellChecker  # package data only: no network

    return frozenset(SpellChecker(language="en", distance=1).word_frequency.keys())


def american(word: str) -> str:
    """The American spelling of a British word if the word list knows it, else `word`."""
    w = word.casefold()
    for pattern, repl in _BRITISH:
        us = pattern.sub(repl, w, count=1)
        if us != w and us in _dictionary():
            return us
    return w


_ISE = re.compile(r"^(\w{5,})is(e|ed|es|ing|ation|ations)$")


_ENGLISH_GLUE = frozenset(str.split(
    "the and of to is are for with we you our your that this be by or not on from"))
_FOREIGN_GLUE = frozenset(str.split(
    "der das und ist nicht mit für von den dem wir ihre ihrer auf eine einer zur zum "
    "les des est pour une dans avec sur nous vous pas qui aux "
    "los las del para con por una uno nosotros "
    "het een voor niet"))
"""Words that only glue a sentence together, in English and in German, French, Spanish and
Dutch: which a text uses says its language, whatever its names (a list of processors,
"Hubspot, Pipedrive, Zendesk", has none, and is read as English)."""


LETTER_RUNS = re.compile(r"[^\W\d_]+")
"""Runs of letters, in any script: a text's words without their digits or underscores."""


def mostly_english(text: str) -> bool:
    """Whether `text` reads as English: unless its glue words are German, French, Spanish
    or Dutch ones, three at least and more than its English ones; with too few glue words
    of either to tell (a title), unless half its words in lower case are foreign or no
    English word. Who receives data is found by capitals, English's mark of a name: a
    German or French policy's nouns and headings were quoted as third parties
    ("Abkommens, Aktivierung, …", "Quels", "Politique")."""
    found = LETTER_RUNS.findall(text)
    words = [w.casefold() for w in found]
    foreign = sum(w in _FOREIGN_GLUE for w in words)
    english = sum(w in _ENGLISH_GLUE for w in words)
    if foreign >= 3 or english >= 3:
        return foreign <= english
    # Too few glue words to tell (a title, "Politique de confidentialité"): the words in
    # lower case, which names are not, are mostly words no English list knows.
    lower = [w for w in found if w.islower() and len(w) > 1][:_LOWER_READ]
    unknown = sum(1 for w in lower
                  if w in _FOREIGN_GLUE or w in _SHORT_FOREIGN or not is_known(w))
    return 2 * unknown < len(lower) if lower else True


_SHORT_FOREIGN = frozenset(str.split("de la le du et el il di"))
"""Articles and prepositions of French, Spanish and Italian, too short or too common in
names to be glue words, that the English word list knows as abbreviations or names and
English prose does not write in lower case."""


_LOWER_READ = 200
"""Lower-case words read to tell a short text's language: enough for any title or
sentence, and a long text is told by its glue words."""


def is_known(word: str) -> bool:
    """Whether `word` is an English word (any case) or one of our own terms."""
    w = word.casefold().replace("’", "'")
    if w in OWN_WORDS or w in _dictionary():
        return True
    if w.endswith("'s") and is_known(w[:-2]):
        return True
    if "-" in w:
        return all(is_known(p) for p in w.split("-") if p)
    return american(w) != w


_STRUCK_TWICE = re.compile(r"\b([A-Z])\1[a-z]+\b")


def struck_twice(word: str) -> bool:
    """Whether `word` doubles its first capital and is English without it: a key struck
    twice at a sentence's start ("IIf you reside in California", Spotify's policy)."""
    return _STRUCK_TWICE.fullmatch(word) is not None and is_known(word[1:])


def unslipped(text: str) -> str:
    """`text` with each word whose first capital was struck twice written as meant."""
    return _STRUCK_TWICE.sub(lambda m: m.group()[1:] if struck_twice(m.group()) else m.group(),
                             text)


def osa(a: str, b: str) -> int:
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
    """An unknown word corrected to a known one within two edits (one for words of four
    letters or fewer, where two edits turn almost anything into a word). Two real words
    are never a fix, however close: "retain" → "retrain" changes what is promised."""
    a, b = old.casefold(), new.casefold()
    if a == b or not (a.replace("'", "").isalpha() and b.replace("'", "").isalpha()):
        return False
    if len(a) < 3 or is_known(a) or not is_known(b):
        return False
    return osa(a, b) <= (1 if min(len(a), len(b)) <= 4 else 2)


def is_spelling_variant(old: str, new: str) -> bool:
    """British and American spellings of one word ("organisation" → "organization")."""
    a, b = old.casefold(), new.casefold()
    return a != b and spelt_alike(a) == spelt_alike(b)


def spelt_alike(word: str) -> str:
    """One key for a word's British and American spellings: `american`'s, and for the
    trade's own words the list lacks ("pseudonymisation", "anonymise", "tokenisation" were
    "the wording changed") the "-ize" form, since after a stem of five letters at least
    "-ise" and "-ize" make no two words. (Not `american`: that says which words are
    English.)"""
    us = american(word)
    return _ISE.sub(r"\1iz\2", us) if us == word.casefold() else us
