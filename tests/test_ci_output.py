"""Output that fits CI: unwrapped lines, workflow annotations, every document, every bad option."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lexdocs.findings import Finding, annotation
from tests.conftest import ROOT, Repo, lexdocs, write_project

BIN = Path(sys.executable).parent
LONG = "terms-of-service-for-customers-in-every-country-we-serve-and-every-reseller"
SCOPE = f"policy_src/{LONG}/10-scope.md"


def run(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command in a pipe, as CI and pre-commit run it (no terminal)."""
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES"}}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=repo.path, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """Two documents, one in a folder with a long name whose section types a fact by hand."""
    repo = Repo(tmp_path_factory.mktemp("ci") / "two")
    write_project(repo)
    repo.replace("mkdocs.yml", "documents: [privacy]", f"documents: [privacy, {LONG}]")
    repo.write(f"policy_src/{LONG}/document.yml",
               "title: Terms\nslug: terms\nbaseline: 2024-09\nsections: [10-scope.md]\n")
    repo.write(SCOPE, "---\nid: scope\ntitle: Scope\n---\n"
                      "Write to privacy@example.com with any question about these terms.\n")
    repo.commit("First versions", "2024-09-10T10:00:00+00:00")
    return repo


def test_check_never_wraps_a_finding_in_a_pipe(two: Repo) -> None:
    result = run(two, "lexdocs", "check")
    assert result.returncode == 0, result.stderr
    line = next(ln for ln in result.stdout.splitlines() if "[literal-fact]" in ln)
    assert line.startswith(f"{SCOPE}:5: warning [literal-fact] ")
    assert len(line) > 200 and line.endswith("print the variable")


def test_check_prints_workflow_annotations(two: Repo, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    assert lexdocs("-C", str(two.path), "check", "--format", "github") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (f"::warning file={SCOPE},line=5,title=lexdocs literal-fact::{LONG}: "
                        "'privacy@example.com' is typed by hand, but contact.email holds it: "
                        "print the variable")
    assert lines[-1] == "0 errors, 1 warnings, 0 notes"


def test_a_refused_mkdocs_yml_is_annotated_on_its_line(two: Repo,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    """The review job runs `lexdocs check --format github`: what in mkdocs.yml stops the
    build is shown on the pull request's line, as a finding is, not as a bare log line."""
    try:
        two.replace("mkdocs.yml", "site_name:", "copyright: !ENV [CI_TOKEN]\nsite_name:")
        line = next(i for i, text in enumerate(two.read("mkdocs.yml").splitlines(), 1)
                    if text.startswith("copyright:"))
        capsys.readouterr()
        assert lexdocs("-C", str(two.path), "check", "--format", "github") == 1
        out = capsys.readouterr().out.splitlines()
        assert out[0].startswith(f"::error file=mkdocs.yml,line={line},title=lexdocs check::"
                                 "'!ENV' copies the build machine's environment"), out
    finally:
        two.git("checkout", "-q", "--", "mkdocs.yml")


def test_annotations_escape_as_github_asks() -> None:
    f = Finding("notice-period", "error", "50% sooner\r\nthan: a, b", "odd,dir/a:b.md", 3)
    assert annotation(f) == ("::error file=odd%2Cdir/a%3Ab.md,line=3,title=lexdocs notice-period"
                             "::50%25 sooner%0D%0Athan: a, b")
    assert annotation(Finding("vague-words", "info", "m")) == (
        "::notice title=lexdocs vague-words::m")
    assert annotation(f, "site/odd,dir/a:b.md").startswith("::error file=site/odd%2Cdir/")


def test_diff_without_a_document_covers_every_document(two: Repo,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    two.replace("policy_src/privacy/10-intro.md", "explains", "describes")
    two.replace(SCOPE, "any question", "any question or complaint")
    here = ("-C", str(two.path), "diff")
    try:
        assert lexdocs(*here, "--format", "markdown") == 0
        md = capsys.readouterr().out
        assert "### Redline: Privacy Statement" in md and "### Redline: Terms" in md
        assert lexdocs(*here, "--format", "json") == 0
        changes = json.loads(capsys.readouterr().out)
        assert {(c["document"], c["section"]) for c in changes} == {("privacy", "intro"),
                                                                    (LONG, "scope")}
        assert lexdocs(*here, "privacy", "--format", "json") == 0
        one = json.loads(capsys.readouterr().out)
        assert [c["section"] for c in one] == ["intro"] and "document" not in one[0]
        assert lexdocs(*here, "2020-01-01", "working") == 1
        assert "no document has version '2020-01-01'" in capsys.readouterr().err
    finally:
        two.git("checkout", "--", ".")


def test_every_invalid_option_is_reported_at_once(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "bad")
    write_project(repo)
    text = repo.read("mkdocs.yml")
    for key, bad in (("timezone", "Mars/Base"), ("notice_days", "thirty"), ("pdf", "maybe")):
        lines = text.splitlines()
        i = next(i for i, ln in enumerate(lines) if ln.strip().startswith(f"{key}:"))
        lines[i] = lines[i].split(":")[0] + f": {bad}"
        text = "\n".join(lines) + "\n"
    repo.write("mkdocs.yml", text)
    numbers = {key: next(i + 1 for i, ln in enumerate(text.splitlines())
                         if ln.strip().startswith(f"{key}:"))
               for key in ("timezone", "notice_days", "pdf")}
    result = run(repo, "lexdocs", "check")
    assert result.returncode == 1 and result.stdout == ""
    err = result.stderr.strip()
    assert "\n" not in err and "Aborted" not in err
    assert err.startswith(f"error: mkdocs.yml:{numbers['timezone']}: lexdocs option 'timezone'")
    assert f"line {numbers['notice_days']}: lexdocs option 'notice_days'" in err
    assert f"line {numbers['pdf']}: lexdocs option 'pdf'" in err
    build = run(repo, "mkdocs", "build", "-d", str(tmp_path / "site"))
    assert build.returncode == 1
    for key in numbers:
        assert f"Plugin 'lexdocs' option '{key}'" in build.stderr + build.stdout
