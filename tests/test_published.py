"""The publication record: `lexdocs record` writes it, every later build honours it."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from lexdocs.cli import cli
from lexdocs.config import load_options
from lexdocs.errors import CheckError
from lexdocs.history import published
from lexdocs.history.gitstore import open_store
from lexdocs.history.published import BRANCH, PDF_FOLDER, RECORD_FILE, load_record
from lexdocs.pipeline import load_timelines, publishable_timelines
from tests.conftest import Repo

INTRO = "policy_src/privacy/10-intro.md"


@pytest.fixture(autouse=True)
def build_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737000000")  # 2025-01-16


def record(repo: Repo) -> str:
    out = CliRunner().invoke(cli, ["-C", str(repo.path), "record"])
    assert out.exit_code == 0, out.output
    return out.output


def errors(repo: Repo) -> list[str]:
    timelines = load_timelines(load_options(repo.path), dt.date(2025, 1, 16))
    return [f.message for t in timelines.values() for f in t.findings if f.severity == "error"]


def edit(repo: Repo, date: str) -> str:
    repo.replace(INTRO, "personal information.", "personal information!")
    return repo.commit("Punctuation", date)


def test_nothing_recorded_means_nothing_to_check(project: Repo) -> None:
    assert load_record(project.path) is None
    project.git("commit", "-q", "--amend", "-m", "Reworded message",
                date="2024-09-11T10:00:00+00:00")
    assert errors(project) == []


def test_record_writes_one_file_on_its_branch_and_leaves_the_checkout_alone(
        project: Repo) -> None:
    project.write(INTRO, project.read(INTRO) + "Uncommitted words.\n")
    status = project.git("status", "--porcelain")
    project.replace(INTRO, "Uncommitted words.\n", "")
    out = record(project)
    assert f"now run 'git push origin {BRANCH}'" in out
    assert project.git("ls-tree", "--name-only", BRANCH) == RECORD_FILE
    data = json.loads(project.git("show", f"{BRANCH}:{RECORD_FILE}"))
    assert [v["id"] for v in data["documents"]["privacy"]["versions"]] == ["2024-09-01"]
    assert project.git("rev-parse", "--abbrev-ref", "HEAD") == "main"
    project.write(INTRO, project.read(INTRO) + "Uncommitted words.\n")
    assert project.git("status", "--porcelain") == status
    assert "already up to date" in record(project)
    assert project.git("rev-list", "--count", BRANCH) == "1"


def test_a_new_version_is_recorded_after_the_last_record(project: Repo) -> None:
    record(project)
    edit(project, "2025-01-10T10:00:00+00:00")
    assert errors(project) == []  # a new version is not a breach
    record(project)
    assert project.git("rev-list", "--count", BRANCH) == "2"
    record_ = load_record(project.path)
    assert record_ is not None
    assert [v.id for v in record_.versions] == ["2024-09-01", "2025-01-10"]


def test_a_record_is_read_once_per_commit_of_its_branch(
        project: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview reads the record on every save: the same branch commit is not parsed
    again, and a new one is."""
    record(project)
    parsed: list[str] = []
    real = published.parse_record
    monkeypatch.setattr(published, "parse_record",
                        lambda text, where: parsed.append(where) or real(text, where))
    first = load_record(project.path)
    assert load_record(project.path) is first and len(parsed) <= 1
    edit(project, "2025-01-10T10:00:00+00:00")
    record(project)
    again = load_record(project.path)
    assert again is not None and again is not first
    assert [v.id for v in again.versions] == ["2024-09-01", "2025-01-10"]


def test_an_amended_published_version_is_refused_with_the_fix(project: Repo) -> None:
    edit(project, "2025-01-10T10:00:00+00:00")
    published = project.git("rev-parse", "HEAD")
    record(project)
    project.replace(INTRO, "personal information!", "precise location!")
    project.git("add", "-A")
    project.git("commit", "-q", "--amend", "--no-edit", date="2025-01-10T10:00:00+00:00")
    found = [m for m in errors(project) if "published version" in m]
    assert len(found) == 1
    assert "published version 2025-01-10 has different text now" in found[0]
    assert f"put commit {published[:12]} back" in found[0]
    with pytest.raises(CheckError) as err:
        publishable_timelines(load_options(project.path), lambda _: None)
    assert "; 1 more, see 'lexdocs check'" in str(err.value)  # the amend is also unannounced
    out = CliRunner().invoke(cli, ["-C", str(project.path), "check"])
    assert out.exit_code == 1 and "[permanent-url]" in out.output


def test_a_force_pushed_history_that_drops_a_version_is_refused(project: Repo) -> None:
    edit(project, "2025-01-10T10:00:00+00:00")
    record(project)
    project.git("reset", "-q", "--hard", "HEAD~1")
    found = errors(project)
    assert found and "published version 2025-01-10 is missing from this build" in found[0]


def test_a_published_document_no_longer_built_is_refused_as_such(project: Repo) -> None:
    """Deleting a document's folder (or its entry in `documents`) took every page of it
    off the site; the record refused it, but said history was rewritten and to look in
    the reflog."""
    for name in ("document.yml", "10-intro.md", "20-retention.md"):
        project.write(f"policy_src/cookies/{name}", project.read(f"policy_src/privacy/{name}")
                      .replace("Privacy Statement", "Cookie Notice")
                      .replace("slug: privacy", "slug: cookies"))
    project.replace("mkdocs.yml", "documents: [privacy]", "documents: [privacy, cookies]")
    project.commit("A cookie notice", "2024-10-01T10:00:00+00:00")
    record(project)
    project.git("rm", "-rq", "policy_src/cookies")
    project.replace("mkdocs.yml", "documents: [privacy, cookies]", "documents: [privacy]")
    project.commit("Retire the cookie notice", "2025-01-10T10:00:00+00:00")
    found = [m for m in errors(project) if "cookies" in m]
    assert len(found) == 1, found
    assert ("cookies: the document is no longer built, so its published version 2024-09-01 "
            "would disappear from the site") in found[0]
    assert "reflog" not in found[0] and "rewritten" not in found[0]


def test_a_document_left_out_or_deleted_is_said(project: Repo) -> None:
    """Without a record, taking a document off mkdocs.yml's list, or deleting its folder,
    unpublished it without a word."""
    for name in ("document.yml", "10-intro.md", "20-retention.md"):
        project.write(f"policy_src/cookies/{name}", project.read(f"policy_src/privacy/{name}")
                      .replace("slug: privacy", "slug: cookies"))
    out = CliRunner().invoke(cli, ["-C", str(project.path), "check"])
    line = next(i for i, text in enumerate(project.read("mkdocs.yml").splitlines(), 1)
                if "documents:" in text)
    assert (f"mkdocs.yml:{line}: warning [unlisted-document] policy_src/cookies/ holds a "
            "document that 'documents' leaves out") in " ".join(out.output.split())
    project.replace("mkdocs.yml", "documents: [privacy]", "documents: [privacy, cookies]")
    out = CliRunner().invoke(cli, ["-C", str(project.path), "check"])
    assert "unlisted-document" not in out.output
    # deleted by a commit, folder and entry both: the history still knows it
    project.commit("A cookie notice", "2024-10-01T10:00:00+00:00")
    project.git("rm", "-rq", "policy_src/cookies")
    project.replace("mkdocs.yml", "documents: [privacy, cookies]", "documents: [privacy]")
    project.commit("Retire the cookie notice", "2025-01-10T10:00:00+00:00")
    deleted = project.git("rev-parse", "--short=10", "HEAD")
    out = CliRunner().invoke(cli, ["-C", str(project.path), "check"])
    assert ("policy_src/cookies/document.yml: warning [unlisted-document] policy_src/cookies/ "
            f"held a document that commit {deleted} deleted") in " ".join(out.output.split())
    # the walk is the whole history's, and a preview asks on every save: on the same HEAD,
    # git is not asked again
    trace = project.path.parent / "trace.json"
    os.environ["GIT_TRACE2_EVENT"] = str(trace)
    try:
        with open_store(project.path) as store:
            again = store.deleted("policy_src/*/document.yml")
    finally:
        del os.environ["GIT_TRACE2_EVENT"]
    assert set(again) == {"policy_src/cookies/document.yml"}
    assert '"argv":["git","log"' not in (trace.read_text() if trace.exists() else "")


def test_a_clone_reads_the_record_from_origin(project: Repo, tmp_path: Path) -> None:
    edit(project, "2025-01-10T10:00:00+00:00")
    record(project)
    clone = Repo.__new__(Repo)
    clone.path = tmp_path / "clone"
    project.git("clone", "-q", str(project.path), str(clone.path))
    clone.git("config", "user.name", "CI")
    clone.git("config", "user.email", "ci@example.com")
    found = load_record(clone.path)
    assert found is not None and found.ref == f"refs/remotes/origin/{BRANCH}"
    clone.git("reset", "-q", "--hard", "HEAD~1")
    assert any("2025-01-10 is missing" in m for m in errors(clone))


# The record's PDFs: a fresh clone reuses what was published instead of rendering it again.

PDF_CACHE = ".cache/lexdocs/pdf"


def with_pdfs(repo: Repo) -> Repo:
    """`repo` publishing a PDF of every version (the fixture turns them off: slow)."""
    repo.replace("mkdocs.yml", "pdf: false", "pdf: true")
    repo.write(".gitignore", ".cache/\nsite/\n")
    repo.commit("Publish PDFs", "2024-09-10T11:00:00+00:00")
    return repo


def branch_pdfs(repo: Repo) -> dict[str, bytes]:
    """The branch tip's pdf/ folder, read with git itself: {key: bytes}."""
    names = repo.git("ls-tree", "-r", "--name-only", BRANCH).splitlines()
    out = {}
    for name in names:
        if name.startswith(f"{PDF_FOLDER}/"):
            data = subprocess.run(["git", "show", f"{BRANCH}:{name}"], cwd=repo.path,
                                  check=True, capture_output=True).stdout
            out[name.removeprefix(f"{PDF_FOLDER}/").removesuffix(".pdf")] = data
    return out


def cached_pdfs(repo: Repo) -> dict[str, bytes]:
    return {p.stem: p.read_bytes() for p in (repo.path / PDF_CACHE).glob("*.pdf")}


def site_pdfs(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.pdf"))}


def clone_of(repo: Repo, tmp_path: Path) -> Repo:
    """A fresh clone, as CI makes it: the record only as origin/lexdocs-published."""
    clone = Repo.__new__(Repo)
    clone.path = tmp_path / "clone"
    repo.git("clone", "-q", str(repo.path), str(clone.path))
    assert clone.git("branch", "-r", "--list", f"origin/{BRANCH}")
    return clone


def mkdocs_build(repo: Repo, caplog: pytest.LogCaptureFixture) -> list[str]:
    """Build the site in-process; the lexdocs log lines it wrote."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    caplog.clear()
    caplog.set_level(logging.INFO, logger="lexdocs")
    cfg = load_config(str(repo.path / "mkdocs.yml"), site_dir=str(repo.path / "site"))
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return [r.getMessage() for r in caplog.records if r.name.startswith("lexdocs")]


def test_record_writes_each_published_pdf_keeps_them_and_drops_unpublished(
        project: Repo) -> None:
    with_pdfs(project)
    record(project)
    first = branch_pdfs(project)
    assert len(first) == 1 and first == cached_pdfs(project)
    assert all(data.startswith(b"%PDF-") for data in first.values())
    edit(project, "2025-01-10T10:00:00+00:00")
    record(project)
    both = branch_pdfs(project)
    assert len(both) == 2 and both.items() >= first.items() and both == cached_pdfs(project)
    assert "already up to date" in record(project)
    assert project.git("rev-list", "--count", BRANCH) == "2"
    project.replace("mkdocs.yml", "pdf: true", "pdf: false")  # no PDF is published any more
    record(project)
    assert branch_pdfs(project) == {}
    assert project.git("ls-tree", "--name-only", BRANCH) == RECORD_FILE
    assert project.git("rev-list", "--count", BRANCH) == "3"


def test_a_first_build_makes_pdfs_of_versions_in_force_and_prints_the_rest(
        project: Repo, caplog: pytest.LogCaptureFixture) -> None:
    """Nothing recorded, nothing cached: 2024-09-01 was replaced before any build made its
    PDF, so it gets none (its page says to print it), and nothing links to one."""
    with_pdfs(project)
    edit(project, "2025-01-10T10:00:00+00:00")
    assert mkdocs_build(project, caplog) == ["rendering 1 PDF(s)"]
    site = project.path / "site"
    assert list(site_pdfs(site)) == ["privacy/versions/2025-01-10.pdf"]
    old = (site / "privacy/versions/2024-09-01/index.html").read_text(encoding="utf-8")
    assert "Print this page to keep a copy" in old and "2024-09-01.pdf" not in old
    new = (site / "privacy/versions/2025-01-10/index.html").read_text(encoding="utf-8")
    assert 'href="../2025-01-10.pdf"' in new and "Print this page" not in new
    main = (site / "privacy/index.html").read_text(encoding="utf-8")
    assert "versions/2025-01-10.pdf" in main
    listed = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    urls = {v["id"]: v["pdf_url"] for v in listed["documents"]["privacy"]["versions"]}
    assert urls["2024-09-01"] is None and urls["2025-01-10"].endswith("/2025-01-10.pdf")
    record(project)
    assert len(branch_pdfs(project)) == 1
    recorded = json.loads(project.git("show", f"{BRANCH}:{RECORD_FILE}"))
    assert [v["pdf_url"] is None for v in recorded["documents"]["privacy"]["versions"]] == [
        True, False]
    project.replace("mkdocs.yml", "pdf: true", "pdf: all")  # every version, on request
    assert mkdocs_build(project, caplog) == ["rendering 1 PDF(s)"]
    assert len(site_pdfs(site)) == 2
    old = (site / "privacy/versions/2024-09-01/index.html").read_text(encoding="utf-8")
    assert 'href="../2024-09-01.pdf"' in old and "Print this page" not in old


def test_a_fresh_clone_renders_no_published_pdf_and_publishes_the_same_bytes(
        project: Repo, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """2024-09-01's PDF was published while it was in force: once superseded it stays
    published, from the cache here and from the record in a fresh clone."""
    with_pdfs(project)
    record(project)
    edit(project, "2025-01-10T10:00:00+00:00")
    logged = mkdocs_build(project, caplog)
    assert "rendering 1 PDF(s)" in logged
    published = site_pdfs(project.path / "site")
    assert len(published) == 2
    caplog.clear()
    record(project)  # after the build, every PDF is cached: nothing is rendered again
    assert not any(r.getMessage().startswith("rendering") for r in caplog.records)
    clone = clone_of(project, tmp_path)
    assert not (clone.path / ".cache").exists()
    logged = mkdocs_build(clone, caplog)
    assert not any(m.startswith("rendering") for m in logged), logged
    assert f"2 PDF(s) taken from branch {BRANCH}" in logged
    assert site_pdfs(clone.path / "site") == published
    assert cached_pdfs(clone) == cached_pdfs(project)  # with sidecars the cache trusts
    assert len(list((clone.path / PDF_CACHE).glob("*.sha256"))) == 2


def test_a_cached_pdf_names_its_version_so_no_other_version_is_hashed(
        project: Repo, caplog: pytest.LogCaptureFixture) -> None:
    """Each cached PDF has its version noted beside it: a superseded version no PDF was
    noted for has none, known without hashing its whole text (5,000 versions: 4 s of a
    build). A cache from before the notes is still read by key, and noted again."""
    from lexdocs.publish.pdf import published_pdfs

    with_pdfs(project)
    assert mkdocs_build(project, caplog) == ["rendering 1 PDF(s)"]  # 2024-09-01, in force
    edit(project, "2025-01-10T10:00:00+00:00")
    assert mkdocs_build(project, caplog) == ["rendering 1 PDF(s)"]
    cache = project.path / PDF_CACHE
    notes = {p.stem: p.read_text(encoding="utf-8") for p in cache.glob("*.version")}
    assert notes.keys() == cached_pdfs(project).keys()
    assert sorted(notes.values()) == ["2024-09-01", "2025-01-10"]
    assert published_pdfs(cache, None).ids == {"2024-09-01", "2025-01-10"}
    for note in cache.glob("*.version"):
        note.unlink()
    assert published_pdfs(cache, None).ids is None
    mkdocs_build(project, caplog)
    assert list(site_pdfs(project.path / "site")) == ["privacy/versions/2024-09-01.pdf",
                                                      "privacy/versions/2025-01-10.pdf"]
    assert len(list(cache.glob("*.version"))) == 2


def test_a_version_recorded_with_a_pdf_keeps_one_when_its_key_changes(
        project: Repo, caplog: pytest.LogCaptureFixture) -> None:
    """Another site URL (or WeasyPrint, or stylesheet) gives every PDF a new key: the
    superseded 2024-09-01 was recorded with a PDF, so it gets one made anew, not none."""
    with_pdfs(project)
    record(project)
    edit(project, "2025-01-10T10:00:00+00:00")
    shutil.rmtree(project.path / ".cache")
    project.replace("mkdocs.yml", "https://chatlio.com/legal/", "https://example.org/legal/")
    assert mkdocs_build(project, caplog) == ["rendering 2 PDF(s)"]
    site = project.path / "site"
    assert list(site_pdfs(site)) == ["privacy/versions/2024-09-01.pdf",
                                     "privacy/versions/2025-01-10.pdf"]
    old = (site / "privacy/versions/2024-09-01/index.html").read_text(encoding="utf-8")
    assert 'href="../2024-09-01.pdf"' in old and "Print this page" not in old


def test_a_damaged_pdf_in_the_record_is_rendered_again_not_published(
        project: Repo, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with_pdfs(project)
    record(project)
    edit(project, "2025-01-10T10:00:00+00:00")
    record(project)
    good = cached_pdfs(project)
    bad_key = sorted(good)[0]
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\nnot a whole PDF at all")
    versions = project.git("show", f"{BRANCH}:{RECORD_FILE}")
    pdfs = {k: project.path / PDF_CACHE / f"{k}.pdf" for k in good}
    assert published.record(project.path, versions, {**pdfs, bad_key: garbage})
    clone = clone_of(project, tmp_path)
    logged = mkdocs_build(clone, caplog)
    assert "rendering 1 PDF(s)" in logged
    assert f"1 PDF(s) taken from branch {BRANCH}" in logged
    # lexdocs' own warnings: the PDF engine's (a font subset without HarfBuzz, where
    # Debian's is older) say nothing of the record
    warned = [r for r in caplog.records if r.levelno == logging.WARNING
              and r.name.startswith("lexdocs")]
    assert [r.getMessage() for r in warned] == [
        f"{BRANCH}:{PDF_FOLDER}/{bad_key}.pdf is not a whole PDF; rendering it again"]
    assert cached_pdfs(clone) == good
    assert b"not a whole PDF" not in b"".join(site_pdfs(clone.path / "site").values())


def test_only_regular_bounded_files_at_key_paths_are_read_from_the_record(
        project: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The branch is untrusted: a link, a folder or a huge blob under a key is refused,
    and nothing but the keys asked for is read."""
    pdf = b"%PDF-1.7\n%%EOF\n"
    keys = [f"{c}" * 64 for c in "abcde"]

    def blob(data: bytes) -> str:
        return subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=project.path,
                              input=data, check=True, capture_output=True).stdout.decode().strip()

    def mktree(lines: list[str]) -> str:
        return subprocess.run(["git", "mktree"], cwd=project.path, check=True, text=True,
                              input="".join(lines), capture_output=True).stdout.strip()

    ok, link, big = blob(pdf), blob(b"/etc/passwd"), blob(pdf + b"x" * 200)
    sub = mktree([f"100644 blob {ok}\tinner.pdf\n"])
    folder = mktree([f"100644 blob {ok}\t{keys[0]}.pdf\n", f"120000 blob {link}\t{keys[1]}.pdf\n",
                     f"040000 tree {sub}\t{keys[2]}.pdf\n", f"100644 blob {big}\t{keys[3]}.pdf\n",
                     f"100644 blob {ok}\tnotes.txt\n"])
    top = mktree([f"040000 tree {folder}\t{PDF_FOLDER}\n"])
    commit = project.git("commit-tree", top, "-m", "hostile record",
                         date="2025-01-10T10:00:00+00:00")
    project.git("update-ref", f"refs/heads/{BRANCH}", commit)
    monkeypatch.setattr(published, "MAX_PDF_BYTES", 100)
    found = dict(published.recorded_pdfs(project.path, [*keys, "../notes", "notes.txt"]))
    assert found == {keys[0]: pdf, keys[1]: None, keys[2]: None, keys[3]: None}
