"""Facts written in a fixed form: web and e-mail addresses, dates, postal addresses,
durations and figures, each a kind of finding of its own ("a duration changed (30 days
→ 90 days)"), and the dated lines of a policy's own change log. facts.py asks for them
first, and judges what is left of the text with its vocabularies.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable

from lexdocs.review import vocabulary as voc
from lexdocs.review.lexicon import NOTE_MARK, figures, key, trie
from lexdocs.review.spelling import CURRENCY_CODES

__all__ = ["DATE", "typed", "unit_supplied"]

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")

_NUM_WORD = trie(voc.NUMBER_WORDS)
_STREET = (r"street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl|"
           r"square|sq|parkway|pkwy|highway|hwy|terrace|plaza")
_STREET_SIDE = r"(?:[ \t]+(?-i:Upper|Lower|North|South|East|West)\b)?"
"""The part of a street its name may end with: "1 Hatch Street Upper" (Tinder's controller,
once "a postal address changed (… → 1 Hatch Street; D02 PY28)")."""
_US_LINE = r"[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}"
_US_STATE = "|".join(sorted(voc.US_STATES, key=len, reverse=True)).replace(" ", r"\s+")
_EU_STREET = r"Str|Straße|Strasse|Weg|Platz|Allee|Gasse|Ring|Damm|Ufer"
_ADDRESSEE = rf"(?:[A-Z][\w.'-]* ){{0,3}}{voc.LEGAL_FORMS},"
"""The line of an address that names its addressee: a company, its legal form last."""
_OFFICES = r"(?:Officer|Department|Team|Manager|Representative|Agent|Desk)"
_ROLE = rf"(?:[A-Z][\w.'-]* ){{0,3}}{_OFFICES},"
"""The line that names whom the letter is for by office ("Attn: Data Protection Officer,");
nor does a line open with the office's word where a copy ran that line into the next
("Attn: Data Protection Officer One Cumberland Place, …", X's, once quoted "Officer One
Cumberland Place")."""
_EU_STREET_JOINED = r"str\.|straße|strasse|weg|platz|allee|gasse|ring|damm|ufer|straat|laan|" \
                    r"gracht|plein|kade|singel"
WEB_ADDRESS = re.compile(r"\b(?:https?://|www\.)(?:[^\s<>\"\[\]()]|\([^\s<>\"\[\]()]*\))*"
                         r"(?:[^\s<>\".,;:!?()\[\]]|\([^\s<>\"\[\]()]*\))", re.I)
"""A web address written out, with a scheme or "www.": a bracket only as a pair
("…/wiki/Foo_(bar)"), never a square one (a copy of Instagram's policy runs an address into
the next link's Markdown: "…/printable/#7.subpage.9-EraseYourInformationYou)[)"), and none
unpaired: "[www.moltbook.com](…)(the “Website”)", as Moltbook's policy writes it, shows
"www.moltbook.com(the", whose address ends at its bracket. review/links.py reads the same."""
# Each typed fact: (rule kind, pattern). Earlier patterns remove their matches from the
# text before later ones look, so "90 days" is one duration, not also a number.
_TYPED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("web-address", WEB_ADDRESS),
    ("email-address", re.compile(r"\b[\w.%+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    # A telephone number, written the ways contact blocks write one: with its country's
    # code ("+1 (510) 907-3049", "+49 (0) 40 99999 - 3430"), or the North American way
    # ("(510) 907-3049", "1-800-555-0100"). Its groups of digits are no figures: npm's DPO's
    # number was "a number changed (1150 → 1, 3049, 510, 907)".
    ("phone-number", re.compile(
        r"(?<![\w+])(?:\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:(?: ?[.-] ?|[ ]{1,2})\(?\d{1,5}\)?){2,6}"
        r"|\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|(?:\b1[ .-])?\b\d{3}[.-]\d{3}[.-]\d{4})\b")),
    # A company's registration number, one identifier however its digits are grouped
    # ("ACN: 686 963 904", Comms.ID's agreement, was "a number was added (686, 904, 963)").
    ("company-number", re.compile(
        r"\b(?:ACN|ABN|ARBN|EIN|CIN|SIREN|SIRET|HRB|KvK|VAT(?: (?:No\.?|number|ID))?|"
        r"(?:[Cc]ompany|[Rr]egistration) (?:[Nn]o\.?|[Nn]umber))[:.]?[ \t]*(?:[A-Z]{2}[ \t]?)?"
        r"\d(?:[ .-]?\d){5,13}\b")),
    ("date", re.compile(
        rf"\b(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+"
        rf"{_MONTH}\.?,?\s+\d{{4}}|{_MONTH}\.?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
        # a year glued to the next word ends the date too: "January 12, 2026Previous
        # Version", where an archive's copy lost the space before a link's words
        r"\d{1,2}/\d{1,2}/\d{2,4}|"
        # the same with dashes, or points and a year in full ("Last updated 05-11-23",
        # DuckDuckGo's; "Stand: 21.11.2024"), was "a number changed (05, 23 → 21, 25)"
        r"[0-3]?\d-[0-3]?\d-(?:\d{4}|\d{2})(?![\d-])|[0-3]?\d\.[0-3]?\d\.\d{4})(?!\d)", re.I)),
    ("postal-address", re.compile(
        # not a law's section ("§ 20 UrhDaG for service in court", Meta's imprint)
        # a street may be numbered ("1200 17th Street", Palantir's); its name's words are
        # capitalised: "within 30 days in the same way" is no address
        # and the number may be a range ("71-75 Shelton Street", Telegram's representative,
        # once "a number changed (71 → 27)" when the address went)
        rf"(?<!§)(?<!§ )\b(?:\d+[A-Za-z]?(?:[-–]\d+[A-Za-z]?)?\s+"
        rf"(?:(?:(?-i:[A-Z][\w.'-]*)|\d{{1,3}}(?:st|nd|rd|th))\s+)"
        rf"{{0,4}}(?:{_STREET})\b\.?{_STREET_SIDE}"
        r"|p\.?\s?o\.?\s+box\s+"
        r"\d+)(?:,?\s+(?:suite|ste\.?|unit|floor|fl\.?)\s+\w+|\s+#\s?\d+\w*)?"
        # a line's words, not the "and" that starts another party's ("…, CA 94598 and Fifth
        # Third Bank, …") nor the "or" that offers another way ("…, California 94612, or by
        # email", npm's)
        # a floor counted as one ("14 Wall Street, 20th Floor, New York, NY 10005", Stack
        # Overflow's, was quoted "14 Wall Street")
        # nor the verb the sentence goes on with ("…, London, EC4V 6JA, is the controller",
        # Airbnb's)
        r"(?:,\s*(?!(?:and|or|with|to|at|in|for|by|is|are|was|were|which|who|acts)\b)"
        r"(?:[A-Za-z]|\d{1,3}(?:st|nd|rd|th)\b)"
        r"[\w'.-]*"
        # nor the label that opens the next line ("…, Ireland  \nAuthorized representative:
        # …", Meta's imprint, its line break read as a space), nor the next paragraph's
        # ("…, United Kingdom ⏎⏎ UK representation certificate …", Tinder's) unless it is
        # the postcode ("Dublin 2 ⏎⏎ D02 PY28") or the town, state and ZIP code ("Second
        # Floor ⏎⏎ San Bruno, CA 94066")
        r"(?:(?:[^\S\n]*\n(?![^\S\n]*\n)[^\S\n]*|[^\S\n]+|\s*\n\n(?=(?-i:[A-Z]{1,2}\d[A-Z\d]? "
        r"\d[A-Z]{2}|[AC-FHKNPRTV-Y]\d{2} ?[0-9AC-FHKNPRTV-Y]{4}|[A-Z][\w'.-]+"
        r"(?:[^\S\n][A-Z][\w'.-]+){0,3},[^\S\n]*[A-Z]{2}[^\S\n]+\d{5})\b))"
        r"(?!(?:and|or|with|to|at|in|for|is|are|was|were|which|who|acts)\b)"
        r"(?!(?:[\w'.-]+\s+){0,2}[\w'.-]+:)"
        r"[A-Za-z0-9][\w'.-]*){0,3}){0,4}"
        # As Europe writes them: the lines before a postcode and town, then the country,
        # "GitHub BV, Vijzelstraat 68-72, 1017 HL Amsterdam, The Netherlands".
        r"|(?-i:\b(?:[A-Z][\w.'-]*(?: [A-Z0-9][\w.'-]*){0,3}, ){1,3}\d{4,5}(?: ?[A-Z]{2})? "
        r"[A-Z][\w'-]+, (?:The )?[A-Z][\w'-]+)"
        # As France writes them: the number, the street's word, its name, then the postcode
        # and the town ("9 rue des Colonnes, 75002 Paris, France", Hugging Face's, was "a
        # postal address was added (Colonnes, 75002 Paris, France)")
        r"|(?-i:\b\d{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:rue|avenue|boulevard|bd|place|quai|"
        r"allée|chemin|impasse|cours|route|Rue|Avenue|Boulevard|Place|Quai)[ \t]+"
        r"(?:(?:de la|des|du|de)[ \t]+|de l['’]|d['’])?[A-ZÀ-Þ][\w'’-]*(?:[ \t]+[A-ZÀ-Þ][\w'’-]*)"
        # (or a postcode of four figures after its country's letter, as Luxembourg, Belgium
        # and Switzerland write it: "4 rue Henri Schnadt, L-2350 Luxembourg", Airbnb's
        # controller, was "a third party was added (Henri Schnadt, L-2350 Luxembourg)")
        r"{0,3},?[ \t]+(?:(?:\d{5}|[A-Z]{1,2}-\d{4,5})[ \t]+[A-ZÀ-Þ][\w'’-]*"
        r"(?:[ \t-]+[A-ZÀ-Þ][\w'’-]*){0,2}|"
        # or the town before it ("26, rue Vignon, Paris 75009", Olvid's)
        r"[A-ZÀ-Þ][\w'’-]*(?:[ \t-]+[A-ZÀ-Þ][\w'’-]*){0,2},?[ \t]+\d{5}\b)"
        r"(?:,[ \t]*(?:France|Luxembourg|Belgium|Belgique|Switzerland|Suisse))?)"
        # As Germany and the Netherlands write them: the street (its word joined or apart),
        # the house number, the postcode and the town, "Glogauer Str. 24 10999 Berlin",
        # "Vijzelstraat 68-72, 1017 HL Amsterdam"; a corner given after the number,
        # "Ballindamm 39 / Ecke Jungfernstieg" (npm's EU representative), is the address's,
        # and so is a building's part, "Wilhelm-Mauser-Straße 47, Halle 5 50827 Köln"
        # (Parler's German address, its street word after a hyphen, once "a third party
        # was added (Halle, Köln, …)").
        rf"|(?-i:\b[A-ZÀ-Þ][\w'-]*?(?:{_EU_STREET_JOINED}|(?:\s+|-)(?:{_EU_STREET})\b\.?)\s+"
        r"\d+[a-z]?(?:-\d+)?(?:\s*/\s*Ecke\s+[A-ZÀ-Þ][\w'-]*(?:\s[A-ZÀ-Þ][\w'-]*)?"
        r"|,\s*[A-ZÀ-Þ][\w'-]*\s+\d{1,3}[a-z]?|,?\s+Postfach\s+\d{1,6})?,?\s+"
        # the town before its postcode too, as a Swiss address in English reads: X's DPO,
        # "Bolligenstrasse 18, Bern, 3006" (once "a third party changed (Bolligenstrasse
        # → Normannenstrasse, Postfach)" beside "a number changed")
        # a town's name may go on past a particle: "60329 Frankfurt am Main" (Palantir's,
        # once "a third party was added (Main)")
        r"(?:\d{4,5}(?:\s?[A-Z]{2})?\s+[A-ZÀ-Þ][\w'-]+(?:\s(?:am|an\sder|im|ob\sder|sur|en|"
        r"upon)\s[A-ZÀ-Þ][\w'-]+)?|[A-ZÀ-Þ][\w'-]+,\s*\d{4,5}\b))"
        # As the US writes them without a street word: a number, the street's name, the
        # town, then the state's code and the ZIP code, "88 Colin P. Kelly, San Francisco,
        # CA 94110", its suite given after the street and the state written out ("2400
        # Broadway, Suite 210 ⏎ Redwood City, California 94063", Evernote's, once "a number
        # was added (210, 2400)")
        rf"|(?-i:\b\d+[A-Za-z]?\s+(?:[A-Z][\w.'-]*\s+){{0,4}}[A-Z][\w.'-]*(?:,\s*(?:Suite|Ste\.?|"
        rf"Unit|Floor|Fl\.?)\s+\w+(?:,\s*|\s+){_US_LINE}(?:,\s*{_US_LINE})?"
        rf"|(?:,\s*{_US_LINE}){{1,2}}),?\s+(?:[A-Z]{{2}}|(?i:{_US_STATE}))\s+\d{{5}}(?:-\d{{4}})?\b)"
        # A British postcode, which ends the address before the country: "4 Lindsey Street,
        # Barbican, London EC1A 9HP, United Kingdom" (TikTok's law enforcement guidelines,
        # whose "EC2Y 5EB" → "EC1A 9HP" was "a third party changed (EB UNITED KINGDOM …)")
        # The lines before it are the address's too, up to its addressee, whose legal form
        # ends a name ("Ametros Group Ltd, Lakeside Offices, Thorn Business Park, Rotherwas
        # Industrial Estate, Hereford, Herefordshire, HR2 6JT", Bluesky's DPO, was "a third
        # party was added (Ametros Group Ltd, Hereford, Herefordshire, Rotherwas …)").
        # So do the lines before an Irish Eircode ("One Cumberland Place, Fenian Street,
        # Dublin 2, D02 AX07", X's controller, once "a third party was removed (D02 AX07
        # IRELAND, …)").
        rf"|(?-i:(?:\b(?!{_ADDRESSEE}|{_ROLE}|{_OFFICES}\b)[A-Z][\w.'-]*"
        r"(?: [A-Z0-9][\w.'-]*){0,3}, )"
        r"{0,6}\b(?:[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?"
        r"[0-9AC-FHKNPRTV-Y]{4})\b)", re.I)),
    ("duration", re.compile(
        # a figure with its decimals: "1.1 days" (Snapchat's average response time) was
        # read as "1 days"; read from its first digit only (from each, a run of "1.1.1…"
        # was read again to its end)
        rf"(?<!\baged )(?<!\bage )(?<![\d][.,])\b(?:\d+(?:[.,]\d+)*|(?:{_NUM_WORD})"
        rf"(?:[\s-](?:{_NUM_WORD}))*)"
        r"[\s-]+"
        r"(?:\(\d+\)\s+)?"
        r"(?:business\s+|calendar\s+|working\s+)?(?:second|minute|hour|day|week|month|year)s?\b"
        # a person's age is no duration: "under 14 years of age" (TikTok's terms), "13-year-old",
        # "Pinners aged 18 years or older" (Pinterest's advertising policy)
        r"(?![\s-]+(?:of\s+age|old|(?:or|and)\s+(?:older|over|above|younger|under|up))\b)",
        re.I)),
    # "one of our subsidiaries" counts nothing: "one" there stands for a member of a group.
    # "K-9 Mail" names an app: a number joined to a letter by a hyphen is the name's.
    # "900 million" is one figure: read as two, "900 million" → "1 billion" was quoted
    # "(900, million → 1, billion)".
    ("number", re.compile(rf"(?<![A-Za-z]-)\b(?:\d+(?:[.,]\d+)*(?:[ \t]+(?:hundred|thousand|"
                          rf"million|billion)\b)?|(?!one of\b){_NUM_WORD})\b", re.I)),
)

# A figure written after a name inside a sentence is the name's version: "or Microsoft
# 365", "on Android 5". Not after a word that points into a text or a building ("Article
# 6", "Section 5", "Suite 400"), whose figure is the point, nor after a currency's code,
# nor after a sentence's first word ("In 2020", "Over 500"), which is capitalised
# whatever it is.
_VERSION = re.compile(
    r"(?<=[a-z,;:(] )(?!(?:Article|Art|Section|Sec|Chapter|Part|Schedule|Annex|Appendix|"
    r"Exhibit|Clause|Paragraph|Para|Title|Rule|Regulation|Directive|Recital|Principle|Act|"
    r"Page|Table|Figure|Item|Step|Phase|Tier|Level|Suite|Room|Floor|Unit|Building|Box|"
    r"Number|No|Version|Route|Form|"
    # nor a currency's code: "USD 120" is an amount ("a number was removed (100)" of
    # "100" → "USD 120" named no new figure)
    + "|".join(c.upper() for c in CURRENCY_CODES) + r")\b)[A-Z][\w&'’-]* $")

_GLUED = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*-(?:\d+\.)?$")
"""A name in capitals a number is joined to by a hyphen ("GPT-4", "GPT-3.5 Turbo",
OpenAI's enterprise privacy page): the name's number, no figure."""

# A law's year is its name's: "the Children's Online Privacy Protection Act of 1998"; and a
# copyright notice's year says when the text was written, no term of it ("Copyright 2019,
# Travis CI Corporation. All rights reserved.", "© 2020", "(c) 2018-2020").
_COPYRIGHT = r"(?:\bcopyright|©|\(c\))(?:\s*(?:©|\(c\)))?\s*(?:\d{4}\s*[-–]\s*)?"
"""What a copyright notice writes before its (last) year: "Copyright", "©", "(c) 2018-"."""
_LAWS_YEAR = re.compile(r"\b(?:Act|Law|Code|Regulation|Directive|Ordinance|Statute)\s+of\s+$"
                        rf"|{_COPYRIGHT}$", re.IGNORECASE)
_COPYRIGHT_YEAR = re.compile(rf"({_COPYRIGHT})(\d{{4}})\b", re.IGNORECASE)


def copyright_years_only(old: str, new: str) -> tuple[str, ...]:
    """The years ("2019 → 2020") when all that differs between the texts is the year of a
    copyright notice, else (): a notice's year is when the text was written, and a site
    that bumps it each January restates the same terms."""
    if "©" not in old + new and "opyright" not in old + new and "(c)" not in (old + new).lower():
        return ()
    a, b = (_COPYRIGHT_YEAR.findall(t) for t in (old, new))
    if len(a) != len(b) or _COPYRIGHT_YEAR.sub(r"\1", old) != _COPYRIGHT_YEAR.sub(r"\1", new):
        return ()
    return tuple(f"{x[1]} → {y[1]}" for x, y in zip(a, b, strict=True) if x[1] != y[1])


def dates_written_otherwise(old: str, new: str, alike: Callable[[str, str], bool]
                            ) -> tuple[str, ...]:
    """The dates ("January 12, 2026 → 12 January 2026") when all that differs between the
    texts, as `alike` compares them, is how dates are written, each naming the same day,
    else (): a site that prints its dates in the reader's locale restates the same terms
    (Anthropic's privacy policy as archived flipped between the two each week)."""
    a, b = [m.group() for m in DATE.finditer(old)], [m.group() for m in DATE.finditer(new)]
    if not a or len(a) != len(b) or a == b:
        return ()

    def days(text: str) -> str:
        return DATE.sub(lambda m: f" {key(m.group(), 'date')} ", text)

    if [key(x, "date") for x in a] != [key(y, "date") for y in b] or not alike(
            days(old), days(new)):
        return ()
    return tuple(f"{x} → {y}" for x, y in zip(a, b, strict=True) if x != y)


_NOT_COUNTED = (r"(?![A-Za-z]*(?i:second|minute|hour|day|week|month|year|percent|per|hundred|"
                r"thousand|million|billion|[kmgt]b|usd|eur|gbp|dollar|euro|pound)s?\b)")
_CLAUSE_NUMBER = re.compile(rf"(?:^|(?<=\n\n))(\d{{1,3}}(?:\.\d{{1,3}})+\.?|\d{{1,3}}\.)"
                            rf"(?=[ \t]+{_NOT_COUNTED}[A-Z(“\"])")
"""A clause's number opening its paragraph, its words after it ("1.10 We may …", "5.6.1.
Additional advertising tools", Telegram's: "a number was added (5.6.1)"); never a figure
with what it counts ("1.5 Years …", "2.5 Million users …")."""
_ITEM_NUMBER = re.compile(rf"(?:^|(?<=\n\n))\d{{1,3}}(?:\.\d{{1,3}})+(?=[ \t]+{_NOT_COUNTED}"
                          r"[^\W\d_(“\"])")
"""An item's number opening it, in any case ("1.1 access your Personal Data …", Qwen's
privacy policy as archived, was "a number was removed (1.1)")."""
_GLUED_CLAUSE = re.compile(rf"(?:(?<=[^\d\s][.;:])|(?<=[^\d\s][.;:] ))(\d{{1,3}}(?:\.\d{{1,3}})+)"
                           rf"(?=[ \t]+{_NOT_COUNTED}[A-Z(“\"])")
"""A clause's number after the sentence before it, where a copy of the page lost the break
between two paragraphs ("… at any time.6.2 We may modify …", TikTok's data sharing terms
as archived); only a number with a point in it, never a figure ("2.5 Million users")."""
_DIGIT = re.compile(r"\d")
_ITEM_LETTER = re.compile(r"(?:^|(?<=\n\n))\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)(?=[ \t])")
"""An item's letter in brackets opening it ("(b) third party service providers …", put
before each of Qwen's numbered items: "a list item was added (d)")."""


def clause_numbers_only(old: str, new: str, alike: Callable[[str, str], bool]
                        ) -> tuple[str, ...]:
    """The numbers ("1.10 → 1.11") when all that differs between the texts, as `alike`
    compares them, is the number a paragraph opens with: a clause put in or taken out
    before it renumbered it (DeepSeek's terms as archived: "a number changed (10 → 11)"
    for the same clause), or the items lost their numbers (Qwen's: "1.1 access your
    Personal Data" → "access your Personal Data"), else ()."""
    def opening(text: str) -> list[str]:
        """Each paragraph's opening number or letter, once (two patterns may read one)."""
        if "(" not in text and not _DIGIT.search(text):
            return []  # none to find: four passes over a text of words, for every change
        found: dict[int, str] = {}
        for pattern in (_CLAUSE_NUMBER, _ITEM_NUMBER, _ITEM_LETTER, _GLUED_CLAUSE):
            for m in pattern.finditer(text):
                found.setdefault(m.start(), m.group(1) if pattern.groups else m.group())
        return [found[at] for at in sorted(found)]

    def bare(text: str) -> str:
        return _GLUED_CLAUSE.sub(" ", _ITEM_LETTER.sub("", _ITEM_NUMBER.sub(
            "", _CLAUSE_NUMBER.sub("", _own_number_repeated(text)))))

    a, b = opening(old), opening(new)
    if a == b or not alike(" ".join(bare(old).split()), " ".join(bare(new).split())):
        return ()
    if len(a) == len(b):
        pairs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return (*(x for x, _ in pairs), "→", *(y for _, y in pairs))
    if any(re.fullmatch(r"\d+\.", x) for x in (*a, *b)):
        return ()  # "3. Settlement" → "Settlement": a title reworded (heading-changed)
    return (*(a or ["none"]), "→", *(b or ["none"]))  # items' numbers put in or taken out


_CITED_PART = re.compile(rf"(?:\b(?:{voc.CITED_PARTS}|sec)\.?|§§?)"
                         # and those listed after it: "Sections 7, 8, 11, 12, and 15-17"
                         rf"[ \t\u00a0]*(?:\d[\d.()a-z]*[ \t]*{voc.CITED_PARTS_JOIN}+)*$",
                         re.IGNORECASE)
"""A part of a text cited by its number ("the types of cookies we use in Section 2.2
below", TikTok's cookie policy, dropped: "a number was removed (2.2)"): no figure
(`vocabulary.CITED_PARTS`); the number's end is looked back from."""


def _own_number_repeated(text: str) -> str:
    """`text` without the repeats of each paragraph's opening number inside it: "17.2.1
    Table 17.2.1 (Air Quality API Caching Permissions)" labels the table with its clause's
    own number, and a clause put in before it renumbered both (Google Maps Platform's
    service terms as archived: "a number changed (17.2.1 → 19.2.1)")."""
    if "." not in text or not _DIGIT.search(text):
        return text
    out = []
    for para in text.split("\n\n"):
        m = _REPEATABLE.match(para)
        if m and para.count(m[1]) > 1:
            para = para[:m.end()] + re.sub(rf"(?<![\w.]){re.escape(m[1])}(?![\w.])", "",
                                           para[m.end():])
        out.append(para)
    return "\n\n".join(out)


_REPEATABLE = re.compile(r"(\d{1,3}(?:\.\d{1,3})+)[ \t]")
"""A paragraph's opening number with a point in it: one a clause's words may repeat."""


# "One" standing for a thing the sentence names, not counting one: after a determiner ("no
# one", "the one"), or with nothing it counts after it ("if you have one, so that …", "one
# another", "one who asks").
_ONE_AFTER_DETERMINER = re.compile(r"\b(?:no|the|this|that|any|each|every|which|a)\s+$", re.I)
_ONE_ALONE = re.compile(r"\s*(?:[.,;:!?)\]]|$|(?:another|who|whom|whose|that|which)\b)", re.I)


def _footnote(text: str, m: re.Match[str]) -> bool:
    """Whether the number at `m` is a note's mark (`lexicon.NOTE_MARK`: "legal
    requests[60]", Instagram's privacy policy as archived, each a number added at every
    version that put the notes back)."""
    mark = NOTE_MARK.match(text, m.start() - 1) if m.start() else None
    return mark is not None and mark.end() == m.end() + 1


def _pronoun(text: str, m: re.Match[str]) -> bool:
    """Whether the number word at `m` is "one" as a pronoun (see `_ONE_ALONE`)."""
    return m.group().casefold() == "one" and bool(
        _ONE_ALONE.match(text, m.end())
        or _ONE_AFTER_DETERMINER.search(text, max(0, m.start() - 8), m.start()))


# An item's number inside a sentence, "(36) prepaid phone cards, (37) pseudo
# pharmaceuticals": the list's order, not a figure. A figure restated in digits after its
# words, "thirty (30) days", is a figure.
_ENUMERATOR = re.compile(
    r"(?:^|[\s,;:])\((\d{1,3})\)\s+(?!(?:business|calendar|working|seconds?|minutes?|hours?|"
    r"days?|weeks?|months?|years?|percent)\b)[A-Za-z]", re.I)
_RESTATED = re.compile(rf"\b(?:{_NUM_WORD})\s*$", re.I)


def _numbers_items(text: str) -> bool:
    """Whether `text` numbers two items or more in parentheses ("within (30) days" alone
    counts days, not items)."""
    return len(list(itertools.islice(_ENUMERATOR.finditer(text), 2))) == 2


def _enumerator(text: str, start: int) -> bool:
    """Whether the figure at `start` is an item's number in parentheses, not a figure
    restated after its words ("thirty (30)": only the few words before it are read)."""
    m = _ENUMERATOR.match(text, max(0, start - 2))
    return bool(m and m.start(1) == start
                and not _RESTATED.search(text, max(0, start - 40), max(0, start - 1)))


# What a figure counts, then the list it introduces: "three categories of data: User
# Engagement Data, Prompts and Suggestions."
_COUNTED = re.compile(r"\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+:\s*([^.:;\n]+)")
_ITEMS = re.compile(r"\s*(?:,\s*(?:and|or)\s+|,|\s+and\s+|\s+or\s+)\s*")


def _counts_list(figure: str, text: str, end: int) -> bool:
    """Whether `figure` (ending at `end` in `text`) counts the items of the list a colon
    right after it introduces: it says how many there are, which the items say; an item
    added or removed is judged as such."""
    counted = figures([figure])
    n = counted[0] if counted else 0
    found = _COUNTED.match(text, end) if n else None
    return found is not None and len(
        [x for x in _ITEMS.split(found.group(1).strip()) if x.strip()]) == n


DATE = dict(_TYPED)["date"]
_FIGURE = dict(_TYPED)["number"]


def unit_supplied(a: dict[str, Counter[str]], b: dict[str, Counter[str]]) -> None:
    """Take out of both sides' facts, in place, each duration that only gave a figure
    already written its unit ("thirty (30) after" → "thirty (30) days after"), and the
    figure with it, either way: no period came or went, a word did, and what the
    sentence now means is the wording's to judge, not a duration arriving."""
    for mine, other in ((b, a), (a, b)):
        for d in list(mine["duration"] - other["duration"]):
            figures = Counter(m.group() for m in _FIGURE.finditer(d))
            if figures and not figures - (other["number"] - mine["number"]):
                mine["duration"][d] -= 1
                other["number"] -= figures
        mine["duration"] += Counter()  # drop what fell to zero


_ADDRESS_LINES = re.compile(
    r"(?<=,)[ \t]*\n\n(?=[^\n]{1,40}(?:\n|$))"
    # or after a line that is a street and its number, alone in its paragraph ("1200 17th
    # Street", "Marienstraße 15", Palantir's privacy policy: "a third party was added
    # (Street)", "(Main)" of "Frankfurt am Main")
    rf"|(?:(?<=\n\n)|^)(?=[^\n]{{1,40}}\n\n)(?:\d{{1,5}}[ \t]+(?:[\w.'-]+[ \t]+){{0,3}}"
    rf"(?i:{_STREET})\.?{_STREET_SIDE}|[\w'-]*(?i:{_EU_STREET_JOINED})[ \t]+\d{{1,4}}[a-z]?)"
    rf"(?P<break>[ \t]*\n\n)(?=[^\n]{{1,40}}(?:\n|$))")
"""The break after an address's line that ends in a comma, or that is a street and its
number, before a short line: an address a copy wrote a line a paragraph ("MERRION ROAD,"
"DUBLIN 4," "D04 X2K5," "IRELAND", Threads' privacy policy as archived, was quoted by its
Eircode alone)."""


def _joined_line(m: re.Match[str]) -> str:
    """An address's line and the next joined: a comma's break as a space, a street's as a
    comma (the street line kept)."""
    if m.group("break") is None:
        return " "
    return m.group()[:m.start("break") - m.start()] + ", "


def typed(text: str, ws: set[str]) -> tuple[dict[str, Counter[str]], str]:
    """Typed facts by kind (as written), and the text left once they are taken out;
    cheap tests skip the patterns that cannot match (no digit, no '@')."""
    digits = re.search(r"\d", text) is not None
    lower = text.casefold()
    numbers = digits or not voc.NUMBER_WORDS.isdisjoint(ws)
    can = {"web-address": "://" in text or "www." in lower, "email-address": "@" in text,
           "phone-number": digits, "company-number": digits, "date": digits,
           "postal-address": digits or "box" in lower, "duration": numbers, "number": numbers}
    found: dict[str, Counter[str]] = {}
    for kind, pattern in _TYPED:
        c: Counter[str] = Counter()
        if kind == "postal-address" and can[kind] and "\n\n" in text:
            text = _ADDRESS_LINES.sub(_joined_line, text)  # one line a paragraph: one address
        if can[kind]:
            listed = kind == "number" and _numbers_items(text)  # once a text, not a figure
            for m in pattern.finditer(text):
                if kind == "number" and (_VERSION.search(text, max(0, m.start() - 40), m.start())
                                         or _GLUED.search(text, max(0, m.start() - 20),
                                                          m.start())):
                    continue  # "Microsoft 365", "Android 5", "GPT-3.5": the name's, no figure
                if kind == "number" and (_CLAUSE_NUMBER.match(text, m.start())
                                         or _ITEM_NUMBER.match(text, m.start())):
                    continue  # "1.10 We may …": the clause's number, no figure
                if listed and _enumerator(text, m.start()):
                    continue  # "(37) pseudo pharmaceuticals": the item's place in a list
                if kind == "number" and _counts_list(m.group(), text, m.end()):
                    continue  # "three categories of data: A, B and C": the list's own count
                if kind == "number" and len(m.group()) == 4 and _LAWS_YEAR.search(
                        text, max(0, m.start() - 24), m.start()):
                    continue  # "… Protection Act of 1998", "Copyright 2019": no figure
                if kind == "number" and _pronoun(text, m):
                    continue  # "if you have one": a thing, not a figure
                if kind == "number" and _footnote(text, m):
                    continue  # "Learn more[9]": a note's mark, not a figure
                if kind == "number" and _CITED_PART.search(text, max(0, m.start() - 60),
                                                           m.start()):
                    continue  # "in Section 2.2 below", "Sections 7, 8 and 15-17": a part
                c[" ".join(m.group().split()).rstrip(".,;:")] += 1  # a line break: a space
            if c:
                text = pattern.sub(" \ue000 ", text)
        found[kind] = c
    return found, text
