"""A redline as the site shows it: every section with its rows, insertions and
deletions announced to screen readers and underlined or struck (CSS), unchanged runs
folded; all user text HTML-escaped.

Its own words (the count of changes, each badge and kind, "Unchanged", the folded runs,
what a screen reader hears of a mark) are said in the site's language (`words`, a
gettext catalog); the reasons the rules give are English, and on a page in another
language they say so (`lang="en"`), so that a screen reader reads them as English.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from gettext import NullTranslations

from lexdocs.review.formats.common import (
    ENGLISH,
    after_badge,
    badge,
    by_section,
    summary,
    wordless,
)
from lexdocs.review.looks import Note, Segment, look_notes
from lexdocs.review.redline import Change, Redline, SectionDiff
from lexdocs.review.rows import Row
from lexdocs.review.shapes import Run, plan, shape


def _h(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class _Say:
    """The redline's own words in the page's language, said once per redline."""

    words: NullTranslations
    inserted: str
    deleted: str
    english: str
    """` lang="en"` on the rules' own English (reasons, what changed about a link, a
    block's kind or its layout), where the page is in another language; else nothing."""

    @classmethod
    def of(cls, words: NullTranslations, lang: str) -> _Say:
        foreign = bool(lang) and lang.split("_")[0].split("-")[0].lower() != "en"
        return cls(words, words.gettext("inserted"), words.gettext("deleted"),
                   ' lang="en"' if foreign else "")


_SAID_IN_ENGLISH = _Say.of(ENGLISH, "")


_MARK_TAGS = (("code", "code"), ("em", "em"), ("strong", "strong"))


def _html_marks(segments: Sequence[Segment], say: _Say) -> str:
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
            tag, word = ("ins", say.inserted) if op == "insert" else ("del", say.deleted)
            text = "".join(s.text for s in segments[i:j])
            cls = f"lx-{tag} lx-punct" if wordless(text) else f"lx-{tag}"
            parts.append(f'<{tag} class="{cls}"><span class="lx-sr">[{word}: </span>'
                         f'{words}<span class="lx-sr">]</span></{tag}>')
        if notes[j - 1]:
            parts.append(f'<span class="lx-look"{say.english}> '
                         f'({_html_notes(notes[j - 1], say)})</span>')
        i = j
    return "".join(parts)


def _html_drawn(s: Segment) -> str:
    text = _h(s.text)
    for facet, tag in _MARK_TAGS:
        if facet in s.facets:
            text = f"<{tag}>{text}</{tag}>"
    return f'<span class="lx-empty">{text}</span>' if "empty" in s.facets else text


def _html_notes(notes: Sequence[Note], say: _Say) -> str:
    """"link: <del>old</del> → <ins>new</ins>": the target struck and underlined like words."""
    return "; ".join(
        (f"{_h(n.label)}: " if n.label else "") + _html_marks([Segment("delete", n.old)], say)
        + " → " + _html_marks([Segment("insert", n.new)], say)
        for n in notes)


class _Tree:
    """Writes rows as the elements their kinds name, opening and closing lists, quotes,
    tables and table rows as the rows go; a numbered item carries its number in its own
    version (`value`), so a list cut by a fold or a deleted item still counts right."""

    def __init__(self, say: _Say) -> None:
        self.say = say
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
        text = _html_marks(r.segments, self.say)
        if r.old_kind:
            text += f'<span class="lx-look"{self.say.english}> (was: {_h(r.old_kind)})</span>'
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


def _html_rows(rows: Sequence[Row], say: _Say, fold: bool = True) -> str:
    """A section's text with its structure; with `fold`, unchanged runs fold into a
    `<details>` line a reader opens without any script."""
    tree = _Tree(say)
    runs = plan(rows) if fold else [Run(0, len(rows), True)]
    for run in runs:
        if run.shown:
            for r in rows[run.start:run.end]:
                tree.row(r)
            continue
        tree.close()
        inner = _Tree(say)
        inner.counts = tree.counts
        inner.resume = tree.resume = True
        for r in rows[run.start:run.end]:
            inner.row(r)
        tree.out.append(f'<details class="lx-fold"><summary>'
                        f"{_h(_folded(run.end - run.start, say))}</summary>{inner.html()}"
                        "</details>")
    return f'<div class="lx-text">{tree.html()}</div>'


def _folded(n: int, say: _Say) -> str:
    """"3 unchanged paragraphs": the line a folded run shows."""
    return say.words.ngettext("%(num)d unchanged paragraph", "%(num)d unchanged paragraphs",
                              n) % {"num": n}


def _kind(kind: str, say: _Say) -> str:
    """A change's kind, or a section's status, in the page's language."""
    words = say.words
    return {"added": words.gettext("added"), "removed": words.gettext("removed"),
            "moved": words.gettext("moved"), "retitled": words.gettext("retitled"),
            "modified": words.gettext("modified")}.get(kind, kind)


def _html_change(c: Change, say: _Say, *, shown: bool = False) -> str:
    """A change's verdict; `shown` adds its marked words, for changes outside any section."""
    mark = f'<span class="lx-badge lx-{c.call}">{_h(badge(c.call, say.words))}</span>'
    notes = "".join([*(f"<li>{_h(v)}</li>" for v in c.variables),  # the site's own values
                     *(f"<li{say.english}>{_h(d)}</li>" for d in c.details)])  # the rules'
    notes = f'<ul class="lx-vars">{notes}</ul>' if notes else ""
    words = f" {_html_marks(c.segments, say)}" if shown else ""
    return (f'<li class="lx-change lx-{c.kind}">{mark} <span class="lx-kind">'
            f'{_h(_kind(c.kind, say))}</span>{words} <span class="lx-reason"{say.english}>'
            f'{_h(after_badge(c.reason))}</span>{notes}</li>')


def _html_section(sd: SectionDiff, changes: Sequence[Change], say: _Say,
                  fold: bool = True) -> str:
    title = _h(sd.title)
    status = ", ".join(_kind(s, say) for s in sd.status)
    classes = " ".join(["lx-section", *("lx-" + s for s in sd.status)])
    out = [f'<section class="{classes}" id="lx-{_h(sd.id)}">',
           f'<h2>{title} <span class="lx-status">({_h(status)})</span></h2>' if status else
           f"<h2>{title}</h2>"]
    if sd.old_title is not None:
        retitled = say.words.gettext("Retitled:")
        out.append(f'<p class="lx-retitled">{_h(retitled)} '
                   f'{_html_marks([Segment("delete", sd.old_title)], say)} → '
                   f'{_html_marks([Segment("insert", sd.title)], say)}</p>')
    if changes:
        out.append('<ul class="lx-changes">' + "".join(_html_change(c, say) for c in changes)
                   + "</ul>")
    out.append(_html_rows(sd.rows, say, fold and bool(sd.status)))
    out.append("</section>")
    return "\n".join(out)


_QUIET_SIZE = 256  # a few documents' sections: pages are made version after version
_quiet: OrderedDict[tuple[int, _Say], tuple[SectionDiff, str]] = OrderedDict()


def _quiet_html(sd: SectionDiff, say: _Say) -> str:
    """An unchanged section's HTML, made once per section object (and language).

    The redline memo (`review.memo`) gives every redline that draws a section the
    one shared object of its content, and a section unchanged in one redline is
    usually unchanged in hundreds: drawing it row by row each time was most of
    the HTML of a thousand redlines. The entry holds its object, so its id
    cannot name another section while it is kept; the oldest go first.
    """
    key = (id(sd), say)
    hit = _quiet.get(key)
    if hit is not None and hit[0] is sd:
        _quiet.move_to_end(key)
        return hit[1]
    text = _html_section(sd, (), say)
    _quiet[key] = (sd, text)
    if len(_quiet) > _QUIET_SIZE:
        _quiet.popitem(last=False)
    return text


def to_html(redline: Redline, *, collapse_unchanged: bool = True,
            words: NullTranslations = ENGLISH, lang: str = "") -> str:
    """An HTML fragment for a site page: every section with its structure, changed words
    marked in place. With `collapse_unchanged`, what did not change folds into
    `<details>` lines ("Unchanged: …", "3 unchanged paragraphs") that open without
    script, so the changes read at a glance and the whole text is one click away.
    `words` and `lang` (Babel's name: "fr", "pt_BR") are the page's language."""
    say = _SAID_IN_ENGLISH if words is ENGLISH and not lang else _Say.of(words, lang)
    by = by_section(redline)
    out = [f'<div class="lx-redline">\n<p class="lx-summary">{_h(summary(redline, words))}</p>']
    sections = tuple(redline.sections)  # a kept redline's are read from the store: once
    ids = {sd.id for sd in sections}
    whole = [c for c in redline.changes if c.section_id not in ids]  # e.g. the document title
    if whole:
        out.append('<ul class="lx-changes">' + "".join(_html_change(c, say, shown=True)
                                                      for c in whole) + "</ul>")
    quiet: list[SectionDiff] = []

    def fold_quiet() -> None:
        if quiet:
            names = "; ".join(_h(sd.title) for sd in quiet)
            said = _h(words.gettext("Unchanged: %(names)s")) % {"names": names}
            out.append(f'<details class="lx-unchanged"><summary>{said}</summary>\n'
                       + "\n".join(_quiet_html(sd, say) for sd in quiet) + "\n</details>")
            quiet.clear()

    for sd in sections:
        if not sd.status and collapse_unchanged:
            quiet.append(sd)
            continue
        fold_quiet()
        out.append(_html_section(sd, by.get(sd.id, []), say, collapse_unchanged))
    fold_quiet()
    out.append("</div>")
    return "\n".join(out) + "\n"
