"""What `lexdocs check` reports: one shape for notice rules and compliance rules.

A finding is not an exception: a check collects all of them so a lawyer sees
every problem in one run, then the caller decides (errors fail the build).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from lexdocs.errors import LexdocsError

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem: which rule, how bad, where, and what to do."""

    rule: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    draft: bool = False

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.severity} [{self.rule}] {self.message}"


def stopping(error: LexdocsError) -> Finding:
    """An error that stops the build (an undefined variable, a link to nowhere), as a
    finding of its kind ("render", "source", "git"), to be shown where findings are."""
    kind = type(error).__name__.removesuffix("s").removesuffix("Error").lower()
    return Finding("error" if kind == "lexdocs" else kind, "error",
                   f"{error.message} ({error.hint})" if error.hint else error.message,
                   error.path, error.line)


_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    """GitHub's escaping of a workflow command's message: `%` first, so it is not doubled."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A property value (file, title) also ends at `,` and `:`, so those are escaped too."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, path: str | None = None) -> str:
    """The finding as a GitHub workflow command, which GitHub shows on the pull request's
    file at its line. `path` is the file relative to the repository's root (the job's
    working directory), when it differs from the project-relative `finding.path`."""
    props = []
    where = path or finding.path
    if where:
        props.append(f"file={_escape_property(where)}")
        if finding.line:
            props.append(f"line={finding.line}")
    props.append(f"title={_escape_property(f'lexdocs {finding.rule}')}")
    return f"::{_LEVELS[finding.severity]} {','.join(props)}::{_escape_data(finding.message)}"
