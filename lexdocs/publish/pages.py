"""The pages MkDocs publishes, assembled from timelines before anything is written.

Every page is computed up front (the hook calls this before MkDocs cleans the
site folder), so bad input fails the build while the previous site is still
whole. Pages are Markdown for MkDocs to theme; links between them are
relative `.md` links, so `mkdocs build --strict` proves none is broken.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from dataclasses import dataclass

from lexdocs.config import Options
from lexdocs.history.versions import DRAFT_LABEL, Version
from lexdocs.render.templates import RenderedDocument
from lexdocs.review.formats import to_html as redline_html
from lexdocs.review.notice import Timeline, VersionNotice
from lexdocs.sources.documents import format_date, load_document, read_working_tree


@dataclass(frozen=True)
class SitePage:
    """One generated file: `uri` relative to the docs folder."""

    uri: str
    content: str | bytes


@dataclass(frozen=True)
class Urls:
    """Where each page of a document lives; ids in these paths never change."""

    slug: str

    @property
    def page(self) -> str:
        return f"{self.slug}/index.md"

    @property
    def history(self) -> str:
        return f"{self.slug}/history/index.md"

    def version(self, vid: str) -> str:
        return f"{self.slug}/versions/{vid}/index.md"

    def pdf(self, vid: str) -> str:
        return f"{self.slug}/versions/{vid}.pdf"

    def changes(self, old: str, new: str) -> str:
        return f"{self.slug}/changes/{old}...{new}/index.md"


def navigation(options: Options) -> list[dict[str, str]]:
    """Home and each document, in the configured order: history, versions and redlines
    are reached from each document's header, not from a menu of dated folders."""
    read = read_working_tree(options.project)
    nav = [{"Home": "index.md"}]
    for name in options.documents:
        doc = load_document(options.source_dir, name, read)
        nav.append({doc.title: Urls(doc.slug).page})
    return nav


def url_of(uri: str) -> str:
    """The public path of a generated file (directory URLs for pages)."""
    if uri.endswith("index.md"):
        return uri[: -len("index.md")]
    return uri


def rel(src: str, dst: str) -> str:
    """A link from page `src` to file `dst`, both docs-relative; a folder keeps its slash,
    so a link works without the server's redirect (and from a file:// copy)."""
    link = posixpath.relpath(dst, posixpath.dirname(src))
    return link + "/" if dst.endswith("/") and not link.endswith("/") else link


def _meta(title: str, description: str = "") -> str:
    lines = ["---", f"title: {_yaml_str(title)}"]
    if description:
        lines.append(f"description: {_yaml_str(description)}")
    return "\n".join([*lines, "---", ""])


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _effective(n: VersionNotice) -> str:
    return (f'<time datetime="{n.effective.isoformat()}">'
            f"{_esc(n.effective_display())}</time>")


def _stamp(version: Version | None, reviewed: dt.date | None = None) -> str:
    if version is None:
        return (f'<p class="lx-draft" role="note"><strong>{DRAFT_LABEL}.</strong> '
                "This preview includes edits that no commit has published.</p>\n")
    review = ""
    if reviewed:
        shown = format_date(reviewed, version.source.date_format)
        review = (f' <span class="lx-reviewed">(reviewed <time datetime="{reviewed.isoformat()}">'
                  f"{_esc(shown)}</time>, no changes)</span>")
    return (f'<p class="lx-updated">Last Updated: <time datetime="{version.date.isoformat()}">'
            f"{_esc(version.display_date)}</time>{review}</p>\n")


def _links(src: str, urls: Urls, vid: str | None, options: Options) -> str:
    items = [f'<a href="{rel(src, url_of(urls.history))}">History</a>',
             f'<a href="{rel(src, "feed.xml")}" type="application/atom+xml">Atom feed</a>']
    if vid and options.pdf:
        items.append(f'<a href="{rel(src, urls.pdf(vid))}" download>PDF</a>')
    return '<nav class="lx-doclinks" aria-label="Document">' + " · ".join(items) + "</nav>\n"


def _body(doc: RenderedDocument) -> str:
    return doc.page


class SiteBuilder:
    """Pages for all documents on one build day."""

    def __init__(self, options: Options, timelines: dict[str, Timeline], today: dt.date) -> None:
        self.options = options
        self.timelines = timelines
        self.today = today

    def build(self) -> list[SitePage]:
        from lexdocs.publish.feeds import atom_feed, versions_json

        pages = [self.home()]
        for name in self.options.documents:
            pages.extend(self.document(self.timelines[name]))
        pages.append(SitePage("versions.json", versions_json(self.options, self.timelines,
                                                             self.today)))
        pages.append(SitePage("feed.xml", atom_feed(self.options, self.timelines)))
        return pages

    def home(self) -> SitePage:
        rows = ["| Document | Last Updated | History |", "| --- | --- | --- |"]
        for name in self.options.documents:
            t = self.timelines[name]
            urls = Urls(t.history.working.slug)
            current = self._shown(t)
            stamp = current.display_date if current else DRAFT_LABEL
            rows.append(f"| [{t.history.working.title}]({urls.page}) | {stamp} | "
                        f"[All versions]({urls.history}) |")
        body = [_meta("Legal", "Our legal documents, with every version and change."),
                "# Legal\n",
                "These documents apply to our products. Each shows when its text last "
                "changed; every earlier version stays published, with what changed.\n",
                "\n".join(rows), ""]
        return SitePage("index.md", "\n".join(body))

    def _shown(self, t: Timeline) -> Version | None:
        """The version the main page shows: the draft (None) in a preview, else the one in force."""
        if t.history.draft:
            return None
        current = t.current(self.today)
        return current.version if current else t.history.versions[0]

    def document(self, t: Timeline) -> list[SitePage]:
        h = t.history
        urls = Urls(h.working.slug)
        shown = self._shown(t)
        doc = h.working if shown is None else shown.rendered
        src = urls.page
        reviewed = t.last_reviewed(self.today) if shown else None
        parts = [_meta(doc.title), f"# {doc.title}\n", _stamp(shown, reviewed),
                 _links(src, urls, shown.id if shown else None, self.options)]
        for n in t.upcoming(self.today):
            parts.append(self._upcoming_banner(src, urls, t, n))
        parts.append(_body(doc))
        pages = [SitePage(src, "\n".join(parts)), self.history(t)]
        for n in t.notices:
            pages.append(self.version_page(t, n))
            if self.options.pdf:
                pages.append(self.version_pdf(t, n))
            previous = t.previous(n)
            if previous is not None and n.redline is not None:
                pages.append(self.changes_page(t, previous, n))
        return pages

    def _upcoming_banner(self, src: str, urls: Urls, t: Timeline, n: VersionNotice) -> str:
        prev = t.previous(n)
        link = rel(src, url_of(urls.changes(prev.version.id, n.version.id))) if prev else None
        what = f' <a href="{link}">See what changes</a>.' if link else ""
        summary = f" {_esc(n.summary)}" if n.summary else ""
        return (f'<div class="lx-banner lx-upcoming" role="note"><p><strong>An updated '
                f"version takes effect on {_effective(n)}.</strong>{summary}"
                f'{what} <a href="{rel(src, url_of(urls.version(n.version.id)))}">Read the '
                "updated version</a>.</p></div>\n")

    def history(self, t: Timeline) -> SitePage:
        h = t.history
        urls = Urls(h.working.slug)
        src = urls.history
        rows = ['<table class="lx-history">',
                "<caption>Every published version, newest first</caption>",
                '<thead><tr><th scope="col">Version</th><th scope="col">Last Updated</th>'
                '<th scope="col">Effective</th><th scope="col">Status</th>'
                '<th scope="col">Change</th><th scope="col">Summary</th></tr></thead><tbody>']
        for n in reversed(t.notices):
            v = n.version
            prev = t.previous(n)
            badge = _badge(n) if prev else '<span class="lx-badge">First version</span>'
            redline = ""
            if prev:
                href = rel(src, url_of(urls.changes(prev.version.id, v.id)))
                redline = f'<br><a href="{href}">Changes from {prev.version.id}</a>'
            rows.append(
                f'<tr><td><a href="{rel(src, url_of(urls.version(v.id)))}">{v.id}</a></td>'
                f"<td>{_esc(v.display_date)}</td><td>{_effective(n)}</td>"
                f"<td>{t.status(n, self.today).capitalize()}</td><td>{badge}{redline}</td>"
                f"<td>{_esc(n.summary)}{_together(t, n)}</td></tr>")
        rows.append("</tbody></table>")
        body = [_meta(f"{h.working.title}: history"), f"# {h.working.title}: history\n",
                f'<p>Each version below keeps its own page. <a href="{rel(src, urls.page)}">'
                "Read the version in force</a>.</p>\n", "\n".join(rows), ""]
        return SitePage(src, "\n".join(body))

    def version_page(self, t: Timeline, n: VersionNotice) -> SitePage:
        v = n.version
        urls = Urls(t.history.working.slug)
        src = urls.version(v.id)
        status = t.status(n, self.today)
        current = rel(src, urls.page)
        if status == "current":
            note = f'This is the version in force. <a href="{current}">Main page</a>.'
        elif status == "upcoming":
            note = (f"This version takes effect on {_effective(n)}. "
                    f'<a href="{current}">Read the version in force now</a>.')
        else:
            note = ("This version is no longer in force. "
                    f'<a href="{current}">Read the current version</a>.')
        dates = (f'<p class="lx-updated">Last Updated: <time datetime="{v.date.isoformat()}">'
                 f"{_esc(v.display_date)}</time> · Effective: "
                 f"{_effective(n)} · Version {v.id}</p>\n")
        body = [_meta(f"{v.rendered.title} (version {v.id})"), f"# {v.rendered.title}\n",
                f'<div class="lx-banner lx-{status}" role="note"><p>{note}</p></div>\n',
                dates, _links(src, urls, v.id, self.options), _body(v.rendered)]
        return SitePage(src, "\n".join(body))

    def version_pdf(self, t: Timeline, n: VersionNotice) -> SitePage:
        from lexdocs.publish.pdf import (
            render_pdf,  # WeasyPrint is heavy: import it only when PDFs are built
        )

        v = n.version
        urls = Urls(t.history.working.slug)
        data = render_pdf(title=v.rendered.title, version_id=v.id, last_updated=v.display_date,
                          effective=n.effective_display(),
                          body_html=v.rendered.html,
                          source_url=self.options.site_url.rstrip("/") + "/"
                          + url_of(urls.version(v.id)),
                          cache_dir=self.options.project / ".cache" / "lexdocs" / "pdf")
        return SitePage(urls.pdf(v.id), data)

    def changes_page(self, t: Timeline, old: VersionNotice, new: VersionNotice) -> SitePage:
        urls = Urls(t.history.working.slug)
        src = urls.changes(old.version.id, new.version.id)
        assert new.redline is not None
        title = f"{t.history.working.title}: changes from {old.version.id} to {new.version.id}"
        summary = (f'<p class="lx-summary"><strong>Summary:</strong> {_esc(new.summary)}</p>\n'
                   if new.summary else "")
        old_href = rel(src, url_of(urls.version(old.version.id)))
        new_href = rel(src, url_of(urls.version(new.version.id)))
        body = [_meta(title), f"# {_esc(title)}\n",
                f'<p>{_badge(new)} Effective {_effective(new)}. '
                f'<a href="{old_href}">Version {old.version.id}</a> → '
                f'<a href="{new_href}">version {new.version.id}</a>.</p>\n', summary,
                '<p class="lx-legend">Inserted text is <ins class="lx-ins">underlined</ins>; '
                'deleted text is <del class="lx-del">struck through</del>.</p>\n',
                redline_html(new.redline), ""]
        return SitePage(src, "\n".join(body))


def _together(t: Timeline, n: VersionNotice) -> str:
    """Which versions of other documents the same commit published, and why a date moved."""
    parts = []
    if n.together:
        names = ", ".join(f"{d} version {vid}" for d, vid in n.together)
        parts.append(f'<span class="lx-together">Published together with {_esc(names)}.</span>')
    if n.raised:
        parts.append(f'<span class="lx-raised">Takes effect {n.effective.isoformat()}: '
                     f"{_esc(n.raised)}.</span>")
    return "".join(f"<br>{p}" for p in parts)


def _badge(n: VersionNotice) -> str:
    if n.material:
        return '<span class="lx-badge lx-material">Material change</span>'
    return '<span class="lx-badge lx-not-material">Not material</span>'
