"""Edits that only point elsewhere or only title: a sentence saying where to read more
("For more information, see …"), another organisation's policy named as governing its
own practice, a heading added or reworded. They promise nothing themselves; what they
point to is judged where it is written.
"""

from __future__ import annotations

import re

from lexdocs.review import vocabulary as voc
from lexdocs.review.lexicon import (
    BLOCKS,
    CONNECT,
    DATA_RE,
    SENTENCES,
    Finding,
    contrast,
    heading,
    lexical,
    shorten,
    whole_pieces,
    words,
)

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


def harmless_shape(old: str, new: str, headings: bool = True) -> Finding | None:
    """An edit that only adds, removes or rewords headings, or sentences that only point
    elsewhere ("For more information, see …"), or only adds steps to follow in the
    product ("HEY: navigate to … and select "Cancel your account"."), and leaves every
    other sentence as it was. A heading is known by its shape, unless `headings` is
    False: the build knows a block to be a table's data cell, however short."""
    for kind, split, test in (("heading", BLOCKS, heading if headings else _never),
                              ("cross-reference", SENTENCES, _pointer),
                              ("instructions", BLOCKS, _instruction)):
        a, b = whole_pieces(old, split), whole_pieces(new, split)
        came, gone = [b[k] for k in b if k not in a], [a[k] for k in a if k not in b]
        if kind == "instructions" and (gone or not any(
                _STEP.search(_STEP_LABEL.sub("", p, count=1)) for p in came)):
            continue  # steps taken away may leave a reader no way to do what they did
        if (came or gone) and all(map(test, came + gone)) and (
                kind != "heading" or not _full_stop(old, new, set(a) ^ set(b), split)):
            change = "changed" if came and gone else "added" if came else "removed"
            if len(gone) == len(came) == 1:  # shown where it differs: cut at its 60th
                was, now = contrast(gone[0], came[0])  # character, it could read the same
                gone, came = [was], [now]              # on both sides of the arrow
            else:
                gone, came = [shorten(p) for p in gone], [shorten(p) for p in came]
            return (f"{kind}-{change}", (*gone, "→", *came) if came and gone else
                    tuple(came or gone))
    return None


def _never(_: str) -> bool:
    return False


# A step to follow in the product's own screens: "navigate to "Account & Billing" from the
# Me menu and select …", "can be deleted by clicking "Delete writeboard" below …", a
# control the product offers and how to use it.
_STEP = re.compile(
    r"^(?:(?:to [^,]{1,60}, )?(?:then )?(?:navigate|go|click|tap|select|choose|open|press|"
    r"head)\b|[^.]{0,80}\bcan be \w+ (?:by|from|via|in|under) (?:clicking|tapping|selecting|"
    r"going|navigating|opening|pressing)\b|"
    # "You can remove this functionality at any time by turning off sponsored suggestions"
    r"you can [^.]{0,80}\bby (?:clicking|tapping|selecting|going|navigating|opening|"
    r"pressing|turning (?:it |them )?(?:off|on)|toggling)\b)", re.I)
_STEP_LABEL = re.compile(r"^[^.:]{1,40}:\s+")


def _instruction(block: str) -> bool:
    """A block that only says which screens to go through ("HEY: navigate to …"), or the
    short name heading such steps ("Ta-da List"): how to use the product, which states
    no practice as long as nothing in it is handed over."""
    if voc.DISCLOSURE_VERB.search(block):
        return False
    if heading(block):
        return True
    body = _STEP_LABEL.sub("", block.strip(), count=1)
    return all(_STEP.search(s.strip()) for s in SENTENCES.split(body) if s.strip())


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


def is_pointer(text: str) -> bool:
    """Whether a block or sentence only says where to read (`_pointer`), as written."""
    return _pointer(text.strip(" .;:,"))


LINK_WORDS = 12
"""Words a link's own text may have and still only name where it leads."""


def link_label(text: str) -> bool:
    """Whether the words of a block that is nothing but a link can only name where it
    leads ("Jetpack Privacy Center", "Microsoft (Bing)"): short, and handing nothing over
    ("We share your data with Acme", linked whole, states a practice)."""
    return (0 < len(text.split()) <= LINK_WORDS and not voc.DISCLOSURE_VERB.search(text)
            and not _STATES.search(text))


def _full_stop(old: str, new: str, keys: set[str], split: re.Pattern[str]) -> bool:
    """Whether a piece keyed in `keys` ends with a full stop as written: a sentence, not a
    heading ("We use Acme Post." shows as "We use Acme Post")."""
    return any(p.rstrip().endswith(".") and " ".join(
        w for w in words(p) if w not in CONNECT) in keys
        for t in (old, new) for p in split.split(t))


_READ_ON = re.compile(r"\b(?:read on|for more (?:information|details)|learn more|read more)\b",
                      re.I)


_ABOUT_TEXT = re.compile(r"\b(?:summary|version|section|below|above|this (?:notice|policy|"
                         r"statement|page))\b", re.I)


def about_reading(text: str) -> str:
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
                and not DATA_RE.search(lexical(sentence)))


_QUOTED = re.compile(r"“([^“”\n]{5,150})”|\"([^\"\n]{5,150})\"")
_CITES = re.compile(r"\b(?:sections?|titled|entitled|called|named|headed|heading|see|under|"
                    r"described\s+in|set\s+out\s+in|in\s+(?:the|our|this))"
                    r"\b[^.;:\n“”\"]{0,40}$", re.IGNORECASE)
_CITED_AS = re.compile(r"[ \t]+(?:section|part|chapter|heading)\b", re.IGNORECASE)
"""What cites a title just before it ("the section … called", "see", "titled", "as
described in") or after it ("the “Our Collection and Use of Personal Data” section",
Pinterest's): a quote
elsewhere ("share your data with “How We Work With Zendesk Inc”") is no title cited, and
blanking it would hide whom the sentence shares with."""
_TITLE_SMALL = frozenset(str.split("a an and or of the to for with in on at by about from if as "
                                   "into vs"))
_TITLE_VOICE = frozenset(str.split("how what why when where who we you your our us if"))


def cited_titles_masked(text: str) -> str:
    """`text` with the titles it cites in quotes blanked out: "the section in the
    Instagram Terms called “Our Agreement and What Happens if We Disagree”" (Threads'
    terms: "a third party was added (Disagree)"), "see “How We Share Information With
    Partners”" (a kind of recipient, "partners", read from a title). A title points to
    what is said elsewhere, which is judged where it is written. A title is cited ("see",
    "the section called", "titled" just before it) and is three words or more in Title
    Case that speaks as a section does ("How", "We", "Your" …) or opens with a verb in
    "-ing" ("Sharing Data With Service Providers"); a company's name in quotes is none."""
    if "“" not in text and '"' not in text:
        return text
    return _QUOTED.sub(_blank_title, text)


def _blank_title(m: re.Match[str]) -> str:
    if not (_CITES.search(m.string, max(0, m.start() - 60), m.start())
            or _CITED_AS.match(m.string, m.end())):
        return m.group()
    ws = (m.group(1) or m.group(2)).split()
    if len(ws) < 3 or not ws[0][:1].isupper() or sum(w[:1].isupper() for w in ws) < 2:
        return m.group()
    if not all(w[:1].isupper() or w.casefold() in _TITLE_SMALL for w in ws):
        return m.group()
    if not (_TITLE_VOICE & {w.casefold().strip("?.,:") for w in ws}
            or ws[0].casefold().endswith("ing")):
        return m.group()
    return m.group()[0] + "\ue000" * (len(m.group()) - 2) + m.group()[-1]
