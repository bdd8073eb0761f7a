"""The time zone a history was written in, read from its commits' own UTC offsets.

A version's id and "Last Updated" are the day its commit was made, in the site's zone. A
team in California committing at 16:17 −08:00 made that commit on the 3rd, but under UTC
it is the 4th. So `init` and `import`, when nobody names a zone, take the one whose
offsets (summer and winter time included) explain the most commits, and say which: an
offset alone names no zone, and the name is what the configuration needs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

PREFERRED = ("UTC", "America/Los_Angeles", "America/New_York", "America/Chicago",
             "America/Denver", "America/Phoenix", "America/Toronto", "America/Sao_Paulo",
             "Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Amsterdam",
             "Europe/Dublin", "Europe/Lisbon", "Europe/Helsinki", "Europe/Moscow",
             "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Asia/Singapore", "Asia/Dubai",
             "Australia/Sydney", "Australia/Perth", "Pacific/Auckland", "Africa/Johannesburg")
"""Zones tried first, so that of several zones with the same offsets (Los Angeles,
Vancouver, Tijuana) the one most sites mean is chosen; the rest follow by name."""
SAMPLE = 400
"""The newest commits read: enough to see both halves of a year's summer time."""


@dataclass(frozen=True)
class Guess:
    """The zone chosen, and how many of the commits read it explains."""

    zone: str
    explained: int
    read: int

    @property
    def reason(self) -> str:
        return f"from the UTC offsets of {self.explained} of {self.read} commit(s)"

    def describe(self) -> str:
        """For the message that says which zone was chosen and why."""
        return f"{self.zone} ({self.reason})"


@cache
def _candidates() -> tuple[str, ...]:
    rest = sorted(z for z in available_timezones()
                  if "/" in z and not z.startswith(("Etc/", "SystemV/", "US/", "posix", "right"))
                  and z not in PREFERRED)
    return (*PREFERRED, *rest)


def guess_zone(commits: Sequence[tuple[int, int]]) -> Guess | None:
    """The zone for commits given as (unix time, UTC offset in seconds), newest last;
    None if there are none."""
    sample = list(commits)[-SAMPLE:]
    if not sample:
        return None
    counts = Counter(sample)
    best: Guess | None = None
    for name in _candidates():
        zone = ZoneInfo(name)
        fits = sum(n for (when, offset), n in counts.items() if _offset(zone, when) == offset)
        if best is None or fits > best.explained:
            best = Guess(name, fits, len(sample))
            if fits == len(sample):
                break
    return best


def _offset(zone: ZoneInfo, when: int) -> int | None:
    off = dt.datetime.fromtimestamp(when, zone).utcoffset()
    return int(off.total_seconds()) if off is not None else None


def parse_offset(raw: str) -> tuple[int, int]:
    """(unix time, offset in seconds) from git's raw date, `1700000000 -0800`."""
    when, _, zone = raw.strip().partition(" ")
    sign = -1 if zone.startswith("-") else 1
    digits = zone.lstrip("+-").rjust(4, "0")
    return int(when), sign * (int(digits[:2]) * 3600 + int(digits[2:4]) * 60)
