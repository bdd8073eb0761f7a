"""An agreement written as one numbered list of clauses, each led by its title.

Terms of service and merchant agreements are often kept without a single heading: "1.
**Statement of Services:** Balanced will provide …", "2. ### Definitions", each clause
one item of a numbered list, its paragraphs and sub-lists indented under it. Imported
as headings would be, such a document was one "Introduction" of 30 KB, and every
redline said "Introduction — modified". Here each clause becomes a section of its own,
titled with its number and its title as the reader sees them ("13. Transactions"): the
number is the clause's, which other clauses cite ("see Section 13"), and a clause put
in before it moves it, as the review says (`section-renumbered`).

A list read this way must be the text's outline: at least `MIN_CLAUSES` items, all
titled (a heading, or bold words that are a title: "**Definitions:**", "**Dispute Time
Limit**", never "**Sign in** to your account"), at the margin, and nothing at the margin
between them but more clauses. Any
other shape is left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lexdocs.adopt import bywords
from lexdocs.review.lexicon import heading

MIN_CLAUSES = 3

_CLAUSE = re.compile(
    r"^(?P<n>\d{1,3})[.)] +(?:\*\*(?P<bold>[^*\n]+?)\*\*[ \t]*(?P<rest>.*)"
    r"|#{1,6} +(?P<head>[^\n]+?)(?: +#+)?[ \t]*)$")
_INDENT = re.compile(r"^[ \t]*")

Block = tuple[str | None, str, list[str]]
"""(title, the line that held it, the lines under it), as `outline.blocks` gives them."""


def clauses(lines: Sequence[str], live: Sequence[bool]) -> list[Block] | None:
    """The text before the clauses, then one block per clause; None if `lines` (the
    text before any section heading; `live`: which lines Markdown reads as text) is
    not such a list."""
    starts = [i for i, line in enumerate(lines) if live[i] and _titled(line)]
    if len(starts) < MIN_CLAUSES:
        return None
    begun = set(starts)
    margin = [i for i in range(starts[0], len(lines)) if live[i] and lines[i].strip()
              and not lines[i][0].isspace() and i not in begun]
    tail = _footer(lines, margin, starts[-1])
    if tail is None:
        return None  # text at the margin: the list ended, so it is no outline
    numbers = [int(_CLAUSE.match(lines[i])["n"]) for i in starts]  # type: ignore[index]
    counted = all(n == 1 for n in numbers)  # "1." for every item: the list counts them
    out: list[Block] = [(None, "", list(lines[:starts[0]]))]
    for k, (start, end) in enumerate(zip(starts, [*starts[1:], tail], strict=True)):
        m = _CLAUSE.match(lines[start])
        assert m is not None
        label = (m["bold"] or m["head"]).strip().rstrip(":").strip()
        rest = (m["rest"] or "").strip()
        rest = rest[1:].strip() if rest.startswith(":") else rest  # "**Liability**: …"
        body = _dedented(list(lines[start + 1:end]))
        out.append((f"{k + 1 if counted else numbers[k]}. {label}", "",
                    [rest, "", *body] if rest else body))
    if tail < len(lines):  # the footer stays at the end of the text, after the last clause
        title, line, body = out[-1]
        out[-1] = (title, line, [*body, "", *lines[tail:]])
    return out


_FOOTER_LINES = 2
_FOOTER_WIDTH = 40


def _footer(lines: Sequence[str], margin: list[int], last: int) -> int | None:
    """Where the clauses end: the end of the text, or a footer after the last clause, a
    line or two at the margin that are a form's code (Xfinity's agreement ends
    "Stnd0726"); None if anything else stands at the margin after the first clause."""
    if not margin:
        return len(lines)
    after = [i for i in margin if i > last]
    if len(after) != len(margin) or len(after) > _FOOTER_LINES or not all(
            _code_like(lines[i].strip()) for i in after):
        return None
    return after[0]


def _code_like(line: str) -> bool:
    """A form's code or reference ("Stnd0726", "Form TOS-2 rev. 7/26"), not a sentence nor a
    heading: short, a few words, no full stop at its end."""
    return (len(line) <= _FOOTER_WIDTH and len(line.split()) <= 4 and not line.startswith("#")
            and not line.endswith((".", "!", "?", ":")) and any(c.isdigit() for c in line))


def _titled(line: str) -> bool:
    """Whether `line` opens a clause: a numbered item led by a heading, or by bold words
    that are a title, followed by a colon or written as one ("**Definitions:**",
    "**Liability**:", "**Dispute Time Limit**"). Bold words that begin a sentence
    ("1. **Sign in** to your account") are the item's text, not its title."""
    m = _CLAUSE.match(line)
    if m is None:
        return False
    if m["head"]:
        return True
    label = m["bold"].strip()
    return label.endswith(":") or (m["rest"] or "").startswith(":") or heading(label)


def _dedented(lines: list[str]) -> list[str]:
    """The clause's lines moved to the margin by the indent they share (two, three or
    four spaces under the number), so its paragraphs and sub-lists keep their shape."""
    indents = [len(_INDENT.match(line).group().expandtabs(4))  # type: ignore[union-attr]
               for line in lines if line.strip()]
    cut = min(indents, default=0)
    return [line.expandtabs(4)[cut:] if line.strip() else "" for line in lines]


_ITEM = re.compile(r"^\d{1,3}[.)] +(?P<title>\S.*?)[ \t]*$")
_ITEM_BAR = re.compile(r"^[ \t]+(?:-{3,}|={3,})[ \t]*$")
_RULE = re.compile(r"^(?:[-*_][ \t]*){3,}$")


def parts_in_list(lines: Sequence[str], live: Sequence[bool]
                  ) -> tuple[list[str], list[Block]] | None:
    """A section's text whose end is one numbered list of parts, each item titled by a
    heading underlined under its number ("1.  Introduction" over an indented bar, then
    the part's text indented under it, LinkedIn's privacy policy as archived): the text
    before the list, and one block per part, titled as the reader sees it ("1. Data We
    Collect"). Imported as it stood, the whole policy was one section of 53 KB, and its
    table of contents led nowhere. None for any other shape: the list must hold
    `MIN_CLAUSES` parts at least, every item titled so, and nothing after it at the
    margin."""
    starts = [i for i in range(len(lines) - 1) if live[i] and _ITEM.match(lines[i])
              and _ITEM_BAR.match(lines[i + 1])]
    if len(starts) < MIN_CLAUSES:
        return None
    begun = set(starts)
    if any(live[i] and lines[i].strip() and not lines[i][0].isspace() and i not in begun
           and not _RULE.match(lines[i]) for i in range(starts[0], len(lines))):
        return None  # text at the margin inside or after the list (a rule aside): no outline
    parts: list[Block] = []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        m = _ITEM.match(lines[start])
        assert m is not None
        title = re.sub(r"^(\d{1,3})\\([.)])", r"\1\2", m["title"])  # "1\. Data" shows "1."
        body = list(lines[start + 2:end])
        while body and (not body[-1].strip() or _RULE.match(body[-1])):
            body.pop()  # a rule after the list closed the page's part, not the clause's text
        parts.append((title, "", _dedented(body)))
    return list(lines[:starts[0]]), parts


_CONTENTS_ITEM = re.compile(r"^(?:\d{1,3}[.)]|[-*+]) +\[(?P<words>[^\[\]\n]{1,120})\]"
                            r"\(#(?P<anchor>[A-Za-z][\w-]{0,119})\)[ \t]*$")
"""An item of a table of contents: a link into the page, and nothing else. Its anchor
becomes a section's, so only one that is an id as pages write them: letters, digits,
dashes and underscores (a committed "#a\"><img …>" or "#b}{#c" makes no outline)."""
_TITLE_LINE = re.compile(r"^(?:\d{1,3}[.)] +)?(?:\*\*|__)(?P<words>[^*_\n]{1,120}?)"
                         r"(?:\*\*|__)[.:]?[ \t]*$")
"""A line that is only a title in bold, numbered or not: "7. **PERSONAL INFORMATION WE
COLLECT**"."""
_OWN_NUMBER = re.compile(r"(?:\d{1,3}|[A-Z])\\?[.)][ \t]+")
"""The number a title may carry in its own words ("**3\\. DIRECT MESSAGES ARE PRIVATE**",
where the contents say "2\\."): the contents' order numbers the parts."""


def _unnumbered(words: str) -> str:
    words = words.strip()
    m = _OWN_NUMBER.match(words)
    return words[m.end():] if m else words


def parts_in_contents(lines: Sequence[str], live: Sequence[bool]) -> list[Block] | None:
    """A text without headings whose table of contents names its parts, each then written
    as a title in bold on a line of its own ("1. [PROFILES AND POSTS ARE PUBLIC](#profile-
    posts-public)" … "13. [CONTACT US](#contact)", then "1. **PROFILES AND POSTS ARE
    PUBLIC**" over the part's paragraphs: Bluesky's privacy policy as archived, whose list
    numbers the copy lost). Imported as it stood, the policy was one section of 40 KB.
    Each part becomes a section, titled as the contents list it, numbered as they number
    it, and anchored where they lead ("contact"), so the contents' links land. None for
    any other shape: every entry's title must follow, in order, below the contents, and
    there must be `MIN_CLAUSES` of them at least."""
    entries = [(i, m) for i, line in enumerate(lines)
               if live[i] and (m := _CONTENTS_ITEM.match(line))]
    if len(entries) < MIN_CLAUSES or len({m["anchor"] for _, m in entries}) < len(entries):
        return None  # too few, or two entries leading to one place: no outline
    numbered = entries[0][1].group().lstrip()[:1].isdigit()
    starts: list[int] = []
    at = entries[-1][0] + 1
    for _, entry in entries:
        want = bywords.key(entry["words"])
        while at < len(lines) and not (live[at] and (m := _TITLE_LINE.match(lines[at]))
                                       and bywords.key(m["words"]) == want):
            at += 1
        if at == len(lines):
            return None
        starts.append(at)
        at += 1
    out: list[Block] = [(None, "", list(lines[:starts[0]]))]
    for k, (start, end) in enumerate(zip(starts, [*starts[1:], len(lines)], strict=True)):
        entry = entries[k][1]
        words = _unnumbered(entry["words"])
        title = f"{k + 1}. {words}" if numbered else words
        # a part's text indented under its numbered title is the part's, at the margin
        out.append((title, f"## {title} {{#{entry['anchor']}}}",
                    _dedented(list(lines[start + 1:end]))))
    return out
