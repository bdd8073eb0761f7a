"""One family of errors, so the CLI and the MkDocs hook can catch them in one place.

Every error a person can cause carries what they need to fix it: the file, the
line (1-based) and a remedy. `str(error)` is the one line a user sees.
"""

from __future__ import annotations

from collections.abc import Sequence


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


class RenderErrors(RenderError):
    """Every problem one render of the working tree met, not only the first: a scraped
    policy's table of contents can hold forty links to anchors it lost, and a lawyer who
    learns of one per build fixes them in forty builds. It reads as the first problem
    and says how many follow; `every` gives them all, one line each."""

    def __init__(self, problems: Sequence[LexdocsError]) -> None:
        self.problems = tuple(problems)
        first = problems[0]
        super().__init__(first.message, path=first.path, line=first.line, hint=first.hint)

    def __str__(self) -> str:
        more = len(self.problems) - 1
        return super().__str__() + (f" (and {more} more: 'lexdocs check' lists every one)"
                                    if more > 0 else "")


def every(exc: LexdocsError) -> tuple[LexdocsError, ...]:
    """The problems an error stands for, each its own line: `RenderErrors`' all, else itself."""
    return exc.problems if isinstance(exc, RenderErrors) else (exc,)


def grouped(problems: Sequence[LexdocsError]) -> LexdocsError:
    """The one problem as itself, several as `RenderErrors` (each said once)."""
    said: dict[str, LexdocsError] = {}
    for p in problems:
        said.setdefault(str(p), p)
    return next(iter(said.values())) if len(said) == 1 else RenderErrors(list(said.values()))


def raise_all(problems: Sequence[LexdocsError]) -> None:
    """Raise `grouped(problems)`; nothing if there are none."""
    if problems:
        raise grouped(problems)


class GitError(LexdocsError):
    """Git could not answer, or the history cannot give a date that is certainly right."""


class ConfigError(LexdocsError):
    """An option in mkdocs.yml (the lexdocs plugin options) is invalid."""


class CheckError(LexdocsError):
    """`lexdocs check` found a problem that blocks publication (e.g. notice period)."""


class EngineError(LexdocsError):
    """The engine that builds the site (MkDocs, ProperDocs, Zensical) is missing or failed."""
