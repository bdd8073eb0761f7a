"""A build's memory does not grow with the number of versions (issue 24).

A version's text is needed to make its pages, redline and verdict; after that, only
small facts about it (ids, dates, verdicts) are. These tests check, without timing or
measuring memory, that a build lets go of every version's text once its pages are
made: the pages wait on disk (`lexdocs.publish.spool`), not in memory, and the HTML
MkDocs makes of a generated page is put aside until that page is themed. The figures
(peak memory at two sizes of the big history) are in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import weakref
from pathlib import Path
from typing import Any

import pytest
from mkdocs.structure.files import File

from lexdocs.config import load_options
from lexdocs.pipeline import publishable_timelines
from lexdocs.publish.output import DeferredPdfs
from lexdocs.publish.pages import SiteBuilder
from lexdocs.publish.sitepage import PdfPage, SitePage
from lexdocs.publish.spool import HtmlStash, PageSpool, SpooledPage
from lexdocs.render.templates import RenderedDocument
from lexdocs.review.notice import Timeline
from lexdocs.review.redline import SectionDiff

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import Generated, generate  # noqa: E402

COMMITS = 6

# Run by MkDocs as a hook after lexdocs (hooks come after plugins): once every page is
# converted and before any is themed (`on_env`), it writes what is still in memory.
PROBE = '''
import gc, json, os
from lexdocs.render.templates import RenderedDocument
from lexdocs.review.notice import Timeline


def on_env(env, config, files):
    gc.collect()
    alive = [id(o) for o in gc.get_objects() if isinstance(o, (RenderedDocument, Timeline))]
    made = [f for f in files.documentation_pages()
            if f.generated_by is not None and f.page is not None]
    held = {f.src_uri: len(f.page.content or "") for f in made}
    contents = sum(len(list(f.page.toc)) for f in made)
    own = [f.src_uri for f in made if f in (f.page.links_to_anchors or {})]
    with open(os.environ["LEXDOCS_PROBE"], "w") as out:
        json.dump({"alive": alive, "held": held, "contents": contents, "own": own}, out)
    return env
'''


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("memflat") / "repo", COMMITS, pdf=False)


def test_a_build_holds_no_version_text_once_its_pages_are_made(
        generated: Generated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    probe = tmp_path / "probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    found = tmp_path / "found.json"
    monkeypatch.setenv("LEXDOCS_PROBE", str(found))
    # What other tests in this process still hold is not this build's: kept alive here,
    # so no object of the build can take one of their ids.
    gc.collect()
    before = [o for o in gc.get_objects() if isinstance(o, RenderedDocument | Timeline)]
    config = load_config(str(generated.path / "mkdocs.yml"), site_dir=str(tmp_path / "site"),
                         hooks=[str(probe)])
    # As `mkdocs build` runs it: MkDocs keeps plugin instances within a process, and one
    # an earlier test started as a preview would otherwise build as one.
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    seen = json.loads(found.read_text())
    assert set(seen["alive"]) <= {id(o) for o in before}, \
        "a version's text outlived its pages"
    versions = [uri for uri in seen["held"] if "/versions/" in uri]
    assert len(versions) >= COMMITS // 2, seen["held"]
    assert not any(seen["held"].values()), (
        f"MkDocs held the HTML of generated pages before writing them: {seen['held']}")
    page = tmp_path / "site" / versions[0].replace(".md", ".html")
    if not page.exists():
        page = tmp_path / "site" / versions[0].removesuffix("index.md") / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "<article" in html  # the HTML came back to be themed
    # and its table of contents: put aside with the HTML, given back for the theme
    assert seen["contents"] == 0 and not seen["own"], seen
    assert 'class="md-nav md-nav--secondary"' in html and 'href="#' in html


def test_spooled_pages_are_the_pages_and_their_file_goes_with_them(
        generated: Generated) -> None:
    opts = load_options(generated.path)
    timelines, today = publishable_timelines(opts, lambda _: None)
    plain = {p.uri: p.content for p in SiteBuilder(opts, timelines, today).build()}
    builder = DeferredPdfs(opts, timelines, today)
    groups = builder.groups()
    pages = [p for g in groups for p in g if not isinstance(p, PdfPage)]
    assert pages and all(isinstance(p, SpooledPage) for p in pages)
    assert {p.uri: p.content for p in pages} == plain
    assert builder.spool is not None
    spool = weakref.ref(builder.spool)
    del builder, groups, pages, timelines
    gc.collect()
    assert spool() is None, "the page spool outlived every page in it"


def test_a_spooled_file_gives_back_the_very_text(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs reads a file's Markdown in text mode; a spooled page reads as it was made."""
    from mkdocs.config.defaults import MkDocsConfig

    from lexdocs.publish.files import SpooledFile

    text = "---\ntitle: x\n---\n\ufeffline one\r\nline two → \r\n"
    page = PageSpool().keep(SitePage("privacy/index.md", text))
    data = PageSpool().keep(SitePage("versions.json", '{"a": "\r\n é"}'))
    assert isinstance(page, SpooledPage) and isinstance(data, SpooledPage)
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "site_dir": str(tmp_path / "site"),
                      "docs_dir": str(tmp_path)})
    config.validate()
    # as inside one of the plugin's events, where MkDocs names the plugin making files
    monkeypatch.setattr(config.plugins, "_current_plugin", "lexdocs", raising=False)
    assert SpooledFile.of(config, page).content_string == text
    assert File.generated(config, page.uri, content=text).content_string == text
    SpooledFile.of(config, data).copy_file()
    File.generated(config, "plain.json", content=str(data.content)).copy_file()
    site = tmp_path / "site"
    assert (site / "versions.json").read_bytes() == (site / "plain.json").read_bytes()
    released = SpooledFile.of(config, page)
    released.content_bytes = b""  # what the plugin does once MkDocs converted the page
    assert released.content_string == ""


def test_a_text_is_spooled_a_slice_at_a_time_as_it_was_made(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Long texts (versions.json, a feed) go to the spool in slices, never whole as
    UTF-8; a character split between pieces, the digest a preview knows a page by and an
    empty text come out as if written at once."""
    import hashlib

    monkeypatch.setattr(PageSpool, "SLICE", 5)
    written: list[int] = []
    write = PageSpool.write
    monkeypatch.setattr(PageSpool, "write",
                        lambda self, data: written.append(len(data)) or write(self, data))
    text = "ab→cdé€fghij\nklmnop" * 7
    spool = PageSpool(keyed=True)
    page = spool.keep(SitePage("feed.xml", text))
    assert isinstance(page, SpooledPage) and page.content == text
    assert len(written) > 10 and max(written) <= 5 * 3, written
    assert page.digest == hashlib.sha256(text.encode()).hexdigest()
    pieces = spool.keep_text("versions.json", iter(["{", "\"é\"", ": [1,", " 2]}", "\n"]))
    assert pieces.content == '{"é": [1, 2]}\n'
    assert spool.keep_text("empty.txt", iter(())).content == ""


def test_site_files_are_made_and_kept_one_at_a_time(generated: Generated,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """versions.json is written as it is encoded, and the feed is made only once it is
    kept: each lists every version, and held together they were a build's peak."""
    from lexdocs.publish import pages as site_pages
    from lexdocs.publish.feeds import versions_chunks, versions_model, versions_text

    opts = load_options(generated.path)
    timelines, today = publishable_timelines(opts, lambda _: None)
    data = versions_model(opts, timelines, today)
    assert "".join(versions_chunks(data)) == versions_text(data)
    builder = DeferredPdfs(opts, timelines, today)
    builder.spool = PageSpool()
    made: list[str] = []
    real = site_pages.feed_chunks
    monkeypatch.setattr(site_pages, "feed_chunks",
                        lambda spec: made.append("feed") or real(spec))
    files = builder.site_files()
    first = next(files)
    assert first.uri == "versions.json" and isinstance(first, SpooledPage)
    assert not made, "the feed was made before versions.json was kept"
    rest = [builder.keep(p) for p in files]
    assert made == ["feed"] and [p.uri for p in rest][-1].startswith("feed")
    plain = {p.uri: p.content for p in SiteBuilder(opts, timelines, today).site_files()}
    assert first.content == plain["versions.json"]
    assert rest[-1].content == plain[rest[-1].uri]


def test_a_feed_made_a_few_entries_at_a_time_is_the_same_document(
        generated: Generated) -> None:
    """feedgen holds an object of a few kilobytes for each entry until it writes the
    document (at 5,000 versions, megabytes at a build's peak): made a few entries at a
    time, the pieces put together are the document of them all, byte for byte."""
    from lexdocs.publish.feeds import feed_chunks, feed_spec

    opts = load_options(generated.path)
    timelines, _ = publishable_timelines(opts, lambda _: None)
    spec = feed_spec(opts, timelines)
    whole = "".join(feed_chunks(spec, size=len(spec["entries"])))
    assert len(spec["entries"]) >= 3 and whole.count("<entry>") == len(spec["entries"])
    for size in (1, 2):
        pieces = list(feed_chunks(spec, size=size))
        assert len(pieces) > 3 and "".join(pieces) == whole
    assert "".join(feed_chunks({**spec, "entries": []})).rstrip().endswith("</subtitle>\n</feed>")


def test_the_stash_gives_each_html_back_once() -> None:
    stash = HtmlStash()
    stash.put("a.md", "<p>é → x</p>", b"\x00toc")
    assert stash.take("a.md") == ("<p>é → x</p>", b"\x00toc")
    assert stash.take("a.md") is None
    stash.put("b.md", "<p>b</p>")
    stash.clear()
    assert stash.take("b.md") is None


def test_a_build_lets_go_of_the_caches_it_read_once_they_are_written(
        generated: Generated) -> None:
    """Every commit's renders and every redline, as read from `.cache/lexdocs`, grow with
    the history; a build needs none of them once its versions are known, a preview
    session keeps them (`test_recall`)."""
    from lexdocs.pipeline import Caches, load_timelines

    opts = load_options(generated.path)
    caches = Caches()
    first = load_timelines(opts, caches=caches)
    assert caches.kept is not None and not caches.kept._objects
    assert caches.kept.store._db is None and caches.redlines.store._db is None
    assert not caches.redlines._sections and not caches.renders
    again = load_timelines(opts, caches=caches)  # read again: the same answers
    assert [n.version.id for n in again["privacy"].notices] == \
        [n.version.id for n in first["privacy"].notices]


def test_a_build_reads_what_it_kept_an_entry_at_a_time(
        generated: Generated, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm build finds every commit's renders and every redline in `.cache/lexdocs`.
    Read as whole files, all of them were in memory at once, as text and as objects
    (46 MB at 1,000 commits of a long policy); an entry is now read when it is asked
    for, so the most a build decodes at once is one entry, never the file."""
    from lexdocs.pipeline import Caches, load_timelines

    opts = load_options(generated.path)
    load_timelines(opts, caches=Caches())  # everything kept
    folder = generated.path / ".cache" / "lexdocs"
    kept = sum(p.stat().st_size for p in folder.iterdir()
               if p.name.startswith(("history-", "redline")))
    sizes: list[int] = []
    real = json.loads

    def decoding(text: str | bytes, *args: Any, **kwargs: Any) -> Any:
        sizes.append(len(text))
        return real(text, *args, **kwargs)

    caches = Caches()
    monkeypatch.setattr(json, "loads", decoding)
    load_timelines(opts, caches=caches)
    monkeypatch.undo()
    assert caches.redlines.made == 0 and caches.kept is not None and caches.kept.hits > 0
    assert sizes and max(sizes) < kept / 10, (max(sizes), kept)


def test_a_build_draws_each_redline_from_disk_when_its_page_is_made(
        generated: Generated, monkeypatch: pytest.MonkeyPatch) -> None:
    """A redline draws every section of the policy; each version's drawing was held from
    the review until the pages were made (10 of the 89 MB a warm build held at 1,000
    commits of a long policy, one more drawing with every version). A build now keeps
    each version's verdicts and reads its drawing back when its page is made; a
    preview keeps the drawings, so that a save draws none again."""
    from lexdocs.pipeline import Caches, load_timelines
    from lexdocs.recall import Remembered
    from lexdocs.review.memo import KeptSections, RedlineMemo
    from lexdocs.review.redline import SectionDiff

    opts = load_options(generated.path)
    preview = load_timelines(opts, caches=Caches(recall=Remembered()))  # everything kept
    gc.collect()
    before = [o for o in gc.get_objects() if isinstance(o, SectionDiff)]
    monkeypatch.setattr(RedlineMemo, "DRAWN", 2)
    timelines = load_timelines(opts, caches=Caches())
    gc.collect()
    known = {id(o) for o in before}
    drawn = [o for o in gc.get_objects() if isinstance(o, SectionDiff) and id(o) not in known]
    notices = [(n, m) for name, t in timelines.items()
               for n, m in zip(t.notices, preview[name].notices, strict=True) if n.redline]
    assert len(notices) >= COMMITS // 2
    assert all(isinstance(n.redline.sections, KeptSections) for n, _ in notices)
    assert len(drawn) <= 2, f"{len(drawn)} drawings held"
    for n, m in notices:  # drawn from disk, the same redline as the one a preview holds
        assert m.redline is not None and not isinstance(m.redline.sections, KeptSections)
        assert tuple(n.redline.sections) == tuple(m.redline.sections)
    assert n.redline.sections == m.redline.sections
    del before


def test_a_build_reads_each_redline_s_changes_when_they_are_asked_for(
        generated: Generated, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each version's changes (the words of every changed span, 4 KB a version of a long
    policy) were held from the review until the pages were made. A build now keeps their
    key and how many there are, and reads them back, the newest few decoded, when the
    gate, a page or a feed asks; a preview keeps them."""
    from lexdocs.pipeline import Caches, load_timelines
    from lexdocs.recall import Remembered
    from lexdocs.review.memo import KeptChanges, RedlineMemo
    from lexdocs.review.redline import Change

    opts = load_options(generated.path)
    preview = load_timelines(opts, caches=Caches(recall=Remembered()))  # everything kept
    gc.collect()
    known = {id(o) for o in gc.get_objects() if isinstance(o, Change)}
    monkeypatch.setattr(RedlineMemo, "DECODED", 1)
    timelines = load_timelines(opts, caches=Caches())
    gc.collect()
    held = [o for o in gc.get_objects() if isinstance(o, Change) and id(o) not in known]
    notices = [(n, m) for name, t in timelines.items()
               for n, m in zip(t.notices, preview[name].notices, strict=True) if n.redline]
    assert len(notices) >= COMMITS // 2
    assert all(isinstance(n.redline.changes, KeptChanges) for n, _ in notices)
    most = max(len(n.redline.changes) for n, _ in notices)
    assert len(held) <= most, f"{len(held)} changes held"
    for n, m in notices:  # read from disk, the same verdicts as the ones a preview holds
        assert m.redline is not None and not isinstance(m.redline.changes, KeptChanges)
        assert len(n.redline.changes) == len(m.redline.changes)
        assert tuple(n.redline.changes) == tuple(m.redline.changes)
        assert (n.call, n.redline.reasons) == (m.call, m.redline.reasons)


def test_a_redline_whose_drawing_is_gone_from_disk_is_drawn_again(
        generated: Generated) -> None:
    from lexdocs.pipeline import Caches, load_timelines

    opts = load_options(generated.path)
    load_timelines(opts, caches=Caches())  # everything kept
    caches = Caches()
    timelines = load_timelines(opts, caches=caches)
    redline = next(n.redline for n in timelines["privacy"].notices if n.redline)
    for kept in (generated.path / ".cache" / "lexdocs").glob("redlines-*"):
        kept.unlink()
    caches.redlines.store.path = None
    assert [s.id for s in redline.sections] == [s.id for s in redline.sections[:]]
    assert redline.sections and all(isinstance(s, SectionDiff) for s in redline.sections)
    assert redline.sections._again is not None  # type: ignore[attr-defined]  # drawn again
    assert [c.reason for c in redline.changes] and len(redline.changes) == len(
        tuple(redline.changes))
    assert redline.changes._again is not None  # type: ignore[attr-defined]  # made again


def test_a_build_reads_each_version_s_sections_when_they_are_drawn(
        generated: Generated, monkeypatch: pytest.MonkeyPatch) -> None:
    """A version's text was held from the review until its pages were made: at 1,000
    commits of a long policy, every section text the history ever had (13 MB of the
    warm build's peak, more with every version). A build now holds each version's
    sections as keys and reads them when drawn; a preview keeps them decoded. The
    versions are equal either way."""
    from lexdocs.history.kept import KeptRenders
    from lexdocs.history.parts import KeptParts
    from lexdocs.pipeline import Caches, load_timelines
    from lexdocs.recall import Remembered
    from lexdocs.render.templates import RenderedSection
    from lexdocs.sources.documents import SectionSource

    opts = load_options(generated.path)
    preview = load_timelines(opts, caches=Caches(recall=Remembered()))  # everything kept
    gc.collect()
    before = [o for o in gc.get_objects() if isinstance(o, RenderedSection | SectionSource)]
    monkeypatch.setattr(KeptRenders, "DECODED", 0)
    timelines = load_timelines(opts, caches=Caches())
    gc.collect()
    known = {id(o) for o in before}
    # The working tree's text is rendered afresh by each build, and held: not a version's.
    working = {id(s) for t in timelines.values()
               for doc in (t.history.working, t.canonical, t.history.source) if doc
               for s in doc.sections}
    held = [o for o in gc.get_objects() if isinstance(o, RenderedSection | SectionSource)
            and id(o) not in known and id(o) not in working]
    versions = [(v, p) for name, t in timelines.items()
                for v, p in zip(t.history.versions, preview[name].history.versions,
                                strict=True)]
    assert len(versions) >= COMMITS // 2
    assert not held, f"{len(held)} sections of versions held"
    for v, p in versions:
        assert isinstance(v.rendered.sections, KeptParts)
        assert isinstance(v.source.sections, KeptParts)
        assert not isinstance(p.rendered.sections, KeptParts)
        assert v == p and v.rendered.page == p.rendered.page
    for name, t in timelines.items():  # what the pages draw: dated, as judged
        for n, m in zip(t.notices, preview[name].notices, strict=True):
            assert n.version.rendered.page == m.version.rendered.page
            assert n.version == m.version
    del before


def test_whether_a_kept_text_asks_for_its_dates_is_read_once() -> None:
    """Dating asks each version's text whether it asks for its own dates, in several
    passes over the history; a kept render's sections are read from the store each time
    they are drawn (at 5,000 versions, 20,000 readings: 2 s of a warm build)."""
    from lexdocs.history.parts import KeptParts
    from lexdocs.render.templates import PAGE_VERSION, RenderedSection
    from lexdocs.review.pagedates import marked

    def section(key: str) -> RenderedSection:
        text = f"{key} {PAGE_VERSION['effective'] if key == 'b' else ''}"
        return RenderedSection(key, key.upper(), (), True, "", text, text, frozenset())

    read: list[str] = []

    class Reader:
        def part(self, pool: str, key: str) -> object:
            read.append(key)
            return section(key)

    def doc(keys: tuple[str, ...]) -> RenderedDocument:
        return RenderedDocument("privacy", "Privacy", "privacy",
                                KeptParts(Reader(), "renders", keys, lambda: ()),
                                {}, frozenset(), "f")

    asks, plain = doc(("a", "b")), doc(("a", "c"))
    assert [marked(asks), marked(asks), marked(plain), marked(plain)] == [True] * 2 + [False] * 2
    assert read == ["a", "b", "a", "c"]


def test_a_redline_page_draws_its_sections_once() -> None:
    """A kept redline's sections are read from the memo's store each time they are drawn:
    the page drew them twice, once for their ids and once to write them."""
    from lexdocs.review.formats import to_html
    from lexdocs.review.redline import Redline, diff_documents

    old = RenderedDocument("privacy", "Privacy", "privacy", (), {}, frozenset(), "a")
    drawn = diff_documents(old, old).sections
    draws: list[int] = []

    class Counted(tuple):  # type: ignore[type-arg]
        def __iter__(self):  # type: ignore[no-untyped-def]
            draws.append(1)
            return super().__iter__()

    page = to_html(Redline("privacy", "Privacy", (), Counted(drawn)))
    assert 'class="lx-redline"' in page and len(draws) == 1


def test_a_version_whose_sections_are_gone_from_disk_is_rendered_again(
        generated: Generated) -> None:
    """Another process may prune the kept renders under a running build: the version's
    text then comes from its commit, rendered again, and is the same text."""
    from lexdocs.pipeline import Caches, load_timelines
    from lexdocs.recall import Remembered

    opts = load_options(generated.path)
    preview = load_timelines(opts, caches=Caches(recall=Remembered()))
    caches = Caches()
    timelines = load_timelines(opts, caches=caches)
    for kept in (generated.path / ".cache" / "lexdocs").glob("history-*"):
        kept.unlink()
    assert caches.kept is not None
    caches.kept._parts.clear()
    caches.kept._recent.clear()
    for name, t in timelines.items():
        for v, p in zip(t.history.versions, preview[name].history.versions, strict=True):
            assert v.rendered.page == p.rendered.page
            assert tuple(v.source.sections) == tuple(p.source.sections)
            assert v == p
            # Rendered again from its commit, and held from then on.
            assert type(v.rendered.sections._reader).__name__ == "_Held"  # type: ignore[attr-defined]
    load_timelines(opts, caches=Caches())  # kept again for the other tests


def test_a_first_build_holds_each_section_once(generated: Generated) -> None:
    """With nothing kept, every commit is rendered, and a render makes new objects for
    every section, changed or not: each version held the whole policy (17,000 sections
    for 846 distinct at 1,000 commits). Now a version's sections are the one object of
    their content, as a build that reads them back has them."""
    from lexdocs.history.kept import KeptRenders
    from lexdocs.history.versions import load_histories

    opts = load_options(generated.path)
    histories = load_histories(opts.project, opts.source_dir, opts.documents, opts.tz,
                               kept=KeptRenders(None))
    sections = [s for h in histories.values() for v in h.versions for s in v.rendered.sections]
    assert len(histories["privacy"].versions) >= COMMITS // 2
    assert len({id(s) for s in sections}) == len(set(sections)), "a section held twice"


def test_a_first_build_writes_what_it_makes_as_it_goes(
        generated: Generated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every render and redline a first build made waited in memory to be written at the
    end; they now go to disk while the history is read."""
    from lexdocs.entries import EntryStore
    from lexdocs.history.kept import KeptRenders
    from lexdocs.history.versions import load_histories

    opts = load_options(generated.path)
    monkeypatch.setattr(EntryStore, "FLUSH", 4)
    on_disk: list[int] = []

    def progress(done: int, total: int) -> None:
        if done == total:  # the last commit read, nothing saved yet
            on_disk.append(len(list(EntryStore(tmp_path, "history").keys("commits"))))

    load_histories(opts.project, opts.source_dir, opts.documents, opts.tz,
                   progress=progress, kept=KeptRenders(tmp_path))
    assert on_disk and on_disk[0] >= COMMITS // 2, "renders waited in memory to be written"


def _strings_held(skip: set[int], at_least: int) -> list[str]:
    """Every string of `at_least` characters the process holds, found from the objects
    the garbage collector tracks (and the tuples of strings it stops tracking)."""
    gc.unfreeze()  # a preview session freezes what it keeps: see plugin._settle
    gc.collect()
    found: dict[int, str] = {}
    seen: set[int] = set()

    def visit(obj: object) -> None:
        if type(obj) is str:
            if len(obj) >= at_least and id(obj) not in skip:
                found[id(obj)] = obj
        elif type(obj) is tuple and not gc.is_tracked(obj) and id(obj) not in seen:
            seen.add(id(obj))
            for item in obj:
                visit(item)

    for holder in gc.get_objects():
        for obj in gc.get_referents(holder):
            visit(obj)
    return list(found.values())


def test_a_preview_keeps_no_page_text_once_its_pages_are_written(
        generated: Generated, tmp_path: Path) -> None:
    """A `mkdocs serve` session keeps last build's archive, so a save costs what its
    draft costs; of an archived version it keeps where its page is (in the spool, and
    themed in the page cache), not the text of its page, its redline page or the
    redline's HTML, each as long as the document: kept, they made a session hold about
    a megabyte per version at 1,000 versions of a long policy."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from lexdocs.review.formats import to_html

    def config() -> Any:
        # as `mkdocs serve` loads it for each build (the plugin instance stays)
        return load_config(str(generated.path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    notes = generated.path / "policy_src/privacy/90-notes.md"
    saved = notes.read_text(encoding="utf-8")
    try:
        build(first, serve_url=first.site_url)  # every page rendered: none is cached yet
        generated.edit_working_section("saved-in-a-preview")
        again = config()
        build(again, serve_url=again.site_url)  # a save: the archive is last build's
        plugin = again.plugins["lexdocs"]
        assert plugin.memo is not None and plugin.memo.hits > 0, "the session kept nothing"
        assert plugin.memo.spool_dir == generated.path / ".cache" / "lexdocs"
        timelines, _ = publishable_timelines(load_options(generated.path), lambda _: None)
        texts = [n.version.rendered.page for t in timelines.values() for n in t.notices]
        texts += [to_html(n.redline) for t in timelines.values() for n in t.notices
                  if n.redline is not None]
        assert len(texts) >= COMMITS
        held = _strings_held({id(t) for t in texts}, min(map(len, texts)))
        kept = [s[:120] for s in held if any(text in s for text in texts)]
        assert not kept, f"a preview kept {len(kept)} page text(s) in memory: {kept[:3]}"
        version = next(p for p in (tmp_path / "site").rglob("index.html")
                       if "/versions/" in p.as_posix())
        assert "<article" in version.read_text(encoding="utf-8")  # the pages were written
    finally:
        notes.write_text(saved, encoding="utf-8")
        first.plugins.on_shutdown()


def test_the_page_cache_knows_a_spooled_page_by_its_digest(tmp_path: Path) -> None:
    """One key for a page, whether its text is in memory (the Zensical preview) or in a
    preview's spool, which gives the digest noted when it wrote the page."""
    from lexdocs.publish.output import ThemedPageCache

    cache = ThemedPageCache(tmp_path)
    cache.set_context("mkdocs.yml as it is")
    text = '---\ntitle: "Änderungen"\n---\n\n<p>body → here</p>\n'
    keyed = PageSpool(keyed=True).keep(SitePage("privacy/index.md", text))
    unkeyed = PageSpool().keep(SitePage("privacy/index.md", text))
    assert isinstance(keyed, SpooledPage) and isinstance(unkeyed, SpooledPage)
    assert cache.key("privacy/index.md", keyed) == cache.key("privacy/index.md", text) \
        == cache.key("privacy/index.md", unkeyed)
    assert cache.key("privacy/index.md", text + " ") != cache.key("privacy/index.md", text)
    assert cache.key("other/index.md", keyed) != cache.key("privacy/index.md", keyed)


def test_the_zensical_preview_keeps_no_page_text_either(generated: Generated,
                                                        tmp_path: Path) -> None:
    """`lexdocs serve --engine zensical` keeps the same archive between saves, and hands
    Zensical each archived page from the spool, read when it is written."""
    from lexdocs.engines import preview as zpreview
    from lexdocs.review.formats import to_html

    work = tmp_path / "work"
    work.mkdir()
    session = zpreview.Preview(generated.path, work, lambda _: None)
    notes = generated.path / "policy_src/privacy/90-notes.md"
    saved = notes.read_text(encoding="utf-8")
    try:
        session.update()
        generated.edit_working_section("saved-in-a-zensical-preview")
        session.update()
        assert session.memo.hits > 0, "the session kept nothing"
        timelines, _ = publishable_timelines(load_options(generated.path), lambda _: None)
        texts = [n.version.rendered.page for t in timelines.values() for n in t.notices]
        texts += [to_html(n.redline) for t in timelines.values() for n in t.notices
                  if n.redline is not None]
        held = _strings_held({id(t) for t in texts}, min(map(len, texts)))
        kept = [s[:120] for s in held if any(text in s for text in texts)]
        assert not kept, f"the preview kept {len(kept)} page text(s) in memory: {kept[:3]}"
        pages = [p for p in (work / "docs").rglob("index.md") if "/versions/" in p.as_posix()]
        assert len(pages) >= COMMITS // 2  # handed over as Markdown: none is themed yet
        assert any(text in pages[0].read_text(encoding="utf-8") for text in texts)
    finally:
        notes.write_text(saved, encoding="utf-8")
        session.close()


def test_a_spool_is_made_in_the_folder_it_is_given(tmp_path: Path) -> None:
    """A preview's spool lives as long as its session: it goes in the project's cache
    folder, on disk, not the system's temporary folder, which may be memory; a folder
    that cannot take it leaves it there. Either way the file has no name."""
    cache = tmp_path / "cache"
    missing = PageSpool(folder=cache)
    cache.mkdir()
    there = PageSpool(folder=cache)
    link = Path(f"/proc/self/fd/{there._file.fileno()}")
    if not link.exists():
        pytest.skip("this system does not show where an open file is")
    assert os.readlink(link).startswith(str(cache))
    assert not os.readlink(f"/proc/self/fd/{missing._file.fileno()}").startswith(str(cache))
    assert not list(cache.iterdir())
    page = there.keep(SitePage("a/index.md", "text"))
    assert isinstance(page, SpooledPage) and page.content == "text"


def test_a_page_put_aside_keeps_only_its_broken_own_anchors(
        tmp_path: Path, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A generated page's links to its own headings are checked when it is converted:
    those that hold are let go, one that does not is still reported by MkDocs."""
    import logging

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from lexdocs.engines.pagestate import PageState

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "site_dir": str(tmp_path / "site"),
                      "docs_dir": str(tmp_path), "validation": {"anchors": "warn"}})
    config.validate()
    monkeypatch.setattr(config.plugins, "_current_plugin", "lexdocs", raising=False)
    file = File.generated(config, "v.md", content="# V\n\n[a](#there) [b](#nowhere)\n\n"
                                                  "## There\n\n## Else\n")
    files = Files([file])
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, files)
    before = [(t.title, [c.title for c in t.children]) for t in page.toc]
    state = PageState()
    assert state.put_aside(page, page.content or "") == ""
    assert not list(page.toc) and page.links_to_anchors == {file: {"nowhere": "#nowhere"}}
    state.take_back(page)
    assert [(t.title, [c.title for c in t.children]) for t in page.toc] == before
    assert "There" in str(before) and 'id="there"' in (page.content or "")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        page.validate_anchor_links(files=files, log_level=logging.WARNING)
    assert "'#nowhere'" in caplog.text and "#there" not in caplog.text
    # A page with the same headings (another version of the document) shares its ids.
    again = File.generated(config, "w.md", content="# V\n\nOther words.\n\n## There\n\n"
                                                   "## Else\n")
    other = Page(None, again, config)
    other.read_source(config)
    other.render(config, Files([file, again]))
    state.put_aside(other, other.content or "")
    assert other.present_anchor_ids is page.present_anchor_ids
    assert {"there", "else"} <= (page.present_anchor_ids or set())
