"""Two lists of blocks → rows and hunks: which blocks pair up, and which words changed.

The word diff redline.py draws: blocks and then sentences (exact matches are skipped at
once), then word units (a word with its trailing space, so frequent tokens like " " or
"the" cannot make SequenceMatcher crawl), then single tokens (words, white space,
punctuation) inside each replaced run, so a comma added is a comma, not a word. Where a
span of blocks was rewritten, each old block is paired with the most alike new one (or
with none) before words are compared, so a word or a full stop is drawn in the block it
belongs to in each version. Every pass uses SequenceMatcher with autojunk=False (its
junk heuristic would take common words for noise in long texts and make ragged diffs),
through align.opcodes, which bounds its work: the spaces of a paragraph whose words were
all replaced match one another, and were compared pair by pair.

Reconstruction convention: joining the `equal` and `insert` segments of a row list
(`joined`) gives the new text exactly, `equal` and `delete` the old.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lexdocs.render.markup import Block, Run, empty_cell
from lexdocs.review.align import opcodes
from lexdocs.review.looks import SEP, Facets, Op, Segment, annotate

_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")
# An e-mail or web address is one unit: matched on its own characters, its dots could
# pair with the full stops around it ("here or at DPO@linkedin.com." → "here." showed
# "DPO@linkedin" and "com" deleted around a kept "."). Each address is tried only where
# no address character comes before, so a long run of word characters is read once.
_ADDRESS = (r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
            r"|(?<![\w/])(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)\]'\"’”]")
_UNIT = re.compile(rf"(?:{_ADDRESS})[ \t]*|\w+(?:['’]\w+)*[ \t]*|[^\w\s][ \t]*|\s+")
_SENTENCE = re.compile(r"(?<=[.!?;:])(?=\s)")


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


def diff_text(old: str, new: str) -> tuple[Segment, ...]:
    """Word-level diff of two texts; see the module docstring for the passes."""
    if old == new:
        return (Segment("equal", old),) if old else ()
    sa, sb = _SENTENCE.split(old), _SENTENCE.split(new)
    if len(sa) == 1 or len(sb) == 1:
        return tidy(_diff_units(old, new))
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in opcodes(sa, sb):
        if tag == "equal":
            out.append(Segment("equal", "".join(sa[i1:i2])))
        else:
            out.extend(_diff_units("".join(sa[i1:i2]), "".join(sb[j1:j2])))
    return tidy(out)


def _diff_units(old: str, new: str) -> list[Segment]:
    ua, ub = _UNIT.findall(old), _UNIT.findall(new)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in opcodes(ua, ub):
        a, b = "".join(ua[i1:i2]), "".join(ub[j1:j2])
        if tag != "replace":
            out.append(Segment("equal", a) if tag == "equal" else
                       Segment("delete", a) if tag == "delete" else Segment("insert", b))
            continue
        ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
        for t2, k1, k2, l1, l2 in opcodes(ta, tb):
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
    for tag, i1, i2, j1, _ in opcodes(ta, tb):
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
    ids: dict[Block, int] = {}  # a block computes its hash anew each time it is compared
    for tag, i1, i2, j1, j2 in opcodes([ids.setdefault(b, len(ids)) for b in ob],
                                       [ids.setdefault(b, len(ids)) for b in nb]):
        if tag == "replace" and i2 - i1 == j2 - j1:  # pair blocks one to one: finer changes
            spans.extend(("replace", i1 + k, i1 + k + 1, j1 + k, j1 + k + 1)
                         for k in range(i2 - i1))
        else:
            spans.append((tag, i1, i2, j1, j2))
    for tag, i1, i2, j1, j2 in spans:
        if tag == "equal":
            rows.extend(row(b, b) for b in nb[j1:j2])
            continue
        start = len(rows)
        rows.extend(row(a, b) for a, b in _pair(ob[i1:i2], nb[j1:j2]))
        # the words the review reads: an empty cell has none ("(empty)" five times, a row
        # of empty cells dropped from Shein's returns table, was "the wording changed")
        a, b = (SEP.join(x.text for x in blocks if not empty_cell(x))
                for blocks in (ob[i1:i2], nb[j1:j2]))
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


def row(a: Block | None, b: Block | None) -> Row:
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
