"""The published Privacy Statement is the seed text, word for word, except the listed edits.

The seed is the September 2024 statement as extracted from its web page. Every difference
between it and what the site publishes must be listed, with its reason, in
`policy_src/privacy/EDITORIAL.md`. These tests apply the listed edits to the seed, split both
texts into sentences with the same splitter, and require the two sequences to be equal. They
also require every listed edit to actually occur, so the record cannot drift from the text.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from lexdocs.render.templates import RenderedDocument, render_document
from lexdocs.sources.documents import load_document, read_working_tree
from lexdocs.sources.variables import load_variables_file

PROJECT = Path(__file__).resolve().parents[1]
ROOT = "policy_src"
DOCUMENT = "privacy"
EDITORIAL = PROJECT / ROOT / DOCUMENT / "EDITORIAL.md"
# The seed as the company supplied it, kept beside the tests so the check runs everywhere.
SEED = Path(__file__).parent / "data" / "privacy-statement-2024-09.txt"

KINDS = {"dropped", "replaced", "added", "heading", "format"}
STYLES = {"bold", "bullet"}
QUOTED_FIELDS = {"Seed", "Published", "Before", "After"}
# Which fields each kind needs: (minimum, maximum) number of lines; None means no maximum.
SHAPE: dict[str, dict[str, tuple[int, int | None]]] = {
    "dropped": {"Seed": (1, None)},
    "replaced": {"Seed": (1, 1), "Published": (1, 1)},
    "added": {"Published": (1, None), "After": (1, 1)},
    "heading": {"Published": (1, 1), "Before": (1, 1)},
    "format": {"Seed": (1, None), "Style": (1, 1)},
}

_EDIT_HEADING = re.compile(r"^### (E\d+)\. (\S.*)$")
_FIELD = re.compile(r"^- ([A-Z][a-z]+): (.*)$")
# A sentence ends at . ; : ! or ? followed by white space and a capital, digit or opening
# quote or bracket; every line break also ends one. The same splitter reads both texts.
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z0-9“‘\"'(])")
_TAG = re.compile(r"<[^>]+>")
_LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
_STRONG = re.compile(r"<strong>(.*?)</strong>", re.DOTALL)
_TEMPLATE_MARKUP = ("{{", "}}", "{%", "%}", "{#", "#}")


@dataclass
class Edit:
    """One entry of the editorial record."""

    number: str
    name: str
    line: int
    fields: dict[str, list[str]] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.fields["Kind"][0]

    def one(self, key: str) -> str:
        return self.fields[key][0]

    def all(self, key: str) -> list[str]:
        return self.fields.get(key, [])

    def __str__(self) -> str:
        return f"{self.number} ({self.name}, EDITORIAL.md line {self.line})"


def parse_editorial(text: str) -> list[Edit]:
    """Every `### E<n>. name` entry with its `- Field: value` lines; strict about the shape."""
    edits: list[Edit] = []
    current: Edit | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        heading = _EDIT_HEADING.match(line)
        if heading:
            current = Edit(heading.group(1), heading.group(2), lineno)
            edits.append(current)
            continue
        if line.startswith("#"):
            current = None
            continue
        if current is None or not line:
            continue
        m = _FIELD.match(line)
        assert m, f"EDITORIAL.md line {lineno}: expected '- Field: value' in {current}"
        key, value = m.groups()
        if key in QUOTED_FIELDS:
            assert len(value) >= 2 and value[0] == value[-1] == '"', (
                f"EDITORIAL.md line {lineno}: {key} must be quoted exactly, in straight quotes")
            value = value[1:-1]
            assert value, f"EDITORIAL.md line {lineno}: {key} is empty"
        current.fields.setdefault(key, []).append(value)
    return edits


def check_shape(edit: Edit) -> None:
    kinds = edit.all("Kind")
    assert len(kinds) == 1 and kinds[0] in KINDS, (
        f"{edit}: needs one 'Kind:' of {', '.join(sorted(KINDS))}")
    assert len(edit.all("Reason")) == 1 and edit.one("Reason").strip(), (
        f"{edit}: needs one 'Reason:'")
    shape = SHAPE[edit.kind]
    for key in edit.fields:
        assert key in {"Kind", "Reason", *shape}, (
            f"{edit}: a '{edit.kind}' edit has no '{key}:' line")
    for key, (low, high) in shape.items():
        n = len(edit.all(key))
        wanted = f"{low}" if high == low else f"{low} or more"
        assert n >= low and (high is None or n <= high), (
            f"{edit}: a '{edit.kind}' edit needs {wanted} '{key}:' line(s), not {n}")
    if edit.kind == "format":
        assert edit.one("Style") in STYLES, f"{edit}: Style must be one of {sorted(STYLES)}"


def normalise(text: str) -> str:
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    """Sentences in reading order; each line of `text` is at least one sentence."""
    out: list[str] = []
    for line in text.splitlines():
        line = normalise(line)
        if line:
            out.extend(s for s in _SENTENCE_END.split(line) if s)
    return out


def visible(fragment: str) -> str:
    return normalise(html.unescape(_TAG.sub("", fragment)))


def apply_text_edits(seed: str, edits: list[Edit]) -> str:
    """The seed with its dropped text removed and its replaced text substituted."""
    for edit in edits:
        if edit.kind == "dropped":
            for old in edit.all("Seed"):
                assert old in seed, f"{edit}: the seed does not contain {old!r}"
                seed = seed.replace(old, "")
        elif edit.kind == "replaced":
            old, new = edit.one("Seed"), edit.one("Published")
            assert old in seed, f"{edit}: the seed does not contain {old!r}"
            seed = seed.replace(old, new)
    return seed


def _anchor(seq: list[str], edit: Edit, text: str, at_start: bool) -> int:
    parts = sentences(text)
    probe = parts[0] if at_start else parts[-1]
    hits = [i for i, s in enumerate(seq) if (s.startswith(probe) if at_start
                                              else s.endswith(probe))]
    where = "begins" if at_start else "ends"
    assert len(hits) == 1, (
        f"{edit}: expected exactly one sentence that {where} with {probe!r}, found {len(hits)}")
    return hits[0]


def expected_sentences(seed: str, edits: list[Edit]) -> list[str]:
    """The seed's sentences after every listed edit, headings and additions in place."""
    seq = sentences(apply_text_edits(seed, edits))
    for edit in edits:
        if edit.kind == "heading":
            seq.insert(_anchor(seq, edit, edit.one("Before"), at_start=True), edit.one("Published"))
        elif edit.kind == "added":
            at = _anchor(seq, edit, edit.one("After"), at_start=False) + 1
            added = [s for text in edit.all("Published") for s in sentences(text)]
            seq[at:at] = added
    return seq


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def edits() -> list[Edit]:
    return parse_editorial(EDITORIAL.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rendered() -> RenderedDocument:
    read = read_working_tree(PROJECT)
    variables = load_variables_file(ROOT, read)
    doc = load_document(ROOT, DOCUMENT, read)
    return render_document(doc, variables, ROOT, read)


def test_editorial_record_is_well_formed(edits: list[Edit]) -> None:
    assert edits, "EDITORIAL.md lists no edits"
    numbers = [e.number for e in edits]
    assert numbers == [f"E{i}" for i in range(1, len(edits) + 1)], (
        f"edits must be numbered E1, E2, ... in order; found {numbers}")
    for edit in edits:
        check_shape(edit)


def test_published_text_is_the_seed_with_only_the_listed_edits(
    seed: str, edits: list[Edit], rendered: RenderedDocument
) -> None:
    for edit in edits:
        check_shape(edit)
    expected = expected_sentences(seed, edits)
    published = sentences(rendered.text)
    if published != expected:
        diff = "\n".join(difflib.unified_diff(expected, published, "seed with listed edits",
                                              "published", n=1, lineterm=""))
        pytest.fail("the published text differs from the seed in ways EDITORIAL.md does "
                    f"not list:\n{diff}")


def test_every_listed_edit_occurs(
    seed: str, edits: list[Edit], rendered: RenderedDocument
) -> None:
    published = sentences(rendered.text)
    text = normalise(rendered.text)
    titles = [s.title for s in rendered.sections]
    page_html = "".join(s.html for s in rendered.sections)
    bold = {visible(m) for m in _STRONG.findall(page_html)}
    bullets = {visible(m) for m in _LIST_ITEM.findall(page_html)}
    replacements = [e for e in edits if e.kind == "replaced"]
    for edit in edits:
        if edit.kind in ("dropped", "replaced"):
            for old in edit.all("Seed"):
                assert old in seed, f"{edit}: the seed does not contain {old!r}"
                assert normalise(old) not in text, f"{edit}: {old!r} is still published"
        if edit.kind == "replaced":
            new = normalise(edit.one("Published"))
            assert new in text, f"{edit}: {new!r} is not published"
        elif edit.kind == "heading":
            title = edit.one("Published")
            assert title in titles, f"{edit}: no section is titled {title!r}"
            first = sentences(edit.one("Before"))[0]
            after_title = published[published.index(title) + 1]
            assert after_title.startswith(first), (
                f"{edit}: the section {title!r} begins {after_title!r}, not {first!r}")
        elif edit.kind == "added":
            at = _anchor(published, edit, edit.one("After"), at_start=False) + 1
            added = [s for t in edit.all("Published") for s in sentences(t)]
            assert published[at:at + len(added)] == added, (
                f"{edit}: the added text does not follow {edit.one('After')!r}")
        elif edit.kind == "format":
            found = bold if edit.one("Style") == "bold" else bullets
            for old in edit.all("Seed"):
                assert old in seed, f"{edit}: the seed does not contain {old!r}"
                shown = old
                for r in replacements:
                    shown = shown.replace(r.one("Seed"), r.one("Published"))
                shown = normalise(shown)
                assert shown in found, (
                    f"{edit}: {shown!r} is not published as {edit.one('Style')}")


def test_no_template_markup_or_hidden_email(rendered: RenderedDocument) -> None:
    # Section Markdown, not the page's: the page adds heading anchors written `{#id}`.
    texts = [("text", rendered.text)] + [(s.path, s.markdown) for s in rendered.sections]
    for where, text in texts:
        for mark in _TEMPLATE_MARKUP:
            assert mark not in text, f"template markup {mark!r} left in the published {where}"
        assert "email protected" not in text, f"a hidden e-mail address is published ({where})"
