"""A document's sources, read from any tree: the working directory or a commit.

Reading goes through a `Reader` (path → text or None) so the same code loads
today's files and the files of any commit in history; only `gitstore` knows how
to read a commit, and only this module knows the source layout.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lexdocs import dates
from lexdocs.errors import SourceError
from lexdocs.sources.schemas import DocumentSchema, FrontMatterSchema, validate
from lexdocs.sources.siteopts import MAX_NOTICE_DAYS
from lexdocs.sources.yamlsrc import LineMap, load_yaml, normalise_text, split_front_matter

Reader = Callable[[str], str | None]
"""path -> text, or None when there is no such file. A reader that meets bytes which are
not UTF-8 raises SourceError naming the file (`decode_source` does both steps)."""
DOCUMENT_FILE = "document.yml"
MAX_SOURCE_BYTES = 1024 * 1024
"""The largest source file read (a long statement is 100 KB): anything larger is refused
by name, never read whole into memory."""
DEFAULT_DATE_FORMAT = dates.DEFAULT_FORMAT


def decode_source(data: bytes, path: str) -> str:
    """The text of a source file: UTF-8, without a byte-order mark, with `\\n` line ends.

    Editors on some systems add a BOM or write CRLF; neither is something a reader of the
    page can see, so neither may change a section's text (and make a version).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(f"the file is not UTF-8 text (byte {exc.start + 1} cannot be read)",
                          path=path, line=line,
                          hint="save it as UTF-8 in your editor") from exc
    return normalise_text(text)


@dataclass(frozen=True)
class Baseline:
    """The date the first committed text already carried, to the precision it was stated."""

    date: dt.date
    month_only: bool

    def display(self, locale: str = dates.DEFAULT_LOCALE) -> str:
        """Never claim a day the source did not state."""
        if self.month_only:
            return dates.format_date(self.date, "MMMM y", locale)
        return dates.format_date(self.date, DEFAULT_DATE_FORMAT, locale)


@dataclass(frozen=True)
class SectionSource:
    """One section file: its front matter, its template body, and where the body starts."""

    path: str
    id: str
    title: str
    tags: tuple[str, ...]
    material: bool
    body: str
    body_line: int


@dataclass(frozen=True)
class DocumentSource:
    """A document as declared in `document.yml`, with its sections in reading order.

    `checks` are the compliance rule groups that apply to it and `readability_target`
    the reading ease its page must reach (None: measured, not judged); `adopted` is the
    day lexdocs took over its publication (versions before it came from an older process).
    """

    name: str
    path: str
    title: str
    slug: str
    date_format: str
    baseline: Baseline | None
    sections: Sequence[SectionSource]
    """A tuple as loaded (or the keys of a kept render's, as `RenderedDocument.sections`)."""
    notice_days: int | None = None
    checks: tuple[str, ...] = ()
    readability_target: float | None = None
    adopted: dt.date | None = None
    roles: tuple[tuple[str, str], ...] = ()
    """(role, variable name): which variable holds each fact the rules look for."""
    paper: str | None = None
    """The PDF's paper size, "a4" or "letter"; None: the site's language decides."""
    key_lines: tuple[tuple[str, int], ...] = ()
    """(key, line) of each top-level key of document.yml: a rule about a declaration
    (`adopted:`, `slug:`) names the line to edit."""

    def role(self, name: str) -> str | None:
        """The variable that plays `name` in this document (`roles:`), if any."""
        return dict(self.roles).get(name)

    def line_of(self, key: str) -> int | None:
        """The line of top-level `key` in document.yml, if it is there."""
        return dict(self.key_lines).get(key)


def format_date(day: dt.date, fmt: str, locale: str = dates.DEFAULT_LOCALE) -> str:
    """A date in a document's `date_format` (a Babel style or pattern, validated on load)."""
    return dates.format_date(day, fmt, locale)


def read_working_tree(project: Path) -> Reader:
    """A reader over regular files on disk, relative to the project root.

    Only regular files below the project are read: a symbolic link (which could
    point at `/proc/self/environ` or `.git/config`) or a path with `..` is refused
    with a clear error, so nothing outside the sources can reach a page.
    """
    base = project.resolve()

    def read(path: str) -> str | None:
        parts = [p for p in path.split("/") if p != "."]
        if path.startswith("/") or "\\" in path or "\0" in path or any(
                p in ("", "..") for p in parts):
            raise SourceError("only files inside the project can be read", path=path,
                              hint="name files by their path inside the source folder")
        target = base
        for part in parts:
            target = target / part
            if target.is_symlink():
                raise SourceError("is a symbolic link; lexdocs reads only regular files",
                                  path=target.relative_to(base).as_posix(),
                                  hint="replace the link with the file itself")
        if not target.is_file():
            return None
        try:
            fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as handle:
                data = handle.read(MAX_SOURCE_BYTES + 1)
        except OSError as exc:
            raise SourceError(f"cannot be read: {exc.strerror}", path=path,
                              hint="check the file's permissions") from exc
        if len(data) > MAX_SOURCE_BYTES:
            raise SourceError(f"is larger than a source file may be "
                              f"({MAX_SOURCE_BYTES // 1024} KB)", path=path,
                              hint="keep large files out of the source folder, or split the "
                                   "text")
        return decode_source(data, path)

    return read


def load_document(root: str, name: str, read: Reader) -> DocumentSource:
    """Load `<root>/<name>/document.yml` and every section it lists."""
    path = f"{root}/{name}/{DOCUMENT_FILE}"
    text = read(path)
    if text is None:
        raise SourceError(f"document '{name}' has no {DOCUMENT_FILE}", path=path,
                          hint="create it with title, slug and sections")
    declared, files, lines = _declaration(name, path, text)
    sections = []
    seen: dict[str, str] = {}
    listed: dict[str, int] = {}
    for i, f in enumerate(files):
        spath = f"{root}/{name}/{f}"
        if f in listed:  # else reported as a section whose id another one uses: itself
            raise SourceError(f"'{f}' is listed twice under sections (first on line "
                              f"{listed[f]})", path=path, line=lines.get(("sections", i), 1),
                              hint="list each section file once")
        listed[f] = lines.get(("sections", i), 1)
        stext = read(spath)
        if stext is None:
            raise SourceError(f"section file '{f}' does not exist", path=path,
                              line=lines.get(("sections", i), 1),
                              hint=f"create {spath} or remove it from the list")
        section = _section(spath, normalise_text(stext))
        if section.id in seen:
            raise SourceError(f"section id '{section.id}' is also used by {seen[section.id]}",
                              path=spath, line=2, hint="give each section its own id")
        seen[section.id] = spath
        sections.append(section)
    return replace(declared, sections=tuple(sections))


@functools.lru_cache(maxsize=256)
def _declaration(name: str, path: str, text: str,
                 ) -> tuple[DocumentSource, tuple[str, ...], LineMap]:
    """`document.yml` parsed by content, as `_section` is: history meets the same
    declaration at most commits. The document (without its sections yet), the section
    files it lists, and the lines of its keys (read, never changed, by the caller)."""
    data, lines = load_yaml(normalise_text(text), path)
    if not isinstance(data, dict):
        raise SourceError(f"{DOCUMENT_FILE} must be a mapping of keys", path=path, line=1,
                          hint="write 'title: ...', 'slug: ...' and 'sections:' lines")
    cfg = validate(DocumentSchema, data, lines, path, "document")
    baseline = _baseline(cfg["baseline"], path, lines.get(("baseline",), 1))
    readability = cfg["readability"]
    days = cfg["notice_days"]
    if days is not None and days > MAX_NOTICE_DAYS:
        raise SourceError(f"notice_days {days} is more than {MAX_NOTICE_DAYS} days (ten years)",
                          path=path, line=lines.get(("notice_days",), 1),
                          hint="write the notice period in days, e.g. 30")
    doc = DocumentSource(name=name, path=path, title=cfg["title"], slug=cfg["slug"],
                         date_format=cfg["date_format"], baseline=baseline, sections=(),
                         notice_days=days, checks=cfg["checks"],
                         adopted=cfg["adopted"], roles=cfg["roles"], paper=cfg["paper"],
                         readability_target=readability["target"] if readability else None,
                         key_lines=tuple((k[0], n) for k, n in lines.items()
                                         if len(k) == 1 and isinstance(k[0], str)))
    return doc, tuple(cfg["sections"]), lines


def _baseline(raw: Any, path: str, line: int) -> Baseline | None:
    if raw is None:
        return None
    if isinstance(raw, dt.date):
        return Baseline(raw, month_only=False)
    if isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{2}", raw):
        year, month = map(int, raw.split("-"))
        if 1 <= month <= 12:
            return Baseline(dt.date(year, month, 1), month_only=True)
    raise SourceError(f"baseline '{raw}' is not a date", path=path, line=line,
                      hint="write YYYY-MM (month precision) or YYYY-MM-DD")


@functools.lru_cache(maxsize=4096)
def _section(path: str, text: str) -> SectionSource:
    """Parsed by content: the same file at many commits is read once (the result is frozen)."""
    meta, lines, body, body_line = split_front_matter(text, path)
    cfg = validate(FrontMatterSchema, meta, lines, path, "section", fallback_line=2)
    return SectionSource(path=path, id=cfg["id"], title=cfg["title"], tags=cfg["tags"],
                         material=cfg["material"], body=body, body_line=body_line)


def unique_slugs(documents: Mapping[str, DocumentSource]) -> None:
    """Two documents with one slug would publish their versions at the same URLs, the
    second overwriting the first's pages (and permanent versions): refused, naming both."""
    seen: dict[str, DocumentSource] = {}
    for doc in documents.values():
        other = seen.setdefault(doc.slug, doc)
        if other is not doc:
            raise SourceError(f"slug '{doc.slug}' is also the slug of {other.path}; each "
                              "document's pages live at their own URLs",
                              path=doc.path, line=doc.line_of("slug"),
                              hint="give this document a slug of its own")


def discover_documents(project: Path, root: str) -> list[str]:
    """Document folders on disk, for when mkdocs.yml does not list them."""
    base = project / root
    return sorted(p.parent.name for p in base.glob(f"*/{DOCUMENT_FILE}"))
