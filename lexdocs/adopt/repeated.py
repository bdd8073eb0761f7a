"""Headings that share an id, and the in-page links that name it.

A page that holds several policies (WhatsApp's privacy policy, its payments policy and
its business policy, each with "Information We Collect"), or a policy whose parts each
have a "Contact us", gives those headings ids of their own on the old site; a copy in
Markdown keeps only their words, so each converts to the same id, and every link to it
is ambiguous: the build refuses it, and the first build of an adopted site fails. Which
one a link meant is the one nearest it: in its own part first, else in the nearest part,
a following one before a preceding one (a table of contents comes before the parts it
lists). Each repeated heading a link names gets an id of its own ("-2", "-3" in the
order they stand), written on its line as attr_list writes it; the first keeps the
plain id, and a section's own id (a permanent anchor) is never the one renamed.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from urllib.parse import unquote

_LINK = re.compile(r"""(\]\(\s*<?|\]:[ \t]*<?|\bhref=["'])#([^)\s"'>]+)""")
_GIVEN = re.compile(r"\{:?[ \t]*#[\w-]+[ \t]*\}")
Place = tuple[int, int]
"""A heading's part (its section's index) and line there; line -1 is the section's own."""


def distinct(bodies: Sequence[str], section_ids: Sequence[str], heading: re.Pattern[str],
             id_of: Callable[[str], str]) -> list[str]:
    """`bodies` with each id that headings share, and that a link names, made one per
    heading, and each link to it led to the heading nearest it. `heading` matches a
    heading line (at a line's start, MULTILINE) and `id_of` gives a line's id."""
    bodies = list(bodies)
    wanted = {unquote(m[2]) for body in bodies if "#" in body for m in _LINK.finditer(body)}
    if not wanted:
        return bodies
    where: dict[str, list[Place]] = {}
    for i, sid in enumerate(section_ids):
        where.setdefault(sid, []).append((i, -1))
    split = [b.split("\n") for b in bodies]
    for i, lines in enumerate(split):
        for j, line in enumerate(lines):
            if line[:1] in " \t#*+-0123456789" and heading.match(line):
                where.setdefault(id_of(line), []).append((i, j))
    linked = {a for a in wanted if len(where.get(a, ())) > 1}
    if not linked:
        return bodies
    taken = set(where)
    named: dict[Place, str] = {}  # each place of a linked, repeated id → the id it now has
    for a in sorted(linked):
        places = sorted(where[a], key=lambda p: p[1] >= 0)  # a section keeps its id
        named[places[0]] = a
        count = itertools.count(2)
        for place in places[1:]:
            made = next(f"{a}-{n}" for n in count if f"{a}-{n}" not in taken)
            taken.add(made)
            named[place] = made
    for (i, j), made in named.items():
        if j >= 0:
            split[i][j] = f"{_without_given(split[i][j])} {{: #{made} }}"  # `{#`: a comment

    out = []
    for i, lines in enumerate(split):
        body = "\n".join(lines)
        starts = list(itertools.accumulate((len(ln) + 1 for ln in lines[:-1]), initial=0))

        def lead(m: re.Match[str], i: int = i, starts: list[int] = starts) -> str:
            a = unquote(m[2])
            if a not in linked:
                return m.group()
            here = (i, bisect.bisect_right(starts, m.start()) - 1)
            return f"{m[1]}#{named[_nearest(here, where[a])]}"

        out.append(_LINK.sub(lead, body) if "#" in body else body)
    return out


def _without_given(line: str) -> str:
    """The heading line without the id given at its end (`{: #x }`), its last `{` only: a
    pattern searched along the line would try each run of spaces from each of its spaces."""
    bare = line.rstrip()
    at = bare.rfind("{") if bare.endswith("}") else -1
    return bare[:at].rstrip() if at >= 0 and _GIVEN.fullmatch(bare, at) else bare


def _nearest(here: Place, places: Sequence[Place]) -> Place:
    """The place nearest `here`: in its own part by lines, else by parts, a following part
    before a preceding one at the same distance."""
    i, j = here
    return min(places, key=lambda p: (p[0] != i, abs(p[0] - i), p[0] < i, abs(p[1] - j)))
