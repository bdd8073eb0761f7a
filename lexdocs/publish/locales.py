"""The words lexdocs puts around a document's text, in the site's language.

The theme says its own words (Search, the palette's toggle) in `theme.language`; the
labels lexdocs adds to every page (Last Updated, Effective, the history's columns, the
banner of a change to come) were English whatever the language, around a French
policy's French text. They are gettext messages: the page templates say theirs with
`_()`, as Jinja's i18n extension gives it, and the pages' code with `PageBase._`. Each
language's catalog is a `.po` file in `locale/`, read by Babel the first time a build
asks for that language; tests/test_locales.py checks that every catalog translates
every message the templates and the code say, with the same placeholders. A language
without a catalog reads English, as the theme falls back to English for one it lacks.

A redline's own words are said from the same catalogs (`review.formats.as_html`); its
reasons are the review rules' English, marked as such on a page in another language.
"""

from __future__ import annotations

import functools
import io
from gettext import NullTranslations
from pathlib import Path

__all__ = ["LOCALES", "N_", "languages", "translations"]

LOCALES = Path(__file__).parent / "locale"


def N_(message: str) -> str:  # gettext's name for it, which Babel extracts
    """A message said later, by `_()` of a variable: marked here so it is extracted."""
    return message


def languages() -> list[str]:
    """The languages a catalog is shipped for (Babel's names: "fr", "pt_BR")."""
    return sorted(p.stem for p in LOCALES.glob("*.po"))


@functools.lru_cache(maxsize=16)
def translations(locale: str) -> NullTranslations:
    """The catalog for Babel's `locale` ("fr_CA"), or its language's ("fr"); none (the
    messages as written, in English) if neither is shipped."""
    for name in dict.fromkeys((locale, locale.split("_")[0])):
        po = LOCALES / f"{name}.po"
        if po.is_file():
            # Babel's catalog reader only when a catalog is read: importing it cost every
            # build and command a fiftieth of a second, English sites included.
            from babel.messages.mofile import write_mo
            from babel.messages.pofile import read_po
            from babel.support import Translations

            with po.open("rb") as fp:
                catalog = read_po(fp, locale=name)
            compiled = io.BytesIO()
            write_mo(compiled, catalog)
            compiled.seek(0)
            return Translations(compiled, domain="lexdocs")
    return NullTranslations()
