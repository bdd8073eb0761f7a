"""A verdict, and the words it is told in: material or not, the rule id that decided,
the evidence it saw, and its prose.

The prose (`reason`) is made only from the rule id and the evidence (`describe`), so the
redline, `lexdocs diff`, the pull-request comment, the feeds and versions.json tell the
same story; JSON gives the evidence as values and as old and new sides (`sides`).
How a change earns its verdict is materiality.py's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lexdocs.review.lexicon import Finding

LAWYERS_CALL = "Needs a lawyer's call"
"""The head of a referred verdict's reason, as "Material" and "Not material" are."""


@dataclass(frozen=True)
class Verdict:
    """Material or not, the rule id that decided, its prose, and the words it saw.

    `also` holds further findings (rule, evidence) a reviewer should see: the
    second and third rule that fired, or what a declared section overrode."""

    material: bool
    rule: str
    reason: str
    evidence: tuple[str, ...] = ()
    also: tuple[Finding, ...] = ()
    referred: bool = False
    """No rule explains the change (`unexplained`): it needs a lawyer's call, which its
    change-log entry gives. Until then it is held to what a material change is held to
    (`material` is True), so nothing unexplained is published without notice."""

    @property
    def call(self) -> str:
        """The verdict in one word a page or JSON shows: "material", "not-material" or
        "lawyers-call"."""
        return "lawyers-call" if self.referred else (
            "material" if self.material else "not-material")


_LABELS = {
    "negation": "a negation", "date": "a date", "duration": "a duration", "number": "a number",
    "email-address": "an email address", "phone-number": "a telephone number",
    "company-number": "a company's registration number",
    "web-address": "a web address",
    "postal-address": "a postal address", "recipient": "a third party",
    "data-category": "a category of personal data", "purpose": "a purpose", "right": "a right",
    "disclosure-ground": "a ground for disclosure", "condition": "a condition",
    "list-item": "a list item", "sentence": "a sentence",
    "block": "a paragraph or list item", "section": "the section",
}
_QUOTED = {"negation", "list-item", "sentence", "block", "condition", "wording", "function"}


def _and(items: Sequence[str]) -> str:
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _few(items: list[str], most: int = 8) -> list[str]:
    """A reason names what triggered it, but a list of thousands would bury the redline:
    the evidence itself stays whole in the structured verdict."""
    return items if len(items) <= most else [*items[:most], f"… {len(items) - most} more"]


def _arrow(show: Sequence[str]) -> str:
    """Before → after; a side with nothing on it is said in words ("added 'to'"), not
    shown as an arrow from nothing ("( → to)", which a reviewer reads as a glitch)."""
    i = list(show).index("→") if "→" in show else len(show)
    gone, came = ", ".join(show[:i]), ", ".join(show[i + 1:])
    if not gone or not came:
        return f"added {came}" if came else f"removed {gone}"
    return f"{gone} → {came}"


def describe(rule: str, evidence: Sequence[str] = (), *, first: bool = True) -> str:
    """The prose for one finding, made only from its rule id and evidence."""
    kind, _, change = rule.rpartition("-")
    show = [f"'{e}'" if kind in _QUOTED and e != "→" else e for e in evidence]
    most = 4 if kind == "wording" or rule == "unexplained" else 8  # runs are long: four a side
    if "→" in show:
        i = show.index("→")
        show = [*_few(show[:i], most), "→", *_few(show[i + 1:], most)]
    else:
        show = _few(show, most)
    if rule == "unexplained":
        show = [f"'{e}'" if e != "→" else e for e in show]
    if (kind == "wording" and change == "changed") or rule == "unexplained":
        lead = "the wording changed" if kind == "wording" else "no rule explains this rewording"
        if "→" in evidence:
            i = evidence.index("→")
            gone, came = show[:i], show[i + 1:]
            what = (f"{', '.join(gone)} → {', '.join(came)}" if gone and came else
                    f"added {', '.join(came)}" if came else f"removed {', '.join(gone)}")
            return f"{lead} ({what})"
        return lead
    if kind == "section" and change in ("added", "removed"):
        return f"the section was {change}"
    if rule == "section-moved":
        return f"the section moved{''.join(evidence)}; its words did not change"
    if rule == "section-renumbered":
        return (f"only the section's number changed ({_arrow(show)}): a part was put in or "
                "taken out before it")
    if kind in _LABELS:
        label = _LABELS[kind]
        sep = "; " if any("," in e for e in show) else ", "  # "Stripe, Inc." is one name
        if change == "changed" and "→" in show:
            i = show.index("→")
            return f"{label} changed ({sep.join(show[:i])} → {sep.join(show[i + 1:])})"
        return f"{label} was {change} ({sep.join(show)})"
    text = {
        "no-change": "no visible change",
        "immaterial-variable": f"only variables declared not material changed ({_and(show)})",
        "variable-changed": f"the value of {_and(show)} changed",
        "spelling-fix": f"a misspelling was corrected ({', '.join(show)})",
        "spelling-variant": f"British and American spelling ({', '.join(show)})",
        "grammar-fix": f"only an article changed ({', '.join(show)})",
        "formatting": f"{'only ' if first else ''}{_and(show or ['white space'])} changed",
        "section-not-material": "section declared not material",
        "own-scope": "only the organisation's own offerings listed changed ("
                     f"{_arrow(show) if '→' in show else ', '.join(show)})",
        "heading-added": f"only a heading was added ({', '.join(show)})",
        "heading-removed": f"only a heading was removed ({', '.join(show)})",
        "heading-changed": f"only a heading was reworded ({_arrow(show)})",
        "cross-reference-changed": f"only a pointer to more reading was reworded ({_arrow(show)})",
        "cross-reference-added": f"only a pointer to more reading was added ({', '.join(show)})",
        "refusal-widened": "only an action was added to what the organisation says it "
                           f"does not do ({', '.join(show)})",
        "instructions-added": f"only steps to follow in the product were added ({', '.join(show)})",
        "cross-reference-removed":
            f"only a pointer to more reading was removed ({', '.join(show)})",
        "product-renamed": f"a name was written in full or shortened ({_arrow(show)})",
        "template-tag-changed": "only tags of the old site's template changed, which "
                                f"lexdocs shows as typed and never runs ({_arrow(show)})",
        "name-templated": f"a name was written as a template variable named after it, or "
                          f"back ({_arrow(show)})",
        "drafting-note": f"only a drafter's note in brackets changed ({_and(show)})",
        "copyright-year": f"only the year of the copyright notice changed ({_and(show)})",
        "metrics-updated": "only the figures of the report of requests received and "
                           f"answered changed ({_and(show)})",
        "users-counted": f"only the count of the service's users changed ({_and(show)})",
        "item-renumbered": "only the number a paragraph or item opens with changed "
                           f"({_arrow(show)}), its words the same",
        "date-written-otherwise":
            f"only how a date is written changed, the same day ({_and(show)})",
        "adverb-moved":
            f"only an adverb moved past the word beside it ({', '.join(show)})",
        "preposition-fronted": "only a preposition moved to the other end of its clause "
                               f"({', '.join(show)})",
        "figure-written-otherwise":
            f"only how a figure is written changed, the same figure ({', '.join(show)})",
        "revision-date-changed": "only the date the text gives for its own last revision "
                                 f"changed ({_arrow(show)})",
        "changelog-entry": f"a line of the policy's own change log was added ({_and(show)})",
        "changelog-edited": f"only lines of the policy's own change log changed ({_and(show)})",
        "reordered": "the same sentences or list elements in another order",
        "function-words":
            f"only grammar words changed ({_arrow(show) if '→' in show else _and(show)})",
        "examples-removed": f"only examples were dropped ({'; '.join(show)})",
        "examples-added": f"only examples were added ({'; '.join(show)})",
        "label-number":
            f"only the number of a label that introduces a list changed ({', '.join(show)})",
        "word-form": f"a word put in the form of the word it is joined to ({_arrow(show)})",
        "verb-agreement": f"a verb put in agreement with its subject ({', '.join(show)})",
        "examples-changed": f"only examples in parentheses changed ({'; '.join(show)})",
        "document-named": f"only the way the document names itself changed ({', '.join(show)})",
        "abbreviation-expanded":  # either way: "repos" → "repositories", "Section" → "§"
            f"a word was written in full or shortened ({', '.join(show)})",
        "term-renamed": f"only a term the document defines was renamed ({', '.join(show)})",
        "term-written-plain":
            f"a term the text capitalised written in plain words, or back ({', '.join(show)})",
        "pointer-reworded":
            f"only a pointer to another part of the document changed ({', '.join(show)})",
        "label-reworded": f"only the label heading an item changed ({', '.join(show)})",
        "own-channel": "only the organisation or one of its own channels was named "
                       f"another way ({', '.join(show)})",
        "about-us": f"only what the organisation says of itself changed ({'; '.join(show)})",
        "advice-reworded": f"only advice to the reader was reworded ({'; '.join(show)})",
        "synonym": f"only words of the same meaning swapped ({', '.join(show)})",
        "hedge-added": "only 'may' was put before what the organisation does "
                       f"({', '.join(show)})",
        "hedge-removed": "only 'may' was taken from before what the organisation does "
                         f"({', '.join(show)})",
    }
    return text.get(rule, rule)


def values(evidence: Sequence[str]) -> tuple[str, ...]:
    """The evidence as values only: the "→" that separates old from new is no value."""
    return tuple(e for e in evidence if e != "→")


def sides(rule: str, evidence: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The evidence as (old values, new values), for data a reader need not parse: the
    values before and after "→"; a "-removed" rule's values are old, an "-added" rule's
    new; a link's old and new target; a correction "recieve → receive" split in two.
    Evidence that is neither (the dimensions of a formatting change, a variable's name)
    has no sides: ((), ())."""
    if "→" in evidence:
        i = list(evidence).index("→")
        return values(evidence[:i]), values(evidence[i + 1:])
    if any(" → " in e for e in evidence):
        pairs = [e.partition(" → ") for e in evidence if " → " in e]
        return tuple(a for a, _, _ in pairs), tuple(b for _, _, b in pairs)
    if rule.startswith("link-") and len(evidence) >= 2:
        return (evidence[0],), (evidence[1],)
    if rule.endswith("-removed"):
        return tuple(evidence), ()
    if rule.endswith("-added"):
        return (), tuple(evidence)
    return (), ()


def evidence_fields(rule: str, evidence: Sequence[str]) -> dict[str, list[str]]:
    """A verdict's evidence as JSON has it (redline JSON, versions.json): the values, and
    the same values as old and new (`sides`)."""
    old, new = sides(rule, evidence)
    return {"evidence": list(values(evidence)), "evidence_old": list(old),
            "evidence_new": list(new)}


def _once(evidence: Iterable[str]) -> tuple[str, ...]:
    """Each piece of evidence once ("a category of personal data was added (email address,
    name)", not "… name, name" for a name the text now mentions twice), unless it is an
    old → new pair, whose sides are read apart."""
    ev = tuple(evidence)
    return ev if "→" in ev else tuple(dict.fromkeys(ev))


def verdict(material: bool, rule: str, evidence: Iterable[str] = (),
            also: Iterable[Finding] = (), referred: bool = False) -> Verdict:
    """A Verdict whose reason is made from its findings (`referred`: a lawyer's call,
    held to what a material change is held to)."""
    ev, more = _once(evidence), tuple((r, _once(e)) for r, e in also)
    parts = [describe(rule, ev)] + [describe(r, e, first=False) for r, e in more]
    if rule == "section-not-material" and more:
        parts = [f"{parts[0]} (note: {'; '.join(parts[1:])})"]
    elif rule == "spelling-fix" and more:
        parts = [f"{parts[0]}, and {'; '.join(parts[1:])}"]
    head = LAWYERS_CALL if referred else "Material" if material else "Not material"
    return Verdict(material or referred, rule, f"{head}: {'; '.join(parts)}.", ev, more,
                   referred)
