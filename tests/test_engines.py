"""One lexdocs on three engines: what each does with a lexdocs project, run for real."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lexdocs.engines import guard
from tests.conftest import ROOT, Repo, lexdocs
from tests.engine_text import reader_text

BIN = Path(sys.executable).parent
TODAY_EPOCH = "1740787200"  # 2025-03-01


def run(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=TODAY_EPOCH)
    env.pop(guard.ENV, None)
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=repo.path, env=env,
                          capture_output=True, text=True)


def test_zensical_alone_fails_in_one_line_instead_of_publishing_no_legal_page(
        project: Repo) -> None:
    """Zensical skips the lexdocs plugin without a word; the guard in the shipped
    mkdocs.yml stops it on the shipped docs/index.md and says what to run."""
    result = run(project, "zensical", "build", "-f", "mkdocs.yml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1] == f"error: {guard.MESSAGE}"
    assert "Traceback" not in result.stderr
    assert not (project.path / "site" / "privacy" / "index.html").exists()


def test_mkdocs_without_the_plugin_fails_in_one_line(project: Repo) -> None:
    """The guard stands down only where the lexdocs plugin runs."""
    mk = project.read("mkdocs.yml")
    start = mk.index("  - lexdocs:")
    end = mk.index("\n\n", start)
    project.write("mkdocs.yml", mk[:start] + mk[end:])
    result = run(project, "mkdocs", "build")
    assert result.returncode == 1
    assert guard.MESSAGE in result.stderr and "Traceback" not in result.stderr


def test_lexdocs_build_without_the_plugin_says_so_before_building(project: Repo) -> None:
    """A site adopted with its old mkdocs.yml has neither the plugin nor the guard:
    `lexdocs build` built it without a legal page and said nothing."""
    project.write("mkdocs.yml", "site_name: Acme\nsite_url: https://acme.example/\n")
    result = run(project, "lexdocs", "build")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: mkdocs.yml: no lexdocs plugin is listed, so mkdocs would build the site "
        "without a single legal page (add '- lexdocs' under 'plugins:', as 'lexdocs init' "
        "writes it)"]
    assert not (project.path / "site").exists()


def test_properdocs_builds_the_project_strict_through_its_own_entry_point(
        project: Repo) -> None:
    from importlib.metadata import entry_points

    assert any(e.name == "lexdocs" and e.value == "lexdocs.plugin:LexdocsPlugin"
               for e in entry_points(group="properdocs.plugins"))
    result = run(project, "properdocs", "build", "--strict", "-f", "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert "lexdocs: privacy: 1 version(s)" in result.stderr
    page = (project.path / "site" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "We keep account records for 7 years." in page
    assert (project.path / "site" / "versions.json").is_file()


# --- One project, three engines --------------------------------------------------------

DRAFT_SENTENCE = "An uncommitted sentence that only a draft shows."
SHIPPED_EPOCH = "1796083200"  # 2026-12-01: the statement's next version is upcoming
ENGINE_BUILDS = {
    "mkdocs": ("mkdocs", "build", "--strict", "-q", "-d"),
    "properdocs": ("properdocs", "build", "--strict", "-q", "-f", "mkdocs.yml", "-d"),
    "zensical": ("lexdocs", "build", "--engine", "zensical", "--strict", "-d"),
}
THEME_OWN = {
    # The theme's own files: its scripts, styles and images differ between mkdocs-material
    # and Zensical's theme, and each engine writes its own search index and site map.
    "mkdocs": ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "search/",
               "sitemap.xml"),
    "zensical": ("assets/javascripts/", "assets/stylesheets/", "assets/images/",
                 "search.json", "sitemap.xml"),
}


def build_with_every_engine(project: Path, epoch: str, first: str | None = None
                            ) -> dict[str, Path]:
    """`project` built by each engine into its own folder beside it. `first` runs alone
    before the others (it makes the PDFs the others then find in the shared cache); the
    rest run side by side."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch)
    env.pop(guard.ENV, None)
    sites = {engine: project.parent / f"site-{engine}" for engine in ENGINE_BUILDS}

    def start(engine: str) -> subprocess.Popen[str]:
        cmd = ENGINE_BUILDS[engine]
        return subprocess.Popen([str(BIN / cmd[0]), *cmd[1:], str(sites[engine])],
                                cwd=project, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)

    waves = [[first], [e for e in ENGINE_BUILDS if e != first]] if first else [ENGINE_BUILDS]
    for wave in waves:
        running = {engine: start(engine) for engine in wave}
        for engine, proc in running.items():
            _, err = proc.communicate()
            assert proc.returncode == 0, f"{engine}: {err[-3000:]}"
    return sites


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped project (a clone of this repository's history), built by each engine
    into its own folder; the PDF cache is shared, so PDFs are made once."""
    clone = tmp_path_factory.mktemp("engines") / "project"
    # A local clone: over file:// git packs every object anew (a CPU-second).
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    # An uncommitted edit: besides versions in force, upcoming and superseded, a draft.
    section = sorted((clone / "policy_src" / "california-privacy-notice").glob("*.md"))[0]
    section.write_text(section.read_text(encoding="utf-8") + f"\n\n{DRAFT_SENTENCE}\n",
                       encoding="utf-8")
    return build_with_every_engine(clone, SHIPPED_EPOCH, first="mkdocs")


GENERATED_EPOCH = "1421712000"  # 2015-01-20: the generated history's last version is upcoming


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A history of benchmarks/generate.py (three documents; text, shared variables,
    merges, renames) ending in a material version still to take effect, with a draft on
    top: built by each engine, side by side (no PDFs: the shipped project has them)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    # Seed 47: ten commits that hold every kind (text, a shared variable, a merge, a
    # rename, a commit that changes nothing visible).
    g = generate(tmp_path_factory.mktemp("engines-generated") / "project", 10, pdf=False,
                 seed=47)
    assert set(g.kinds) == {"text", "variable", "merge", "rename", "noop"}
    intro = next((g.path / "policy_src" / "privacy").glob("*-intro.md"))
    intro.write_text(intro.read_text(encoding="utf-8") +
                     "\nWe share your contact details with Acme Analytics Ltd.\n",
                     encoding="utf-8")
    g.write("policy_src/privacy/changes.yml",
            "- summary: We share contact details with an analytics partner.\n"
            "  effective: 2015-03-01\n")
    g.commit("A new recipient, with notice")
    g.edit_working_section(DRAFT_SENTENCE)
    return build_with_every_engine(g.path, GENERATED_EPOCH)


@pytest.fixture(params=["shipped", "generated"])
def built(request: pytest.FixtureRequest) -> dict[str, Path]:
    """Each project built by every engine: the shipped one, then the generated one."""
    sites: dict[str, Path] = request.getfixturevalue(request.param)
    return sites


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _ours(files: dict[str, bytes], engine: str) -> dict[str, bytes]:
    own = THEME_OWN["zensical" if engine == "zensical" else "mkdocs"]
    return {k: v for k, v in files.items() if not k.startswith(own)}


def _themed(path: str, data: bytes) -> bool:
    """A page the theme wraps (a notice's HTML is lexdocs' own, standalone)."""
    return path.endswith(".html") and b"<article" in data


def test_every_engine_publishes_the_same_files_and_the_same_bytes(
        built: dict[str, Path]) -> None:
    """Besides the theme's own files (THEME_OWN), each engine publishes the same paths,
    and every file lexdocs makes that is not a themed page byte for byte: versions.json,
    feeds, notices, PDFs, the schema, lexdocs' stylesheets and script."""
    reference = _ours(_files(built["mkdocs"]), "mkdocs")
    assert "versions.json" in reference and "feed.xml" in reference
    data = [k for k in reference if not _themed(k, reference[k])]
    assert any(k.endswith("/notice.html") for k in data)
    assert any(k.endswith("/notice.json") for k in data)
    for engine in ("properdocs", "zensical"):
        files = _ours(_files(built[engine]), engine)
        assert sorted(files) == sorted(reference), engine
        assert [k for k in data if files[k] != reference[k]] == [], engine


_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_publishes_mkdocs_pages_byte_for_byte(built: dict[str, Path]) -> None:
    """ProperDocs renders with mkdocs-material itself: every file, themed pages and the
    theme's own included, is MkDocs' byte for byte but for the generator it names. So a
    browser check of MkDocs' pages (tests/browser/) is one of ProperDocs' too, and
    tests/browser/test_engines.py serves only the engine whose theme is another."""
    reference, files = _files(built["mkdocs"]), _files(built["properdocs"])
    assert sorted(files) == sorted(reference)
    named = [k for k in reference if _GENERATOR.search(reference[k])]
    assert "index.html" in named and "privacy/index.html" in named
    assert [k for k in reference if _GENERATOR.sub(b"", files[k])
            != _GENERATOR.sub(b"", reference[k])] == []
    assert b"ProperDocs" in _GENERATOR.search(files["index.html"]).group()  # type: ignore[union-attr]


def test_the_shipped_project_publishes_the_same_pdfs_on_every_engine(
        shipped: dict[str, Path]) -> None:
    for engine in ("properdocs", "zensical"):
        pdf = "privacy/versions/2024-09-01.pdf"
        assert (shipped[engine] / pdf).read_bytes() == (shipped["mkdocs"] / pdf).read_bytes()
    assert (shipped["zensical"] / "privacy/changes/2024-09-01...2026-11-29/notice.html"
            ).is_file()


def test_every_lexdocs_page_reads_the_same_on_every_engine(built: dict[str, Path]) -> None:
    """Statement in force, each version, each redline, history, home (and in the shipped
    project its EU summary and California notice), the 404 page: the same words on every
    engine; versions in force, upcoming and superseded, and a draft, in each project."""
    reference = _ours(_files(built["mkdocs"]), "mkdocs")
    pages = sorted(k for k, v in reference.items() if _themed(k, v))
    assert {"index.html", "privacy/index.html", "privacy/history/index.html",
            "404.html"} <= set(pages)
    assert any("/changes/" in p for p in pages) and any("/versions/" in p for p in pages)
    for rel in pages:
        texts = {engine: reader_text((site / rel).read_text(encoding="utf-8"))
                 for engine, site in built.items()}
        assert texts["mkdocs"], rel
        assert texts["properdocs"] == texts["mkdocs"], rel
        assert texts["zensical"] == texts["mkdocs"], rel
    drafts = [rel for rel in pages if DRAFT_SENTENCE in reader_text(
        (built["zensical"] / rel).read_text("utf-8"))]
    assert drafts and all("Draft — not published" in reader_text(
        (built["zensical"] / rel).read_text("utf-8")) for rel in drafts)
    statuses = {v["status"] for doc in json.loads(reference["versions.json"])["documents"]
                .values() for v in doc["versions"]}
    assert statuses == {"current", "upcoming", "superseded"}


def test_the_shipped_documents_read_the_same_on_zensical(shipped: dict[str, Path]) -> None:
    pages = {"eu-privacy-summary/index.html", "california-privacy-notice/index.html"}
    assert all((shipped["zensical"] / rel).is_file() for rel in pages)
    statement = reader_text((shipped["zensical"] / "privacy/index.html").read_text("utf-8"))
    assert "An updated version takes effect on December 29, 2026" in statement
    draft = reader_text((shipped["zensical"] / "california-privacy-notice/index.html")
                        .read_text("utf-8"))
    assert "Draft — not published" in draft and DRAFT_SENTENCE in draft


def test_zensical_pages_carry_lexdocs_theme_layer(shipped: dict[str, Path]) -> None:
    """Feed links in the head, lexdocs' stylesheets and script, the 404 page's own words:
    plain template overrides, on Zensical's theme as on mkdocs-material."""
    for engine in ("mkdocs", "zensical"):
        page = (shipped[engine] / "privacy/index.html").read_text(encoding="utf-8")
        assert ('<link rel="alternate" type="application/atom+xml" href="../feed-privacy.xml"'
                in page), engine
        assert "assets/lexdocs/lexdocs.css" in page and "assets/lexdocs/lexdocs.js" in page
        article = page[page.index("<article"):page.index("</article>")]
        assert 'href="https://chatlio.com/legal/' not in article, engine
        if engine == "zensical":  # mkdocs-material's look, which lexdocs' colours are for
            assert "assets/stylesheets/classic/main." in page
        missing = (shipped[engine] / "404.html").read_text(encoding="utf-8")
        assert "All our legal documents" in missing, engine


# --- Zensical keeps every promise of a build -------------------------------------------

def _zensical(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    return run(repo, "lexdocs", "build", "--engine", "zensical", "--strict", *args)


def test_zensical_build_shows_the_draft_keeps_links_local_and_repeats_its_bytes(
        project: Repo) -> None:
    project.replace("policy_src/privacy/10-intro.md", "personal information.",
                    "personal information. See <https://chatlio.com/legal/privacy/history/>.")
    # A killed build's work folder (its process is gone) is removed by the next build.
    (project.path / ".site.lexdocs-zensical-999999999" / "docs").mkdir(parents=True)
    first = _zensical(project)
    assert first.returncode == 0, first.stderr
    assert "lexdocs: privacy: 1 version(s)" in first.stderr
    html = (project.path / "site/privacy/index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1]
    assert "Draft — not published" in article
    assert ('<a href="../privacy/history/">https://chatlio.com/legal/privacy/history/</a>'
            in article)
    assert 'href="https://chatlio.com/legal/' not in article
    again = _zensical(project, "-d", "site-again")
    assert again.returncode == 0, again.stderr
    assert _files(project.path / "site") == _files(project.path / "site-again")
    assert not list(project.path.glob(".site*"))  # no work or stage folder left behind


def test_a_failed_zensical_build_says_why_in_one_line_and_keeps_the_site(
        project: Repo) -> None:
    assert _zensical(project).returncode == 0
    before = _files(project.path / "site")
    project.replace("policy_src/variables.yml", "7 years", "10 years")
    project.commit("Longer records, no notice", "2025-02-20T10:00:00+00:00")
    gated = _zensical(project)
    assert gated.returncode == 1
    assert "is a material change in section 'retention'" in gated.stderr
    project.replace("policy_src/privacy/20-retention.md", "retention.web_logs",
                    "retention.weblogs")
    broken = _zensical(project)
    assert broken.returncode == 1
    assert broken.stderr.strip().splitlines() == [
        "error: policy_src/privacy/20-retention.md:7: undefined variable 'retention.weblogs' "
        "(did you mean 'retention.web_logs'?)"]
    assert _files(project.path / "site") == before
    assert not list(project.path.glob(".site*"))


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_docs_page_where_lexdocs_publishes_one_stops_the_build(project: Repo,
                                                                 engine: str) -> None:
    """`lexdocs import docs/privacy.md --as privacy` leaves the old page, which both
    engines published at privacy/ beside the statement: one overwrote the other, and the
    search index held the old text too."""
    project.write("docs/privacy.md", "# Privacy\n\nThe old text.\n")
    failed = run(project, "lexdocs", "build", "--engine", engine, "--strict")
    assert failed.returncode == 1
    said = [ln for ln in failed.stderr.splitlines() if "docs/privacy.md" in ln]
    assert len(said) == 1 and ("docs/privacy.md: published at 'privacy/', where lexdocs "
                               "publishes its own page") in said[0], failed.stderr
    assert not (project.path / "site").exists()


KEPT = Path(".cache/lexdocs/zensical")


def test_zensical_builds_reuse_its_cache_and_never_publish_a_stale_page(project: Repo) -> None:
    """Zensical's own cache is kept in `.cache/lexdocs/zensical` between builds (it knows
    files by their absolute path, so a new folder each build made it theme every page
    again). An edit still shows at once, a build with that cache writes the very bytes a
    build without it does, and a failed build leaves no cache for the next."""
    assert _zensical(project).returncode == 0
    kept = project.path / KEPT
    assert {p.name for p in kept.iterdir()} == {".cache", ".lock", ".gitignore"}
    assert any((kept / ".cache").iterdir())
    project.replace("policy_src/privacy/10-intro.md", "personal information.",
                    "personal information. A sentence added after the first build.")
    warm = _zensical(project)
    assert warm.returncode == 0, warm.stderr
    page = (project.path / "site/privacy/index.html").read_text(encoding="utf-8")
    assert "A sentence added after the first build." in page
    shutil.rmtree(kept)
    cold = _zensical(project, "-d", "site-cold")
    assert cold.returncode == 0, cold.stderr
    assert _files(project.path / "site") == _files(project.path / "site-cold")
    (project.path / "docs" / "about.md").write_text("# About\n\n[Gone](nowhere.md)\n",
                                                    encoding="utf-8")
    failed = _zensical(project)
    assert failed.returncode == 1, failed.stderr
    assert not (kept / ".cache").exists()


def test_zensical_keeps_no_cache_where_it_cannot_trust_or_hold_the_folder(
        project: Repo) -> None:
    """A `.cache` that git tracks came in through a commit, so a build neither reads nor
    writes Zensical's cache there; and while another build holds the kept folder, a build
    runs in a folder of its own beside the site, touching nothing of the other's."""
    forged = project.path / KEPT / "docs" / "privacy" / "index.md"
    forged.parent.mkdir(parents=True)
    forged.write_text("# Forged\n", encoding="utf-8")
    import fcntl

    with open(project.path / KEPT / ".lock", "wb") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        held = _zensical(project)
    assert held.returncode == 0, held.stderr
    assert forged.exists() and not (project.path / KEPT / ".cache").exists()
    project.git("add", "-f", ".cache")
    project.commit("A cache in the repository", "2024-09-11T10:00:00+00:00")
    tracked = _zensical(project)
    assert tracked.returncode == 0, tracked.stderr
    assert forged.exists() and not (project.path / KEPT / ".cache").exists()
    assert "Forged" not in (project.path / "site/privacy/index.html").read_text(encoding="utf-8")
    assert not list(project.path.glob(".site*"))


def test_a_site_built_on_another_file_system_is_copied_into_place(tmp_path: Path) -> None:
    """The kept folder is under the project; the site may be on another file system (a
    `-d` on a RAM disk), where a rename cannot move it: it is copied, links as links."""
    import tempfile

    from lexdocs.engines.zensical import _move

    # the tests' folders may be in memory (LEXDOCS_SCRATCH) or on the disk, beside the checkout
    places = [p for p in (Path("/dev/shm"), ROOT) if p.is_dir() and os.access(p, os.W_OK)
              and p.stat().st_dev != tmp_path.stat().st_dev]
    if not places:
        pytest.skip("no second file system to build on")
    with tempfile.TemporaryDirectory(dir=places[0], prefix=".lexdocs-test-") as other:
        built = Path(other) / "site"
        (built / "privacy").mkdir(parents=True)
        (built / "privacy" / "index.html").write_text("<p>In force.</p>", encoding="utf-8")
        (built / "latest").symlink_to("privacy")
        stage = tmp_path / "stage"
        stage.mkdir()
        _move(built, stage)
        assert (stage / "privacy" / "index.html").read_text(encoding="utf-8") == "<p>In force.</p>"
        assert (stage / "latest").is_symlink()


def test_zensical_builds_keep_permanent_urls_and_fetch_nothing(project: Repo) -> None:
    """A slug that would move every published version, and an image from another host,
    stop a Zensical build as they stop MkDocs: before Zensical runs, the site untouched."""
    project.replace("policy_src/privacy/document.yml", "slug: privacy", "slug: privacy-policy")
    moved = _zensical(project)
    assert moved.returncode == 1 and "would move the permanent pages" in moved.stderr
    project.replace("policy_src/privacy/document.yml", "slug: privacy-policy", "slug: privacy")
    project.replace("policy_src/privacy/10-intro.md", "personal information.",
                    "personal information. ![logo](https://other.example/logo.png)")
    remote = _zensical(project)
    assert remote.returncode == 1 and "another host" in remote.stderr, remote.stderr
    assert not (project.path / "site").exists() and not list(project.path.glob(".site*"))


def test_a_strict_zensical_build_refuses_what_a_strict_mkdocs_build_refuses(
        project: Repo) -> None:
    """The starter text `lexdocs init` writes is only said by a build, and refused by a
    strict one: on Zensical as on MkDocs (tests/test_scaffold.py), before anything is
    written."""
    project.replace("policy_src/privacy/10-intro.md", "personal information.",
                    "personal information. **Starter text — replace it.**")
    strict = _zensical(project)
    assert strict.returncode == 1
    assert "warning: policy_src/privacy/10-intro.md" in strict.stderr
    assert strict.stderr.strip().splitlines()[-1].startswith(
        "error: aborted with 1 warning(s) in strict mode")
    assert not (project.path / "site").exists()
    assert not list(project.path.glob(".site*"))
    # `strict: true` in mkdocs.yml (as `lexdocs init` writes it) without the flag: MkDocs
    # reads it, and so does a Zensical build; it published the starter text
    assert "\nstrict: true\n" in (project.path / "mkdocs.yml").read_text(encoding="utf-8")
    for engine in ("mkdocs", "zensical"):
        unflagged = run(project, "lexdocs", "build", "--engine", engine)
        assert unflagged.returncode == 1, (engine, unflagged.stderr)
        assert "policy_src/privacy/10-intro.md" in unflagged.stderr
        assert not (project.path / "site").exists(), engine


def test_check_warns_once_when_mkdocs_material_is_past_its_end_of_life(
        project: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    lexdocs("-C", str(project.path), "check", "--today", "2027-05-05")
    assert "engine-end-of-life" not in capsys.readouterr().out
    lexdocs("-C", str(project.path), "check", "--today", "2027-05-06")
    out = " ".join(capsys.readouterr().out.split())  # the console wraps long lines
    assert out.count("[engine-end-of-life]") == 1
    assert "reached its end of life on 2027-05-05: move the site to Zensical with " \
           "'lexdocs build --engine zensical'" in out
    lexdocs("check", "--list-rules")
    assert "engine-end-of-life (warning)" in capsys.readouterr().out


def test_zensical_preview_shows_a_save_and_leaves_nothing_behind(project: Repo) -> None:
    """`lexdocs serve --engine zensical`: Zensical's live server on the tree, which lexdocs
    writes again when a section is saved; stopped, it takes its work folder with it."""
    import signal
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop(guard.ENV, None)
    server = subprocess.Popen([str(BIN / "lexdocs"), "serve", "--engine", "zensical", "-a",
                               f"127.0.0.1:{port}"], cwd=project.path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    seen = [""]

    def shows(needle: str, timeout: float = 90, absent: str = "\0") -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/privacy/",
                                            timeout=5) as response:
                    seen[0] = response.read().decode("utf-8")
                    if needle in seen[0] and absent not in seen[0]:
                        return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    try:
        assert shows("We keep account records for 7 years.")
        assert list(project.path.glob(".site.lexdocs-zensical-*"))
        project.replace("policy_src/privacy/10-intro.md", "explains", "describes")
        assert shows("This statement describes how we handle personal information.")
        assert shows("Draft — not published", timeout=5)
        # a save that breaks two sections: each named, in the terminal and at the top of
        # the page, over the last version that built
        project.replace("policy_src/privacy/10-intro.md", "describes", "{{ a.b }} describes")
        project.replace("policy_src/privacy/20-retention.md", "Write to",
                        "{% include '<b>x.md' %} Write to")
        assert shows('id="lexdocs-preview-errors"', timeout=60), seen[0][-2000:]
        box = seen[0][seen[0].index('id="lexdocs-preview-errors"'):]
        box = html.unescape(box[:box.index("</div>")])  # Zensical escapes '/' too
        assert "This preview could not be rebuilt" in box
        assert "policy_src/privacy/10-intro.md:5: undefined variable 'a.b'" in box
        assert "policy_src/privacy/20-retention.md:8: included file '<b>x.md'" in box
        assert "<b>" not in seen[0] and "This statement describes how" in seen[0]
        # a save that fixes one error and makes another: the box lists the new one only
        project.replace("policy_src/privacy/10-intro.md", "{{ a.b }}", "{{ e.f }}")
        assert shows("undefined variable &#x27;e.f&#x27;", timeout=60), seen[0][-2000:]
        assert "a.b" not in seen[0]
        project.replace("policy_src/privacy/10-intro.md", "{{ e.f }} describes", "sets out")
        project.replace("policy_src/privacy/20-retention.md",
                        "{% include '<b>x.md' %} Write to", "Write to")
        assert shows("This statement sets out how we handle personal information.",
                     absent="lexdocs-preview-errors"), seen[0][-2000:]
        # A pull during the preview brings a mkdocs.yml naming code: lexdocs refuses it,
        # and shows why without having Zensical read its configuration again (the work
        # folder's inherits the project's, and Zensical's loader runs Python tags)
        ran = project.path.parent / "ran"
        project.replace("mkdocs.yml", "site_name:",
                        f"site_author: !!python/object/apply:os.mkdir ['{ran}']\nsite_name:")
        assert shows("runs Python code", timeout=60), seen[0][-2000:]
        project.git("checkout", "-q", "--", "mkdocs.yml")
        assert shows("sets out how", absent="lexdocs-preview-errors"), seen[0][-2000:]
        assert not ran.exists(), "the code mkdocs.yml named ran"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    said = server.stderr.read() if server.stderr else ""
    assert "policy_src/privacy/10-intro.md:5: undefined variable 'a.b'" in said, said
    assert "policy_src/privacy/20-retention.md:8: included file '<b>x.md'" in said
    assert "the preview shows the last version that built" in said
    assert not list(project.path.glob(".site*")), "the work folder outlived the preview"


def test_zensical_preview_hands_archived_pages_over_themed_from_the_page_cache(
        project: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Zensical's server renders every Markdown page on each save, so archived versions and
    redlines reach it as the HTML one Zensical build made of them, kept in the page cache
    by content: the next session starts from it, a save leaves those files untouched, and
    a change to what shapes every page (mkdocs.yml) themes them again."""
    from lexdocs.engines import preview as zpreview
    from lexdocs.publish.output import ThemedPageCache

    project.replace("policy_src/privacy/10-intro.md", "handle personal information",
                    "handle your personal information")
    project.write("policy_src/privacy/changes.yml",
                  "- summary: We say whose information it is.\n  effective: 2024-11-15\n")
    project.commit("Clarify the introduction", "2024-10-15T10:00:00+00:00")
    monkeypatch.delenv(guard.ENV, raising=False)
    monkeypatch.setattr(zpreview, "FEW", 0)  # theme even this short history's archive
    said: list[str] = []
    first = zpreview.Preview(project.path, tmp_path / "first", said.append)
    (tmp_path / "first").mkdir()
    zpreview.theme_archive(first, said.append)
    assert "preview: theming 3 archived page(s) once; the next previews start from them" in said
    docs = tmp_path / "first" / "docs" / "privacy"
    archived = docs / "versions" / "2024-09-01" / "index.html"
    redline = docs / "changes" / "2024-09-01...2024-10-15" / "index.html"
    assert "handle personal information" in archived.read_text(encoding="utf-8")
    assert "<article" in redline.read_text(encoding="utf-8")
    assert not (docs / "versions" / "2024-09-01" / "index.md").exists()
    assert (docs / "index.md").is_file() and (docs / "history" / "index.md").is_file()
    before = archived.stat().st_mtime_ns

    project.replace("policy_src/privacy/10-intro.md", "explains", "describes")
    keyed: list[str] = []
    real_key = ThemedPageCache.key
    monkeypatch.setattr(ThemedPageCache, "key",
                        lambda self, uri, md: keyed.append(uri) or real_key(self, uri, md))
    first.update()
    assert first.unthemed == {} and archived.stat().st_mtime_ns == before
    assert keyed == [], "an archived page handed over last time was keyed again"
    assert "This statement describes" in (docs / "index.md").read_text(encoding="utf-8")

    second = zpreview.Preview(project.path, tmp_path / "second", said.append)
    second.update()
    assert second.unthemed == {}
    again = tmp_path / "second" / "docs" / "privacy" / "versions" / "2024-09-01" / "index.html"
    assert again.read_bytes() == archived.read_bytes()
    assert list((project.path / ".cache" / "lexdocs" / "pages").glob("*.html"))

    project.replace("mkdocs.yml", "site_name: ", "site_name: Legal - ")
    second.update()
    assert len(second.unthemed) == 3 and len(keyed) == 2 * 3
    assert (again.parent / "index.md").is_file() and not again.exists()


def test_zensical_preview_reads_the_site_again_only_when_its_files_change(
        project: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save of a source does not read mkdocs.yml again (40 ms of every save), but a
    change to mkdocs.yml, docs/ or the theme overrides is read, and its problems shown."""
    from lexdocs.engines import preview as zpreview
    from lexdocs.engines import zensical
    from lexdocs.errors import LexdocsError

    monkeypatch.delenv(guard.ENV, raising=False)
    reads: list[Path] = []
    real = zensical.read_site
    monkeypatch.setattr(zensical, "read_site", lambda p, *a: reads.append(p) or real(p, *a))
    work = tmp_path / "work"
    work.mkdir()
    session = zpreview.Preview(project.path, work, lambda _: None)
    session.update()
    assert len(reads) == 1
    project.replace("policy_src/privacy/10-intro.md", "explains", "describes")
    session.update()
    assert len(reads) == 1, "a save of a source read mkdocs.yml again"
    assert "This statement describes" in (work / "docs/privacy/index.md").read_text("utf-8")

    project.write("docs/extra.md", "# Extra\n\nMore.\n")
    session.update()
    assert len(reads) == 2 and (work / "docs/extra.md").is_file()
    project.write("docs/extra.md", '# Extra\n\n<script src="https://evil.example/x.js"></script>\n')
    with pytest.raises(LexdocsError):
        session.update()
    with pytest.raises(LexdocsError):  # still wrong: read again, not the last good one
        session.update()
    project.replace("mkdocs.yml", "site_name: ", "site_name: Legal - ")
    project.write("docs/extra.md", "# Extra\n\nMore.\n")
    session.update()
    assert len(reads) == 5


def test_lexdocs_build_runs_mkdocs_by_default_with_the_plugin(project: Repo) -> None:
    """A folder in the project named like a package (this repository has `lexdocs/`) is
    not imported in its place: the engine runs with the installed code."""
    (project.path / "lexdocs").mkdir()
    (project.path / "lexdocs" / "__init__.py").write_text("raise SystemExit('stand-in')\n")
    result = run(project, "lexdocs", "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert (project.path / "site/privacy/index.html").is_file()


def test_a_zensical_failure_is_said_with_the_file_it_points_at() -> None:
    """Zensical's output is coloured and boxed, and its first line only says it started:
    the line lexdocs prints is its first warning, where, and how many it found."""
    import subprocess

    from lexdocs.engines.zensical import failure

    said = "Build started\n"
    boxed = ("\x1b[33mWarning\x1b[0m: anchor does not exist\n"
             "    \x1b[38;5;246m╭─[\x1b[0m terms/versions/2019-04-19/index.md:64:15 ]\n"
             "    │\n 64 │ <td><a href=\"#i-terms\">I. Terms</a></td>\n────╯\n"
             "Warning: page does not exist\n    ╭─[ terms/index.md:3:1 ]\n5 issues found\n"
             "Traceback (most recent call last):\nRuntimeError: Aborted because --strict "
             "flag is set\n")
    result = subprocess.CompletedProcess(["zensical"], 1, stdout=said, stderr=boxed)
    assert failure(result) == ("anchor does not exist (terms/versions/2019-04-19/index.md:"
                               "64:15; 5 issues found)")
    plain = subprocess.CompletedProcess(["zensical"], 2, stdout="", stderr="it broke\n")
    assert failure(plain) == "it broke"


def test_a_link_an_old_version_had_to_nowhere_stops_no_strict_zensical_build(
        project: Repo) -> None:
    """History renders as it was published, links unchecked (an imported policy's table of
    contents linked headings it no longer had). Zensical checks every page: its strict
    build refused the whole site for an archived version's dead link. That page shows
    the link's words instead; the text in force is checked as always."""
    project.replace("policy_src/privacy/10-intro.md", "personal information.",
                    "personal information. See [our terms](#terms) and [the old file]"
                    "(/privacy-statement.md#contact).")
    project.commit("A link to nowhere, as the old site had", "2024-10-01T10:00:00+00:00")
    project.replace("policy_src/privacy/10-intro.md",
                    " See [our terms](#terms) and [the old file](/privacy-statement.md#contact).",
                    "")
    project.commit("Drop the dead links", "2024-10-02T10:00:00+00:00")
    built = _zensical(project)
    assert built.returncode == 0, built.stderr
    page = (project.path / "site" / "privacy" / "versions" / "2024-10-01" / "index.html"
            ).read_text(encoding="utf-8")
    assert "See our terms and the old file." in page
    assert 'href="#terms"' not in page and "privacy-statement.md" not in page
