"""The terms a text defines: capitalised, they are those terms wherever they stand, and
no one who receives data.

A policy defines its terms in several ways: with their plural ("Track(s)"), as a name for
what it describes ("(together referred to as "Dialogues")", "(“Minor”)"), as defined
elsewhere ("a Minor (defined below)"), as an acronym of the words before it ("unique
identifier number (UIN)"), or in a definition ("“Company” means …"). `parties` reads the
terms of the text a change touches, and `materiality.document_words` those of the whole
version, so that a term defined in one part is known in another.
"""

from __future__ import annotations

import re

from lexdocs.render import markup
from lexdocs.review.align import opcodes
from lexdocs.review.lexicon import WORD, key
from lexdocs.review.spelling import is_known

__all__ = ["defined_terms", "labels_joined", "term_renamed"]

_DEFINED = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}(?=\(s\))")
_DEFINED_AS = re.compile(r"\b(?:referred to as|collectively|together|hereinafter|each an?|the)"
                         r"[ ,]+[\"“]([A-Z][\w-]*(?: [A-Z][\w-]*){0,3})[\"”]")
_DEFINED_PAREN = re.compile(r"\([\"“]([A-Z][\w-]*(?: [A-Z][\w-]*){0,3})[\"”]\)")
"""A term defined in parentheses after what it describes: "individuals under the age of
13 (…) (“Minor”)" (WeChat's privacy policy). After a name that holds it ("Acme Inc.
(“Acme”)") it is the name's short form, and stays a name (`_DEFINED_BEFORE`)."""
_DEFINED_BEFORE = 80
_DEFINED_MEANS = re.compile(r"[\"“]([A-Z][\w-]*(?: [A-Z][\w-]*){0,5})[\"”][ \t]+(?:shall[ \t]+)?"
                            r"(?:means?|ha(?:s|ve)[ \t]+the[ \t]+meaning|refers?[ \t]+to)\b")
"""A term a definition gives, its meaning after it: "“USA Data Protection Requirements”
means any and all Applicable Law related to data protection …", "“Company” means the
entity that entered into the Agreement with Meta" (Meta's data transfer addendum, where
both were "a third party was added")."""
_DEFINED_ELSEWHERE = re.compile(r" \((?:as )?defined (?:below|above|herein|later)\)")
_TERM_BEFORE = re.compile(r"(?<![\w-])([A-Z][\w-]{0,40})$")
"""A term whose definition is elsewhere: "a Minor (defined below)". The mark is found
first and the term looked for in the few characters before it: a pattern tried at every
capital cost a whole document's read for each one, and one tried from each capital of
"A-A-A-…" read to the end (a run's length squared)."""
_ACRONYM = re.compile(r"\(([A-Z]{2,6})s?\)")
_SMALL_WORDS = frozenset(["of", "and", "the", "for", "to", "a", "an", "or"])


def _abbreviated_terms(text: str) -> list[str]:
    """Acronyms the text gives for words in lower case before them (the first may open a
    sentence): "unique identifier number (UIN)" (WeChat's privacy policy), "Non-consensual
    intimate images (NCII)" (Pinterest's community guidelines) abbreviate terms, and each
    was "a third party was added". An organisation's ("Interactive Advertising Bureau
    (IAB)") is written in capitals and stays a name."""
    out = []
    for m in _ACRONYM.finditer(text):
        short = m.group(1)
        before = text[max(0, m.start() - 80):m.start()]
        for pattern in (r"[\w-]+", r"[^\W_]+"):  # "Non-consensual" as one word, or two
            words = [w for w in re.findall(pattern, before)
                     if w.casefold() not in _SMALL_WORDS][-len(short):]
            if (len(words) == len(short) and all(w[:1].islower() for w in words[1:])
                    and "".join(w[0] for w in words).upper() == short):
                out.append(short)
                break
    return out


def defined_terms(text: str) -> frozenset[str]:
    """The terms `text` defines with their plural ("Track(s) - a programming language track
    on Exercism", Exercism's terms) or as a name for what it describes ("the Inputs and
    Outputs information (together referred to as "Dialogues")", DeepSeek's privacy
    policy): such a term is that term wherever it is capitalised ("A Mentor belongs to a
    Track", "any Dialogues you share"), no one who receives data. A company's short name
    ("Acme Inc. ("Acme")") is given without such words, and stays its name."""
    terms = ([m.group() for m in _DEFINED.finditer(text)] if "(s)" in text else []) + [
        m.group(1) for m in _DEFINED_AS.finditer(text)] + [
        t[1] for m in _DEFINED_ELSEWHERE.finditer(text)
        if (t := _TERM_BEFORE.search(text, max(0, m.start() - 42), m.start()))
    ] + _abbreviated_terms(text) + [
        m.group(1) for m in _DEFINED_MEANS.finditer(text)] + [
        m.group(1) for m in _DEFINED_PAREN.finditer(text)
        if m.group(1).casefold() not in text[max(0, m.start() - _DEFINED_BEFORE):m.start()
                                             ].casefold()]
    return frozenset(k for t in terms for k in (key(t), key(t + "s")))


def term_renamed(old: str, new: str, gone: frozenset[str], came: frozenset[str]
                 ) -> tuple[str, ...]:
    """Each term renamed ("Expert Services" → "Professional Services") when that is all
    that differs: the old document defined the old term and no longer does, the new one
    defines the new term and did not before (`gone`, `came`: `defined_terms` keys), and
    every changed run of words, with the words beside it, spells one for the other. A
    contract that renames what it defines (GitHub's corporate terms, 2024, the definition
    itself unchanged) says the same; "the wording changed" at each use said otherwise."""
    if not gone or not came:
        return ()
    a, b = WORD.findall(old), WORD.findall(new)
    said: dict[str, None] = {}
    for tag, i1, i2, j1, j2 in opcodes([w.casefold() for w in a], [w.casefold() for w in b]):
        if tag == "equal":
            continue
        if tag != "replace":
            return ()
        found = next(((x, y) for before in range(4) for after in range(4)
                      if i1 - before >= 0 and j1 - before >= 0
                      and key(" ".join(x := a[i1 - before:i2 + after])) in gone
                      and key(" ".join(y := b[j1 - before:j2 + after])) in came), None)
        if found is None:
            return ()
        said.setdefault(f"{' '.join(found[0])} → {' '.join(found[1])}")
    return tuple(said)


def labels_joined(html: str) -> frozenset[str]:
    """The keys of the bold labels joined by "&" that open a section's items ("**Analytics
    & Optimization:** We use …", "**Intern & Fellow Applicants:**", Mozilla's websites
    notice): the label of what the item says, no company, though "&" joins a company's
    name ("Procter & Gamble") and the dictionary knows its words as it knows the label's
    ("johnson", "gamble"). Only in bold, at an item's start, before a colon, every word an
    English word, the last one a topic's (`_TOPIC_END`): what the build shows, not the
    words alone, tells the two apart."""
    if "&amp;" not in html or not ("<strong>" in html or "<b>" in html):
        return frozenset()
    found = set()
    for block in markup.units(html):
        runs = block.runs
        if not runs or "&" not in runs[0].text or not {"strong", "b"} & set(runs[0].facets):
            continue
        label = runs[0].text.strip()
        after = runs[1].text.lstrip() if len(runs) > 1 else ""
        if not (label.endswith(":") or after.startswith(":")):
            continue
        label = label.rstrip(":").strip()
        words = [w for w in label.split() if w != "&"]
        if 2 <= len(words) <= 6 and all(w[:1].isupper() and is_known(w) for w in words) and (
                _TOPIC_END.search(words[-1])):
            found.add(key(label))
    return frozenset(found)


_TOPIC_END = re.compile(r"(?:s|tion|ment|ity|ing|ance|ence|ics)$")
"""How a label's last word ends: a topic or things of a kind ("Optimization", "Requests",
"Payment", "Security"), as the last word of a company's name joined by "&" seldom does
("Gamble", "Spencer", "Young", "Noble")."""
