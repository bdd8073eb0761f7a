"""The pages MkDocs publishes, assembled from timelines before anything is written.

Every page is computed up front (the plugin calls this before MkDocs cleans
the site folder), so bad input fails the build while the previous site is
still whole. The HTML around each document's text comes from packaged Jinja
templates (`templates/lx-*.html`) with autoescape on: a title, summary or id
is text wherever it lands, and a site replaces any template by putting a file
of the same name in its theme's `custom_dir`, as it would a theme partial.

`SiteBuilder` makes the pages; what they are made with (the day, dates, links,
templates) is `pagebase.PageBase`, and which versions get a PDF `pdfchoice.PdfChoice`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from markupsafe import Markup

from lexdocs.config import Options
from lexdocs.history.versions import DRAFT_LABEL, Version
from lexdocs.publish.feeds import (
    feed_chunks,
    feed_spec,
    versions_chunks,
    versions_model,
    versions_schema,
)
from lexdocs.publish.locales import N_
from lexdocs.publish.notices import Notice, find_notice, notice_files
from lexdocs.publish.pagebase import PageBase
from lexdocs.publish.pdfchoice import PdfChoice
from lexdocs.publish.sitepage import Group, SitePage, front_matter
from lexdocs.publish.theming import theme_of
from lexdocs.publish.urls import SITE_FEED, VERSIONS_SCHEMA, Urls
from lexdocs.render.anchors import document_ids, rebased, unlink_dead
from lexdocs.review.formats import to_html as redline_html
from lexdocs.review.notice import Timeline, VersionNotice
from lexdocs.review.redline import Redline


class SiteBuilder(PdfChoice, PageBase):
    """Pages for all documents on one build day."""

    def build(self) -> list[SitePage]:
        return [page for group in self.groups() for page in group]

    def groups(self) -> list[Group]:
        """Every page, grouped by what it is made from.

        The home page and each document's main page show the working tree (a draft,
        in a preview), so they are made every time. Everything else, the history,
        every version's page, PDF and redline, the notices and the feeds, is made
        from the published versions alone: its group is recalled whole when those,
        the day and the site's settings are as in the last build.
        """
        keep = self.keep
        groups: list[Group] = [(keep(self.home()),)]
        around = (self.today, self.options, self.theme, self.memo.sources())
        for name in self.options.documents:
            t = self.timelines[name]
            h = t.history
            groups.append((keep(self.main(t)),))
            groups.append(self.memo.same(
                ("archive", name), (t.notices, t.reviews, h.working.slug, h.working.title,
                                    *around),
                functools.partial(self.archive, t)))
        published = tuple((name, t.notices, t.reviews, t.history.working.slug,
                           t.history.working.title) for name, t in self.timelines.items())
        # (A preview's group stays the memo's very tuple: see `Group`.)
        groups.append(self.memo.same(("site",), (published, *around),
                                     functools.partial(self.kept, self.site_files)))
        return groups

    def keep(self, page: SitePage) -> SitePage:
        """`page`, written to the spool if this builder has one: a build's pages then
        never all sit in memory together, nor a preview's in its memo."""
        return page if self.spool is None else self.spool.keep(page)

    def kept(self, make: Callable[..., SitePage | Iterable[SitePage]], *args: Any) -> Any:
        """What `make(*args)` makes (a page, or pages: a tuple, or an iterator that makes
        each when asked, so one is kept before the next is made), kept (`keep`): inside a
        memo's `same`, so what the memo holds is the spooled page, not its text."""
        made = make(*args)
        return self.keep(made) if isinstance(made, SitePage) else tuple(map(self.keep, made))

    def site_files(self) -> Iterator[SitePage]:
        """versions.json, the schema it names, and the feed of all documents, made one at
        a time: each lists every version, and at a thousand versions the two, their
        models and their text held together were a build's peak of memory."""
        data = versions_model(self.options, self.timelines, self.today, self.has_pdf)
        yield self.keep_text("versions.json", versions_chunks(data))
        del data
        yield SitePage(VERSIONS_SCHEMA, versions_schema())
        yield self.keep_text(SITE_FEED, feed_chunks(
            feed_spec(self.options, self.timelines, language=self.theme.language)))

    def keep_text(self, uri: str, chunks: Iterable[str]) -> SitePage:
        """A page made in pieces (versions.json, a feed), written as they come if this
        builder has a spool (`PageSpool.keep_text`), else joined."""
        if self.spool is not None:
            return self.spool.keep_text(uri, chunks)
        return SitePage(uri, "".join(chunks))

    # --- pages -------------------------------------------------------------------

    def home(self) -> SitePage:
        docs = []
        for name in self.options.documents:
            t = self.timelines[name]
            urls = Urls(t.history.working.slug)
            shown = self._shown(t)
            current = t.current(self.today)
            docs.append({"title": t.history.working.title, "href": self.link("index.md", urls.page),
                         "history": self.link("index.md", urls.history),
                         "updated": self.updated(shown) if shown else None,
                         "effective": self.effective(current) if shown and current else None,
                         "upcoming": [self._banner("index.md", urls, t, n, k)
                                      for n, k in self.coming(t)]})
        _ = self._
        body = self.render("lx-home.html", documents=docs, draft_label=_(DRAFT_LABEL))
        meta = front_matter(_("Legal"), _("Our legal documents, with every version and change."),
                            wide=True, **self._site_feed_meta())
        return SitePage("index.md", meta + body)

    def _shown(self, t: Timeline) -> Version | None:
        """The version the main page shows: the draft (None) in a preview, else the one in force."""
        if t.history.draft:
            return None
        current = t.current(self.today)
        return current.version if current else t.history.versions[0]

    def main(self, t: Timeline) -> SitePage:
        """The document's own page: the version in force, or in a preview the draft."""
        h = t.history
        urls = Urls(h.working.slug)
        shown = self._shown(t)
        doc = h.working if shown is None else shown.rendered
        src = urls.page
        reviewed = t.last_reviewed(self.today) if shown else None
        current = t.current(self.today)
        head = self.render(
            "lx-document.html", title=doc.title, draft_label=self._(DRAFT_LABEL),
            shown={"updated": self.updated(shown),
                   "effective": self.effective(current) if current else None,
                   "upcoming": None if current else self.effective(t.notices[0])}
            if shown else None,
            reviewed=self.day(reviewed, shown.source.date_format, source=shown.source)
            if shown and reviewed
            else None,
            links=self._links(src, urls, shown.id if shown else None,
                              shown is not None and self.has_pdf(t, current or t.notices[0])),
            banners=[self._banner(src, urls, t, n, k) for n, k in self.coming(t)])
        # A document not yet in force is still found by search, and says so in its title.
        title = doc.title if current or not shown else self._(
            "%(title)s (takes effect %(date)s)") % {"title": doc.title,
                                                   "date": self.effective(t.notices[0]).text}
        content = front_matter(title, **self._feed_meta(t)) + head + "\n" + doc.page
        return SitePage(src, content)

    def archive(self, t: Timeline) -> Group:
        """A document's pages that only its published versions shape: its history, each
        version's page, PDF and redline, its notices and its feed."""
        h = t.history
        keep = self.keep
        pages = [keep(self.history(t))]
        # An archived version's pages are a function of these alone; when a commit
        # changed the group, a version whose inputs are equal keeps last build's pages.
        around = (h.working.slug, h.working.title, self.options.pdf, self.options.site_url,
                  self.theme, self.memo.sources())
        for n in t.notices:
            status = t.status(n, self.today)
            pdf = self.has_pdf(t, n)
            pages.append(self.memo.same(("version", h.name, n.version.id),
                                        (n, status, pdf, *around),
                                        functools.partial(self.kept, self.version_page, t, n,
                                                          pdf)))
            if pdf:
                pages.append(self.version_pdf(t, n))
            previous = t.previous(n)
            if previous is not None and n.redline is not None:
                pages.append(self.memo.same(
                    ("changes", h.name, n.version.id), (previous.version.id, n, *around),
                    functools.partial(self.kept, self.changes_page, t, previous, n)))
        current = t.current(self.today)
        for n, between in self.coming(t):
            if current is not None and len(between) > 1:  # one version: its own redline
                pages.append(self.memo.same(
                    ("net", h.name, n.version.id), (current.version.id, n, *around),
                    functools.partial(self.kept, self.net_page, t, current, n, between)))
        spec = feed_spec(self.options, self.timelines, only=h.name, language=self.theme.language)
        pages.append(self.keep_text(Urls(h.working.slug).feed, feed_chunks(spec)))
        pages.extend(keep(SitePage(uri, text)) for uri, text in notice_files(self, t))
        return tuple(pages)

    def coming(self, t: Timeline) -> list[tuple[VersionNotice, tuple[VersionNotice, ...]]]:
        """Each day a change takes effect: the version in force from then on, with every
        version published since the one in force now that takes effect by then. A
        reader asks what changes on a day, not how many commits made the change."""
        out: list[tuple[VersionNotice, tuple[VersionNotice, ...]]] = []
        pending: list[VersionNotice] = []
        upcoming = t.upcoming(self.today)
        for k, n in enumerate(upcoming):
            pending.append(n)
            if k + 1 == len(upcoming) or upcoming[k + 1].effective != n.effective:
                out.append((n, tuple(pending)))
        return out

    def _banner(self, src: str, urls: Urls, t: Timeline, n: VersionNotice,
                between: tuple[VersionNotice, ...]) -> dict[str, Any]:
        """What changes on `n`'s day against the text in force now: one banner a day,
        however many versions lie between (each keeps its own page and redline)."""
        current = t.current(self.today)
        return {"effective": self.effective(n),
                "summary": n.summary if len(between) == 1 else "",
                "versions": len(between),
                "redline": self.link(src, urls.changes(current.version.id, n.version.id))
                if current is not None else None,
                "version": self.link(src, urls.version(n.version.id))}

    def history(self, t: Timeline) -> SitePage:
        h = t.history
        urls = Urls(h.working.slug)
        src = urls.history
        rows = []
        for n in reversed(t.notices):
            v = n.version
            prev = t.previous(n)
            rows.append({
                "id": v.id, "href": self.link(src, urls.version(v.id)), "updated": self.updated(v),
                "effective": self.effective(n),
                "status": self._(STATUS[t.status(n, self.today)]),
                "kind": _kind(n, prev), "previous": prev.version.id if prev else None,
                "redline": self.link(src, urls.changes(prev.version.id, v.id)) if prev else None,
                "summary": n.summary, "raised": n.raised, "before_adoption": not n.judged,
                "together": ", ".join(self._("%(document)s version %(version)s") % {
                    "document": d, "version": vid} for d, vid in n.together)})
        title = self._("%(title)s: history") % {"title": h.working.title}
        body = self.render("lx-history.html", title=title, main=self.link(src, urls.page),
                           rows=rows)
        return SitePage(src, front_matter(title, wide=True, **self._feed_meta(t)) + body)

    def version_page(self, t: Timeline, n: VersionNotice, pdf: bool) -> SitePage:
        v = n.version
        urls = Urls(t.history.working.slug)
        src = urls.version(v.id)
        prev = t.previous(n)
        head = self.render("lx-version.html", title=v.rendered.title, version_id=v.id,
                           status=t.status(n, self.today), main=self.link(src, urls.page),
                           updated=self.updated(v), effective=self.effective(n),
                           links=self._links(src, urls, v.id, pdf),
                           redline={"href": self.link(src, urls.changes(prev.version.id, v.id)),
                                    "previous": prev.version.id}
                           if prev is not None and n.redline is not None else None)
        meta = front_matter(self._("%(title)s (version %(version)s)") % {
            "title": v.rendered.title, "version": v.id}, unsearched=True,
                            **self._feed_meta(t))
        body = rebased(unlink_dead(v.rendered.page, document_ids(v.rendered)),
                       src.count("/") - urls.page.count("/"))
        return SitePage(src, "".join((meta, head, "\n", body)))

    def changes_page(self, t: Timeline, old: VersionNotice, new: VersionNotice) -> SitePage:
        assert new.redline is not None
        return self._redline_page(t, old, new, new.redline, (new,))

    def net_page(self, t: Timeline, old: VersionNotice, new: VersionNotice,
                 between: tuple[VersionNotice, ...]) -> SitePage:
        """The text in force now against the text in force from `new`'s day: what a
        reader's banner links to when more than one version lies between."""
        from lexdocs.review.redline import diff_documents

        redline = diff_documents(old.version.rendered, new.version.rendered,
                                 home=self.options.site_url)
        return self._redline_page(t, old, new, redline, between)

    def _redline_page(self, t: Timeline, old: VersionNotice, new: VersionNotice,
                      redline: Redline, between: tuple[VersionNotice, ...]) -> SitePage:
        urls = Urls(t.history.working.slug)
        a, b = old.version.id, new.version.id
        src = urls.changes(a, b)
        title = self._("%(title)s: changes from %(old)s to %(new)s") % {
            "title": t.history.working.title, "old": a, "new": b}
        net = len(between) > 1
        notice = ({"html": self.link(src, urls.notice(a, b, "html")),
                   "txt": self.link(src, urls.notice(a, b, "txt"))} if new.material and not net
                  else None)
        calls = {n.call for n in between}
        body = self.render(
            "lx-redline.html", doc_title=t.history.working.title,
            kind=next(k for k in ("material", "lawyers-call", "not-material")
                      if k in calls or k == "not-material"), effective=self.effective(new),
            old={"id": a, "href": self.link(src, urls.version(a))},
            new={"id": b, "href": self.link(src, urls.version(b))},
            summary=new.summary if not net else "", notice=notice,
            between=[{"id": n.version.id, "href": self.link(src, urls.version(n.version.id)),
                      "redline": self.link(src, urls.changes(p.version.id, n.version.id)),
                      "summary": n.summary}
                     for n in between for p in [t.previous(n)] if p is not None] if net else [],
            redline=Markup(redline_html(redline, words=self.words, lang=self.theme.locale)))
        meta = front_matter(title, unsearched=True, **self._feed_meta(t))
        return SitePage(src, meta + body)


STATUS = {"current": N_("Current"), "upcoming": N_("Upcoming"), "superseded": N_("Superseded")}
"""A version's status as the history table names it (`Timeline.status`)."""


def _kind(n: VersionNotice, prev: VersionNotice | None) -> str:
    if prev is None:
        return "first"
    return n.call


def published_notice(opts: Options, timelines: dict[str, Timeline], today: dt.date, doc: str,
                     version_id: str) -> Notice:
    """The notice as the site publishes it, for `lexdocs notice DOC VERSION`: same
    timelines, same theme language and overrides, same wording."""
    site = SiteBuilder(opts, timelines, today, theme_of(opts.project))
    return find_notice(site, doc, version_id)
