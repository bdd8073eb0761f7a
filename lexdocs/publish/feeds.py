"""Machine-readable outputs: `versions.json` (a public contract) and `feed.xml` (Atom).

Both are read by programs we do not control: compliance archives, feed
readers, a customer's monitoring. So their shape is documented in the README
("versions.json"), field names never change meaning, and both list versions
oldest first with permanent URLs.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from feedgen.feed import FeedGenerator

from lexdocs.config import Options
from lexdocs.publish.pages import Urls, url_of
from lexdocs.review.notice import Timeline, VersionNotice

SCHEMA_VERSION = 1


def absolute(options: Options, uri: str) -> str:
    """A permanent public URL: site_url plus the page path (site-relative if no site_url)."""
    path = url_of(uri)
    base = options.site_url
    if not base:
        return "/" + path
    return base.rstrip("/") + "/" + path


def _redline_uri(t: Timeline, n: VersionNotice) -> str | None:
    prev = t.previous(n)
    if prev is None:
        return None
    return Urls(t.history.working.slug).changes(prev.version.id, n.version.id)


def versions_json(options: Options, timelines: dict[str, Timeline], today: dt.date) -> str:
    """Every version of every document; see README, "versions.json", for each field."""
    docs: dict[str, Any] = {}
    for name in options.documents:
        t = timelines[name]
        urls = Urls(t.history.working.slug)
        current = t.current(today)
        reviewed = t.last_reviewed(today)
        entries = []
        for n in t.notices:
            v = n.version
            redline = _redline_uri(t, n)
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
                "url": absolute(options, urls.version(v.id)),
                "redline_url": absolute(options, redline) if redline else None,
                "pdf_url": absolute(options, urls.pdf(v.id)) if options.pdf else None,
            })
        docs[name] = {
            "title": t.history.working.title,
            "url": absolute(options, urls.page),
            "history_url": absolute(options, urls.history),
            "current": current.version.id if current else None,
            "last_reviewed": reviewed.isoformat() if reviewed else None,
            "versions": entries,
        }
    data = {"schema": SCHEMA_VERSION, "site_url": options.site_url, "documents": docs}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def atom_feed(options: Options, timelines: dict[str, Timeline]) -> str:
    """One entry per version per document, newest first, made with feedgen."""
    fg = FeedGenerator()
    feed_url = absolute(options, "feed.xml")
    fg.id(feed_url)
    fg.title("Legal documents: versions and changes")
    fg.subtitle("Every published version of our legal documents, with what changed.")
    fg.link(href=feed_url, rel="self")
    fg.link(href=absolute(options, "index.md"), rel="alternate")
    fg.language("en")
    fg.generator("lexdocs")
    notices = [(t, n) for name in options.documents for t in [timelines[name]]
               for n in t.notices]
    notices.sort(key=lambda tn: (tn[1].version.published, tn[0].history.name))
    if notices:
        fg.updated(notices[-1][1].version.published)
    else:
        fg.updated(dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    for t, n in notices:
        v = n.version
        urls = Urls(t.history.working.slug)
        fe = fg.add_entry(order="prepend")
        fe.id(absolute(options, urls.version(v.id)))
        redline = _redline_uri(t, n)
        kind = "material change" if n.material else "not material"
        if redline is None:
            kind = "first version"
        fe.title(f"{t.history.working.title}: version {v.id} ({kind})")
        fe.updated(v.published)
        fe.published(v.published)
        fe.link(href=absolute(options, urls.version(v.id)), rel="alternate")
        if redline:
            fe.link(href=absolute(options, redline), rel="related", title="What changed")
        summary = n.summary or ("First published version." if redline is None
                                else "Changes that do not affect your rights.")
        fe.summary(f"{summary} Effective {n.effective.isoformat()}. Material: "
                   f"{'yes' if n.material else 'no'}.")
        fe.category(term="material" if n.material else "not-material")
    xml: bytes = fg.atom_str(pretty=True)
    return xml.decode("utf-8")
