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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lexdocs.errors import SourceError
from lexdocs.sources.variables import Variables, load_variables_file
from lexdocs.sources.yamlsrc import split_front_matter

Reader = Callable[[str], str | None]
DOCUMENT_FILE = "document.yml"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"
_ID = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Baseline:
    """The date the first committed text already carried, to the precision it was stated."""

    date: dt.date
    month_only: bool

    def display(self) -> str:
        """Never claim a day the source did not state."""
        if self.month_only:
            return f"{self.date:%B %Y}"
        return format_date(self.date, DEFAULT_DATE_FORMAT)


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
    """A document as declared in `document.yml`, with its sections in reading order."""

    name: str
    path: str
    title: str
    slug: str
    date_format: str
    baseline: Baseline | None
    sections: tuple[SectionSource, ...]
    notice_days: int | None = None


def format_date(day: dt.date, fmt: str) -> str:
    """strftime with `%-d` available everywhere, so formats are portable."""
    return day.strftime(fmt.replace("%-d", str(day.day)))


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
                data = handle.read()
        except OSError as exc:
            raise SourceError(f"cannot be read: {exc.strerror}", path=path,
                              hint="check the file's permissions") from None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(f"is not UTF-8 text (byte 0x{data[exc.start]:02x})", path=path,
                              line=data[:exc.start].count(b"\n") + 1,
                              hint="save the file with UTF-8 encoding") from None

    return read


def load_document(root: str, name: str, read: Reader) -> DocumentSource:
    """Load `<root>/<name>/document.yml` and every section it lists."""
    from lexdocs.sources.yamlsrc import load_yaml

    path = f"{root}/{name}/{DOCUMENT_FILE}"
    text = read(path)
    if text is None:
        raise SourceError(f"document '{name}' has no {DOCUMENT_FILE}", path=path,
                          hint="create it with title, slug and sections")
    data, lines = load_yaml(text, path)
    if not isinstance(data, dict):
        raise SourceError("document.yml must be a mapping", path=path, line=1)

    def need(key: str, kind: type) -> Any:
        v = data.get(key)
        if not isinstance(v, kind) or v in ("", []):
            raise SourceError(f"'{key}' is missing or not a {kind.__name__}", path=path,
                              line=lines.get((key,), 1), hint=f"add a line '{key}: ...'")
        return v

    allowed = {"title", "slug", "sections", "date_format", "baseline", "notice_days"}
    for key in data:
        if key not in allowed:
            raise SourceError(f"unknown key '{key}'", path=path, line=lines.get((key,), 1),
                              hint=f"allowed keys: {', '.join(sorted(allowed))}")
    title = need("title", str)
    slug = need("slug", str)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise SourceError(f"slug '{slug}' is not URL-safe", path=path, line=lines[("slug",)],
                          hint="use lower-case letters, digits and dashes")
    files = need("sections", list)
    date_format = data.get("date_format", DEFAULT_DATE_FORMAT)
    if not isinstance(date_format, str) or "%" not in date_format:
        raise SourceError("date_format must be a strftime pattern", path=path,
                          line=lines.get(("date_format",), 1), hint="e.g. '%B %-d, %Y'")
    notice = data.get("notice_days")
    if notice is not None and (not isinstance(notice, int) or isinstance(notice, bool)
                               or notice < 0):
        raise SourceError("notice_days must be a whole number of days", path=path,
                          line=lines.get(("notice_days",), 1), hint="e.g. 'notice_days: 30'")
    baseline = _baseline(data.get("baseline"), path, lines.get(("baseline",), 1))
    sections = []
    seen: dict[str, str] = {}
    for i, f in enumerate(files):
        if not isinstance(f, str):
            raise SourceError("each section must be a file name", path=path,
                              line=lines.get(("sections", i), 1), hint="e.g. '- 10-retention.md'")
        spath = f"{root}/{name}/{f}"
        stext = read(spath)
        if stext is None:
            raise SourceError(f"section file '{f}' does not exist", path=path,
                              line=lines.get(("sections", i), 1),
                              hint=f"create {spath} or remove it from the list")
        section = _section(spath, stext)
        if section.id in seen:
            raise SourceError(f"section id '{section.id}' is also used by {seen[section.id]}",
                              path=spath, line=2, hint="give each section its own id")
        seen[section.id] = spath
        sections.append(section)
    return DocumentSource(name=name, path=path, title=title, slug=slug, date_format=date_format,
                          baseline=baseline, sections=tuple(sections), notice_days=notice)


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
    sid = meta.get("id")
    if not isinstance(sid, str) or not _ID.match(sid):
        raise SourceError(f"section id '{sid}' is missing or not a slug", path=path,
                          line=lines.get(("id",), 2), hint="write 'id: retention' (a-z, 0-9, -)")
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise SourceError("section has no title", path=path, line=lines.get(("title",), 2),
                          hint="add 'title: ...' to the front matter")
    tags = meta.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise SourceError("tags must be a list of words", path=path,
                          line=lines.get(("tags",), 2), hint="e.g. 'tags: [retention]'")
    material = meta.get("material", True)
    if not isinstance(material, bool):
        raise SourceError("material must be true or false", path=path,
                          line=lines.get(("material",), 2), hint="write true or false")
    unknown = sorted(set(meta) - {"id", "title", "tags", "material"})
    if unknown:
        raise SourceError(f"unknown front matter key '{unknown[0]}'", path=path,
                          line=lines.get((unknown[0],), 2),
                          hint="allowed: id, title, tags, material")
    return SectionSource(path=path, id=sid, title=title.strip(), tags=tuple(tags),
                         material=material, body=body, body_line=body_line)


def load_tree(root: str, names: list[str], read: Reader) -> tuple[Variables, list[DocumentSource]]:
    """Everything one build needs from one tree: shared variables and the documents."""
    variables = load_variables_file(root, read)
    return variables, [load_document(root, n, read) for n in names]


def discover_documents(project: Path, root: str) -> list[str]:
    """Document folders on disk, for when mkdocs.yml does not list them."""
    base = project / root
    return sorted(p.parent.name for p in base.glob(f"*/{DOCUMENT_FILE}"))
