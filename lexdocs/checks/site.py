"""What the site publishes besides policy_src/: the files in docs/ and mkdocs.yml.

Both are committed by anyone with one merged pull request, like the sections,
and MkDocs publishes them as they are. The site keeps three promises whatever
they hold, or the build stops with the file and line:

- no file from outside the repository: a symbolic link in docs/ (to
  `../.git/config`, where CI keeps its token, or to `/etc/passwd`) is refused;
  the theme's `custom_dir` is judged as docs/ is;
- no script but the theme's and lexdocs' own: a script file in docs/, a
  `<script>`, an inline event handler (`onload=`) or a `javascript:` link in a
  page, an SVG or an HTML file, and an `extra_javascript` entry, are refused;
- no request to another host: an image, stylesheet, font or frame fetched from
  another host (in a page, an SVG, a stylesheet, `extra_css`, the theme's
  `logo` or `favicon`), the theme's web fonts (`theme.font` must be false),
  the theme's analytics and its repository facts (`repo_url`), are refused.

A `dev_addr` other than loopback is a warning: `mkdocs serve` would show the
draft to the whole network. What mkdocs.yml makes MkDocs' loader run or read
(Python tags, `!ENV`, `INHERIT`, hooks, extensions, plugins) is judged on its
committed text by `lexdocs.configfile`, before the loader runs; the README asks
for docs/ and the workflows to be reviewed as code is.

The checks take plain input, so any engine can call them: the files as
(path, contents or file) pairs, the settings as a mapping of mkdocs.yml's keys.
`settings_of` turns a loaded MkDocs configuration into that mapping. What a page, an
SVG or a stylesheet would run or fetch is found by `markupscan`.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from lexdocs import configfile
from lexdocs.checks.markupscan import (
    Problem,
    css_problems,
    host_of,
    html_problems,
    remote,
    short,
)
from lexdocs.checks.rules import Rule
from lexdocs.config import MKDOCS_FILE, mkdocs_config
from lexdocs.engines.guard import NAME as ENGINE_GUARD
from lexdocs.errors import CheckError
from lexdocs.findings import Finding
from lexdocs.render.tohtml import TooCostly, converter
from lexdocs.sources.yamlsrc import key_lines

OWN_ASSETS = "assets/lexdocs/"
"""Where lexdocs' own scripts and stylesheets are published (from its theme folder)."""
MAX_FILE = 20_000_000
"""Bytes of one page, SVG, HTML or stylesheet in docs/ that are read to be checked."""

SITE_RULES = (
    Rule("site-link", "error", "a file in docs/ is a symbolic link",
         "lexdocs site promise: no file from outside the repository"),
    Rule("site-script", "error", "docs/ or mkdocs.yml adds a script to the site",
         "lexdocs site promise: no script but the theme's and lexdocs' own"),
    Rule("site-remote", "error", "docs/ or mkdocs.yml makes the site call another host",
         "lexdocs site promise: no request to another host"),
    Rule("site-outside", "error", "mkdocs.yml reads the build machine's files or environment",
         "lexdocs site promise: no file from outside the repository"),
    Rule("site-code", "error", "mkdocs.yml names code lexdocs does not know to run",
         "lexdocs site promise: a build runs only the code it was installed with"),
    Rule("site-yaml", "error", "mkdocs.yml is nested too deeply to be read",
         "lexdocs site promise: every build ends in a site or in one line"),
    Rule("site-theme", "error", "mkdocs.yml gives the theme a setting it cannot build with",
         "lexdocs site promise: every build ends in a site or in one line"),
    Rule("site-markdown", "error", "a page in docs/ takes longer to convert than any needs",
         "lexdocs site promise: every build ends"),
    Rule("site-dev-addr", "warning", "mkdocs serve listens beyond this computer",
         "lexdocs site promise: drafts stay on the author's computer"),
)

_SCRIPT_FILES = {".js", ".mjs", ".cjs", ".wasm"}
_MARKUP_FILES = {".html", ".htm", ".xhtml", ".svg", ".xml", ".xsl", ".xslt"}
_MARKDOWN_FILES = {".md", ".markdown"}
_STYLE_FILES = {".css"}


def _finding(problem: Problem, path: str, text: str, line: int | None = None) -> Finding:
    rule = next(r for r in SITE_RULES if r.id == problem.rule)
    return Finding(problem.rule, rule.severity, problem.message, path=path,
                   line=line or _line_of(text, problem.needle))


def _line_of(text: str, needle: str) -> int:
    found = text.lower().find(needle.lower()) if needle else -1
    return text.count("\n", 0, found) + 1 if found >= 0 else 1


# Files ------------------------------------------------------------------------------------


Convert = Callable[[str], str]
"""Markdown → HTML as the site converts its pages (with its own extensions)."""


def check_files(files: Iterable[tuple[str, Path | bytes]], root: Path,
                site_url: str = "", to_html: Convert | None = None) -> list[Finding]:
    """Findings for the files MkDocs would publish from docs/ (`root`), by their paths
    relative to the project; a file given as bytes is checked as those bytes."""
    own = host_of(site_url)
    to_html = to_html or converter(["tables", "attr_list", "fenced_code"])
    found: list[Finding] = []
    for path, source in files:
        if isinstance(source, Path):
            link = _linked(source, root)
            if link is not None:
                found.append(Finding("site-link", "error",
                                     f"{link} a symbolic link: the site publishes no file "
                                     "from outside the repository (replace the link with "
                                     "the file itself)", path=path, line=None))
                continue
            if source.stat().st_size > MAX_FILE and source.suffix.lower() not in (
                    _SCRIPT_FILES | _MARKUP_FILES | _MARKDOWN_FILES | _STYLE_FILES):
                continue
        found += check_file(path, source, to_html, own)
    return found


def _linked(source: Path, root: Path) -> str | None:
    """How `source` leads out of `root` by a symbolic link (it is one, or a folder on the
    way down is), or None."""
    if source.is_symlink():
        return "it is"
    try:
        parts = source.relative_to(root).parts
    except ValueError:
        return "it lies outside the folder, and"
    current = root
    for part in (None, *parts[:-1]):
        current = current / part if part else current
        if current.is_symlink():
            return f"it lies in {current.name}/, which is"
    return None


def check_file(path: str, source: Path | bytes, to_html: Convert,
               own_host: str = "") -> list[Finding]:
    """Findings for one published file, judged by its kind (its name's ending)."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in _SCRIPT_FILES:
        return [Finding("site-script", "error",
                        "a script in docs/ would be published; the site runs only the "
                        "theme's and lexdocs' own scripts (remove it)", path=path)]
    if suffix not in _MARKUP_FILES | _MARKDOWN_FILES | _STYLE_FILES:
        return []
    data = source if isinstance(source, bytes) else source.read_bytes()[:MAX_FILE]
    text = data.decode("utf-8", "replace")
    if suffix in _STYLE_FILES:
        problems = list(css_problems(text, own_host))
    elif suffix in _MARKDOWN_FILES:
        try:
            html = to_html(text)
        except TooCostly as exc:
            return [Finding("site-markdown", "error", f"{exc.message} ({exc.hint})", path=path,
                            line=1)]
        problems = list(html_problems(html, own_host))
    else:
        problems = list(html_problems(text, own_host))
    return [_finding(p, path, text) for p in problems]


def docs_files(folder: Path, project: Path | None = None) -> Iterator[tuple[str, Path]]:
    """Every file (and link) under `folder`, without following links, as (path relative
    to `project`, or else to the folder's parent; file): what a build publishes from it."""
    top = project if project is not None and folder.is_relative_to(project) else folder.parent
    if folder.is_symlink() or not folder.is_dir():
        if folder.is_symlink():
            yield folder.relative_to(top).as_posix(), folder
        return
    for current, dirs, names in os.walk(folder):
        base = Path(current)
        for name in sorted(names) + sorted(d for d in dirs if (base / d).is_symlink()):
            yield (base / name).relative_to(top).as_posix(), base / name
        dirs[:] = sorted(d for d in dirs if not (base / d).is_symlink())


# Settings ---------------------------------------------------------------------------------


def check_settings(settings: Mapping[str, Any], path: str, text: str = "") -> list[Finding]:
    """Findings for mkdocs.yml's settings (`settings`, its keys as MkDocs reads them);
    `text` is the file, to name the line of each key."""
    lines = key_lines(text, path) if text else {}
    own = host_of(str(settings.get("site_url") or ""))
    found: list[Finding] = []

    def add(rule: str, key: tuple[str | int, ...], message: str) -> None:
        line = next((lines[key[:i]] for i in range(len(key), 0, -1) if key[:i] in lines),
                    None)
        severity = next(r.severity for r in SITE_RULES if r.id == rule)
        found.append(Finding(rule, severity, f"'{'.'.join(map(str, key))}': {message}",
                             path=path, line=line))

    for i, entry in enumerate(_items(settings.get("extra_javascript"))):
        url = _entry(entry)
        if not url.startswith(OWN_ASSETS) or remote(url, own):
            add("site-script", ("extra_javascript", i),
                f"'{short(url)}' is a script other than the theme's and lexdocs' own "
                "(remove the entry)")
    for i, entry in enumerate(_items(settings.get("extra_css"))):
        url = _entry(entry)
        if remote(url, own):
            add("site-remote", ("extra_css", i), f"'{short(url)}' is fetched from another "
                "host by every page (copy it into docs/ and list its path)")
    theme = settings.get("theme") or {}
    if isinstance(theme, str):
        theme = {"name": theme}
    elif not isinstance(theme, Mapping):
        theme = {}
    if theme.get("name") == "material":
        if theme.get("font", True) is not False:
            add("site-remote", ("theme", "font"), "the theme loads its web fonts from "
                "fonts.googleapis.com on every page (set 'font: false')")
        if settings.get("repo_url"):
            add("site-remote", ("repo_url",), "the theme fetches the repository's facts "
                f"from {host_of(str(settings['repo_url'])) or 'its host'} on every page "
                "(remove repo_url)")
        extra = settings.get("extra") or {}
        if isinstance(extra, Mapping) and extra.get("analytics"):
            add("site-remote", ("extra", "analytics"), "the theme sends every visit to an "
                "analytics service (remove it)")
    for key in ("logo", "favicon"):
        value = theme.get(key)
        if isinstance(value, str) and remote(value, own):
            add("site-remote", ("theme", key), f"'{short(value)}' is fetched from another "
                "host by every page (copy it into docs/ and use its path)")
    # the theme prints settings as they are written (`copyright` is HTML by design), into
    # every page: each string is judged as a page's markup is
    for keys, text in _strings(settings):
        if "<" in text:
            for problem in html_problems(text, own):
                add(problem.rule, keys, problem.message)
    addr = str(settings.get("dev_addr") or "")
    if addr and not _loopback(addr):
        add("site-dev-addr", ("dev_addr",), f"'mkdocs serve' would show drafts to every "
            f"computer that can reach {short(addr)} (use 127.0.0.1)")
    return found


def _strings(value: Any, key: tuple[str | int, ...] = ()) -> Iterator[
        tuple[tuple[str | int, ...], str]]:
    """Every string of a setting, with the keys that lead to it."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from _strings(v, (*key, str(k)))
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from _strings(v, (*key, i))


def _plain(value: Any, depth: int = 0) -> Any:
    """A loaded setting as plain data (mappings, lists, strings, numbers): what the
    theme's templates can print of it."""
    if isinstance(value, str | int | float | bool) or value is None or depth > 20:
        return value if depth <= 20 else None
    if isinstance(value, Mapping):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, depth + 1) for v in value]
    return None


def _items(value: Any) -> list[Any]:
    """A list setting as a list; MkDocs refuses any other shape before lexdocs sees it."""
    return list(value) if isinstance(value, list | tuple) else []


def _entry(entry: Any) -> str:
    if isinstance(entry, Mapping):
        return str(entry.get("path") or "")
    return str(entry)


def _loopback(addr: str) -> bool:
    host = addr.rsplit(":", 1)[0].strip("[]") if ":" in addr else addr
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def settings_of(config: Any) -> dict[str, Any]:
    """The settings `check_settings` reads, from a loaded MkDocs configuration (with the
    theme's defaults filled in, so an absent `font` is the theme's Google fonts)."""
    theme = config.theme
    addr = config.dev_addr
    # every other setting as plain data, but the plugins' (their options are read by the
    # plugins, and lexdocs' own are judged where they are read) and the extensions' (they
    # configure the conversion of pages, which are judged as converted)
    rest = {key: _plain(value) for key, value in config.items()
            if key not in ("plugins", "mdx_configs", "markdown_extensions")}
    return {**rest, "site_url": config.site_url or "",
            "extra_javascript": [str(s) for s in config.extra_javascript],
            "extra_css": [str(s) for s in config.extra_css],
            "theme": {**_plain(theme), "name": theme.name, "font": theme.get("font"),
                      "logo": theme.get("logo"), "favicon": theme.get("favicon")},
            "repo_url": config.repo_url, "extra": dict(config.extra),
            "dev_addr": f"{addr.host}:{addr.port}" if addr else ""}


# For the build and for `lexdocs check` ----------------------------------------------------


def stop_on_errors(findings: Iterable[Finding]) -> list[Finding]:
    """Raise the first error as one line; return the warnings."""
    kept = []
    for f in findings:
        if f.severity == "error":
            raise CheckError(f.message, path=f.path, line=f.line)
        kept.append(f)
    return kept


def site_findings(config: Any, project: Path) -> list[Finding]:
    """Every finding for a loaded MkDocs configuration and its docs/ folder."""
    config_file = Path(config.config_file_path)
    rel = _relative(config_file, project)
    text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
    docs = Path(config.docs_dir)
    found = configfile.findings(config_file)  # a plain `mkdocs build` read it unjudged
    found += check_settings(settings_of(config), rel, text)
    found += _language(config.theme, rel, text)
    # The extension that stops builds lexdocs does not drive stands down here, as in a build.
    extensions = [e for e in config.markdown_extensions if e != ENGINE_GUARD]
    to_html = converter(extensions, dict(config.mdx_configs))
    found += check_files(docs_files(docs, project), docs, config.site_url or "", to_html)
    custom = config.theme.custom_dir
    if custom:  # the site's own theme templates and files are published as docs/ are
        folder = Path(custom)
        found += check_files(docs_files(folder, project), folder, config.site_url or "",
                             to_html)
    return found


def _language(theme: Any, path: str, text: str) -> list[Finding]:
    """The theme's language is one it has: mkdocs-material imports
    `partials/languages/<language>.html` into every page, and `language: english` ended
    the build in a traceback (a site may add its own in `custom_dir`)."""
    language = str(theme.get("language") or "")
    have = {p.stem for d in getattr(theme, "dirs", ()) if (Path(d) / _LANGUAGES).is_dir()
            for p in (Path(d) / _LANGUAGES).glob("*.html")}
    if not language or not have or language in have:
        return []
    close = difflib.get_close_matches(language, sorted(have), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else "a code such as 'en', 'fr' or 'de'"
    line = key_lines(text, path).get(("theme", "language")) if text else None
    return [Finding("site-theme", "error", f"'theme.language': the theme has no language "
                    f"'{short(language)}' ({hint})", path=path, line=line)]


_LANGUAGES = Path("partials", "languages")


def project_findings(project: Path) -> list[Finding]:
    """`site_findings` for the project's mkdocs.yml, read as `mkdocs build` reads it (for
    `lexdocs check`, which runs no build); none without mkdocs.yml."""
    path = project / MKDOCS_FILE
    if not path.is_file():
        return []
    return site_findings(mkdocs_config(path), project)


def _relative(path: Path, project: Path) -> str:
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.name


__all__ = ["SITE_RULES", "check_file", "check_files", "check_settings", "docs_files",
           "project_findings", "settings_of", "site_findings", "stop_on_errors"]
