"""`mkdocs serve` previews a lawyer's edit: it rebuilds when policy_src/ changes.

A save re-renders only the pages it can change; archived version pages come
from the content-keyed cache of themed pages, and no PDF is rendered while
previewing (WeasyPrint would make every save wait).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import Repo

MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch_until(url: str, needle: str, seconds: float) -> str:
    """The page once it contains `needle`, polling; the last text seen if it never does."""
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                text = response.read().decode("utf-8")
            if needle in text:
                return text
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    return text


def test_serve_rebuilds_when_a_variable_changes(project: Repo, tmp_path: Path) -> None:
    project.replace("mkdocs.yml", "pdf: false", "pdf: true")
    project.commit("PDFs on", "2024-09-11T10:00:00+00:00")
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen([MKDOCS, "serve", "-a", f"127.0.0.1:{port}", "--livereload"],
                                  cwd=project.path, env=env, stdout=log, stderr=log)
    try:
        base = f"http://127.0.0.1:{port}/legal/privacy/"
        first = fetch_until(base, "Last Updated", 60)
        assert "September 2024" in first and "90 days" in first
        project.replace("policy_src/variables.yml", "90 days", "45 days")
        after = fetch_until(base, "45 days", 60)
        assert "45 days" in after
        assert "Draft — not published" in after
        archived = fetch_until(base + "versions/2024-09-01/", "Last Updated", 10)
        assert "90 days" in archived and "45 days" not in archived
        # A save that breaks the build: MkDocs' server held every request until a build
        # succeeded, the error only in the terminal. The last site that built is shown,
        # with the error, its file and line, at the top of the page.
        project.replace("policy_src/privacy/10-intro.md", "handle personal",
                        "handle {{ company.nam }} personal")
        broken = fetch_until(base, "lexdocs-preview-errors", 60)
        assert "This preview could not be rebuilt" in broken and "45 days" in broken
        assert "policy_src/privacy/10-intro.md:5: undefined variable &#x27;company.nam&#x27;" \
            in broken
        project.replace("policy_src/privacy/10-intro.md", "{{ company.nam }} ", "")
        project.replace("policy_src/variables.yml", "45 days", "90 days")
        back = fetch_until(base, "September 2024", 60)
        assert "Draft — not published" not in back and "90 days" in back
        assert "lexdocs-preview-errors" not in back
        # A checkout or a pull during the preview brings a mkdocs.yml naming code: every
        # rebuild reads the file again, and it is judged before MkDocs' loader runs it.
        ran = tmp_path / "ran"
        project.replace("mkdocs.yml", "site_name:",
                        f"site_author: !!python/object/apply:os.mkdir ['{ran}']\nsite_name:")
        refused = fetch_until(base, "lexdocs-preview-errors", 60)
        line = (project.path / "mkdocs.yml").read_text().splitlines().index(
            f"site_author: !!python/object/apply:os.mkdir ['{ran}']") + 1
        assert f"mkdocs.yml:{line}: " in refused and "runs Python code" in refused, refused
        project.git("checkout", "-q", "--", "mkdocs.yml")
        deadline = time.monotonic() + 60
        while "lexdocs-preview-errors" in fetch_until(base, "Last Updated", 10) \
                and time.monotonic() < deadline:
            time.sleep(0.3)
        assert "lexdocs-preview-errors" not in fetch_until(base, "Last Updated", 10)
        assert not ran.exists(), "the code mkdocs.yml named ran"
    finally:
        server.terminate()
        server.wait(timeout=20)
    text = log_path.read_text()
    assert "unchanged page(s) reused" in text, text
    assert "PDF(s) left out; PDFs are made by 'mkdocs build'" in text
    assert not (project.path / ".cache" / "lexdocs" / "pdf").exists() or not any(
        (project.path / ".cache" / "lexdocs" / "pdf").glob("*.pdf")), "serve rendered a PDF"
    assert "Traceback" not in text


def test_a_failed_rebuild_is_listed_escaped_on_the_page_it_serves() -> None:
    """The errors quote the source, which is untrusted: each is escaped, and a page lists
    at most `SHOWN` of them. A server of another shape is left alone."""
    from lexdocs.engines.errorpage import SHOWN, show_failures, with_errors

    page = with_errors(b"<html><body class=x><p>Text</p></body></html>",
                       ["a.md:1: <script>alert(1)</script>", *[f"b.md:{i}: x" for i in range(30)]])
    assert page.startswith(b'<html><body class=x><div role="alert"')
    assert b"<script>" not in page and b"&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count(b"<li>") == SHOWN and b"and 11 more" in page
    assert page.endswith(b"<p>Text</p></body></html>")
    assert not show_failures(object())


def _without_livereload(html: str) -> str:
    """The page as built: the server injects a script naming the build's epoch."""
    return re.sub(r"<script>\s*var livereload.*?</script>", "", html, flags=re.DOTALL) \
        if "var livereload" in html else re.sub(r"<script>[^<]*livereload\([^<]*</script>",
                                                "", html)


class Serving:
    """`mkdocs serve` on a project, with its own temporary folder, so the site folder
    (MkDocs makes it with mkdtemp) and anything set beside it can be inspected."""

    def __init__(self, project: Repo, tmp_path: Path) -> None:
        self.tmp = tmp_path / "servetmp"
        self.tmp.mkdir()
        self.port = free_port()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(self.tmp))
        self.log_path = tmp_path / "serve.log"
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [MKDOCS, "serve", "-a", f"127.0.0.1:{self.port}", "--livereload"],
                cwd=project.path, env=env, stdout=log, stderr=log)
        self.base = f"http://127.0.0.1:{self.port}/legal/"

    def site(self) -> Path:
        sites = [p for p in self.tmp.iterdir() if p.name.startswith("mkdocs_")]
        assert len(sites) == 1, sites
        return sites[0]

    def stop(self) -> str:
        self.process.terminate()
        self.process.wait(timeout=20)
        return self.log_path.read_text()


def _two_versions(project: Repo) -> None:
    project.replace("policy_src/privacy/10-intro.md", "handle personal information",
                    "handle your personal information")
    project.write("policy_src/privacy/changes.yml",
                  "- summary: We say whose information it is.\n  effective: 2024-11-15\n")
    project.commit("Clarify the introduction", "2024-10-15T10:00:00+00:00")


_LONG_AGO = 10**18  # 2001-09-09, in nanoseconds


def test_a_save_rewrites_only_what_it_changed(project: Repo, tmp_path: Path) -> None:
    """The draft shows the edit; an archived page is served unchanged, from the very file
    the last build left (not deleted and copied again); a change to every page's
    surroundings (a document's title in the menu, the site's name) reaches it too."""
    _two_versions(project)
    serving = Serving(project, tmp_path)
    try:
        draft, archived = serving.base + "privacy/", serving.base + "privacy/versions/2024-09-01/"
        assert "Last Updated" in fetch_until(draft, "Last Updated", 60)
        before = fetch_until(archived, "Last Updated", 10)
        assert "handle personal information" in before
        page = serving.site() / "privacy" / "versions" / "2024-09-01" / "index.html"
        # So are files copied as they are, from the theme or made by lexdocs. A file
        # written again would get the time of writing, not this one.
        copied = [page, next((serving.site() / "assets" / "stylesheets").glob("main.*.css")),
                  serving.site() / "versions.json", serving.site() / "feed.xml"]
        for path in copied:
            os.utime(path, ns=(_LONG_AGO, _LONG_AGO))

        project.replace("policy_src/privacy/20-retention.md", "Write to", "Please write to")
        after = fetch_until(draft, "Please write to", 60)
        assert "Please write to" in after and "Draft — not published" in after
        again = fetch_until(archived, "Last Updated", 10)
        assert _without_livereload(again) == _without_livereload(before)
        rewritten = [p.name for p in copied if p.stat().st_mtime_ns != _LONG_AGO]
        assert not rewritten, f"unchanged files were written again: {rewritten}"

        project.replace("policy_src/privacy/document.yml", "title: Privacy Statement",
                        "title: Privacy Charter")
        assert "Privacy Charter" in fetch_until(draft, "Privacy Charter", 60)
        renamed = fetch_until(archived, "Privacy Charter", 10)
        assert "Privacy Charter" in renamed, "the menu of an archived page kept the old title"
        assert "handle personal information" in renamed
        # The site's name is in every page's header and in no page's Markdown.
        name = re.search(r"^site_name: (.+)$", project.read("mkdocs.yml"), re.M)
        assert name is not None
        project.replace("mkdocs.yml", name.group(0), "site_name: Renamed Legal Site")
        assert "Renamed Legal Site" in fetch_until(archived, "Renamed Legal Site", 60)
    finally:
        text = serving.stop()
    assert "left in place" in text, text
    assert "Traceback" not in text


def test_a_save_leaves_no_stale_file_and_no_old_folder(project: Repo, tmp_path: Path) -> None:
    """A page gone from the sources is gone from the preview, and the previous build's
    folder is not left beside the served one."""
    _two_versions(project)
    project.write("docs/extra.md", "# Extra\n\nAn extra page.\n")
    serving = Serving(project, tmp_path)
    try:
        assert "An extra page" in fetch_until(serving.base + "extra/", "An extra page", 60)
        (project.path / "docs" / "extra.md").unlink()
        project.replace("policy_src/privacy/20-retention.md", "Write to", "Please write to")
        assert "Please write to" in fetch_until(serving.base + "privacy/", "Please write to", 60)
        assert "An extra page" not in fetch_until(serving.base + "extra/", "An extra page", 2)
        site = serving.site()
        assert not (site / "extra").exists(), "a page gone from docs/ is still in the preview"
        assert (site / "privacy" / "versions" / "2024-09-01" / "index.html").is_file()
        assert sorted(p.name for p in serving.tmp.iterdir()) == [site.name], \
            "the previous build's folder was left behind"
    finally:
        text = serving.stop()
    assert "Traceback" not in text


def test_a_rebuild_failing_while_the_folder_is_aside_puts_it_back(tmp_path: Path) -> None:
    """Between the end of lexdocs' pre-build and its file list, the served folder is
    renamed aside; a build failing there (another plugin, MkDocs itself) must put it
    back, vouching for nothing, so MkDocs' own clean step empties it next time."""
    from lexdocs.publish.preview import PreviewSite

    site = tmp_path / "mkdocs_site"
    (site / "privacy").mkdir(parents=True)
    (site / "privacy" / "index.html").write_text("last build", encoding="utf-8")
    preview = PreviewSite()
    preview.written = {"privacy/index.html": "a key"}
    preview.set_aside(str(site))
    assert not site.exists(), "MkDocs' clean step would have emptied the folder"
    preview.forget()
    assert (site / "privacy" / "index.html").read_text(encoding="utf-8") == "last build"
    assert [p.name for p in tmp_path.iterdir()] == [site.name]
    preview.set_aside(str(site))
    assert site.is_dir(), "a folder nobody vouches for was set aside again"


def _built(serving: Serving, count: int, seconds: float = 60) -> int:
    """Wait until the server has seen more than `count` changes and built the last one;
    the new count. (A request is held while a build runs, so one answered after the
    change was seen comes from the new site; MkDocs' log drops a repeated "built in".)"""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        seen = serving.log_path.read_text().count("Detected file changes")
        if seen > count:
            time.sleep(0.5)  # the same save's later events join that build or start one
            with urllib.request.urlopen(serving.base, timeout=seconds) as response:
                response.read()
            if serving.log_path.read_text().count("Detected file changes") == seen:
                return seen
        time.sleep(0.1)
    raise AssertionError(f"no build after {count}: {serving.log_path.read_text()[-2000:]}")


# Lists of the pages MkDocs rendered in a build: in a preview, a page reused from the
# page cache is not one of them (README, "Preview").
_RENDERED_ONLY = {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz"}


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and str(p.relative_to(folder)) not in _RENDERED_ONLY}


def _reference(project: Repo, site_url: str, folder: Path) -> dict[str, bytes]:
    """What `mkdocs build` makes of the same sources for the same address, by a plugin
    that remembers nothing (the session runs in the server's own process)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project.path / "mkdocs.yml"), site_dir=str(folder))
    config.site_url = site_url
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return _tree(folder)


def test_a_preview_session_serves_what_a_build_would(project: Repo, tmp_path: Path) -> None:
    """Through saves, a commit and a change-log edit in one session, which reuse last
    build's versions, verdicts, archive pages and files, the served folder is byte for
    byte what a fresh `mkdocs build` makes for the same address."""
    _two_versions(project)
    os.environ["SOURCE_DATE_EPOCH"] = "1735732800"  # 2025-01-01, in this process and serve's
    try:
        serving = Serving(project, tmp_path)
        try:
            fetch_until(serving.base, "Legal", 60)
            builds = 0
            steps = [
                ("a draft edit", lambda: project.replace(
                    "policy_src/privacy/20-retention.md", "Write to", "Please write to")),
                ("another save of it", lambda: project.replace(
                    "policy_src/privacy/20-retention.md", "Please write to", "Do write to")),
                ("the draft committed", lambda: (project.write(
                    "policy_src/privacy/changes.yml",
                    project.read("policy_src/privacy/changes.yml")
                    + "- summary: We ask you to write.\n  effective: 2025-01-15\n"),
                    project.commit("Ask politely", "2024-12-01T10:00:00+00:00"))),
                ("a summary edited", lambda: project.replace(
                    "policy_src/privacy/changes.yml", "We ask you to write.",
                    "We ask you to write to us.")),
            ]
            for n, (what, change) in enumerate([("first build", lambda: None), *steps]):
                change()
                if n:
                    builds = _built(serving, builds)
                served = _tree(serving.site())
                expected = _reference(project, serving.base, tmp_path / f"ref{n}")
                assert served.keys() == expected.keys(), what
                differ = [k for k in served if served[k] != expected[k]]
                assert not differ, f"after {what}: {differ[:5]}"
        finally:
            text = serving.stop()
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert "Traceback" not in text
    assert "reused" in text


def test_a_preview_copies_the_same_theme_files_listing_fewer(project: Repo,
                                                            tmp_path: Path) -> None:
    """Under serve, the theme's folders named with a leading dot (mkdocs-material's
    14,000 icons) are not listed: MkDocs would drop them from what it copies anyway,
    so it copies the very same files, and their templates still load."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from lexdocs.publish.preview import list_theme_quickly

    def theme(quick: bool) -> tuple[list[str], list[str], str]:
        config = load_config(config_file=str(project.path / "mkdocs.yml"),
                             site_dir=str(tmp_path / "site"))
        if quick:
            list_theme_quickly(config.theme)
        env = config.theme.get_env()
        files = Files([])
        files.add_files_from_theme(env, config)
        icon = env.get_template(".icons/material/file-document.svg").render()
        return env.list_templates(), sorted(f"{f.abs_src_path} {f.dest_uri}" for f in files), icon

    (names, copied, icon), (fewer, quick, quick_icon) = theme(False), theme(True)
    assert quick == copied and len(copied) > 10
    assert quick_icon == icon and "<svg" in icon
    assert not any(n.startswith(".") for n in fewer) and len(fewer) < len(names) / 5


def test_a_save_lists_only_the_folders_that_changed(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A save keeps the archive in the served folder: at 5,000 commits ten thousand
    folders of one page each, which a listing per save cost 0.15 s. A folder whose time
    is unchanged has the entries it had; only one that changed is listed again, and a
    file that appeared in it (nothing vouches for it) is still removed."""
    from lexdocs.publish import preview as pv

    site = tmp_path / "site"
    pages = [f"privacy/versions/2024-0{i}-01/index.html" for i in range(1, 4)]
    for rel in [*pages, "index.html"]:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("kept", encoding="utf-8")
    for folder in [site, *(p for p in site.rglob("*") if p.is_dir())]:
        os.utime(folder, ns=(_LONG_AGO, _LONG_AGO))
    keep = {*pages, "index.html"}
    listings: dict[str, pv.Listing] = {}
    assert pv._remove_all_but(site, keep, listings) == set()
    assert len(listings) == 6  # the site, privacy, versions and the three pages' folders

    stale = site / "privacy" / "versions" / "2024-02-01" / "stale.html"
    stale.write_text("left by nobody we know", encoding="utf-8")
    listed: list[str] = []
    scandir = os.scandir
    monkeypatch.setattr(pv.os, "scandir", lambda path: (listed.append(path), scandir(path))[1])
    pv._remove_all_but(site, keep, listings)
    assert listed == [str(stale.parent)]
    assert not stale.exists()
    assert all((site / rel).read_text(encoding="utf-8") == "kept" for rel in keep)
