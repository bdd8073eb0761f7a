"""One pull-request comment: what merging would change in every legal document.

Reviewers read changes before they are published, where they already work: the
comment has a section per changed document with its materiality and the
reasons, the change-log entry the pull request adds (summary and effective
date), the redline from `formats.to_markdown`, and the unchanged parts folded
away. GitHub refuses a comment longer than 65,536 characters, so a long one is
cut at a line and says so, rather than failing the job that posts it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lexdocs.config import Options
from lexdocs.dates import format_date
from lexdocs.errors import GitError, LexdocsError
from lexdocs.history.gitstore import GitStore, open_store
from lexdocs.render.templates import PAGE_VERSION, RenderedDocument, render_document
from lexdocs.review import owner
from lexdocs.review.declared import as_judged
from lexdocs.review.formats import md_escape, to_markdown
from lexdocs.review.logbinding import overrides_of
from lexdocs.review.notice import Entry, build_date, parse_log
from lexdocs.review.pagedates import bind_plain
from lexdocs.review.redline import Redline, diff_documents
from lexdocs.review.verdicts import LAWYERS_CALL
from lexdocs.sources.changelog import changes_path
from lexdocs.sources.documents import load_document, read_working_tree
from lexdocs.sources.siteopts import SITE_FILE, declared_home
from lexdocs.sources.snapshot import has_document, load_snapshot

MAX_CHARS = 65_536
MAX_REASONS = 10
"""GitHub's limit for the body of an issue or pull-request comment."""
MARKER = "<!-- lexdocs-redline -->"
"""First line of every comment, so the workflow finds and updates its own comment."""


@dataclass(frozen=True)
class DocumentChange:
    """One document between two revisions: its redline, or why the head cannot be built."""

    name: str
    title: str
    redline: Redline | None
    entry: Entry | None
    error: str | None
    new: bool
    log_path: str
    removed: bool = False
    before_adoption: bool = False
    """The head predates the document's `adopted:` day: the old process needed no entry."""

    @property
    def changed(self) -> bool:
        return (self.removed or self.error is not None
                or bool(self.redline and self.redline.changes))


@dataclass(frozen=True)
class Comparison:
    """Every document of the project between a base and a head revision."""

    base: str
    head: str
    base_sha: str
    head_sha: str
    documents: tuple[DocumentChange, ...]
    notice_days: int
    governance: str = ""
    """What the head's mkdocs.yml owns that the base's did not (`owner.gained`): the
    text is judged by the base's, and a reviewer must see the change."""


def resolve(opts: Options, revisions: list[str]) -> list[str] | None:
    """The commits the revisions name, or None if any is not a revision."""
    with open_store(opts.project) as store:
        shas = [store.resolve(r) for r in revisions]
    return None if any(s is None for s in shas) else [s for s in shas if s]


def compare(opts: Options, base: str, head: str,
            names: list[str] | None = None) -> Comparison:
    """Render each document at both revisions and redline them."""
    with open_store(opts.project) as store:
        base_sha, head_sha = store.resolve(base), store.resolve(head)
        for rev, sha in ((base, base_sha), (head, head_sha)):
            if sha is None:
                raise GitError(f"'{rev}' names no commit",
                               hint="give a branch, tag or commit (fetch it first in CI)")
        assert base_sha and head_sha
        # The organisation's own addresses and names as the base declared them judge the
        # head, as the build judges a version by its parent's (`review.owner`).
        home, theirs = (owner.declared(_declared_home(store, sha), opts.home)
                        for sha in (base_sha, head_sha))
        docs = tuple(_compare_one(store, opts.source_dir, n, base_sha, head_sha,
                                  home, opts.tz, _adopted(opts, n))
                     for n in (names or list(opts.documents)))
    return Comparison(base, head, base_sha, head_sha, docs, opts.notice_days,
                      owner.gained(home, theirs))


def _declared_home(store: GitStore, sha: str) -> str | None:
    try:
        return declared_home(store.read(sha, SITE_FILE))
    except LexdocsError:  # a file history must not use: the working tree's then judge
        return None


def _adopted(opts: Options, name: str) -> dt.date | None:
    """The working tree's `adopted:` day: adoption is a fact about the project today, so
    a commit from before the key was written is judged by it too (as the build does)."""
    try:
        return load_document(opts.source_dir, name, read_working_tree(opts.project)).adopted
    except LexdocsError:
        return None


def _render(store: GitStore, sha: str, root: str, name: str
            ) -> tuple[RenderedDocument | None, str | None, dt.date | None]:
    """The document at `sha`, or why it cannot be built; and its `adopted:` day."""
    read = store.reader(sha)
    if not has_document(root, name, read):
        return None, None, None
    try:
        snap = load_snapshot(root, [name], read)
        doc = snap.documents[name]
        return render_document(doc, snap.variables, root, read), None, doc.adopted
    except LexdocsError as exc:
        return None, str(exc), None


def _compare_one(store: GitStore, root: str, name: str, base: str, head: str,
                 home: str = "", tz: dt.tzinfo = dt.UTC,
                 adopted: dt.date | None = None) -> DocumentChange:
    log_path = changes_path(root, name)
    old, _, _ = _render(store, base, root, name)
    new, error, declared = _render(store, head, root, name)
    adopted = adopted or declared
    if new is None and error is None:
        # Absent from the head: removed by this change, or in neither revision.
        return DocumentChange(name, old.title if old else name, None, None, None, False,
                              log_path, removed=old is not None)
    if new is None:
        return DocumentChange(name, old.title if old else name, None, None, error,
                              old is None, log_path)
    entry = None
    try:
        seen = {e.key for e in parse_log(store.read(base, log_path), log_path)}
        added = [e for e in parse_log(store.read(head, log_path), log_path) if e.key not in seen]
        entry = added[-1] if added else None
        # Judged by the declarations before it (the base's), as the build judges it.
        redline = diff_documents(old, as_judged(new, old, old) if old else new,
                                 overrides_of(entry), home)
        effective = entry.effective if entry is not None else None
        # Dates the text states are not known until it is published: say so in words.
        redline = bind_plain(redline, {
            PAGE_VERSION["last_updated"]: "[the day this is merged]",
            PAGE_VERSION["effective"]: (format_date(effective, "long") if effective
                                        else "[its effective date]")})
    except LexdocsError as exc:
        return DocumentChange(name, new.title, None, None, str(exc), old is None, log_path)
    day = store.committed(head).astimezone(tz).date()
    # An `adopted:` day to come exempts nothing (the check refuses it: notice-adopted).
    early = adopted is not None and day < adopted <= build_date(tz)
    return DocumentChange(name, new.title, redline, entry, None, old is None, log_path,
                          before_adoption=early)


def _badge(d: DocumentChange) -> str:
    if d.error is not None:
        return "⛔ **Cannot be built**"
    if d.removed:
        return "🗑️ **Removed**"
    if d.new:
        return "🆕 **New document**"
    assert d.redline is not None
    if any(c.material and not c.referred for c in d.redline.changes):
        return "🔴 **Material**"
    return f"🟠 **{LAWYERS_CALL}**" if d.redline.referred else "🟢 **Not material**"


def _document(d: DocumentChange, notice_days: int) -> str:
    lines = [f"## {md_escape(d.title)} ({_code(d.name)}) — {_badge(d)}", ""]
    if d.error is not None:
        lines += [f"> {md_escape(d.error)}", "",
                  "The build stops on this. Fix it (see EDITING.md, 'When lexdocs stops'), "
                  "then push again.", ""]
        return "\n".join(lines)
    if d.removed or d.redline is None:
        return "\n".join([*lines, "This change removes the document from the sources.", ""])
    reasons = dict.fromkeys(c.reason.removeprefix("Material:").strip()
                            for c in d.redline.changes if c.material and not c.referred)
    asked = dict.fromkeys(f"{c.section_title}: "
                          + c.reason.removeprefix(f"{LAWYERS_CALL}:").strip()
                          for c in d.redline.referred)
    for head, found in (("Why material:", reasons), (f"{LAWYERS_CALL} (no rule explains "
                                                     "these changes):", asked)):
        if found and not d.new:
            shown = list(found)[:MAX_REASONS]
            more = len(found) - len(shown)
            lines += [head, *[f"- {md_escape(_clip(r))}" for r in shown],
                      *([f"- … and {more} more reason{'s' if more != 1 else ''} in the redline"]
                        if more else []), ""]
    if asked and not d.new and not d.before_adoption:
        ids = list(dict.fromkeys(c.section_id for c in d.redline.referred))
        lines += ["A lawyer decides each of these in the change-log entry (a material answer "
                  f"needs notice as any material change does), in {_code(d.log_path)}:", "",
                  "```yaml", *(["- summary: <what changes for readers, in plain words>"]
                               if d.entry is None else []), "  sections:",
                  *[f"    - {{section: {i}, material: <true or false>, reason: <why>}}"
                    for i in ids], "```", ""]
    if d.entry is not None:
        when = (format_date(d.entry.effective, "long") if d.entry.effective
                else "no effective date given")
        lines += [f"**Change log:** {md_escape(d.entry.summary)}", "",
                  f"**Effective:** {when}", ""]
    elif d.before_adoption:
        lines += ["Published before the document's `adopted:` day: the earlier process "
                  "needed no change-log entry.", ""]
    elif reasons and not d.new:
        lines += ["**No change-log entry.** A material change needs a plain-language summary "
                  f"and an effective date at least {notice_days} days after it is published; "
                  f"add to {_code(d.log_path)}:", "", "```yaml",
                  "- summary: <what changes for readers, in plain words>",
                  "  effective: <YYYY-MM-DD>", "```", ""]
    lines.append(to_markdown(d.redline).rstrip())
    quiet = [s.title for s in d.redline.sections if not s.status]
    if quiet:
        lines += ["", f"<details><summary>{len(quiet)} unchanged "
                      f"section{'s' if len(quiet) != 1 else ''}</summary>", "",
                  *[f"- {md_escape(t)}" for t in quiet], "", "</details>"]
    return "\n".join(lines) + "\n"


def _clip(reason: str, size: int = 400) -> str:
    """A reason that quotes a whole added list would crowd out the redline it explains."""
    return reason if len(reason) <= size else reason[: size - 1].rstrip() + "…"


def compose(c: Comparison, limit: int = MAX_CHARS) -> str:
    """The comment's Markdown, never longer than `limit` characters."""
    changed = [d for d in c.documents if d.changed]
    material = sum(1 for d in changed if d.redline and d.redline.material and not d.new)
    asked = sum(1 for d in changed if d.redline and d.redline.referred and not d.new)
    head = [MARKER, "# Legal documents in this pull request", "",
            f"Compared {_code(c.base)} ({c.base_sha[:10]}) with {_code(c.head)} "
            f"({c.head_sha[:10]}): ", ""]
    if not changed:
        head[-2] += "no published text changes."
    else:
        head[-2] += (f"{len(changed)} document{'s' if len(changed) != 1 else ''} changed, "
                     f"{material} with material changes"
                     + (f" ({asked} waiting for a lawyer's call)" if asked else "") + ".")
    quiet = [d for d in c.documents if not d.changed]
    tail = ""
    if quiet:
        tail = "\n".join(["", f"<details><summary>{len(quiet)} unchanged "
                          f"document{'s' if len(quiet) != 1 else ''}</summary>", "",
                          *[f"- {md_escape(d.title)} ({_code(d.name)})" for d in quiet], "",
                          "</details>", ""])
    if c.governance:
        head += [f"⚖️ **mkdocs.yml declares more of its own:** {md_escape(c.governance)}. "
                 f"The text is judged by {_code(c.base)}'s declarations; the version that "
                 "brings these is a governance change, which needs a change-log entry with "
                 "a summary and notice as a material change does.", ""]
    body = "\n".join(head) + "\n"
    parts = [_document(d, c.notice_days) for d in changed]
    full = body + "\n".join(parts) + tail
    if len(full) <= limit:
        return full
    note = ("\n> ✂️ **This comment was cut** to fit GitHub's limit of "
            f"{MAX_CHARS:,} characters; {{left}}. Run "
            f"{_code(f'lexdocs diff --format markdown {c.base} {c.head}')} for the whole "
            "redline.\n")
    room = limit - len(body) - len(note) - 40
    kept: list[str] = []
    for i, part in enumerate(parts):
        if len(part) + 1 <= room:
            kept.append(part)
            room -= len(part) + 1
            continue
        kept.append(_cut(part, room))
        left = len(parts) - i - 1
        what = (f"{left} more changed document{'s' if left != 1 else ''} not shown"
                if left else "the rest of this document is not shown")
        return body + "\n".join(kept) + note.replace("{left}", what)
    return body + "\n".join(kept) + note.replace("{left}", "unchanged documents not listed")


def _code(text: str) -> str:
    """A code span GitHub shows literally, whatever the name holds (a folder may be named
    with backticks): fenced by a run of backticks longer than any inside it, as CommonMark
    reads code spans, so the name can never close the span and write live Markdown."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _cut(text: str, room: int) -> str:
    """`text` cut at a line, with any open code block or <details> closed."""
    if room <= 0:
        return ""
    cut = text[:room]
    line_start = cut.rfind("\n") + 1
    if line_start < room // 2:
        # One very long line (a block of inserted text): cut it at a word and close the
        # insertion or deletion mark that is still open, so the rest still reads.
        cut = cut[: max(cut.rfind(" "), line_start)]
        tail = cut[line_start:]
        cut += "".join(m for m in ("**", "~~") if tail.count(m) % 2) + " …\n"
    else:
        cut = cut[:line_start]
    if sum(1 for line in cut.splitlines() if line.startswith("```")) % 2:
        cut += "```\n"
    if cut.count("<details>") > cut.count("</details>"):
        cut += "\n</details>\n"
    return cut
