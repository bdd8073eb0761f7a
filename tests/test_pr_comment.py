"""Pull-request review: the Markdown comment, and the GitHub workflow's commands run for real.

The workflow cannot run here, so its YAML is parsed and every command it runs
(except installing) is run in a local clone with a base and a head branch, the
way the CI job sees them.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from lexdocs.cli import cli
from lexdocs.config import load_options
from lexdocs.review.comment import MARKER, MAX_CHARS, compare, compose
from tests.conftest import ROOT, Repo, lexdocs, write_project

BIN = Path(sys.executable).parent
LOG = "policy_src/privacy/changes.yml"
WORKFLOW = ROOT / ".github" / "workflows" / "legal.yml"


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
    assert lexdocs("-C", str(origin.path), "diff", "privacy", "main", "change",
                    "--format", "json") == 0
    assert '"retention"' in capsys.readouterr().out


# --- the workflow -------------------------------------------------------------------------

def _env(**extra: str) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT),
                PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", **extra)


def _workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _commands(job: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """Each shell line the job runs, with its step's environment; installs left out."""
    out = []
    for step in job["steps"]:
        for line in step.get("run", "").splitlines():
            line = line.split("  #")[0].strip()
            if line and not line.startswith(("sudo ", "python -m pip")):
                out.append((line, dict(step.get("env", {}))))
    return out


def test_workflow_triggers_permissions_and_history() -> None:
    wf = _workflow()
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"pull_request", "push", "schedule"} <= set(on)
    assert on["push"]["branches"] == ["main"] and on["schedule"][0]["cron"]
    review, publish = wf["jobs"]["review"], wf["jobs"]["publish"]
    assert review["permissions"]["pull-requests"] == "write"
    assert publish["permissions"]["pages"] == "write"
    for job in (review, publish):
        checkout = job["steps"][0]
        assert checkout["uses"].startswith("actions/checkout@")
        assert checkout["with"]["fetch-depth"] == 0
    script = next(s for s in review["steps"] if "github-script" in s.get("uses", ""))
    assert MARKER in script["with"]["script"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in publish["steps"])
    lines = [line for line, _ in _commands(review) + _commands(publish)]
    assert any(line.startswith("mkdocs build --strict") for line in lines)
    assert "lexdocs check" in lines and "lexdocs record" in lines


def _run_job(job: dict[str, Any], clone: Path, temp: Path, base_ref: str) -> list[str]:
    ran = []
    has_record = "record" in cli.commands
    for line, step_env in _commands(job):
        if ("lexdocs record" in line or "lexdocs-published" in line) and not has_record:
            continue  # the publication record command is not on this branch yet
        env = {k: v.replace("${{ github.base_ref }}", base_ref) for k, v in step_env.items()}
        result = subprocess.run(["bash", "-c", line], cwd=clone, capture_output=True, text=True,
                                env=_env(RUNNER_TEMP=str(temp), **env))
        assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
        ran.append(shlex.split(line)[0])
    return ran


def test_every_workflow_command_runs_on_a_clone(origin: Repo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin.path), str(clone)], check=True)
    for key, value in (("user.name", "CI"), ("user.email", "ci@example.com")):
        subprocess.run(["git", "config", key, value], cwd=clone, check=True)
    jobs = _workflow()["jobs"]
    subprocess.run(["git", "checkout", "-q", "change"], cwd=clone, check=True)
    ran = _run_job(jobs["review"], clone, tmp_path, base_ref="main")
    assert ran.count("lexdocs") == 2 and "mkdocs" in ran
    posted = (tmp_path / "lexdocs-comment.md").read_text(encoding="utf-8")
    assert posted.startswith(MARKER) and "🔴 **Material**" in posted
    subprocess.run(["git", "checkout", "-q", "main"], cwd=clone, check=True)
    ran = _run_job(jobs["publish"], clone, tmp_path, base_ref="main")
    assert "mkdocs" in ran
    assert (clone / "site" / "privacy" / "index.html").exists()


def test_shipped_workflow_is_the_one_init_writes() -> None:
    skeleton = (ROOT / "lexdocs/adopt/skeleton/workflows/legal.yml").read_text(encoding="utf-8")
    ours = WORKFLOW.read_text(encoding="utf-8")
    install = "python -m pip install -r requirements.txt"
    assert install in skeleton
    assert ours == skeleton.replace(
        install, "python -m pip install .   # this repository is lexdocs itself")


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
