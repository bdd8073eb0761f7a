"""Whether the engine a site is built with is still maintained, for `lexdocs check`.

mkdocs-material's team announced its end of life for May 5, 2027, with Zensical as its
successor. After that day a site built with it gets one warning (never an error: the
site still builds), which names the way over.
"""

from __future__ import annotations

import datetime as dt
from importlib.metadata import PackageNotFoundError, version

from lexdocs.checks.rules import ENGINE_RULES
from lexdocs.config import MKDOCS_FILE
from lexdocs.findings import Finding

MATERIAL_END_OF_LIFE = dt.date(2027, 5, 5)


def engine_findings(day: dt.date) -> list[Finding]:
    """One warning if the installed mkdocs-material is past its end of life on `day`."""
    try:
        installed = version("mkdocs-material")
    except PackageNotFoundError:
        return []
    if day <= MATERIAL_END_OF_LIFE:
        return []
    rule = ENGINE_RULES[0]
    return [Finding(rule.id, rule.severity,
                    f"mkdocs-material {installed} reached its end of life on "
                    f"{MATERIAL_END_OF_LIFE.isoformat()}: move the site to Zensical with "
                    "'lexdocs build --engine zensical' (README: Choosing an engine)",
                    path=MKDOCS_FILE)]
