"""Options, typed and validated in one place, read from `extra.lexdocs` in mkdocs.yml.

The CLI and the MkDocs hook read the same options the same way, so a preview,
a build and `lexdocs check` can never disagree about the time zone or the
notice period.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c

from .errors import ConfigError
from .sources import discover_documents

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
    """The `extra.lexdocs` block of mkdocs.yml."""

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


def options_from(project: Path, raw: dict[str, Any] | None, site_url: str = "") -> Options:
    """Validate `raw` (the `extra.lexdocs` mapping); an invalid option is a ConfigError."""
    cfg = LexdocsConfig(config_file_path=str(project / MKDOCS_FILE))
    cfg.load_dict(dict(raw or {}))
    errors, _warnings = cfg.validate()
    if errors:
        key, err = errors[0]
        raise ConfigError(f"extra.lexdocs.{key}: {err}", path=MKDOCS_FILE,
                          hint="fix the option under 'extra: lexdocs:'")
    if cfg.notice_days < 0:
        raise ConfigError("extra.lexdocs.notice_days must be 0 or more", path=MKDOCS_FILE)
    docs = list(cfg.documents) or discover_documents(project, cfg.source_dir)
    if not docs:
        raise ConfigError(f"no documents found under {cfg.source_dir}/", path=MKDOCS_FILE,
                          hint=f"create {cfg.source_dir}/<doc>/document.yml")
    return Options(project=project, source_dir=cfg.source_dir, documents=tuple(docs),
                   tz=ZoneInfo(cfg.timezone), notice_days=cfg.notice_days, pdf=cfg.pdf,
                   site_url=site_url)


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its `!!python/name` tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("", _ignore_tag)


def load_options(project: Path) -> Options:
    """Options for the CLI, from the project's mkdocs.yml (defaults if it has none)."""
    path = project / MKDOCS_FILE
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"cannot read {MKDOCS_FILE}: {exc}", path=MKDOCS_FILE) from None
    extra = (data.get("extra") or {}).get("lexdocs") if isinstance(data, dict) else None
    return options_from(project, extra, str(data.get("site_url") or ""))
