"""How a text looks, apart from what it says: formatting, spelling, articles, legal forms.

A change of white space, quote style, letter case or punctuation (`formatting`), a
misspelling corrected or a British spelling made American (`spelling-fix`,
`spelling-variant`), an article put in or taken out, or a company's legal form written
out ("Stripe" → "Stripe, Inc.") changes no fact. materiality.py asks these first, on the
old text with its misspellings already corrected (`fix_spelling`), so that a typo fixed
in a name is not a new third party.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from lexdocs.review import capitals, lexicon
from lexdocs.review.lexicon import Finding
from lexdocs.review.spelling import (
    is_known,
    is_misspelling_fix,
    is_spelling_variant,
    osa,
    spelt_alike,
)
from lexdocs.review.verdicts import Verdict, verdict

__all__ = ["fix_spelling", "legal_form_only", "looks_alike", "looks_only", "only_articles",
           "plain", "same_words"]


def fix_spelling(old: str, new: str, new_words: set[str],
                 spelt_before: frozenset[str] = frozenset()) -> tuple[str, list[str], list[str]]:
    """`old` with each word that `new` merely corrects replaced by its correction, and
    the corrections as "old → new": misspellings fixed, then spelling variants.

    Candidates are old words gone from the whole new text (`new_words`) with a close
    spelling in `new`. A wrong pairing cannot hide an edit: everything else must still
    agree to be called not material.

    Each word looked up is compared with every word `new` has more often: a text
    rewritten to thousands of other words took the square of that (2,000 English words:
    58 s). A known word is looked up only if `new` has another spelling of it (two real
    words are never a fix), and past `_LOOKS` comparisons a word of the texts no more
    words are looked up: what is left is judged as written, which can only make it more
    material. `spelt_before`: the words of the whole old document, as it spelt them."""
    old_forms: dict[str, str] = {}
    new_forms: dict[str, str] = {}
    counts: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
    for text, forms, count in ((old, old_forms, counts[0]), (new, new_forms, counts[1])):
        for w in lexicon.WORD.findall(text):
            forms.setdefault(w.casefold(), w)
            count[w.casefold()] += 1
    # A correction may bring a word the old text already has elsewhere ("Third-rarty
    # vendors … third-party cookies"): what counts is that the new text has it more often.
    more = [n for n in new_forms if counts[1][n] > counts[0][n]]
    spelt: dict[str, set[str]] = {}
    for c in more:
        spelt.setdefault(spelt_alike(c), set()).add(c)
    left = _LOOKS * (len(old_forms) + len(new_forms))
    fixes: dict[str, str] = {}
    typos: list[str] = []
    variants: list[str] = []
    for w in old_forms:
        if w in new_words or not w.replace("'", "").isalpha() or (
                is_known(w) and not spelt.get(spelt_alike(w), set()) - {w}):
            continue
        left -= len(more)
        if left < 0:
            break
        for c in difflib.get_close_matches(w, more, n=3, cutoff=0.6):
            kind = typos if is_misspelling_fix(w, c) or _name_respelt(w, c, spelt_before) else (
                variants if is_spelling_variant(w, c) else None)
            if kind is not None:
                fixes[w] = new_forms[c]
                kind.append(f"{old_forms[w]} → {new_forms[c]}")
                break
    if fixes:
        old = lexicon.WORD.sub(lambda m: fixes.get(m.group().casefold(), m.group()), old)
    return old, typos, variants


def _name_respelt(old: str, new: str, spelt_before: frozenset[str]) -> bool:
    """A word no dictionary knows written as the document already spelt it elsewhere,
    one edit away ("Donetsk and Luhasnk" → "Luhansk", GitHub's trade controls page, whose
    other paragraphs had "Luhansk"): the same name, mended. A name the document did not
    have, or a word a dictionary knows, is still a change."""
    return (new in spelt_before and len(old) >= 5 and not is_known(old)
            and old.isalpha() and osa(old, new) == 1)


_LOOKS = 40
"""Comparisons of a word looked up with a word of `new`, for each word of the texts."""


_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"'})
_PUNCT = re.compile(r"[.,;:!?'\"()\[\]{}\-‐‑‒–—―…·•‣⁃*"  # "*": a Markdown marker shown as text
                    # and signs that are no words: ©, ®, ™, arrows, shapes, dingbats, emoji
                    # (a scraped page's "↵" on a line of its own, Badoo's)
                    "\u00a9\u00ae\u2122\u2190-\u21ff\u2300-\u23ff\u2500-\u27bf\u27f0-\u27ff"
                    "\u2900-\u297f\u2b00-\u2bff\U0001f300-\U0001faff]")
_WS = re.compile(r"\s+")
# White space, but a block boundary stays; a single space, most of a text's, is left as it is
# (replacing each with itself was a fifth of the time `plain` took).
_SPACE = re.compile(r"[^\S\n]{2,}|[^\S\n ]|(?<!\n)\n(?!\n)")
_DIMS = ("white space", "quote style", "letter case", "punctuation")


_SLASHED = re.compile(r"(?<!\S)\S*/(?=[\s.,;:!?)]|$)")
"""A token, from its start, up to a slash that ends it: read once from each token's start."""
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)


def _without_url_slash(m: re.Match[str]) -> str:
    """A web address's trailing slash left out ("example.com/", "example.com/help/"): its
    host has a dot; "Photorealistic/ digital" (Facebook's community standards) is a word
    and a slash. Read a token at a time: a pattern for it backtracked over every dot of
    a long run of them."""
    core = m.group()
    if len(core) < 2 or not core[-2].isalnum():
        return core
    host = _SCHEME.sub("", core, count=1).split("/", 1)[0]
    return core[:-1] if "." in host else core


def _normal(text: str, skip: str = "", hyphen: str = "") -> str:
    """`text` with one kind of formatting folded away, or (no `skip`) all of them:
    "&" is "and", a URL's trailing slash is nothing, a hyphen is `hyphen` ("e-mail" is
    "email", "opt-out" is "opt out": `same_words` tries both)."""
    if skip != "quote style":
        text = text.translate(_QUOTES)
    if skip != "letter case":
        text = text.casefold()
    if skip != "punctuation":
        text = _AMPERSAND.sub(" and ", text) if "&" in text else text
        # a possessive after an s with its own s or without ("business's" → "business'",
        # Google's policy by turns): one word, as a style guide or another writes it
        text = _S_POSSESSIVE.sub("'", text) if "s's" in text else text
        text = _SLASHED.sub(_without_url_slash, text) if "/" in text else text
        text = lexicon.NOTE_MARK.sub("", text) if "[" in text else text
        text = _PUNCT.sub("", _JOINING_HYPHEN.sub(hyphen, text))
    return text if skip == "white space" else " ".join(text.split())


_AMPERSAND = re.compile(r"\s&\s")
_S_POSSESSIVE = re.compile(r"(?<=s)'s\b")
_JOINING_HYPHEN = re.compile(r"(?<=\w)[-‐‑](?=\w)")


def same_words(a: str, b: str, skip: str = "") -> bool:
    """Equal once formatting is folded; white space folded wholly too ("from.Learn" →
    "from. Learn", "privacy [at] github" → "privacy[at]github"), unless it is the
    dimension being told apart (`skip`)."""
    if any(_normal(a, skip, h) == _normal(b, skip, h) for h in ("", " ")):
        return True
    return skip != "white space" and _normal(a, skip).replace(" ", "") == _normal(
        b, skip).replace(" ", "")


_ARTICLES = frozenset(["a", "an", "the"])


def only_articles(old: str, new: str) -> tuple[str, ...]:
    """The articles added or removed, if nothing else differs ("a independent" → "an
    independent"): grammar, not meaning."""
    a, b = Counter(_normal(old).split()), Counter(_normal(new).split())
    diff = set((a - b) + (b - a))
    return tuple(sorted(diff)) if diff and diff <= _ARTICLES else ()


def _folded(text: str) -> str:
    """`text` (quotes and white space already normalised) without letter case, the quotes
    around it or a final full stop."""
    return text.casefold().strip(' ."\'')


def looks_only(fixed: str, new: str, typos: list[str], variants: list[str]
               ) -> Verdict | None:
    """Formatting, spelling fixes or spelling variants, if that is all that differs."""
    if not same_words(fixed, new):
        return None
    dims = [d for d in _DIMS if not same_words(fixed, new, d)]
    style: list[Finding] = [("formatting", tuple(dims))] if dims else []
    if typos:
        return verdict(False, "spelling-fix", typos,
                       ([("spelling-variant", tuple(variants))] if variants else []) + style)
    if variants:
        return verdict(False, "spelling-variant", variants, style)
    return verdict(False, "formatting", dims)


def legal_form_only(old: str, new: str) -> tuple[str, ...]:
    """A company's legal form written or dropped, and nothing else ("Stripe" → "Stripe,
    Inc."): one company (evidence: the names as written, old → new). A form changed for
    another ("Acme Inc." → "Acme Ltd.") is another legal person, and stays material."""
    a, b = list(capitals.LEGAL_FORM.finditer(old)), list(capitals.LEGAL_FORM.finditer(new))
    if not (a or b) or (a and b) or not same_words(capitals.LEGAL_FORM.sub("", old),
                                                     capitals.LEGAL_FORM.sub("", new)):
        return ()

    def named(m: re.Match[str]) -> tuple[str, str]:
        name = m.string[m.string.rfind(" ", 0, m.start()) + 1:m.start()]
        return name, name + m.group()

    pairs = [named(m) for m in a or b]
    bare, full = [p[0] for p in pairs], [p[1] for p in pairs]
    return (*full, "→", *bare) if a else (*bare, "→", *full)


_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\ue000-\uf8ff"
                        "\U000f0000-\U0010ffff]")


def visible(text: str) -> str:
    """`text` without the characters no reader sees: a word joiner, a zero-width space or
    a soft hyphen. A page that puts one after a link's words for its icon (OpenAI's
    terms, "Usage Policies⁠") and, in its next edition, two, says the same words: "the
    wording changed ('Use⁠' → 'Use⁠⁠')" said what no reader could see. So are the
    private-use characters an icon font draws (Bitwarden's privacy policy, as archived,
    put U+E904, a link's icon, before its headings by turns: "the wording changed
    ('\ue904Notice' → 'Notice')"); taken out first, they cannot pass for the marks the
    rules put in the text either."""
    return _INVISIBLE.sub("", text)


def plain(text: str) -> str:
    """`text` with its quotes made straight and its white space single, a paragraph break
    kept: what the rules that read words compare."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def looks_alike(plain_old: str, plain_new: str) -> bool:
    """The same words in the same order, only in other capitals, spacing, quotes or a
    final stop, or with a paragraph break lost or put in."""
    return _folded(plain_old) == _folded(plain_new) or _WS.sub("", plain_old) == _WS.sub(
        "", plain_new)


_DRAFTING_NOTE = re.compile(
    r"\[(?:add|insert|include|link|tbd|tbc|todo|to be (?:added|confirmed|defined|determined)|"
    r"placeholder|x{2,})\b[^\[\]\n]{0,200}\](?![(\[])", re.IGNORECASE)
"""A drafter's note to themselves, in square brackets ("[add link]", "[add (link to) list
naming all used providers …]", Travis CI's terms and agreement, "[TBD]"): it binds no one,
so putting it in or taking it out changes nothing a reader agreed to. A bracketed phrase
that is a link's words (`[add](…)`) is no note."""


def without_drafting_notes(text: str) -> tuple[str, list[str]]:
    """The text without its drafters' notes (`_DRAFTING_NOTE`), and the notes."""
    if "[" not in text:
        return text, []
    notes = [m.group() for m in _DRAFTING_NOTE.finditer(text)]
    return (_DRAFTING_NOTE.sub("", text), notes) if notes else (text, [])
