"""Every format draws both texts: read only the kept and inserted words of a redline and
you read the new version word for word, block by block; only the kept and deleted, the
old one. Checked on the HTML, Markdown and terminal output, for random edits of
structured text (lists, nested lists, headings, bold words) and for every case of the
materiality corpora. A stop kept after a deleted list item, or a block drawn in another
block's place, fails here."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexdocs.render import markup
from lexdocs.review.formats import md_rows, rows_of, term_rows, to_html
from lexdocs.review.looks import SEP
from lexdocs.review.redline import Redline, diff_documents
from tests.conftest import load_yaml
from tests.test_redline import render

CORPORA = Path(__file__).parent / "data" / "materiality"
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "pre", "dt", "dd",
          "caption"}


class _Reader(HTMLParser):
    """Blocks of each section's text in the HTML, reading one side (`skip`: del or ins)."""

    def __init__(self, skip: str) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.stack: list[tuple[str, str]] = []
        self.sections: dict[str, list[str]] = {}
        self.section = ""
        self.block: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section":
            self.section = (a.get("id") or "")[3:]
        if tag in BLOCKS and self._in_text():
            self._flush()
            self.block = []
        self.stack.append((tag, a.get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag in BLOCKS or tag in ("ul", "ol", "details"):
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.block is None or not self._in_text():
            return
        if any(t == self.skip or "lx-sr" in c or "lx-look" in c or t == "summary"
               for t, c in self.stack):
            return
        self.block.append(data)

    def _in_text(self) -> bool:
        return any("lx-text" in c for _, c in self.stack)

    def _flush(self) -> None:
        if self.block is not None:
            text = "".join(self.block)
            if text:
                self.sections.setdefault(self.section, []).append(text)
        self.block = None


def html_side(out: str, side: str) -> dict[str, list[str]]:
    reader = _Reader("del" if side == "new" else "ins")
    reader.feed(out)
    return reader.sections


_MD_TOKEN = re.compile(r"\\(.)|(<del>|</del>)|(<ins>)|(</ins>)|(\*\*?)|(&(?:amp|lt|gt|#64);)|(.)",
                       re.S)
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&#64;": "@"}
_MD_PREFIX = re.compile(r"^(?:   )*(?:- |\d+\. |#{1,6} |   )?")


_NOTE = re.compile(r" \((?:[^()]*→[^()]*)\)")
"""What a format says after words whose marks or link changed ("(bold → plain)")."""


def md_side(line: str, side: str) -> list[str]:
    """A Markdown line's blocks (a table row's cells, or the one block) on one side."""
    line = _NOTE.sub("", line)
    cells = [""]
    deleted = inserted = False
    for m in _MD_TOKEN.finditer(_MD_PREFIX.sub("", line, count=1)):
        escaped, tag, ins, end, _, entity, char = m.groups()
        if tag:
            deleted = tag == "<del>"
        elif ins or end:
            inserted = bool(ins)
        elif (deleted and side == "new") or (inserted and side == "old"):
            continue
        elif char == "|" and escaped is None:
            cells.append("")
        elif escaped is not None or entity or char:
            cells[-1] += escaped if escaped is not None else _ENTITIES.get(entity, char)
    cells = [c.strip() if line.startswith("| ") else c for c in cells]
    return [c for c in cells if c]


_TERM_PREFIX = re.compile(r"^    (?:   )*(?:• |\d+\. |#{1,6} |│ |   )?")
_TERM_DEL = re.compile(r"\[-(.*?)-\]", re.S)
_TERM_INS = re.compile(r"\{\+(.*?)\+\}", re.S)


def term_side(line: str, side: str) -> list[str]:
    body = _NOTE.sub("", _TERM_PREFIX.sub("", line, count=1))
    if side == "new":
        body = _TERM_INS.sub(r"\1", _TERM_DEL.sub("", body))
    else:
        body = _TERM_DEL.sub(r"\1", _TERM_INS.sub("", body))
    return [c for c in body.split(" │ ") if c]


def blocks_of(text: str) -> list[str]:
    return [b for b in text.split(SEP) if b] if text else []


def check_formats(red: Redline, old: dict[str, list[str]], new: dict[str, list[str]]) -> None:
    """Each format, read on each side, gives each version's blocks of each section."""
    for fold in (True, False):
        out = to_html(red, collapse_unchanged=fold)
        got_new, got_old = html_side(out, "new"), html_side(out, "old")
        for sd in red.sections:
            assert got_new.get(sd.id, []) == new.get(sd.id, []), (sd.id, out)
            assert got_old.get(sd.id, []) == old.get(sd.id, []), (sd.id, out)
    for c in red.changes:
        rows = rows_of(red, c)
        if not rows:
            continue
        for side, want in (("new", blocks_of(c.new)), ("old", blocks_of(c.old))):
            md = [b for para in md_rows(rows, None) for line in para.split("\n")
                  for b in md_side(line, side)]
            assert md == want, (side, md_rows(rows, None))
            term = [b for line in term_rows(rows, None).plain.split("\n")
                    for b in term_side(line, side)]
            assert term == want, (side, term_rows(rows, None).plain)


def check_pair(old_md: str, new_md: str) -> None:
    old, new = render([("s", "S", old_md)]), render([("s", "S", new_md)])
    red = diff_documents(old, new)
    check_formats(red, {"s": markup.blocks(old.sections[0].html)},
                  {"s": markup.blocks(new.sections[0].html)})


# --- random structured edits ----------------------------------------------------------------

WORDS = st.sampled_from(["we", "We", "share", "data", "90", "days", ",", ".", ";", ":", "not",
                         "café", "don't", "a", "the", "**law**", "*may*", "<b>", "&", "(x)",
                         "e.g.", "Inc.,", "50%"])
KINDS = st.sampled_from(["p", "p", "ul", "ul", "ol", "sub", "h3"])
BLOCK = st.tuples(KINDS, st.lists(WORDS, min_size=1, max_size=8))


def source(blocks: list[tuple[str, list[str]]]) -> str:
    """Markdown for (kind, words) blocks: paragraphs, items, nested items and headings."""
    out: list[str] = []
    prev = ""
    for kind, words in blocks:
        text = " ".join(words)
        if kind == "sub" and prev not in ("ul", "ol", "sub"):
            kind = "ul"
        if kind in ("ul", "ol", "sub") and prev in ("ul", "ol", "sub") and (
                kind == prev or kind == "sub" or prev == "sub"):
            out.append({"ul": "- ", "ol": "1. ", "sub": "    - "}[kind] + text + "\n")
        else:
            out.append("\n" + {"p": "", "ul": "- ", "ol": "1. ", "sub": "- ",
                               "h3": "### "}[kind] + text + "\n")
        prev = kind
    return "".join(out)


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str]:
    old = draw(st.lists(BLOCK, min_size=1, max_size=7))
    new = [(k, list(w)) for k, w in old]
    for _ in range(draw(st.integers(1, 6))):
        what = draw(st.sampled_from(["word", "drop", "add", "block", "unblock", "kind"]))
        if what == "block" or not new:
            new.insert(draw(st.integers(0, len(new))), draw(BLOCK))
            continue
        at = draw(st.integers(0, len(new) - 1))
        _, words = new[at]
        if what == "unblock":
            new.pop(at)
        elif what == "kind":
            new[at] = (draw(KINDS), words)
        else:
            i = draw(st.integers(0, len(words) - 1))
            if what == "word":
                words[i] = draw(WORDS)
            elif what == "drop" and len(words) > 1:
                words.pop(i)
            else:
                words.insert(i, draw(WORDS))
    return source(old), source(new)


@settings(max_examples=150, deadline=None)
@given(edited())
def test_every_format_reads_back_both_versions(pair: tuple[str, str]) -> None:
    check_pair(*pair)


def test_a_withdrawn_list_leaves_its_stop_with_the_sentence() -> None:
    """The issue's own case: the "." now ends the sentence, so it is inserted there."""
    old = ("Finally, we disclose when necessary to:\n\n- comply with the **law**;\n"
           "- protect our customers; or\n- protect our rights.\n")
    new = "Finally, we disclose when necessary.\n"
    check_pair(old, new)
    red = diff_documents(render([("s", "S", old)]), render([("s", "S", new)]))
    rows = red.sections[0].rows
    assert [(r.op, r.kind) for r in rows] == [("equal", "paragraph")] + [
        ("delete", "bulleted item")] * 3
    assert [(s.op, s.text) for s in rows[0].segments] == [
        ("equal", "Finally, we disclose when necessary"), ("delete", " to:"), ("insert", ".")]
    out = to_html(red)
    assert out.count('<li class="lx-row-del">') == 3, "deleted items stay list items"
    assert "<strong>law</strong>" in out, "bold stays bold"
    assert '<ins class="lx-ins lx-punct">' in out, "an inserted stop is drawn in a box"


@pytest.mark.parametrize("corpus", sorted(p.stem for p in CORPORA.glob("*.yml")))
def test_every_corpus_case_reads_back_in_every_format(corpus: str) -> None:
    cases = load_yaml((CORPORA / f"{corpus}.yml").read_text(encoding="utf-8"))["cases"]
    assert cases
    for case in cases:  # as text: "{{ site.email_support }}" is a real policy's words here
        check_pair(*(html.escape(case[k], quote=False).replace("*", "\\*").replace("{", "&#123;")
                     for k in ("old", "new")))
