"""Variable types: one entry per type, with how it is read, printed and recognised.

Every question that depends on a variable's type (is this a valid e-mail? how does a
duration read? how could a lawyer have typed this value by hand?) is answered by the
type's entry in `TYPES`, never by a chain of `if kind == ...` in the modules that ask.
A new type is one new entry here.

A value is one inline run of text: it is printed inside a sentence, so a line break,
a control character or Markdown typed into it must never become page structure.
Line breaks are refused when the file is loaded (with the line); markup is escaped.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lexdocs.dates import format_date
from lexdocs.errors import SourceError

Where = Callable[[str, str], SourceError]
"""Builds the error for the value being read: (message, hint) -> SourceError at its line."""

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(r"https?://[^\s<>()\"']+")
_PHONE = re.compile(r"\+?[0-9][0-9 ().-]{5,}[0-9]")
_DURATION = re.compile(r"\s*(-?\d+)\s*(day|week|month|year)s?\s*", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Characters that make Markdown anywhere in a line; `&`, `<`, `>` become entities.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")
# What makes structure only at the start of a line: a heading, a list item, a rule.
_MD_LINE_START = re.compile(r"^(\s*)(?:([#+-])|(\d+)([.)])|([=~:]))")
ADDRESS_FIELDS = ("street", "city", "region", "postal_code", "country")


def escape_markdown(text: str) -> str:
    """Make a value read literally: markup typed into a fact must never become markup.

    Line breaks fold into a space as a last guard (values with one are refused on load).
    Only what can form markup is escaped: each escape is work for the Markdown converter,
    so a long value of `!` or `#` must not become tens of thousands of escapes.
    """
    text = re.sub(r"\s*[\r\n]+\s*", " ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(_escape_line_start, text, count=1)


def _escape_line_start(m: re.Match[str]) -> str:
    lead, mark, number, dot, other = m.groups()
    if mark:
        return f"{lead}\\{mark}"
    if number:
        return f"{lead}{number}\\{dot}"
    return f"{lead}&#{ord(other)};"


@dataclass(frozen=True)
class Value:
    """One typed value as templates see it: prints as its formatted Markdown."""

    type: str
    raw: Any
    text: str
    markdown: str

    def __str__(self) -> str:
        # Filters (`|lower`) see plain words; the result is escaped once on output.
        return self.text

    def __bool__(self) -> bool:
        # `{% if offer.active %}` must follow the value, not the object's existence.
        return TYPES[self.type].truth(self) if self.type in TYPES else bool(self.text)


Spelling = tuple[str, bool]
"""A regex a value may be typed by hand as, and whether it is case-sensitive."""


@dataclass(frozen=True)
class ValueType:
    """A variable type: parse the YAML value, print it, and say how it may be typed by hand.

    `parse` validates and returns the canonical raw value; `text` and `markdown` format
    it for plain words and for the page; `spellings` feeds the literal-fact check.
    """

    name: str
    parse: Callable[[Any, Where], Any]
    text: Callable[[Any], str] = str
    markdown: Callable[[Any], str] = lambda raw: escape_markdown(str(raw))
    spellings: Callable[[Value], list[Spelling]] = lambda value: []
    truth: Callable[[Value], bool] = lambda value: bool(value.text)

    def value(self, raw: Any, where: Where) -> Value:
        """Parse and format `raw` in one step."""
        parsed = self.parse(raw, where)
        return Value(self.name, parsed, self.text(parsed), self.markdown(parsed))


def one_line(raw: str, where: Where, what: str = "a value") -> str:
    """`raw` without surrounding spaces, refused if it has a line break or control character."""
    if "\n" in raw or "\r" in raw:
        raise where(f"{what} is one line of text, but this one has a line break",
                    "write it on one line, or fold it with '>-' (lines then join with spaces)")
    bad = _CONTROL.search(raw)
    if bad:
        raise where(f"{what} contains the control character U+{ord(bad.group()):04X}",
                    "delete it; it is invisible in most editors")
    return raw.strip()


def _text(raw: Any, where: Where) -> str:
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        raise where("a text value must be words, not a list or mapping",
                    "write the words in quotes")
    s = one_line(str(raw), where, "a text value")
    if not s:
        raise where("a text value must not be empty", "write the words in quotes")
    return s


def _matching(pattern: re.Pattern[str], what: str, hint: str) -> Callable[[Any, Where], str]:
    def parse(raw: Any, where: Where) -> str:
        if not isinstance(raw, str) or not pattern.fullmatch(raw.strip()):
            raise where(f"'{raw}' is not {what}", hint)
        return raw.strip()
    return parse


def _duration(raw: Any, where: Where) -> str:
    m = _DURATION.fullmatch(raw) if isinstance(raw, str) else None
    if m is None:
        raise where(f"'{raw}' is not a duration",
                    "write a whole number and a unit, e.g. '90 days' or '7 years'")
    n, unit = int(m.group(1)), m.group(2).lower()
    if n <= 0:
        raise where(f"'{raw}' is not a positive duration", "a period must be 1 or more")
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _date(raw: Any, where: Where) -> dt.date:
    if not isinstance(raw, dt.date) or isinstance(raw, dt.datetime):
        raise where(f"'{raw}' is not a date", "write it as YYYY-MM-DD, e.g. 2024-09-01")
    return raw


def _boolean(raw: Any, where: Where) -> bool:
    if not isinstance(raw, bool):
        raise where(f"'{raw}' is not true or false", "write true or false")
    return raw


def _address(raw: Any, where: Where) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise where("an address must list its parts",
                    "give street, city, region, postal_code and country on their own lines")
    unknown = sorted(set(raw) - set(ADDRESS_FIELDS), key=str)
    if unknown:
        close = difflib.get_close_matches(str(unknown[0]), ADDRESS_FIELDS, n=1)
        raise where(f"unknown address part '{unknown[0]}'",
                    f"did you mean '{close[0]}'?" if close
                    else f"use only {', '.join(ADDRESS_FIELDS)}")
    for need in ("street", "city", "country"):
        if not raw.get(need):
            raise where(f"the address has no {need}", f"add a line '{need}: ...'")
    return {k: one_line(str(raw.get(k) or ""), where, f"the address's {k}")
            for k in ADDRESS_FIELDS}


def _address_text(parts: dict[str, str]) -> str:
    locality = " ".join(p for p in (parts["region"], parts["postal_code"]) if p)
    return f"{parts['street']}, {parts['city']}, {locality} {parts['country']}".replace("  ", " ")


def _duration_spellings(value: Value) -> list[Spelling]:
    n, unit = value.text.split()
    return [(rf"{n}[ -]{re.escape(unit.rstrip('s'))}s?", False)]


def _exact(case: bool, min_length: int = 0) -> Callable[[Value], list[Spelling]]:
    def spellings(value: Value) -> list[Spelling]:
        text = value.text if case else value.text.rstrip("/")
        return [(re.escape(text), case)] if len(text) >= min_length else []
    return spellings


TYPES: dict[str, ValueType] = {t.name: t for t in (
    ValueType("text", _text, spellings=_exact(case=True, min_length=4)),
    ValueType("email", _matching(_EMAIL, "an email address", "write it as name@example.com"),
              markdown=lambda raw: f"[{escape_markdown(raw)}](mailto:{raw})",
              spellings=_exact(case=False)),
    ValueType("url", _matching(_URL, "a web address",
                               "write a full address starting with https://"),
              markdown=lambda raw: f"<{raw}>", spellings=_exact(case=False)),
    ValueType("phone", _matching(_PHONE, "a telephone number", "write it with digits, spaces "
                                 "and dashes, e.g. '+1 206-438-3846' in quotes"),
              spellings=_exact(case=True)),
    ValueType("address", _address, text=_address_text,
              markdown=lambda raw: escape_markdown(_address_text(raw)),
              spellings=lambda v: [(re.escape(v.text), False),
                                   (re.escape(v.raw["street"]), False)]),
    ValueType("duration", _duration, spellings=_duration_spellings),
    ValueType("date", _date, text=format_date, markdown=format_date,
              spellings=_exact(case=True)),
    ValueType("boolean", _boolean, text=lambda raw: "yes" if raw else "no",
              markdown=lambda raw: "yes" if raw else "no", truth=lambda value: bool(value.raw)),
)}
SCALAR_TYPES = tuple(TYPES)


def value_type(kind: Any, where: Where, also: tuple[str, ...] = ()) -> ValueType | str:
    """The registered type named `kind`, a name from `also` (structural types), or an error
    that suggests the closest name: "unknown type 'emial' (did you mean 'email'?)"."""
    if isinstance(kind, str) and kind in TYPES:
        return TYPES[kind]
    if isinstance(kind, str) and kind in also:
        return kind
    names = (*SCALAR_TYPES, *also)
    close = difflib.get_close_matches(str(kind), names, n=1) if isinstance(kind, str) else []
    raise where(f"unknown type '{kind}'" + (f" (did you mean '{close[0]}'?)" if close else ""),
                f"use one of {', '.join(names)}")
