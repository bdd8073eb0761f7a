"""Machine-readable outputs: `versions.json` (a public contract) and Atom feeds.

Both are read by programs we do not control: compliance archives, feed
readers, a customer's monitoring. So the shape of versions.json is typed here
(`VersionsFile`) and published as a JSON Schema (`schema/versions-1.json` on
every site, from the package); field names never change meaning, and versions are
listed oldest first with permanent URLs. There is one Atom feed for the whole site and one
per document, for readers who follow a single document.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Any, Literal, TypedDict

from feedgen.feed import FeedGenerator

from lexdocs.config import Options
from lexdocs.publish.locales import N_, translations
from lexdocs.publish.urls import SITE_FEED, VERSIONS_SCHEMA, Urls, absolute
from lexdocs.review.notice import Status, Timeline, VersionNotice
from lexdocs.review.redline import Change
from lexdocs.review.verdicts import evidence_fields

SCHEMA_VERSION: Literal[1] = 1


def versions_schema() -> str:
    """The JSON Schema every site publishes beside its versions.json, from the package:
    the `$schema` a reader follows must exist on every site built with lexdocs, not only
    on one whose docs folder happens to hold a copy."""
    return (resources.files("lexdocs.publish") / "schema" / f"versions-{SCHEMA_VERSION}.json"
            ).read_text(encoding="utf-8")


class ChangeEntry(TypedDict):
    """One change of the redline from the version before, with its verdict: the rule
    that decided and the words or values that triggered it, so a reader of the JSON
    need not parse the prose of `reason`."""

    section: str
    kind: str
    material: bool
    call: str
    rule: str
    evidence: list[str]
    evidence_old: list[str]
    evidence_new: list[str]
    reason: str
    overridden: bool


def _change(c: Change) -> ChangeEntry:
    ev = evidence_fields(c.rule, c.evidence)
    return {"section": c.section_id, "kind": c.kind, "material": c.material, "call": c.call,
            "rule": c.rule,
            "evidence": ev["evidence"], "evidence_old": ev["evidence_old"],
            "evidence_new": ev["evidence_new"], "reason": c.reason, "overridden": c.overridden}


class VersionEntry(TypedDict):
    """One published version of a document."""

    id: str
    last_updated: str
    effective: str
    status: Status
    commit: str
    published_at: str
    sha256: str
    material: bool
    lawyers_call: bool
    before_adoption: bool
    summary: str
    url: str
    redline_url: str | None
    notice_url: str | None
    pdf_url: str | None
    changes: list[ChangeEntry]


class DocumentEntry(TypedDict):
    """A document, its addresses and every version, oldest first."""

    title: str
    url: str
    history_url: str
    feed_url: str
    current: str | None
    last_reviewed: str | None
    versions: list[VersionEntry]


VersionsFile = TypedDict("VersionsFile", {
    "$schema": str,
    "schema": Literal[1],
    "site_url": str,
    "documents": dict[str, DocumentEntry],
})


def _previous_id(t: Timeline, n: VersionNotice) -> str | None:
    prev = t.previous(n)
    return prev.version.id if prev else None


def versions_model(options: Options, timelines: dict[str, Timeline], today: dt.date,
                   has_pdf: Callable[[Timeline, VersionNotice], bool] | None = None
                   ) -> VersionsFile:
    """Every version of every document, typed; see the JSON Schema for each field.

    `has_pdf` says which versions the site publishes a PDF of (`SiteBuilder.has_pdf`);
    without it no `pdf_url` is given, rather than one that may lead nowhere."""
    site = options.site_url
    docs: dict[str, DocumentEntry] = {}
    for name in options.documents:
        t = timelines[name]
        urls = Urls(t.history.working.slug)
        current = t.current(today)
        reviewed = t.last_reviewed(today)
        entries: list[VersionEntry] = []
        for n in t.notices:
            v = n.version
            prev = _previous_id(t, n)
            entries.append({
                "id": v.id,
                "last_updated": v.date.isoformat(),
                "effective": n.effective.isoformat(),
                "status": t.status(n, today),
                "commit": v.commit.sha,
                "published_at": v.published.isoformat(),
                "sha256": v.rendered.fingerprint,
                "material": n.material,
                "lawyers_call": n.referred,
                "before_adoption": not n.judged,
                "summary": n.summary,
                "url": absolute(site, urls.version(v.id)),
                "redline_url": absolute(site, urls.changes(prev, v.id)) if prev else None,
                "notice_url": absolute(site, urls.notice(prev, v.id, "json"))
                if prev and n.notifies else None,
                "pdf_url": absolute(site, urls.pdf(v.id)) if has_pdf and has_pdf(t, n)
                else None,
                "changes": [_change(c) for c in (n.redline.changes if n.redline and prev else ())],
            })
        docs[name] = {
            "title": t.history.working.title,
            "url": absolute(site, urls.page),
            "history_url": absolute(site, urls.history),
            "feed_url": absolute(site, urls.feed),
            "current": current.version.id if current else None,
            "last_reviewed": reviewed.isoformat() if reviewed else None,
            "versions": entries,
        }
    return {"$schema": absolute(site, VERSIONS_SCHEMA), "schema": SCHEMA_VERSION,
            "site_url": site, "documents": docs}


def versions_json(options: Options, timelines: dict[str, Timeline], today: dt.date,
                  has_pdf: Callable[[Timeline, VersionNotice], bool] | None = None) -> str:
    """versions.json as published: the typed model, indented, UTF-8."""
    return versions_text(versions_model(options, timelines, today, has_pdf))


def versions_text(data: VersionsFile) -> str:
    """The model as published: apart, so a preview can skip it for an unchanged model."""
    return "".join(versions_chunks(data))


def versions_chunks(data: VersionsFile) -> Iterator[str]:
    """The published text in pieces, to be written as they come (`PageSpool.keep_text`):
    indented JSON is encoded in Python, piece by piece, and joined it listed every piece
    of a thousand versions at once."""
    yield from json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(data)
    yield "\n"


def atom_feed(options: Options, timelines: dict[str, Timeline], only: str | None = None,
              language: str = "en") -> str:
    """One entry per version, newest first, made with feedgen: every document's, or
    only one document's (`only`, its name) for its own feed. `language` is the site's."""
    return feed_xml(feed_spec(options, timelines, only, language))


_KIND = {"material": N_("material change"), "not-material": N_("not material"),
         "lawyers-call": N_("needs a lawyer's call")}
_FIRST = N_("first version")
_SAID = {"material": N_("yes"), "not-material": N_("no"), "lawyers-call": N_("not decided")}
_FIRST_SUMMARY = N_("First published version.")
_UNSUMMED = {"lawyers-call": N_("Changes no rule could judge, not yet decided."),
             "material": N_("Changes that do not affect your rights."),
             "not-material": N_("Changes that do not affect your rights.")}
"""A feed entry's words for each verdict (`VersionNotice.call`); a material version
always has a summary (the notice gate asks for one), so its fallback is never read."""


def feed_spec(options: Options, timelines: dict[str, Timeline], only: str | None = None,
              language: str = "en") -> dict[str, Any]:
    """Everything a feed says, as plain values: feedgen is slow, so a preview writes
    a feed again only when this changes (see `feed_xml`)."""
    from lexdocs.publish.theming import Theme

    _ = translations(Theme(language).locale).gettext  # in the site's language, as the pages
    site = options.site_url
    names = [only] if only else list(options.documents)
    if only:
        t = timelines[only]
        urls = Urls(t.history.working.slug)
        feed_url, home = absolute(site, urls.feed), absolute(site, urls.page)
        title = _("%(title)s: versions and changes") % {"title": t.history.working.title}
        subtitle = _("Every published version of the %(title)s, with what changed.") % {
            "title": t.history.working.title}
    else:
        feed_url, home = absolute(site, SITE_FEED), absolute(site, "index.md")
        title = _("Legal documents: versions and changes")
        subtitle = _("Every published version of our legal documents, with what changed.")
    notices = [(t, n) for name in names for t in [timelines[name]] for n in t.notices]
    notices.sort(key=lambda tn: (tn[1].version.published, tn[0].history.name))
    updated = (notices[-1][1].version.published if notices
               else dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    entries = []
    for t, n in notices:
        v = n.version
        urls = Urls(t.history.working.slug)
        prev = _previous_id(t, n)
        kind = _(_KIND[n.call] if prev is not None else _FIRST)
        said = _(_SAID[n.call])
        summary = n.summary or _(_FIRST_SUMMARY if prev is None else _UNSUMMED[n.call])
        entries.append({
            "id": absolute(site, urls.version(v.id)),
            "title": _("%(title)s: version %(version)s (%(kind)s)") % {
                "title": t.history.working.title, "version": v.id, "kind": kind},
            "published": v.published,
            "related": absolute(site, urls.changes(prev, v.id)) if prev else None,
            "summary": _("%(summary)s Effective %(date)s. Material: %(said)s.") % {
                "summary": summary, "date": n.effective.isoformat(), "said": said},
            "category": n.call})
    return {"feed_url": feed_url, "home": home, "title": title, "subtitle": subtitle,
            "language": language, "updated": updated, "entries": entries}


FEED_CHUNK = 200
"""Entries feedgen makes at a time (`feed_chunks`)."""


def feed_xml(spec: dict[str, Any]) -> str:
    """The Atom document for a `feed_spec`."""
    return "".join(feed_chunks(spec))


def feed_chunks(spec: dict[str, Any], size: int = FEED_CHUNK) -> Iterator[str]:
    """The Atom document for a `feed_spec` in pieces, to be written as they come
    (`PageSpool.keep_text`). feedgen holds an object of a few kilobytes for each entry
    until the document is written: at thousands of versions, the feed was the peak of a
    build's memory. Made `size` entries at a time, newest first, the pieces are the text
    one document of them all is: each entry is written on its own lines, at one depth,
    between the same head and foot."""
    entries = spec["entries"]
    if not entries:
        yield _atom(spec, [])
        return
    text = ""
    for k, stop in enumerate(range(len(entries), 0, -size)):
        text = _atom(spec, entries[max(0, stop - size):stop])
        start, end = text.index(_ENTRY), text.rindex(_FOOT)
        if k == 0:
            yield text[:start]
        yield text[start:end]
    yield text[text.rindex(_FOOT):]


_ENTRY, _FOOT = "\n  <entry>", "\n</feed>"


def _atom(spec: dict[str, Any], entries: list[dict[str, Any]]) -> str:
    """feedgen's Atom document of `spec` with `entries` (oldest first), newest first."""
    fg = FeedGenerator()
    fg.title(spec["title"])
    fg.subtitle(spec["subtitle"])
    fg.id(spec["feed_url"])
    fg.link(href=spec["feed_url"], rel="self")
    fg.link(href=spec["home"], rel="alternate")
    fg.language(spec["language"])
    fg.generator("lexdocs")
    fg.updated(spec["updated"])
    for e in entries:
        fe = fg.add_entry(order="prepend")
        fe.id(e["id"])
        fe.title(e["title"])
        fe.updated(e["published"])
        fe.published(e["published"])
        fe.link(href=e["id"], rel="alternate")
        if e["related"]:
            fe.link(href=e["related"], rel="related", title="What changed")
        fe.summary(e["summary"])
        fe.category(term=e["category"])
    xml: bytes = fg.atom_str(pretty=True)
    return xml.decode("utf-8")
