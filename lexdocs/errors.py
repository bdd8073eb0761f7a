"""One family of errors, so the CLI and the MkDocs hook can catch them in one place.

Every error a person can cause carries what they need to fix it: the file, the
line (1-based) and a remedy. `str(error)` is the one line a user sees.
"""

from __future__ import annotations


class LexdocsError(Exception):
    """Base of every error lexdocs raises on purpose; anything else is a bug."""

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, hint: str = ""
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{tail}"


class SourceError(LexdocsError):
    """A document, section or variable file is malformed; raised while loading sources."""


class RenderError(LexdocsError):
    """A template cannot be rendered: undefined variable, sandbox violation, syntax."""


class GitError(LexdocsError):
    """Git could not answer, or the history cannot give a date that is certainly right."""


class ConfigError(LexdocsError):
    """An option in mkdocs.yml (the lexdocs plugin options) is invalid."""


class CheckError(LexdocsError):
    """`lexdocs check` found a problem that blocks publication (e.g. notice period)."""


class EngineError(LexdocsError):
    """The engine that builds the site (MkDocs, ProperDocs, Zensical) is missing or failed."""
