"""lexdocs as MkDocs users install things: the `lexdocs` plugin, or the hook shim.

Each project here is written from scratch (no file copied from this
repository), committed with fixed dates and built with the installed commands.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DOCUMENT, INTRO, RETENTION, ROOT, VARIABLES, Repo

BIN = Path(sys.executable).parent

PLUGIN_MKDOCS = """\
site_name: Example Legal
site_url: https://example.com/legal/
theme:
  name: material
  font: false
plugins:
  - search
  - lexdocs:
      notice_days: !ENV [LEXDOCS_NOTICE_DAYS, 30]
      pdf: false
"""

HOOK_MKDOCS = """\
site_name: Example Legal
theme:
  name: material
  font: false
hooks:
  - hooks/lexdocs_hook.py
extra:
  lexdocs:
    pdf: false
"""


def _project(repo: Repo, mkdocs_yml: str) -> Repo:
    repo.write("mkdocs.yml", mkdocs_yml)
    repo.write("docs/.keep", "")
    repo.write("policy_src/variables.yml", VARIABLES)
    repo.write("policy_src/privacy/document.yml", DOCUMENT)
    repo.write("policy_src/privacy/10-intro.md", INTRO)
    repo.write("policy_src/privacy/20-retention.md", RETENTION)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    return repo


def _run(cwd: Path, *cmd: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1735689600",
                **env}
    return subprocess.run(list(cmd), cwd=cwd, env=full_env, capture_output=True, text=True)


def test_plugin_form_builds_and_validates_its_options(repo: Repo) -> None:
    _project(repo, PLUGIN_MKDOCS)
    ok = _run(repo.path, str(BIN / "mkdocs"), "build", "--strict")
    assert ok.returncode == 0, ok.stderr
    page = (repo.path / "site/privacy/index.html").read_text(encoding="utf-8")
    assert "We purge web access logs in no more than 90 days." in page
    # A placeholder site_url is said (it decides which links are ours), without failing --strict.
    assert "warning [site-url] site_url is the placeholder https://example.com/legal/" in ok.stderr

    bad = _run(repo.path, str(BIN / "mkdocs"), "build", "--strict",
               LEXDOCS_NOTICE_DAYS="soon")
    assert bad.returncode != 0
    assert "notice_days" in bad.stderr and "Traceback" not in bad.stderr


def test_hook_shim_reads_options_from_extra(repo: Repo) -> None:
    _project(repo, HOOK_MKDOCS)
    repo.write("hooks/lexdocs_hook.py", (ROOT / "hooks/lexdocs_hook.py").read_text())
    shim = [line for line in (ROOT / "hooks/lexdocs_hook.py").read_text().splitlines()
            if line.strip()]
    assert len(shim) == 1
    ok = _run(repo.path, str(BIN / "mkdocs"), "build", "--strict")
    assert ok.returncode == 0, ok.stderr
    assert (repo.path / "site/privacy/history/index.html").exists()
    assert not (repo.path / "site/privacy/versions/2024-09-01.pdf").exists()  # pdf: false


def test_cli_reads_mkdocs_yml_as_mkdocs_does(repo: Repo, tmp_path: Path) -> None:
    """`!ENV` and `INHERIT` resolve in the CLI exactly as in a build."""
    _project(repo, PLUGIN_MKDOCS)
    repo.write("base.yml", PLUGIN_MKDOCS)
    repo.write("mkdocs.yml", "INHERIT: base.yml\n")
    shown = _run(repo.path, str(BIN / "lexdocs"), "check", LEXDOCS_NOTICE_DAYS="-5")
    assert shown.returncode == 1
    assert "notice_days" in shown.stderr and "Traceback" not in shown.stderr
    fine = _run(repo.path, str(BIN / "lexdocs"), "versions", LEXDOCS_NOTICE_DAYS="10")
    assert fine.returncode == 0, fine.stderr
    assert "2024-09-01" in fine.stdout


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="needs the source tree")
def test_package_installs_into_a_fresh_environment(repo: Repo, tmp_path: Path,
                                                   wheel: Path) -> None:
    """A real (non-editable) install ships the entry point, templates and assets.

    Dependencies come from this environment's site-packages through a `.pth`
    line, so the test needs no network; lexdocs itself is built and installed.
    """
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    purelib = Path(subprocess.run(
        [str(venv / "bin/python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True).stdout.strip())
    purelib.joinpath("deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin/python"), "install", "-q",
         "--no-deps", "--no-index", str(wheel)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    _project(repo, PLUGIN_MKDOCS)
    env = {"PYTHONPATH": ""}
    where = _run(repo.path, str(venv / "bin/python"), "-c",
                 "import lexdocs; print(lexdocs.__file__)", **env)
    assert str(venv) in where.stdout, where.stdout + where.stderr
    shipped = _run(repo.path, str(venv / "bin/python"), "-c",
                   "from importlib import resources as r; "
                   "print(r.files('lexdocs.publish').joinpath('assets', 'pdf.css').is_file())",
                   **env)
    assert shipped.stdout.strip() == "True", shipped.stderr
    ok = _run(repo.path, str(venv / "bin/python"), "-m", "mkdocs", "build", "--strict", **env)
    assert ok.returncode == 0, ok.stderr
    assert (repo.path / "site/privacy/index.html").exists()


def test_a_build_reads_the_working_tree_once(project: Repo, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The menu, the draft check, the checks and the pages share one snapshot of the
    sources: each file on disk is opened once per build (history reads commits from git)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    opened: list[str] = []
    real_open = os.open

    def counting_open(path: Any, *args: Any, **kwargs: Any) -> int:
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting_open)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    build(load_config(str(project.path / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert (tmp_path / "site/privacy/index.html").exists()
    sources = [p for p in opened if "/policy_src/" in p]
    assert sorted(sources) == sorted(set(sources)), sources
    assert any(p.endswith("privacy/document.yml") for p in sources)


def test_a_build_loads_no_preview_server_watcher_or_terminal_formatting() -> None:
    """Every `mkdocs build` imports the plugin: what only `mkdocs serve` (MkDocs' server,
    the file watcher) or the terminal's redline (rich) needs is left for them to load, a
    tenth of what the plugin added to each build process."""
    probe = ("import sys, lexdocs.plugin, mkdocs.commands.build; "
             "print(' '.join(sorted(sys.modules)))")
    loaded = set(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                check=True).stdout.split())
    assert "lexdocs.plugin" in loaded and "mkdocs.commands.build" in loaded
    unwanted = {"rich", "watchdog", "http.server", "mkdocs.livereload"}
    assert not loaded & unwanted, loaded & unwanted
    from lexdocs.review import formats
    assert callable(formats.to_terminal) and callable(formats.term_rows)
    with pytest.raises(AttributeError):
        formats.to_nowhere  # noqa: B018
