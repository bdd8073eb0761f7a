"""What a build keeps on disk answers the next build exactly, and only when it may.

Renders are kept by commit id and redlines by a hash of their two texts, in
files named by the code's own hash (`lexdocs.cache`). These tests read the
same history twice and compare, rewrite history, damage the files, and commit
a forged cache, which must never be believed.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from lexdocs import cache, entries
from lexdocs.config import load_options
from lexdocs.entries import EntryStore
from lexdocs.history import versions
from lexdocs.history.kept import KeptRenders
from lexdocs.history.versions import History, load_histories
from lexdocs.pipeline import Caches, load_timelines
from tests.conftest import Repo

UTC = ZoneInfo("UTC")


def _history(project: Repo, monkeypatch: pytest.MonkeyPatch,
             kept: KeptRenders | None = None) -> tuple[History, list[str]]:
    """The privacy history, and the commits rendered to get it."""
    renders: list[str] = []
    real = versions._render

    def counting(*args: Any) -> Any:
        renders.append(args[5].sha)
        return real(*args)

    monkeypatch.setattr(versions, "_render", counting)
    h = load_histories(project.path, "policy_src", ["privacy"], UTC, kept=kept)["privacy"]
    monkeypatch.setattr(versions, "_render", real)
    return h, renders


def _seen(h: History) -> list[tuple[Any, ...]]:
    return [(v.id, v.commit.sha, v.rendered, v.source) for v in h.versions] + [
        (log.version, log.text) for log in h.logs]


def _three_versions(project: Repo) -> None:
    project.replace("policy_src/variables.yml", "90 days", "60 days")
    project.commit("Shorter retention", "2024-10-01T10:00:00+00:00")
    project.replace("policy_src/privacy/10-intro.md", "personal information.",
                    "personal information and your choices.")
    project.commit("Say what the choices are", "2024-11-01T10:00:00+00:00")


def test_a_second_read_renders_nothing_and_gives_the_same_history(
        project: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    _three_versions(project)
    first, rendered = _history(project, monkeypatch)
    assert len(rendered) == 3
    kept = list((project.path / ".cache" / "lexdocs").glob("history-*.sqlite"))
    assert len(kept) == 1
    second, again = _history(project, monkeypatch)
    assert again == []
    assert _seen(second) == _seen(first)
    fresh, _ = _history(project, monkeypatch, kept=KeptRenders(None))  # nothing kept at all
    assert _seen(fresh) == _seen(first)
    assert [v.id for v in first.versions] == ["2024-09-01", "2024-10-01", "2024-11-01"]
    assert project.git("status", "--porcelain") == "", "the cache must ignore itself in git"


def test_a_rewritten_commit_is_rendered_afresh(project: Repo,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _three_versions(project)
    before, _ = _history(project, monkeypatch)
    project.replace("policy_src/privacy/10-intro.md", "your choices", "your rights")
    project.git("commit", "-q", "-a", "--amend", "--no-edit",
                date="2024-11-01T10:00:00+00:00")
    after, rendered = _history(project, monkeypatch)
    assert rendered == [project.git("rev-parse", "HEAD")]
    assert "your rights" in after.versions[-1].rendered.html
    assert "your choices" in before.versions[-1].rendered.html
    store = EntryStore(project.path / ".cache" / "lexdocs", "history")
    assert store.get("commits", before.versions[-1].commit.sha) is None, \
        "gone from history, gone"
    assert store.get("commits", after.versions[-1].commit.sha) is not None


def test_a_damaged_cache_is_read_as_empty(project: Repo, monkeypatch: pytest.MonkeyPatch,
                                          caplog: pytest.LogCaptureFixture) -> None:
    _three_versions(project)
    first, _ = _history(project, monkeypatch)
    path = next((project.path / ".cache" / "lexdocs").glob("history-*.sqlite"))
    path.write_text('{"commits": {"', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="lexdocs"):
        second, rendered = _history(project, monkeypatch)
    assert "unreadable" in caplog.text
    assert len(rendered) == 3
    assert _seen(second) == _seen(first)
    # An entry of the wrong shape is a miss for that commit, not an error.
    sha = first.versions[0].commit.sha
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET value = ? WHERE pool = 'commits' AND key = ?",
                   (json.dumps({"found": {"privacy": 12}, "logs": {}}), sha))
    db.close()
    third, rendered = _history(project, monkeypatch)
    assert rendered == [sha]
    assert _seen(third) == _seen(first)


def test_a_committed_cache_is_never_believed(project: Repo, monkeypatch: pytest.MonkeyPatch,
                                             caplog: pytest.LogCaptureFixture) -> None:
    _three_versions(project)
    _history(project, monkeypatch)
    folder = project.path / ".cache" / "lexdocs"
    path = next(folder.glob("history-*.sqlite"))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET value = replace(value, 'personal information', "
                   "'INJECTED TEXT')")
    db.close()
    forged = path.read_bytes()
    assert b"INJECTED TEXT" in forged
    project.git("add", "-f", ".cache")
    project.commit("A pull request that carries a cache", "2024-11-02T10:00:00+00:00")
    with caplog.at_level(logging.WARNING, logger="lexdocs"):
        h, rendered = _history(project, monkeypatch)
    assert "tracked by git" in caplog.text
    assert len(rendered) == 3, "every commit is rendered from its own sources"
    assert not any("INJECTED" in v.rendered.html for v in h.versions)
    assert path.read_bytes() == forged, "and nothing is written into it"


def test_redlines_are_made_once_and_read_back_equal(project: Repo) -> None:
    _three_versions(project)
    opts = load_options(project.path)
    first_caches = Caches()
    first = load_timelines(opts, caches=first_caches)["privacy"]
    assert first_caches.redlines.made >= 2  # one for each version after the first
    assert list((project.path / ".cache" / "lexdocs").glob("redlines-*.sqlite"))
    second_caches = Caches()
    second = load_timelines(opts, caches=second_caches)["privacy"]
    assert second_caches.redlines.made == 0
    assert [n.redline for n in second.notices] == [n.redline for n in first.notices]
    assert any(c.material for n in second.notices[1:] for c in n.redline.changes)


def test_the_cache_files_are_named_by_the_code_that_made_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "lexdocs"
    shutil.copytree(cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", package)
    before = cache.code_fingerprint.__wrapped__()
    (package / "render" / "markup.py").write_text(
        (package / "render" / "markup.py").read_text() + "\n# one more line\n")
    assert cache.code_fingerprint.__wrapped__() != before


def test_a_preview_never_reuses_pages_from_a_committed_cache(project: Repo) -> None:
    from mkdocs.config import load_config

    existed: list[bool] = []

    def themed_folder() -> Path:
        config = load_config(config_file=str(project.path / "mkdocs.yml"))
        plugin = config.plugins["lexdocs"]
        config.plugins.on_startup(command="serve", dirty=False)
        config.plugins.on_config(config)
        assert plugin.themed is not None
        folder = Path(plugin.themed.folder)
        existed.append(folder.is_dir())
        config.plugins.on_shutdown()
        return folder

    assert themed_folder() == project.path / ".cache" / "lexdocs" / "pages"
    project.write(".cache/lexdocs/pages/forged.html", "<script>alert(1)</script>")
    project.git("add", "-f", ".cache")
    project.commit("A pull request that carries a page cache", "2024-11-02T10:00:00+00:00")
    folder = themed_folder()
    assert not folder.is_relative_to(project.path), "a session folder of its own"
    assert existed[-1] and not folder.exists(), "the session's own page cache outlived it"


def test_a_preview_that_recalls_its_verdicts_keeps_every_redline_on_disk(
        project: Repo) -> None:
    """A save in a preview takes last build's verdicts and makes no redline of the
    versions it kept; the redlines on disk must still be there for the next build."""
    from lexdocs.recall import Remembered

    _three_versions(project)
    opts = load_options(project.path)
    caches = Caches(recall=Remembered())

    def stored() -> set[str]:
        return set(EntryStore(project.path / ".cache" / "lexdocs", "redlines").keys("redlines"))

    load_timelines(opts, caches=caches)
    before = stored()
    assert len(before) == 2, "one redline a version after the first"
    project.replace("policy_src/privacy/10-intro.md", "your choices", "your rights")
    load_timelines(opts, caches=caches)  # the draft appears: verdicts are made again
    load_timelines(opts, caches=caches)  # a save: verdicts recalled, no redline made
    assert stored() == before


def test_a_python_without_sqlite_builds_with_nothing_kept(
        project: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python can be built without its sqlite3 module: then nothing is kept between
    builds, and every build works as a first one (slower, the same answers)."""
    _three_versions(project)
    opts = load_options(project.path)
    expected = load_timelines(opts)
    for kept in (project.path / ".cache" / "lexdocs").glob("*.sqlite"):
        kept.unlink()
    monkeypatch.setattr(entries, "sqlite3", None)
    caches = Caches()
    got = load_timelines(opts, caches=caches)
    assert [n.version.id for n in got["privacy"].notices] == \
        [n.version.id for n in expected["privacy"].notices]
    assert caches.redlines.made > 0 and caches.kept is not None and caches.kept.hits == 0
    assert not list((project.path / ".cache" / "lexdocs").glob("*.sqlite"))


def test_two_processes_reading_one_history_at_once_agree(project: Repo) -> None:
    """A preview and a build, or two builds, may read and write the same kept renders
    and redlines at once: each entry is written in a short transaction the other waits
    for, so both give the same versions, and a third finds everything kept."""
    import subprocess
    import sys

    _three_versions(project)
    command = [sys.executable, "-m", "lexdocs", "-C", str(project.path), "versions",
               "--format", "json"]
    both = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in both]
    assert [p.returncode for p in both] == [0, 0], [err for _, err in outputs]
    first, second = (json.loads(out) for out, _ in outputs)
    assert first == second and len(first["documents"]["privacy"]["versions"]) == 3
    caches = Caches()
    load_timelines(load_options(project.path), caches=caches)
    assert caches.redlines.made == 0 and caches.kept is not None and caches.kept.hits > 0
