"""A redline for each place people read it: the site (HTML), a pull request
(Markdown), a terminal (rich) and tools (JSON).

Every word shown here may come from anyone who can open a pull request, so
user text is escaped for each medium and never becomes markup: HTML-escaped,
Markdown-escaped, or appended to `rich.text.Text` (which does not parse markup).
Insertions and deletions are marked by more than colour in every format: the
site announces them to screen readers and underlines / strikes them (CSS), the
terminal adds `{+ +}` / `[- -]`, Markdown uses bold / strikethrough.
Words whose link target (or marks) changed carry `(link: old → new)` right
after them in every format, and JSON lists each such link.
"""

from __future__ import annotations

import html
import json
import re
from collections import OrderedDict
from collections.abc import Iterator, Sequence

from rich.console import Console, Group
from rich.text import Text

from lexdocs.review.looks import SEP, Note, Segment, link_moves, look_notes
from lexdocs.review.redline import Change, Redline, SectionDiff
from lexdocs.review.rows import Row
from lexdocs.review.shapes import Run, count_words, plan, shape
from lexdocs.review.verdicts import LAWYERS_CALL, evidence_fields

_BADGES = {"material": "Material", "not-material": "Not material",
           "lawyers-call": LAWYERS_CALL}
"""What a change's badge says for each verdict (`Change.call`)."""
CONTEXT_WORDS = 12
"""Unchanged words kept on each side of an edit in Markdown and the terminal."""


def summary(redline: Redline) -> str:
    """One line a reviewer reads first: how many changes, how many need notice."""
    n = len(redline.changes)
    if not n:
        return "No changes."
    m = sum(1 for c in redline.changes if c.material and not c.referred)
    asked = len(redline.referred)
    return (f"{n} change{'s' if n != 1 else ''}, {m} material"
            + (f", {asked} need{'s' if asked == 1 else ''} a lawyer's call" if asked else "")
            + ".")


def _split_blocks(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Segments regrouped per block: a separator in any segment starts a new block."""
    blocks: list[list[Segment]] = [[]]
    for s in segments:
        for i, piece in enumerate(s.text.split(SEP)):
            if i:
                blocks.append([])
            if piece:
                blocks[-1].append(Segment(s.op, piece, s.look))
    return [b for b in blocks if b]


_WORD_GAP = re.compile(r"\S+\s*")


def _trim(segments: Sequence[Segment], keep: int = CONTEXT_WORDS) -> list[Segment]:
    """Shorten long unchanged runs to `keep` words around edits, with "…" for the rest."""
    out: list[Segment] = []
    for i, s in enumerate(segments):
        lead = s.text[: len(s.text) - len(s.text.lstrip())]
        words = _WORD_GAP.findall(s.text)
        if words:
            words[0] = lead + words[0]
        first, last = i == 0, i == len(segments) - 1
        if (s.op != "equal" or s.look is not None
                or len(words) <= keep * (1 if first or last else 2)):
            out.append(s)
        elif first:
            out.append(Segment("equal", "… " + "".join(words[-keep:]), None, s.facets))
        elif last:
            out.append(Segment("equal", "".join(words[:keep]).rstrip() + " …", None, s.facets))
        else:
            out.append(Segment("equal", "".join(words[:keep]) + "… " + "".join(words[-keep:]),
                               None, s.facets))
    return out


def _by_section(redline: Redline) -> dict[str, list[Change]]:
    found: dict[str, list[Change]] = {}
    for c in redline.changes:
        found.setdefault(c.section_id, []).append(c)
    return found


# --- HTML -------------------------------------------------------------------------------

def _h(text: str) -> str:
    return html.escape(text, quote=True)


_MARK_TAGS = (("code", "code"), ("em", "em"), ("strong", "strong"))
_WORDLESS = re.compile(r"[\W_]*", re.UNICODE)


def _wordless(text: str) -> bool:
    """Only punctuation (and spaces): a mark on it needs a box to be seen at all."""
    return bool(text.strip()) and bool(_WORDLESS.fullmatch(text))


def _html_marks(segments: Sequence[Segment]) -> str:
    """Words with their marks (bold, italic, code); each run of inserted or deleted words
    in one `<ins>` / `<del>`, announced once to screen readers; what changed about a
    link or a mark said after its words."""
    parts: list[str] = []
    notes = look_notes(segments)
    i = 0
    while i < len(segments):
        op = segments[i].op
        j = i + 1
        while j < len(segments) and segments[j].op == op and not notes[j - 1]:
            j += 1
        words = "".join(_html_drawn(s) for s in segments[i:j])
        if op == "equal":
            parts.append(words)
        else:
            tag, word = ("ins", "inserted") if op == "insert" else ("del", "deleted")
            text = "".join(s.text for s in segments[i:j])
            cls = f"lx-{tag} lx-punct" if _wordless(text) else f"lx-{tag}"
            parts.append(f'<{tag} class="{cls}"><span class="lx-sr">[{word}: </span>'
                         f'{words}<span class="lx-sr">]</span></{tag}>')
        if notes[j - 1]:
            parts.append(f'<span class="lx-look"> ({_html_notes(notes[j - 1])})</span>')
        i = j
    return "".join(parts)


def _html_drawn(s: Segment) -> str:
    text = _h(s.text)
    for facet, tag in _MARK_TAGS:
        if facet in s.facets:
            text = f"<{tag}>{text}</{tag}>"
    return f'<span class="lx-empty">{text}</span>' if "empty" in s.facets else text


def _html_notes(notes: Sequence[Note]) -> str:
    """"link: <del>old</del> → <ins>new</ins>": the target struck and underlined like words."""
    return "; ".join(
        (f"{_h(n.label)}: " if n.label else "")
        + _html_marks([Segment("delete", n.old)]) + " → " + _html_marks([Segment("insert", n.new)])
        for n in notes)


class _Tree:
    """Writes rows as the elements their kinds name, opening and closing lists, quotes,
    tables and table rows as the rows go; a numbered item carries its number in its own
    version (`value`), so a list cut by a fold or a deleted item still counts right."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.open: list[str] = []
        self.counts: dict[int, list[int]] = {}  # list depth → [old, new] item numbers
        self.resume = False  # after a fold: a list opened again goes on counting

    def close(self, keep: int = 0) -> None:
        while len(self.open) > keep:
            self.out.append(f"</{self.open.pop()}>")

    def row(self, r: Row) -> None:
        sh = shape(r.kind)
        want = ["blockquote"] * sh.quotes
        for depth in range(1, sh.level + 1):
            at = len(want)
            here = self.open[at] if at < len(self.open) else ""
            tag = "ol" if sh.ordered else "ul"
            want += [here if depth < sh.level and here in ("ul", "ol") else tag, "li"]
        if sh.cell:
            want += ["table", "tr"]
        keep = 0
        while keep < min(len(want), len(self.open)) and self.open[keep] == want[keep]:
            keep += 1
        if sh.item and keep == len(want):
            keep -= 1  # a new item: close the one before
        if sh.cell and sh.new_row and keep == len(want):
            keep -= 1
        self.close(keep)
        cls = {"insert": "lx-row-ins", "delete": "lx-row-del"}.get(r.op, "")
        for tag in want[len(self.open):]:
            depth = sum(1 for t in self.open if t in ("ul", "ol"))
            if tag in ("ul", "ol"):
                if not (self.resume and depth + 1 in self.counts):
                    self.counts[depth + 1] = [sh.start - 1, sh.start - 1]
                self.out.append(f"<{tag}>" if tag == "ul" or sh.start == 1 else
                                f'<{tag} start="{sh.start}">')
            elif tag == "li":
                self.out.append(self._item(depth, r, cls))
            else:
                self.out.append(f"<{tag}>")
            self.open.append(tag)
        self.resume = False
        text = _html_marks(r.segments)
        if r.old_kind:
            text += f'<span class="lx-look"> (was: {_h(r.old_kind)})</span>'
        if sh.leaf == "li":
            self.out.append(text)
            return
        if sh.cell and r.changed:
            cls = (cls + " lx-cell-changed").strip()
        attr = f' class="{cls}"' if cls else ""
        self.out.append(f"<{sh.leaf}{attr}>{text}</{sh.leaf}>")

    def _item(self, depth: int, r: Row, cls: str) -> str:
        counts = self.counts.setdefault(depth, [0, 0])
        parent = next((t for t in reversed(self.open) if t in ("ul", "ol")), "ul")
        if r.op != "insert":
            counts[0] += 1
        if r.op != "delete":
            counts[1] += 1
        value = f' value="{counts[1] if r.op != "delete" else counts[0]}"' if parent == "ol" \
            else ""
        return f'<li{value} class="{cls}">' if cls else f"<li{value}>"

    def html(self) -> str:
        self.close()
        return "".join(self.out)


def _html_rows(rows: Sequence[Row], fold: bool = True) -> str:
    """A section's text with its structure; with `fold`, unchanged runs fold into a
    `<details>` line a reader opens without any script."""
    tree = _Tree()
    runs = plan(rows) if fold else [Run(0, len(rows), True)]
    for run in runs:
        if run.shown:
            for r in rows[run.start:run.end]:
                tree.row(r)
            continue
        tree.close()
        inner = _Tree()
        inner.counts = tree.counts
        inner.resume = tree.resume = True
        for r in rows[run.start:run.end]:
            inner.row(r)
        tree.out.append(f'<details class="lx-fold"><summary>'
                        f"{count_words(run.end - run.start)}</summary>{inner.html()}</details>")
    return f'<div class="lx-text">{tree.html()}</div>'


def after_badge(reason: str) -> str:
    """The reason without its leading verdict, which the badge beside it already says
    ("Material — Material: …" read as a stutter); a reason with no verdict stays whole."""
    for head in ("Material: ", "Not material: ", f"{LAWYERS_CALL}: "):
        if reason.startswith(head):
            rest = reason[len(head):]
            return rest[:1].upper() + rest[1:]
    return reason


def _html_change(c: Change, *, words: bool = False) -> str:
    """A change's verdict; `words` adds its marked words, for changes outside any section."""
    badge = f'<span class="lx-badge lx-{c.call}">{_BADGES[c.call]}</span>'
    notes = "".join(f"<li>{_h(v)}</li>" for v in (*c.variables, *c.details))
    notes = f'<ul class="lx-vars">{notes}</ul>' if notes else ""
    shown = f" {_html_marks(c.segments)}" if words else ""
    return (f'<li class="lx-change lx-{c.kind}">{badge} <span class="lx-kind">{c.kind}</span>'
            f'{shown} <span class="lx-reason">{_h(after_badge(c.reason))}</span>{notes}</li>')


def _html_section(sd: SectionDiff, changes: Sequence[Change], fold: bool = True) -> str:
    title = _h(sd.title)
    status = ", ".join(sd.status)
    classes = " ".join(["lx-section", *("lx-" + s for s in sd.status)])
    out = [f'<section class="{classes}" id="lx-{_h(sd.id)}">',
           f'<h2>{title} <span class="lx-status">({_h(status)})</span></h2>' if status else
           f"<h2>{title}</h2>"]
    if sd.old_title is not None:
        out.append(f'<p class="lx-retitled">Retitled: '
                   f'{_html_marks([Segment("delete", sd.old_title)])} → '
                   f'{_html_marks([Segment("insert", sd.title)])}</p>')
    if changes:
        out.append('<ul class="lx-changes">' + "".join(_html_change(c) for c in changes)
                   + "</ul>")
    out.append(_html_rows(sd.rows, fold and bool(sd.status)))
    out.append("</section>")
    return "\n".join(out)


_QUIET_SIZE = 8192
_quiet: OrderedDict[int, tuple[SectionDiff, str]] = OrderedDict()


def _quiet_html(sd: SectionDiff) -> str:
    """An unchanged section's HTML, made once per section object.

    The redline memo (`review.memo`) gives every redline that draws a section the
    one shared object of its content, and a section unchanged in one redline is
    usually unchanged in hundreds: drawing it row by row each time was most of
    the HTML of a thousand redlines. The entry holds its object, so its id
    cannot name another section while it is kept; the oldest go first.
    """
    hit = _quiet.get(id(sd))
    if hit is not None and hit[0] is sd:
        _quiet.move_to_end(id(sd))
        return hit[1]
    text = _html_section(sd, ())
    _quiet[id(sd)] = (sd, text)
    if len(_quiet) > _QUIET_SIZE:
        _quiet.popitem(last=False)
    return text


def to_html(redline: Redline, *, collapse_unchanged: bool = True) -> str:
    """An HTML fragment for a site page: every section with its structure, changed words
    marked in place. With `collapse_unchanged`, what did not change folds into
    `<details>` lines ("Unchanged: …", "3 unchanged paragraphs") that open without
    script, so the changes read at a glance and the whole text is one click away."""
    by = _by_section(redline)
    out = [f'<div class="lx-redline">\n<p class="lx-summary">{_h(summary(redline))}</p>']
    ids = {sd.id for sd in redline.sections}
    whole = [c for c in redline.changes if c.section_id not in ids]  # e.g. the document title
    if whole:
        out.append('<ul class="lx-changes">' + "".join(_html_change(c, words=True)
                                                      for c in whole) + "</ul>")
    quiet: list[SectionDiff] = []

    def fold_quiet() -> None:
        if quiet:
            names = "; ".join(_h(sd.title) for sd in quiet)
            out.append(f'<details class="lx-unchanged"><summary>Unchanged: {names}</summary>\n'
                       + "\n".join(_quiet_html(sd) for sd in quiet) + "\n</details>")
            quiet.clear()

    for sd in redline.sections:
        if not sd.status and collapse_unchanged:
            quiet.append(sd)
            continue
        fold_quiet()
        out.append(_html_section(sd, by.get(sd.id, []), collapse_unchanged))
    fold_quiet()
    out.append("</div>")
    return "\n".join(out) + "\n"


# --- Markdown ---------------------------------------------------------------------------

# Only what forms markup inside a line; user text never starts a line in our output.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
_SHORTCODE = re.compile(r":(?=[a-z0-9_+-]+:)")


def md_escape(text: str) -> str:
    """Text that GitHub renders literally: no emphasis, links, lists, math or @mentions."""
    text = _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))
    text = _SHORTCODE.sub(r"\\:", text)  # ":smile:" would become an emoji
    for ch, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("@", "&#64;")):
        text = text.replace(ch, entity)
    return text


def _pad(text: str) -> tuple[str, str, str]:
    """(leading space, words, trailing space): markers hug words, as Markdown requires."""
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    return lead, core, text[len(lead) + len(core):]


def _groups(segments: Sequence[Segment]) -> Iterator[tuple[list[Segment], tuple[Note, ...]]]:
    """Runs of neighbouring segments with one op, each with the note said after it: a run
    of inserted or deleted words is marked once, whatever marks its words carry."""
    notes = look_notes(segments)
    i = 0
    while i < len(segments):
        j = i + 1
        while j < len(segments) and segments[j].op == segments[i].op and not notes[j - 1]:
            j += 1
        yield list(segments[i:j]), notes[j - 1]
        i = j


_MD_MARKS = (("em", "*"), ("strong", "**"))


def _md_drawn(s: Segment) -> str:
    lead, core, trail = _pad(s.text)
    text = md_escape(core)
    for facet, mark in _MD_MARKS:
        if core and facet in s.facets:
            text = f"{mark}{text}{mark}"
    return md_escape(lead) + text + md_escape(trail)


def _md_marks(block: Sequence[Segment]) -> str:
    """Words with their bold and italic; insertions `<ins>` (underlined on GitHub),
    deletions `<del>` (struck), spaces inside the mark of the text they belong to, each
    with its changed link target or marks after it. Inserted or deleted punctuation
    alone is bold as well: an underlined full stop is barely seen."""
    out = []
    for run, note in _groups(block):
        words = "".join(_md_drawn(s) for s in run)
        op = run[0].op
        if op == "equal":
            out.append(words)
        else:
            lead, core, trail = _pad(words)
            core = f"**{core}**" if _wordless("".join(s.text for s in run)) else core
            tag = "ins" if op == "insert" else "del"
            out.append(f"<{tag}>{lead}{core}{trail}</{tag}>")
        if note:
            out.append(f" ({md_escape('; '.join(map(str, note)))})")
    return "".join(out)


def _row_prefix(r: Row, number: int, bullet: str) -> tuple[str, bool]:
    """(what starts the row's line, whether it goes on the line before): list markers
    and indentation, heading hashes, a table cell after the one before it."""
    sh = shape(r.kind)
    if sh.cell and not sh.new_row:
        return "", True
    indent = "   " * max(0, sh.level - 1)
    if sh.level:
        marker = f"{number}. " if sh.ordered else bullet
        return indent + (marker if sh.item else "   "), False
    if sh.leaf.startswith("h"):
        return "#" * int(sh.leaf[1]) + " ", False
    return "", False


def _numbered(rows: Sequence[Row]) -> list[int]:
    """Each row's number in its numbered list, in its own version (0: not numbered)."""
    counts: dict[int, list[int]] = {}
    out = []
    for r in rows:
        sh = shape(r.kind)
        for depth in [d for d in counts if d > sh.level or not sh.level]:
            del counts[depth]
        if not (sh.ordered and sh.item):
            out.append(0)
            continue
        n = counts.setdefault(sh.level, [sh.start - 1, sh.start - 1])
        n[0] += r.op != "insert"
        n[1] += r.op != "delete"
        out.append(n[1] if r.op != "delete" else n[0])
    return out


def rows_of(redline: Redline, c: Change) -> tuple[Row, ...]:
    """The rows that show change `c` (none for a move, a retitling or the title)."""
    a, b = c.rows
    if a == b or c.kind not in ("modified", "added", "removed"):
        return ()
    sd = next((sd for sd in redline.sections if sd.id == c.section_id), None)
    return sd.rows[a:b] if sd else ()


def md_rows(rows: Sequence[Row], context: int | None = CONTEXT_WORDS) -> list[str]:
    """Rows as Markdown paragraphs, quote markers not included: a line per block (a table
    row's cells on one line between bars), a list's items on neighbouring lines with
    their markers and numbers. `context` unchanged words are kept around each edit
    (None: every word)."""
    paras: list[str] = []
    listed = False
    for r, number in zip(rows, _numbered(rows), strict=True):
        segs = _trim(r.segments, context) if context is not None else r.segments
        prefix, same_line = _row_prefix(r, number, "- ")
        text = _md_marks(segs)
        item = shape(r.kind).level > 0
        if same_line and paras:
            paras[-1] += f" {text} |"
        elif shape(r.kind).cell:
            paras.append(f"| {text} |")
        elif item and listed and paras:
            paras[-1] += "\n" + prefix + text
        else:
            paras.append(prefix + text)
        listed = item
    return paras


def _md_change(i: int, c: Change, rows: Sequence[Row]) -> list[str]:
    verdict = f"**{_BADGES[c.call]}**"
    lines = [f"#### {i}\\. {md_escape(c.section_title)} — {c.kind}", "",
             f"{verdict} — {md_escape(after_badge(c.reason))}"]
    lines += [f"- Variable: {md_escape(v)}" for v in c.variables]
    lines += [f"- Layout: {md_escape(d)}" for d in c.details]
    quote = (["\n".join(f"> {line}" for line in p.split("\n")) for p in md_rows(rows)] if rows else
             [f"> {_md_marks(b)}" for b in _split_blocks(_trim(c.segments))])
    if quote:
        lines += ["", "\n>\n".join(quote)]
    return [*lines, ""]


def to_markdown(redline: Redline) -> str:
    """A pull-request comment: the summary, then each change with its verdict and diff."""
    lines = [f"### Redline: {md_escape(redline.title)}", "", summary(redline), ""]
    for i, c in enumerate(redline.changes, 1):
        lines += _md_change(i, c, rows_of(redline, c))
    return "\n".join(lines).rstrip() + "\n"


# --- Terminal ---------------------------------------------------------------------------

_TERM_STYLES = (("strong", "bold"), ("em", "italic"), ("code", "cyan"))


def _term_segments(text: Text, segments: Sequence[Segment]) -> None:
    """Marked words: `[-deleted-]`, `{+inserted+}`, spaces inside the marks of the text
    they belong to; bold, italic and code kept as styles."""
    for run, note in _groups(segments):
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
    for r, number in zip(rows, _numbered(rows), strict=True):
        segs = _trim(r.segments, context) if context is not None else r.segments
        prefix, same_line = _row_prefix(r, number, "• ")
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
    for n, block in enumerate(_split_blocks(segments)):
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
        yield _term_marks(_trim(c.segments))
    yield Text("")


def terminal_renderable(redline: Redline) -> Group:
    """The terminal view as a rich renderable, for callers that compose their own output."""
    head = Text.assemble((f"Redline: {redline.title}", "bold"), " — ", summary(redline))
    return Group(head, Text(""), *(t for c in redline.changes
                                   for t in _term_change(c, rows_of(redline, c))))


def to_terminal(redline: Redline, console: Console) -> None:
    """Print the redline; user text goes in as `Text`, so "[bold]" prints as typed."""
    console.print(terminal_renderable(redline))


# --- JSON -------------------------------------------------------------------------------

def links_of(c: Change) -> list[dict[str, str | None]]:
    """Each link whose target changed, came or went, on the words that carry it."""
    return [{"text": m.words, "old": m.old, "new": m.new} for m in link_moves(c.segments)]


def to_json(redline: Redline) -> str:
    """The changes as data, keys in a fixed order so diffs of this output stay readable."""
    return json.dumps([{"section": c.section_id, "title": c.section_title, "kind": c.kind,
                        "old": c.old, "new": c.new, "material": c.material, "call": c.call,
                        "reason": c.reason,
                        "variables": list(c.variables), "links": links_of(c),
                        "layout": list(c.details), "overridden": c.overridden,
                        "rule": c.rule, **evidence_fields(c.rule, c.evidence)}
                       for c in redline.changes], ensure_ascii=False, indent=2)
