"""The figures of a report a policy publishes of the privacy requests it received and how
it answered them (the CCPA's regulations ask a business to publish them each year).

Each year the report counts another year's requests: new figures state no term of the
processing, so a change of them alone is no material change (`metrics-updated`). Read
apart from the typed facts, whose durations and numbers the same figures would be.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["metrics_only", "users_counted"]

_METRIC_LINE = re.compile(
    r"\b(?:received|complied(?:\s+with)?(?:\s+in\s+(?:whole|part))?|denied|rejected|"
    r"declined|fulfilled|(?:average|mean|median)\s+(?:response\s+)?(?:time|days|number\s+"
    r"of\s+days)(?:\s+to\s+respond)?)[*_]*\s*:[*_]*[ \t]*\d+(?:[.,]\d+)*"
    r"(?:[ \t]+(?:day|hour|week|month)s?\b)?", re.I)
"""A figure of a report of the requests a business received and how it answered them
("Received: 16", "Complied with: 16", "Average response time: 1.1 days", Snapchat's
"Metrics On Your Rights"), as the CCPA's regulations ask it to publish each year."""
_METRICS = re.compile(r"\bmetrics\b", re.I)
"""The word of a sentence about the report ("The metrics above are for calendar year
2025 …"): that sentence's year is the report's."""
_SENTENCE_END = re.compile(r"[.\n]")
_REPORTED = re.compile(r"(?<![\d][.,])\b\d+(?:[.,]\d+)*(?:(\s+)(day|hour|week|month)s?\b)?")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def metrics_only(old: str, new: str) -> tuple[str, ...]:
    """The figures ("3 → 16") when all that differs between the texts is the figures of a
    report of requests received and answered, and the year it covers, else (): each year
    the report counts another year's requests, and it states no term of the processing.
    A duration or a figure anywhere else still counts."""
    if not (_METRIC_LINE.search(old) and _METRIC_LINE.search(new)):
        return ()
    figures: list[list[str]] = []

    def blank(figure: re.Pattern[str]) -> Callable[[str], str]:
        def each(part: str) -> str:
            figures[-1].extend(f.group() for f in figure.finditer(part))
            return figure.sub(lambda f: f"#{f[1] or ''}{f[2] or ''}" if f.re.groups else "#",
                              part)
        return each

    reported, yearly = blank(_REPORTED), blank(_YEAR)  # each into the side being read
    sides = []
    for text in (old, new):
        figures.append([])
        sides.append(_in_sentences(_METRICS, yearly, _METRIC_LINE.sub(
            lambda m: reported(m.group()), text)))
    a, b = figures
    if sides[0] != sides[1] or a == b:
        return ()
    if len(a) != len(b):
        return (f"{', '.join(a)} → {', '.join(b)}",)
    return tuple(f"{x} → {y}" for x, y in zip(a, b, strict=True) if x != y)


def _in_sentences(word: re.Pattern[str], edit: Callable[[str], str], text: str) -> str:
    """`text` with `edit` applied to each sentence holding `word`, each read once (a
    pattern spanning the sentence around the word tried every start in it)."""
    out, at = [], 0
    for m in word.finditer(text):
        if m.start() < at:
            continue  # the word again, in the sentence just edited
        start = max(text.rfind(".", at, m.start()), text.rfind("\n", at, m.start())) + 1
        start = max(start, at)
        end = _SENTENCE_END.search(text, m.end())
        stop = end.start() if end else len(text)
        out.append(text[at:start])
        out.append(edit(text[start:stop]))
        at = stop
    out.append(text[at:])
    return "".join(out)


_USER_COUNT = re.compile(
    r"(?<![\d.,])\d+(?:[.,]\d+)?(?:[ \t]+(?:thousand|million|billion)\b|(?<=\d)[kmb]\b)\+?"
    r"|(?<![\d.,])\d{1,3}(?:,\d{3}){2,}\+?(?![.,]?\d)", re.I)
"""A figure big enough to count a service's audience: with its scale word ("400 million",
"1.5 billion", "10k") or written out to millions ("1,000,000")."""
_COUNTED = re.compile(r"[ \t]+(?:(?:monthly|daily|weekly)[ \t]+)?(?:active[ \t]+)?(?:users|people|"
                      r"customers|members|subscribers|creators|developers|businesses|"
                      r"organi[sz]ations|accounts|downloads|installs)\b", re.I)


def users_counted(old: str, new: str) -> tuple[str, ...]:
    """The figures ("400 million → 700 million") when all that differs between the texts
    is how many people the service counts ("Telegram also has more than 400 million
    users which makes it a lucrative target for spammers", Telegram's privacy policy as
    archived, "a number changed" at each milestone), else (): the size of the audience
    states no term of the processing. Only a figure that counts in thousands at least,
    right before whom it counts, so a plan's "up to 5 users" stays a number changed."""
    def counts(text: str) -> list[re.Match[str]]:
        return [m for m in _USER_COUNT.finditer(text) if _COUNTED.match(text, m.end())]

    a, b = counts(old), counts(new)
    if not a or len(a) != len(b):
        return ()

    def blank(text: str, found: list[re.Match[str]]) -> str:
        at, out = 0, []
        for m in found:
            out += [text[at:m.start()], "#"]
            at = m.end()
        return "".join([*out, text[at:]])

    if blank(old, a) != blank(new, b):
        return ()
    return tuple(f"{x.group()} → {y.group()}" for x, y in zip(a, b, strict=True)
                 if x.group() != y.group())
