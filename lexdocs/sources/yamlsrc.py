"""YAML that remembers where each value came from.

Lawyers edit these files by hand; an error that says "line 14" saves them a
search. PyYAML's node tree knows every position, so we keep a map from a key
path (``("retention", "web_logs", "value")``) to its 1-based line while
building plain Python values.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import Any

import yaml

from lexdocs.errors import SourceError

# libyaml's composer when PyYAML was built with it: history parses every source file of
# every commit, and the C composer keeps the same positions ten times faster.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
C_DEPTH = 5000
"""The deepest text handed to libyaml. Its composer recurses on the C stack and crashed
the process past 20,000 levels (`x: [[[…` or `- - - …`, a segmentation fault, no
message); Python's raises RecursionError, which is said in one line."""

_BOM = "\ufeff"
# What no source may hold: C0 controls but tab and line feed (a bare CR has become a line
# feed by now, so one left is written as "\r" on purpose), DEL, C1 controls, the Unicode
# line and paragraph separators, lone surrogates and the two non-characters XML refuses.
# They are invisible in an editor, yet a NUL or an ESC stops the feeds and PDFs, a CR
# starts a new header line in an e-mail subject, and an ESC sequence rewrites the
# terminal of whoever runs `lexdocs render`.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
KeyPath = tuple[Hashable, ...]
LineMap = dict[KeyPath, int]


def normalise_text(text: str) -> str:
    """Drop a leading byte-order mark and turn CRLF and CR line ends into LF.

    Editors add either without the author seeing it; neither may change what a source
    says, so every loader reads through this (and `documents.decode_source` for bytes).
    """
    if text.startswith(_BOM):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def control_character(text: str) -> int | None:
    """The index of the first character `text` must not hold (see `CONTROL`), or None."""
    found = CONTROL.search(text)
    return found.start() if found else None


def refuse_control_characters(text: str, path: str, first_line: int = 1,
                              what: str = "this line") -> None:
    """Stop at the first control character of `text`, naming its line."""
    found = control_character(text)
    if found is not None:
        raise SourceError(f"{what} contains the control character U+{ord(text[found]):04X}",
                          path=path, line=first_line + text.count("\n", 0, found),
                          hint="delete it; it is invisible in most editors")


def compose(text: str) -> yaml.Node | None:
    """`text`'s YAML node tree, values left unbuilt (None if empty). Raises YAMLError,
    and RecursionError for text nested deeper than Python's stack holds.

    A text that could be nested more than `C_DEPTH` deep goes to the pure-Python
    composer: a block is at most as deep as its longest line is long (each level indents,
    a compact `- - x` too), and a flow collection as deep as there are brackets."""
    deep = len(text) > C_DEPTH and (  # no deeper than it is long: most texts stop here
        max(map(len, text.split("\n"))) + text.count("[") + text.count("{") > C_DEPTH)
    return yaml.compose(text, Loader=yaml.SafeLoader if deep else _COMPOSER)


def load_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, LineMap]:
    """Parse `text` and return its value with a line for every key path.

    `first_line` offsets the lines, for front matter that starts inside a file.
    """
    try:
        node = compose(text)
    except RecursionError:
        raise SourceError("the YAML is nested too deeply", path=path, line=first_line,
                          hint="use fewer levels of lists and mappings") from None
    except yaml.MarkedYAMLError as exc:
        tab = _tab_at(exc, text)
        raise SourceError(
            "a quotation mark is never closed"
            if (exc.context or "").startswith("while scanning a quoted")
            else "a tab stands where YAML takes only spaces" if tab
            else f"invalid YAML: {exc.problem or exc.context}",
            path=path,
            line=_error_line(exc, first_line),
            hint="indent it with spaces; most editors do not show a tab" if tab
            else _hint(exc),
        ) from exc
    except yaml.reader.ReaderError as exc:
        raise SourceError(
            f"the character U+{exc.character:04X} cannot appear in YAML"
            if isinstance(exc.character, int) else "the file has bytes YAML cannot read",
            path=path, line=text[: exc.position].count("\n") + first_line,
            hint="delete the invisible character on that line",
        ) from exc
    lines: LineMap = {}
    if node is None:
        return None, lines
    builder = _Builder(path, first_line - 1, lines)
    try:
        return builder.build(node, ()), lines
    except RecursionError:
        raise SourceError("the YAML is nested too deeply", path=path, line=first_line,
                          hint="use fewer levels of lists and mappings") from None


def key_lines(text: str, path: str) -> LineMap:
    """The line of every key path in `text`, values left unbuilt: for files such as
    mkdocs.yml, whose tags (`!ENV`, `!!python/name:`) only their own program reads.
    A file YAML cannot read has no lines (its program reports it)."""
    try:
        node = compose(normalise_text(text))
    except (yaml.YAMLError, UnicodeError, RecursionError):
        return {}
    lines: LineMap = {}
    stack: list[tuple[yaml.Node, KeyPath]] = [(node, ())] if node is not None else []
    while stack:
        current, key = stack.pop()
        lines.setdefault(key, current.start_mark.line + 1)
        if isinstance(current, yaml.MappingNode):
            for knode, vnode in current.value:
                if isinstance(knode, yaml.ScalarNode) and (*key, knode.value) not in lines:
                    lines[(*key, knode.value)] = knode.start_mark.line + 1
                    stack.append((vnode, (*key, knode.value)))
        elif isinstance(current, yaml.SequenceNode):
            for i, item in enumerate(current.value):
                stack.append((item, (*key, i)))
    return lines


def _error_line(exc: yaml.MarkedYAMLError, first_line: int) -> int | None:
    """The line to edit. An unclosed quote is found only where the file ends; the line
    to edit is where it was opened, which YAML gives as the context mark."""
    opened = (exc.context or "").startswith("while scanning a quoted")
    mark = exc.context_mark if opened and exc.context_mark else exc.problem_mark
    mark = mark or exc.context_mark
    return mark.line + first_line if mark else None


def _tab_at(exc: yaml.MarkedYAMLError, text: str) -> bool:
    """Whether YAML stopped at a tab: it refuses one in indentation ("found character
    that cannot start any token"), which a lawyer's editor typed and does not show."""
    mark = exc.problem_mark
    lines = text.split("\n")
    if mark is None or mark.line >= len(lines):
        return False
    return lines[mark.line][mark.column:mark.column + 1] == "\t"


def _hint(exc: yaml.MarkedYAMLError) -> str:
    if (exc.context or "").startswith("while scanning a quoted"):
        return "close it on this line, or write the value without quotes"
    if (exc.problem or "").startswith("mapping values are not allowed"):
        # "title: Cookies: what we use": the second colon reads as a key's
        return "a value that holds ': ' must be in quotes, e.g. title: \"Cookies: what we use\""
    return "check indentation and quoting near that line"


class _Builder:
    """Turns a node tree into plain values, recording lines as it goes."""

    def __init__(self, path: str, offset: int, lines: LineMap) -> None:
        self.path = path
        self.offset = offset
        self.lines = lines
        self.loader = yaml.SafeLoader("")
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, key: KeyPath) -> Any:
        line = node.start_mark.line + 1 + self.offset
        self.lines.setdefault(key, line)
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            # An alias repeats a whole list: nine lines of them make a billion items.
            if id(node) in self.seen:
                raise SourceError("this list or mapping is repeated with an alias (*name)",
                                  path=self.path, line=line, hint="write the values out")
            self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for knode, vnode in node.value:
                kline = knode.start_mark.line + 1 + self.offset
                k = self._scalar(knode, kline, "this key")
                if not isinstance(k, Hashable):
                    raise SourceError("a key must be a plain word", path=self.path, line=kline)
                if k in out:
                    raise SourceError(
                        f"duplicate key '{k}'",
                        path=self.path,
                        line=kline,
                        hint="each key may appear once; remove or rename one",
                    )
                self.lines[(*key, k)] = kline
                out[k] = self.build(vnode, (*key, k))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*key, i)) for i, item in enumerate(node.value)]
        what = f"the {key[-1]}" if key and isinstance(key[-1], str) else "this value"
        return self._scalar(node, line, what)

    def _scalar(self, node: yaml.Node, line: int, what: str) -> Any:
        """A key or a leaf value; a value YAML cannot build (a 13th month) is an error here."""
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError) as exc:
            raise SourceError(f"'{node.value}' is not a date or value YAML can read: {exc}",
                              path=self.path, line=line,
                              hint="a date must be a real day, written YYYY-MM-DD") from exc
        if isinstance(value, str):
            # YAML's reader refuses them raw; a quoted "\0", "\e" or "\r" escape makes one.
            refuse_control_characters(value, self.path, line, what)
        return value


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], LineMap, str, int]:
    """Split a section file into (front matter, its lines, body, body's first line).

    The body keeps its own line count intact so template errors can name the
    line in the file, not in the body.
    """
    text = normalise_text(text)
    if not text.startswith("---\n"):
        raise SourceError(
            "a section file must begin with YAML front matter",
            path=path,
            line=1,
            hint="start the file with '---', the keys id and title, then '---'",
        )
    end = front_matter_end(text)
    if end is None:
        raise SourceError("front matter is not closed", path=path, line=1,
                          hint="add a line '---' after the front matter")
    meta_text = text[4 : text.rfind("\n---", 0, end) + 1]
    meta, lines = load_yaml(meta_text, path, first_line=2)
    if not isinstance(meta, dict):
        raise SourceError("front matter must be a mapping of keys", path=path, line=2,
                          hint="write 'id: ...' and 'title: ...' lines")
    body_line = meta_text.count("\n") + 3
    refuse_control_characters(text[end:], path, body_line)
    return meta, lines, text[end:], body_line


def front_matter_end(text: str) -> int | None:
    """Offset where the body starts after `---` front matter, or None if there is none.

    Text as a reader returned it: a byte-order mark before the front matter and CRLF line
    ends are read through, so that whoever blanks the front matter drops the mark with it
    (a file that has only a mark starts its body after it). Neither is visible to a
    reader of the page, so neither may change the rendered text.
    """
    start = 1 if text.startswith(_BOM) else 0
    for newline in ("\n", "\r\n"):
        if text.startswith("---" + newline, start):
            end = text.find(f"{newline}---{newline}", start + 3)
            if end != -1:
                return end + 2 * len(newline) + 3
            return len(text) if text.endswith(newline.join(("", "---"))) else None
    return start or None
