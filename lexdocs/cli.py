"""The `lexdocs` command, thin: parse arguments, call the package, print.

One top-level catch turns any LexdocsError into one line and exit status 1;
the traceback is shown only with --debug.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .config import Options, load_options
from .errors import LexdocsError
from .render import RenderedDocument, iter_uses, render_document
from .sources import load_document, read_working_tree
from .variables import Variables, load_variables_file

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Context:
    """What every command needs: the project and its options, resolved once."""

    project: Path
    debug: bool

    @property
    def options(self) -> Options:
        return load_options(self.project)


def working_documents(opts: Options) -> tuple[Variables, dict[str, RenderedDocument]]:
    """Render every document from the working tree (no git needed)."""
    read = read_working_tree(opts.project)
    variables = load_variables_file(opts.source_dir, read)
    docs = {}
    for name in opts.documents:
        doc = load_document(opts.source_dir, name, read)
        docs[name] = render_document(doc, variables, opts.source_dir, read)
    return variables, docs


def _pick(opts: Options, doc: str | None) -> str:
    if doc is None:
        return opts.documents[0]
    if doc not in opts.documents:
        raise LexdocsError(f"no document '{doc}'",
                           hint=f"choose one of: {', '.join(opts.documents)}")
    return doc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--project", "-C", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True,
              help="Project folder (the one with mkdocs.yml).")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@click.pass_context
def cli(ctx: click.Context, project: Path, debug: bool) -> None:
    """Versioned legal documents: render, inspect and check them."""
    ctx.obj = Context(project=project.resolve(), debug=debug)


@cli.command()
@click.argument("doc", required=False)
@click.pass_obj
def render(obj: Context, doc: str | None) -> None:
    """Print the rendered Markdown of DOC as the working tree would publish it."""
    opts = obj.options
    _, docs = working_documents(opts)
    rendered = docs[_pick(opts, doc)]
    click.echo(f"# {rendered.title}\n")
    click.echo(rendered.markdown, nl=False)


@cli.command(name="vars")
@click.pass_obj
def vars_(obj: Context) -> None:
    """List each variable: type, value, the sections that use it; flag unused ones."""
    opts = obj.options
    variables, docs = working_documents(opts)
    used: dict[str, list[str]] = {}
    for name, rendered in docs.items():
        for used_name, section in iter_uses(rendered):
            used.setdefault(used_name, []).append(f"{name}/{section}")
    table = Table(show_lines=False)
    for col in ("variable", "type", "value", "used in"):
        table.add_column(col, overflow="fold")
    unused = []
    for var_name, var in sorted(variables.items.items()):
        places = used.get(var_name, [])
        if not places:
            unused.append(var_name)
        flags = "" if var.confirmed else " (awaits confirmation)"
        where = Text(", ".join(places)) if places else Text("unused", style="yellow")
        table.add_row(Text(var_name), Text(var.type), Text(var.text + flags), where)
    console = Console()
    console.print(table)
    if unused:
        console.print(Text(f"{len(unused)} unused: ", style="yellow") + Text(", ".join(unused)))


def main(argv: list[str] | None = None) -> None:
    """Entry point: one line and exit 1 for a LexdocsError, unless --debug."""
    args = sys.argv[1:] if argv is None else argv
    try:
        cli.main(args=args, prog_name="lexdocs", standalone_mode=False)
    except LexdocsError as exc:
        if "--debug" in args:
            raise
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
