"""`lexdocs init`, `lexdocs new` and `lexdocs import`: start a legal site, add a document
to it, or adopt a policy kept as one Markdown file with its history.

Like every command, each imports what it uses in its body, so `lexdocs --help` imports
none of the adoption code (tests/test_cli.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lexdocs.errors import LexdocsError

if TYPE_CHECKING:
    from lexdocs.cli import Context

__all__ = ["COMMANDS", "DATE_LINE_MODES"]

# lexdocs.adopt.datelines.DATE_LINE_MODES, spelt here so that `--help` need not import it;
# tests/test_cli.py holds them equal (and convert refuses any other).
DATE_LINE_MODES = ("remove", "bind")


@click.command()
@click.argument("directory", type=click.Path(path_type=Path), default=Path("."))
@click.option("--name", "site_name", default=None,
              help="Organisation name for the site title (default: from the folder name).")
@click.option("--timezone", "zone", default=None, metavar="ZONE",
              help="Zone whose days date the versions (default: the one the repository's "
                   "commits' own UTC offsets say, else UTC).")
def init(directory: Path, site_name: str | None, zone: str | None) -> None:
    """Create a legal site in DIRECTORY, or add what is missing to an existing one.

    Never overwrites a file. Writes mkdocs.yml, policy_src/ (variables and a starter
    document, if there is no document yet), .gitignore (or adds site/ to one), the
    requirements file, the CI workflow, CODEOWNERS, a pre-commit configuration and EDITING.md.
    """
    from zoneinfo import available_timezones

    from lexdocs.adopt.importer import site_setup
    from lexdocs.adopt.scaffold import init_site, origin
    from lexdocs.config import load_options
    from lexdocs.history.gitstore import in_repository

    if zone is not None and zone not in available_timezones():
        raise LexdocsError(f"unknown time zone '{zone}'",
                           hint="use a name like 'UTC' or 'America/Los_Angeles'")
    source = "policy_src"
    if (directory / "mkdocs.yml").exists():
        source = load_options(directory.resolve(), need_documents=False).source_dir
    guess, waiting = site_setup(directory, source)
    chosen = zone or (guess.zone if guess else "UTC")
    came = origin()
    written = init_site(directory, source, site_name, timezone=chosen, sources=not waiting,
                        came=came)
    for w in written:
        click.echo(f"{'created' if w.created else 'kept   '}  {w.path}"
                   + (f" (added {', '.join(w.added)})" if w.added else ""))
    if any(w.created and w.path == "requirements.txt" for w in written):
        if came.installable:
            click.echo(f"requirements.txt installs {came.how}.")
        else:
            click.echo(f"warning: requirements.txt names {came.how}. The CI workflow cannot "
                       "install lexdocs until it names a git commit or a wheel.", err=True)
    if any(w.created and w.path == "mkdocs.yml" for w in written):
        why = "as given" if zone else guess.reason if guess else "no commit to read it from"
        click.echo(f"Time zone: {chosen} ({why}); versions are dated by its days. "
                   "Change 'timezone:' in mkdocs.yml if the site keeps another zone's days.")
    if waiting:
        click.echo(f"Nothing written to {source}/: the import on branch '{waiting[0]}' brings "
                   f"it; switch to it ('git switch {waiting[0]}'), then merge it.")
    if any(not w.created and w.path == "mkdocs.yml" for w in written):
        click.echo("mkdocs.yml was kept: if it has no 'lexdocs' entry under 'plugins', add it "
                   "as in the mkdocs.yml of a new site ('lexdocs init' into an empty folder).")
    if not in_repository(directory):
        # every version is dated from git: outside a repository the preview and the build
        # stop at once ("not a git repository"), after a message that said to serve
        click.echo(f"{directory.resolve()} is not in a git repository, and lexdocs dates "
                   "every version from git: run 'git init' in it first.")
    click.echo("Next: replace the starter text and placeholder values (EDITING.md), then "
               "commit and run 'lexdocs serve'. Whatever is committed first becomes version 1.")


@click.command()
@click.argument("doc")
@click.option("--title", default=None, help="The document's title (default: from DOC).")
@click.pass_obj
def new(obj: Context, doc: str, title: str | None) -> None:
    """Add the document DOC: a folder with document.yml, one section and a change log."""
    from lexdocs.adopt.importer import lists_documents
    from lexdocs.adopt.scaffold import new_document
    from lexdocs.config import load_options

    opts = load_options(obj.project, need_documents=False)
    for w in new_document(opts.project, opts.source_dir, doc, title):
        click.echo(f"created  {w.path}")
    if doc not in opts.documents and lists_documents(opts.project):
        click.echo(f"Add {doc} to the 'documents:' list in mkdocs.yml.")


@click.command(name="import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as", "doc", required=True, metavar="DOC",
              help="Name of the new document (its folder under the source folder).")
@click.option("--date-line", type=click.Choice(DATE_LINE_MODES), default="remove",
              show_default=True,
              help="A hand-typed 'Last updated:'/'Effective date:' line: remove it (the page "
                   "prints both dates already) or bind it to the version's own date.")
@click.option("--branch", default=None, help="Branch to write (default: lexdocs-import/DOC).")
@click.option("--adopted", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Day of adoption (default: today); older versions are not judged by the "
                   "notice rules.")
@click.option("--baseline", default=None, metavar="YYYY-MM[-DD]",
              help="Date of the first version (default: the date its text stated, if any).")
@click.option("--timezone", "zone", default=None, metavar="ZONE",
              help="Zone whose days date the versions, e.g. America/Los_Angeles (default: "
                   "mkdocs.yml's, else the one the commits' own UTC offsets say).")
@click.pass_obj
def import_(obj: Context, path: Path, doc: str, date_line: str, branch: str | None,
            adopted: dt.datetime | None, baseline: str | None, zone: str | None) -> None:
    """Adopt the Markdown file PATH, with its history, as the document DOC.

    Every commit that changed the file (followed through renames) is replayed, with
    its dates, as a commit on a new branch; nothing else is changed. See EDITING.md.
    """
    from zoneinfo import available_timezones

    from lexdocs.adopt.datelines import parse_date
    from lexdocs.adopt.importer import import_document, next_steps, stated_zone
    from lexdocs.adopt.scaffold import NAME_HINT, is_document_name
    from lexdocs.config import load_options

    opts = load_options(obj.project, need_documents=False)
    if not is_document_name(doc):
        raise LexdocsError(f"'{doc}' is not a document name", hint=NAME_HINT)
    if baseline is not None:
        parsed = parse_date(baseline)
        if parsed is None:
            raise LexdocsError(f"baseline '{baseline}' is not a date",
                               hint="write YYYY-MM or YYYY-MM-DD")
        baseline = parsed[0].strftime("%Y-%m" if parsed[1] else "%Y-%m-%d")
    if zone is not None and zone not in available_timezones():
        raise LexdocsError(f"unknown time zone '{zone}'",
                           hint="use a name like 'UTC' or 'America/Los_Angeles'")
    result = import_document(opts, path, doc, date_line=date_line, branch=branch,
                             adopted=adopted.date() if adopted else None, baseline=baseline,
                             zone=zone or stated_zone(opts))
    for line in next_steps(result):
        click.echo(line)


COMMANDS = (init, new, import_)
