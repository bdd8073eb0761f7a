"""mkdocs.yml is committed like the sections, and MkDocs' loader runs what it names:
a Python tag ran a command when `lexdocs check` or `diff` read it (so the pre-commit
hook and the review job ran it), `!ENV` published the build machine's secrets, `INHERIT`
read a file outside the repository, and `pymdownx.snippets` pasted one into a page.
Each is refused in one line naming mkdocs.yml and the line, before anything runs."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lexdocs import configfile
from tests.conftest import ROOT, Repo, lexdocs, write_project
from tests.test_security import build

SECRET = "ghp_not_a_real_token_1234"
MK = "mkdocs.yml"


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repo]:
    repo = Repo(tmp_path_factory.mktemp("trust") / "repo")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    (repo.path.parent / "outside.yml").write_text(f"copyright: {SECRET}\n")
    (repo.path.parent / "outside").mkdir()
    (repo.path.parent / "outside" / "key.txt").write_text(SECRET)
    yield repo


@pytest.fixture
def project(committed: Repo) -> Iterator[Repo]:
    yield committed
    committed.git("checkout", "-q", "--", ".")
    committed.git("clean", "-qfdx")


def _after(anchor: str, text: str) -> Callable[[Repo], None]:
    return lambda repo: repo.replace(MK, anchor, anchor + text)


def _put_first(repo: Repo, text: str) -> None:
    """`text` (lines) at the top of mkdocs.yml's settings, before `site_name:`."""
    repo.replace(MK, "site_name:", text + "site_name:")


def _first(text: str) -> Callable[[Repo], None]:
    return lambda repo: _put_first(repo, text)


def _marker(repo: Repo) -> Path:
    return repo.path.parent / "ran"


EXTENSIONS = "markdown_extensions:\n"
PLUGINS = "plugins:\n"

# (case, how the pull request spoils mkdocs.yml, the line's text, rule, words it must say)
CASES: list[tuple[str, Callable[[Repo], None], str, str, str]] = [
    ("python-apply", lambda r: _put_first(r, "site_author: !!python/object/apply:"
                                          f"os.mkdir ['{_marker(r)}']\n"),
     "site_author:", "site-code", "'!!python/object/apply:os.mkdir' runs Python code"),
    ("python-name", _after(EXTENSIONS, "  - pymdownx.superfences:\n      custom_fences:\n"
                           "        - name: run\n          class: run\n"
                           "          format: !!python/name:os.system\n"),
     "format:", "site-code", "'!!python/name:os.system'"),
    ("python-name-pymdownx", _after(EXTENSIONS, "  - pymdownx.superfences:\n"
                                    "      custom_fences:\n        - name: x\n"
                                    "          class: x\n          format: "
                                    "!!python/name:pymdownx.snippets.SnippetPreprocessor\n"),
     "format:", "site-code", "'!!python/name:pymdownx.snippets.SnippetPreprocessor'"),
    ("python-module", _first("site_author: !!python/module:os\n"), "site_author:", "site-code",
     "'!!python/module:os'"),
    ("env", _first("copyright: !ENV [CI_DEPLOY_TOKEN]\n"), "copyright:", "site-outside",
     "'!ENV' copies the build machine's environment"),
    ("env-among-ours", _first("copyright: !ENV [LEXDOCS_X, CI_DEPLOY_TOKEN, 'none']\n"),
     "copyright:", "site-outside", "named LEXDOCS_… set for the purpose"),
    ("inherit-outside", _first("INHERIT: ../outside.yml\n"), "INHERIT", "site-outside",
     "INHERIT '../outside.yml' is outside the repository"),
    ("inherit-link", lambda r: (r.path.joinpath("base.yml").symlink_to(r.path.parent /
                                                                        "outside.yml"),
                                _put_first(r, "INHERIT: base.yml\n")),
     "INHERIT", "site-outside", "INHERIT 'base.yml' is a link to a file outside the "
     "repository"),
    ("inherit-site-dir", lambda r: (r.write("shared/base.yml", "site_dir: ../x\n"),
                                    _put_first(r, "INHERIT: shared/base.yml\n")),
     "", "site-outside", "'site_dir: ../x' is outside the repository"),
    ("inherit-env", lambda r: (r.write("base.yml", "theme:\n  name: material\n"
                                       "copyright: !ENV CI_DEPLOY_TOKEN\n"),
                               _put_first(r, "INHERIT: base.yml\n")),
     "", "site-outside", "'!ENV'"),
    ("snippets", _after(EXTENSIONS, "  - pymdownx.snippets:\n      base_path: ['/']\n"),
     "pymdownx.snippets", "site-outside", "pastes into pages any file"),
    ("b64", _after(EXTENSIONS, "  - pymdownx.b64\n"), "pymdownx.b64", "site-outside",
     "embeds in pages any image file"),
    ("unknown-extension", _after(EXTENSIONS, "  - markdown_include.include:\n"
                                 "      base_path: /\n"), "markdown_include",
     "site-code", "'markdown_include.include' is not one lexdocs knows"),
    ("privacy-plugin", _after(PLUGINS, "  - material/privacy\n"), "material/privacy",
     "site-remote", "fetches from other hosts at every build"),
    ("unknown-plugin", _after(PLUGINS, "  - macros:\n      include_dir: /\n"), "macros",
     "site-code", "'macros' is not one lexdocs knows"),
    ("blog-plugin", _after(PLUGINS, "  - blog:\n      authors_file: /etc/authors.yml\n"),
     "- blog", "site-code", "'blog' is not one lexdocs knows"),
    ("custom-dir-outside", lambda r: r.replace(MK, "  language: en\n", "  language: en\n"
                                               "  custom_dir: ../outside\n"),
     "custom_dir", "site-outside", "'theme.custom_dir: ../outside' is outside the repository"),
    ("site-dir-outside", _first("site_dir: ../outside\n"), "site_dir", "site-outside",
     "the build would empty it"),
    ("docs-dir-outside", _first("docs_dir: /etc\n"),
     "docs_dir", "site-outside", "'docs_dir: /etc' is outside the repository"),
    ("yaml-deep", _first("x: " + "[" * 30000 + "]" * 30000 + "\n"), "", "site-yaml",
     "the YAML is nested too deeply to be read"),
    ("hook-outside", lambda r: ((r.path.parent / "evil.py").write_text(
        f"import os\nos.mkdir({str(_marker(r))!r})\n"),
        _put_first(r, "hooks:\n  - ../evil.py\n")),
     "- ../evil.py", "site-outside", "the hook '../evil.py' is outside the repository"),
]


def _where(repo: Repo, needle: str, case: str) -> str:
    if case == "inherit-env":
        return "base.yml:3: "
    if case == "yaml-deep":
        return f"{MK}: "
    if case == "inherit-site-dir":  # as MkDocs reads it: from mkdocs.yml's folder
        return "shared/base.yml:1: "
    line = next(i for i, text in enumerate(repo.read(MK).split("\n"), 1) if needle in text)
    return f"{MK}:{line}: "


@pytest.mark.parametrize(("case", "spoil", "needle", "rule", "words"), CASES,
                         ids=[c[0] for c in CASES])
def test_mkdocs_yml_is_judged_before_mkdocs_reads_it(
        project: Repo, case: str, spoil: Callable[[Repo], None], needle: str, rule: str,
        words: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI_DEPLOY_TOKEN", SECRET)
    spoil(project)
    where = _where(project, needle, case)
    found = configfile.findings(project.path / MK)
    assert [(f.rule, f"{f.path}:{f.line}: " if f.line else f"{f.path}: ") for f in found] \
        == [(rule, where)], found
    assert words in found[0].message
    # every command that reads mkdocs.yml stops there, in one line, before MkDocs' loader
    for command in (["check"], ["diff"], ["build", "--site-dir", str(project.path / "out")]):
        capsys.readouterr()
        assert lexdocs("-C", str(project.path), *command) == 1, command
        said = capsys.readouterr()
        lines = [ln for ln in (said.out + said.err).splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith(f"error: {where}"), (command, lines)
        assert words in " ".join(lines[0].split()), lines
    assert not _marker(project).exists(), "the code mkdocs.yml named ran"
    assert not (project.path / "out").exists()
    assert (project.path.parent / "outside" / "key.txt").read_text() == SECRET


@pytest.mark.parametrize("case", ["env", "inherit-outside", "snippets", "custom-dir-outside"])
def test_a_plain_mkdocs_build_stops_before_it_writes_a_secret(
        project: Repo, case: str, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `mkdocs build` MkDocs has read the file before the plugin runs: the plugin
    stops the build at its first event, before a page is written."""
    monkeypatch.setenv("CI_DEPLOY_TOKEN", SECRET)
    spoil = next(c[1] for c in CASES if c[0] == case)
    spoil(project)
    if case == "snippets":
        project.write("docs/page.md", "# Page\n\n--8<-- \"" +
                      str(project.path.parent / "outside.yml").lstrip("/") + "\"\n")
    site = project.path.parent / "site-plain"
    message = build(project.path, site, caplog)
    assert message is not None and message.startswith(_where(project, next(
        c[2] for c in CASES if c[0] == case), case)), message
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not any(SECRET.encode() in p.read_bytes() for p in published)
    assert not published


def test_this_repositorys_make_site_judges_mkdocs_yml_before_mkdocs_reads_it(
        project: Repo) -> None:
    """`make site` is how a developer builds a branch checked out to look at (a pull
    request's): it must stop where `lexdocs build` does, not run what mkdocs.yml names."""
    import subprocess
    import sys

    spoil = next(c[1] for c in CASES if c[0] == "python-apply")
    spoil(project)
    done = subprocess.run(["make", "--no-print-directory", "-f", str(ROOT / "Makefile"),
                           "-o", "install", f"BIN={Path(sys.executable).parent}", "site"],
                          cwd=project.path, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert f"error: {_where(project, 'site_author:', 'python-apply')}" in done.stderr, \
        done.stderr
    assert not _marker(project).exists(), "the code mkdocs.yml named ran"


def test_what_lexdocs_and_the_theme_ship_is_still_taken(
        project: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    """A hook of the repository (the shim lexdocs ships), the theme's emoji functions and
    pymdownx's formats named with `!!python/name:`, a file inherited from the repository,
    and a variable set for lexdocs (the notice period from CI)."""
    project.write("base.yml", "theme:\n  name: material\n  font: false\n")
    project.replace(MK, "notice_days: 30", "notice_days: !ENV [LEXDOCS_NOTICE_DAYS, 30]")
    _put_first(project, "INHERIT: base.yml\nhooks:\n  - hooks/lexdocs_hook.py\n")
    project.replace(MK, EXTENSIONS, EXTENSIONS + (
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
        "  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n"
        "          class: mermaid\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
        "  - pymdownx.highlight:\n      anchor_linenums: true\n"
        "  - pymdownx.arithmatex:\n      generic: true\n"
        "  - markdown.extensions.abbr\n"))
    project.replace(MK, PLUGINS, PLUGINS + "  - material/tags\n")
    project.replace(MK, "      permalink: true\n", "      permalink: true\n      slugify: "
                    "!!python/object/apply:pymdownx.slugs.slugify\n        kwds: {case: lower}\n")
    assert configfile.findings(project.path / MK) == []
    capsys.readouterr()
    assert lexdocs("-C", str(project.path), "check") == 0, capsys.readouterr().out


def test_the_owner_trusts_more_where_the_build_runs_never_in_mkdocs_yml(
        project: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A site adopted with another plugin builds once the environment its owner runs the
    build in names it; mkdocs.yml cannot name it so, and the two that read files or fetch
    stay refused whatever the environment says."""
    project.replace(MK, PLUGINS, PLUGINS + "  - macros\n  - material/social\n")
    project.replace(MK, EXTENSIONS, EXTENSIONS + "  - markdown_include.include\n"
                    "  - pymdownx.snippets\n")
    _put_first(project, "env:\n  LEXDOCS_TRUSTED: macros\n")
    rules = [f.message.split("'")[1] for f in configfile.findings(project.path / MK)]
    assert sorted(rules) == ["macros", "markdown_include.include", "material/social",
                             "pymdownx.snippets"]
    monkeypatch.setenv(configfile.TRUSTED, "macros, markdown_include.include "
                       "pymdownx.snippets material/social")
    rules = [f.message.split("'")[1] for f in configfile.findings(project.path / MK)]
    assert sorted(rules) == ["material/social", "pymdownx.snippets"]


def test_lexdocs_is_found_as_a_plugin_a_hook_or_inherited(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    mk = tmp_path / MK
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "lexdocs_hook.py").write_text("from lexdocs.hook import *\n")
    (tmp_path / "hooks" / "other.py").write_text("x = 1\n")
    for text, runs in (("site_name: A\n", False), ("plugins:\n  - search\n", False),
                       ("plugins:\n  - search\n  - lexdocs:\n      pdf: false\n", True),
                       ("plugins: {lexdocs: {}}\n", True),
                       ("hooks:\n  - hooks/other.py\n", False),
                       ("hooks:\n  - hooks/lexdocs_hook.py\n", True),
                       ("INHERIT: base.yml\n", True),
                       # MkDocs says what is wrong with these, better than "no plugin"
                       ("plugins: lexdocs\n", True), ("", True), ("[]\n", True)):
        (tmp_path / "base.yml").write_text("plugins:\n  - lexdocs\n")
        mk.write_text(text)
        assert configfile.runs_lexdocs(mk) is runs, text


def test_the_repository_is_found_as_git_finds_it(tmp_path: Path) -> None:
    nested = tmp_path / "repo" / "legal"
    nested.mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()
    assert configfile.repository_of(nested) == (tmp_path / "repo").resolve()
    assert configfile.repository_of(tmp_path) == tmp_path.resolve()
    # a project below the repository's top may inherit from a file above it, in the repository
    (tmp_path / "repo" / "shared.yml").write_text("theme:\n  name: material\n")
    (nested / MK).write_text("INHERIT: ../shared.yml\nsite_name: Legal\n")
    assert configfile.findings(nested / MK) == []
    os.remove(tmp_path / "repo" / "shared.yml")
    assert configfile.findings(nested / MK) == []  # MkDocs names a file it cannot find
