"""What the package declares is what is tested and shipped: Pythons, ranges, lock, wheel."""

from __future__ import annotations

import email
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from tests.conftest import ROOT

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


def test_version_is_the_installed_distribution(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib import metadata

    from tests.conftest import lexdocs

    assert lexdocs("--version") == 0
    assert capsys.readouterr().out.strip() == f"lexdocs {metadata.version('lexdocs')}"
