"""Keeping `.cache/lexdocs` from growing forever: what the last two users used stays.

Every entry of the page and PDF caches is keyed by content, so an upgrade of
lexdocs, an edit of its code or of mkdocs.yml makes new keys and leaves the old
entries useless; nothing ever asked for them again, and a thousand-commit site
left 60–100 MB behind per change. Here is the one scheme every cache folder and
every engine shares:

- Whoever uses a cache folder wholly records the keys it used in that folder's
  manifest (`.used.json`, one short line per key): a build its PDFs, a preview
  session its themed pages (one set per session, replaced as it goes on). The
  manifest keeps the last two sets, so switching between two branches or two
  engines stays warm.
- After a successful full build, every entry of the folders that no set in the
  manifest names is removed: one directory listing, no `stat`. A failed build
  records and removes nothing; a preview never removes (it touches a subset).
- A process that reads the cache holds a shared lock on `.cache/lexdocs/.lock`
  until it ends; a build removes entries only if it can take that lock alone.
  So a build or preview in another process never loses a file it found and is
  about to copy: while one runs, removal waits for the next build.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from lexdocs.cache import make_folder

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock, so nothing is ever removed
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("lexdocs")

MANIFEST = ".used.json"
LOCK = ".lock"
KEPT_SETS = 2
FOLDERS = ("pages", "pdf")
"""The cache folders whose entries are named `<key>.<suffix>` (the stores of entries beside
them replace their own files: see `lexdocs.entries.EntryStore.flush`)."""

_held: dict[Path, IO[bytes]] = {}
_pending: dict[Path, set[str]] = {}


class Usage:
    """The keys one preview session used in one cache folder, recorded as one set."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.keys: set[str] = set()
        self.token = uuid.uuid4().hex
        self._recorded = 0

    def add(self, key: str) -> None:
        self.keys.add(key)

    def record(self) -> None:
        """Write this session's set, if it grew since it was last written (a save
        mostly reuses every page, and then costs nothing here)."""
        if len(self.keys) != self._recorded:
            record(self.folder, self.keys, self.token)
            self._recorded = len(self.keys)


def hold(root: Path | None) -> None:
    """Hold a shared lock on the cache folder `root` for the rest of this process, so no
    other process removes an entry this one may have found. Call before reading entries."""
    if root is None or fcntl is None or root in _held:
        return
    try:
        make_folder(root)  # ignored by git, like every cache folder
        fh = open(root / LOCK, "ab")  # noqa: SIM115 - held until the process ends
        fcntl.flock(fh.fileno(), fcntl.LOCK_SH)
    except OSError as exc:
        log.debug("cache lock not taken: %s", exc)
        return
    _held[root] = fh


def this_build(root: Path | None, pdfs: Iterable[Path | bytes]) -> None:
    """Note the PDFs a full build uses, for `build_done` to record if the build succeeds."""
    if root is not None:
        _pending[root] = {p.stem for p in pdfs if isinstance(p, Path)}


def build_failed(root: Path) -> None:
    """The build of the cache under `root` failed: record nothing, remove nothing. Only
    its own note is dropped: another build in this process (a preview session's, or a
    test's) keeps its own."""
    _pending.pop(root, None)


def build_done(root: Path) -> int:
    """After a successful full build: record its set and remove every entry of the cache
    folders under `root` that the kept sets do not name, if no other process uses the
    cache now. How many entries were removed."""
    used = _pending.pop(root, None)
    if used is None:
        log.debug("cache: no PDFs noted for %s (not a full build): nothing removed", root)
        return 0
    record(root / "pdf", used, uuid.uuid4().hex)
    fh = _held.get(root)
    if fh is None or fcntl is None:
        log.debug("cache: no lock held on %s: nothing removed", root)
        return 0
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        log.debug("cache in use by another process: nothing removed this time")
        fcntl.flock(fh.fileno(), fcntl.LOCK_SH)
        return 0
    try:
        removed = sum(prune(root / name) for name in FOLDERS)
    finally:
        fcntl.flock(fh.fileno(), fcntl.LOCK_SH)
    if removed:
        log.info("cache: %d unused entr%s removed", removed, "y" if removed == 1 else "ies")
    return removed


def record(folder: Path, keys: Iterable[str], token: str) -> None:
    """Write `keys` into `folder`'s manifest as the set of `token`: in place of that
    token's set if it is the newest, else as the newest, keeping `KEPT_SETS`."""
    sets = kept_sets(folder)
    entry: dict[str, Any] = {"by": token, "keys": sorted(keys)}
    if sets and sets[-1].get("by") == token:
        sets[-1] = entry
    else:
        sets = [*sets, entry][-KEPT_SETS:]
    try:
        make_folder(folder)
        fd, tmp = tempfile.mkstemp(prefix=".used-", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps({"sets": sets}, separators=(",", ":")))  # C encoder
            os.replace(tmp, folder / MANIFEST)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.debug("cache manifest not written: %s", exc)


def kept_sets(folder: Path) -> list[dict[str, Any]]:
    """The sets `folder`'s manifest holds, oldest first; none if it is missing or bad."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        sets = data["sets"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    if not isinstance(sets, list):
        return []
    return [s for s in sets if isinstance(s, dict) and isinstance(s.get("keys"), list)]


def prune(folder: Path) -> int:
    """Remove every `<key>.<suffix>` entry of `folder` no kept set names; how many.
    Hidden files (the manifest, a writer's temporary file) are left alone."""
    keep = {str(k) for s in kept_sets(folder) for k in s["keys"]}
    removed = 0
    try:
        entries = os.scandir(folder)
    except OSError:
        return 0
    with entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name.split(".", 1)[0] in keep:
                continue
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
    return removed
