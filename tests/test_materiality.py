"""The materiality table: each row is a change a lawyer has an opinion about.

Rows are (old, new, material, words the reason must contain). The reason is
checked as well as the verdict, because a verdict without the right reason
cannot be defended when a user asks why no notice was sent.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lexdocs.review import lexicon, surface
from lexdocs.review.materiality import (
    classify,
    classify_structure,
    document_words,
    is_misspelling_fix,
)
from lexdocs.review.spelling import is_known, is_spelling_variant
from tests.conftest import property_settings

PROVIDERS = "We share data with providers such as Google and Amazon AWS"
DATA = "We collect your name, email address and IP address."
RIGHTS = "You have the right to access, the right to erasure and the right to portability."

CASES: list[tuple[str, str, bool, str]] = [
    # Small but material.
    ("We keep web logs for 90 days.", "We keep web logs for 180 days.", True,
     "a duration changed (90 days → 180 days)"),
    ("We keep logs for one year.", "We keep logs for two years.", True, "a duration changed"),
    ("We do not sell your personal information.", "We sell your personal information.", True,
     "a negation was removed ('not')"),
    ("You may opt out of analytics.", "You may not opt out of analytics.", True,
     "a negation was added ('not')"),
    ("You can opt out of analytics.", "You can't opt out of analytics.", True,
     "a negation was added ('can't')"),
    ("We share data with partners.", "We never share data with partners.", True,
     "a negation was added ('never')"),
    ("We process data with your consent.", "We process data without your consent.", True,
     "a negation was added ('without')"),
    ("Write to privacy@chatlio.com.", "Write to legal@chatlio.com.", True,
     "an email address changed (privacy@chatlio.com → legal@chatlio.com)"),
    ("See https://chatlio.com/privacy for details.", "See https://chatlio.com/legal for details.",
     True, "a web address changed"),
    (f"{PROVIDERS}.", f"{PROVIDERS} and Segment.", True, "a third party was added (Segment)"),
    ("We share data with Google.", "We share data with Google and Amazon AWS.", True,
     "a third party was added (Amazon AWS)"),
    ("We share data with Google and Segment.", "We share data with Google.", True,
     "a third party was removed (Segment)"),
    (DATA, DATA.replace(" and IP address", ", IP address and precise location"), True,
     "a category of personal data was added (precise location)"),
    ("We collect your name.", "We collect your name and biometric data.", True,
     "a category of personal data was added (biometric)"),
    ("We use your data to provide the service.",
     "We use your data to provide the service and for advertising.", True,
     "a purpose was added (advertising)"),
    ("We use data for analytics.", "We use data for analytics and profiling.", True,
     "a purpose was added (profiling)"),
    ("We never sell data.", "We never sale data.", True, "a purpose changed (sell → sale)"),
    (RIGHTS, RIGHTS.replace(" the right to erasure and", ""), True,
     "a right was removed (erasure)"),
    ("You may object.", "You may object or withdraw your consent.", True,
     "a right was added (withdraw consent)"),
    ("This statement is effective September 1, 2024.",
     "This statement is effective October 1, 2024.", True,
     "a date changed (September 1, 2024 → October 1, 2024)"),
    ("Up to 5 people see it.", "Up to 6 people see it.", True, "a number changed (5 → 6)"),
    ("It costs 1.5 dollars.", "It costs 15 dollars.", True, "a number changed"),
    ("Our office is at 123 Main Street, Seattle, WA 98101.",
     "Our office is at 500 Pine Street, Seattle, WA 98101.", True, "a postal address changed"),
    ("Effective Sept. 1, 2024. We keep logs.", "Effective Sept. 2, 2024. We keep logs.", True,
     "a date changed (Sept. 1, 2024 → Sept. 2, 2024)"),
    ("We use Google. " * 3 + "We keep logs for 90 days.",
     "We use Google. " * 3 + "We keep logs for 180 days.", True,
     "Material: a duration changed (90 days → 180 days)."),
    # The issue's own examples: real words are never a typo; recipients in any case.
    ("We may retain voice recordings.", "We may retrain voice recordings.", True,
     "the wording changed ('retain' → 'retrain')"),
    ("We disclose claims data to service providers.",
     "We disclose claims data to service providers.\n\nInsurers: we also disclose claims data.",
     True, "a third party was added (insurers)"),
    ("We do not sell your data.", "We do not sell your data, but we share it with data brokers.",
     True, "a third party was added (data brokers)"),
    ("We share your profile with recruiters.",
     "We share your profile with recruiters and dating services.", True,
     "a third party was added (dating services)"),
    ("We disclose data if required by law.",
     "We disclose data if required by law or in connection with a merger.", True,
     "a ground for disclosure was added (merger)"),
    ("We delete your data when you close your account.",
     "We delete your data when you close your account, unless you owe us money.", True,
     "a condition was added ('unless you owe us money')"),
    ("We send newsletters, surveys and product updates.",
     "We send newsletters and product updates.", True, "a list item was removed ('surveys')"),
    ("We keep logs.", "We keep server logs.", True,
     "Material: the wording changed (added 'server')."),
    ("We keep logs.", "We store logs.", True, "the wording changed ('keep' → 'store')"),
    ("We keep logs.", "We keep logs. We also keep backups.", True,
     "a sentence was added ('We also keep backups')"),
    # Not material.
    ("We use “cookies” and similar technologies.", 'We use "cookies" and similar technologies.',
     False, "only quote style changed"),
    ("We don’t sell data.", "We don't sell data.", False, "only quote style changed"),
    ("Send an e-mail to us.", "Send an email to us.", False, "only punctuation changed"),
    ("We  use cookies.", "We use cookies.", False, "only white space changed"),
    ("First paragraph.\n\nSecond paragraph.", "First paragraph. Second paragraph.", False,
     "only white space changed"),
    ("We use cookies and similar Technogies.", "We use cookies and similar technologies.", False,
     "a misspelling was corrected (Technogies → technologies)"),
    ("We will recieve your request.", "We will receive your request.", False,
     "a misspelling was corrected (recieve → receive)"),
    ("We operate in the US only.", "We operate in the U.S. only.", False,
     "only punctuation changed"),
    ("We Use Cookies.", "We use cookies.", False, "only letter case changed"),
    # a sign that is no word (a scraped page's "↵", Badoo's; a "®")
    ("a hashed version of your email address. ↵", "a hashed version of your email address.",
     False, "only white space and punctuation changed"),
    ("Acme® Cloud keeps it.", "Acme Cloud keeps it.", False, "only punctuation changed"),
    ("The organisation that runs it.", "The organization that runs it.", False,
     "British and American spelling (organisation → organization)"),
    # Snap's privacy policy: "our" before a suffix other than the ones first listed
    ("We use your city, neighborhood, and region.", "We use your city, neighbourhood, and "
     "region.", False, "British and American spelling (neighborhood → neighbourhood)"),
    # Hily's terms, as archived: a single l the American doubles
    ("It relates to the fulfilment of your obligations.",
     "It relates to the fulfillment of your obligations.", False,
     "British and American spelling (fulfilment → fulfillment)"),
    ("You pay in instalments we fulfil.", "You pay in installments we fulfill.", False,
     "British and American spelling"),
    # WeTransfer's "pseudonymisation", a word of the trade the word list lacks, was "the
    # wording changed"; "advize" is no spelling of "advise" (its stem is too short)
    ("We use pseudonymisation, encryption and tokenised keys.",
     "We use pseudonymization, encryption and tokenized keys.", False,
     "British and American spelling (pseudonymisation → pseudonymization, tokenised → "
     "tokenized)"),
    ("We anonymise it to advise you.", "We anonymize it to advize you.", True,
     "the wording changed ('advise' → 'advize')"),
    ("We do nto sell data.", "We do not sell data.", False,
     "a misspelling was corrected (nto → not)"),
    ("We are a independent company.", "We are an independent company.", False,
     "only an article changed (a, an)"),
    ("Identity & Access", "Identity and access", False, "only letter case and punctuation"),
    ("We use cookies, pixels and logs", "We use cookies, pixels, and logs.", False,
     "only punctuation changed"),
    ("We hold 1,000 records.", "We hold 1000 records.", False, "only punctuation changed"),
    # A verb put in agreement with a subject that did not change (Balanced's agreement).
    ("Seller understand that Acme may hold funds.", "Seller understands that Acme may hold "
     "funds.", False, "a verb put in agreement with its subject (understand → understands)"),
    ("The Seller have the right to object.", "The Seller has the right to object.", False,
     "a verb put in agreement with its subject (have → has)"),
    # a verb no noun is spelt as, whatever follows it (GitHub's corporate terms)
    ("For this Section, the Service include open source components.", "For this Section, "
     "the Service includes open source components.", False,
     "a verb put in agreement with its subject (include → includes)"),
    # ... but not another subject, nor a number of things.
    ("Merchants have the right to object.", "Merchant has the right to object.", True,
     "the wording changed"),
    ("We keep the cookie that you set.", "We keep the cookies that you set.", True,
     "the wording changed"),
    # Markdown's bold markers shown as text when they do not close ("**Amendments: **"):
    # the same words, as a reader reads them.
    ("Amendments: We may amend this agreement.", "**Amendments: ** We may amend this "
     "agreement.", False, "only white space and punctuation changed"),
    ("The Cookies section applies.", "The “cookies” section applies.", False,
     "quote style, letter case and punctuation"),
    ("No change here.", "No change here.", False, "no visible change"),
]


@pytest.mark.parametrize(("old", "new", "material", "reason"), CASES,
                         ids=[f"{i:02d}-{c[3][:30]}" for i, c in enumerate(CASES)])
def test_classify(old: str, new: str, material: bool, reason: str) -> None:
    v = classify(old, new, section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    got, why = v.material, v.reason
    assert (got, reason in why) == (material, True), why
    assert why.startswith("Material: " if material else "Not material: ")


def test_declared_section_wins_but_the_reason_says_what_was_seen() -> None:
    v = classify("Kept 90 days.", "Kept 180 days.", section_material=False,
                 variables_changed=(), immaterial_vars=frozenset())
    assert (v.material, v.rule, v.also) == (
        False, "section-not-material", (("duration-changed", ("90 days", "→", "180 days")),))
    assert v.reason == ("Not material: section declared not material "
                        "(note: a duration changed (90 days → 180 days)).")
    v = classify("We keep logs.", "We keep server logs.", section_material=False,
                 variables_changed=(), immaterial_vars=frozenset())
    assert (v.material, v.reason) == (False, "Not material: section declared not material "
                                      "(note: the wording changed (added 'server')).")


def test_change_only_from_an_immaterial_variable_is_not_material() -> None:
    values = {"support.hours": ("9am to 5pm", "8am to 6pm")}
    v = classify("Support: 9am to 5pm.", "Support: 8am to 6pm.", section_material=True,
                 variables_changed=["support.hours"],
                 immaterial_vars=frozenset({"support.hours"}), values=values)
    assert (v.material, v.rule, v.evidence) == (False, "immaterial-variable", ("support.hours",))


def test_immaterial_variable_does_not_hide_other_edits() -> None:
    values = {"support.hours": ("9am to 5pm", "8am to 6pm")}
    v = classify("Support: 9am to 5pm. We sell data.",
                 "Support: 8am to 6pm. We do not sell data.", section_material=True,
                 variables_changed=["support.hours"],
                 immaterial_vars=frozenset({"support.hours"}), values=values)
    assert v.material and v.rule == "negation-added" and "8am" not in v.reason


def test_material_variable_is_named_when_no_rule_says_more() -> None:
    v = classify("We answer in the mornings.", "We answer in the evenings.",
                 section_material=True, variables_changed=["support.hours"],
                 immaterial_vars=frozenset())
    assert (v.material, v.rule, v.reason) == (
        True, "variable-changed", "Material: the value of support.hours changed.")
    v = classify("Controller: Chatlio.", "Controller: Roomlio.", section_material=True,
                 variables_changed=["company.name"], immaterial_vars=frozenset())
    assert (v.material, v.reason) == (
        True, "Material: a third party changed (Chatlio → Roomlio).")


@pytest.mark.parametrize(("old", "new", "fix"), [
    ("recieve", "receive", True), ("technogies", "technologies", True),
    ("adress", "address", True), ("seperate", "separate", True),
    ("teh", "the", True), ("nevr", "never", True), ("acessed", "accessed", True),
    ("subprocesor", "subprocessor", True), ("analytcs", "analytics", True),
    ("sell", "sale", False), ("processor", "processors", False), ("may", "many", False),
    ("affect", "effect", False), ("from", "form", False), ("complement", "compliment", False),
    ("never", "nevr", False), ("personal", "personnel", False), ("share", "shared", False),
    ("retain", "retrain", False), ("build", "built", False), ("Acme", "Acne", False),
    ("technogies", "technical", False), ("ot", "to", False),
])
def test_misspelling_needs_an_unknown_word_made_a_known_one(old: str, new: str,
                                                             fix: bool) -> None:
    assert is_misspelling_fix(old, new) is fix


def test_the_word_list_is_real_english_and_ours() -> None:
    assert all(map(is_known, ["receive", "retrain", "insurers", "GDPR", "subprocessors",
                              "analytics", "organisation", "behaviour", "company's"]))
    assert not any(map(is_known, ["recieve", "technogies", "adress", "seperate"]))
    assert is_spelling_variant("licence", "license")
    assert not is_spelling_variant("sale", "sell")


def test_verdicts_travel_with_redline_changes_into_json() -> None:
    import json

    from lexdocs.review.formats import to_json
    from lexdocs.review.redline import diff_documents
    from tests.test_redline import render

    old = render([("s", "Sharing", "We share data with partners.")])
    new = render([("s", "Sharing", "We share data with partners and data brokers.")])
    red = diff_documents(old, new)
    (change,) = json.loads(to_json(red))
    assert (change["material"], change["rule"], change["evidence"]) == (
        True, "recipient-added", ["data brokers"])
    assert (change["evidence_old"], change["evidence_new"]) == ([], ["data brokers"])
    assert change["reason"] == ("Material: a third party was added (data brokers); "
                                "a list item was added ('data brokers').")


def test_structure() -> None:
    v = classify_structure("added", section_material=True)
    assert (v.material, v.rule, v.reason) == (True, "section-added",
                                              "Material: the section was added.")
    v = classify_structure("removed", section_material=False)
    assert (v.material, v.rule) == (False, "section-not-material")
    assert v.reason == ("Not material: section declared not material "
                        "(note: the section was removed).")
    v = classify_structure("moved", section_material=True, detail=" (2 → 4)")
    assert (v.material, v.reason) == (
        False, "Not material: the section moved (2 → 4); its words did not change.")


_PROSE = st.lists(st.sampled_from(str.split(
    "we collect use share your data with partners for advertising days not never the a of "
    "email address Google 90 30 rights access erasure if unless may must to and or")),
    min_size=3, max_size=25).map(" ".join)


@property_settings(150)
@given(_PROSE, st.data())
def test_formatting_alone_is_never_material(text: str, data: st.DataObject) -> None:
    """Case, quotes, white space and a trailing stop change how a text looks, not what it
    says: whatever the words, the verdict is `formatting`."""
    changed = text
    if data.draw(st.booleans()):
        changed = changed.upper()
    if data.draw(st.booleans()):
        changed = changed.replace(" ", "  ")
    if data.draw(st.booleans()):
        changed = f"“{changed}”"
    if data.draw(st.booleans()):
        changed += "."
    v = classify(text, changed, section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert (v.material, v.rule) == ((False, "formatting") if changed != text else
                                    (False, "no-change")), v.reason


@property_settings(150)
@given(_PROSE, st.sampled_from(["not", "never", "unless we must", "90 days",
                                "with data brokers", "privacy@example.org"]))
def test_adding_a_material_fact_is_always_material(text: str, fact: str) -> None:
    v = classify(text, f"{text} {fact}", section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert v.material and v.rule != "wording-changed", v.reason


def test_the_word_list_loads_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The English word list ships inside its package: no socket is opened to load it."""
    import socket

    from lexdocs.review import spelling

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the word list tried to use the network")

    spelling._dictionary.cache_clear()
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert spelling.is_known("receive") and not spelling.is_known("recieve")
    assert len(spelling._dictionary()) > 100_000


def _judge(old: str, new: str, home: str = "") -> tuple[bool, str, str]:
    v = classify(old, new, section_material=True, variables_changed=(),
                 immaterial_vars=frozenset(), home=home)
    return v.material, v.rule, v.reason


def _reason(old: str, new: str, home: str = "") -> str:
    return _judge(old, new, home)[2]


# Findings of issue 21 on real histories: what a reason quotes must be true.
def test_places_and_acronyms_are_not_third_parties() -> None:
    old = ("Laws in some US states, including California, Colorado, Connecticut, Utah, and "
           "Virginia, require us to provide residents with additional information.")
    _, rule, reason = _judge(old, old.replace(
        " states, including California, Colorado, Connecticut, Utah, and Virginia,", " states"))
    assert "third party" not in reason and rule != "recipient-removed"
    _, _, reason = _judge("We may collect IP addresses.",
                          "We may collect VPN usage and IP addresses.")
    assert "third party" not in reason and "VPN" in reason
    # the GDPR's names for the EU and its states (fortrabbit's rights of data subjects)
    for added in ("It is required by Union law.", "It is required by the law of the Member "
                  "States.", "See Article 3 of Regulation (EC) 45/2001."):
        _, _, reason = _judge("We keep it.", f"We keep it. {added}")
        assert "third party" not in reason, reason


def test_names_and_addresses_in_other_alphabets_are_quoted_whole() -> None:
    """fortrabbit's privacy statement moved office, "Görlitzer Str 52 10997 Berlin" to
    "Glogauer Str. 24 10999 Berlin": the reason said "a third party changed (GmbH G → …)",
    a name cut at its "ö", and "a number changed". A name is read in any alphabet, and a
    street address as Germany and the Netherlands write it is an address."""
    _, rule, reason = _judge("fortrabbit GmbH Görlitzer Str 52 10997 Berlin",
                             "fortrabbit GmbH Glogauer Str. 24 10999 Berlin")
    assert rule == "postal-address-changed" and "third party" not in reason
    assert "Görlitzer Str 52 10997 Berlin → Glogauer Str. 24 10999 Berlin" in reason
    # the street word after a hyphen, a building's part after the number (Parler's German
    # address, whose town and hall were "a third party was added (Halle, Köln, …)")
    _, rule, reason = _judge("Plano Address: 5700 Tennyson Pkwy Plano, TX 75024",
                             "Plano Address: 5700 Tennyson Pkwy Plano, TX 75024\n\nGerman "
                             "Address:  \nMiOM Kreativraum e.V.  \nWilhelm-Mauser-Straße 47, "
                             "Halle 5  \n50827 Köln")
    assert rule == "postal-address-added", reason
    assert "(Wilhelm-Mauser-Straße 47, Halle 5 50827 Köln)" in reason
    assert "a third party was added (MiOM Kreativraum e.V.)" in reason
    # a Swiss address, its town before its postcode, then with a post-office box; an Irish
    # one to its Eircode; an address line's label is no word of the name above it (X's)
    _, rule, reason = _judge("X Switzerland GmbH Attn: DPO, Bolligenstrasse 18 Bern, 3006, "
                             "SWITZERLAND", "X Switzerland GmbH Attn: DPO, Normannenstrasse 8 "
                             "Postfach 783 3018 Bern, SWITZERLAND")
    assert rule == "postal-address-changed" and "third party" not in reason, reason
    _, rule, reason = _judge("More.", "Twitter International Unlimited Company Attn: Data "
                             "Protection Officer, One Cumberland Place, Fenian Street, "
                             "Dublin 2, D02 AX07 IRELAND. More.")
    assert "a postal address was added (One Cumberland Place, Fenian Street, Dublin 2, D02 " \
        "AX07)" in reason, reason
    assert "a third party was added (Twitter International Unlimited Company)" in reason
    # nor the first word of the next line, a sentence's (Meta's terms: "Network Enforcement
    # Act ("NetzDG") To learn about …" was a third party, a law)
    _, rule, reason = _judge('Network Enforcement Act ("NetzDG”) To learn about the NetzDG, '
                             "visit our page.\n\nMore.", "More.")
    assert "third party" not in reason, reason
    # nor a word after a date, where a copy ran the next line on (Meta's terms: "…Revision:
    # July 5, 2023 Date of Last Revision" was "a third party was added (Date)"); a name of
    # two words there, or one no English word spells, still is one
    _, rule, reason = _judge("More.", "More. Revised: July 5, 2023 Date of Last Revision "
                             "follows.")
    assert "third party" not in reason, reason
    for name in ("Acme Corp", "Twilio"):
        _, rule, reason = _judge("More.", f"More. Since July 5, 2023 {name} receives it.")
        assert f"a third party was added ({name})" in reason, reason
    # nor the line under it that says where the company sits, and the person an imprint
    # names as entitled to act for it is the company speaking (Meta's terms: "Authorized
    # representative: Gareth Lambe  \nRegistered in Ireland" was "a third party was
    # removed (Gareth Lambe Registered)")
    _, rule, reason = _judge("Authorized representative: Gareth Lambe Registered in Ireland "
                             "(Companies Registration Office)\n\nMore.", "More.")
    assert "third party" not in reason, reason
    _, rule, reason = _judge("More.", "More. We share it with Acme Holdings Registered in "
                             "Ireland.")
    assert "a third party was added (Acme Holdings)" in reason, reason
    # a law's section is no house number, and an address ends before the label of the line
    # after it (Meta's imprint: "§ 20 UrhDaG for service in court" and "4 Grand Canal
    # Square, Dublin 2, Ireland Authorized representative" were postal addresses)
    _, rule, reason = _judge("The authorised recipient in accordance with § 20 UrhDaG for "
                             "service in court proceedings is: Acme GmbH, Feldmühleplatz 1, "
                             "40545 Düsseldorf.\n\nMeta Platforms Ireland Limited, 4 Grand "
                             "Canal Square, Dublin 2, Ireland Authorized representative: Gareth "
                             "Lambe\n\nMore.", "More.")
    assert "a postal address was removed (4 Grand Canal Square, Dublin 2, Ireland; " \
        "Feldmühleplatz 1, 40545 Düsseldorf)" in reason, reason
    # nor does an address line open with the office a letter is for, its line run on
    _, rule, reason = _judge("More.", "More. Twitter International Unlimited Company Attn: "
                             "Data Protection Officer One Cumberland Place, Fenian Street "
                             "Dublin 2, D02 AX07 IRELAND")
    assert "(One Cumberland Place, Fenian Street Dublin 2, D02 AX07)" in reason, reason
    _, rule, reason = _judge("GitHub BV, Vijzelstraat 68-72, 1017 HL Amsterdam.",
                             "GitHub BV, Vijzelstraat 70, 1017 HL Amsterdam.")
    assert rule == "postal-address-changed", reason
    _, rule, reason = _judge("We share data with Société Générale.",
                             "We share data with Société Générale and Müller Logistik GmbH.")
    assert rule == "recipient-added" and "(Müller Logistik GmbH)" in reason, reason


def test_an_address_written_a_line_a_paragraph_is_one_address() -> None:
    """Threads' privacy policy, as archived, writes Meta's address a line a paragraph,
    each line ending in a comma: "a postal address was added (D04 X2K5)", its Eircode
    alone. Lines that end in a comma and go on in a short one are one address; a list
    broken over paragraphs is not made one. Committed text is untrusted: read in linear
    time."""
    from lexdocs.review.typed import typed
    from tests.scaling import LINEAR, growth

    old = "The data controller is Meta Platforms Ireland Limited."
    new = old + ("\n\nMeta Platforms Ireland, Ltd\n\nMERRION ROAD,\n\nDUBLIN 4,\n\n"
                 "D04 X2K5,\n\nIRELAND")
    _, rule, reason = _judge(old, new)
    assert rule == "postal-address-added" and "(MERRION ROAD, DUBLIN 4, D04 X2K5)" in reason, (
        reason)
    for hostile in ("a,\n\n", ",\n\n1 ", "Road 1,\n\n"):
        assert growth(lambda n, h=hostile: lambda: typed(h * n, set()), 5_000,
                      tries=2) < LINEAR, hostile


def test_a_street_line_alone_goes_on_in_the_next_and_lower_case_words_are_no_street() -> None:
    """Palantir's privacy policy writes its addresses a line a paragraph, with no commas:
    "1200 17th Street" over "Denver, CO 80202", "Marienstraße 15" over "60329 Frankfurt
    am Main": "a third party was added (Street)". A line that is a street and its number
    goes on in the next short line, and a street may be numbered ("17th"). The words of a
    street's name are capitalised: "within 30 days in the same way" (a street word,
    "way", after a figure) was read as an address."""
    from lexdocs.review.typed import typed
    from tests.scaling import LINEAR, growth

    old = "Write to us."
    _, rule, reason = _judge(old, old + "\n\n1200 17th Street\n\nDenver, CO 80202")
    assert rule == "postal-address-added" and "(1200 17th Street, Denver, CO 80202)" in (
        reason), reason
    found = _judge(old, old + "\n\nMarienstraße 15\n\n60329 Frankfurt am Main\n\nGermany")[2]
    assert "postal address was added (Marienstraße 15, 60329 Frankfurt am Main)" in found, found
    assert "third party" not in found, found  # "Main" of the town's name
    assert not typed("We delete it within 30 days in the same way.", set())[0][
        "postal-address"]
    assert not typed("We keep 2 copies in a safe place.", set())[0]["postal-address"]
    for hostile in ("1 A Street\n\n", "Astraße 1\n\n", "1 1st 1st 1st 1st\n\n",
                    "Astraße 1 12345 B am C "):
        assert growth(lambda n, h=hostile: lambda: typed(h * n, set()), 5_000,
                      tries=2) < LINEAR, hostile


def test_nouns_of_a_policy_in_another_language_are_not_third_parties() -> None:
    """German writes every noun with a capital, and capitals are how a name is found: each
    edit of fortrabbit's German privacy statement quoted "third parties" such as
    "Abkommens, Aktivierung, Ausnahmefällen, …". Text that is not English names nobody
    by its capitals; an English sentence still does."""
    old = "Die Verarbeitung erfolgt auf Grundlage Ihrer Einwilligung gemäß der Verordnung."
    material, rule, reason = _judge(old, old + " Eine Weitergabe der Daten an Dritte "
                                    "findet im Rahmen der Aktivierung nicht statt.")
    assert material and "third party" not in reason, reason
    _, rule, reason = _judge("We share data with Acme.", "We share data with Acme and Globex.")
    assert rule == "recipient-added" and "Globex" in reason
    # a sentence that is mostly processors' names is English still: few of them are words
    names = "Hubspot, Pipedrive, Zendesk, Freshdesk, Mixpanel"
    _, rule, reason = _judge(f"We use {names} and Amplitude.",
                             f"We use {names}, Braze, Klaviyo and Amplitude.")
    assert rule == "recipient-added" and "(Braze, Klaviyo)" in reason, reason
    _, _, reason = _judge("Stand: Juni 2021", "Stand: Februar 2024")  # a month, in German
    assert "third party" not in reason, reason


def test_a_text_saved_in_another_language_names_no_third_party() -> None:
    """Open Terms Archive saved Badoo's policy once in French, then in English again:
    "Bienvenue, Elle, Politique, Utilisation" were third parties removed, and the title
    "Politique de confidentialité de Badoo" → "Badoo Privacy Policy" one more. Each side
    must read as English for capitals to name anyone; a title is told by its words in
    lower case, too few for its glue words to say."""
    old = ("Bienvenue dans la Politique de confidentialité de Badoo (« Politique »). Elle "
           "vous explique comment nous collectons, stockons, protégeons et partageons vos "
           "informations. Nous vous suggérons de lire ceci avec nos Conditions Générales "
           "d'Utilisation.")
    new = ("Welcome to the Badoo Privacy Policy (“Policy”)! This explains how we collect, "
           "store, protect and share your information. We suggest you read this with our "
           "Terms and Conditions of Use.")
    for a, b in ((old, new), (new, old),
                 ("Politique de confidentialité de Badoo", "Badoo Privacy Policy"),
                 # a glue word the English list knows too ("pour") is still French
                 ("Données pour Annonceurs", "Data for Advertisers")):
        _, _, reason = _judge(a, b)
        assert "third party" not in reason, reason
    # an English title still names who is added
    assert _judge("Our processors: Hubspot", "Our processors: Hubspot, Klaviyo")[1] == (
        "recipient-added")


def test_own_products_listed_are_not_third_parties() -> None:
    old = "Our other products and services (for example, Jetpack, Gravatar and Akismet); and"
    _, _, reason = _judge(old, old.replace("Gravatar and", "Gravatar, MailPoet and"))
    assert "third party" not in reason
    # Still a third party where data is handed over.
    assert _judge("We share data with Google.", "We share data with Google and Twilio.")[1] == (
        "recipient-added")


def test_the_services_we_provide_through_are_our_own_list() -> None:
    """"The services we provide through Acme.com, PollKit.com, and Spamstop" lists the
    organisation's own offerings as "our services (…)" does: one of its websites swapped
    there is what the policy covers, neither a link sent elsewhere nor a third party;
    services it only relies on are still others'."""
    from lexdocs.review.links import url_pairs

    old = ("This notice explains how we process information in connection with the services "
           "we provide through Acme.com, PollKit.com, and Spamstop.")
    new = old.replace("PollKit.com", "Voteline.com")
    assert url_pairs(old, new) == []
    assert _judge(old, new)[:2] == (False, "own-scope")
    other = "We share your data with the services we rely on, such as Acme.com and PollKit.com."
    assert _judge(other, other.replace("PollKit.com", "Voteline.com"))[:2] == (
        True, "recipient-changed")


def test_a_coined_name_the_text_also_writes_as_a_thing_is_no_third_party() -> None:
    """"Scribbleboard: standalone scribbleboards can be deleted" names a thing a reader
    makes (a product), not an organisation; a provider whose web address the text
    writes in lower case ("twilio.com") is still one."""
    old = "Wikis: delete the wiki from its settings."
    material, rule, reason = _judge(old, old + "\n\nScribbleboard: standalone scribbleboards "
                                    "can be deleted by clicking \"Delete scribbleboard\".")
    assert not material and "third party" not in reason and rule == "instructions-added"
    new = old + "\n\nWe share your phone number with Twilio (see twilio.com)."
    assert _judge(old, new)[1] == "recipient-added"


def test_a_fixed_misspelling_is_not_a_third_party_removed() -> None:
    old = "Third-rarty vendors: We may share information with third-party vendors."
    material, rule, reason = _judge(old, old.replace("rarty", "party"))
    assert (material, rule) == (False, "spelling-fix") and "rarty → party" in reason


def test_a_name_respelt_as_the_document_spells_it_elsewhere_is_a_spelling_fix() -> None:
    """GitHub's trade controls page mended "the separatist areas of Donetsk and Luhasnk"
    to "Luhansk", as its other paragraphs spelt it: "the wording changed". A word no
    dictionary knows, one edit from a word the document already had, is that word; a
    name the document did not have, or two real words, still are a change."""
    from lexdocs.review.materiality import document_words

    old = "GitHub is not available in the separatist areas of Donetsk and Luhasnk."
    new = old.replace("Luhasnk", "Luhansk")

    def judged(doc: str, a: str = old, b: str = new) -> tuple[bool, str]:
        v = classify(a, b, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset(),
                     known=(document_words(doc + " " + a), document_words(doc + " " + b)))
        return v.material, v.rule
    assert judged("Export: the regions of Donetsk and Luhansk.") == (False, "spelling-fix")
    assert judged("Export: the regions of Donetsk.")[0]
    assert judged("We retain it.", "We retain it.", "We retrain it.")[0]
    assert judged("Our vendors: Zendesk.", "We use Zendisk.", "We use Zendesk.") == (
        False, "spelling-fix")
    assert judged("Our vendors: Zendesk.", "We use Zendisk.", "We use Zendesks.")[0]


def test_a_defined_term_renamed_throughout_is_not_material() -> None:
    """GitHub's corporate terms (2024) renamed "Expert Services" "Professional Services",
    in its definition and at each use, and each was "the wording changed". Only when the
    old document defined the old term and the new one defines the new term instead; a
    use that says more, or a rename the definitions do not make, is still a change."""
    from lexdocs.review.materiality import document_words

    old_doc = ("“Expert Services” means training or consulting services that GitHub "
               "provides. Fees are paid for Expert Services.")
    new_doc = old_doc.replace("Expert", "Professional")
    known = (document_words(old_doc), document_words(new_doc))

    def judged(a: str, b: str, k: tuple[frozenset[str], frozenset[str]] = known
               ) -> tuple[bool, str, tuple[str, ...]]:
        v = classify(a, b, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset(), known=k)
        return v.material, v.rule, v.evidence
    use = "Fees are paid for Expert Services."
    assert judged(use, use.replace("Expert", "Professional")) == (
        False, "term-renamed", ("Expert Services → Professional Services",))
    assert judged(old_doc, new_doc)[:2] == (False, "term-renamed")
    assert judged(use, "Fees are paid for Professional Services and Support.")[0]
    assert judged(use, use.replace("Expert", "Professional"),
                  (document_words(old_doc), document_words(old_doc)))[0]
    assert judged(use, use.replace("Expert", "Professional"), (frozenset(), frozenset()))[0]


def test_an_amount_written_with_a_currency_code_for_its_sign_is_not_material() -> None:
    """"$100" → "USD 100" (and "€50" → "50 EUR") named the same amount, and was "the
    wording changed"; another figure is still a number changed."""
    assert _judge("The fee is $100 per year.", "The fee is USD 100 per year.") == (
        False, "figure-written-otherwise",
        "Not material: only how a figure is written changed, the same figure "
        "($100 → USD 100).")
    assert _judge("The fee is 50 EUR.", "The fee is €50.")[:2] == (
        False, "figure-written-otherwise")
    assert _judge("The fee is $100.", "The fee is USD 120.")[:2] == (True, "number-changed")
    assert _judge("The fee is £5.", "The fee is GBP 5 and more.")[0]
    from lexdocs.review.rewrites import _CODE_AMOUNT
    from tests.scaling import LINEAR, growth
    for hostile in ("1,", "1 ", "USD 1,"):
        assert growth(lambda n, h=hostile: lambda: _CODE_AMOUNT.findall(h * n),  # type: ignore[misc]
                      20_000, tries=2) < LINEAR


def test_a_condition_quoted_is_the_one_that_changed() -> None:
    old = "If you pay, we keep your card number, and we delete your logs."
    _, rule, reason = _judge(old, old.replace("logs.", "logs if you ask us to."))
    assert rule == "condition-added" and "'if you ask us to'" in reason
    assert "if you pay" not in reason


def test_a_line_of_the_policys_own_change_log_is_not_material() -> None:
    old = "Changes:\n\n_June 1, 2023_: Clarify cookie section."
    new = old + "\n\n_July 12, 2023_: Add new example of information shared with site owners."
    assert _judge(old, new)[:2] == (False, "changelog-entry")
    # A dated line that is not a log entry stays material.
    assert _judge("We keep logs.", "We keep logs.\n\nFrom July 12, 2023 we keep backups.")[0]


def test_a_change_log_entry_of_a_date_and_its_lines_is_not_material() -> None:
    """Telegram's privacy policy as archived keeps its log as a date alone, then what was
    done, each a paragraph ("October 26, 2021" ⏎ "Expanded 5.6. No Ads Based on User Data
    with information about sponsored messages in public channels."): each entry was
    "Material: a paragraph or list item was added ('October 26, 2021'; …)". A date alone,
    or one followed by anything but a line of what was done, may be when terms take
    effect, and stays material."""
    entry = ("October 26, 2021\n\nExpanded 5.6. No Ads Based on User Data with information "
             "about sponsored messages in public channels.")
    assert _judge("", entry) == (False, "changelog-entry", "Not material: a line of the "
                                 "policy's own change log was added (October 26, 2021).")
    two = ("**September 23, 2024**\n\nUpdated 8.3, see this post for more details\n\n"
           "**September 29, 2024**\n\n- Updated 10.4 to reflect the new default time period")
    assert _judge(entry, f"{two}\n\n{entry}")[:2] == (False, "changelog-entry")
    said = "August 21, 2026\n\nThe Privacy Policy was updated to describe geographic limits."
    assert _judge(entry, f"{said}\n\n{entry}")[:2] == (False, "changelog-entry")
    for not_logged in ("January 1, 2025", "January 1, 2025\n\nWe keep logs for a year.",
                       "January 1, 2025\n\nJanuary 2, 2025\n\nUpdated 8.3.",
                       "Updated 8.3 to keep logs for a year."):
        assert _judge("", not_logged)[0], not_logged


def test_a_change_logs_entries_are_read_in_linear_time() -> None:
    from lexdocs.review.ownhistory import log_entries
    from tests.scaling import LINEAR, growth
    for hostile in ("October 26, 2021\n\nUpdated 8.3.\n\n", "Updated ", "October 26, 2021 ",
                    "- Added\n\n", "The a a a a was "):
        assert growth(lambda n, h=hostile: lambda: log_entries("", h * n), 20_000,
                      tries=2) < LINEAR


def test_a_name_written_in_full_is_not_material() -> None:
    old = "Our other products (for example, Jetpack, Woo Shipping, Woo Tax, Gravatar); and"
    v = classify(old, old.replace("Woo", "WooCommerce"), section_material=True,
                 variables_changed=(), immaterial_vars=frozenset())
    assert (v.material, v.rule, v.evidence) == (False, "product-renamed",
                                                ("Woo", "→", "WooCommerce"))
    assert _judge("We use Acme Mail.", "We use Acme Post.")[0]


def test_wording_evidence_names_each_changed_run_as_written() -> None:
    v = classify("We keep logs and backups for you.", "We store logs and copies for you.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert v.evidence == ("keep", "backups", "→", "store", "copies")


def test_a_company_name_with_a_comma_is_one_recipient() -> None:
    """Issue 22: "Stripe, Inc. (payment processor) and Google Analytics" are two recipients,
    named whole; what the parentheses say of Stripe is no third recipient."""
    v = classify("We share data with Acme.", "We share data with Acme. We also share data with "
                 "Stripe, Inc. (payment processor) and Google Analytics.", section_material=True,
                 variables_changed=(), immaterial_vars=frozenset())
    assert (v.rule, v.evidence) == ("recipient-added", ("Google Analytics", "Stripe, Inc."))
    assert "(Google Analytics; Stripe, Inc.)" in v.reason and "purpose" not in v.reason
    v = classify("We share data with Acme.", "We share data with Acme and Foo Bar, LLC and "
                 "GitHub B.V. (our affiliate).", section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert v.evidence == ("Foo Bar, LLC", "GitHub B.V.")


def test_a_name_with_its_short_name_inside_is_quoted_as_written() -> None:
    """A name that defines its short name inside it ("Digital Advertising Bureau (DAB)
    Canada") is quoted as the reader sees it, and its words are the name's: its
    "Advertising" is no purpose added."""
    v = classify("We share data with Acme.", "We share data with Acme. We also work with the "
                 "Digital Advertising Bureau (DAB) Canada’s programme.", section_material=True,
                 variables_changed=(), immaterial_vars=frozenset())
    assert (v.rule, v.evidence) == ("recipient-added", ("Digital Advertising Bureau (DAB) Canada",))
    assert "purpose" not in v.reason


def test_evidence_has_old_and_new_values_not_an_arrow() -> None:
    from lexdocs.review.verdicts import evidence_fields

    v = classify("We keep web logs for 90 days.", "We keep web logs for 180 days.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert evidence_fields(v.rule, v.evidence) == {
        "evidence": ["90 days", "180 days"], "evidence_old": ["90 days"],
        "evidence_new": ["180 days"]}
    fix = classify("We will recieve it.", "We will receive it.", section_material=True,
                   variables_changed=(), immaterial_vars=frozenset())
    assert evidence_fields(fix.rule, fix.evidence)["evidence_old"] == ["recieve"]
    assert evidence_fields("recipient-removed", ("Acme",))["evidence_old"] == ["Acme"]
    assert evidence_fields("formatting", ("white space",))["evidence_new"] == []


def test_harmless_shapes_are_not_material() -> None:
    """Issue 21, ideas: headings, pointers, the organisation's own offerings listed."""
    own = "Our websites (including acme.com, acme.shop, and acme.blog);"
    assert _judge(own, own.replace("acme.shop,", "acme.shop, acme.cloud,"))[:2] == (
        False, "own-scope")
    assert _judge("Intro text.", "Removal of Content\n\nIntro text.")[:2] == (
        False, "heading-added")
    text = "We keep logs. For more information, see our help pages."
    assert _judge(text, "We keep logs.")[:2] == (False, "cross-reference-removed")
    assert _judge("We use Google to learn more.", "We use Google.")[0]  # not a pointer
    assert _judge("We keep logs.", "Google Analytics\n\nWe keep logs.")[0]  # a recipient
    assert _judge("We share data with Acme.", "We share data with Acme and Beta.")[0]
    assert _judge("It comes from.Learn more.", "It comes from. Learn more.")[:2] == (
        False, "formatting")


def test_pointers_headings_and_the_company_itself() -> None:
    assert _judge("Firefox Suggest", "Firefox Suggest and Top Pick")[:2] == (
        False, "heading-changed")
    assert _judge("We keep logs.", "We keep logs.\n\nWe're updating our Privacy Notice. "
                  "Click here to see the new version.")[:2] == (False, "cross-reference-added")
    assert _judge("We keep logs. Learn more about what is collected, and how to opt out.",
                  "We keep logs.")[:2] == (False, "cross-reference-removed")
    # A pointer that names a new address still changes where a reader is sent.
    assert _judge("We keep logs.", "We keep logs. See https://ads.example.net/x.")[0]
    old = "You have the same standard of protection as all our users at GitHub."
    assert "third party" not in _judge(
        old, old.replace("as all", "when using GitHub's products as all"))[2]


def test_a_line_listing_names_is_no_heading() -> None:
    """Short, capitalised and without a full stop, a line that lists names looks like a
    heading; a name put in or taken out there is a party, not a heading reworded."""
    for old, new in (("Our processors: Hubspot, Zendesk",
                      "Our processors: Hubspot, Zendesk, Braze"),
                     ("Hubspot, Zendesk", "Hubspot, Zendesk, Braze"),
                     ("Subprocessors: Stripe, Braze", "Subprocessors: Stripe")):
        material, rule, _ = _judge(old, new)
        assert material and rule.startswith(("recipient-", "list-item-")), (old, new, rule)
    # Topics listed stay a heading: the part below says what it says.
    assert _judge("Cookies and Pixels", "Cookies, Pixels and Tags")[:2] == (
        False, "heading-changed")
    assert _judge("Your Rights: Access and Deletion",
                  "Your Rights: Access, Deletion and Portability")[1] == "right-added"
    # one name among topics is a title (basecamp's index, renamed with its company)
    assert _judge("Basecamp Policies, Terms, and Legal Stuff",
                  "37signals Policies, Terms, and Legal Stuff")[:2] == (False, "heading-changed")


def test_a_pointer_is_where_to_read_not_what_is_done() -> None:
    """Sentences that only say where to look or how to follow the text (cross-reference):
    a pointer's own wording, and a generic noun or a platform in it, promise nothing."""
    old = "To see our notice to residents of California, please go to our CCPA notice."
    assert _judge(old, "To see our notice for U.S. Residents, please go to our U.S. notice."
                  )[:2] == (False, "cross-reference-changed")
    assert _judge("Of course, the summary below doesn't tell you everything, so please read on "
                  "for more details.", old)[:2] == (False, "cross-reference-changed")
    lst = "You can see a list of all subprocessors who handle personal data for Acme."
    assert _judge(lst, lst[:-1] + ", as well as a list of Company processors.")[:2] == (
        False, "cross-reference-changed")
    assert _judge("We keep logs.", "We keep logs.\n\nIf you want to be notified every time we "
                  "update this list, subscribe to our repository on GitHub. Here's how.")[:2] == (
        False, "cross-reference-added")
    # A statement beside the pointer, or one that hands data over, is judged as such.
    assert _judge(lst, lst + " We share them with Segment.")[0]
    assert _judge("We keep logs.", "We keep logs.\n\nIf you want to be notified, we share "
                  "your email address with Mailchimp.")[0]
    row = "You can see a list of providers. | | Cookies | We use tracking and analytics."
    assert _judge(row, row.replace("tracking and analytics", "strictly necessary cookies"))[0]


def test_own_offerings_swapped_or_an_own_alternative_dropped() -> None:
    """own-scope: a name in the list of the organisation's own websites swapped for another,
    or one of two of its own channels dropped, the other kept; not a third party's."""
    def judge(old: str, new: str) -> tuple[bool, str, str]:
        v = classify(old, new, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset(), home="https://acme.com/legal/")
        return v.material, v.rule, v.reason

    sites = "Our websites (including acme.com, polldaddy.com, and acme.blog);"
    assert judge(sites, sites.replace("polldaddy", "crowdsignal"))[:3] == (
        False, "own-scope", "Not material: only the organisation's own offerings listed "
        "changed (polldaddy.com → crowdsignal.com).")
    ask = "You may contact Acme Support or Acme Premium Support to request erasure."
    assert judge(ask, ask.replace(" or Acme Premium Support", ""))[:2] == (False, "own-scope")
    # Someone else's channel dropped, an own entity added, a swap outside the list.
    assert judge(ask.replace("Acme Premium", "Zendesk"), ask.replace(
        " or Acme Premium Support", ""))[0]
    assert judge("Acme Inc. holds your data.", "Acme Inc. or Acme B.V. holds your data.")[0]
    shared = "We share data with partners (for example Polldaddy)."
    assert judge(shared, shared.replace("Polldaddy", "Crowdsignal"))[0]
    assert judge(sites, sites.replace("polldaddy.com,", "polldaddy.com, and we sell it,"))[0]


def test_examples_in_parentheses_and_the_document_naming_itself() -> None:
    """examples-changed: the examples an aside gives swapped, the sentence the same;
    document-named: "the Terms of Service" → "these Terms". Neither when what changed is
    a third party, a kind of data, another document or the statement itself."""
    pay = "If you pay fees to a site owner (for example via Recurring Payments), we keep it."
    assert _judge(pay, pay.replace("Recurring Payments", "the Pay with PayPal block"))[:2] == (
        False, "examples-changed")
    assert _judge(pay, pay.replace("Recurring Payments", "Stripe and Google"))[0]
    assert _judge(pay, pay.replace("via Recurring Payments", "your location"))[0]
    assert _judge(pay, pay.replace("keep it", "sell it"))[0]
    # "e.g." ends in a full stop: its aside was never read as examples.
    sent = "We receive it when you give it to us (e.g., when you send us reports from the app)."
    assert _judge(sent, sent.replace(" from the app", ""))[:2] == (False, "examples-changed")
    assert _judge(sent, sent.replace("reports", "your location"))[0]
    ask = "If you have a question about any of the Terms of Service, please contact us."
    title = document_words("Terms of Service. " + ask)  # the document's title names it

    def judge(new: str) -> tuple[bool, str, str]:
        v = classify(ask, new, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset(), known=(title, title))
        return v.material, v.rule, v.reason

    assert judge(ask.replace("the Terms of Service", "these Terms"))[:3] == (
        False, "document-named", "Not material: only the way the document names itself "
        "changed (the Terms of Service → these Terms).")
    assert judge(ask.replace("the Terms of Service", "our Cookie Policy"))[0]
    assert judge(ask.replace("the Terms of Service", "this Privacy Policy"))[0]
    assert judge(ask.replace("the Terms of Service", "the agreement"))[0]  # perhaps a partner's
    assert judge(ask.replace("the Terms of Service", "these Terms and our partners' terms"))[0]


def test_a_word_put_in_the_form_of_its_partner() -> None:
    """word-form: "build and maintained" → "built and maintained" is grammar; a tense or a
    number changed on its own is another statement."""
    assert _judge("Products build and maintained by Acme.",
                  "Products built and maintained by Acme.")[:3] == (
        False, "word-form", "Not material: a word put in the form of the word it is joined "
        "to (build → built).")
    assert _judge("We collect and process data.", "We collected and process data.")[0]
    assert _judge("We share data.", "We shared data.")[0]
    assert _judge("Our processor stores backups.", "Our processors stores backups.")[0]


def test_the_number_of_a_label_that_introduces_a_list() -> None:
    """label-number: "Our addresses are:" → "Our address is:" (what follows is judged where
    it is written); a plural anywhere else is scope (own-46)."""
    assert _judge("Our addresses are:", "Our address is:")[:3] == (
        False, "label-number", "Not material: only the number of a label that introduces a "
        "list changed (addresses are → address is).")
    assert _judge("Our processor stores backups.", "Our processors store backups.")[0]
    assert _judge("Our address is:", "Our addresses are: 1 Main St.")[0]


@pytest.mark.parametrize(("old", "new"), [
    # Anthropic's privacy policy as archived, its date printed in two locales by turns,
    # glued to a link's words ("[Previous Version](…)")
    ("Effective January 12, 2026Previous Version", "Effective 12 January 2026Previous Version"),
    ("These terms take effect on Sept. 1st, 2026.", "These terms take effect on 2026-09-01."),
])
def test_a_date_written_another_way_is_the_same_day(old: str, new: str) -> None:
    """"a date changed (January 12, 2026 → 12 January 2026)" and "a number was added
    (12)" said what is not so; another day, or other words beside it, still count."""
    material, rule, reason = _judge(old, new)
    assert (material, rule) == (False, "date-written-otherwise"), reason
    assert _judge("It applies from January 12, 2026.", "It applies from 13 January 2026.")[1] == (
        "date-changed")
    assert _judge("It applies from January 12, 2026.", "It applied until 12 January 2026.")[0]


def test_a_word_moved_past_another_is_quoted_with_it() -> None:
    """Meta's commercial terms as archived: "will apply only to disputes" → "will only
    apply to disputes" was "the wording changed ('apply' → 'apply')", the same word on
    both sides of the arrow, so a reader saw no change. ("only" moved past the word beside
    it is now `adverb-moved`, quoted the same way; another word moved is still wording.)"""
    _, rule, reason = _judge("Updates will apply only to disputes that arise later.",
                             "Updates will only apply to disputes that arise later.")
    assert rule == "adverb-moved" and "(apply only → only apply)" in reason, reason
    _, rule, reason = _judge("Updates will apply fully to disputes that arise later.",
                             "Updates will fully apply to disputes that arise later.")
    assert rule == "wording-changed" and "('apply fully' → 'fully apply')" in reason, reason
    # X's developer terms: "'only' → 'only'"
    _, rule, reason = _judge("You may use location data and geographic information only to "
                             "identify the location.", "You may only use location data and "
                             "geographic information to identify the location.")
    assert "'only' → 'only'" not in reason and "'use location" in reason, reason


def test_a_run_only_formatted_otherwise_is_not_quoted() -> None:
    """Basecamp's 2022 policy: "data — and" → "data—and" beside the words that changed
    was quoted as a change of wording, a change no reader sees."""
    _, rule, reason = _judge(
        "The privacy of your data — and it is yours — is our concern, and your rights to it.",
        "The privacy of your data—and it is yours—is our concern, and your rights with respect "
        "to it.")
    assert rule == "wording-changed" and "(added 'with respect')" in reason, reason
    assert "—" not in reason, reason


def test_one_harmless_change_in_two_sentences_is_said_once() -> None:
    """Google Play's policy put a permission's name in code in two sentences of one
    paragraph: "only quote style and punctuation changed; quote style and punctuation
    changed"."""
    old = ("Apps targeting Android 14 need USE_FULL_SCREEN_INTENT to show alerts. Apps are "
           "granted USE_FULL_SCREEN_INTENT only for calls and alarms.")
    _, rule, reason = _judge(old, old.replace("USE_FULL_SCREEN_INTENT",
                                              "`USE_FULL_SCREEN_INTENT`"))
    assert rule == "formatting" and reason.count("quote style") == 1, reason


def test_a_space_after_a_slash_is_white_space_and_a_web_address_keeps_its_slash() -> None:
    """Facebook's community standards as archived wrote "Photorealistic/digital" and
    "Photorealistic/ digital" by turns, each turn "Material: the wording changed": the
    space after the slash was read as a web address's trailing slash taken off."""
    assert _judge("Photorealistic/digital imagery is not allowed.",
                  "Photorealistic/ digital imagery is not allowed.")[1:] == (
        "formatting", "Not material: only white space changed.")
    assert _judge("See example.com/help/ for more.", "See example.com/help for more.")[1] == (
        "formatting")
    # and a long run of dots before a slash is read in linear time (a pattern for the
    # address's slash backtracked over every dot: 16 s for 500 of them)
    from tests.scaling import LINEAR, growth
    assert growth(lambda n: lambda: surface.same_words("a." * n + "/ x", "a." * n + "/x"),
                  20_000, tries=2) < LINEAR
    # TikTok's commercial terms as archived: "● TikTok" → "•TikTok", a bullet typed otherwise
    assert _judge("● TikTok may suspend your account.", "•TikTok may suspend your account.")[
        1] == "formatting"


def test_an_age_a_rule_sets_is_no_category_of_data() -> None:
    """Facebook's community standards as archived: "to users, ages 18 and older" → "to
    users aged 18 and older" was "a category of personal data was removed (age)". An age
    collected still is one."""
    _, _, reason = _judge("We limit it to users, ages 18 and older, with a label.",
                          "We limit it to users aged 18 and older, with a label.")
    assert "category" not in reason, reason
    assert "(age)" in _judge("We collect your name.", "We collect your name and age.")[2]


def test_an_age_in_years_is_no_duration() -> None:
    """TikTok's terms as archived added "under 14 years of age in Florida" to the users who
    may not sign up, and the review said "a duration was added (14 years)". An age is a
    figure; a time something is kept is still a duration."""
    material, _, reason = _judge("Users must be 13 years old.", "Users must be 16 years old.")
    assert material and "duration" not in reason and "(13 → 16)" in reason, reason
    assert "a duration changed (2 years → 3 years)" in _judge(
        "We keep logs for 2 years.", "We keep logs for 3 years.")[2]


def test_a_web_address_ends_where_its_brackets_say() -> None:
    """Instagram's privacy policy as archived ran an address into the next link's Markdown,
    and the review quoted "a web address was removed (…#7.subpage.9-EraseYourInformationYou)
    [)"; an address with a pair of brackets in it was cut before its last one."""
    reason = _judge("Erase it at https://example.com/printable/#erase)[) today.",
                    "Erase it today.")[2]
    assert "(https://example.com/printable/#erase)" in reason, reason
    reason = _judge("Read https://en.wikipedia.org/wiki/Cookie_(computing) first.",
                    "Read it first.")[2]
    assert "(https://en.wikipedia.org/wiki/Cookie_(computing))" in reason, reason


def test_a_date_a_label_gives_is_a_date_changed() -> None:
    """LINE's privacy policy: a new date under a label alone ("Effective date: …") was "the
    wording changed"; it is a date changed, and material unless it dates the text's own
    revision."""
    assert _judge("Effective date: November 12, 2024", "Effective date: March 19, 2025")[
        :2] == (True, "date-changed")


def test_a_condition_quoted_short_says_it_goes_on() -> None:
    """X's privacy policy put "If you live in the European Union, you may contact …" before
    its regulator: "a condition was added ('if you live in the')" quoted a clause that
    stopped at the place the reading sets aside, as if nothing followed. A quote cut
    short ends with "…"."""
    _, rule, reason = _judge(
        "You may complain to your local authority or to the Irish Data Protection Commission.",
        "You may complain to your local authority. If you live in the European Union, you "
        "may contact the Irish Data Protection Commission.")
    assert rule == "condition-added" and "('if you live in the …')" in reason, reason


def test_a_notes_mark_is_no_figure() -> None:
    """Instagram's privacy policy as archived put its notes' marks back after the words
    they annotate ("legal requests[60]", "Learn more[9]"), and each version was "a number
    was added (60)". A mark is punctuation; a figure in brackets in a sentence still
    counts."""
    assert _judge("We respond to legal requests.", "We respond to legal requests[60].")[
        :2] == (False, "formatting")
    assert _judge("We keep it for [30] days.", "We keep it for [60] days.")[:2] == (
        True, "number-changed")
    # after a sentence's stop and a space (Meta's privacy policy: "What Products does this
    # Policy cover? [1]", a mark that taking out was "a number was removed (1)")
    assert _judge("What Products does this Policy cover? [1] Learn more.",
                  "What Products does this Policy cover? Learn more.")[:2] == (
        False, "formatting")


def test_a_category_named_in_full_or_shortened_is_one_category() -> None:
    """Meta's commercial terms as archived: "including name and email address" →
    "including name, business name, and email" was "a category of personal data changed
    (email address → email)"; the words' change is the wording's. A category added
    beside one kept still counts."""
    notice = ("Notices may be sent via email or mail or in your account with us. You will keep "
              "your contact information current, including ")
    _, rule, reason = _judge(notice + "name and email address.",
                             notice + "name, business name, and email.")
    assert "category" not in reason and rule == "wording-changed", reason
    _, rule, reason = _judge("We collect your email address.",
                             "We collect your email address and phone number.")
    assert rule == "data-category-added" and "(phone number)" in reason, reason


def test_a_clause_renumbered_is_not_material_but_a_figure_at_a_paragraphs_start_is() -> None:
    """DeepSeek's terms as archived: a clause put in before "1.10 We may …" made it "1.11
    We may …", and the review said "a number changed (10 → 11)". Only the number a
    paragraph opens with, the words after it the same, is a part renumbered; a figure
    with what it counts ("1.5 Years is how long …") is still a figure."""
    material, rule, reason = _judge("1.10 We may update the Services.",
                                    "1.11 We may update the Services.")
    assert (material, rule) == (False, "item-renumbered"), reason
    assert _judge("1.1 access your Personal Data;", "access your Personal Data;")[:2] == (
        False, "item-renumbered")  # Qwen's items lost their numbers
    lettered = _judge("We share it with:\n\nservice providers who help us;\n\nany investor.",
                      "We share it with:\n\n(b) service providers who help us;\n\n(d) any "
                      "investor.")  # and gained letters
    assert lettered[:2] == (False, "item-renumbered"), lettered
    _, rule, reason = _judge("1.10 We keep logs for 10 days.", "1.11 We keep logs for 30 days.")
    assert rule == "duration-changed" and "1.10" not in reason, reason
    # Qwen's privacy policy as archived: an item's number, in any case, is no figure
    _, _, reason = _judge("You may have the right to:\n\n1.1 access your data;\n\n1.2 erasure "
                          "of your data.", "You may have the right to:\n\n1.1 access your data.")
    assert "number" not in reason and "(erasure)" in reason, reason
    for unit in ("years", "Years", "Million records"):
        assert _judge(f"1.5 {unit} is how long we keep logs.",
                      f"2.5 {unit} is how long we keep logs.")[0]
    # TikTok's data sharing terms as archived: a part taken out before "7. Modification"
    # renumbered its clauses, and the copy lost the break between two of them ("… at any
    # time.6.2 We may …"): "a number was added (6.2); a paragraph was removed ('7.2 …')"
    material, rule, reason = _judge(
        "7.1 We may modify these Terms at any time.\n\n7.2 We may suspend your access.",
        "6.1 We may modify these Terms at any time.6.2 We may suspend your access.")
    assert (material, rule) == (False, "item-renumbered") and "(7.1, 7.2 → 6.1, 6.2)" in reason, (
        reason)
    # Telegram's privacy policy as archived: a subheading put in, its number ending in a
    # point, "5.6.1. Additional advertising tools", was "a number was added (5.6.1)"
    _, _, reason = _judge("We offer a tool for advertisers.", "We offer a tool for advertisers "
                          "(with 1,000 subscribers or more).\n\n5.6.1. Additional tools\n\n"
                          "We keep logs.")
    assert "a number was added (1,000)" in reason, reason
    assert _judge("We have 2.5 Million records. 3.1 We may suspend your access.",
                  "We have 3.5 Million records. 3.1 We may suspend your access.")[0]
    # Pornhub's privacy notice as archived: a subheading renumbered, "20. Manage Your
    # Personal Data" → "19. Manage …", was "the wording changed ('20.' → '19.')"
    assert _judge("20. Manage Your Personal Data", "19. Manage Your Personal Data")[:2] == (
        False, "item-renumbered")


def test_what_is_never_a_third_party_or_a_negation() -> None:
    """Abbreviations, quoted feature names, our own things; a stock "not limited to"."""
    _, _, reason = _judge("It relies on safeguards.",
                          "It relies on safeguards under Art. 46 GDPR.")
    assert "third party" not in reason
    _, rule, reason = _judge("If you enable it, Firefox shares data.",
                             "If you enable \"Smarter Suggestions\", Firefox shares data.")
    assert rule != "recipient-added" and "third party" not in reason
    _, _, reason = _judge("We collect data.", "We collect data in connection with our website.")
    assert "third party" not in reason
    old = "Options include, but not limited to, search and news."
    _, rule, _ = _judge(old, old.replace(", but not limited to,", ""))
    assert rule != "negation-removed"
    # Exercism's privacy policy (2019): "not" beginning a word of its own negates nothing
    _, rule, reason = _judge("Exercism, a non-profit-company registered in the UK.",
                             "Exercism, a not-profit-company registered in the UK.")
    assert rule == "wording-changed" and "negation" not in reason, reason
    _, rule, _ = _judge("Exercism, a company.", "Exercism, a not-for-profit company.")
    assert rule != "negation-added"
    assert _judge("We sell data.", "We do not sell data.")[1] == "negation-added"
    assert _judge("We sell data.", "We do not-sell data.")[0]  # still a changed promise
    # Meta's commercial terms as archived, by turns: one negation written two ways
    unable = "You are also unable to access the Products if you are prohibited from them."
    may_not = "You also may not access the Products if you are prohibited from them."
    for a, b in ((unable, may_not), (may_not, unable)):
        _, rule, reason = _judge(a, b)
        assert rule == "wording-changed" and "negation" not in reason, reason


def test_a_term_the_text_defines_with_its_plural_is_no_third_party() -> None:
    """Exercism's terms (2018) added definitions ("Track(s) - a programming language track
    on Exercism") and used the terms capitalised ("A Mentor belongs to a Track"): "a third
    party was added (Track)" was not true, nor was "(Dialogues)" for DeepSeek's term.
    A name the text does not define, or a company's short name, still is one."""
    defs = ("Definitions\n\nTrack(s) - a programming language track, a group of Mentors.\n\n"
            "User(s) - any user of the Platform.\n\nA Mentor belongs to a Track. Mentors "
            "use {}.")
    _, _, reason = _judge("Mentors help.", defs.format("solutions"))
    assert "third party" not in reason, reason
    _, rule, reason = _judge("Mentors help.", defs.format("Zendesk"))
    assert rule == "recipient-added" and "(Zendesk)" in reason, reason
    # DeepSeek's privacy policy: a term defined as a name for what the text describes
    _, _, reason = _judge("You may share your Inputs and Outputs.",
                          "You may share the Inputs and Outputs information (together referred "
                          "to as \"Dialogues\") by a URL. Any Dialogues you share are public.")
    assert "third party" not in reason, reason
    _, _, reason = _judge("We share data.", "We share data with Acme Inc. (\"Acme\"). Acme "
                          "processes it.")
    assert "(Acme Inc.)" in reason, reason


@pytest.mark.parametrize(("old", "new"), [
    ("Thunderbird Desktop and Thunderbird for Android manage mail.",
     "Thunderbird Desktop, Thunderbird for iOS and Thunderbird for Android manage mail."),
    ("Credentials are stored on your device.",
     "Credentials are exchanged for OAuth tokens on your device."),
    ("Write to us: 2 Harrison St\n\nSan Francisco",
     "Write to us: 2 Harrison St\n\n4th Floor\n\nSan Francisco"),
    ("Serve us at C T Corporation System, 818 West Seventh Street, Los Angeles, California.",
     "Serve us at C T Corporation System, 330 N Brand Blvd., Glendale, California."),
    ("Cookies we set: _ga.", "Cookies we set: _ga, hjIncludedInSample, optimizelyBuckets."),
    ("We use Jetpack.", "We use Jetpack (including WooCommerce Shipping & Tax)."),
    ("We share data with Stripe.", "We share data with Stripe, Inc."),
])
def test_no_third_party_is_quoted_that_is_none(old: str, new: str) -> None:
    """A platform or protocol, an address line, a town before its state, a cookie's name,
    a product named with "&", a company's legal form written out: none is a third party
    added (each edit may still be material for what else it says)."""
    v = classify(old, new, section_material=True, variables_changed=(),
                 immaterial_vars=frozenset(), home="https://automattic.com woocommerce.com")
    assert "third party" not in v.reason and all(
        not r.startswith("recipient") for r, _ in [(v.rule, v.evidence), *v.also]), v.reason


def test_elements_under_labels_kept_in_place_are_moved_only_if_each_moved_whole() -> None:
    """"1) A; 2) B" → "1) B; 2) A" moved A and B; a number swapped between two elements
    changed both, and labels put in another order are not read past."""
    assert _judge("We keep:\n1) logs for 30 days;\n2) backups for 90 days.",
                  "We keep:\n1) logs for 90 days;\n2) backups for 30 days.")[:2] == (
        True, "wording-changed")
    assert _judge("We keep:\n1) logs 30 days;\n2) backups 90 days.",
                  "We keep:\n2) logs 30 days;\n1) backups 90 days.")[0]
    assert _judge("It is kept 30 days.", "It is kept 90 days.")[0]


def test_a_figure_written_otherwise_is_the_same_only_when_it_is() -> None:
    """A figure in words and in digits is one figure; another figure, or one more, is a
    change."""
    assert _judge("We keep it for seven days.", "We keep it for 8 days.")[:2] == (
        True, "duration-changed")
    assert _judge("You may link two accounts.", "You may link 3 accounts.")[:2] == (
        True, "number-changed")
    assert _judge("We keep it for 30 days.", "We keep it for thirty (31) days.")[0]
    assert lexicon.figures(["twenty-one"]) == (21,) and lexicon.figures(["twenty"]) == (20,)
    assert lexicon.figures(["thirty", "30"]) == (30,) and lexicon.figures(["days"]) is None


def test_an_adverb_moved_further_than_the_word_beside_it_is_another_statement() -> None:
    """"only" before or after the word beside it says the same; moved further, to
    another part of the sentence, it may bound something else."""
    assert _judge("We only share names.", "We share names only.")[0]
    assert _judge("These terms only apply to advertisers.", "These terms apply to "
                  "advertisers only.")[0]
    assert _judge("We never sell it.", "We sell it never.")[0]


def test_an_icon_fonts_characters_are_seen_by_no_reader() -> None:
    """Bitwarden's privacy policy, as archived, put U+E904 (a link's icon in the site's
    icon font) before its headings by turns: "the wording changed ('\ue904Notice' →
    'Notice')", "(added '')". A private-use character is no word; one in the text cannot
    pass for the marks the rules put in it either."""
    assert _judge("\ue904Notice\n\nWe keep data.", "Notice\n\nWe keep data.")[:2] == (
        False, "formatting")
    assert _judge("We keep \ue000data for 30 days.", "We keep data for 60 days.")[:2] == (
        True, "duration-changed")


def test_like_stands_in_for_such_as_only_where_it_leads_examples() -> None:
    """"like" leads examples as "such as" does; the verb ("posts you like") swapped for
    another word or for "such as" is another statement."""
    assert _judge("We use things like cookies.", "We use things such as cookies.")[:2] == (
        False, "synonym")
    assert _judge("We show posts you like.", "We show posts you share.")[0]
    assert _judge("We show posts you like.", "We show posts such as yours.")[0]
    assert _judge("We show posts you liked.", "We show posts you included.")[0]


def test_a_legal_form_written_out_is_the_same_company_another_is_not() -> None:
    def judge(old: str, new: str) -> tuple[bool, str]:
        v = classify(old, new, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset())
        return v.material, v.rule

    assert judge("We share data with Stripe.", "We share data with Stripe, Inc.") == (
        False, "product-renamed")
    assert judge("We share data with Acme Inc.", "We share data with Acme Ltd.")[0]
    assert judge("We share data with Google.", "We share data with Marks & Spencer.") == (
        True, "recipient-changed")
    assert judge("We share data with Acme.", "We share data with Acme and Initech, Inc.")[0]


@pytest.mark.parametrize(("old", "new", "rule"), [
    ("We collect your name, email and phone.", "We collect your phone, name and email.",
     "reordered"),
    ("We delete old backups. We keep logs for audits.",
     "We keep logs for audits. We delete old backups.", "reordered"),
    ("We use it to:\n1) run the service;\n2) send receipts.",  # the labels stay in place
     "We use it to:\n1) send receipts;\n2) run the service.", "reordered"),
    ("We use it to: (a) run the service; (b) send receipts.",
     "We use it to: (a) send receipts; (b) run the service.", "reordered"),
    ("We use cookies in order to remember you.", "We use cookies to remember you.",
     "function-words"),
    ("If you violate of any of the terms, we may close the account.",
     "If you violate any of the terms, we may close the account.", "function-words"),
    ("We collect your name and email, and we keep them for a year.",
     "We collect your name and email. We keep them for a year.", "function-words"),
    ("We collect your name, email and phone.", "We collect:\n\nyour name\n\nemail\n\nphone",
     "function-words"),
    ("Contact us with questions.", "Please contact us with questions.", "function-words"),
    # a word that only joins a sentence to the one before ("a list item was removed ('In
    # addition')" had said what is not so)
    ("In addition, we also share it with vendors.", "We also share it with vendors.",
     "function-words"),
    ("We keep logs. Moreover, we share them.", "We keep logs. Furthermore, we share them.",
     "function-words"),
    ("Vendors must abide by our requirements.", "Vendors must comply with our requirements.",
     "synonym"),
    ("Laws in some US states, including California, Colorado and Virginia, give you rights.",
     "Laws in some US states give you rights.", "examples-removed"),
    ("In some states (Colorado, Connecticut, and Virginia) you may appeal.",
     "In some states you may appeal.", "examples-removed"),
    ("It is kept in community repos.", "It is kept in community repositories.",
     "abbreviation-expanded"),
    ("Residents of the U.S. may opt out.", "Residents of the United States may opt out.",
     "abbreviation-expanded"),
    # Instagram's commercial terms as archived, by turns: "the wording changed ('Section' → '§')"
    ("Claims not subject to Section 4.b.2 go to court.",
     "Claims not subject to § 4.b.2 go to court.", "abbreviation-expanded"),
    ("Analytics data, described further below, is kept for troubleshooting.",
     "Analytics data, described further in the Cookies section, is kept for "
     "troubleshooting.", "pointer-reworded"),
    ("Location data for Top Sites: When you click a tile, we count the click.",
     "Top Sites: When you click a tile, we count the click.", "label-reworded"),
    ("We may share your information at your direction.",
     "We may disclose your information at your direction.", "synonym"),
    ("We collected and kept it.", "We gathered and retained it.", "synonym"),
    # Snap's British and American copies, by turns: each swap was "the wording changed"
    ("We measure the performance of adverts and answer your enquiries.",
     "We measure the performance of ads and answer your inquiries.", "synonym"),
    ("We may share whether you and the requester have friends in common.",
     "We may share whether you and the requestor have friends in common.", "synonym"),
    ("Signals include GPS, mobile towers and your mobile phone number.",
     "Signals include GPS, cell towers and your cell phone number.", "synonym"),
    ("Firefox shares data to improve performance.",
     "Firefox may share data to improve performance.", "hedge-added"),
    ("We may recommend content based on your history.",
     "We recommend content based on your history.", "hedge-removed"),
    ("Pocket recommendations: We recommend content.", "Recommendations: We may recommend "
     "content.", "label-reworded"),
    ("We do not sell your data.", "We don't sell your data.", "function-words"),
    ("We will delete it when you ask.", "We'll delete it when you ask.", "function-words"),
    ("We use cookies to remember you.", "We use cookies in order to remember you.",
     "function-words"),
    ("We use services such as Google Analytics.", "We use services including Google "
     "Analytics.", "synonym"),
    ("You can request a copy of your data.", "You may request a copy of your data.", "synonym"),
    # Facebook's privacy policy, by turns: "the wording changed ('Meta like' → 'Meta, such as')"
    ("We collect information from Meta like content and messages.",
     "We collect information from Meta, such as content and messages.", "synonym"),
    ("Contact us at any time.", "Contact us anytime.", "synonym"),
    # Instagram's commercial terms, by turns: "the wording changed ('only apply' → 'apply
    # only')"
    ("These terms only apply to advertisers.", "These terms apply only to advertisers.",
     "adverb-moved"),
    ("We share only names with partners.", "We only share names with partners.",
     "adverb-moved"),
    # Google's privacy policy by turns, each once "the wording changed"
    ("Learn more about partner sites.", "Find out more about partner sites.", "synonym"),
    ("If the business’s information appears on a website.",
     "If the business' information appears on a website.", "formatting"),
    # Google's privacy policy: "the wording changed ('whom you share information with' →
    # 'with whom you share information')"
    ("You can control whom you share information with.",
     "You can control with whom you share information.", "preposition-fronted"),
    ("These are the partners with which we share data.",
     "These are the partners which we share data with.", "preposition-fronted"),
    # Facebook's cookies policy, by turns: "the wording changed ('amongst' → 'among')"
    ("We share it amongst the Meta Companies.", "We share it among the Meta Companies.",
     "synonym"),
    # Facebook's cookies policy, by turns: "a duration changed (seven days → 7 days)"
    ("Cookies expire after seven days.", "Cookies expire after 7 days.",
     "figure-written-otherwise"),
    ("We keep it for thirty (30) days.", "We keep it for 30 days.", "figure-written-otherwise"),
    ("You may link two accounts.", "You may link 2 accounts.", "figure-written-otherwise"),
    ("Firefox sends the file name to Google.\n\nLearn more or read Google's policy.",
     "Firefox sends the file name to Google.Learn more or read Google's policy.", "formatting"),
    ("Learn more.This data does not identify you.", "This data does not identify you.",
     "cross-reference-removed"),
    ("We collect the following information:", "We collect the following types of information:",
     "synonym"),
    ("Firefox displays content, such as Snippets, Top Sites and Pocket Recommendations.",
     "Firefox displays content, such as Snippets, Add-on Recommendations, Top Sites and "
     "Pocket Recommendations.", "examples-added"),
    # one more example put last: the list's "and" moves to it
    ("Laws in some US states, including California and Virginia, give you rights.",
     "Laws in some US states, including California, Virginia and Utah, give you rights.",
     "examples-added"),
    ("Firefox displays content, such as Snippets, Top Sites, and Pocket Recommendations.",
     "Firefox displays content, such as Snippets and Top Sites.", "examples-removed"),
    # "e.g.," and "such as," lead a list although a comma follows them
    ("Firefox displays content, e.g., Snippets, Top Sites and Pocket Recommendations.",
     "Firefox displays content, e.g., Snippets, Add-on Recommendations, Top Sites and "
     "Pocket Recommendations.", "examples-added"),
    # the date a text gives for its own revision (npm's open-source terms)
    ("These Terms were last updated on November 9, 2015. You can review prior versions.",
     "These Terms were last updated on November 18, 2015. You can review prior versions.",
     "revision-date-changed"),
    # on a line of its own, after a label (LINE's privacy policy), was "the wording changed
    # ('November 12, 2024' → 'March 19, 2025')"
    ("Formulated on October 1, 2023\n\nDate of last update: November 12, 2024",
     "Formulated on October 1, 2023\n\nDate of last update: March 19, 2025",
     "revision-date-changed"),
    ("Last updated: November 12, 2024", "Last updated: March 19, 2025", "revision-date-changed"),
    # a line that only states it, put in or taken out (Meta's terms as archived gained
    # "Date of Last Revision: July 5, 2023", twice, its line break read as a space)
    ("Welcome to Facebook.", "Date of Last Revision: July 5, 2023 Date of Last Revision: "
     "July 5, 2023\n\nWelcome to Facebook.", "revision-date-changed"),
    ("Last updated: May 1, 2022\n\nWelcome.", "Welcome.", "revision-date-changed"),
    # Apple's "Published Date: January 27, 2025", and the archive's next copy with only
    # its date left ("2026-07-22"), were "the wording changed"
    ("Published Date: January 27, 2025\n\nWelcome.", "Published Date: July 22, 2026\n\n"
     "Welcome.", "revision-date-changed"),
    ("Published Date: January 27, 2025\n\nWelcome.", "2026-07-22\n\nWelcome.",
     "revision-date-changed"),
    # Stack Overflow's "Updated: 12 January, 2022" opening its line, put in and taken out,
    # was "a paragraph or list item was added ('Updated: 12 January, 2022')"
    ("Welcome.", "Updated: 12 January, 2022\n\nWelcome.", "revision-date-changed"),
    ("Revised: 12 January, 2022\n\nWelcome.", "Welcome.", "revision-date-changed"),
    # DuckDuckGo's "Last updated 05-11-23" → "11-21-25" was "a number changed (05, 23 → 21,
    # 25)"; a date with points and its year in full reads so too
    ("Last updated 05-11-23", "Last updated 11-21-25", "revision-date-changed"),
    ("Last updated: 21.11.2024\n\nWelcome.", "Last updated: 03.02.2025\n\nWelcome.",
     "revision-date-changed"),
])
def test_rewrites_that_keep_the_meaning_are_not_material(old: str, new: str, rule: str) -> None:
    assert _judge(old, new)[:2] == (False, rule)


@pytest.mark.parametrize(("old", "new"), [
    ("We share A with B.", "We share B with A."),  # the same words, another statement
    # a date the terms take effect on is no date of revision, nor is one beside a change
    ("These terms take effect on November 9, 2015.",
     "These terms take effect on November 18, 2015."),
    ("Last modified: March 3, 2020. We keep logs for 30 days.",
     "Last modified: May 3, 2021. We keep logs for 90 days."),
    # a line put in that says more than the date, or gives the date the terms take effect
    ("Welcome.", "Last updated: July 5, 2023. We now sell your data.\n\nWelcome."),
    ("Welcome.", "Effective date: July 5, 2023\n\nWelcome."),
    ("Welcome.", "Effective: July 5, 2023\n\nWelcome."),
    ("Effective 05-11-23.", "Effective 06-11-23."),
    # a preposition moved and another put in, or one moved for another
    ("the partners which we share data with", "the partners with which we share data from"),
    ("the partners which we share data with", "the partners to which we share data"),
    ("Welcome.", "We updated: July 5, 2023 is when we sell data.\n\nWelcome."),
    # a date alone where no line gave the revision's, or beside a change of what is said
    ("Welcome.", "2026-07-22\n\nWelcome."),
    ("Published Date: January 27, 2025\n\nWe keep logs.", "2026-07-22\n\nWe sell logs."),
    # a connective dropped beside a real change: the change decides
    ("In addition, we share it with vendors.", "We sell it to vendors."),
    # one more element of a list that is no list of examples, or one after the list ended
    ("Firefox displays Snippets, Top Sites and Pocket.",
     "Firefox displays Snippets, Sponsored Tiles, Top Sites and Pocket."),
    ("Firefox displays content, such as Snippets. It shows Top Sites.",
     "Firefox displays content, such as Snippets. It shows Sponsored Tiles, Top Sites."),
    ("Firefox displays Snippets and Top Sites.",
     "Firefox displays Snippets, Top Sites and Pocket."),
    ("Firefox displays content, such as Snippets and Top Sites.",
     "Firefox displays content, such as Snippets or Top Sites."),
    ("We give logs to Acme, backups to Initech.", "We give backups to Acme, logs to Initech."),
    ("We collect your name or email.", "We collect your name and email."),
    ("We send it to you.", "We send it from you."),
    ("Only admins may see it.", "Admins may only see it."),
    ("We may share data with partners.", "We will share data with partners."),
    # a quantifier carries meaning (advice to the reader binds no one: advice-reworded)
    ("Admins can export users' messages.", "Admins can export all users' messages."),
    ("For some users in the United States, we route requests.",
     "For some users, we route requests."),  # a scope, not examples
    ("It is kept in the process.", "It is kept in the processor."),  # two real words
    ("We transfer data to the US.", "We transfer data to the EU."),
    ("We delete your copies of the files.", "We delete our copies of the files."),
    ("Top Sites: we count the click.", "Top Sites: we sell the click."),
    # "may" before a promise or a safeguard weakens it; "you may" is a permission.
    ("We notify you of changes.", "We may notify you of changes."),
    ("We encrypt your backups.", "We may encrypt your backups."),
    ("You share reports with us.", "You may share reports with us."),
    ("We share data with partners.", "We may sell data to partners."),
    # A synonym must keep its form, and "obtain" is wider than "receive".
    ("We shared data.", "We disclose data."),
    ("We receive data from partners.", "We obtain data from partners."),
    ("We do sell your data.", "We don't sell your data."),
    ("We can't sell your data.", "We don't sell your data."),
    ("We can share data.", "We may share data."),
    # A pointer that also states a practice is no mere pointer.
    ("We keep logs.", "We keep logs. See our notice, and we share your data with Acme Corp."),
    ("We keep logs.", "We keep logs. For users in the EU: see here, we now sell your data."),
])
def test_rewrites_that_change_the_meaning_are_not_taken_for_them(old: str, new: str) -> None:
    assert _judge(old, new)[0]


def test_a_change_log_kept_as_a_log_is_maintenance() -> None:
    """Lines of the policy's own change log reworded, removed or added together: the log
    is kept, the edits it records are judged where they are made."""
    old = "_June 1, 2023_: Clarify cookie section.\n\n_May 2, 2023_: Add a contact form."
    new = ("_June 1, 2023_: Clarified the cookie section.\n\n"
           "_July 12, 2023_: Add new example of information shared with site owners.")
    assert _judge(old, new)[:2] == (False, "changelog-edited")
    # A line of the log made to say the opposite is judged as any text.
    assert _judge("Changes\n\n2024-03-01: We no longer share data with Acme.",
                  "Changes\n\n2024-03-01: We now share data with Acme.")[:2] == (
        True, "negation-removed")
    # A log line turned into a statement is no longer a log.
    assert _judge(old, "_June 1, 2023_: Clarify cookie section.\n\nWe share data with "
                       "Acme.")[0]


def test_a_rewrite_no_rule_reads_is_a_lawyers_call_not_a_material_claim() -> None:
    """Many words changed and no rule found what: the verdict says so (`unexplained`,
    held as material until answered); one swapped term stays "material" with its reason."""
    v = classify("This statement explains how we handle personal information.",
                 "Here we describe in plain words what happens to everything we learn about "
                 "you.", section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert (v.rule, v.referred, v.material, v.call) == ("unexplained", True, True,
                                                         "lawyers-call")
    assert v.reason.startswith("Needs a lawyer's call: no rule explains this rewording ('")
    one = classify("We may retain recordings.", "We may retrain recordings.",
                   section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert (one.rule, one.referred, one.call) == ("wording-changed", False, "material")
    quiet = classify("This statement explains how we handle personal information.",
                     "Here we describe in plain words what happens to everything we learn "
                     "about you.", section_material=False, variables_changed=(),
                     immaterial_vars=frozenset())
    assert (quiet.rule, quiet.referred) == ("section-not-material", False)


def test_words_only_put_into_a_statement_are_read_not_referred() -> None:
    """A clause only put into a paragraph that stays ("or pay fees to a site owner") says
    what the statement now covers: material, quoting the clause, however long; the same
    count of words reworded on both sides stays a lawyer's call."""
    old = "If you buy a plan from us you will provide your name and card details."
    v = classify(old, old.replace("from us", "from us or pay fees to a site owner through "
                                  "their recurring subscription payments page"),
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert (v.rule, v.referred) == ("wording-changed", False)
    assert "added 'or pay fees to a site …'" in v.reason
    lists = classify("We process data to:\n\nImprove performance and stability",
                     "Mozilla processes your personal data by default so as to:\n\n"
                     "Improve features, performance and stability",
                     section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert (lists.material, lists.referred) == (True, False)


def test_what_the_organisation_says_of_itself_or_promises() -> None:
    """Its mission or beliefs reworded bind no one (`about-us`); what it promises to do,
    reworded, is a changed promise, quoted as such rather than sent to a lawyer."""
    v = classify("Our mission is to democratize publishing. We keep logs for a year.",
                 "Our mission is to democratize publishing and commerce so that anyone can "
                 "turn their great idea into a livelihood. We keep logs for a year.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert (v.material, v.rule) == (False, "about-us")
    assert classify("We believe in the open web.", "We believe in the open web, so we "
                    "share your data with advertisers.", section_material=True,
                    variables_changed=(), immaterial_vars=frozenset()).material
    promise = classify(
        "Whenever we change our policies, we will also announce them on our company blog.",
        "Whenever we change our policies, we will refresh the date at the top of this page "
        "and take any other appropriate steps to notify account holders.",
        section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert (promise.rule, promise.referred, promise.material) == ("wording-changed", False, True)


def test_one_of_the_organisations_own_channels_named_another_way() -> None:
    """"GitHub's User Migration API" → "tool": the same organisation's way to get one's
    data (`own-channel`); beside no name of its own, or another word, it is a change."""
    def judge(old: str, new: str, home: str = "https://github.com/") -> tuple[bool, str]:
        v = classify(old, new, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset(), home=home)
        return v.material, v.rule

    old = "You can use GitHub's User Migration API to download your data."
    assert judge(old, old.replace("API", "tool")) == (False, "own-channel")
    assert judge("Write to GitHub Support.", "Write to us through the GitHub Support portal."
                 ) == (False, "own-channel")
    # each word put in is quoted with a word the old text has beside it, never with a
    # word of the next sentence, nor with none ("support →  → portal" read as nothing)
    v = classify("Please contact GitHub Support. GitHub may reclaim it.", "Please contact us "
                 "through the GitHub Support portal. GitHub may reclaim it.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset(),
                 home="https://github.com/")
    assert v.evidence == ("contact → contact us through the", "support → support portal"), v
    # one of its own names for another (Basecamp LLC renamed itself 37signals in 2022)
    basecamp = "https://basecamp.com/ 37signals.com"
    assert judge("In business since 1999 at Basecamp.", "In business since 1999 at "
                 "37signals.", basecamp) == (False, "own-channel")
    assert judge("Basecamp-initiated cancellations", "37signals-initiated cancellations",
                 basecamp) == (False, "own-channel")
    assert judge("In business since 1999 at Basecamp.", "In business since 1999 at Acme.",
                 basecamp)[0]
    assert judge(old, old.replace("API", "tool"), home="")[0]
    assert judge("You can use the Acme API to download data.",
                 "You can use the Acme tool to download data.")[0]
    assert judge(old, old.replace("API", "archive"))[0]
    # Its name for "we": the same organisation does the same; nobody new is named.
    firefox = "https://www.mozilla.org/ firefox.com"
    assert judge("Mozilla receives your data when you sign in.",
                 "We receive your data when you sign in.", firefox) == (False, "own-channel")
    assert judge("Google shares data with Mozilla.", "We share data with Google.", firefox)[0]
    assert judge("You can use our API to download data.",
                 "You can use our tool to download data.", firefox)[0]


def test_another_organisations_own_policy_pointed_to() -> None:
    """"Your search provider's privacy policy governs its use of your data": where to read
    what that organisation does, a pointer; one that names data handed over, or this
    organisation's own policy, is a statement."""
    base = "Firefox sends search queries to your search provider. "

    def judge(added: str) -> tuple[bool, str]:
        v = classify(base, base + added, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset())
        return v.material, v.rule

    assert judge("Your selected search provider's privacy policy governs the search "
                 "provider's collection and use of your data.") == (
        False, "cross-reference-added")
    assert judge("Google's privacy policy applies to the data we share with Google.")[0]
    assert judge("Our privacy policy governs how we use your data.")[0]


def test_another_legal_entity_of_the_organisation_is_a_party() -> None:
    """"GitHub Inc." → "GitHub Inc. or GitHub B.V.": the brand is the organisation's own,
    but a second legal person now controls the data; the name written in full is not."""
    home = "https://github.com/"

    def judge(old: str, new: str) -> tuple[bool, str, str]:
        v = classify(old, new, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset(), home=home)
        return v.material, v.rule, v.reason

    old = "Thanks for entrusting GitHub Inc. (“GitHub”, “we”) with your code."
    assert judge(old, old.replace("Inc.", "Inc. or GitHub B.V."))[:2] == (True, "recipient-added")
    assert "(GitHub B.V.)" in judge(old, old.replace("Inc.", "Inc. or GitHub B.V."))[2]
    assert judge("Contact GitHub Inc. today.", "Contact GitHub B.V. today.")[1] == (
        "recipient-changed")
    assert not judge("Contact GitHub Inc. today.", "Contact GitHub, Inc. today.")[0]


def test_a_change_log_started_under_its_heading_is_maintenance() -> None:
    new = ("We keep logs.\n\nChanges to this policy\n\n"
           "2024-03-01: Added a contact form to the rights section.")
    assert _judge("We keep logs.", new)[:2] == (False, "changelog-entry")
    assert _judge("We keep logs.", "We keep logs.\n\nChanges to this policy\n\nWe now share "
                                   "data with Acme.")[0]


@pytest.mark.parametrize("old, new, quoted", [
    ("Logs are kept for r9.", "Logs are kept for 180 days.", ("r9.", "→", "180 days.")),
    ("Logs are kept for 90 days.", "Logs are kept for a while.", ("90 days.", "→", "a while.")),
])
def test_evidence_never_quotes_the_mark_that_hides_a_quiet_variable(
        old: str, new: str, quoted: tuple[str, ...]) -> None:
    """A variable declared not material is hidden behind a private-use mark while the rest
    is judged; a quote beside it shows the value the redline shows, never the mark."""
    v = classify(old, new, section_material=True, variables_changed=["retention.web_logs"],
                 immaterial_vars=frozenset({"retention.web_logs"}),
                 values={"retention.web_logs": ("90 days", "180 days")})
    assert v.material and v.evidence == quoted
    assert not any("\ue000" <= c <= "\uf8ff" for c in v.reason)


def test_a_text_put_in_capitals_names_no_party() -> None:
    """Found by the property above: in capitals every word looks like a name, so "with
    share" → "WITH SHARE." read as a party gone; the same words in the same order are
    formatting whatever the rules would read into them."""
    v = classify("with share 90 share we 90", "WITH SHARE 90 SHARE WE 90.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert (v.material, v.rule) == (False, "formatting"), v.reason


def test_a_reason_names_each_piece_of_evidence_once() -> None:
    """Automattic added "your public display name, user name, and email address": the
    reason said "(email address, name, name)". An old → new pair keeps both its sides."""
    from lexdocs.review.verdicts import verdict

    v = verdict(True, "data-category-added", ["email address", "name", "name"],
                also=[("purpose-added", ("analytics", "analytics"))])
    assert v.evidence == ("email address", "name") and v.also == (("purpose-added",
                                                                     ("analytics",)),)
    assert v.reason == ("Material: a category of personal data was added (email address, "
                        "name); a purpose was added (analytics).")
    pair = verdict(True, "duration-changed", ["30 days", "→", "30 days", "90 days"])
    assert pair.evidence == ("30 days", "→", "30 days", "90 days")


def test_a_word_only_put_in_is_said_added_not_shown_as_an_arrow_from_nothing() -> None:
    """Mozilla's "Provide AI chatbots" → "To provide AI chatbots": the redline said "Only
    grammar words changed ( → to)"."""
    v = classify("### Provide AI chatbots", "### To provide AI chatbots",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert (v.material, v.rule) == (False, "function-words")
    assert v.reason == "Not material: only grammar words changed (added 'to')."
    from lexdocs.review.verdicts import describe

    assert describe("function-words", ("as", "→", "that", "the")) == (
        "only grammar words changed ('as' → 'that', 'the')")
    assert describe("heading-changed", ("Old", "→")) == "only a heading was reworded (removed Old)"


def _coined(n: int) -> str:
    """`n` capitalised words no dictionary knows, and no legal form after them."""
    return " ".join(f"Zq{i:x}".translate(str.maketrans("0123456789", "ghjkmnpqrs"))
                    for i in range(n))


@pytest.mark.parametrize("text", [_coined, lambda n: " ".join(["Acme"] * n) + " Corp."],
                         ids=["coined names", "a long legal name"])
def test_a_section_of_capitalised_words_is_judged_in_linear_time(
        text: Callable[[int], str]) -> None:
    """Committed text is untrusted: a section of thousands of capitalised words once made
    the names' patterns backtrack over the whole run from each of its words, and a look
    behind each name scan the block from its start (5,000 words: 16 s)."""
    from tests.scaling import LINEAR, growth

    def make(n: int) -> Callable[[], object]:
        new = f"We keep it. {text(n)}."
        return lambda: classify("We keep it.", new, section_material=True,
                                variables_changed=(), immaterial_vars=frozenset())
    assert growth(make, 4000, tries=2) < LINEAR


def _quoted(old: str, new: str) -> list[tuple[str, tuple[str, ...]]]:
    v = classify(old, new, section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    return [(v.rule, v.evidence), *v.also]


def _rules(old: str, new: str) -> set[str]:
    return {r for r, _ in _quoted(old, new)}


def test_a_negation_in_a_sentence_of_its_own_is_that_sentences() -> None:
    """A new sentence that borrows words from one still there ("… the Privacy Shield …")
    says what it says; its "no longer" is no negation put into a promise. A negation put
    into a sentence, or one rewritten in its place, still is."""
    old = ("We are in compliance with the GDPR. We participate in the EU-US and Swiss-US "
           "Privacy Shield Framework to safeguard the transfer of personal data to the US.")
    new = ("We are in compliance with the GDPR. For customers based in the EU, we offer a "
           "standard Data Processing Addendum to safeguard the transfer of personal data to "
           "the US. We also participate in the EU-US and Swiss-US Privacy Shield Framework. "
           "You may have heard that the Court of Justice ruled that the Privacy Shield "
           "program was no longer valid as a mechanism for data transfer from the EU to the US.")
    assert not any(r.startswith("negation") for r in _rules(old, new))
    assert "negation-added" in _rules("We charge you the same.", "We do not charge you the same.")
    assert "negation-added" in _rules(
        "We retain these data via our subprocessor for use in spam mitigation.",
        "The service returns the spam score; we do not have access to the information.")


def test_the_readers_own_providers_are_no_recipients_unless_data_goes_to_them() -> None:
    old = "We keep looking out for guidance from the authorities."
    new = old + " We encourage you to take stock of your personal data flows and vendors too."
    assert not any(r.startswith("recipient") for r in _rules(old, new))
    assert "recipient-added" in _rules("We share your data with our auditors.",
                                       "We share your data with our auditors and your employer.")


def test_a_figure_in_a_products_name_is_no_number() -> None:
    old = "We do not store content from Google Calendar or Microsoft 365."
    new = "We do not store content from Google Calendar."
    assert not any(r.startswith("number") for r in _rules(old, new))
    assert "number-changed" in _rules("We rely on Article 6 of the GDPR.",
                                      "We rely on Article 9 of the GDPR.")
    assert "number-changed" in _rules("We serve 500 customers.", "We serve 900 customers.")


def test_a_laws_year_is_its_names() -> None:
    """Pear Deck's terms named COPPA in full, then without its year: "the Children's Online
    Privacy Protection Act of 1998" → "the Federal Trade Commission Children's Online
    Privacy Protection Act" was "a number was removed (1998)"."""
    old = "We comply with the Children's Online Privacy Protection Act of 1998 (COPPA)."
    new = "We comply with the Children's Online Privacy Protection Act (COPPA)."
    assert not any(r.startswith("number") for r in _rules(old, new))
    assert "number-changed" in _rules("We delete it after 1998 requests.",
                                      "We delete it after 2000 requests.")
    # Travis CI's copyright policy, a year later: the notice's year, not a term
    for old, new in (("Copyright 2019, Travis CI Corporation. All rights reserved.",
                      "Copyright 2020, Travis CI Corporation. All rights reserved."),
                     ("© 2018-2019 Acme.", "© 2018-2020 Acme.")):
        assert not _judge(old, new)[0] and not any(
            r.startswith("number") for r in _rules(old, new)), _reason(old, new)


def test_one_standing_for_a_thing_is_no_number() -> None:
    """Pear Deck's notice clause, added: "…by email to the email address specified in your
    account, if you have one, so that …" was quoted as "a number was added (one)"."""
    old = "We will notify you by email."
    new = ("We will notify you by email to the address in your account, if you have one, so "
           "that no one is surprised, and the one you name.")
    assert not any(r.startswith("number") for r in _rules(old, new))
    assert "number-added" in _rules("We send reminders.", "We send one reminder.")


def test_the_organisations_officers_and_legal_name_are_read_as_written() -> None:
    """Travis CI's policy: its managing directors named (a change of director was "a third
    party changed", the old directors' names → the new one's); Bitbucket's
    operator named by its legal name, whose second legal form was a party of its own
    ("Atlassian Corporation, Bitbucket, Plc"), beside the website it runs."""
    old = ("Acme GmbH, represented by the managing directors Anna Berger and Jonas "
           "Weber (“we”), runs this site.")
    new = "Acme GmbH, represented by the managing director Lena Fischer (“we”), runs this site."
    assert "third party" not in _reason(old, new)
    assert "third party" in _reason(  # a representative is another organisation
        "In the EU we are represented by Verasafe.", "In the EU we are represented by Prighter.")
    reason = _reason("We sign you in with GitHub.", "We sign you in with GitHub. You may "
                     "also sign in on the Bitbucket website operated by Atlassian Corporation "
                     "Plc (“Atlassian”).")
    assert "a third party was added (Atlassian Corporation Plc" in reason, reason
    assert "Bitbucket," not in reason and ", Plc" not in reason, reason
    reason = _reason("We run on GitHub.", "We run on GitHub. An Idera, Inc. company runs "
                     "Assembla, which we also use.")
    assert "a third party was added (Assembla; Idera, Inc.)" in reason, reason
    assert "('An Idera, Inc. company runs Assembla" in reason, reason  # quoted as written
    assert "third party changed" in _reason("We share data with Acme Corp.",
                                             "We share data with Globex Corp.")


def test_two_companies_alike_are_two_and_one_named_twice_is_one() -> None:
    """Travis CI's policy: GitLab added beside GitHub was read as GitHub misspelt (two edits
    in six letters), so no party was added; and GitLab named in a table and as "GitLab Inc"
    in the text was two parties added, "GitLab; GitLab Inc"."""
    reason = _reason("We host code with GitHub.", "We host code with GitHub and GitLab.")
    assert "a third party was added (GitLab)" in reason, reason
    reason = _reason("We host code with GitHub.", "We host code with GitHub.\n\nGitLab hosts "
                     "some too. We share your name with GitLab Inc, of San Francisco.")
    assert "a third party was added (GitLab Inc)" in reason, reason
    assert "third party" not in _reason("We use Mixpanle.", "We use Mixpanel.")  # a typo


def test_a_feature_named_after_its_maker_is_no_third_party() -> None:
    """Travis CI's terms: "…using the Atlassian Bitbucket Sign-In" was "a third party was
    added (Atlassian Bitbucket Sign-In)": a way to sign in, which Atlassian offers."""
    old = "You sign up using your GitHub account."
    new = old + " You may also sign up using the Atlassian Bitbucket Sign-In."
    assert "third party" not in _reason(old, new)
    assert "third party was added (Acme Payments Inc" in _reason(
        old, old + " We share your name with Acme Payments Inc.")
    reason = _reason("We share your tax forms.", "We share your tax forms with H&R Block.")
    assert "third party was added (H&R Block)" in reason, reason  # a company named "Block"


def test_a_drafters_note_binds_no_one() -> None:
    """Travis CI's privacy policy published "…refer to III below [add link]." and then took
    the note out: "Material: the wording changed (removed '[add link]')". A note in
    brackets ("[add link]", "[TBD]", "[insert date]") is the drafter's, not the terms';
    what changed beside it is judged as ever, and a link's words are no note."""
    old = "For details please refer to III below [add link]."
    assert _judge(old, "For details please refer to III below.") == (
        False, "drafting-note", "Not material: only a drafter's note in brackets changed "
        "([add link]).")
    assert _judge("We keep logs [TBD] for 30 days.", "We keep logs for 60 days.")[:2] == (
        True, "duration-changed")
    assert _judge("See [add](https://example.com/a).", "See [add](https://example.com/b).")[
        1] != "drafting-note"


def test_a_kind_of_file_is_no_third_party() -> None:
    """Pear Deck's list of service providers: "ConvertAPI processing service to convert
    existing PowerPoint files to Pear Deck format" quoted PowerPoint as a third party added
    beside ConvertAPI."""
    old = "We use these providers:\n\n- Stripe to take payments"
    new = old + "\n- ConvertAPI processing service to convert existing PowerPoint files"
    reason = _reason(old, new)
    assert "ConvertAPI" in reason and "PowerPoint" not in reason, reason


def test_a_tool_named_for_its_use_states_no_purpose() -> None:
    old = "We measure visits."
    new = old + "\n\nMozilla Glean, our first-party telemetry and analytics platform."
    assert "purpose-added" not in _rules(old, new)
    assert "purpose-added" in _rules("We use your data to run the service.",
                                     "We use your data to run the service and for analytics.")


def test_a_platform_is_a_recipient_only_where_data_goes_to_it() -> None:
    old = "Pre-release versions of Firefox are under active development."
    new = ("Pre-release versions of Firefox are development platforms frequently updated "
           "with experimental features.")
    assert not any(r.startswith("recipient") for r in _rules(old, new))
    assert "recipient-added" in _rules("We share your data with our auditors.",
                                       "We share your data with our auditors and platforms.")


def test_any_third_party_in_a_promise_not_to_share_names_no_one() -> None:
    old = ("We do not store your calendar. Nor do we share your content with any third party "
           "other than your calendar provider.")
    assert not any(r.startswith("recipient") for r in _rules(old, "We do not store your calendar."))
    assert "recipient-added" in _rules("We share it with our auditors.",
                                       "We share it with our auditors and any third party.")


def test_a_name_written_as_a_template_variable_named_after_it() -> None:
    """GitHub Docs writes product names as variables its engine fills in: the page reads
    the same when the variable's name spells the words. A variable that does not, or one
    that stands where a fact was, is not known to say the same."""
    old = "When using Visual Studio Code in the web browser, some telemetry is enabled."
    new = old.replace("Visual Studio Code", "{% data variables.product.prodname_vscode %}")
    material, rule, reason = _judge(old, new)
    assert (material, rule) == (False, "name-templated") and "Visual Studio Code →" in reason
    assert _judge(new, old)[:2] == (False, "name-templated")
    assert _judge("We share data with Acme.", "We share data with {{ partner_name }}.")[0]
    assert _judge("We keep logs for 30 days.", "We keep logs for {{ retention }}.")[0]
    assert _judge("Ask the Data Officer.", "Ask the {{ site.dpo }}.")[0]


def test_a_template_tag_is_no_condition_and_rewritten_alone_is_not_material() -> None:
    """GitHub's additional product terms rewrote "{% if currentVersion == "github-ae@next"
    %}" as "{% ifversion ghae-next %}" around the same words, and the review said "a
    condition was removed ('if currentversion')": the old engine's tag, which lexdocs
    shows as typed and never runs, states no condition of the terms."""
    old = ('You can share features between your GitHub Enterprise Server {% if '
           'currentVersion == "github-ae@next" %}or GitHub AE {% endif %}instance and ours.')
    new = old.replace('{% if currentVersion == "github-ae@next" %}', "{% ifversion ghae-next %}")
    material, rule, reason = _judge(old, new)
    assert (material, rule) == (False, "template-tag-changed") and "→ {% ifversion" in reason
    said = _judge(old, new.replace("instance", "instance, unless you ask,"))
    assert said[:2] == (True, "condition-added") and "currentversion" not in said[2]
    assert _judge(old, old.replace("or GitHub AE", "or GitHub AE and Acme"))[0]
    # A value written in the engine's other syntax, or its key's hyphens for underscores,
    # is the same value (GitHub's guidelines for legal requests, 2020 and 2022); another
    # key may print other words.
    old = "Contact {{ site.data.variables.contact.contact_support }} for help."
    new = "Contact {% data variables.contact.contact-support %} for help."
    assert _judge(old, new)[:2] == (False, "template-tag-changed")
    assert _judge(old, "Contact {% data variables.contact.contact_legal %} for help.")[0]
    from lexdocs.review.renames import without_logic_tags
    from tests.scaling import LINEAR, growth
    for hostile in ("{% if a ", "{%- else", "{% endif %"):
        assert growth(lambda n, h=hostile: lambda: without_logic_tags(h * n), 20_000,  # type: ignore[misc]
                      tries=2) < LINEAR


def test_steps_added_to_follow_in_the_product_are_not_material() -> None:
    """How to do something in the product's own screens states no practice; steps taken
    away, steps that hand data over or that give a new right still are material."""
    old = "To cancel, follow the steps for your product.\n\nBasecamp: open Adminland."
    steps = ('HEY: navigate to "Account & Billing" from the Me menu and select '
             '"Cancel your account".')
    assert _judge(old, f"{old}\n\n{steps}")[:2] == (False, "instructions-added")
    assert _judge(f"{old}\n\n{steps}", old)[0]
    assert _judge(old, f"{old}\n\nHEY: navigate to Settings, where we share your data "
                       "with Acme.")[0]
    assert _judge(old, f"{old}\n\nTo opt out, navigate to Settings and select "
                       "\"Don't sell\".")[0]
    control = "You can remove this feature at any time by turning off sponsored suggestions."
    assert _judge(old, f"{old}\n\n{control}")[:2] == (False, "instructions-added")
    assert _judge(old, f"{old}\n\nYou can ask us to delete your data by clicking Delete.")[0]


def test_whom_a_pointer_is_for_is_no_condition() -> None:
    old = "For candidates applying to jobs at Acme, please review our Recruitment policy."
    new = "If you are applying for a job at Acme, please review our Recruitment policy."
    assert not any(r.startswith("condition") for r in _rules(old, new))
    assert "condition-added" in _rules("We share your email with Acme.",
                                       "If you consent, we share your email with Acme.")


def test_one_more_action_the_organisation_refuses_is_not_material() -> None:
    """"does not collect, access, or store" → "… access, retain, or store" refuses more.
    An action taken out of the list, one put into a list an "unless" qualifies, or into a
    list of what it does, changes what it may do."""
    old = "Mozilla does not collect, access, or store any sensitive information."
    new = old.replace("access, or", "access, retain, or")
    assert _judge(old, new)[:2] == (False, "refusal-widened")
    assert _judge(new, old)[0]
    cond = "We do not share, sell or rent your data unless the law requires it."
    assert _judge(cond, cond.replace("sell or", "sell, trade or"))[0]
    does = "We collect, use, or store your contacts."
    assert _judge(does, does.replace("use, or", "use, share, or"))[0]


def test_advice_to_the_reader_reworded_binds_no_one() -> None:
    old = "We recommend users set up two-factor authentication for added security."
    assert _judge(old, old.replace("users", "all users"))[:2] == (False, "advice-reworded")
    assert _judge(old, "We recommend users share their contacts with us for added security.")[0]
    promise = "We will notify users by email."
    assert _judge(promise, promise.replace("users", "all users"))[0]


def test_an_address_of_this_site_written_out_is_no_new_destination() -> None:
    """"Opt-out on www.mozilla.org" names a place on this organisation's own site, as a link
    within this site does; an address of another organisation written out still counts."""
    def rules(new: str, home: str = "https://www.mozilla.org/") -> set[str]:
        v = classify("Our tools:", f"Our tools: {new}", section_material=True,
                     variables_changed=(), immaterial_vars=frozenset(), home=home)
        return {v.rule, *(r for r, _ in v.also)}

    assert "web-address-added" not in rules("see www.mozilla.org for them.")
    assert "web-address-added" in rules("see www.mozilla.org for them.", home="")
    assert "web-address-added" in rules("see www.adzerk.com for them.")


def test_a_unit_given_to_a_figure_already_there_is_no_duration_added() -> None:
    """"thirty (30) after the terms change" → "thirty (30) days after …": no period came,
    a word did, which the wording rules judge; a figure that changes, or a period that
    arrives with its own figure, is still a duration."""
    old = "Our use of your data is governed by the policy in force thirty (30) after a change."
    new = old.replace("(30) after", "(30) days after")
    assert not {"duration-added", "duration-removed"} & (_rules(old, new) | _rules(new, old))
    assert "duration-changed" in _rules(new, new.replace("(30) days", "(30) months"))
    assert "duration-added" in _rules("We keep logs.", "We keep logs for 30 days.")
    assert "duration-added" in _rules("We keep 30 logs.", "We keep 30 logs for 30 days.")


def test_a_list_of_kinds_of_data_counts_and_names_no_one() -> None:
    """"three categories of data: User Engagement Data, Prompts and Suggestions": the
    figure counts the list after it, and capitalised items of a list of kinds of data are
    kinds of data, not organisations. A figure that counts something else, or a list of
    who receives data, still says so."""
    old = "Copilot collects data as described below."
    new = ("Copilot collects personal data from three categories of data: User Engagement "
           "Data, Prompts and Suggestions.")
    assert not {"number-added", "recipient-added"} & _rules(old, new)
    assert "number-added" in _rules(old, "Copilot keeps three copies of your data.")
    two = "We collect these categories of data: usage and prompts."
    assert "number-added" in _rules(two, two.replace("these", "three"))
    assert "recipient-added" in _rules(old, old + " We share it with our partners: Acme "
                                               "Corp and Initech.")


@pytest.mark.parametrize("phrase", ["your vendor", "if you", "any third party not",
                                    "do not collect,", "We recommend you"])
def test_a_phrase_repeated_without_a_full_stop_is_judged_in_linear_time(phrase: str) -> None:
    """A sentence that never ends made each kind of recipient, each "if" and each refused
    action read the whole text again (2,000 repeats: 10 s), and aligning the two texts
    word by word for a rewrite cost the square of the repeats."""
    from tests.scaling import LINEAR, growth

    def make(n: int) -> Callable[[], object]:
        old = "We share it. " + f"{phrase} " * n
        return lambda: classify(old, old + " and more", section_material=True,
                                variables_changed=(), immaterial_vars=frozenset())
    assert growth(make, 2000, tries=2) < LINEAR


def test_harmless_rewrites_in_several_sentences_are_read_one_sentence_at_a_time() -> None:
    """Two kinds of harmless rewrite in two sentences ("in order to" → "to" in one, a
    list reordered in the next): no one rule explains both at once, each sentence alone
    is explained, and the reason names both. A fact in any one sentence, or a sentence
    added beside them, keeps the paragraph material."""
    old = "We use cookies in order to remember you. We collect your name, email and phone."
    new = "We use cookies to remember you. We collect your phone, name and email."
    material, rule, reason = _judge(old, new)
    assert (material, rule) == (False, "function-words")
    assert "in another order" in reason
    assert _judge(old, new.replace("phone, name", "phone, location, name"))[0]
    assert _judge(old, new.replace("remember you", "remember and track you"))[0]
    assert _judge(old, new + " We share data with partners.")[0]
    assert _judge("We may share your information at your direction. Contact us at any time.",
                  "We may disclose your information at your direction. Contact us anytime."
                  )[:2] == (False, "synonym")


def test_an_address_the_document_still_gives_elsewhere_was_not_removed() -> None:
    """The controller's sentence moved to another section, with the same address: the
    paragraph removed is the finding, not "a postal address was removed", which would say
    readers lost a way to write to the company."""
    old = ("The controller is Example, Inc., 88 Colin P. Kelly Jr. Street, San Francisco, "
           "CA 94107. We answer every letter.")
    new = "We answer every letter."
    elsewhere = document_words("Write to us at 88 Colin P. Kelly Jr. Street, San Francisco, "
                               "CA 94107. " + new)

    def judged(known_new: frozenset[str]) -> tuple[bool, str, str]:
        v = classify(old, new, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset(), known=(document_words(old), known_new))
        return v.material, v.rule, v.reason

    moved = judged(elsewhere)
    assert moved[0] and "postal address" not in moved[2], moved
    gone = judged(document_words(new))  # the document gives the address nowhere now
    assert gone[:2] == (True, "postal-address-removed"), gone
    # another address in its place is still a change, wherever the old one is still given
    changed = classify(old, old.replace("88 Colin P. Kelly Jr. Street", "275 Brannan Street"),
                       section_material=True, variables_changed=(),
                       immaterial_vars=frozenset(), known=(document_words(old), elsewhere))
    assert changed.material and changed.rule.startswith("postal-address"), changed


def test_an_email_address_in_a_paragraph_moved_elsewhere_was_not_removed() -> None:
    """GitHub's statement moved its controller's paragraph, "… GitHub, Inc., 88 Colin P.
    Kelly Jr. Street, San Francisco, CA 94107, privacy@github.com.", to another section:
    "an email address was removed" said readers lost a way to write. The paragraph removed
    is named; an address removed from a sentence that stays, or a paragraph that said
    something the document no longer does, still is an address removed."""
    old = ("The controller is Example, Inc., 88 Main Street, Springfield, privacy@example.com."
           "\n\nWe answer every letter.")
    new = "We answer every letter."

    def judged(a: str, b: str, known_new: frozenset[str]) -> tuple[bool, str, str]:
        v = classify(a, b, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset(), known=(document_words(a), known_new))
        return v.material, v.rule, v.reason

    moved = judged(old, new, document_words(old))  # every word of it still in the document
    assert moved[:2] == (True, "block-removed") and "email" not in moved[2], moved
    gone = judged(old, new, document_words(new))  # the document gives the company nowhere
    assert gone[:2] == (True, "email-address-removed"), gone
    kept = "We answer every letter sent to privacy@example.com."
    cut = judged(kept, new, document_words(kept))
    assert cut[:2] == (True, "email-address-removed"), cut


def test_items_numbered_in_one_sentence_are_judged_in_linear_time() -> None:
    """Committed text is untrusted: each "(n) item" looked back over the whole text for
    the words of a figure it might restate, and forward for a second item number (8,000
    items: 26 s for their facts alone)."""
    from tests.scaling import LINEAR, growth

    def make(n: int) -> Callable[[], object]:
        old = "We refuse " + ", ".join(f"({i % 900}) item" for i in range(n)) + "."
        return lambda: classify(old, old.replace("We refuse", "We never refuse"),
                                section_material=True, variables_changed=(),
                                immaterial_vars=frozenset())
    assert growth(make, 2000, tries=2) < LINEAR


def test_figures_written_otherwise_in_one_long_run_are_read_in_linear_time() -> None:
    """Committed text is untrusted: every edit inside a run of figures is read with the
    figures beside it; read from each edit, a run of figures rewritten a word in two
    ("1 two 1 two …" → "1 2 1 2 …") would be read once an edit."""
    from lexdocs.review.rewrites import _figure_spans
    from tests.scaling import LINEAR, growth

    def make(n: int) -> Callable[[], object]:
        old, new = ["1", "two"] * (n // 2), ["1", "2"] * (n // 2)
        ops = [("replace", i, i + 1, i, i + 1) for i in range(1, n, 2)]
        return lambda: _figure_spans(old, new, ops)
    assert growth(make, 20_000, tries=2) < LINEAR


def test_edits_at_both_ends_of_a_long_repeated_text_are_judged_in_linear_time() -> None:
    """Committed text is untrusted: with the words both texts share at either end set
    aside, what is left was still aligned word by word by difflib, which compares every
    pair of equal words (4,000 repeats: 13 s, 6,000 numbered items: 33 s; each rule that
    aligns the words aligned them again). Past a budget of work a shortest edit finds the
    few words changed, in linear time, and the verdict still names them."""
    from tests.scaling import LINEAR, growth

    def shape(n: int) -> tuple[str, str]:
        return "We keep " + "item " * n + "safe.", "We hold " + "item " * n + "secure."

    def make(n: int) -> Callable[[], object]:
        old, new = shape(n)
        return lambda: classify(old, new, section_material=True, variables_changed=(),
                                immaterial_vars=frozenset())
    assert growth(make, 1900, tries=2) < LINEAR
    assert _quoted(*shape(3000)) == [("wording-changed", ("keep", "safe.", "→", "hold",
                                                          "secure."))]
    items = ", ".join(f"({i % 900}) item" for i in range(6000))
    assert _quoted(f"We refuse {items}.", f"We never refuse {items} and sell them.") == [
        ("negation-added", ("never",)), ("purpose-added", ("sell",))]


def test_many_long_sentences_each_reworded_are_weighed_in_linear_time() -> None:
    """Each changed sentence is weighed against each changed sentence of the other side,
    to tell a negation put into a sentence from one in a sentence of its own: 400 pairs of
    sentences of 400 repeated words, each pair aligned word by word, took 7 s. One budget
    of work serves all the pairs; past it every sentence counts as paired (a rewrite,
    judged by its words), and the negation is still found."""
    from tests.scaling import LINEAR, growth

    def shape(n: int) -> tuple[str, str]:
        return (" ".join(f"We keep {'item ' * n}safe {i}." for i in range(20)),
                " ".join(f"We never keep {'item ' * n}sold {i}." for i in range(20)))

    def make(n: int) -> Callable[[], object]:
        old, new = shape(n)
        return lambda: classify(old, new, section_material=True, variables_changed=(),
                                immaterial_vars=frozenset())
    assert growth(make, 400, tries=2) < LINEAR
    assert _judge(*shape(400))[:2] == (True, "negation-added")


def _made_up(n: int, seed: int) -> list[str]:
    """`n` words no dictionary knows ("bokafe"), each a different one."""
    import random

    rng = random.Random(seed)
    return [f"{''.join(rng.choice('bdfgklmnprstvz') + rng.choice('aeiou') for _ in range(4))}"
            f"{'bdfgklmnprstvz'[i % 14]}" for i in range(n)]


def _known(n: int, seed: int) -> list[str]:
    """`n` English words, each a different one."""
    from lexdocs.review.spelling import _dictionary

    return sorted(w for w in _dictionary() if w.isalpha() and len(w) > 6)[seed::2][:n]


@pytest.mark.parametrize("vocabulary", [_made_up, _known])
def test_a_text_rewritten_to_other_words_is_checked_for_misspellings_in_linear_time(
        vocabulary: Callable[[int, int], list[str]]) -> None:
    """Each word gone was compared with each word that came, for a misspelling it might
    fix: 2,000 English words rewritten to 2,000 others took 58 s (made-up words 18 s). A
    known word is no misspelling, and is only looked up if another spelling of it came
    ("organisation"); past a budget of comparisons a word of the texts, no more words are
    looked up."""
    from tests.scaling import LINEAR, growth

    def make(n: int) -> Callable[[], object]:
        old, new = (f"We keep {' '.join(vocabulary(n, seed))}." for seed in (0, 1))
        return lambda: classify(old, new, section_material=True, variables_changed=(),
                                immaterial_vars=frozenset())
    assert growth(make, 1500, tries=2) < LINEAR


def test_the_words_of_thousands_of_edits_are_quoted_in_linear_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The runs of words a change removed and added are quoted each once: each run was
    looked for among all those kept so far (10,000 runs: 1.5 s for that alone). The
    alignment is given here, so that only the quoting is timed."""
    from lexdocs.review import materiality
    from tests.scaling import LINEAR, growth

    def aligned(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
        return [op for i in range(0, len(a), 2)
                for op in (("replace", i, i + 1, i, i + 1), ("equal", i + 1, i + 2, i + 1, i + 2))]
    monkeypatch.setattr(materiality, "opcodes", aligned)

    def make(n: int) -> Callable[[], object]:
        old = " ".join(f"a{i} s{i}" for i in range(n))
        new = " ".join(f"b{i} s{i}" for i in range(n))
        return lambda: materiality._wording(old, new)
    assert growth(make, 10_000, tries=2) < LINEAR
    monkeypatch.undo()
    assert materiality._wording("We keep logs, keep mail.", "We hold logs, hold mail.") == (
        "keep", "→", "hold")  # a run twice is quoted once, in its place
    assert materiality._wording("a s0 b s1", "c s0 d s1") == ("a", "b", "→", "c", "d")


def test_a_long_sentence_reworded_past_its_sixtieth_character_is_quoted_where_it_differs(
) -> None:
    """Cut at sixty characters, both sides of the arrow read the same and a reviewer sees
    no change; each side is quoted around its difference instead, within the limit."""
    from lexdocs.review.lexicon import contrast

    old = ("To learn more about the European Commission's decisions on the adequacy of "
           "personal data protection, see our page.")
    new = ("To learn more about the European Commission's decisions on the adequacy of the "
           "protection of personal data, see the Commission's website.")
    material, rule, reason = _judge(old, new)
    assert (material, rule) == (False, "cross-reference-changed")
    assert ("(… the adequacy of personal data protection, see our page → … the adequacy of "
            "the protection of personal data, see …)") in reason
    was, now = contrast("A " * 40 + "end", "A " * 40 + "finish")
    assert (was, now) == ("… A A A end", "… A A A finish")
    assert contrast("short one", "short two") == ("short one", "short two")
    assert all(len(x) <= 60 for x in contrast("x " * 80 + "a", "x " * 80 + "b " + "y " * 80))


def test_a_web_address_is_never_cut_into_list_items() -> None:
    """npm's privacy policy broke a link's Markdown, so its address showed as text: the
    reason said "a list item was added ('https', '//en.wikipedia.org/wiki/Tar_',
    'computing%29')", the address cut at its ':' and brackets as a list is."""
    v = classify("Run npm pack to create a tarball, then check its contents.",
                 "Run npm pack to create a [tarball](https://en.wikipedia.org/wiki/Tar_"
                 "(computing%29), then check its contents.", section_material=True,
                 variables_changed=(), immaterial_vars=frozenset())
    # its brackets a pair, as GitHub's autolinks read them: the address keeps the last one
    assert v.reason == ("Material: a web address was added "
                        "(https://en.wikipedia.org/wiki/Tar_(computing%29)).")
    # items beside an address are still items
    v = classify("We share it with Google (see https://policies.google.com/privacy).",
                 "We share it with Google, Stripe (see https://stripe.com/privacy).",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert "Stripe" in v.reason and "'https'" not in v.reason


def test_a_purpose_is_quoted_by_its_words_and_a_sales_team_is_none() -> None:
    """npm's privacy policy added "…, in order to share tips on how to use Orgs, … and to
    notify our sales team …": the reason said "a purpose was added (in order to, sale)",
    a purpose's opening words and a team's name, neither a purpose."""
    v = classify("We use HubSpot to collect data from forms.",
                 "We use HubSpot to track accounts, in order to share tips on how to use "
                 "Orgs, and to notify our sales team. HubSpot collects data from forms.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert v.material and "a purpose was added (in order to share tips on how to use …)" \
        in v.reason and "sale" not in v.reason
    for team in ("our sales team", "the sales department", "sales tax"):
        assert "purpose" not in _reason("We tell nobody.", f"We tell {team}.")
    assert "a purpose was added (sale)" in classify(
        "We keep your data.", "We keep your data for sale.", section_material=True,
        variables_changed=(), immaterial_vars=frozenset()).reason


def test_a_purpose_word_that_names_a_document_is_no_purpose() -> None:
    """Microsoft's advertising policies, archived with Bing's privacy statement, went from
    "Microsoft Advertising enforces our policies across our ad network" to "… enforces these
    advertising policies across the Microsoft ad network": "a purpose was added
    (advertising)". The rules ads must follow are a document; a use for advertising is
    still a purpose."""
    old = "Microsoft Advertising enforces our policies across our ad network."
    for doc in ("these advertising policies", "our marketing guidelines", "the research terms"):
        assert "purpose" not in _reason(old, old.replace("our policies", doc)), doc
    assert "a purpose was added (advertising)" in _reason(
        "We keep your data.", "We keep your data for advertising.")


def test_a_complaint_is_a_right_only_to_whoever_oversees_the_data() -> None:
    """The same advertising policies removed "… how to submit a complaint" about trademarks:
    "a right was removed (complaint)". The right is the reader's complaint to a supervisory
    authority or regulator, however named; a complaint of infringement is none."""
    for right in ("You have the right to lodge a complaint with your local authority.",
                  "You may complain to the Irish Data Protection Commission.",
                  "You can make a complaint to the ICO.", "You have the right to complain.",
                  "You can file a complaint with the supervisory authority."):
        assert "a right was added (complaint)" in _reason("We keep data.", right), right
    assert "right" not in _reason("Review our policies and how to submit a complaint.",
                                  "Review our policies.")


def test_a_numbers_label_ends_no_sentence() -> None:
    """Meta's imprint gained "… Company No. 462932": the reason quoted "a sentence was added
    (…, '462932')", as if the number were a sentence. "No." before a figure is its label;
    "No." before a word still ends one ("Do we sell it? No. We never do.")."""
    v = classify("More.", "More. Registered in Ireland (Companies Registration Office) Company "
                 "No. 462932", section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert "'462932'" not in v.reason and "Company No. 462932" in v.reason, v.reason
    v = classify("Do we sell it? No. We never do.", "Do we sell it? No. We never do. Ever.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert v.reason == "Material: a sentence was added ('Ever').", v.reason


def test_a_telephone_number_is_one_and_its_label_is_nobody() -> None:
    """npm's DPO's block gained "+1 (510) 907-3049" and its suite "#1150" went: the reason
    said "a number changed (1150 → 1, 3049, 510, 907)"; its EU representative's gained
    "Telephone: … Mobile: …", and "Mobile" was "a third party"."""
    v = classify("npm, Inc. 1999 Harrison Street #1150 Oakland, CA 94612",
                 "npm, Inc. 2500 Venture Oaks Way, Suite 390 Sacramento, CA 95833 "
                 "+1 (510) 907-3049", section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert v.material and v.reason == (
        "Material: a telephone number was added (+1 (510) 907-3049); a postal address changed "
        "(1999 Harrison Street #1150 → 2500 Venture Oaks Way, Suite 390).")
    v = classify("DP-Dock GmbH, Ballindamm 39, 20095 Hamburg",
                 "DP-Dock GmbH, Ballindamm 39, 20095 Hamburg. Telephone: +49 (0) 40 99999 - "
                 "3430 Mobile: +49 (0) 172 918 22 22", section_material=True,
                 variables_changed=(), immaterial_vars=frozenset())
    assert v.reason.startswith("Material: a telephone number was added (+49 (0) 172 918 22 "
                               "22, +49 (0) 40 99999 - 3430)") and "third party" not in v.reason
    # figures, dates and ranges stay what they are
    v = classify("We keep 3 copies for 30 days.", "We keep 4 copies for 30 days.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert "a number changed (3 → 4)" in v.reason


def test_a_postal_address_ends_where_another_way_to_write_begins() -> None:
    """npm's open-source terms: "…, 1999 Harrison Street, Suite 1150, Oakland, California
    94612, or by email to legal@npmjs.com": the address quoted ended "…94612, or by email"."""
    v = classify("Write to npm, Inc., 1999 Harrison Street, Suite 1150, Oakland, California "
                 "94612, or by email to legal@npmjs.com.",
                 "Write to npm, Inc., 2500 Venture Oaks Way, Suite 390, Sacramento, California "
                 "95833, or by email to legal@npmjs.com.", section_material=True,
                 variables_changed=(), immaterial_vars=frozenset())
    assert v.reason == ("Material: a postal address changed (1999 Harrison Street, Suite 1150, "
                        "Oakland, California 94612 → 2500 Venture Oaks Way, Suite 390, "
                        "Sacramento, California 95833).")


def test_a_change_logs_first_words_and_a_first_comma_are_nobody() -> None:
    """npm's dispute policy dropped its change log ("2014-05-11 Ported from npm client
    documentation …", "2014-05-12 Fixes a couple of typos"), and its code of conduct a
    "First, …" line: the reasons said "a third party was removed (Fixes, Ported)" and
    "(First)". A line's first word after its date opens it, as a sentence's first word does;
    a name there still counts when it can only be a name."""
    kept = "We share data with Google."
    assert "third party" not in _reason(
        f"{kept}\n\n- 2014-05-11 Ported from npm client documentation\n\n- 2014-05-12 Fixes a "
        "couple of typos", kept)
    assert "third party" not in _reason(f"{kept}\n\n- First, we ask.", kept)
    assert "a third party was removed (Stripe" in _reason(
        f"{kept}\n\n- Stripe, our payments processor.", kept)
    assert "a third party was added (HubSpot)" in _reason(
        kept, f"{kept}\n\n2024-01-02 HubSpot now receives your e-mail address.")


def test_a_verb_joined_to_whom_data_goes_is_nobody() -> None:
    """onetimesecret's statement dropped "we do not share this kind of data with third
    party services or permit this kind of third party data collection": the reason said "a
    third party was removed (permit, third party)". A last word joined by "or" that a
    determiner follows is a verb with its object; a recipient joined so still counts."""
    assert "(permit" not in _reason(
        "We do not share this kind of data with third party services or permit this kind of "
        "data collection on our site.", "We respect your privacy.")
    assert "a third party was added (lenders)" in _reason(
        "We share it with Google.", "We share it with Google or lenders.")


def test_a_kind_of_attack_in_mixed_case_is_nobody() -> None:
    """onetimesecret's statement: "we utilize CloudFlare for DDoS protection" was "a third
    party was added (CloudFlare, DDoS)", an attack's name read as a brand's capitals."""
    v = classify("We host it ourselves.", "We use CloudFlare for DDoS protection.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert v.reason.startswith("Material: a third party was added (CloudFlare)")


NPM = "https://docs.npmjs.com/policies/ npm"
"""npm's site and its own name, as its mkdocs.yml would declare them (own_names: [npm])."""


def test_the_organisations_own_names_in_lower_case_are_its_own() -> None:
    """npm writes itself in lower case: "The npmjs.org website" → "The npm website" (its
    site's address → its own name, `own_names: [npm]` declared) was "Material: the wording
    changed". Only its own names, in lower case, written another way; anyone else's name
    put in, or its name in capitals, is read as before."""
    assert _judge("The npmjs.org website is run by npm, Inc.",
                  "The npm website is run by npm, Inc.", NPM)[:2] == (False, "product-renamed")
    assert _judge("The npmjs.org website is run by npm, Inc.",
                  "The npm website is run by npm, Inc.", "https://docs.npmjs.com/")[0]
    assert _judge("We share it with npmjs.org.", "We share it with acme.com.", NPM)[0]


def test_a_name_after_the_organisations_own_in_lower_case_is_its_product() -> None:
    """npm's security policy: "npm On-Site" → "npm Enterprise" was "a third party changed
    (On-Site → Enterprise)". npm writes its name in lower case, so its products' names
    are no run of capitals with it, as "GitHub Copilot" is; written after its name, they
    are its products. Anyone else's name put in is still a party."""
    assert "third party" not in _reason("These terms cover npm On-Site, which you run.",
                                        "These terms cover npm Enterprise, which you run.", NPM)
    assert _reason("These terms cover npm On-Site, which you run.",
                   "These terms cover Stripe, which you run.", NPM).startswith(
        "Material: a third party was added (Stripe)")


def test_email_before_an_address_is_a_way_to_write() -> None:
    """npm's policies moved "email privacy@npmjs.com" to "open a support ticket": the
    reason said "a category of personal data was removed (email)", the verb read as the
    data. Collecting an e-mail address is still data."""
    assert _reason("If you are in a jam, email privacy@npmjs.com.",
                   "If you are in a jam, open a support ticket.") == \
        "Material: an email address was removed (privacy@npmjs.com)."
    assert "a category of personal data was added (email)" in _reason(
        "We collect your name.", "We collect your name and email.")
    # an address a page hid from robots (Energia's statement, saved through Cloudflare, by
    # turns): "a category of personal data was added (email)" beside the address
    assert _reason("Write to Dataprotection@energia.ie with your request.",
                   "Write to [email protected] with your request.") == \
        "Material: an email address was removed (Dataprotection@energia.ie)."


def test_a_person_addressed_by_title_is_nobody_data_goes_to() -> None:
    """npm's EU representative's block dropped "Attention: Mr. Arno Schlösser": the reason
    said "a third party was removed (Arno Schlösser, …)", the person letters are addressed
    to read as an organisation data goes to. A name without a title still counts."""
    old = ("should also address npm's representative in the Union:\n\nDP-dock GmbH\n"
           "Attention: Mr. Arno Schlösser  \ninfo@dp-dock.com  \nBallindamm 39  \n"
           "20095 Hamburg  \nGermany")
    new = ("should also address npm's representative in the Union:\n\nDP-Dock GmbH  \n"
           "npm@gdpr-rep.com  \nBallindamm 39  \n20095 Hamburg  \nGermany")
    assert "Schlösser" not in _reason(old, new)
    assert "a third party was added (Acme Analytics)" in _reason(
        "We share it with Google.", "We share it with Google and Acme Analytics.")


def test_a_corner_given_in_a_german_address_is_the_address() -> None:
    """npm's EU representative's address dropped its corner, "Ballindamm 39 / Ecke
    Jungfernstieg": the reason said "a third party was removed (Ecke Jungfernstieg)" and
    "a postal address was added", the old address not read as one. It is one address,
    changed; a street alone is still no address."""
    old = "DP-Dock GmbH  \nBallindamm 39 / Ecke Jungfernstieg  \n20095 Hamburg  \nGermany"
    new = "DP-Dock GmbH  \nBallindamm 39  \n20095 Hamburg  \nGermany"
    assert _reason(old, new) == ("Material: a postal address changed (Ballindamm 39 / Ecke "
                                 "Jungfernstieg 20095 Hamburg → Ballindamm 39 20095 Hamburg).")


def test_a_company_number_is_one_fact() -> None:
    """Comms.ID's agreement filled in "ACN [Your ACN]" as "ACN: 686 963 904": the reason
    said "a number was added (686, 904, 963)", one registration number read as three
    figures. Figures stay figures."""
    assert _reason("between Comms.ID Pty Ltd (ACN [Your ACN]), a company",
                   "between Comms.ID Pty Ltd (ACN: 686 963 904), a company") == (
        "Material: a company's registration number was added (ACN: 686 963 904).")
    assert _reason("GitHub B.V., Company number 12345678.",
                   "GitHub B.V., Company number 87654321.").startswith(
        "Material: a company's registration number changed")
    assert _reason("We keep 3 copies.", "We keep 4 copies.") == \
        "Material: a number changed (3 → 4)."


def test_a_documents_version_label_is_nobody() -> None:
    """Comms.ID's terms dropped their "Version: 0.1" line: the reason said "a third party
    was removed (Version)", the label read as a name before a colon ("Acme: …")."""
    assert "third party" not in _reason("Version: 0.1\n\nWelcome to Comms.ID.",
                                        "Welcome to Comms.ID.")


def test_a_british_postcode_is_the_addresss_and_names_no_one() -> None:
    """TikTok's law enforcement guidelines moved their London office ("Barbican, London
    <br> EC2Y 5EB <br> UNITED KINGDOM" → "… EC1A 9HP …"), and the review said "a third party
    changed (EB UNITED KINGDOM, London EC2Y → HP UNITED KINGDOM, London EC1A)"."""
    v = classify("Write to us at Barbican, London EC2Y 5EB UNITED KINGDOM.",
                 "Write to us at Barbican, London EC1A 9HP UNITED KINGDOM.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert v.reason == "Material: a postal address changed (EC2Y 5EB → EC1A 9HP).", v.reason


def test_a_word_added_to_a_heading_in_capitals_is_no_name_lengthened() -> None:
    """WeChat's privacy policy put "TO" in "WHAT INFORMATION DO YOU NEED TO PROVIDE TO
    WECHAT?", and the review said "a name was written in full or shortened (PROVIDE →
    PROVIDE TO)". An English word in capitals is no name's; an acronym still is one."""
    v = classify("WHAT INFORMATION DO YOU NEED TO PROVIDE WECHAT?",
                 "WHAT INFORMATION DO YOU NEED TO PROVIDE TO WECHAT?", section_material=True,
                 variables_changed=(), immaterial_vars=frozenset())
    assert (v.material, v.rule) == (False, "function-words"), v.reason


def test_a_clauses_number_repeated_in_its_words_is_renumbered_with_it() -> None:
    """Google Maps Platform's service terms label a table with its clause's number, "17.2.1
    Table 17.2.1 (Air Quality API Caching Permissions)"; a service put in before it made
    both 19.2.1, and the review said "a number changed (17.2.1 → 19.2.1)". A figure the
    clause states is still read."""
    def verdict(a: str, b: str) -> tuple[bool, str]:
        v = classify(f"Intro.\n\n{a}\n\nMore.", f"Intro.\n\n{b}\n\nMore.", section_material=True,
                     variables_changed=(), immaterial_vars=frozenset())
        return v.material, v.rule
    table = "{n} Table {n} (Air Quality API Caching Permissions) lasts {d} days."
    assert verdict(table.format(n="17.2.1", d=30), table.format(n="19.2.1", d=30)) == (
        False, "item-renumbered")
    assert verdict(table.format(n="17.2.1", d=30), table.format(n="19.2.1", d=60)) == (
        True, "duration-changed")


def test_a_part_cited_by_its_number_is_a_pointer_not_a_figure() -> None:
    """TikTok's cookie policy dropped "in Section 2.2" from "a summary of the types of
    cookies we use in Section 2.2 below", and the review said "a number was removed (2.2)";
    a pointer put in or taken out beside one that stays says where to read, no more. An
    article's number still counts (the GDPR's Article 6 and 9 are other legal bases), and
    a figure beside a pointer is still read."""
    def verdict(a: str, b: str) -> tuple[bool, str, str]:
        v = classify(a, b, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset())
        return v.material, v.rule, v.reason
    said = verdict("We outline the types of cookies we use in Section 2.2 below.",
                   "We outline the types of cookies we use below.")
    assert said[:2] == (False, "pointer-reworded") and "in Section 2.2 → none" in said[2], said
    assert verdict("We rely on Article 6 of the GDPR.",
                   "We rely on Article 9 of the GDPR.")[:2] == (True, "number-changed")
    assert verdict("We keep it for 30 days, see Section 4.",
                   "We keep it for 60 days, see Section 5.")[:2] == (True, "duration-changed")


def test_an_age_with_or_older_is_no_duration() -> None:
    """Pinterest's advertising policy added "Ads can only target Pinners aged 18 years or
    older": "a duration was added (18 years)". An age a rule sets is no time data is kept;
    "for 18 years or longer" still is one."""
    from lexdocs.review import facts
    for said in ("Ads can only target Pinners aged 18 years or older.",
                 "Ads can only target Pinners 18 years or older."):
        found = dict(facts.findings("Ads may target Pinners.", said, (frozenset(), frozenset())))
        assert "duration-added" not in found, found
    found = dict(facts.findings("We keep it.", "We keep it for 18 years or longer.",
                                (frozenset(), frozenset())))
    assert found.get("duration-added") == ("18 years",), found


def test_a_capitalised_term_written_in_plain_words_is_not_material() -> None:
    """GitHub rewrote every policy on one day in 2022, "User Personal Information" →
    "personal information" (its privacy statement and its acceptable use policies alike),
    and each was "the wording changed". Dropping a name from a term ("Google Analytics
    Data" → "analytics data") drops who; a term cut to one word says less."""
    def judged(a: str, b: str) -> tuple[bool, str, tuple[str, ...]]:
        v = classify(a, b, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset())
        return v.material, v.rule, v.evidence
    assert judged("You may not use User Personal Information for spam. Delete User Personal "
                  "Information on request.", "You may not use personal information for spam. "
                  "Delete personal information on request.") == (
        False, "term-written-plain", ("User Personal Information → personal information",))
    assert judged("We keep personal information.", "We keep User Personal Information.")[:2] == (
        False, "term-written-plain")
    assert judged("We share Google Analytics Data with them.",
                  "We share analytics data with them.")[0]
    assert judged("We keep Personal Information.", "We keep information.")[0]
    assert judged("We keep User Personal Information.", "We keep personal data.")[0]


def test_the_numbers_of_parts_cited_in_a_list_are_pointers() -> None:
    """Twitch's terms, parts put in before them, renumbered what survives termination
    ("Sections 7, 8, 11, 12, and 15-17" → "Sections 7-10, 14, and 16-19"), and the review
    said "a number changed (11, 12, 15, 17, 8 → 10, 14, 16, 19)". Where a text points is
    no figure of what it says; a figure beside it still is."""
    def verdict(a: str, b: str) -> tuple[bool, str, str]:
        v = classify(a, b, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset())
        return v.material, v.rule, v.reason
    said = verdict("Provisions that should survive will survive, including Sections 7, 8, 11, "
                   "12, and 15-17 of these Terms.", "Provisions that should survive will "
                   "survive, including Sections 7-10, 14, and 16-19 of these Terms.")
    assert said[:2] == (False, "pointer-reworded") and "Sections 7-10, 14, and 16-19" in said[2]
    assert verdict("We keep it for 30 days under Section 4.",
                   "We keep it for 60 days under Section 5.")[:2] == (True, "duration-changed")


def test_parts_cited_or_listed_by_their_letters_are_pointers_and_titles() -> None:
    """GitHub's terms letter their parts ("G. API Terms") and list them in a table leading
    to each; a part put in before "G." moved every letter after it, and the review said
    "the wording changed ('G,' → 'H,')" of "plus this Section G, when using any of GitHub's
    APIs" and "('R.' → 'S.')" of the table's "R. Miscellaneous". A sentence that says more
    than its letter, and a person's initial in a sentence, still are wording."""
    def judged(a: str, b: str) -> tuple[bool, str, tuple[str, ...]]:
        v = classify(a, b, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset())
        return v.material, v.rule, v.evidence
    assert judged("You agree to these Terms, plus this Section G, when using our APIs.",
                  "You agree to these Terms, plus this Section H, when using our APIs.") == (
        False, "pointer-reworded", ("Section G → Section H",))
    assert judged("R. Miscellaneous", "S. Miscellaneous") == (
        False, "item-renumbered", ("R.", "→", "S."))
    assert judged("Q. Changes to these Terms of Service", "R. Changes to these Terms of "
                  "Service") == (False, "item-renumbered", ("Q.", "→", "R."))
    # a part cited by its letter names no one ("listed in Sections D.4 — D.7")
    said = judged("We keep data.", "We keep data. You grant us the permissions listed in "
                  "Sections D.4 — D.7.")
    assert said[1] != "recipient-added", said
    assert judged("R. Miscellaneous terms apply to you.", "S. Miscellaneous terms apply to "
                  "you.")[:2] == (True, "wording-changed")
    assert judged("You agree to Section G.", "You agree to Section G and Section H.")[0]


@pytest.mark.parametrize("hostile", ["Sections 1, ", "1, 2 and ", "section 1-", "1 , , ,",
                                     "Section 1a(b)c and ", "Section A, B.1, ", "Section A."])
def test_lists_of_cited_parts_are_read_in_linear_time(hostile: str) -> None:
    from lexdocs.review.rewrites import _PART_LIST
    from lexdocs.review.typed import _CITED_PART
    from tests.scaling import LINEAR, growth

    def every_number(n: int) -> Callable[[], object]:
        text = hostile * n
        return lambda: [_CITED_PART.search(text, i - 60, i) for i in range(60, len(text), 7)]
    assert growth(lambda n: lambda: _PART_LIST.findall(hostile * n), 20_000, tries=2) < LINEAR
    assert growth(every_number, 20_000, tries=2) < LINEAR


def test_the_lines_before_a_british_postcode_are_the_addresss_not_parties() -> None:
    """Bluesky's privacy policy named its DPO, "Ametros Group Ltd, Lakeside Offices, Thorn
    Business Park, Rotherwas Industrial Estate, Hereford, Herefordshire, HR2 6JT", and the
    review said "a third party was added (Ametros Group Ltd, Hereford, Herefordshire,
    Rotherwas Industrial Estate)": the town, the county and the estate are the address's,
    the company its addressee."""
    v = classify("We have appointed a Data Protection Officer (DPO).",
                 "We have appointed a Data Protection Officer (DPO). You may contact our DPO "
                 "at Ametros Group Ltd, Lakeside Offices, Thorn Business Park, Rotherwas "
                 "Industrial Estate, Hereford, Herefordshire, HR2 6JT.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert "a third party was added (Ametros Group Ltd)" in v.reason, v.reason
    assert ("a postal address was added (Lakeside Offices, Thorn Business Park, Rotherwas "
            "Industrial Estate, Hereford, Herefordshire, HR2 6JT)") in v.reason, v.reason


def test_an_address_is_read_whole_with_a_range_a_counted_floor_or_as_france_writes_it() -> None:
    """Telegram's privacy policy as archived named its representative "Telegram UK
    Holdings Ltd (71-75 Shelton Street, Covent Garden, London, England, WC2H 9JQ)": the
    address was read from "75", and when it went, "71" was "a number changed (71 → 27)"
    beside the address changed. A range of figures is no span of time either."""
    old = ("We designated one of our group companies, Telegram UK Holdings Ltd (71-75 Shelton "
           "Street, Covent Garden, London, England, WC2H 9JQ), as a representative.")
    v = classify(old, old.replace("71-75", "73-75"), section_material=True,
                 variables_changed=(), immaterial_vars=frozenset())
    assert v.reason == ("Material: a postal address changed (71-75 Shelton Street, Covent "
                        "Garden, London, England, WC2H 9JQ → 73-75 Shelton Street, Covent "
                        "Garden, London, England, WC2H 9JQ)."), v.reason
    # Stack Overflow's privacy officer moved to "14 Wall Street, 20th Floor, New York, NY
    # 10005": the address was quoted "14 Wall Street", cut at the floor's figure
    v = classify("Privacy Officer, 110 William Street, Floor 28, New York, NY 10038.",
                 "Privacy Officer, 14 Wall Street, 20th Floor, New York, NY 10005.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert "→ 14 Wall Street, 20th Floor, New York, NY 10005)" in v.reason, v.reason
    # Hugging Face's main establishment, "9 rue des Colonnes, 75002 Paris, France", put in:
    # "a postal address was added (Colonnes, 75002 Paris, France)"
    v = classify("Our main establishment is Hugging Face SAS.", "Our main establishment is "
                 "Hugging Face SAS, whose headquarters are on 9 rue des Colonnes, 75002 Paris, "
                 "France.", section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert "a postal address was added (9 rue des Colonnes, 75002 Paris, France)" in v.reason, (
        v.reason)
    # Olvid's, the town before its postcode: "a number changed (9 → 26)" beside "a postal
    # address was removed (9 rue Charlot 75003 Paris)"
    v = classify("Olvid, whose office is at 9 rue Charlot 75003 Paris.",
                 "Olvid, whose office is at 26, rue Vignon, Paris 75009.", section_material=True,
                 variables_changed=(), immaterial_vars=frozenset())
    assert v.reason == ("Material: a postal address changed (9 rue Charlot 75003 Paris → 26, "
                        "rue Vignon, Paris 75009)."), v.reason
    # Airbnb's controller for the EEA moved to Luxembourg, its postcode after the country's
    # letter: "(100 New Bridge Street, London, EC4V 6JA, is the controller → …)" beside "a
    # third party was added (Henri Schnadt, L-2350 Luxembourg)"
    v = classify("Airbnb Payments UK Ltd, 100 New Bridge Street, London, EC4V 6JA, is the "
                 "controller.", "Airbnb Payments Luxembourg SA, 4 rue Henri Schnadt, L-2350 "
                 "Luxembourg, is the controller.", section_material=True,
                 variables_changed=(), immaterial_vars=frozenset())
    assert ("a postal address changed (100 New Bridge Street, London, EC4V 6JA → 4 rue Henri "
            "Schnadt, L-2350 Luxembourg)") in v.reason and "Henri Schnadt)" not in v.reason, (
        v.reason)
    # Evernote's: a street with no street word, its suite, the state written out ("a
    # number was added (210, 2400)" beside the old address removed)
    v = classify("EVERNOTE CORPORATION  \n305 Walnut Street  \nRedwood City, CA 94063",
                 "EVERNOTE CORPORATION  \n2400 Broadway, Suite 210  \nRedwood City, California "
                 "94063", section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert "number" not in v.reason and "→ 2400 Broadway, Suite 210" in v.reason, v.reason
    # Tinder's controller moved to "1 Hatch Street Upper ⏎ Dublin 2 ⏎ D02 PY28", a line
    # each: "(42 Charlemont Street, … → 1 Hatch Street; D02 PY28)", the street's side cut
    old = "The controller is:\n\nTinder\n\n42 Charlemont Street\n\nDublin 2\n\nD02 R593"
    v = classify(old, old.replace("42 Charlemont Street", "1 Hatch Street Upper").replace(
        "D02 R593", "D02 PY28"), section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert "→ 1 Hatch Street Upper, Dublin 2 D02 PY28)" in v.reason, v.reason
    # Tinder's UK representative: the paragraph after the address was read into it
    # ("… SW14 8JN, United Kingdom UK representation")
    v = classify("By post:", "By post:\n\nPrighter Group  \n20 Mortlake High Street,  \n"
                 "London, SW14 8JN,  \nUnited Kingdom\n\nUK representation certificate here.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert "(20 Mortlake High Street, London, SW14 8JN, United Kingdom)" in v.reason, v.reason
    assert _judge("We keep it for 30-60 days in the same way.",
                  "We keep it for 30-90 days in the same way.")[1] == "duration-changed"


def test_a_fact_repeated_is_quoted_once() -> None:
    """Bitwarden's privacy policy as archived lowered its minimum age from 16 to 13, which
    it states four times: "a number changed (16, 16, 16, 16 → 13, 13, 13, 13)"."""
    old = "You must be 16. Under 16? Ask a parent. At 16 you may join. 16 is the age."
    v = classify(old, old.replace("16", "13"), section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert v.reason == "Material: a number changed (16 → 13).", v.reason


def test_a_duration_keeps_its_decimals() -> None:
    """Snapchat's privacy request metrics: "Average response time: 1 day" → "1.1 days" was
    "a duration was added (1 days)", the figure read from its decimals on."""
    v = classify("We answer within 1 day.", "We answer within 1.1 days.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert v.reason == "Material: a duration changed (1 day → 1.1 days).", v.reason


METRICS = ("**Metrics On Your Rights**\n\n**Right to Know  \n**Received: 3  \nComplied with: 3  \n"
           "Denied: 0  \nAverage response time: 1 day\n\nThe metrics above are for calendar "
           "year 2024. We keep the metrics for 30 days.")


def test_a_report_of_requests_counting_another_year_is_no_change_of_terms() -> None:
    """Snapchat's privacy policy publishes how many requests it received and answered, as
    the CCPA's regulations ask ("Received: 3", "Complied with: 3", "Average response
    time: 1 day", "The metrics above are for calendar year 2024"): each year's new figures
    were "Material: a duration changed …; a number changed …". A figure anywhere else, or
    anything else changed beside them, still counts."""
    new = (METRICS.replace("Received: 3", "Received: 16").replace("with: 3", "with: 16")
           .replace("1 day", "1.1 days").replace("2024", "2025"))
    v = classify(METRICS, new, section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert v.reason == ("Not material: only the figures of the report of requests received "
                        "and answered changed (3 → 16, 1 day → 1.1 days and 2024 → 2025)."
                        ), v.reason
    for more in (new.replace("30 days", "90 days"),
                 new.replace("Denied: 0", "Denied: 0\n\nWe share it with Acme Ltd.")):
        assert classify(METRICS, more, section_material=True, variables_changed=(),
                        immaterial_vars=frozenset()).material


def test_a_report_of_requests_is_read_in_linear_time() -> None:
    from lexdocs.review.reports import metrics_only
    from tests.scaling import LINEAR, growth
    for hostile in ("metrics ", "Received:", "received: 1 ", "metrics. "):
        assert growth(lambda n, h=hostile: lambda: metrics_only(
            f"Received: 1 {h * n}", f"Received: 2 {h * n}"), 20_000, tries=2) < LINEAR


def test_a_count_of_the_services_users_is_no_change_of_terms() -> None:
    """Telegram's privacy policy as archived: "Telegram also has more than 200 million
    users which makes it a lucrative target for spammers" → "400 million", and at each
    milestone after, was "Material: a number changed (200 → 400)", and "900 million" →
    "1 billion" was quoted "(900, million → 1, billion)". A plan's "up to 5 users", or a
    figure beside the count, still counts."""
    said = "Telegram also has more than {} users which makes it a target for spammers."
    for a, b, shown in (("200 million", "400 million", "200 million → 400 million"),
                        ("900 million", "1 billion", "900 million → 1 billion"),
                        ("1,000,000", "2,500,000", "1,000,000 → 2,500,000")):
        v = classify(said.format(a), said.format(b), section_material=True,
                     variables_changed=(), immaterial_vars=frozenset())
        assert v.reason == ("Not material: only the count of the service's users changed "
                            f"({shown})."), v.reason
    for old, new, shown in (
            ("Up to 5 users can share a plan.", "Up to 10 users can share a plan.", "(5 → 10)"),
            ("We insure up to 900 million dollars.", "We insure up to 1 billion dollars.",
             "(900 million → 1 billion)"),
            (said.format("200 million") + " We keep logs 12 months.",
             said.format("400 million") + " We keep logs 18 months.", "(12 months → 18 months)")):
        v = classify(old, new, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset())
        assert v.material and shown in v.reason, v.reason


def test_a_count_of_users_is_read_in_linear_time() -> None:
    from lexdocs.review.reports import users_counted
    from tests.scaling import LINEAR, growth
    for hostile in ("1 million ", "1,000,000,", "10k+ ", "1 million users "):
        assert growth(lambda n, h=hostile: lambda: users_counted(
            f"{h * n} users", f"{h * n} people"), 20_000, tries=2) < LINEAR


def test_sales_related_and_point_of_sale_name_no_sale_of_data() -> None:
    """Overleaf's privacy policy as archived: "its affiliate, Digital Science & Research
    Solutions Inc. in the case of sales-related resources" was "a purpose was added
    (sale)". Neither that nor a point-of-sale terminal sells anyone's data; a sale of data
    is still one."""
    for said in ("Our affiliate handles sales-related resources.",
                 "We keep data from point-of-sale terminals.",
                 # Zillow's menu, archived by turns: things for sale, not data
                 "Find homes and apartments for sale."):
        v = classify("We keep data.", f"We keep data. {said}", section_material=True,
                     variables_changed=(), immaterial_vars=frozenset())
        assert "purpose" not in v.reason, v.reason
    for sold in ("We keep data for the sale of your data.", "We offer your data for sale."):
        v = classify("We keep data.", sold, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset())
        assert "a purpose was added (sale)" in v.reason, v.reason


def test_a_purpose_is_a_processings_only_in_a_sentence_about_it() -> None:
    """Snapchat's community guidelines, on what may not be posted: "Activity that
    involves …, including sharing imagery … for the purpose of sexual gratification" was
    "a purpose was added (for the purpose of sexual gratification)", the purpose of a
    forbidden act read as one of processing data. A purpose's marker counts in a
    sentence that speaks of data, of the reader or of what we do."""
    old = "When we identify them, we remove:\n\n*   Activity that involves abuse\n"
    v = classify(old, old.replace("abuse", "abuse, including sharing imagery depicting abuse "
                                  "for the purpose of sexual gratification, or extortion")
                 + "*   Attempted selling of drugs\n", section_material=True,
                 variables_changed=(), immaterial_vars=frozenset())
    assert "a purpose was" not in v.reason, v.reason
    kept = classify("We use it to run the service.", "We use it to run the service. Your "
                    "data is kept in order to comply with the law.", section_material=True,
                    variables_changed=(), immaterial_vars=frozenset())
    assert "a purpose was added (in order to comply with the law" in kept.reason, kept.reason
