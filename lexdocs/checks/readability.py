"""Readability of what readers see: Flesch reading ease and Flesch–Kincaid grade.

GDPR Art. 12(1) asks for "clear and plain language" and the CCPA regulations
(11 CCR §7003(a)) for notices that are "easy to read and understandable". A
score cannot prove either, but a falling score is an early warning a lawyer can
act on before a regulator reads the page. The summary pages exist to be the
easy layer, so their document.yml declares a target (`readability: {target: 50}`);
a document without one is measured but not judged.

The score is computed on the visible text, one block (paragraph, list item,
heading, table cell) at a time, because that is how the page is read:

- A block that does not end a sentence (a heading, a table cell, a list item
  ending in ";") is closed with a full stop. Otherwise Flesch counting would read a
  whole table, or a heading and the paragraph under it, as one long sentence.
- Web and e-mail addresses are replaced by the word "link": readers do not
  read an address as prose, and its dots would split sentences.
- Abbreviations whose dots are not sentence ends ("U.S.", "e.g.") lose them.

The counting is the Flesch formulas' own, done here with Pyphen's hyphenation
dictionaries (package data, offline), as textstat 0.7.3 did. Later textstat
releases count syllables from NLTK's pronunciation corpus, which they download
at first use, and 0.7.3 imports setuptools' `pkg_resources`, which current
setuptools no longer ships: a build must work offline on every supported Python.
The counts and the rounding are textstat 0.7.3's, so a declared target keeps
the meaning it had when it was set.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

import pyphen

from lexdocs.findings import Finding
from lexdocs.render import markup
from lexdocs.render.templates import RenderedDocument

RULE = "readability-target"

# Each alternative may start only where its run of characters starts (the lookbehinds):
# tried at every position of one long word, `[\w.+-]+@` would rescan the rest of the word
# each time, and a 100,000-character value would take minutes instead of milliseconds.
_ADDRESS = re.compile(r"(?:https?://|mailto:)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                      r"|(?<![\w-])[\w-]+\.(?:com|io|gov|org|net|eu)\b\S*")
_TRAILING = ".,;:!?)]”’\"'"
_ABBREVIATIONS = {"U.S.": "US", "e.g.": "eg", "i.e.": "ie", "etc.": "etc", "Inc.": "Inc"}
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")
# Flesch's counting: punctuation (hyphens and apostrophes too) is not part of a word; a
# sentence runs from a word to its closing marks, and one of two words or fewer (a
# number, a lone heading word) is not counted as a sentence.
_PUNCTUATION = re.compile(r"[^\w\s]")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


@dataclass(frozen=True)
class ReadabilityRow:
    """One measurement: a whole document (`section` None) or one of its sections."""

    doc: str
    section: str | None
    reading_ease: float
    grade: float
    words: int


def prose(html: str) -> str:
    """The visible text of `html` as the Flesch formulas should read it (module docstring)."""
    out = []
    for block in markup.blocks(html):
        text = _ADDRESS.sub(_link, block)
        for abbr, plain in _ABBREVIATIONS.items():
            text = text.replace(abbr, plain)
        text = text.strip().rstrip(";:,")
        if text and not _ENDS_SENTENCE.search(text):
            text += "."
        if text:
            out.append(text)
    return "\n".join(out)


def _link(match: re.Match[str]) -> str:
    """An address becomes "link"; punctuation after it still ends its sentence."""
    found = match.group(0)
    address = found.rstrip(_TRAILING)
    return "link" + found[len(address):]


def measure(text: str) -> tuple[float, float, int]:
    """(reading ease, grade, words) of prepared prose (English: the only language whose
    Flesch constants these are)."""
    words = _words(text)
    per_sentence = _round(len(words) / _sentences(text), 1)
    syllables = _round(sum(_syllables(w) for w in _words(text.lower())) / (len(words) or 1), 1)
    ease = 206.835 - 1.015 * per_sentence - 84.6 * syllables
    grade = 0.39 * per_sentence + 11.8 * syllables - 15.59
    return _round(ease, 2), _round(grade, 1), len(words)


def _words(text: str) -> list[str]:
    return _PUNCTUATION.sub("", text).split()


def _sentences(text: str) -> int:
    found = _SENTENCE.findall(text)
    return max(1, len(found) - sum(1 for s in found if len(_words(s)) <= 2))


@functools.lru_cache(maxsize=8192)
def _syllables(word: str) -> int:
    """A word has one syllable more than the places Pyphen would hyphenate it."""
    return len(_hyphenator().positions(word)) + 1


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def _round(number: float, points: int) -> float:
    """Half away from zero, as the published figures have always been rounded (Python's
    round() would send 50.125 to the even neighbour)."""
    p = 10.0**points
    return math.floor(number * p + math.copysign(0.5, number)) / p


def report(rendered: Mapping[str, RenderedDocument]) -> list[ReadabilityRow]:
    """Each document as a whole, then each of its sections; sections without words are skipped.

    The whole document is measured on its own text, not averaged from its sections, so
    long sections weigh as much as they take to read.
    """
    rows: list[ReadabilityRow] = []
    for name, doc in rendered.items():
        texts = [(s.id, prose(f"<h2>{s.title}</h2>{s.html}")) for s in doc.sections]
        whole = "\n".join(t for _, t in texts)
        if whole.strip():
            rows.append(ReadabilityRow(name, None, *measure(whole)))
        for sid, text in texts:
            ease, grade, words = measure(text)
            if words:
                rows.append(ReadabilityRow(name, sid, ease, grade, words))
    return rows


def target_findings(rendered: Mapping[str, RenderedDocument],
                    targets: Mapping[str, float | None]) -> list[Finding]:
    """A warning for each page whose reading ease is below its declared target.

    `targets` comes from each document's `readability: {target: ...}` (reading ease
    50-60 is "fairly difficult", 10th-12th grade; below 50 is college level). The
    message names the hardest sections, since that is where a rewrite pays.
    """
    judged = {n: t for n, t in targets.items() if t is not None}
    rows = report({n: d for n, d in rendered.items() if n in judged})
    findings = []
    for row in rows:
        if row.section is not None or row.reading_ease >= judged[row.doc]:
            continue
        doc = rendered[row.doc]
        hardest = sorted((r for r in rows if r.doc == row.doc and r.section is not None),
                         key=lambda r: r.reading_ease)[:3]
        worst = ", ".join(f"{r.section} {r.reading_ease:.0f}" for r in hardest)
        path = (str(PurePosixPath(doc.sections[0].path).parent / "document.yml")
                if doc.sections else None)
        findings.append(Finding(
            RULE, "warning",
            f"{row.doc}: reading ease {row.reading_ease:.1f} is below the target "
            f"{judged[row.doc]:g} (grade {row.grade:.1f}); hardest sections: {worst}. "
            "Use shorter sentences and shorter words", path, None))
    return findings
