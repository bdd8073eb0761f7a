"""A kept render's sections, read from the history store each time they are asked for.

A warm build reads every commit's renders back from the store (`history.kept`), and
each version held its document's sections from then until its pages were made: at a
thousand commits of a long policy, every section text the history ever had, about
13 MB of the build's peak. A version needs its text for its redline, its verdict and
its pages, each met in version order; between them it needs only its title, its
fingerprint and its declarations. So in a build (not a preview, which keeps its
renders to make the next save cheap) a kept document holds its sections as keys
into the store, and `KeptParts` reads them when they are drawn. The reader keeps the
newest few hundred decoded, and one object per key while anything holds it, so the
versions that follow, which share most sections, meet the same objects.

Should the store fail to answer (another process pruned it under a running build),
the commit is rendered again from git, and that render is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Protocol, Self, TypeVar, overload

P = TypeVar("P")


class PartReader(Protocol):
    """Where kept parts are read (`KeptRenders.part`)."""

    def part(self, pool: str, key: str) -> object:
        """The decoded part of `key` in `pool`; KeyError, TypeError or ValueError if the
        store has none or a damaged one."""
        ...


class Drawn(Sequence[P]):
    """A sequence of kept values held as keys, read each time it is drawn, and what to
    pass each through as it is (`mapped`): the one shape of a kept render's sections
    (`KeptParts`) and of a kept redline's sections and changes (`review.memo.KeptSections`,
    `KeptChanges`). A subclass says how its values are read (`_drawn`) and how it is
    copied (`_blank`)."""

    __slots__ = ("_keys", "_then")

    def __init__(self, keys: tuple[str, ...]) -> None:
        self._keys = keys
        self._then: tuple[Callable[[P], P], Hashable] | None = None

    def _drawn(self) -> tuple[P, ...]:
        raise NotImplementedError

    def _blank(self) -> Self:
        """The same keys, read the same way, with nothing to pass them through."""
        raise NotImplementedError

    def mapped(self, then: Callable[[P], P], tag: Hashable) -> Self:
        """These values, each passed through `then` as it is drawn (flags as judged, a
        version's dates put in); `tag` names what `then` does, for equality."""
        out = self._blank()
        before = self._then
        out._then = (then if before is None else _chain(before[0], then),
                     (before[1] if before else None, tag))
        return out

    def _all(self) -> tuple[P, ...]:
        drawn = self._drawn()
        return drawn if self._then is None else tuple(map(self._then[0], drawn))

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[P]:
        return iter(self._all())

    @overload
    def __getitem__(self, i: int) -> P: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[P, ...]: ...

    def __getitem__(self, i: int | slice) -> P | tuple[P, ...]:
        return self._all()[i]

    @property
    def _tag(self) -> Hashable:
        return self._then[1] if self._then else None


class KeptParts(Drawn[P]):
    """Sections of a kept render, as keys into the store, read when they are drawn.

    Equal to any sequence of the same sections: two kept ones compare by their keys
    (hashes of the content) and what maps them; any other sequence by the sections
    read. A document holding these equals the same document holding a tuple."""

    __slots__ = ("_again", "_pool", "_reader")

    def __init__(self, reader: PartReader, pool: str, keys: tuple[str, ...],
                 again: Callable[[], Sequence[P]]) -> None:
        super().__init__(keys)
        self._reader = reader
        self._pool = pool
        self._again = again
        """The same sections made another way (the commit rendered again), if the store
        fails to answer; what it gives is kept in its place."""

    def _blank(self) -> KeptParts[P]:
        return KeptParts(self._reader, self._pool, self._keys, self._again)

    def _drawn(self) -> tuple[P, ...]:
        part, pool = self._reader.part, self._pool
        try:
            return tuple([part(pool, k) for k in self._keys])  # type: ignore[misc]
        except (KeyError, TypeError, ValueError):
            drawn = tuple(self._again())
            self._reader = _Held(self._keys, drawn)  # read once, then held: a rare case
            return drawn

    def __eq__(self, other: object) -> bool:
        if isinstance(other, KeptParts) and (self._pool, self._keys, self._tag) == (
                other._pool, other._keys, other._tag):
            return True
        return isinstance(other, Sequence) and not isinstance(other, str | bytes) \
            and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))  # as the tuple of the same sections hashes

    def __repr__(self) -> str:
        return f"KeptParts({self._pool}, {len(self._keys)})"


def remap(parts: Sequence[P], then: Callable[[P], P], tag: Hashable) -> Sequence[P]:
    """`parts` each passed through `then`: drawn so when they are kept (a build holds no
    copy of the text), made now into a tuple otherwise."""
    if isinstance(parts, Drawn):
        return parts.mapped(then, tag)
    return tuple(map(then, parts))


def _chain(first: Callable[[P], P], then: Callable[[P], P]) -> Callable[[P], P]:
    return lambda part: then(first(part))


class _Held:
    """A reader of parts already made (after the store failed to answer)."""

    __slots__ = ("_parts",)

    def __init__(self, keys: tuple[str, ...], parts: tuple[object, ...]) -> None:
        self._parts = dict(zip(keys, parts, strict=True))

    def part(self, pool: str, key: str) -> object:
        return self._parts[key]
