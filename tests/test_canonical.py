"""One notion of what a reader sees: versions, redlines and verdicts agree on it.

The canonical form (markup.units / canonical / fingerprint) holds the words,
link targets, image sources, marks and block kinds, and nothing a reader cannot
see. The property test drives random edit sequences through rendering, history
(a new version wherever the fingerprint changes) and the redline: a version
whose redline shows nothing must be impossible, and so must a redline between
texts that history calls the same.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lexdocs.history.versions import load_histories
from lexdocs.render import markup, tohtml
from lexdocs.render.templates import RenderedDocument
from lexdocs.review.formats import summary
from lexdocs.review.notice import build_timeline
from lexdocs.review.redline import diff_documents
from tests.conftest import Repo, property_settings
from tests.test_redline import render


def fp(md: str) -> str:
    return markup.fingerprint(tohtml.to_html(md))


@pytest.mark.parametrize(("a", "b"), [
    ("- one\n- two\n", "* one\n* two\n"),                                # list marker
    ("- one\n- two\n", "+ one\n+ two\n"),
    ("We *may* share.\n", "We _may_ share.\n"),                           # emphasis style
    ("We **must** share.\n", "We __must__ share.\n"),
    ("We keep records\nfor seven years.\n", "We keep records for seven years.\n"),  # wrapping
    ("We keep records  \nfor seven years.\n", "We keep records for seven years.\n"),  # trailing
    ("We keep records. \n", "We keep records.\n"),
    ("We keep <!-- check with counsel --> records.\n", "We keep records.\n"),  # comments
    ("- one\n<!-- a note -->\n- two\n", "- one\n- two\n"),
    ("Text.\n\n<!--\nseveral\nlines\n-->\n\nMore.\n", "Text.\n\nMore.\n"),
    ("- one\n\n- two\n", "- one\n- two\n"),                                # loose or tight
    ("## Rights {#r}\n", "## Rights\n"),                                   # ids
    ("[opt out](https://a.example/x \"Opt out\")\n", "[opt out](https://a.example/x)\n"),
    ("| a | b |\n|:--|--:|\n| 1 | 2 |\n", "| a | b |\n|---|---|\n| 1 | 2 |\n"),  # alignment
    ("1. one\n2. two\n", "1. one\n1. two\n"),                               # numbering spelling
])
def test_markdown_spelling_a_reader_cannot_see_is_not_a_change(a: str, b: str) -> None:
    assert fp(a) == fp(b)


@pytest.mark.parametrize(("a", "b"), [
    ("[opt out](https://a.example/x)\n", "[opt out](https://b.example/x)\n"),  # link target
    ("![logo](a.png)\n", "![logo](b.png)\n"),                              # image source
    ("## Rights\n", "### Rights\n"),                                       # heading level
    ("## Rights\n", "## Your rights\n"),                                   # heading text
    ("- one\n- two\n", "1. one\n2. two\n"),                                # list type
    ("- one\n- two\n", "- one\n    - two\n"),                              # list depth
    ("3. one\n4. two\n", "1. one\n2. two\n"),                              # list start
    ("| a | b |\n|---|---|\n| 1 | 2 |\n", "| a | b |\n|---|---|\n| 1 | 3 |\n"),  # cell
    ("| a | b |\n|---|---|\n| 1 | 2 |\n", "| a | b |\n|---|---|\n| 2 | 1 |\n"),
    ("| a | b |\n|---|---|\n| 1 |  |\n", "| a | b |\n|---|---|\n|  | 1 |\n"),  # empty cell
    ("We may share.\n", "We **may** share.\n"),                            # emphasis added
    ("- one\n\n    two\n", "- one\n- two\n"),                             # one item or two
    ("Write <!-- to us.\n", "Write\n"),                                    # unclosed: shown
])
def test_what_a_reader_sees_is_part_of_the_canonical_form(a: str, b: str) -> None:
    assert fp(a) != fp(b)


def test_comments_are_never_shown_but_code_keeps_its_text() -> None:
    html = tohtml.to_html("Keep `<!-- as typed -->` and <!-- drop me --> this.\n")
    assert "drop me" not in html
    assert markup.blocks(html) == ["Keep <!-- as typed --> and this."]


def test_every_heading_gets_an_id() -> None:
    html = tohtml.to_html("### How to contact us\n\n#### Details {#details}\n\n"
                          'Text that says id="not-an-id".\n')
    assert markup.element_ids(html) == ["how-to-contact-us", "details"]


def test_units_carry_link_targets_kinds_and_marks() -> None:
    (block,) = markup.units(tohtml.to_html("1. To **opt out**, use [this form](/optout/).\n"))
    assert block.kind == "numbered item"
    assert block.text == "To opt out, use this form."
    assert [(r.text, r.facets) for r in block.runs] == [
        ("To ", ()), ("opt out", ("strong",)), (", use ", ()),
        ("this form", ("link:/optout/",)), (".", ())]


# --- the property: a version always has a redline, a redline always a version ----------

_WORDS = ["we", "share", "data", "with", "partners", "never", "sell", "your", "rights", "90"]
_TARGETS = ["https://chatlio.com/optout", "https://www.chatlio.com/optout",
            "https://ads.example.net/optout", "/privacy/#rights", "#contact"]


# Each strategy is made once, not again on every draw, and a draw asks only for what the
# shape it chose needs: drawing the examples took twice as long as testing them.
_WORD = st.sampled_from(_WORDS)
_PARTS = st.integers(1, 5)
_SHAPE = st.sampled_from(["plain", "plain", "link", "em", "strong", "url", "image", "comment"])
_TARGET = st.sampled_from(_TARGETS)
_MARK = st.sampled_from("*_")
_URL = st.sampled_from(_TARGETS[:3])
_IMAGE = st.sampled_from(["a.png", "b.png"])
_GAP = st.sampled_from([" ", "  ", "\n", " \n"])
_BLOCK_SHAPE = st.sampled_from(["para", "para", "heading", "list", "olist", "nested",
                                "table", "quote"])
_LEVEL = st.integers(2, 4)
_BULLET = st.sampled_from(["-", "*", "+"])


@st.composite
def inline(draw: st.DrawFn) -> str:
    """A line of prose in any Markdown spelling: links, images, marks, URLs, comments."""
    parts = []
    for _ in range(draw(_PARTS)):
        word = draw(_WORD)
        shape = draw(_SHAPE)
        if shape == "link":  # only the chosen spelling draws what it needs
            word = f"[{word} {draw(_WORD)}]({draw(_TARGET)})"
        elif shape == "em":
            word = f"{draw(_MARK)}{word}{draw(_MARK)}"
        elif shape == "strong":
            word = f"**{word}**"
        elif shape == "url":
            word = f"<{draw(_URL)}>"
        elif shape == "image":
            word = f"![{word}]({draw(_IMAGE)})"
        elif shape == "comment":
            word = f"<!-- {word} -->"
        parts.append(word)
    gap = draw(_GAP)
    return gap.join(parts)


_INLINE = inline()


@st.composite
def block(draw: st.DrawFn) -> str:
    text = draw(_INLINE)
    shape = draw(_BLOCK_SHAPE)
    if shape == "heading":
        return f"{'#' * draw(_LEVEL)} {text.replace(chr(10), ' ')}"
    if shape in ("list", "olist", "nested"):
        marker = draw(_BULLET) if shape != "olist" else "1."
        items = [text.replace("\n", " "), draw(_INLINE).replace("\n", " ")]
        sub = "\n    - sub item" if shape == "nested" else ""
        return f"{marker} {items[0]}{sub}\n{marker} {items[1]}"
    if shape == "table":
        cells = [draw(_WORD) for _ in range(4)]
        return f"| h | i |\n|---|---|\n| {cells[0]} | {cells[1]} |\n| {cells[2]} | {cells[3]} |"
    if shape == "quote":
        return "> " + text.replace("\n", " ")
    return text


_SWAPS = [*((f"({a})", f"({b})") for a in _TARGETS for b in _TARGETS if a != b),
          ("(a.png)", "(b.png)"), ("(b.png)", "(a.png)"), ("## ", "### "), ("### ", "## "),
          ("- ", "1. "), ("1. ", "- "), ("**", "*"), ("*", "**"), ("_", "*"),
          ("| h |", "| h h |"), ("| h |", "|  |"), ("> ", ""), ("\n    - sub", "\n- sub")]

Doc = tuple[tuple[str, str, str], ...]  # (id, title, body) per section; a move keeps the id

_BLOCK = block()
_BODY = st.lists(_BLOCK, min_size=1, max_size=3)
_EDITS = st.integers(1, 5)
_EDIT = st.sampled_from(["replace-block", "add-block", "respell", "retitle", "move", "same",
                         "swap", "swap", "swap"])
_SWAP = st.sampled_from(_SWAPS)
_TITLE = st.sampled_from(["Intro", "Sharing", "Rights", "Your rights"])


@st.composite
def documents(draw: st.DrawFn) -> list[Doc]:
    """A first document, then a sequence of edits that are each small and often invisible."""
    titles = ["Intro", "Sharing", "Rights"]
    doc: list[tuple[str, str, str]] = [
        (t.lower(), t, "\n\n".join(draw(_BODY)))
        for t in titles]
    out = [tuple(doc)]
    for _ in range(draw(_EDITS)):
        i = draw(st.integers(0, len(doc) - 1))
        sid, title, body = doc[i]
        edit = draw(_EDIT)
        blocks = body.split("\n\n")
        if edit == "swap":  # one small substitution: a target, a mark, a level, a list type
            old, new = draw(_SWAP)
            if old in body:
                at = draw(st.integers(0, body.count(old) - 1))
                pieces = body.split(old)
                body = old.join(pieces[:at + 1]) + new + old.join(pieces[at + 1:])
            blocks = body.split("\n\n")
        elif edit == "replace-block":
            blocks[draw(st.integers(0, len(blocks) - 1))] = draw(_BLOCK)
        elif edit == "add-block":
            blocks.insert(draw(st.integers(0, len(blocks))), draw(_BLOCK))
        elif edit == "respell":  # the same page in other Markdown spelling
            blocks = [b.replace("*", "_").replace("\n", " \n") + " <!-- note -->"
                      if not b.startswith(("|", "-", "*", "+", "1.", "#", ">")) else b
                      for b in blocks]
        elif edit == "retitle":
            title = draw(_TITLE)
        elif edit == "move" and len(doc) > 1:
            doc.insert(draw(st.integers(0, len(doc) - 1)), doc.pop(i))
            out.append(tuple(doc))
            continue
        doc[i] = (sid, title, "\n\n".join(blocks))
        out.append(tuple(doc))
    return out


def _render(doc: Doc) -> RenderedDocument:
    return render(list(doc))


@property_settings(150)
@given(documents())
def test_a_version_always_has_a_redline_and_a_redline_a_version(seq: list[Doc]) -> None:
    rendered = [_render(d) for d in seq]
    versions = [rendered[0]]
    for r in rendered[1:]:
        red = diff_documents(versions[-1], r)
        if r.fingerprint != versions[-1].fingerprint:
            assert red.changes, "a new version whose redline shows nothing"
            assert summary(red) != "No changes."
            versions.append(r)
        else:
            assert not red.changes, f"no new version, yet the redline shows {red.reasons}"


# --- the same through git history ----------------------------------------------------------

def test_link_target_only_change_is_a_version_with_a_redline(project: Repo) -> None:
    path = "policy_src/privacy/10-intro.md"
    project.replace(path, "personal information.",
                    "personal information. To opt out, use [this form](https://chatlio.com/out).")
    project.commit("Opt-out link", "2024-10-01T10:00:00+00:00")
    project.replace(path, "https://chatlio.com/out", "https://ads.example.net/out")
    project.commit("Re-point the opt-out link", "2024-11-01T10:00:00+00:00")
    project.replace(path, "[this form]", "[this  form]")  # spelling only: no version
    project.write("policy_src/privacy/20-retention.md",
                  project.read("policy_src/privacy/20-retention.md") + "<!-- ask legal -->\n")
    project.commit("Respell", "2024-12-01T10:00:00+00:00")
    history = load_histories(project.path, "policy_src", ["privacy"], ZoneInfo("UTC"))["privacy"]
    assert [v.published.date().isoformat() for v in history.versions] == [
        "2024-09-10", "2024-10-01", "2024-11-01"]  # the respelling made no version
    t = build_timeline(history, 30, dt.date(2025, 1, 1))
    last = t.notices[-1].redline
    assert last is not None and len(last.changes) == 1
    (change,) = last.changes
    assert change.material
    assert "chatlio.com" in change.reason and "ads.example.net" in change.reason
