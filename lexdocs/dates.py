"""Dates as readers of the site's language write them, through Babel (CLDR data).

A document's `date_format` may be a Babel style (`short`, `medium`, `long`,
`full`), a CLDR pattern (`d MMMM y`), or, as documents were first written, a
strftime pattern: its common directives are translated to CLDR, so month and
day names come from the site's locale (`theme.language`) and no platform
`strftime` quirk (`%-d`) decides what is printed.
"""

from __future__ import annotations

import datetime as dt
import re

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

STYLES = ("short", "medium", "long", "full")
_STRFTIME = {"%B": "MMMM", "%b": "MMM", "%d": "dd", "%-d": "d", "%e": "d", "%m": "MM",
             "%-m": "M", "%Y": "y", "%y": "yy", "%A": "EEEE", "%a": "EEE", "%%": "%"}
_DIRECTIVE = re.compile(r"%-?[A-Za-z%]")


def locale_of(language: str | None) -> Locale:
    """The Babel locale for a theme language ("en", "de", "pt-BR"); English if unknown."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def cldr_pattern(fmt: str) -> str:
    """A date format as a Babel style or CLDR pattern; strftime directives are translated
    and the text between them quoted. An unknown directive raises ValueError."""
    if "%" not in fmt:
        return fmt
    out, pos = [], 0
    for m in _DIRECTIVE.finditer(fmt):
        out.append(_quote(fmt[pos:m.start()]))
        if m.group() not in _STRFTIME:
            raise ValueError(f"'{m.group()}' is not a date directive lexdocs knows")
        out.append(_STRFTIME[m.group()])
        pos = m.end()
    out.append(_quote(fmt[pos:]))
    if "%" in _DIRECTIVE.sub("", fmt):
        raise ValueError("a lone '%' is not a date directive")
    return "".join(out)


def _quote(text: str) -> str:
    if not text:
        return ""
    return "'" + text.replace("'", "''") + "'" if re.search(r"[A-Za-z']", text) else text


def format_day(day: dt.date, fmt: str = "long", locale: Locale | str = "en") -> str:
    """`day` in the document's format and the site's language; a format that is not
    one for dates (a time field, an unknown directive) raises ValueError."""
    pattern = cldr_pattern(fmt)
    try:
        return str(format_date(day, format=pattern, locale=locale))
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"'{fmt}' is not a date format ({exc})") from exc


def check_format(fmt: str) -> None:
    """Raise ValueError unless `fmt` formats a date: for validating sources when loaded."""
    format_day(dt.date(2000, 1, 31), fmt)


def format_month(day: dt.date, locale: Locale | str = "en") -> str:
    """A month-precision date ("September 2024"), for texts that never stated a day."""
    return str(format_skeleton("yMMMM", day, locale=locale))
