"""HTML → what a reader sees.

"Did the published text change?" and "which words changed?" are both
questions about what a reader sees, not about Markdown source: rewrapping a
paragraph changes the source but not the page. One fixed Markdown
configuration gives the HTML (tohtml.py), and one reading of that HTML here gives the
units (`Block`s of `Run`s) that versions, redlines and materiality all use:

- part of it: the words; where each link goes and which image is shown; the
  kind of each block (heading level, list type, depth and start number, table
  cell and row start, quote, code); emphasis, strong and code marks;
- not part of it: Markdown spelling that renders alike (list markers,
  `*`/`_`, wrapping, trailing spaces and the line breaks they make, loose or
  tight lists), HTML comments (dropped before conversion), element ids and
  classes, link titles, table alignment, horizontal rules, white space
  inside code blocks.

An empty table cell is a block with the text "(empty)" (facet "empty"), so
cells never shift columns unseen; `blocks` and `plain_text` leave it out.

`canonical` is a serialisation of exactly these units and `fingerprint` its
hash, so two texts get different fingerprints only if their units differ,
and then a redline of the units has something to show.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Run:
    """Words that look alike: the same link target, image and marks.

    `facets` are sorted strings: "link:<href>", "image:<src>", "em", "strong", "code".
    """

    text: str
    facets: tuple[str, ...] = ()

    @property
    def link(self) -> str | None:
        """Where these words lead (an image's source when they are an image's alt text)."""
        return target(self.facets)


def target(facets: tuple[str, ...]) -> str | None:
    """The link target in `facets`, else the image source, else None."""
    for prefix in ("link:", "image:"):
        for f in facets:
            if f.startswith(prefix):
                return f[len(prefix):]
    return None


@dataclass(frozen=True)
class Block:
    """One paragraph, heading, list item, table cell or code block as a reader sees it.

    `kind` says what it is in words ("heading 3", "numbered item, level 2",
    "table cell, new row"), so a change of kind can be shown as it is.
    """

    kind: str
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        """The visible words of the block."""
        return "".join(r.text for r in self.runs)

    def char_facets(self) -> list[tuple[str, ...]]:
        """The facets of each character of `text`, for marking changes per word."""
        return [r.facets for r in self.runs for _ in r.text]


EMPTY_CELL = "(empty)"
"""The text of an empty table cell, with the facet "empty": a redline must show it."""

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LEAVES = _HEADINGS | {"p", "pre", "td", "th", "dt", "dd", "caption"}
_CONTAINERS = {"li", "td", "th", "blockquote", "dd", "dt", "caption"}
_BOUNDARIES = _LEAVES | {"li", "ul", "ol", "table", "tr", "blockquote", "dl", "hr", "div"}
_MARKS = {"em": "em", "i": "em", "strong": "strong", "b": "strong", "code": "code"}


class _UnitParser(HTMLParser):
    """Reads the converter's HTML into blocks; see the module docstring for what counts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.counts: list[int] = []  # blocks seen in each open element (continuation, rows)
        self.chars: list[tuple[str, tuple[str, ...]]] = []  # (text, facets) pieces
        self.kind: str | None = None

    # -- structure ------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BOUNDARIES:
            self.flush()
        if tag == "br":
            self.chars.append((" ", ()))
            return
        if tag == "img":
            a = dict(attrs)
            alt = (a.get("alt") or "").strip() or "image"
            facets = (*self.facets(), f"image:{a.get('src') or ''}")
            self.text(alt, tuple(sorted(set(facets))))
            return
        if tag in ("hr", "input", "meta", "link"):
            return
        if tag in ("td", "th") and self.stack and self.stack[-1][0] == "tr":
            self.counts[-1] += 1
        self.stack.append((tag, dict(attrs)))
        self.counts.append(0)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "img", "hr", "input", "meta", "link"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BOUNDARIES:
            self.flush()
        if tag in ("td", "th") and self.stack and self.stack[-1][0] == tag and not self.counts[-1]:
            # An empty cell still holds its column: without it the cells after it would
            # shift left unseen.
            self.text(EMPTY_CELL, ("empty",))
            self.flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:], self.counts[i:]
                break

    def handle_data(self, data: str) -> None:
        self.text(data, self.facets())

    # -- inline ---------------------------------------------------------------------
    def facets(self) -> tuple[str, ...]:
        out: set[str] = set()
        in_pre = any(t == "pre" for t, _ in self.stack)
        for tag, attrs in self.stack:
            if tag == "a" and attrs.get("href") is not None:
                out.add(f"link:{attrs['href']}")
            elif tag in _MARKS and not (tag == "code" and in_pre):
                out.add(_MARKS[tag])
        return tuple(sorted(out))

    def text(self, data: str, facets: tuple[str, ...]) -> None:
        if self.kind is None:
            if not data.strip():
                return
            self.kind = self.describe()
        self.chars.append((data, facets))

    def describe(self) -> str:
        """The block's kind in words, from the elements it sits in."""
        tags = [t for t, _ in self.stack]
        quote = tags.count("blockquote")
        lists = [(t, a) for t, a in self.stack if t in ("ul", "ol")]
        leaf = next((t for t in reversed(tags) if t in _LEAVES | {"li"}), "")
        if leaf in _HEADINGS:
            kind = f"heading {leaf[1]}"
        elif leaf == "pre":
            kind = "code block"
        elif leaf in ("td", "th"):
            row = next(i for i in range(len(tags) - 1, -1, -1) if tags[i] == "tr")
            kind = "table header cell" if leaf == "th" else "table cell"
            if self.counts[row] == 1:
                kind += ", new row"
        elif leaf in ("dt", "dd", "caption"):
            kind = {"dt": "term", "dd": "definition", "caption": "table caption"}[leaf]
        elif lists and "li" in tags:
            tag, attrs = lists[-1]
            kind = "numbered item" if tag == "ol" else "bulleted item"
            if len(lists) > 1:
                kind += f", level {len(lists)}"
            start = attrs.get("start")
            if tag == "ol" and start not in (None, "1"):
                kind += f", numbered from {start}"
        else:
            kind = "paragraph"
        if quote:
            kind = "quoted " * quote + kind
        owner = next((i for i in range(len(tags) - 1, -1, -1) if tags[i] in _CONTAINERS), None)
        if owner is not None and self.counts[owner] > 0:
            kind += ", continued"
        return kind

    def flush(self) -> None:
        if self.kind is not None:
            runs = _runs(self.chars)
            if runs:
                self.blocks.append(Block(self.kind, runs))
                owner = next((i for i in range(len(self.stack) - 1, -1, -1)
                              if self.stack[i][0] in _CONTAINERS), None)
                if owner is not None:
                    self.counts[owner] += 1
        self.chars = []
        self.kind = None


_SPACES = re.compile(r"(\s+)")  # what str.isspace() calls white space, kept by split


def _runs(chars: list[tuple[str, tuple[str, ...]]]) -> tuple[Run, ...]:
    """Fold white space, then group characters that look alike.

    A space between two characters that look alike looks like them (a link
    over "opt out" is one run); any other space looks plain, so whether a link
    or emphasis takes a neighbouring space is Markdown spelling, not a change.
    Works on pieces of text, never character by character: a page is long.
    """
    # Words (no white space in them) with their facets, and one " " for each stretch
    # of white space between words; none first or last.
    folded: list[tuple[str, tuple[str, ...]]] = []
    space = False
    for data, f in chars:
        for part in _SPACES.split(data):
            if not part:
                continue
            if part[0].isspace():
                space = bool(folded)
            else:
                if space:
                    folded.append((" ", ()))
                    space = False
                folded.append((part, f))
    for i in range(1, len(folded) - 1):
        if folded[i][0] == " " and folded[i - 1][1] == folded[i + 1][1]:
            folded[i] = (" ", folded[i - 1][1])
    runs: list[Run] = []
    start = 0
    for i in range(1, len(folded) + 1):
        if i == len(folded) or folded[i][1] != folded[start][1]:
            runs.append(Run("".join(t for t, _ in folded[start:i]), folded[start][1]))
            start = i
    return tuple(runs)


def units(html: str) -> tuple[Block, ...]:
    """What a reader sees in `html`, block by block (cached: history meets the same
    section HTML at many commits)."""
    return _read(html)[0]


@functools.lru_cache(maxsize=4096)
def _read(html: str) -> tuple[tuple[Block, ...], bool]:
    """`html`'s units, and whether reading it left nothing open (no element, text or
    markup): then it reads alike apart from what follows it (`fingerprint_parts`). One
    reading serves both, where a section's HTML was read twice, once for its fingerprint
    and once for its words and redline (a history of Facebook's policy, 492 versions of
    300 KB, spent a fifth of its first read parsing HTML)."""
    parser = _UnitParser()
    parser.feed(html)
    whole = not (parser.rawdata or parser.stack or parser.counts or parser.chars
                 or parser.kind is not None or parser.cdata_elem is not None)
    parser.close()
    parser.flush()
    return tuple(parser.blocks), whole


def canonical(html: str) -> str:
    """The units of `html` as one string: equal exactly when a reader sees the same."""
    return json.dumps([_unit(b) for b in units(html)], ensure_ascii=False,
                      separators=(",", ":"))


def _unit(block: Block) -> list[object]:
    return [block.kind, [[r.text, list(r.facets)] for r in block.runs]]


def fingerprint(html: str) -> str:
    """SHA-256 of the canonical form: the identity of a published text."""
    return hashlib.sha256(canonical(html).encode("utf-8")).hexdigest()


def fingerprint_parts(parts: list[str]) -> str:
    """`fingerprint("".join(parts))`, from the canonical form of each part (cached).

    A page is its sections' HTML, and most sections are the same on the next
    version. Each part is read alone; when every part starts at a tag and leaves
    the reader where it began (no element, text or markup left open), reading the
    page whole yields exactly the parts' units one after another, and the JSON of
    a list is its items' JSON joined by commas. Otherwise the page is read whole.
    """
    items = []
    for part in parts:
        if not part:
            continue
        item = _canonical_items(part) if part.startswith("<") else None
        if item is None:
            return fingerprint("".join(parts))
        if item:
            items.append(item)
    return hashlib.sha256(f"[{','.join(items)}]".encode()).hexdigest()


@functools.lru_cache(maxsize=4096)
def _canonical_items(html: str) -> str | None:
    """The JSON items of `html`'s units, comma-joined; None if reading it leaves anything
    open (then it cannot be read apart from what follows). Read so, closing adds no unit:
    the units are those of the reading alone."""
    blocks, whole = _read(html)
    if not whole:
        return None
    return ",".join(json.dumps(_unit(b), ensure_ascii=False, separators=(",", ":"))
                    for b in blocks)


def blocks(html: str) -> list[str]:
    """The visible text of `html`, one string per paragraph, list item, heading or cell
    (an empty cell has none)."""
    return [b.text for b in units(html) if not empty_cell(b)]


_EMPTY_RUNS = (Run(EMPTY_CELL, ("empty",)),)


def empty_cell(block: Block) -> bool:
    """Whether `block` is a table cell with nothing in it: a redline shows it, so columns
    never shift unseen, but it holds no words to read."""
    return block.runs == _EMPTY_RUNS


def plain_text(html: str) -> str:
    """Visible text with blocks separated by blank lines (for fidelity and readability)."""
    return "\n\n".join(blocks(html))


class _Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)
            elif name == "href" and tag == "a" and value is not None:
                self.hrefs.append(value)


@functools.lru_cache(maxsize=256)
def _attrs(html: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Per section HTML: each version's page asks for its ids, and the next version's
    sections are nearly all the last one's. Only the newest few: the cache holds the
    texts it is keyed by, and a build would otherwise hold every section of the history."""
    parser = _Attrs()
    parser.feed(html)
    parser.close()
    return tuple(parser.ids), tuple(parser.hrefs)


def element_ids(html: str) -> list[str]:
    """Every element id in `html` (headings get one from the converter), for anchor checks."""
    return list(_attrs(html)[0])


def link_targets(html: str) -> list[str]:
    """Every link target in `html`, as the reader's browser will follow it."""
    return list(_attrs(html)[1])
