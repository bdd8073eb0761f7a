"""A table the old file typed in HTML, written as Markdown a lexdocs page can publish.

lexdocs shows raw HTML as the text it is typed as (a section carries no script), so a
policy whose table is typed in `<table>` tags would publish its tags. Mozilla's privacy
notices are built around such tables ("What we use your data for | What data we process
| Our lawful basis"), and their cells hold lists and paragraphs. Import refused them
whole, as "written in HTML"; a table is instead written as Markdown, word for word:

- one whose every cell is one line of words becomes a Markdown table;
- one whose cells hold lists or paragraphs (which a Markdown table's cell cannot hold)
  becomes one block per row, each cell's words under its column's heading in bold
  ("**Our lawful basis:**"), the rows apart by a rule; a cell spanning columns ("See our
  Mozilla Accounts Privacy Notice" across three) keeps its words under no heading. The
  import says so in its note.

A list typed in HTML outside any table is read by the same reader (`read_blocks`,
`htmllists`). A Markdown table whose cells hold lists typed in HTML (`<ul><li>…</li></ul>`,
the one way its cell can hold a list) is read as the HTML table it stands for.

A table with anything else (a cell spanning rows, a nested table, a picture, lists nested
deeper than `_DEEPEST`, a tag this module does not know) is left as typed, and import
refuses it as before. Inline
markup (links, bold) stays HTML here: `oldmarkup.as_markdown`, which runs next, writes it
as Markdown. Character references stay as typed. The reading is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from lexdocs.adopt import outline

__all__ = ["blocks_as_lines", "read_blocks", "tables_as_markdown"]

_OPEN = re.compile(r"^[ \t]*<table\b[^<>]*>", re.I)
_CLOSE = re.compile(r"</table\s*>", re.I)
_INLINE = frozenset(["a", "strong", "b", "em", "i", "u", "span", "code", "abbr", "sup", "sub",
                     "small"])
"""Kept as typed inside a cell's words: `oldmarkup.as_markdown` writes the plain ones."""
_BLOCKS = frozenset(["p", "div"])
_DEEPEST = 6
"""Lists in lists a cell may hold; a legal table's cells hold one or two."""
_ROWSPAN = re.compile(r"^rowspan$", re.I)


@dataclass
class _Cell:
    header: bool
    span: int = 1
    """Columns it spans."""
    blocks: list[tuple[str, str]] = field(default_factory=list)
    """(marker, words): marker "" for a paragraph, else a list item's ("- ", "1. ")
    after its indent."""


class _Unsure(Exception):
    """The table holds something this module does not write as Markdown."""


class _Reader(HTMLParser):
    """The rows of one table, each a list of cells, each a list of blocks of inline HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.rows: list[list[_Cell]] = []
        self.header_rows = 0
        self.in_head = False
        self.depth = 0
        self.lists: list[str] = []
        self.numbers: list[int] = []
        self.words: list[str] = []
        self.marker = ""
        self.items: list[str] = []
        """Per open list item, the indent its later paragraphs take ("" until its first)."""
        self.cell: _Cell | None = None

    def _flush(self) -> None:
        text = " ".join("".join(self.words).split())
        self.words = []
        if not text:
            return  # an item's marker waits for its words (`<li><p>…`)
        if self.cell is None:
            raise _Unsure  # words between rows, outside any cell
        marker = self.marker or (self.items[-1] if self.items else "")
        self.cell.blocks.append((marker, text))
        if self.marker and self.items:
            # a later paragraph of this item: indented as Python-Markdown keeps it in one
            self.items[-1] = "    " * len(self.lists)
        self.marker = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if any(_ROWSPAN.match(name) for name, _ in attrs):
            raise _Unsure  # a cell of several rows: no row's block could hold it alone
        if tag in _INLINE:
            if self.cell is None:
                raise _Unsure
            self.words.append(self.get_starttag_text() or "")
        elif tag == "table":
            self.depth += 1
            if self.depth > 1:
                raise _Unsure
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self._flush()
            self.cell = None  # a row closes the cell left open before it
            self.rows.append([])
        elif tag in ("td", "th"):
            self._flush()
            if not self.rows:
                self.rows.append([])
            span = dict(attrs).get("colspan") or "1"
            if not span.strip().isdigit() or not 0 < int(span) <= 100:
                raise _Unsure
            self.cell = _Cell(tag == "th", int(span))
            self.rows[-1].append(self.cell)
        elif tag in _BLOCKS:
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if len(self.lists) >= _DEEPEST:
                raise _Unsure  # each level indents every item under it: no bomb of spaces
            self.lists.append(tag)
            self.numbers.append(0)
        elif tag == "li":
            self._flush()
            if not self.lists:
                raise _Unsure
            self.numbers[-1] += 1
            bullet = "- " if self.lists[-1] == "ul" else f"{self.numbers[-1]}. "
            self.marker = "    " * (len(self.lists) - 1) + bullet
            self.items.append("")
        elif tag == "br":
            self.words.append("\n")
        elif tag not in ("tbody", "tfoot"):
            raise _Unsure

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.words.append("\n")
        else:
            raise _Unsure

    def handle_endtag(self, tag: str) -> None:
        if tag in _INLINE:
            self.words.append(f"</{tag}>")
        elif tag in ("td", "th"):
            self._flush()
            self.cell = None
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
                self.numbers.pop()
        elif tag == "li":
            self._flush()
            self.marker = ""
            if self.items:
                self.items.pop()
        elif tag in _BLOCKS:
            self._flush()
        elif tag == "thead":
            self.in_head = False
            self.header_rows = len(self.rows)
        elif tag == "tr":
            self._flush()
        elif tag == "table":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        self.words.append(data.replace("\n", " "))

    def handle_entityref(self, name: str) -> None:
        self.words.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.words.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        pass  # a note for editors: never published

    def handle_decl(self, decl: str) -> None:
        raise _Unsure

    def handle_pi(self, data: str) -> None:
        raise _Unsure


def _read(html: str) -> tuple[list[list[_Cell]], list[_Cell]] | None:
    """(the rows, the heading row) of the table, or None if it holds anything unsure."""
    reader = _Reader()
    try:
        reader.feed(html)
        reader.close()
        reader._flush()
    except _Unsure:
        return None
    rows = [r for r in reader.rows if r]
    if not rows:
        return None
    head_rows = [r for r in reader.rows[:reader.header_rows] if r]
    if len(head_rows) > 1:
        return None
    head = head_rows[0] if head_rows else rows[0] if all(c.header for c in rows[0]) else []
    body = [r for r in rows if r is not head]
    return (body, head) if body else ([head], [])  # a heading row alone is a row of words


def _one_line(cell: _Cell) -> str | None:
    """The cell's words, if they are one paragraph of one line."""
    if not cell.blocks:
        return ""
    if len(cell.blocks) > 1 or cell.blocks[0][0] or "\n" in cell.blocks[0][1]:
        return None
    return cell.blocks[0][1]


def _table(rows: list[list[_Cell]], head: list[_Cell]) -> list[str] | None:
    """A Markdown table, if every cell is one line of one column, and there is a heading
    row."""
    if any(c.span > 1 for r in [head, *rows] for c in r):
        return None
    width = max(len(r) for r in [head, *rows])
    texts = [[_one_line(c) for c in r] for r in [head, *rows]]
    if not head or any(t is None for r in texts for t in r):
        return None

    def line(cells: list[str | None]) -> str:
        padded = [(c or "").replace("|", "\\|") for c in cells] + [""] * (width - len(cells))
        return "| " + " | ".join(padded) + " |"

    return [line(texts[0]), "| " + " | ".join(["---"] * width) + " |",
            *(line(r) for r in texts[1:])]


def _label(cell: _Cell | None) -> str:
    """A column's heading as a bold label ("**Our lawful basis:**"), or "" if it has none."""
    words = " ".join(text for _, text in cell.blocks).replace("\n", " ") if cell else ""
    words = " ".join(words.split())
    if not words:
        return ""
    return f"**{words}{'' if words[-1] in ':?.!' else ':'}**"


def _block_lines(marker: str, text: str) -> list[str]:
    """A block's lines: a line break typed in it is Markdown's (two spaces at the line's
    end), and a list item's later lines are indented under its words."""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    indent = " " * len(marker)
    return [f"{marker if i == 0 else indent}{p}{'  ' if i < len(parts) - 1 else ''}"
            for i, p in enumerate(parts)]


def _rows(rows: list[list[_Cell]], head: list[_Cell]) -> list[str]:
    """One block per row: each cell's words under its column's heading (a cell that spans
    columns has none of theirs: its words follow the row's others)."""
    out: list[str] = []
    columns = [i for i, c in enumerate(head) for _ in range(c.span)]
    for n, row in enumerate(rows):
        if n:
            out += ["", "---", ""]
        at = 0
        for cell in row:
            at += cell.span
            if not cell.blocks:
                continue
            first = at - cell.span
            label = "" if cell.span > 1 or first >= len(columns) else _label(
                head[columns[first]])
            one = _one_line(cell)
            if one is not None and label:
                out += [f"{label} {one}", ""]
                continue
            if label:
                out += [label, ""]
            out += [*blocks_as_lines(cell.blocks), ""]
    return out


def blocks_as_lines(blocks: list[tuple[str, str]]) -> list[str]:
    """The blocks of a cell or of a list as Markdown's lines: list items one under the
    other, a blank line between a list and a paragraph, and before an item's later
    paragraph (its marker is the indent that keeps it in the item)."""
    out: list[str] = []
    was = None
    for marker, text in blocks:
        item = bool(marker.strip())
        if was is not None and not (item and was):
            out.append("")
        out += _block_lines(marker, text)
        was = item
    return out


def read_blocks(html: str) -> list[tuple[str, str]] | None:
    """The blocks of an HTML fragment (a list, say) read as one cell's, or None where it
    holds what a cell is left as typed for."""
    read = _read(f"<table><tr><td>{html}</td></tr></table>")
    if read is None or len(read[0]) != 1 or len(read[0][0]) != 1:
        return None
    return read[0][0][0].blocks


_PIPE_ROW = re.compile(r"^ {0,3}\|")
_RULE = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_HTML_LIST = re.compile(r"<(?:ul|ol)\b", re.I)


def _pipe_cells(line: str) -> list[str]:
    """A Markdown table row's cells, as typed (`\\|` is a pipe inside a cell)."""
    row = line.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [c.strip() for c in _CELL_SPLIT.split(row)]


def _html_row(line: str, tag: str) -> str:
    return "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in _pipe_cells(line)) + "</tr>"


def _listed_pipe_tables(lines: list[str], live: list[bool]) -> tuple[list[str], int]:
    """Each Markdown table whose cells hold lists typed in HTML (`| **With your consent** |
    <ul><li>Send you …</li></ul> |`, Clever's lawful bases: the one way a Markdown
    table's cell can hold a list), read as the HTML table it stands for and written one
    block per row, as such tables are; and how many. Any other table, and one holding
    what an HTML table would be left as typed for, stays as it is."""
    out: list[str] = []
    rowwise = 0
    i, n = 0, len(lines)
    while i < n:
        if not (live[i] and _PIPE_ROW.match(lines[i]) and i + 1 < n and live[i + 1]
                and _RULE.match(lines[i + 1])):
            out.append(lines[i])
            i += 1
            continue
        end = i + 2
        while end < n and live[end] and _PIPE_ROW.match(lines[end]):
            end += 1
        body = lines[i + 2:end]
        read = None
        if any(_HTML_LIST.search(ln) for ln in body):
            read = _read("<table>" + _html_row(lines[i], "th")
                         + "".join(_html_row(ln, "td") for ln in body) + "</table>")
        if read is None:
            out += lines[i:end]
        else:
            out += ["", *_rows(*read), ""]
            rowwise += 1
        i = end
    return out, rowwise


def tables_as_markdown(lines: list[str]) -> tuple[list[str], int]:
    """The lines with each HTML table written as Markdown (see the module), and how many
    were written one block per row, which the import's note names."""
    piped = 0
    if any("<" in ln and _PIPE_ROW.match(ln) and _HTML_LIST.search(ln) for ln in lines):
        lines, piped = _listed_pipe_tables(lines, outline.live_lines(lines))
    live = outline.live_lines(lines)
    closing: list[int | None] = [None] * len(lines)  # the first line from each that closes
    after: int | None = None
    for j in range(len(lines) - 1, -1, -1):
        if "</" in lines[j] and _CLOSE.search(lines[j]):
            after = j
        closing[j] = after
    out: list[str] = []
    rowwise = piped
    i = 0
    while i < len(lines):
        if not (live[i] and "<" in lines[i] and _OPEN.match(lines[i])):
            out.append(lines[i])
            i += 1
            continue
        end = closing[i]
        read = None
        if end is not None and not _CLOSE.split(lines[end], 1)[1].strip():
            read = _read("\n".join(lines[i:end + 1]))
        if read is None or end is None:
            out.append(lines[i])
            i += 1
            continue
        rows, head = read
        table = _table(rows, head)
        if table is None:
            table, rowwise = _rows(rows, head), rowwise + 1
        out += ["", *table, ""]
        i = end + 1
    return out, rowwise
