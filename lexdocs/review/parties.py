"""Who a text names as receiving data: organisations by their names, kinds of recipient
("advertising partners"), and whatever a disclosing sentence shares *with* (`withwhom`).

A name is a party only when `names.who` says it is an organisation: not the
organisation itself or its products, a feature, a document, a place, a language or an
acronym. Where a name in capitals begins and ends, and which capitals name no one, is
`capitals`' concern. What facts.py reports as "a third party was added" comes from here,
so a false third party is a false reason in a published redline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lexdocs.review.capitals import CAP_RUN, COMPANY, names_in
from lexdocs.review.lexicon import (
    DATA_LIST,
    GROUND_RE,
    LABEL,
    OWN_LIST,
    RECIPIENT_LABEL,
    RECIPIENT_RE,
    key,
    lexical,
)
from lexdocs.review.names import (
    is_own,
    makes_party,
    not_recipient,
    who,
)
from lexdocs.review.runin import echoed_labels_masked
from lexdocs.review.terms import defined_terms
from lexdocs.review.withwhom import shared_with

# What follows a name in parentheses says what it is or how it is called, "Stripe, Inc.
# (payment processor)", "Johnson Services (JJS)": the same recipient, not another. On the
# same line: a paragraph that opens with "(a)" after one that ends in a capital ("…
# Clauses", then "(a) The Parties …", the clauses Snap's policy appends) is no alias, and
# taking it out had run the two paragraphs into one name.
_ALIAS = re.compile(r"((?<![\w.])[A-Z][\w&'’.-]*)[ \t]*\([^()\n]{1,60}\)")


def recipients(text: str, lex: str, own: frozenset[str] = frozenset(),
               made: frozenset[str] = frozenset(), headings: frozenset[str] = frozenset()
               ) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Who may receive data (key → display): capitalised names that are organisations
    (`names.who`: not the organisation itself or its products, not a feature, document,
    place, language or acronym, nor one the organisation lists as its own products,
    services or websites, nor a bullet's label); then kinds of recipient in any case and
    whatever a disclosing sentence shares *with* ("we share it with mortgage lenders").
    Grounds for disclosure are taken out first: "a merger" or "a government request" is
    why data is handed over, not who gets it. `own` holds the organisation's own names,
    `made` the products the text names (`products.products`), `headings` the blocks the
    source marks as headings (their words, white space single): their capitals name no
    one, as a heading's in Title Case do not ("#### Transaction information, Subscription
    and licensing data", GitHub's statement as archived). Last, the other names, whose
    words are theirs too ("Assigned Names" is no data category "name")."""
    kinds: dict[str, str] = {}
    written = text
    heads = frozenset(i for i, b in enumerate(text.split("\n\n"))
                      if " ".join(b.split()) in headings) if headings else frozenset()
    text = echoed_labels_masked(text)  # "Device Phonebook. … your device's phonebook"
    if "(" in text:
        text = _ALIAS.sub(r"\1", text)
        lex = lexical(text)
    lex = _modifiers(text, GROUND_RE.sub(" \ue000 ", lex))
    for m in RECIPIENT_RE.finditer(lex):
        if not_recipient(lex, m):
            continue
        kinds.setdefault(key(RECIPIENT_LABEL[m.group()]), m.group())
    defined = defined_terms(written)
    for k, phrase in shared_with(text, own, made, defined).items():
        kinds.setdefault(k, phrase)
    text = DATA_LIST.sub(" \ue000 ", text)  # its items are kinds of data
    # A bullet's label written as a phrase ("Webpage data for Snippets:") names its item,
    # not a recipient; one that is only a name ("Acme:", "Acme Corp:") may be one.
    text = LABEL.sub(lambda m: " \ue000:" if re.search(r"(?<![\w.])[a-z]", m.group())
                      else m.group(), text)
    text = OWN_LIST.sub(" \ue000 ", text)
    if heads and text.count("\n\n") != written.count("\n\n"):
        heads = frozenset()  # a mask took a block's break: its places no longer hold
    every = {k: as_written(n, written) for k, n in names_in(text, defined, heads).items()}
    names = {k: n for k, n in every.items()
             if not RECIPIENT_RE.fullmatch(lexical(n)) and who(n, own, made) == "organisation"}
    # "with Stripe, Inc." also reads as the object "Stripe", "with Marks & Spencer" as
    # "Marks", and "with the Saudi Data and Artificial Intelligence Authority" as
    # "Artificial" (its five words cut at "and"): one recipient, named in full. A kind that
    # describes the name after it ("our third-party ad platform Adzerk") is that
    # recipient, named.
    whole = [f" {n.casefold()} " for n in names.values()]
    kinds = {k: p for k, p in kinds.items()
             if not (p[:1].isupper() and any(n != k and n.startswith(k) for n in names))
             and not (p[:1].isupper() and any(f" {p.casefold()} " in w for w in whole))
             and not (names and _describes(lex, p, names.values()))}
    return names, kinds, [n for k, n in every.items() if k not in names]


def as_written(name: str, text: str) -> str:
    """`name` as `text` writes it, with the short name it defines inside it ("Interactive
    Advertising Bureau (IAB) Europe", read as "Interactive Advertising Bureau Europe"):
    evidence quotes what the reader sees, and the words of the whole name are the name's,
    so "Advertising" there is no purpose."""
    if " " not in name or name in text:
        return name
    gap = r"(?:\s*\([^()]{1,60}\))?\s+"
    found = re.search(gap.join(map(re.escape, name.split())), text)
    return found.group() if found else name


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
    for m in CAP_RUN.finditer(text) if " " in text else ():
        run = lexical(m.group())
        if " " not in run or len(run) != len(m.group()):
            continue
        for k in RECIPIENT_RE.finditer(run):
            if k.end() < len(run) and run[k.end()] == " ":
                at = lex.find(run)
                if at >= 0:
                    lex = lex[:at + k.start()] + " " * (k.end() - k.start()) + lex[at + k.end():]
    return lex


def own_entities(text: str, own: frozenset[str]) -> dict[str, str]:
    """The organisation's own legal entities `text` names ("GitHub Inc.", "GitHub B.V."):
    each is a legal person. One named beside or instead of another ("GitHub Inc." →
    "GitHub Inc. or GitHub B.V.") is another controller of the data, a party added or
    removed, though the brand is the organisation's own; its name written in full where
    no entity was named ("GitHub" → "GitHub, Inc.") is the same company."""
    found: dict[str, str] = {}
    for m in COMPANY.finditer(text) if own else ():
        ws = m.group().split(" ")  # "Contact GitHub, Inc.": the sentence's verb is no name
        name = next((" ".join(ws[i:]) for i in range(len(ws) - 1)
                     if is_own(" ".join(ws[i:]), own)), "")
        if name:
            found.setdefault(key(name), name)
    return found


def unnamed(lex: str, names: Iterable[str]) -> str:
    """`lex` without the names in it, longest first (multi-word names only: a lone
    capitalised word may be a term at a sentence start)."""
    for n in sorted((lexical(n) for n in names if " " in n.strip()), key=len, reverse=True):
        lex = lex.replace(n, " \ue000 ")
    return lex


def led_by(name: str, others: Iterable[str]) -> bool:
    """Whether `name` is another name the other side writes on its own, with words after
    it ("SalesForce Marketing Cloud" beside "SalesForce"): the same organisation, named
    by its product or by itself."""
    ws = name.casefold().split()
    return any(0 < len(o) < len(ws) and ws[:len(o)] == o
               and not any(makes_party(w) for w in ws[len(o):])  # "Google Partners"
               for o in (x.casefold().split() for x in others))
