"""Dates as readers see them: one formatter, Babel's, for every date a page prints.

A document declares how its dates read (`date_format` in document.yml) as a named
style (`long`, `medium`, `short`, `full`) or a CLDR pattern (`MMMM d, y`). Older
documents wrote strftime patterns (`%B %-d, %Y`); the directives that name a part of a
date are translated, and anything else is refused when the document is loaded, so a
typo such as `%Q` is an error at its line in document.yml, never text on the page.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from babel.dates import format_date as _babel_format_date

STYLES = ("short", "medium", "long", "full")
DEFAULT_FORMAT = "long"
DEFAULT_LOCALE = "en"
# CLDR letters of date fields (era, year, quarter, month, week, day, weekday).
DATE_FIELDS = frozenset("GyYuUQqMLlwWdDFgEec")
_STRFTIME = {"%B": "MMMM", "%b": "MMM", "%d": "dd", "%-d": "d", "%e": "d", "%Y": "y",
             "%y": "yy", "%m": "MM", "%-m": "M", "%A": "EEEE", "%a": "EEE", "%%": "%"}
_STRFTIME_TOKEN = re.compile(r"%-?.?|[^%]+", re.DOTALL)
_QUOTED = re.compile(r"'[^']*'")


class DateFormatError(ValueError):
    """A date format that cannot be used; the message says why, for a SourceError."""


@functools.lru_cache(maxsize=64)
def date_pattern(fmt: str) -> str:
    """The named style or CLDR pattern `fmt` stands for, or DateFormatError.

    Validated once, when a document is loaded, so formatting a date never fails.
    """
    fmt = fmt.strip()
    if fmt in STYLES:
        return fmt
    pattern = _from_strftime(fmt) if "%" in fmt else fmt
    letters = set(re.findall(r"[A-Za-z]", _QUOTED.sub("", pattern)))
    wrong = sorted(letters - DATE_FIELDS)
    if wrong:
        raise DateFormatError(f"'{wrong[0]}' is not a date field in '{fmt}'")
    if not letters & set("dMLy"):
        raise DateFormatError(f"'{fmt}' shows no day, month or year")
    return pattern


def _from_strftime(fmt: str) -> str:
    """A strftime pattern as the CLDR pattern that reads the same, or DateFormatError."""
    out = []
    for token in _STRFTIME_TOKEN.findall(fmt):
        if token.startswith("%"):
            if token not in _STRFTIME:
                raise DateFormatError(f"'{token}' is not a date directive lexdocs knows")
            out.append(_STRFTIME[token] if token != "%%" else "%")
        else:
            out.append("'" + token.replace("'", "''") + "'" if re.search(r"[A-Za-z']", token)
                       else token)
    return "".join(out)


@functools.lru_cache(maxsize=16384)
def format_date(day: dt.date, fmt: str = DEFAULT_FORMAT, locale: str = DEFAULT_LOCALE) -> str:
    """`day` in the document's format and the site's language ("September 1, 2024").

    Memoized: a site prints the same few hundred days thousands of times (every
    version page and history row), and Babel's formatter is slow; the result is
    a pure function of the three arguments.
    """
    return str(_babel_format_date(day, format=date_pattern(fmt), locale=locale))
