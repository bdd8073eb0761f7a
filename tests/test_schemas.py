"""Declared schemas: every malformed source is refused at its file and line, and values
stay one inline run of text whatever is typed into them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from lexdocs.checks.rules import GROUPS, RULES
from lexdocs.dates import format_date
from lexdocs.errors import SourceError
from lexdocs.history.versions import load_histories
from lexdocs.render.templates import blank_front_matter, render_document
from lexdocs.render.tohtml import to_html
from lexdocs.sources.documents import decode_source, load_document, read_working_tree
from lexdocs.sources.schemas import CHECK_GROUPS
from lexdocs.sources.types import TYPES, escape_markdown
from lexdocs.sources.variables import load_variables
from tests.conftest import Repo

PROJECT = Path(__file__).resolve().parents[1]
SECTION = "---\nid: a\ntitle: A\n---\nText {{ v.x }}.\n"
VARS = "v:\n  x:\n    type: text\n    value: plain\n"


def files(doc: str = "title: T\nslug: t\nsections: [a.md]\n", section: str = SECTION,
          ) -> dict[str, str]:
    return {"src/t/document.yml": doc, "src/t/a.md": section}


def refused(doc: str = "title: T\nslug: t\nsections: [a.md]\n", section: str = SECTION) -> str:
    with pytest.raises(SourceError) as err:
        load_document("src", "t", files(doc, section).get)
    return str(err.value)


# --- document.yml ---------------------------------------------------------------------------

@pytest.mark.parametrize(("doc", "where", "message"), [
    ("title: T\nslug: t\nsections: [a.md]\ndate_format: \"%Q %Z %\"\n", 4,
     "'%Q' is not a date directive"),
    ("title: T\nslug: t\nsections: [a.md]\ndate_format: HH:mm\n", 4, "'H' is not a date field"),
    ("title: 2024\nslug: t\nsections: [a.md]\n", 1, "'title' must be text"),
    ("slug: t\nsections: [a.md]\n", 1, "document has no title"),
    ("title: T\nslug: t\nsections:\n  - a.md\n  - ../../etc/passwd\n", 5, "item 2"),
    # the same file twice was "section id 'a' is also used by src/t/a.md": by itself
    ("title: T\nslug: t\nsections:\n  - a.md\n  - a.md\n", 5,
     "'a.md' is listed twice under sections (first on line 4) (list each section file once)"),
    ("title: T\nslug: t\nsections: [a.md]\nchecks: [eu-art31]\n", 4, "did you mean 'eu-art13'"),
    ("title: T\nslug: t\nsections: [a.md]\nreadability:\n  target: 500\n", 5,
     "from 0 to 100"),
    ("title: T\nslug: t\nsections: [a.md]\nreadability: {}\n", 4, "has no target"),
    ("title: T\nslug: t\nsections: [a.md]\nadopted: soon\n", 4, "'soon' is not a date"),
    ("title: T\nslug: t\nsections: [a.md]\nnotice_days: -1\n", 4, "whole number"),
    ("title: T\nslug: t\nsections: [a.md]\ntitel: U\n", 4, "did you mean 'title'"),
    ("title: T\nslug: t\nsections: [a.md]\nroles:\n  controler: a.b\n", 5,
     "did you mean 'controller'"),
    ("title: T\nslug: t\nsections: [a.md]\nroles:\n  controller: A B\n", 5,
     "not a variable name"),
    ("title: \"T\nslug: t\nsections: [a.md]\n", 1, "quotation mark is never closed"),
    # an editor's tab, which YAML refuses and the editor does not show
    ("title: T\nslug: t\nsections:\n\t- a.md\n", 4,
     "a tab stands where YAML takes only spaces (indent it with spaces"),
])
def test_a_bad_document_yml_is_refused_at_its_line(doc: str, where: int, message: str) -> None:
    text = refused(doc)
    assert text.startswith(f"src/t/document.yml:{where}: "), text
    assert message in text


def test_declared_checks_readability_and_adoption_reach_the_source() -> None:
    doc = ("title: T\nslug: t\nsections: [a.md]\nchecks: [eu-art13, ccpa-update]\n"
           "roles: {controller: company.name}\n"
           "readability: {target: 55}\nadopted: 2025-01-31\ndate_format: \"d MMMM y\"\n")
    src = load_document("src", "t", files(doc).get)
    assert src.checks == ("eu-art13", "ccpa-update")
    assert src.readability_target == 55.0
    assert src.adopted == dt.date(2025, 1, 31)
    assert src.role("controller") == "company.name" and src.role("telephone") is None
    assert format_date(dt.date(2024, 9, 1), src.date_format) == "1 September 2024"
    plain = load_document("src", "t", files().get)
    assert (plain.checks, plain.readability_target, plain.adopted) == ((), None, None)


def test_every_rule_group_turns_on_declared_rules() -> None:
    assert set(GROUPS) == set(CHECK_GROUPS)
    assert all(rule in RULES for rules in GROUPS.values() for rule in rules)


def test_the_engine_names_none_of_our_documents() -> None:
    names = [p.parent.name for p in (PROJECT / "policy_src").glob("*/document.yml")]
    assert len(names) == 3
    for path in (PROJECT / "lexdocs").rglob("*.py"):
        text = path.read_text(encoding="utf-8").lower()
        for name in names:
            assert f'"{name}"' not in text and f"'{name}'" not in text, (path, name)
        assert "chatlio" not in text, path


def test_old_strftime_formats_still_read_the_same() -> None:
    day = dt.date(2024, 9, 1)
    assert format_date(day, "%B %-d, %Y") == format_date(day, "long") == "September 1, 2024"
    assert format_date(day, "%d/%m/%Y") == "01/09/2024"


# --- section files --------------------------------------------------------------------------

def test_a_bom_and_crlf_change_nothing() -> None:
    plain = load_document("src", "t", files().get)
    crlf = files(section="\ufeff" + SECTION.replace("\n", "\r\n"))
    raw = {p: decode_source(t.encode("utf-8"), p) for p, t in crlf.items()}
    with_bom = load_document("src", "t", raw.get)
    assert with_bom.sections == plain.sections
    variables = load_variables(VARS, "src/variables.yml")
    assert (render_document(with_bom, variables, "src", raw.get).sections[0].html ==
            render_document(plain, variables, "src", files().get).sections[0].html)


@pytest.mark.parametrize(("front", "where", "message"), [
    ("id: a\ntitle: 42\n", 3, "'title' must be text"),
    ("id: A b\ntitle: T\n", 2, "is not a slug"),
    ("id: a\ntitle: T\ntags: retention\n", 4, "'tags' must be a list"),
    ("id: a\ntitle: T\nmaterial: maybe\n", 4, "true or false"),
    ("id: a\ntitle: T\ncolour: red\n", 4, "unknown key 'colour'"),
    ("id: a\ntitle: 'T\n", 3, "quotation mark is never closed"),
    ("id: a\ntitle: T\ntags:\n\t- retention\n", 5, "a tab stands where YAML takes only spaces"),
    ("id: a\ntitle: Cookies: what we use\n", 3, "a value that holds ': ' must be in quotes"),
    # YAML reads "#1 Rule" as a comment, so the title is there and empty
    ("id: a\ntitle: #1 Rule\n", 3, "'title' has no value (write it after 'title:', in quotes"),
])
def test_bad_front_matter_is_refused_at_its_line(front: str, where: int, message: str) -> None:
    text = refused(section=f"---\n{front}---\nBody\n")
    assert text.startswith(f"src/t/a.md:{where}: "), text
    assert message in text


def test_bytes_that_are_not_utf8_name_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "src/t").mkdir(parents=True)
    (tmp_path / "src/t/a.md").write_bytes(b"---\nid: a\n\xff\xfe---\n")
    with pytest.raises(SourceError) as err:
        read_working_tree(tmp_path)("src/t/a.md")
    assert str(err.value).startswith("src/t/a.md:3: the file is not UTF-8")
    assert isinstance(err.value.__cause__, UnicodeDecodeError)


# --- variables.yml --------------------------------------------------------------------------

@pytest.mark.parametrize(("decl", "where", "message"), [
    ("a:\n  b:\n    tpye: text\n    value: x\n", 3, "did you mean 'type'"),
    ("a:\n  b:\n    value: x\n", 2, "has a value but no type"),
    ("a:\n  b:\n    type: emial\n    value: x@y.com\n", 3, "did you mean 'email'"),
    ("a:\n  b:\n    type: text\n    value: |\n      one\n      - two\n", 4, "line break"),
    ("a:\n  b:\n    type: text\n    value: \"x\\ty\"\n", 4, "control character U+0009"),
    ("a:\n  b:\n    type: email\n    value: \"x@\\ny.com\"\n", 4, "not an email"),
    ("a:\n  b:\n    type: address\n    value: {street: \"1\\n2\", city: c, country: d}\n",
     4, "line break"),
    ("a:\n  b:\n    type: text\n    value: x\n    confirmed: 1\n", 5, "true or false"),
])
def test_bad_variables_are_refused_at_their_line(decl: str, where: int, message: str) -> None:
    with pytest.raises(SourceError) as err:
        load_variables(decl, "v.yml")
    assert str(err.value).startswith(f"v.yml:{where}: "), str(err.value)
    assert message in str(err.value)


@pytest.mark.parametrize("value", [
    "- a list item", "1. an ordered item", "# a heading", "--- a rule", "=== setext",
    "*strong* and _em_", "[x](javascript:alert(1))", "<script>x</script>", "| a | b |",
    "{: onclick=x }", "`code`", "![img](https://other.host/p.png)", "~~~ fence", "> quote",
])
def test_markup_typed_into_a_value_stays_text(value: str) -> None:
    # At the start of a block and on the line after a paragraph's first line.
    html = to_html(f"{escape_markdown(value)}\n") + to_html(f"Before\n{escape_markdown(value)}\n")
    assert html.count("<p>") == 2
    for tag in ("<li", "<h1", "<h2", "<hr", "<strong", "<em", "<a ", "<script", "<table",
                "<code", "<img", "<pre", "<blockquote"):
        assert tag not in html, (value, html)


def test_every_type_is_one_registry_entry_with_its_formats() -> None:
    where = lambda msg, hint: SourceError(msg)  # noqa: E731
    assert TYPES["duration"].value("90 Day", where).text == "90 days"
    assert TYPES["email"].value("a@b.co", where).markdown == "[a@b.co](mailto:a@b.co)"
    assert TYPES["date"].value(dt.date(2024, 9, 1), where).text == "September 1, 2024"
    assert not TYPES["boolean"].value(False, where)
    with pytest.raises(SourceError, match="not a duration"):
        TYPES["duration"].value("90", where)


def test_a_commit_that_only_adds_a_bom_and_crlf_makes_no_version(project: Repo) -> None:
    section = "policy_src/privacy/20-retention.md"
    (project.path / section).write_bytes(
        b"\xef\xbb\xbf" + project.read(section).replace("\n", "\r\n").encode("utf-8"))
    project.commit("Saved on another editor", "2024-10-01T10:00:00+00:00")
    project.replace("policy_src/variables.yml", "90 days", "60 days")
    project.commit("Shorter log retention", "2024-11-01T10:00:00+00:00")
    history = load_histories(project.path, "policy_src", ("privacy",), ZoneInfo("UTC"))["privacy"]
    assert [v.date for v in history.versions] == [dt.date(2024, 9, 1), dt.date(2024, 11, 1)]
    assert not history.draft


@pytest.mark.parametrize(("text", "body"), [
    ("\ufeffA snippet.\n", "A snippet.\n"),
    ("\ufeff---\r\nid: a\r\n---\r\nBody\r\n", "\n\n\nBody\r\n"),
    ("---\nid: a\n---\nBody\n", "\n\n\nBody\n"),
    ("No front matter.\n", "No front matter.\n"),
])
def test_a_template_read_from_any_reader_loses_its_bom_with_its_front_matter(
        text: str, body: str) -> None:
    assert blank_front_matter(text) == body


@pytest.mark.parametrize(("text", "where"), [
    ("a:\n  2024-13-01: x\n", 2), ("a: 99999-01-01\n", 1), ("a: !!python/object x\n", 1)])
def test_a_value_yaml_cannot_build_is_an_error_at_its_line(text: str, where: int) -> None:
    with pytest.raises(SourceError) as err:
        load_variables(text, "v.yml")
    assert str(err.value).startswith(f"v.yml:{where}: ")
