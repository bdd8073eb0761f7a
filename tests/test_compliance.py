"""Compliance checks on this project's real documents, and on copies broken on purpose.

Each rule is shown to fire on the fault it names, at the file and line to edit, and to
stay quiet on the documents as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from lexdocs.checks.compliance import check_category_retention, is_placeholder, run_checks
from lexdocs.checks.lists import check_list_intros
from lexdocs.checks.rules import CA_ELEMENTS, CA_GAPS, EU_ELEMENTS, RULES
from lexdocs.checks.sourcetext import static_text
from lexdocs.errors import GitError
from lexdocs.findings import Finding
from lexdocs.history.gitstore import open_store
from lexdocs.render.templates import RenderedDocument, render_document
from lexdocs.sources.documents import DocumentSource, Reader, load_document, read_working_tree
from lexdocs.sources.schemas import ROLES
from lexdocs.sources.variables import Variables, load_variables, load_variables_file
from tests.scaling import LINEAR, growth

PROJECT = Path(__file__).resolve().parents[1]
ROOT = "policy_src"
DOCS = ("privacy", "eu-privacy-summary", "california-privacy-notice")
EU = f"{ROOT}/eu-privacy-summary"
CA = f"{ROOT}/california-privacy-notice"
TODAY = dt.date(2026, 12, 1)
# The commit that converted the seed faithfully, before the lost lists were restored.
SEED_COMMIT = "69a7cf4f6984d0df9e69223f1652c3607583c7df"

Project = tuple[Variables, dict[str, DocumentSource], dict[str, RenderedDocument]]


def load(read: Reader, names: tuple[str, ...] = DOCS) -> Project:
    variables = load_variables_file(ROOT, read)
    sources = {n: load_document(ROOT, n, read) for n in names}
    return variables, sources, {n: render_document(s, variables, ROOT, read)
                                for n, s in sources.items()}


def overlay(changes: dict[str, str | Callable[[str], str]]) -> Reader:
    """The working tree with some files replaced, or edited by a function of their text."""
    base = read_working_tree(PROJECT)

    def read(path: str) -> str | None:
        change = changes.get(path)
        if change is None:
            return base(path)
        if isinstance(change, str):
            return change
        text = base(path)
        assert text is not None, path
        return change(text)

    return read


def edit(old: str, new: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        assert old in text, f"{old!r} not in the file"
        return text.replace(old, new)
    return apply


def checks(project: Project, last: dt.date | None = dt.date(2026, 11, 29),
           today: dt.date = TODAY) -> list[Finding]:
    variables, sources, rendered = project
    return run_checks(variables, sources, rendered, {n: last for n in rendered}, today)


def where(found: list[Finding]) -> list[tuple[str | None, int | None, str]]:
    """Each finding's place and weight, as the tests compare them."""
    return [(f.path, f.line, f.severity) for f in found]


def of(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def line_of(path: str, text: str) -> int:
    lines = (PROJECT / path).read_text(encoding="utf-8").split("\n")
    return next(i for i, ln in enumerate(lines, start=1) if text in ln)


@pytest.fixture(scope="module")
def real() -> Project:
    return load(read_working_tree(PROJECT))


# --- the documents as they are -------------------------------------------------------------

def test_the_real_documents_have_no_errors(real: Project) -> None:
    found = checks(real)
    assert [str(f) for f in found if f.severity == "error"] == []
    assert of(found, "literal-fact") == []
    assert of(found, "dangling-list-intro") == []


def test_the_summaries_carry_no_vague_words(real: Project) -> None:
    found = of(checks(real), "vague-words")
    assert [f for f in found if f.path and "/privacy/" not in f.path] == []


def test_what_the_statement_does_not_say_is_flagged_not_invented(real: Project) -> None:
    gaps = of(checks(real), "ccpa-notice-gap")
    text = "\n".join(f.message for f in gaps)
    assert "Global Privacy Control" in text and "11 CCR §7011(e)(3)(F)" in text
    assert "toll-free" in text
    assert all(f.severity == "warning" and f.path == f"{CA}/document.yml" for f in gaps)
    assert "Global Privacy Control" not in real[2]["california-privacy-notice"].text


def test_unconfirmed_email_points_at_its_line_in_variables_yml(real: Project) -> None:
    [f] = of(checks(real), "unconfirmed-value")
    assert (f.path, f.line) == (f"{ROOT}/variables.yml",
                                line_of(f"{ROOT}/variables.yml", "  privacy_email:"))
    assert f.severity == "warning"
    assert "privacy, eu-privacy-summary, california-privacy-notice" in f.message


# --- ccpa-stale ----------------------------------------------------------------------------

@pytest.mark.parametrize(("last", "today", "stale"), [
    (dt.date(2025, 1, 10), dt.date(2026, 1, 10), False),   # exactly 12 months: still fine
    (dt.date(2025, 1, 10), dt.date(2026, 1, 11), True),
    (dt.date(2023, 2, 28), dt.date(2024, 2, 29), False),   # leap day: a year before is 28 Feb
    (dt.date(2023, 2, 27), dt.date(2024, 2, 29), True),
])
def test_california_rights_older_than_12_months_fail(real: Project, last: dt.date,
                                                     today: dt.date, stale: bool) -> None:
    found = of(checks(real, last, today), "ccpa-stale")
    # The statement has a section tagged 'california', so it is held to the same rule.
    expected = [f"{ROOT}/california-privacy-notice/document.yml",
                f"{ROOT}/privacy/document.yml"] if stale else []
    assert [f.path for f in found] == expected
    assert all(f.severity == "error" and last.isoformat() in f.message for f in found)


def test_a_replacement_waiting_out_its_notice_is_a_warning_with_its_date(real: Project) -> None:
    variables, sources, rendered = real
    last = dict.fromkeys(rendered, dt.date(2024, 9, 1))
    found = of(run_checks(variables, sources, rendered, last, dt.date(2026, 11, 29),
                          scheduled={"privacy": dt.date(2026, 12, 29)}), "ccpa-stale")
    severity = {f.path: f.severity for f in found}
    assert severity == {f"{ROOT}/privacy/document.yml": "warning",
                        f"{ROOT}/california-privacy-notice/document.yml": "error"}
    assert any("takes effect on 2026-12-29" in f.message for f in found)


def test_a_draft_is_not_stale(real: Project) -> None:
    assert of(checks(real, None, dt.date(2030, 1, 1)), "ccpa-stale") == []


# --- category-retention --------------------------------------------------------------------

CATEGORIES = """\
retention:
  web_logs: {type: duration, value: 90 days}
privacy_data:
  categories:
    type: list
    fields: {name: text, examples: text, retention: text}
    value:
      - {name: Identifiers, examples: Name, retention: 7 years}
      - {name: Device data, examples: IP address, retention: TBD}
  other_categories:
    type: list
    fields: {name: text, examples: text}
    value:
      - {name: Visitors, examples: Chat logs}
"""


def test_a_category_without_a_retention_period_fails_at_its_list() -> None:
    found = check_category_retention(load_variables(CATEGORIES, "v.yml"))
    assert [(f.rule, f.severity, f.path, f.line) for f in found] == [
        ("category-retention", "error", "v.yml", 4), ("category-retention", "error", "v.yml", 10)]
    assert "entry 2 ('Device data') has no retention period ('TBD')" in found[0].message
    assert "have no 'retention' field" in found[1].message


def test_the_real_categories_all_have_a_period(real: Project) -> None:
    assert check_category_retention(real[0]) == []


# --- eu-summary-element and ccpa-notice-element --------------------------------------------

def test_a_missing_eu_section_names_the_element_its_article_and_tag() -> None:
    read = overlay({f"{EU}/document.yml": edit("  - 90-complaints.md\n", "")})
    [f] = of(checks(load(read)), "eu-summary-element")
    assert (f.path, f.line, f.severity) == (f"{EU}/document.yml", None, "error")
    assert "GDPR Art. 13(2)(d), 77" in f.message
    assert "no section is tagged 'complaint'" in f.message


def test_missing_words_point_at_the_tagged_section() -> None:
    read = overlay({f"{EU}/70-rights.md": edit(
        "- get your data in a form you can take elsewhere (portability); and\n", "")})
    [f] = of(checks(load(read)), "eu-summary-element")
    assert (f.path, f.line) == (f"{EU}/70-rights.md", 6)
    assert "the right to data portability (GDPR Art. 13(2)(b), 20)" in f.message
    assert "'portab'" in f.message


def test_dpf_elements_apply_only_while_the_company_participates() -> None:
    drop_dpf = edit("{%- if dpf.participates %}", "{%- if false %}")
    found = of(checks(load(overlay({f"{EU}/50-transfers.md": drop_dpf}))), "eu-summary-element")
    assert [f.message.split(" (")[0] for f in found] == [
        "eu-privacy-summary: the Data Privacy Framework",
        "eu-privacy-summary: the independent recourse mechanism"]
    no_dpf = overlay({f"{EU}/50-transfers.md": drop_dpf, f"{ROOT}/variables.yml":
                      edit("    type: boolean\n    value: true", "    type: boolean\n"
                           "    value: false")})
    assert of(checks(load(no_dpf)), "eu-summary-element") == []


def test_a_california_element_lost_in_an_edit_is_caught() -> None:
    read = overlay({f"{CA}/60-requests.md": lambda text: re.sub(
        "authorized agent", "representative", text, flags=re.IGNORECASE)})
    [f] = of(checks(load(read)), "ccpa-notice-element")
    assert f.path == f"{CA}/60-requests.md"
    assert "11 CCR §7011(e)(3)(H)" in f.message


def test_every_element_is_present_in_the_real_documents(real: Project) -> None:
    assert len(EU_ELEMENTS) == 22 and len(CA_ELEMENTS) == 16 and len(CA_GAPS) == 3
    found = checks(real)
    assert of(found, "eu-summary-element") == of(found, "ccpa-notice-element") == []


# --- literal-fact --------------------------------------------------------------------------

def test_a_fact_typed_by_hand_is_reported_at_its_line() -> None:
    body = ("---\nid: retention\ntitle: How Long We Keep Data\ntags: [retention]\n---\n"
            "We keep personal data {{ retention.as_needed }}.\n"
            "We need it {{ retention.criteria }}.\n"
            "Logs go after 90 days; account records after {{ retention.account_records }}.\n"
            "Write to privacy@chatlio.com or see "
            "https://www.dataprivacyframework.gov/s/article/ANNEX-I-introduction-dpf.\n"
            "{# 90 days in a comment is not published #}{{ '90 days' }}\n")
    found = of(checks(load(overlay({f"{EU}/60-retention.md": body}))), "literal-fact")
    assert where(found) == [
        (f"{EU}/60-retention.md", 8, "warning"),
        (f"{EU}/60-retention.md", 9, "warning"), (f"{EU}/60-retention.md", 9, "warning")]
    assert "'90 days' is typed by hand, but retention.web_logs holds it" in found[0].message
    assert "dpf.annex_i_url" in found[1].message + found[2].message
    assert "dpf.program_url" not in found[1].message + found[2].message


def test_a_placeholder_no_document_prints_is_no_fact_to_copy() -> None:
    """`lexdocs init` writes starter values awaiting confirmation ("1 year"); an imported
    agreement's own "1 year" was reported as a hand-typed copy of that placeholder. A
    value awaiting confirmation counts once a document prints it (the e-mail address
    above does), as it is then the statement's."""
    starter = ("  starter_period:\n    type: duration\n    value: 45 days\n"
               "    confirmed: false\n")
    variables = edit("retention:\n", "retention:\n" + starter)
    body = ("---\nid: retention\ntitle: How Long We Keep Data\ntags: [retention]\n---\n"
            "We keep personal data {{ retention.as_needed }}.\n"
            "We need it {{ retention.criteria }}; backups go after 45 days.\n")
    files: dict[str, str | Callable[[str], str]] = {
        f"{ROOT}/variables.yml": variables, f"{EU}/60-retention.md": body}
    assert of(checks(load(overlay(files))), "literal-fact") == []
    printed = body + "Account records: {{ retention.starter_period }}.\n"
    found = of(checks(load(overlay({**files, f"{EU}/60-retention.md": printed}))),
               "literal-fact")
    assert [f.line for f in found] == [7], found
    assert "retention.starter_period" in found[0].message


# --- dangling-list-intro -------------------------------------------------------------------

def test_the_seed_conversion_has_exactly_the_three_lost_lists() -> None:
    try:
        with open_store(PROJECT) as store:
            if store.read(SEED_COMMIT, f"{ROOT}/privacy/document.yml") is None:
                pytest.skip("this clone lacks the seed commit")
            found = check_list_intros(*load(store.reader(SEED_COMMIT), ("privacy",))[1:])
    except GitError:
        pytest.skip("not a git checkout")
    assert where(found) == [
        (f"{ROOT}/privacy/10-collection.md", 22, "error"),
        (f"{ROOT}/privacy/25-sharing.md", 14, "error"),
        (f"{ROOT}/privacy/35-european-rights.md", 6, "error")]
    assert "such as:" in found[0].message


def test_a_list_removed_by_a_condition_is_a_dangling_introduction() -> None:
    hide = edit("{% include \"_shared/recipients.md\" %}",
                "{% if false %}{% include \"_shared/recipients.md\" %}{% endif %}")
    [f] = of(checks(load(overlay({f"{EU}/40-recipients.md": hide}))), "dangling-list-intro")
    assert (f.path, f.line) == (f"{EU}/40-recipients.md", 6)


# --- vague-words and the rule table --------------------------------------------------------

def _in_complaints(body: str, rule: str) -> list[Finding]:
    """What `rule` finds in the shipped EU summary given a complaints section `body`."""
    return of(checks(load(overlay({f"{EU}/90-complaints.md": body}))), rule)


def test_vague_words_are_counted_per_section_at_the_first_one() -> None:
    body = ("---\nid: complaints\ntitle: Complaints\ntags: [complaint]\n---\n"
            "You have the right to complain to a supervisory authority.\n"
            "We may answer some questions, and Might answer certain others. We may not.\n")
    [f] = [f for f in _in_complaints(body, "vague-words")
           if f.path == f"{EU}/90-complaints.md"]
    assert (f.path, f.line, f.severity) == (f"{EU}/90-complaints.md", 7, "info")
    assert "5 vague word(s) (may ×2, might ×1, some ×1, certain ×1)" in f.message


def test_a_drafters_note_left_in_the_text_is_found_at_its_line() -> None:
    """Travis CI's privacy policy was published with "…refer to III below [add link].":
    each section with a drafter's note is named, at the note's line; a link whose words
    are in brackets is no note."""
    body = ("---\nid: complaints\ntitle: Complaints\n---\n"
            "You may complain to [add](https://example.com/add) a supervisory authority.\n\n"
            "Our list of processors is here: [add (link to) list of processors].\n"
            "We answer within [TBD] days.\n")
    found = _in_complaints(body, "drafting-note")
    assert where(found) == [
        (f"{EU}/90-complaints.md", 7, "warning")]
    assert "'[add (link to) list of processors]' (and 1 more) is published" in found[0].message


def test_an_address_a_copied_page_lost_is_found_at_its_line() -> None:
    """Truth Social's terms and X's rules as archived ask readers to write to "[email
    protected]", linked to the host's `/cdn-cgi/l/email-protection`: Cloudflare's script
    wrote the address in a reader's browser, the copy kept the placeholder. Each section
    that publishes one is named at its line; the words "email" and "protected" apart are
    no placeholder."""
    body = ("---\nid: complaints\ntitle: Complaints\n---\nYour email is protected.\n\n"
            "Write to [\\[email\u00a0protected\\]](https://x.example/cdn-cgi/l/email-"
            "protection) or to [\\[email protected\\]](https://x.example/cdn-cgi/l/email-"
            "protection).\n")
    found = _in_complaints(body, "address-lost")
    assert where(found) == [
        (f"{EU}/90-complaints.md", 7, "warning")]
    assert "'[email protected]' (2 times) is published" in found[0].message


def test_a_heading_with_no_words_is_found_at_its_line() -> None:
    """A heading typed with no words ("### " alone, as copies of web pages keep them, an
    edit may still type one) is published as an empty `<h3>`, which a screen reader
    announces and reads nothing of: each section that publishes one is named at the
    first's line; a heading with words, or a "#" inside a line, is none."""
    body = ("---\nid: complaints\ntitle: Complaints\n---\nYou may complain. Write #1.\n\n"
            "### Where\n\nTo the authority.\n\n### \n\nMore.\n\n##\n")
    found = _in_complaints(body, "empty-heading")
    assert where(found) == [
        (f"{EU}/90-complaints.md", 11, "warning")]
    assert "a heading with no words is published (2 times)" in found[0].message
    assert _in_complaints(body.replace("### \n", "### Then\n").replace("##\n", ""),
                          "empty-heading") == []


def test_every_rule_is_documented_in_checks_md_with_severity_and_source() -> None:
    doc = (PROJECT / "CHECKS.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        row = re.search(rf"^\| `{re.escape(rule.id)}` \| (\w+) \| (.+?) \|$", doc, re.M)
        assert row, f"CHECKS.md has no table row for {rule.id}"
        assert row.group(1) == rule.severity
        assert row.group(2) == rule.source
        assert f"### `{rule.id}`" in doc, f"CHECKS.md does not explain {rule.id}"


def test_findings_use_only_declared_rules_with_their_severity(real: Project) -> None:
    for f in checks(real, dt.date(2020, 1, 1)):
        assert f.severity == RULES[f.rule].severity


# --- every check is linear in the text's length --------------------------------------------

def test_a_100000_character_value_is_checked_in_linear_time() -> None:
    """Each half of this value took minutes with the old patterns (quadratic or worse):
    a long run of punctuation in the retention placeholder test, a long word in the
    address pattern of readability. It is printed by the EU summary, so every check reads
    it. Linear work on ten times the value costs about ten times as much (less, with the
    rest of the project's checks in both); quadratic work a hundred times."""
    from lexdocs.checks.readability import target_findings

    def make(size: int) -> Callable[[], object]:
        value = "!" * (size // 2) + "a" * (size // 2)
        read = overlay({f"{ROOT}/variables.yml": edit(
            "value: only as long as we need it", f"value: \"{value}\"")})
        variables, sources, rendered = load(read)
        assert variables.items["retention.as_needed"].text == value

        def run() -> None:
            checks((variables, sources, rendered))
            target_findings(rendered, {"eu-privacy-summary": 50})
        return run

    assert growth(make, 100_000, tries=2) < LINEAR


@pytest.mark.parametrize("text", ["TBD", "?", "--", " n/a ", "(todo)", "xxx", "", "!" * 100_000])
def test_placeholders_are_found_with_punctuation_around_them(text: str) -> None:
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["90 days", "as long as needed", "!" * 100_000 + "a"])
def test_real_periods_are_not_placeholders(text: str) -> None:
    assert not is_placeholder(text)


def test_a_long_run_of_punctuation_is_judged_in_linear_time() -> None:
    assert growth(lambda n: lambda: is_placeholder("!" * n + "a"), 20_000_000) < LINEAR


def test_an_unclosed_tag_is_blanked_to_the_end_in_linear_time() -> None:
    body = "Kept 90 days {{ x }}.\n" + "{{" * 50_000
    assert growth(lambda n: lambda: static_text("Kept {{ x }}.\n" + "{{" * n), 1_000_000,
                  tries=5) < LINEAR
    text = static_text(body)
    assert text.startswith("Kept 90 days        .\n") and not text.strip(" \n").endswith("{")


# --- what applies to a document is declared in its document.yml ---------------------------

def test_rules_apply_only_to_documents_that_declare_them(real: Project) -> None:
    assert {n: s.checks for n, s in real[1].items()} == {
        "privacy": ("ccpa-update",), "eu-privacy-summary": ("eu-art13",),
        "california-privacy-notice": ("ccpa-notice",)}
    read = overlay({f"{EU}/document.yml": edit("checks: [eu-art13]\n", ""),
                    f"{EU}/90-complaints.md": edit("supervisory authority", "regulator")})
    assert of(checks(load(read)), "eu-summary-element") == []
    declared = overlay({f"{EU}/90-complaints.md": edit("supervisory authority", "regulator")})
    assert len(of(checks(load(declared)), "eu-summary-element")) == 1


def test_a_role_without_its_variable_is_named_in_the_finding() -> None:
    read = overlay({f"{EU}/document.yml": edit("  privacy-contact: contact.privacy_email\n", "")})
    found = of(checks(load(read)), "eu-summary-element")
    assert [f.message.split(" (")[0] for f in found] == [
        "eu-privacy-summary: the controller's contact details",
        "eu-privacy-summary: how to use the rights"]
    assert all("no variable plays the role 'privacy-contact'" in f.message for f in found)


def test_every_role_in_the_rule_book_is_declared() -> None:
    used = {w[1:-1] for el in EU_ELEMENTS + CA_ELEMENTS + CA_GAPS for g in el.words for w in g
            if w.startswith("<")} | {el.only_if for el in EU_ELEMENTS if el.only_if}
    assert used == set(ROLES)


# --- template-tag-published and file-link ------------------------------------------------

COLLECTION = f"{ROOT}/privacy/10-collection.md"


def found_after(tail: str, needle: str, rule: str) -> tuple[list[Finding], int]:
    """What `rule` finds in the working tree with `tail` added to the statement's
    collection section, and the line of that file that holds `needle`."""
    read = overlay({COLLECTION: lambda text: text.rstrip("\n") + tail})
    text = read(COLLECTION)
    assert text is not None
    lines = text.split("\n")
    return of(checks(load(read)), rule), 1 + lines.index(next(t for t in lines if needle in t))


def test_a_list_right_under_a_line_of_prose_is_found_at_its_first_item() -> None:
    """npm's privacy policy typed "Skip to:" over its list with no blank line between:
    Python-Markdown reads the items as the paragraph's lines, and readers see "Skip to: -
    What's most important? - …". Import now sets such a list apart; `check` names one a
    lawyer types. A list after a blank line, a rule under a line, a numbered list that
    starts elsewhere than 1 and a fenced block are none."""
    [f], line = found_after((
        "\n\nSkip to:\n- [Retention](#retention)\n- [Contact](#contact)\n\nFine:\n\n- an item\n"
        "\nA line\n- - -\n\nA count\n3. of ours\n\n```\nkey: value\n- item\n```\n"),
        "- [Retention]", "markup-published")
    assert (f.path, f.line, f.severity) == (COLLECTION, line, "warning")
    assert f.message == ("privacy/collection: the list under '…Skip to:' has no blank line "
                         "before it: readers see its items run into that line, marks and "
                         "all; put a blank line before the list")


def test_a_template_tag_of_another_site_is_found_at_its_line() -> None:
    """`lexdocs import` keeps an old site's tag as text, in a raw block: readers would see
    it. Code, comments and a heading's `{#anchor}` show braces on purpose."""
    [f], line = found_after((
        "\n\nReach us by {% raw %}{% data variables.contact.contact_privacy %}{% endraw %} "
        "or {{ '{{' }} site.email }}.\n\nA tag in code: `{% raw %}{{ x }}{% endraw %}`.\n"
        "<!-- {% raw %}{% data hidden %}{% endraw %} -->\n"), "contact_privacy",
        "template-tag-published")
    assert (f.path, f.line, f.severity) == (COLLECTION, line, "warning")
    assert f.message.startswith("privacy/collection: '{% data variables.contact.contact_privacy "
                                "%}' (and 1 more) is published as typed")


def test_a_link_to_a_markdown_file_is_named_at_its_line() -> None:
    """basecamp's privacy policy links '../security/index.md', a page of its old site and of
    no lexdocs site. A section's links are published as written, so a link to one of this
    site's documents by its file is no page either: the finding gives the page's address."""
    found, line = found_after((
        "\n\nSee [how we secure it](../security/index.md), [the summary]"
        "(../eu-privacy-summary/index.md#rights), [its page](../eu-privacy-summary/) and "
        "[more](https://example.com/a.md).\n"), "security/", "file-link")
    assert where(found) == [(COLLECTION, line, "warning")] * 2
    said = sorted(f.message for f in found)
    assert "'../eu-privacy-summary/index.md#rights' names the file of" in said[0]
    assert said[0].endswith("link to '../eu-privacy-summary/#rights'")
    assert "'../security/index.md' names a file of the repository" in said[1]


def test_markup_a_reader_would_see_as_typed_is_found_at_its_line() -> None:
    """WordPress.com's terms close a bold sentence after a space ("questions.** If you
    don't agree …**"), so readers see the marks; an HTML tag is printed as text by design.
    The line is found by the words around the first, not by the first `**` of the
    section; code, a bold that takes and a placeholder in angle brackets are not judged."""
    [f], line = found_after((
        "\n\n**Requests.** Write to us.\n\nAsk us any questions.** If you don't agree, don't "
        "use it.** See `**kept**` and <Legalese>.\n\nOur office<u>\n"), "questions.**",
        "markup-published")
    assert (f.path, f.line, f.severity) == (COLLECTION, line, "warning")
    assert f.message.startswith("privacy/collection: '**' (and 2 more) is published as typed: "
                                "bold that opens or closes beside a space does not take")
    from lexdocs.checks.foreigntags import printed_markup
    shown = printed_markup("<p>A &lt;br&gt; b {: .x } [c] (https://x.org) and "
                           "<code>&lt;u&gt;</code> &lt;Legalese&gt; some __ loose__ x</p>")
    assert [m for m, _ in shown] == ["<br>", "{: .x }", "] (https:", "__"]  # the opener
    # marks that may be meant: a cookie's name, a footnote's mark alone in its block
    assert printed_markup("<table><tr><td>__stripe_sid / __stripe_mid</td></tr></table>"
                          "<p>Free** offer</p><p>** Terms apply.</p>") == []
    # a Markdown footnote, which a section has no place for: its mark and its note
    assert [m for m, _ in printed_markup("<p>We keep logs.[^1]</p><p>[^note]: 30 days.</p>"
                                         "<p>Clause [a] and [^ b]</p>")] == ["[^1]", "[^note]"]

    # an address that never closes (npm's privacy policy, its '(' written plainly and its
    # ')' as %29): the hint names what is wrong with it, not a space it does not have
    [f], line = found_after(("\n\nRun the [tarball](https://en.wikipedia.org/wiki/Tar_"
                             "(computing%29), then check it.\n"), "Tar_", "markup-published")
    assert "'](https:' is published as typed: a link whose address does not end where it " \
        "should (a '(' in it that no ')' closes" in f.message
    [f], _ = found_after("\n\nSee [it] (https://example.com/a).\n", "[it]", "markup-published")
    assert "a link with anything between its ']' and '(' does not take" in f.message

    from tests.scaling import LINEAR, growth

    def tags(n: int) -> Callable[[], object]:  # a block of thousands of tags typed as text
        block = "<p>" + "&lt;b&gt;x " * n + "</p>"
        return lambda: printed_markup(block)
    assert growth(tags, 20_000) < LINEAR


@pytest.mark.parametrize("rule", ["template-tag-published", "file-link", "markup-published"])
def test_the_shipped_documents_raise_neither(rule: str) -> None:
    assert of(checks(load(read_working_tree(PROJECT))), rule) == []
