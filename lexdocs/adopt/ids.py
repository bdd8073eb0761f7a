"""A section's id, and the in-page links that name it.

A section id is a permanent anchor: people cite it, and the old page's own links (its
title's anchor, a heading's words or hand-given `{#id}`, an empty `<a name>`) must
still land where they did. `convert` splits one version's text into sections; where
each in-page link now lands is a concern of its own, applied to what `convert` made
(which id a retitled section keeps from the version before is `retitled`'s).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import unquote

from markdown.extensions.toc import slugify as toc_slugify

from lexdocs.adopt import bywords, outline, repeated
from lexdocs.adopt.citations import land_citations
from lexdocs.adopt.standalone import NAMED_LINK, land_alike, land_on_labels, land_on_lines
from lexdocs.render.sanitize import allowed_id
from lexdocs.render.tohtml import heading_id, in_latin

if TYPE_CHECKING:
    from lexdocs.adopt.convert import Converted, Section

_GIVEN = re.compile(r"\{:?[^}]*?#([A-Za-z][\w-]*)[^}]*\}\s*")
"""Attributes after a heading (`{#id}`, `{: #id .class }`, as attr_list writes them),
tried at the line's last `{` only (`_anchor_of`)."""
_ITEM = r"^ {0,3}(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?"
"""A list item's mark, before a heading it opens (`* ### 1\\. WHO WE ARE`, Rightmove's terms
as saved: each part a list item headed so, which Python-Markdown gives its id too)."""
_MARKS = re.compile(_ITEM + r"#{1,6}[ \t]+")


def slugify(title: str) -> str:
    """A section id people can cite in a URL: lower-case words joined by dashes, spelt in
    Latin letters (`anyascii`): a letter with an accent without it ("Cómo compartimos" →
    "como-compartimos", as Python-Markdown makes the ids of the headings inside a
    section), not split at it ("c-mo-compartimos", which Mozilla's Spanish notice got),
    and a title in another script as it is transliterated ("Как Mozilla обрабатывает
    ваши данные" → "kak-mozilla-obrabatyvaet-vashi-dannye"), where every part of
    Mozilla's Russian and Japanese notices was "section", "section-2", …: an address that
    says nothing, and names another part once one is put in before it."""
    words = re.sub(r"[^a-z0-9]+", "-", in_latin(title).lower()).strip("-")
    if len(words) > ID_CHARS:  # a title's first words, whole: an address, and a file name
        words = words[:ID_CHARS + 1].rsplit("-", 1)[0] if "-" in words[:ID_CHARS + 1] \
            else words[:ID_CHARS]
    if not words:
        return "section"
    return words if words[0].isalpha() else f"s-{words}"


ID_CHARS = 64
"""The longest id a title's words make: a title of 100 words made a file name longer than
any file system takes, and `git switch` to the import branch failed."""


_PERMALINK = re.compile(r"\[\]\(#([^()\s]+)\)")
"""An empty link to a heading's own anchor (`#### [](#1-1-privacy-principles)1.1 Privacy
Principles`, Telegram's as saved from its page): the mark a web page puts beside a heading
to link to it, whose address is the anchor the old page gave the heading."""


def permalink_of(line: str) -> str:
    """The anchor a heading line's empty self-link names, or ""."""
    m = _PERMALINK.search(line) if "[](#" in line else None
    return m[1] if m else ""


_RAW_OPENER = "{% raw %}{#{% endraw %}"
"""`{#` as `convert` leaves it in a section's text, where a template would read it as the
opener of a comment: `### Résumé {#résumé}` inside a section is read through it."""


def _anchor_of(line: str) -> str:
    """The anchor a heading line gives by hand (`{#id}`, `{: #id .class }`), or ""."""
    line = line.replace(_RAW_OPENER, "{#")
    at = line.rfind("{")
    tail = line[at:].rstrip()
    if at < 0 or not tail.endswith("}") or "}" in tail[:-1]:
        return ""  # a `}` inside would let the pattern try each split of the braces' words
    given = _GIVEN.fullmatch(line, at)
    return given[1] if given else ""


def _words_of(line: str) -> str:
    """A heading line's words as its reader sees them, which its id is made of: without
    its marks, attributes and closing hashes, and without the Markdown that links or
    emphasises them (`### [End User Notice](#end-user-notice)`, as pages saved from
    the web head each part, is "End User Notice": its id was its words and its link's
    address run together, and every link to it led nowhere)."""
    return outline.plain(outline.without_attributes(
        outline.without_closing_hashes(_MARKS.sub("", line))).strip())


_INPAGE = re.compile(r"""(\]\(\s*<?|\]:[ \t]*<?)#([^)\s>]+)""")
"""An in-page link in Markdown (inline or a reference): what comes before the `#`, and the
anchor, quotes and all (New Balance's "#Quandcettepolitiquedeconfidentialités'applique-t-
elleàmoi?", whose cut at the quote landed its first half and left the rest trailing)."""
_HREF_INPAGE = re.compile(r"""(\bhref=["'])#([^)\s"'>]+)""")
"""The same in HTML, where a quote ends the address."""


def _anchors(line: str) -> set[str]:
    """The anchors the old page may have given a heading line: the one given by hand, else
    its words as Markdown tools make them (ours, Python-Markdown's, and GitHub's, which keeps
    a dash for each space: "Changes & questions" → "changes--questions")."""
    given = _anchor_of(line)
    own = permalink_of(line)
    if given:
        return {given, own} - {""}
    words = _words_of(line).replace("\\", "")
    github = re.sub(r"[^\w\- ]", "", words.lower()).replace(" ", "-")
    spaced = "-".join(words.lower().split())  # punctuation kept: "your-choices,-rights"
    bare = _dashed(bywords.LEADING_NUMBER.sub("", words))
    joined = bare.replace("-", "")  # "1. Covered Xfinity Services": coveredxfinityservices
    # the words as typed, run together: "1. Quand cette politique s'applique-t-elle à moi ?"
    # is "#Quandcettepolitiques'applique-t-elleàmoi?" (New Balance's)
    squeezed = "".join(bywords.LEADING_NUMBER.sub("", words).split())
    return {a for a in (slugify(words), toc_slugify(words, "-"), github, _dashed(words), bare,
                        spaced, joined, squeezed, own) if a}


def _dashed(words: str) -> str:
    """The anchor many site generators make: every run of other characters one dash ("1.1
    Privacy Principles" → "1-1-privacy-principles", Telegram's), quotes dropped; with the
    leading number dropped, as others make it ("1. Who We Are" → "who-we-are", Tinder's)."""
    unquoted = re.sub(r"['’‘\"“”]", "", words)  # "Telegram's" → "telegrams"
    return re.sub(r"[^a-z0-9]+", "-", in_latin(unquoted).lower()).strip("-")


_HEADING_LINE = re.compile(_ITEM + r"#{1,6}[ \t]+\S.*$", re.MULTILINE)
_NAMED = r"""<a\s+(?:name|id)\s*=\s*(?:"(?P<dq>[^"<>\n]+)"|'(?P<sq>[^'<>\n]+)')\s*>\s*</a>"""
"""An empty anchor, its name in either quotes, the other kind allowed inside
(`<a id="npm's_Obligations"></a>`, npm's business terms)."""
_EMPTY_ANCHOR = re.compile(_NAMED + r"[ \t]?"
                           r"""|^[ \t]*\{:[^}\n#]*#(?P<attr>[\w-]+)(?:[^}\w\n-][^}\n]*)?\}[ \t]*"""
                           r"(?:\n|$)", re.IGNORECASE | re.MULTILINE)
"""`<a name="x"></a>`, or a line of attributes that gives the block above it an id
(`{: #campaigns }`, Mozilla's): a place the old page's links could land, invisible there;
kept, it would show as text (a section publishes no raw HTML and applies no attributes).
After the id, only a character no id holds may follow: an id run on to a line's end with
no `}` is then read once, not once from each of its letters."""


def _name(m: re.Match[str]) -> str:
    """The anchor's name, or the attribute line's id."""
    return m["dq"] or m["sq"] or m["attr"]


_ANCHOR_TAG = re.compile(r"(?P<lead>[ \t]*)" + _NAMED + r"(?P<trail>[ \t]*)", re.IGNORECASE)


def unanchored(words: str) -> tuple[str, tuple[str, ...]]:
    """A heading's words without the empty anchors typed among them, and the anchors'
    names. npm's DMCA policy heads its part `## Where do I send notice?<a id="agent"></a>`
    and links "[below](#agent)": the part's title and id were made of the tag ("…notice-
    a-id-agent-a"), and the link led nowhere. The anchor shows nothing on the old page;
    links to it land on the heading (`Section.aliases`, `relink`)."""
    if "<" not in words:
        return words, ()
    names = tuple(_name(m) for m in _ANCHOR_TAG.finditer(words))
    bare = _ANCHOR_TAG.sub(lambda m: " " if m["lead"] or m["trail"] else "", words).strip()
    return (bare, names) if names and bare else (words, ())


def _own_anchor(line: str) -> str:
    """A heading line as the page can carry its anchor. Its empty self-link, which shows
    nothing, goes: the anchor it named becomes the heading's id where the page may carry
    it as one (`sanitize.allowed_id`) and the line gives none by hand. A hand-given id the
    page may not carry (`{#résumé}`: the sanitiser drops it, and the heading is left with
    none) goes too. Links to either are sent to the heading's id by `relink`."""
    given = _anchor_of(line)
    if given and not allowed_id(given):
        at = line.rfind(_RAW_OPENER)
        if at < 0 or "{" in line[at + len(_RAW_OPENER):]:
            at = line.rfind("{")
        line, given = line[:at].rstrip(), ""
    own = permalink_of(line)
    if not own:
        return line
    bare = _PERMALINK.sub("", line, count=1)
    if allowed_id(own) and not given:
        return f"{bare.rstrip()} {{: #{own} }}"  # `{#` would open a template's comment
    return bare


def _heading_id(line: str) -> str:
    """The id a heading line (as `_own_anchor` leaves it) has on the page."""
    given = _anchor_of(line)
    return given if given else heading_id(_words_of(line))


def _line_id(line: str) -> str:
    """The id a heading line of the old text has on the page."""
    return _heading_id(_own_anchor(line))


def without_anchors(text: str) -> str:
    """`text` without its empty anchors and id-giving attribute lines, which show nothing:
    what is left is what a reader would see of it."""
    return _EMPTY_ANCHOR.sub("", text) if "<" in text or "{:" in text else text


def _landings(body: str, here: str, then: str) -> list[tuple[str, str]]:
    """Where each empty anchor in a section's text leads, in order: an `<a name>` to the
    heading whose line holds it (`### Words<a id="x"></a>`), or, on a line of its own, to
    the heading right after it (Mozilla's Czech notice puts `<a id="bookmark-search-pns">
    </a>` on the line above the part its link names; such a line ends the text before that
    part's heading, so the next section, `then`, when nothing follows it here); else to
    the section it stands in, `here` (`* <a name="x"></a> Only with a court order.`). A
    line of attributes gives the block above it its id: `here`. Each line is read once,
    however many anchors it or the text holds."""
    lines = body.split("\n")
    bare = [_EMPTY_ANCHOR.sub("", ln) if "<" in ln or "{:" in ln else ln for ln in lines]
    after: list[int | None] = [None] * (len(lines) + 1)  # the next line with words
    for i in range(len(lines) - 1, 0, -1):
        after[i - 1] = i if bare[i].strip() else after[i]
    made: dict[int, str] = {}

    def lands(i: int) -> str:
        if i not in made:
            line = bare[i]
            if _HEADING_LINE.match(line):
                made[i] = _heading_id(_own_anchor(line))
            elif line.strip():
                made[i] = here
            else:
                k = after[i]
                made[i] = then if k is None else (
                    _heading_id(_own_anchor(bare[k])) if _HEADING_LINE.match(bare[k]) else here)
        return made[i]

    starts = list(itertools.accumulate((len(ln) + 1 for ln in lines[:-1]), initial=0))
    return [(_name(m), here if m["attr"] else lands(bisect.bisect_right(starts, m.start()) - 1))
            for m in _EMPTY_ANCHOR.finditer(body)]


TOP = ("top", "page-top", "haut", "main-content", "toc")
"""Anchors a saved page's links name its top by ("Back to top", Bizzbee's eighteen
"Haut de page", Microsoft's "#page-top"; a skip link's "#main-content"; Thomson Reuters'
fifteen "[Back to top](#toc)", its table of contents, which opens the text): where no
heading has the name, they lead to the top of the text, as the title's anchor does.
Browsers take `#top` for the page's top, but the build (and Zensical) refuses a link to
an id the page lacks; the others were ids of the old page's furniture."""


def _loose(anchor: str) -> str:
    return re.sub(r"[\W_]+", "", anchor.lstrip("#").casefold())


def relink(conv: Converted) -> Converted:
    """In-page links as the old page resolved them, to the ids the document has: its title's
    anchor to the top of its text, a heading's to its id (a section's: a retitled heading
    keeps its old id, a repeated one is numbered; a heading inside a section: the id the
    converter gives it, `tohtml.heading_id`), and an empty `<a name>` anchor's to the
    heading it stands on or just before, else to its section (`_landings`), the anchor
    itself dropped. A link that led nowhere stays as it was, and the
    build names its file and line."""
    to: dict[str, str] = {}
    ids: set[str] = set()
    bodies = []
    for i, s in enumerate(conv.sections):
        ids.add(s.id)
        for a in ({s.anchor} if s.anchor else _anchors(f"## {s.title}")) | set(s.aliases):
            to.setdefault(a, s.id)
        then = conv.sections[i + 1].id if i + 1 < len(conv.sections) else s.id
        for name, made in _landings(s.body, s.id, then) if "<" in s.body or "{:" in s.body \
                else ():
            to.setdefault(name, made)
        body = without_anchors(s.body)
        if body != s.body:  # no blank lines piled up where an anchor stood on its own
            body = re.sub(r"\n{3,}", "\n\n", body).strip("\n") + "\n"
        for m in _HEADING_LINE.finditer(body):
            line = _own_anchor(m.group())
            made = _heading_id(line)
            ids.add(made)
            for a in _anchors(line) | {permalink_of(m.group()), _anchor_of(m.group())} - {""}:
                to.setdefault(a, made)
        if "[](#" in body or "{" in body:
            body = _HEADING_LINE.sub(lambda m: _own_anchor(m.group()), body)
        bodies.append(body)
    if conv.title_line and conv.sections:
        for a in _anchors(conv.title_line if conv.title_line.lstrip().startswith("#")
                          else f"# {conv.title}"):
            to.setdefault(a, conv.sections[0].id)
    if conv.sections:
        for a in TOP:  # the page's top, where no heading took the name
            to.setdefault(a, conv.sections[0].id)
    to = {a: made for a, made in to.items() if a not in ids and a != made}
    # An anchor in other capitals ("#how-does-gitLab-secure…", GitLab's), with a dash
    # doubled ("#account-closure-and--deletion", Twitch's) or its words joined by
    # underscores ("#your_opt_out_right", Urban Dictionary's) or none ("#northmacedonia"
    # for "North Macedonia", Google's shopping policies), or after a "#" typed twice
    # ("##your-rights", TikTok's), or with a sign the heading's id leaves out ("#exhibit-a-
    # individual-product-terms/x-ads-api", X's), names the same heading: browsers match an
    # id exactly, and every id here is in lower case, its dashes single.
    folded = {**{_loose(a): made for a, made in to.items()}, **{_loose(i): i for i in ids}}

    def land(m: re.Match[str]) -> str:
        # An anchor written percent-encoded ("#4-utilisation-de-vos-donn%C3%A9es",
        # Spotify's) is the one its characters spell: a browser decodes it before it looks.
        a = unquote(m[2]) if "%" in m[2] else m[2]
        made = to.get(a) or (a if a in ids else folded.get(_loose(a)))
        return f"{m[1]}#{made or m[2]}"

    # a link whose anchor leads nowhere, led by its words and its anchor's (`bywords`)
    named, shared, order = _named_targets(conv.sections, bodies, ids)
    by_words = bywords.lander(conv.sections, named, ids, shared, order)
    landed = [NAMED_LINK.sub(by_words(k), _HREF_INPAGE.sub(land, _INPAGE.sub(land, body)))
              if "#" in body else body for k, body in enumerate(bodies)]
    section_ids = [s.id for s in conv.sections]
    lined = land_on_lines(landed, ids)
    known = ids | {m[1] for body in lined if "{:" in body for m in _LINE_ID.finditer(body)}
    # before ids that headings share are made one per heading: a link these lead to such
    # an id is then led to the heading nearest it, as any other is
    lined = land_citations(land_on_labels(lined, known, section_ids, _HEADING_LINE, _line_id),
                           section_ids, known)
    bodies = repeated.distinct(lined, section_ids, _HEADING_LINE, _line_id)
    known = ids | {m[1] for body in bodies if "{:" in body for m in _LINE_ID.finditer(body)}
    bodies = land_alike([s.body for s in conv.sections], bodies, known)
    if "[](#" in "".join(bodies):
        bodies = [_without_empty_links(body, known) for body in bodies]
    sections = tuple(replace(s, body=body) for s, body in zip(conv.sections, bodies, strict=True))
    return replace(conv, sections=sections)


_LINE_ID = re.compile(r"\{:[^}\n]*#([\w-]+)")
_EMPTY_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[\]\(#([^)\s]*)\)[ \t]*(?:\n|\Z)",
                         re.M)
_EMPTY_LINK = re.compile(r"\[\]\(#([^)\s]*)\)")


def _without_empty_links(body: str, ids: set[str]) -> str:
    """`body` without the links that have no words and lead nowhere the document has, nor
    the list items that held only such a link: a copy of a page keeps a table of contents
    whose words it lost (`*   [](#terms-of-service-our-services)`, WhatsApp's terms as
    archived). No reader saw or could follow one; each stopped the build."""
    body = _EMPTY_ITEM.sub(lambda m: "" if m[1] not in ids else m.group(), body)
    return _EMPTY_LINK.sub(lambda m: "" if m[1] not in ids else m.group(), body)


def _named_targets(sections: tuple[Section, ...], bodies: list[str], ids: set[str]
                   ) -> tuple[dict[str, str], dict[str, set[str]], dict[str, int]]:
    """Each heading's words (`_by_words`) and each part's number (as "\\0N") → its id,
    for a link whose anchor leads nowhere: a copy of a web page keeps its table of
    contents, `[Where This Privacy Policy Applies](#where-this-applies)`, but not the
    ids the page gave its headings, so the link's own words, when they are one heading's
    and no other's, say where it led ("Section 22" the part numbered 22). A number is a
    section's; a heading inside one gives its number only where no section has it and no
    other heading inside does (parts headed inside one section, as list items: Rightmove's
    terms), since subsections are often numbered afresh under each part. Also the words
    several headings share → their ids, and each id → the number of its section in the
    document's order, so that a link is led to the nearest of them (`bywords.lander`)."""
    seen: dict[str, str | None] = {}
    inner: dict[str, str | None] = {}
    every: dict[str, set[str]] = {}
    order: dict[str, int] = {}

    def add(key: str, made: str, into: dict[str, str | None], at: int) -> None:
        if key:
            into[key] = made if into.get(key, made) == made else None
            order.setdefault(made, at)
            if into is seen:  # not the numbers inner headings count afresh in each part
                every.setdefault(key, set()).add(made)

    for k, (s, body) in enumerate(zip(sections, bodies, strict=True)):
        add(bywords.key(s.title), s.id, seen, k)
        add(bywords.label(s.title), s.id, seen, k)
        add(bywords.dotted(s.title), s.id, seen, k)
        number = outline.part_number(s.title)
        if number is not None:
            add(f"\0{number}", s.id, seen, k)
        for m in _HEADING_LINE.finditer(body):
            line = _own_anchor(m.group())
            made = _heading_id(line)
            add(bywords.key(_words_of(line)), made, seen, k)
            add(bywords.label(_words_of(line)), made, seen, k)
            add(bywords.dotted(_words_of(line)), made, seen, k)
            number = outline.part_number(_words_of(line))
            if number is not None:
                add(f"\0{number}", made, inner, k)
    seen = {**inner, **seen}
    shared = {w: {i for i in made if i in ids} for w, made in every.items()
              if seen.get(w, "") is None}
    return {w: v for w, v in seen.items() if v is not None and v in ids}, shared, order
