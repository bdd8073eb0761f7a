"""What every command shares: the project it runs on, the document it names, the
terminal it writes to and the progress bar while history is read.

The commands live in more than one module (the group's own in `lexdocs.cli`, those
that read the review in `review`); what they share is here, so each imports it from a
module below them all rather than from the one that registers them. Like the
commands, it imports what it uses in its body: `--help` imports none of the package
(tests/test_cli.py).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lexdocs.errors import LexdocsError

if TYPE_CHECKING:
    from rich.console import Console

    from lexdocs.config import Options
    from lexdocs.history.versions import Progress
    from lexdocs.review.notice import Timeline


@dataclass
class Context:
    """What every command needs: the project and its options, resolved once."""

    project: Path
    debug: bool

    @property
    def options(self) -> Options:
        from lexdocs.config import load_options

        return load_options(self.project)


def nearest_project(start: Path) -> Path:
    """The project a command run in `start` works on, as git finds its repository from
    any folder of it: the nearest folder up that holds mkdocs.yml or policy_src/, within
    the git working tree `start` lies in. A lawyer runs `lexdocs check` from
    policy_src/privacy/, and it said "no documents found under policy_src/" of a folder
    that is no project. Outside a repository, or with neither up to its top, `start`."""
    start = start.resolve()
    up = [start, *start.parents]
    top = next((i for i, folder in enumerate(up) if (folder / ".git").exists()), None)
    if top is None:
        return start
    # a folder with policy_src/ and no mkdocs.yml is a project of the defaults: it stops
    # the walk too, before a mkdocs.yml above it of some other site
    return next((folder for folder in up[:top + 1] if (folder / "mkdocs.yml").is_file()
                 or (folder / "policy_src").is_dir()), start)


@contextmanager
def history_progress(console: Console | None = None) -> Iterator[Progress]:
    """A progress bar on the terminal (stderr) while history is read; silent in a pipe or CI
    log, where a bar would only add lines."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    err = console or Console(stderr=True)
    bar = RichProgress(TextColumn("Reading history"), BarColumn(), MofNCompleteColumn(),
                       TextColumn("commits"), TimeElapsedColumn(), console=err,
                       transient=True, disable=not err.is_terminal)
    with bar:
        task = bar.add_task("history", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def load_timelines(opts: Options, today: dt.date | None = None) -> dict[str, Timeline]:
    """The pipeline's timelines, with a progress bar: a long history takes a while."""
    from lexdocs import pipeline

    with history_progress() as progress:
        return pipeline.load_timelines(opts, today, progress=progress)


def _console() -> Console:
    """A terminal's own width; a pipe or file gets wide lines rather than cut ids."""
    from rich.console import Console

    return Console() if sys.stdout.isatty() else Console(width=160)


def _pick(opts: Options, doc: str | None) -> str:
    if doc is None:
        return opts.documents[0]
    if doc not in opts.documents:
        raise LexdocsError(f"no document '{doc}'",
                           hint=f"choose one of: {', '.join(opts.documents)}")
    return doc
