"""Compiled templates kept on disk: the installed ones only, never stale, never a failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from jinja2.sandbox import SandboxedEnvironment

from lexdocs.publish import codecache
from lexdocs.publish.codecache import InstalledTemplateCode, keep_installed, user_cache
from tests.conftest import Repo


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An installed template folder, a site's override folder, and the cache."""
    installed, site, cache = tmp_path / "installed", tmp_path / "site", tmp_path / "cache"
    installed.mkdir()
    site.mkdir()
    (installed / "page.html").write_text("installed {{ x }}")
    (installed / "base.html").write_text("base {{ x }}")
    (site / "page.html").write_text("override {{ x }}")
    return installed, site, cache


def env_of(installed: Path, site: Path, cache: Path,
           kind: type[Environment] = Environment) -> tuple[Environment, list[str]]:
    """An environment over the site's folder, then the installed one, that records what
    it compiles (a template loaded from the cache is not compiled)."""
    compiled: list[str] = []

    class Recording(kind):  # type: ignore[valid-type,misc]
        def compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
            compiled.append(Path(filename).parent.name + "/" + name)
            return super().compile(source, name, filename, raw, defer_init)

    Recording.__qualname__ = kind.__qualname__  # the class's own name is part of the key
    Recording.__module__ = kind.__module__
    env = Recording(loader=ChoiceLoader([FileSystemLoader(str(site)),
                                         FileSystemLoader(str(installed))]))
    return InstalledTemplateCode(cache, [installed]).attach(env), compiled


def test_installed_templates_are_compiled_once_and_overrides_every_time(folders) -> None:  # type: ignore[no-untyped-def]
    cache = folders[2]
    first, compiled = env_of(*folders)
    assert first.get_template("base.html").render(x=1) == "base 1"
    assert first.get_template("page.html").render(x=1) == "override 1"
    assert compiled == ["installed/base.html", "site/page.html"]
    assert len(list(cache.iterdir())) == 1  # the override's code is never stored
    again, compiled = env_of(*folders)  # a new build: a new environment
    assert again.get_template("base.html").render(x=2) == "base 2"
    assert again.get_template("page.html").render(x=2) == "override 2"
    assert compiled == ["site/page.html"]


def test_a_changed_installed_template_is_compiled_again(folders) -> None:  # type: ignore[no-untyped-def]
    installed, _, _ = folders
    env_of(*folders)[0].get_template("base.html").render(x=1)
    (installed / "base.html").write_text("upgraded {{ x }}")
    env, compiled = env_of(*folders)
    assert env.get_template("base.html").render(x=1) == "upgraded 1"
    assert compiled == ["installed/base.html"]


def test_another_environment_kind_or_syntax_never_shares_code(folders) -> None:  # type: ignore[no-untyped-def]
    env_of(*folders)[0].get_template("base.html").render(x=1)
    sandboxed, compiled = env_of(*folders, kind=SandboxedEnvironment)
    sandboxed.get_template("base.html").render(x=1)
    assert compiled == ["installed/base.html"]
    trimmed, compiled = env_of(*folders)
    trimmed.trim_blocks = True
    InstalledTemplateCode(folders[2], [folders[0]]).attach(trimmed)
    trimmed.get_template("base.html").render(x=1)
    assert compiled == ["installed/base.html"]


def test_a_damaged_or_unwritable_cache_only_costs_a_compile(folders) -> None:  # type: ignore[no-untyped-def]
    installed, site, cache = folders
    env_of(*folders)[0].get_template("base.html").render(x=1)
    (entry,) = cache.iterdir()
    entry.write_bytes(entry.read_bytes()[:40])  # truncated, as a full disk leaves it
    env, compiled = env_of(*folders)
    assert env.get_template("base.html").render(x=3) == "base 3"
    assert compiled == ["installed/base.html"]
    blocked = site / "not-a-folder"
    blocked.write_text("")
    env, compiled = env_of(installed, site, blocked / "cache")
    assert env.get_template("base.html").render(x=4) == "base 4"


def test_the_cache_lives_in_the_users_cache_folder(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_cache() == tmp_path / "xdg" / "lexdocs" / "templates"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache() == tmp_path / "home" / ".cache" / "lexdocs" / "templates"
    monkeypatch.setattr(codecache, "user_cache", lambda: None)
    env = Environment()
    assert keep_installed(env, [tmp_path]).bytecode_cache is None


def test_a_build_keeps_the_themes_code_and_never_the_sites_overrides(
        project: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cache = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    project.write("overrides/main.html", '{% extends "base.html" %}\n'
                  "{% block footer %}Our own footer{% endblock %}\n")
    project.replace("mkdocs.yml", "theme:\n", "theme:\n  custom_dir: overrides\n")
    project.commit("An override", "2024-09-11T10:00:00+00:00")
    compiled: list[str] = []
    real = Environment.compile

    def counting(self: Environment, source: str, name: str | None = None,
                 filename: str | None = None, *args: object) -> object:
        compiled.append(str(filename))
        return real(self, source, name, filename, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Environment, "compile", counting)
    monkeypatch.chdir(project.path)
    for site in ("site-1", "site-2"):
        compiled.clear()
        config = load_config(str(project.path / "mkdocs.yml"), site_dir=str(tmp_path / site))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        html = (tmp_path / site / "privacy" / "index.html").read_text(encoding="utf-8")
        assert "Our own footer" in html
        if site == "site-1":
            first = [f for f in compiled if f != "None"]
    kept = list((cache / "lexdocs" / "templates").iterdir())
    overrides = str(project.path / "overrides") + os.sep
    second = [f for f in compiled if f != "None"]
    assert kept and len(kept) <= len(first)
    # The first build compiled the theme's templates and ours; the second loaded them
    # (Material's search plugin compiles its language partials in an environment of its
    # own), and compiled again what came from the site's own folder.
    for built in (first, second):
        assert [f for f in built if f.startswith(overrides)] == [overrides + "main.html"]
    for name in ("material/templates/base.html", "publish/templates/lx-version.html",
                 "publish/theme/partials/search.html"):
        assert any(f.endswith(name) for f in first), name
        assert not any(f.endswith(name) for f in second), name
    assert len(second) < len(first) / 4, (len(first), second)
