"""Which versions the site publishes a PDF of, and what each PDF is made from.

The pages only link a PDF; whether one exists weighs WeasyPrint's cost against the
promise that a PDF once published never leaves its URL, and needs the PDF cache and
the publication record to know which were made before. Kept apart, that rule stays in
one place, which `output.DeferredPdfs` (PDFs made later, in parallel) and versions.json
ask as the pages do.
"""

from __future__ import annotations

import functools
from pathlib import Path

from lexdocs.history.published import RecordedPdfs
from lexdocs.history.versions import project_cache
from lexdocs.publish.pagebase import PageBase
from lexdocs.publish.sitepage import SitePage
from lexdocs.publish.urls import Urls
from lexdocs.render.anchors import rebased
from lexdocs.review.notice import Timeline, VersionNotice


class PdfChoice(PageBase):
    """Which versions of each document get a PDF, decided once a build."""

    def has_pdf(self, t: Timeline, n: VersionNotice) -> bool:
        """Whether version `n` is published with a PDF.

        WeasyPrint takes about half a CPU-second for a long version, so a first build
        of a long history cannot make one of every version. A PDF is made of each
        version a reader is or is about to be bound by: the one in force and every
        one pending. A superseded version keeps the PDF any earlier build made or
        published (its content key in the cache or the publication record, or the
        record listing it with a PDF: then it is made anew if its key changed, with
        another WeasyPrint or site URL), so no PDF URL ever breaks, and since each
        deploy records the PDF of the version in force, every version that was ever
        in force keeps one. A version replaced before any build made its PDF offers
        printing its page instead; `pdf: all` makes them all. A preview (whose PDFs
        carry the local server's address, so no key can match) shows only the rule's
        own part.
        """
        if not self.options.pdf:
            return False
        if self.options.pdf_all or t.status(n, self.today) != "superseded":
            return True
        if self.preview:
            return False
        known = self._had_pdf.get((t.history.name, n.version.id))
        if known is None:  # asked by its pages and by versions.json: hashed once a build
            from lexdocs.publish.pdf import cache_key

            before, vid = self.pdfs_published, n.version.id
            # A key is made from the version id among its inputs: a version no PDF was
            # noted for needs no hashing of its whole text to know it has none.
            known = ((t.history.name, vid) in before.versions
                     or ((before.ids is None or vid in before.ids)
                         and cache_key(**self.pdf_inputs(t, n)) in before.keys))
            self._had_pdf[t.history.name, n.version.id] = known
        return known

    @functools.cached_property
    def cache_root(self) -> Path | None:
        """The project's cache folder, None if git tracks it (then no cache is trusted);
        asked once per build, and a caller that has asked already (the plugin, through
        `Caches`) sets it."""
        return project_cache(self.options.project)

    @functools.cached_property
    def pdfs_published(self) -> RecordedPdfs:
        """The PDFs made or published before (`pdf.published_pdfs`), looked up once a
        build."""
        from lexdocs.publish.pdf import published_pdfs

        root = self.cache_root
        return published_pdfs(root / "pdf" if root is not None else None, self.options.project)

    def pdf_inputs(self, t: Timeline, n: VersionNotice) -> dict[str, str]:
        """What the PDF of version `n` is made from (also its cache key): one place, so a
        deferred, parallel run makes exactly the PDF this builder would."""
        v = n.version
        urls = Urls(t.history.working.slug)
        at = urls.version(v.id)  # the PDF's address for its relative links, as the page's
        return {"title": v.rendered.title, "version_id": v.id,
                "last_updated": self.updated(v).text, "effective": self.effective(n).text,
                "body_html": rebased(v.rendered.html, at.count("/") - urls.page.count("/")),
                "source_url": self.absolute(at),
                "paper": v.source.paper or self.theme.paper,
                # English (any variant), as every PDF was before they spoke the site's
                # language, keeps its key: a published PDF is found in the record by it
                **({} if self.theme.locale.split("_")[0] == "en"
                   else {"language": self.theme.language})}

    def version_pdf(self, t: Timeline, n: VersionNotice) -> SitePage:
        from lexdocs.publish.pdf import (
            render_pdf,  # WeasyPrint is heavy: import it only when PDFs are built
        )

        uri = Urls(t.history.working.slug).pdf(n.version.id)
        data = render_pdf(**self.pdf_inputs(t, n),
                          cache_dir=self.options.project / ".cache" / "lexdocs" / "pdf")
        return SitePage(uri, data)
