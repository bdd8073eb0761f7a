"""What `lexdocs check` reports: one shape for notice rules and compliance rules.

A finding is not an exception: a check collects all of them so a lawyer sees
every problem in one run, then the caller decides (errors fail the build).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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

