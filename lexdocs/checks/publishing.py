"""Rules about the site as it goes live, for `lexdocs check` and (the first two) the build.

- `starter-text`: the sections `lexdocs init` and `lexdocs new` write say "Starter text —
  replace it." A reader must never find that on a legal page, so it is an error in
  `lexdocs check` and a warning in the build (which a strict build, as the shipped
  mkdocs.yml sets, turns into a failure; a preview still shows it).
- `notice-schedule`: the site is static, so an upcoming version comes into force only when
  a build runs on or after its day; the shipped workflow's daily build does that. GitHub
  switches a scheduled workflow off after 60 days without activity in a public
  repository, so a version that takes effect more than 50 days after the newest commit
  may never be published as in force. A warning (never a failure: the notice period is
  right, only the schedule may lapse), with the day by which to commit.
- `requirements-unset`: the workflow `init` writes installs lexdocs from requirements.txt,
  and when `init` found no installable lexdocs it wrote only a comment saying what to
  write there. Left so, CI installs nothing and fails later with "lexdocs: command not
  found", far from the cause; `lexdocs check` (and the pre-commit hook) names the file.
  Only in `check`: a local build does not need the line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

from lexdocs.checks.rules import Rule
from lexdocs.config import MKDOCS_FILE
from lexdocs.findings import Finding
from lexdocs.history.gitstore import open_store
from lexdocs.render import markup
from lexdocs.render.templates import RenderedDocument
from lexdocs.review.notice import Timeline
from lexdocs.sources.changelog import changes_path
from lexdocs.sources.documents import DOCUMENT_FILE, DocumentSource, discover_documents

STARTER = "Starter text — replace it."
"""What every starter section `init` and `new` write begins with (lexdocs/adopt/skeleton)."""
IDLE_DAYS = 60
"""GitHub disables a scheduled workflow after this many days without repository activity."""
MARGIN_DAYS = 50
"""Warn this long after the newest commit: ten days to notice the warning and commit."""

RULES = (
    Rule("starter-text", "error", "a starter text written by 'lexdocs init' or 'lexdocs new' "
         "is still published", "lexdocs init (EDITING.md: replace the starter text)"),
    Rule("notice-schedule", "warning",
         f"an upcoming version takes effect more than {MARGIN_DAYS} days after the newest "
         f"commit, and GitHub switches a scheduled workflow off after {IDLE_DAYS} days "
         "without activity", "GitHub Actions: scheduled workflows and repository activity "
         "(README, 'Keep the daily build alive')"),
    Rule("unlisted-document", "warning",
         "a document in the source folder is left out of mkdocs.yml's 'documents'",
         "lexdocs: a version once published keeps its permanent page"),
    Rule("requirements-unset", "error",
         "a workflow installs lexdocs from requirements.txt, which names nothing to install",
         "lexdocs init (README: Use it in your own site)"),
)
REQUIREMENTS = "requirements.txt"
_INSTALLS_IT = re.compile(r"pip\s+install\b[^\n]*\s-r\s*requirements\.txt\b")


def starter_text(sources: Mapping[str, DocumentSource],
                 rendered: Mapping[str, RenderedDocument]) -> list[Finding]:
    """Every published section that still holds the starter text, at its line."""
    out = []
    for name, doc in rendered.items():
        src = sources.get(name)
        by_id = {s.id: s for s in src.sections} if src else {}
        for section in doc.sections:
            if STARTER not in " ".join(markup.plain_text(section.html).split()):
                continue
            where = by_id.get(section.id)
            line = None
            if where is not None:
                before, found, _ = where.body.partition("Starter text")
                line = where.body_line + before.count("\n") if found else where.body_line
            out.append(Finding("starter-text", "error",
                               f"{name}/{section.id}: still says '{STARTER}': write the "
                               "document's own text here before it is published",
                               where.path if where else section.path, line))
    return out


def newest_commit(project: Path, tz: dt.tzinfo) -> dt.date | None:
    """The day of the commit being built, in the site's zone: the repository's last
    activity as GitHub's scheduler counts it (None before the first commit)."""
    with open_store(project) as store:
        when = store.head_time()
    return None if when is None else dt.datetime.fromtimestamp(when, tz).date()


def schedule(timelines: Mapping[str, Timeline], today: dt.date,
             newest: dt.date | None) -> list[Finding]:
    """An upcoming version that takes effect long after the newest commit: the daily
    build that brings it into force may have been switched off by then."""
    if newest is None:
        return []
    out = []
    for name, t in timelines.items():
        for n in t.upcoming(today):
            gap = (n.effective - newest).days
            if gap <= MARGIN_DAYS:
                continue
            entry = n.entry
            root = t.history.source.path.rsplit("/", 2)[0]
            deadline = newest + dt.timedelta(days=IDLE_DAYS)
            out.append(Finding(
                "notice-schedule", "warning",
                f"{name}: version {n.version.id} takes effect on {n.effective.isoformat()}, "
                f"{gap} days after the newest commit ({newest.isoformat()}); GitHub switches "
                f"a scheduled workflow off after {IDLE_DAYS} days without activity, and the "
                "daily build is what brings this version into force: commit to the default "
                f"branch before {deadline.isoformat()}, or keep the schedule alive (README, "
                "'Keep the daily build alive')",
                entry.path if entry else changes_path(root, name), entry.line if entry else None))
    return out


def requirements_unset(project: Path) -> list[Finding]:
    """requirements.txt holding only comments while a workflow installs from it: the CI
    run would install nothing and stop at the first `lexdocs` it runs."""
    path = project / REQUIREMENTS
    workflows = project / ".github" / "workflows"
    # Only files of the repository itself: a committed symbolic link may point anywhere.
    if path.is_symlink() or not path.is_file() or workflows.is_symlink() or not workflows.is_dir():
        return []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    if any(ln.split("#", 1)[0].strip() for ln in lines):
        return []
    users = sorted(w.name for w in workflows.iterdir()
                   if w.suffix in (".yml", ".yaml") and w.is_file() and not w.is_symlink()
                   and _INSTALLS_IT.search(w.read_text(encoding="utf-8", errors="replace")))
    if not users:
        return []
    return [Finding("requirements-unset", "error",
                    f"{REQUIREMENTS} names nothing to install, yet .github/workflows/"
                    f"{users[0]} installs lexdocs from it: write the line its comment gives "
                    "(lexdocs @ git+URL@COMMIT, or a wheel kept in vendor/)", REQUIREMENTS, 1)]


def unlisted(project: Path, source_dir: str, documents: tuple[str, ...]) -> list[Finding]:
    """A document that is not built: every page of it leaves the site without a word.
    Deleting a document's folder, or taking it off mkdocs.yml's `documents`, unpublished
    it silently (the publication record refuses it, where there is one)."""
    return _deleted(project, source_dir) + _left_out(project, source_dir, documents)


_WITHDRAW = "a published document is withdrawn by a version that says so, with notice"


def _deleted(project: Path, source_dir: str) -> list[Finding]:
    with open_store(project) as store:  # one git process: the deletions on HEAD's line
        deleted = store.deleted(f"{source_dir}/*/{DOCUMENT_FILE}")
    return [Finding("unlisted-document", "warning", f"{source_dir}/{path.split('/')[-2]}/ "
                    f"held a document that commit {sha[:10]} deleted, so none of its pages "
                    "is published any more, the versions the site showed included (restore "
                    f"the folder; {_WITHDRAW})", path=path)
            for path, sha in sorted(deleted.items())
            if sha and path.count("/") == source_dir.count("/") + 2
            and not (project / path).exists()]


def _left_out(project: Path, source_dir: str, documents: tuple[str, ...]) -> list[Finding]:
    names = [n for n in discover_documents(project, source_dir) if n not in documents]
    if not names:
        return []
    path = project / MKDOCS_FILE
    text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    line = next((i for i, ln in enumerate(text.splitlines(), 1)
                 if re.match(r"\s*documents\s*:", ln)), None)
    return [Finding("unlisted-document", "warning", f"{source_dir}/{name}/ holds a document "
                    "that 'documents' leaves out, so none of its pages is published (list it "
                    f"when it is ready; {_WITHDRAW})", path=MKDOCS_FILE, line=line)
            for name in names]


def findings(project: Path, tz: dt.tzinfo, timelines: Mapping[str, Timeline],
             today: dt.date) -> list[Finding]:
    """Both rules on the text the site publishes now (the working tree's)."""
    sources = {n: t.history.source for n, t in timelines.items()}
    rendered = {n: t.history.working for n, t in timelines.items()}
    return starter_text(sources, rendered) + schedule(timelines, today,
                                                      newest_commit(project, tz))
