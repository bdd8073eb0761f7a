"""A link into the page whose anchor leads nowhere, led by words: its own, its anchor's,
or the number of the part it cites.

A copy of a web page keeps its table of contents and its cross-references, but often not
the ids its headings had (`[Where This Privacy Policy Applies](#where-this-applies)`), or
it keeps the ids of the document the page was written in (`#_djeb6mmnhu1p`). What the
link says, and what its anchor spells, still name the heading a reader would reach: the
one heading holding the words, the part numbered as cited, or the item's number in a
table of contents; where several headings are those words, the nearest after it. Words two
headings merely hold, or a single word, decide nothing: the link stays as it was, and
the build names its file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from lexdocs.adopt import outline
from lexdocs.adopt.standalone import words_key
from lexdocs.render.tohtml import in_latin
from lexdocs.review.synonyms import same_meaning
from lexdocs.stems import stems

if TYPE_CHECKING:
    from lexdocs.adopt.convert import Section

__all__ = ["LEADING_NUMBER", "dotted", "key", "label", "lander"]

LEADING_NUMBER = re.compile(r"^\s*(?:\d+(?:[.-]\d+)*[.)]?|[A-Za-z][.)]|[ivxlcdmIVXLCDM]+[.)])\s+")
"""The number a heading's words may open with ("2.", "B)", "iv.")."""


def key(text: str) -> str:
    """Words as a table of contents and a heading share them: without marks, number,
    case, accents and punctuation ("**2\\. Where This Applies**" → "where this applies";
    Damart's "10. RESPONSABILITÉ" names its part "10. RESPONSABILITE"). An underscore is
    no letter: emphasis that did not take is marks too (La Redoute's table of contents
    writes "[_5.2._Comment les exercer ?](#_Toc52)" for its part "5.2. Comment les
    exercer ?")."""
    bare = in_latin(outline.plain(text)).replace("_", " ").strip()
    return words_key(LEADING_NUMBER.sub("", bare))  # the number first: then the words


_LABELLED = re.compile(r"\s*((?:exhibit|schedule|annexe?|appendix|attachment|addendum)\s+"
                       r"[A-Za-z0-9]{1,4}(?:[-.][A-Za-z0-9]{1,4})?)\s*(?:[:.–—]|$)", re.I)


def label(text: str) -> str:
    """The key of the label a part's title opens with or a link cites ("Exhibit A:
    Individual Product Terms" and "[Exhibit A](#Exhibit-A)", X's developer terms, whose
    "Exhibit A-1: Product Requirements" holds the same words but is another part), as
    `named` holds it ("\\1exhibit a"); "" for a title with no such label."""
    m = _LABELLED.match(in_latin(outline.plain(text)))
    return f"\1{words_key(m[1])}" if m else ""


_DOTTED = re.compile(r"\s*(\d{1,3}(?:\.\d{1,3}){1,3})\.?(?:\s|$)")
_DOTTED_ANCHOR = re.compile(r"(\d{1,3}(?:[-_.]\d{1,3}){1,3})(?:[-_]|$)")


def dotted(text: str, anchor: bool = False) -> str:
    """The key of the number of parts a title or a link opens with, or an anchor (`anchor`)
    spells, when it has parts ("5.6. No Ads Based on Contents of Chats", "#5-6-no-ads-
    based-on-user-data" → "\\05.6"); "" for none. A number of one part is
    `outline.part_number`'s: subsections are often numbered afresh under each part."""
    m = (_DOTTED_ANCHOR.match(text) if anchor else
         _DOTTED.match(in_latin(outline.plain(text))))
    return "\0" + re.sub(r"[-_]", ".", m[1]) if m else ""


def lander(sections: Sequence[Section], named: dict[str, str], ids: set[str],
           shared: dict[str, set[str]] | None = None, order: dict[str, int] | None = None
           ) -> Callable[[int], Callable[[re.Match[str]], str]]:
    """For the text of the `k`th section, the substitution for a link
    (`standalone.NAMED_LINK`: its words, its anchor) that leads it where its words say, or
    leaves it. `named` maps each heading's words (`key`), each part's number (as "\\0N")
    and each part's label (`label`) to its id; `shared`, the words several headings share
    to their ids, and `order` each id to its section's number: a link whose words are
    those of several headings is led to the nearest that follows it, else the nearest
    before it (a compound document holds one agreement's parts twice, Microsoft's
    services agreement in Bing's terms, and a table of contents precedes its parts), and
    stays where two are as near. Words several headings merely hold decide nothing."""
    shared, order = shared or {}, order or {}
    holders: dict[str, set[str]] = {}  # a heading's word → the ids of the headings holding it
    titled = {s.id: set(key(s.title).split()) for s in sections}
    worded: dict[str, set[str]] = {}  # every heading's words, inner headings' too
    for words, made in named.items():
        if words[:1] not in ("\0", "\1"):
            worded.setdefault(made, set()).update(words.split())
        for word in words.split():
            holders.setdefault(word, set()).add(made)
    id_words = {s.id: set(key(_ANCHOR_GAPS.sub(" ", s.id)).split()) for s in sections}
    spellers: dict[str, set[str]] = {}  # a word of a section's id → the ids holding it
    for made, spelt in id_words.items():
        for word in spelt:
            spellers.setdefault(word, set()).add(made)
    stemmed: dict[str, set[str]] = {}  # the same, by the words' stems (`lexdocs.stems`)
    for word, held in holders.items():
        stemmed.setdefault(stems(word), set()).update(held)

    def at(k: int) -> Callable[[re.Match[str]], str]:
        def near(found: set[str] | None) -> str | None:
            """The one of `found` nearest after the `k`th section (or in it), else the
            nearest before it."""
            if not found:
                return None
            ranked = sorted((order.get(i, -10**6) < k, abs(order.get(i, -10**6) - k), i)
                            for i in found)
            if len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]:
                return None  # as near, on the same side: nothing decides
            return ranked[0][2]

        return lambda m: lead(m, near)

    def lead(m: re.Match[str], near: Callable[[set[str] | None], str | None]) -> str:
        a = m[2]
        if a in ids:
            return m.group()
        text = key(m[1])
        number = _SECTION_CITED.fullmatch(text) or _ANCHOR_CITED.fullmatch(a)
        spelt = _ANCHOR_GAPS.sub(" ", a)  # the anchor's words: "#key-terms-2", key terms 2
        cited = label(m[1]) or label(spelt)  # "Exhibit A"
        said = key(spelt)
        anchor_stems = _anchor_words(said)
        shown = _TITLE_AFTER.match(m.string, m.end())  # the title a pointer shows
        title = key(shown[1]) if shown else ""
        made = (named.get(text) or near(shared.get(text))
                or (named.get(cited) if cited else None)
                or (named.get(title) if title else None)
                or _numbered_alike(dotted(m[1]) or (dotted(shown[1]) if shown else "")
                                   or dotted(a, anchor=True), (text, title, said),
                                   named, worded)
                or (named.get(f"\0{number[1]}") or near(shared.get(f"\0{number[1]}"))
                    or _holding(anchor_stems, stemmed, least=1)
                    if number else
                    _holding(text, holders) or _listed_as(m, text, named, titled)
                    # the anchor's own words, when the link's are a sentence ("[We use
                    # personal data to make Reddit a better place.](#information-use)",
                    # Reddit's summary, for "How We Use Your Information"): the one
                    # heading that holds them all
                    or _holding(anchor_stems, stemmed)
                    or _cited_with_title(text, named, titled)
                    or _holding(stems(text), stemmed)
                    or _held(text, holders, worded)
                    # or of its id, kept from a title it had ("california-notice-at-
                    # collection" for "California & Other U.S. States Notice at Collection")
                    or _held(text, spellers, id_words)
                    or _worded_alike(text, worded)))
        return m.group()[:m.start(2) - m.start()] + made if made else m.group()

    return at


_SECTION_CITED = re.compile(r"(?:section|article|part|chapter)\s+(\d{1,3})")
_ANCHOR_CITED = re.compile(r"(?:section|article|part|art|chapter)[-_]?(\d{1,3})", re.I)
"""An anchor that names a part by its number (`#section-6`, `#article1`, X's `#chapter2`):
the part numbered so, whatever the link's words ("Interactive service and conduct" for "6.
INTERACTIVE SERVICES AND CONTENT", Rightmove's; "Learn how we make your info work" for "2.
How We Use Information", X's)."""
_CITED_TITLED = re.compile(r"(?:section|article|part|chapter)\s+(\d{1,3})\s+(\S.*)")
_ANCHOR_GAPS = re.compile(r"[-_.]+")
_TITLE_AFTER = re.compile(r'>?[ \t]+"([^"\n]{1,200})"[ \t]*\)')
"""A link's title after its anchor (`[Learn what's viewable & searchable](#x-privacy-3.1
"3.1 When you Tweet, post, and share.")`, X's privacy policy as archived): the part the
page's pointer showed it led to, by number and title."""
_KIND_LAST = re.compile(r"(?<=\S) (?:polici|section|part|chapter|\d{1,2})$")
"""The kind of part an anchor ends by naming, stemmed, which its heading need not say
("#be-safe-policy" for "Be safe", LinkedIn's community policies), or the count a page
gives an anchor that another has already ("#key-terms-2", LinkedIn's terms, for "LinkedIn
and Other Key Terms"): left out where two words stay (`_anchor_words`)."""


_SPELT_OUT = {"eu": "european union", "eea": "european economic area", "uk": "united kingdom",
              "usa": "united states"}
"""The places an anchor shortens that a heading writes in full ("#outside-eu" for "If you
live outside the European Union, …", X's terms)."""


def _anchor_words(words: str) -> str:
    """An anchor's words (`key`) by their stems, the places it shortens spelt out, less
    the last when it names the kind of part, or counts the anchor and two words are left
    ("covid-19" keeps its number)."""
    words = stems(" ".join(_SPELT_OUT.get(w, w) for w in words.split()))
    less = _KIND_LAST.sub("", words)
    if less != words and words.split()[-1].isdigit() and " " not in less:
        return words
    return less


def _cited_with_title(text: str, named: dict[str, str], titled: dict[str, set[str]]
                      ) -> str | None:
    """The part a link cites by its number and its title, when the title is the part's
    ("[Section 3 ‘Personal data we collect about you’](#_djeb6mmnhu1p)", Spotify's policy,
    whose anchors a copy of a shared document lost, for "3. Personal data we collect about
    you"): a number alone may have moved, a title as well confirms it."""
    cited = _CITED_TITLED.fullmatch(text)
    made = named.get(f"\0{cited[1]}") if cited else None
    if cited is None or made is None or not set(cited[2].split()) <= titled.get(made, set()):
        return None
    return made


def _numbered_alike(number: str, texts: tuple[str, ...], named: dict[str, str],
                    worded: dict[str, set[str]]) -> str | None:
    """The part numbered as a link's words, title or anchor number it, in parts ("5.6"),
    when half the words of the link, its title or its anchor at least are that part's
    title's (X's "[Learn what's viewable & searchable](#x-privacy-3.1 "3.1 When you Tweet,
    post, and share.")" for "3.1 When you post and share."):
    Telegram's change log links "[5.6. No Ads Based on User Data](#5-6-no-ads-based-on-
    user-data)" to the part since retitled "5.6. No Ads Based on Contents of Chats or
    Contact Lists", its German edition "[Abschnitt 6.3](#6-3-welche-daten-an-bots-
    ubermittelt-werden)" to "6.3. Welche personenbezogenen Daten an Bots übermittelt
    werden"."""
    made = named.get(number) if number else None
    title = worded.get(made, set()) if made is not None else set()
    return made if made is not None and any(_mostly(t, title) for t in texts) else None


def _mostly(text: str, title: set[str]) -> bool:
    """Whether half a link's words at least are a title's."""
    words = set(text.split())
    return bool(words) and 2 * len(words & title) >= len(words)


_ITEM_NUMBER = re.compile(r"[ \t]*(\d{1,3})\\?[.)][ \t]*")


def _listed_as(m: re.Match[str], text: str, named: dict[str, str],
               titled: dict[str, set[str]]) -> str | None:
    """The part a table of contents' item numbers, when the link is all the item holds
    and shares half its words with that part's title at least: "4. [Comment nous
    utilisons les données](#CH4)" for "4. Pourquoi et comment nous utilisons vos
    données"."""
    start = m.string.rfind("\n", 0, m.start()) + 1
    item = _ITEM_NUMBER.fullmatch(m.string, start, m.start())
    made = named.get(f"\0{item[1]}") if item else None
    return made if made is not None and _mostly(text, titled.get(made, set())) else None


def _held(text: str, holders: dict[str, set[str]], worded: dict[str, set[str]]
          ) -> str | None:
    """The one heading (or id) whose words the link's hold all, and most of them:
    "[California Privacy Notice at Collection](#_hfpe4383ebsbs)", Zoom's privacy statement
    as archived, for the part whose id, kept from an earlier title, is
    "california-notice-at-collection". Three words at least, and three in four of the
    link's: a heading of one or two words is held by too many links. The headings are
    found by the link's rarer words, each looked up once."""
    words = set(text.split())
    if not 3 <= len(words) <= _HELD_MOST:
        return None
    found = {i for w in words if len(holders.get(w, ())) <= _HELD_RARE
             for i in holders.get(w, ())
             if len(worded.get(i, ())) >= 3 and worded[i] <= words
             and 4 * len(worded[i]) >= 3 * len(words)}
    return found.pop() if len(found) == 1 else None


def _worded_alike(text: str, worded: dict[str, set[str]]) -> str | None:
    """The one heading that shares four words at least with a link and differs from it by
    one word at most, of the same meaning (`_but_one`): "[Section 4. How Long We Keep
    Your Personal Information](#how-long-we-keep-your-information)", Coinbase's privacy
    policy as archived, for "How Long We Retain Your Personal Information" (its build
    stopped on it). A part cited by its word and number ("Section 4", `_SECTION_CITED`)
    is no word of a title; two headings as near decide nothing."""
    words = set(_SECTION_CITED.sub(" ", text).split())
    if not 4 <= len(words) <= _HELD_MOST:
        return None
    found = [i for i, held in worded.items() if len(held & words) >= 4
             and _but_one(sorted(words - held), sorted(held - words))]
    return found[0] if len(found) == 1 else None


def _but_one(said: list[str], titled: list[str]) -> bool:
    """Whether a link's words and a title's differ by one word the title adds ("How We
    Collect Information" for "How We Collect Personal Information") or one the title says
    otherwise, in a word of the same meaning ("Keep" for "Retain"): never by a word that
    names another thing ("Terms of Use for Fans" is no link to "… for Creators")."""
    return len(titled) <= 1 and (not said or (
        len(said) == 1 and same_meaning(said, titled) is not None))


_HELD_MOST = 12
"""The most words a link may have to land on a heading its words hold: a longer one is a
sentence, which `_holding` reads by its anchor's words."""
_HELD_RARE = 50
"""A word more headings hold than this finds no heading: it would read every heading."""


def _holding(text: str, holders: dict[str, set[str]], least: int = 2) -> str | None:
    """The one heading whose words hold all of a link's (two at least): the table of
    contents' shorter "How We Use Data" for the heading "4. Why and How We Use Your
    Data". One word is enough (`least`) where the link cites a part by a number no part
    has and its anchor is the word ("[Section 3](#options)", Wikimedia's cookie
    statement, its parts unnumbered, for "What are my cookie options?")."""
    words = set(text.split())
    if len(words) < max(least, 1) or not words <= holders.keys():
        return None
    found = set.intersection(*(holders[w] for w in sorted(words, key=lambda w: len(holders[w]))))
    return found.pop() if len(found) == 1 else None
