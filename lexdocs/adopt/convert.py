"""One Markdown policy file → the lexdocs layout: document.yml and one file per section.

A pure function of the file's text, so that every past version of the file is
converted the same way when its history is replayed, and a test can check the
layout without git. The file's words are kept as they are: only the pieces
lexdocs states itself (the title, the "Last updated" line) or never publishes
(foreign front matter) move out of the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

DATE_LINE_MODES = ("remove", "bind")
"""What happens to a hand-typed "Last updated: …" line; see `convert`."""

INTRO_ID = "introduction"
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$")
_H2 = re.compile(r"^##\s+(.+?)\s*#*\s*$")
_ATTR = re.compile(r"\s*\{[#.][^}]*\}\s*$")
_JINJA = re.compile(r"\{[{%#]")
_LABEL = (r"(?P<label>last\s+(?:updated|modified|revised)|updated(?:\s+on)?|revised"
          r"|effective(?:\s+(?:date|as\s+of|from|on))?|date\s+of\s+last\s+revision)")
_DATE_LINE = re.compile(
    rf"^(?P<lead>\s*[*_]*\s*(?:\*\*|__)?){_LABEL}(?P<sep>(?:\s*[*_]*)?\s*[:\-–—]?\s*(?:[*_]*\s*)?)"
    r"(?P<date>[A-Za-z0-9 ,./-]+?)(?P<trail>\s*[*_]*\.?\s*[*_]*\s*)$",
    re.IGNORECASE)
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y",
                 "%m/%d/%Y", "%d.%m.%Y", "%b. %d, %Y")
_MONTH_FORMATS = ("%B %Y", "%b %Y", "%Y-%m")


@dataclass(frozen=True)
class Stated:
    """A date the file stated by hand, to the precision it was typed."""

    label: str
    date: dt.date
    month_only: bool

    @property
    def baseline(self) -> str:
        """The `baseline:` value for document.yml: never more precise than the text."""
        return self.date.strftime("%Y-%m" if self.month_only else "%Y-%m-%d")

    @property
    def effective(self) -> bool:
        return self.label.lower().startswith("effective")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: str


@dataclass(frozen=True)
class Converted:
    """The parts of one version of the file."""

    title: str
    sections: tuple[Section, ...]
    front_matter: str | None
    front_matter_kind: str
    dates: tuple[Stated, ...]


def parse_date(text: str) -> tuple[dt.date, bool] | None:
    """(day, month_only) for the usual ways policies write a date, else None."""
    clean = " ".join(re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip(" .")).split())
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(clean, fmt).date(), False
        except ValueError:
            pass
    for fmt in _MONTH_FORMATS:
        try:
            return dt.datetime.strptime(clean, fmt).date(), True
        except ValueError:
            pass
    return None


def split_front_matter(text: str) -> tuple[str | None, str, str]:
    """(front matter, its kind, body): YAML (`---`, Jekyll and most docs sites) or TOML
    (`+++`, Hugo). Kept verbatim: lexdocs never reads another tool's settings."""
    for fence, kind in (("---", "yml"), ("+++", "toml")):
        if text.startswith(fence + "\n"):
            lines = text.split("\n")
            for i in range(1, len(lines)):
                if lines[i].rstrip() in (fence, "...") and (fence == "---" or lines[i] == fence):
                    return "\n".join(lines[1:i]) + "\n", kind, "\n".join(lines[i + 1:])
    return None, "yml", text


def _front_title(front: str | None, kind: str) -> str | None:
    if front is None:
        return None
    try:
        if kind == "toml":
            import tomllib

            data = tomllib.loads(front)
        else:
            data = yaml.safe_load(front)
    except (yaml.YAMLError, ValueError):
        return None
    title = data.get("title") if isinstance(data, dict) else None
    return title.strip() if isinstance(title, str) and title.strip() else None


def slugify(title: str) -> str:
    """A section id people can cite in a URL: lower-case words joined by dashes."""
    words = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    if not words:
        return "section"
    return words if words[0].isalpha() else f"s-{words}"


def _escape_jinja(text: str) -> str:
    """Braces typed in the old file stay literal text, not template tags."""
    return _JINJA.sub(lambda m: "{{ '" + m.group() + "' }}", text)


def _date_line(line: str, mode: str, found: list[Stated]) -> str | None:
    """The line as it should read, or None to drop it; records the date it stated."""
    m = _DATE_LINE.match(line)
    if not m:
        return line
    parsed = parse_date(m["date"])
    if parsed is None:
        return line
    found.append(Stated(" ".join(m["label"].split()), *parsed))
    if mode == "remove":
        return None
    var = "effective" if found[-1].effective else "last_updated"
    return f"{m['lead']}{m['label']}{m['sep']}\0{var}\0{m['trail']}"


def _blocks(lines: list[str]) -> list[tuple[str | None, str, list[str]]]:
    """(heading, its line, lines) for the text before the first `##` heading and each one
    after; a `##` inside a code block or an HTML comment is text, not a heading."""
    out: list[tuple[str | None, str, list[str]]] = [(None, "", [])]
    fence: str | None = None
    comment = False
    for line in lines:
        m = _H2.match(line)
        if fence is None and not comment and m:
            out.append((re.sub(r"\s+#+$", "", _ATTR.sub("", m[1])).strip(), line, []))
            continue
        out[-1][2].append(line)
        f = _FENCE.match(line)
        if f and not comment:
            fence = None if fence == f[1] else (fence or f[1])
        elif fence is None:
            opened, closed = line.rfind("<!--"), line.rfind("-->")
            if opened > closed:
                comment = True
            elif closed >= 0:
                comment = False
    return out


def _tidy(lines: list[str]) -> str:
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n" if text else ""


def convert(text: str, default_title: str, date_line: str = "remove") -> Converted:
    """Split one version of the file into the parts of a lexdocs document.

    `date_line` decides what happens to a hand-typed "Last updated: …" or "Effective
    date: …" line. `remove` (the default) drops it: every lexdocs page already prints
    the version's Last Updated and effective dates from git and the change log, so a
    typed copy would print them twice and would go stale at the next edit. `bind`
    keeps the line where it stands with the date replaced by
    `{{ page_version.last_updated }}` (or `.effective`), which always shows the
    version's own date. Either way, a commit that only retyped the date makes no version.
    """
    if date_line not in DATE_LINE_MODES:
        raise ValueError(date_line)
    text = text.replace("\r\n", "\n")
    front, kind, body = split_front_matter(text)
    lines = body.split("\n")
    title = _front_title(front, kind)
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = _H1.match(line)
        if m:
            title = _ATTR.sub("", m[1]).strip()
            del lines[i]
        break
    found: list[Stated] = []
    kept = [ln for ln in (_date_line(line, date_line, found) for line in lines) if ln is not None]
    sections: list[Section] = []
    seen: set[str] = set()
    carry = ""
    for heading, line, block in _blocks(kept):
        content = re.sub("\0(\\w+)\0", r"{{ page_version.\1 }}", _escape_jinja(_tidy(block)))
        if heading is None:
            if not re.sub(r"<!--.*?-->", "", content, flags=re.DOTALL).strip():
                carry = content  # only comments: they stay with the first section
                continue
            heading, sid = "Introduction", INTRO_ID
        else:
            # An anchor the old page gave by hand (`## Title {#anchor}`) is kept: people link
            # to it. Otherwise the heading's words, as most Markdown tools make anchors.
            given = re.search(r"\{#([A-Za-z][\w-]*)", line)
            sid = given[1].lower().replace("_", "-") if given else slugify(heading)
        base, n = sid, 2
        while sid in seen:
            sid, n = f"{base}-{n}", n + 1
        seen.add(sid)
        if carry:
            content, carry = carry + ("\n" if content else "") + content, ""
        sections.append(Section(sid, heading, content))
    if carry and sections:
        last = sections[-1]
        sections[-1] = Section(last.id, last.title, last.body + "\n" + carry)
    return Converted(title or default_title, tuple(sections), front, kind, tuple(found))


def keep_ids(previous: Converted | None, conv: Converted) -> Converted:
    """Carry section ids across a retitled heading, so the redline says "retitled".

    An id is a section's permanent anchor; a heading reworded in place (same
    position, the old id gone) keeps the id it had, as a lawyer editing in lexdocs
    would keep it.
    """
    if previous is None:
        return conv
    new_ids = {s.id for s in conv.sections}
    old_ids = {s.id for s in previous.sections}
    taken = set(new_ids)
    out = []
    for i, s in enumerate(conv.sections):
        if s.id not in old_ids and i < len(previous.sections):
            old = previous.sections[i].id
            if old not in new_ids and old not in taken:
                taken.add(old)
                s = Section(old, s.title, s.body)
        out.append(s)
    return Converted(conv.title, tuple(out), conv.front_matter, conv.front_matter_kind,
                     conv.dates)


def section_file(index: int, section: Section) -> str:
    """`NN-id.md`: the number keeps a folder listing in reading order."""
    return f"{index * 10:02d}-{section.id}.md"


def layout(conv: Converted, doc: str, *, adopted: dt.date | None, baseline: str | None,
           source: str) -> dict[str, str]:
    """The files of the document folder, by name, for one converted version."""
    files: dict[str, str] = {}
    names = []
    for i, s in enumerate(conv.sections):
        name = section_file(i, s)
        names.append(name)
        meta = yaml.safe_dump({"id": s.id, "title": s.title}, sort_keys=False,
                              allow_unicode=True, width=1000)
        files[name] = f"---\n{meta}---\n{s.body}"
    decl: dict[str, object] = {"title": conv.title, "slug": doc}
    if baseline:
        decl["baseline"] = dt.date.fromisoformat(baseline) if len(baseline) == 10 else baseline
    if adopted:
        decl["adopted"] = adopted
    decl["sections"] = names
    files["document.yml"] = (
        f"# Imported from {source} by 'lexdocs import'. Versions published before\n"
        "# 'adopted' followed the earlier process: the notice rules do not judge them.\n"
        + yaml.safe_dump(decl, sort_keys=False, allow_unicode=True, width=1000))
    files["changes.yml"] = (
        "# The change log (see EDITING.md). Versions before 'adopted' in document.yml came\n"
        "# from the old process and need no entry; add one for each change that matters to\n"
        "# readers from now on, in the same commit as the edit:\n#\n"
        "# - summary: <what changes for readers, in plain words>\n#   effective: YYYY-MM-DD\n")
    if conv.front_matter is not None:
        files[f"front-matter.{conv.front_matter_kind}"] = (
            f"# The front matter of {source}, kept as it was; lexdocs never publishes\n"
            "# this file (it is not listed in document.yml).\n" + conv.front_matter)
    return files
