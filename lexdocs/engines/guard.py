"""A Python-Markdown extension that stops a build lexdocs does not drive.

Zensical reads mkdocs.yml but skips plugins it does not implement, without a word:
`zensical build` on a lexdocs project would succeed and publish no legal page. It
does run every Python-Markdown extension listed under `markdown_extensions`, so the
shipped mkdocs.yml lists this one, and the shipped `docs/index.md` gives it a page to
run on. Wherever lexdocs drives the build it takes the guard out: the MkDocs and
ProperDocs plugin in `on_config`, `lexdocs build --engine zensical` by naming, in the
environment, the docs folder it generated (a folder with lexdocs' mark in it). Any
other build stops on its first page with one line that says what to run instead.

This module is imported by the engine itself, so it imports nothing of lexdocs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

NAME = "lexdocs.engines.guard"
"""How mkdocs.yml names the extension under `markdown_extensions`."""
ENV = "LEXDOCS_TREE"
"""The environment variable naming the docs folder lexdocs generated for an engine."""
MARK = ".lexdocs-tree"
"""The file lexdocs writes in a docs folder it generated."""

MESSAGE = ("mkdocs.yml: this site's legal pages are made by lexdocs, which this engine "
           "does not run: build with 'lexdocs build --engine zensical' (or 'mkdocs build')")


def driven() -> bool:
    """True when lexdocs generated the docs folder this build reads."""
    folder = os.environ.get(ENV)
    return folder is not None and folder != "" and (Path(folder) / MARK).is_file()


class _Stop(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not driven():
            stop()
        return lines


def stop() -> None:
    """End the build in one line. MkDocs and ProperDocs print a PluginError as one line;
    Zensical prints any Python error as a traceback, so there the process ends here."""
    host = sys.modules.get("mkdocs.exceptions")
    if host is not None and "zensical" not in sys.modules:
        raise host.PluginError(MESSAGE)
    sys.stdout.flush()
    sys.stderr.write(f"error: {MESSAGE}\n")
    sys.stderr.flush()
    os._exit(1)


class GuardExtension(Extension):
    """Registers the check on the first lines of every page, before anything else."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Stop(md), "lexdocs_guard", 1000)


def makeExtension(**kwargs: Any) -> GuardExtension:
    return GuardExtension(**kwargs)
