"""A line that promises a list ("…on the grounds that:") that no list follows.

A reader told "the following:" and given nothing has lost part of the statement. But a
list is more than Markdown list items: numbered or lettered paragraphs ("(1) …", "a) …"),
paragraphs that each open with a label in bold ("**Username.** …"), subsections, a table,
a quote or a paragraph set off in bold or italics whole, lines broken by hand or short
like an address's, paragraphs counted in words ("First, that …", "Second, that …"), the
reader's ways a paragraph each, the one item written as a paragraph of its own (a noun
phrase, no sentence) or the first item so written above the others' list all read as the
list a colon promised (`listitems` holds the shapes of an item). A line wholly in bold
or italics ("_For visitors to our users' sites:_"), a condition alone ("When using DHL's
services:") or a few words alone that make no sentence ("Opt-out of sale:") is a label
standing for a heading, and promises no list; one that ends a part may introduce the
parts after it (`partintros`). This lint runs on the rendered Markdown, so a list that an
`{% if %}` removed or an include supplies counts as readers see it; its finding points at
the template line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lexdocs.checks.listitems import (
    ASIDE,
    CASE,
    CLAUSE,
    FIRST,
    ITEM_END,
    LINK_TARGET,
    LIST_LINE,
    SECOND,
    SUBJECT,
    counted_on,
    defines,
    further_item,
    glued_items,
    labelled_alike,
    means_in_paragraphs,
    noun_phrase,
    numbered_under,
    one_of_those,
    opening,
    paragraph,
    quoted,
    set_off,
    shouted,
    titled_after,
)
from lexdocs.checks.partintros import PROMISE, introduces_parts
from lexdocs.checks.rules import finding
from lexdocs.checks.sourcetext import after_last_tag, line_of, section_source
from lexdocs.findings import Finding
from lexdocs.render.templates import RenderedDocument
from lexdocs.sources.documents import DocumentSource

_WHOLLY = re.compile(r"^(?P<m>\*{1,3}|_{1,3})(?=\S)(?:(?!(?P=m)).)*\S(?P=m)[.:]?$")
"""A line or paragraph wholly in bold or italics: a label standing for a heading ("_For
visitors to sites in the WordPress.com network:_"), or a clause set off as a quote is
("***You expressly understand and agree that…***")."""
_MARKS = r"(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)+"
_MARKER = re.compile(rf"^{_MARKS}")
"""A list item's marks: the label an item opens with ("2. **You have the right to lodge a
complaint:**", then the item's own paragraphs, Travis CI's) stands for a heading over them
as a label alone does."""
_HEADING = re.compile(rf"^ {{0,3}}#{{1,6}}\s|^\s*{_MARKS}#{{1,6}}\s")
"""A heading, at the top or opening a list item ("3.  #### Pursuit of Violators:", each
clause of MouthShut's terms): readers see a title over the item's text, not a promise."""
_CONDITION = re.compile(r"(?:\\?[\[(])?[*_]*(?:when|whenever|if|where|unless|before|after|"
                        r"while|once|upon|in case|for)\b[^;.:!?]{1,200}:", re.IGNORECASE)
"""A paragraph that is a condition alone ("When using DHL's services:", "If you ship with
FedEx:", "For subscribers residing in Arizona, California, …, and Wisconsin:", or in a
bracket, as Open Terms Archive's copy of OkCupid's terms keeps it): a label for the text
after it, list or paragraph, as a heading is. With a main clause after it ("If you are in
the EU, we collect:") it is a sentence that promises."""
_FIELD = re.compile(r"(?:\*\*|__)?(?:date|signature|signed|by|name(?: \(printed\))?|"
                    r"printed name|title|position|address|place|witness|company)"
                    r"(?:\*\*|__)?:(?:\*\*|__)?", re.IGNORECASE)
"""A field of a signature block, left for the signer to fill in ("By:", "Date:")."""
_BR = re.compile(r"(?:\\|<br\s*/?>)$", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_SHORT_LINE = 60
"""An address or a list of names has short lines; a paragraph wrapped by hand has longer."""
_ITEM_LINE = 100
"""An address or a label written on one line as a paragraph of its own is this long at most."""


def _unbroken(line: str) -> str | None:
    """The line without its hard line break (two spaces, `\\`, `<br>`), or None if it
    has none. No pattern runs over the line's white space: an untrusted line of spaces
    would make a `\\s*$` pattern backtrack over every split of it."""
    tail = line.rstrip()
    if line.endswith("  ") and tail:
        return tail
    m = _BR.search(tail[-16:])
    return tail[: len(tail) - len(m.group())] if m else None


def _lines_read(markdown: str) -> list[str]:
    """The lines a reader sees: an HTML comment is never published, so never judged."""
    return _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), markdown).split("\n")


def _lists_follow(lines: list[str]) -> list[bool]:
    """Per line: whether what follows it is a list to a reader: list items or table rows;
    numbered or lettered paragraphs; subsections; or a block of lines each on its own
    (broken by hand, or short like an address's) rather than one running paragraph.

    Computed for every line at once, from the end backwards, so a section of many lines
    ending in ':' costs its length, not its length squared."""
    n = len(lines)
    filled = [bool(ln.strip()) for ln in lines]
    hard = [_unbroken(ln) is not None for ln in lines]
    run = [0] * (n + 1)  # lines from here to the end of the paragraph
    short = [True] * (n + 1)  # every one of them short
    broken = [False] * (n + 1)  # one of them, not the last, broken by hand
    after: list[int | None] = [None] * (n + 1)  # the next line with text
    for i in range(n - 1, -1, -1):
        after[i] = i + 1 if i + 1 < n and filled[i + 1] else after[i + 1]
        if filled[i]:
            more = i + 1 < n and filled[i + 1]
            run[i] = 1 + (run[i + 1] if more else 0)
            seen = LINK_TARGET.sub("]", lines[i].strip())  # a link's address is not read
            short[i] = len(seen) <= _SHORT_LINE and (short[i + 1] if more else True)
            broken[i] = (hard[i] and more) or (broken[i + 1] if more else False)
    second = [False] * (n + 1)  # a paragraph from here on opens "Second, …"
    clause = [False] * (n + 1)  # from here to the paragraph's end, a word only a clause has
    for i in range(n - 1, -1, -1):
        second[i] = second[i + 1] or bool(SECOND.match(lines[i]))
        more = i + 1 < n and filled[i + 1]
        clause[i] = bool(CLAUSE.search(lines[i])) or (clause[i + 1] if more else False)
    cases = [False] * (n + 1)  # this paragraph and the next open alike: "If you are …"
    for i in range(n):
        if filled[i] and (i == 0 or not filled[i - 1]):
            nxt = after[i + run[i] - 1]
            opens = CASE.match(lines[i])
            cases[i] = bool(opens and nxt is not None and opening(lines[nxt]) == opening(
                lines[i]))
            # or three paragraphs in a row open with the same three words ("Advertisements
            # shall not include …", "Advertisements shall not promote …", Teads' policy):
            # items of one list, whatever their words (two may be prose that opens alike)
            then = after[nxt + run[nxt] - 1] if nxt is not None else None
            same = opening(lines[i])
            cases[i] = cases[i] or bool(
                len(same) == 3 and nxt is not None and then is not None
                and opening(lines[nxt]) == same == opening(lines[then]))
    start = [0] * n  # the first line of each line's paragraph
    for i in range(1, n):
        start[i] = start[i - 1] if filled[i - 1] else i
    out = []
    for i in range(n):
        first = after[i]
        out.append(first is not None and (
            first == i + 1  # the same paragraph goes on: the colon ends no block
            or bool(LIST_LINE.match(lines[first])) or hard[i]
            or numbered_under(lines[start[i]], lines[first])
            or cases[first]
            or (bool(FIRST.match(lines[first])) and second[first + 1])
            or not clause[first]  # the item itself, written as a paragraph
            # items written as paragraphs, each a noun phrase and what qualifies it, or
            # one so written over a label of the list after it ("High-risk drugs (drugs
            # that …)", then "Content that:", Meta's community standards)
            or (noun_phrase(paragraph(lines, first, run))
                and further_item(after[first + run[first] - 1], lines, run, clause))
            or one_of_those(lines[i], lines[first])
            # the first item written as a paragraph, the others as the list after it (a
            # paragraph that introduces that list itself is none)
            # ("…includes substantially the following:", "A physical or electronic
            # signature of a person authorized to act …", then the bullets: OpenGov's)
            or (not lines[first + run[first] - 1].rstrip(" *_").endswith(":")
                and _list_after(after[first + run[first] - 1], lines))
            or (run[first] == 1 and (bool(_WHOLLY.match(lines[first].strip()))
                                     or _no_sentence(lines[first])))
            or (run[first] > 1 and (broken[first] or short[first]))
            or quoted(lines[first], lines[first + run[first] - 1])
            or set_off(lines[first], lines[first + run[first] - 1]) or shouted(lines[first])
            or defines(lines[first])
            or counted_on(lines[first], after[first + run[first] - 1], lines)
            or labelled_alike(lines[first], after[first + run[first] - 1], lines)
            or means_in_paragraphs(lines[i], after[first + run[first] - 1], lines)
            or bool(ITEM_END.search(lines[first + run[first] - 1].rstrip()))
            or bool(_EXAMPLE.search(lines[i]))
            or bool(_ONE_PROMISED.search(lines[i]))))
    # A list introduced in two steps: "…any of the following:", then a label of its own
    # ("Your activity and information you provide:", Meta's) over the items.
    for i in range(n - 1, -1, -1):
        first = after[i]
        if (not out[i] and first is not None and first > i + 1 and run[first] == 1
                and out[first] and lines[first].rstrip(" *_").endswith(":")):
            out[i] = True
    # A note set between the promise and its list ("…could include any of the following:",
    # then "Note: the list below is about information from Meta. …", then the items:
    # Instagram's privacy policy): the list follows the note.
    # So does an aside before a list titled by what was promised (Snapchat's cookie policy:
    # "…fall into one of the following categories:", a paragraph on where each cookie is
    # listed, then the table its copy flattened, "Category of cookies" over its rows).
    for i in range(n - 1, -1, -1):
        first = after[i]
        if not out[i] and first is not None and first > i + 1 and (
                _NOTE.match(lines[first]) or titled_after(lines[i], after[first + run[first] - 1],
                                                          lines, run)):
            out[i] = out[first + run[first] - 1]
    return out


_NOTE = re.compile(r"[ \t]*(?:\*\*|__)?(?:please )?note\b[*_]*[:,]", re.IGNORECASE)
"""A paragraph that opens as a note to the reader ("Note: …", "**Please note,** …")."""


def _list_after(line: int | None, lines: list[str]) -> bool:
    """Whether a list item opens the paragraph at `line`."""
    return line is not None and bool(LIST_LINE.match(lines[line]))


_EXAMPLE = re.compile(r"(?:\b(?:for example|for instance|e\.g\.)|\b(?:the following|below)\b"
                      r"[^:\n]{0,40}\bappl(?:y|ies|icable)\b[^:\n]{0,20}"
                      r"|\b(?:provisions?|terms|conditions|rules)\s+(?:that|which)\s+"
                      r"(?:shall\s+|will\s+)?appl(?:y|ies)\b[^:\n]{0,40}"
                      r"|\b(?:clause|section|article|agreement|terms|provision|paragraph)s?\b"
                      r"[^:\n]{0,80}\b(?:amended|replaced|supplemented|added|inserted)\b[^:\n]{0,60}"
                      r"|\barticles?\b[^:\n]{0,80}\b"
                      r"(?:code|act|law|regulation)\)?"
                      r"|\b(?:which|that|it)\s+(?:provides|states|reads|says)(?:\s+in\s+part)?"
                      r"|\bsubject\s+to\b[^:\n]{0,120}\bthe\s+following)"
                      r"[*_]*:[*_]*\s*$", re.IGNORECASE)
"""An introduction of an example ("For example:") or of a rule ("If you reside in the EU,
the following applies:", Bumble's "…, the terms below apply:", Honkai: Star Rail's "…, the
following Supplemental Terms are applicable to you:", Criteo's "Additional or specific
provisions that shall apply to the Agreement:"), of an amendment's ("Clause 5 shall be
amended by adding the following:", Criteo's, then the clause's text), or of a law's articles
quoted ("…articles L215-1 to L215-3 of the French consumer code:", Snapchat's; "…Civil
Code Section 1542, which provides:", Crunchyroll's), or of conditions ("You may qualify …
subject to the terms of the Agreement, this Schedule 2, and the following:", Apple's
developer agreement, then a paragraph on each requirement): whatever
follows is what it promised, a paragraph of prose as much as a list (Badoo's "For
example:", then a paragraph on each of its tools; Sketchfab's governing law for each
place; Philip Morris's additional information for Taiwan)."""


_ONE_PROMISED = re.compile(r"\bthe\s+following\s+(?:[\w-]+\s+){0,2}?(?:company|entity|person|"
                           r"organi[sz]ation|address|controller|representative|officer|"
                           r"authority|warranty|guarantee|clause|provision|statement|"
                           r"right|extent)\b[^:\n]*"
                           r"[*_]*:[*_]*\s*$", re.IGNORECASE)
"""An introduction that promises one ("The following company decides how and why your
personal data is processed, and … is the “Data Controller”:", AdSupply's; "…you will also
benefit from the following legal warranty:", Le Chat's terms; "…you have the following
additional right …:", Shein's; "WhatsApp is only liable to the following extent:", its
terms, over the paragraphs that set the extent out): the paragraph after it, a sentence
that names the company or states the warranty, the right or the extent, is what it
promised."""


_SENTENCE_END = re.compile(r"[.!?][)\"'’”*_]*$")


def _no_sentence(line: str) -> bool:
    """A paragraph of one line that is no sentence: an address, a web address, a label
    ("Performance of a Contract:"), short and without a full stop at its end. After a
    colon it is the item the colon promised, as an address on its lines is."""
    seen = LINK_TARGET.sub("]", line.strip())
    return len(seen) <= _ITEM_LINE and not _SENTENCE_END.search(seen)


def _label_alone(lines: list[str], i: int) -> bool:
    """Whether line `i` is a paragraph of its own that is a label and nothing more: a
    condition ("When using DHL's services:") or a few words that make no sentence and
    promise no items ("Opt-out of sale:", npm's, above the paragraphs on that right).
    Either stands for a heading over the text after it, list or paragraph."""
    line = lines[i].strip()
    alone = (i == 0 or not lines[i - 1].strip()) and (i + 1 >= len(lines)
                                                      or not lines[i + 1].strip())
    if not alone or PROMISE.search(line):
        return False
    if _CONDITION.fullmatch(line):
        return len(SUBJECT.findall(line)) <= 1  # "When you leave we delete:" has two
    # An aside in brackets or quotes is no part of the label ("Belgium (in addition to
    # those set out under "United Kingdom, European Union and Norway" above):", Snap's).
    bare = ASIDE.sub(" ", line)
    words = bare.split()
    if len(words) > _LABEL_WORDS:
        return False
    titled = all(w[:1].isupper() for w in words)
    return not CLAUSE.search(bare) or bool(_ASKED.match(bare)) or titled


_ASKED = re.compile(r"[*_]*(?:why|how|what|which|who)\b", re.IGNORECASE)
"""A title put as a question without its mark ("Why and how we process your information:",
Meta's): it names what the text under it answers, as a heading does."""


_LABEL_WORDS = 10
"""A label is this long at most. One with every word capitalised is written as a heading is
("We Remove:", Meta's community standards; "Data Collected Automatically When You Use Our
Consumer Services:", Foursquare's policy), whatever its words."""


def _intro_lines(body: str, first: int) -> list[tuple[int, str]]:
    """(line, static tail) of each template line whose text after its last tag ends in ':'."""
    out = []
    for i, raw in enumerate(body.split("\n")):
        tail = after_last_tag(raw).strip()
        if tail.rstrip("*_").endswith(":"):  # "…portability:**" as the check reads it
            out.append((first + i, tail))
    return out


_AHEAD_LINES = 50
"""Template lines looked at for the one that made a rendered line: a loop or an include may
put lines out of order, but not far; a section's search stays linear in its length."""


class _Sources:
    """The template lines that end in ':', met in the order the rendered lines are: each
    rendered introduction, dangling or not, takes its line, so two alike ("…any of the
    following:", twice, as Meta's policy has) each name their own."""

    def __init__(self, candidates: list[tuple[int, str]]) -> None:
        self.candidates = candidates
        self.at = 0

    def line_of(self, rendered_line: str) -> int | None:
        for k in range(self.at, min(len(self.candidates), self.at + _AHEAD_LINES)):
            line, tail = self.candidates[k]
            if rendered_line.endswith(tail):
                self.at = k + 1
                return line
        return None


def check_list_intros(sources: Mapping[str, DocumentSource],
                      rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """A line ending in ':' that no list follows (see `_list_follows`).

    Read on the rendered Markdown, so a list that an `{% if %}` removed or an include
    supplies counts as what readers see; the finding points at the template line.
    """
    out = []
    for name, doc in rendered.items():
        src = sources.get(name)
        for k, s in enumerate(doc.sections):
            lines = _lines_read(s.markdown)
            follows = _lists_follow(lines)
            nxt = doc.sections[k + 1:k + 3]
            # The part after, or after a bare title ("CLAUSES", then "1. Subject matter").
            after = (nxt[1] if len(nxt) > 1 and not nxt[0].markdown.strip() else
                     nxt[0]).title if nxt else ""
            last = max((j for j, ln in enumerate(lines) if ln.strip()), default=None) \
                if nxt else None
            if last is not None and lines[last].rstrip(" *_").endswith(":") and \
                    introduces_parts(lines, last, after, first=k == 0):
                follows[last] = True
            sec = section_source(src, s.id)
            found = _Sources(_intro_lines(sec.body, sec.body_line) if sec else [])
            for i, line in enumerate(lines):
                if not (_unbroken(line) or line).rstrip().rstrip("*_").endswith(":"):
                    continue
                source = found.line_of(line.rstrip())
                bare = line.strip()
                if (follows[i] or _WHOLLY.match(_MARKER.sub("", bare)) or _HEADING.match(line)
                        or _label_alone(lines, i) or _FIELD.fullmatch(_MARKER.sub("", bare))):
                    continue  # a heading, or a label standing for one, introduces its text
                at = (source or sec.body_line) if sec else None
                out.append(finding("dangling-list-intro", f"{name}/{s.id}: '…{line[-50:]}' "
                                    "introduces a list that does not follow: add the items or "
                                    "end the sentence", s.path, at))
    return out


_FENCE = re.compile(r" {0,3}(?:```|~~~)")


def check_glued_lists(sources: Mapping[str, DocumentSource],
                      rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """A list typed right under a line of prose, no blank line between ("Skip to:" over
    "- [Collection](#collection)"): Python-Markdown reads its items as that paragraph's
    lines, so readers see them run into it, marks and all ("Skip to: - Collection -
    …"). `import` sets such lists apart; a lawyer's edit may still type one. Read on the
    rendered Markdown, as the list intros are: a variable that prints a list under a line
    counts too. One finding per section, at the template line of the first item."""
    out = []
    for name, doc in rendered.items():
        src = sources.get(name)
        for s in doc.sections:
            lines = _lines_read(s.markdown)
            glued = glued_items(lines, _outside_fences(lines))
            if glued:
                i = glued[0]
                sec = section_source(src, s.id)
                out.append(finding(
                    "markup-published", f"{name}/{s.id}: the list under '…"
                    f"{lines[i - 1].strip()[-40:]}' has no blank line before it: readers "
                    "see its items run into that line, marks and all; put a blank line "
                    "before the list", s.path, line_of(sec, lines[i].strip())))
    return out


def _outside_fences(lines: list[str]) -> list[bool]:
    """Per line: whether it stands outside a fenced block of code (a fence's own line is
    inside)."""
    live, fenced = [], False
    for line in lines:
        fence = bool(_FENCE.match(line))
        live.append(not fenced and not fence)
        fenced ^= fence
    return live

