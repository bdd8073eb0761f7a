"""Real temporary git repositories with fixed dates, and a minimal lexdocs project."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Run from a git hook or `git bisect run`, git's own variables point at the repository that
# runs the tests: every scratch repository's `git init` and commit, and every lexdocs
# command the tests start, would then write into it. Tests see no repository but their own.
for _name in subprocess.run(["git", "rev-parse", "--local-env-vars"], capture_output=True,
                            text=True, check=True).stdout.split():
    os.environ.pop(_name, None)

VARIABLES = """\
retention:
  account_records:
    type: duration
    value: 7 years
  web_logs:
    type: duration
    value: 90 days
contact:
  email:
    type: email
    value: privacy@example.com
unused:
  note:
    type: text
    value: nobody uses this
"""

DOCUMENT = """\
title: Privacy Statement
slug: privacy
baseline: 2024-09
sections:
  - 10-intro.md
  - 20-retention.md
"""

INTRO = """\
---
id: intro
title: Introduction
---
This statement explains how we handle personal information.
"""

RETENTION = """\
---
id: retention
title: Retention
tags: [retention]
---
We keep account records for {{ retention.account_records }}.
We purge web access logs in no more than {{ retention.web_logs }}.
Write to {{ contact.email }}.
"""


REPO_CONFIG = """\
[user]
\tname = Test Lawyer
\temail = lawyer@example.com
[commit]
\tgpgsign = false
[maintenance]
\tauto = false
"""


class Repo:
    """A git repository in a temporary folder; every commit gets the date it is given."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        # The repository's own settings, written as `git config` would write them: one git
        # process per repository instead of four, and none after each commit (`git commit`
        # starts `git maintenance run --auto` unless told not to). The suite makes hundreds.
        config = path / ".git" / "config"
        if "name = Test Lawyer" not in config.read_text(encoding="utf-8"):
            with config.open("a", encoding="utf-8") as fh:
                fh.write(REPO_CONFIG)

    def git(self, *args: str, date: str | None = None) -> str:
        env = dict(os.environ)
        if date:
            env["GIT_AUTHOR_DATE"] = date
            env["GIT_COMMITTER_DATE"] = date
        out = subprocess.run(["git", *args], cwd=self.path, env=env, check=True,
                             capture_output=True, text=True)
        return out.stdout.strip()

    def write(self, rel: str, text: str) -> None:
        p = self.path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")

    def read(self, rel: str) -> str:
        return (self.path / rel).read_text(encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new))

    def commit(self, message: str, date: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date)
        return self.head()

    def head(self) -> str:
        """The commit HEAD names, read from the files git just wrote (the suite commits
        thousands of times: a `git rev-parse` for each was a process too many); git is
        asked when they are not plain (a packed ref, a worktree's .git file)."""
        head = self.path / ".git" / "HEAD"
        if head.is_file():
            named = head.read_text(encoding="utf-8").strip()
            if not named.startswith("ref: "):
                return named
            ref = self.path / ".git" / named[5:]
            if ref.is_file():
                return ref.read_text(encoding="utf-8").strip()
        return self.git("rev-parse", "HEAD")


def write_project(repo: Repo, mkdocs_extra: str = "") -> None:
    """A minimal project: two sections, three variables, the real hook and mkdocs.yml."""
    repo.write("policy_src/variables.yml", VARIABLES)
    repo.write("policy_src/privacy/document.yml", DOCUMENT)
    repo.write("policy_src/privacy/10-intro.md", INTRO)
    repo.write("policy_src/privacy/20-retention.md", RETENTION)
    mk = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # The project's own mkdocs.yml, with only this fixture's document, and no PDFs (slow).
    mk = re.sub(r"documents: \[.*\]", "documents: [privacy]", mk)
    mk = re.sub(r"pdf: true", "pdf: false", mk)
    repo.write("mkdocs.yml", mk + mkdocs_extra)
    shutil.copytree(ROOT / "hooks", repo.path / "hooks", dirs_exist_ok=True)
    for folder in ("docs",):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, repo.path / folder, dirs_exist_ok=True)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repo]:
    r = Repo(tmp_path / "repo")
    yield r


@pytest.fixture
def project(repo: Repo) -> Repo:
    """A project whose first version was committed on 2024-09-10."""
    write_project(repo)
    repo.commit("First version of the statement", "2024-09-10T10:00:00+00:00")
    return repo


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lexdocs' wheel, built once a session and offline, from a copy of what a source
    distribution holds: the build leaves the checkout clean. Under `make test` it is the
    one scripts/pythons.sh built that way from this checkout at the start of the run
    (LEXDOCS_WHEEL), which the other interpreters install: every parallel worker used to
    build its own."""
    if built_by_make := os.environ.get("LEXDOCS_WHEEL"):
        return Path(built_by_make)
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(ROOT / "lexdocs", source / "lexdocs",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).is_file():
            shutil.copy(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", str(base), str(source)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    return next(base.glob("lexdocs-*.whl"))


def load_yaml(text: str) -> Any:
    """YAML as yaml.safe_load reads it, parsed by libyaml where PyYAML has it, as lexdocs
    reads its sources (sources.yamlsrc): in pure Python the materiality corpora took a
    second to read, each time a process read them."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def lexdocs(*args: str) -> int:
    """Run the `lexdocs` command in-process, as a user would; its exit status."""
    from lexdocs.cli import main

    try:
        main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def run_in(repo: Repo, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """`lexdocs -C <repo> ARGS`, which must succeed; what it printed."""
    capsys.readouterr()
    assert lexdocs("-C", str(repo.path), *args) == 0, capsys.readouterr().err
    return capsys.readouterr().out


# The modules that take longest, in the order `make test` starts them. pytest-xdist's
# loadscope hands whole modules to its workers in collection order (--no-loadscope-reorder):
# a long module handed out last keeps one worker busy while the other has nothing left,
# so these go first (the hook test waits mostly on pip, the first browser module builds
# the site the others share) and every other module follows, the most tests first.
LONGEST_FIRST = (
    "tests/smoke/test_hook.py",
    "tests/browser/test_pages.py",
    "tests/test_engines.py",
    "tests/browser/test_engines.py",
    "tests/test_build.py",
    "tests/test_workflows.py",
    "tests/test_serve.py",
    "tests/test_output.py",
    "tests/test_security.py",
)


EXAMPLES = int(os.environ.get("LEXDOCS_FUZZ_EXAMPLES", "0"))
"""Examples for a long exploratory run of the property tests (0: the short, fixed run)."""


def property_settings(default: int, share: int = 1) -> Any:
    """Hypothesis settings for a property test: `default` examples drawn the same way on
    every run, so that `make test` and CI pass or fail on the code alone, never on the
    draw (a random draw once failed one run in many on a case no commit had made); or,
    with LEXDOCS_FUZZ_EXAMPLES set, a `share` of that many, drawn at random, to explore.
    A case a long run finds is kept as an explicit `@example`."""
    from hypothesis import HealthCheck, settings

    return settings(max_examples=max(default, EXAMPLES // share), deadline=None,
                    derandomize=not EXAMPLES,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Longest modules first (LONGEST_FIRST), then the rest by number of tests; a module's
    own tests keep their order, so module-scoped fixtures are built once."""
    count: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        count[module] = count.get(module, 0) + 1
    rank = {module: i for i, module in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: (rank.get(item.nodeid.split("::", 1)[0], len(rank)),
                                 -count[item.nodeid.split("::", 1)[0]],
                                 item.nodeid.split("::", 1)[0]))


# The browser modules run in one worker, as one scope: a worker that runs any of them
# starts a Chromium of its own and opens its own kept pages (a new page costs Chromium
# about 0.7 CPU-s more than navigating a kept one), so spreading them over three workers
# cost the run about 8 CPU-s more, on a machine whose every core the run keeps busy.
BROWSER_SCOPE = "tests/browser/"


@pytest.hookimpl(optionalhook=True)  # the smoke environments have no pytest-xdist
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    from xdist.scheduler import LoadScopeScheduling

    class OneBrowser(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith(BROWSER_SCOPE):
                return BROWSER_SCOPE
            return str(super()._split_scope(nodeid))

    return OneBrowser(config, log)


CORPUS_SUMMARY = "corpus_summary"
"""Where tests/test_corpus.py's `results` leaves the lines of the summary printed at the
end: the `workeroutput` a parallel worker sends the main process, or, run in one process,
its stash (CORPUS_SUMMARY_KEY)."""
CORPUS_SUMMARY_KEY = pytest.StashKey[list[str]]()


@pytest.hookimpl(optionalhook=True)  # the smoke environments have no pytest-xdist
def pytest_testnodedown(node: Any, error: Any) -> None:
    """A parallel worker's corpus summary, kept for the main process to print."""
    lines = getattr(node, "workeroutput", {}).get(CORPUS_SUMMARY)
    if lines:
        node.config.stash[CORPUS_SUMMARY_KEY] = lines


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Print the materiality corpus' accuracy and confusion matrix whenever its tests ran,
    whatever the verbosity, from the main process (parallel workers print nothing): as
    the tests' own results made it, or, if none of the tests that ran needed them,
    computed here."""
    if hasattr(config, "workerinput"):
        return
    ran = any(getattr(r, "nodeid", "").startswith("tests/test_corpus.py")
              for reports in terminalreporter.stats.values() for r in reports)
    if not ran:
        return
    terminalreporter.write_sep("-", "materiality corpus")
    lines = config.stash.get(CORPUS_SUMMARY_KEY, None)
    if lines is None:
        from tests.test_corpus import summary_lines

        lines = summary_lines()
    for line in lines:
        terminalreporter.write_line(line)
