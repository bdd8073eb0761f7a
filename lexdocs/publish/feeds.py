"""Machine-readable outputs: `versions.json` (a public contract) and Atom feeds.

Both are read by programs we do not control: compliance archives, feed
readers, a customer's monitoring. So the shape of versions.json is typed here
(`VersionsFile`) and published as a JSON Schema (`schema/versions-1.json` on
the site); field names never change meaning, and versions are listed oldest
first with permanent URLs. There is one Atom feed for the whole site and one
per document, for readers who follow a single document.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal, TypedDict

from feedgen.feed import FeedGenerator

from lexdocs.config import Options
from lexdocs.publish.urls import SITE_FEED, VERSIONS_SCHEMA, Urls, absolute
from lexdocs.review.notice import Status, Timeline, VersionNotice

SCHEMA_VERSION: Literal[1] = 1


class ChangeEntry(TypedDict):
    """One change of the redline from the version before, with its verdict: the rule
    that decided and the words or values that triggered it, so a reader of the JSON
    need not parse the prose of `reason`."""

    section: str
    kind: str
    material: bool
    rule: str
    evidence: list[str]
    reason: str
    overridden: bool


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


def versions_model(options: Options, timelines: dict[str, Timeline],
                   today: dt.date) -> VersionsFile:
    """Every version of every document, typed; see the JSON Schema for each field."""
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
                "summary": n.summary,
                "url": absolute(site, urls.version(v.id)),
                "redline_url": absolute(site, urls.changes(prev, v.id)) if prev else None,
                "notice_url": absolute(site, urls.notice(prev, v.id, "json"))
                if prev and n.material else None,
                "pdf_url": absolute(site, urls.pdf(v.id)) if options.pdf else None,
                "changes": [{"section": c.section_id, "kind": c.kind, "material": c.material,
                             "rule": c.rule, "evidence": list(c.evidence), "reason": c.reason,
                             "overridden": c.overridden}
                            for c in (n.redline.changes if n.redline and prev else ())],
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


def versions_json(options: Options, timelines: dict[str, Timeline], today: dt.date) -> str:
    """versions.json as published: the typed model, indented, UTF-8."""
    data = versions_model(options, timelines, today)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def atom_feed(options: Options, timelines: dict[str, Timeline], only: str | None = None,
              language: str = "en") -> str:
    """One entry per version, newest first, made with feedgen: every document's, or
    only one document's (`only`, its name) for its own feed. `language` is the site's."""
    site = options.site_url
    names = [only] if only else list(options.documents)
    fg = FeedGenerator()
    if only:
        t = timelines[only]
        urls = Urls(t.history.working.slug)
        feed_url, home = absolute(site, urls.feed), absolute(site, urls.page)
        fg.title(f"{t.history.working.title}: versions and changes")
        fg.subtitle(f"Every published version of the {t.history.working.title}, "
                    "with what changed.")
    else:
        feed_url, home = absolute(site, SITE_FEED), absolute(site, "index.md")
        fg.title("Legal documents: versions and changes")
        fg.subtitle("Every published version of our legal documents, with what changed.")
    fg.id(feed_url)
    fg.link(href=feed_url, rel="self")
    fg.link(href=home, rel="alternate")
    fg.language(language)
    fg.generator("lexdocs")
    notices = [(t, n) for name in names for t in [timelines[name]] for n in t.notices]
    notices.sort(key=lambda tn: (tn[1].version.published, tn[0].history.name))
    if notices:
        fg.updated(notices[-1][1].version.published)
    else:
        fg.updated(dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    for t, n in notices:
        v = n.version
        urls = Urls(t.history.working.slug)
        fe = fg.add_entry(order="prepend")
        fe.id(absolute(site, urls.version(v.id)))
        prev = _previous_id(t, n)
        kind = "material change" if n.material else "not material"
        if prev is None:
            kind = "first version"
        fe.title(f"{t.history.working.title}: version {v.id} ({kind})")
        fe.updated(v.published)
        fe.published(v.published)
        fe.link(href=absolute(site, urls.version(v.id)), rel="alternate")
        if prev:
            fe.link(href=absolute(site, urls.changes(prev, v.id)), rel="related",
                    title="What changed")
        summary = n.summary or ("First published version." if prev is None
                                else "Changes that do not affect your rights.")
        fe.summary(f"{summary} Effective {n.effective.isoformat()}. Material: "
                   f"{'yes' if n.material else 'no'}.")
        fe.category(term="material" if n.material else "not-material")
    xml: bytes = fg.atom_str(pretty=True)
    return xml.decode("utf-8")
