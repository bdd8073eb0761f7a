"""Results kept on disk between builds, under names no stale entry can answer to.

A warm build should not render a thousand commits and diff a thousand versions
again to find the same answers. What it keeps is plain JSON (never pickle: a
cache file is data, and reading data must not run code), in a file whose name
is a hash of the code that made the entries (every module of lexdocs and the
versions of the libraries that shape a render), and each entry is keyed by the
content it was made from. So a cache can be stale only by being useless: a
changed program reads another file, changed input asks another key.

A `.cache` folder that git tracks is a pull request's content, not ours: its
entries could carry text no source holds. The callers ask git first (see
`history.gitstore.GitStore.tracks`) and use no cache when it is tracked.
"""

from __future__ import annotations

import collections.abc
import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import logging
import types
import typing
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

try:
    import sqlite3
except ImportError:  # a Python built without it: nothing kept between builds, only slower
    sqlite3 = None  # type: ignore[assignment]

log = logging.getLogger("lexdocs")
T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
PACKAGE = Path(__file__).resolve().parent
_LIBRARIES = ("jinja2", "markdown", "pyyaml", "babel", "publicsuffixlist", "pyspellchecker",
              "pyphen", "mkdocs")


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of every module and template of lexdocs and of the libraries' versions.

    The version string alone would let a developer's edit reuse answers the old
    code gave; hashing the source costs a few milliseconds once per process.
    """
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".html", ".yml", ".txt", ".css") and path.is_file():
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    return digest.hexdigest()[:24]


# --- a typed JSON codec for the frozen dataclasses results are made of ---------------------

def encode(value: Any) -> Any:
    """`value` as JSON data; dataclasses become objects, sets sorted lists, dates ISO text."""
    kind: Any = type(value)
    if kind is str or value is None or kind is bool or kind is int or kind is float:
        return value
    names = _field_names(kind)
    if names is not None:
        return {name: encode(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list) or (isinstance(value, collections.abc.Sequence)
                                           and not isinstance(value, str | bytes)):
        return [encode(v) for v in value]  # a lazy sequence too (a kept redline's sections)
    if isinstance(value, frozenset | set):
        return sorted(encode(v) for v in value)
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, dt.date):  # datetime too: both keep their ISO form
        return value.isoformat()
    if isinstance(value, str | int | float):  # a subclass (an enum of text, say)
        return value
    raise TypeError(f"cannot keep a {type(value).__name__} in the cache")


@functools.cache
def _field_names(kind: Any) -> tuple[str, ...] | None:
    """A dataclass's field names, asked once per class (a redline encodes millions of
    values of a handful of classes); None for any other type."""
    if dataclasses.is_dataclass(kind):
        return tuple(f.name for f in dataclasses.fields(kind))
    return None


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def decode(kind: Any, data: Any) -> Any:
    """The value of type `kind` that `encode` turned into `data`.

    Wrong data raises ValueError (or TypeError); a caller treats that as a miss.
    """
    return _decoder(kind)(data)


Decoder = Callable[[Any], Any]


@functools.cache
def _decoder(kind: Any) -> Decoder:
    """A function that decodes `kind`, its parts' decoders looked up once: a warm build
    decodes millions of values of a few types, and asking `typing` what each type is
    for every value took most of the time."""
    origin = get_origin(kind)
    if kind is Any:
        return _same
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in get_args(kind) if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"cannot decode the union {kind}")
        one, optional = _decoder(options[0]), len(options) < len(get_args(kind))
        return lambda data: None if data is None and optional else one(data)
    if origin is typing.Literal:
        allowed = get_args(kind)

        def literal(data: Any) -> Any:
            if data not in allowed:
                raise ValueError(f"{data!r} is not one of {allowed}")
            return data
        return literal
    if origin is collections.abc.Sequence:  # decoded as the tuple a value is made as
        item = _decoder(get_args(kind)[0])
        return lambda data: tuple(map(item, _list(data)))
    if origin is tuple:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda data: tuple(map(item, _list(data)))
        items = [_decoder(a) for a in args]

        def fixed(data: Any) -> Any:
            values = _list(data)
            if len(values) != len(items):
                raise ValueError(f"expected {len(items)} items, found {len(values)}")
            return tuple(d(v) for d, v in zip(items, values, strict=True))
        return fixed
    if origin is frozenset:
        member = _decoder(get_args(kind)[0])
        return lambda data: frozenset(map(member, _list(data)))
    if origin is dict:
        key, val = (_decoder(a) for a in get_args(kind))

        def mapping(data: Any) -> Any:
            if not isinstance(data, dict):
                raise ValueError("expected an object")
            return {key(k): val(v) for k, v in data.items()}
        return mapping
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)
    if kind is dt.datetime:
        return lambda data: dt.datetime.fromisoformat(_str(data))
    if kind is dt.date:
        return lambda data: dt.date.fromisoformat(_str(data))
    if kind in (str, int, float, bool):
        def plain(data: Any) -> Any:
            if type(data) is not kind and (not isinstance(data, kind) or (
                    kind is int and isinstance(data, bool))):
                raise ValueError(f"expected {kind.__name__}, found {type(data).__name__}")
            return data
        return plain
    raise TypeError(f"cannot decode {kind}")


def _dataclass_decoder(kind: type) -> Decoder:
    # The fields' decoders are found on first use: a dataclass may hold itself.
    fields: list[tuple[str, Decoder]] = []

    def make(data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError(f"expected an object for {kind.__name__}")
        if not fields:
            hints = _hints(kind)
            fields.extend((f.name, _decoder(hints[f.name]))
                          for f in dataclasses.fields(kind) if f.init)
        return kind(**{name: d(data[name]) for name, d in fields if name in data})
    return make


def _same(data: Any) -> Any:
    return data


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise ValueError("expected a list")
    return data


def _str(data: Any) -> str:
    if not isinstance(data, str):
        raise ValueError("expected text")
    return data


def digest(*parts: str) -> str:
    """A short content key for `parts` (NUL-separated, so no two lists share one)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()[:32]


class Bounded(OrderedDict[K, V]):
    """A dict that forgets its oldest entries beyond `size`: a memo a process keeps for
    every render must not grow with the history it walks."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __setitem__(self, key: K, value: V) -> None:
        super().__setitem__(key, value)
        if len(self) > self.size:
            self.popitem(last=False)


def make_folder(folder: Path) -> None:
    """Create a cache folder that git ignores by itself (as pytest's and mypy's do), so a
    build leaves `git status` clean and nobody commits a cache by accident."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Made by lexdocs: a cache, rebuilt at will, never committed.\n*\n",
                          encoding="utf-8")


# --- one file of entries per kind of result, named by the code that made it ------------------

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
