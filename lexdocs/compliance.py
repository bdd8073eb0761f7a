"""Compliance checks: what a regulator looks for, found before a lawyer has to.

Each rule has an id, a severity, the statute or regulation it comes from and a
one-line finding that names the file and line to edit. A rule reads the
sources (template bodies, for facts typed by hand), the rendered documents
(for what readers see) and the variables (for what is declared once); nothing
here runs git or knows the terminal: the caller passes each document's
"Last Updated" date and today's date, so tests can pin both.

Required content is checked by section *tags* plus words: the rule first looks
for a section tagged for an element (`complaint`), then for the words that
state it ("supervisory authority"). A missing tag and missing words give
different findings, so a lawyer sees which element is missing and where it
should go. `CHECKS.md` documents every rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from . import markup
from .findings import Finding, Severity
from .readability import RULE as READABILITY_RULE
from .render import RenderedDocument
from .sources import DocumentSource, SectionSource
from .variables import Value, Variables

EU_SUMMARY = "eu-privacy-summary"
CALIFORNIA_NOTICE = "california-privacy-notice"
CALIFORNIA_TAGS = frozenset({"california", "ccpa"})
VAGUE_WORDS = ("may", "might", "some", "certain")


@dataclass(frozen=True)
class Rule:
    """A check as `lexdocs check --list-rules` and CHECKS.md present it."""

    id: str
    severity: Severity
    summary: str
    source: str
    doc: str


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("ccpa-stale", "error", "California rights last updated more than 12 months ago",
         "Cal. Civ. Code §1798.130(a)(5); 11 CCR §7011(e)(4)",
         "Review the document (the California notice, or any with a section tagged "
         "'california' or 'ccpa') and publish a new version."),
    Rule("category-retention", "error", "a data category without a retention period",
         "Cal. Civ. Code §1798.100(a)(3)",
         "Give each category a 'retention' field: a period (a ref such as retention.web_logs) "
         "or the criteria that decide it, never 'TBD'."),
    Rule("eu-summary-element", "error", "an element of the GDPR Art. 13 notice is missing",
         "GDPR Art. 13(1)-(2), Art. 12(1)-(2)",
         "Tag the section that states the element and say it in the words the finding names."),
    Rule("ccpa-notice-element", "error", "a required element of the California notice is missing",
         "Cal. Civ. Code §1798.100(a)(3), §1798.130(a)(1), (a)(5); 11 CCR §7011(e)",
         "Tag the section that states the element and say it in the words the finding names."),
    Rule("ccpa-notice-gap", "warning", "the California notice and the statement omit a point "
         "the law expects", "11 CCR §7011(e)(3)(F), §7025; Cal. Civ. Code §1798.130(a)(1)(A), "
         "§1798.130(a)(5)(C)", "Ask the company, then state its answer; never a guess."),
    Rule("literal-fact", "warning", "a fact typed by hand where a variable holds it",
         "none: single-source rule (a stale copy makes a notice inaccurate)",
         "Print the variable instead of its value, so one edit changes every document."),
    Rule("dangling-list-intro", "error", "a sentence introduces a list that does not follow",
         "GDPR Art. 12(1); 11 CCR §7003(a)",
         "Add the items the sentence promises, or end the sentence."),
    Rule("unconfirmed-value", "warning", "a published value still awaits confirmation",
         "none: accuracy of the notice", "Confirm it, then set 'confirmed: true'."),
    Rule("vague-words", "info", "vague qualifiers ('may', 'might', 'some', 'certain') per section",
         "GDPR Art. 12(1); WP29 Guidelines on transparency (WP260 rev.01), para. 13",
         "Say what you do, not what you may do."),
    Rule(READABILITY_RULE, "warning", "a summary page below its reading-ease target",
         "GDPR Art. 12(1); 11 CCR §7003(a)", "Use shorter sentences and shorter words."),
)}


@dataclass(frozen=True)
class Element:
    """One thing a notice must say: the tag of the section that says it, and the words.

    `words` is a list of groups that must all occur; each group lists alternatives.
    An alternative is a word start matched without case ("rectif" finds
    "rectification") or `<variable.name>` for that variable's value. `only_if` names
    a boolean variable that makes the element required (the DPF paragraphs).
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
            return f"the value of {w[1:-1]}" if w.startswith("<") else f"'{w}'"

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
<company.legal_name> & controller
contact | the controller's contact details | GDPR Art. 13(1)(a) | contact | <contact.privacy_email>
dpo | how to reach the data protection officer | GDPR Art. 13(1)(b) | dpo | data protection officer
purposes | the purposes of the processing | GDPR Art. 13(1)(c) | purposes | we use / purpose
legal-basis | the legal basis of the processing | GDPR Art. 13(1)(c) | legal-basis | \\
legal basis / legal bases
legitimate-interests | the legitimate interests | GDPR Art. 13(1)(d) | legal-basis | \\
legitimate interest
recipients | the recipients of the data | GDPR Art. 13(1)(e) | recipients | recipient / share
transfers | transfers abroad and their safeguards | GDPR Art. 13(1)(f) | transfers | \\
adequacy & contract
dpf | the Data Privacy Framework | GDPR Art. 13(1)(f) | transfers | if <dpf.participates> \
Data Privacy Framework & <dpf.program_url>
recourse | the independent recourse mechanism | DPF Principles: Notice, Recourse | transfers | \
if <dpf.participates> <dpf.recourse_body> & independent
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
exercise | how to use the rights | GDPR Art. 12(2) | exercise-rights | <contact.privacy_email>
full-statement | a link to the full statement | GDPR Art. 12(1); WP260 rev.01 para. 35 | \
full-statement | <contact.privacy_statement_url>
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
<contact.privacy_email> & <contact.telephone> / <contact.postal_address>
verification | how requests are verified | 11 CCR §7011(e)(3) | verification | verif
authorized-agent | how an authorized agent asks | 11 CCR §7011(e)(3)(H) | authorized-agent | \
authorized agent / authorised agent
contact | a contact for questions | 11 CCR §7011(e)(3)(J) | contact | <contact.privacy_email>
""".replace("\\\n", ""))

CA_GAPS = _table(f"""
opt-out-signals | how opt-out preference signals (Global Privacy Control) are treated | \
11 CCR §7011(e)(3)(F), §7025 | - | global privacy control / opt-out preference signal
sharing | whether personal information is shared | {_CCPA}.130(a)(5)(C) | - | \
do not share / not shared / not sold or shared / have not shared
toll-free | a toll-free number (unless the business is online only) | {_CCPA}.130(a)(1)(A) | - | \
800 / 833 / 844 / 855 / 866 / 877 / 888
""".replace("\\\n", ""))


def run_checks(variables: Variables, sources: dict[str, DocumentSource],
               rendered: dict[str, RenderedDocument],
               last_updated: dict[str, dt.date | None], today: dt.date) -> list[Finding]:
    """Every finding of every rule, sorted by file and line; the caller decides the exit.

    The readability target has its rule here, for --list-rules and CHECKS.md, but its
    findings come from `readability.target_findings`, which the caller runs beside this.
    """
    found: list[Finding] = []
    found += check_stale(sources, rendered, last_updated, today)
    found += check_category_retention(variables)
    if EU_SUMMARY in rendered:
        found += check_elements(rendered[EU_SUMMARY], sources.get(EU_SUMMARY), variables,
                                EU_ELEMENTS, "eu-summary-element")
    if CALIFORNIA_NOTICE in rendered:
        doc, src = rendered[CALIFORNIA_NOTICE], sources.get(CALIFORNIA_NOTICE)
        found += check_elements(doc, src, variables, CA_ELEMENTS, "ccpa-notice-element")
        found += check_elements(doc, src, variables, CA_GAPS, "ccpa-notice-gap")
    found += check_literal_facts(variables, sources)
    found += check_list_intros(sources, rendered)
    found += check_unconfirmed(variables, rendered)
    found += check_vague_words(sources, rendered)
    return sorted(found, key=lambda f: (f.path or "", f.line or 0, f.rule, f.message))


def _finding(rule: str, message: str, path: str | None, line: int | None = None) -> Finding:
    return Finding(rule, RULES[rule].severity, message, path, line)


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def check_stale(sources: Mapping[str, DocumentSource], rendered: Mapping[str, RenderedDocument],
                last_updated: Mapping[str, dt.date | None], today: dt.date) -> list[Finding]:
    """California rights must be re-published at least every 12 months; drafts are skipped."""
    out = []
    for name, doc in rendered.items():
        californian = name == CALIFORNIA_NOTICE or any(
            CALIFORNIA_TAGS & set(s.tags) for s in doc.sections)
        last = last_updated.get(name)
        if not californian or last is None or last >= _year_before(today):
            continue
        src = sources.get(name)
        out.append(_finding(
            "ccpa-stale", f"{name}: last updated {last.isoformat()}, more than 12 months before "
            f"{today.isoformat()}: review it and publish a new version", src.path if src else None))
    return out


_PLACEHOLDER = re.compile(r"^\W*(tbd|tbc|todo|unknown|n/?a|none|x+|\?+|-+)?\W*$", re.IGNORECASE)


def check_category_retention(variables: Variables) -> list[Finding]:
    """Every list of data categories has a retention field, and every entry a real value."""
    out = []
    for name, var in variables.items.items():
        if not isinstance(var.value, tuple) or not var.value:
            continue
        fields = set(var.value[0].fields)
        if not (name.endswith("categories") or {"examples", "sources"} & fields):
            continue
        if "retention" not in fields:
            out.append(_finding("category-retention", f"{name}: the categories have no "
                                "'retention' field: add one with each category's period (e.g. "
                                "'retention: retention.web_logs')", var.path, var.line))
            continue
        for i, row in enumerate(var.value, start=1):
            text = row["retention"].text
            if _PLACEHOLDER.match(text):
                label = row["name"].text if "name" in row else f"entry {i}"
                out.append(_finding("category-retention", f"{name}: entry {i} ('{label}') has no "
                                    f"retention period ('{text}'): give the period or the "
                                    "criteria that decide it", var.path, var.line))
    return out


def _pattern(group: tuple[str, ...], variables: Variables) -> re.Pattern[str] | str:
    """One group as a regex, or why it cannot be checked (an undeclared variable)."""
    alternatives = []
    for word in group:
        if word.startswith("<") and word.endswith(">"):
            var = variables.items.get(word[1:-1])
            if var is None:
                return f"variable '{word[1:-1]}' is not declared"
            alternatives.append(re.escape(var.text))
        else:
            alternatives.append(r"\b" + re.escape(word))
    return re.compile("|".join(alternatives), re.IGNORECASE)


_FIXES = {"ccpa-notice-gap": "the privacy statement does not say it either: ask the company, "
                             "then state its answer (never a guess)"}


def check_elements(doc: RenderedDocument, src: DocumentSource | None, variables: Variables,
                   elements: tuple[Element, ...], rule: str) -> list[Finding]:
    """One finding per missing element, at the tagged section (or the document.yml)."""
    out = []
    doc_path = src.path if src else None
    for el in elements:
        if el.only_if:
            flag = variables.items.get(el.only_if)
            if flag is None or not (isinstance(flag.value, Value) and flag.value):
                continue
        sections = [s for s in doc.sections if el.tag is None or el.tag in s.tags]
        where = f"{doc.name}: {el.label} ({el.source})"
        if not sections:
            out.append(_finding(rule, f"{where} is missing: no section is tagged '{el.tag}'; "
                                f"tag the section that says it, or add one", doc_path))
            continue
        text = "\n".join(markup.plain_text(s.html) for s in sections)
        patterns = [_pattern(g, variables) for g in el.words]
        if all(isinstance(p, re.Pattern) and p.search(text) for p in patterns):
            continue
        broken = [p for p in patterns if isinstance(p, str)]
        first = _source(src, sections[0].id)
        scope = (f"the sections tagged '{el.tag}' ({', '.join(s.id for s in sections)}) do"
                 if el.tag else "the document does")
        why = broken[0] if broken else f"{scope} not say {el.expects}"
        fix = _FIXES.get(rule, "add the words to that section")
        out.append(_finding(rule, f"{where} is missing: {why}; {fix}",
                            first.path if first and el.tag else doc_path,
                            first.body_line if first and el.tag else None))
    return out


def _forms(value: Value) -> list[tuple[str, bool]]:
    """How a value can appear typed by hand: (regex, case-sensitive)."""
    if value.type == "duration":
        n, unit = value.text.split()
        return [(rf"{n}[ -]{re.escape(unit.rstrip('s'))}s?", False)]
    if value.type == "address":
        return [(re.escape(value.text), False), (re.escape(str(value.raw["street"])), False)]
    if value.type in ("email", "url"):
        text = value.text.rstrip("/")
        return [(re.escape(text), False)]
    if value.type in ("phone", "date") or (value.type == "text" and len(value.text) >= 4):
        return [(re.escape(value.text), True)]
    return []


def _fact_patterns(variables: Variables) -> list[tuple[str, re.Pattern[str]]]:
    """(variable, pattern) for every value; a value referenced by a list counts once."""
    seen: set[tuple[str, str]] = set()
    out = []
    scalars = [(n, v.value) for n, v in variables.items.items() if isinstance(v.value, Value)]
    rows = [(f"{n} (entry {i}, field '{f}')", val)
            for n, v in variables.items.items() if isinstance(v.value, tuple)
            for i, r in enumerate(v.value, start=1) for f, val in r.fields.items()]
    for name, value in scalars + rows:
        if (value.type, value.text) in seen:
            continue
        seen.add((value.type, value.text))
        for form, case in _forms(value):
            flags = 0 if case else re.IGNORECASE
            out.append((name, re.compile(rf"(?<![\w@/.-]){form}(?![\w@/-])", flags)))
    return out


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def static_text(body: str) -> str:
    """A template body with every Jinja tag blanked, keeping lines and columns."""
    return _JINJA.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)


def check_literal_facts(variables: Variables,
                        sources: Mapping[str, DocumentSource]) -> list[Finding]:
    """A variable's value typed into a template (outside `{{ }}`) is a copy that will rot."""
    patterns = _fact_patterns(variables)
    out = []
    for name, src in sources.items():
        for sec in src.sections:
            for i, line in enumerate(static_text(sec.body).split("\n")):
                hits = [(m.start(), m.end(), var, m.group(0)) for var, p in patterns
                        for m in p.finditer(line)]
                for a, b, var, literal in hits:
                    if any(s <= a and b <= e and (s, e) != (a, b) for s, e, _, _ in hits):
                        continue  # inside a longer fact, which is reported instead
                    out.append(_finding("literal-fact", f"{name}: '{literal}' is typed by hand, "
                                        f"but {var} holds it: print the variable", sec.path,
                                        sec.body_line + i))
    return out


def _source(src: DocumentSource | None, sid: str) -> SectionSource | None:
    return next((s for s in src.sections if s.id == sid), None) if src else None


_LIST_LINE = re.compile(r"^\s*([-*+]|\d+[.)])\s|^\s*\|")


def _source_line(body: str, first: int, rendered_line: str, used: set[int]) -> int | None:
    """The template line that produced `rendered_line`: the text after its last tag ends it."""
    for i, raw in enumerate(body.split("\n")):
        tail = _JINJA.split(raw)[-1].strip()
        if tail.endswith(":") and first + i not in used and rendered_line.endswith(tail):
            used.add(first + i)
            return first + i
    return None


def check_list_intros(sources: Mapping[str, DocumentSource],
                      rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """A line ending in ':' whose next line is not a list item or table row.

    Read on the rendered Markdown, so a list that an `{% if %}` removed or an include
    supplies counts as what readers see; the finding points at the template line.
    """
    out = []
    for name, doc in rendered.items():
        src = sources.get(name)
        for s in doc.sections:
            lines = [ln for ln in s.markdown.split("\n") if ln.strip()]
            sec = _source(src, s.id)
            used: set[int] = set()
            for i, line in enumerate(lines):
                if not line.rstrip().rstrip("*_").endswith(":"):
                    continue
                if i + 1 < len(lines) and _LIST_LINE.match(lines[i + 1]):
                    continue
                at = (_source_line(sec.body, sec.body_line, line.rstrip(), used)
                      or sec.body_line) if sec else None
                out.append(_finding("dangling-list-intro", f"{name}/{s.id}: '…{line[-50:]}' "
                                    "introduces a list that does not follow: add the items or "
                                    "end the sentence", s.path, at))
    return out


def check_unconfirmed(variables: Variables,
                      rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """A printed value the company has not confirmed, at its declaration."""
    out = []
    for name, var in variables.items.items():
        if var.confirmed:
            continue
        docs = [d for d, r in rendered.items() if name in variables.expand(r.values)]
        where = f"printed in {', '.join(docs)}" if docs else "not printed yet"
        out.append(_finding("unconfirmed-value", f"{name} = '{var.text}' awaits confirmation "
                            f"({where}): confirm it, then set 'confirmed: true'",
                            var.path, var.line))
    return out


_VAGUE = re.compile(rf"\b({'|'.join(VAGUE_WORDS)})\b", re.IGNORECASE)


def check_vague_words(sources: Mapping[str, DocumentSource],
                      rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """Vague qualifiers per section, at the first one in the template."""
    out = []
    for name, doc in rendered.items():
        src = sources.get(name)
        for s in doc.sections:
            words = [w.lower() for w in _VAGUE.findall(markup.plain_text(s.html))]
            if not words:
                continue
            counts = ", ".join(f"{w} ×{words.count(w)}" for w in VAGUE_WORDS if w in words)
            sec = _source(src, s.id)
            line = None
            if sec:
                text = static_text(sec.body)
                m = _VAGUE.search(text)
                line = sec.body_line + text[: m.start()].count("\n") if m else sec.body_line
            out.append(_finding("vague-words", f"{name}/{s.id}: {len(words)} vague word(s) "
                                f"({counts}): say what you do", s.path, line))
    return out

