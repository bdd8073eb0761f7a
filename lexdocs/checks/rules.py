"""The rule book of `lexdocs check`: ids, severities, legal sources, required elements.

Data, kept apart from the code that applies it (`compliance`), so a lawyer can
review what is required and why in one short file; CHECKS.md explains each rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from lexdocs.checks.readability import RULE as READABILITY_RULE
from lexdocs.findings import Finding, Severity


@dataclass(frozen=True)
class Rule:
    """A check as `lexdocs check --list-rules` and CHECKS.md present it."""

    id: str
    severity: Severity
    summary: str
    source: str


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("ccpa-stale", "error", "California rights last updated more than 12 months ago",
         "Cal. Civ. Code §1798.130(a)(5); 11 CCR §7011(e)(4)"),
    Rule("category-retention", "error", "a data category without a retention period",
         "Cal. Civ. Code §1798.100(a)(3)"),
    Rule("eu-summary-element", "error", "an element of the GDPR Art. 13 notice is missing",
         "GDPR Art. 13(1)-(2), Art. 12(1)-(2)"),
    Rule("ccpa-notice-element", "error", "a required element of the California notice is missing",
         "Cal. Civ. Code §1798.100(a)(3), §1798.130(a)(1), (a)(5); 11 CCR §7011(e)"),
    Rule("ccpa-notice-gap", "warning", "the California notice and the statement omit a point "
         "the law expects", "11 CCR §7011(e)(3)(F), §7025; Cal. Civ. Code §1798.130(a)(1)(A), "
         "§1798.130(a)(5)(C)"),
    Rule("literal-fact", "warning", "a fact typed by hand where a variable holds it",
         "none: single-source rule (a stale copy makes a notice inaccurate)"),
    Rule("dangling-list-intro", "error", "a sentence introduces a list that does not follow",
         "GDPR Art. 12(1); 11 CCR §7003(a)"),
    Rule("unconfirmed-value", "warning", "a published value still awaits confirmation",
         "none: accuracy of the notice"),
    Rule("file-link", "warning",
         "a link names a Markdown file ('../security/index.md'), which no site publishes",
         "none: accuracy of the notice (a reader who follows it finds no page)"),
    Rule("template-tag-published", "warning",
         "a template tag of another site ('{% ... %}', '{{ ... }}') is published as typed",
         "none: accuracy of the notice (readers see the tag, not what it stood for)"),
    Rule("markup-published", "warning",
         "markup a reader would see as typed: an HTML tag ('<br>'), bold or emphasis that did "
         "not take ('**Term. **'), an attribute list, a link's Markdown, a list typed "
         "right under a line",
         "none: accuracy of the notice (readers see the marks, not what they meant)"),
    Rule("drafting-note", "warning",
         "a drafter's note in brackets ('[add link]', '[TBD]') is published",
         "none: accuracy of the notice (readers see a note meant for its drafter)"),
    Rule("address-lost", "warning",
         "a placeholder a copied page left where an e-mail address was ('[email protected]')",
         "none: accuracy of the notice (readers cannot write to an address they are not "
         "shown)"),
    Rule("empty-heading", "warning", "a heading with no words ('### ' alone) is published",
         "none: accessibility (WCAG 2.4.6; a screen reader announces a heading and reads "
         "nothing)"),
    Rule("vague-words", "info", "vague qualifiers ('may', 'might', 'some', 'certain') per section",
         "GDPR Art. 12(1); WP29 Guidelines on transparency (WP260 rev.01), para. 13"),
    Rule(READABILITY_RULE, "warning", "a summary page below its reading-ease target",
         "GDPR Art. 12(1); 11 CCR §7003(a)"),
)}


ENGINE_RULES: tuple[Rule, ...] = (
    Rule("engine-end-of-life", "warning", "the installed mkdocs-material is past its announced "
         "end of life (May 5, 2027); the site still builds",
         "none: a site must keep being built by a maintained engine (README, Choosing an "
         "engine)"),
)
"""Rules about the engine that builds the site, not its documents (`engines.support`)."""


@dataclass(frozen=True)
class Element:
    """One thing a notice must say: the tag of the section that says it, and the words.

    `words` is a list of groups that must all occur; each group lists alternatives.
    An alternative is a word start matched without case ("rectif" finds
    "rectification") or `<role>` for the value of the variable the document's `roles:`
    assigns to that role (`sources.schemas.ROLES`). `only_if` names the role of a boolean
    variable that makes the element required (the DPF paragraphs).
    """

    id: str
    label: str
    source: str
    tag: str | None
    words: tuple[tuple[str, ...], ...]
    only_if: str | None = None

    @property
    def expects(self) -> str:
        """The words in plain English, for the finding."""
        def show(w: str) -> str:
            return f"the value of the {w[1:-1]} variable" if w.startswith("<") else f"'{w}'"

        return " and ".join(" or ".join(show(w) for w in g) for g in self.words)


def _table(text: str) -> tuple[Element, ...]:
    """Rows `id | label | source | tag (- for any) | words`; words: `a / b & c`."""
    out = []
    for row in filter(None, (ln.strip() for ln in text.strip().split("\n"))):
        eid, label, source, tag, words = (p.strip() for p in row.split(" | "))
        only_if = None
        if words.startswith("if <"):
            only_if, words = words[4:].split("> ", 1)
        groups = tuple(tuple(a.strip() for a in g.split(" / ")) for g in words.split(" & "))
        out.append(Element(eid, label, source, None if tag == "-" else tag, groups, only_if))
    return tuple(out)


EU_ELEMENTS = _table("""
controller | who the controller is | GDPR Art. 13(1)(a) | controller | \\
<controller> & controller
contact | the controller's contact details | GDPR Art. 13(1)(a) | contact | <privacy-contact>
dpo | how to reach the data protection officer | GDPR Art. 13(1)(b) | dpo | data protection officer
purposes | the purposes of the processing | GDPR Art. 13(1)(c) | purposes | we use / purpose
legal-basis | the legal basis of the processing | GDPR Art. 13(1)(c) | legal-basis | \\
legal basis / legal bases
legitimate-interests | the legitimate interests | GDPR Art. 13(1)(d) | legal-basis | \\
legitimate interest
recipients | the recipients of the data | GDPR Art. 13(1)(e) | recipients | recipient / share
transfers | transfers abroad and their safeguards | GDPR Art. 13(1)(f) | transfers | \\
adequacy & contract
dpf | the Data Privacy Framework | GDPR Art. 13(1)(f) | transfers | if <dpf-participates> \
Data Privacy Framework & <dpf-program>
recourse | the independent recourse mechanism | DPF Principles: Notice, Recourse | transfers | \
if <dpf-participates> <dpf-recourse> & independent
retention | how long data is kept, or the criteria | GDPR Art. 13(2)(a) | retention | \
days / months / years / as long as
right-access | the right of access | GDPR Art. 13(2)(b), 15 | rights | access
right-rectification | the right to rectification | GDPR Art. 13(2)(b), 16 | rights | rectif
right-erasure | the right to erasure | GDPR Art. 13(2)(b), 17 | rights | erasure
right-restriction | the right to restriction | GDPR Art. 13(2)(b), 18 | rights | restrict
right-portability | the right to data portability | GDPR Art. 13(2)(b), 20 | rights | portab
right-objection | the right to object | GDPR Art. 13(2)(b), 21 | rights | object
withdraw-consent | the right to withdraw consent | GDPR Art. 13(2)(c), 7(3) | rights | withdraw
complaint | the right to complain | GDPR Art. 13(2)(d), 77 | complaint | supervisory authority
requirement | whether giving data is required | GDPR Art. 13(2)(e) | requirement | \
do not have to / not required / decline
exercise | how to use the rights | GDPR Art. 12(2) | exercise-rights | <privacy-contact>
full-statement | a link to the full statement | GDPR Art. 12(1); WP260 rev.01 para. 35 | \
full-statement | <full-statement>
""".replace("\\\n", ""))

_CCPA = "Cal. Civ. Code §1798"
CA_ELEMENTS = _table(f"""
categories | the categories collected in the past 12 months | {_CCPA}.130(a)(5)(B) | \
categories | 12 months
sources | the categories of sources | 11 CCR §7011(e)(1) | sources | source / comes from
purposes | the business purposes | 11 CCR §7011(e)(1) | purposes | purpose
recipients | the categories of recipients | {_CCPA}.130(a)(5)(C) | recipients | disclose
retention | how long each category is kept | {_CCPA}.100(a)(3) | retention | keep / retain
sale | whether personal information is sold | {_CCPA}.130(a)(5)(C) | sale | do not sell
right-know | the right to know | {_CCPA}.110, .115 | rights | know
right-delete | the right to delete | {_CCPA}.105 | rights | delet
right-correct | the right to correct | {_CCPA}.106 | rights | correct
right-opt-out | the right to opt out of sale or sharing | {_CCPA}.120 | rights | opt out / opt-out
right-limit | the right to limit use of sensitive data | {_CCPA}.121 | rights | limit & sensitive
right-non-discrimination | the right not to be discriminated against | {_CCPA}.125 | rights | \
discriminat
methods | two or more ways to make a request | {_CCPA}.130(a)(1) | requests | \
<privacy-contact> & <telephone> / <postal-address>
verification | how requests are verified | 11 CCR §7011(e)(3) | verification | verif
authorized-agent | how an authorized agent asks | 11 CCR §7011(e)(3)(H) | authorized-agent | \
authorized agent / authorised agent
contact | a contact for questions | 11 CCR §7011(e)(3)(J) | contact | <privacy-contact>
""".replace("\\\n", ""))

CA_GAPS = _table(f"""
opt-out-signals | how opt-out preference signals (Global Privacy Control) are treated | \
11 CCR §7011(e)(3)(F), §7025 | - | global privacy control / opt-out preference signal
sharing | whether personal information is shared | {_CCPA}.130(a)(5)(C) | - | \
do not share / not shared / not sold or shared / have not shared
toll-free | a toll-free number (unless the business is online only) | {_CCPA}.130(a)(1)(A) | - | \
800 / 833 / 844 / 855 / 866 / 877 / 888
""".replace("\\\n", ""))

# The rule groups a document names in `checks:` (declared with their meaning in
# `sources.schemas.CHECK_GROUPS`): which rules each turns on for that document.
GROUPS: dict[str, tuple[str, ...]] = {
    "eu-art13": ("eu-summary-element",),
    "ccpa-notice": ("ccpa-notice-element", "ccpa-notice-gap", "ccpa-stale"),
    "ccpa-update": ("ccpa-stale",),
}


def finding(rule: str, message: str, path: str | None, line: int | None = None) -> Finding:
    """A finding of `rule`, with the severity this table gives it."""
    return Finding(rule, RULES[rule].severity, message, path, line)
