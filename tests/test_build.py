"""The installed commands on a real project: `mkdocs build --strict` and `lexdocs`.

Every build is the installed `mkdocs` in a process of its own, as is `lexdocs` where the
process itself is checked (its error in one line, its traceback under --debug). The
other `lexdocs` commands run in this process (`cli`), from the project's folder, as
tests/conftest.py's `lexdocs` runs them: a process each spent about 0.4 CPU-s importing
lexdocs and MkDocs before doing anything.
"""

from __future__ import annotations

import calendar
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import Repo, lexdocs, write_project

BIN = Path(sys.executable).parent
LOG = "policy_src/privacy/changes.yml"


def epoch(today: str) -> str:
    """Midnight UTC of the day `today`, in seconds since the epoch, as `date -u -d` says."""
    return str(calendar.timegm(datetime.date.fromisoformat(today).timetuple()))


def run(repo: Repo, *args: str, today: str = "2025-03-01") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch(today))
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=repo.path, env=env,
                          capture_output=True, text=True)


def cli(repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        *args: str, today: str = "2025-03-01") -> tuple[int, str]:
    """`lexdocs ARGS` in this process, run from the project's folder on the day `today`:
    its exit status and what it printed."""
    capsys.readouterr()
    with monkeypatch.context() as m:
        m.chdir(repo.path)
        m.setenv("SOURCE_DATE_EPOCH", epoch(today))
        code = lexdocs(*args)
    return code, capsys.readouterr().out


def build(repo: Repo, today: str = "2025-03-01") -> subprocess.CompletedProcess[str]:
    return run(repo, "mkdocs", "build", "--strict", today=today)


def page(repo: Repo, uri: str) -> str:
    return (repo.path / "site" / uri).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """A project with a material change published with notice, built once per module;
    tests that only read it share it."""
    repo = Repo(tmp_path_factory.mktemp("build") / "repo")
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    repo.replace("policy_src/variables.yml", "90 days", "180 days")
    repo.write(LOG, "- summary: We keep web access logs longer.\n  effective: 2025-03-20\n")
    repo.commit("Keep logs longer", "2025-02-10T10:00:00+00:00")
    result = build(repo)
    assert result.returncode == 0, result.stderr
    return repo


@pytest.fixture
def site(built: Repo, tmp_path: Path) -> Repo:
    """A private copy of the built project (history, sources and site) for a test that
    changes it: copying is much cheaper than building again."""
    shutil.copytree(built.path, tmp_path / "repo", symlinks=True)
    return Repo(tmp_path / "repo")


def test_statement_page_shows_version_in_force_and_upcoming_banner(built: Repo) -> None:
    site = built
    html = page(site, "privacy/index.html")
    assert 'Last Updated: <time datetime="2024-09-01">September 2024</time>' in html
    assert "90 days" in html and "180 days" not in html
    assert "An updated version takes effect on" in html
    assert 'href="../privacy/changes/2024-09-01...2025-02-10/"' in html or \
        'href="changes/2024-09-01...2025-02-10/"' in html
    assert 'id="retention"' in html


def test_after_the_effective_date_the_new_version_is_current(site: Repo) -> None:
    assert build(site, today="2025-03-20").returncode == 0
    html = page(site, "privacy/index.html")
    assert "February 10, 2025" in html and "180 days" in html
    assert "An updated version takes effect" not in html


def test_every_version_has_a_page_a_redline_and_an_entry(built: Repo) -> None:
    site = built
    data = json.loads(page(site, "versions.json"))
    versions = data["documents"]["privacy"]["versions"]
    assert [v["id"] for v in versions] == ["2024-09-01", "2025-02-10"]
    assert [v["status"] for v in versions] == ["current", "upcoming"]
    assert versions[1]["material"] is True
    assert versions[1]["summary"] == "We keep web access logs longer."
    assert versions[1]["redline_url"] == \
        "https://chatlio.com/legal/privacy/changes/2024-09-01...2025-02-10/"
    assert re.fullmatch(r"[0-9a-f]{64}", versions[0]["sha256"])
    # Each change carries its verdict as data: the rule and what triggered it.
    assert versions[0]["changes"] == []
    change = versions[1]["changes"][0]
    assert change["section"] == "retention" and change["material"] is True
    assert change["rule"] == "duration-changed", change
    assert "180 days" in " ".join(change["evidence"]) and "180 days" in change["reason"]
    assert "→" not in change["evidence"] and "180 days" in change["evidence_new"]
    old = page(site, "privacy/versions/2024-09-01/index.html")
    assert "90 days" in old and "no longer in force" not in old
    redline = page(site, "privacy/changes/2024-09-01...2025-02-10/index.html")
    assert re.search(r'<del class="lx-del">[^<]*(<[^>]+>[^<]*)*90', redline)
    assert "retention.web_logs: 90 days → 180 days" in redline
    history = page(site, "privacy/history/index.html")
    assert "Material change" in history and "Upcoming" in history
    # The first text was dated to the month; its effective date claims no day either.
    assert '<time datetime="2024-09-01">September 2024</time>' in history
    assert "September 1, 2024" not in history


def test_atom_feed_lists_each_version(built: Repo) -> None:
    site = built
    root = ET.fromstring(page(site, "feed.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert titles == ["Privacy Statement: version 2025-02-10 (material change)",
                      "Privacy Statement: version 2024-09-01 (first version)"]


def test_material_change_without_notice_fails_and_keeps_the_previous_site(site: Repo) -> None:
    before = page(site, "privacy/index.html")
    site.replace("policy_src/variables.yml", "7 years", "10 years")
    site.commit("Longer records, no notice", "2025-02-20T10:00:00+00:00")
    result = build(site)
    assert result.returncode != 0
    assert "policy_src/privacy/changes.yml" in result.stderr
    assert "is a material change in section 'retention'" in result.stderr
    assert "Traceback" not in result.stderr
    assert page(site, "privacy/index.html") == before


def test_bad_input_fails_with_file_and_line_and_keeps_the_site(site: Repo) -> None:
    before = page(site, "privacy/index.html")
    site.replace("policy_src/privacy/20-retention.md", "retention.web_logs",
                 "retention.weblogs")
    site.replace("policy_src/privacy/10-intro.md", "explains", "explains {{ contact.mail }}")
    result = build(site)
    assert result.returncode != 0
    assert ("policy_src/privacy/20-retention.md:7: undefined variable 'retention.weblogs' "
            "(did you mean 'retention.web_logs'?)") in result.stderr
    # Every section that cannot render is named in the one build, not the first only.
    assert "policy_src/privacy/10-intro.md:5: undefined variable 'contact.mail'" in result.stderr
    assert "Traceback" not in result.stderr
    assert page(site, "privacy/index.html") == before


def test_uncommitted_edit_builds_as_a_draft(site: Repo) -> None:
    site.replace("policy_src/privacy/10-intro.md", "explains", "describes")
    assert build(site).returncode == 0
    html = page(site, "privacy/index.html")
    assert "Draft — not published" in html and "describes" in html


def test_cli_render_vars_versions(built: Repo, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    site = built
    out = cli(site, capsys, monkeypatch, "render", "privacy")[1]
    assert out.startswith("# Privacy Statement\n")
    assert "## Retention {#retention}" in out and "180 days" in out
    out = cli(site, capsys, monkeypatch, "vars")[1]
    assert "retention.web_logs" in out and "privacy/retention" in out
    assert "1 unused: unused.note" in out
    out = cli(site, capsys, monkeypatch, "versions")[1]
    assert "2024-09-01" in out and "2025-02-10" in out and "upcoming" in out


def test_cli_diff_shows_an_uncommitted_edit(site: Repo, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    site.replace("policy_src/privacy/10-intro.md", "explains", "describes")
    out = cli(site, capsys, monkeypatch, "diff", "--format", "json")[1]
    changes = json.loads(out)
    assert [(c["section"], c["kind"]) for c in changes] == [("intro", "modified")]
    assert "describes" in changes[0]["new"]
    md = cli(site, capsys, monkeypatch, "diff", "privacy", "2024-09-01", "2025-02-10",
             "--format", "markdown")[1]
    assert "retention.web_logs: 90 days → 180 days" in md.replace("\\", "")
    short = cli(site, capsys, monkeypatch, "diff", "2024-09-01", "2025-02-10",
                "--format", "markdown")[1]
    assert short == md


def test_cli_errors_are_one_line_unless_debug(site: Repo) -> None:
    site.replace("policy_src/variables.yml", "privacy@example.com", "privacy-at-example")
    result = run(site, "lexdocs", "render", "privacy")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("error: policy_src/variables.yml:11: contact.email: ")
    debug = run(site, "lexdocs", "--debug", "render", "privacy")
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_cli_runs_from_any_folder_of_the_project(
        project: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A lawyer runs `lexdocs check` from the folder of the section they edit, as git runs
    from any folder of its tree: the project is the nearest folder up that holds
    mkdocs.yml, within the repository. Outside any project, the error says so, not that
    a mkdocs.yml that is not there lists no documents."""
    project.replace("policy_src/privacy/10-intro.md", "explains", "{{ contact.emial }} explains")
    monkeypatch.chdir(project.path / "policy_src" / "privacy")
    capsys.readouterr()
    assert lexdocs("check") == 1
    out = capsys.readouterr()
    assert "policy_src/privacy/10-intro.md:5: undefined variable 'contact.emial'" in out.err
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert lexdocs("check") == 1
    assert f"{elsewhere} holds no lexdocs project (no mkdocs.yml" in capsys.readouterr().err


def test_the_project_is_the_nearest_folder_up_within_the_repository(tmp_path: Path) -> None:
    """mkdocs.yml, or policy_src/ (a project of the defaults) before a mkdocs.yml above it
    of another site; nothing above the repository's top; outside one, the folder itself."""
    from lexdocs.cli.shared import nearest_project

    top = tmp_path / "repo"
    for folder in ("docs/a", "legal/policy_src/privacy", ".git"):
        (top / folder).mkdir(parents=True)
    (top / "mkdocs.yml").write_text("site_name: Docs\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Above the repository\n")
    assert nearest_project(top / "docs" / "a") == top.resolve()
    assert nearest_project(top / "legal" / "policy_src" / "privacy") == (top / "legal").resolve()
    (top / "mkdocs.yml").unlink()
    assert nearest_project(top / "docs" / "a") == (top / "docs" / "a").resolve()
    outside = tmp_path / "outside" / "x"
    outside.mkdir(parents=True)
    assert nearest_project(outside) == outside.resolve()


def test_cli_check_exit_status_follows_errors(site: Repo, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    site.replace("policy_src/variables.yml", "7 years", "10 years")
    site.commit("No notice", "2025-02-20T10:00:00+00:00")
    code, out = cli(site, capsys, monkeypatch, "check")
    assert code == 1
    assert "error [notice-summary]" in out


def test_script_is_inert_in_every_output(repo: Repo, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    evil = "<script>alert(1)</script>"
    write_project(repo)
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    repo.replace("policy_src/privacy/10-intro.md", "explains", f"explains {evil}")
    repo.replace("policy_src/variables.yml", "nobody uses this", evil)
    repo.replace("policy_src/privacy/20-retention.md", "Write to",
                 "{{ unused.note }} Write to")
    repo.write(LOG, f"- summary: \"{evil}\"\n  effective: 2024-12-01\n")
    repo.commit(f"Edit {evil}", "2024-10-01T10:00:00+00:00")
    result = build(repo)
    assert result.returncode == 0, result.stderr
    built = [p for p in (repo.path / "site").rglob("*")
             if p.suffix in {".html", ".xml"} and p.is_file()]
    assert len(built) > 5
    for path in built:
        assert evil not in path.read_text(encoding="utf-8"), path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page(
        repo, "privacy/changes/2024-09-01...2024-10-01/index.html")
    for fmt in ("markdown", "html"):
        out = cli(repo, capsys, monkeypatch, "diff", "privacy", "2024-09-01", "2024-10-01",
                  "--format", fmt)[1]
        assert evil not in out, fmt
    # A terminal shows text as text: the literal words, never interpreted as style.
    out = cli(repo, capsys, monkeypatch, "diff", "privacy", "2024-09-01", "2024-10-01")[1]
    assert f"{{+{evil} +}}" in out  # the space it brought is inserted with it
    versions = json.loads(page(repo, "versions.json"))["documents"]["privacy"]["versions"]
    assert versions[1]["summary"] == evil  # data, never markup


def test_a_relative_link_leads_to_the_same_page_from_a_version_and_its_pdf(repo: Repo) -> None:
    """A section's relative link is written for its document's page (`privacy/`); the
    version's permanent page and its PDF are two folders below it, and the link led
    to `privacy/versions/history/`, a page no site has."""
    from urllib.parse import urljoin

    import pypdf

    write_project(repo)
    repo.replace("mkdocs.yml", "pdf: false", "pdf: true")
    repo.replace("policy_src/privacy/10-intro.md", "This statement explains",
                 "See [its history](history/), [the home page](../) and [retention]"
                 "(#retention). This statement explains")
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    assert build(repo).returncode == 0
    base = "https://chatlio.com/legal/"
    wanted = [base + "privacy/history/", base]
    for uri in ("privacy/", "privacy/versions/2024-09-01/"):
        html = page(repo, uri + "index.html")
        hrefs = [re.search(rf'href="([^"]*)">{words}</a>', html)
                 for words in ("its history", "the home page", "retention")]
        assert all(hrefs), uri
        found = [urljoin(base + uri, m[1]) for m in hrefs if m]
        assert found == [*wanted, base + uri + "#retention"], (uri, found)
    pdf = pypdf.PdfReader(repo.path / "site/privacy/versions/2024-09-01.pdf")
    links = {a.get_object()["/A"]["/URI"] for p in pdf.pages for a in p.get("/Annots") or []
             if "/URI" in a.get_object().get("/A", {})}
    assert set(wanted) <= links, links
    # images too, and never an address with a scheme, a site path or an anchor
    from lexdocs.render.anchors import rebased
    assert rebased('<img alt="" src="logo.png"><a href="mailto:a@b.example">m</a>'
                   '<a href="/legal/x/">x</a><a href="#top">t</a>', 2) == (
        '<img alt="" src="../../logo.png"><a href="mailto:a@b.example">m</a>'
        '<a href="/legal/x/">x</a><a href="#top">t</a>')


def test_links_to_our_own_address_stay_on_this_site(site: Repo) -> None:
    site.replace("policy_src/privacy/10-intro.md", "personal information.",
                 "personal information. See <https://chatlio.com/legal/privacy/history/>.")
    assert build(site).returncode == 0
    article = page(site, "privacy/index.html").split("<article", 1)[1]
    assert ('<a href="../privacy/history/">https://chatlio.com/legal/privacy/history/</a>'
            in article)
    assert 'href="https://chatlio.com/legal/' not in article


def test_a_review_shows_beside_last_updated_and_keeps_notices_fresh(
        repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(repo)
    repo.replace("policy_src/privacy/20-retention.md", "tags: [retention]",
                 "tags: [retention, california]")
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    code, stale = cli(repo, capsys, monkeypatch, "check", today="2025-10-01")
    assert code == 1 and "error [ccpa-stale]" in stale
    repo.write(LOG, "- reviewed: 2025-09-15\n  note: Annual review.\n")
    repo.commit("Annual review", "2025-09-15T10:00:00+00:00")
    fresh = cli(repo, capsys, monkeypatch, "check", today="2025-10-01")[1]
    assert "ccpa-stale" not in fresh
    assert build(repo, today="2025-10-01").returncode == 0
    assert ('Last Updated: <time datetime="2024-09-01">September 2024</time> · Effective: '
            '<time datetime="2024-09-01">September 2024</time> <span class="lx-reviewed">'
            '(reviewed <time datetime="2025-09-15">September 15, 2025</time>, '
            "no changes)</span>") in page(repo, "privacy/index.html")
    doc = json.loads(page(repo, "versions.json"))["documents"]["privacy"]
    assert doc["last_reviewed"] == "2025-09-15" and len(doc["versions"]) == 1
