"""Notices to readers: what a company sends when a material change is coming.

For every material version the site publishes, beside its redline, a notice
in plain language (`notice.txt`, `notice.html` and `notice.json` with the
subject and both bodies): the change-log summary, the effective date and
links to the redline and the new version. It is ready to hand to any mail
provider; `lexdocs notice DOC VERSION` prints the same text. Only the
templates decide the wording, so a site can reword it from its `custom_dir`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lexdocs.errors import CheckError
from lexdocs.publish.urls import Urls
from lexdocs.review.notice import Timeline, VersionNotice

if TYPE_CHECKING:
    from lexdocs.publish.pages import SiteBuilder


@dataclass(frozen=True)
class Notice:
    """One notice: a subject line and the same message as plain text and as HTML."""

    subject: str
    text: str
    html: str

    def as_json(self) -> str:
        return json.dumps({"subject": self.subject, "text": self.text, "html": self.html},
                          indent=2, ensure_ascii=False) + "\n"


def notice_for(site: SiteBuilder, t: Timeline, n: VersionNotice) -> Notice | None:
    """The notice of version `n`, or None when it needs none (not material, first, or
    published before adoption)."""
    prev = t.previous(n)
    if prev is None or not n.notifies:
        return None
    urls = Urls(t.history.working.slug)
    title = n.version.rendered.title
    effective = site.effective(n)
    subject = site._("Our %(title)s changes on %(date)s") % {"title": title,
                                                              "date": effective.text}
    context = {"title": title, "subject": subject, "summary": n.summary,
               "effective": effective, "lang": site.theme.language,
               "redline_url": site.absolute(urls.changes(prev.version.id, n.version.id)),
               "version_url": site.absolute(urls.version(n.version.id))}
    return Notice(subject=subject, text=site.render("lx-notice.txt", **context),
                  html=site.render("lx-notice.html", **context))


def notice_files(site: SiteBuilder, t: Timeline) -> list[tuple[str, str]]:
    """(uri, content) of the notice files of every material version, beside its redline."""
    urls = Urls(t.history.working.slug)
    pages = []
    for n in t.notices:
        notice = notice_for(site, t, n)
        prev = t.previous(n)
        if notice is None or prev is None:
            continue
        a, b = prev.version.id, n.version.id
        pages += [(urls.notice(a, b, "txt"), notice.text),
                  (urls.notice(a, b, "html"), notice.html),
                  (urls.notice(a, b, "json"), notice.as_json())]
    return pages


def find_notice(site: SiteBuilder, doc: str, version_id: str) -> Notice:
    """The notice of one version, for `lexdocs notice`; a clear error if it has none."""
    t = site.timelines[doc]
    ids = [n.version.id for n in t.notices]
    for n in t.notices:
        if n.version.id == version_id:
            notice = notice_for(site, t, n)
            if notice is None:
                why = ("is the first version" if t.previous(n) is None
                       else "predates adoption" if not n.judged else "is not material")
                raise CheckError(f"{doc}: version {version_id} {why}, so it needs no notice",
                                 hint="'lexdocs versions' shows which versions are material")
            return notice
    raise CheckError(f"{doc} has no version '{version_id}'",
                     hint=f"versions: {', '.join(ids) or 'none yet'}")

