"""A line that stands as a part's heading, and the table of contents' links that name it.

A copy of a web page keeps the page's table of contents, whose links name the page's
anchors, but often not the headings they named: the page had made a heading of a line
the copy keeps as a paragraph, in bold or not (`**Article 1 - Qui sommes-nous ?**`,
Showroomprive's conditions of sale; `10\\. RESPONSABILITE`, Damart's). Every link of the
table then leads nowhere, and the build stops on each. Where a link that leads nowhere
has the words of one such line, and no other line of the document has them, the line
gets an id (an attribute line under it, `{: #article1 }`, which shows nothing) and the
link leads there: the anchor it names where the page may carry it as an id
(`sanitize.allowed_id`: "#résumé" it may not, and would drop), else one made of the line's
words. Words are compared as a reader reads them: case, accents and marks aside,
numbers kept ("10. RESPONSABILITÉ" names "10\\. RESPONSABILITE", not "11. Responsabilité").

A link that still leads nowhere, whose anchor or words spell a bold label that opens a
paragraph or a list item, and no other label (TikTok's `[User Content](#user-content)` for
"*   **User Content.** We collect …", `[Technical Information](#tech-info)`: the page gave
the item that id), is led to the heading the label stands under (`land_on_labels`): a
list item carries no id here, and its part is where the reader was sent. An anchor and
its label are compared by their words' stems (`lexdocs.stems`: Temu's
`#limit_interest_base_advertising` for "**Limit interest-based advertising**.").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from urllib.parse import unquote

from lexdocs.adopt import outline
from lexdocs.render.sanitize import allowed_id
from lexdocs.render.tohtml import heading_id, in_latin
from lexdocs.stems import stems

__all__ = ["NAMED_LINK", "land_alike", "land_on_labels", "land_on_lines", "words_key"]

NAMED_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\(\s*<?#([^)\s>]+)")
"""An in-page Markdown link with its words: `[Where This Privacy Policy Applies](#x)` (read
by `ids.relink` too)."""
_LONE = re.compile(r"[ \t]{0,3}(?:\*\*|__){0,2}[^\s*_#>|\[{<\-+](?:(?!\]\()[^\n]){0,198}")
"""A line that can stand as a heading: no more than 200 characters, no link, opening
with no mark of a list, a heading, a quote, a table or an attribute list."""
_LIST_ITEM = re.compile(r"[ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]")


def words_key(text: str) -> str:
    """Words as a reader compares them: marks, case, accents and punctuation aside, an
    underscore no letter (emphasis that did not take is marks too), numbers kept."""
    return " ".join(re.findall(r"[^\W_]+", in_latin(outline.plain(text)).casefold()))


def land_on_lines(bodies: list[str], ids: set[str]) -> list[str]:
    """`bodies` with each link that leads nowhere, and has the words of one line that
    stands alone, led to that line (given an id). Words are compared by their stems, as
    labels are: Thryv's table of contents writes "[Be Careful When You Share Information
    with Other](#9)" for the line "Be Careful When You Share Information with Others"."""
    dead: dict[str, list[str]] = {}
    for body in bodies:
        for m in NAMED_LINK.finditer(body):
            key = words_key(m[1])
            if unquote(m[2]) not in ids and " " in key:  # one word names no line surely
                dead.setdefault(stems(key), []).append(m[2])
    if not dead:
        return bodies
    split = [body.split("\n") for body in bodies]
    found: dict[str, tuple[int, int] | None] = {}
    for i, lines in enumerate(split):
        for j, line in enumerate(lines):
            alone = (j == 0 or not lines[j - 1].strip()) and (
                j + 1 == len(lines) or not lines[j + 1].strip())
            if alone and _LONE.fullmatch(line) and not _LIST_ITEM.match(line) \
                    and (key := stems(words_key(line))) in dead:
                found[key] = None if key in found else (i, j)
    taken = set(ids)
    given: dict[str, str] = {}  # an anchor that led nowhere → the id it now names
    marks: dict[tuple[int, int], str] = {}
    for key, place in found.items():
        if place is None:
            continue  # two lines have these words: which one the link meant is not known
        anchor = unquote(dead[key][0])
        made = anchor if allowed_id(anchor) and anchor not in taken else _free(
            heading_id(outline.plain(split[place[0]][place[1]].strip(" \t*_"))), taken)
        taken.add(made)
        marks[place] = made
        for a in dead[key]:
            given[a] = made
    if not marks:
        return bodies

    def lead(m: re.Match[str]) -> str:
        made = given.get(m[2]) if stems(words_key(m[1])) in found else None
        return m.group()[:m.start(2) - m.start()] + made if made else m.group()

    out = []
    for i, lines in enumerate(split):
        for (k, j), made in sorted(marks.items(), reverse=True):
            if k == i:
                lines[j + 1:j + 1] = [f"{{: #{made} }}"]
        out.append(NAMED_LINK.sub(lead, "\n".join(lines)))
    return out


def _free(wanted: str, taken: set[str]) -> str:
    made, n = wanted, 2
    while made in taken:
        made, n = f"{wanted}-{n}", n + 1
    return made


_LABEL = re.compile(r"(?:^[ \t]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?|\|[ \t]*|<br\s*/?>[ \t]*|"
                    r"(?<=\S)[ \t]{2})(?:\*\*|__)(?P<label>[^*_\n]{1,80}?)(?:\*\*|__)",
                    re.MULTILINE)
"""A label in bold: opening a line or a list item, or a table's cell or a line in it
("| **Deletion** | …", "<br><br>**Your general (non-precise) location**", Spotify's
policy, whose tables set out its rights and the data it collects). Import writes a break
inside a cell as a space (`oldmarkup`), so a line of a cell opens after the two spaces
that "<br><br>" became."""


def land_on_labels(bodies: list[str], ids: set[str], section_ids: Sequence[str],
                   heading: re.Pattern[str], id_of: Callable[[str], str]) -> list[str]:
    """`bodies` with each link that leads nowhere, whose anchor or words spell one bold
    label's words, led to the heading that label stands under (its section's, before any heading
    inside it). `heading` matches a heading line, `id_of` gives its id."""
    dead = {stems(k) for body in bodies if "#" in body for m in NAMED_LINK.finditer(body)
            if unquote(m[2]) not in ids
            for k in (words_key(unquote(m[2]).replace("-", " ")), words_key(m[1]))}
    dead.discard("")
    if not dead:
        return bodies
    under: dict[str, str | None] = {}
    for body, sid in zip(bodies, section_ids, strict=True):
        if "**" not in body and "__" not in body:
            continue
        heads = [(h.start(), id_of(h.group())) for h in heading.finditer(body)]
        starts = [at for at, _ in heads]
        for m in _LABEL.finditer(body):
            key = stems(words_key(m["label"]))
            if key in dead:
                k = bisect.bisect_right(starts, m.start()) - 1
                made = heads[k][1] if k >= 0 else sid
                under[key] = made if under.get(key, made) == made else None
    if not any(under.values()):
        return bodies

    def lead(m: re.Match[str]) -> str:
        a = unquote(m[2])
        made = None if a in ids else (under.get(stems(words_key(a.replace("-", " "))))
                                      or under.get(stems(words_key(m[1]))))
        return m.group()[:m.start(2) - m.start()] + made if made else m.group()

    return [NAMED_LINK.sub(lead, body) if "#" in body else body for body in bodies]


def land_alike(before: Sequence[str], after: list[str], known: set[str]) -> list[str]:
    """`after` with each link that still leads nowhere led where another link with the same
    anchor was: on the old page the anchor was one place. PayPal's statement links
    "#contact" from "[**Our Contact Information**](#contact)", which its words lead to that
    heading, and from "[contact us](#contact)", whose words name no heading: the build
    stopped on it. `before` holds the bodies as converted, `after` the same bodies with
    their links led (by words, lines, labels); a link's words that one anchor had before
    and one known id has after tell where that anchor went, if it went to one place."""
    was: dict[str, set[str]] = {}
    for body in before:
        if "#" in body:
            for m in NAMED_LINK.finditer(body):
                was.setdefault(m[1], set()).add(unquote(m[2]))
    now: dict[str, set[str]] = {}
    for body in after:
        if "#" in body:
            for m in NAMED_LINK.finditer(body):
                now.setdefault(m[1], set()).add(unquote(m[2]))
    went: dict[str, set[str]] = {}
    for words, anchors in was.items():
        (anchor,) = anchors if len(anchors) == 1 else ("",)
        if anchor and anchor not in known:
            went.setdefault(anchor, set()).update(now.get(words, set()) & known)
    led = {a: next(iter(ids)) for a, ids in went.items() if len(ids) == 1}
    if not led:
        return after

    def lead(m: re.Match[str]) -> str:
        a = unquote(m[2])
        return m.group()[:m.start(2) - m.start()] + led[a] if a in led else m.group()

    return [NAMED_LINK.sub(lead, body) if "#" in body else body for body in after]
