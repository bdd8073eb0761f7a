"""Names in capitals: where a name begins and ends in running text, and which capitals
name no one (a sentence's first word, a label, a law cited, an officer, a place's people,
a role a contract defines). `parties.recipients` asks `names_in` for the names of a text
and keeps those `names.who` calls organisations; a company's legal name (`COMPANY`) is
read whole, its form included.

Kept apart from what parties does with the names: this is where a copy's lost line breaks,
a contract's capitalised roles and a law's long title are told from a name, and where each
of their patterns is kept linear (tests/test_names.py, the growth table).
"""

from __future__ import annotations

import re

from lexdocs.review import vocabulary as voc
from lexdocs.review.lexicon import heading, key
from lexdocs.review.names import ENGLISH_NAMED, brand, inflected
from lexdocs.review.runin import phrase_masked
from lexdocs.review.spelling import is_known

__all__ = ["CAP_RUN", "COMPANY", "LEGAL_COMMA", "LEGAL_FORM", "names_in"]


# "U.S" but not "Google." + "We", and "U.S." inside a name ("Supplemental U.S. State Privacy
# Notice", Spotify's, was "a third party was added (Supplemental)"); brands in mixed case
# too: "hCaptcha", "reCAPTCHA" (from the start of their lower-case run: from each of its
# letters, a long word was read again from each, its length squared); and letters of any
# alphabet after the first: "Görlitzer Str." was cut to "G" at its "ö".
_CAP = (r"(?:[A-ZÀ-ÖØ-Þ]|(?<![a-z])[a-z]+(?=[A-Z]))(?:[^\W_]|['&-]|\.(?=[^\W\d_])"
        r"|(?<=\b[A-Z]\.[A-Z])\.(?= [A-Z]))*")
# "WooCommerce Shipping & Tax" is one name, and so is "Court of Justice of the European
# Union": an institution's name goes on past "of" after the noun that makes it one.
_INSTITUTION = "(?:" + "|".join(f"(?<={w})" for w in str.split(
    "Court Bank Department Ministry Office Board Council Commission Bureau Agency Authority "
    "University Institute Association Federation Justice "
    # and a document's: "Terms of Service", "Conditions of Use" name no "Service", nor
    # "Code of Conduct" a "Conduct" (Coursera's privacy policy as archived)
    "Terms Conditions Statement Declaration Code")) + ")"
# A law's title goes on past "on": "Regulation on Procedure and Principles regarding
# Transfer of Personal Data Abroad" (Türkiye's, cited in Meta's transfer addendum, was "a
# third party was added (Procedure)"), "Act on the Protection of Personal Information".
_LAW_TITLE = "(?:" + "|".join(f"(?<={w})" for w in str.split(
    "Regulation Directive Convention Act Law Decision Decree")) + ")"
# A body named "… and …" is one name when what follows "and" ends in the kind of body:
# "Saudi Data and Artificial Intelligence Authority" (cited in Meta's transfer addendum,
# once "a third party was added (Artificial Intelligence Authority)"), "Food and Drug
# Administration"; a team named so is one too: "our Trust and Safety Team" (once "a third
# party was added (Safety Team)"); "Google and Apple" stay two.
_BODY_AHEAD = (r"(?= (?:[A-Z][\w-]* ){0,3}(?:Authority|Administration|Commission|Agency|Bureau|"
               r"Board|Ministry|Council|Department|Team|Committee|Division)\b)")
# A name in French, Spanish, Italian or Portuguese goes on past its particles: "la Commission
# Nationale de l'Informatique et des Libertés (CNIL)" (Hugging Face's privacy policy, once
# "a third party was added (Commission Nationale, Informatique, Libertés)"), "Banco de
# España", "Caisse des Dépôts et Consignations".
_PARTICLE = (r" (?:(?:de|du|des|del|della|do|da|dos|das)(?: la| los| las)? |de l['’]|d['’]"
             r"|et (?:de |des |du |de la |de l['’]|d['’])?|y (?:de |del )?)")
CAP_RUN = re.compile(
    rf"{_CAP}(?:(?:{_INSTITUTION} of (?:the )?|{_LAW_TITLE} on (?:the )?| & | and{_BODY_AHEAD} "
    rf"|{_PARTICLE}| ){_CAP})*")
# A town before its state or country, as an address writes it: "Glendale, California",
# "San Francisco, CA 94110": a place, never a party.
_TOWN = re.compile(r",\s+(?:[A-Z]{2}\b|[A-Z][a-z]+(?: [A-Z][a-z]+)?)")
# A name in code, a cookie's or a setting's ("optimizelyBuckets", "hjIncludedInSample"):
# lower case first and more than one hump, or a long lower-case prefix; "eBay" and
# "hCaptcha" are brands.
_IDENTIFIER = re.compile(r"[a-z]{4,}[A-Z]\w*|[a-z]+[A-Z][a-z0-9]*[A-Z]\w*")
# A company's legal name is one name, its comma and full stop included: "Stripe, Inc.",
# "Foo Bar, LLC", "GitHub B.V.", "Marks & Spencer plc".
_SUFFIX = voc.LEGAL_FORMS
_LEGAL_FORM_WORD = re.compile(rf" {_SUFFIX}(?!\w)")
"""A legal form after a space, as every legal name (`COMPANY`) ends: looked for first."""
LEGAL_COMMA = re.compile(rf",(?= {_SUFFIX}(?!\w))")
LEGAL_FORM = re.compile(rf"(?<=(\w)),? {_SUFFIX}(?!\w)")
"""A company's legal form after its name (", Inc.", " GmbH"): "Stripe" and "Stripe, Inc."
name one company."""
COMPANY = re.compile(
    rf"(?<![\w.])(?!An? |(?:[A-Z]\.){{2,}} ){_CAP}(?: (?:&|{_CAP})){{0,8}},? {_SUFFIX}"
    rf"(?: {_SUFFIX})?(?!\w)")
"""A second form is the name's too ("Atlassian Corporation Plc"); an article before it is
not ("(an Idera, Inc. company)", Travis CI's, at a sentence's start), nor a place's
initials, which may end the sentence before it ("…in the U.S. Acme Corp …"). At most nine words
before the form: no legal name is longer, and a pattern that could
take a run of any length backtracked over it from each of its words (a run's length
squared, on a section written in capitals)."""
_NAME_STOP = frozenset(str.split(
    "we the our you your this these those if in for to when with by and or it they such as all "
    "any some each please note where however also unless upon under from at on of an a its "
    "their that what which how why who do does can may will should must i my us if additionally "
    "for example section last updated since following after before while although because "
    "until during then thus therefore currently today now even once "
    # "Neither Parler nor Optio will have any liability" (Parler's terms)
    "neither nor either both "
    # "Certain Jetpack features …" (WordPress.com's terms): how many, not whose
    "certain many most several other"))
_TOLD = frozenset(str.split("click tap press visit contact call"))
"""What a reader is told to do first: "Click OK to return to Yinxiang.com" (Evernote's
privacy policy, once "a third party was removed (Click OK)"), "Visit Stripe". No word of a
name before a name's word or a known acronym; a label of English words ("Contact
Information:") is read whole, as a term."""


def _verb_before_name(parts: list[str]) -> bool:
    """Whether a run's first word is the verb of the sentence it opens, and the rest a
    name: a verb the reader is told to do ("Click OK", "Visit Stripe") or one in -ing
    ("Collecting Ren's voice interactions …", Facebook's; "Using Stripe"), or in -ed, as a
    change log writes its lines ("July 7, 2009: Replaced VIP Services …", WordPress.com's
    terms), before a name's word, or, told, before a known acronym alone. "United Kingdom"
    (a place) and "Parts II-III" open with other forms, and a label of English words
    after it ("Reporting Mechanism:") is read whole."""
    verb, rest = parts[0], parts[1:]
    told = key(verb) in _TOLD
    done = (verb.endswith("ed") and inflected(verb)  # a log's "Replaced Zendesk with …"
            and not voc.is_not_party(" ".join(parts[:2])))  # never "United States …"
    if not (told or done or (verb.endswith("ing") and (inflected(verb) or is_known(verb)))):
        return False
    return any(_name_word(p) for p in rest) or (
        told and len(rest) == 1 and voc.is_not_party(rest[0]))


def _name_word(word: str) -> bool:
    """A word only a name would be ("Ren", "Zendesk"), or a company's that is an English
    word ("Stripe"): not "&", nor an English word's plural ("Mediations") or form."""
    return word[:1].isalpha() and (
        (brand(word) and not inflected(word)) or key(word) in ENGLISH_NAMED)


def _company(legal: str) -> str:
    """A legal name without the words before it that open a sentence or a phrase: "At
    People Inc., we care about your privacy" (Allrecipes' privacy policy, once "a third
    party was added (At People Inc.)") names People Inc."""
    words = legal.split(" ")
    while len(words) > 2 and key(words[0]) in _LEGAL_LEADS:
        words.pop(0)
    return " ".join(words)


_LEGAL_LEADS = frozenset(str.split("at in on for to by with from the and or as of if when "
                                   "while since after before under through via"))
"""Words that open a phrase before a legal name; not a verb ("Contact Center Inc" is one
name)."""


_DATED_LINE = re.compile(r"[ \t]*(?:[-*+•][ \t]+)?\ue000[ \t\ue000:–—-]*")
"""A line that opens with a date (taken out of the text before names are read): the word
after it opens what the line says ("2014-05-11 Ported from npm client documentation", a
change log's line), as a sentence's first word does."""
_DATED_LOOK = 40
"""Characters looked back over for a line's opening date (a date is one placeholder): a
search back to the line's start for each name would read a long line once per name."""


def _dated_line_opens(block: str, at: int) -> bool:
    """Whether the line that holds `at` opens with a date and nothing else before it."""
    lo = max(0, at - _DATED_LOOK)
    nl = block.rfind("\n", lo, at)
    if nl < 0 and lo > 0:
        return False  # the line starts further back than a date and its marks reach
    return bool(_DATED_LINE.fullmatch(block, nl + 1, at))


_SEQUENCE = frozenset(str.split(
    "first second third fourth fifth finally lastly next secondly thirdly firstly"))
"""Words that order what a text says ("First, …"), before a comma."""
_POSSESSIVE = re.compile(r"['’]s$")
_QUALIFIER = re.compile(r"[A-Z][\w.]*-(?:compliant|based|only|wide|specific|related|owned|"
                        r"hosted|certified|approved|style|like|facing|friendly|centric)|"
                        # what a tool runs on, in capitals ("AI-powered tools", Binance's
                        # policy, once "a third party was added"): "Stripe-powered checkout"
                        # names who does the work, and stays a name
                        r"[A-Z]{2,4}-(?:powered|driven|enabled|generated|assisted|based)")
_OWNED = re.compile(r"\w['’]s $")
_TITLE = r"(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?"
_HONORIFIC = re.compile(rf"\b{_TITLE}[ \t]+$")
"""A title before a person's name ("Mr. Arno Schlösser", npm's EU representative's
contact): whom to address, not an organisation data goes to."""
_HONORIFIC_WORD = re.compile(_TITLE)
"""The title read as a name's first word ("Ms Karima Ben Abdelmalek", happn's)."""
_OFFICER = re.compile(r"\b(?:(?:managing\s+)?directors?|CEO|chief\s+executive(?:\s+officer)?"
                      r"|Geschäftsführer(?:in)?|authori[sz]ed\s+representatives?)[ \t:,]+"
                      # "represented by its CEO, Mr. Didier Rappaport" (happn's)
                      rf"(?:{_TITLE}[ \t]+)?$",
                      re.IGNORECASE)
"""A person the organisation names as its own officer ("…, represented by the managing
directors" and their names, Travis CI's policy; "Authorized representative: Gareth Lambe",
the person an imprint names as entitled to act for the company, Meta's): the organisation
itself speaking, not a party data goes to; so are the names joined to the first. Not
whoever it is "represented by": an EU representative is another organisation."""
_OFFICE = re.compile(r"\b(?:[A-Z]{2,3} )?Secretary of State\b")
"""A minister who makes law ("the UK Secretary of State's adequacy regulations", OpenAI's
privacy policy): cited, as the European Commission is, not a recipient; and "of" cut the
name in two, "UK Secretary" and "State"."""
_MENU_ITEM = (r"[A-Z][\w'&-]*(?:[ \t](?:a|an|the|of|and|or|to|for|in|on|with|your|my|&|"
              r"[A-Z][\w'&-]*))*")
_MENU_STEP = re.compile(r"[ \t]*(?:>|›|→)[ \t]*")
_ITEM_AFTER = re.compile(_MENU_ITEM)
_ITEM_BEFORE = re.compile(rf"(?<![^\W_])(?<!['&-]){_MENU_ITEM}$")  # "_Settings > …_" too
_MENU_LABEL = 60
"""The longest label of a menu read on either side of its step, so that each step costs
the same however long the text: a path is read a step at a time, not by one pattern that
would look back over the whole text from each capital."""


def _menus_masked(block: str) -> str:
    """`block` with each path through an app's menus masked ("Settings > Ask a Question",
    Telegram's privacy policy, once "a third party was added (Question)"): the labels of
    its screens, no one. A step joins the label before it to the one after it."""
    out = list(block)
    for step in _MENU_STEP.finditer(block):
        start = max(0, step.start() - _MENU_LABEL)
        before = _ITEM_BEFORE.search(block[start:step.start()])
        after = _ITEM_AFTER.match(block[step.end():step.end() + _MENU_LABEL])
        if before and after:
            out[start + before.start():step.end() + after.end()] = "\ue000" * (
                step.end() + after.end() - start - before.start())
    return "".join(out)
_CODE_CITED = re.compile(r"\b(?:[A-Z][a-z]{1,5}\.(?: &)? ){1,4}Code\b")
"""A code of law cited by its abbreviations ("Cal. Civ. Code § 1798.83", Perplexity's
privacy policy, was "a third party was added (Civ)")."""
_REGULATION = re.compile(
    r"(?:(?:\b\d+|\ue000)\s+)?\b(?:C\.F\.R\.?|U\.S\.C\.?|CFR|USC)"
    r"(?:\s+(?:Part|§§?|Section|Sec\.)\s*(?:\ue000|[\w.()-]+))?"
    r"(?:\s+on(?:\s+(?:[A-Z][\w.'’-]*|U\.S\.|of|to|and|or|by|the|for|in|on)){1,24})?")
"""A federal regulation or statute cited (its numbers may be taken out before names are read),
with the title that may follow it ("28 C.F.R. Part
202 on Access to U.S. Sensitive Personal Data and Government-Related Data by Countries of
Concern or Covered Persons", Google's data processing terms, was "a third party was added
(Access, C.F.R, Concern, Countries, Government-Related Data)"): the law's name, no one."""
_DASH_OPENS = re.compile(r"\s[-–—][ \t]+$")
"""A dash set apart by spaces after a label opens what follows as a colon does ("**Sexually
obscene content** - Basically, don't post pornography", GitHub's community guidelines,
once "a third party was removed (Basically)")."""
_OPENERS = frozenset(".!?:：•*●○◦▪▫■□‣⁃(")
"""What a word after it opens, as a sentence's first word does: a full stop, a colon (a
full-width one too: "Refund Timeframe：Approximately 10-15 Days", Shein's), a bullet
typed as a character ("● Pack your return item(s) securely", Shein's table of returns), or
a bracket ("Last revised on June 9, 2023 (Description of … is added.)", LINE's: a
sentence in brackets, whose "Description" was "a third party was removed")."""
_SNAKE = re.compile(r"(?<!\w)\w*[^\W_]_\w+")  # from a word's start: linear in its length
"""A name in code joined by underscores ("`USE_FULL_SCREEN_INTENT`", a permission in
Google Play's policy, was "a third party was added (INTENT')")."""
_FOR_WHOM = re.compile(r"\b[A-Z][\w.'’-]*[ \t]+for[ \t]+$")
"""A name in capitals after another and "for" ("ChatGPT for Healthcare", "Claude for
Work", OpenAI's and Anthropic's pages): whom the product's edition is for, no one who
receives data; the product's own name is judged as a name."""
_PLACE_HEAD = re.compile(r"Republic|Kingdom|Commonwealth|Principality|Federation|Emirates?|"
                         r"States?|Province|Territory|Isle|Islands|Residents|Citizens|Nationals")
_OF_PLACE = re.compile(r" of (?:the )?([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})")
_JOINED = re.compile(r"(?:,|,? and)[ \t]+")
_LEAD_DIGITS = re.compile(r"(?<![\w.])\d+$")
_COMPOUND = re.compile(r"[A-Z]{1,2}-[a-z]")
"""The rest of a word a figure opens, joined to a word in lower case ("3D-printed",
Pinterest's community guidelines: "a third party was added (D-printed)"); "1Password"
and "3M" stay names."""


_ADDRESS_LABELS = frozenset(["attn", "attention", "cc"])
"""The label of an address's line, which a copy runs into the line before it when it
writes a hard break as a space ("Twitter International Unlimited Company Attn: Data
Protection Officer", X's privacy policy): no word of the name above it. Nor is a word
that opens a sentence (`_NAME_STOP`), the next line's first ("To learn about …")."""


_SEAT = voc.SEAT_WORDS
_SEAT_NEXT = re.compile(r"[ \t]+(?:in|at|under)\b")
"""A participle that opens a clause on where a company sits ("Registered in Ireland
(Companies Registration Office)", the line under "Authorized representative: Gareth Lambe"
in Meta's imprint, a copy's line break read as a space): no word of the name before it.
"Acme Incorporated" keeps its legal form."""


_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
"""A place's initials with their last stop ("U.S."), which may end a sentence: a name a run
starts with them starts after them."""
_NUMBER_LABELS = frozenset(["No", "Nr", "Nos"])
_NUMBERED = re.compile(r"\.?[ \t]*[\d\ue000]")
"""The label of a number after a name ("ANPD No. 19"): no word of the name."""
_THE = re.compile(r"\b[Tt]he[ \t]$")
_TITLE_GOES_ON = re.compile(
    r"\b(?:Regulations?|Directive|Act|Law|Decree|Resolution|Decision|Convention|Principles|"
    r"Rules|Procedures?|Guidelines|Standards?)[ \t]+(?:regarding|concerning|relating[ \t]+to|"
    r"governing|on|for)[ \t]+$")
"""A law's or a rule's title that goes on past a word in lower case: Türkiye's
"Regulation on Procedure and Principles regarding Transfer of Personal Data Abroad" (cited
in Meta's data transfer addendum, once "a third party was added (Transfer)")."""
_ONE_OF = re.compile(r"\ban?[ \t]$")
"""The indefinite article before an acronym: one of a kind of thing ("purchase an NFT",
Reddit's privacy policy, once "a third party was added (NFT)"; "a VPN"), not an
organisation, which is named, not counted."""
_ONE_WHO_IS = re.compile(
    r"\b(?:are|am|is|was|were|be|been|become|becomes|became|as)[ \t]+an?[ \t]$", re.IGNORECASE)
"""What the reader or someone is or acts as: a kind of person ("If you are a Redditor",
Reddit's privacy policy, once "a third party was added (Redditor)"; "as a Googler"), one
of many, where an organisation is named."""
_PART_CITED = re.compile(rf"\b(?:{voc.CITED_PARTS}|articles?|tables?|versions?)[ \t]+$",
                         re.IGNORECASE)
"""The word that cites a part before its label ("Section 10A", Instagram's developer terms,
once "a third party was added (10A)")."""
_ROLE_LEADS = frozenset(["the", "each", "either", "neither", "both", "any", "certain", "many",
                         "most", "several", "other"])
"""The same words opening a sentence in capitals ("The Exporter shall …", "Each Party shall
be liable to the other", the clauses Snap's policy appends)."""
"""A lone English word in capitals after "the" is a term a contract defines ("the Exporter
shall be Company and the Importer shall be Meta", "Outside the Kingdom", Meta's data
transfer addendum) or the organisation naming itself ("the Foundation"); a brand spelt as
an English word is written without it ("Square", "Stripe")."""


def names_in(text: str, defined: frozenset[str] = frozenset(),
             headings: frozenset[int] = frozenset()) -> dict[str, str]:
    """Capitalised names (key → display) outside headings, a company's legal name whole
    ("Stripe, Inc."), an owner without what it owns ("Interactive Advertising Bureau
    Europe’s Transparency and Consent Framework": the bureau). A sentence starts with a
    capital anyway, so a lone word there counts only when it can only be a name (see
    `names.brand`) or a colon follows it ("Acme: we share …"). `defined` holds the terms
    the text defines (`defined_terms`), which are no one; `headings` the blocks (by their
    place) that the source marks as headings, whatever their case."""
    out: dict[str, str] = {}
    for at, block in enumerate(text.split("\n\n")):
        ws = block.split()
        if at in headings or heading(block):
            # A heading or table cell in Title Case is no name, unless it is a legal
            # name ("Zoho Corporation Pvt. Ltd" in a table of sub-processors, 2FA
            # Directory's privacy policy): a company, wherever it is written.
            out.update((key(n), n) for m in COMPANY.finditer(block)
                       if key(n := _company(m.group())) not in out)
            continue
        if sum(1 for w in ws if w.isupper() and len(w) > 1) >= 0.6 * len(ws):
            continue  # SHOUTED TEXT: capitals say nothing about names
        if _LEGAL_FORM_WORD.search(block):  # else no legal name: a pass saved per block
            for m in COMPANY.finditer(block):
                name = _company(m.group())
                out.setdefault(key(name), name)
            block = COMPANY.sub(lambda m: "\ue000" * len(m.group()), block)
        if "Secretary" in block:
            block = _OFFICE.sub(lambda m: "\ue000" * len(m.group()), block)
        if " > " in block or "→" in block or "›" in block:
            block = _menus_masked(block)
        if "Code" in block:
            block = _CODE_CITED.sub(lambda m: "\ue000" * len(m.group()), block)
        if "C.F.R" in block or "U.S.C" in block or "CFR" in block or "USC" in block:
            block = _REGULATION.sub(lambda m: "\ue000" * len(m.group()), block)
        if "_" in block:
            block = _SNAKE.sub(lambda m: "\ue000" * len(m.group()), block)
        if "Ex:" in block:  # "(Ex: “Taking a vaccine …”)": an example's label, as "e.g." is
            block = block.replace("Ex:", "\ue000\ue000\ue000")
        block = phrase_masked(block)
        officer = -1  # where the last officer's name ended
        for m in CAP_RUN.finditer(block):
            parts = m.group().split(" ")
            if _OFFICER.search(block, max(0, m.start() - 40), m.start()) or (
                    officer >= 0 and _JOINED.fullmatch(block, officer, m.start())):
                officer = m.end()
                continue  # the organisation's own officer, and those named with them
            if block[m.start() - 1:m.start()] in ('"', "“", "‘") or (
                    block[m.start() - 1:m.start()] == "'"
                    and block[m.start() - 2:m.start() - 1] in ("", " ", "(", "/")):
                continue  # a quoted name is a setting's or a feature's: "Smarter Suggestions",
                # 'Sign in With Google' (Telegram's)
            if m.start() and block[m.start() - 1].isdigit():
                if _COMPOUND.match(m.group()):
                    continue  # "3D-printed weapons", "5G-enabled": a word with a figure in it
                lead = _LEAD_DIGITS.search(block, max(0, m.start() - 8), m.start())
                if lead and len(parts) == 1 and _PART_CITED.search(
                        block, max(0, lead.start() - 12), lead.start()):
                    continue  # "this Section 10A (International transfers …)": a part's label
                if lead:  # "1Password", "3M": the figure is the name's, read whole
                    parts[0] = lead.group() + parts[0]
            if _OWNED.search(block, max(0, m.start() - 4), m.start()):  # its last 4 chars
                continue  # "Google’s Invisible reCAPTCHA": what a name owns is no one
            if len(parts) == 1 and parts[0].isupper() and _ONE_OF.search(
                    block, max(0, m.start() - 4), m.start()):
                continue  # "when you purchase an NFT": one of a kind of thing, no one
            if len(parts) == 1 and _ONE_WHO_IS.search(block, max(0, m.start() - 12), m.start()):
                continue  # "if you are a Redditor": a kind of person, no party
            if _TITLE_GOES_ON.search(block, max(0, m.start() - 40), m.start()):
                continue  # "… Principles regarding Transfer of Personal Data Abroad": a title
            if _HONORIFIC.search(block, max(0, m.start() - 7), m.start()) or (
                    _HONORIFIC_WORD.fullmatch(parts[0])):
                continue  # "Attention: Mr. Arno Schlösser": a person to write to, no party
                # ("Ms Karima Ben Abdelmalek", the title read with the name, and "Mr." alone)
            if _FOR_WHOM.search(block, max(0, m.start() - 40), m.start()):
                continue  # "ChatGPT for Teachers": the edition of a product, for whom it is
            of = _OF_PLACE.match(block, m.end()) if _PLACE_HEAD.fullmatch(parts[-1]) else None
            if of and voc.is_not_party(of.group(1)):
                continue  # "the Republic of Korea", "Residents of Canada": a place, its people
            town = _TOWN.match(block, m.end())
            if town and voc.is_not_party(town.group().lstrip(", ").strip()):
                continue  # "Los Angeles, California"
            if all(_IDENTIFIER.fullmatch(p) for p in parts):
                continue
            if len(parts) > 1 and len(parts[-1]) == 1 and parts[-1].isupper() and (
                    _PART_CITED.search(m.group(), 0, m.end() - m.start() - 1)):
                parts = parts[:-2]  # "listed in Sections D.4 — D.7", "See Section G": where
                if not parts:       # the text points, by a part's letter (GitHub's terms)
                    continue
            while parts and _QUALIFIER.fullmatch(parts[0]):
                parts.pop(0)  # "GDPR-compliant", "EU-based": a word that describes, no name
            if not parts:
                continue
            before = block[max(0, m.start() - 8):m.start()].rstrip()
            # after a fact taken out ("…Revision: July 5, 2023 Date of Last Revision", a
            # copy's line break read as a space), as after a sentence's end
            initial = (not before or before[-1] in _OPENERS or before[-1] == "\ue000"
                       or _dated_line_opens(block, m.start())
                       or bool(_DASH_OPENS.search(block, max(0, m.start() - 4), m.start())))
            if len(parts) == 1 and key(parts[0]) in _SEQUENCE and block[m.end():m.end() + 1] == ",":
                continue  # "First, we ask …": the order of what is said, no one
            if len(parts) > 1 and _INITIALS.fullmatch(parts[0]):
                parts.pop(0)  # "…in the U.S. Acme Corp receives it": a sentence ended there
                initial = True
            led = ""  # the word in capitals a name was read after ("The", "Each")
            while parts and key(parts[0]) in _NAME_STOP:
                led = key(parts.pop(0))
                initial = False
            if initial and len(parts) > 1 and _verb_before_name(parts):
                parts.pop(0)  # "Click OK", "Collecting Ren’s …": the verb, then a name
                initial = False
            labelled = block[m.end():m.end() + 1] == ":"
            if labelled and len(parts) > 1 and key(parts[-1]) in _ADDRESS_LABELS:
                parts.pop()  # "… Unlimited Company Attn: Data Protection Officer"
                labelled = False
            if labelled and parts and key(parts[-1]) in _NAME_STOP:
                continue  # "An Important Note:" (Bluesky's): a label in capitals, no one
            while len(parts) > 1 and key(parts[-1]) in _NAME_STOP:
                parts.pop()  # "Network Enforcement Act ("NetzDG") To learn …": the next line
                labelled = False
            if len(parts) > 1 and key(parts[-1]) in _SEAT and _SEAT_NEXT.match(block, m.end()):
                parts.pop()  # "Gareth Lambe Registered in Ireland": the company's seat
            if len(parts) > 1 and parts[-1] in _NUMBER_LABELS and _NUMBERED.match(block, m.end()):
                parts.pop()  # "Resolution CD / ANPD No. 19": the resolution's number
            if (len(parts) == 1 and (led in _ROLE_LEADS or _THE.search(
                    block, max(0, m.start() - 4), m.start()))
                    and is_known(parts[0]) and not brand(parts[0])
                    and key(parts[0]) not in ENGLISH_NAMED):
                continue  # "the Exporter shall be Company": a contract's defined role
            owner = next((i for i, p in enumerate(parts[:-1]) if _POSSESSIVE.search(p)), None)
            if owner is not None:  # "Google’s Invisible reCAPTCHA": Google and its product
                parts, labelled = parts[:owner + 1], False
            if not parts or (initial and len(parts) == 1 and not labelled
                             and not brand(parts[0])):
                continue
            # "Company's" is "Company", and a quote's close is none of it ("…with Apple'")
            name = _POSSESSIVE.sub("", " ".join(parts)).rstrip("'’")
            if key(name) not in defined:
                out.setdefault(key(name), name)
    return out
