"""A version as a PDF a reader can keep, print or attach to a complaint.

Which versions get one is the site's decision (`pdfchoice.PdfChoice.has_pdf`: those in
force or pending, and every one whose PDF was made or published before, whose keys
`published_pdfs` finds); this module makes them and keeps them, from the HTML, paper
and assets `pdfprint` gives it.

A PDF is the copy people file away, so it must stand on its own: the title, the
dates and the version are printed on it, every page says where the text came
from, and pages are numbered so a paragraph can be cited. It is rendered by
WeasyPrint from the same HTML the site shows, with a bundled stylesheet and the
system's fonts, and never touches the network: a privacy statement should not
make a request to be printed, and a build must not depend on another host.

Rendering is the slowest step of a build (about half a CPU-second for a 90 KB
version), so the bytes are cached under a key made from every input, the
stylesheet and the WeasyPrint version: a cached PDF can never be stale, and
repeat builds render only versions that changed. A PDF missing from the
cache is first looked for, by the same key, in the publication record (see
`lexdocs.history.published`), so a fresh clone renders only what was never
published.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import multiprocessing
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lexdocs.cache import make_folder
from lexdocs.errors import GitError, RenderError
from lexdocs.publish.pdfprint import (
    _LAYOUT_VERSION,
    LETTER_TERRITORIES,
    PAPER,
    STYLESHEET,
    allowed_url,
    assets_dir,
    offline_fetcher,
    paper_for,
    pdf_html,
    stylesheet_text,
    without_attachments,
)

if TYPE_CHECKING:
    from lexdocs.history.published import RecordedPdfs

log = logging.getLogger(__name__)

# What a PDF is printed from is `pdfprint`'s; its names are still imported from here.
__all__ = ["LETTER_TERRITORIES", "PAPER", "PDFS_PER_WORKER", "STYLESHEET", "allowed_url",
           "assets_dir", "cache_key", "cached", "ensure_pdfs", "from_record", "offline_fetcher",
           "paper_for", "pdf_html", "published_pdfs", "render_pdf", "render_uncached",
           "stylesheet_text", "usable_cache", "whole_pdf", "without_attachments"]

_KEY = re.compile(r"[0-9a-f]{64}")
_VERSION_NOTE = ".version"
"""Beside `<key>.pdf`: the id of the version it is of."""


@functools.lru_cache(maxsize=8)
def _fixed_inputs(stylesheet: Callable[[], str],
                  version_of: Callable[[str], str]) -> tuple[str, str]:
    """The stylesheet and WeasyPrint's version, looked up once per process, not per PDF
    (a thousand versions made a preview rebuild wait a second for package metadata)."""
    return stylesheet(), version_of("weasyprint")


def cache_key(**inputs: str) -> str:
    """SHA-256 of every input, the stylesheet, the skeleton and the WeasyPrint version.

    Any of these changes what the PDF looks like, so any of them changes the key;
    nothing else is needed to decide whether a cached PDF is still right.
    """
    stylesheet, weasyprint_version = _fixed_inputs(stylesheet_text, package_version)
    material = {**inputs, "_stylesheet": stylesheet, "_layout": _LAYOUT_VERSION,
                "_weasyprint": weasyprint_version}
    blob = json.dumps(material, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def render_pdf(*, title: str, version_id: str, last_updated: str, effective: str,
               body_html: str, source_url: str, paper: str = "letter",
               language: str = "en", cache_dir: Path | None = None) -> bytes:
    """The PDF of one version of a document, from the cache when the inputs are unchanged.

    `body_html` is the document's HTML (h2 section headings and their bodies,
    as `RenderedDocument.html` gives it). `source_url` is the public page of
    this version: it is printed on every page and relative links resolve
    against it, so links in the PDF still work once it is saved elsewhere.
    `paper` is "a4" or "letter" (`paper_for`). `cache_dir` (the build passes
    `<project>/.cache/lexdocs/pdf`) is created if missing; None, or a folder that
    cannot be written, renders every time.
    """
    inputs = {"title": title, "version_id": version_id, "last_updated": last_updated,
              "effective": effective, "body_html": body_html, "source_url": source_url,
              "paper": paper, **({} if language == "en" else {"language": language})}
    folder = usable_cache(cache_dir) if cache_dir is not None else None
    if folder is None:
        return _render(inputs)
    return ensure_pdfs([inputs], folder)[0].read_bytes()


def usable_cache(cache_dir: Path) -> Path | None:
    """`cache_dir`, created if missing, or None with a warning if it cannot be written.

    A read-only checkout (or an empty read-only `.cache` left by another user)
    must not stop a build: it only makes the build slower.
    """
    try:
        make_folder(cache_dir)
        fd, probe = tempfile.mkstemp(prefix=".probe-", dir=cache_dir)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        log.warning("PDF cache %s cannot be written (%s); rendering without a cache",
                    cache_dir, exc.strerror or exc)
        return None
    return cache_dir


def cached(cache_dir: Path, key: str) -> Path | None:
    """The cached PDF for `key`, or None if it is missing or not a whole, intact PDF.

    An entry is trusted only if its bytes hash to the digest written beside it
    and it has a PDF's first and last marks, so a truncated, edited or garbage
    file is rendered again instead of being published.
    """
    path = cache_dir / f"{key}.pdf"
    try:
        data = path.read_bytes()
        digest = (cache_dir / f"{key}.sha256").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if whole_pdf(data) and hashlib.sha256(data).hexdigest() == digest:
        return path
    log.warning("PDF cache entry %s is damaged; rendering it again", path.name)
    return None


def whole_pdf(data: bytes) -> bool:
    """True if `data` has a PDF's first and last marks, so it was not cut short."""
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


PDFS_PER_WORKER = 3


def ensure_pdfs(jobs: Sequence[Mapping[str, str]], cache_dir: Path,
                workers: int | None = None, project: Path | None = None) -> list[Path]:
    """A verified cached PDF for each job (the `render_pdf` inputs), in order.

    With `project`, missing ones are first taken from its publication record
    (`from_record`). Only those still missing are rendered, in parallel processes (WeasyPrint is
    single-threaded and takes about a second a version), and each is written
    to the cache as it is done, so a build that is stopped keeps what it made.
    The caller reads the files when it writes the site: no PDF is held in memory.
    """
    keys = [cache_key(**job) for job in jobs]
    todo: dict[str, dict[str, str]] = {}
    for key, job in zip(keys, jobs, strict=True):
        if cached(cache_dir, key) is None:
            todo[key] = dict(job)
        else:  # an entry cached before versions were noted beside it gets its note
            _note_version(cache_dir, key, job["version_id"])
    if todo and project is not None:
        for key in from_record(project, cache_dir,
                               {k: job["version_id"] for k, job in todo.items()}):
            del todo[key]
    if todo:
        log.info("rendering %d PDF(s)", len(todo))
        # A worker pays about half a CPU-second to start and import WeasyPrint, about what
        # a PDF of a short document takes: a pool pays for itself only with several PDFs
        # a worker, so a few are made here (two short ones: 1.4 CPU-s in a pool of two,
        # 0.7 here, in the same 0.8 s).
        n = max(1, min(workers or os.cpu_count() or 1, -(-len(todo) // PDFS_PER_WORKER)))
        if n == 1:
            errors = [_render_into(cache_dir, key, job) for key, job in todo.items()]
        else:
            # A fresh worker (not a fork of a build holding every version) keeps each
            # worker's memory to WeasyPrint's own.
            methods = multiprocessing.get_all_start_methods()
            method = "forkserver" if "forkserver" in methods else None
            with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context(method)) as pool:
                errors = list(pool.map(_render_into, [cache_dir] * len(todo), todo.keys(),
                                       todo.values()))
        first = next((e for e in errors if e), None)
        if first:
            raise RenderError(first, hint="is pango installed? run scripts/system-deps.sh build")
    return [cache_dir / f"{key}.pdf" for key in keys]


def published_pdfs(cache_dir: Path | None, project: Path | None) -> RecordedPdfs:
    """Every PDF already made here or published: by key, those in the cache (`cache_dir`,
    None for none) and in the publication record of `project` (None: not asked); by
    version, those the record lists with a PDF.

    A version among them keeps its PDF although it is no longer in force, so a PDF once
    published never disappears from its URL. Only names are read (one folder listing,
    one tree and versions.json of the record); git trouble costs only PDFs not linked.
    """
    from lexdocs.history.published import BRANCH, RecordedPdfs, recorded_pdf_list

    keys: set[str] = set()
    ids: set[str] | None = set()
    if cache_dir is not None:
        with contextlib.suppress(OSError):  # no cache yet
            names = set(os.listdir(cache_dir))
            keys.update(name[:-4] for name in names
                        if name.endswith(".pdf") and _KEY.fullmatch(name[:-4]))
            ids = _versions_noted(cache_dir, keys, names)
    recorded = RecordedPdfs()
    if project is not None:
        try:
            recorded = recorded_pdf_list(project)
        except GitError as exc:
            log.warning("PDFs published on branch %s not looked up: %s", BRANCH, exc)
    return RecordedPdfs(recorded.keys | keys, recorded.versions,
                        None if ids is None or recorded.ids is None
                        else frozenset(ids | recorded.ids))


def _versions_noted(cache_dir: Path, keys: Iterable[str], names: set[str]) -> set[str] | None:
    """The version ids noted beside the cached PDFs of `keys` (`names`: the folder's
    entries), None if one has no readable note (a cache older than the notes)."""
    ids = set()
    for key in keys:
        if f"{key}{_VERSION_NOTE}" not in names:
            return None
        try:
            ids.add((cache_dir / f"{key}{_VERSION_NOTE}").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None
    return ids


def from_record(project: Path, cache_dir: Path, keys: Mapping[str, str]) -> list[str]:
    """Copy each of `keys` (each with the id of its version) that the publication record
    holds into the cache; the keys copied.

    One git reader serves them all, one PDF in memory at a time. The key is
    the content address of the inputs, so a recorded PDF under it is the PDF
    those inputs make; the bytes are still checked, and a bad entry is one
    warning and rendered instead. Git trouble here only costs rendering time.
    """
    from lexdocs.history.published import BRANCH, PDF_FOLDER, recorded_pdfs

    done = []
    try:
        for key, data in recorded_pdfs(project, keys):
            if data is None or not whole_pdf(data):
                log.warning("%s:%s/%s.pdf is not a whole PDF; rendering it again", BRANCH,
                            PDF_FOLDER, key)
                continue
            _store(cache_dir, key, data, keys[key])
            done.append(key)
    except GitError as exc:
        log.warning("PDFs not taken from branch %s: %s", BRANCH, exc)
    if done:
        log.info("%d PDF(s) taken from branch %s", len(done), BRANCH)
    return done


def _render_into(cache_dir: Path, key: str, inputs: dict[str, str]) -> str:
    """Render one PDF into the cache; the error's one line, or "" (errors cross processes
    as text, since an exception with keyword arguments may not survive pickling)."""
    try:
        data = _render(inputs)
    except RenderError as exc:
        return exc.message
    _store(cache_dir, key, data, inputs["version_id"])
    return ""


def _store(cache_dir: Path, key: str, data: bytes, version_id: str) -> None:
    """Cache one PDF with the digest `cached` checks it against: digest first, so a stop
    between the two writes leaves an entry that fails the check, never a trusted one.
    The version it is of is written beside it (`_note_version`)."""
    _note_version(cache_dir, key, version_id)
    _write_atomic(cache_dir / f"{key}.sha256", hashlib.sha256(data).hexdigest().encode())
    _write_atomic(cache_dir / f"{key}.pdf", data)


def _note_version(cache_dir: Path, key: str, version_id: str) -> None:
    """Write which version the PDF of `key` is of, so `published_pdfs` can say which
    versions have one without hashing every version's inputs (`pdfchoice.PdfChoice.has_pdf`)."""
    path = cache_dir / f"{key}{_VERSION_NOTE}"
    if not path.exists():
        with contextlib.suppress(OSError):  # without it, versions are only hashed
            _write_atomic(path, version_id.encode("utf-8"))


def render_uncached(inputs: Mapping[str, str]) -> bytes:
    """One PDF from `render_pdf`'s inputs, bypassing the cache (for an unwritable one)."""
    return _render(dict(inputs))


def _render(inputs: dict[str, str]) -> bytes:
    import weasyprint

    fetcher = offline_fetcher()
    try:
        css = weasyprint.CSS(string=stylesheet_text(), url_fetcher=fetcher)
        doc = weasyprint.HTML(string=pdf_html(**inputs), base_url=inputs["source_url"] or None,
                              url_fetcher=fetcher)
        options: dict[str, Any] = {"stylesheets": [css], "pdf_tags": True, "attachments": []}
        data = doc.write_pdf(**options)
    except Exception as exc:  # WeasyPrint raises many kinds; the user needs only which PDF.
        raise RenderError(f"cannot render the PDF of {inputs['title']!r} version "
                          f"{inputs['version_id']}: {type(exc).__name__}: {exc}",
                          hint="is pango installed? run scripts/system-deps.sh build") from exc
    if not isinstance(data, bytes):  # pragma: no cover - write_pdf() with no target returns bytes
        raise RenderError("WeasyPrint returned no PDF bytes")
    return data


def _write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a build that stops never leaves half a PDF.

    Two builds (a `mkdocs serve` and a `make test`) may render the same key at
    once; each writes its own temporary file and the rename is atomic.
    """
    fd, tmp = tempfile.mkstemp(prefix=".pdf-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
