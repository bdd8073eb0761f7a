"""Every in-page or cross-document link lands on a heading that exists.

A reader who follows "see How to contact us" and lands at the top of the
page has been failed quietly. Sections are embedded in the pages as finished
HTML, which MkDocs does not validate, and its own anchor validation could
only name the generated page, not the section file a lawyer edits. So the
links of the rendered documents are checked here, against the ids the pages
will have: each section's id (its `##` heading) and every id inside its HTML
(the converter gives every heading one). A link that names another document
by its slug (`../other-slug/#rights`, `/legal/other-slug/#rights`) is checked
against that document; other paths and other sites are not ours to check.
"""

from __future__ import annotations

import difflib
import functools
import posixpath
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from lexdocs.errors import RenderError
from lexdocs.render import markup
from lexdocs.sources.documents import Reader

if TYPE_CHECKING:
    from lexdocs.render.templates import RenderedDocument, RenderedSection


def page_htmls(sections: Sequence[RenderedSection]) -> list[str]:
    """Each section's HTML as the page shows it, every id in it the page's own.

    Each section is converted alone, so a heading two sections hold ("### Details" under
    "Information" and under "Retention") had the same id twice on one page: its
    permanent link, and every browser, went to the first. The sections' own ids stay (the
    ones people cite), and so does the first heading to take an id; a later one is named
    by its section too ("retention-details"). A link to an id two headings held is
    refused before this (`anchor_problems`), so no link led to the later one."""
    seen = {s.id for s in sections}
    out = []
    for s in sections:
        html = s.html
        if ' id="' not in html:  # most sections hold no heading: nothing to read
            out.append(html)
            continue
        given: dict[str, list[str]] = {}  # each id → what each element that has it gets
        for made in markup.element_ids(html):
            own, n = made, 2
            if made in seen:
                own = f"{s.id}-{made}"
                while own in seen:
                    own, n = f"{s.id}-{made}-{n}", n + 1
            seen.add(own)
            given.setdefault(made, []).append(own)
        if any(own != made for made, owns in given.items() for own in owns):
            html = _ID_ATTR.sub(functools.partial(_next_id, given=given), html)
        out.append(html)
    return out


_ID_ATTR = re.compile(r'(<[A-Za-z][^<>]*?\sid=")([^"]*)(?=")')
"""An element's id, inside its tag (text shows no "<"), as the converter writes it: all
renamed in one pass over the section (a pass per id renamed read a section of thousands
of headings once for each)."""


def _next_id(m: re.Match[str], given: dict[str, list[str]]) -> str:
    owns = given.get(m[2])
    return m[1] + (owns.pop(0) if owns else m[2])


def document_ids(doc: RenderedDocument) -> Counter[str]:
    """Every id a reader can link to on the document's page, with how often it occurs."""
    ids: Counter[str] = Counter()
    for s in doc.sections:
        ids[s.id] += 1
        ids.update(markup.element_ids(s.html))
    return ids


def target_doc(path: str, slugs: Mapping[str, str]) -> str | None:
    """The document a relative or site path names by its slug, if any."""
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    if parts and parts[-1] in ("index.html", "index.md"):
        parts.pop()
    if not parts:
        return None
    last = posixpath.splitext(parts[-1])[0] if parts[-1].endswith((".md", ".html")) else parts[-1]
    return slugs.get(last)


def _line(read: Reader, path: str, needles: Iterable[str]) -> int | None:
    text = read(path)
    if text is None:
        return None
    for needle in needles:
        at = text.find(needle)
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None


def anchor_problems(docs: Mapping[str, RenderedDocument], read: Reader) -> list[RenderError]:
    """A RenderError, with the section file and line, for each link whose anchor no
    heading has, or more than one has: all of them, once each, so a lawyer fixes a table
    of contents in one pass."""
    ids = {name: document_ids(d) for name, d in docs.items()}
    slugs = {d.slug: name for name, d in docs.items()}
    found: dict[tuple[str, str], RenderError] = {}
    for name, doc in docs.items():
        for section in doc.sections:
            for href in markup.link_targets(section.html):
                if (section.path, href) not in found:
                    problem = _check(href, name, section, docs, ids, slugs, read)
                    if problem is not None:
                        found[(section.path, href)] = problem
    return list(found.values())


def _check(href: str, name: str, section: RenderedSection, docs: Mapping[str, RenderedDocument],
           ids: Mapping[str, Counter[str]], slugs: Mapping[str, str], read: Reader
           ) -> RenderError | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.fragment:
        return None
    target = name if not parts.path else target_doc(parts.path, slugs)
    if target is None:
        return None
    anchor = unquote(parts.fragment)
    found = ids[target][anchor]
    if found == 1:
        return None
    where = "this document" if target == name else f"'{docs[target].title}'"
    line = _line(read, section.path, (f"({href}", f"]: {href}", f"#{parts.fragment}"))
    if found > 1:
        return RenderError(f"the link to '#{anchor}' is ambiguous: {found} headings of {where} "
                           "have that id", path=section.path, line=line,
                           hint="give one heading its own id, e.g. '### Title { #other-id }'")
    return RenderError(f"the link to '#{anchor}' leads nowhere: no heading of {where} has "
                       "that id", path=section.path, line=line, hint=_nearest(anchor, ids[target]))


_SHOWN_IDS = 8


def _nearest(anchor: str, known: Iterable[str]) -> str:
    """What to offer for a link to nowhere: the id spelt most like it, else the ids that
    share a word with it or whose words' initials hold it ("#crpn": the California
    resident privacy notice), then the others, at most a few: an agreement has a hundred
    ids, and a hint of all of them is no line to read."""
    ids = sorted(known)
    words = {w for w in re.split(r"[^a-z0-9]+", anchor.lower()) if len(w) > 2}
    # one id holding every word of the anchor is the one meant before one spelt alike:
    # "#options" for "what-are-my-cookie-options", not "violations" (Wikimedia's policy)
    holding = [i for i in ids if words and words <= set(re.split(r"[^a-z0-9]+", i))]
    if len(holding) == 1:
        return f"did you mean '#{holding[0]}'?"
    close = difflib.get_close_matches(anchor, ids, n=1)
    if close:
        return f"did you mean '#{close[0]}'?"
    if not ids:
        return "ids there: none"
    squeezed = re.sub(r"[^a-z0-9]", "", anchor.lower())

    def near(i: str) -> bool:
        parts = [w for w in i.split("-") if w]
        return bool(words & set(parts)) or (len(squeezed) > 1 and squeezed in "".join(
            w[0] for w in parts))

    ranked = sorted(ids, key=lambda i: not near(i))
    more = len(ranked) - _SHOWN_IDS
    return f"ids there: {', '.join(ranked[:_SHOWN_IDS])}" + (f" and {more} more" if more > 0
                                                              else "")


def is_file_link(href: str) -> bool:
    """Whether `href` names a Markdown file by a path (`../security/index.md`,
    `../eu-privacy-summary/index.md#rights`): a site publishes pages, never their files,
    and a section's links are published as written, so a reader who follows one finds no
    page, whichever file it names."""
    parts = urlsplit(href)
    return not (parts.scheme or parts.netloc) and parts.path.lower().endswith(".md")


_LINK = re.compile(r'<a href="(?P<href>[^"]*)"(?: title="[^"]*")?>(?P<words>.*?)</a>', re.DOTALL)
_RELATIVE = re.compile(r'(<(?:a|img)\b[^>]*?\s(?:href|src)=")'
                       r'(?![a-zA-Z][a-zA-Z0-9+.\-]*:|/|#|")')


def rebased(page: str, levels: int) -> str:
    """`page` (a document's text, whose relative links and images are written for the
    document's own page, `<slug>/`) as it reads from a page `levels` folders below that
    one: a version's permanent page, and its PDF, whose address is the same. A lawyer's
    `[EU summary](../eu-summary/)` led from `privacy/versions/2026-12-06/` to
    `privacy/versions/eu-summary/`, a page no site has; in-page anchors and site paths
    (`/legal/…`) stay as they are."""
    if levels <= 0 or not ('href="' in page or 'src="' in page):
        return page
    return _RELATIVE.sub(lambda m: m[1] + "../" * levels, page)


def unlink_dead(page: str, ids: Collection[str]) -> str:
    """`page` (a version's text as the converter wrote it) with each link that leads
    nowhere on this site shown as its words: an in-page anchor no heading of it has, or a
    Markdown file of the repository it was written in (`/github-privacy-statement.md`,
    which no site publishes). A version published before lexdocs checked its links (an
    imported history) can hold one; history is not rewritten, but such a link is no help
    to a reader, and an engine that checks every page (Zensical, strict) would refuse the
    whole site for it."""
    def keep(m: re.Match[str]) -> str:
        parts = urlsplit(m["href"])
        dead = is_file_link(m["href"]) or (
            not (parts.scheme or parts.netloc or parts.path) and bool(parts.fragment)
            and unquote(parts.fragment) not in ids)
        return m["words"] if dead else m.group()

    return _LINK.sub(keep, page) if "<a href=" in page else page
