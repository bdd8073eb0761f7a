"""Random hostile sources through `lexdocs render`, `lexdocs check` and a build.

Whatever the section text, front matter, variable values or change log hold
(control characters, invalid UTF-8, right-to-left marks, zero-width spaces,
template and Markdown syntax, script), the only exception that may escape is
LexdocsError, and every HTML output is inert: no script but the theme's, no
`on*=` attribute, no `javascript:` link, nothing fetched from another host.

The default run is short; set LEXDOCS_FUZZ_EXAMPLES (e.g. 500) for a longer one.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from lexdocs.checks.site import check_file, check_settings
from lexdocs.cli import main
from lexdocs.errors import LexdocsError
from lexdocs.render.sanitize import decoded, scheme
from lexdocs.render.templates import render_tree
from lexdocs.render.tohtml import converter
from lexdocs.sources.documents import read_working_tree
from tests.conftest import Repo, property_settings, write_project

SITE_HOST = "chatlio.com"
INTRO_PATH = "policy_src/privacy/10-intro.md"
VARS_PATH = "policy_src/variables.yml"
LOG = "policy_src/privacy/changes.yml"


WEIRD = ["\x00", "\x01", "\x07", "\x0b", "\x1b[31m", "\x7f", "\x85", "\u202e", "\u202d",
         "\u200b", "\u200d", "\u2066", "\ufeff", "\r", "\r\n", "\t", "\u2028", "\U0001f600",
         "é", "ß", "\ufffd", "\udcff"]
SNIPPETS = [
    "{{", "}}", "{%", "%}", "{#", "#}", "{{ retention.web_logs }}", "{{ contact.email }}",
    "{{ 1/0 }}", "{{ 'a' ~ 1 }}", "{{ range(10**9)|list }}", "{{ 'x' * 10**8 }}",
    "{% include 'privacy/10-intro.md' %}", "{% include '../../../etc/passwd' %}",
    "{% for i in range(3) %}x{% endfor %}", "{% if 1 %}", "{% endif %}", "{{ ''.__class__ }}",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>",
    "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](&#106;avascript:alert(1))",
    "[x](java\tscript:x)", "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](vbscript:x)",
    "[x](https://ok.example/)", "[x](/legal/privacy/)", "<https://ok.example/>",
    "<a@b.example>", "![i](https://other.example/i.png)", "![i](//other.example/i.png)",
    "![i](img.png)", "{: onclick=alert(1) style=\"background:url(//evil.example)\" }",
    "{: #anchor .note }", "\n{: onclick=alert(1) }\n", "---", "\n", "\n\n", "# ", "## ",
    "> ", "- ", "1. ", "    code", "```", "|a|b|\n|-|-|\n|1|2|", "&amp;", "&#x3C;", "&",
    "<", ">", "%", "\\", "`", "*", "_", "[", "]", "(", ")", ":", "'", '"', "{", "}", "|",
]
piece = st.one_of(st.sampled_from(SNIPPETS + WEIRD), st.text(max_size=12))
fuzz_text = st.lists(piece, max_size=10).map("".join)
bad_bytes = st.one_of(st.just(b""), st.binary(min_size=1, max_size=6))


def _front(title: str, extra: str) -> str:
    return f"---\nid: intro\ntitle: {title}\n{extra}---\n"


def _write(path: Path, text: str, junk: bytes = b"") -> None:
    data = text.encode("utf-8", "surrogatepass")
    if junk:
        cut = len(data) // 2
        data = data[:cut] + junk + data[cut:]
    path.write_bytes(data)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repo]:
    repo = Repo(tmp_path_factory.mktemp("fuzz") / "repo")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    yield repo


def _reset(repo: Repo) -> None:
    repo.git("checkout", "-q", "--", ".")
    repo.git("clean", "-qfd")


def run_cli(repo: Repo, *args: str) -> int:
    """Run `lexdocs` with --debug, so that anything but a LexdocsError escapes."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main(["-C", str(repo.path), "--debug", *args])
    except LexdocsError as exc:
        assert "\n" not in str(exc), str(exc)
        return 1
    except SystemExit as exc:
        assert exc.code in (0, 1, None), err.getvalue()
        return int(exc.code or 0)
    return 0


# Inert HTML ------------------------------------------------------------------------------


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[str] = []
        self._in_script: list[str] | None = None
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self._in_script = [f"src={_normal(values.get('src') or '')}"]
        self._in_style = tag == "style"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data") and \
                    scheme(value) in ("javascript", "vbscript", "data"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in ("src", "srcset", "poster", "data") and _remote(value):
                self.problems.append(f"<{tag} {name}={value!r}> fetches another host")
            if name == "style" and "url(" in decoded(value).lower():
                self.problems.append(f"<{tag} style={value!r}>")
        if tag in ("iframe", "object", "embed", "base", "meta") and (
                tag != "meta" or "http-equiv" in values):
            self.problems.append(f"<{tag}>")

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._in_script.append(_normal(data))
        if self._in_style:
            for match in re.finditer(r"url\(\s*['\"]?([^)'\"]*)", data):
                if _remote(match.group(1)):
                    self.problems.append(f"url({match.group(1)}) in <style>")

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        if tag == "script" and self._in_script is not None:
            self.scripts.append("".join(self._in_script))
            self._in_script = None


def _normal(text: str) -> str:
    """Scripts of the theme differ between pages only by relative paths."""
    text = re.sub(r"(\.\./)+|\./", "", text)
    return re.sub(r'"base": ?"[^"]*"', '"base"', text)


def _remote(url: str) -> bool:
    plain = decoded(url).strip()
    if scheme(plain) is None and not plain.startswith("//") and "\\" not in plain:
        return False
    host = re.sub(r"^[a-z]+:", "", plain.lower()).lstrip("/").split("/")[0]
    return host != SITE_HOST


def scan(html: str) -> _Scan:
    parser = _Scan()
    parser.feed(html)
    parser.close()
    return parser


def assert_inert(html: str, where: str, theme_scripts: set[str] | None = None) -> None:
    found = scan(html)
    assert not found.problems, (where, found.problems)
    allowed = theme_scripts if theme_scripts is not None else set()
    assert set(found.scripts) <= allowed, (where, set(found.scripts) - allowed)


# Render and check --------------------------------------------------------------------------


@property_settings(40)
@given(body=fuzz_text, title=fuzz_text, junk=bad_bytes, value=fuzz_text)
def test_render_only_raises_lexdocs_errors_and_makes_inert_html(
        project: Repo, body: str, title: str, junk: bytes, value: str) -> None:
    try:
        _write(project.path / INTRO_PATH, _front(title, "") + body + "\n", junk)
        project.replace(VARS_PATH, "nobody uses this", json.dumps(value))
        project.replace("policy_src/privacy/20-retention.md", "Write to",
                        "{{ unused.note }} Write to")
        code = run_cli(project, "render")
        if code != 0:
            return
        _, docs = render_tree("policy_src", ["privacy"], read_working_tree(project.path))
        for doc, rendered in docs.values():
            assert_inert(rendered.html, doc.path)
            assert_inert(rendered.page, doc.path)
    finally:
        _reset(project)


@property_settings(8, share=4)
@given(summary=fuzz_text, effective=st.one_of(st.dates().map(str), fuzz_text),
       front=fuzz_text, junk=bad_bytes)
def test_check_only_raises_lexdocs_errors(project: Repo, summary: str, effective: str,
                                          front: str, junk: bytes) -> None:
    try:
        _write(project.path / LOG, f"- summary: {summary}\n  effective: {effective}\n", junk)
        _write(project.path / INTRO_PATH,
               _front("Introduction", f"tags: [{front}]\n") + "Text.\n")
        run_cli(project, "check")
        run_cli(project, "versions")
    finally:
        _reset(project)


@property_settings(6, share=4)
@given(body=fuzz_text, junk=bad_bytes, value=fuzz_text, value_junk=bad_bytes)
def test_a_bad_commit_in_history_never_stops_later_commands(
        project: Repo, body: str, junk: bytes, value: str, value_junk: bytes) -> None:
    """Whatever an older commit's sections and variables hold, the versions after it
    still list: one bad commit never poisons later builds."""
    try:
        _write(project.path / INTRO_PATH, _front("Introduction", "") + body + "\n", junk)
        _write(project.path / VARS_PATH, project.read(VARS_PATH).replace(
            "nobody uses this", json.dumps(value)), value_junk)
        project.commit("Fuzzed", "2024-10-01T10:00:00+00:00")
        project.git("checkout", "HEAD~1", "--", "policy_src")
        project.commit("Restored", "2024-10-02T10:00:00+00:00")
        assert run_cli(project, "versions") == 0
    finally:
        project.git("reset", "-q", "--hard", "HEAD~2")
        _reset(project)


# docs/ and mkdocs.yml: what the fuzzing writes there ------------------------------------

# Ways to spell an address of other.example that browsers all open there.
OTHER = st.builds(
    lambda s, user, host, tail: f"{s}{user}{host}{tail}",
    st.sampled_from(["https://", "HTTPS://", "http://", "//", "https:\\\\", "https:/\\",
                     "ht\ttps://", "https:", "\\\\", " https://"]),
    st.sampled_from(["", "chatlio.com@", "chatlio.com:x@", "a%40chatlio.com@"]),
    st.sampled_from(["other.example", "OTHER.example.", "%6Fther.example", "other\u3002example",
                     "xn--bcher-kva.example", "b\u00fccher.example", "0x7f.1", "[::1]"]),
    st.sampled_from(["/x.png", "", "/a/../x.css?q#f", "\\x.js", ":443/x"]))
ACTIVE = ["<script>alert(1)</script>", "<svg onload=alert(1)>", "<img src=x onerror=alert(1)>",
          "<a href='java&#x73;cript:x'>a</a>", "<iframe src='/x'></iframe>",
          "<object data='/x'></object>", "<embed src='/x'>", "<base href='/'>",
          "<meta http-equiv='refresh' content='0;url=/x'>", "<style>@import 'x.css';</style>",
          "<image href='x.png'/>", "<use xlink:href='#a'/>", "<foreignObject>",
          "<p style='color:red'>", "[x](javascript:x)", "![x](x.png)", "```\n<script>x",
          "`<script>`", "<!-- <script> -->", "<", ">", "'", '"', "\n", "\n\n", "    "]
markup_text = st.lists(st.one_of(st.sampled_from(ACTIVE + WEIRD), st.text(max_size=8),
                                 OTHER.map(lambda u: f"<img src='{u}'>"),
                                 OTHER.map(lambda u: f"![x]({u})"),
                                 OTHER.map(lambda u: f"url({u})")), max_size=8).map("".join)
# The site's own Markdown, as MkDocs converts docs/ pages with this project's extensions.
SITE_MARKDOWN = converter(["toc", "tables", "fenced_code", "attr_list", "sane_lists"])


# One build ---------------------------------------------------------------------------------


def _build(repo: Repo, site: Path) -> bool:
    cfg = load_config(str(repo.path / "mkdocs.yml"), site_dir=str(site))
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(cfg)
    except Abort:
        return False
    finally:
        cfg.plugins.on_shutdown()
    return True


def _outputs(site: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".xml"):
            yield path, path.read_text(encoding="utf-8")
        elif path.name == "search_index.json":
            for entry in json.loads(path.read_text(encoding="utf-8"))["docs"]:
                yield path, f"<h1>{entry['title']}</h1>{entry['text']}"


@pytest.fixture(scope="module")
def theme_scripts(project: Repo, tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The scripts a clean build has: the theme's own."""
    site = tmp_path_factory.mktemp("clean") / "site"
    assert _build(project, site)
    return {s for _, html in _outputs(site) for s in scan(html).scripts}


@property_settings(2, share=10)
@given(body=fuzz_text, title=fuzz_text, value=fuzz_text, summary=fuzz_text, page=markup_text)
def test_a_built_site_is_inert(project: Repo, theme_scripts: set[str], tmp_path: Path,
                               body: str, title: str, value: str, summary: str,
                               page: str) -> None:
    site = tmp_path / "site"
    try:
        _write(project.path / "docs" / "page.md", f"# Page\n\n{page}\n")
        _write(project.path / INTRO_PATH, _front(json.dumps(title), "") + body + "\n")
        project.replace(VARS_PATH, "nobody uses this", json.dumps(value))
        project.replace("policy_src/privacy/20-retention.md", "Write to",
                        "{{ unused.note }} Write to")
        project.write(LOG, f"- summary: {json.dumps(summary)}\n  effective: 2024-12-01\n")
        project.commit("Fuzzed edit", "2024-10-01T10:00:00+00:00")
        if not _build(project, site):
            return
        for path, html in _outputs(site):
            assert_inert(html, str(path), theme_scripts)
    finally:
        project.git("reset", "-q", "--hard", "HEAD~1")
        _reset(project)


@pytest.mark.parametrize("html", [
    "<p onclick='x()'>a</p>", "<a href='JAVA&#x53;CRIPT:x'>a</a>", "<img src='//cdn.example/a'>",
    "<img src='https://cdn.example/a'>", "<p style='background:url(x)'>a</p>",
    "<style>p{background:url(https://cdn.example/a)}</style>", "<script>alert(1)</script>",
    "<iframe src='a'></iframe>",
])
def test_the_scanner_sees_what_it_must_refuse(html: str) -> None:
    """The inertness check itself can fail: each of these is caught."""
    with pytest.raises(AssertionError):
        assert_inert(html, "sample", {"src=assets/lexdocs.js"})
    assert_inert("<p>url(//cdn.example/a) is text</p><img src='a.png'>"
                 "<a href='https://chatlio.com/legal/'>x</a>", "sample")


# docs/ and mkdocs.yml ----------------------------------------------------------------------

@property_settings(60)
@given(text=markup_text, kind=st.sampled_from(["page.md", "logo.svg", "extra.html", "s.css"]))
def test_a_docs_file_the_guard_passes_is_inert(text: str, kind: str) -> None:
    """Whatever a file in docs/ holds, the guard finds its problems or the file is inert:
    no script, no handler, no script link, nothing fetched from another host."""
    data = text.encode("utf-8", "surrogatepass")
    errors = [f for f in check_file(f"docs/{kind}", data, SITE_MARKDOWN, SITE_HOST)
              if f.severity == "error"]
    assert all(f.path == f"docs/{kind}" and f.line and "\n" not in f.message for f in errors)
    if errors:
        return
    plain = data.decode("utf-8", "replace")
    if kind.endswith(".md"):
        html = SITE_MARKDOWN(plain)
    elif kind.endswith(".css"):
        html = f"<style>{plain}</style>"
    else:
        html = plain
    found = scan(html)
    assert found.scripts == [], found.scripts
    # Local styles are the site's own business; everything else the scanner sees is a miss.
    assert [p for p in found.problems if " style=" not in p] == [], (text, found.problems)


@property_settings(40)
@given(url=OTHER, key=st.sampled_from(["extra_javascript", "extra_css", "logo", "favicon"]))
def test_any_spelling_of_another_host_in_mkdocs_yml_stops_the_build(url: str, key: str) -> None:
    settings: dict[str, object] = {"site_url": "https://chatlio.com/legal/",
                                   "theme": {"name": "material", "font": False}}
    if key in ("logo", "favicon"):
        settings["theme"] = {"name": "material", "font": False, key: url}
    else:
        settings[key] = [url]
    text = "site_url: https://chatlio.com/legal/\ntheme:\n  name: material\n" \
           f"  {key}: x\n" if key in ("logo", "favicon") else f"{key}:\n  - x\n"
    found = check_settings(settings, "mkdocs.yml", text)
    assert [f.severity for f in found] == ["error"], (url, found)
    assert found[0].line == (4 if key in ("logo", "favicon") else 2), found


@property_settings(40)
@given(values=st.dictionaries(
    st.sampled_from(["site_url", "extra_javascript", "extra_css", "theme", "dev_addr",
                     "repo_url", "extra"]),
    st.one_of(st.none(), st.booleans(), fuzz_text, st.lists(fuzz_text, max_size=3),
              st.dictionaries(st.sampled_from(["name", "font", "logo", "favicon", "path",
                                               "analytics"]),
                              st.one_of(st.none(), st.booleans(), fuzz_text), max_size=4))),
    text=fuzz_text)
def test_mkdocs_yml_keys_of_any_shape_give_findings_not_exceptions(
        values: dict[str, object], text: str) -> None:
    for f in check_settings(values, "mkdocs.yml", text):
        assert f.path == "mkdocs.yml" and "\n" not in f.message
