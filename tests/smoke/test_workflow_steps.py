"""The shipped workflows' `run:` steps, run in order as GitHub runs them, on the Python
the workflows name.

GitHub cannot run here, so a workflow is executed by a small runner: its YAML is parsed,
jobs run in the file's order, each step's `if:` is decided from the event, `${{ }}`
expressions are replaced by what a runner gives, and every `run:` block runs under
`bash -e` in a scratch clone (real git, fixed dates) with the runner's variables
(GITHUB_OUTPUT, RUNNER_TEMP, ...). `uses:` steps are done by hand where the next step
depends on them (artifacts), and the comment is posted by the workflow's own
github-script code under node, against a recorded pull request.

`actions/setup-python` is what puts Python on a job's PATH: here it puts this
interpreter's bin folder there (the installed lexdocs, mkdocs and python), and only if
this interpreter is the version the step names; a step before it finds no lexdocs. So
these tests run in the smoke environment of the Python the workflows name, which
`make test` builds from the wheel (scripts/pythons.sh), and are skipped on the others;
tests/test_packaging.py checks that the version named is one `make test` tests. The
install step is checked for what it runs instead (the environment holds the wheel).
Linting and the workflows' shape: tests/test_workflows.py.
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

from tests.conftest import Repo, write_project
from tests.smoke.installed import BIN, env, ok
from tests.test_workflows import ACTIONS, SHIPPED, SKELETON, load, named_python

RUNNING = f"{sys.version_info.major}.{sys.version_info.minor}"
OWNER, NAME = "acme", "legal"


NAMED = named_python(load(SHIPPED))
pytestmark = pytest.mark.skipif(
    RUNNING != NAMED,
    reason=f"the workflows run on Python {NAMED}: its smoke environment runs these steps")
# How a `run:` step's record ends when setup-python put the named Python on its PATH.
ON = f" on Python {NAMED}"
# The comment's marker, as the workflow's own script spells it.
MARKER = re.search(r"const marker = '([^']+)'", SHIPPED.read_text(encoding="utf-8"))[1]  # type: ignore[index]


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
        self.path = ""
        self.python = ""
        """The Python setup-python put on the job's PATH, as the steps report it."""

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
        # A fresh runner's PATH: no Python of ours until setup-python puts one there.
        self.path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep)
                                    if p and Path(p).resolve() != BIN.resolve())
        self.python = ""
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
        full = dict(_env(), **env, **{k: str(v) for k, v in files.items()},
                    CI="true", GITHUB_ACTIONS="true", RUNNER_TEMP=str(self.temp),
                    GITHUB_WORKSPACE=str(self.clone), GITHUB_REPOSITORY=f"{OWNER}/{NAME}",
                    GITHUB_EVENT_NAME=self.event.name, GITHUB_REF=self.event.ref,
                    GITHUB_BASE_REF=self.event.base_ref, PATH=self.path)
        done = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-c", script],
                              cwd=self.clone, env=full, capture_output=True, text=True)
        self.ran.append(f"{job}: {step}: {done.returncode}"
                        + (f" on Python {self.python}" if self.python else ""))
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
        elif uses == "actions/setup-python":
            self.setup_python(str(inputs["python-version"]))
        elif uses == "actions/upload-pages-artifact":
            return (self.clone / inputs["path"] / "index.html").is_file()
        return True

    def setup_python(self, version: str) -> None:
        """Put the named Python on the job's PATH: this interpreter's bin folder, which
        holds the installed lexdocs. Another version would not be the one the workflow
        names, so the test fails rather than run the steps on it."""
        assert version == RUNNING, (
            f"the workflow names Python {version}; the steps would run on {RUNNING}")
        self.path = f"{BIN}{os.pathsep}{self.path}"
        found = {}
        for command in ("python", "lexdocs", "mkdocs"):
            where = shutil.which(command, path=self.path)
            assert where and Path(where).parent == BIN, f"{command} on PATH is {where}"
            found[command] = where
        # The commands' interpreter is the python beside them (a venv's console scripts
        # name it in their first line), and it reports the version the workflow names.
        for command in ("lexdocs", "mkdocs"):
            first = Path(found[command]).read_text(encoding="utf-8").split("\n", 1)[0]
            assert Path(first.removeprefix("#!")).parent == BIN, (command, first)
        said = subprocess.run([found["python"], "-c",
                               "import sys; print('%d.%d' % sys.version_info[:2])"],
                              env=dict(_env(), PATH=self.path), capture_output=True, text=True)
        assert said.stdout.strip() == version, said.stdout + said.stderr
        self.python = version

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


def _env() -> dict[str, str]:
    """A user's environment (nothing points Python at the source tree), without the
    smoke environment's bin folder on PATH: setup-python puts it there."""
    out = env()
    out["PATH"] = os.environ.get("PATH", "")
    return out


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


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """A pull request's repository: `main`, and `change`, a material edit (web logs kept
    longer) with its change-log entry."""
    repo = Repo(tmp_path_factory.mktemp("pr") / "origin")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    repo.git("checkout", "-q", "-b", "change")
    repo.replace("policy_src/variables.yml", "90 days", "180 days")
    repo.write("policy_src/privacy/changes.yml",
               "- summary: We keep web access logs for 180 days instead of 90.\n"
               "  effective: 2025-03-20\n")
    repo.commit("Keep logs longer", "2025-02-10T10:00:00+00:00")
    repo.git("checkout", "-q", "main")
    return repo


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
        "review: install (not run here)", f"review: Redline for reviewers: 0{ON}",
        f"review: Build as merging would publish it: 0{ON}",
        f"review: Notice and compliance rules: 0{ON}"]
    # The forged comment is left alone; the bot's own is created, then updated.
    assert pull.calls == ["create 2 on 7"]
    assert pull.comments[0] == forged
    posted = pull.comments[1]["body"]
    assert posted.startswith(MARKER) and "🔴 **Material**" in posted
    # The redline cannot be made (the base branch is gone): the comment says so.
    gone = Event("pull_request", "refs/pull/7/merge", base_ref="deleted", sha="d" * 40)
    second = _scenario(wf, origin.path, tmp_path / "2", gone, "change", pull)
    assert second.results == {"review": "failure", "comment": "success", "publish": "skipped"}
    assert f"review: Build as merging would publish it: 0{ON}" in second.ran
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
        "publish: install (not run here)", f"publish: Build: 0{ON}",
        f"publish: Record what was published: 0{ON}"]
    assert (run.clone / "site" / "privacy" / "index.html").is_file()
    pushed = subprocess.run(["git", "-C", str(tmp_path / "origin.git"), "show",
                             "lexdocs-published:versions.json"], capture_output=True, text=True)
    assert pushed.returncode == 0 and '"privacy"' in pushed.stdout


def test_a_workflow_naming_another_python_fails_the_run(origin: Repo, tmp_path: Path) -> None:
    """The steps never run on a Python the workflow does not name."""
    wf = load(SHIPPED)
    other = f"3.{sys.version_info.minor + 1}"
    for step in wf["jobs"]["publish"]["steps"]:
        if step.get("uses", "").startswith("actions/setup-python@"):
            step["with"]["python-version"] = other
    with pytest.raises(AssertionError, match=f"names Python {other}; the steps would run on"):
        _scenario(wf, origin.path, tmp_path, Event("schedule", "refs/heads/main"), "main",
                  Pull())


def test_the_workflow_init_writes_runs_on_an_init_project(tmp_path: Path) -> None:
    """A new site as `lexdocs init` writes it (its starter text replaced, PDFs off to keep
    the suite fast): a pull request, then the publication its merge triggers."""
    repo = Repo(tmp_path / "site")
    ok(tmp_path, "lexdocs", "init", str(repo.path), "--name", "Acme")
    for section in (repo.path / "policy_src").rglob("*.md"):  # what its owner writes first
        section.write_text(section.read_text().replace("**Starter text — replace it.** ", ""))
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
    assert f"review: Build as merging would publish it: 0{ON}" in review.ran
    publish = _scenario(wf, repo.path, tmp_path, Event("push", "refs/heads/main"), "main", pull)
    assert publish.results["publish"] == "success", publish.log
    assert (publish.clone / "site" / "privacy" / "index.html").is_file()
