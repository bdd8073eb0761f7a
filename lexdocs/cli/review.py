"""`lexdocs versions`, `lexdocs diff` and `lexdocs notice`: what the review made of a
document's history, read on the terminal or by a program.

The three read timelines and print what `lexdocs.review` decided (every version with
its verdict, a redline, the notice to readers); kept apart from the group and its
error boundary (`lexdocs.cli`), with `diff`'s reading of its arguments beside it.
Like every command, each imports what it uses in its body (tests/test_cli.py).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import click

from lexdocs.cli.shared import Context, _console, _pick, load_timelines
from lexdocs.errors import LexdocsError

if TYPE_CHECKING:
    from lexdocs.config import Options
    from lexdocs.review.redline import Redline

__all__ = ["COMMANDS"]


@click.command()
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


@click.command()
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
    if not changed and fmt == "terminal":  # silence read as a command that did nothing
        click.echo(f"No published text changes: {base} ({found.base_sha[:10]}) and {head} "
                   f"({found.head_sha[:10]}) publish the same "
                   + (f"{_pick(opts, doc)}." if doc else "documents."))
    for redline in changed:
        _print_redline(redline, fmt)


@click.command()
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


COMMANDS = (versions, diff, notice)
