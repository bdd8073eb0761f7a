"""Options, typed and validated in one place: the plugin's entry in mkdocs.yml.

The CLI and the MkDocs hook read the same options the same way, so a preview,
a build and `lexdocs check` can never disagree about the time zone or the
notice period.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c

from lexdocs.errors import ConfigError
from lexdocs.sources.documents import discover_documents

MKDOCS_FILE = "mkdocs.yml"


class _TimeZone(c.Type[str]):
    """A time zone name that the system's zone database knows."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise base.ValidationError(
                f"unknown time zone '{name}'; use a name like 'UTC' or 'America/Los_Angeles'"
            ) from None
        return name


class LexdocsConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin's options: `plugins: [lexdocs: {...}]`, or `extra: lexdocs:` for the hook."""

    source_dir = c.Type(str, default="policy_src")
    documents = c.ListOfItems(c.Type(str), default=[])
    timezone = _TimeZone(default="UTC")
    notice_days = c.Type(int, default=30)
    pdf = c.Type(bool, default=True)


@dataclass(frozen=True)
class Options:
    """Validated options with the documents resolved."""

    project: Path
    source_dir: str
    documents: tuple[str, ...]
    tz: ZoneInfo
    notice_days: int
    pdf: bool
    site_url: str


def options_from(project: Path, raw: dict[str, Any] | None, site_url: str = "",
                 need_documents: bool = True) -> Options:
    """Validate `raw` (the plugin's options); an invalid option is a ConfigError."""
    cfg = LexdocsConfig(config_file_path=str(project / MKDOCS_FILE))
    cfg.load_dict(dict(raw or {}))
    errors, _warnings = cfg.validate()
    if errors:
        key, err = errors[0]
        raise ConfigError(f"lexdocs option '{key}': {err}", path=MKDOCS_FILE,
                          hint="fix it under 'plugins: - lexdocs:'")
    if cfg.notice_days < 0:
        raise ConfigError("lexdocs option 'notice_days' must be 0 or more", path=MKDOCS_FILE)
    docs = list(cfg.documents) or discover_documents(project, cfg.source_dir)
    if not docs and need_documents:
        raise ConfigError(f"no documents found under {cfg.source_dir}/", path=MKDOCS_FILE,
                          hint=f"create {cfg.source_dir}/<doc>/document.yml")
    return Options(project=project, source_dir=cfg.source_dir, documents=tuple(docs),
                   tz=ZoneInfo(cfg.timezone), notice_days=cfg.notice_days, pdf=cfg.pdf,
                   site_url=site_url)


def load_options(project: Path, config_file: Path | None = None,
                 need_documents: bool = True) -> Options:
    """Options for the CLI, read from mkdocs.yml exactly as `mkdocs build` reads it.

    MkDocs' own loader resolves `!ENV`, `INHERIT` and `!relative`, and
    validates the plugin's options, so the CLI and the build cannot disagree.
    A project without mkdocs.yml gets the defaults.
    """
    path = config_file or project / MKDOCS_FILE
    if not path.exists():
        return options_from(project, None, need_documents=need_documents)
    from mkdocs import exceptions
    from mkdocs.config import load_config

    try:
        cfg = load_config(config_file=str(path))
    except exceptions.ConfigurationError as exc:
        raise ConfigError(f"cannot read {MKDOCS_FILE}: {exc}", path=MKDOCS_FILE,
                          hint="'mkdocs build' shows every problem") from exc
    plugin = cfg.plugins.get("lexdocs")
    raw = dict(plugin.config) if plugin is not None else cfg.extra.get("lexdocs")
    return options_from(path.parent, raw, cfg.site_url or "", need_documents)
