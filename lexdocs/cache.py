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
import dataclasses
import datetime as dt
import functools
import hashlib
import logging
import types
import typing
from collections import OrderedDict
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

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
        if path.suffix in (".py", ".html", ".yml", ".txt", ".css", ".po") and path.is_file():
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
