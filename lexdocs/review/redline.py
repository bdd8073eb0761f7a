"""Section-aware word diff of two published versions → a list of classified changes.

A reader compares versions section by section, so sections are matched by
their stable `id`, never by position: a moved section is reported as moved, not
as one removed and one added. Inside a section the visible text is compared
word by word, because a notice that says "section 4 changed" does not tell a
user that 90 days became 180.

Text convention (what reconstruction means): a section's text is its blocks
(paragraphs, list items, cells) joined by `SEP` ("\\n\\n"). Blocks never contain
a newline (markup folds white space), so `SEP` is always a block boundary. For
the segments of a section or of a change, joining the `equal` and `insert`
texts gives the new text exactly, and joining `equal` and `delete` the old.

A section's redline is a list of `Row`s, one per block a reader sees (a paragraph,
list item, heading or table cell, with its kind), so every format can draw both texts'
structure. How two lists of blocks become rows (blocks paired, then words, sentences and
tokens compared) is rows.py's.

What is compared is what a reader sees (markup.units): each block's kind
(heading level, list type, table row) and, per character, where a link leads
and which marks apply. A span whose words are equal but whose link targets,
marks or block kinds differ is still a change: segments carry the differing
`look` (shown as `old → new` on the linked words) and hunks carry notes on
kinds, so a version (a new fingerprint of the same units) always has a
redline with something in it.

Materiality (materiality.py) judges each changed span's words; links.py judges
each link target that moved, and each URL written out that became another URL
(the words are judged with it swapped back, so link maintenance alone is not
"a web address changed"); hunks.py joins the two into one verdict per hunk. A
section or variable counts as declared not material only if both versions declare it
so: a commit that flips `material: false` cannot exempt its own edit. Overrides come
last.
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from lexdocs.errors import SourceError
from lexdocs.render import markup
from lexdocs.render.templates import RenderedDocument, RenderedSection
from lexdocs.review import facts, hunks, materiality, moves, terms, verdicts
from lexdocs.review.align import opcodes
from lexdocs.review.lexicon import renumbered
from lexdocs.review.looks import (
    Op,
    Segment,
    annotate,
    facets_of,
)
from lexdocs.review.rows import Row, diff_rows, diff_text, joined, row, section_text

TITLE_ID = "(document title)"
"""`section_id` of a change to the document's own title; no section id can look like it."""
Kind = Literal["added", "removed", "moved", "retitled", "modified"]


@dataclass(frozen=True)
class Change:
    """One thing a reviewer decides on: a section added, removed, moved, retitled, or
    one changed span of blocks inside a section."""

    section_id: str
    section_title: str
    kind: Kind
    old: str
    new: str
    segments: tuple[Segment, ...]
    variables: tuple[str, ...]
    material: bool
    reason: str
    overridden: bool = False
    rule: str = ""
    evidence: tuple[str, ...] = ()
    details: tuple[str, ...] = ()
    """Changes of layout the words do not show ("'Rights': heading 2 → heading 3")."""
    rows: tuple[int, int] = (0, 0)
    """The rows of its section (`SectionDiff.rows[a:b]`) that show this change."""
    referred: bool = False
    """No rule explains it and no change-log decision answered it yet: a lawyer's call
    (`material` is True meanwhile, so the gate holds it as it holds a material change)."""

    @property
    def call(self) -> str:
        """"material", "not-material" or "lawyers-call": the verdict a page shows."""
        return "lawyers-call" if self.referred else (
            "material" if self.material else "not-material")


@dataclass(frozen=True)
class SectionDiff:
    """A section of the merged document, for rendering the whole text with marks.

    `status` lists what happened, in the order moved, retitled, modified (or just
    added / removed); empty means unchanged.
    """

    id: str
    title: str
    old_title: str | None
    status: tuple[Kind, ...]
    rows: tuple[Row, ...]

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The section's text as one run of segments (the reconstruction convention)."""
        return joined(self.rows)


@dataclass(frozen=True)
class Override:
    """A lawyer's decision that beats the classifier, for one section or (None) the version.

    A decision nobody can explain later is worse than none, so a reason is required.
    """

    section: str | None
    material: bool
    reason: str
    path: str | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        if not self.reason.strip():
            where = f"section '{self.section}'" if self.section else "the whole version"
            raise SourceError(f"the materiality override for {where} gives no reason",
                              path=self.path, line=self.line,
                              hint="add 'reason: ...' saying why, in words a reader accepts")


@dataclass(frozen=True)
class Redline:
    """Everything that changed between two versions of one document."""

    document: str
    title: str
    changes: Sequence[Change]
    """A tuple as made, or the redline memo's `KeptChanges`, read from its store when
    asked for (a build holds no version's changed words from its review to its pages)."""
    sections: Sequence[SectionDiff] = field(default=())
    """Every section drawn with its marks: a tuple as made, or the redline memo's
    `KeptSections`, read from its store when a page draws them (a build holds each
    version's verdicts, not a thousand drawings of the policy)."""

    @property
    def material(self) -> bool:
        """Whether this version needs notice: any one material change is enough (a
        lawyer's call not yet answered counts, so nothing unexplained goes out quietly)."""
        return any(c.material for c in self.changes)

    @property
    def referred(self) -> tuple[Change, ...]:
        """The changes no rule explains that the change log has not answered yet."""
        return tuple(c for c in self.changes if c.referred)

    @property
    def reasons(self) -> tuple[str, ...]:
        """"Section title: reason" for every change, in document order, for logs and notices;
        two edits of one section for the same reason (two quotes restyled) say it once, as a
        reader would not want the same line twice. More than `FOLDED` changes of one section
        that are not material for the same reason are one line that counts them: a policy
        whose paragraphs all became numbered items listed "only the layout changed" forty
        times, and the one material change among them was lost. Material ones are never
        folded."""
        changes = tuple(self.changes)
        alike = Counter((c.section_title, _gist(c.reason)) for c in changes if not c.material)
        lines = []
        for c in changes:
            key = (c.section_title, _gist(c.reason))
            many = not c.material and alike[key] > FOLDED
            lines.append(f"{c.section_title}: {key[1]}, in {alike[key]} places." if many
                         else f"{c.section_title}: {c.reason}")
        return tuple(dict.fromkeys(lines))


FOLDED = 3
"""How many changes of one section not material for one reason `Redline.reasons` lists."""


def _gist(reason: str) -> str:
    """A reason without what it quotes: "Not material: only the layout changed ('Fees':
    paragraph → numbered item)." → "Not material: only the layout changed"."""
    return reason.split(" (", 1)[0].rstrip(".")


def _moved(old_ids: list[str], new_ids: list[str]) -> set[str]:
    """Sections outside the longest common order: the fewest that must have moved."""
    common = set(old_ids) & set(new_ids)
    a = [i for i in old_ids if i in common]
    b = [i for i in new_ids if i in common]
    kept = {x for tag, i1, i2, _, _ in opcodes(a, b) if tag == "equal" for x in a[i1:i2]}
    return common - kept


def _order(doc: RenderedDocument, ids: set[str]) -> list[tuple[str, str]]:
    """The titles and text of `doc`'s sections among `ids`, in its order: what a reader
    sees of their order (the fingerprint does not tell apart two alike that swapped)."""
    return [(s.title, markup.canonical(s.html)) for s in doc.sections if s.id in ids]


def _document_words(doc: RenderedDocument) -> frozenset[str]:
    """`materiality.document_words(doc.text)`, from each section's words: no word spans
    the blank lines between sections, and most sections are the same in the next
    version, so a long history finds their words once, not twice a redline."""
    return frozenset().union(*(_section_words(s.title, s.html) for s in doc.sections))


@functools.lru_cache(maxsize=1024)
def _section_words(title: str, html: str) -> frozenset[str]:
    """Its words and terms, and the labels joined by "&" its items open with in bold,
    which are terms too (`terms.labels_joined`): the markup tells them from a name."""
    return materiality.document_words(f"{title}\n\n{markup.plain_text(html)}") | {
        facts.DEFINED + k for k in terms.labels_joined(html)}


class _Builder:
    """Collects the changes of one redline in document order."""

    def __init__(self, old: RenderedDocument | None, new: RenderedDocument,
                 home: str = "") -> None:
        self.home = home
        self.old_values = old.values if old else {}
        self.new_values = new.values
        self.immaterial = new.immaterial & (old.immaterial if old else frozenset())
        self.changed = {n: (self.old_values[n], v) for n, v in new.values.items()
                        if n in self.old_values and self.old_values[n] != v}
        self.changes: list[Change] = []
        self.sections: list[SectionDiff] = []
        self.known = (_document_words(old) if old else frozenset(), _document_words(new))

    def add_structure(self, s: RenderedSection, kind: Kind, old: str, new: str,
                      segs: tuple[Segment, ...], detail: str = "",
                      rows: tuple[int, int] = (0, 0)) -> None:
        v = materiality.classify_structure(kind, section_material=s.material, detail=detail)
        self.changes.append(Change(s.id, s.title, kind, old, new, segs, (), v.material, v.reason,
                                   rule=v.rule, evidence=v.evidence, rows=rows))

    def whole(self, s: RenderedSection, kind: Kind) -> None:
        blocks = markup.units(s.html)
        text = section_text([b.text for b in blocks])
        op: Op = "insert" if kind == "added" else "delete"
        facets = facets_of(blocks)
        segs = annotate((Segment(op, text),), facets, facets) if text else ()
        old, new = ("", text) if kind == "added" else (text, "")
        rows = tuple(row(None, b) if kind == "added" else row(b, None) for b in blocks)
        self.add_structure(s, kind, old, new, segs, rows=(0, len(rows)))
        self.sections.append(SectionDiff(s.id, s.title, None, (kind,), rows))

    def common(self, o: RenderedSection, n: RenderedSection,
               moved: tuple[int, int, bool] | None) -> None:
        if moved is None and o.title == n.title and o.html == n.html:
            self.sections.append(_quiet_section(n.id, n.title, n.html))
            return
        status: list[Kind] = []
        if moved is not None:
            status.append("moved")
            among = " among the parts both versions have" if moved[2] else ""
            self.add_structure(n, "moved", f"position {moved[0]}", f"position {moved[1]}", (),
                               f" from position {moved[0]} to {moved[1]}{among}")
        section_material = o.material or n.material  # declaring it cannot exempt its own edit
        if o.title != n.title:
            status.append("retitled")
            # "13. Transactions" → "14. Transactions": a part put in or taken out before it.
            v = (verdicts.verdict(False, "section-renumbered", (o.title, "→", n.title))
                 if renumbered(o.title, n.title) else
                 _retitled(o.title, n.title, section_material, self.home))
            self.changes.append(Change(n.id, n.title, "retitled", o.title, n.title,
                                       diff_text(o.title, n.title), (), v.material, v.reason,
                                       rule=v.rule, evidence=v.evidence,
                                       referred=v.referred))
        rows, found = diff_rows(markup.units(o.html), markup.units(n.html))
        if found:
            status.append("modified")
        used = sorted(u for u in (o.uses | n.uses) if u in self.changed)
        placed = [[u for u in used if self.changed[u][0] in h.old or self.changed[u][1] in h.new]
                  for h in found]
        if used and found and not any(placed):
            placed = [used for _ in found]  # e.g. a list value: the text does not quote it
        for h, names in zip(found, placed, strict=True):
            notes = tuple(f"{u}: {self.changed[u][0]} → {self.changed[u][1]}" for u in names)
            words_old = hunks.words_before(h)
            v = hunks.completed(materiality.classify(
                words_old, h.new, section_material=section_material, variables_changed=names,
                immaterial_vars=self.immaterial, values={u: self.changed[u] for u in names},
                known=self.known, home=self.home, no_headings=hunks.no_headings(h, rows),
                headings=hunks.headings(h, rows)), h, rows,
                words_old, section_material,
                self.home)
            self.changes.append(Change(n.id, n.title, "modified", h.old, h.new, h.segments,
                                       notes, v.material, v.reason, rule=v.rule,
                                       evidence=v.evidence, details=h.notes, rows=h.rows,
                                       referred=v.referred))
        self.sections.append(SectionDiff(n.id, n.title, o.title if o.title != n.title else None,
                                         tuple(status), rows))


def _retitled(old: str, new: str, section_material: bool, home: str) -> verdicts.Verdict:
    """The verdict on a title reworded: only framed anew, or the organisation's own name
    put in or taken out, is a heading's rewording (materiality.heading_renamed: "Basecamp
    Security" → "Security" was "a third party was removed (Basecamp)", Basecamp's own
    name); otherwise its words are judged as any, the organisation's names its own."""
    if materiality.heading_renamed(old, new, home):
        return verdicts.verdict(False, "heading-changed", (old, "→", new))
    return materiality.classify(old, new, section_material=section_material,
                                variables_changed=(), immaterial_vars=frozenset(), home=home)


@functools.lru_cache(maxsize=4096)
def _quiet_section(sid: str, title: str, html: str) -> SectionDiff:
    """A section both versions have as it is, with neither change nor verdict: one object
    for every redline of this process that meets it, as most sections of a long policy
    are in most of its redlines (each was cut into blocks, compared and kept by its
    content hash again in each of a thousand redlines of a first or CI build)."""
    blocks = markup.units(html)
    rows, _ = diff_rows(blocks, blocks)
    return SectionDiff(sid, title, None, (), rows)


def diff_documents(old: RenderedDocument | None, new: RenderedDocument,
                   overrides: Sequence[Override] = (), home: str = "") -> Redline:
    """Compare two versions of one document (`old` None: the first version, all added).

    `home` is the site's own URL when known (MkDocs `site_url`): links to its domain
    are judged as links within this site. (`review.memo.RedlineMemo` reuses redlines
    already made.)"""
    old_sections = {s.id: s for s in old.sections} if old else {}
    new_ids = [s.id for s in new.sections]
    old_ids = list(old_sections)
    _check_overrides(overrides, set(old_ids) | set(new_ids))
    moved = _moved(old_ids, new_ids)
    if moved and old is not None and _order(old, set(new_ids)) == _order(new, set(old_ids)):
        moved = set()  # sections alike in title and text changed places: nothing to see
    removed_after: dict[str | None, list[RenderedSection]] = {}
    anchor: str | None = None
    for sid, s in old_sections.items():
        if sid in new_ids:
            anchor = sid
        else:
            removed_after.setdefault(anchor, []).append(s)
    b = _Builder(old, new, home)
    if old is not None and old.title != new.title:
        v = _retitled(old.title, new.title, True, home)
        b.changes.append(Change(TITLE_ID, "Document title", "retitled", old.title, new.title,
                                diff_text(old.title, new.title), (), v.material, v.reason,
                                rule=v.rule, evidence=v.evidence, referred=v.referred))
    for s in removed_after.get(None, []):
        b.whole(s, "removed")
    # a moved part's place among the parts both versions have, when its number stays
    in_new = set(new_ids)
    shared_old = [i for i in old_ids if i in in_new] if moved else []
    shared_new = [i for i in new_ids if i in old_sections] if moved else []
    for pos, s in enumerate(new.sections):
        o = old_sections.get(s.id)
        if o is None:
            b.whole(s, "added")
        else:
            where: tuple[int, int, bool] | None = None
            if s.id in moved:
                where = (old_ids.index(s.id) + 1, pos + 1, False)
                if where[0] == where[1]:  # parts put in and taken out around it: its place
                    # among the parts both versions have is what changed
                    where = (shared_old.index(s.id) + 1, shared_new.index(s.id) + 1, True)
            b.common(o, s, where)
        for r in removed_after.get(s.id, []):
            b.whole(r, "removed")
    changes = [_apply(c, overrides) for c in moves.moved_blocks(b.changes, b.sections)]
    return Redline(new.name, new.title, tuple(changes), tuple(b.sections))


def _check_overrides(overrides: Sequence[Override], ids: set[str]) -> None:
    """An override naming no section would silently do nothing: a typo must be loud."""
    for o in overrides:
        if o.section is not None and o.section not in ids:
            close = difflib.get_close_matches(o.section, sorted(ids), n=1)
            raise SourceError(f"the materiality override names section '{o.section}', "
                              "which neither version has", path=o.path, line=o.line,
                              hint=f"did you mean '{close[0]}'?" if close else
                              f"sections: {', '.join(sorted(ids))}")


def _apply(change: Change, overrides: Sequence[Override]) -> Change:
    """The most specific override wins: the section's own, else the version's."""
    chosen = next((o for o in overrides if o.section == change.section_id), None) or next(
        (o for o in overrides if o.section is None), None)
    if chosen is None:
        return change
    return replace(change, material=chosen.material, reason=f"Override: {chosen.reason.strip()}",
                   overridden=True, referred=False)
