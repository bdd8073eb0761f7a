"""Options, typed and validated in one place: the plugin's entry in mkdocs.yml.

The CLI and the MkDocs hook read the same options the same way, so a preview,
a build and `lexdocs check` can never disagree about the time zone or the
notice period.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c

from lexdocs import configfile
from lexdocs.errors import ConfigError
from lexdocs.sources.documents import discover_documents
from lexdocs.sources.siteopts import MAX_NOTICE_DAYS, home_of

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


class _Pdf(base.BaseConfigOption[bool | str]):
    """`pdf`: true (a PDF of each version a reader is or will be bound by, and of each
    already published), `all` (every version), or false (none)."""

    def __init__(self) -> None:
        super().__init__()
        self.default = True

    def run_validation(self, value: object) -> bool | str:
        if value is None:  # `pdf:` with no value, as MkDocs reads its own options
            return True
        if isinstance(value, bool) or value == "all":
            return value
        raise base.ValidationError(f"expected true, false or all, not {value!r}")


class LexdocsConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin's options: `plugins: [lexdocs: {...}]`, or `extra: lexdocs:` for the hook."""

    source_dir = c.Type(str, default="policy_src")
    documents = c.ListOfItems(c.Type(str), default=[])
    timezone = _TimeZone(default="UTC")
    notice_days = c.Type(int, default=30)
    pdf = _Pdf()
    # The organisation's other domains (e.g. [wordpress.com] beside automattic.com): a link
    # moved between them and site_url's is maintenance, not "another organisation".
    own_domains = c.ListOfItems(c.Type(str), default=[])
    # Its own names that no domain spells (products, former names: [Crowdsignal, Pocket
    # Casts]): with the domains' own ("wordpress.com" → WordPress), never a third party.
    own_names = c.ListOfItems(c.Type(str), default=[])
    record = c.Choice(("auto", "required"), default="auto")
    """`required` once CI has published: a build that finds no publication record stops."""

    def _validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """Every option, not only up to the first bad one (MkDocs stops there): a site
        owner fixes all of them in one go instead of one build per mistake."""
        failed: base.ConfigErrors = []
        warnings: base.ConfigWarnings = []
        for key, option in self._schema:
            try:
                self[key] = option.validate(self.get(key))
                warnings.extend((key, w) for w in option.warnings)
                option.reset_warnings()
            except base.ValidationError as exc:
                failed.append((key, exc))
        days = self.get("notice_days")
        if not failed and isinstance(days, int) and not 0 <= days <= MAX_NOTICE_DAYS:
            failed.append(("notice_days", base.ValidationError(
                f"must be 0 to {MAX_NOTICE_DAYS} days" if days > 0 else "must be 0 or more")))
        for key in set(self.keys()) - self._schema_keys:
            warnings.append((key, f"Unrecognised configuration name: {key}"))
        return failed, warnings


@dataclass(frozen=True)
class Options:
    """Validated options with the documents resolved."""

    project: Path
    source_dir: str
    documents: tuple[str, ...]
    tz: ZoneInfo
    notice_days: int
    pdf: bool
    """Whether the site publishes PDFs at all (`pdf: false` publishes none)."""
    site_url: str
    own_domains: tuple[str, ...] = ()
    record_required: bool = False
    own_names: tuple[str, ...] = ()
    pdf_all: bool = False
    """`pdf: all`: a PDF of every version, also of one superseded before any build made it
    (by default such a version's page offers printing instead: `SiteBuilder.has_pdf`)."""
    directory_urls: bool = True
    """MkDocs' `use_directory_urls`: whether the site links a page by its folder."""

    @property
    def home(self) -> str:
        """The organisation's own addresses and names as the working tree declares them
        (`siteopts.home_of`). A version is judged by those its parent committed instead
        (`Version.site_home`, `review.owner`): these are what a draft brings, and stand in
        where a commit's mkdocs.yml cannot be read plainly."""
        return home_of(self.site_url, self.own_domains, self.own_names)


def options_from(project: Path, raw: dict[str, Any] | None, site_url: str = "",
                 need_documents: bool = True, directory_urls: bool = True) -> Options:
    """Validate `raw` (the plugin's options); an invalid option is a ConfigError."""
    cfg = LexdocsConfig(config_file_path=str(project / MKDOCS_FILE))
    cfg.load_dict(dict(raw or {}))
    errors, _warnings = cfg.validate()
    if errors:
        raise option_errors(project, [(key, str(err)) for key, err in errors])
    docs = list(cfg.documents) or discover_documents(project, cfg.source_dir)
    if not docs and need_documents and raw is None and not (project / MKDOCS_FILE).exists():
        # no project here at all: say so, not that a mkdocs.yml that is not there lists none
        raise ConfigError(f"{project} holds no lexdocs project (no {MKDOCS_FILE}, no "
                          f"{cfg.source_dir}/<doc>/document.yml)",
                          hint="run lexdocs in the project's folder or one below it, "
                               "name it with -C, or create one with 'lexdocs init'")
    if not docs and need_documents:
        raise ConfigError(f"no documents found under {cfg.source_dir}/", path=MKDOCS_FILE,
                          hint=f"create {cfg.source_dir}/<doc>/document.yml")
    return Options(project=project, source_dir=cfg.source_dir, documents=tuple(docs),
                   tz=ZoneInfo(cfg.timezone), notice_days=cfg.notice_days,
                   pdf=cfg.pdf is not False, pdf_all=cfg.pdf == "all",
                   site_url=site_url, own_domains=tuple(cfg.own_domains),
                   record_required=cfg.record == "required", own_names=tuple(cfg.own_names),
                   directory_urls=directory_urls)


def mkdocs_config(path: Path) -> Any:
    """mkdocs.yml as MkDocs loads it (for the CLI and the engine adapters), or one
    ConfigError: a bad lexdocs option named with its line, anything else as MkDocs said."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    configfile.refuse(path)  # before MkDocs' loader runs what the file names
    said = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(said)
    try:
        return load_config(config_file=str(path))
    except (exceptions.ConfigurationError, exceptions.Abort) as exc:
        ours = [(m[1], m[2]) for line in said.lines if (m := _OUR_OPTION.search(line))]
        if ours:
            raise option_errors(path.parent, ours) from exc
        what = "; ".join(said.lines) or str(exc)
        raise ConfigError(f"cannot read {MKDOCS_FILE}: {what}", path=MKDOCS_FILE,
                          hint="'mkdocs build' shows every problem") from exc
    finally:
        logger.removeHandler(said)


def lexdocs_options(cfg: Any) -> Any:
    """The plugin's options in a loaded config, or `extra: lexdocs:` for hook users."""
    plugin = cfg.plugins.get("lexdocs")
    return dict(plugin.config) if plugin is not None else cfg.extra.get("lexdocs")


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
    cfg = mkdocs_config(path)
    raw = lexdocs_options(cfg)
    return options_from(path.parent, raw, cfg.site_url or "", need_documents,
                        bool(cfg.use_directory_urls))


_OUR_OPTION = re.compile(r"Plugin 'lexdocs' option '(\w+)': (.*)")


class _Collect(logging.Handler):
    """MkDocs logs each configuration error before it aborts; keep them to say them once,
    in our words, instead of its "Aborted with a configuration error!" to stdout."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines += record.getMessage().removeprefix("Config value 'plugins': ").splitlines()


def option_errors(project: Path, errors: list[tuple[str, str]]) -> ConfigError:
    """One error for every invalid lexdocs option, each with its line in mkdocs.yml."""
    text = ""
    if (project / MKDOCS_FILE).is_file():
        text = (project / MKDOCS_FILE).read_text(encoding="utf-8", errors="replace")
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if re.match(r"\s*(- )?lexdocs\s*:", ln)), 0)

    def line_of(key: str) -> int | None:
        pattern = re.compile(rf"\s*{re.escape(key)}\s*:")
        found = next((i for i in range(start, len(lines)) if pattern.match(lines[i])), None)
        return None if found is None else found + 1

    said = [(line_of(key), f"lexdocs option '{key}': {message}") for key, message in errors]
    first_line = said[0][0]
    rest = "; ".join(f"line {n}: {m}" if n else m for n, m in said[1:])
    return ConfigError(said[0][1] + (f"; {rest}" if rest else ""), path=MKDOCS_FILE,
                       line=first_line, hint="fix it under 'plugins: - lexdocs:'"
                       if len(said) == 1 else "fix them under 'plugins: - lexdocs:'")
