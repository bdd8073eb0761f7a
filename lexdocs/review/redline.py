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

The diff runs in passes so it stays fast on long texts without losing detail:
blocks and then sentences (exact matches are skipped at once), then word units
(a word with its trailing space, so frequent tokens like " " or "the" cannot
make SequenceMatcher crawl), then single tokens (words, white space,
punctuation) inside each replaced run, so a comma added is a comma, not a word.
All passes use SequenceMatcher with autojunk=False: its junk heuristic would
treat common words as noise in long texts and produce ragged diffs.

A section's redline is a list of `Row`s, one per block a reader sees (a
paragraph, list item, heading or table cell, with its kind), so every format
can draw both texts' structure. Blocks are aligned before words are compared:
where a span of blocks was rewritten, each old block is paired with the most
alike new one (or with none), and words are compared only within a pair. So a
word or a full stop belongs to the block it belongs to in each version: when a
list is withdrawn and the sentence before it now ends with ".", that "." is
inserted after the sentence's last word, never kept after the last deleted item.

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
"a web address changed"). A section or variable counts as declared not
material only if both versions declare it so: a commit that flips
`material: false` cannot exempt its own edit. Overrides come last.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from lexdocs.errors import SourceError
from lexdocs.render import markup
from lexdocs.render.markup import Block, Run
from lexdocs.render.templates import RenderedDocument, RenderedSection
from lexdocs.review import links, materiality, verdicts
from lexdocs.review.looks import (
    SEP,
    Facets,
    Op,
    Segment,
    annotate,
    facets_of,
    link_moves,
    look_notes,
)
from lexdocs.review.verdicts import Verdict

TITLE_ID = "(document title)"
"""`section_id` of a change to the document's own title; no section id can look like it."""
Kind = Literal["added", "removed", "moved", "retitled", "modified"]
_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")
_UNIT = re.compile(r"\w+(?:['’]\w+)*[ \t]*|[^\w\s][ \t]*|\s+")
_SENTENCE = re.compile(r"(?<=[.!?;:])(?=\s)")


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
class Row:
    """One block as a redline draws it: a paragraph, list item, heading or table cell.

    `op` is "equal" for a block both versions have (its words may still differ, see
    `segments`), "insert" or "delete" for a block only one has. `kind` is the block's
    kind in words (markup.Block.kind) in the new version, in the old one for a deleted
    block; `old_kind` is the old kind when it was another.
    """

    op: Op
    kind: str
    segments: tuple[Segment, ...]
    old_kind: str = ""

    @property
    def changed(self) -> bool:
        """Whether a reader sees anything different in this block."""
        return (self.op != "equal" or bool(self.old_kind)
                or any(s.op != "equal" or s.look is not None for s in self.segments))


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
    changes: tuple[Change, ...]
    sections: tuple[SectionDiff, ...] = field(default=())

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
        reader would not want the same line twice."""
        return tuple(dict.fromkeys(f"{c.section_title}: {c.reason}" for c in self.changes))


def section_text(blocks: Sequence[str]) -> str:
    """The text of a section under the reconstruction convention."""
    return SEP.join(blocks)


def tidy(segments: Sequence[Segment]) -> tuple[Segment, ...]:
    """Merge neighbours and fold lone spaces between edits, so "cat sat" → "dog ran" reads
    as one replacement instead of two; both projections are unchanged."""
    segs: list[Segment] = []
    src = [s for s in segments if s.text]
    for i, s in enumerate(src):
        if (s.op == "equal" and 0 < i < len(src) - 1 and not s.text.strip()
                and "\n" not in s.text and src[i - 1].op != "equal" and src[i + 1].op != "equal"):
            segs += [Segment("delete", s.text), Segment("insert", s.text)]
        else:
            segs.append(s)
    out: list[Segment] = []
    run: list[Segment] = []

    def flush() -> None:
        for op in ("delete", "insert"):
            text = "".join(s.text for s in run if s.op == op)
            if text:
                out.append(Segment(op, text))
        run.clear()

    for s in segs:
        if s.op == "equal":
            flush()
            if out and out[-1].op == "equal":
                out[-1] = Segment("equal", out[-1].text + s.text)
            else:
                out.append(s)
        else:
            run.append(s)
    flush()
    return tuple(out)


def _ops(a: Sequence[Hashable], b: Sequence[Hashable],
         ) -> Sequence[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def diff_text(old: str, new: str) -> tuple[Segment, ...]:
    """Word-level diff of two texts; see the module docstring for the passes."""
    if old == new:
        return (Segment("equal", old),) if old else ()
    sa, sb = _SENTENCE.split(old), _SENTENCE.split(new)
    if len(sa) == 1 or len(sb) == 1:
        return tidy(_diff_units(old, new))
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in _ops(sa, sb):
        if tag == "equal":
            out.append(Segment("equal", "".join(sa[i1:i2])))
        else:
            out.extend(_diff_units("".join(sa[i1:i2]), "".join(sb[j1:j2])))
    return tidy(out)


def _diff_units(old: str, new: str) -> list[Segment]:
    ua, ub = _UNIT.findall(old), _UNIT.findall(new)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in _ops(ua, ub):
        a, b = "".join(ua[i1:i2]), "".join(ub[j1:j2])
        if tag != "replace":
            out.append(Segment("equal", a) if tag == "equal" else
                       Segment("delete", a) if tag == "delete" else Segment("insert", b))
            continue
        ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
        for t2, k1, k2, l1, l2 in _ops(ta, tb):
            if t2 == "equal":
                out.append(Segment("equal", "".join(ta[k1:k2])))
                continue
            out.append(Segment("delete", "".join(ta[k1:k2])))
            out.append(Segment("insert", "".join(tb[l1:l2])))
    return out


@dataclass(frozen=True)
class Hunk:
    """A changed span of blocks: the unit a reviewer reads and the classifier judges."""

    old: str
    new: str
    segments: tuple[Segment, ...]
    notes: tuple[str, ...] = ()
    rows: tuple[int, int] = (0, 0)
    """Its rows in the section's (`diff_rows`)."""


def _block(b: Block | str) -> Block:
    return b if isinstance(b, Block) else Block("paragraph", (Run(b),) if b else ())


def _kind_notes(old: Sequence[Block], new: Sequence[Block]) -> tuple[str, ...]:
    """Blocks whose words stayed but whose kind changed: "'Rights': heading 2 → heading 3"."""
    notes = []
    ta, tb = [b.text for b in old], [b.text for b in new]
    for tag, i1, i2, j1, _ in _ops(ta, tb):
        if tag == "equal":
            for a, b in zip(old[i1:i2], new[j1:j1 + i2 - i1], strict=True):
                if a.kind != b.kind:
                    notes.append(f"'{_short(a.text)}': {a.kind} → {b.kind}")
    return tuple(notes)


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def diff_blocks(old: Sequence[Block | str], new: Sequence[Block | str],
                ) -> tuple[tuple[Segment, ...], list[Hunk]]:
    """Diff two block lists: the whole section's segments, and each changed span."""
    rows, hunks = diff_rows(old, new)
    return joined(rows), hunks


def diff_rows(old: Sequence[Block | str], new: Sequence[Block | str],
              ) -> tuple[tuple[Row, ...], list[Hunk]]:
    """Diff two block lists: a row per block, and each changed span of rows.

    Blocks are equal only if a reader sees them alike (words, link targets, marks,
    kind). Within a changed span, blocks are paired before words are compared
    (`_pair`), so no word, space or stop is ever drawn in another block than its own.
    """
    ob, nb = [_block(b) for b in old], [_block(b) for b in new]
    rows: list[Row] = []
    hunks: list[Hunk] = []
    spans: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in _ops(ob, nb):
        if tag == "replace" and i2 - i1 == j2 - j1:  # pair blocks one to one: finer changes
            spans.extend(("replace", i1 + k, i1 + k + 1, j1 + k, j1 + k + 1)
                         for k in range(i2 - i1))
        else:
            spans.append((tag, i1, i2, j1, j2))
    for tag, i1, i2, j1, j2 in spans:
        if tag == "equal":
            rows.extend(_row(b, b) for b in nb[j1:j2])
            continue
        start = len(rows)
        rows.extend(_row(a, b) for a, b in _pair(ob[i1:i2], nb[j1:j2]))
        a, b = SEP.join(x.text for x in ob[i1:i2]), SEP.join(x.text for x in nb[j1:j2])
        hunks.append(Hunk(a, b, joined(rows[start:]), _kind_notes(ob[i1:i2], nb[j1:j2]),
                          (start, len(rows))))
    return tuple(rows), hunks


_ALIKE = 0.3
"""Two rewritten blocks are the same block edited when this share of their words match."""
_PAIRING_LIMIT = 10_000
"""Old × new blocks beyond which a rewritten span is not paired (each block stands alone)."""


def _pair(old: Sequence[Block], new: Sequence[Block]) -> list[tuple[Block | None, Block | None]]:
    """The blocks of a rewritten span in reading order, each old block with the new one it
    became, or alone: the pairing that matches the most words, in order (a small
    dynamic programme). Unpaired old blocks come before unpaired new ones."""
    if len(old) == len(new) == 1:
        return [(old[0], new[0])]
    n, m = len(old), len(new)
    if not n or not m or n * m > _PAIRING_LIMIT:
        return [*((a, None) for a in old), *((None, b) for b in new)]
    # How alike two blocks are: the share of their words they have in common (as
    # SequenceMatcher.quick_ratio, from word counts made once per block, so a span of
    # a hundred blocks each side is paired in milliseconds, not word-matched 10,000 times).
    words_old = [Counter(_TOKEN.findall(b.text)) for b in old]
    words_new = [Counter(_TOKEN.findall(b.text)) for b in new]
    size_old = [c.total() for c in words_old]
    size_new = [c.total() for c in words_new]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            score = max(best[i - 1][j], best[i][j - 1])
            sizes = size_old[i - 1] + size_new[j - 1]
            ratio = 2 * (words_old[i - 1] & words_new[j - 1]).total() / sizes if sizes else 1.0
            if ratio >= _ALIKE:
                score = max(score, best[i - 1][j - 1] + ratio)
            best[i][j] = score
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    out: list[tuple[Block | None, Block | None]] = []
    i = j = 0
    for pi, pj in [*reversed(pairs), (n, m)]:
        out += [(a, None) for a in old[i:pi]] + [(None, b) for b in new[j:pj]]
        if pi < n:
            out.append((old[pi], new[pj]))
        i, j = pi + 1, pj + 1
    return out


def _row(a: Block | None, b: Block | None) -> Row:
    """The row of an old block `a` that became `b` (either None when it came or went)."""
    if a is not None and a == b:
        return _unchanged_row(a)
    if a is not None and b is not None:
        fa, fb = a.char_facets(), b.char_facets()
        segs = ((Segment("equal", b.text),) if a == b else
                annotate(diff_text(a.text, b.text), fa, fb)) if a.text or b.text else ()
        return Row("equal", b.kind, _drawn(segs, fa, fb), a.kind if a.kind != b.kind else "")
    block = a or b
    assert block is not None
    op: Op = "delete" if a is not None else "insert"
    f = block.char_facets()
    segs = annotate((Segment(op, block.text),), f, f) if block.text else ()
    return Row(op, block.kind, _drawn(segs, f, f))


@functools.lru_cache(maxsize=8192)
def _unchanged_row(block: Block) -> Row:
    """The row of a block both versions have as it is: the same in every redline that
    meets it, so it is drawn once (a long policy's redline is mostly such rows, and
    drawing them character by character was most of the cost of a first build)."""
    f = block.char_facets()
    return Row("equal", block.kind, _drawn((Segment("equal", block.text),), f, f)
               if block.text else ())


def _drawn(segments: Sequence[Segment], old: Facets, new: Facets) -> tuple[Segment, ...]:
    """Segments split where the way their words are drawn changes, each with its facets
    (the new version's; the old one's for deleted words)."""
    out: list[Segment] = []
    i = j = 0
    for s in segments:
        side, at = (old, i) if s.op == "delete" else (new, j)
        start = 0
        for k in range(1, len(s.text) + 1):
            if k == len(s.text) or side[at + k] != side[at + start]:
                out.append(Segment(s.op, s.text[start:k], s.look, side[at + start]))
                start = k
        i += len(s.text) if s.op != "insert" else 0
        j += len(s.text) if s.op != "delete" else 0
    return tuple(out)


def joined(rows: Sequence[Row]) -> tuple[Segment, ...]:
    """Rows as one run of segments under the reconstruction convention: a separator
    between two blocks on each side that has both, neighbours that read alike merged."""
    out: list[Segment] = []
    old_seen = new_seen = False

    def put(seg: Segment) -> None:
        if out and out[-1].op == seg.op and out[-1].look == seg.look:
            out[-1] = Segment(seg.op, out[-1].text + seg.text, seg.look)
        elif seg.text:
            out.append(seg)

    for r in rows:
        has_old, has_new = r.op != "insert", r.op != "delete"
        sep_old, sep_new = old_seen and has_old, new_seen and has_new
        if sep_old or sep_new:
            put(Segment("equal" if sep_old and sep_new else "delete" if sep_old else "insert",
                        SEP))
        for s in r.segments:
            put(Segment(s.op, s.text, s.look))
        old_seen, new_seen = old_seen or has_old, new_seen or has_new
    return tuple(out)


def _moved(old_ids: list[str], new_ids: list[str]) -> set[str]:
    """Sections outside the longest common order: the fewest that must have moved."""
    common = set(old_ids) & set(new_ids)
    a = [i for i in old_ids if i in common]
    b = [i for i in new_ids if i in common]
    kept = {x for blk in difflib.SequenceMatcher(None, a, b, autojunk=False)
            .get_matching_blocks() for x in a[blk.a:blk.a + blk.size]}
    return common - kept


def _document_words(doc: RenderedDocument) -> frozenset[str]:
    """`materiality.document_words(doc.text)`, from each section's words: no word spans
    the blank lines between sections, and most sections are the same in the next
    version, so a long history finds their words once, not twice a redline."""
    return frozenset().union(*(_section_words(s.title, s.html) for s in doc.sections))


@functools.lru_cache(maxsize=1024)
def _section_words(title: str, html: str) -> frozenset[str]:
    return materiality.document_words(f"{title}\n\n{markup.plain_text(html)}")


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
        rows = tuple(_row(None, b) if kind == "added" else _row(b, None) for b in blocks)
        self.add_structure(s, kind, old, new, segs, rows=(0, len(rows)))
        self.sections.append(SectionDiff(s.id, s.title, None, (kind,), rows))

    def common(self, o: RenderedSection, n: RenderedSection,
               moved: tuple[int, int] | None) -> None:
        if moved is None and o.title == n.title and o.html == n.html:
            self.sections.append(_quiet_section(n.id, n.title, n.html))
            return
        status: list[Kind] = []
        if moved is not None:
            status.append("moved")
            self.add_structure(n, "moved", f"position {moved[0]}", f"position {moved[1]}", (),
                               f" from position {moved[0]} to {moved[1]}")
        section_material = o.material or n.material  # declaring it cannot exempt its own edit
        if o.title != n.title:
            status.append("retitled")
            v = materiality.classify(o.title, n.title, section_material=section_material,
                                     variables_changed=(), immaterial_vars=frozenset())
            self.changes.append(Change(n.id, n.title, "retitled", o.title, n.title,
                                       diff_text(o.title, n.title), (), v.material, v.reason,
                                       rule=v.rule, evidence=v.evidence,
                                       referred=v.referred))
        rows, hunks = diff_rows(markup.units(o.html), markup.units(n.html))
        if hunks:
            status.append("modified")
        used = sorted(u for u in (o.uses | n.uses) if u in self.changed)
        placed = [[u for u in used if self.changed[u][0] in h.old or self.changed[u][1] in h.new]
                  for h in hunks]
        if used and hunks and not any(placed):
            placed = [used for _ in hunks]  # e.g. a list value: the text does not quote it
        for h, names in zip(hunks, placed, strict=True):
            notes = tuple(f"{u}: {self.changed[u][0]} → {self.changed[u][1]}" for u in names)
            words_old = _swap_urls(h.old, links.url_pairs(h.old, h.new))
            v = materiality.classify(
                words_old, h.new, section_material=section_material, variables_changed=names,
                immaterial_vars=self.immaterial, values={u: self.changed[u] for u in names},
                known=self.known, home=self.home)
            v = _with_links(h, words_old, v, section_material, self.home)
            v = _heading_only(v, h, rows)
            self.changes.append(Change(n.id, n.title, "modified", h.old, h.new, h.segments,
                                       notes, v.material, v.reason, rule=v.rule,
                                       evidence=v.evidence, details=h.notes, rows=h.rows,
                                       referred=v.referred))
        self.sections.append(SectionDiff(n.id, n.title, o.title if o.title != n.title else None,
                                         tuple(status), rows))


@functools.lru_cache(maxsize=4096)
def _quiet_section(sid: str, title: str, html: str) -> SectionDiff:
    """A section both versions have as it is, with neither change nor verdict: one object
    for every redline of this process that meets it, as most sections of a long policy
    are in most of its redlines (each was cut into blocks, compared and kept by its
    content hash again in each of a thousand redlines of a first or CI build)."""
    blocks = markup.units(html)
    rows, _ = diff_rows(blocks, blocks)
    return SectionDiff(sid, title, None, (), rows)


def _heading_only(v: Verdict, h: Hunk, rows: Sequence[Row]) -> Verdict:
    """A hunk whose changed blocks are all headings, only framed anew around the same
    words (materiality.heading_renamed) with nothing the rules found in them: such a
    heading names the part of the document it heads, which says what it says, so it is
    not material (a negation, a third party or a date in it still is: those rules fire
    first)."""
    changed = [r for r in rows[h.rows[0]:h.rows[1]] if r.changed]
    if v.rule not in ("wording-changed", "unexplained") or not all(
            r.kind.startswith("heading") for r in changed) or not all(materiality.heading_renamed(
                "".join(s.text for s in r.segments if s.op != "insert"),
                "".join(s.text for s in r.segments if s.op != "delete")) for r in changed):
        return v  # a heading may carry the statement: only one framed anew is a name
    return verdicts.verdict(False, "heading-changed", (h.old, "→", h.new))


def _swap_urls(text: str, pairs: Sequence[tuple[str, str]]) -> str:
    """`text` with each written-out URL that moved replaced by where it moved: what is
    left to differ is the wording, which the materiality rules judge."""
    for a, b in pairs:
        text = text.replace(a, b)
    return text


def link_verdicts(h: Hunk, home: str = "") -> list[Verdict]:
    """A verdict for each link target that changed in a hunk, on the words that carry it,
    and for each URL written out as text that became another URL (`home`: links.judge)."""
    found: dict[tuple[str | None, str | None], str] = {}
    for m in link_moves(h.segments):
        found.setdefault((m.old, m.new), m.words)
    for a, b in links.url_pairs(h.old, h.new):
        found.setdefault((a, b), "")
    return [links.judge(a, b, words, home) for (a, b), words in found.items()]


def _with_links(h: Hunk, words_old: str, words: Verdict,
                section_material: bool, home: str = "") -> Verdict:
    """The verdict on a hunk's words joined with those on its links and layout.

    Words the same once moved URLs are swapped back: only links (or only marks and
    block kinds) changed, and their verdicts alone decide.
    """
    verdicts = link_verdicts(h, home)
    same_words = words_old == h.new
    if not verdicts and not same_words:
        return words
    parts = ([] if same_words else [words]) + verdicts
    if not parts:
        shown = [*h.notes, *(f"'{s.text.strip()}': {'; '.join(map(str, notes))}" for s, notes
                             in zip(h.segments, look_notes(h.segments), strict=True) if notes)]
        return Verdict(False, "layout-only", "Not material: only the layout changed" + (
            f" ({'; '.join(shown)})." if shown else "."), tuple(shown))
    v = joined_verdict(None if same_words else words, verdicts)
    if v.material and not section_material:
        return Verdict(False, "section-not-material", "Not material: section declared not "
                       f"material (note: {v.reason}).", v.evidence)
    return v


def joined_verdict(words: Verdict | None, moved: Sequence[Verdict]) -> Verdict:
    """The verdict on a change's words (None: they did not change) and on its links as
    one: material if any is; a lawyer's call when the words are one and no link is
    material (what no rule explains stays unexplained beside harmless link moves)."""
    if words is not None and words.rule.startswith("cross-reference-"):
        moved = [_pointers_own(m, words.rule.rpartition("-")[2]) for m in moved]
    if words is not None and words.referred and any(m.material for m in moved):
        # a material link explains the change: the rewrite beside it is one more reason
        said = words.reason.removeprefix(f"{verdicts.LAWYERS_CALL}: ")
        words = replace(words, referred=False, reason=f"Material: {said}")
        parts = [*[m for m in moved if m.material], words, *[m for m in moved if not m.material]]
    else:
        parts = [*([words] if words else []), *moved]
    v = parts[0] if len(parts) == 1 else links.combine(parts)
    if words is None or not words.referred:
        return v
    said = words.reason.removeprefix(f"{verdicts.LAWYERS_CALL}: ").rstrip(".")
    quiet = "; ".join(m.reason.removeprefix("Not material: ").rstrip(".") for m in moved)
    return replace(v, rule=words.rule, referred=True, reason=(
        f"{verdicts.LAWYERS_CALL}: {said}" + (f"; not material: {quiet}" if quiet else "")
        + "."))


def _pointers_own(link: Verdict, verb: str) -> Verdict:
    """A link that came or went with the pointer sentence carrying it ("To learn more, see
    this article"): the pointer's own, as harmless as the pointer."""
    if link.rule != f"link-{verb}" or not link.material:
        return link
    said = link.reason.removeprefix("Material: ")
    return replace(link, material=False, reason=f"Not material: the pointer's own link: {said}")


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
    removed_after: dict[str | None, list[RenderedSection]] = {}
    anchor: str | None = None
    for sid, s in old_sections.items():
        if sid in new_ids:
            anchor = sid
        else:
            removed_after.setdefault(anchor, []).append(s)
    b = _Builder(old, new, home)
    if old is not None and old.title != new.title:
        v = materiality.classify(old.title, new.title, section_material=True,
                                 variables_changed=(), immaterial_vars=frozenset())
        b.changes.append(Change(TITLE_ID, "Document title", "retitled", old.title, new.title,
                                diff_text(old.title, new.title), (), v.material, v.reason,
                                rule=v.rule, evidence=v.evidence, referred=v.referred))
    for s in removed_after.get(None, []):
        b.whole(s, "removed")
    for pos, s in enumerate(new.sections):
        o = old_sections.get(s.id)
        if o is None:
            b.whole(s, "added")
        else:
            where = (old_ids.index(s.id) + 1, pos + 1) if s.id in moved else None
            b.common(o, s, where)
        for r in removed_after.get(s.id, []):
            b.whole(r, "removed")
    changes = [_apply(c, overrides) for c in _moved_blocks(b.changes)]
    return Redline(new.name, new.title, tuple(changes), tuple(b.sections))


def _moved_blocks(changes: list[Change]) -> list[Change]:
    """Paragraphs, list items or sentences that moved within their section: one change
    takes them out word for word and another puts them back elsewhere in the same
    section, and neither change does anything else. A reader finds the same statements
    in the same part of the document, in another order, so neither is material (a move
    between sections can change what a statement applies to, and stays judged as removed
    and added)."""
    pieces = [_pieces(c) if c.kind == "modified" and c.material and not c.variables
              else None for c in changes]
    total: dict[str, tuple[Counter[tuple[str, ...]], Counter[tuple[str, ...]]]] = {}
    for c, p in zip(changes, pieces, strict=True):
        if p:  # one count a section, so a long redline costs a pass, not a pass a change
            gone, came = total.setdefault(c.section_id, (Counter(), Counter()))
            gone.update(w for w, _ in p[0])
            came.update(w for w, _ in p[1])
    out = list(changes)
    for i, mine in enumerate(pieces):
        if not mine or not (mine[0] or mine[1]):
            continue
        took, put = Counter(w for w, _ in mine[0]), Counter(w for w, _ in mine[1])
        gone, came = total[changes[i].section_id]
        if took <= came - put and put <= gone - took:
            moved = (mine[0] or mine[1])[0][1].strip(" .;,").split()
            shown = " ".join(moved[:10]) + (" …" if len(moved) > 10 else ".")
            whole = not changes[i].old.strip() or not changes[i].new.strip()
            v = verdicts.verdict(False, "block-moved" if whole else "sentence-moved",
                                    (shown,))
            out[i] = replace(out[i], material=False, reason=v.reason, rule=v.rule,
                             evidence=v.evidence, referred=False)
    return out


_Piece = tuple[tuple[str, ...], str]


def _pieces(c: Change) -> tuple[list[_Piece], list[_Piece]]:
    """The runs of words a change takes out and puts in, each as its words (case, quote
    style and punctuation folded: what a move elsewhere must match) and as written."""
    gone: list[_Piece] = []
    came: list[_Piece] = []
    run: list[str] = []
    op = "equal"
    for s in [*c.segments, Segment("equal", "")]:
        if s.op != op:
            text = "".join(run)
            words = tuple(_WORDS.findall(text.translate(_FOLD).casefold()))
            if words and op in ("delete", "insert"):
                (gone if op == "delete" else came).append((words, text))
            run, op = [], s.op
        run.append(s.text)
    return gone, came


_WORDS = re.compile(r"\w+(?:'\w+)*")
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


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
