"""The redline engine on real rendered documents, plus properties that must hold for any text.

Documents are built through `render_document` from an in-memory tree, so the
blocks compared are exactly what the site publishes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexdocs.errors import SourceError
from lexdocs.render import markup
from lexdocs.render.markup import Block, Run
from lexdocs.render.templates import RenderedDocument, render_document
from lexdocs.review.looks import SEP, Segment
from lexdocs.review.redline import Override, Redline, SectionDiff, diff_documents
from lexdocs.review.rows import diff_blocks, diff_rows, diff_text
from lexdocs.sources.documents import load_document
from lexdocs.sources.variables import load_variables_file

Section = tuple[str, str, str] | tuple[str, str, str, bool]


def render(sections: Sequence[Section], variables: str = "") -> RenderedDocument:
    """A document from (id, title, body[, material]) tuples and a variables.yml text."""
    files = {"policy/variables.yml": variables,
             "policy/privacy/document.yml": "title: Privacy Statement\nslug: privacy\n"
             "sections:\n" + "".join(f"  - {s[0]}.md\n" for s in sections)}
    for s in sections:
        flag = "" if len(s) == 3 else f"material: {str(s[3]).lower()}\n"
        files[f"policy/privacy/{s[0]}.md"] = f"---\nid: {s[0]}\ntitle: {s[1]}\n{flag}---\n{s[2]}\n"
    doc = load_document("policy", "privacy", files.get)
    return render_document(doc, load_variables_file("policy", files.get), "policy", files.get)


def old_of(segs: Sequence[Segment]) -> str:
    return "".join(s.text for s in segs if s.op != "insert")


def new_of(segs: Sequence[Segment]) -> str:
    return "".join(s.text for s in segs if s.op != "delete")


def marked(segs: Sequence[Segment]) -> list[tuple[str, str]]:
    return [(s.op, s.text) for s in segs if s.op != "equal"]


def assert_reconstructs(red: Redline, old: RenderedDocument | None,
                        new: RenderedDocument) -> None:
    texts_old = {s.id: SEP.join(s.blocks) for s in old.sections} if old else {}
    texts_new = {s.id: SEP.join(s.blocks) for s in new.sections}
    for sd in red.sections:
        if "added" not in sd.status:
            assert old_of(sd.segments) == texts_old[sd.id]
        if "removed" not in sd.status:
            assert new_of(sd.segments) == texts_new[sd.id]
    for c in red.changes:
        if c.kind in ("modified", "retitled", "added", "removed"):
            assert (old_of(c.segments), new_of(c.segments)) == (c.old, c.new)


BASE = [("intro", "Introduction", "We respect your privacy."),
        ("collect", "What we collect", "We collect your name and email address."),
        ("share", "Sharing", "We share data with Google."),
        ("contact", "Contact", "Write to us.")]


def kinds(red: Redline) -> list[tuple[str, str]]:
    return [(c.section_id, c.kind) for c in red.changes]


def test_two_sections_alike_that_swap_places_change_nothing_a_reader_sees() -> None:
    """The fingerprint is of what a reader sees: two sections with the same title and text
    that changed places make no version, so their redline shows nothing either (found by
    tests/test_canonical.py's generated histories)."""
    old = render([("a", "Intro", "We keep logs."), ("b", "Intro", "We keep logs."),
                  ("c", "Rights", "Ask us.")])
    new = render([("b", "Intro", "We keep logs."), ("a", "Intro", "We keep logs."),
                  ("c", "Rights", "Ask us.")])
    assert old.fingerprint == new.fingerprint
    assert diff_documents(old, new).changes == ()
    spelt = render([("b", "Intro", "We  keep logs."), ("a", "Intro", "We keep\nlogs."),
                    ("c", "Rights", "Ask us.")])  # the same text in other Markdown spelling
    assert diff_documents(old, spelt).changes == ()
    other = render([("c", "Rights", "Ask us."), ("a", "Intro", "We keep logs."),
                    ("b", "Intro", "We keep logs.")])
    assert [c.kind for c in diff_documents(old, other).changes] == ["moved"]


def test_a_section_whose_number_moved_is_renumbered_not_reworded() -> None:
    """A part put in before it moves every later section's number ("13. Transactions" →
    "14. Transactions"): the redline says so, not "the wording changed ('13.' → '14.')".
    Another title under the same number, or a number put in, is judged as a heading
    without its number is: "3. Settlement" → "Settlement" was "a sentence was removed
    ('3')" in Balanced's seller agreement, a number read as a sentence of its own."""
    def retitle(old: str, new: str) -> tuple[bool, str, str]:
        red = diff_documents(render([("fees", old, "We charge a fee.")]),
                             render([("fees", new, "We charge a fee.")]))
        (change,) = [c for c in red.changes if c.kind == "retitled"]
        return change.material, change.rule, change.reason

    assert retitle("13. Transactions", "14. Transactions") == (
        False, "section-renumbered", "Not material: only the section's number changed "
        "(13. Transactions → 14. Transactions): a part was put in or taken out before it.")
    assert retitle("B. Fees", "C. Fees")[:2] == (False, "section-renumbered")
    assert retitle("Article 4. Fees", "Article 5. Fees")[:2] == (False, "section-renumbered")
    assert retitle("13. Transactions", "13. Refunds")[:2] == retitle("Transactions",
                                                                      "Refunds")[:2]
    assert retitle("13. Transactions", "13. Sharing with Google")[0]  # it names a party
    assert retitle("Transactions", "13. Transactions")[1] != "section-renumbered"
    assert retitle("3. Settlement", "Settlement")[:2] == (False, "heading-changed")
    # TikTok's data sharing terms: "5 EEA/UK/SWITZERLAND" → "4. EEA/UK/SWITZERLAND" was
    # "a number was removed (5)"; a number that counts is no section's ("30 Days")
    assert retitle("5 EEA/UK/SWITZERLAND", "4. EEA/UK/SWITZERLAND")[:2] == (
        False, "section-renumbered")
    assert retitle("30 Days Notice", "60 Days Notice")[0]


def test_a_heading_the_source_marks_names_no_one_however_it_is_cased() -> None:
    """GitHub's statement as archived put "#### Transaction information, Subscription and
    licensing data" where "#### Cookies" stood: "a third party was added (Subscription)".
    A heading the source marks is judged as a heading in any case, not only in Title
    Case; a name in the paragraph under it is still one."""
    def said(title: str, body: str) -> str:
        red = diff_documents(render([("data", "Data", f"#### Cookies\n\n{body}")]),
                             render([("data", "Data", f"#### {title}\n\n{body}")]))
        return " ".join(c.reason for c in red.changes)

    reason = said("Transaction information, Subscription and licensing data",
                  "If you buy something, we collect your name.")
    assert "third party" not in reason, reason
    reason = said("Transaction information", "If you buy something, Stripe collects your name.")
    assert "third party" not in reason, reason  # the paragraph did not change
    red = diff_documents(render([("data", "Data", "#### Cookies\n\nWe collect your name.")]),
                         render([("data", "Data", "#### Payments, Subscription data\n\n"
                                 "We share your name with Stripe.")]))
    assert "a third party was added (Stripe)" in " ".join(c.reason for c in red.changes)


def test_a_row_of_empty_cells_dropped_is_no_change_of_wording() -> None:
    """Shein's conditions of sale as archived dropped a row of empty cells from its table
    of returns: "Material: the wording changed (removed '(empty) (empty) (empty) (empty)
    (empty)')". An empty cell has no words to read; the redline still shows the row."""
    table = ("| Carrier | What it gets |\n| --- | --- |\n| UPS | We give UPS your name and "
             "address. |\n")
    red = diff_documents(render([("returns", "Returns", table + "|  |  |\n")]),
                         render([("returns", "Returns", table)]))
    (change,) = red.changes
    assert not change.material and "wording" not in change.reason, change.reason
    gone = diff_documents(render([("returns", "Returns", table)]),
                          render([("returns", "Returns", table.split("| UPS")[0])]))
    assert any(c.material for c in gone.changes), [c.reason for c in gone.changes]


def test_sections_added_removed_moved_retitled() -> None:
    old = render([*BASE, ("cookies", "Cookies", "We use cookies.")])
    new = render([BASE[0], ("rights", "Your rights", "You may ask for a copy."), BASE[2],
                  BASE[3], ("collect", "Information we collect", BASE[1][2] + " And logs.")])
    red = diff_documents(old, new)
    assert kinds(red) == [("rights", "added"), ("cookies", "removed"), ("collect", "moved"),
                          ("collect", "retitled"), ("collect", "modified")]
    assert [s.id for s in red.sections] == ["intro", "rights", "share", "contact", "cookies",
                                            "collect"]
    by = {s.id: s for s in red.sections}
    assert by["collect"].status == ("moved", "retitled", "modified")
    assert by["collect"].old_title == "What we collect"
    assert by["intro"].status == () and by["cookies"].status == ("removed",)
    retitle = next(c for c in red.changes if c.kind == "retitled")
    assert (retitle.old, retitle.new) == ("What we collect", "Information we collect")
    moved = next(c for c in red.changes if c.kind == "moved")
    assert not moved.material and "moved from position 2 to 5" in moved.reason
    assert (moved.old, moved.new) == ("position 2", "position 5")
    assert all(c.material for c in red.changes if c.kind in ("added", "removed"))
    assert_reconstructs(red, old, new)


def test_a_part_that_keeps_its_number_while_it_moves_says_where_it_went() -> None:
    """IntraMuros's privacy policy put a part in second and swapped the next two: the one
    that moved "moved from position 3 to 3", parts put in and taken out around it keeping
    its number. Its place among the parts both versions have is what changed."""
    old = render([BASE[0], BASE[1], BASE[2], BASE[3]])
    new = render([BASE[0], ("rights", "Your rights", "You may ask for a copy."), BASE[2],
                  BASE[1], BASE[3]])
    moved = next(c for c in diff_documents(old, new).changes if c.kind == "moved")
    assert " moved from position 3 to 2 among the parts both versions have;" in moved.reason


def test_removed_section_stays_where_it_was() -> None:
    old = render(BASE)
    red = diff_documents(old, render([BASE[0], BASE[1], BASE[3]]))
    assert [s.id for s in red.sections] == ["intro", "collect", "share", "contact"]
    assert red.sections[2].status == ("removed",)
    assert kinds(red) == [("share", "removed")]


def test_first_version_is_all_added() -> None:
    new = render(BASE)
    red = diff_documents(None, new)
    assert kinds(red) == [(s[0], "added") for s in BASE]
    assert red.changes[0].new == "We respect your privacy." and red.changes[0].old == ""
    assert_reconstructs(red, None, new)


def test_unchanged_document_has_no_changes() -> None:
    red = diff_documents(render(BASE), render(BASE))
    assert red.changes == () and not red.material and red.reasons == ()
    assert all(s.status == () for s in red.sections)


def test_word_change_in_long_paragraph_shows_only_that_word() -> None:
    words = [f"word{i}" for i in range(400)]
    para = " ".join(words)
    changed = " ".join("changed" if i == 217 else w for i, w in enumerate(words))
    old, new = render([("s", "S", para)]), render([("s", "S", changed)])
    red = diff_documents(old, new)
    assert len(red.changes) == 1
    assert marked(red.changes[0].segments) == [("delete", "word217"), ("insert", "changed")]
    assert marked(red.sections[0].segments) == [("delete", "word217"), ("insert", "changed")]
    assert_reconstructs(red, old, new)


def test_punctuation_change_is_separable() -> None:
    segs = diff_text("We collect name and email.", "We collect name, and email.")
    assert marked(segs) == [("insert", ",")]


def test_list_item_added_is_an_inserted_block() -> None:
    old = render([("s", "S", "We collect:\n\n- your name\n- your email address")])
    new = render([("s", "S", "We collect:\n\n- your name\n- your email address\n"
                             "- your precise location")])
    red = diff_documents(old, new)
    (change,) = red.changes
    assert (change.old, change.new) == ("", "your precise location")
    assert marked(change.segments) == [("insert", "your precise location")]
    assert marked(red.sections[0].segments) == [("insert", SEP + "your precise location")]
    assert change.material and "precise location" in change.reason
    assert_reconstructs(red, old, new)


def test_edits_in_two_paragraphs_never_glue_them() -> None:
    old = render([("s", "S", "First para ends here.\n\nSecond para starts here.")])
    new = render([("s", "S", "First para ends now.\n\nAnother para starts here.")])
    red = diff_documents(old, new)
    assert [(c.old, c.new) for c in red.changes] == [
        ("First para ends here.", "First para ends now."),
        ("Second para starts here.", "Another para starts here.")]
    segs = red.sections[0].segments
    assert [s.op for s in segs if SEP in s.text] == ["equal"]  # the boundary is kept, not edited
    assert_reconstructs(red, old, new)


VARS = """retention:
  web_logs:
    type: duration
    value: {logs}
support:
  hours:
    type: text
    value: {hours}
    material: false
"""


def test_variable_change_is_named_on_the_change() -> None:
    body = "We keep web logs for {{ retention.web_logs }}. Support: {{ support.hours }}."
    old = render([("retention", "Retention", body)], VARS.format(logs="90 days", hours="9 to 5"))
    new = render([("retention", "Retention", body)], VARS.format(logs="180 days", hours="9 to 5"))
    (change,) = diff_documents(old, new).changes
    assert change.variables == ("retention.web_logs: 90 days → 180 days",)
    assert change.material and change.reason == (
        "Material: a duration changed (90 days → 180 days).")
    assert marked(change.segments) == [("delete", "90"), ("insert", "180")]


def test_change_only_from_an_immaterial_variable_is_not_material() -> None:
    body = "Support is open {{ support.hours }} on weekdays."
    old = render([("support", "Support", body)], VARS.format(logs="90 days", hours="9 to 5"))
    new = render([("support", "Support", body)], VARS.format(logs="90 days", hours="8 to 6"))
    red = diff_documents(old, new)
    (change,) = red.changes
    assert change.variables == ("support.hours: 9 to 5 → 8 to 6",)
    assert not change.material and not red.material
    assert "support.hours" in change.reason


def test_section_declared_not_material() -> None:
    old = render([("s", "Contact", "Call us within 2 days.", False)])
    new = render([("s", "Contact", "Call us within 3 days.", False)])
    (change,) = diff_documents(old, new).changes
    assert not change.material
    assert change.reason.startswith("Not material: section declared not material (note: a "
                                    "duration changed")


def test_declaring_not_material_cannot_exempt_its_own_edit() -> None:
    old = render([("s", "Contact", "Call us within 2 days.")])
    new = render([("s", "Contact", "Call us within 3 days.", False)])
    (change,) = diff_documents(old, new).changes
    assert change.material and "a duration changed (2 days → 3 days)" in change.reason


def test_overrides_beat_the_classifier() -> None:
    old, new = render(BASE), render([BASE[0], BASE[1], ("share", "Sharing",
                                                         "We share data with Google and Segment."),
                                     ("contact", "Contact", "Write to us today.")])
    red = diff_documents(old, new, [Override("share", False, "Segment is our processor."),
                                    Override(None, True, "Counsel wants notice for all.")])
    by = {c.section_id: c for c in red.changes}
    assert (by["share"].material, by["share"].reason, by["share"].overridden) == (
        False, "Override: Segment is our processor.", True)
    assert (by["contact"].material, by["contact"].reason) == (
        True, "Override: Counsel wants notice for all.")
    assert red.reasons == ("Sharing: Override: Segment is our processor.",
                           "Contact: Override: Counsel wants notice for all.")


def test_one_section_edited_twice_for_one_reason_says_it_once() -> None:
    old = render([("s", "Contact", 'Write "now" to us.\n\nA paragraph in between that stays '
                   'the same for every reader.\n\nCall "today" please.')])
    new = render([("s", "Contact", "Write \u201cnow\u201d to us.\n\nA paragraph in between that "
                   "stays the same for every reader.\n\nCall \u201ctoday\u201d please.")])
    red = diff_documents(old, new)
    assert len(red.changes) == 2  # two edits, as the redline shows them
    assert red.reasons == ("Contact: Not material: only quote style changed.",)


def test_many_harmless_changes_of_one_kind_are_one_reason_that_counts_them() -> None:
    """Balanced's seller agreement turned forty paragraphs into numbered items in the
    version that also changed its wording: `lexdocs versions` listed "only the layout
    changed" forty times, and the material change was lost among them."""
    paragraphs = [f"Term {i}: the seller agrees to rule number {i} of this agreement."
                  for i in range(6)]
    old = render([("s", "Terms", "\n\n".join(paragraphs))])
    numbered = [f"{i + 1}. {p}" for i, p in enumerate(paragraphs)]
    numbered[5] = numbered[5].replace("agrees to", "never agrees to")
    new = render([("s", "Terms", "\n".join(numbered))])
    red = diff_documents(old, new)
    layout = [c for c in red.changes if not c.material]
    assert len(layout) > 3 and red.material, red.reasons
    assert red.reasons[0] == (
        f"Terms: Not material: only the layout changed, in {len(layout)} places.")
    assert any(r.startswith("Terms: Material: a negation was added") for r in red.reasons)
    assert len(red.reasons) == 2, red.reasons


def test_override_without_reason_is_a_source_error() -> None:
    with pytest.raises(SourceError) as err:
        Override("share", False, "  ", path="policy/privacy/overrides.yml", line=7)
    assert str(err.value).startswith("policy/privacy/overrides.yml:7: ")


def test_override_for_unknown_section_is_a_source_error() -> None:
    with pytest.raises(SourceError, match="did you mean 'share'"):
        diff_documents(render(BASE), render(BASE), [Override("shares", True, "x", "o.yml", 3)])


# Properties: for any texts and any edits, the segments give back both versions.
WORDS = st.sampled_from(["we", "We", "data", "90", "days", ",", ".", "not", "<script>",
                         "[bold]x[/bold]", "**", "café", "don't", "a", "the"])
BLOCK = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)


@st.composite
def edited(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    old = draw(st.lists(BLOCK, max_size=6))
    new = [b.split(" ") for b in old]
    for _ in range(draw(st.integers(0, 6))):
        what = draw(st.sampled_from(["word", "drop", "add", "block", "unblock"]))
        if what == "block" or not new:
            new.insert(draw(st.integers(0, len(new))), draw(BLOCK).split(" "))
        elif what == "unblock":
            new.pop(draw(st.integers(0, len(new) - 1)))
        else:
            b = new[draw(st.integers(0, len(new) - 1))]
            i = draw(st.integers(0, len(b) - 1))
            if what == "word":
                b[i] = draw(WORDS)
            elif what == "drop" and len(b) > 1:
                b.pop(i)
            else:
                b.insert(i, draw(WORDS))
    return old, [" ".join(b) for b in new]


@settings(max_examples=300, deadline=None)
@given(edited())
def test_blocks_reconstruct_both_versions(pair: tuple[list[str], list[str]]) -> None:
    old, new = pair
    segs, hunks = diff_blocks(old, new)
    assert old_of(segs) == SEP.join(old) and new_of(segs) == SEP.join(new)
    for h in hunks:
        assert (old_of(h.segments), new_of(h.segments)) == (h.old, h.new)
    assert all(s.text for s in segs)
    assert all(a.op != b.op for a, b in pairwise(segs) if "equal" in (a.op, b.op))


FACETS = st.sampled_from([(), (), ("em",), ("link:https://a.example/x",),
                          ("link:https://b.example/y",), ("image:a.png",)])
RUNS = st.lists(st.tuples(WORDS, FACETS), min_size=1, max_size=6).map(
    lambda rs: Block("paragraph", tuple(Run(w + " ", f) for w, f in rs)))


@settings(max_examples=300, deadline=None)
@given(st.lists(RUNS, max_size=4), st.lists(RUNS, max_size=4))
def test_looks_mark_exactly_the_words_that_look_different(old: list[Block],
                                                          new: list[Block]) -> None:
    segs, hunks = diff_blocks(old, new)
    ta, tb = SEP.join(b.text for b in old), SEP.join(b.text for b in new)
    assert (old_of(segs), new_of(segs)) == (ta, tb)
    fa = [f for i, b in enumerate(old) for f in [()] * (len(SEP) if i else 0) + b.char_facets()]
    fb = [f for i, b in enumerate(new) for f in [()] * (len(SEP) if i else 0) + b.char_facets()]
    i = j = 0
    for s in segs:
        for k in range(len(s.text)):
            if s.op == "equal":
                assert (s.look is not None) == (fa[i + k] != fb[j + k])
                assert s.look in (None, (fa[i + k], fb[j + k]))
        i += len(s.text) if s.op != "insert" else 0
        j += len(s.text) if s.op != "delete" else 0
    assert all(a.look != b.look for a, b in pairwise(segs) if a.op == b.op == "equal")
    assert bool(hunks) == (old != new)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text())
def test_any_text_reconstructs(old: str, new: str) -> None:
    segs = diff_text(old, new)
    assert (old_of(segs), new_of(segs)) == (old, new)


# Output formats: whatever a contributor types must stay text in every medium.
EVIL = "<script>alert(1)</script>"
EVIL_VARS = """contact:
  team:
    type: text
    value: "{team}"
"""


def evil_redline() -> Redline:
    body = ("Ask {{ contact.team }} about &lt;script&gt;alert(1)&lt;/script&gt; and "
            "\\[bold\\]x\\[/bold\\] and \\*\\*loud\\*\\*.")
    old = render([("contact", "Contact", body)], EVIL_VARS.format(team="the team"))
    new = render([("contact", f"Contact {EVIL} [bold]x[/bold]", body)],
                 EVIL_VARS.format(team=f"{EVIL} [bold]x[/bold] @everyone"))
    return diff_documents(old, new, [Override(None, True, f"{EVIL} [red]why[/red]")])


def test_evil_input_is_really_in_the_redline() -> None:
    red = evil_redline()
    texts = " ".join(f"{c.section_title} {c.new} {c.reason} {c.variables}" for c in red.changes)
    assert texts.count(EVIL) >= 4 and "[bold]x[/bold]" in texts and "**loud**" in texts


def test_html_is_escaped_and_marks_more_than_colour() -> None:
    from lexdocs.review.formats import to_html

    out = to_html(evil_redline())
    assert "<script" not in out.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert '<ins class="lx-ins"><span class="lx-sr">[inserted: </span>' in out
    assert '<del class="lx-del"><span class="lx-sr">[deleted: </span>' in out
    assert "Override: &lt;script&gt;" in out and "lx-badge lx-material" in out


def test_html_collapses_unchanged_sections() -> None:
    from lexdocs.review.formats import to_html

    new = render([BASE[0], BASE[1], ("share", "Sharing", "We share data with Segment."),
                  BASE[3]])
    out = to_html(diff_documents(render(BASE), new))
    assert ('<details class="lx-unchanged"><summary>Unchanged: Introduction; What we collect'
            '</summary>') in out
    assert '<details class="lx-unchanged"><summary>Unchanged: Contact</summary>' in out
    assert "<p>We respect your privacy.</p>" in out, "folded, not left out"
    assert ('<span class="lx-badge lx-material">Material</span> <span class="lx-kind">modified'
            '</span> <span class="lx-reason">A third party changed (Google → Segment).</span>'
            in out), "the badge says the verdict once; the reason does not repeat it"
    full = to_html(diff_documents(render(BASE), new), collapse_unchanged=False)
    assert "<p>We respect your privacy.</p>" in full


def test_markdown_is_escaped() -> None:
    from lexdocs.review.formats import to_markdown

    out = to_markdown(evil_redline())
    assert "<script" not in out.lower() and "&lt;script&gt;" in out
    assert "**loud**" not in out and "\\*\\*loud\\*\\*" in out
    assert "[bold]" not in out and "\\[bold\\]" in out
    assert "@everyone" not in out and "&#64;everyone" in out
    assert out.splitlines()[2] == "2 changes, 2 material."


def test_markdown_marks_words_and_trims_context() -> None:
    from lexdocs.review.formats import to_markdown

    words = " ".join(f"w{i}" for i in range(100))
    old = render([("s", "S", f"{words} keep logs for 90 days. {words}")])
    new = render([("s", "S", f"{words} keep logs for 180 days. {words}")])
    out = to_markdown(diff_documents(old, new))
    assert "> … w91 w92 " in out and "<del>90</del><ins>180</ins> days." in out and " w10 …" in out
    assert "w50" not in out


def test_terminal_prints_markup_literally() -> None:
    from rich.console import Console

    from lexdocs.review.formats import to_terminal

    console = Console(record=True, width=300, color_system=None)
    to_terminal(evil_redline(), console)
    out = console.export_text()
    # title ×2, variable note, inserted ×2, unchanged body text: all printed as typed
    assert out.count("[bold]x[/bold]") == 6 and out.count("[red]why[/red]") == 2
    assert out.count(EVIL) == 8  # and the two override reasons
    assert "{+" in out and "+}" in out and "[-" in out and "-]" in out


def test_terminal_colours_edits() -> None:
    from rich.console import Console

    from lexdocs.review.formats import terminal_renderable

    console = Console(record=True, width=200, force_terminal=True, color_system="standard")
    red = diff_documents(render(BASE), render([*BASE[:3], ("contact", "Contact", "Write.")]))
    console.print(terminal_renderable(red))
    styled = console.export_text(styles=True).replace("\x1b[0m\x1b[9;31m", "")
    assert "Write\x1b[9;31m[- to us-]\x1b[0m." in styled
    assert any(span.style == "red strike" for t in terminal_renderable(red).renderables
               if hasattr(t, "spans") for span in t.spans)


def test_json_round_trips_in_stable_order() -> None:
    import json

    from lexdocs.review.formats import to_json

    red = evil_redline()
    out = to_json(red)
    data = json.loads(out)
    assert [list(d) for d in data] == [["section", "title", "kind", "old", "new", "material",
                                        "call",
                                        "reason", "variables", "links", "layout", "overridden",
                                        "rule", "evidence", "evidence_old", "evidence_new"]
                                       ] * len(red.changes)
    assert [(d["old"], d["new"], d["reason"], tuple(d["variables"]), d["overridden"])
            for d in data] == [(c.old, c.new, c.reason, c.variables, c.overridden)
                               for c in red.changes]
    assert "\\u" not in out and EVIL in out


def test_a_name_the_document_already_uses_is_not_a_new_third_party() -> None:
    old = render([("a", "A", "Chatlio LLC runs this site."), ("b", "B", "We share data.")])
    new = render([("a", "A", "Chatlio LLC runs this site."),
                  ("b", "B", "We share data to protect the rights of Chatlio.")])
    (change,) = diff_documents(old, new).changes
    assert "third party" not in change.reason
    newer = render([("a", "A", "Chatlio LLC runs this site."),
                    ("b", "B", "We share data with Segment.")])
    (change,) = diff_documents(old, newer).changes
    assert "a third party was added (Segment)" in change.reason


def test_a_lawyers_call_is_shown_as_such_everywhere_until_the_change_log_answers() -> None:
    """A change no rule explains reads "Needs a lawyer's call" on the page, in the comment,
    in the terminal and in JSON (`call`), is held as material meanwhile, and joins
    harmless link moves without becoming "material"; a decision in the change log
    replaces it."""
    import io
    import json
    import re

    from rich.console import Console

    from lexdocs.review.formats import summary, to_html, to_json, to_markdown, to_terminal
    from lexdocs.review.hunks import joined_verdict
    from lexdocs.review.links import judge
    from lexdocs.review.materiality import classify
    from lexdocs.review.redline import Override

    old = render([("intro", "Introduction",
                   "This statement explains how we handle personal information.")])
    new = render([("intro", "Introduction", "Here we describe in plain words what happens "
                   "to everything we learn about you.")])
    red = diff_documents(old, new)
    (c,) = red.changes
    assert (c.call, c.material, c.rule) == ("lawyers-call", True, "unexplained")
    assert red.material and red.referred == (c,)
    assert summary(red) == "1 change, 0 material, 1 needs a lawyer's call."
    assert re.search(r'<span class="lx-badge lx-lawyers-call">Needs a lawyer(&#x27;|&#39;|\')s '
                     r'call</span>', to_html(red))
    assert "**Needs a lawyer's call** — No rule explains this rewording" in to_markdown(red)
    console = Console(file=io.StringIO(), width=200)
    to_terminal(red, console)
    assert "LAWYER'S CALL" in console.file.getvalue()  # type: ignore[attr-defined]
    assert json.loads(to_json(red))[0]["call"] == "lawyers-call"

    words = classify(c.old, c.new, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset())
    moved = judge("https://example.org/legal/a", "https://example.org/legal/b", "here",
                  "https://example.org/legal/")
    both = joined_verdict(words, [moved])
    assert both.referred and both.rule == "unexplained"
    assert both.reason.startswith("Needs a lawyer's call: no rule explains")
    assert "; not material: " in both.reason

    answered = diff_documents(old, new, (Override("intro", False, "Plainer words."),))
    (a,) = answered.changes
    assert (a.call, a.overridden, answered.referred) == ("not-material", True, ())


def test_a_paragraph_moved_within_its_section_is_not_material_between_sections_it_is() -> None:
    body = ["First we collect your name.", "We keep logs for audits.",
            "We delete backups after a year.", "We never sell data."]
    moved = [body[2], body[0], body[1], body[3]]
    red = diff_documents(render([("a", "A", "\n\n".join(body))]),
                         render([("a", "A", "\n\n".join(moved))]))
    assert [(c.material, c.rule) for c in red.changes] == [(False, "block-moved")] * 2
    # a move shows in two places: each says which end of it it is, and where the other is
    assert red.changes[0].reason == ("Not material: a paragraph or list item was moved ('We "
                                     "delete backups after a year.'): put here from further "
                                     "down this section, where it followed 'We keep logs for "
                                     "audits'.")
    assert red.changes[1].reason.endswith(": taken from here to the start of this section.")
    down = diff_documents(render([("a", "A", "\n\n".join(body))]),
                          render([("a", "A", "\n\n".join([body[i] for i in (0, 1, 3, 2)]))]))
    assert [c.reason.split("): ")[1] for c in down.changes] == [
        "put here from further down this section, where it followed 'We delete backups "
        "after a year'.",
        "taken from here to further up this section, after 'We keep logs for audits'."]
    from lexdocs.review.formats.common import summary
    assert summary(red) == "1 change, 0 material."  # one move, shown in its two places
    across = diff_documents(
        render([("a", "A", "\n\n".join(body)), ("b", "B", "We answer within a month.")]),
        render([("a", "A", "\n\n".join(body[:3])), ("b", "B", f"We answer within a month."
                                                               f"\n\n{body[3]}")]))
    assert [c.material for c in across.changes] == [True, True]
    assert "block-moved" not in [c.rule for c in across.changes]


def test_a_heading_reworded_is_not_material_what_it_heads_still_is() -> None:
    def judge(a: str, b: str) -> list[tuple[str, bool]]:
        red = diff_documents(render([("a", "A", a)]), render([("a", "A", b)]))
        return [(c.rule, c.material) for c in red.changes]

    body = "\n\nWe delete it in 30 days."
    assert judge(f"### When you delete data{body}", f"### What happens when you delete data"
                 f"{body}") == [("heading-changed", False)]
    assert judge(f"### Data we sell{body}", f"### Data we never sell{body}") == [
        ("negation-added", True)]
    # A question made of it or taken back, its own name dropped (the organisation's,
    # from its declared address): framing. Whose the data is, or another name: not.
    assert judge(f"### Why do we collect this?{body}", f"### Why we collect this information"
                 f"{body}") == [("heading-changed", False)]
    assert judge(f"### What else do we want you know?{body}", f"### What else should you "
                 f"know?{body}") == [("heading-changed", False)]
    assert judge(f"### Data we collect{body}", f"### Data you collect{body}") == [
        ("wording-changed", True)]
    acme = diff_documents(render([("a", "A", f"### Acme privacy policy{body}")]),
                          render([("a", "A", f"### Privacy policy{body}")]),
                          home="https://legal.acme.com/")
    assert [(c.rule, c.material) for c in acme.changes] == [("heading-changed", False)]
    assert judge(f"### Acme privacy policy{body}", f"### Privacy policy{body}") == [
        ("wording-changed", True)]
    assert judge(f"### Acme privacy policy{body}", f"### Zeta privacy policy{body}") == [
        ("wording-changed", True)]
    assert judge(f"### Deletion{body}", "### Deletion\n\nWe archive it in 30 days.") == [
        ("wording-changed", True)]
    # A heading may carry the statement: a kind of data narrowed, a purpose added.
    assert judge(f"### Geolocation data{body}", f"### General geolocation data{body}") == [
        ("wording-changed", True)]
    assert judge(f"### Improve stability{body}", f"### Improve features and stability{body}"
                 ) == [("wording-changed", True)]


def test_a_title_that_drops_the_organisations_own_name_is_only_reworded() -> None:
    """Basecamp's security overview went from "Basecamp security overview." to "Security
    overview." and the review said "a third party was removed (Basecamp)": a title was
    judged without the organisation's own names. Another organisation's name taken out
    of a title is still a change."""
    def judge(a: str, b: str, home: str) -> list[tuple[str, bool]]:
        red = diff_documents(render([("a", a, "Text.")]), render([("a", b, "Text.")]),
                             home=home)
        return [(c.rule, c.material) for c in red.changes]

    own = "https://basecamp.com/ 37signals.com"
    assert judge("Basecamp security overview.", "Security overview.", own) == [
        ("heading-changed", False)]
    assert judge("Basecamp security overview.", "Security overview.", "")[0][1]
    assert judge("Acme security overview.", "Security overview.", own)[0][1]


def test_a_bold_label_joined_by_and_sign_is_no_company() -> None:
    """Mozilla's websites notice opens its items "**Analytics & Optimization:** We use …"
    and "**Intern & Fellow Applicants:** …": each label was "a third party was added",
    read as "Procter & Gamble" is. In bold at an item's start, before a colon, its words
    English and its last a topic's, it is the item's label; a company's name so written,
    or a label in plain text, is still read as a name."""
    def added(item: str) -> str:
        old = render([("a", "A", "- **Data:** We keep it.")])
        (c,) = diff_documents(old, render([("a", "A", f"- **Data:** We keep it.\n- {item}")])
                              ).changes
        return c.reason
    assert "third party" not in added("**Intern & Fellow Applicants:** We keep your resume.")
    assert "(Optimizely)" in added("**Analytics & Optimization:** We use Optimizely.")
    assert "(Procter & Gamble)" in added("**Procter & Gamble:** We share it with them.")
    assert "(Analytics & Optimization)" in added("Analytics & Optimization: We use it.")


def test_a_table_cell_is_judged_by_what_it_says_however_short() -> None:
    """GitHub's subprocessor list, as its history has it: a processing location widened
    and a subprocessor's row put in were "only a heading" (short, in Title Case), not
    material. A data cell is no heading; a header cell is its column's."""
    head = ("| Name of Subprocessor | Description of Processing | Location of Processing |\n"
            "| --- | --- | --- |\n")
    row = "| Fastly | Content delivery service | United States |\n"

    def judge(a: str, b: str) -> list[tuple[str, bool]]:
        red = diff_documents(render([("a", "A", "OpenAI is named in our terms.\n\n" + a)]),
                             render([("a", "A", "OpenAI is named in our terms.\n\n" + b)]))
        return [(c.rule, c.material) for c in red.changes]

    widened = row.replace("United States |", "United States, France, and Japan |")
    assert all(material for _, material in judge(head + row, head + widened))
    added = row + "| OpenAI | AI Inference and AI Services | United States |\n"
    assert judge(head + row, head + added) == [("block-added", True)]
    renamed = head.replace("Location of Processing", "Processing Location")
    assert judge(head + row, renamed + row) == [("heading-changed", False)]


def test_a_list_item_is_judged_by_what_it_says_however_short() -> None:
    """Hugging Face's privacy policy as archived lists its subprocessors as items,
    "*   Metronome | Billing | United States": one put in was "only a heading was added",
    not material, one taken out "only a heading was removed". An item is no heading."""
    head = ("We share your information with these providers, as `Name | Purpose | "
            "Location`:\n\n")
    items = "*   Discourse | Forum | United States\n*   Stripe | Payment | United States\n"

    def judge(a: str, b: str) -> list[tuple[str, bool]]:
        red = diff_documents(render([("a", "A", head + a)]), render([("a", "A", head + b)]))
        return [(c.rule, c.material) for c in red.changes]

    added = items + "*   Metronome | Billing | United States\n"
    assert [material for _, material in judge(items, added)] == [True]
    assert [material for _, material in judge(added, items)] == [True]


def test_a_sentence_moved_out_of_a_paragraph_within_its_section_is_not_material() -> None:
    first, second = ("We show suggestions as you type.",
                     "We take measures to limit our partners' ability to identify you.")
    rest = "\n\nWe keep logs for audits.\n\nWe never sell data."
    old = render([("a", "A", f"{first} {second}{rest}")])
    moved = render([("a", "A", f"{first}\n\nWe keep logs for audits.\n\n{second}\n\n"
                               "We never sell data.")])
    red = diff_documents(old, moved)
    assert [(c.rule, c.material) for c in red.changes] == [("sentence-moved", False),
                                                            ("block-moved", False)]
    assert red.changes[0].reason == ("Not material: a sentence was moved ('We take measures "
                                     "to limit our partners' ability to identify …').")
    # moved, and changed on the way: judged as removed and added
    edited = render([("a", "A", f"{first}\n\nWe keep logs for audits.\n\n"
                                f"{second.replace('our partners', 'our')}\n\nWe never sell "
                                "data.")])
    assert all(c.material for c in diff_documents(old, edited).changes)


def test_a_section_unchanged_in_many_redlines_is_drawn_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The redline memo shares one object per section content; its HTML is made once,
    not once per redline (a thousand redlines of a long policy redrew it a thousand
    times), and reads the same as a redline made afresh."""
    from lexdocs.review.formats import as_html
    from lexdocs.review.memo import RedlineMemo

    memo = RedlineMemo(tmp_path)
    v1 = render(BASE)
    v2 = render([*BASE[:2], ("share", "Sharing", "We share data with Segment."), BASE[3]])
    v3 = render([*BASE[:2], ("share", "Sharing", "We share data with Stripe."), BASE[3]])
    first, second = memo.diff(v1, v2), memo.diff(v2, v3)
    assert first.sections[0] is second.sections[0]
    drawn: list[str] = []
    real = as_html._html_section
    monkeypatch.setattr(as_html, "_html_section", lambda sd, changes, say, fold=True: (
        drawn.append(sd.id), real(sd, changes, say, fold))[1])
    as_html.to_html(first)
    drawn.clear()
    out = as_html.to_html(second)
    assert drawn == ["share"]
    assert out == as_html.to_html(diff_documents(v2, v3))


def test_an_unchanged_section_is_compared_once_and_shared() -> None:
    """Most sections of a long policy are unchanged in most of its redlines: each is cut
    into blocks and compared once a process, and every redline draws the same object,
    equal to what comparing it block by block gives."""
    v1 = render(BASE)
    v2 = render([*BASE[:2], ("share", "Sharing", "We share data with Segment."), BASE[3]])
    v3 = render([*BASE[:2], ("share", "Sharing", "We share data with Stripe."), BASE[3]])
    first, second = diff_documents(v1, v2), diff_documents(v2, v3)
    assert first.sections[0] is second.sections[0]
    assert first.sections[2] is not second.sections[2]
    intro = v1.sections[0]
    rows, hunks = diff_rows(markup.units(intro.html), markup.units(intro.html))
    assert first.sections[0] == SectionDiff("intro", intro.title, None, (), rows)
    assert not hunks


RESOURCES = ("\n\n### Other information and resources\n\n"
             "[Our privacy center](https://help.example.net/privacy/)\n\n"
             "[How the GDPR protects you](https://guide.example.org/gdpr/)")
SEARCH = ("\n\nLinks to our default search providers' policies are:\n\n"
          "- [Google](https://policies.google.com/privacy)\n"
          "- [Microsoft (Bing)](https://privacy.microsoft.com/privacystatement)")


@pytest.mark.parametrize("added", [RESOURCES, SEARCH])
def test_a_list_of_links_to_read_more_is_a_pointer(added: str) -> None:
    """Blocks that are each only a link, under a heading or a pointer that introduces
    them, say where to read more and promise nothing: not material, and their links are
    the pointer's own, as a "To learn more, see …" sentence's are. Taken out again, the
    same."""
    body = "We collect your email address to send receipts."
    before, after = (render([("collect", "What we collect", text)])
                     for text in (body, body + added))
    for red in (diff_documents(before, after), diff_documents(after, before)):
        (change,) = red.changes
        assert not change.material, change.reason
        assert change.rule.startswith("cross-reference-"), change.rule
        assert change.reason.count("the pointer's own link: a link to ") == 2, change.reason


@pytest.mark.parametrize("added", [
    # a linked sentence that states a practice is no list of where to read
    "\n\n[We share your email address with Acme Ads](https://acme.example/)",
    # a paragraph that is not a link, beside a linked one
    "\n\nWe keep receipts for ten years.\n\n[Receipts](https://acme.example/receipts)",
    # a linked name the rules read as a new third party
    "\n\nWe send receipts to:\n\n[Stripe, Inc.](https://stripe.com/privacy)",
])
def test_links_that_say_more_than_where_to_read_stay_material(added: str) -> None:
    body = "We collect your email address to send receipts."
    red = diff_documents(render([("collect", "What we collect", body)]),
                         render([("collect", "What we collect", body + added)]))
    (change,) = red.changes
    assert change.material, change.reason
    assert not change.rule.startswith("cross-reference-"), change.rule


def test_a_link_that_moves_to_other_words_is_neither_added_nor_removed() -> None:
    """Balanced's agreement moved its privacy link within a rewritten sentence; the redline
    said "a link to … was removed on 'our Privacy Policy'" and "… was added on 'the Privacy
    Policy'" for the one address, which leads where it led."""
    link = "[{}](https://acme.com/privacy)"
    old = render([("s", "Terms", f"You agree to {link.format('our Privacy Policy')} and to "
                   "the fees we charge.")])
    moved = render([("s", "Terms", "You agree to the fees we charge and to "
                     f"{link.format('the Privacy Policy')}.")])
    (change,) = diff_documents(old, moved, home="https://example.org/").changes
    assert "acme.com" not in change.reason and change.rule == "wording-changed", change.reason
    other = render([("s", "Terms", "You agree to the fees we charge and to [the Privacy "
                     "Policy](https://other.example/privacy).")])
    (change,) = diff_documents(old, other, home="https://example.org/").changes
    assert "a link to acme.com was removed" in change.reason, change.reason


def _repeated_word(n: int) -> tuple[str, str]:
    """One word repeated in one paragraph, a word changed at each end."""
    return "We keep " + "item " * n + "safe.", "We hold " + "item " * n + "secure."


def _repeated_paragraph(n: int) -> tuple[str, str]:
    """One short paragraph repeated, the first and the last changed."""
    return ("\n\n".join(["We keep it."] * n),
            "\n\n".join(["We hold it.", *["We keep it."] * (n - 2), "We keep it safe."]))


def _rewritten(n: int) -> tuple[str, str]:
    """Every word of a paragraph replaced: one replaced run, then compared token by token,
    where the spaces between words all match one another."""
    return " ".join(f"a{i}" for i in range(n)), " ".join(f"b{i}" for i in range(n))


@pytest.mark.parametrize("shape, n", [(_repeated_word, 3000), (_repeated_paragraph, 4000),
                                      (_rewritten, 300)])
def test_a_long_repeated_or_rewritten_text_is_compared_in_linear_time(
        shape: Callable[[int], tuple[str, str]], n: int) -> None:
    """Committed text is untrusted: difflib compares every pair of equal words (or
    paragraphs, or spaces) of what it is given, and again in each gap between the runs it
    matches, so one word repeated with both ends edited cost the square of the repeats
    (4,000: 12 s) and a paragraph of 1,000 words all replaced the cube (39 s). Past a
    budget of work the alignment is found more coarsely, in linear time."""
    from tests.scaling import LINEAR, growth

    def make(size: int) -> Callable[[], object]:
        old, new = (render([("s", "Section", body)]) for body in shape(size))
        return lambda: diff_documents(old, new)
    assert growth(make, n, tries=2) < LINEAR
    old, new = shape(n)
    red = diff_documents(render([("s", "S", old)]), render([("s", "S", new)]))
    assert_reconstructs(red, render([("s", "S", old)]), render([("s", "S", new)]))
    assert all(c.material for c in red.changes)


def test_thousands_of_paragraphs_moved_about_are_matched_in_linear_time() -> None:
    """Committed text is untrusted: each paragraph moved within its section is a change
    of its own, and each change asked whether the section's other changes put back what
    it took out by copying the section's count of every piece moved (4,000 paragraphs
    moved: 139 s for that alone). Each piece's count is read instead; every one is still
    found moved, and not material."""
    from lexdocs.review.moves import moved_blocks
    from lexdocs.review.redline import Change
    from tests.scaling import LINEAR, growth

    def moved(n: int) -> list[Change]:
        return [Change("s", "Section", "modified", text if took else "", "" if took else text,
                       (Segment("delete" if took else "insert", text),), (), True,
                       "Material: a paragraph was removed.")
                for i in range(n) for took, text in ((True, f"Item {i}."), (False, f"Item {i}."))]

    def make(n: int) -> Callable[[], object]:
        changes = moved(n)
        return lambda: moved_blocks(changes)
    assert growth(make, 4000, tries=2) < LINEAR
    assert {(c.material, c.rule) for c in moved_blocks(moved(4000))} == {
        (False, "block-moved")}


@pytest.mark.parametrize("marker", ["1.", "-"])
def test_list_items_in_another_order_are_moved_and_quoted_as_written(marker: str) -> None:
    """A reason quotes what the diff holds: the moved item as the list writes it (its
    semicolon, not a full stop the quote made up)."""
    items = ["provide the service;", "send you receipts;", "improve our products."]
    def doc(order: Sequence[int]) -> RenderedDocument:
        body = "\n".join(f"{marker} {items[i]}" for i in order)
        return render([("use", "Use", f"We use your data to:\n\n{body}\n")])
    old, new = doc([0, 1, 2]), doc([1, 0, 2])
    red = diff_documents(old, new)
    assert {(c.rule, c.material) for c in red.changes} == {("block-moved", False)}
    assert {c.reason for c in red.changes} == {
        "Not material: a paragraph or list item was moved ('send you receipts;'): "
        f"{end}." for end in ("taken from here to further up this section, after 'We use your "
                              "data to'", "put here from further down this section, where "
                              "it followed 'provide the service'")}
    assert_reconstructs(red, old, new)


def test_lines_reordered_under_numbers_written_as_text_are_not_material() -> None:
    """Numbers typed at the start of hard-broken lines stay where they are when the lines
    are put in another order: the elements moved, nothing else changed."""
    lines = ["provide the service;", "send you receipts;", "improve our products."]
    def doc(order: Sequence[int]) -> RenderedDocument:
        body = "  \n".join(f"{n}) {lines[i]}" for n, i in enumerate(order, 1))
        return render([("use", "Use", f"We use your data to:\n\n{body}\n")])
    old, new = doc([0, 1, 2]), doc([1, 0, 2])
    red = diff_documents(old, new)
    assert [(c.material, c.rule) for c in red.changes] == [(False, "reordered")]
    assert_reconstructs(red, old, new)
