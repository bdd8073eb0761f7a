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
should go. The rules themselves are data in `rules`; `CHECKS.md` documents each.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from lexdocs.checks.foreigntags import (
    check_drafting_notes,
    check_empty_headings,
    check_file_links,
    check_foreign_tags,
    check_lost_addresses,
    check_printed_markup,
)
from lexdocs.checks.lists import check_glued_lists, check_list_intros
from lexdocs.checks.rules import CA_ELEMENTS, CA_GAPS, EU_ELEMENTS, GROUPS, Element, finding
from lexdocs.checks.sourcetext import section_source, static_text
from lexdocs.findings import Finding
from lexdocs.render import markup
from lexdocs.render.templates import RenderedDocument
from lexdocs.sources.documents import DocumentSource
from lexdocs.sources.types import TYPES, Spelling
from lexdocs.sources.variables import Value, Variable, Variables

CALIFORNIA_TAGS = frozenset({"california", "ccpa"})
VAGUE_WORDS = ("may", "might", "some", "certain")


def run_checks(variables: Variables, sources: dict[str, DocumentSource],
               rendered: dict[str, RenderedDocument],
               last_updated: dict[str, dt.date | None], today: dt.date,
               scheduled: Mapping[str, dt.date] | None = None) -> list[Finding]:
    """Every finding of every rule, sorted by file and line; the caller decides the exit.

    The rules that apply to one kind of notice run on the documents whose document.yml
    asks for them (`checks: [eu-art13]`); the others run on every document. The
    readability target has its rule here, for --list-rules and CHECKS.md, but its
    findings come from `readability.target_findings`, which the caller runs beside this.
    """
    found: list[Finding] = []
    found += check_stale(sources, rendered, last_updated, today, scheduled or {})
    found += check_category_retention(variables)
    for name, doc in rendered.items():
        src = sources.get(name)
        wanted = enabled(src)
        for rule, elements in (("eu-summary-element", EU_ELEMENTS),
                               ("ccpa-notice-element", CA_ELEMENTS),
                               ("ccpa-notice-gap", CA_GAPS)):
            if rule in wanted:
                found += check_elements(doc, src, variables, elements, rule)
    found += check_literal_facts(variables, sources, rendered)
    found += check_list_intros(sources, rendered)
    found += check_glued_lists(sources, rendered)
    found += check_foreign_tags(sources, rendered)
    found += check_file_links(sources, rendered)
    found += check_printed_markup(sources, rendered)
    found += check_drafting_notes(sources, rendered)
    found += check_lost_addresses(sources, rendered)
    found += check_empty_headings(sources, rendered)
    found += check_unconfirmed(variables, rendered)
    found += check_vague_words(sources, rendered)
    return sorted(found, key=lambda f: (f.path or "", f.line or 0, f.rule, f.message))


def enabled(src: DocumentSource | None) -> set[str]:
    """The rule ids the document's `checks:` groups turn on."""
    return {rule for group in (src.checks if src else ()) for rule in GROUPS[group]}


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def check_stale(sources: Mapping[str, DocumentSource], rendered: Mapping[str, RenderedDocument],
                last_updated: Mapping[str, dt.date | None], today: dt.date,
                scheduled: Mapping[str, dt.date]) -> list[Finding]:
    """California rights must be re-published at least every 12 months; drafts are skipped.

    When a new version is already published and only waiting out its notice period
    (`scheduled`: the day it takes effect), the lawyers have done what the rule asks
    of them, so the finding is a warning that says when the gap closes, not an error.

    Applies to the documents whose `checks:` include `ccpa-notice` or `ccpa-update`, and
    to any document with a section tagged `california` or `ccpa`.
    """
    out = []
    for name, doc in rendered.items():
        src = sources.get(name)
        last = last_updated.get(name)
        californian = "ccpa-stale" in enabled(src) or any(
            CALIFORNIA_TAGS & set(s.tags) for s in doc.sections)
        if not californian or last is None or last >= _year_before(today):
            continue
        message = (f"{name}: last updated {last.isoformat()}, more than 12 months before "
                   f"{today.isoformat()}")
        path = src.path if src else None
        coming = scheduled.get(name)
        if coming is None:
            out.append(finding("ccpa-stale", f"{message}: review it and publish a new version",
                                path))
        else:
            out.append(Finding("ccpa-stale", "warning", f"{message}; the version published to "
                               f"replace it takes effect on {coming.isoformat()}", path))
    return out


_PLACEHOLDER = re.compile(r"(tbd|tbc|todo|unknown|n/?a|none|x+)?", re.IGNORECASE)
_NON_WORD = re.compile(r"\W*")


def is_placeholder(text: str) -> bool:
    """'TBD', '?', '-', 'n/a' and the like, with any punctuation around them.

    The punctuation is cut off by two anchored scans, one from each end, so the test is
    linear: a single pattern `^\\W*(...)?\\W*$` backtracks over every split of a long
    run of punctuation and took minutes on a 100,000-character value.
    """
    start = _NON_WORD.match(text)
    end = _NON_WORD.match(text[::-1])
    assert start is not None and end is not None  # `\W*` matches the empty string
    core = text[start.end(): len(text) - end.end()] if start.end() < len(text) else ""
    return _PLACEHOLDER.fullmatch(core) is not None


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
            out.append(finding("category-retention", f"{name}: the categories have no "
                                "'retention' field: add one with each category's period (e.g. "
                                "'retention: retention.web_logs')", var.path, var.line))
            continue
        for i, row in enumerate(var.value, start=1):
            text = row["retention"].text
            if is_placeholder(text):
                label = row["name"].text if "name" in row else f"entry {i}"
                out.append(finding("category-retention", f"{name}: entry {i} ('{label}') has no "
                                    f"retention period ('{text}'): give the period or the "
                                    "criteria that decide it", var.path, var.line))
    return out


def _pattern(group: tuple[str, ...], variables: Variables,
             src: DocumentSource | None) -> re.Pattern[str] | str:
    """One group as a regex, or why it cannot be checked (a role without a variable)."""
    alternatives = []
    for word in group:
        if word.startswith("<") and word.endswith(">"):
            var, why = _role(word[1:-1], variables, src)
            if var is None:
                return why
            alternatives.append(re.escape(var.text))
        else:
            alternatives.append(r"\b" + re.escape(word))
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _role(role: str, variables: Variables, src: DocumentSource | None) -> tuple[Variable | None,
                                                                                str]:
    """The variable the document assigns to `role`, or why there is none."""
    name = src.role(role) if src else None
    if name is None:
        return None, (f"no variable plays the role '{role}': add 'roles: {{{role}: "
                      "variable.name}' to document.yml")
    var = variables.items.get(name)
    if var is None:
        return None, f"variable '{name}' (role '{role}') is not declared"
    return var, ""


_FIXES = {"ccpa-notice-gap": "ask the company, then state its answer (never a guess)"}


def check_elements(doc: RenderedDocument, src: DocumentSource | None, variables: Variables,
                   elements: tuple[Element, ...], rule: str) -> list[Finding]:
    """One finding per missing element, at the tagged section (or the document.yml)."""
    out = []
    doc_path = src.path if src else None
    for el in elements:
        if el.only_if:
            flag, _why = _role(el.only_if, variables, src)
            if flag is None or not (isinstance(flag.value, Value) and flag.value):
                continue
        sections = [s for s in doc.sections if el.tag is None or el.tag in s.tags]
        where = f"{doc.name}: {el.label} ({el.source})"
        if not sections:
            out.append(finding(rule, f"{where} is missing: no section is tagged '{el.tag}'; "
                                f"tag the section that says it, or add one", doc_path))
            continue
        text = "\n".join(markup.plain_text(s.html) for s in sections)
        patterns = [_pattern(g, variables, src) for g in el.words]
        if all(isinstance(p, re.Pattern) and p.search(text) for p in patterns):
            continue
        broken = [p for p in patterns if isinstance(p, str)]
        first = section_source(src, sections[0].id)
        scope = (f"the sections tagged '{el.tag}' ({', '.join(s.id for s in sections)}) do"
                 if el.tag else "the document does")
        why = broken[0] if broken else f"{scope} not say {el.expects}"
        fix = _FIXES.get(rule, "add the words to that section")
        out.append(finding(rule, f"{where} is missing: {why}; {fix}",
                            first.path if first and el.tag else doc_path,
                            first.body_line if first and el.tag else None))
    return out


def _forms(value: Value) -> list[Spelling]:
    """How a value can appear typed by hand: its type's spellings (regex, case-sensitive)."""
    kind = TYPES.get(value.type)
    return kind.spellings(value) if kind else []


def _fact_patterns(variables: Variables, printed: frozenset[str]
                   ) -> list[tuple[str, re.Pattern[str]]]:
    """(variable, pattern) for every value; a value referenced by a list counts once. A
    value awaiting confirmation that no document prints (`printed`) is a placeholder, not
    a fact of the organisation's yet: `lexdocs init`'s starter "1 year" made an imported
    agreement's own "1 year" a copy of it."""
    seen: set[tuple[str, str]] = set()
    out = []
    facts = [(n, v) for n, v in variables.items.items() if v.confirmed or n in printed]
    scalars = [(n, v.value) for n, v in facts if isinstance(v.value, Value)]
    rows = [(f"{n} (entry {i}, field '{f}')", val)
            for n, v in facts if isinstance(v.value, tuple)
            for i, r in enumerate(v.value, start=1) for f, val in r.fields.items()]
    for name, value in scalars + rows:
        if (value.type, value.text) in seen:
            continue
        seen.add((value.type, value.text))
        for form, case in _forms(value):
            flags = 0 if case else re.IGNORECASE
            out.append((name, re.compile(rf"(?<![\w@/.-]){form}(?![\w@/-])", flags)))
    return out


def check_literal_facts(variables: Variables, sources: Mapping[str, DocumentSource],
                        rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """A variable's value typed into a template (outside `{{ }}`) is a copy that will rot."""
    patterns = _fact_patterns(variables, frozenset().union(*_printed(variables, rendered)
                                                           .values()))
    out = []
    for name, src in sources.items():
        for sec in src.sections:
            for i, line in enumerate(static_text(sec.body).split("\n")):
                hits = [(m.start(), m.end(), var, m.group(0)) for var, p in patterns
                        for m in p.finditer(line)]
                for a, b, var, literal in hits:
                    if any(s <= a and b <= e and (s, e) != (a, b) for s, e, _, _ in hits):
                        continue  # inside a longer fact, which is reported instead
                    out.append(finding("literal-fact", f"{name}: '{literal}' is typed by hand, "
                                        f"but {var} holds it: print the variable", sec.path,
                                        sec.body_line + i))
    return out


def _printed(variables: Variables, rendered: Mapping[str, RenderedDocument]
             ) -> dict[str, set[str]]:
    """The variables each document prints, those its lists' rows name included."""
    return {d: variables.expand(r.values) for d, r in rendered.items()}


def check_unconfirmed(variables: Variables,
                      rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """A printed value the company has not confirmed, at its declaration."""
    out = []
    printed = _printed(variables, rendered)
    for name, var in variables.items.items():
        if var.confirmed:
            continue
        docs = [d for d, names in printed.items() if name in names]
        where = f"printed in {', '.join(docs)}" if docs else "not printed yet"
        out.append(finding("unconfirmed-value", f"{name} = '{var.text}' awaits confirmation "
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
            sec = section_source(src, s.id)
            line = None
            if sec:
                text = static_text(sec.body)
                m = _VAGUE.search(text)
                line = sec.body_line + text[: m.start()].count("\n") if m else sec.body_line
            out.append(finding("vague-words", f"{name}/{s.id}: {len(words)} vague word(s) "
                                f"({counts}): say what you do", s.path, line))
    return out

