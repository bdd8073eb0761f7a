"""What `lexdocs import` says it wrote otherwise than the old file typed it, and what the
newest text still carries from its old site, one line each: a lawyer adopting a policy
reads what changed in its text before merging it, and what to mend after.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lexdocs.sources.documents import Reader

__all__ = ["WRITTEN", "old_site_notes", "own_sites_note", "raised_note", "stopping_note",
           "written_notes"]


_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")
"""The target of an inline Markdown link."""


def old_site_notes(newest: str | None) -> list[str]:
    """What to do about what the newest text carries from its old site (checks.foreigntags):
    template tags, published as typed, and links to the old repository's other files."""
    from lexdocs.checks.foreigntags import foreign_tags
    from lexdocs.render.anchors import is_file_link

    notes = []
    tags = foreign_tags(newest or "")
    if tags:
        notes.append(f"warning: the newest text has {len(tags)} template tag(s) of the site it "
                     f"came from (the first: '{tags[0]}'); lexdocs publishes them as typed. "
                     "After the merge, 'lexdocs check' points at each section that has one "
                     "(template-tag-published): write the text each stood for, or a lexdocs "
                     "variable.")
    files = [h for h in dict.fromkeys(_LINK_TARGET.findall(newest or "")) if is_file_link(h)]
    if files:
        notes.append(f"warning: the newest text links {len(files)} other file(s) of this "
                     f"repository (the first: '{files[0]}'), pages of the old site that no "
                     "site publishes under that name; 'lexdocs check' points at each "
                     "(file-link): link to the page's address, importing the file as a "
                     "document too where this site should have it.")
    return notes


_WEB_LINK = re.compile(r"\]\(\s*<?(https?://[^)\s>]+)|<(https?://[^>\s]+)>")
_MOST = 5
"""Links to one site, at least, before import names it."""


def own_sites_note(newest: str | None, home: str) -> list[str]:
    """The site most of the newest text's links lead to, when it is not one the project
    declares its own (`home`: site_url, own_domains): most often the organisation's own
    (Meta's policies link facebook.com hundreds of times, then help.meta.com). Undeclared,
    each link moved between two of its sites is judged "another organisation", as the
    review of Instagram's history said of facebook.com → help.meta.com 30 times."""
    from lexdocs.review.links import domains, place, placeholder

    counts: dict[str, int] = {}
    for m in _WEB_LINK.finditer(newest or ""):
        site = place(m[1] or m[2], home).site
        if site is not None and not placeholder(site):
            counts[site] = counts.get(site, 0) + 1
    if not counts:
        return []
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    (site, n), total = ranked[0], sum(counts.values())
    if n < _MOST or 2 * n < total or site in domains(home):
        return []
    also = "".join(f", then {s} ({k})" for s, k in ranked[1:3] if k >= _MOST)
    return [f"Most of the newest text's links lead to {site} ({n} of {total} links to other "
            f"sites){also}: if {'they are' if also else 'it is'} the organisation's own, "
            "list them under the lexdocs plugin's own_domains in mkdocs.yml ('lexdocs init' "
            "writes the line), so that a link moved between its own sites is upkeep, not "
            "\"another organisation\"."]


def _commits_note(shas: list[str], read: int, did: str, why: str) -> list[str]:
    """One line saying what the conversion `did` (to or from) the text of some commits read,
    naming how many and the first, and `why`; none if it did it to none."""
    if not shas:
        return []
    return [f"{did} the text of {len(shas)} of the {read} commit(s) of the file read (the "
            f"first: commit {shas[0][:10]}): {why}"]


WRITTEN: dict[str, tuple[str, str]] = {
    "pictures": ("Left out markup that holds no text of its own (a picture, a wrapper's "
                 "tags, a line of attributes such as '{: datetime=… }') from",
                 "lexdocs publishes such markup as the text it is typed as, so readers would "
                 "have seen it."),
    "rowwise": ("Wrote the HTML tables whose cells hold lists or paragraphs as one block per "
                "row, each cell's words under its column's heading in bold, in",
                "a Markdown table's cell holds one line, and lexdocs publishes raw HTML as "
                "the text it is typed as. Every word is kept; arrange them otherwise after "
                "the merge if you prefer."),
    "controls": ("Wrote the control characters as what they were meant to be (U+0092 as ’, "
                 "U+0080 as €: Windows-1252 read as Latin-1; a line separator as a space; "
                 "any other left out), and left out the private-use characters an icon "
                 "font drew (U+E000 to U+F8FF), in",
                 "they are invisible in an editor, and the build refuses them; no font of "
                 "this site draws an icon font's characters."),
    "elsewhere": ("Wrote each picture typed as an HTML tag as Markdown's, each picture from "
                  "another host as a link to it on its words (one with no words, or inlined "
                  "as 'data:', left out; one of a single mark, as an '@' drawn, that mark), "
                  "each link the build refuses ('javascript:', "
                  "'file:') as its words and each link's address wrapped over lines as one, "
                  "in",
                  "a lexdocs page makes no request to another host and runs no script, and a "
                  "version that holds one cannot be built, so the history would lose it. "
                  "Copy a picture readers should see into docs/ and show it by its path."),
    "unheaded": ("Read the lines in bold, or alone, that title the parts of a text no "
                 "heading divides as the headings of its sections, in",
                 "a text of one section is one redline, 'Introduction — modified', at every "
                 "change. Look over the sections the branch lists; where a line is no title, "
                 "join its section to the one above after the merge."),
}
"""What the conversion writes otherwise than typed, by the `Converted` field that counts
it: what it did (to or from the text of some commits), and why."""


def written_notes(written: dict[str, list[str]], read: int) -> list[str]:
    """A line for each thing the conversion wrote otherwise than typed in some commits."""
    return [line for kind, (did, why) in WRITTEN.items()
            for line in _commits_note(written.get(kind, []), read, did, why)]


def raised_note(raised: list[str]) -> list[str]:
    if not raised:
        return []
    return [f"{len(raised)} commit(s) of the file were dated before the commit they follow "
            f"(the first: commit {raised[0][:10]}): each is committed at that commit's date, "
            "its author's date kept, so no build takes it for a commit dated back, which "
            "would put it and every version after it off until a notice period from today."]


def stopping_note(root: str, doc: str, read: Reader) -> list[str]:
    """What in the newest text would stop the build, said before the merge, as the build
    itself judges it (the newest version rendered from `read`, the branch's files): a
    page copied from the web often links anchors its copy lost, and the first build of
    the adopted site would stop on each."""
    from lexdocs.errors import LexdocsError, every
    from lexdocs.render.templates import render_tree

    try:
        render_tree(root, [doc], read)
    except LexdocsError as exc:
        found = every(exc)
        first = found[0]
        where = f"{first.path}:{first.line}: " if first.path and first.line else ""
        return [f"warning: the newest text would stop the build on {len(found)} problem(s) "
                f"(the first: {where}{first.message}). After the merge, 'lexdocs check' "
                "names each at its line, with what to do."]
    return []
