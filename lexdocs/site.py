"""The pages MkDocs publishes, assembled from histories before anything is written.

Every page is computed up front (the hook calls this before MkDocs cleans the
site folder), so bad input fails the build while the previous site is still
whole. Pages are Markdown for MkDocs to theme, plus a few static files.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from .config import Options
from .history import DRAFT_LABEL, History


@dataclass(frozen=True)
class SitePage:
    """One generated file: `uri` relative to the docs folder."""

    uri: str
    content: str | bytes


def _meta(title: str, description: str = "") -> str:
    lines = ["---", f"title: {_yaml_str(title)}"]
    if description:
        lines.append(f"description: {_yaml_str(description)}")
    lines.append("---\n")
    return "\n".join(lines)


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stamp(history: History) -> str:
    """The Last Updated line under the title, or a draft marker no one can mistake for a date."""
    if history.draft:
        return (f'<p class="lx-draft" role="note"><strong>{DRAFT_LABEL}.</strong> '
                "This preview includes edits that no commit has published.</p>\n")
    return (f'<p class="lx-updated">Last Updated: '
            f'<time datetime="{history.versions[-1].date.isoformat()}">'
            f"{html.escape(history.last_updated)}</time></p>\n")


def document_page(history: History) -> SitePage:
    """The current text of a document at `<slug>/`."""
    doc = history.working
    body = [_meta(doc.title), f"# {doc.title}\n", stamp(history), doc.markdown]
    return SitePage(f"{doc.slug}/index.md", "\n".join(body))


def home_page(options: Options, histories: dict[str, History]) -> SitePage:
    """The home page lists every document with its date, in the configured order."""
    rows = ["| Document | Last Updated |", "| --- | --- |"]
    for name in options.documents:
        h = histories[name]
        rows.append(f"| [{h.working.title}]({h.working.slug}/index.md) | {h.last_updated} |")
    body = [_meta("Legal", "Legal documents, with every version and change."), "# Legal\n",
            "These are the legal documents that apply to our products. Each page shows "
            "when its text last changed.\n", "\n".join(rows), ""]
    return SitePage("index.md", "\n".join(body))


def build_site(options: Options, histories: dict[str, History]) -> list[SitePage]:
    """Every generated page of the site."""
    pages = [home_page(options, histories)]
    for name in options.documents:
        pages.append(document_page(histories[name]))
    return pages
