"""The schemas of the files lawyers write, each declared once with MkDocs' config options.

`document.yml`, a section's front matter and a variable's declaration are each a
`base.Config` subclass: the keys a file may have, what each must hold, its default.
MkDocs validates them the way it validates `mkdocs.yml`; `validate` turns the first
failure into a SourceError at the line of the key (or of the list item) that is wrong,
using the LineMap that `yamlsrc` kept while parsing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from mkdocs.config import base

from lexdocs.dates import DEFAULT_FORMAT, DateFormatError, date_pattern
from lexdocs.errors import SourceError
from lexdocs.sources.yamlsrc import KeyPath, LineMap

T = TypeVar("T")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_ID = re.compile(r"[a-z][a-z0-9-]*")
_FILE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\.md")

# Compliance rule groups a document can ask for (`checks:` in document.yml); the
# checks package maps each to its rules (`checks.rules.GROUPS`, tested to match).
CHECK_GROUPS = {
    "eu-art13": "the elements of a GDPR Art. 13 notice (a layered EU, UK and Swiss summary)",
    "ccpa-notice": "the elements of a California privacy notice, its gaps and 12-month update",
    "ccpa-update": "the 12-month update of a document that states California rights",
}


# The facts the rules look for in a document's text, by role; a document's `roles:` names
# the variable that holds each, so the rule book never names a variable of one company.
ROLES = {
    "controller": "the legal name of the company responsible for the data",
    "privacy-contact": "the e-mail address for privacy requests",
    "telephone": "a telephone number for requests",
    "postal-address": "a postal address for requests",
    "full-statement": "the address of the full statement a summary points to",
    "dpf-participates": "whether the company takes part in the Data Privacy Framework",
    "dpf-program": "the address of the Data Privacy Framework programme",
    "dpf-recourse": "the independent recourse body of the Data Privacy Framework",
}
_VARIABLE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")


class Invalid(base.ValidationError):
    """A field's value is wrong: message, remedy, and where inside the field (list index)."""

    def __init__(self, message: str, hint: str = "", at: KeyPath = (),
                 missing: bool = False) -> None:
        super().__init__(message)
        self.hint = hint
        self.at = at
        self.missing = missing


class Field(base.BaseConfigOption[T], Generic[T]):
    """One key: a check function over the YAML value, a default, and the remedy if missing."""

    def __init__(self, check: Callable[[Any], T], *, default: Any = None, optional: bool = False,
                 example: str = "...") -> None:
        super().__init__()
        self.check = check
        self.default = default
        self.optional = optional or default is not None
        self.example = example

    def run_validation(self, value: object, /) -> T:
        if value is None:
            if not self.optional:
                raise Invalid("", f"add a line '{self._name}: {self.example}'", missing=True)
            return self.default  # type: ignore[no-any-return]
        if value is self._default:  # MkDocs fills absent keys with the default, valid as is
            return value  # type: ignore[no-any-return]
        return self.check(value)


def text(value: Any) -> str:
    """One line of words; a number is refused so that `title: 1.10` never prints "1.1"."""
    if not isinstance(value, str):
        raise Invalid("must be text", "write the words in quotes")
    if "\n" in value.strip():
        raise Invalid("must be one line", "write it on one line")
    if not value.strip():
        raise Invalid("must not be empty", "write the words")
    return value.strip()


def slug(value: Any) -> str:
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        raise Invalid(f"'{value}' is not URL-safe", "use lower-case letters, digits and dashes")
    return value


def is_section_id(value: str) -> bool:
    """Whether a section may be named `value`: its id is its file's name and its anchor on
    every page, so an import that takes an old page's anchor for one asks this first."""
    return bool(_ID.fullmatch(value))


def section_id(value: Any) -> str:
    if not isinstance(value, str) or not is_section_id(value):
        raise Invalid(f"'{value}' is not a slug", "write e.g. 'id: retention' (a-z, 0-9, -)")
    return value


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid("must be true or false", "write true or false")
    return value


def whole_number(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise Invalid("must be a whole number, 0 or more", "e.g. 30")
    return value


def day(value: Any) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise Invalid(f"'{value}' is not a date", "write YYYY-MM-DD, e.g. 2024-09-01")
    return value


PAPER_SIZES = ("a4", "letter")


def paper(value: Any) -> str:
    """A PDF paper size; the site's language chooses when a document does not."""
    if value not in PAPER_SIZES:
        raise Invalid(f"'{value}' is not a paper size", "write a4 or letter")
    return str(value)


def date_format(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid("must be a date format", "e.g. 'long' or 'MMMM d, y'")
    try:
        return date_pattern(value)
    except DateFormatError as exc:
        raise Invalid(str(exc), "use long, medium, short or full, or a pattern such as "
                      "'MMMM d, y' (quote literal words: \"d 'of' MMMM\")") from exc


def list_of(item: Callable[[Any], T], *, non_empty: bool = False) -> Callable[[Any], tuple[T, ...]]:
    """A list whose items each pass `item`; an error names the item's own line."""
    def check(value: Any) -> tuple[T, ...]:
        if not isinstance(value, list):
            raise Invalid("must be a list", "write each item on a line starting with '- '")
        if non_empty and not value:
            raise Invalid("must not be empty", "list at least one item")
        out = []
        for i, v in enumerate(value):
            try:
                out.append(item(v))
            except Invalid as exc:
                raise Invalid(f"item {i + 1}: {exc}", exc.hint, (i, *exc.at)) from exc
        return tuple(out)
    return check


def word(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or "\n" in value:
        raise Invalid(f"'{value}' is not a word", "e.g. 'tags: [retention]'")
    return value


def section_file(value: Any) -> str:
    """A Markdown file in the document's own folder: never a path that leaves it."""
    if not isinstance(value, str) or not _FILE.fullmatch(value):
        raise Invalid(f"'{value}' is not a section file name in this folder",
                      "e.g. '- 10-retention.md' (a .md file beside document.yml)")
    return value


def check_group(value: Any) -> str:
    if value not in CHECK_GROUPS:
        close = difflib.get_close_matches(str(value), CHECK_GROUPS, n=1)
        raise Invalid(f"'{value}' is not a rule group" +
                      (f" (did you mean '{close[0]}'?)" if close else ""),
                      f"use {', '.join(CHECK_GROUPS)}")
    return str(value)


def roles(value: Any) -> tuple[tuple[str, str], ...]:
    """`role: variable.name` lines; an unknown role suggests the closest one."""
    if not isinstance(value, dict):
        raise Invalid("must be a mapping", "write 'role: variable.name' lines under it")
    out = []
    for role, name in value.items():
        if role not in ROLES:
            close = difflib.get_close_matches(str(role), ROLES, n=1)
            raise Invalid(f"'{role}' is not a role" +
                          (f" (did you mean '{close[0]}'?)" if close else ""),
                          f"use {', '.join(ROLES)}", (role,))
        if not isinstance(name, str) or not _VARIABLE.fullmatch(name):
            raise Invalid(f"'{name}' is not a variable name",
                          "write the dotted name, e.g. contact.email", (role,))
        out.append((str(role), name))
    return tuple(out)


def reading_ease(value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 100:
        raise Invalid("must be a number from 0 to 100", "e.g. 'target: 50' (Flesch reading ease)")
    return float(value)


def _config(schema: type[base.Config], value: Any) -> base.Config:
    if not isinstance(value, dict):
        raise Invalid("must be a mapping of keys", "write 'key: value' lines under it")
    cfg = schema()
    cfg.load_dict(value)
    unknown = [k for k in value if k not in dict(schema._schema)]
    if unknown:
        raise _unknown(unknown[0], schema)
    failed, _warnings = cfg.validate()
    if failed:
        key, exc = failed[0]
        if isinstance(exc, Invalid) and exc.missing and key not in value:
            raise Invalid(f"has no {key}", exc.hint, (), missing=True)
        if isinstance(exc, Invalid) and exc.missing:
            # the key is written with nothing after it, or with what YAML reads as nothing:
            # "title: #1 Rule" is a title and a comment, to YAML
            raise Invalid(f"'{key}' has no value",
                          f"write it after '{key}:', in quotes if it begins with '#'", (key,))
        hint = exc.hint if isinstance(exc, Invalid) else ""
        at = exc.at if isinstance(exc, Invalid) else ()
        raise Invalid(f"'{key}' {exc}", hint, (key, *at))
    return cfg


def _unknown(key: Hashable, schema: type[base.Config]) -> Invalid:
    names = [k for k, _ in schema._schema]
    close = difflib.get_close_matches(str(key), names, n=1)
    return Invalid(f"unknown key '{key}'", f"did you mean '{close[0]}'?" if close
                   else f"allowed keys: {', '.join(names)}", (key,))


def sub(schema: type[base.Config]) -> Callable[[Any], base.Config]:
    """A nested mapping with its own schema (`readability: {target: 50}`)."""
    def check(value: Any) -> base.Config:
        try:
            return _config(schema, value)
        except Invalid as exc:
            raise Invalid(str(exc), exc.hint, exc.at) from exc  # "'readability' has no target"
    return check


class ReadabilitySchema(base.Config):  # type: ignore[no-untyped-call]
    """`readability:` in document.yml: the reading-ease target of a summary page."""

    target = Field(reading_ease, example="50")


class DocumentSchema(base.Config):  # type: ignore[no-untyped-call]
    """document.yml."""

    title = Field(text, example="Notice")
    slug = Field(slug, example="notice")
    sections = Field(list_of(section_file, non_empty=True), example="[10-intro.md]")
    date_format = Field(date_format, default=DEFAULT_FORMAT)
    baseline = Field(lambda v: v, optional=True)  # checked with its precision in documents
    notice_days = Field(whole_number, optional=True)
    checks = Field(list_of(check_group), default=(), example="[eu-art13]")
    readability = Field(sub(ReadabilitySchema), optional=True)
    roles = Field(roles, default=(), example="{controller: company.name}")
    adopted = Field(day, optional=True, example="2025-01-31")
    paper = Field(paper, optional=True, example="a4")


class FrontMatterSchema(base.Config):  # type: ignore[no-untyped-call]
    """The front matter of a section file."""

    id = Field(section_id, example="retention")
    title = Field(text, example="How Long We Keep Data")
    tags = Field(list_of(word), default=(), example="[retention]")
    material = Field(boolean, default=True, example="true")


def validate(schema: type[base.Config], data: Any, lines: LineMap, path: str,
             what: str, fallback_line: int = 1, prefix: KeyPath = ()) -> base.Config:
    """`data` checked against `schema`; the first problem is a SourceError at its line.

    `prefix` is where `data` sits in its file (a variable's key path), for the LineMap.
    """
    try:
        return _config(schema, data)
    except Invalid as exc:
        line = fallback_line
        for n in range(len(exc.at), 0, -1):
            found = lines.get((*prefix, *exc.at[:n]))
            if found is not None:
                line = found
                break
        message = f"{what}{' ' if exc.missing else ': '}{exc}"
        raise SourceError(message, path=path, line=line, hint=exc.hint) from exc


def words(value: Any) -> str:
    """Free text for people reading the file (a description); never printed on a page."""
    if not isinstance(value, str):
        raise Invalid("must be text", "write the words in quotes")
    return value


def anything(value: Any) -> Any:
    """A value whose check belongs to its declared type (see `types`)."""
    return value


class VariableSchema(base.Config):  # type: ignore[no-untyped-call]
    """One variable's declaration in variables.yml; its `value` is checked by its type."""

    type = Field(anything, example="text")
    value = Field(anything, example="...")
    fields = Field(anything, optional=True, example="{name: text, url: url}")
    material = Field(boolean, default=True)
    confirmed = Field(boolean, default=True)
    description = Field(words, default="")
