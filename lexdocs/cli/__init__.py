"""The `lexdocs` command, thin: parse arguments, call the package, print.

One top-level catch turns any LexdocsError into one line and exit status 1;
the traceback is shown only with --debug.

Here are the group, that catch and the commands on the working tree and the site
(render, vars, check, record); `review` holds the commands that read what the review
made of the history (versions, diff, notice), and `shared` what every command uses.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lexdocs.adopt import commands as adopt_commands
from lexdocs.cli import review as review_commands
from lexdocs.cli.shared import (
    Context,
    _console,
    _pick,
    history_progress,
    load_timelines,
    nearest_project,
)
from lexdocs.engines import commands as engine_commands
from lexdocs.errors import LexdocsError, every

if TYPE_CHECKING:
    from lexdocs.config import Options
    from lexdocs.render.templates import RenderedDocument
    from lexdocs.sources.variables import Variables

__all__ = ["Context", "cli", "history_progress", "load_timelines", "main", "working_documents"]

# Each command imports what it uses, in its body: every `lexdocs` process (a hook run, a CI
# step) pays only for its own command, and `--help` and `--version` import none of the
# package's modules but the commands' own (tests/test_cli.py).


def working_documents(opts: Options) -> tuple[Variables, dict[str, RenderedDocument]]:
    """Render every document from the working tree (no git needed)."""
    from lexdocs.render.templates import render_snapshot
    from lexdocs.sources.snapshot import working_snapshot

    snap = working_snapshot(opts.project, opts.source_dir, opts.documents)
    return snap.variables, render_snapshot(snap)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lexdocs", prog_name="lexdocs", message="%(prog)s %(version)s")
@click.option("--project", "-C", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."),
              help="Project folder (the one with mkdocs.yml; by default the nearest one up "
                   "from here, within this git repository).")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@click.pass_context
def cli(ctx: click.Context, project: Path, debug: bool) -> None:
    """Versioned legal documents: render, inspect and check them."""
    if ctx.get_parameter_source("project") is click.core.ParameterSource.DEFAULT:
        project = nearest_project(Path.cwd())  # run from any folder of the project
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
    from rich.table import Table
    from rich.text import Text

    from lexdocs.render.templates import iter_uses

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
@click.pass_obj
def record(obj: Context) -> None:
    """Record the published versions and PDFs on branch lexdocs-published (run it after
    deploying); a fresh clone's build then reuses the PDFs instead of rendering them."""
    from lexdocs.history import published
    from lexdocs.pipeline import publishable_timelines
    from lexdocs.publish.feeds import versions_json

    opts = obj.options
    timelines, today = publishable_timelines(opts, lambda _: None)
    pdfs, has_pdf = {}, None
    if opts.pdf:
        from lexdocs.publish.output import DeferredPdfs  # the site's modules, only here
        from lexdocs.publish.theming import theme_of

        site = DeferredPdfs(opts, timelines, today, theme_of(opts.project))
        site.build()  # the same pages as the build, so the same PDF cache keys
        pdfs, has_pdf = site.published_pdfs(), site.has_pdf
    made = published.record(opts.project, versions_json(opts, timelines, today, has_pdf),
                            pdfs)
    if made is None:
        click.echo(f"{published.BRANCH}: already up to date")
    else:
        click.echo(f"{published.BRANCH}: recorded as {made[:10]}; "
                   f"now run 'git push origin {published.BRANCH}'")
    if not opts.record_required:
        click.echo("Now that versions are recorded, add 'record: required' under the lexdocs "
                   "plugin in mkdocs.yml: a build that cannot find this branch then stops, "
                   "instead of checking nothing.")


@cli.command()
@click.option("--readability", is_flag=True, help="Also report reading ease per section.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Check as if on this day (default: today in the site's time zone).")
@click.option("--list-rules", is_flag=True, help="List every rule with its legal source.")
@click.option("--overrides", is_flag=True,
              help="List every materiality verdict a change-log entry overrode, with its "
                   "reason, instead of checking.")
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text",
              show_default=True,
              help="'github': each finding as a workflow annotation on its file and line.")
@click.pass_obj
def check(obj: Context, readability: bool, today: dt.datetime | None, list_rules: bool,
          overrides: bool, fmt: str) -> None:
    """Check notice rules and compliance rules; exit 1 on any error."""
    from rich.console import Console
    from rich.text import Text

    from lexdocs.checks import runner
    from lexdocs.engines.support import engine_findings
    from lexdocs.findings import annotation, stopping
    from lexdocs.review.notice import build_date

    # Never wrapped: a `file:line` message stays one line in a CI log or a hook's output.
    console = Console(highlight=False, soft_wrap=True)
    if list_rules:
        for rule in runner.all_rules():
            console.print(Text(f"{rule.id} ({rule.severity}): {rule.summary} [{rule.source}]"))
        return
    try:
        opts = obj.options  # mkdocs.yml itself may be what stops it
        day = today.date() if today else build_date(opts.tz)
        timelines = load_timelines(opts, day)
    except LexdocsError as exc:
        if fmt != "github":
            raise  # one line each, from `main`
        # What stops the build is shown on the pull request's lines, as findings are.
        for problem in every(exc):
            console.print(Text(annotation(stopping(problem), _from_cwd(obj.project,
                                                                       problem.path))))
        sys.exit(1)
    if overrides:
        from lexdocs.checks.overrides import overridden, summary

        found = overridden(timelines, opts.home)
        for o in found:
            console.print(Text(str(o)))
        console.print(Text(summary(found)))
        return
    findings = runner.run_all(opts, timelines, day) + engine_findings(day)
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    for f in findings:
        if fmt == "github":
            console.print(Text(annotation(f, _from_cwd(opts.project, f.path))))
        else:
            console.print(Text(str(f), style=styles[f.severity]))
    if readability:
        for line in runner.readability_lines(timelines):
            console.print(Text(line))
    counts = {s: sum(f.severity == s for f in findings) for s in styles}
    console.print(Text(f"{counts['error']} errors, {counts['warning']} warnings, "
                       f"{counts['info']} notes"))
    if counts["error"]:
        sys.exit(1)


def _from_cwd(project: Path, path: str | None) -> str | None:
    """A project-relative path as seen from the working directory (a workflow's repository
    root), so an annotation lands on the right file when the project is a subfolder."""
    if path is None:
        return None
    try:
        return (project / path).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path


for command in (*adopt_commands.COMMANDS, *review_commands.COMMANDS, engine_commands.build,
                engine_commands.serve):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: one line and exit 1 for a LexdocsError, unless --debug."""
    args = sys.argv[1:] if argv is None else argv
    try:
        cli.main(args=args, prog_name="lexdocs", standalone_mode=False)
    except LexdocsError as exc:
        if "--debug" in args:
            raise
        for problem in every(exc):
            click.echo(f"error: {problem}", err=True)
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
