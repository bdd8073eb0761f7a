"""A redline in a terminal (rich): `{+ +}` and `[- -]` beside the colours, user text
appended to `rich.text.Text`, which parses no markup.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.console import Console, Group
from rich.text import Text

from lexdocs.review.formats.common import (
    CONTEXT_WORDS,
    groups,
    numbered,
    row_prefix,
    rows_of,
    split_blocks,
    summary,
    trim,
)
from lexdocs.review.looks import Segment
from lexdocs.review.redline import Change, Redline
from lexdocs.review.rows import Row
from lexdocs.review.shapes import shape

_TERM_STYLES = (("strong", "bold"), ("em", "italic"), ("code", "cyan"))


def _term_segments(text: Text, segments: Sequence[Segment]) -> None:
    """Marked words: `[-deleted-]`, `{+inserted+}`, spaces inside the marks of the text
    they belong to; bold, italic and code kept as styles."""
    for run, note in groups(segments):
        op = run[0].op
        if op != "equal":
            style, (start, end) = (("red strike", ("[-", "-]")) if op == "delete" else
                                   ("green underline", ("{+", "+}")))
            text.append(start, style=style)
            for s in run:
                text.append(s.text, style=" ".join(
                    [style, *(m for f, m in _TERM_STYLES if f in s.facets)]))
            text.append(end, style=style)
        else:
            for s in run:
                text.append(s.text, style=" ".join(m for f, m in _TERM_STYLES if f in s.facets))
        if note:
            text.append(f" ({'; '.join(map(str, note))})", style="yellow")


def term_rows(rows: Sequence[Row], context: int | None = CONTEXT_WORDS) -> Text:
    """Rows as terminal lines, indented four spaces: list markers, heading hashes,
    a table row's cells on one line between bars."""
    text = Text()
    first = True
    for r, number in zip(rows, numbered(rows), strict=True):
        segs = trim(r.segments, context) if context is not None else r.segments
        prefix, same_line = row_prefix(r, number, "• ")
        if same_line and not first:
            text.append(" │ ")
        else:
            text.append("    " if first else "\n    ")
            text.append(prefix, style="bold" if prefix.startswith("#") else "")
            if shape(r.kind).cell:
                text.append("│ ")
        _term_segments(text, segs)
        first = False
    return text


def _term_marks(segments: Sequence[Segment]) -> Text:
    text = Text()
    for n, block in enumerate(split_blocks(segments)):
        text.append("\n    " if n else "    ")
        _term_segments(text, block)
    return text


def _term_change(c: Change, rows: Sequence[Row]) -> Iterator[Text]:
    badge = {"material": ("MATERIAL", "bold red"), "lawyers-call": ("LAWYER'S CALL", "bold yellow"),
             "not-material": ("not material", "green")}[c.call]
    yield Text.assemble((c.section_title, "bold"), f" — {c.kind} — ", badge)
    yield Text("  " + c.reason, style="italic")
    for v in (*c.variables, *c.details):
        yield Text("  • " + v)
    if rows:
        yield term_rows(rows)
    elif c.segments:
        yield _term_marks(trim(c.segments))
    yield Text("")


def terminal_renderable(redline: Redline) -> Group:
    """The terminal view as a rich renderable, for callers that compose their own output."""
    head = Text.assemble((f"Redline: {redline.title}", "bold"), " — ", summary(redline))
    return Group(head, Text(""), *(t for c in redline.changes
                                   for t in _term_change(c, rows_of(redline, c))))


def to_terminal(redline: Redline, console: Console) -> None:
    """Print the redline; user text goes in as `Text`, so "[bold]" prints as typed."""
    console.print(terminal_renderable(redline))
