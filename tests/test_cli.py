"""The `lexdocs` command starts cheaply: each command imports what it uses.

A pre-commit hook, every CI step and `make test`'s smoke suites start `lexdocs` as a new
process; importing the pipeline, the checks, rich and the site's modules for `--version`
or `--help` cost each of them a third of a CPU-second.
"""

from __future__ import annotations

import subprocess
import sys

import click

from lexdocs.adopt.convert import DATE_LINE_MODES
from lexdocs.cli import cli

HEAVY = ("lexdocs.pipeline", "lexdocs.config", "lexdocs.checks", "lexdocs.publish", "rich",
         "mkdocs", "weasyprint", "jinja2", "git", "yaml")


def _imported_by(*args: str) -> set[str]:
    """The modules a fresh interpreter holds after running `lexdocs ARGS`."""
    code = ("import sys\nfrom lexdocs.cli import main\ntry:\n    main(sys.argv[1:])\n"
            "except SystemExit:\n    pass\nprint(' '.join(sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=True)
    return set(done.stdout.splitlines()[-1].split())


def test_help_and_version_import_none_of_the_heavy_modules() -> None:
    for args in (["--version"], ["--help"], ["import", "--help"]):
        loaded = _imported_by(*args)
        assert "lexdocs.cli" in loaded, args
        heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY or m.startswith(HEAVY))
        assert heavy == [], (args, heavy)


def test_import_offers_every_date_line_mode_convert_knows() -> None:
    command = cli.commands["import"]
    [choice] = [p.type for p in command.params if p.name == "date_line"]
    assert isinstance(choice, click.Choice)
    assert tuple(choice.choices) == DATE_LINE_MODES
