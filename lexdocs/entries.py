"""Kept results, an entry at a time: one SQLite file per kind of result.

The kinds `lexdocs.cache` names by the code that made them (renders by commit,
redlines by their two texts) grow with every version of a history; read whole, a
build held all of them at once. Here each entry is read when it is asked for and
written soon after it is made. The entries are JSON (`lexdocs.cache.encode`), never
pickle, and the file is only ever a cache: anything unreadable is a miss.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from lexdocs.cache import code_fingerprint, make_folder

try:
    import sqlite3
except ImportError:  # a Python built without it: nothing kept between builds, only slower
    sqlite3 = None  # type: ignore[assignment]

log = logging.getLogger("lexdocs")


class EntryStore:
    """Entries of one kind of result, each the JSON text of one value under a pool and a
    key, in one SQLite file (the standard library's) named by the code that made them.

    An entry is read when it is asked for and written soon after it is made, so a
    build holds the entries it is using, never the whole file: a history's renders
    and redlines grow with every version, and read whole they made a build's memory
    grow with them. `folder` None (no usable cache) makes every read a miss and every
    write a no-op, so callers need no second path. Anything unreadable is an empty
    store: a cache can make a build slower, never stop it.
    """

    FLUSH = 512
    FLUSH_CHARS = 4_000_000
    """Entries (and characters) written at once: a first build's thousands of renders
    and redlines go to disk as they are made, in short transactions another process
    can read between."""

    READ_CACHE_KB = 256
    """SQLite's page cache once the store is opened again after `close`."""

    def __init__(self, folder: Path | None, kind: str, former: tuple[str, ...] = ()) -> None:
        self.path = (folder / f"{kind}-{code_fingerprint()}.sqlite"
                     if folder and sqlite3 is not None else None)
        self.kind = kind
        self.former = former
        """Kinds whose files this one replaces (removed with other code versions' files)."""
        self._db: sqlite3.Connection | None = None
        self._pending: dict[tuple[str, str], str] = {}
        self._chars = 0
        self._written = False
        self._closed = False

    def get(self, pool: str, key: str) -> Any:
        """The value kept under `key` in `pool`, or None (never kept, or unreadable)."""
        text = self._pending.get((pool, key))
        if text is None:
            row = self._run("SELECT value FROM entries WHERE pool = ? AND key = ?", (pool, key))
            found = row.fetchone() if row is not None else None
            if found is None:
                return None
            text = found[0]
        try:
            return json.loads(text)
        except ValueError:
            return None  # damaged: a miss, made again

    def put(self, pool: str, key: str, value: Any, text: str | None = None) -> None:
        """Keep `value` under `key` (an entry already kept stays: keys name content);
        `text` is its JSON if the caller made it already (to hash it, say)."""
        if self.path is None:
            return
        # One string each, not json.dump: only a whole-value encode takes the C encoder.
        text = text if text is not None else json.dumps(value, ensure_ascii=False,
                                                        separators=(",", ":"))
        self._pending[(pool, key)] = text
        self._chars += len(text)
        if len(self._pending) >= self.FLUSH or self._chars >= self.FLUSH_CHARS:
            self.flush()

    def keys(self, pool: str) -> Iterator[str]:
        """The keys of `pool`, what was put so far included (to find what to prune)."""
        self.flush()
        rows = self._run("SELECT key FROM entries WHERE pool = ?", (pool,))
        return (k for (k,) in rows) if rows is not None else iter(())

    def values(self, pool: str, keys: Iterable[str] | None = None) -> Iterator[Any]:
        """Every value of `pool` (or those of `keys`), one at a time; damaged ones skipped."""
        self.flush()
        if keys is None:
            rows = self._run("SELECT value FROM entries WHERE pool = ?", (pool,))
            texts: Iterable[str] = (t for (t,) in rows) if rows is not None else ()
        else:
            texts = (t for t in (self._text(pool, k) for k in keys) if t is not None)
        for text in texts:
            try:
                yield json.loads(text)
            except ValueError:
                continue

    def keep_only(self, pool: str, keys: Iterable[str]) -> int:
        """Remove every entry of `pool` whose key is not in `keys`; how many went."""
        self.flush()
        db = self._open()
        if db is None:
            return 0
        try:
            with db:
                db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (key TEXT PRIMARY KEY)")
                db.execute("DELETE FROM wanted")
                db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((k,) for k in keys))
                gone = db.execute("DELETE FROM entries WHERE pool = ? AND key NOT IN "
                                  "(SELECT key FROM wanted)", (pool,)).rowcount
                db.execute("DELETE FROM wanted")
        except sqlite3.Error as exc:
            self._failed(exc)
            return 0
        return gone

    def flush(self) -> None:
        """Write what was put since the last flush, in one transaction."""
        if not self._pending:
            return
        pending, self._pending, self._chars = self._pending, {}, 0
        db = self._open()
        if db is None:
            return
        try:
            with db:
                db.executemany("INSERT OR IGNORE INTO entries VALUES (?, ?, ?)",
                               ((p, k, v) for (p, k), v in pending.items()))
        except sqlite3.Error as exc:
            self._failed(exc)
            return
        if not self._written and self.path is not None:
            for kind in (self.kind, *self.former):
                for old in self.path.parent.glob(f"{kind}-*"):
                    if not old.name.startswith(self.path.name):  # its journal stays
                        old.unlink(missing_ok=True)
        self._written = True

    def close(self) -> None:
        """Write what is pending and let go of the file (opened again if asked again)."""
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None
            self._closed = True

    def _text(self, pool: str, key: str) -> str | None:
        row = self._run("SELECT value FROM entries WHERE pool = ? AND key = ?", (pool, key))
        found = row.fetchone() if row is not None else None
        return str(found[0]) if found is not None else None

    def _run(self, sql: str, args: tuple[str, ...]) -> sqlite3.Cursor | None:
        db = self._open(create=False)
        if db is None:
            return None
        try:
            return db.execute(sql, args)
        except sqlite3.Error as exc:
            self._failed(exc)
            return None

    def _open(self, create: bool = True, again: bool = True) -> sqlite3.Connection | None:
        if self._db is not None or self.path is None:
            return self._db
        if not create and not self.path.exists():
            return None
        db = None
        try:
            make_folder(self.path.parent)
            # A preview rebuilds in the server's thread; the store is used by one at a time.
            db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            if self._closed:
                # Opened again after it was written and let go: what is asked now is one
                # entry at a time (a section, a drawing, as a page is made), and SQLite's
                # page cache of 64 KB pages was 1.3 MB a file from the first read on.
                db.execute(f"PRAGMA cache_size=-{self.READ_CACHE_KB}")
            # The file is whole after every write (no journal left beside it), and a
            # transaction is short, so another process reading it waits little.
            db.execute("PRAGMA synchronous=OFF")  # a cache: lost at a crash, made again
            db.execute("PRAGMA page_size=65536")  # a new file: a long entry in fewer reads
            db.execute("CREATE TABLE IF NOT EXISTS entries (pool TEXT NOT NULL, key TEXT NOT "
                       "NULL, value TEXT NOT NULL, PRIMARY KEY (pool, key)) WITHOUT ROWID")
        except (OSError, sqlite3.Error) as exc:
            if db is not None:
                db.close()
            if isinstance(exc, sqlite3.DatabaseError) and again and self.path.exists():
                log.warning("%s cache %s is unreadable (%s); starting it again", self.kind,
                            self.path.name, exc)
                with contextlib.suppress(OSError):
                    for part in self.path.parent.glob(f"{self.path.name}*"):
                        part.unlink()
                return self._open(create, again=False)
            self._failed(exc)
            return None
        self._db = db
        return db

    def _failed(self, exc: Exception) -> None:
        """A store that cannot be used is no store for the rest of this process."""
        log.debug("%s cache not used: %s", self.kind, exc)
        if self._db is not None:
            self._db.close()
            self._db = None
        self.path = None
        self._pending = {}
