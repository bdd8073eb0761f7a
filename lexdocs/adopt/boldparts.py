"""A text without headings whose parts are titled by lines in bold, or by lines alone.

A copy of a policy saved from a word processor's page often has no heading at all: each
part opens with a paragraph that is only its title in bold ("**A. COLLECTION OF
INFORMATION**", "**2\\. Use of the Services**"), often after a table of contents written
the same way, or with a line alone that marks nothing ("Information We Collect", "1\\. Who
Can Use the Services"). Imported as it stood, AliExpress's privacy policy was one
"Introduction" of 79 KB, and every redline said "Introduction — modified".

Here the titles of one kind become the sections, the first kind that has `MIN_CLAUSES`
parts: in bold, those labelled alike ("1.", "A.", "II."), then those in capitals, then
those in Title Case (`lexicon.heading`); where none is, lines alone that head some text,
those numbered as text first, then those in capitals, then those in Title Case. Titles in
words alone must mostly differ (X's data processing terms repeat "**Consent**" over each
row of a table the copy flattened: labels, not parts); labelled ones may repeat, as two
agreements in one text number their parts alike. A title of another kind (a sub-part's
"**2.1 Updating your phone number**", a label) stays in its part's text, as written. The
first occurrences of titles that a table of contents lists before the parts stay in the
text before them, and so do a caption right under a title and a title that a paragraph
ending in a colon introduces.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from lexdocs.adopt import bywords
from lexdocs.adopt.clauses import MIN_CLAUSES, Block
from lexdocs.review.lexicon import heading

__all__ = ["parts_in_bold"]

_BOLD_LINE = re.compile(r"^(?:(?:\*\*|__)[^*_\n]{1,120}?(?:\*\*|__)[^\S\n]*){1,3}$")
"""A line that is only bold, in at most three runs: "**K.** **VISITORS FROM THE UNITED
STATES**", a space or a no-break space between, is one title. Its runs hold no mark, so
the search is linear."""
_RUN = re.compile(r"(?:\*\*|__)([^*_\n]+?)(?:\*\*|__)")
_KINDS = (("number", re.compile(r"\d{1,3}\\?[.)](?![\d.])\s*\S")),
          ("letter", re.compile(r"[A-Z]\\?[.)]\s*\S")),
          ("roman", re.compile(r"[IVXL]{1,6}\\?[.)]\s*\S")))
"""Labels of one level: "2." but not "2.1" or "6.1." (a sub-part's), "A.", "IV."."""
_LABELLED = frozenset(["number", "letter", "roman", "plain number"])
_SAID = re.compile(r"[A-Z][^\d.:;!]{0,99}[^\d\s.:;!,]")
"""A title written as a sentence: a capital first, no figure, no stop or colon at its end."""
_LISTED_WORDS = 10
"""The most words of a line under the first entry of a table of contents: sub-parts
listed, not a part's sentences."""
_MOST_WORDS = 15


def parts_in_bold(lines: Sequence[str], live: Sequence[bool], titled: bool = True
                  ) -> tuple[str | None, list[Block]] | None:
    """The document's title, then the text before the first part and one block per part,
    titled as the reader sees it; None unless `MIN_CLAUSES` titles of one kind stand on
    lines of their own (`live`: which lines Markdown reads as text). Unless the document
    is `titled` already, its first line, if it is a title in bold of no part
    ("**AliExpress.com Privacy Policy**"), is its title, and leaves the text."""
    titles = [(i, _words(lines[i])) for i in range(len(lines))
              if live[i] and _BOLD_LINE.match(lines[i]) and _alone(lines, i)]
    titles = [(i, w) for i, w in titles if w and len(w.split()) <= _MOST_WORDS]
    top = next((i for i, line in enumerate(lines)  # the text's first line, a bar of links
                if line.strip() and not _LINKS_ONLY.fullmatch(line)), -1)  # aside
    plain: list[tuple[int, str]] | None = None
    # Titles in bold written as sentences ("**Your choices - how to access and control your
    # personal data**") beside titles in Title Case ("**Identity Data**"), each kind at
    # every level, as Stack Overflow's privacy policy writes them: every title is a part.
    said = [w for _, w in titles if not _kinds(w) and _SAID.fullmatch(w)]
    mixed = frozenset(said) if len(said) >= MIN_CLAUSES else frozenset()
    for kind in ("number", "letter", "roman", "caps", "title", "plain number", "plain caps",
                 "plain"):
        if kind.startswith("plain"):  # no title in bold: lines of words alone, no mark
            if plain is None:  # the text's first line titles it, when nothing else does
                titles = _plain_titles(lines, live)
                plain = [(i, w) for i, w in titles if titled or i != top]
            chosen = _with_text([(i, w) for i, w in plain if _is_plain(w, kind)], lines)
        else:
            chosen = [(i, w) for i, w in titles if kind in _kinds(w) or (
                kind == "title" and w in mixed)]
        chosen = _without_captions(_without_contents(chosen, lines), lines)
        if len(chosen) >= MIN_CLAUSES and (kind in _LABELLED or 4 * len(
                {bywords.key(w) for _, w in chosen}) >= 3 * len(chosen)):
            break  # titles, not a label each row of a flattened table repeats ("Consent");
            # numbered ones may repeat: two agreements in one text number their parts alike
    else:
        return None
    before = list(lines[:chosen[0][0]])
    title = None
    words = dict(titles).get(top, "") if 0 <= top < len(before) else ""
    if not titled and words and not any(c.isdigit() for c in words) and (
            kind.startswith("plain") or heading(words)):
        title, before[top] = words, ""
    out: list[Block] = [(None, "", before)]
    for (start, words), end in zip(chosen, [*(i for i, _ in chosen[1:]), len(lines)],
                                   strict=True):
        out.append((words, "", list(lines[start + 1:end])))
    return title, out


_PLAIN_TITLE = re.compile(r"[^\W\d_][^\d*_\[\]#|<>`\\]{0,79}")
"""A line that may be a title without marks: a letter first, no figure, no Markdown; of
two words at least ("PAH", "PFOS" over a table's rows, in Shein's supplier terms, name
substances, not parts)."""
_LINKS_ONLY = re.compile(r"[ \t]*(?:!?\[[^\[\]\n]*\]\([^()\s]*\)[ \t|·•]*)+")
"""A line of links and nothing else: a site's bar of links a copy of the page kept above
its title ("[About](…)[Careers](…)[Press](…)", one of Quora's archived copies), which
should not make the title a part in that copy and the document's title in the next."""
_PART_WORDS = 12
"""The fewest words of one line at least of a part titled by a line without marks: a
part says something; the lines of an address under "Contact Us" do not."""


def _is_plain(words: str, kind: str) -> bool:
    """Whether an unmarked title is of `kind`: numbered, in capitals, or any ("plain")."""
    if kind == "plain number":
        return _KINDS[0][1].match(words) is not None
    return kind == "plain" or words.upper() == words


def _plain_titles(lines: Sequence[str], live: Sequence[bool]) -> list[tuple[int, str]]:
    """Lines alone that are only a short title in Title Case, with no mark at all
    (Quora's privacy policy, as archived: "Information We Collect", "How We Use Your
    Information and Legal Basis for Processing", each a paragraph of its own), or led by
    a number written as text (`_TEXT_NUMBER`); not a label and its value ("Attn:
    Privacy")."""
    out = []
    for i, line in enumerate(lines):
        number = _TEXT_NUMBER.match(line)
        rest = line[number.end():] if number else line
        words = rest.split()
        if (live[i] and rest[:1].isalpha() and (len(words) > 1 or number)
                and len(words) <= _MOST_WORDS - 3 and _PLAIN_TITLE.fullmatch(rest.strip())
                and _alone(lines, i) and not any(c in rest for c in ":;,?!.")
                and 5 * sum(w[:1].isupper() for w in words) >= 3 * len(words)):
            out.append((i, (number[1] + ". " if number else "") + rest.strip()))
    return out


_TEXT_NUMBER = re.compile(r"(\d{1,3})\\\.[ \t]+")
"""A part's number written as text, its full stop escaped so that no list begins ("1\\.
Who Can Use the Services", Snap's terms as archived): read as "1. Who Can Use …"."""


def _with_text(chosen: list[tuple[int, str]], lines: Sequence[str]
               ) -> list[tuple[int, str]]:
    """`chosen` less each title with no line of `_PART_WORDS` words under it before the
    next title kept: read from the end, so that a line of an address ("Attn: Privacy")
    goes back into the part above it."""
    if not chosen:
        return chosen
    said = [len(line.split()) >= _PART_WORDS for line in lines]
    next_said = [len(lines)] * (len(lines) + 1)  # the first line at or after each that says
    for j in range(len(lines) - 1, -1, -1):
        next_said[j] = j if said[j] else next_said[j + 1]
    kept: list[tuple[int, str]] = []
    end = len(lines)
    for i, w in reversed(chosen):
        if next_said[i + 1] < end:
            kept.append((i, w))
            end = i
    return kept[::-1]


def _alone(lines: Sequence[str], i: int) -> bool:
    """Whether line `i` is a paragraph of its own, blank lines (or the text's ends) around."""
    return (i == 0 or not lines[i - 1].strip()) and (i + 1 == len(lines)
                                                      or not lines[i + 1].strip())


def _words(line: str) -> str:
    """The title's words as the reader sees them: its runs joined, escapes undone."""
    words = " ".join(m[1].strip() for m in _RUN.finditer(line))
    return re.sub(r"\\([.)])", r"\1", words).strip()


def _kinds(words: str) -> set[str]:
    kinds = {kind for kind, label in _KINDS if label.match(words)}
    if kinds or any(c.isdigit() for c in words):
        return kinds  # unlabelled, a figure says a date or an amount: "Effective Date: …"
    if sum(c.isalpha() for c in words) > 1 and words.upper() == words:
        kinds.add("caps")
    elif not words.endswith((".", ":")) and heading(words):
        kinds.add("title")
    return kinds


def _without_contents(chosen: list[tuple[int, str]], lines: Sequence[str]
                      ) -> list[tuple[int, str]]:
    """`chosen` less the entries of a table of contents before the parts: titles listed
    again later, each with only short lines under it (its sub-parts listed), and the last
    of them whatever follows it (the text before the parts). Once a part has begun, a
    title written twice ("CONTACT US" for the policy and again for an addendum) is two."""
    if not chosen:
        return chosen
    keys = [_label(w) or bywords.key(w) for _, w in chosen]
    last = {key: k for k, key in enumerate(keys)}
    ends = [*(i for i, _ in chosen[1:]), len(lines)]
    k = 0
    while k < len(chosen) and last[keys[k]] > k and (k or all(
            len(line.split()) <= _LISTED_WORDS for line in lines[chosen[k][0] + 1:ends[k]])):
        k += 1
    return chosen[k:]


def _without_captions(chosen: list[tuple[int, str]], lines: Sequence[str]
                      ) -> list[tuple[int, str]]:
    """`chosen` less each title that follows another with nothing between: a caption under
    the part's title ("**PLEASE READ THIS AGREEMENT CAREFULLY**" under the agreement's
    name), which stays in the part's text, as bold. A part has words. Nor is a title
    that a paragraph ending in a colon introduces a part: it is what the colon promised
    (TikTok's "Here's how we support that goal:" over "**We Remove Content**", …)."""
    out: list[tuple[int, str]] = []
    for i, w in chosen:
        if out and not any(line.strip() for line in lines[out[-1][0] + 1:i]):
            continue
        j = i - 1
        while j > 0 and not lines[j].strip():
            j -= 1
        if out and lines[j].rstrip().endswith(":"):
            continue  # what a paragraph promised ("Here's how we support that goal:")
        out.append((i, w))
    return out


def _label(words: str) -> str:
    """A title's label ("B." of "B. USE OF PERSONAL DATA"), by which the contents name a
    part whose title they word otherwise ("… OF PERSONAL INFORMATION" below); "" if none."""
    m = _LABEL.match(words)
    return m[1] if m else ""


_LABEL = re.compile(r"(\d{1,3}|[A-Z]|[IVXL]{1,6})[.)](?![\d.])")
