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

Materiality (materiality.py) judges each changed span. A section or variable
counts as declared not material only if both versions declare it so: a commit
that flips `material: false` cannot exempt its own edit. Overrides come last.
"""

from __future__ import annotations

import difflib
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from lexdocs.errors import SourceError
from lexdocs.render.templates import RenderedDocument, RenderedSection
from lexdocs.review import materiality

SEP = "\n\n"
Op = Literal["equal", "insert", "delete"]
Kind = Literal["added", "removed", "moved", "retitled", "modified"]
_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")
_UNIT = re.compile(r"\w+(?:['’]\w+)*[ \t]*|[^\w\s][ \t]*|\s+")
_SENTENCE = re.compile(r"(?<=[.!?;:])(?=\s)")


@dataclass(frozen=True)
class Segment:
    """A run of text that is the same in both versions, or only in one."""

    op: Op
    text: str


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
    segments: tuple[Segment, ...]


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
        """Whether this version needs notice: any one material change is enough."""
        return any(c.material for c in self.changes)

    @property
    def reasons(self) -> tuple[str, ...]:
        """"Section title: reason" for every change, in document order, for logs and notices."""
        return tuple(f"{c.section_title}: {c.reason}" for c in self.changes)


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


def _ops(a: Sequence[str], b: Sequence[str]) -> Sequence[tuple[str, int, int, int, int]]:
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


def diff_blocks(old: Sequence[str], new: Sequence[str]) -> tuple[tuple[Segment, ...], list[Hunk]]:
    """Diff two block lists: the whole section's segments, and each changed span.

    Separators are emitted between spans only on the side that has blocks on both
    sides of them, so a block added at the end never glues onto the last one.
    """
    out: list[Segment] = []
    hunks: list[Hunk] = []
    old_seen = new_seen = False
    spans: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in _ops(old, new):
        if tag == "replace" and i2 - i1 == j2 - j1:  # pair blocks one to one: finer changes
            spans.extend(("replace", i1 + k, i1 + k + 1, j1 + k, j1 + k + 1)
                         for k in range(i2 - i1))
        else:
            spans.append((tag, i1, i2, j1, j2))
    for tag, i1, i2, j1, j2 in spans:
        has_old, has_new = i2 > i1, j2 > j1
        sep_old, sep_new = old_seen and has_old, new_seen and has_new
        if sep_old or sep_new:
            out.append(Segment("equal" if sep_old and sep_new else
                               "delete" if sep_old else "insert", SEP))
        a, b = SEP.join(old[i1:i2]), SEP.join(new[j1:j2])
        if tag == "equal":
            out.append(Segment("equal", a))
        else:
            segs = diff_text(a, b)
            out.extend(segs)
            hunks.append(Hunk(a, b, segs))
        old_seen, new_seen = old_seen or has_old, new_seen or has_new
    return tidy(out), hunks


def _moved(old_ids: list[str], new_ids: list[str]) -> set[str]:
    """Sections outside the longest common order: the fewest that must have moved."""
    common = set(old_ids) & set(new_ids)
    a = [i for i in old_ids if i in common]
    b = [i for i in new_ids if i in common]
    kept = {x for blk in difflib.SequenceMatcher(None, a, b, autojunk=False)
            .get_matching_blocks() for x in a[blk.a:blk.a + blk.size]}
    return common - kept


class _Builder:
    """Collects the changes of one redline in document order."""

    def __init__(self, old: RenderedDocument | None, new: RenderedDocument) -> None:
        self.old_values = old.values if old else {}
        self.new_values = new.values
        self.immaterial = new.immaterial & (old.immaterial if old else frozenset())
        self.changed = {n: (self.old_values[n], v) for n, v in new.values.items()
                        if n in self.old_values and self.old_values[n] != v}
        self.changes: list[Change] = []
        self.sections: list[SectionDiff] = []
        self.known = (materiality.document_words(old.text) if old else frozenset(),
                      materiality.document_words(new.text))

    def add_structure(self, s: RenderedSection, kind: Kind, old: str, new: str,
                      segs: tuple[Segment, ...], detail: str = "") -> None:
        material, reason = materiality.classify_structure(kind, section_material=s.material,
                                                          detail=detail)
        self.changes.append(Change(s.id, s.title, kind, old, new, segs, (), material, reason))

    def whole(self, s: RenderedSection, kind: Kind) -> None:
        text = section_text(s.blocks)
        op: Op = "insert" if kind == "added" else "delete"
        segs = (Segment(op, text),) if text else ()
        old, new = ("", text) if kind == "added" else (text, "")
        self.add_structure(s, kind, old, new, segs)
        self.sections.append(SectionDiff(s.id, s.title, None, (kind,), segs))

    def common(self, o: RenderedSection, n: RenderedSection,
               moved: tuple[int, int] | None) -> None:
        status: list[Kind] = []
        if moved is not None:
            status.append("moved")
            self.add_structure(n, "moved", f"position {moved[0]}", f"position {moved[1]}", (),
                               f" from position {moved[0]} to {moved[1]}")
        section_material = o.material or n.material  # declaring it cannot exempt its own edit
        if o.title != n.title:
            status.append("retitled")
            ok, why = materiality.classify(o.title, n.title, section_material=section_material,
                                           variables_changed=(), immaterial_vars=frozenset())
            self.changes.append(Change(n.id, n.title, "retitled", o.title, n.title,
                                       diff_text(o.title, n.title), (), ok, why))
        segs, hunks = diff_blocks(o.blocks, n.blocks)
        if hunks:
            status.append("modified")
        used = sorted(u for u in (o.uses | n.uses) if u in self.changed)
        placed = [[u for u in used if self.changed[u][0] in h.old or self.changed[u][1] in h.new]
                  for h in hunks]
        if used and hunks and not any(placed):
            placed = [used for _ in hunks]  # e.g. a list value: the text does not quote it
        for h, names in zip(hunks, placed, strict=True):
            notes = tuple(f"{u}: {self.changed[u][0]} → {self.changed[u][1]}" for u in names)
            ok, why = materiality.classify(
                h.old, h.new, section_material=section_material, variables_changed=names,
                immaterial_vars=self.immaterial, values={u: self.changed[u] for u in names},
                known=self.known)
            self.changes.append(Change(n.id, n.title, "modified", h.old, h.new, h.segments,
                                       notes, ok, why))
        self.sections.append(SectionDiff(n.id, n.title, o.title if o.title != n.title else None,
                                         tuple(status), segs))


# Redlines of the very render objects met before (a preview rebuild gets every archived
# version back from the render cache): holding the objects keeps their ids valid.
_SEEN: OrderedDict[tuple[int, int, tuple[Override, ...]],
                   tuple[RenderedDocument | None, RenderedDocument, Redline]] = OrderedDict()
_SEEN_MAX = 20_000


def diff_documents(old: RenderedDocument | None, new: RenderedDocument,
                   overrides: Sequence[Override] = ()) -> Redline:
    """Compare two versions of one document (`old` None: the first version, all added)."""
    key = (id(old), id(new), tuple(overrides))
    hit = _SEEN.get(key)
    if hit is not None and hit[0] is old and hit[1] is new:
        return hit[2]
    redline = _diff_documents(old, new, overrides)
    _SEEN[key] = (old, new, redline)
    if len(_SEEN) > _SEEN_MAX:
        _SEEN.popitem(last=False)
    return redline


def forget_redlines() -> None:
    """Drop remembered redlines (a one-off build has no next rebuild to reuse them)."""
    _SEEN.clear()


def _diff_documents(old: RenderedDocument | None, new: RenderedDocument,
                    overrides: Sequence[Override]) -> Redline:
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
    b = _Builder(old, new)
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
    changes = [_apply(c, overrides) for c in b.changes]
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
                   overridden=True)
