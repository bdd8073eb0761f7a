"""One Markdown policy file → the lexdocs layout: document.yml and one file per section.

A pure function of the file's text, so that every past version of the file is
converted the same way when its history is replayed, and a test can check the
layout without git. The file's words are kept as they are: only the pieces
lexdocs states itself (the title, the "Last updated" line) or never publishes
(foreign front matter) move out of the text.

Which id each section keeps across versions is `retitled`'s concern, and where the old
page's in-page links land `ids`'s; `relink` and `keep_ids` are still imported from here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

import yaml

from lexdocs.adopt import outline
from lexdocs.adopt.boldparts import parts_in_bold
from lexdocs.adopt.characters import written_as_meant
from lexdocs.adopt.clauses import clauses, parts_in_contents, parts_in_list
from lexdocs.adopt.datelines import (
    DATE_LINE_MODES,
    Stated,
    parse_date,
    read_date_line,
    read_first_date,
    title_dated,
)
from lexdocs.adopt.elsewhere import from_elsewhere
from lexdocs.adopt.htmllists import lists_as_markdown
from lexdocs.adopt.htmltables import tables_as_markdown
from lexdocs.adopt.ids import (
    _anchor_of,
    permalink_of,
    relink,
    slugify,
    unanchored,
    without_anchors,
)
from lexdocs.adopt.listcode import indented_lists, items_on_their_line, lists_set_apart
from lexdocs.adopt.oldmarkup import (
    as_markdown,
    bold_across_breaks,
    outside_code,
    without_markup,
    without_wordless_headings,
)
from lexdocs.adopt.references import inline_references
from lexdocs.adopt.retitled import keep_ids
from lexdocs.review.lexicon import unnumbered
from lexdocs.sources.schemas import is_section_id
from lexdocs.sources.yamlsrc import normalise_text

__all__ = ["DATE_LINE_MODES", "INTRO_ID", "Converted", "Section", "Stated", "convert",
           "keep_ids", "layout", "parse_date", "relink", "section_file", "slugify",
           "split_front_matter", "unclean"]

INTRO_ID = "introduction"
_TAGGED = re.compile(r"\{\{[^\n]*?\}\}|\{%[^\n]*?%\}|\{#[^\n]*?#\}|\{[{%#]")
@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: str
    anchor: str = ""
    """The anchor the old page gave the heading by hand (`{#id}`), if any; else its links
    name the heading by its words (`_anchors`). The section's id may differ: a retitled
    heading keeps its id."""
    aliases: tuple[str, ...] = ()
    """Another anchor the old page gave the heading, which no id can be (its self-link's,
    `[](#1-1-privacy-principles)`): links to it land on the section."""


@dataclass(frozen=True)
class Converted:
    """The parts of one version of the file."""

    title: str
    sections: tuple[Section, ...]
    front_matter: str | None
    front_matter_kind: str
    dates: tuple[Stated, ...]
    title_line: str = ""
    """The old page's title heading, if the title was one: its table of contents links it
    ("#privacy-policy"), and that link leads to the top of the text."""
    pictures: int = 0
    """Blocks of raw HTML, and lines of attributes, with no text of their own that were left
    out (`oldmarkup.without_markup`)."""
    rowwise: int = 0
    """HTML tables whose cells held lists or paragraphs, written one block per row
    (`htmltables`)."""
    controls: int = 0
    """Control characters written as what they were meant to be (`characters`)."""
    elsewhere: int = 0
    """Paragraphs whose pictures from other hosts or links the build refuses were written
    as it takes them (`elsewhere`)."""
    unheaded: int = 0
    """Parts that no heading marks, read as sections from the lines in bold or alone that
    title them (`boldparts`)."""


def split_front_matter(text: str) -> tuple[str | None, str, str]:
    """(front matter, its kind, body): YAML (`---`, Jekyll and most docs sites) or TOML
    (`+++`, Hugo). Kept verbatim: lexdocs never reads another tool's settings."""
    for fence, kind in (("---", "yml"), ("+++", "toml")):
        if text.startswith(fence + "\n"):
            lines = text.split("\n")
            for i in range(1, len(lines)):
                if lines[i].rstrip() in (fence, "...") and (fence == "---" or lines[i] == fence):
                    return "\n".join(lines[1:i]) + "\n", kind, "\n".join(lines[i + 1:])
    return None, "yml", text


_TITLE_KEYS = ("heading", "h1", "title")
"""Front-matter keys that title a page, the heading it shows first: a site's layout
prints `heading` (or `h1`) on the page, where `title` is often the browser tab's, with
the site's name in it ("Balanced - Payments … | Marketplace Agreement")."""


def _front_title(front: str | None, kind: str) -> str | None:
    if front is None:
        return None
    try:
        if kind == "toml":
            import tomllib

            data = tomllib.loads(front)
        else:
            data = yaml.safe_load(front)
    except (yaml.YAMLError, ValueError, RecursionError):  # nested past reading: no title
        return None
    if not isinstance(data, dict):
        return None
    titles = [data.get(k) for k in _TITLE_KEYS]
    return next((t.strip() for t in titles if isinstance(t, str) and t.strip()), None)


def _escape_jinja(text: str) -> str:
    """Braces typed in the old file stay literal text, never template tags: each tag of
    the old site (`{{ site.email }}`, `{% data variables.contact.contact_privacy %}`) in a
    raw block, which prints what it holds as typed, in prose and in code alike (a Jinja
    string passes through the Markdown escape, which a code span shows as a backslash:
    `\\{\\{`); an opener without its closer on the line likewise."""
    def keep(m: re.Match[str]) -> str:
        tag = m.group()
        if len(tag) > 2 and "raw" in tag:  # it could end the block: keep its opener only
            return f"{{% raw %}}{tag[:2]}{{% endraw %}}{_escape_jinja(tag[2:])}"
        return f"{{% raw %}}{tag}{{% endraw %}}"

    return _TAGGED.sub(keep, text)


_MARKDOWN_NAMES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx")
_MDX_SYNTAX = re.compile(r"^(?:import|export)\s|<[A-Z][\w.]*[\s/>]|\{/\*")
"""What MDX adds to Markdown, outside code: a module's imports and exports, a component
(`<Note>`, a capital first), a comment in braces. Only the old site's code renders them."""
_HTML_LINE = re.compile(r"^\s*</?(?:!doctype|html|head|body|div|p|h[1-6]|ul|ol|li|dl|dt|dd|table"
                        r"|thead|tbody|tr|td|th|br|hr|section|article|header|footer|span|strong"
                        r"|b|em|i|a)\b", re.IGNORECASE)


def _uses_mdx(line: str) -> bool:
    """Whether `line` uses MDX's own syntax outside its code spans."""
    found: list[str] = []

    def look(text: str) -> str:
        found.extend(m.group() for m in _MDX_SYNTAX.finditer(text))
        return text

    outside_code(line, look)
    return bool(found)


def unclean(path: str, text: str) -> str | None:
    """Why this version of the file cannot be converted faithfully, or None if it can.

    A file from before it was Markdown (a rename from `.html`), or one written in HTML
    whatever its name, would be published as escaped tags: such a version is left out
    of the import rather than shown to readers as text it never was. An MDX file (npm's
    policies, since 2021, are `.mdx`) is read as the Markdown it is, unless it uses
    what only MDX has (`_MDX_SYNTAX`).
    """
    if not path.lower().endswith(_MARKDOWN_NAMES):
        return f"{path} is not a Markdown file"
    raw = text.replace("\r\n", "\n").split("\n")
    if path.lower().endswith(".mdx"):
        for ln, live in zip(raw, outline.live_lines(raw), strict=True):
            if live and _uses_mdx(ln):
                return (f"{path} uses MDX's own syntax ('{ln.strip()[:40]}'), which only its "
                        "old site's code renders")
    lines, *_ = _readable(raw)
    read = [ln for ln, live in zip(lines, outline.live_lines(lines), strict=True)
            if live and ln.strip()]
    tags = sum(1 for ln in read if _HTML_LINE.match(ln))
    if read and tags * 5 > len(read):
        return f"{path} is written in HTML ({tags} of its {len(read)} lines are tags)"
    return None


def _readable(lines: list[str]) -> tuple[list[str], int, int, int]:
    """`_read` of the lines. An import asks twice of each version, once to see whether it
    converts faithfully (`unclean`) and once to convert it, most often of the same text:
    the second answer is the first's."""
    worded, dropped, rowwise, elsewhere = _read("\n".join(lines))
    return list(worded), dropped, rowwise, elsewhere


@functools.lru_cache(maxsize=2)
def _read(text: str) -> tuple[tuple[str, ...], int, int, int]:
    """The lines with what the old site typed in HTML written as Markdown (tables and
    lists first: their links and bold are then written as the rest are), pictures and links the
    build refuses written as it takes them (`elsewhere`), less the markup that holds no
    text, and each list item's words on its mark's line and each list at the margin
    (`listcode`: Python-Markdown reads either as code); how many
    blocks of it were left out, how many tables were written one block per row
    (`htmltables`), and how many paragraphs held a picture or a link from elsewhere."""
    tabled, rowwise = tables_as_markdown(inline_references(text.split("\n")))
    kept, elsewhere = from_elsewhere(as_markdown(lists_as_markdown(tabled)))
    bare, dropped = without_markup(kept)
    worded, wordless = without_wordless_headings(outline.titles_rejoined(outline.bars_rejoined(
        lists_set_apart(indented_lists(items_on_their_line(bold_across_breaks(
            outline.bars_in_links(bare))))))))
    return tuple(worded), dropped + wordless, rowwise, elsewhere


def _tidy(lines: list[str]) -> str:
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n" if text else ""


def convert(text: str, default_title: str, date_line: str = "remove") -> Converted:
    """Split one version of the file into the parts of a lexdocs document.

    `date_line` decides what happens to a hand-typed "Last updated: …" or "Effective
    date: …" line. `remove` (the default) drops it: every lexdocs page already prints
    the version's Last Updated and effective dates from git and the change log, so a
    typed copy would print them twice and would go stale at the next edit. `bind`
    keeps the line where it stands with the date replaced by
    `{{ page_version.last_updated }}` (or `.effective`), which always shows the
    version's own date. Either way, a commit that only retyped the date makes no version.
    """
    if date_line not in DATE_LINE_MODES:
        raise ValueError(date_line)
    text, controls = written_as_meant(normalise_text(text))
    front, kind, body = split_front_matter(text)
    lines, pictures, rowwise, elsewhere = _readable(body.split("\n"))
    title = _front_title(front, kind)
    top, level = outline.levels(outline.headings(lines), lines)
    if top is not None:
        title = top.text
        del lines[top.index: top.index + top.size]
    found: list[Stated] = []
    title, dated = title_dated(title) if title else (title, None)
    bound = read_date_line(dated, date_line, found) if dated is not None else None
    kept = [ln for ln in (read_date_line(line, date_line, found)
                          for line in read_first_date(lines, date_line, found))
            if ln is not None]
    if bound is not None:  # a date line the title held, bound: the text's first line
        kept[:0] = [bound, ""]
    sections: list[Section] = []
    seen: set[str] = set()
    after: dict[str, int] = {}  # the next count of each id many sections would share
    carry = ""
    blocks = outline.blocks(kept, level)
    unheaded = 0
    if blocks[0][0] is None:  # an agreement whose parts are one numbered list of clauses
        live = outline.live_lines(blocks[0][2])
        parts = clauses(blocks[0][2], live) or parts_in_contents(blocks[0][2], live)
        # a text without headings, its parts titled in bold; or one whose headings come
        # only after most of it (Substack's privacy policy titles its parts in bold, then
        # heads its California notice with "##": one "Introduction" of 40 KB)
        bold = parts_in_bold(blocks[0][2], live, titled=title is not None) if not parts and (
            len(blocks) == 1 or sum(len(b[2]) for b in blocks[1:]) < len(blocks[0][2])
        ) else None
        if bold:
            title, parts = title or bold[0], bold[1]
            unheaded = len(parts) - 1
        blocks[:1] = parts or blocks[:1]
        if len(blocks) == 2 and not any(ln.strip() for ln in blocks[0][2]):
            # one heading atop the text, its parts titled in bold below it ("### TERMS OF
            # SERVICE", then "**1\. Who can use our services?**", BeReal's terms): the
            # heading titles the text
            bold = parts_in_bold(blocks[1][2], outline.live_lines(blocks[1][2]))
            if bold:
                title, blocks, unheaded = title or blocks[1][0], bold[1], len(bold[1]) - 1
    for k in range(len(blocks) - 1, -1, -1):  # parts titled inside a list's items
        listed = parts_in_list(blocks[k][2], outline.live_lines(blocks[k][2]))
        if listed is not None:
            blocks[k:k + 1] = [(blocks[k][0], blocks[k][1], listed[0]), *listed[1]]
    for heading, line, block in blocks:
        content = re.sub("\0(\\w+)\0", r"{{ page_version.\1 }}", _escape_jinja(_tidy(block)))
        anchor = ""
        aliases: tuple[str, ...] = ()
        if heading is None:
            if not without_anchors(re.sub(r"<!--.*?-->", "", content, flags=re.DOTALL)).strip():
                carry = content  # only comments or anchors: they go with the first section
                continue
            heading, sid = "Introduction", INTRO_ID
        else:
            # An anchor the old page gave by hand (`## Title {#anchor}`) is kept: people link
            # to it. Otherwise the heading's words, as most Markdown tools make anchors.
            # A clause (no heading line) is named by its title without its number, which
            # a clause put in before it moves.
            anchor = _anchor_of(line)
            own = permalink_of(line)
            if own and not anchor and own[:1].isalpha():
                anchor = own  # the heading's self-link names the anchor its page gave it
            elif own and own != anchor:
                aliases = (own,)
            heading, named_here = unanchored(heading)
            aliases += named_here
            named = heading if line else unnumbered(heading) or heading
            # The anchor is the id only where a section may be so named (its file's name):
            # "{#résumé}" would make a file the document cannot list. Links to the anchor
            # land on the id all the same (`relink`).
            sid = anchor.lower().replace("_", "-")
            if not is_section_id(sid):
                sid = slugify(named)
        base, n = sid, after.get(sid, 2)  # a title many parts share is counted on, once
        while sid in seen:
            sid, n = f"{base}-{n}", n + 1
        after[base] = n
        seen.add(sid)
        if carry:
            content, carry = carry + ("\n" if content else "") + content, ""
        sections.append(Section(sid, heading, content, anchor, aliases))
    if carry and sections:
        last = sections[-1]
        sections[-1] = replace(last, body=last.body + "\n" + carry)
    return Converted(title or default_title, tuple(sections), front, kind, tuple(found),
                     top.line if top is not None else "", pictures, rowwise, controls,
                     elsewhere, unheaded)


def section_file(index: int, section: Section) -> str:
    """`NN-id.md`: the number keeps a folder listing in reading order, and names it alone
    (an anchor the old page gave by hand may be of any length; a file's name may not)."""
    return f"{index * 10:02d}-{section.id[:_NAME_CHARS]}.md"


_NAME_CHARS = 100


def layout(conv: Converted, doc: str, *, adopted: dt.date | None, baseline: str | None,
           source: str) -> dict[str, str]:
    """The files of the document folder, by name, for one converted version."""
    files: dict[str, str] = {}
    names = []
    for i, s in enumerate(conv.sections):
        name = section_file(i, s)
        names.append(name)
        meta = yaml.safe_dump({"id": s.id, "title": s.title}, sort_keys=False,
                              allow_unicode=True, width=1000)
        files[name] = f"---\n{meta}---\n{s.body}"
    decl: dict[str, object] = {"title": conv.title, "slug": doc}
    if baseline:
        decl["baseline"] = dt.date.fromisoformat(baseline) if len(baseline) == 10 else baseline
    if adopted:
        decl["adopted"] = adopted
    decl["sections"] = names
    files["document.yml"] = (
        f"# Imported from {source} by 'lexdocs import'. Versions published before\n"
        "# 'adopted' followed the earlier process: the notice rules do not judge them.\n"
        + yaml.safe_dump(decl, sort_keys=False, allow_unicode=True, width=1000))
    files["changes.yml"] = (
        "# The change log (see EDITING.md). Versions before 'adopted' in document.yml came\n"
        "# from the old process and need no entry; add one for each change that matters to\n"
        "# readers from now on, in the same commit as the edit:\n#\n"
        "# - summary: <what changes for readers, in plain words>\n#   effective: YYYY-MM-DD\n")
    if conv.front_matter is not None:
        files[f"front-matter.{conv.front_matter_kind}"] = (
            f"# The front matter of {source}, kept as it was; lexdocs never publishes\n"
            "# this file (it is not listed in document.yml).\n" + conv.front_matter)
    return files
