"""How words look besides their letters, in a redline: link targets, images, marks.

A reader sees where a link leads and which words are bold; a change of either
is a change even when every letter stayed. `Segment` is the redline's unit of
text (see redline.py for the text convention); `annotate` attaches to each
segment the facets (markup.Run) that differ, and `look_notes` / `link_moves`
say them the same way in every format: "link: old → new" once, after the
last words of the link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from lexdocs.render import markup
from lexdocs.render.markup import Block

SEP = "\n\n"
Op = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class Segment:
    """A run of text that is the same in both versions, or only in one."""

    op: Op
    text: str
    look: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    """(old, new) facets (markup.Run) of these words where they matter to a reader: a link
    target or mark changed on equal words, or the target of inserted or deleted linked words."""
    facets: tuple[str, ...] = ()
    """How the words are drawn (markup.Run facets: bold, italic, code, a link): the new
    version's, the old one's for deleted words. Set on a redline's rows only."""


_MARK_NAMES = {"em": "italic", "strong": "bold", "code": "code"}


def _marks(facets: tuple[str, ...]) -> str:
    return " ".join(_MARK_NAMES[f] for f in facets if f in _MARK_NAMES) or "plain"


@dataclass(frozen=True)
class LinkMove:
    """Linked words whose target changed: `old` or `new` None when the link came or went."""

    words: str
    old: str | None
    new: str | None
    image: bool = False
    kept: bool = True
    """Whether some of its words are in both versions: a link that came or went with all
    of its words is no link put on (or taken from) words a reader still has."""


def _carries_target(seg: Segment) -> bool:
    return seg.look is not None and (markup.target(seg.look[0]) is not None
                                     or markup.target(seg.look[1]) is not None)


def _groups(segments: Sequence[Segment]) -> list[tuple[int, int]]:
    """Runs [start, end) of neighbouring segments that carry link targets: one link whose
    words were partly edited is one group, so its move is told once, after its words."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, seg in enumerate([*segments, Segment("equal", "")]):
        if _carries_target(seg) and SEP not in seg.text:
            start = i if start is None else start
        elif start is not None:
            out.append((start, i))
            start = None
    return out


def _group_moves(group: Sequence[Segment]) -> list[LinkMove]:
    olds: list[str] = []
    news: list[str] = []
    for seg in group:
        assert seg.look is not None
        a, b = markup.target(seg.look[0]), markup.target(seg.look[1])
        if a is not None and seg.op != "insert" and a not in olds:
            olds.append(a)
        if b is not None and seg.op != "delete" and b not in news:
            news.append(b)
    if olds == news:
        return []
    image = any(f.startswith("image:") for seg in group if seg.look for f in sum(seg.look, ()))
    before, after = (" ".join("".join(seg.text for seg in group if seg.op != op).split())
                     for op in ("insert", "delete"))
    words = after or before
    kept = any(seg.op == "equal" for seg in group)
    if len(olds) == len(news):
        return [LinkMove(words, a, b, image) for a, b in zip(olds, news, strict=True)]
    # a link that went is quoted on the words that carried it: the new side may keep none
    # of them, or only a stop the diff paired with one of theirs
    return ([LinkMove(before or words, a, None, image, kept) for a in olds if a not in news]
            + [LinkMove(words, None, b, image, kept) for b in news if b not in olds])


def link_moves(segments: Sequence[Segment]) -> list[LinkMove]:
    """Every link (or image) whose target changed, came or went, on the words carrying it."""
    return [m for i, j in _groups(segments) for m in _group_moves(segments[i:j])]


@dataclass(frozen=True)
class Note:
    """Something that changed about words besides the words: "link: old → new"."""

    label: str
    """"link", "image", or "" for marks ("bold → plain")."""
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.label + ': ' if self.label else ''}{self.old} → {self.new}"


def look_notes(segments: Sequence[Segment]) -> list[tuple[Note, ...]]:
    """For each segment, what to say after it besides its words (empty for nothing): the
    move of a link after its last words, a change of marks after the words it concerns.
    One wording for every format."""
    notes: list[tuple[Note, ...]] = [() for _ in segments]
    for i, j in _groups(segments):
        notes[j - 1] = tuple(Note("image" if m.image else "link", m.old or "none",
                                  m.new or "none") for m in _group_moves(segments[i:j]))
    for k, seg in enumerate(segments):
        if seg.op == "equal" and seg.look is not None:
            a, b = _marks(seg.look[0]), _marks(seg.look[1])
            if a != b:
                notes[k] = (*notes[k], Note("", a, b))
    return notes


Facets = list[tuple[str, ...]]


def facets_of(blocks: Sequence[Block]) -> Facets:
    """Per character of the blocks' text joined by SEP: each character's facets."""
    out: Facets = []
    for i, b in enumerate(blocks):
        if i:
            out += _PLAIN_SEP
        for r in b.runs:
            out += [r.facets] * len(r.text)
    return out


_PLAIN_SEP: Facets = [()] * len(SEP)


def _has_target(facets: tuple[str, ...]) -> bool:
    return markup.target(facets) is not None


def annotate(segments: Sequence[Segment], old: Facets, new: Facets) -> tuple[Segment, ...]:
    """Split segments where the look of their words changes and attach it.

    Equal words get (old, new) facets where these differ; inserted and deleted
    words get their own facets when they carry a link or image, so the target
    of a link that came or went is shown too. Texts are untouched, so both
    projections of the segments stay what they were.
    """
    out: list[Segment] = []
    i = j = 0
    for s in segments:
        n = len(s.text)
        a, b = old[i:i + n] if s.op != "insert" else [], new[j:j + n] if s.op != "delete" else []
        if (a == b if s.op == "equal" else not any(a or b)):  # the usual case: nothing to say
            out.append(s)
        else:
            out.extend(_split_looks(s, a, b))
        if s.op != "insert":
            i += n
        if s.op != "delete":
            j += n
    return tuple(out)


def _split_looks(s: Segment, old: Facets, new: Facets) -> list[Segment]:
    looks: list[tuple[tuple[str, ...], tuple[str, ...]] | None] = []
    for k in range(len(s.text)):
        if s.op == "equal":
            looks.append((old[k], new[k]) if old[k] != new[k] else None)
        elif s.op == "delete":
            looks.append((old[k], ()) if _has_target(old[k]) else None)
        else:
            looks.append(((), new[k]) if _has_target(new[k]) else None)
    out: list[Segment] = []
    start = 0
    for k in range(1, len(s.text) + 1):
        if k == len(s.text) or looks[k] != looks[start]:
            out.append(Segment(s.op, s.text[start:k], looks[start]))
            start = k
    return out
