"""The publication record: what readers have already been shown, so it can never move.

A version's id, URL and text are promises: people cite them, archives store
them. They are made from git history, and history can be rewritten (an amend,
a rebase, a force-push) after the site went out. So the deploy step records
what it published on a branch of its own, `lexdocs-published` (as `mike` keeps
`gh-pages`), with `lexdocs record` followed by `git push origin
lexdocs-published`; every later build reads that record and refuses to publish
if a recorded id is gone or its text changed. No branch means nothing was
recorded yet, and nothing to check.

Each commit on the branch holds `versions.json` at the top and `pdf/<key>.pdf`
for every PDF the site published, named by the content key of the PDF cache
(a hash of every input, the stylesheet and the WeasyPrint version). A fresh
clone (a CI build with an empty `.cache/`) takes those PDFs from the branch
instead of rendering them again, minutes for a long history. The branch is
read as untrusted: only regular files at `pdf/<64 hex>.pdf`, of bounded size,
are ever read, and the PDF module checks each before it is cached.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lexdocs.errors import GitError, SourceError
from lexdocs.findings import Finding
from lexdocs.history.gitstore import open_store
from lexdocs.history.versions import Version

BRANCH = "lexdocs-published"
RECORD_FILE = "versions.json"
PDF_FOLDER = "pdf"
MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_RECORD_BYTES = 64 * 1024 * 1024
"""A recorded versions.json larger than this is not read (a thousand versions take 2 MB)."""
"""A recorded PDF larger than this is not read (a version's PDF is well under a megabyte)."""
RULE = "permanent-url"
_KEY = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Recorded:
    """One version as the record says it was published."""

    document: str
    id: str
    sha256: str
    commit: str
    effective: dt.date | None = None
    """The effective date readers were shown (None: a record that did not say)."""
    pdf: bool = False
    """Whether it was published with a PDF (its `pdf_url`): then it keeps one for good."""


@dataclass(frozen=True)
class Record:
    """The record at the tip of the branch: where it was read, and its versions."""

    ref: str
    commit: str
    versions: tuple[Recorded, ...]
    made: dt.datetime | None = None
    """When the tip was committed: a version dated before it that it does not list was
    not on the branch then, whatever its commit says."""


def parse_record(text: str, where: str) -> tuple[Recorded, ...]:
    """The versions listed in a recorded `versions.json` (schema 1).

    The branch is untrusted: anything but the JSON lexdocs writes (other types, nesting
    deep enough to exhaust the parser) is one error naming the branch and the file."""
    try:
        data: Any = json.loads(text)
        docs = data["documents"]
        return tuple(Recorded(document=str(name), id=str(v["id"]), sha256=str(v["sha256"]),
                              commit=str(v.get("commit", "")),
                              effective=_day(v.get("effective")),
                              pdf=v.get("pdf_url") is not None)
                     for name, doc in docs.items() for v in doc["versions"])
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise SourceError("the publication record is not a versions.json lexdocs wrote",
                          path=where, hint=f"inspect it with 'git show {where}'") from exc


def _day(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


_READ: dict[tuple[str, str, str], Record] = {}
"""Records already read, by project, branch and commit: a commit is its content, and a
preview session reads the record on every save (at 5,000 versions its JSON took 0.16 s)."""


def load_record(project: Path) -> Record | None:
    """The last publication record, or None when nothing was recorded yet."""
    with open_store(project) as store:
        tip = store.branch_tip(BRANCH)
        if tip is None:
            return None
        ref, commit = tip
        known = _READ.get((str(project), ref, commit))
        if known is not None:
            return known
        where = f"{ref.removeprefix('refs/heads/').removeprefix('refs/remotes/')}:{RECORD_FILE}"
        data = store.top_file(commit, RECORD_FILE, MAX_RECORD_BYTES)
        made = store.committed_at(commit)
    if data is None:
        raise GitError(f"branch '{BRANCH}' has no {RECORD_FILE} (or one larger than "
                       f"{MAX_RECORD_BYTES // 2**20} MB)", path=where,
                       hint=f"it must hold {RECORD_FILE} and {PDF_FOLDER}/, as 'lexdocs record' "
                            "writes them")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""  # not JSON either: said as such below
    read = Record(ref=ref, commit=commit, versions=parse_record(text, where),
                  made=dt.datetime.fromtimestamp(made, dt.UTC))
    if len(_READ) >= 4:  # a process reads one project's record, seldom more
        _READ.clear()
    _READ[(str(project), ref, commit)] = read
    return read


def required_by(option: bool, versions: Mapping[str, Iterable[Version]]) -> str | None:
    """What says a record must exist: the working tree's `record: required`, or the same
    option in the mkdocs.yml of any commit that made a version (a pull request that
    drops the option is judged by the one before it)."""
    if option:
        return "mkdocs.yml ('record: required')"
    said = [v for vs in versions.values() for v in vs if v.record_required]
    if said:
        first = min(said, key=lambda v: v.published)
        return f"mkdocs.yml at commit {first.commit.sha[:10]} ('record: required')"
    return None


def missing(required: str | None) -> list[Finding]:
    """The error for a build that finds no record where one must exist: `required` names
    what says CI has published (None: nothing does, and no record is fine)."""
    if required is None:
        return []
    return [Finding(RULE, "error", f"branch '{BRANCH}' is missing, but {required} says the "
                    "site was published and recorded before; without the record no build can "
                    "tell whether published versions were rewritten (fetch it with 'git "
                    f"fetch origin {BRANCH}', or restore it from the deploy's {RECORD_FILE})",
                    path=f"{BRANCH}:{RECORD_FILE}")]


def check_record(record: Record, versions: dict[str, tuple[Version, ...]]) -> list[Finding]:
    """Every recorded version must still exist with the same text; one error per breach.

    `versions` are the documents' versions as this build computes them. A
    document the record knows but the build does not publish any more is a
    breach too: its permanent pages would disappear.
    """
    findings = []
    ids = {doc: {v.id: v for v in vs} for doc, vs in versions.items()}  # once, not a version
    gone: dict[str, list[str]] = {}
    for r in record.versions:
        if r.document not in ids:  # not rewritten: the whole document is no longer built
            gone.setdefault(r.document, []).append(r.id)
            continue
        where = f"{r.document}: published version {r.id}"
        built = ids.get(r.document, {})
        fix = (f"put commit {r.commit[:12]} back into the branch's history (find it with "
               "'git reflog'), and make further edits as new commits")
        if r.id not in built:
            findings.append(Finding(RULE, "error", f"{where} is missing from this build "
                                    f"(history was rewritten after it was published); {fix}",
                                    path=f"{BRANCH}:{RECORD_FILE}"))
        elif built[r.id].rendered.fingerprint != r.sha256:
            findings.append(Finding(RULE, "error", f"{where} has different text now "
                                    f"(history was rewritten after it was published); {fix}",
                                    path=f"{BRANCH}:{RECORD_FILE}"))
    for doc, shown in gone.items():
        count = f"its {len(shown)} published versions" if len(shown) > 1 else \
            f"its published version {shown[0]}"
        findings.append(Finding(RULE, "error", f"{doc}: the document is no longer built, so "
                                f"{count} would disappear from the site, permanent pages and "
                                "PDFs with them (keep its folder in the source folder and its "
                                "entry in mkdocs.yml's 'documents'; to withdraw it, publish "
                                "a new version that says so, with notice)",
                                path=f"{BRANCH}:{RECORD_FILE}"))
    return findings


def record(project: Path, versions_json: str, pdfs: Mapping[str, Path] | None = None
           ) -> str | None:
    """Commit `versions_json` and `pdfs` (cache key: file) on the record branch, as one
    commit that holds exactly them; None if that is already recorded.

    A PDF no longer published leaves the branch's tree with this commit (it stays
    in the branch's history, as the site's earlier deploys do).
    """
    count = len(parse_record(versions_json, RECORD_FILE))
    pdfs = dict(pdfs or {})
    bad = next((k for k in pdfs if not _KEY.fullmatch(k)), None)
    if bad is not None:
        raise GitError(f"'{bad}' is not a PDF cache key", hint="this is a bug in lexdocs")
    files: dict[str, bytes | Path] = {RECORD_FILE: versions_json.encode("utf-8")}
    files.update((f"{PDF_FOLDER}/{key}.pdf", path) for key, path in sorted(pdfs.items()))
    with open_store(project) as store:
        return store.commit_files(
            BRANCH, files,
            f"Record the published versions ({count} in all) and {len(pdfs)} PDF(s)\n\n"
            f"Written by 'lexdocs record'; push with 'git push origin {BRANCH}'.")


@dataclass(frozen=True)
class RecordedPdfs:
    """What the record says was published as a PDF, so it stays published
    (`pdfchoice.PdfChoice.has_pdf`)."""

    keys: frozenset[str] = frozenset()
    """The cache key of every PDF on the branch."""
    versions: frozenset[tuple[str, str]] = frozenset()
    """(document, version id) of every version recorded with a PDF: it keeps one even
    when its key changes (another WeasyPrint, stylesheet or site URL), made anew."""
    ids: frozenset[str] | None = frozenset()
    """The version id each key was made for (the id is one of the key's inputs), or None
    when some key's is not known: a version whose id is not among them cannot have one
    of these keys, and its inputs need not be hashed to know it."""


def recorded_pdf_list(project: Path) -> RecordedPdfs:
    """The PDFs the record holds, by key and by version (nothing without a record): names
    and versions.json only, one reader, no PDF's bytes."""
    with open_store(project) as store:
        tip = store.branch_tip(BRANCH)
        if tip is None:
            return RecordedPdfs()
        names = store.folder_names(tip[1], PDF_FOLDER)
        data = store.top_file(tip[1], RECORD_FILE, MAX_RECORD_BYTES)
    keys = frozenset(key for name in names if name.endswith(".pdf")
                     and _KEY.fullmatch(key := name.removesuffix(".pdf")))
    try:
        listed = parse_record((data or b"").decode("utf-8"), f"{BRANCH}:{RECORD_FILE}")
    except (SourceError, UnicodeDecodeError):
        # load_record says what is wrong with it; here it only costs hashing every version
        return RecordedPdfs(keys, frozenset(), None)
    versions = frozenset((r.document, r.id) for r in listed if r.pdf)
    # The record holds the PDF of each version it lists with one, and nothing else.
    return RecordedPdfs(keys, versions, frozenset(i for _, i in versions))


def recorded_pdfs(project: Path, keys: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
    """(key, bytes) for each of `keys` whose PDF the record holds, one at a time, or
    (key, None) when the entry of that name is not a regular file of bounded size.

    Keys not in the record are left out; so is everything when there is no
    record. Whether the bytes are a whole PDF is for the caller to check.
    """
    wanted = [k for k in keys if _KEY.fullmatch(k)]
    if not wanted:
        return
    with open_store(project) as store:
        tip = store.branch_tip(BRANCH)
        if tip is None:
            return
        names = [f"{k}.pdf" for k in wanted]
        for name, data in store.folder_files(tip[1], PDF_FOLDER, names, MAX_PDF_BYTES):
            yield name.removesuffix(".pdf"), data
