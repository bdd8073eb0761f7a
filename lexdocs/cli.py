"""The `lexdocs` command, thin: parse arguments, call the package, print.

One top-level catch turns any LexdocsError into one line and exit status 1;
the traceback is shown only with --debug.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from lexdocs.checks import runner
from lexdocs.config import Options, load_options
from lexdocs.errors import LexdocsError
from lexdocs.pipeline import load_timelines
from lexdocs.render.templates import RenderedDocument, iter_uses, render_tree
from lexdocs.review.formats import to_html, to_json, to_markdown, to_terminal
from lexdocs.review.notice import build_date
from lexdocs.review.redline import diff_documents
from lexdocs.sources.documents import read_working_tree
from lexdocs.sources.variables import Variables

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
    variables, docs = render_tree(opts.source_dir, opts.documents,
                                  read_working_tree(opts.project))
    return variables, {name: rendered for name, (_, rendered) in docs.items()}


def _console() -> Console:
    """A terminal's own width; a pipe or file gets wide lines rather than cut ids."""
    return Console() if sys.stdout.isatty() else Console(width=160)


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
    console = _console()
    console.print(table)
    if unused:
        console.print(Text(f"{len(unused)} unused: ", style="yellow") + Text(", ".join(unused)))


@cli.command()
@click.argument("doc", required=False)
@click.pass_obj
def versions(obj: Context, doc: str | None) -> None:
    """List every version of DOC (or of all documents): dates, status, materiality."""
    opts = obj.options
    today = build_date(opts.tz)
    timelines = load_timelines(opts, today)
    console = _console()
    for name in [_pick(opts, doc)] if doc else list(opts.documents):
        t = timelines[name]
        table = Table(title=Text(f"{t.history.working.title} ({name})"), title_justify="left")
        for col in ("id", "last updated", "effective", "status", "material", "commit"):
            table.add_column(col, no_wrap=True)
        table.add_column("summary", overflow="fold")
        for i, n in enumerate(t.notices):
            status = t.status(n, today)
            material = "first" if i == 0 else ("yes" if n.material else "no")
            table.add_row(n.version.id, Text(n.version.display_date), n.effective.isoformat(),
                          status, material, n.version.commit.sha[:10], Text(n.summary))
        if t.history.draft:
            table.add_row("draft", "—", "—", "uncommitted", "", "", Text("working tree"))
        console.print(table)


@cli.command()
@click.argument("doc", required=False)
@click.argument("old", required=False, metavar="FROM")
@click.argument("new", required=False, metavar="TO")
@click.option("--format", "fmt", type=click.Choice(["terminal", "markdown", "html", "json"]),
              default="terminal", show_default=True)
@click.pass_obj
def diff(obj: Context, doc: str | None, old: str | None, new: str | None, fmt: str) -> None:
    """Redline of DOC from version FROM to TO (default: the latest version to the working tree).

    FROM and TO are version ids (see 'lexdocs versions') or 'working'; DOC may be left
    out before them ('lexdocs diff 2024-09-01 working' compares the first document).
    """
    opts = obj.options
    if doc is not None and doc not in opts.documents and (
            doc == "working" or re.fullmatch(r"\d{4}-\d{2}-\d{2}(-\d+)?", doc)):
        doc, old, new = None, doc, old
    t = load_timelines(opts)[_pick(opts, doc)]
    by_id = {n.version.id: n for n in t.notices}

    def pick(vid: str | None, default: str) -> RenderedDocument | None:
        vid = vid or default
        if vid == "working":
            return t.history.working
        if vid == "none":
            return None
        if vid not in by_id:
            raise LexdocsError(f"{t.history.name} has no version '{vid}'",
                               hint=f"versions: {', '.join(by_id) or 'none'}, or 'working'")
        return by_id[vid].version.rendered

    latest = t.notices[-1].version.id if t.notices else "none"
    a, b = pick(old, latest), pick(new, "working")
    if b is None:
        raise LexdocsError("TO must be a version or 'working'")
    entry = by_id[new].entry if new in by_id else None
    redline = diff_documents(a, b, entry.overrides if entry else ())
    if fmt == "terminal":
        to_terminal(redline, _console())
    else:
        click.echo({"markdown": to_markdown, "html": to_html, "json": to_json}[fmt](redline),
                   nl=False)


@cli.command()
@click.option("--readability", is_flag=True, help="Also report reading ease per section.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Check as if on this day (default: today in the site's time zone).")
@click.option("--list-rules", is_flag=True, help="List every rule with its legal source.")
@click.pass_obj
def check(obj: Context, readability: bool, today: dt.datetime | None, list_rules: bool) -> None:
    """Check notice rules and compliance rules; exit 1 on any error."""
    console = Console(highlight=False)
    if list_rules:
        for rule in runner.all_rules():
            console.print(Text(f"{rule.id} ({rule.severity}): {rule.summary} [{rule.source}]"))
        return
    opts = obj.options
    day = today.date() if today else build_date(opts.tz)
    timelines = load_timelines(opts, day)
    findings = runner.run_all(opts, timelines, day)
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    for f in findings:
        console.print(Text(str(f), style=styles[f.severity]))
    if readability:
        for line in runner.readability_lines(timelines):
            console.print(Text(line))
    counts = {s: sum(f.severity == s for f in findings) for s in styles}
    console.print(Text(f"{counts['error']} errors, {counts['warning']} warnings, "
                       f"{counts['info']} notes"))
    if counts["error"]:
        sys.exit(1)


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
    except Exception as exc:  # the last line of defence: a bug, said in one line
        if "--debug" in args:
            raise
        first = (str(exc).splitlines() or [""])[0][:200]
        click.echo(f"error: unexpected {type(exc).__name__}: {first} (this is a bug in lexdocs; "
                   "run with --debug for the traceback and report it)", err=True)
        sys.exit(2)
