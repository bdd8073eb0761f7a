"""The `lexdocs` command, thin: parse arguments, call the package, print.

One top-level catch turns any LexdocsError into one line and exit status 1;
the traceback is shown only with --debug.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from lexdocs.adopt import commands as adopt_commands
from lexdocs.engines import commands as engine_commands
from lexdocs.errors import LexdocsError

if TYPE_CHECKING:
    from rich.console import Console

    from lexdocs.config import Options
    from lexdocs.history.versions import Progress
    from lexdocs.render.templates import RenderedDocument
    from lexdocs.review.notice import Timeline
    from lexdocs.review.redline import Redline
    from lexdocs.sources.variables import Variables

# Each command imports what it uses, in its body: every `lexdocs` process (a hook run, a CI
# step) pays only for its own command, and `--help` and `--version` import none of the
# package's modules but the commands' own (tests/test_cli.py).

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Context:
    """What every command needs: the project and its options, resolved once."""

    project: Path
    debug: bool

    @property
    def options(self) -> Options:
        from lexdocs.config import load_options

        return load_options(self.project)


def working_documents(opts: Options) -> tuple[Variables, dict[str, RenderedDocument]]:
    """Render every document from the working tree (no git needed)."""
    from lexdocs.render.templates import render_snapshot
    from lexdocs.sources.snapshot import working_snapshot

    snap = working_snapshot(opts.project, opts.source_dir, opts.documents)
    return snap.variables, render_snapshot(snap)


@contextmanager
def history_progress(console: Console | None = None) -> Iterator[Progress]:
    """A progress bar on the terminal (stderr) while history is read; silent in a pipe or CI
    log, where a bar would only add lines."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    err = console or Console(stderr=True)
    bar = RichProgress(TextColumn("Reading history"), BarColumn(), MofNCompleteColumn(),
                       TextColumn("commits"), TimeElapsedColumn(), console=err,
                       transient=True, disable=not err.is_terminal)
    with bar:
        task = bar.add_task("history", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def load_timelines(opts: Options, today: dt.date | None = None) -> dict[str, Timeline]:
    """The pipeline's timelines, with a progress bar: a long history takes a while."""
    from lexdocs import pipeline

    with history_progress() as progress:
        return pipeline.load_timelines(opts, today, progress=progress)


def _console() -> Console:
    """A terminal's own width; a pipe or file gets wide lines rather than cut ids."""
    from rich.console import Console

    return Console() if sys.stdout.isatty() else Console(width=160)


def _pick(opts: Options, doc: str | None) -> str:
    if doc is None:
        return opts.documents[0]
    if doc not in opts.documents:
        raise LexdocsError(f"no document '{doc}'",
                           hint=f"choose one of: {', '.join(opts.documents)}")
    return doc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lexdocs", prog_name="lexdocs", message="%(prog)s %(version)s")
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
@click.argument("doc", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_obj
def versions(obj: Context, doc: str | None, fmt: str) -> None:
    """List every version of DOC (or of all documents): dates, status, materiality, reasons."""
    from rich.table import Table
    from rich.text import Text

    from lexdocs.review.notice import build_date, describe

    opts = obj.options
    today = build_date(opts.tz)
    timelines = load_timelines(opts, today)
    names = [_pick(opts, doc)] if doc else list(opts.documents)
    if fmt == "json":
        data = {name: {"versions": [describe(timelines[name], n, today)
                                    for n in timelines[name].notices],
                       "draft": timelines[name].history.draft} for name in names}
        click.echo(json.dumps({"today": today.isoformat(), "documents": data}, indent=2,
                              ensure_ascii=False))
        return
    console = _console()
    for name in names:
        t = timelines[name]
        table = Table(title=Text(f"{t.history.working.title} ({name})"), title_justify="left")
        for col in ("id", "last updated", "effective", "status", "material", "commit"):
            table.add_column(col, no_wrap=True)
        table.add_column("summary and reasons", overflow="fold")
        for i, n in enumerate(t.notices):
            status = t.status(n, today)
            material = "first" if i == 0 else {"material": "yes", "not-material": "no",
                                               "lawyers-call": "lawyer's call"}[n.call]
            notes = [*([] if n.judged else ["Before adoption: the old process published it."]),
                     n.summary, *n.reasons, *([f"Effective date: {n.raised}"] if n.raised else [])]
            table.add_row(n.version.id, Text(n.version.display_date), n.effective.isoformat(),
                          status, material, n.version.commit.sha[:10],
                          Text("\n".join(x for x in notes if x)))
        if t.history.draft:
            table.add_row("draft", "—", "—", "uncommitted", "", "", Text("working tree"))
        console.print(table)


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
@click.argument("doc", required=False)
@click.argument("old", required=False, metavar="FROM")
@click.argument("new", required=False, metavar="TO")
@click.option("--format", "fmt", type=click.Choice(["terminal", "markdown", "html", "json"]),
              default="terminal", show_default=True)
@click.pass_obj
def diff(obj: Context, doc: str | None, old: str | None, new: str | None, fmt: str) -> None:
    """Redline of DOC from FROM to TO (default: the latest version to the working tree).

    FROM and TO are version ids (see 'lexdocs versions') or 'working'; DOC may be left
    out before them ('lexdocs diff 2024-09-01 working' compares the first document).

    FROM and TO may instead be two git revisions (branches, tags, commits): then every
    document (or DOC) is compared as the two commits would publish it, and
    '--format markdown' gives the one pull-request comment ('lexdocs diff --format
    markdown origin/main HEAD').
    """
    from lexdocs.review import comment

    opts = obj.options
    if doc is not None and doc not in opts.documents and (
            doc in _WORDS or _VERSION_ID.fullmatch(doc) or (old is not None and new is None)):
        doc, old, new = None, doc, old
    if old is not None and new is not None and not {old, new} & _WORDS and not any(
            _VERSION_ID.fullmatch(v) for v in (old, new)) and comment.resolve(opts, [old, new]):
        _diff_revisions(opts, doc, old, new, fmt)
        return
    from lexdocs.review.notice import version_redlines

    timelines = load_timelines(opts)
    names = [_pick(opts, doc)] if doc else list(opts.documents)
    redlines = version_redlines(timelines, names, old, new, opts.home)
    if fmt == "json" and doc is None:
        _echo_json(redlines)
        return
    for redline in redlines:
        _print_redline(redline, fmt)


def _echo_json(redlines: list[Redline]) -> None:
    """Every document's changes in one list, each naming its document: `[]` when nothing
    changed, so a program reading the output always gets JSON."""
    from lexdocs.review.formats import to_json

    click.echo(json.dumps([dict(c, document=r.document) for r in redlines
                           for c in json.loads(to_json(r))], indent=2, ensure_ascii=False))


_WORDS = {"working", "none"}
_VERSION_ID = re.compile(r"\d{4}-\d{2}-\d{2}(-\d+)?")


def _print_redline(redline: Redline, fmt: str) -> None:
    from lexdocs.review.formats import to_html, to_json, to_markdown, to_terminal

    if fmt == "terminal":
        to_terminal(redline, _console())
    else:
        click.echo({"markdown": to_markdown, "html": to_html, "json": to_json}[fmt](redline),
                   nl=False)


def _diff_revisions(opts: Options, doc: str | None, base: str, head: str, fmt: str) -> None:
    """Two git revisions: the pull-request comment, or each changed document's redline."""
    from lexdocs.review import comment

    found = comment.compare(opts, base, head, [_pick(opts, doc)] if doc else None)
    if fmt == "markdown":
        click.echo(comment.compose(found), nl=False)
        return
    for d in found.documents:
        if d.error is not None:
            raise LexdocsError(f"{d.name} at {head}: {d.error}")
    changed = [d.redline for d in found.documents if d.redline is not None and d.redline.changes]
    if fmt == "json":
        _echo_json(changed)
        return
    for redline in changed:
        _print_redline(redline, fmt)


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
    from lexdocs.findings import annotation
    from lexdocs.review.notice import build_date

    # Never wrapped: a `file:line` message stays one line in a CI log or a hook's output.
    console = Console(highlight=False, soft_wrap=True)
    if list_rules:
        for rule in runner.all_rules():
            console.print(Text(f"{rule.id} ({rule.severity}): {rule.summary} [{rule.source}]"))
        return
    opts = obj.options
    day = today.date() if today else build_date(opts.tz)
    timelines = load_timelines(opts, day)
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


@cli.command()
@click.argument("doc")
@click.argument("version")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "json"]), default="text",
              show_default=True)
@click.pass_obj
def notice(obj: Context, doc: str, version: str, fmt: str) -> None:
    """Print the notice to readers of material VERSION of DOC, as the site publishes it
    beside the redline: subject and body, ready for any mail provider."""
    from lexdocs.publish.pages import published_notice
    from lexdocs.review.notice import build_date

    opts = obj.options
    today = build_date(opts.tz)
    n = published_notice(opts, load_timelines(opts, today), today, _pick(opts, doc), version)
    if fmt == "json":
        click.echo(n.as_json(), nl=False)
    elif fmt == "html":
        click.echo(n.html, nl=False)
    else:
        click.echo(f"Subject: {n.subject}\n\n{n.text}", nl=False)


for command in (*adopt_commands.COMMANDS, engine_commands.build, engine_commands.serve):
    cli.add_command(command)


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
