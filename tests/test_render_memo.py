"""The section memo a walk through history shares: reused only when nothing read changed.

Each test renders a sequence of trees with one `RenderMemo`, as history does, and
compares every document with a render of the same tree without it: any stale entry
shows as a difference.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexdocs.errors import RenderError
from lexdocs.history.gitstore import open_store
from lexdocs.history.versions import renders_at
from lexdocs.render import markup, tohtml
from lexdocs.render.markup import Run, _runs
from lexdocs.render.memo import RenderMemo
from lexdocs.render.templates import RenderedDocument, render_document
from lexdocs.sources.documents import load_document
from lexdocs.sources.variables import load_variables

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate

DOC = "title: T\nslug: t\nsections: [a.md, b.md]\n"
VARS = """\
retention:
  logs:
    type: duration
    value: {logs}
contact:
  email:
    type: email
    value: {email}
"""


def tree(a: str, b: str = "Other text.\n", logs: str = "90 days",
         email: str = "privacy@example.com", **extra: str) -> dict[str, str]:
    return {"src/variables.yml": VARS.format(logs=logs, email=email),
            "src/t/document.yml": DOC,
            "src/t/a.md": f"---\nid: a\ntitle: A\n---\n{a}",
            "src/t/b.md": f"---\nid: b\ntitle: B\n---\n{b}",
            **{f"src/t/{k}.md": v for k, v in extra.items()}}


def both(files: dict[str, str], memo: RenderMemo) -> tuple[RenderedDocument, RenderedDocument]:
    """The document with the memo and without it."""
    read = files.get
    variables = load_variables(read("src/variables.yml"), "src/variables.yml")
    doc = load_document("src", "t", read)
    return (render_document(doc, variables, "src", read, memo),
            render_document(doc, variables, "src", read))


def test_unchanged_section_is_reused_and_a_changed_one_rendered() -> None:
    memo = RenderMemo()
    both(tree("Logs for {{ retention.logs }}.\n"), memo)
    hits = memo.hits
    ours, fresh = both(tree("Logs for {{ retention.logs }}.\n", b="New text.\n"), memo)
    assert ours == fresh
    assert memo.hits == hits + 1  # section a reused, b rendered
    assert "New text." in ours.sections[1].html


def test_a_variable_the_section_reads_is_never_stale() -> None:
    memo = RenderMemo()
    both(tree("Logs for {{ retention.logs }}.\n"), memo)
    ours, fresh = both(tree("Logs for {{ retention.logs }}.\n", logs="180 days"), memo)
    assert ours == fresh
    assert "180 days" in ours.sections[0].html


def test_a_variable_it_does_not_read_keeps_the_section() -> None:
    memo = RenderMemo()
    both(tree("Logs for {{ retention.logs }}.\n"), memo)
    hits = memo.hits
    ours, fresh = both(tree("Logs for {{ retention.logs }}.\n", email="dpo@example.com"), memo)
    assert ours == fresh
    assert memo.hits == hits + 2


def test_a_name_the_check_takes_for_a_local_is_still_noted() -> None:
    """The check takes `retention` for the loop's own name everywhere in the file, yet
    after the loop the template reads the variable: both the check (which notes every
    name it meets) and the sandbox (which notes every lookup as it runs) keep it."""
    body = "{% for retention in [1] %}{% endfor %}Logs for {{ retention.logs }}.\n"
    memo = RenderMemo()
    both(tree(body), memo)
    ours, fresh = both(tree(body, logs="180 days"), memo)
    assert ours == fresh
    assert "180 days" in ours.sections[0].html


def test_an_included_file_is_part_of_the_key() -> None:
    body = 'Contact: {% include "t/_c.md" %}\n'
    memo = RenderMemo()
    both(tree(body, _c="Write to us."), memo)
    ours, fresh = both(tree(body, _c="Call us."), memo)
    assert ours == fresh
    assert "Call us." in ours.sections[0].html


def test_a_failing_section_is_never_kept() -> None:
    memo = RenderMemo()
    body = "Logs for {{ retention.logs }}.\n"
    both(tree(body), memo)
    files = tree(body)
    files["src/variables.yml"] = "contact:\n  email:\n    type: email\n    value: a@b.example\n"
    with pytest.raises(RenderError, match=r"undefined variable 'retention\.logs'"):
        both(files, memo)


def test_a_walk_through_history_renders_what_each_commit_alone_renders(
        tmp_path: Path) -> None:
    """Every commit of a busy generated history, rendered in order with one memo, equals
    the same commit rendered on its own."""
    generated = generate(tmp_path / "repo", 30, pdf=False, seed=5)
    names = ["privacy", "terms", "cookies"]
    with open_store(generated.path) as store:
        commits = store.first_parent_log(["policy_src"])
        store.prefetch(["policy_src"])
        memo = RenderMemo()
        walked = [renders_at(store, c, "policy_src", names, {}, memo=memo) for c in commits]
        alone = [renders_at(store, c, "policy_src", names, {}) for c in commits]
    assert walked == alone
    assert memo.hits > memo.misses  # most sections are reused


def _runs_by_character(pieces: list[tuple[str, tuple[str, ...]]]) -> tuple[Run, ...]:
    """The fold as it was first written, one character at a time: the reference."""
    folded: list[tuple[str, tuple[str, ...]]] = []
    for ch, f in ((ch, f) for text, f in pieces for ch in text):
        if ch.isspace():
            if folded and folded[-1][0] != " ":
                folded.append((" ", ()))
        else:
            folded.append((ch, f))
    while folded and folded[-1][0] == " ":
        folded.pop()
    for i in range(1, len(folded) - 1):
        if folded[i][0] == " " and folded[i - 1][1] == folded[i + 1][1]:
            folded[i] = (" ", folded[i - 1][1])
    runs: list[Run] = []
    for ch, f in folded:
        if runs and runs[-1].facets == f:
            runs[-1] = Run(runs[-1].text + ch, f)
        else:
            runs.append(Run(ch, f))
    return tuple(runs)


def test_the_fold_by_pieces_equals_the_fold_by_characters() -> None:
    """The canonical form (and every fingerprint) must not move: random pieces of words
    and every kind of white space, with marks and links, fold as they always did."""
    rng = random.Random(7)
    alphabet = ["a", "b", "é", " ", "  ", "\n", "\t", "\xa0", "\u2028", "\x1c", "\u3000", "x y"]
    facets = [(), ("em",), ("link:/a",), ("em", "link:/a"), ("code",)]
    for _ in range(3000):
        pieces = [("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))),
                   rng.choice(facets)) for _ in range(rng.randint(0, 6))]
        assert _runs(pieces) == _runs_by_character(pieces), pieces


MARKDOWN = st.lists(st.sampled_from([
    "We keep logs for 90 days.", "- one\n- two\n  - nested", "1. first\n3. second",
    "> quoted *words*", "| a | b |\n| - | - |\n|   | x |", "```\ncode  here\n```",
    "A [link](https://example.com/a) and **bold**.", "Tom &amp; Jerry & co", "<b>raw",
    "Term\n: definition", "![alt](x.png)", "   ", "Line  \nbreak", "&", "# Heading"]),
    max_size=5).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(MARKDOWN, min_size=1, max_size=4), st.sampled_from(["T", "A &amp; B", "<i>x"]))
def test_a_page_fingerprinted_by_parts_equals_the_page_read_whole(
        sections: list[str], title: str) -> None:
    parts = [f"<h1>{title}</h1>"]
    for i, md in enumerate(sections):
        parts += [f"<h2>S{i}</h2>", tohtml.to_html(md)]
    assert markup.fingerprint_parts(parts) == markup.fingerprint("".join(parts))


@pytest.mark.parametrize("parts", [
    ["<p>a &amp", "; b</p>"],          # markup left open at the end of a part
    ["<ul><li>one", "</li></ul>"],     # an element left open
    ["<p>a</p>", "tail text", "<p>b</p>"],
    ["<p>a</p>\n", "", "<p>a</p>"],
    [],
])
def test_parts_that_cannot_be_read_apart_are_read_whole(parts: list[str]) -> None:
    assert markup.fingerprint_parts(parts) == markup.fingerprint("".join(parts))
