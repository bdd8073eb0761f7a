"""What the site's theme decides about the pages lexdocs makes, and the templates they
are made from.

The theme's language sets how dates read and which paper a PDF is printed on; its
`custom_dir` may replace any of the packaged templates (`templates/lx-*.html`), as it
would a theme partial. The templates autoescape HTML: a title, summary or id is text
wherever it lands.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)

from lexdocs import dates
from lexdocs.config import MKDOCS_FILE
from lexdocs.errors import ConfigError
from lexdocs.publish.codecache import keep_installed
from lexdocs.publish.locales import translations
from lexdocs.publish.memo import RenderMemo

__all__ = ["TEMPLATES", "THEME", "Theme", "template_env", "theme_of"]

TEMPLATES = Path(__file__).parent / "templates"
# Partials for the theme's own pages (the feed links in the head): MkDocs copies every
# non-HTML file of a theme folder to the site, so these live apart from TEMPLATES.
THEME = Path(__file__).parent / "theme"


@dataclass(frozen=True)
class Theme:
    """What the site's theme decides about our pages: its language and its overrides."""

    language: str = "en"
    custom_dir: Path | None = None

    @property
    def locale(self) -> str:
        """Babel's name for the theme's language ("pt-BR" → "pt_BR"); English if unknown."""
        return _babel_locale(self.language)

    @property
    def paper(self) -> str:
        """The PDF paper of a document that names none: the one readers in the language's
        country use ("en-US" and "en", whose likely country is the US: letter; "en-GB",
        "de": A4)."""
        return _paper(self.language)


@functools.lru_cache(maxsize=64)
def _babel_locale(language: str) -> str:
    """Memoized: every date a page prints asks, and Babel parses the name each time."""
    try:
        return str(Locale.parse(language.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return dates.DEFAULT_LOCALE


@functools.lru_cache(maxsize=64)
def _paper(language: str) -> str:
    from lexdocs.publish.pdfprint import paper_for

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return paper_for(None)
    likely = get_global("likely_subtags").get(locale.language, locale.language)
    return paper_for(locale.territory or Locale.parse(likely).territory)


def theme_of(project: Path) -> Theme:
    """The theme's language and custom_dir, read from mkdocs.yml as MkDocs reads it
    (for the CLI; the plugin gets them from the loaded config)."""
    path = project / MKDOCS_FILE
    if not path.exists():
        return Theme()
    from mkdocs import exceptions
    from mkdocs.config import load_config

    try:
        cfg = load_config(config_file=str(path))
    except exceptions.ConfigurationError as exc:
        raise ConfigError(f"cannot read {MKDOCS_FILE}: {exc}", path=MKDOCS_FILE) from exc
    custom = cfg.theme.custom_dir
    return Theme(str(cfg.theme.get("language") or "en"), Path(custom) if custom else None)


def template_env(custom_dir: Path | None = None, memo: RenderMemo | None = None,
                 locale: str = dates.DEFAULT_LOCALE) -> Environment:
    """Templates from the site's `custom_dir` first, then the package's own, saying
    their words in `locale`'s language (`lexdocs.publish.locales`).

    Autoescape follows the file's medium: `.html`/`.xml` are escaped for HTML,
    `.txt` is plain text and never escaped (it is not markup). With a `memo`
    (a preview session), compiled templates outlive the build; without, the package's
    own are kept on disk for the next build (`lexdocs.publish.codecache`).
    """
    loaders = [FileSystemLoader(str(custom_dir))] if custom_dir else []
    loaders.append(FileSystemLoader(str(TEMPLATES)))
    env = Environment(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html", "xml"]), trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True,
                      extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(translations(locale), newstyle=True)  # type: ignore[attr-defined]
    if memo is not None and memo.code is not None:
        return memo.code.attach(env)
    return keep_installed(env, [TEMPLATES])
