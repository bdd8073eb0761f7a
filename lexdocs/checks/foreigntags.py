"""What a policy adopted from another site carries that this site cannot publish: that
site's template tags, and links to the files of its repository.

A policy adopted from a docs site can carry that site's own template tags: GitHub's
writes `{% data variables.contact.contact_privacy %}` where its site printed a link to
the privacy contact form, a Jekyll site `{{ site.data.contact.email }}`. lexdocs does not
know what they stood for, so `lexdocs import` keeps them as literal text (a tag lexdocs
ran would be code from the old file): readers of the new site would see the tag where
the contact or the product's name was. `import` says how many the newest text has, and
`lexdocs check` points at each section's first (`template-tag-published`) until a
lawyer writes the text it stood for, or prints a lexdocs variable.

Likewise a link to a Markdown file (basecamp's privacy policy links
`../security/index.md`): the old site served it as a page, but a section's links are
published as written, and this site publishes pages, not files. `lexdocs check` names
each (`file-link`), with the page's address when the file is one of the site's documents.

And markup a reader would see as typed (`markup-published`): a tag of HTML, which lexdocs
publishes as text by design (a section carries no script), or Markdown that did not take
(`**VIP Service. **VIP Hosting`, bold closed after a space; `{: .note }`; a link with a
space between its `]` and `(`, or whose address never closes; a footnote, `[^1]`, which a
section has no place for). The author sees the intent; the reader sees the marks.

Last, a drafter's note left in the text (`drafting-note`): Travis CI's privacy policy
was published for four months with "…please also refer to III below [add link]." A note
in brackets meant for the drafter ("[add link]", "[TBD]", "[insert date]") reads, to the
public, as a statement nobody finished. The review calls putting one in or taking it out
not material (`review.surface.without_drafting_notes`, the one reading of a note). So
does the placeholder a copied page keeps where an e-mail address was ("[email protected]",
`address-lost`), and a heading with no words (`empty-heading`: "### " typed alone, which
import leaves out of what it adopts but an edit may still type).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar
from urllib.parse import urlsplit

from lexdocs.checks.rules import finding
from lexdocs.checks.sourcetext import line_of, section_source
from lexdocs.findings import Finding
from lexdocs.render import markup
from lexdocs.render.anchors import is_file_link, target_doc
from lexdocs.render.templates import RenderedDocument, RenderedSection
from lexdocs.review.surface import without_drafting_notes
from lexdocs.sources.documents import DocumentSource, SectionSource

__all__ = ["check_drafting_notes", "check_empty_headings", "check_file_links",
           "check_foreign_tags", "check_lost_addresses", "check_printed_markup", "foreign_tags",
           "printed_markup"]

# `{#` is left out: Markdown writes a heading's anchor so ("## Cookies {#cookies}").
_TAG = re.compile(r"\{%-?[ \t]*[^\s%{}][^%{}\n]{0,200}?-?%\}"
                  r"|\{\{-?[ \t]*[^\s{}][^{}\n]{0,200}?-?\}\}")
_UNPUBLISHED = re.compile(r"<!--.*?(?:-->|\Z)|```.*?(?:```|\Z)|`[^`\n]*`", re.DOTALL)
"""HTML comments (never published) and code, where a tag is shown on purpose."""


def foreign_tags(text: str) -> list[str]:
    """The template tags `text` would publish as typed, in order: in a source as typed, or
    in rendered Markdown, which writes a literal brace as `\\{`."""
    shown = _UNPUBLISHED.sub(" ", text).replace("\\{", "{").replace("\\}", "}")
    return [m.group() for m in _TAG.finditer(shown)]


def check_foreign_tags(sources: Mapping[str, DocumentSource],
                       rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """One finding per section whose published text shows a template tag, at the line of
    the section's source that typed its first."""
    out = []
    for name, s, sec, tags in _showing(sources, rendered, lambda s: foreign_tags(s.markdown)):
        # The source holds the tag's words as typed, whatever keeps its opener literal
        # (import's raw block, or a Jinja string typed by hand).
        more = f" (and {len(tags) - 1} more)" if len(tags) > 1 else ""
        out.append(finding(
            "template-tag-published",
            f"{name}/{s.id}: '{tags[0]}'{more} is published as typed, a template tag "
            "lexdocs does not run: write the text it stood for, or print a lexdocs "
            "variable ({{ group.name }})", s.path, line_of(sec, tags[0][2:])))
    return out


_T = TypeVar("_T")


def _showing(sources: Mapping[str, DocumentSource], rendered: Mapping[str, RenderedDocument],
             find: Callable[[RenderedSection], list[_T]]
             ) -> Iterator[tuple[str, RenderedSection, SectionSource | None, list[_T]]]:
    """Each section in which `find` finds something, with its document's name, its
    source (to find the line by) and what was found: a finding names a section once."""
    for name, doc in rendered.items():
        src = sources.get(name)
        for s in doc.sections:
            found = find(s)
            if found:
                yield name, s, section_source(src, s.id), found


def check_file_links(sources: Mapping[str, DocumentSource],
                     rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """A link to a Markdown file (`anchors.is_file_link`), at the line of the section's
    source that wrote it: one of this site's documents is linked by its page's address
    (`../eu-privacy-summary/`), which the finding gives; another file is no page here."""
    slugs = {d.slug: name for name, d in rendered.items()}
    out = []
    for name, s, sec, hrefs in _showing(sources, rendered, lambda s: list(filter(
            is_file_link, dict.fromkeys(markup.link_targets(s.html))))):
        for href in hrefs:
            parts = urlsplit(href)
            target = target_doc(parts.path, slugs)
            if target is not None:
                page = f"../{rendered[target].slug}/" + (f"#{parts.fragment}"
                                                          if parts.fragment else "")
                what = (f"names the file of '{rendered[target].title}', which this site "
                        f"publishes as a page: link to '{page}'")
            else:
                what = ("names a file of the repository the text came from, which this "
                        "site does not publish: link to the page's address, or import "
                        "that file as a document too")
            out.append(finding("file-link", f"{name}/{s.id}: the link to '{href}' {what}",
                               s.path, line_of(sec, parts.path)))
    return out


_HTML_TAG = re.compile(
    r"</?(?:a|abbr|address|b|big|blockquote|br|center|cite|dd|del|details|div|dl|dt|em|figure|"
    r"font|h[1-6]|hr|i|img|ins|li|mark|ol|p|pre|s|section|small|span|strike|strong|sub|"
    r"summary|sup|table|tbody|td|th|thead|tr|u|ul)\b[^<>]{0,200}>", re.I)
_PRINTED = re.compile(r"\{:[^}]{0,80}\}|\]\s*\((?:https?:|mailto:|/|#)"
                      r"|(?<![\w_])__(?=\s)|(?<=\s)__(?![\w_])|\[\^[^\]\s]{1,20}\]")
_BOLD = re.compile(r"\*\*")
_AROUND = 80
"""Characters read on each side of a mark for the words typed around it."""
_HINTS = {
    "<": "lexdocs publishes no HTML, so readers see the tag: write it in Markdown ([words]"
         "(address), **bold**, *emphasis*, two spaces at a line's end for a break) or leave "
         "it out",
    "*": "bold that opens or closes beside a space does not take, and readers see the marks: "
         "put them against the words ('**Term.** Text')",
    "_": "emphasis that opens or closes beside a space does not take, and readers see the "
         "marks: put them against the words",
    "{": "lexdocs applies no attribute list, and readers see it: leave it out",
    "]": "a link with anything between its ']' and '(' does not take, and readers see its "
         "Markdown: write [words](address)",
    "](": "a link whose address does not end where it should (a '(' in it that no ')' "
          "closes, or a space) does not take, and readers see its Markdown: write the "
          "address as the browser's address bar shows it, a '(' in it as %28",
    "[": "lexdocs publishes no footnotes, and readers see the mark and, in another place, "
         "the note: write the note in the sentence, or in parentheses after it",
}


def printed_markup(html: str) -> list[tuple[str, str]]:
    """The markup `html` shows its reader as typed, outside code, in order, each with the
    words around it (to find its line by): tags of HTML (lexdocs escapes them),
    Markdown's marks for bold and emphasis that did not take, attribute lists and a
    link's Markdown. A placeholder in angle brackets that is no HTML element
    ("<Legalese>") is the author's own text, and so are marks that may be meant: a lone
    `**` in a block (a footnote's mark, "Free**"), `__` against a word (a cookie's name,
    `__stripe_sid`). Two `**` in a block, or a block of nothing else, are bold that failed."""
    out = []
    for block in markup.units(html):
        text = "".join(r.text for r in block.runs if "code" not in r.facets)
        bold = list(_BOLD.finditer(text))
        if len(bold) == 1 and text.strip() != "**":
            bold = []
        found = sorted([*_HTML_TAG.finditer(text), *_PRINTED.finditer(text), *bold],
                       key=lambda m: m.start())
        # the words around it read from a window, not from the block's start: a block of
        # thousands of tags would copy its text once for each
        out += [(m.group(), text[max(0, m.start() - _AROUND):m.start()].rsplit(" ", 1)[-1]
                 + m.group() + text[m.end():m.end() + _AROUND].split(" ", 1)[0])
                for m in found]
    return out


def check_printed_markup(sources: Mapping[str, DocumentSource],
                         rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """One finding per section whose published text shows markup as typed, at the line
    of the section's source that typed the first (found by the words around it)."""
    out = []
    for name, s, sec, shown in _showing(sources, rendered, lambda s: printed_markup(s.html)):
        (first, typed), more = shown[0], len(shown) - 1
        mark = first.rstrip("(").strip()
        line = line_of(sec, typed) if sec and typed in sec.body else line_of(sec, mark)
        out.append(finding(
            "markup-published",
            f"{name}/{s.id}: '{first}'{f' (and {more} more)' if more else ''} is "
            f"published as typed: {_HINTS[first[:2] if first[:2] in _HINTS else first[0]]}",
            s.path, line))
    return out


def check_drafting_notes(sources: Mapping[str, DocumentSource],
                         rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """One finding per section whose published text holds a drafter's note, at the line
    of the section's source that typed the first."""
    out = []
    for name, s, sec, notes in _showing(sources, rendered, lambda s: without_drafting_notes(
            " ".join(markup.plain_text(s.html).split()))[1]):
        more = f" (and {len(notes) - 1} more)" if len(notes) > 1 else ""
        out.append(finding(
            "drafting-note", f"{name}/{s.id}: '{notes[0]}'{more} is published: a note for "
            "the text's drafter, which readers take for an unfinished statement: write what "
            "it asks for, or take it out", s.path, line_of(sec, notes[0])))
    return out


_LOST_ADDRESS = re.compile(r"\[email[\s\u00a0]+protected\]")
"""What Cloudflare's e-mail protection writes in a page's HTML for an address, which its
script puts back in a reader's browser and a copy of the page never has."""


def check_lost_addresses(sources: Mapping[str, DocumentSource],
                         rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """One finding per section that publishes "[email protected]" where an address was:
    Truth Social's terms and X's rules as archived ask readers to write to it, linked to
    the host's `/cdn-cgi/l/email-protection`, which shows no address either."""
    out = []
    for name, s, sec, found in _showing(sources, rendered, lambda s: _LOST_ADDRESS.findall(
            markup.plain_text(s.html))):
        more = f" ({len(found)} times)" if len(found) > 1 else ""
        out.append(finding(
            "address-lost", f"{name}/{s.id}: '[email protected]'{more} is published where an "
            "e-mail address was: the copy of the page lost it (the site's e-mail protection "
            "wrote the address only in a reader's browser); write the address back",
            s.path, _first_line(sec, _PLACEHOLDER_TYPED.search)))
    return out


_PLACEHOLDER_TYPED = re.compile(r"email[\s\u00a0]+protected\\?\]")
"""The placeholder as a section's source types it, its brackets escaped or not."""


def _first_line(sec: SectionSource | None, typed: Callable[[str], object]) -> int | None:
    """The line of the section's source where `typed` first finds something (else its
    first line): a finding's place, where the words around it cannot say."""
    if sec is None:
        return None
    lines = sec.body.split("\n")
    return sec.body_line + next((i for i, text in enumerate(lines) if typed(text)), 0)


_EMPTY_HEADING = re.compile(r"<h([1-6])\b[^>]*>\s*</h\1>")
_EMPTY_TYPED = re.compile(r" {0,3}#{1,6}(?:[ \t]+#*)?[ \t]*")
"""A heading's line with no words, as a section's source types it ("### ", "##", "## ##")."""


def check_empty_headings(sources: Mapping[str, DocumentSource],
                         rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """One finding per section that publishes a heading with no words, at the line of the
    section's source that typed the first: a screen reader announces a heading there and
    reads nothing, and the page's outline shows an empty entry (axe-core's
    `empty-heading`)."""
    out = []
    for name, s, sec, found in _showing(sources, rendered,
                                        lambda s: _EMPTY_HEADING.findall(s.html)):
        more = f" ({len(found)} times)" if len(found) > 1 else ""
        out.append(finding(
            "empty-heading", f"{name}/{s.id}: a heading with no words is published{more}: "
            "screen readers announce a heading there and read nothing; write its title or "
            "take the line out", s.path, _first_line(sec, _EMPTY_TYPED.fullmatch)))
    return out

