"""Everything `lexdocs check` reports, gathered in one list a lawyer reads top to bottom.

Notice rules come from `notice` (they also gate the build); compliance and
readability rules from their own modules, which only read rendered text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lexdocs.checks.rules import ENGINE_RULES, RULES, Rule
from lexdocs.config import MKDOCS_FILE, Options
from lexdocs.findings import SEVERITIES, Finding
from lexdocs.review.links import site_url_finding
from lexdocs.review.notice import Timeline
from lexdocs.sources.documents import read_working_tree
from lexdocs.sources.variables import load_variables_file

_POLICY = "the document's own promise of notice before a material change applies"
NOTICE_RULES = (
    Rule("notice-summary", "error",
         "a material version has no plain-language summary in changes.yml",
         f"{_POLICY}; GDPR Art. 12(1) (clear and plain language)"),
    Rule("notice-effective", "error", "a material version has no effective date",
         f"{_POLICY}; FTC Act §5 (no retroactive material changes)"),
    Rule("notice-period", "error",
         "a material version takes effect sooner than the notice period after "
         "it is published", f"{_POLICY}; the lexdocs notice_days option in mkdocs.yml"),
    Rule("notice-lawyers-call", "error",
         "a change no rule explains waits for the change log's decision (material or not)",
         f"{_POLICY}: what lexdocs cannot judge is decided by a lawyer, never published "
         "unannounced"),
    Rule("notice-retroactive", "error", "a version takes effect before it is published",
         "FTC Act §5 (no retroactive material changes)"),
    Rule("notice-orphan", "error", "a change-log entry matches no version",
         "lexdocs change-log format (README)"),
    Rule("notice-duplicate", "error", "two change-log entries describe one version",
         "lexdocs change-log format (README)"),
    Rule("notice-review-future", "error", "a recorded review is dated in the future",
         "lexdocs change-log format (README)"),
    Rule("notice-backdated", "warning",
         "a commit is dated before the one it follows; it is dated no earlier",
         "lexdocs notice invariants (README)"),
    Rule("notice-future-commit", "error", "a version's commit is dated after today",
         "lexdocs notice invariants (README)"),
    Rule("notice-adopted", "error",
         "adopted: names a day to come, or changed after versions were recorded",
         "lexdocs notice invariants (README)"),
    Rule("site-url", "warning",
         "site_url is missing or a placeholder, yet it decides which links are the site's own",
         "link judgement (lexdocs/review/links.py)"),
    Rule("permanent-url", "error",
         "a document's slug differs from the one its versions were published under, "
         "or a recorded published version is missing or changed",
         "permanent version URLs (README, versions.json contract)"),
)


def all_rules() -> list[Rule]:
    """Notice rules, publishing, compliance rules, then the site's, for
    `lexdocs check --list-rules`."""
    from lexdocs.checks import publishing
    from lexdocs.checks.site import SITE_RULES

    return [*NOTICE_RULES, *publishing.RULES, *RULES.values(), *SITE_RULES, *ENGINE_RULES]


def run_all(opts: Options, timelines: dict[str, Timeline], today: dt.date) -> list[Finding]:
    """Notice, compliance and readability findings, errors first."""
    from lexdocs.checks import publishing
    from lexdocs.checks.compliance import run_checks
    from lexdocs.checks.readability import target_findings
    from lexdocs.checks.site import project_findings

    snap = next(iter(timelines.values())).history.sources
    variables = (snap.variables if snap is not None
                 else load_variables_file(opts.source_dir, read_working_tree(opts.project)))
    sources = {n: t.history.source for n, t in timelines.items()}
    rendered = {n: t.history.working for n, t in timelines.items()}
    # The version in force is judged, not an upcoming one; a recorded review that found
    # nothing to change keeps a notice up to date too.
    last_updated = {n: None if t.history.draft else t.kept_up_to_date(today)
                    for n, t in timelines.items()}
    findings = [f for t in timelines.values() for f in t.findings]
    scheduled = {n: min(u.effective for u in coming)
                 for n, t in timelines.items() if (coming := t.upcoming(today))}
    findings += run_checks(variables, sources, rendered, last_updated, today, scheduled)
    findings += target_findings(rendered, {n: s.readability_target for n, s in sources.items()})
    unset = site_url_finding(opts.site_url, opts.project / MKDOCS_FILE)
    findings += [unset] if unset else []
    findings += publishing.findings(opts.project, opts.tz, timelines, today)
    findings += publishing.requirements_unset(opts.project)  # CI's install, not the build's
    findings += publishing.unlisted(opts.project, opts.source_dir, opts.documents)
    findings += project_findings(opts.project)  # docs/ and mkdocs.yml, as the build judges them
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: (order[f.severity], f.path or "", f.line or 0))


def readability_lines(timelines: dict[str, Timeline]) -> Iterator[str]:
    """One line per document and section: reading ease and grade."""
    from lexdocs.checks.readability import report

    for row in report({n: t.history.working for n, t in timelines.items()}):
        where = f"{row.doc}/{row.section}" if row.section else f"{row.doc} (whole)"
        yield (f"{where}: reading ease {row.reading_ease:.0f}, grade {row.grade:.1f}, "
               f"{row.words} words")
