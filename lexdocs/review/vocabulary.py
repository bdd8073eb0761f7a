"""The words materiality.py looks for: kinds of data, purposes, recipients, grounds,
places, languages and the forms of companies' names.

Kept apart from the rules so that a lawyer can read (and extend) the lists
without reading the classifier, and so that materiality.py stays one concern. What
counts as an English word, and a spelling corrected, is `spelling`'s.
"""

from __future__ import annotations

import re

from lexdocs.render.tohtml import in_latin
from lexdocs.review.spelling import OWN_WORDS, is_known

LEGAL_FORMS = (r"(?:(?:Inc|Ltd|Corp|Co|Pty(?: Ltd)?|Pvt(?:\.? Ltd)?|L\.L\.C|S\.?A|B\.?V|N\.?V|"
               r"K\.?K|S\.?p\.?A|S\.?r\.?l|e\.\s?V|S\.?L(?:\.?U)?|Ltda)\.?|LLC|Limited|LLP|PLC|Plc|"
               r"plc|GmbH|AG|SAS|SARL|Corporation|AB|ApS|Oy)")
"""The legal forms a company's name ends with ("Stripe, Inc.", "GitHub B.V.", a German
association's "MiOM Kreativraum e.V.", a Spanish "GitHub Spain, S.L."), as a pattern.
Only an abbreviation takes the full stop after it: "… AISG E-Commerce Private Limited."
ends a sentence (AliExpress's privacy policy, once quoted "(Alipay Singapore E-Commerce
Private Limited. → …)")."""

NEGATIONS = frozenset(str.split(
    "not no never nor none without cannot nothing neither nobody nowhere cant dont doesnt didnt "
    "isnt arent wasnt werent shouldnt wouldnt couldnt havent hasnt hadnt mustnt neednt"))
NUMBER_WORDS = frozenset(str.split(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion dozen half"))

DATA_TERMS = str.split(
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
    "transaction history|inference|message|chat transcript|name|calendar|camera|microphone|"
    "disability|disabilities|religion|race|gender identity", "|")
# "email us", "please email", "email privacy@npmjs.com" (its address taken out of the
# text before: a placeholder), "an email newsletter service", "unsolicited emails": a way
# to write or what is sent, not a category of personal data; nor is what a device must
# run ("a supported operating system"), nor an age a rule sets ("ages 18 and older").
NOT_DATA = re.compile(
    r"\bemail(?= (?:us|me|them|him|her|you)\b| \ue000)|\b(?:please|to) email\b|"
    r"\b(?:through|by|via) (?:an? )?emails?\b|"
    r"\bemails? (?:newsletter |marketing )?(?:service|newsletter|provider|software|platform|"
    r"campaign)s?\b|\b(?:unsolicited|sending|send|sends|sent) emails?\b|"
    r"\b(?:supported|compatible) (?:operating system|browser|device)s?\b|"
    # an age a rule sets, not one collected: "users, ages 18 and older" → "users aged 18
    # and older" (Facebook's community standards) was "a category … was removed (age)"
    r"\bages? (?:of )?(?=\d|\ue000)|"
    # and the rule itself: "such other applicable age threshold" (WeChat's)
    r"\b(?:minimum )?age (?:thresholds?|limits?|requirements?|restrictions?)\b|"
    # a computation, not what is inferred about someone: "AI Inference and AI Services"
    # (GitHub's subprocessor list), "model inference", "an inference API"
    r"\b(?:ai|model|ml|llm|machine learning) inference\b|"
    r"\binference (?:services?|apis?|endpoints?|engines?|servers?|providers?)\b")
# A purpose word that is the reader's own doing ("if you sell a Marketplace application",
# "you may train your own model"): the sale of data, or training on it, is the
# organisation's purpose only when it does it.
#
# Nor is a purpose word that names a tool ("our analytics platform", "our internal
# analytics program"), or a document ("these advertising policies"), or a team or a tax
# ("our sales team", npm's; "sales tax"): what a tool is for is not a use of the reader's
# data the text states. "For analytics" still is, and so is the work of those who receive
# data ("our marketing vendors", "analytics services"): they do it with the reader's data.
NOT_PURPOSE = re.compile(
    r"\byou (?:(?:can|may|might|will|could|also|choose to|want to|wish to) ){0,2}"
    r"(?:sell|sold|selling|train|training)\b|"
    r"(?<!\bfor )\b(?:analytics|advertising|marketing|research)(?= (?:platform|platforms|"
    r"program|programs|programme|tool|tools|software|library|libraries|sdk|sdks|team|teams|"
    # or a document: "these advertising policies" (Microsoft Advertising's), the rules ads
    # must follow, not a use of anyone's data
    r"polic(?:y|ies)|guidelines|standards|agreements?|terms)\b)|"
    r"\bsales(?= (?:team|teams|department|departments|representatives?|staff|tax|taxes)\b)|"
    # "sales-related resources" (Overleaf's privacy policy, once "a purpose was added
    # (sale)"), "point-of-sale" (read with their hyphens as spaces, `lexicon.lexical`)
    r"\bsales? related\b|\bpoint of sales?\b|"
    # trade in things, not in data: "the illegal … selling … or advertising of goods", "the
    # purchase, sale … of counterfeit goods" (TikTok's intellectual property policy)
    r"\b(?:sale|sell|sells|selling|sold|(?:advertising|marketing)(?= of))\b"
    r"(?=(?:[\s,]+(?!(?:data|information|details|personal|you|your|users?)\b)[\w']+){0,8}?"
    r"[\s,]+(?:goods|products|items|merchandise|counterfeits?|weapons|drugs|firearms|"
    r"tickets)\b)|"
    # or things for sale: "homes for sale" (Zillow's, whose menu, archived by turns, was "a
    # purpose was added (sale)")
    r"\b(?:homes?|houses?|propert(?:y|ies)|apartments?|goods|products|items|merchandise|"
    r"tickets|cars?|vehicles?|listings?)(?:[\s,]+(?:and|or|&)[\s,]+[\w']+)?[\s,]+"
    r"(?:for|on) sale\b|"
    # what a text's own words mean: "For the purposes of these Terms, “we” … refers to"
    # (Pinterest's terms) was "a purpose was added (for the purpose of these terms)"
    r"\bfor the purposes? of (?:these|this|the|our) (?:terms?|agreement|policy|policies|"
    r"notice|statement|section|clause|paragraph|article|document|definition|provision)s?\b")
CITED_PARTS = (r"sections?|clauses?|paragraphs?|schedules?|annex(?:es)?|appendix|appendices|"
               r"exhibits?|chapters?|parts?")
"""The words that cite a part of a text by its number ("Section 2.2", "Clauses 7 and 8"):
a pointer, whose numbers a part put in before it changes. Not "Article", which may cite
a law's (the GDPR's Article 6, a legal basis)."""
CITED_PARTS_JOIN = r"(?:,[ \t]*|(?:and|or|through|to)[ \t]+|[-–][ \t]*)"
"""What joins the numbers of parts cited in a list: "Sections 7, 8, 11, 12, and 15-17"."""
PURPOSE_MARKERS = frozenset(["for the purpose of", "in order to"])
"""Words that open a purpose rather than name one: evidence quotes the words they open."""
PURPOSE_TERMS = str.split(
    "for the purpose of|in order to|targeted advertising|interest based advertising|"
    "personalized advertising|cross context behavioral advertising|advertising|direct marketing|"
    "marketing|analytics|profiling|sale|sell|selling|sold|research|personalization|"
    "personalisation|machine learning|artificial intelligence|train|training|fraud prevention|"
    "automated decision making|legitimate interest|legal obligation", "|")
RIGHTS: tuple[tuple[str, str], ...] = (
    ("access", r"right (?:of |to )access|request access|access to (?:your|the) "
               r"(?:personal )?(?:data|information)"), ("to know", r"right to know"),
    ("rectification", r"rectif(?:y|ication)|right to correct(?:ion)?|correct inaccurate"),
    ("erasure", r"erasure|right to be forgotten|right to delet(?:e|ion)|delete your"),
    ("restriction", r"restrict(?:ion of)? (?:the )?processing|right to restrict(?:ion)?"),
    ("portability", r"portability"),
    ("objection", r"right to object|object to (?:the )?processing|objection|opt out"),
    ("withdraw consent", r"withdraw(?:al of)? (?:your )?consent"),
    # the reader's complaint to whoever oversees data protection, not "how to submit a
    # complaint" of trademark infringement (Microsoft's advertising policies)
    ("complaint", r"lodge a complaint|right to (?:file a |lodge a |make a )?complain(?:t)?|"
                  r"complain(?:t|ts)? (?:to|with) (?:(?:a|an|the|your|any|our|its) "
                  r"(?:[\w-]+ ){0,4}(?:authorit(?:y|ies)|regulators?|commissioner|"
                  r"commission|ombudsman|attorney general|office|dpa)|(?:the )?(?:ico|cnil|"
                  r"dpc|ftc|edps|aepd|garante))|"
                  # or to one named, masked by then: "… to the Irish Data Protection Commission"
                  r"complain(?:t|ts)? (?:to|with)(?= +(?:the +)?\ue000)|supervisory authority"),
    ("non-discrimination", r"non discrimination|not discriminate"),
    ("automated decisions", r"automated decision(?:s| making)"),
)
# Who may receive personal data, written in lower case as policies name them in lists.
RECIPIENT_TERMS = str.split(
    "data broker|information broker|insurer|reinsurer|advertiser|advertising partner|"
    "advertising network|ad network|ad company|ad companies|marketing partner|business partner|"
    "partner|affiliate|subsidiary|parent company|sister company|service provider|vendor|"
    "supplier|contractor|subcontractor|processor|subprocessor|sub processor|third party|"
    "third parties|law enforcement|police|government|government agency|public authority|"
    "authorities|regulator|tax authority|court|lender|bank|credit bureau|credit reference agency|"
    "debt collector|collection agency|employer|recruiter|researcher|university|sponsor|"
    "social network|social media platform|analytics provider|payment processor|acquirer|"
    "buyer|successor|purchaser|investor|auditor|consultant|lawyer|accountant|data aggregator|"
    "people search|background check|hospital|pharmacy|health care provider|healthcare provider|"
    "telecom operator|carrier|platform", "|")
# Grounds on which a policy says it will hand data over or look at it.
GROUND_TERMS = str.split(
    "required by law|required under|as required|permitted by law|legal process|subpoena|"
    "court order|warrant|law enforcement request|legal obligation|comply with|compelled|"
    "government request|national security|protect our rights|protect the rights|"
    "safety of any person|physical safety|emergency|prevent fraud|suspected fraud|fraud|"
    "illegal activities|violations of our|violation of our|enforce our|merger|merges|"
    "acquisition|acquired|bankruptcy|sale of assets|sale of our|reorganization|audit|audited|"
    "with your consent|your express permission|at your direction|vital interests|"
    "public interest|legal claims|defend", "|")
DISCLOSURE_VERB = re.compile(
    r"\b(?:shar(?:e|es|ed|ing)|disclos(?:e|es|ed|ing)|provid(?:e|es|ed|ing)|transfer(?:s|red|"
    r"ring)?|sell(?:s|ing)?|sold|send(?:s|ing)?|sent|(?<!pre )releas(?:e|es|ed|ing)|"
    r"giv(?:e|es|en|ing)|"
    r"pass(?:es|ed|ing)? on|hand(?:s|ed)? over|make available|made available|rent(?:s|ed)?|"
    r"access(?:es|ed|ing)?|preserv(?:e|es|ed|ing)|report(?:s|ed|ing)?)\b", re.I)
# Words that open a condition: one added narrows or widens what a promise covers.
CONDITION = re.compile(
    r"\b(?:if|unless|except|excluding|provided that|providing that|as long as|so long as|"
    r"subject to|to the extent|in the event|on condition that|only where|only when|until|"
    r"whenever|where permitted|where permissible|where required)\b", re.I)

# Who is *not* a third party, however capitalised: places, languages, months and days.
# A policy names them beside recipients ("residents of Colorado", "in German", "July"),
# and a reason that calls Colorado "a third party" is false. Lower case, multi-word as
# written; `is_not_party` also knows acronyms that are English or our own words ("VPN").
_NOT_TERRITORIES = frozenset(["UN", "XA", "XB", "ZZ"])
"""CLDR's regions that are no place: the United Nations (an organisation), the
pseudo-locales' "Pseudo-Accents" and "Pseudo-Bidi", "Unknown Region"."""


_NAME_WORDS = re.compile(r"[^\W_]+")


def _keyed(name: str) -> str:
    """A name as `is_not_party` looks it up: its words in lower case, one space apart."""
    return " ".join(_NAME_WORDS.findall(name.casefold()))


def _territories() -> frozenset[str]:
    """Every country and region as the Unicode CLDR names it in English (Babel's data,
    which dates already load): a list of places kept by hand missed "Türkiye" (WeChat's
    privacy policy: "a third party was added (Türkiye)"). Each as `is_not_party` keys a
    name, with the forms policies write beside CLDR's: "Bosnia and Herzegovina" for
    "Bosnia & Herzegovina", "Hong Kong SAR" and "Hong Kong" for "Hong Kong SAR China",
    "Saint Lucia" for "St. Lucia", "Congo" for "Congo - Kinshasa", and each of "Bosnia &
    Herzegovina", which "and" makes two names."""
    from babel import Locale

    out: set[str] = set()
    for code, name in Locale("en").territories.items():
        if code in _NOT_TERRITORIES:
            continue
        forms = {name, name.replace("&", "and"), name.replace("St.", "Saint")}
        forms |= {f.removesuffix(" China") for f in forms} | {
            f.removesuffix(" SAR China") for f in forms} | {f.split(" - ")[0] for f in forms}
        forms |= set(name.split(" & "))  # "Bosnia" and "Herzegovina" read as two names
        out |= {_keyed(f) for f in forms}
    return frozenset(out)


US_STATES = frozenset(str.split(
    "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|"
    "hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|"
    "massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|"
    "new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|"
    "oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|"
    "virginia|washington|west virginia|wisconsin|wyoming|district of columbia|puerto rico", "|"))
PLACES = US_STATES | frozenset(str.split(
    "united states|united states of america|us|usa|u s|america|north america|south america|"
    "latin america|europe|european union|eu|eea|european economic area|uk|united kingdom|"
    "great britain|britain|england|scotland|wales|northern ireland|gibraltar|switzerland|"
    "ireland|germany|france|spain|portugal|italy|netherlands|the netherlands|belgium|"
    "luxembourg|austria|denmark|sweden|norway|finland|iceland|poland|czech republic|czechia|"
    "slovakia|hungary|romania|bulgaria|greece|cyprus|malta|croatia|slovenia|estonia|latvia|"
    "lithuania|canada|quebec|ontario|british columbia|mexico|brazil|argentina|chile|colombia|"
    "peru|australia|new zealand|japan|china|hong kong|taiwan|korea|south korea|singapore|india|"
    "indonesia|malaysia|philippines|thailand|vietnam|israel|turkey|russia|ukraine|"
    "south africa|nigeria|kenya|egypt|uae|united arab emirates|saudi arabia|asia|africa|"
    "oceania|middle east|asia pacific|apac|emea|latam|mena|amsterdam|berlin|dublin|london|paris|"
    # a territory by its initials ("Telegram FZ-LLC, … BVI", Telegram's controller)
    "bvi|"
    # CLDR writes "Macao"; Airbnb's policy, as most do, "Hong Kong, Macau and Taiwan"; and
    # the names its own people write ("Brasil", Dailymotion's and Qobuz's; "Luxemburg",
    # Coinbase's)
    "macau|brasil|luxemburg|"
    "san francisco|seattle|toronto|tokyo|"
    # as the GDPR names the EU and its states: "under Union law", "the law of the Member
    # States", "Regulation (EC)"
    "union|member state|member states|ec|european community|"
    # "EU or EU Member State law" (Binance's)
    "eu member state|eu member states|"
    # what a place's people or things are called: "Swiss certifications", "EU-based"
    "swiss|european|american|british|canadian|australian|irish|californian|brazilian|"
    "mexican|indian|israeli|singaporean|korean|japanese|chinese", "|")) | _territories()
def _languages() -> frozenset[str]:
    """Every language a country writes its laws or its official business in, as the
    Unicode CLDR knows them (Babel's data), by its name in English and in the languages
    policies are most often translated into: YouTube's terms end in a bar of links to
    their translations, and copies that named one of them in English or in Portuguese said
    "a third party was added (Lao)", "(Thai)", "(Árabe)". Only official languages with a
    locale, and names of three letters or more without an apostrophe: CLDR also names
    hundreds of others, some as companies are named ("Meta’", "Mohawk"), and "GA" is an
    acronym before it is Ga."""
    from babel import Locale, localedata
    from babel.core import get_global

    spoken = {code for code in localedata.locale_identifiers() if "_" not in code}
    official = {code.split("_")[0] for langs in get_global("territory_languages").values()
                for code, info in langs.items()
                if info.get("official_status") in ("official", "de_facto_official",
                                                   "official_regional")}
    wanted = spoken & official
    out: set[str] = set()
    for lang in ("en", "es", "pt", "fr", "de", "it", "nl"):
        for code, name in Locale(lang).languages.items():
            if code in wanted and not re.search(r"['’ʼ]", name):
                key = _keyed(name)
                if len(key) >= 3:
                    out.add(key)
    return frozenset(out)


LANGUAGES = frozenset(str.split(
    "english french german spanish portuguese italian dutch polish russian chinese japanese "
    "korean arabic hindi turkish swedish danish norwegian finnish greek hebrew")) | _languages()
CALENDAR = frozenset(str.split(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday "
    # months as the languages policies are most often translated into write them ("Stand:
    # Juni 2021", fortrabbit's German statement)
    "januar februar märz mai juni juli oktober dezember janvier février mars avril juin "
    "juillet août septembre octobre novembre décembre enero febrero marzo abril mayo junio "
    "julio agosto septiembre octubre noviembre diciembre januari februari maart mei juli "
    "augustus "
    # Abbreviations a policy capitalises: "Art. 45 GDPR", "Attn:", "CC:", "No. 3".
    "art arts sec para attn cc no nos vol ch "
    # time zones a dated line names ("1 Jul 2024 16.22 BST", The Guardian's privacy policy,
    # once "a third party changed (GMT → BST)")
    "gmt bst utc cet cest eet eest wet west ist jst kst hkt sgt aest aedt est edt cst cdt "
    "mst mdt pst pdt akst akdt hst "
    # the units a price is counted by ("$7.99 / Month", Evernote's plans)
    "day days week weeks month months quarter year years"))


# Platforms and protocols a policy names beside parties ("Thunderbird for iOS", "OAuth
# tokens"), and the words of an address line ("4th Floor"): what, or where, never who.
OPERATING_SYSTEMS = frozenset(str.split(
    "ios ipados watchos tvos visionos android macos windows linux chromeos ubuntu"))
"""Systems whose name opens the names of their parts ("the Android Sharesheet", "Windows
Hello"): a feature of the system, made by whoever makes it, and no one itself."""
PLATFORMS = OPERATING_SYSTEMS | frozenset(str.split(
    "mac os|os x|"
    "chrome os|wear os|oauth|openid|openid connect|saml|smtp|imap|pop3|caldav|carddav|"
    "webdav|ldap|http|https|tls|ssl|bluetooth|wi fi|wifi|nfc|gps|"
    # languages a page is written in ("Yahoo Dot Pixel, which uses JavaScript"), and the
    # technical nouns a policy writes in capitals ("interacting with the IDE", "URLs")
    "javascript|html|html5|css|json|xml|webassembly|"
    "url|urls|uri|uris|api|apis|sdk|sdks|ide|ides|cli|pdf|csv|cpu|gpu|usb|dns|"
    # and the kinds of service or attack written in mixed case ("protection against DDoS
    # attacks", onetimesecret's), which read as a brand's capitals
    "ddos|dos|saas|paas|iaas|"
    # a cookie's attributes and the web's security mechanisms, as a tracker table describes
    # a cookie ("Single-use CSRF state, PKCE verifier … HttpOnly, Secure", X's trackers
    # policy): none is anyone
    "httponly|secure|samesite|csrf|xsrf|pkce|jwt|xss|cors|csp|hsts|totp|webauthn|"
    # and the kinds of model and recognition a policy names ("ground a LLM to generate …",
    # Google Maps Platform's terms: "a third party was added (LLM)")
    "llm|llms|ml|nlp|ocr|vr|rss", "|"))
SEAT_WORDS = frozenset(str.split("registered headquartered located based established organized "
                                 "organised domiciled situated"))
"""Participles that open a clause on where a company sits ("Registered in Ireland"): after
a name, no word of it."""
ADDRESS_WORDS = frozenset(str.split("floor fl suite ste unit building bldg room level"))
FIELD_LABELS = frozenset(str.split("telephone phone tel mobile cell fax facsimile version "
                                   "revision modified updated revised published effective"))
"""Labels of a field, never someone: a contact block's ("Telephone: …", "Mobile: …", npm's
EU representative's; "Facsimile: …", Basecamp's copyright policy), a way to reach someone;
a document's own ("Version: 0.1", Comms.ID's terms; "Modified: April 28, 2026", Parler's,
once "a third party was added (Modified)")."""


def is_not_party(name: str) -> bool:
    """Whether a capitalised name is a place (or two: "EU-US"), language, month or day, a
    platform or protocol ("iOS", "OAuth"), an address line ("4th Floor"), a field's
    label ("Mobile", "Version"), or an acronym that is an English word or one of our own terms
    ("VPN", "GDPR"): never a third party."""
    key = _keyed(name)
    words = key.split()
    # a place written with its accents ("México", "Québec", "Sénégal", each once "a third
    # party") is the one English writes without them
    if not words or key in PLACES or key in LANGUAGES or key in CALENDAR or key in PLATFORMS \
            or key in FIELD_LABELS or (not key.isascii() and in_latin(key) in PLACES):
        return True
    if words[-1] in ADDRESS_WORDS and all(w in ADDRESS_WORDS or w[:1].isdigit() for w in words):
        return True
    if len(words) > 1 and "-" in name and all(w in PLACES for w in words):
        return True  # "EU-US" names where data goes, between two places
    parts = name.split()
    if len(parts) > 1 and all(is_not_party(p) for p in parts):
        return True  # "the UK GDPR" (Instagram's developer terms): a place and a law's initials
    bare = name.replace(".", "")
    if len(bare) > 2 and bare.endswith("s") and bare[:-1].isupper():
        bare = bare[:-1]  # "government-issued IDs": the plural of an acronym that is a word
    if len(words) > 1 and " " not in name.strip() and bare.isupper():
        # its letters parted by points ("the E.C.P.A.", WordPress.com's legal guidelines,
        # once "a third party was removed (E.C.P.A)"): only our own terms, never a word
        # a dictionary holds ("A.C.M.E.", "I.B.M." may be a company's)
        return bare.casefold() in OWN_WORDS
    return len(words) == 1 and bare.isupper() and is_known(bare)

# Words a policy uses for one another with no change in what it says (rewrites.py,
# `synonym`): each group is one meaning, written in its base form; inflections agree
# ("shared" → "disclosed"). Only pairs a privacy lawyer reads the same in any sentence:
# "obtain" (also from others) is not "receive", "remove" (from view) not "delete",
# "process" (anything done with data) not "use" or "share".
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("share", "disclose"), ("collect", "gather"), ("use", "utilize", "utilise"),
    ("delete", "erase"), ("keep", "retain"), ("help", "assist"), ("buy", "purchase"),
    ("allow", "permit"), ("choose", "select"), ("change", "modify"), ("send", "transmit"),
    ("get", "receive"), ("information", "data"), ("via", "through"),
    ("regarding", "concerning"), ("ensure", "make sure"), ("request", "ask for"),
    ("comply with", "abide by", "adhere to"), ("protect", "safeguard"),
    # Where examples start: each illustrates, none bounds ("including" as much as "such as").
    # "Ex:" as Facebook's community standards write it for "e.g.", and "like" as its
    # privacy policy writes it for "such as" ("information like content and messages"), a
    # word of the group only where it stands in for another: "you like" never becomes "you
    # such as".
    ("including", "such as", "for example", "for instance", "eg", "ex", "like"),
    ("anytime", "at any time"),
    # where the reader is sent ("Learn more" → "Find out more", Google's policy by turns)
    ("learn more", "find out more"),
    # one word in its British and its American form (Facebook's cookies policy, as archived
    # by turns: "the wording changed ('amongst' → 'among')")
    ("among", "amongst"), ("while", "whilst"), ("toward", "towards"), ("amid", "amidst"),
    # Snap's policy, its British and American copies archived by turns, each swap once "the
    # wording changed" ('adverts.' → 'ads.', 'enquiries' → 'inquiries', 'requester' →
    # 'requestor', 'mobile towers' → 'cell towers')
    ("ad", "advert", "advertisement"), ("enquiry", "inquiry"), ("enquire", "inquire"),
    ("requester", "requestor"),
    # a phrase inflects its first word (a verb's: "makes sure"), a noun's plural its last
    ("mobile phone", "cell phone"), ("mobile phones", "cell phones"),
    ("mobile tower", "cell tower"), ("mobile towers", "cell towers"),
)
# What the organisation does with data: "we recommend" → "we may recommend" describes the
# same practice, which the notice covers either way. A promise to the person ("we notify
# you", "we delete it") or a safeguard ("we encrypt") weakened by "may" is not this, nor
# is "will" → "may", nor "you may" (a permission).
HEDGED_VERBS = frozenset(str.split(
    "collect use share disclose process receive recommend show display send combine analyze "
    "analyse store keep retain transfer sell obtain gather access infer create personalize "
    "personalise link associate aggregate track record log monitor review contact suggest "
    "customize customise measure serve place set read look check scan"))

_CONTRACTIONS = tuple((re.compile(p, re.I), r) for p, r in (
    (r"\bwon['’]t\b", "will not"), (r"\bcan['’]t\b", "can not"), (r"\bcannot\b", "can not"),
    (r"\bshan['’]t\b", "shall not"), (r"\b(\w+)n['’]t\b", r"\1 not"),
    (r"\b(we|you|they|i|he|she|it)['’]ll\b", r"\1 will"), (r"\b(we|you|they)['’]re\b", r"\1 are"),
    (r"\b(we|you|they|i)['’]ve\b", r"\1 have"), (r"\b(it|that|there|what)['’]s\b", r"\1 is"),
    (r"\bi['’]m\b", "i am"),
    # "You are also unable to access" ↔ "You also may not access" (Meta's commercial terms
    # as archived, by turns): one negation, which "a negation was added ('not')" missed
    (r"\bunable to\b", "not able to")))


_MAY_CONTRACT = re.compile(r"['’]|cannot|unable", re.I)
"""What every contraction has: most texts have none, and one search rules them out."""


def expand_contractions(text: str) -> str:
    """`text` with each contraction written out ("don't" → "do not", "we'll" → "we will",
    "cannot" → "can not", "unable to" → "not able to"): one statement either way."""
    if not _MAY_CONTRACT.search(text):
        return text
    for pattern, full in _CONTRACTIONS:
        text = pattern.sub(full, text)
    return text
