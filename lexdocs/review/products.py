"""The names a text itself shows to be products or features, not anyone's: a name before
a product noun, after "your" or "our", a setting the reader turns on, a plan, the examples
of a kind of thing no one is, a coined word the text also writes in lower case. `names.who`
takes them (`made`) to tell a product from an organisation; the rest of what a name is
(a place, a language, a law, the organisation itself) is `names`' to say.
"""

from __future__ import annotations

import re

from lexdocs.review.names import ENGLISH_NAMED, PRODUCT_NOUNS, brand, squash
from lexdocs.review.spelling import is_known

__all__ = ["products"]


_CAP = r"[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*)*"
_NAME_RUN = re.compile(_CAP)
_NOUN_NEXT = re.compile(rf" (?:{PRODUCT_NOUNS})s?\b")
"""A name before a product noun ("the Smart Window feature"): each run of capitalised
words is found once and the noun looked for after it. One pattern for both backtracked
over the run from each of its words, a run's length squared."""
_OWNED = re.compile(rf"\b(?:[Yy]our|[Oo]ur|[Mm]y|devices?\s+with(?:out)?)\s+({_CAP})")
# What a reader turns on or off is a setting, no one: "You can also turn on Timeline if you
# want to create a private map" (Google's privacy policy: "a third party was added
# (Timeline)").
_TOGGLED = re.compile(rf"\b(?:[Tt]urn|[Ss]witch)(?:s|ed|ing)?\s+(?:on|off)\s+(?:the\s+)?({_CAP})"
                      rf"|\b(?:[Tt]urn|[Ss]witch)(?:s|ed|ing)?\s+({_CAP})\s+(?:on|off)\b")
# Things of a kind no one is, each named after it as an example: "through channels such as
# Nightly, Beta, TestFlight and BuddyBuild" (Mozilla's), "browsers like Chrome or Safari",
# "public channels (e.g., Finance, Business & Entrepreneurship, or Humor & Memes)"
# (Telegram's, the topics of channels).
# What a "platform", "service" or "network" names may well receive data ("social networks
# such as Facebook"), so those nouns are not here, nor is what a third party offers ("third
# party applications (e.g., Facebook, Google, and Apple)", Quora's, to log in with).
_KIND_LISTED = re.compile(r"(?<!third.party )\b(?:channel|browser|app|application|device|"
                          r"operating system|version|release|edition|extension|add-on|"
                          r"plugin|feature|topic|"
                          r"categorie|genre)s\s+\(?"
                          r"(?:such as|like|including|e\.g\.,?)\s+([^.;:()\n]{1,200})")


_TIER = re.compile(r"\b([A-Z][a-z]+)(?=[ \t]+(?:customers?|tiers?|editions?|subscriptions?|"
                   r"subscribers?|plans?)\b)")
"""A plan named by an English word, before whom or what it names: "Stack Overflow for
Teams, Free customer", "Enterprise customers" (once "a third party was added (Free)");
not the last word of a longer name ("Open Data licences", "Apple Music subscriptions"),
whose first words would all be read as that plan's."""
_NAME_BEFORE = re.compile(r"[A-Z][\w'-]*[ \t]+$")
_UPGRADE = re.compile(r"\b(?:upgrad|downgrad)(?:e|es|ed|ing)[ \t]+to[ \t]+([A-Z][a-z]+)"
                      r"\b(?![ \t]+[A-Z])")
"""A plan named by an English word one moves to ("if you upgrade to Premium", once "a
third party was added (Premium)"); "upgrade to Spotify Premium" names the service,
which other rules judge, and what one subscribes to may be another's ("subscribe to
Slack")."""


def products(text: str, own: frozenset[str] = frozenset()) -> frozenset[str]:
    """The names `text` itself shows to be products or features: before a product noun
    ("the Smart Window feature"), after "your"/"our" ("your Polldaddy survey", a table's
    "Our United States HQ"), the feature a device has ("a device with Apple
    Intelligence"), a setting the reader turns on or off ("turn on Timeline"), or a coined
    name the text also writes in lower case as a thing ("Writeboard: standalone
    writeboards can be deleted"), or the examples of a kind of thing no one is ("channels
    such as Nightly, Beta and BuddyBuild"): an organisation is no common noun, and a web
    address ("hotjar.com") is no such use. So is a name the text writes after one of the
    organisation's own (`own`) in lower case, as npm names its products ("npm
    Enterprise", "npm Orgs"): the capitals of "GitHub Copilot" make it one name, and
    "Orgs" alone was "a third party"."""
    found = {m.group() for m in _NAME_RUN.finditer(text) if _NOUN_NEXT.match(text, m.end())}
    lower = sorted(o for o in own if o.islower() and o.isalnum())
    if lower:
        found.update(m.group(1) for m in re.finditer(
            rf"(?<![\w.-])(?:{'|'.join(map(re.escape, lower))})\s+([A-Z][\w-]*)", text))
    found.update(m.group(1) for m in _OWNED.finditer(text))
    found.update(m.group(1) or m.group(2) for m in _TOGGLED.finditer(text))
    found.update(n.group() for m in _KIND_LISTED.finditer(text)
                 for n in _NAME_RUN.finditer(m.group(1)))
    found.update(m[1] for m in _TIER.finditer(text)
                 if is_known(m[1]) and m[1].casefold() not in ENGLISH_NAMED
                 and not _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start()))
    if "grad" in text:
        found.update(m[1] for m in _UPGRADE.finditer(text)
                     if is_known(m[1]) and m[1].casefold() not in ENGLISH_NAMED)
    # Every word of the text once, then each coined name looked up among them: searching
    # the text again for each name made a long section cost its length squared.
    words = {m.group() for m in _PLAIN_WORD.finditer(text)}
    coined = {m.group() for m in _COINED.finditer(text)}
    found.update(c for c in coined if (c.casefold() in words or f"{c.casefold()}s" in words)
                 and brand(c))
    return frozenset(squash(f) for f in found)


# A coined word written as a name ("Writeboard", "Dropbox"): the text may also write it in
# lower case, as the thing a reader makes or uses ("standalone writeboards can be deleted").
_COINED = re.compile(r"\b[A-Z][a-z]{3,}\b")
_PLAIN_WORD = re.compile(r"(?<![\w./@-])\w+(?![\w.@/-])")
"""A word as a word, not part of a web or e-mail address ("hotjar.com", "@hotjar")."""
