"""`lexdocs build` and `lexdocs serve`, on the engine of the user's choice.

MkDocs (the default) and ProperDocs run lexdocs as their plugin, so these commands
only start them; Zensical runs no plugin, so lexdocs makes the content tree and
hands it over (`lexdocs.engines.zensical`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import click

from lexdocs.engines import engine_command
from lexdocs.errors import EngineError

ENGINES = ("mkdocs", "properdocs", "zensical")
_ENGINE = click.option("--engine", type=click.Choice(ENGINES), default="mkdocs",
                       show_default=True, help="The engine that builds the site.")


def _plugin_engine(engine: str, project: Path, *args: str) -> None:
    """Run MkDocs or ProperDocs, whose lexdocs plugin does the work; their exit status."""
    from importlib.util import find_spec

    from lexdocs import configfile

    if find_spec(engine) is None:
        raise EngineError(f"{engine} is not installed",
                          hint="pip install 'lexdocs[engines]' and retry")
    config = project / "mkdocs.yml"
    configfile.refuse(config)  # MkDocs' loader runs what the file names, before any plugin
    if config.is_file() and not configfile.runs_lexdocs(config):
        raise EngineError(f"no lexdocs plugin is listed, so {engine} would build the site "
                          "without a single legal page", path="mkdocs.yml",
                          hint="add '- lexdocs' under 'plugins:', as 'lexdocs init' writes it")
    cmd = engine_command(engine, *args, "--config-file", str(config))
    code = subprocess.run(cmd, cwd=project).returncode
    if code:
        sys.exit(code)


def _log(line: str) -> None:
    click.echo(f"lexdocs: {line}", err=True)


@click.command()
@_ENGINE
@click.option("--strict", is_flag=True, help="Stop on any warning of the engine.")
@click.option("--site-dir", "-d", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Build into this folder (default: site_dir of mkdocs.yml).")
@click.pass_obj
def build(obj: Any, engine: str, strict: bool, site_dir: Path | None) -> None:
    """Build the whole site, or leave the previous one as it was."""
    project: Path = obj.project
    if engine != "zensical":
        _plugin_engine(engine, project, "build", *(["--strict"] if strict else []),
                       *(["--site-dir", str(site_dir)] if site_dir else []))
        return
    from lexdocs.engines import zensical
    from lexdocs.engines.tree import content_tree
    from lexdocs.history.versions import CACHE_DIR
    from lexdocs.publish import prune

    zensical.engine_available()
    site = zensical.read_site(project, site_dir)
    strict = strict or site.strict  # as MkDocs reads `strict: true` from mkdocs.yml
    warned: list[str] = []

    def warn(line: str) -> None:  # what `mkdocs build --strict` refuses, as MkDocs says it
        warned.append(line)
        _log(f"warning: {line}")

    tree = content_tree(site.options, site.theme, info=_log, debug=lambda _: None, warn=warn)
    if strict and warned:
        raise EngineError(f"aborted with {len(warned)} warning(s) in strict mode",
                          hint="the previous site is unchanged")
    zensical.build(site, tree, strict=strict, info=_log)
    prune.build_done(site.options.project / CACHE_DIR)  # only once the site is whole


@click.command()
@_ENGINE
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True,
              metavar="IP:PORT", help="Where the preview is served.")
@click.pass_obj
def serve(obj: Any, engine: str, dev_addr: str) -> None:
    """Preview the site as it is now, draft included, rebuilt on every save."""
    project: Path = obj.project
    if engine != "zensical":
        _plugin_engine(engine, project, "serve", "--dev-addr", dev_addr)
        return
    from lexdocs.engines.preview import serve as preview

    preview(project, dev_addr, info=_log)
