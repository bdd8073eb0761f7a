"""Every preview: a save is seen when it is made.

Their live server finds a save by polling: it lists every watched file twice a
second, so a rebuild starts a quarter of a second after the save on average, half
a second at worst, later under load; at 1,000 commits that was half of what a
lawyer waited. The operating system can tell at once (inotify on Linux, FSEvents
on macOS, ReadDirectoryChangesW on Windows), through watchdog's native observer,
which comes with MkDocs.

`hasten` gives the server's polling observer a native twin that watches the same
paths and calls the same handlers. The poller stays: some folders send no events
(one shared with a Windows editor under WSL, a network drive), and there it still
sees the save. A change it reports that the native observer reported moments
before is dropped, so one save makes one build. The native observer passes on only
what the poller would report (created, deleted, modified, moved): it also hears a
file being opened or read, and a build reads every source.

`lexdocs serve --engine zensical` has no MkDocs server to hasten: lexdocs looks at
the project itself and writes the tree again for Zensical's server. An `Alarm` wakes
that loop when the system reports a change under the folders it watches; the loop
still looks now and then, for the folders that send no events.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

log = logging.getLogger("lexdocs")

ECHO = 5.0
"""Seconds during which the poller's report of a path the native observer reported is
taken for the same change (the poller looks every half second; more under load)."""
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
    DirCreatedEvent, DirDeletedEvent, DirModifiedEvent, DirMovedEvent]
"""What the poller reports, and so all the native observer passes on."""


class Heard:
    """The paths the native observer reported, and when (shared by both observers'
    threads)."""

    def __init__(self) -> None:
        self._at: dict[str, float] = {}
        self._lock = threading.Lock()
        self.echoed = threading.Event()
        """Set once the poller reported a change the native observer had reported."""
        self.passed = 0
        """Changes to files that only the poller reported (the native observer missed)."""

    def wait_echo(self, timeout: float) -> bool:
        return self.echoed.wait(timeout)

    def note(self, event: FileSystemEvent) -> None:
        now = time.monotonic()
        with self._lock:
            for path in _paths(event):
                self._at[path] = now
            if len(self._at) > 256:  # forget what is too old to be echoed
                self._at = {p: t for p, t in self._at.items() if now - t < ECHO}

    def echoes(self, event: FileSystemEvent) -> bool:
        """True if every path of `event` was reported natively within `ECHO` seconds."""
        now = time.monotonic()
        with self._lock:
            return all(now - self._at.get(path, -ECHO) < ECHO for path in _paths(event))


def _paths(event: FileSystemEvent) -> Iterator[str]:
    yield str(event.src_path)
    if event.dest_path:
        yield str(event.dest_path)


class _Native(FileSystemEventHandler):
    """The server's handler, called by the native observer; notes what it reported."""

    def __init__(self, handler: FileSystemEventHandler, heard: Heard) -> None:
        self.handler, self.heard = handler, heard

    def dispatch(self, event: FileSystemEvent) -> None:
        self.heard.note(event)
        self.handler.dispatch(event)


class Polled(FileSystemEventHandler):
    """The server's handler, called by the poller, unless the native observer said it."""

    def __init__(self, handler: FileSystemEventHandler, heard: Heard) -> None:
        self.handler, self.heard = handler, heard

    def dispatch(self, event: FileSystemEvent) -> None:
        if self.heard.echoes(event):
            self.heard.echoed.set()
            return
        if not event.is_directory:
            self.heard.passed += 1
        self.handler.dispatch(event)


class Observers:
    """Stands in for the server's observer (it calls `schedule`, `unschedule`, `start`,
    `stop` and `join`): the poller it had, and a native observer beside it."""

    def __init__(self, polling: BaseObserver, native: BaseObserver) -> None:
        self.polling, self.native = polling, native
        self.heard = Heard()
        self._twins: dict[ObservedWatch, ObservedWatch] = {}
        self.live = False
        """True once the native observer runs (it may not: too many watches, say)."""

    def schedule(self, event_handler: FileSystemEventHandler, path: str, *,
                 recursive: bool = False, **kwargs: Any) -> ObservedWatch:
        watch = self.polling.schedule(Polled(event_handler, self.heard), path,
                                      recursive=recursive, **kwargs)
        try:
            twin = self.native.schedule(_Native(event_handler, self.heard), path,
                                        recursive=recursive, event_filter=CHANGES)
        except OSError as exc:  # the system's limit of watchers: this path is polled
            log.debug("lexdocs: %s is polled (%s)", path, exc.strerror or exc)
        else:
            self._twins[watch] = twin
        return watch

    def unschedule(self, watch: ObservedWatch) -> None:
        self.polling.unschedule(watch)
        twin = self._twins.pop(watch, None)
        if twin is not None:
            with contextlib.suppress(KeyError, OSError, RuntimeError):  # stopped already
                self.native.unschedule(twin)

    def start(self) -> None:
        self.polling.start()
        try:
            self.native.start()
        except OSError as exc:  # e.g. the system's limit of inotify watches
            log.debug("lexdocs: saves are seen by polling only (%s)", exc.strerror or exc)
            return
        self.live = True

    def stop(self) -> None:
        self.polling.stop()
        if self.live:
            self.native.stop()

    def join(self, timeout: float | None = None) -> None:
        self.polling.join(timeout)
        if self.live:
            self.native.join(timeout)

    def is_alive(self) -> bool:
        return self.polling.is_alive()


def hasten(server: Any) -> bool:
    """Give a live server that has not started yet (MkDocs' `LiveReloadServer`, or
    ProperDocs' copy of it) a native observer beside its poller, for every path it
    watches now and later. False, and nothing changed, if the server is not one we know."""
    observer = getattr(server, "observer", None)
    watched = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    if not isinstance(observer, BaseObserver) or observer.is_alive() \
            or not isinstance(watched, dict) or not isinstance(refs, dict) \
            or not callable(getattr(server, "watch", None)) \
            or not callable(getattr(server, "unwatch", None)):
        return False
    again = [(path, count, bool(getattr(refs.get(path), "is_recursive", True)))
             for path, count in watched.items()]
    for path, count, _ in again:
        for _ in range(count):
            server.unwatch(path)
    server.observer = Observers(observer, Observer())
    for path, count, recursive in again:
        for _ in range(count):
            server.watch(path, recursive=recursive)
    return True


class Alarm(FileSystemEventHandler):
    """Rings when the system reports a change (created, deleted, modified, moved) under
    a watched folder: a loop that looks at the project waits for it, not for a timer."""

    def __init__(self) -> None:
        self.rung = threading.Event()
        self.heard: list[str] = []
        """The paths of the last few changes reported (what rang, for a debug line)."""
        self.observer: BaseObserver = Observer()
        self.folders: frozenset[tuple[Path, bool]] = frozenset()
        self.live = False
        """True once the native observer runs (it may not: too many watches, say)."""

    def dispatch(self, event: FileSystemEvent) -> None:
        self.heard = [*self.heard[-15:], *_paths(event)]
        self.rung.set()

    def watch(self, folders: Iterable[tuple[Path, bool]]) -> None:
        """Watch exactly `folders` (each with whether its subfolders are watched too);
        a folder that does not exist, or that the system will not watch, is not."""
        wanted = frozenset((path, recursive) for path, recursive in folders if path.is_dir())
        if wanted == self.folders:
            return
        self.observer.unschedule_all()
        self.folders = wanted
        for path, recursive in sorted(wanted):
            try:
                self.observer.schedule(self, str(path), recursive=recursive,
                                       event_filter=CHANGES)
            except OSError as exc:  # the system's limit of watchers: this one is polled
                log.debug("lexdocs: %s is polled (%s)", path, exc.strerror or exc)
        if not self.live:
            try:
                self.observer.start()
            except OSError as exc:
                log.debug("lexdocs: saves are seen by polling only (%s)",
                          exc.strerror or exc)
                return
            self.live = True

    def wait(self, timeout: float) -> bool:
        """Wait until a change is reported or `timeout` seconds pass; True if one was.
        The alarm is reset for the next change either way."""
        rang = self.rung.wait(timeout)
        self.rung.clear()
        return rang

    def settle(self, quiet: float, most: float) -> None:
        """Wait until no change has been reported for `quiet` seconds (at most `most`):
        one save reaches the system as several changes (a file emptied, then written),
        and a look between them would build the emptied file, then build again."""
        end = time.monotonic() + most
        while time.monotonic() < end and self.wait(quiet):
            pass

    def stop(self) -> None:
        if self.live:
            self.observer.stop()
            self.observer.join(5)
            self.live = False
