"""What every page of the site is made with: the build's day and settings, dates as
each document prints them, the header's links, and the page templates.

The pages (`pages`) and the choice of which versions get a PDF (`pdfchoice`) both say
dates and render templates; kept in one base class, a date prints alike wherever it
appears, and each of those modules holds only its own concern.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateError

from lexdocs import dates
from lexdocs.config import Options
from lexdocs.errors import RenderError, SourceError
from lexdocs.history.versions import Version
from lexdocs.publish.locales import translations
from lexdocs.publish.memo import NoMemo, RenderMemo
from lexdocs.publish.sitepage import Day, Link
from lexdocs.publish.theming import Theme, template_env
from lexdocs.publish.urls import Urls, absolute, rel, url_of
from lexdocs.review.notice import Timeline, VersionNotice
from lexdocs.sources.documents import (
    DEFAULT_DATE_FORMAT,
    DocumentSource,
)

if TYPE_CHECKING:
    from lexdocs.publish.spool import PageSpool


class PageBase:
    """The state of one build day's pages, and how they say dates and links."""

    def __init__(self, options: Options, timelines: dict[str, Timeline], today: dt.date,
                 theme: Theme | None = None, memo: RenderMemo | None = None) -> None:
        self.options = options
        self.timelines = timelines
        self.today = today
        self.theme = theme or Theme()
        self.env = template_env(self.theme.custom_dir, memo, self.theme.locale)
        self.words = translations(self.theme.locale)
        """The site's language's catalog: the pages' own words, and a redline's."""
        self._ = self.words.gettext
        """The pages' own words in the site's language, as the templates' `_()`."""
        self.memo: NoMemo = memo or NoMemo()
        self.memo.start(self.env)
        self.preview = memo is not None  # only a preview session keeps a memo
        self._had_pdf: dict[tuple[str, str], bool] = {}
        self.spool: PageSpool | None = None
        """Where each page goes as it is made, if set (`lexdocs.publish.spool`)."""

    # --- dates and links ---------------------------------------------------------

    def day(self, day: dt.date, fmt: str = DEFAULT_DATE_FORMAT, month_only: bool = False,
            source: DocumentSource | None = None) -> Day:
        """A date in the document's format (the locale's long form by default)."""
        if month_only:
            return Day(day.isoformat(), dates.format_date(day, "MMMM y", self.theme.locale))
        style = dates.DEFAULT_FORMAT if fmt == DEFAULT_DATE_FORMAT else fmt
        try:
            return Day(day.isoformat(), dates.format_date(day, style, self.theme.locale))
        except ValueError as exc:
            raise SourceError(f"date_format: {exc}", path=source.path if source else None,
                              hint="use 'long', a CLDR pattern like 'd MMMM y', or "
                                   "'%B %-d, %Y'") from exc

    def updated(self, v: Version) -> Day:
        """"Last Updated": a month-precision baseline never claims a day."""
        baseline = v.source.baseline
        if v.from_baseline and baseline:
            return self.day(baseline.date, month_only=baseline.month_only)
        return self.day(v.date, v.source.date_format, source=v.source)

    def effective(self, n: VersionNotice) -> Day:
        """The effective date; a first version dated by a month baseline stays a month."""
        v = n.version
        baseline = v.source.baseline
        if (v.from_baseline and baseline and not (n.entry and n.entry.effective)
                and not n.raised):
            return self.day(baseline.date, month_only=baseline.month_only)
        return self.day(n.effective, v.source.date_format, source=v.source)

    def absolute(self, uri: str) -> str:
        return absolute(self.options.site_url, uri)

    def render(self, template: str, **context: Any) -> str:
        """A page template; a broken override is an error naming its file and line.

        In a preview, a template given exactly what it was given in the last
        build is not rendered again: archived versions' pages repeat each save.
        """
        try:
            return self.memo.render(template, context,
                                    lambda: self.env.get_template(template).render(**context))
        except TemplateError as exc:
            line = getattr(exc, "lineno", None)
            where = getattr(exc, "filename", None) or template
            raise RenderError(f"template {template}: {exc.message or exc}", path=where,
                              line=line, hint="check the override in the theme's custom_dir"
                              ) from exc

    def link(self, src: str, dst: str) -> str:
        """A link from page `src` to file `dst`, as the site links its pages (`rel`)."""
        return rel(src, dst, self.options.directory_urls)

    def _links(self, src: str, urls: Urls, vid: str | None, pdf: bool) -> list[Link]:
        """The header's links; `pdf` says whether version `vid` has a PDF (`has_pdf`).
        A version without one says how to keep a copy instead (its page prints well:
        the print stylesheet drops the site's chrome), rather than link to nothing."""
        _ = self._
        links = [Link(self.link(src, urls.history), _("History")),
                 Link(self.link(src, urls.feed), _("Atom feed"), type="application/atom+xml")]
        if vid and pdf:
            links.append(Link(self.link(src, urls.pdf(vid)), "PDF", download=True))
        elif vid and self.options.pdf:
            links.append(Link("", _("Print this page to keep a copy")))
        return links

    def _site_feed_meta(self) -> dict[str, str]:
        """The site-wide feed's title, for the link in every page's head (the theme's own
        template, which has no catalog: lx-extrahead.html reads it from the page)."""
        return {"lexdocs_site_feed_title": self._("All legal documents: versions and changes")}

    def _feed_meta(self, t: Timeline) -> dict[str, str]:
        urls = Urls(t.history.working.slug)
        return {"lexdocs_feed": url_of(urls.feed),
                "lexdocs_feed_title": self._("%(title)s: versions and changes") % {
                    "title": t.history.working.title}, **self._site_feed_meta()}
