"""`ref` fields: a table row names the variable that holds its fact instead of copying it."""

from __future__ import annotations

import pytest

from lexdocs.errors import SourceError
from lexdocs.render.templates import render_document
from lexdocs.sources.documents import load_document
from lexdocs.sources.variables import Value, load_variables

VARS = """\
categories:
  list:
    type: list
    fields: {name: text, retention: ref}
    value:
      - name: Account records
        retention: retention.account_records
      - name: Web logs
        retention: retention.web_logs
      - name: Other logs
        retention: retention.web_logs
retention:
  account_records:
    type: duration
    value: 7 years
  web_logs:
    type: duration
    value: 90 days
"""


def test_ref_field_takes_the_value_of_the_variable_it_names() -> None:
    v = load_variables(VARS, "v.yml")
    rows = v.items["categories.list"].value
    assert isinstance(rows, tuple)
    assert [r.retention.text for r in rows] == ["7 years", "90 days", "90 days"]
    # Typed as the target, so checks that look for durations see one.
    assert rows[1].retention == Value("duration", "90 days", "90 days", "90 days")
    assert v.items["categories.list"].refs == ("retention.account_records", "retention.web_logs")


def test_editing_the_target_changes_every_row_that_names_it() -> None:
    v = load_variables(VARS.replace("90 days", "180 days"), "v.yml")
    assert "180 days; Other logs, 180 days" in v.items["categories.list"].text


def test_expand_adds_what_a_list_references() -> None:
    v = load_variables(VARS, "v.yml")
    assert v.expand(["categories.list"]) == {
        "categories.list", "retention.account_records", "retention.web_logs"}
    assert v.expand(["retention.web_logs", "nope"]) == {"retention.web_logs", "nope"}


def test_ref_renders_in_a_loop_like_the_value_itself() -> None:
    files = {
        "src/variables.yml": VARS,
        "src/t/document.yml": "title: T\nslug: t\nsections: [a.md]\n",
        "src/t/a.md": "---\nid: a\ntitle: A\n---\n{% for c in categories.list %}"
                      "{{ c.name }}: {{ c.retention }}. {% endfor %}\n",
    }
    read = files.get
    v = load_variables(read("src/variables.yml"), "src/variables.yml")
    doc = render_document(load_document("src", "t", read), v, "src", read)
    assert doc.sections[0].blocks == [
        "Account records: 7 years. Web logs: 90 days. Other logs: 90 days."]


@pytest.mark.parametrize(("target", "message", "hint"), [
    ("retention.weblogs", "'retention.weblogs' is not a declared variable",
     "did you mean 'retention.web_logs'?"),
    ("categories.list", "'categories.list' is a list", "a variable with one value"),
    ("Retention Web Logs", "is not a variable name", "dotted name"),
    ("12", "is not a variable name", "dotted name"),
])
def test_bad_ref_names_the_file_line_entry_and_field(target: str, message: str,
                                                     hint: str) -> None:
    text = VARS.replace("retention: retention.web_logs\n      - name: Other",
                        f"retention: {target}\n      - name: Other")
    with pytest.raises(SourceError) as err:
        load_variables(text, "v.yml")
    assert str(err.value).startswith("v.yml:9: ")
    assert message in str(err.value)
    assert hint in str(err.value)


def test_ref_is_only_a_field_type() -> None:
    with pytest.raises(SourceError) as err:
        load_variables("a:\n  b:\n    type: ref\n    value: retention.web_logs\n", "v.yml")
    assert "unknown type 'ref'" in str(err.value)
