"""Pull-request review: the Markdown comment (the workflow steps that post it run in
tests/smoke/test_workflow_steps.py, under the Python the workflow names)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lexdocs.config import load_options
from lexdocs.review.comment import MARKER, MAX_CHARS, compare, compose
from tests.conftest import Repo, lexdocs, write_project

LOG = "policy_src/privacy/changes.yml"


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """`main` with the first version; `change` keeps logs longer, with its change-log entry."""
    repo = Repo(tmp_path_factory.mktemp("pr") / "origin")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    repo.git("checkout", "-q", "-b", "change")
    repo.replace("policy_src/variables.yml", "90 days", "180 days")
    repo.replace("policy_src/privacy/20-retention.md", "Write to", "Write any time to")
    repo.write(LOG, "- summary: We keep web access logs for 180 days instead of 90.\n"
                    "  effective: 2025-03-20\n")
    repo.commit("Keep logs longer", "2025-02-10T10:00:00+00:00")
    repo.git("checkout", "-q", "-b", "broken", "main")
    repo.replace("policy_src/privacy/20-retention.md", "contact.email", "contact.emial")
    repo.commit("A typo in a variable name", "2025-02-11T10:00:00+00:00")
    repo.git("checkout", "-q", "-b", "override", "main")
    repo.replace("policy_src/privacy/10-intro.md", "explains how", "sets out how")
    repo.write(LOG, "- summary: Plainer wording.\n  material: false\n"
                    "  reason: Counsel reviewed it; the meaning is unchanged.\n")
    repo.commit("Plainer wording", "2025-02-12T10:00:00+00:00")
    repo.git("checkout", "-q", "main")
    return repo


def _comment(origin: Repo, base: str = "main", head: str = "change", limit: int = MAX_CHARS
             ) -> str:
    return compose(compare(load_options(origin.path), base, head), limit)


def test_comment_has_badges_reasons_log_entry_and_folded_sections(origin: Repo) -> None:
    text = _comment(origin)
    assert text.startswith(MARKER + "\n")
    assert "## Privacy Statement (`privacy`) — 🔴 **Material**" in text
    assert "Why material:" in text
    assert "retention.web\\_logs" in text or "web\\_logs" in text  # the variable that changed
    assert "**Change log:** We keep web access logs for 180 days instead of 90." in text
    assert "**Effective:** March 20, 2025" in text
    assert "<details><summary>1 unchanged section</summary>" in text
    assert "- Introduction" in text
    assert "cut" not in text.lower().split("###")[0]


def test_a_material_change_without_entry_says_what_to_add(origin: Repo) -> None:
    text = _comment(origin, base="change~1", head="change~1")
    assert "no published text changes" in text
    reverse = _comment(origin, base="change", head="main")
    assert "**No change-log entry.**" in reverse
    assert f"`{LOG}`" in reverse and "```yaml" in reverse


def test_an_override_in_the_change_log_decides_the_badge(origin: Repo) -> None:
    text = _comment(origin, base="main", head="override")
    assert "## Privacy Statement (`privacy`) — 🟢 **Not material**" in text
    assert "Counsel reviewed it; the meaning is unchanged." in text
    assert "Why material" not in text


def test_a_head_that_cannot_be_built_says_why(origin: Repo) -> None:
    text = _comment(origin, base="main", head="broken")
    assert "— ⛔ **Cannot be built**" in text
    assert "undefined variable 'contact.emial'" in text and "contact.email" in text
    assert "When lexdocs stops" in text


def test_cut_to_the_limit_with_a_note_and_closed_blocks(origin: Repo) -> None:
    full = _comment(origin)
    for limit in (450, 650, len(full) - 1):
        text = _comment(origin, limit=limit)
        assert len(text) <= limit
        assert "This comment was cut" in text
        assert text.count("<details>") == text.count("</details>")
        assert sum(line.startswith("```") for line in text.splitlines()) % 2 == 0


def test_a_comment_near_githubs_limit_fits(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "big")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    lines = "\n".join(f"- Recipient {i}: partner number {i} receives contact records."
                      for i in range(2500))
    repo.write("policy_src/privacy/10-intro.md",
               repo.read("policy_src/privacy/10-intro.md") + "\n" + lines + "\n")
    repo.commit("Many recipients", "2024-10-10T10:00:00+00:00")
    text = _comment(repo, base="HEAD~1", head="HEAD")
    assert len(text) <= MAX_CHARS
    assert "This comment was cut" in text and "Recipient 10" in text


def test_diff_still_takes_version_ids(origin: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    assert lexdocs("-C", str(origin.path), "diff", "privacy", "2024-09-01", "working",
                    "--format", "json") == 0
    assert capsys.readouterr().out.strip() == "[]"
    assert lexdocs("-C", str(origin.path), "diff", "no-such-rev", "HEAD") == 1
    assert "versions: 2024-09-01" in capsys.readouterr().err
    # "privacy@2024-09-01", as people name a version of a file: the form is said, not "no"
    assert lexdocs("-C", str(origin.path), "diff", "privacy@2024-09-01", "working") == 1
    said = capsys.readouterr().err
    assert "names a version as DOC@ID" in said and "lexdocs diff privacy 2024-09-01" in said
    assert lexdocs("-C", str(origin.path), "diff", "privacy", "main", "change",
                    "--format", "json") == 0
    assert '"retention"' in capsys.readouterr().out
    # two revisions that publish the same text: said, where the terminal printed nothing
    assert lexdocs("-C", str(origin.path), "diff", "main", "main") == 0
    out = capsys.readouterr().out
    assert out.startswith("No published text changes: main (")
    assert "publish the same documents" in out


def test_dates_the_text_states_read_as_words_not_markers(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "dated")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    repo.replace("policy_src/privacy/10-intro.md", "This statement explains",
                 "Effective {{ page_version.effective }}. This statement explains")
    repo.write(LOG, "- summary: The statement says when it takes effect.\n"
                    "  effective: 2025-03-20\n  material: false\n  reason: A date line only.\n")
    repo.commit("State the effective date", "2025-02-10T10:00:00+00:00")
    text = _comment(repo, base="HEAD~1", head="HEAD")
    assert "March 20, 2025" in text
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in text)  # no private-use marker


def test_names_cannot_break_out_of_their_code_span(tmp_path: Path) -> None:
    """A document folder named with backticks stays literal text in the bot's comment."""
    from markdown_it import MarkdownIt

    repo = Repo(tmp_path / "names")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    evil = "x`) — ✅ **Reviewed by Legal: safe to merge** (`y"
    repo.replace("mkdocs.yml", "documents: [privacy]", f"documents: [privacy, {json.dumps(evil)}]")
    repo.write(f"policy_src/{evil}/document.yml", "title: Notes\nslug: notes\nsections: [a.md]\n")
    repo.write(f"policy_src/{evil}/a.md", "---\nid: a\ntitle: A\n---\nSome text.\n")
    repo.commit("A document with a hostile folder name", "2024-10-10T10:00:00+00:00")
    text = _comment(repo, base="HEAD~1", head="HEAD")
    html = MarkdownIt("commonmark").render(text)
    assert "<strong>Reviewed" not in html
    assert f"<code>{evil.replace('>', '&gt;')}</code>" in html.replace("&quot;", '"')
    assert "``" in text  # a longer fence, not the name rewritten


def test_code_spans_fence_any_run_of_backticks() -> None:
    from markdown_it import MarkdownIt

    from lexdocs.review.comment import _code

    for name in ("plain", "a`b", "``x``", "`start", "end`", "a ``` b"):
        html = MarkdownIt("commonmark").renderInline(_code(name))
        assert html == f"<code>{name}</code>", (name, _code(name), html)
