"""Where a Markdown policy's sections begin: its headings as Markdown reads them, the
level its sections are at, and the text under each.

convert.py makes the lexdocs layout from these; clauses.py finds sections in a
document that has no headings but numbered, titled clauses.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

__all__ = ["ATX", "EMPTY_HEADING", "Heading", "bars_in_links", "bars_rejoined", "blocks",
           "headings", "levels", "live_lines", "part_number", "plain", "without_attributes",
           "without_closing_hashes"]

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
ATX = re.compile(r"^ {0,3}(?P<marks>#{1,6})[ \t]+(?P<text>.*?\S)(?:[ \t]+#+)?[ \t]*$")
"""A heading line. Its words end in a letter that is not a space: with `.+?` the end was
tried inside every run of spaces, and a 100 KB heading of spaces took two minutes."""
_SETEXT = re.compile(r"^ {0,3}(?P<bar>=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^\s*$|^ {0,3}([-*+](?:\s|$)|[>|<#]|\d+[.)]\s)|^ {4}|^\t")
"""A line no setext bar can make a heading: blank, a list item, a quote, a table, HTML, an
ATX heading, code. A bullet is its mark and a space: `**8. Your Rights**` over a bar is a
heading in bold, as the scraped copies of many policies write their parts."""
_ATTR = re.compile(r"\{:?[ \t]*[#.][^}]*\}\s*")


def without_attributes(text: str) -> str:
    """`text` without the attributes at its end (`{#id}`, `{: #id .class }`, as attr_list
    writes them), tried at its last `{` only: a pattern that began with `\\s*` was tried
    from each space of a long run, and a heading of 100 KB took minutes."""
    at = text.rfind("{")
    if at >= 0 and _ATTR.fullmatch(text, at):
        return text[:at].rstrip()
    return text


def without_closing_hashes(text: str) -> str:
    """A heading's words without the `#`s that may close it ("Title ##"), read from its
    end once; "C#" keeps its own."""
    kept = text.rstrip()
    bare = kept.rstrip("#")
    return bare.rstrip() if bare != kept and bare[-1:] in (" ", "\t") else kept


def live_lines(lines: list[str]) -> list[bool]:
    """Per line: whether Markdown reads it as text, not inside a code block or an HTML
    comment (a `##` there is not a heading). Most texts have neither: one look at the
    whole text says so, where the conversion of one version asks about twenty times and
    a line-by-line reading cost an import of Facebook's 492 versions a fifth of its time."""
    text = "\n".join(lines)
    if "```" not in text and "~~~" not in text and "<!--" not in text and "-->" not in text:
        return [True] * len(lines)
    out = []
    fence: str | None = None
    comment = False
    for line in lines:
        f = _FENCE.match(line)
        out.append(fence is None and not comment and not f)
        if f and not comment:
            fence = None if fence == f[1] else (fence or f[1])
        elif fence is None:
            opened, closed = line.rfind("<!--"), line.rfind("-->")
            if opened > closed:
                comment = True
            elif closed >= 0:
                comment = False
    return out


@dataclass(frozen=True)
class Heading:
    index: int
    level: int
    text: str
    """The words, without an `{#anchor}` or closing hashes."""
    line: str
    """The line that holds the words (for a hand-given `{#anchor}`)."""
    size: int
    """Lines it takes: 1, or 2 for a setext heading (the words and the bar under them)."""

    @property
    def prose(self) -> bool:
        """Whether it is a paragraph set as a heading: Coffee Meets Bagel's terms, as
        archived, underline each paragraph of their preamble (80 words and more), which
        can title no part, nor name a file."""
        return len(self.text.split()) > PROSE_WORDS


PROSE_WORDS = 24
"""A heading longer than this is a paragraph in a heading's type; real parts' titles are
well under it ("If you live outside of the United States, this Terms of Service will
apply.": 14)."""


_BAR = re.compile(r"^ {0,3}={3,}[ \t]*$")


def bars_rejoined(lines: list[str]) -> list[str]:
    """The lines with each `===` bar that blank lines part from the one line of words above
    it put back under them ("Privacy Policy", two blank lines, "==================", as
    Open Terms Archive keeps Pinterest's policy): the old page headed the text with those
    words, and Markdown printed the bar as a paragraph of its own, the title as another.
    A `---` after a blank line is a rule, unless the line above is a part's number and
    title and the text heads three parts so at least ("1\\. Overview", two blank lines,
    "----------------", Temu's terms, which imported as one section of 76 KB)."""
    out = list(lines)
    live = live_lines(out)
    found: list[tuple[int, int, bool]] = []  # (the line of words, the bar, a `---` bar)
    for i in range(len(out) - 1, 0, -1):
        rule = bool(_RULE_BAR.match(out[i]))
        if not (live[i] and (rule or _BAR.match(out[i])) and not out[i - 1].strip()):
            continue
        k = i - 1
        while k > 0 and not out[k].strip():
            k -= 1
        alone = k == 0 or not out[k - 1].strip()
        if out[k].strip() and alone and live[k] and not _NOT_PARAGRAPH.match(out[k]) and (
                not _SETEXT.match(out[k])) and (not rule or (
                    _PART_TITLE.match(out[k]) and not _SENTENCE_END.search(out[k]))):
            found.append((k, i, rule))
    numbered = sum(1 for _, _, rule in found if rule) >= _PARTS_RULED
    for k, i, rule in found:  # from the end: each deletion leaves earlier lines in place
        if numbered or not rule:
            del out[k + 1:i]
    return out


_RULE_BAR = re.compile(r"^ {0,3}-{3,}[ \t]*$")
_PART_TITLE = re.compile(r"^ {0,3}\d{1,3}\\?[.)][ \t]+\S.{0,100}$")
_PARTS_RULED = 3


EMPTY_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]*$")
"""A heading with no words at all, which Markdown still makes an empty heading of."""
_SENTENCE_END = re.compile(r"[.!?;,][*_\\ \t]*$")
"""The end of a line that is a sentence, its bold and its hard break aside."""
_SELF_LINK = re.compile(r"^[ \t]*\[[\u200b-\u200d\u2060\ufeff]*\]\(#([^()\s]+)\)[ \t]*$")
"""A line that is only a link with no visible words to an anchor: the mark a page puts by
a heading to link to it (`[​](#2-definitions)`, its words a zero-width space)."""


_BAR_IN_LINK = re.compile(r"[ \t]*[-=]{3,}[ \t]*(?=\]\()")
_GLUED_LINK = re.compile(r"(\]\([^()\s]*\))(?=\[)")


def bars_in_links(lines: list[str]) -> list[str]:
    """The lines with each heading a page put inside a link's words, as a card, written as
    the link's words: Meta's policies as archived open with "Explore the policy" over
    "[What are cookies, and what does this policy cover?" and "-----](#1)[Why do we use
    cookies?", the bar of a heading inside each link, so that Markdown read neither link
    nor heading, and every version failed to build. The bar goes; links it had run
    together stand a space apart, as the cards stood apart."""
    if not any(_BAR_IN_LINK.match(ln) for ln in lines):
        return lines
    live = live_lines(lines)
    out: list[str] = []
    for i, line in enumerate(lines):
        m = _BAR_IN_LINK.match(line) if live[i] else None
        if m and out and live[i - 1] and "[" in out[-1]:
            out[-1:] = (out[-1].rstrip() + _GLUED_LINK.sub(r"\1\n", line[m.end():])).split("\n")
            continue
        out.append(line)
    return out


def titles_rejoined(lines: list[str]) -> list[str]:
    """The lines with each heading a copy left with no words made whole: X's developer
    terms as archived write 63 parts as "### ", then the page's mark that links to the
    part (`[​](#2-definitions)`), then "2\\. Definitions." as a paragraph of its own, so
    each part was an empty heading over a plain line. The one line of words standing
    alone after the marks and the link is the heading's, and the link's anchor goes with
    it, as a heading's own empty link (`ids.permalink_of`). With no such link, a line
    standing alone that is no sentence is the heading's too: the page held its words in
    an element of their own inside the heading, and the copy wrote them after it ("### "
    over "Information that you provide", Temu's privacy policy; "Targeted Harassment",
    X's rules; "**3\\. Requirements when making a request**", TikTok's guidelines for law
    enforcement). A heading left with no words is `oldmarkup.without_wordless_headings`'s
    to take out."""
    if not any(EMPTY_HEADING.match(ln) for ln in lines):
        return lines
    live = live_lines(lines)

    def after(i: int) -> int:
        while i < len(lines) and not lines[i].strip():
            i += 1
        return i

    def alone(k: int) -> bool:  # line `k` is a paragraph of its own
        return k + 1 == len(lines) or not lines[k + 1].strip()

    out: list[str] = []
    i = 0
    while i < len(lines):
        m = EMPTY_HEADING.match(lines[i]) if live[i] else None
        j = after(i + 1) if m else i
        mark = _SELF_LINK.match(lines[j]) if m and j < len(lines) else None
        k = after(j + 1) if mark else j
        words = lines[k].strip() if mark and k < len(lines) and live[k] else ""
        if m and mark and words and len(words) <= 200 and alone(k) and not (
                _NOT_PARAGRAPH.match(lines[k]) or _SELF_LINK.match(lines[k])):
            out.append(f"{m[1]} [](#{mark[1]}){words}")
            i = k + 1
            continue
        words = lines[j].strip() if m and not mark and j < len(lines) and live[j] else ""
        if m and words and len(words) <= 200 and alone(j) and not (
                _NOT_PARAGRAPH.match(lines[j]) or _SENTENCE_END.search(words)):
            out.append(f"{m[1]} {words}")
            i = j + 1
            continue
        out.append(lines[i])
        i += 1
    return out


def headings(lines: list[str]) -> list[Heading]:
    """Every heading as Markdown reads it: `## ATX` and setext (a line underlined with
    `===` or `---`; a `---` after a blank line is a rule, not a heading)."""
    live = live_lines(lines)
    out = []
    for i, line in enumerate(lines):
        if not live[i]:
            continue
        m = ATX.match(line)
        if m:
            words = without_closing_hashes(without_attributes(m["text"])).strip()
            out.append(Heading(i, len(m["marks"]), plain(words), line, 1))
            continue
        bar = _SETEXT.match(lines[i + 1]) if i + 1 < len(lines) and live[i + 1] else None
        if bar and not _NOT_PARAGRAPH.match(line) and (i == 0 or not lines[i - 1].strip()):
            level = 1 if bar["bar"][0] == "=" else 2
            out.append(Heading(i, level, plain(without_attributes(line).strip()), line, 2))
    return out


_LINKED = re.compile(r"!?\[([^\[\]]*)\](?:\([^()\s]*(?:\s+\"[^\"]*\")?\)|\[[^\[\]]*\])")
_STRONG = re.compile(r"\*\*(?=[^\s*])([^*]*?[^\s*])\*\*|__(?=[^\s_])([^_]*?[^\s_])__")
"""Bold, its words holding no mark of its own: `(.+?)` would search from each of a long
heading's thousands of unclosed `**` to its end (the square of its length)."""
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"
                       r"|(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])")
"""Emphasis in either mark; an underscore inside a word ("snake_case") emphasises nothing."""


def plain(words: str) -> str:
    """A heading's words as its reader sees them, without the Markdown that linked or
    emphasised them: GitHub's policies once headed each part `## [DMCA Takedown
    Policy](/articles/dmca-takedown-policy)`, so the section's title, shown as text in
    every redline, history and feed, read as that Markdown, and its id (from the words,
    as Markdown tools make anchors) ran on into the address, where the old page's own
    anchor was `#dmca-takedown-policy`. A character reference is the character it stands
    for (Basecamp's "we&rsquo;d grant"), and an escaped one the character (`_ESCAPED`),
    which a title shown as text would print as typed. A tab between a part's number and
    its words ("1.<TAB>Websites covered", pasted from a word processor: Idera's statement
    on Travis CI's site) is a space, so a part retyped with one is the same part."""
    ours = _PLACES.search(words) is None  # the text holds none of the places we hold in
    held = _ESCAPED.sub(lambda m: chr(_HELD + ord(m[1])), words) if ours else words
    bare = _EMPHASIS.sub(_words, _LINKED.sub(r"\1", held))  # "**a *b* c**": inside first
    shown = _EMPHASIS.sub(_words, _STRONG.sub(_words, bare))
    for _ in range(3):  # bold around bold ("**[**Download it here**](…)**", Energia's)
        if "**" not in shown and "__" not in shown:
            break
        shown = _STRONG.sub(_words, shown)
    shown = _without_stray(shown)
    shown = html.unescape(shown.translate(_RELEASED) if ours else _ESCAPED.sub(r"\1", shown))
    return " ".join(shown.split()) if "\t" in shown else shown


def _without_stray(shown: str) -> str:
    """`shown` without the bold marks at its ends that close nothing, which Markdown would
    print as typed ("## ** Contact Us**", "## ****The Data We Collect", Viber's privacy
    policy as archived): the author meant bold, which a heading is already."""
    head = len(shown) - len(shown.lstrip("*"))
    if head >= 2 and not head % 2 and shown[head:].strip():
        shown = shown[head:].lstrip(" \t")
    tail = len(shown) - len(shown.rstrip("*"))
    if tail >= 2 and not tail % 2 and shown[:-tail].strip():
        shown = shown[:-tail].rstrip(" \t")
    return shown


def _words(m: re.Match[str]) -> str:
    """What a pattern of two alternatives found between the marks."""
    return m[1] if m[1] is not None else m[2]


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_HELD = 0xF0000  # a private use plane: an escaped character, held apart from the markup
_RELEASED = {_HELD + c: c for c in range(0x21, 0x7F)}
_PLACES = re.compile(f"[{chr(_HELD + 0x21)}-{chr(_HELD + 0x7E)}]")
"""A backslash escape, which Markdown shows as the character alone: "1\\. Acceptance",
as pages copied from the web number their parts (so that no list is made), reads "1.
Acceptance", and a title is shown as text in every heading, redline, history and feed."""


def levels(heads: list[Heading], lines: list[str] | None = None) -> tuple[Heading | None, int]:
    """(the document's title heading, the level of its sections).

    Sections are made at the level the document uses for them: the shallowest that
    repeats (a policy titled by one `#` or a setext line, whose parts are `###`, has
    `###` sections), not counting a first `#`, which may be the title: Mix's terms,
    titled over a bar, end with a "Revision History" over one too, and their thirty
    `#####` parts were otherwise one; nor a level first used after most of the text
    (`_used`). The first heading is the title when it is above
    that level, or at it with nothing under it but the next heading (`lines`): Pinterest's
    policy, as archived, heads its text "Privacy Policy" and each part at the same level.
    """
    heads = [h for h in heads if not h.prose]
    first = heads[0] if heads else None
    rest = heads[1:] if first and first.level == 1 else heads
    counts: dict[int, int] = {}
    for h in rest:
        counts[h.level] = counts.get(h.level, 0) + 1
    repeated = sorted(level for level, n in counts.items() if n > 1)
    level = _used(rest, repeated, lines) if repeated and lines is not None else (
        min(repeated) if repeated else min((h.level for h in rest), default=2))
    if first is not None and (first.level < level or (first.level == 1 and len(heads) == 1)):
        return first, level
    if first is not None and lines is not None and len(heads) > 2 and (
            first.level == level == heads[1].level) and not any(
            ln.strip() for ln in lines[first.index + first.size:heads[1].index]):
        return first, level
    return None, level


def _used(heads: list[Heading], repeated: list[int], lines: list[str]) -> int:
    """The shallowest of the `repeated` levels that heads the document's parts: not one
    whose first heading comes after most of the text, below two headings or more of a
    deeper level (Apple's developer terms as archived hold several agreements, the last
    two headed over a bar, the others in `###`: the 660 KB before the first bar was one
    section, larger than a source file may be)."""
    total = sum(map(len, lines))
    for level in repeated[:-1]:
        start = next(h.index for h in heads if h.level == level)
        if sum(1 for h in heads if h.level > level and h.index < start) < 2 or (
                2 * sum(map(len, lines[:start])) <= total):
            return level
    return repeated[-1]


def blocks(lines: list[str], level: int) -> list[tuple[str | None, str, list[str]]]:
    """(heading, its line, lines) for the text before the first section heading and each
    one after (see `_section_starts`). A heading below its section's stays in the
    section's text, moved to the level it has under the section's own `##` title (a
    `####` under a `###` part becomes `###`), so the page's outline is the document's."""
    found = headings(lines)
    heads = {h.index: h for h in found}
    starts = _section_starts(found, level)
    out: list[tuple[str | None, str, list[str]]] = [(None, "", [])]
    skip = 0
    under = level  # the level of the heading that opened the current section
    for i, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        h = heads.get(i)
        if h is None:
            out[-1][2].append(line)
        elif i in starts:
            out.append((h.text, h.line, []))
            skip = h.size - 1
            under = h.level
        else:
            depth = min(6, max(3, h.level - under + 2))
            words = ATX.match(line)
            rest = words["text"] if words else line.strip()
            out[-1][2].append(f"{'#' * depth} {rest}")
            skip = h.size - 1
    return out


# A part's own number at its heading's start: "8. Your Rights", "8\\. Your Rights",
# "Section 8:"; not "8.1 Cookies", a subsection.
_PART_NUMBER = re.compile(r"^(?:(?:section|article|part|§)\s*)?(\d{1,3})(?:\\?[.):]|\s)(?!\d)",
                          re.I)


def part_number(text: str) -> int | None:
    """The number a part's heading gives it ("8. Your Rights" → 8), if any."""
    m = _PART_NUMBER.match(text)
    return int(m[1]) if m else None


def _section_starts(heads: list[Heading], level: int) -> set[int]:
    """The headings that open a section: each at the section level or above, and each
    deeper one whose number continues theirs. A copy taken from a web page often heads
    some numbered parts `###` and others with a bar (`##`), so "7. Transfers" and
    "9. Retention" would sink into the parts "8." and "10." above them; a number that
    the next part in order would carry, and that no part at the section level has,
    marks a part (or "1." before the first numbered part), if it is the first heading of
    its level or above since the last part began. Subsections numbered afresh under each
    part ("1.", "2.", "3.") repeat the parts' own numbers, or follow a subsection of
    their own level, and stay inside."""
    heads = [h for h in heads if not h.prose]
    out = {h.index for h in heads if h.level <= level}
    taken = {n for h in heads if h.level <= level and (n := part_number(h.text)) is not None}
    if len(taken) < 2:
        return out
    last: int | None = None
    inside = 7  # the shallowest level of a heading since the last part began (7: none)
    for h in heads:
        n = part_number(h.text)
        if h.index in out:
            last, inside = (n if n is not None else last), 7
        elif (n is not None and n not in taken and n == (1 if last is None else last + 1)
              and inside > h.level):
            out.add(h.index)
            last, inside = n, 7
        else:
            inside = min(inside, h.level)
    return out
