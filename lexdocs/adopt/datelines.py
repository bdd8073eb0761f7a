"""A date a policy typed by hand ("Last updated: July 18, 2022", "Stand: 11. Juni 2021"),
read, and the line that stated it kept, bound to the version's own date, or left out.

lexdocs prints every version's Last Updated and effective dates itself, from git and the
change log, so a typed copy would print them twice and go stale at the next edit; the
first one read still says from when the text applies (`baseline:`). Read apart from the
rest of a conversion: it is the one piece that reads words as dates, in four languages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DATE_LINE_MODES", "Stated", "parse_date", "read_date_line", "read_first_date",
           "title_dated"]

DATE_LINE_MODES = ("remove", "bind")
"""What happens to a hand-typed "Last updated: …" line; see `convert`."""

_LABEL = (r"(?P<label>last\s+(?:updated|modified|revised)|updated(?:\s+on)?|revised(?:\s+on)?"
          r"|published(?:\s+(?:date|on))?|date\s+published"  # "Published Date: …", Apple's
          r"|effective(?:\s+(?:date|as\s+of|from|on))?|date\s+of\s+last\s+revision"
          # as German, French and Spanish policies date themselves ("Stand: 11. Juni 2021")
          r"|stand|zuletzt\s+(?:aktualisiert|geändert)|gültig\s+ab|dernière\s+mise\s+à\s+jour"
          r"|mis\s+à\s+jour\s+le|en\s+vigueur\s+(?:le|au|depuis\s+le)|última\s+actualización"
          r"|última\s+modificación)")
_EFFECTIVE_LABELS = ("effective", "gültig", "en vigueur")
_DATE_HEAD = re.compile(r"^(?P<lead>[ \t]*(?P<heading>#{1,6}[ \t]+)?(?:[*_]+[ \t]*)?"
                        r"(?:[(（][ \t]*(?:[*_]+[ \t]*)?)?"
                        # the text's own version before it: "Version 1.0, Effective October
                        # 11, 2022" (Mozilla's subscription services privacy notice)
                        r"(?:version[ \t]+\d{1,3}(?:\.\d{1,3}){0,2},?[ \t]+)?)"
                        rf"{_LABEL}(?![^\W_])", re.IGNORECASE)
"""A stated date's label at a line's start ("**Effective date:**", "_Last Updated_", in
brackets: "（Last Updated: July 30, 2026)", Alibaba.com's; as a heading, "## Last modified:
November 5, 2016", Pear Deck's terms, which made each version's date a section); what
follows is read by `_date_parts`, each character once (a pattern that also matched the
separator and the date tried every split of a run of spaces: a committed line of 400
spaces took eight seconds)."""
_DATE_WORDS = re.compile(r"[^\W_](?:[^\W_]|[ ,./-])*")
_RELATIVE = re.compile(r"(?:(?:over|about|almost|nearly|more\s+than|less\s+than)\s+)?"
                       r"(?:an?|one|\d{1,4})\s+(?:minute|hour|day|week|month|year)s?\s+ago"
                       r"|yesterday|today", re.IGNORECASE)
"""A date stated relative to the reading ("Updated: 21 days ago", "Last updated: 1 year
ago"), as a help centre prints it: an archive that saves the page daily saved a new
"version" every day, each one "a number changed"."""
_MONTHS = {m: i + 1 for names in (
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
) for i, m in enumerate(names.split())}
"""Month names as German, French and Spanish write them, for their stated dates."""
_FOREIGN_DATE = re.compile(r"^(\d{1,2})(?:\.|er)?\s+(?:de\s+)?([^\W\d_]+)\.?\s+(?:de\s+)?(\d{4})$",
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
        return self.label.lower().startswith(_EFFECTIVE_LABELS)


def parse_date(text: str) -> tuple[dt.date, bool] | None:
    """(day, month_only) for the usual ways policies write a date, else None ("July 18,
    2022", "18 July 2022", "2022-07-18", "5th of August 2021", fortrabbit's)."""
    clean = " ".join(re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip(" .")).split())
    clean = re.sub(r"^(\d{1,2}) of (?=[A-Za-z])", r"\1 ", clean, flags=re.I)
    foreign = _FOREIGN_DATE.match(clean)  # "11. Juni 2021", "1er août 2024", "5 de mayo de 2023"
    if foreign and foreign[2].casefold() in _MONTHS:
        try:
            return dt.date(int(foreign[3]), _MONTHS[foreign[2].casefold()], int(foreign[1])), False
        except ValueError:
            return None
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


_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})


_LINKS_AFTER = re.compile(r"(?:(?:[ \t]*\|)?[ \t]*\[[^\]\n]{1,80}\]\([^()\s]{1,500}\))+[ \t]*")
"""Links after a date, each after a bar or not: a page's header. The spaces before a link
are read one way only: a pattern that could read them before or after its bar took
exponential time on a run of links that did not end the line."""
_ON = re.compile(r"(?:on|as\s+of)[ \t]+", re.IGNORECASE)
"""Words between a label and its date: "Last updated on …", "Last revised as of …"."""


def _date_parts(line: str) -> tuple[str, str, str, str, str] | None:
    """(lead, label, separator, date, trail) of a line that only states a date, else None:
    "**Effective date:** May 25, 2018" → ("**", "Effective date", ":** ", "May 25, 2018",
    ""). The separator is marks, spaces and one colon or dash; the trail, marks, spaces
    and one full stop. A no-break space is a space here ("#### Last Updated:\u00a0May 22,
    2024", Bluesky's privacy policy as archived, was a section titled with the date that
    held the whole policy)."""
    line = line.translate(_SPACES)
    m = _DATE_HEAD.match(line)
    if m is None:
        return None
    lead = m["lead"].replace(m["heading"] or "", "", 1)  # bound, a paragraph: no section
    rest = line[m.end():]
    body = rest.lstrip(" \t*_")
    if body[:1] in (":", "-", "–", "—"):
        body = body[1:].lstrip(" \t*_")
    on = _ON.match(body)  # "Last updated on May 2, 2024", "Last modified on 08/12/2026"
    if on:
        body = body[on.end():]
    sep, links = rest[:len(rest) - len(body)], ""
    marks = [i for i in (body.find("|"), body.find("[")) if i > 0]
    if marks and _LINKS_AFTER.fullmatch(body, min(marks)):
        # the page's own links after its date, as Google's header writes them ("Effective
        # April 2, 2026 | [Archived versions](…) | [Download PDF](…)", YouTube's policy;
        # "Last modified on 08/12/2026 [See prior versions …](…)", Twitch's): lexdocs
        # publishes a history and PDFs of its own; bound, they stay on the line
        cut = len(body[:min(marks)].rstrip(" \t"))
        body, links = body[:cut], body[cut:]
    core = body.rstrip(" \t*_")
    if core.endswith("."):
        core = core[:-1].rstrip(" \t*_")
    if "(" in lead or "（" in lead:  # the bracket closes after the date, or no date line
        if not core.endswith((")", "）")):
            return None
        core = core[:-1].rstrip(" \t*_")
    if not _DATE_WORDS.fullmatch(core):
        return None
    return lead, m["label"], sep, core, body[len(core):] + links


def read_first_date(lines: list[str], mode: str, found: list[Stated]) -> list[str]:
    """`lines` with the text's first paragraph read as its date line when it is a date
    and nothing else ("September 9, 2020" under "# Mozilla Privacy Policy", its `{:
    datetime=…}` line gone): each revision retyped it, and each was "a date changed". Only
    the first: a date alone further down heads an entry of a log, or is the text's."""
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None or (first + 1 < len(lines) and lines[first + 1].strip()):
        return lines
    parsed = parse_date(lines[first].strip(" \t*_"))
    if parsed is None:
        return lines
    found.append(Stated("Updated", *parsed))
    kept = [] if mode == "remove" else ["\0last_updated\0"]
    return [*lines[:first], *kept, *lines[first + 1:]]


def read_date_line(line: str, mode: str, found: list[Stated]) -> str | None:
    """The line as it should read, or None to drop it; records the date it stated. A
    line of two dates, each a sentence ("Effective July 1, 2026. Last Revised May 26,
    2026", Reddit's user agreement), is two date lines."""
    read, out = _read_one(line, mode, found)
    if read:
        return out
    cut = _SECOND.search(line)
    if cut is None:
        return line
    mine: list[Stated] = []
    (a, first), (b, second) = (_read_one(line[:cut.start() + 1], mode, mine),
                               _read_one(line[cut.end():], mode, mine))
    if not (a and b):
        return line
    found.extend(mine)
    kept = " ".join(x for x in (first, second) if x is not None)
    return kept or None


_SECOND = re.compile(r"\.[ \t]+(?=[A-Z*_])")
"""Where a second sentence starts on a line."""


def _read_one(line: str, mode: str, found: list[Stated]) -> tuple[bool, str | None]:
    """Whether `line` is one date line, and if so what it should read (None: dropped)."""
    parts = _date_parts(line)
    if parts is None:
        return False, line
    lead, label, sep, date, trail = parts
    parsed = parse_date(date)
    if parsed is None and _RELATIVE.fullmatch(date):
        # when the text was updated, counted from a day no version records: the line
        # goes (or states the version's own Last Updated), and no date is taken from it
        var = "effective" if label.lower().startswith(_EFFECTIVE_LABELS) else "last_updated"
        return True, None if mode == "remove" else f"{lead}{label}{sep}\0{var}\0{trail}"
    if parsed is None:
        return False, line
    found.append(Stated(" ".join(label.split()), *parsed))
    if mode == "remove":
        return True, None
    var = "effective" if found[-1].effective else "last_updated"
    return True, f"{lead}{label}{sep}\0{var}\0{trail}"


_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])")
"""Where a date line may start inside a title a copy of the page ran it into ("Privacy
PolicyLast Modified: 2022-10-27", Tumblr's as archived): a capital right after a small
letter."""
_DATE_LINE_WIDTH = 80
"""A date line run into a title is at most this long: only the title's end is read."""


def title_dated(title: str) -> tuple[str, str | None]:
    """The title without a date line run into it, and that line (None if there is none):
    read as any date line, the date was the title's, and each revision "changed the
    document's title" as a material change."""
    for m in _GLUED.finditer(title, max(0, len(title) - _DATE_LINE_WIDTH)):
        line = title[m.start():]
        if _date_parts(line) is not None:
            return title[:m.start()].rstrip(), line
    return title, None
