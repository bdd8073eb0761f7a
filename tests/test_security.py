"""Whatever is committed, the build publishes an inert site or stops with one line.

Each hostile input is tried twice: through `lexdocs render` (exit status, one
line naming the file and line, no traceback) and through a build of a site
that was built before (which must stay byte for byte as it was).
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from lexdocs.cli import main
from lexdocs.errors import GitError
from lexdocs.history.versions import load_histories
from tests.conftest import INTRO, RETENTION, Repo, lexdocs, write_project

INTRO_PATH = "policy_src/privacy/10-intro.md"
RET_PATH = "policy_src/privacy/20-retention.md"
LOG = "policy_src/privacy/changes.yml"
DOC = "policy_src/privacy/document.yml"
FRONT = "---\nid: intro\ntitle: Introduction\n---\n"  # the body starts on line 5
EPOCH = "1740787200"  # 2025-03-01


Built = tuple[Repo, Path, dict[str, bytes]]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(path: Path, site: Path, caplog: pytest.LogCaptureFixture) -> str | None:
    """Build in this process; the error line MkDocs logged, or None on success."""
    caplog.clear()
    cfg = load_config(str(path / "mkdocs.yml"), site_dir=str(site))
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(cfg)
    except Abort:
        errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        return errors[0] if errors else "aborted"
    finally:
        cfg.plugins.on_shutdown()
    return None


def render(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`lexdocs render` in this process: exit status and what it wrote to stderr."""
    with pytest.raises(SystemExit) as ended:
        main(["-C", str(path), "render"])
    code = ended.value.code
    return (code if isinstance(code, int) else 1), capsys.readouterr().err


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """One committed project and the site built from it, for every case to try to spoil."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    repo = Repo(tmp_path_factory.mktemp("sec") / "repo")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    site = repo.path.parent / "site"
    cfg = load_config(str(repo.path / "mkdocs.yml"), site_dir=str(site))
    mkdocs_build(cfg)
    yield repo, site, snapshot(site)
    if old is None:
        del os.environ["SOURCE_DATE_EPOCH"]
    else:
        os.environ["SOURCE_DATE_EPOCH"] = old


def _restore(repo: Repo) -> None:
    """The committed project again, for the next case."""
    repo.git("checkout", "-q", "--", ".")
    repo.git("clean", "-qfd")


def _link(repo: Repo, rel: str, target: str) -> None:
    p = repo.path / rel
    p.unlink(missing_ok=True)
    p.symlink_to(target)


def _body(body: str) -> Callable[[Repo], None]:
    return lambda repo: repo.write(INTRO_PATH, FRONT + body + "\n")


def _bytes(rel: str, data: bytes) -> Callable[[Repo], None]:
    return lambda repo: (repo.path / rel).write_bytes(data)


BOMB = "z0: &z0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"z{i}: &z{i} [{', '.join([f'*z{i - 1}'] * 10)}]\n" for i in range(1, 9))

CASES: list[tuple[str, Callable[[Repo], None], str, str]] = [
    # (case, how to spoil the working tree, the error's "file:line: ", words it must say)
    ("symlink-section", lambda r: _link(r, RET_PATH, "/proc/self/environ"),
     f"{RET_PATH}: ", "is a symbolic link"),
    ("symlink-include", lambda r: (_link(r, "policy_src/privacy/_cfg.md", "../../.git/config"),
                                   _body("{% include 'privacy/_cfg.md' %}")(r)),
     "policy_src/privacy/_cfg.md: ", "is a symbolic link"),
    ("include-dotdot", _body("{% include '../../../../etc/passwd' %}"),
     f"{INTRO_PATH}:5: ", "cannot include"),
    ("extends-dotdot", _body("{% extends '../.git/config' %}"),
     f"{INTRO_PATH}:5: ", "cannot include"),
    ("include-absolute", _body("{% include '/etc/passwd' %}"),
     f"{INTRO_PATH}:5: ", "cannot include"),
    ("include-computed", _body("{% include 'pri' ~ 'vacy/x.md' %}"),
     f"{INTRO_PATH}:5: ", "must name its file"),
    ("include-missing", _body("{% include 'privacy/nope.md' %}"),
     f"{INTRO_PATH}:5: ", "does not exist"),
    ("include-self", _body("Text.\n{% include 'privacy/10-intro.md' %}"),
     f"{INTRO_PATH}:6: ", "leads back"),
    ("javascript-link", _body("[x](javascript:alert(1))"),
     f"{INTRO_PATH}:5: ", "link scheme 'javascript:'"),
    ("javascript-mixed-case", _body("Hi.\n\n[x](JaVaScRiPt:alert(1))"),
     f"{INTRO_PATH}:7: ", "link scheme 'javascript:'"),
    ("javascript-entities", _body("[x](&#106;avascript&#x3A;alert(1))"),
     f"{INTRO_PATH}:5: ", "link scheme 'javascript:'"),
    ("javascript-tab", _body("[x](java&#9;script:alert(1))"),
     f"{INTRO_PATH}:5: ", "link scheme 'javascript:'"),
    ("data-link", _body("[x](data:text/html,<b>)"), f"{INTRO_PATH}:5: ", "link scheme 'data:'"),
    ("remote-image", _body("![p](https://other.example/p.png)"),
     f"{INTRO_PATH}:5: ", "is not on this site"),
    ("protocol-relative-image", _body("![p](//other.example/p.png)"),
     f"{INTRO_PATH}:5: ", "is not on this site"),
    ("file-image", _body("![p](file:///etc/passwd)"), f"{INTRO_PATH}:5: ", "is not on this site"),
    ("data-image", _body("![p](data:image/svg+xml,%3Csvg%3E%3C/svg%3E)"), f"{INTRO_PATH}:5: ",
     "a 'data:' address is no file of this site"),
    ("huge-string", _body("{{ 'a' * 10**9 }}"), f"{INTRO_PATH}:5: ", "stopped"),
    ("huge-range", _body("{% for i in range(10**9) %}x{% endfor %}"),
     f"{INTRO_PATH}:5: ", "stopped"),
    ("nested-loops", _body("{% for i in range(99999) %}{% for j in range(99999) %}"
                           "{% endfor %}{% endfor %}"), f"{INTRO_PATH}:5: ", "stopped"),
    ("doubling", _body("{% set ns = namespace(x='ab') %}{% for i in range(60) %}"
                       "{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x }}"),
     f"{INTRO_PATH}:5: ", "stopped"),
    ("huge-power", _body("{{ 7 ** 99999999 }}"), f"{INTRO_PATH}:5: ", "stopped"),
    ("huge-center", _body("{{ 'a'|center(10**8) }}"), f"{INTRO_PATH}:5: ", "stopped"),
    ("format-width", _body("{{ '%999999999s' % 'a' }}"), f"{INTRO_PATH}:5: ", "sandbox"),
    ("zero-division", _body("{{ 1 // 0 }}"), f"{INTRO_PATH}:5: ", "ZeroDivisionError"),
    ("type-error", _body("{{ 'a' + 1 }}"), f"{INTRO_PATH}:5: ", "TypeError"),
    ("deep-nesting", _body("{{ " + "(" * 600 + "1" + ")" * 600 + " }}"),
     f"{INTRO_PATH}:5: ", "nested too deeply"),
    ("deep-markdown", _body("- " * 2000 + "x"), f"{INTRO_PATH}:5: ", "nested too deeply"),
    # libyaml's composer crashed the process on these (a segmentation fault, no word)
    ("yaml-deep-flow", lambda r: r.write("policy_src/variables.yml", r.read(
        "policy_src/variables.yml") + "x: " + "[" * 50000 + "]" * 50000 + "\n"),
     "policy_src/variables.yml:1: ", "nested too deeply"),
    ("yaml-deep-compact", lambda r: r.write(INTRO_PATH, "---\nid: intro\ntitle: I\nx:\n"
                                            + "- " * 40000 + "y\n---\nText.\n"),
     f"{INTRO_PATH}:2: ", "nested too deeply"),
    ("yaml-control-char", _bytes(INTRO_PATH, b"---\nid: intro\ntitle: A\x07B\n---\nx\n"),
     f"{INTRO_PATH}:3: ", "cannot appear in YAML"),
    ("yaml-alias-bomb", lambda r: r.write(INTRO_PATH, "---\nid: intro\ntitle: I\n" + BOMB
                                          + "---\nx\n"),
     f"{INTRO_PATH}:4: ", "is repeated with an alias"),
    ("yaml-self-alias", lambda r: r.write(INTRO_PATH, "---\nx: &a [*a]\nid: intro\n---\nx\n"),
     f"{INTRO_PATH}:2: ", "alias"),
    ("not-utf8", _bytes(INTRO_PATH, FRONT.encode() + b"ok\n\xff\xfe bad\n"),
     f"{INTRO_PATH}:6: ", "is not UTF-8"),
    ("not-utf8-variables", _bytes("policy_src/variables.yml", b"a:\n  b: \xe9\n"),
     "policy_src/variables.yml:2: ", "is not UTF-8"),
    # Errors a template raises that once reached the "unexpected" catch-all.
    ("filter-wrong-type", _body("{{ 5|wordwrap }}"), f"{INTRO_PATH}:5: ", "AttributeError"),
    ("empty-cycler", _body("Text.\n\n{{ cycler() }}"), f"{INTRO_PATH}:7: ", "RuntimeError"),
    ("truncate-short", _body("{{ 'abcdef'|truncate(1) }}"), f"{INTRO_PATH}:5: ",
     "AssertionError"),
    ("huge-literal", _body("{{ " + "9" * 5000 + " }}"), f"{INTRO_PATH}:5: ", "ValueError"),
    ("float-overflow", _body("{{ 10**400|float }}"), f"{INTRO_PATH}:5: ", "OverflowError"),
    ("surrogate-output", _body("{{ '\\udcff' }}"), f"{INTRO_PATH}:5: ", "U+DCFF"),
    # Only text, numbers and declared values are printed: no memory addresses.
    ("generator-output", _body("{{ range(3) }}"), f"{INTRO_PATH}:5: ", "not a generator"),
    ("group-output", _body("{{ retention }}"), f"{INTRO_PATH}:5: ", "group of values"),
    ("none-output", _body("{{ none }}"), f"{INTRO_PATH}:5: ", "not 'None'"),
    # Budgets: Markdown and includes.
    ("bracket-run", _body("[" * 40000), f"{INTRO_PATH}:5: ", "seconds to convert"),
    # A source file over the size limit is refused whole, before it is read as text.
    ("source-size", lambda r: r.write(INTRO_PATH, FRONT + "word " * 250_001),
     f"{INTRO_PATH}: ", "larger than a source file may be"),
    ("include-bomb", lambda r: _include_bomb(r), f"{INTRO_PATH}:5: ", "steps"),
    # Control characters, refused where they are written.
    ("title-nul", lambda r: r.write(INTRO_PATH, FRONT.replace("Introduction", '"A\\0B"') + "x\n"),
     f"{INTRO_PATH}:3: ", "U+0000"),
    ("title-escape", lambda r: r.write(INTRO_PATH, FRONT.replace(
        "Introduction", '"\\e[2J\\e[31mIntro"') + "x\n"), f"{INTRO_PATH}:3: ", "U+001B"),
    ("title-vertical-tab", lambda r: r.write(INTRO_PATH, FRONT.replace(
        "Introduction", '"A\\vB"') + "x\n"), f"{INTRO_PATH}:3: ", "U+000B"),
    ("document-title-cr", lambda r: r.replace(DOC, "title: Privacy Statement",
                                              'title: "Privacy\\rBcc: victim@example.com"'),
     f"{DOC}:1: ", "U+000D"),
    ("variable-escape", lambda r: r.replace("policy_src/variables.yml", "value: 90 days",
                                            'value: "90 days\\e[8m"'),
     "policy_src/variables.yml:7: ", "U+001B"),
    ("body-escape", _body("Text.\n\nMore \x1b[2J text."), f"{INTRO_PATH}:7: ", "U+001B"),
    ("line-separator", _body("Text\u2028more."), f"{INTRO_PATH}:5: ", "U+2028"),
    # Links whose host a browser reads otherwise than a reader does.
    ("backslash-host", _body("[opt out](https:\\\\other.example/x)"), f"{INTRO_PATH}:5: ",
     "a backslash"),
    # "\\@" is an escaped "@" (CommonMark): the link names a user before the host
    ("backslash-at", _body("[opt out](https://other.example\\@chatlio.com/x)"),
     f"{INTRO_PATH}:5: ", "names a user before '@'"),
    ("tab-in-scheme", _body("[opt out](ht&#9;tps://other.example/x)"), f"{INTRO_PATH}:5: ",
     "U+0009"),
    ("credentials", _body("[opt out](https://chatlio.com@other.example/x)"),
     f"{INTRO_PATH}:5: ", "browsers open other.example"),
    ("backslash-image", _body("![p](/\\other.example/p.png)"), f"{INTRO_PATH}:5: ",
     "is not on this site"),
    # Section text cannot dress as the site's banner or a dialog.
    ("class-banner", _body("Text.\n{: .lx-banner .md-dialog--active }"), f"{INTRO_PATH}:6: ",
     "the class 'lx-banner' is not allowed"),
    ("class-on-heading", _body("# Head {: .md-dialog--active }"), f"{INTRO_PATH}:5: ",
     "the class 'md-dialog--active'"),
    ("include-escape", lambda r: (r.write("policy_src/privacy/_x.md", "ok\nbad \x1b[2J\n"),
                                  _body("{% include 'privacy/_x.md' %}")(r)),
     "policy_src/privacy/_x.md:2: ", "U+001B"),
]


def _include_bomb(repo: Repo) -> None:
    """Ten small files, each including the next ten times: 10**10 renders from 2 KB."""
    for level in range(10):
        inner = f"{{% include 'privacy/_b{level + 1}.md' %}}" * 10 if level < 9 else "x"
        repo.write(f"policy_src/privacy/_b{level}.md", inner + "\n")
    _body("{% include 'privacy/_b0.md' %}")(repo)


@pytest.mark.parametrize(("case", "spoil", "where", "words"), CASES, ids=[c[0] for c in CASES])
def test_hostile_input_is_one_line_and_the_site_stays(
        built: Built, case: str, spoil: Callable[[Repo], None],
        where: str, words: str, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, site, before = built
    if words == "seconds to convert":
        # the time budget itself, not its size, is under test: a fraction of the real
        # one stops the same runaway conversion, and the suite spends 2.5 s less on it
        from lexdocs.render import tohtml
        assert tohtml.MAX_MARKDOWN_SECONDS <= 10  # a reader's build never waits longer
        monkeypatch.setattr(tohtml, "MAX_MARKDOWN_SECONDS", 0.5)
    try:
        spoil(repo)
        started = time.monotonic()
        code, err = render(repo.path, capsys)
        # Budgets stop a runaway render in seconds (40,000 '[' once took ten minutes).
        assert time.monotonic() - started < 30, case
        assert code == 1, err
        assert "Traceback" not in err
        assert err.count("\n") == 1, err
        assert err.startswith(f"error: {where}"), err
        assert words in err, err
        message = build(repo.path, site, caplog)
        assert message is not None and where in message and words in message, message
        assert "Traceback" not in caplog.text
        assert snapshot(site) == before
    finally:
        _restore(repo)


def test_a_template_cannot_hang_the_build(built: Built,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The budget is in steps and seconds: loops over a long text still stop."""
    repo, _, _ = built
    try:
        _body("{% set s = 'a' * 150000 %}{% for a in s %}{% for b in s %}{% endfor %}"
              "{% endfor %}")(repo)
        code, err = render(repo.path, capsys)
        assert code == 1 and "stopped" in err, err
    finally:
        repo.git("checkout", "-q", "--", ".")


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.extend((tag, k, v) for k, v in attrs)


def attributes(html: str) -> list[tuple[str, str, str | None]]:
    parser = _Attributes()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("body", [
    "para\n{: #keep .note onclick=\"alert(1)\" style=\"background:url(https://x.example/a)\" }",
    "# Head {: #keep .note onmouseover=alert(1) }",
    "| a |\n|:-|\n| x |\n{: #keep .note onclick=alert(1) }",
    "[x](https://example.com){: #keep .note onclick=alert(1) target=_blank }",
])
def test_attr_list_sets_only_id_and_class(body: str) -> None:
    from lexdocs.render import tohtml

    found = attributes(tohtml.to_html(body))
    names = {name for _, name, _ in found}
    assert {"id", "class"} <= names
    assert names <= {"id", "class", "href", "style"}, found
    assert all(v == "text-align: left;" for _, name, v in found if name == "style"), found


def test_title_cannot_add_attributes_through_the_site_markdown(
        built: Built, caplog: pytest.LogCaptureFixture) -> None:
    """Section HTML reaches MkDocs inside a raw block; the heading line is Markdown, so a
    title with attr_list syntax must stay text there too."""
    repo, site, _ = built
    out = site.parent / "site-title"
    try:
        repo.replace(INTRO_PATH, "title: Introduction",
                     'title: "Intro {: onclick=alert(1) #x }"')
        repo.replace(INTRO_PATH, "how we handle",
                     "how we {: onclick=alert(2) } handle\n{: onclick=alert(3) }\n\nAnd")
        assert build(repo.path, out, caplog) is None
        html = (out / "privacy" / "index.html").read_text(encoding="utf-8")
        assert "onclick" not in html.replace("{: onclick=alert(", "")
        assert "Intro {: onclick=alert(1) #x }" in html
    finally:
        repo.git("checkout", "-q", "--", ".")
        shutil.rmtree(out, ignore_errors=True)


def test_missing_git_is_one_line(built: Built,
                                 tmp_path: Path) -> None:
    repo, _, _ = built
    env = dict(os.environ, PATH=str(tmp_path), PYTHONPATH=str(Path(__file__).parent.parent))
    env.pop("GIT_PYTHON_GIT_EXECUTABLE", None)
    result = subprocess.run([sys.executable, "-m", "lexdocs", "-C", str(repo.path), "versions"],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "git is not installed or not on PATH" in result.stderr


def test_an_unexpected_exception_is_one_line_unless_debug(
        built: Built, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _, _ = built

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("boom")

    monkeypatch.setattr("lexdocs.cli.working_documents", broken)
    code, err = render(repo.path, capsys)
    assert code == 2 and err.count("\n") == 1 and "run with --debug" in err
    assert "KeyError" in err and "Traceback" not in err
    with pytest.raises(KeyError):
        main(["-C", str(repo.path), "--debug", "render"])


def test_an_unexpected_exception_in_a_build_is_one_line(
        built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """The plugin's twin of the CLI's catch-all: MkDocs prints a PluginError as one line."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    repo, _, _ = built

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("boom")

    monkeypatch.setattr("lexdocs.engines.tree.publishable_timelines", broken)
    with pytest.raises(Abort):
        build(load_config(str(repo.path / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "\n" not in errors[0], errors
    assert "KeyError" in errors[0] and "a bug in lexdocs" in errors[0]


# History -----------------------------------------------------------------------------


def _history_project(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "hist")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    return repo


def test_hostile_commit_in_history_is_refused_and_later_builds_work(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    repo = _history_project(tmp_path)
    # A hostile pull request: a symlinked section, script and an attachment link.
    _link(repo, RET_PATH, "/proc/self/environ")
    repo.write(INTRO_PATH, INTRO.replace(
        "explains", "explains [a](file:///etc/passwd){: rel=attachment } "
                    "<script>alert(1)</script> ![x](https://other.example/t.png)"))
    repo.write("policy_src/privacy/document.yml",
               repo.read("policy_src/privacy/document.yml").replace(
                   "Privacy Statement", "Privacy <script>alert(1)</script>"))
    repo.commit("Hostile", "2024-10-01T10:00:00+00:00")
    # As the newest commit, the build refuses it with one clear line.
    message = build(repo.path, tmp_path / "site", caplog)
    assert message is not None and f"{RET_PATH}: is a symbolic link" in message, message
    assert not (tmp_path / "site").exists()
    # Fixed in the next commit: the site builds, the hostile version is skipped and said once.
    (repo.path / RET_PATH).unlink()
    repo.write(RET_PATH, RETENTION)
    repo.write(INTRO_PATH, INTRO)
    repo.git("checkout", "HEAD~1", "--", "policy_src/privacy/document.yml")
    repo.commit("Undo the hostile commit", "2024-10-02T10:00:00+00:00")
    assert build(repo.path, tmp_path / "site", caplog) is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING
                and "symbolic link" in r.getMessage()]
    assert len(warnings) == 1 and RET_PATH in warnings[0], warnings
    for page in (tmp_path / "site").rglob("*"):
        if page.suffix in (".html", ".xml", ".json"):
            text = page.read_text(encoding="utf-8")
            assert "alert(1)</script>" not in text and "other.example" not in text, page
            assert "file:///" not in text and "environ" not in text, page


def test_symlink_in_the_newest_commit_is_an_error_naming_the_commit(tmp_path: Path) -> None:
    repo = _history_project(tmp_path)
    _link(repo, RET_PATH, "../../.git/config")
    sha = repo.commit("Link", "2024-10-01T10:00:00+00:00")
    (repo.path / RET_PATH).unlink()
    repo.write(RET_PATH, RETENTION)  # the working tree is fine; the commit is not
    with pytest.raises(GitError) as err:
        load_histories(repo.path, "policy_src", ["privacy"], _utc())
    assert str(err.value).startswith(f"{RET_PATH}: is a symbolic link in commit {sha[:10]}")


def test_bad_bytes_in_history_skip_one_version_with_one_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    repo = _history_project(tmp_path)
    (repo.path / RET_PATH).write_bytes(RETENTION.replace("We keep", "We k\xe9ep").encode("latin-1"))
    (repo.path / LOG).write_bytes(b"- summary: \xff\n  effective: 2024-12-01\n")
    bad = repo.commit("Latin-1", "2024-10-01T10:00:00+00:00")
    repo.write(INTRO_PATH, INTRO.replace("explains", "tells"))  # the bad bytes stay here
    repo.commit("Another edit", "2024-10-05T10:00:00+00:00")
    repo.write(RET_PATH, RETENTION.replace("We keep", "We retain"))
    repo.write(LOG, "")
    repo.commit("Fixed", "2024-11-01T10:00:00+00:00")
    caplog.set_level(logging.WARNING, logger="lexdocs")
    history = load_histories(repo.path, "policy_src", ["privacy"], _utc())["privacy"]
    assert [v.id for v in history.versions] == ["2024-09-01", "2024-11-01"]
    warned = [r.getMessage() for r in caplog.records if "not UTF-8" in r.getMessage()]
    assert len(warned) == 2, warned  # the section and the change log, each once
    assert all(f"in commit {bad[:10]}" in w for w in warned)
    assert any(f"{RET_PATH}:6: is not UTF-8" in w for w in warned)


def test_bad_bytes_in_the_newest_commit_are_an_error(tmp_path: Path) -> None:
    repo = _history_project(tmp_path)
    (repo.path / RET_PATH).write_bytes(RETENTION.encode() + b"\xc3\n")
    sha = repo.commit("Broken", "2024-10-01T10:00:00+00:00")
    repo.write(RET_PATH, RETENTION)
    with pytest.raises(GitError) as err:
        load_histories(repo.path, "policy_src", ["privacy"], _utc())
    assert str(err.value).startswith(f"{RET_PATH}:9: is not UTF-8 text (byte 0xc3) in commit "
                                     f"{sha[:10]}")


def _utc() -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo("UTC")


# Network and reproducibility ------------------------------------------------------------


def test_a_build_connects_nowhere_and_is_reproducible(
        built: Built, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    repo, _, before = built
    calls: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        calls.append(address)
        raise OSError("no network during a build")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection",
                        lambda *a, **k: refuse(None, a))  # type: ignore[arg-type]
    assert build(repo.path, tmp_path / "again", caplog) is None
    assert calls == []
    assert snapshot(tmp_path / "again") == before  # same sources, same epoch: same bytes


def test_a_symlinked_folder_in_an_older_commit_skips_that_commit_only(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A commit that turned the document's folder into a link is skipped with a warning,
    like a linked file: later commits that undo it still build."""
    repo = _history_project(tmp_path)
    real = repo.path / "policy_src/privacy"
    real.rename(repo.path / "elsewhere")
    real.symlink_to("../elsewhere")
    repo.commit("Folder becomes a link", "2024-10-01T10:00:00+00:00")
    real.unlink()
    (repo.path / "elsewhere").rename(real)
    repo.replace(INTRO_PATH, "explains", "tells")
    repo.commit("Folder back", "2024-11-01T10:00:00+00:00")
    caplog.set_level(logging.WARNING, logger="lexdocs")
    for build in ("first", "second, with the renders the first one kept"):
        caplog.clear()
        history = load_histories(repo.path, "policy_src", ["privacy"], _utc())["privacy"]
        assert [v.id for v in history.versions] == ["2024-09-01", "2024-11-01"], build
        warned = [r.getMessage() for r in caplog.records if "symbolic link" in r.getMessage()]
        assert len(warned) == 1 and "policy_src/privacy" in warned[0], (build, warned)


@pytest.mark.parametrize("bad", ["{{ 5|wordwrap }}", "{{ cycler() }}", "{{ range(3) }}"])
def test_a_template_error_in_an_older_commit_is_a_warning_naming_it(
        tmp_path: Path, bad: str, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    """Fixed in the next commit, a template error no table knew once failed every later
    build, `check` and `diff`: now the bad commit is skipped, said once by its id."""
    repo = _history_project(tmp_path)
    repo.write(INTRO_PATH, INTRO + bad + "\n")
    sha = repo.commit("Broken template", "2024-10-01T10:00:00+00:00")
    repo.write(INTRO_PATH, INTRO)
    repo.commit("Fixed", "2024-10-02T10:00:00+00:00")
    site = tmp_path / "site"
    assert build(repo.path, site, caplog) is None
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING
              and sha[:10] in r.getMessage()]
    assert len(warned) == 1 and f"{INTRO_PATH}:6: " in warned[0], warned
    assert "unexpected" not in caplog.text
    capsys.readouterr()
    for command in (["check", "--today", "2025-06-01"], ["diff", "privacy"], ["versions"]):
        code = lexdocs("-C", str(repo.path), *command)
        out = capsys.readouterr()
        assert code == 0, (command, out.err)
        assert "unexpected" not in out.err and out.out.strip(), (command, out)


def test_control_characters_never_reach_the_terminal_or_a_notice(
        built: Built, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    """A CR in a title would start a "Bcc:" header in notice.json's subject, an ESC would
    rewrite the terminal of whoever runs `lexdocs versions`: refused in the change log too."""
    repo, site, before = built
    try:
        repo.write(LOG, '- summary: "Fixed\\e]0;owned\\a"\n  effective: 2024-12-01\n')
        for command in ("check", "versions"):
            with pytest.raises(SystemExit) as ended:
                main(["-C", str(repo.path), command])
            err = capsys.readouterr().err
            assert ended.value.code == 1, err
            assert err.startswith(f"error: {LOG}:1: the summary contains the control "
                                  "character U+001B"), err
            assert err.count("\n") == 1 and "\x1b" not in err
        message = build(repo.path, site, caplog)
        assert message is not None and f"{LOG}:1: " in message, message
        assert snapshot(site) == before
    finally:
        _restore(repo)


@pytest.mark.parametrize("new", [
    "https:\\\\other.example/x", "https://other.example\\@chatlio.com/x",
    "ht\ttps://other.example/x", "https://chatlio.com\n@other.example/x", "//other.example/x",
    "https://%6Fther.example/x", "https://OTHER.example./x", "HTTPS://b\u00fccher.example/",
    "https://chatlio.com@other.example/", "https://0x7f.1/",
])
def test_a_link_host_is_read_as_browsers_read_it(new: str) -> None:
    """Each of these opens another organisation's site in every browser; none may pass as
    link maintenance within chatlio.com."""
    from lexdocs.review.links import judge

    verdict = judge("https://chatlio.com/legal/privacy/", new, "opt out",
                    home="https://chatlio.com/legal/")
    assert verdict.material and verdict.rule == "link-other-site", verdict
    assert "chatlio.com" not in verdict.evidence[-1], verdict.evidence


def test_a_link_within_the_site_stays_maintenance_however_spelt() -> None:
    from lexdocs.review.links import judge

    for new in ("/legal/terms/", "HTTPS://CHATLIO.COM./legal/", "https://help.chatlio.com/x",
                "#retention", "../terms/"):
        verdict = judge("https://chatlio.com/legal/privacy/", new, "opt out",
                        home="https://chatlio.com/legal/")
        assert not verdict.material, (new, verdict)


# docs/ and mkdocs.yml --------------------------------------------------------------------

MK = "mkdocs.yml"
PAGE = "docs/page.md"


def _mk(old: str, new: str) -> Callable[[Repo], None]:
    return lambda repo: repo.replace(MK, old, new)


def _mk_line(repo: Repo, needle: str) -> int:
    return next(i for i, line in enumerate(repo.read(MK).split("\n"), 1) if needle in line)


SITE_CASES: list[tuple[str, Callable[[Repo], None], str, str]] = [
    # (case, how to spoil the project, the error's "file:line: " (a mkdocs.yml line is
    # found by the text after '@'), words it must say)
    ("link-to-git-config", lambda r: _link(r, "docs/config.txt", "../.git/config"),
     "docs/config.txt: ", "it is a symbolic link"),
    ("link-to-passwd", lambda r: _link(r, "docs/passwd", "/etc/passwd"),
     "docs/passwd: ", "symbolic link"),
    ("linked-folder", lambda r: _link(r, "docs/etc", "/etc"), "docs/etc: ", "symbolic link"),
    ("page-script", lambda r: r.write(PAGE, "# Page\n\nText.\n<script>alert(1)</script>\n"),
     f"{PAGE}:4: ", "<script>"),
    ("page-event-handler", lambda r: r.write(PAGE, "# Page\n\n<img src=a.png onerror=alert(1)>\n"),
     f"{PAGE}:3: ", "'onerror' attribute"),
    ("page-javascript-link", lambda r: r.write(PAGE, "# Page\n\n[x](javascript:alert(1))\n"),
     f"{PAGE}:3: ", "'javascript:' scheme"),
    ("page-remote-image", lambda r: r.write(PAGE, "# P\n\n![t](https://other.example/t.png)\n"),
     f"{PAGE}:3: ", "not a file of this site"),
    ("page-iframe", lambda r: r.write(PAGE, "# P\n\n<iframe src=\"/x\"></iframe>\n"),
     f"{PAGE}:3: ", "<iframe>"),
    ("svg-script", lambda r: r.write("docs/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg">'
                                     "\n<script>alert(1)</script></svg>\n"),
     "docs/logo.svg:2: ", "<script>"),
    ("svg-onload", lambda r: r.write("docs/logo.svg", '<svg onload="alert(1)"/>\n'),
     "docs/logo.svg:1: ", "'onload' attribute"),
    ("svg-remote-image", lambda r: r.write("docs/logo.svg", "<svg>\n<image href="
                                           '"https://other.example/i.png"/></svg>\n'),
     "docs/logo.svg:2: ", "not a file of this site"),
    ("html-script", lambda r: r.write("docs/extra.html", "<p>x</p>\n<script src=a.js></script>"),
     "docs/extra.html:2: ", "<script>"),
    ("script-file", lambda r: r.write("docs/assets/lexdocs/lexdocs.js", "alert(1)\n"),
     "docs/assets/lexdocs/lexdocs.js: ", "a script in docs/"),
    ("css-import", lambda r: r.write("docs/site.css", "p {}\n@import url(https://other.example/c.css);\n"),
     "docs/site.css:2: ", "not a file of this site"),
    ("extra-javascript", _mk("extra:\n", "extra_javascript:\n  - https://other.example/x.js\n"
                             "extra:\n"), f"{MK}:@- https://other.example/x.js",
     "'extra_javascript.0'"),
    ("extra-javascript-local", _mk("extra:\n", "extra_javascript: [js/mine.js]\nextra:\n"),
     f"{MK}:@extra_javascript", "other than the theme's and lexdocs' own"),
    ("extra-css", _mk("extra:\n", "extra_css:\n  - //other.example/x.css\nextra:\n"),
     f"{MK}:@- //other.example/x.css", "'extra_css.0'"),
    ("theme-font", _mk("font: false ", "font: {text: Roboto} "), f"{MK}:@font:",
     "'theme.font'"),
    ("theme-font-absent", _mk("  font: false ", "  # "), f"{MK}:@theme:", "'theme.font'"),
    ("theme-logo", _mk("  language: en\n", "  language: en\n  logo: https://other.example/l.png\n"),
     f"{MK}:@logo:", "'theme.logo'"),
    ("custom-dir-script", lambda r: (r.write("overrides/main.html", '{% extends "base.html" %}\n'
                                             '<script src="https://other.example/x.js"></script>\n'),
                                     _mk("  language: en\n", "  language: en\n"
                                         "  custom_dir: overrides\n")(r)),
     "overrides/main.html:2: ", "<script>"),
    ("repo-url", _mk("extra:\n", "repo_url: https://github.com/o/r\nextra:\n"), f"{MK}:@repo_url",
     "github.com"),
    # the theme prints these as written, in every page
    ("copyright-script", _mk("extra:\n", "copyright: '<script>alert(1)</script>'\nextra:\n"),
     f"{MK}:@copyright", "'copyright': <script>"),
    ("site-author-image", _mk("extra:\n", "site_author: '<img src=https://other.example/i.png>'"
                              "\nextra:\n"), f"{MK}:@site_author", "not a file of this site"),
    ("consent-handler", _mk("extra:\n", "extra:\n  consent:\n    title: Cookies\n"
                            "    description: '<b onmouseover=alert(1)>x</b>'\n"),
     f"{MK}:@description: '<b", "'onmouseover' attribute"),
    # not an attack, but the theme's search plugin ended the build in a traceback
    ("theme-language", _mk("  language: en\n", "  language: english\n"), f"{MK}:@language:",
     "the theme has no language 'english'"),
]


@pytest.mark.parametrize(("case", "spoil", "where", "words"), SITE_CASES,
                         ids=[c[0] for c in SITE_CASES])
def test_docs_and_mkdocs_yml_keep_the_site_inert(
        built: Built, case: str, spoil: Callable[[Repo], None], where: str, words: str,
        capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    """Only policy_src/ was guarded: a link in docs/, a page with script, a font from
    another host were published as they were. Each stops the build with one line naming
    the file (and line), leaves the site as it was, and is an error of `lexdocs check`."""
    repo, site, before = built
    try:
        spoil(repo)
        if "@" in where:
            path, needle = where.split("@", 1)
            where = f"{path}{_mk_line(repo, needle)}: "
        message = build(repo.path, site, caplog)
        assert message is not None and message.startswith(where), message
        assert words in message and "\n" not in message, message
        assert "unexpected" not in caplog.text and "Traceback" not in caplog.text
        assert snapshot(site) == before
        capsys.readouterr()
        assert lexdocs("-C", str(repo.path), "check", "--today", "2024-10-01") == 1
        flat = " ".join(capsys.readouterr().out.split())  # the console wraps long lines
        assert f"{where}error [site-" in flat and " ".join(words.split()) in flat, flat
    finally:
        _restore(repo)


def test_a_language_of_the_sites_own_is_taken(built: Built,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    repo, _, _ = built
    try:
        repo.replace(MK, "  language: en\n", "  language: tlh\n  custom_dir: overrides\n")
        repo.write("overrides/partials/languages/tlh.html",
                   '{% import "partials/languages/en.html" as language %}\n')
        capsys.readouterr()
        assert lexdocs("-C", str(repo.path), "check", "--today", "2024-10-01") == 0
        assert "site-theme" not in capsys.readouterr().out
    finally:
        _restore(repo)


def test_dev_addr_beyond_loopback_is_a_warning(built: Built,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    repo, _, _ = built
    try:
        repo.replace(MK, "extra:\n", "dev_addr: 0.0.0.0:8000\nextra:\n")
        capsys.readouterr()
        assert lexdocs("-C", str(repo.path), "check", "--today", "2024-10-01") == 0
        out = capsys.readouterr().out
        line = _mk_line(repo, "dev_addr")
        assert f"{MK}:{line}: warning [site-dev-addr]" in out, out
        repo.replace(MK, "0.0.0.0:8000", "127.0.0.1:8000")
        assert lexdocs("-C", str(repo.path), "check", "--today", "2024-10-01") == 0
        assert "site-dev-addr" not in capsys.readouterr().out
    finally:
        repo.git("checkout", "-q", "--", ".")


def test_a_script_shown_as_code_in_a_page_is_text(built: Built,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    """A fenced or inline code sample is text on the page, not a script."""
    repo, site, _ = built
    out = site.parent / "site-code"
    try:
        repo.write(PAGE, "# Page\n\n```\n<script>alert(1)</script>\n```\n\n"
                         "Inline `<img onerror=x>` and a [link](https://other.example/).\n")
        assert build(repo.path, out, caplog) is None
        assert "&lt;script&gt;" in (out / "page" / "index.html").read_text(encoding="utf-8")
    finally:
        _restore(repo)
        shutil.rmtree(out, ignore_errors=True)
