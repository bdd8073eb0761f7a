"""The words lexdocs puts around a document's text come in the site's language
(`theme.language`), from the catalogs in lexdocs/publish/locale/: a French policy's
pages said "Last Updated", "History" and "Current" in English around its French text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po

from lexdocs.history.versions import DRAFT_LABEL
from lexdocs.publish.locales import LOCALES, languages, translations
from lexdocs.publish.theming import template_env
from tests.conftest import ROOT, Repo
from tests.test_security import build

PUBLISH = ROOT / "lexdocs" / "publish"
REDLINE = ROOT / "lexdocs" / "review" / "formats"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def said() -> set[str | tuple[str, str]]:
    """Every message the page templates and the pages' code say, and a redline's HTML
    (a message with a plural form as its two English forms)."""
    ids = {DRAFT_LABEL}  # said as `_(DRAFT_LABEL)`, a constant of the history
    for path in sorted((PUBLISH / "templates").glob("lx-*.*")):
        ids.update(m for _, m, _, _ in extract_from_file(
            "jinja2.ext:babel_extract", str(path), keywords=KEYWORDS,
            options={"extensions": "jinja2.ext.i18n", "trim_blocks": "1",
                     "lstrip_blocks": "1"}))
    for path in [*sorted(PUBLISH.glob("*.py")), REDLINE / "common.py", REDLINE / "as_html.py"]:
        ids.update(m for _, m, _, _ in extract_from_file("python", str(path),
                                                         keywords=KEYWORDS))
    return {m if isinstance(m, str) else (m[0], m[1]) for m in ids if m}


def test_every_catalog_translates_every_message_with_its_placeholders() -> None:
    wanted = said()
    assert {"Last Updated: %(date)s", "History", "Current", DRAFT_LABEL, "Unchanged: %(names)s",
            ("%(num)d change", "%(num)d changes")} <= wanted
    assert languages() == ["de", "es", "fr"]
    for name in languages():
        with (LOCALES / f"{name}.po").open("rb") as fp:
            catalog = read_po(fp)
        messages = {m.id: m.string for m in catalog if m.id}
        assert set(messages) == wanted, (name, set(messages) ^ wanted)
        for msgid, text in messages.items():
            english = msgid if isinstance(msgid, str) else msgid[0]
            forms = [text] if isinstance(msgid, str) else list(text)
            assert len(forms) == (1 if isinstance(msgid, str) else catalog.num_plurals), name
            for form in forms:  # each plural form the language counts, filled in
                assert isinstance(form, str) and form.strip(), (name, msgid)
                assert sorted(PLACEHOLDER.findall(form)) == sorted(
                    PLACEHOLDER.findall(english)), (name, msgid, form)
        assert not any(m.fuzzy for m in catalog if m.id), name


def test_a_language_is_served_by_its_own_catalog_or_else_by_english() -> None:
    assert translations("fr_CA").gettext("History") == "Historique"
    assert translations("de_AT").gettext("History") == "Verlauf"
    assert translations("ja").gettext("History") == "History"


def test_the_words_escape_what_they_are_given() -> None:
    """A title is the document's text: escaped inside a translated sentence as anywhere."""
    page = template_env(locale="fr").from_string(
        '{{ _("%(title)s: history", title=title) }}').render(title="<script>x</script>")
    assert page == "&lt;script&gt;x&lt;/script&gt;\u00a0: historique"


@pytest.mark.parametrize(("language", "words", "not_words"), [
    ("fr", ["Dernière mise à jour\u00a0: ", "Historique", ">En vigueur<", "Première version",
            "Toutes les versions publiées"], ["Last Updated", ">History<", ">Current<"]),
    ("ja", ["Last Updated: ", ">History<", ">Current<"], ["Historique"]),
])
def test_the_pages_say_lexdocs_words_in_the_sites_language(
        project: Repo, tmp_path: Path, caplog: pytest.LogCaptureFixture, language: str,
        words: list[str], not_words: list[str]) -> None:
    project.replace("mkdocs.yml", "  language: en\n", f"  language: {language}\n")
    site = tmp_path / "site"
    assert build(project.path, site, caplog) is None
    pages = "".join((site / page).read_text(encoding="utf-8") for page in (
        "privacy/index.html", "privacy/history/index.html", "index.html"))
    for word in words:
        assert word in pages, (language, word)
    for word in not_words:
        assert word not in pages, (language, word)


def test_a_notice_to_readers_is_in_the_sites_language(
        project: Repo, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The notice goes to the public by e-mail: a French site's readers get it in French,
    its subject, its plain text and its HTML alike, and the feeds say the same."""
    project.replace("mkdocs.yml", "  language: en\n", "  language: fr\n")
    project.commit("In French", "2024-09-11T10:00:00+00:00")
    project.replace("policy_src/variables.yml", "90 days", "180 days")
    project.write("policy_src/privacy/changes.yml",
                  "- summary: Nous gardons les journaux plus longtemps.\n"
                  "  effective: 2024-12-20\n")
    project.commit("Longer", "2024-10-10T10:00:00+00:00")
    site = tmp_path / "site"
    assert build(project.path, site, caplog) is None
    [folder] = [p for p in (site / "privacy" / "changes").iterdir()
                if (p / "notice.json").is_file()]
    notice = json.loads((folder / "notice.json").read_text(encoding="utf-8"))
    assert notice["subject"] == "Notre document « Privacy Statement » change le 20 décembre 2024"
    text = " ".join(notice["text"].split())  # wrapped at 72 characters, as mail is
    assert "La nouvelle version entre en vigueur le 20 décembre 2024." in text
    assert "Jusqu’au 20 décembre 2024, la version actuelle s’applique." in text
    assert "Ce qui change" in notice["html"] and "What changes" not in notice["html"]
    feed = (site / "feed-privacy.xml").read_text(encoding="utf-8")  # and its feed
    assert "<title>Privacy Statement\u00a0: versions et modifications</title>" in feed
    assert "(modification substantielle)" in feed and "En vigueur le 2024-12-20." in feed
    assert "material change" not in feed
    # the redline's own words too; the rules' reasons are English, and say so to a screen
    # reader, and a variable's values are the site's own text
    redline = (folder / "index.html").read_text(encoding="utf-8")
    for said in ('<p class="lx-summary">1 modification, 1 substantielle.</p>',
                 "<summary>Sans changement : Introduction</summary>",
                 '<span class="lx-status">(modifiée)</span>', ">Substantielle</span> "
                 '<span class="lx-kind">modifiée</span> <span class="lx-reason" lang="en">A '
                 "duration changed", '<ul class="lx-vars"><li>retention.web_logs: 90 days',
                 '<span class="lx-sr">[supprimé: </span>90'):
        assert said in redline, said
    assert "Unchanged" not in redline and "[deleted" not in redline
    # the site-wide feed's link in every page's head, which the theme's template writes
    assert ('href="../../../feed.xml" title="Tous les documents juridiques\u00a0: versions '
            'et modifications"') in redline


def test_a_pdf_is_printed_in_the_sites_language_and_english_keeps_its_key() -> None:
    """A PDF is a permanent copy readers keep: its heading and footer are in the site's
    language, and its language is part of what it is made from (its cache key). An
    English PDF is made, and keyed, as it was before, so a published one is found again
    in the publication record."""
    from lexdocs.publish.pdf import cache_key
    from lexdocs.publish.pdfprint import pdf_html

    made = {"title": "Politique <b>", "version_id": "2024-09-01",
            "last_updated": "1 septembre 2024", "effective": "1 septembre 2024",
            "body_html": "<h2>A</h2><p>Texte.</p>", "source_url": "https://x.org/legal/p/"}
    french = pdf_html(**made, language="fr")
    assert '<html lang="fr">' in french and "Dernière mise à jour\u00a0: 1 septembre" in french
    assert "Cette copie a été imprimée depuis <a href=" in french
    assert "Last Updated" not in french and "Politique &lt;b&gt;" in french
    english = pdf_html(**made)
    assert '<html lang="en">' in english and "Last Updated: 1 septembre 2024" in english
    assert cache_key(**made, language="fr") != cache_key(**made)
