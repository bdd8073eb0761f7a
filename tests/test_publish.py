"""What the site publishes around each document: escaped titles, the typed versions.json
and its schema, per-document feeds, notices to readers, template overrides, dates in the
site's language. One hostile project is built once for the whole module."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import get_type_hints
from zoneinfo import ZoneInfo

import pytest

from lexdocs.config import Options
from lexdocs.errors import SourceError
from lexdocs.publish.feeds import DocumentEntry, VersionEntry, VersionsFile
from lexdocs.publish.locales import translations
from lexdocs.publish.pages import SiteBuilder
from lexdocs.publish.theming import Theme
from lexdocs.publish.urls import Urls, absolute, rel
from lexdocs.sources.documents import DocumentSource
from tests.conftest import ROOT, Repo, write_project
from tests.test_build import run

EVIL = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
LOG = "policy_src/privacy/changes.yml"
OLD, NEW = "2024-09-01", "2025-02-10"
ATOM = {"a": "http://www.w3.org/2005/Atom"}
FR = translations("fr").gettext


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """A French site whose document and section titles carry script, with a material
    change published with notice and a site override of one lexdocs template."""
    repo = Repo(tmp_path_factory.mktemp("publish") / "repo")
    write_project(repo)
    repo.replace("mkdocs.yml", "language: en", "language: fr\n  custom_dir: overrides")
    repo.replace("policy_src/privacy/document.yml", "title: Privacy Statement",
                 f"title: 'Privacy {EVIL} & \"Co\"'")
    repo.replace("policy_src/privacy/10-intro.md", "title: Introduction",
                 f"title: 'Intro {EVIL}'")
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    repo.replace("policy_src/variables.yml", "90 days", "180 days")
    repo.write(LOG, f"- summary: 'We keep web access logs longer. {EVIL}'\n"
                    "  effective: 2025-03-20\n")
    repo.commit("Keep logs longer", "2025-02-10T10:00:00+00:00")
    repo.write("overrides/lx-history.html",
               '<p class="site-own">Our archive.</p>\n{% include "lx-history-table.html" %}\n')
    result = run(repo, "mkdocs", "build", "--strict")
    assert result.returncode == 0, result.stderr
    return repo


def out(repo: Repo, uri: str) -> str:
    return (repo.path / "site" / uri).read_text(encoding="utf-8")


def html_pages(repo: Repo) -> list[Path]:
    return sorted(p for p in (repo.path / "site").rglob("*.html") if p.is_file())


class _Parts(HTMLParser):
    """The text of <title>, the menu links, the first h1 and the article's links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.title = ""
        self.h1: list[str] = []
        self.nav: list[str] = []
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key):
                self.links.append((tag, a[key] or ""))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if "title" in self.stack:
            self.title += data
        elif "h1" in self.stack:
            self.h1.append(data)
        elif "nav" in self.stack and "a" in self.stack:
            self.nav.append(data.strip())


def parts(html: str) -> _Parts:
    p = _Parts()
    p.feed(html)
    return p


# --- Titles are text, everywhere ---------------------------------------------------------

def test_no_page_or_feed_carries_the_script(site: Repo) -> None:
    built = [p for p in (site.path / "site").rglob("*")
             if p.suffix in {".html", ".xml", ".txt", ".json"} and p.is_file()]
    assert len(built) > 10
    for path in built:
        text = path.read_text(encoding="utf-8")
        if path.suffix in {".html", ".xml"}:
            assert "<script>alert" not in text, path
    statement = out(site, "privacy/index.html")
    assert statement.count(ESCAPED) >= 3  # <title>, menu, h1 (and the section heading)


@pytest.mark.parametrize("uri", ["privacy/index.html", "privacy/history/index.html",
                                 f"privacy/versions/{OLD}/index.html", "index.html",
                                 f"privacy/changes/{OLD}...{NEW}/index.html"])
def test_title_reads_as_text_in_title_menu_h1_and_home(site: Repo, uri: str) -> None:
    p = parts(out(site, uri))
    title = f'Privacy {EVIL} & "Co"'
    assert title in p.nav, p.nav  # the menu shows the text, never runs it
    if uri != "index.html":
        assert p.title.startswith(title), p.title
        assert "".join(p.h1).startswith(title), p.h1
    else:
        assert p.title.startswith(FR("Legal")) and FR("Legal") != "Legal"  # a French site
        home_links = re.findall(r'<td><a href="privacy/">([^<]*)</a></td>', out(site, uri))
        assert home_links == [f"Privacy {ESCAPED} &amp; &#34;Co&#34;"]


def test_section_title_is_escaped(site: Repo) -> None:
    html = out(site, "privacy/index.html")
    assert f"Intro {ESCAPED}" in html


# --- versions.json: typed, and valid against its published schema -------------------------

def test_versions_json_validates_against_the_published_schema(site: Repo) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "lexdocs" / "publish" / "schema" / "versions-1.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(out(site, "versions.json"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors
    # The schema is published where versions.json says it is.
    assert data["$schema"] == "https://chatlio.com/legal/schema/versions-1.json"
    assert json.loads(out(site, "schema/versions-1.json")) == schema
    broken = json.loads(out(site, "versions.json"))
    broken["documents"]["privacy"]["versions"][0]["status"] = "withdrawn"
    assert not validator.is_valid(broken)


def test_typed_model_and_schema_name_the_same_fields() -> None:
    schema = json.loads((ROOT / "lexdocs" / "publish" / "schema" / "versions-1.json").read_text())
    for model, props in [(VersionsFile, schema["properties"]),
                         (DocumentEntry, schema["$defs"]["document"]["properties"]),
                         (VersionEntry, schema["$defs"]["version"]["properties"])]:
        assert set(get_type_hints(model)) == set(props), model.__name__


def test_versions_json_links_each_material_version_to_its_notice(site: Repo) -> None:
    doc = json.loads(out(site, "versions.json"))["documents"]["privacy"]
    assert doc["feed_url"] == "https://chatlio.com/legal/feed-privacy.xml"
    first, second = doc["versions"]
    assert first["notice_url"] is None
    assert second["notice_url"] == \
        f"https://chatlio.com/legal/privacy/changes/{OLD}...{NEW}/notice.json"


# --- Feeds --------------------------------------------------------------------------------

def test_each_document_has_its_own_feed_linked_from_its_pages(site: Repo) -> None:
    feed = ET.fromstring(out(site, "feed-privacy.xml"))
    assert feed.findtext("a:title", namespaces=ATOM) == FR(  # the site is in French
        "%(title)s: versions and changes") % {"title": f'Privacy {EVIL} & "Co"'}
    ids = [e.findtext("a:id", namespaces=ATOM) for e in feed.findall("a:entry", ATOM)]
    assert ids == [f"https://chatlio.com/legal/privacy/versions/{v}/" for v in (NEW, OLD)]
    self_link = feed.find("a:link[@rel='self']", ATOM)
    assert self_link is not None and self_link.get("href") == \
        "https://chatlio.com/legal/feed-privacy.xml"
    for uri in ("privacy/index.html", "privacy/history/index.html",
                f"privacy/versions/{NEW}/index.html"):
        head = out(site, uri).split("</head>", 1)[0]
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"',
                           head)
        up = "../" * uri.count("/")
        assert links == [up + "feed-privacy.xml", up + "feed.xml"], uri
    home = out(site, "index.html").split("</head>", 1)[0]
    assert re.findall(r'rel="alternate" type="application/atom\+xml" href="([^"]+)"',
                      home) == ["feed.xml"]


# --- Notices to readers -------------------------------------------------------------------

def test_material_version_has_a_notice_beside_its_redline(site: Repo) -> None:
    base = f"privacy/changes/{OLD}...{NEW}/"
    text = out(site, base + "notice.txt")
    assert "20 mars 2025" in text  # the effective date, in the site's language
    assert f"We keep web access logs longer. {EVIL}" in text  # plain text: not escaped
    long = [line for line in text.splitlines() if len(line) > 72 and " " in line]
    assert not long, long  # wrapped as mail is; only an address may be longer
    assert f"https://chatlio.com/legal/{base}" in text
    assert f"https://chatlio.com/legal/privacy/versions/{NEW}/" in text
    html = out(site, base + "notice.html")
    assert EVIL not in html and f"longer. {ESCAPED}" in html
    assert '<html lang="fr">' in html
    assert not re.search(r'(src|href)="(?!https://chatlio\.com/legal/)', html)
    data = json.loads(out(site, base + "notice.json"))
    assert data["text"] == text and data["html"] == html
    assert data["subject"] == FR("Our %(title)s changes on %(date)s") % {
        "title": f'Privacy {EVIL} & "Co"', "date": "20 mars 2025"}
    assert data["subject"].startswith("Notre document")  # in the site's language
    redline = out(site, base + "index.html")
    assert '<a href="notice.html">HTML</a>' in redline
    assert not (site.path / "site" / "privacy" / "versions" / OLD / "notice.txt").exists()


def test_cli_prints_the_published_notice(site: Repo) -> None:
    result = run(site, "lexdocs", "notice", "privacy", NEW)
    assert result.returncode == 0, result.stderr
    subject = json.loads(out(site, f"privacy/changes/{OLD}...{NEW}/notice.json"))["subject"]
    assert result.stdout == (f"Subject: {subject}\n\n"
                             + out(site, f"privacy/changes/{OLD}...{NEW}/notice.txt"))
    html = run(site, "lexdocs", "notice", "privacy", NEW, "--format", "html").stdout
    assert html == out(site, f"privacy/changes/{OLD}...{NEW}/notice.html")
    first = run(site, "lexdocs", "notice", "privacy", OLD)
    assert first.returncode == 1 and "Traceback" not in first.stderr
    assert first.stderr.strip() == (f"error: privacy: version {OLD} is the first version, so "
                                    "it needs no notice ('lexdocs versions' shows which "
                                    "versions are material)")


# --- Templates, links, dates --------------------------------------------------------------

def test_a_site_overrides_a_template_from_its_custom_dir(site: Repo) -> None:
    html = out(site, "privacy/history/index.html")
    assert '<p class="site-own">Our archive.</p>' in html
    assert 'class="lx-history"' in html  # the override included the package's table
    assert ESCAPED in html and EVIL not in html  # autoescape holds in an override


def test_no_template_is_published_as_a_file(site: Repo) -> None:
    root = site.path / "site"
    assert not sorted(p.name for p in root.iterdir() if p.name.startswith("lx-")
                      or p.name == "main.html")


def test_every_local_link_and_asset_resolves(site: Repo) -> None:
    root = site.path / "site"
    missing = []
    for path in html_pages(site):
        if path.name == "404.html" or path.name.startswith("notice"):
            continue
        for tag, url in parts(path.read_text(encoding="utf-8")).links:
            if re.match(r"^([a-z]+:|#|//)", url):
                continue
            target = (path.parent / url.split("#")[0].split("?")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                missing.append(f"{path.relative_to(root)}: <{tag}> {url}")
    assert not missing, missing[:10]


def test_dates_follow_the_site_language(site: Repo) -> None:
    history = out(site, "privacy/history/index.html")
    assert '<time datetime="2025-02-10">10 février 2025</time>' in history
    assert '<time datetime="2024-09-01">septembre 2024</time>' in history  # month baseline


def test_theme_language_names_a_babel_locale() -> None:
    assert Theme("pt-BR").locale == "pt_BR"
    assert Theme("de").locale == "de"
    assert Theme("xx-nowhere").locale == "en"  # a theme language Babel lacks reads English


@pytest.mark.parametrize(("language", "paper"), [
    ("en", "letter"), ("en-US", "letter"), ("en_CA", "letter"), ("es-MX", "letter"),
    ("en-GB", "a4"), ("de", "a4"), ("fr", "a4"), ("pt-BR", "a4"), ("xx-nowhere", "a4")])
def test_pdf_paper_defaults_from_the_site_language(language: str, paper: str) -> None:
    """A language without a country takes its likely one ("en": the US, so letter)."""
    assert Theme(language).paper == paper


@pytest.mark.parametrize(("value", "pdf", "every"), [
    (True, True, False), ("all", True, True), (False, False, False), (None, True, False)])
def test_the_pdf_option_is_true_all_or_false(tmp_path: Path, value: object, pdf: bool,
                                             every: bool) -> None:
    from lexdocs.config import options_from

    opts = options_from(tmp_path, {"pdf": value}, need_documents=False)
    assert (opts.pdf, opts.pdf_all) == (pdf, every)


@pytest.mark.parametrize("value", ["every", 1, "true"])
def test_any_other_pdf_option_is_refused_with_the_three_choices(tmp_path: Path,
                                                                 value: object) -> None:
    from lexdocs.config import options_from
    from lexdocs.errors import ConfigError

    with pytest.raises(ConfigError, match="'pdf': expected true, false or all"):
        options_from(tmp_path, {"pdf": value}, need_documents=False)


def test_document_yml_names_its_paper(tmp_path: Path) -> None:
    from lexdocs.sources.documents import load_document

    files = {"p/d/document.yml": "title: T\nslug: d\nsections: [a.md]\npaper: a4\n",
             "p/d/a.md": "---\nid: a\ntitle: A\n---\nText.\n"}
    assert load_document("p", "d", files.get).paper == "a4"
    files["p/d/document.yml"] = files["p/d/document.yml"].replace("a4", "A5")
    with pytest.raises(SourceError) as err:
        load_document("p", "d", files.get)
    assert str(err.value).startswith("p/d/document.yml:4:") and "a4 or letter" in str(err.value)


def test_a_date_format_that_is_not_for_dates_names_the_document(tmp_path: Path) -> None:
    source = DocumentSource(name="privacy", path="policy_src/privacy/document.yml",
                            title="Privacy", slug="privacy", date_format="%H:%M",
                            baseline=None, sections=())
    options = Options(project=tmp_path, source_dir="policy_src", documents=("privacy",),
                      tz=ZoneInfo("UTC"), notice_days=30, pdf=False, site_url="")
    builder = SiteBuilder(options, {}, dt.date(2025, 1, 1))
    with pytest.raises(SourceError) as err:
        builder.day(dt.date(2025, 1, 1), source.date_format, source=source)
    assert str(err.value).startswith("policy_src/privacy/document.yml: date_format: '%H'")


def test_urls_are_relative_with_folder_slashes() -> None:
    u = Urls("privacy")
    assert rel("index.md", u.page) == "privacy/"
    assert rel(u.history, u.page) == "../"
    assert rel(u.changes(OLD, NEW), u.version(OLD)) == f"../../versions/{OLD}/"
    assert rel(u.version(OLD), u.pdf(OLD)) == f"../{OLD}.pdf"
    assert absolute("https://x.test/legal/", u.feed) == "https://x.test/legal/feed-privacy.xml"
    assert absolute("", u.page) == "/privacy/"
    # a site that links its pages as files (`use_directory_urls: false`) links index.html
    assert rel("index.md", u.page, directory_urls=False) == "privacy/index.html"
    assert rel(u.history, u.page, directory_urls=False) == "../index.html"
    assert rel(u.changes(OLD, NEW), u.version(OLD), directory_urls=False) == \
        f"../../versions/{OLD}/index.html"
    assert rel(u.version(OLD), u.pdf(OLD), directory_urls=False) == f"../{OLD}.pdf"


def test_a_site_that_links_pages_as_files_gets_lexdocs_links_to_files(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """With `use_directory_urls: false` (a copy read from file://, a host that serves no
    folder's index) the theme links `privacy/index.html`, and lexdocs' own links on every
    page led to `privacy/history/`, a folder such a reader cannot open."""
    from tests.test_security import build

    repo = Repo(tmp_path / "repo")
    write_project(repo, mkdocs_extra="use_directory_urls: false\n")
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    site = tmp_path / "site"
    assert build(repo.path, site, caplog) is None
    for page in ("index.html", "privacy/index.html", "privacy/history/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        ours = re.findall(r'href="((?!https?:|mailto:|#)[^"]*)"', html)
        assert ours and not [h for h in ours if h.endswith("/")], (page, ours)
        for href in ours:  # every one leads to a file the site has
            target = (site / page).parent / href.split("#")[0]
            assert target.is_file(), (page, href)


def test_feed_links_reach_a_theme_without_its_own_main_html(tmp_path: Path) -> None:
    """A site with no theme files of its own links each document's feed and gets our
    stylesheets: the package's templates join the theme before the theme's own."""
    repo = Repo(tmp_path / "repo")
    write_project(repo)
    assert "custom_dir" not in repo.read("mkdocs.yml")
    repo.commit("First version", "2024-09-10T10:00:00+00:00")
    result = run(repo, "mkdocs", "build", "--strict")
    assert result.returncode == 0, result.stderr
    head = out(repo, "privacy/index.html").split("</head>", 1)[0]
    assert ('<link rel="alternate" type="application/atom+xml" href="../feed-privacy.xml"'
            in head)
    assert 'href="../feed.xml" title="All legal documents' in head
    assert 'href="../assets/lexdocs/lexdocs.css"' in head
    assert (repo.path / "site/assets/lexdocs/print.css").is_file()
    assert "Page not found" in out(repo, "404.html")


def test_search_indexes_only_pages_in_force(site: Repo) -> None:
    """A sentence is found once: version pages and redlines repeat the page in force."""
    index = json.loads(out(site, "search/search_index.json"))
    pages = {d["location"].split("#")[0] for d in index["docs"]}
    assert "privacy/" in pages
    assert not [p for p in pages if "/versions/" in p or "/changes/" in p], sorted(pages)


def test_pages_state_both_dates_and_one_banner_per_day(site: Repo) -> None:
    main = out(site, "privacy/index.html")
    assert main.count('class="lx-banner lx-upcoming"') == 1
    assert f'href="changes/{OLD}...{NEW}/"' in main
    # in the site's language, French here: the words lexdocs adds, as the dates
    updated, effective = (FR(m).split("%")[0] for m in ("Last Updated: %(date)s",
                                                         "Effective: %(date)s"))
    assert re.search(f"{updated}<time[^>]*>[^<]*</time> · {effective}<time", main), main
    version = out(site, f"privacy/versions/{NEW}/index.html")
    assert f'<span class="lx-id">{FR("Version %(version)s") % {"version": NEW}}</span>' \
        in version
    assert f'href="../../changes/{OLD}...{NEW}/"' in version, "a version links to its redline"
    home = out(site, "index.html")
    assert f'{FR("Changes on %(date)s").split("%")[0]}<time' in home
    assert f'href="privacy/changes/{OLD}...{NEW}/"' in home
