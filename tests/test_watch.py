"""A preview sees a save when it is made (`lexdocs.engines.watch`), on MkDocs' own server
and under `lexdocs serve --engine zensical`.

The server polls twice a second; `hasten` adds the operating system's own watcher
beside the poller. These tests give the poller an interval of an hour, so only the
native watcher can have told the server, except where the poller is the subject.
The Zensical preview waits on an `Alarm`, which only the native watcher rings.
"""

from __future__ import annotations

import threading
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileModifiedEvent, FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from lexdocs.engines import preview, zensical
from lexdocs.engines.watch import Alarm, Heard, Observers, Polled, hasten
from tests.conftest import Repo

WAIT = 30.0  # seconds a test waits for an event before it fails


def _server(root: Path, polling: float = 3600) -> LiveReloadServer:
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root),
                            polling_interval=polling)


def _wants_rebuild(server: LiveReloadServer) -> bool:
    with server._rebuild_cond:
        return server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=WAIT)


def test_a_save_is_seen_without_waiting_for_a_poll(tmp_path: Path) -> None:
    """Paths watched before and after `hasten`, a folder and a single file, each tell the
    server of a save though its poller would look only an hour later."""
    src = tmp_path / "policy_src"
    src.mkdir()
    (src / "10-intro.md").write_text("one\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    server = _server(tmp_path / "site")
    server.watch(str(config))  # as MkDocs does before the plugin's on_serve
    assert hasten(server)
    server.watch(str(src))
    server.observer.start()
    try:
        (src / "10-intro.md").write_text("two\n", encoding="utf-8")
        assert _wants_rebuild(server), "the save in the folder was not seen"
        with server._rebuild_cond:
            server._want_rebuild = False
        config.write_text("site_name: y\n", encoding="utf-8")
        assert _wants_rebuild(server), "the save of mkdocs.yml was not seen"
    finally:
        server.observer.stop()
        server.observer.join()


def test_hasten_leaves_a_server_it_does_not_know_alone(tmp_path: Path) -> None:
    class Other:
        observer = None

    assert not hasten(Other())
    server = _server(tmp_path)
    server.observer.start()
    try:
        assert not hasten(server), "a running observer was replaced"
        assert isinstance(server.observer, PollingObserver)
    finally:
        server.observer.stop()
        server.observer.join()


class _Seen(FileSystemEventHandler):
    """Every event dispatched to it, and a signal when a file named `until` shows up."""

    def __init__(self, until: str) -> None:
        self.events: list[FileSystemEvent] = []
        self.until = until
        self.done = threading.Event()

    def dispatch(self, event: FileSystemEvent) -> None:
        self.events.append(event)
        if str(event.src_path).endswith(self.until):
            self.done.set()


def test_reading_a_file_is_not_a_change(tmp_path: Path) -> None:
    """A build reads every source: were an open or a read passed on, each build would
    ask for the next. Events arrive in order, so the read's would come first."""
    (tmp_path / "a.md").write_text("a\n", encoding="utf-8")
    observers = Observers(PollingObserver(timeout=3600), Observer())
    seen = _Seen("b.md")
    observers.schedule(seen, str(tmp_path), recursive=True)
    observers.start()
    try:
        assert observers.live
        (tmp_path / "a.md").read_text(encoding="utf-8")
        (tmp_path / "b.md").write_text("b\n", encoding="utf-8")
        assert seen.done.wait(WAIT)
    finally:
        observers.stop()
        observers.join()
    kinds = {e.event_type for e in seen.events}
    assert kinds <= {"created", "modified", "deleted", "moved"}, kinds
    assert not any(str(e.src_path).endswith("a.md") for e in seen.events)


def test_the_poller_does_not_report_a_save_again(tmp_path: Path) -> None:
    """One save, one build: what the native watcher said, the poller's next look drops."""
    observers = Observers(PollingObserver(timeout=0.2), Observer())
    seen = _Seen("b.md")
    observers.schedule(seen, str(tmp_path), recursive=True)
    observers.start()
    try:
        (tmp_path / "b.md").write_text("b\n", encoding="utf-8")
        assert seen.done.wait(WAIT)
        assert observers.heard.wait_echo(WAIT), "the poller never looked"
        assert observers.heard.passed == 0, "the poller reported the save again"
    finally:
        observers.stop()
        observers.join()


def test_what_only_the_poller_saw_gets_through(tmp_path: Path) -> None:
    """A folder that sends no events (shared with Windows under WSL, a network drive):
    the poller's report is the only one, and it is passed on."""
    heard = Heard()
    seen = _Seen("b.md")
    polled = Polled(seen, heard)
    heard.note(FileModifiedEvent(str(tmp_path / "a.md")))
    polled.dispatch(FileModifiedEvent(str(tmp_path / "a.md")))
    assert seen.events == [], "a change the native watcher reported came again"
    polled.dispatch(FileModifiedEvent(str(tmp_path / "b.md")))
    assert [e.src_path for e in seen.events] == [str(tmp_path / "b.md")]
    assert heard.passed == 1


class _Recording(Alarm):
    """An alarm that keeps every path it rang for: its own `heard` keeps the last sixteen,
    and a commit writes more than that in git's folders (the index, the logs) after the
    branch moves, so a test that looked late found the branch gone from them."""

    def __init__(self) -> None:
        super().__init__()
        self.every: list[str] = []

    def dispatch(self, event: FileSystemEvent) -> None:
        self.every.extend(str(p) for p in (event.src_path, event.dest_path) if p)
        super().dispatch(event)


def _rings_for(alarm: _Recording, name: str) -> bool:
    """True once the alarm has rung for a change to a file called `name`."""
    for _ in range(20):
        if any(path.endswith(name) for path in alarm.every):
            return True
        alarm.wait(WAIT / 20)
    return False


def test_the_zensical_preview_hears_a_save_a_commit_and_mkdocs_yml(project: Repo) -> None:
    """`lexdocs serve --engine zensical` looks at the project when the system says it
    changed (it would look again only a second later): a saved section, mkdocs.yml, a
    commit. What each update writes itself (its work folder, the cache) never rings."""
    site = zensical.read_site(project.path)
    alarm = _Recording()
    alarm.watch(preview.watched(project.path, site))
    try:
        assert alarm.live
        work = project.path / ".site.lexdocs-zensical-test" / "docs"
        work.mkdir(parents=True)
        (work / "written.md").write_text("x\n", encoding="utf-8")
        (project.path / ".cache").mkdir()
        (project.path / ".cache" / "cached.json").write_text("{}\n", encoding="utf-8")
        project.replace("policy_src/privacy/10-intro.md", "explains", "describes")
        assert _rings_for(alarm, "10-intro.md"), "the saved section was not heard"
        assert not [p for p in alarm.every if "written.md" in p or "cached.json" in p]
        project.replace("mkdocs.yml", "site_name: ", "site_name: Legal - ")
        assert _rings_for(alarm, "mkdocs.yml"), "the saved mkdocs.yml was not heard"
        project.commit("Describe", "2024-10-01T10:00:00+00:00")
        assert _rings_for(alarm, "main"), "the commit (HEAD's branch moving) was not heard"
    finally:
        alarm.stop()


def test_one_save_made_of_several_changes_is_taken_once_they_end(tmp_path: Path) -> None:
    """An editor's save reaches the system as several changes (the file emptied, then
    written); the Zensical preview waits until they stop before it looks, or it would
    build the emptied file and then build again."""
    alarm = Alarm()
    alarm.watch([(tmp_path, True)])
    assert alarm.live

    def save() -> None:
        for i in range(5):
            (tmp_path / f"part-{i}.md").write_text("x\n", encoding="utf-8")
            threading.Event().wait(0.05)

    writer = threading.Thread(target=save)
    try:
        writer.start()
        assert alarm.wait(WAIT)
        alarm.settle(1.0, WAIT)
        assert (tmp_path / "part-4.md").exists(), "looked before the save was over"
    finally:
        writer.join()
        alarm.stop()
