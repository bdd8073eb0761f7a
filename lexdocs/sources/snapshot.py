"""One tree's sources, loaded once: what every later stage reads instead of files.

The working tree used to be read again by the menu, the draft check, the
checks and the CLI, each with its own idea of where files live. A `Snapshot`
is made here, the one module besides `documents` that knows the layout, and
is handed down the pipeline: history renders it as the draft, checks read its
variables, the site builds its menu from its documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lexdocs.sources.changelog import changes_path
from lexdocs.sources.documents import (
    DOCUMENT_FILE,
    DocumentSource,
    Reader,
    load_document,
    read_working_tree,
    unique_slugs,
)
from lexdocs.sources.variables import Variables, load_variables_file


@dataclass(frozen=True)
class Snapshot:
    """Shared variables, each document's declaration and change log, and the reader
    that includes are resolved through (so a snapshot of a commit stays in that commit)."""

    root: str
    read: Reader
    variables: Variables
    documents: Mapping[str, DocumentSource]
    changelogs: Mapping[str, str | None]

    @property
    def names(self) -> tuple[str, ...]:
        """Document names in the configured order."""
        return tuple(self.documents)


def has_document(root: str, name: str, read: Reader) -> bool:
    """True if the tree declares document `name` (a `document.yml` in its folder)."""
    return read(f"{root}/{name}/{DOCUMENT_FILE}") is not None


def remembered(read: Reader) -> Reader:
    """`read`, each path read once: the section loader, the template check and the
    renderer all ask for the same files, and one tree's files do not change under it."""
    seen: dict[str, str | None] = {}

    def again(path: str) -> str | None:
        if path not in seen:
            seen[path] = read(path)
        return seen[path]

    return again


def load_snapshot(root: str, names: list[str] | tuple[str, ...], read: Reader) -> Snapshot:
    """Everything the named documents need from one tree; the first problem raises a
    SourceError with its file and line."""
    read = remembered(read)
    variables = load_variables_file(root, read)
    documents = {name: load_document(root, name, read) for name in names}
    unique_slugs(documents)
    logs = {name: read(changes_path(root, name)) for name in names}
    return Snapshot(root=root, read=read, variables=variables, documents=documents,
                    changelogs=logs)


def working_snapshot(project: Path, root: str, names: list[str] | tuple[str, ...]) -> Snapshot:
    """The snapshot of the files on disk: what a build would publish now."""
    return load_snapshot(root, names, read_working_tree(project))
