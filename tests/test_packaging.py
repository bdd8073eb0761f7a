"""What the package declares is what is tested and shipped: Pythons, ranges, lock, wheel."""

from __future__ import annotations

import email
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from tests.conftest import ROOT, Repo, lexdocs

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LOCK = ROOT / "requirements" / "constraints.txt"


def _locked() -> dict[str, str]:
    out = {}
    for line in LOCK.read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            out[name.lower().replace("_", "-")] = version
    return out


def _tested() -> list[str]:
    prefix = "Programming Language :: Python :: "
    return [c.removeprefix(prefix) for c in PROJECT["classifiers"]
            if c.startswith(prefix) and c.removeprefix(prefix).count(".") == 1]


def test_requires_python_admits_exactly_the_tested_versions() -> None:
    tested = _tested()
    assert tested == ["3.11", "3.12", "3.13"]
    allowed = SpecifierSet(PROJECT["requires-python"])
    for minor in range(8, 20):
        version = f"3.{minor}"
        assert (f"{version}.0" in allowed) == (version in tested), version


def test_requirements_are_ranges_whose_lower_bound_is_the_locked_release() -> None:
    locked = _locked()
    every = [*PROJECT["dependencies"],
             *(r for extra in PROJECT["optional-dependencies"].values() for r in extra)]
    for line in every:
        req = Requirement(line)
        assert not any(s.operator in ("==", "===") for s in req.specifier), line
        name = req.name.lower().replace("_", "-")
        assert name in locked, f"{line}: not in {LOCK.name}"
        assert req.specifier.contains(locked[name]), f"{line}: the lock has {locked[name]}"
    for line in PROJECT["dependencies"]:
        req = Requirement(line)
        lower = [s.version for s in req.specifier if s.operator == ">="]
        name = req.name.lower().replace("_", "-")
        # The lower bound is a release the tests ran with, not a guess at an older one.
        assert lower == [locked[name]], line
    assert "textstat" not in locked and "nltk" not in locked


def test_the_lock_holds_no_local_or_editable_entry() -> None:
    for line in LOCK.read_text().splitlines():
        if line and not line.startswith("#"):
            assert "==" in line and " @ " not in line and not line.startswith("-e"), line


def test_the_wheel_ships_the_schema_skeleton_and_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        meta = email.message_from_bytes(
            z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))))
    packaged = ROOT / "lexdocs/publish/schema/versions-1.json"
    assert "lexdocs/publish/schema/versions-1.json" in names and packaged.is_file()
    for rel in ("CODEOWNERS", "pre-commit-local.yaml", "pre-commit-remote.yaml",
                "requirements.txt", "workflows/legal.yml"):
        assert f"lexdocs/adopt/skeleton/{rel}" in names, rel
    # the pages' words in each language a catalog is kept for (lexdocs.publish.locales)
    catalogs = sorted(p.name for p in (ROOT / "lexdocs/publish/locale").glob("*.po"))
    assert catalogs and all(f"lexdocs/publish/locale/{c}" in names for c in catalogs)
    assert SpecifierSet(meta["Requires-Python"]) == SpecifierSet(PROJECT["requires-python"])
    classifiers = meta.get_all("Classifier") or []
    assert {f"Programming Language :: Python :: {v}" for v in _tested()} <= set(classifiers)
    assert not any("textstat" in r for r in meta.get_all("Requires-Dist") or [])


def test_the_wheel_carries_the_licence_and_only_true_addresses(wheel: Path) -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n\nCopyright (c) 2026 the lexdocs authors\n")
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in licence
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA")).rsplit("/", 1)[0]
        meta = email.message_from_bytes(z.read(f"{info}/METADATA"))
        # PEP 639: the file itself, under the dist-info's licenses/ folder, named in METADATA.
        assert z.read(f"{info}/licenses/LICENSE").decode("utf-8") == licence
    assert meta["License-Expression"] == "MIT"
    assert meta.get_all("License-File") == ["LICENSE"]
    # No licence classifier beside the expression: PEP 639 makes them contradict.
    assert not any(c.startswith("License ::") for c in meta.get_all("Classifier") or [])
    # The project's addresses are the published site's: no source repository is invented
    # before there is a public one.
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
    site = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.M)
    assert urls and site and all(u.startswith(site[1]) for u in urls.values()), urls


def test_ci_fails_when_a_supported_python_cannot_be_found(tmp_path: Path) -> None:
    wanted = [v for v in _tested() if v != f"{sys.version_info[0]}.{sys.version_info[1]}"]
    if any(Path(d, f"python{v}").exists() for v in wanted for d in ("/usr/bin", "/usr/local/bin")):
        pytest.skip("a supported interpreter is installed system-wide here")
    env = dict(os.environ, CI="true", PYENV_ROOT=str(tmp_path), PATH="/usr/bin:/bin")
    done = subprocess.run([str(ROOT / "scripts/pythons.sh"), sys.executable, "--", "true"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"no interpreter found for supported Python {' '.join(wanted)}" in done.stderr


def test_system_packages_installed_meanwhile_fail_every_suite_with_what_apt_said(
        tmp_path: Path) -> None:
    """`make test` installs Debian's packages in the background; a suite that awaits them
    ends as the install did, and shows why (here: a machine with no apt-get, missing one)."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("bash", "cat", "dirname", "grep", "mkdir", "mv", "rm", "sleep"):
        (tools / name).symlink_to(shutil.which(name) or f"/bin/{name}")
    # dpkg-query knows nothing installed: every package is missing
    (tools / "dpkg-query").write_text("#!/bin/sh\nexit 1\n")
    (tools / "dpkg-query").chmod(0o755)
    env = dict(os.environ, PATH=str(tools))
    script = str(ROOT / "scripts" / "system-deps.sh")
    out = tmp_path / "deps"
    started = subprocess.run([script, "test", "--background", str(out)], env=env,
                             capture_output=True, text=True, timeout=60)
    assert started.returncode == 0 and not started.stderr, started.stderr
    waited = subprocess.run([script, "--await", "--quiet"], capture_output=True, text=True,
                            env=dict(env, LEXDOCS_SYSTEM_DEPS=str(out)), timeout=60)
    assert waited.returncode == 1
    assert "lexdocs needs these Debian packages: libpango-1.0-0" in waited.stderr
    assert "chromium poppler-utils" in waited.stderr and "no apt-get" in waited.stderr
    # Run on its own (`make suite`), a suite has no install to wait for.
    alone = subprocess.run([script, "--await"], capture_output=True, text=True,
                           env=dict(env, LEXDOCS_SYSTEM_DEPS=""), timeout=60)
    assert alone.returncode == 0 and not alone.stdout + alone.stderr


def test_version_is_the_installed_distribution(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib import metadata

    from tests.conftest import lexdocs

    assert lexdocs("--version") == 0
    assert capsys.readouterr().out.strip() == f"lexdocs {metadata.version('lexdocs')}"


# --- what `lexdocs init` writes into requirements.txt from a checkout -----------------------

def _checkout(where: Path, sub: str = "") -> tuple[Repo, Path, str]:
    """A lexdocs checkout (its pyproject.toml is enough to be one) with a bare remote that
    holds its one commit: (repository, checkout folder, commit)."""
    bare = where / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    repo = Repo(where / "lexdocs")
    repo.write(f"{sub}pyproject.toml", '[project]\nname = "lexdocs"\nversion = "0.1.0"\n')
    sha = repo.commit("lexdocs", "2026-01-05T10:00:00+00:00")
    repo.git("remote", "add", "origin", str(bare))
    repo.git("push", "-q", "-u", "origin", "main")
    return repo, repo.path / sub, sha


def test_a_pushed_clean_checkout_is_named_by_its_git_url_and_commit(tmp_path: Path) -> None:
    from lexdocs.adopt.scaffold import from_checkout

    repo, path, sha = _checkout(tmp_path)
    came = from_checkout(path, "0.1.0")
    url = (tmp_path / "remote.git").resolve().as_uri()
    assert (came.requirement, came.hook, came.installable) == (
        f"lexdocs @ git+{url}@{sha}", (url, sha), True)
    assert "cannot reach it" in came.how  # a folder on this machine: CI has no such path
    # pip fetches what it names: that commit, from the remote.
    done = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                           "--no-build-isolation", "--no-index", "-d", str(tmp_path / "got"),
                           came.requirement], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (tmp_path / "got").iterdir()] == ["lexdocs-0.1.0.zip"]
    # A remote's address as git accepts it, spelt for pip, and never with its credentials.
    for remote, spelt in (("https://bot:s3cret@git.example.org/acme/lexdocs.git",
                           "https://git.example.org/acme/lexdocs.git"),
                          ("git@git.example.org:acme/lexdocs.git",
                           "ssh://git@git.example.org/acme/lexdocs.git")):
        repo.git("remote", "set-url", "origin", remote)
        came = from_checkout(path, "0.1.0")
        assert came.requirement == f"lexdocs @ git+{spelt}@{sha}" and "s3cret" not in came.how
        assert came.hook == (spelt, sha) and "cannot reach" not in came.how


def test_a_checkout_in_a_subfolder_is_named_with_it_and_has_no_hook(tmp_path: Path) -> None:
    from lexdocs.adopt.scaffold import from_checkout

    _, path, sha = _checkout(tmp_path, "tools/lexdocs/")
    came = from_checkout(path, "0.1.0")
    assert came.requirement.endswith(f"@{sha}#subdirectory=tools/lexdocs")
    assert came.hook is None  # pre-commit reads .pre-commit-hooks.yaml at the top only


class _Editable:
    """What importlib.metadata shows of an editable install: its version and PEP 610 record."""

    version = "0.1.0"

    def __init__(self, record: str) -> None:
        self.record = record

    def read_text(self, name: str) -> str:
        assert name == "direct_url.json"
        return self.record


@pytest.mark.parametrize(("change", "why"), [
    ("edit", "it has uncommitted changes"),
    ("new file", "it has uncommitted changes"),
    ("commit", "is on no remote's branch yet (push it)"),
    ("no git", "it is not a git repository"),
])
def test_a_checkout_whose_head_is_not_what_runs_gets_a_comment(
        change: str, why: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lexdocs.adopt import scaffold

    repo, path, _ = _checkout(tmp_path)
    if change == "edit":
        repo.write("pyproject.toml", '[project]\nname = "lexdocs"\nversion = "2"\n')
    elif change == "new file":
        repo.write("lexdocs/extra.py", "")
    elif change == "commit":
        repo.write("lexdocs/extra.py", "")
        repo.commit("Not pushed", "2026-01-06T10:00:00+00:00")
    else:
        path = tmp_path / "plain"
        shutil.copytree(repo.path, path, ignore=shutil.ignore_patterns(".git"))
    # As pip records an editable install of it (PEP 610), read by `lexdocs init`.
    record = json.dumps({"url": path.as_uri(), "dir_info": {"editable": True}})
    monkeypatch.setattr(scaffold.metadata, "distribution", lambda name: _Editable(record))
    came = scaffold.origin()
    assert not came.installable and why in came.how and str(path) in came.how
    scaffold.init_site(tmp_path / "site", came=came)
    written = (tmp_path / "site" / "requirements.txt").read_text()
    lines = [ln for ln in written.splitlines() if ln.strip()]
    # Nothing but comments: no `lexdocs==` line that no package index can satisfy.
    assert all(ln.startswith("#") for ln in lines) and "lexdocs==" not in written
    assert "#   lexdocs @ git+https://" in written and "#   ./vendor/lexdocs-" in written
    assert str(tmp_path) not in written  # a path on this machine is told, not committed
    config = (tmp_path / "site" / ".pre-commit-config.yaml").read_text()
    assert "repo: local" in config


def test_init_says_where_requirements_txt_gets_lexdocs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from lexdocs.adopt.scaffold import from_checkout, origin

    came = origin()
    record = metadata.distribution("lexdocs").read_text("direct_url.json") or "{}"
    if json.loads(record).get("dir_info", {}).get("editable"):  # this checkout, editable
        assert came == from_checkout(ROOT, metadata.version("lexdocs"))
    assert lexdocs("init", str(tmp_path / "site")) == 0
    out = capsys.readouterr()
    said = (f"requirements.txt installs {came.how}." if came.installable
            else f"warning: requirements.txt names {came.how}.")
    assert said in out.out + out.err
