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
from collections.abc import Iterator, Sequence

from rich.console import Console, Group
from rich.text import Text

from lexdocs.review.looks import SEP, Note, Segment, link_moves, look_notes
from lexdocs.review.redline import Change, Redline, SectionDiff

CONTEXT_WORDS = 12
"""Unchanged words kept on each side of an edit in Markdown and the terminal."""


def summary(redline: Redline) -> str:
    """One line a reviewer reads first: how many changes, how many need notice."""
    n = len(redline.changes)
    if not n:
        return "No changes."
    m = sum(1 for c in redline.changes if c.material)
    return f"{n} change{'s' if n != 1 else ''}, {m} material."


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
            out.append(Segment("equal", "… " + "".join(words[-keep:])))
        elif last:
            out.append(Segment("equal", "".join(words[:keep]).rstrip() + " …"))
        else:
            out.append(Segment("equal", "".join(words[:keep]) + "… " + "".join(words[-keep:])))
    return out


def _by_section(redline: Redline) -> dict[str, list[Change]]:
    found: dict[str, list[Change]] = {}
    for c in redline.changes:
        found.setdefault(c.section_id, []).append(c)
    return found


# --- HTML -------------------------------------------------------------------------------

def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _html_marks(segments: Sequence[Segment]) -> str:
    parts = []
    for s, note in zip(segments, look_notes(segments), strict=True):
        if s.op == "equal":
            parts.append(_h(s.text))
        else:
            tag, word = ("ins", "inserted") if s.op == "insert" else ("del", "deleted")
            parts.append(f'<{tag} class="lx-{tag}"><span class="lx-sr">[{word}: </span>'
                         f'{_h(s.text)}<span class="lx-sr">]</span></{tag}>')
        if note:
            parts.append(f' <span class="lx-look">({_html_notes(note)})</span>')
    return "".join(parts)


def _html_notes(notes: Sequence[Note]) -> str:
    """"link: <del>old</del> → <ins>new</ins>": the target struck and underlined like words."""
    return "; ".join(
        (f"{_h(n.label)}: " if n.label else "")
        + _html_marks([Segment("delete", n.old)]) + " → " + _html_marks([Segment("insert", n.new)])
        for n in notes)


def _html_block(block: Sequence[Segment]) -> str:
    ops = {s.op for s in block}
    cls = {"insert": ' class="lx-block-ins"', "delete": ' class="lx-block-del"'}.get(
        ops.pop() if len(ops) == 1 else "", "")
    return f"<p{cls}>{_html_marks(block)}</p>"


def after_badge(reason: str) -> str:
    """The reason without its leading verdict, which the badge beside it already says
    ("Material — Material: …" read as a stutter); a reason with no verdict stays whole."""
    for head in ("Material: ", "Not material: "):
        if reason.startswith(head):
            rest = reason[len(head):]
            return rest[:1].upper() + rest[1:]
    return reason


def _html_change(c: Change, *, words: bool = False) -> str:
    """A change's verdict; `words` adds its marked words, for changes outside any section."""
    badge = ('<span class="lx-badge lx-material">Material</span>' if c.material else
             '<span class="lx-badge lx-not-material">Not material</span>')
    notes = "".join(f"<li>{_h(v)}</li>" for v in (*c.variables, *c.details))
    notes = f'<ul class="lx-vars">{notes}</ul>' if notes else ""
    shown = f" {_html_marks(c.segments)}" if words else ""
    return (f'<li class="lx-change lx-{c.kind}">{badge} <span class="lx-kind">{c.kind}</span>'
            f'{shown} <span class="lx-reason">{_h(after_badge(c.reason))}</span>{notes}</li>')


def _html_section(sd: SectionDiff, changes: Sequence[Change]) -> str:
    title = _h(sd.title)
    status = ", ".join(sd.status)
    out = [f'<section class="lx-section {" ".join("lx-" + s for s in sd.status)}" '
           f'id="lx-{_h(sd.id)}">',
           f'<h2>{title} <span class="lx-status">({_h(status)})</span></h2>']
    if sd.old_title is not None:
        out.append(f'<p class="lx-retitled">Retitled: '
                   f'{_html_marks([Segment("delete", sd.old_title)])} → '
                   f'{_html_marks([Segment("insert", sd.title)])}</p>')
    if changes:
        out.append('<ul class="lx-changes">' + "".join(_html_change(c) for c in changes)
                   + "</ul>")
    out.extend(_html_block(b) for b in _split_blocks(sd.segments))
    out.append("</section>")
    return "\n".join(out)


def to_html(redline: Redline, *, collapse_unchanged: bool = True) -> str:
    """An HTML fragment for a site page: every section, changed words marked in place."""
    by = _by_section(redline)
    out = [f'<div class="lx-redline">\n<p class="lx-summary">{_h(summary(redline))}</p>']
    ids = {sd.id for sd in redline.sections}
    whole = [c for c in redline.changes if c.section_id not in ids]  # e.g. the document title
    if whole:
        out.append('<ul class="lx-changes">' + "".join(_html_change(c, words=True)
                                                      for c in whole) + "</ul>")
    quiet: list[str] = []
    for sd in redline.sections:
        if not sd.status and collapse_unchanged:
            quiet.append(_h(sd.title))
            continue
        if quiet:
            out.append(f'<p class="lx-unchanged">Unchanged: {"; ".join(quiet)}</p>')
            quiet = []
        if sd.status:
            out.append(_html_section(sd, by.get(sd.id, [])))
        else:
            out.append(f'<section class="lx-section" id="lx-{_h(sd.id)}">\n<h2>{_h(sd.title)}'
                       "</h2>\n" + "\n".join(_html_block(b) for b in _split_blocks(sd.segments))
                       + "\n</section>")
    if quiet:
        out.append(f'<p class="lx-unchanged">Unchanged: {"; ".join(quiet)}</p>')
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


def _md_marks(block: Sequence[Segment]) -> str:
    parts = []
    for s in block:
        lead, core, trail = _pad(s.text)
        if s.op == "equal" or not core:
            parts.append(md_escape(s.text))
            continue
        mark = "**" if s.op == "insert" else "~~"
        parts.append(f"{lead}{mark}{md_escape(core)}{mark}{trail}")
    return "".join(parts)


def _md_marks_noted(block: Sequence[Segment]) -> str:
    """Marked words, each with its changed link target or marks after it."""
    out = []
    for s, note in zip(block, look_notes(block), strict=True):
        out.append(_md_marks([s]))
        if note:
            out.append(f" ({md_escape('; '.join(map(str, note)))})")
    return "".join(out)


def _md_change(i: int, c: Change) -> list[str]:
    verdict = "**Material**" if c.material else "**Not material**"
    lines = [f"#### {i}\\. {md_escape(c.section_title)} — {c.kind}", "",
             f"{verdict} — {md_escape(after_badge(c.reason))}"]
    lines += [f"- Variable: {md_escape(v)}" for v in c.variables]
    lines += [f"- Layout: {md_escape(d)}" for d in c.details]
    quote = [f"> {_md_marks_noted(b)}" for b in _split_blocks(_trim(c.segments))]
    if quote:
        lines += ["", "\n>\n".join(quote)]
    return [*lines, ""]


def to_markdown(redline: Redline) -> str:
    """A pull-request comment: the summary, then each change with its verdict and diff."""
    lines = [f"### Redline: {md_escape(redline.title)}", "", summary(redline), ""]
    for i, c in enumerate(redline.changes, 1):
        lines += _md_change(i, c)
    return "\n".join(lines).rstrip() + "\n"


# --- Terminal ---------------------------------------------------------------------------

def _term_marks(segments: Sequence[Segment]) -> Text:
    text = Text()
    for n, block in enumerate(_split_blocks(segments)):
        text.append("\n    " if n else "    ")
        for s, note in zip(block, look_notes(block), strict=True):
            lead, core, trail = _pad(s.text)
            if s.op == "equal" or not core:
                text.append(s.text)
            elif s.op == "delete":
                text.append(lead).append(f"[-{core}-]", style="red strike").append(trail)
            else:
                text.append(lead).append(f"{{+{core}+}}", style="green underline").append(trail)
            if note:
                text.append(f" ({'; '.join(map(str, note))})", style="yellow")
    return text


def _term_change(c: Change) -> Iterator[Text]:
    badge = ("MATERIAL", "bold red") if c.material else ("not material", "green")
    yield Text.assemble((c.section_title, "bold"), f" — {c.kind} — ", badge)
    yield Text("  " + c.reason, style="italic")
    for v in (*c.variables, *c.details):
        yield Text("  • " + v)
    if c.segments:
        yield _term_marks(_trim(c.segments))
    yield Text("")


def terminal_renderable(redline: Redline) -> Group:
    """The terminal view as a rich renderable, for callers that compose their own output."""
    head = Text.assemble((f"Redline: {redline.title}", "bold"), " — ", summary(redline))
    return Group(head, Text(""), *(t for c in redline.changes for t in _term_change(c)))


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
                        "old": c.old, "new": c.new, "material": c.material, "reason": c.reason,
                        "variables": list(c.variables), "links": links_of(c),
                        "layout": list(c.details), "overridden": c.overridden,
                        "rule": c.rule, "evidence": list(c.evidence)}
                       for c in redline.changes], ensure_ascii=False, indent=2)
