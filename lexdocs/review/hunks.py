"""The verdict on one hunk of a section's redline: its words, then what the words alone
cannot show.

materiality.py judges the words that changed, with every written-out URL that moved
swapped back (`words_before`: link maintenance alone is not "a web address changed").
What it cannot see is completed here (`completed`): blocks that are each only a link
are a list of where to read more (a pointer); each link target that moved is judged
by links.py and joined with the words (`joined_verdict`); a heading only framed anew
names the part it heads.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from lexdocs.render import markup
from lexdocs.review import links, materiality, pointers, surface, verdicts
from lexdocs.review.lexicon import key
from lexdocs.review.looks import LinkMove, link_moves, look_notes
from lexdocs.review.rows import Hunk, Row
from lexdocs.review.verdicts import Verdict

__all__ = ["completed", "joined_verdict", "link_verdicts", "listed_links", "words_before"]


def words_before(h: Hunk) -> str:
    """The hunk's old words as the materiality rules read them: each URL written out that
    moved replaced by where it moved, and each one written out that a link now carries
    (or the other way round) as the words that carry it, so what is left to differ is
    the wording."""
    text = _swap_urls(h.old, links.url_pairs(h.old, h.new))
    for c in _carried(h):
        text = _carried_back(text, h.new, c.url, c.words, c.came)
    return text


# What stands between a link's words and the address written out after them ("Google
# analytics: https://…", "Hotjar – www.hotjar.com", "our form (https://…)").
_BESIDE = r"[ \t]*(?:[:\-–—][ \t]*|\([ \t]*)?"


class Carried(NamedTuple):
    """A web address written out on one side of a hunk that a link carries on the other."""

    url: str
    words: str
    came: bool
    """The link came (the address written out went)."""
    move: LinkMove


def _carried(h: Hunk) -> list[Carried]:
    """Each web address written out on one side of the hunk that a link carries on the
    other, to the same address: (the address as written, the link's words, whether the
    link came). "Google analytics: https://tools.google.com/dlpage/gaoptout" made
    "[Google analytics](https://tools.google.com/dlpage/gaoptout)" sends the reader where
    it did; "a web address was removed" and "a link was added" said what is not so."""
    def keyed(text: str) -> dict[str, str]:
        return {_address(u): u for u in links.written(text)}

    old, new = keyed(h.old), keyed(h.new)
    out = []
    for m in link_moves(h.segments):
        target, came = (m.new, True) if m.old is None else (m.old, False)
        if m.image or target is None or (m.old is not None and m.new is not None):
            continue
        k = _address(target)
        was, now = (old, new) if came else (new, old)
        if m.words.strip() and k in was and k not in now and _says_nothing_new(
                m.words, was[k], h.old if came else h.new):
            out.append(Carried(was.pop(k), m.words.strip(), came, m))
    return out


# Words that only name a link for what it is ("this page", "here", "the form").
_LINK_WORDS = frozenset({"a", "an", "the", "this", "that", "these", "our", "their", "its",
                         "here", "page", "pages", "link", "links", "form", "site", "website",
                         "web", "article", "s"})


def _says_nothing_new(words: str, url: str, text: str) -> bool:
    """Whether a link's words, put where an address was written out, say nothing the
    text or the address did not: each word is in the text beside it already ("Google
    analytics: https://…"), in the address ("Google's page" for tools.google.com), or
    only names a link ("this page"). Words that name someone new ("AdCo's form") are
    the rules' to judge."""
    known = _LINK_WORDS | set(re.findall(r"[a-z0-9]+", f"{text} {url}".casefold()))
    return set(re.findall(r"[a-z0-9]+", words.casefold())) <= known


def _address(url: str) -> str:
    """What makes a written address and a link target the same: a bare host written out
    ("tools.google.com/x") is the link's "https://tools.google.com/x"."""
    return re.sub(r"^https?://", "", key(url, "web-address"))


def _carried_back(text: str, new: str, url: str, words: str, came: bool) -> str:
    """The old words with a carried address (`_carried`) read as the new words have it:
    the address written out after the link's words is those words alone ("Google
    analytics: https://…" → "Google analytics"), an address in their place is the
    words; and the other way round for a link that became the address written out."""
    beside = re.compile(re.escape(words) + _BESIDE + re.escape(url) + r"\)?")
    if came:
        return beside.sub(lambda _: words, text, count=1) if beside.search(text) else (
            text.replace(url, words, 1))
    found = beside.search(new)
    return text.replace(words, found.group() if found else url, 1)


def completed(words: Verdict, h: Hunk, rows: Sequence[Row], words_old: str,
              section_material: bool, home: str = "") -> Verdict:
    """The verdict on the hunk's words (`words`, judged on `words_old`), completed by its
    links, its layout and its headings."""
    v = _links_listed(words, h, rows)
    # Where a link on words no reader sees (a word joiner a page puts after a link's words
    # for its icon, "Usage Policies⁠") leads, when visible words of the hunk lead there too
    shown = {t for r in rows[h.rows[0]:h.rows[1]] for s in r.segments
             if surface.visible(s.text).strip() and (t := markup.target(s.facets))}
    v = _with_links(h, words_old, v, section_material, home, shown)
    return _heading_only(v, h, rows, home)


def _heading_only(v: Verdict, h: Hunk, rows: Sequence[Row], home: str = "") -> Verdict:
    """A hunk whose changed blocks are all headings, only framed anew around the same
    words (materiality.heading_renamed) with nothing the rules found in them: such a
    heading names the part of the document it heads, which says what it says, so it is
    not material (a negation, a third party or a date in it still is: those rules fire
    first)."""
    changed = [r for r in rows[h.rows[0]:h.rows[1]] if r.changed]
    if v.rule not in ("wording-changed", "unexplained") or not all(
            r.kind.startswith("heading") for r in changed) or not all(materiality.heading_renamed(
                "".join(s.text for s in r.segments if s.op != "insert"),
                "".join(s.text for s in r.segments if s.op != "delete"), home) for r in changed):
        return v  # a heading may carry the statement: only one framed anew is a name
    return verdicts.verdict(False, "heading-changed", (h.old, "→", h.new))


def no_headings(h: Hunk, rows: Sequence[Row]) -> bool:
    """Whether a block the hunk changes is a table's data cell or a list's item
    (markup.Block.kind), which is judged by what it says however much it looks like a
    heading (materiality.classify: `no_headings`); a header cell is a column's heading."""
    return any(r.changed and _NO_HEADING.match(r.kind) for r in rows[h.rows[0]:h.rows[1]])


def headings(h: Hunk, rows: Sequence[Row]) -> frozenset[str]:
    """The words of the hunk's blocks the source marks as headings, in either version
    (markup.Block.kind): what `materiality.classify` reads no names in, whatever their
    case."""
    out = set()
    for r in rows[h.rows[0]:h.rows[1]]:
        for kind, op in ((r.old_kind or r.kind, "insert"), (r.kind, "delete")):
            if kind.startswith("heading"):
                out.add("".join(s.text for s in r.segments if s.op != op).strip())
    return frozenset(t for t in out if t)


_NO_HEADING = re.compile(r"^(?:quoted )*(?:table cell|bulleted item|numbered item)")


_WHOLE = ("block-", "list-item-", "sentence-", "heading-")


def _links_listed(v: Verdict, h: Hunk, rows: Sequence[Row]) -> Verdict:
    """Blocks added (or removed) together that are each only a link ("Jetpack Privacy
    Center", "WooCommerce and the GDPR"), with at most a heading or a pointer that
    introduces them ("Links to our default search providers are:"): a list of where to
    read more, judged as a pointer sentence is (`cross-reference-added`), and its links
    as the pointer's own. Whatever else the rules found in those words (a third party, a
    date, a negation) still decides: only whole pieces added or removed are a list."""
    if not all(rule.startswith(_WHOLE) for rule, _ in ((v.rule, ()), *v.also)):
        return v
    changed = [r for r in rows[h.rows[0]:h.rows[1]] if r.changed]
    ops = {r.op for r in changed}
    if ops not in ({"insert"}, {"delete"}):
        return v
    blocks = []
    for r in changed:
        text = "".join(s.text for s in r.segments).strip()
        kind = ("link" if all(markup.target(s.facets) for s in r.segments if s.text.strip())
                else "heading" if r.kind.startswith("heading") else "text")
        blocks.append((text, kind))
    return listed_links(v, blocks, added="insert" in ops)


def listed_links(v: Verdict, blocks: Sequence[tuple[str, str]], added: bool) -> Verdict:
    """`_links_listed` on the blocks a hunk only added (or only removed), each with what
    it is in the source ("link": its words are all one link's; "heading"; "text"): what
    the corpus test asks too, whose cases know their blocks only as text."""
    if not all(rule.startswith(_WHOLE) for rule, _ in ((v.rule, ()), *v.also)):
        return v
    linked = False
    for text, kind in blocks:
        if kind == "link" and pointers.link_label(text):
            linked = True
        elif not (kind == "heading" or pointers.is_pointer(text)):
            return v
    if not linked:
        return v
    return verdicts.verdict(False, f"cross-reference-{'added' if added else 'removed'}",
                            [text for text, _ in blocks])


def _swap_urls(text: str, pairs: Sequence[tuple[str, str]]) -> str:
    """`text` with each written-out URL that moved replaced by where it moved: what is
    left to differ is the wording, which the materiality rules judge."""
    for a, b in pairs:
        text = text.replace(a, b)
    return text


def link_verdicts(h: Hunk, home: str = "", shown: frozenset[str] | set[str] = frozenset()
                  ) -> list[Verdict]:
    """A verdict for each link target that changed in a hunk, on the words that carry it,
    and for each URL written out as text that became another URL (`home`: links.judge).
    A link that came or went on words no reader sees, to where visible words of the hunk
    lead (`shown`), is the same way there: OpenAI's terms, as archived, put one after a
    link's words for its icon in one edition and two in the next, and each was "a link
    to openai.com was added on '⁠'"."""
    carried = _carried(h)
    kept = [c.move for c in carried]
    moves = [m for m in link_moves(h.segments) if m not in kept and (
        surface.visible(m.words).strip() or (m.new if m.old is None else m.old) not in shown)]
    # A link that goes from some words and comes on others, in one hunk, leads where it
    # led: the words around it changed, and their verdict says how ("a link to … was
    # added" and "… was removed" for one address said what is not so).
    both = Counter(m.new for m in moves if m.old is None) & Counter(
        m.old for m in moves if m.new is None)
    left = {"came": Counter(both), "went": Counter(both)}
    found: dict[tuple[str | None, str | None], tuple[str, bool]] = {}
    for m in moves:
        side, target = (("came", m.new) if m.old is None else ("went", m.old)
                        if m.new is None else ("", None))
        if target is not None and left[side][target] > 0:
            left[side][target] -= 1
            continue
        found.setdefault((m.old, m.new), (m.words, m.kept))
    for a, b in links.url_pairs(h.old, h.new):
        found.setdefault((a, b), ("", True))
    return [*(links.written_as_link(c.url, c.words, c.came) for c in carried),
            *(links.judge(a, b, words, home, kept) for (a, b), (words, kept) in found.items())]


def _with_links(h: Hunk, words_old: str, words: Verdict, section_material: bool,
                home: str = "", shown: frozenset[str] | set[str] = frozenset()) -> Verdict:
    """The verdict on a hunk's words joined with those on its links and layout.

    Words the same once moved URLs are swapped back: only links (or only marks and
    block kinds) changed, and their verdicts alone decide.
    """
    verdicts = link_verdicts(h, home, shown)
    same_words = words_old == h.new
    if not verdicts and not same_words:
        return words
    parts = ([] if same_words else [words]) + verdicts
    if not parts:
        said = [*h.notes, *(f"'{s.text.strip()}': {'; '.join(map(str, notes))}" for s, notes
                            in zip(h.segments, look_notes(h.segments), strict=True) if notes)]
        return Verdict(False, "layout-only", "Not material: only the layout changed" + (
            f" ({'; '.join(said)})." if said else "."), tuple(said))
    v = joined_verdict(None if same_words else words, verdicts)
    if v.material and not section_material:
        return Verdict(False, "section-not-material", "Not material: section declared not "
                       f"material (note: {v.reason}).", v.evidence)
    return v


def joined_verdict(words: Verdict | None, moved: Sequence[Verdict]) -> Verdict:
    """The verdict on a change's words (None: they did not change) and on its links as
    one: material if any is; a lawyer's call when the words are one and no link is
    material (what no rule explains stays unexplained beside harmless link moves)."""
    if words is not None and words.rule.startswith("cross-reference-"):
        moved = [_pointers_own(m, words.rule.rpartition("-")[2]) for m in moved]
    if words is not None and words.referred and any(m.material for m in moved):
        # a material link explains the change: the rewrite beside it is one more reason
        said = words.reason.removeprefix(f"{verdicts.LAWYERS_CALL}: ")
        words = replace(words, referred=False, reason=f"Material: {said}")
        parts = [*[m for m in moved if m.material], words, *[m for m in moved if not m.material]]
    else:
        parts = [*([words] if words else []), *moved]
    v = parts[0] if len(parts) == 1 else links.combine(parts)
    if words is None or not words.referred:
        return v
    said = words.reason.removeprefix(f"{verdicts.LAWYERS_CALL}: ").rstrip(".")
    quiet = "; ".join(m.reason.removeprefix("Not material: ").rstrip(".") for m in moved)
    return replace(v, rule=words.rule, referred=True, reason=(
        f"{verdicts.LAWYERS_CALL}: {said}" + (f"; not material: {quiet}" if quiet else "")
        + "."))


def _pointers_own(link: Verdict, verb: str) -> Verdict:
    """A link that came or went with the pointer sentence carrying it ("To learn more, see
    this article"): the pointer's own, as harmless as the pointer."""
    if link.rule != f"link-{verb}" or not link.material:
        return link
    said = link.reason.removeprefix("Material: ")
    return replace(link, material=False, reason=f"Not material: the pointer's own link: {said}")
