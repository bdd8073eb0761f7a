"""Sources and rendering: errors name the file, the line and the fix."""

from __future__ import annotations

import re

import pytest

from lexdocs.errors import RenderError, SourceError
from lexdocs.render.templates import RenderedDocument, render_document
from lexdocs.sources.documents import load_document
from lexdocs.sources.variables import load_variables

DOC = "title: T\nslug: t\nsections: [a.md]\n"


def render(section_body: str, variables: str = "", front: str = "id: a\ntitle: A\n",
           extra: dict[str, str] | None = None) -> RenderedDocument:
    files = {
        "src/variables.yml": variables,
        "src/t/document.yml": DOC,
        "src/t/a.md": f"---\n{front}---\n{section_body}",
        **(extra or {}),
    }
    read = files.get
    v = load_variables(read("src/variables.yml"), "src/variables.yml")
    return render_document(load_document("src", "t", read), v, "src", read)


VARS = """\
retention:
  account_records:
    type: duration
    value: 7 years
  web_logs:
    type: duration
    value: 90 days
"""


def test_undefined_variable_names_file_line_and_closest_name() -> None:
    body = "Line one.\n\nWe keep records for {{ retention.acount_records }}.\n"
    with pytest.raises(RenderError) as err:
        render(body, VARS)
    assert str(err.value) == (
        "src/t/a.md:7: undefined variable 'retention.acount_records' "
        "(did you mean 'retention.account_records'?)")


def test_undefined_top_level_name_without_close_match() -> None:
    with pytest.raises(RenderError) as err:
        render("{{ zzz }}\n", VARS)
    assert str(err.value).startswith("src/t/a.md:5: undefined variable 'zzz'")
    assert "declare it in variables.yml" in str(err.value)


def test_attribute_of_a_value_is_reported() -> None:
    with pytest.raises(RenderError) as err:
        render("{{ retention.web_logs.days }}\n", VARS)
    assert "'retention.web_logs' is a value, not a group" in str(err.value)


def test_undefined_in_an_included_file_names_that_file() -> None:
    extra = {"src/_shared/x.md": "ok\n{{ retention.weblogs }}\n"}
    with pytest.raises(RenderError) as err:
        render('{% include "_shared/x.md" %}\n', VARS, extra=extra)
    assert str(err.value).startswith("src/_shared/x.md:2: undefined variable 'retention.weblogs'")


def test_include_is_rendered_and_its_variables_counted() -> None:
    extra = {"src/_shared/x.md": "Logs: {{ retention.web_logs }}.\n"}
    doc = render('{% include "_shared/x.md" %}\n', VARS, extra=extra)
    assert "Logs: 90 days." in doc.text
    assert "retention.web_logs" in doc.sections[0].uses


@pytest.mark.parametrize("expr", [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ retention['__class__'] }}",
    "{{ cycler.__init__.__globals__ }}",
])
def test_sandbox_blocks_python_internals(expr: str) -> None:
    with pytest.raises(RenderError) as err:
        render(f"x\n{expr}\n", VARS)
    assert "Python internals" in str(err.value)
    assert str(err.value).startswith("src/t/a.md:6:")


def test_sandbox_blocks_unsafe_format_strings_at_run_time() -> None:
    with pytest.raises(RenderError) as err:
        render("ok\n{{ '{0.__class__}'.format(1) }}\n", VARS)
    assert str(err.value).startswith("src/t/a.md:6: blocked by the template sandbox")


def test_values_format_by_type_and_markup_is_escaped() -> None:
    variables = VARS + """\
company:
  name:
    type: text
    value: "Evil <script>alert(1)</script> *Corp* [x](http://e.vil)"
  email:
    type: email
    value: privacy@example.com
  site:
    type: url
    value: https://example.com/a_b
  address:
    type: address
    value: {street: "1 Main St #4", city: Seattle, region: WA, postal_code: "98103",
            country: United States}
"""
    doc = render("{{ company.name }} / {{ company.email }} / {{ company.site }} / "
                 "{{ company.address }} / {{ retention.web_logs }}\n", variables)
    md = doc.sections[0].markdown
    html = doc.sections[0].html
    assert "<script>" not in md and "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<em>" not in html and "<a href=\"http://e.vil\"" not in html
    assert '<a href="mailto:privacy@example.com">privacy@example.com</a>' in html
    assert '<a href="https://example.com/a_b">https://example.com/a_b</a>' in html
    assert doc.sections[0].blocks == [
        "Evil <script>alert(1)</script> *Corp* [x](http://e.vil) / privacy@example.com / "
        "https://example.com/a_b / 1 Main St #4, Seattle, WA 98103 United States / 90 days"]


def test_list_of_records_prints_and_loops() -> None:
    variables = """\
analytics:
  providers:
    type: list
    fields: {name: text, url: url}
    value:
      - {name: Customer.io, url: "https://customer.io/gdpr.html"}
      - {name: Other, url: "https://other.example/"}
"""
    doc = render("All: {{ analytics.providers }}.\n{% for p in analytics.providers %}"
                 "[{{ p.name }}]{% endfor %}\n", variables)
    assert doc.sections[0].blocks == [
        "All: Customer.io (https://customer.io/gdpr.html), Other (https://other.example/). "
        "[Customer.io][Other]"]


@pytest.mark.parametrize(("decl", "line", "message"), [
    ("a:\n  b:\n    type: email\n    value: not-an-email\n", 4, "is not an email address"),
    ("a:\n  b:\n    type: duration\n    value: -3 days\n", 4, "not a positive duration"),
    ("a:\n  b:\n    type: duration\n    value: '90'\n", 4, "write a whole number and a unit"),
    ("a:\n  b:\n    type: duration\n    value: 90\n", 4, "is not a duration"),
    ("a:\n  b:\n    type: colour\n    value: red\n", 3, "unknown type 'colour'"),
    ("a:\n  b:\n    type: text\n", 2, "has no value"),
    ("a:\n  b:\n    type: url\n    value: customer.io\n", 4, "starting with https://"),
    ("a:\n  b:\n    type: phone\n    value: call us\n", 4, "not a telephone number"),
    ("a:\n  b:\n    type: date\n    value: 2024-13-01\n", 4, "not a date"),
    ("a:\n  b:\n    type: address\n    value: {street: x}\n", 4, "has no city"),
    ("a:\n  b:\n    type: list\n    fields: {name: text}\n    value:\n      - {nam: x}\n",
     6, "has no 'name'"),
    ("a:\n  b:\n    type: text\n    value: x\n    colour: red\n", 5, "unknown key 'colour'"),
    ("a:\n  b: 3\n", 2, "has no declaration"),
    ("a:\n  b:\n    type: text\n    value: [x\n", 5, "invalid YAML"),
])
def test_bad_values_name_file_and_line(decl: str, line: int, message: str) -> None:
    with pytest.raises(SourceError) as err:
        load_variables(decl, "policy_src/variables.yml")
    assert str(err.value).startswith(f"policy_src/variables.yml:{line}: ")
    assert message in str(err.value)


def test_missing_section_file_points_at_document_line() -> None:
    read = {"src/t/document.yml": "title: T\nslug: t\nsections:\n  - a.md\n  - b.md\n"}.get
    with pytest.raises(SourceError) as err:
        load_document("src", "t", read)
    assert str(err.value).startswith("src/t/document.yml:4: section file 'a.md' does not exist")


def test_section_without_title_is_reported() -> None:
    with pytest.raises(SourceError) as err:
        render("text\n", front="id: a\n")
    assert str(err.value).startswith("src/t/a.md:2: section has no title")


def test_template_syntax_error_names_line() -> None:
    with pytest.raises(RenderError) as err:
        render("ok\n{% if %}\n", VARS)
    assert str(err.value).startswith("src/t/a.md:6: template syntax error")


def test_false_boolean_is_false_in_if() -> None:
    variables = "dpf:\n  participates:\n    type: boolean\n    value: false\n"
    doc = render("{% if dpf.participates %}We take part.{% else %}We do not.{% endif %}\n",
                 variables)
    assert doc.sections[0].blocks == ["We do not."]


def test_filters_see_plain_words_and_escape_once() -> None:
    variables = ("a:\n  addr:\n    type: address\n    value: {street: '1 Main St #4', "
                 "city: Seattle, country: US}\n  p:\n    type: list\n    fields: {name: text, "
                 "url: url}\n    value:\n      - {name: X_Y, url: 'https://x.example/a_b'}\n")
    doc = render("{{ a.addr|upper }} / {% for r in a.p %}{{ r|string }}{% endfor %}\n", variables)
    assert doc.sections[0].blocks == [
        "1 MAIN ST #4, SEATTLE, US / X_Y (https://x.example/a_b)"]


def test_front_matter_closed_at_end_of_file_is_not_printed() -> None:
    files = {"src/variables.yml": "", "src/t/document.yml": DOC,
             "src/t/a.md": "---\nid: a\ntitle: A\n---"}
    read = files.get
    doc = render_document(load_document("src", "t", read), load_variables("", "v"), "src", read)
    assert doc.sections[0].blocks == []


def test_raw_html_in_a_section_is_shown_as_text() -> None:
    doc = render("Hello <script>alert(1)</script> <b onclick='x()'>bold</b> "
                 "and <https://example.com/>.\n", VARS)
    html = doc.sections[0].html
    assert "<script" not in html and "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="https://example.com/">https://example.com/</a>' in html
    assert "<script" not in doc.page


def test_safe_links_images_and_table_alignment_pass_the_sanitiser() -> None:
    doc = render("[a](https://x.example/) [b](http://x.example/) [c](mailto:p@x.example) "
                 "[d](tel:+15550100) [e](/legal/privacy/) [f](#retention) [g](../history/) "
                 "![logo](assets/logo.png)\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n", VARS)
    html = doc.sections[0].html
    for href in ("https://x.example/", "http://x.example/", "mailto:p@x.example",
                 "tel:+15550100", "/legal/privacy/", "#retention", "../history/"):
        assert f'href="{href}"' in html
    assert 'src="assets/logo.png"' in html
    assert '<th style="text-align: left;">a</th>' in html


@pytest.mark.parametrize(("body", "message"), [
    ("x\n[a](javascript:alert(1))\n", "src/t/a.md:6: link scheme 'javascript:' is not allowed"),
    ("x\n[a](JaVa&#x53;cript:alert(1))\n", "src/t/a.md:6: link scheme 'javascript:'"),
    ("x\n![a](https://cdn.example/p.png)\n", "src/t/a.md:6: image 'https://cdn.example/p.png' "
                                           "is not on this site"),
    ("x\n![a](\\\\cdn.example\\p.png)\n", "src/t/a.md:6: image"),
])
def test_unsafe_links_and_remote_images_name_the_line(body: str, message: str) -> None:
    with pytest.raises(RenderError) as err:
        render(body, VARS)
    assert str(err.value).startswith(message)


@pytest.mark.parametrize(("expr", "message"), [
    ("{{ 'ab' * 600000 }}", "stopped: the template builds a text or list longer"),
    ("{% for i in range(3000000) %}{% endfor %}", "stopped: a number above"),
    ("{{ 3 ** 100000 }}", "stopped: the template computes a number larger"),
    ("{{ ('x' * 1000)|indent(1000) ~ ('a\n' * 1000)|indent(1000) }}", "stopped"),
    ("{{ ('a,' * 1000)|replace(',', 'x' * 1000) }}", "stopped"),
    ("{% set x = 'a' * 100000 %}{{ [x] * 100000 }}", "stopped: the template builds"),
    ("{% set x = 'a' * 100000 %}{{ ([x] * 1000)|string }}", "stopped: the template builds"),
    ("{% set l = [1] %}{% set _ = l.append(l) %}{{ l|string }}", "stopped: the template builds"),
    ("{{ [1, 2]|random }}", "the 'random' filter"),
    ("{{ lipsum() }}", "undefined variable 'lipsum'"),
    ("{{ '{}'.format(1) }}", "blocked by the template sandbox"),
])
def test_template_evaluation_is_bounded(expr: str, message: str) -> None:
    with pytest.raises(RenderError) as err:
        render(f"x\n{expr}\n", VARS)
    assert message in str(err.value)
    assert str(err.value).startswith("src/t/a.md:6:") or "lipsum" in message


def test_includes_stay_inside_the_source_folder() -> None:
    for name in ("../secret.md", "/etc/passwd", "t/../../secret.md", "t//a.md", "C:/x"):
        with pytest.raises(RenderError) as err:
            render(f"x\n{{% include '{name}' %}}\n", VARS, extra={"secret.md": "leak"})
        assert str(err.value).startswith("src/t/a.md:6: cannot include"), name


def test_a_stopped_conversion_leaves_the_shared_converter_clean() -> None:
    with pytest.raises(RenderError) as err:
        render("x\n\n" + "- " * 2000 + "y\n", VARS)
    assert "nested too deeply" in str(err.value)
    with pytest.raises(RenderError):
        render("- a\n    - [b](javascript:x)\n", VARS)
    doc = render("para\n{: #keep .note onclick=alert(1) }\n", VARS)
    assert doc.sections[0].html == '<p class="note" id="keep">para</p>'


def test_a_heading_in_another_script_gets_an_id_of_its_words() -> None:
    """Python-Markdown keeps only letters that decompose to ASCII: every heading inside a
    section of Mozilla's Russian notice was "section", "section_1", … by its place. Its
    words are spelt in Latin letters now; a heading that had letters keeps its id."""
    from lexdocs.render.tohtml import to_html

    html = to_html("### Как мы используем данные\n\n### Ваши права\n\n### 2. Данные\n\n"
                   "### Maßnahmen\n\n### Cómo usamos\n\n### Ваши права\n")
    assert re.findall(r'<h3 id="([^"]+)">', html) == [
        "kak-my-ispolzuem-dannye", "vashi-prava", "s-2-dannye", "manahmen", "como-usamos",
        "vashi-prava_1"]


def test_a_line_break_typed_as_br_breaks_the_line_and_nothing_else_becomes_html() -> None:
    """Pages saved from the web break the lines of a table's cell with `<br>`, the one way
    Markdown has (Open Terms Archive's copies of GitHub's and Buffer's terms): readers saw
    "<br>" typed. The bare tag breaks the line; with an attribute, or in code, it is text."""
    from lexdocs.render.tohtml import to_html

    html = to_html("| Part | Summary |\n| --- | --- |\n| **15. Disputes**<br><br>**15.1** "
                   "Generally | One<BR/>two<br />three |\n\nx<br class=\"y\" onclick=\"z\">y "
                   "and `<br>` and <br\n>\n")
    assert "<td><strong>15. Disputes</strong><br />\n<br />\n<strong>15.1</strong>" in html
    assert "<td>One<br />\ntwo<br />\nthree</td>" in html
    assert 'x&lt;br class="y" onclick="z"&gt;y' in html and "<code>&lt;br&gt;</code>" in html
    assert html.count("<br />") == 4


def test_a_backslash_before_any_punctuation_is_an_escape_as_commonmark_has_it() -> None:
    """pixiv's terms, saved from the web, link `(…?mode=select\\_type\\&service=…)`:
    Python-Markdown left the `\\&`, and the build refused the link for its backslash.
    Every ASCII punctuation mark can be escaped; a backslash before anything else, or in
    code, stays."""
    from lexdocs.render.tohtml import to_html

    html = to_html("Fees \\& taxes: \\$5 \\<b> [help](https://x.org/s?m=select\\_type"
                   "\\&service=f), C:\\Users and `a\\&b`\n")
    assert html == ('<p>Fees &amp; taxes: $5 &lt;b&gt; <a href="https://x.org/s?m=select_type'
                    '&amp;service=f">help</a>, C:\\Users and <code>a\\&amp;b</code></p>')


def test_a_section_cannot_take_the_id_of_a_theme_element() -> None:
    doc = render("para\n{: #__search .note }\n", VARS)
    assert doc.sections[0].html == '<p class="note">para</p>'


def test_a_heading_that_begins_with_a_digit_gets_an_id_links_can_name() -> None:
    """An id must begin with a letter to be kept; "### 5. Additional Terms" had none, so
    no link could land on it."""
    from lexdocs.render.tohtml import to_html

    html = to_html("### 5. Additional Terms\n\n### § 2\n\n### Scope\n")
    assert '<h3 id="s-5-additional-terms">' in html and '<h3 id="s-2">' in html
    assert '<h3 id="scope">' in html
