"""Who a name is, and evidence that only quotes what the edit did (review/names.py, facts.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from lexdocs.config import options_from
from lexdocs.review import clauses, facts, links
from lexdocs.review.capitals import _REGULATION, CAP_RUN, names_in
from lexdocs.review.materiality import classify
from lexdocs.review.names import own_names, who
from lexdocs.review.pointers import cited_titles_masked
from lexdocs.review.products import products
from lexdocs.review.terms import defined_terms
from lexdocs.review.typed import _TYPED
from lexdocs.review.vocabulary import NOT_DATA, NOT_PURPOSE
from lexdocs.review.withwhom import shared_with
from tests.scaling import LINEAR, growth

NONE: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


def _found(old: str, new: str, home: str = "") -> dict[str, tuple[str, ...]]:
    return dict(facts.findings(old, new, NONE, home))


def _parties(sentence: str) -> tuple[str, ...]:
    """The third parties a reason would name for `sentence` added to a one-line text."""
    return _found("We keep data.", f"We keep data. {sentence}").get("recipient-added", ())


def test_who_tells_organisations_from_places_products_documents_and_terms() -> None:
    own = own_names("https://docs.github.com/en/site-policy/ githubsupport.com")
    assert own == {"github", "githubsupport"}
    made = products("the Smart Window feature, your Polldaddy survey, a device with Apple "
                    "Intelligence")
    kinds = {n: who(n, own, made) for n in (
        "Colorado", "German", "VPN", "GitHub Premium Support", "GitHub B.V.", "Smart Window",
        "Polldaddy", "Apple Intelligence", "Smart Window Privacy Notice",
        "Standard Contractual Clauses", "European Commission", "Recurring Payments",
        "Stripe", "Internet Corporation for Assigned Names and Numbers", "Google Analytics")}
    assert kinds == {
        "Colorado": "place", "German": "language", "VPN": "acronym",
        "GitHub Premium Support": "own", "GitHub B.V.": "own", "Smart Window": "product",
        "Polldaddy": "product", "Apple Intelligence": "product",
        "Smart Window Privacy Notice": "product", "Standard Contractual Clauses": "document",
        "European Commission": "lawmaker", "Recurring Payments": "term",
        "Stripe": "organisation", "Internet Corporation for Assigned Names and Numbers":
            "organisation", "Google Analytics": "organisation"}


def test_examples_of_a_kind_no_one_is_are_no_third_parties() -> None:
    """Mozilla's privacy notice (2018): "distributed through channels such as Nightly,
    Beta, TestFlight and BuddyBuild" → "… Nightly, Beta, Developer Edition and
    TestFlight" was "a third party was removed (BuddyBuild)": a release channel, as the
    sentence says. What a network or a service "such as" names can receive data, and
    stays a party."""
    old = ("Pre-release versions (distributed through channels such as Nightly, Beta, "
           "TestFlight and BuddyBuild) are under active development.")
    new = old.replace("TestFlight and BuddyBuild", "Developer Edition and TestFlight")
    assert "recipient-removed" not in _found(old, new), _found(old, new)
    said = _found("We share it with social networks such as Twitter.",
                  "We share it with social networks such as Twitter and Foursquare.")
    assert said.get("recipient-added") == ("Foursquare",), said


def test_topics_of_channels_and_who_speaks_a_language_are_no_third_parties() -> None:
    """Telegram's privacy policy as archived: "channels (e.g., Finance, Business &
    Entrepreneurship, or Humor & Memes)" and "an ad for Spanish-speaking audiences" were
    "a third party was added (Business & Entrepreneurship, Finance, Humor & Memes,
    Spanish-speaking)": the topics of channels, and a language's speakers. What partners
    are named as stays a party, and so does a name that only ends in "-speaking"."""
    assert _parties("Users who follow public channels (e.g., Finance, Business & "
                    "Entrepreneurship, or Humor & Memes) may see ads from that category.") == ()
    assert _parties("We show topics such as Finance or Travel.") == ()
    assert _parties("Advertisers may create an ad for Spanish-speaking audiences.") == (
        "advertisers",)
    assert _parties("We share data with partners (e.g., Crate & Barrel).") == (
        "Crate & Barrel", "partners")
    assert _parties("We share it with Foo-speaking Ltd.") == ("Foo-speaking Ltd.",)
    assert _parties("You can log in using third party applications (e.g., Facebook and "
                    "Apple).") == ("Apple", "Facebook", "third party")


def test_a_name_goes_on_past_its_french_or_spanish_particles() -> None:
    """Hugging Face's privacy policy as archived: "the French Data Protection Agency, la
    Commission Nationale de l'Informatique et des Libertés (CNIL)" was "a third party was
    added (Commission Nationale, Informatique, Libertés)": one body, the regulator, cut at
    "de l'" and "et des". So are "Banque de France" and "Banco de España" one name each;
    two names joined by "and" stay two."""
    assert _parties("This gives full authority to the French Data Protection Agency, la "
                    "Commission Nationale de l'Informatique et des Libertés (CNIL).") == ()
    assert _parties("We share it with Banque de France, Banco de España and the Caisse des "
                    "Dépôts et Consignations.") == (
        "Banco de España", "Banque de France", "Caisse des Dépôts et Consignations")
    assert _parties("We share it with Acme and Initech.") == ("Acme", "Initech")
    # a law named so is one too, and no one: Brazil's "Marco Civil da Internet" and "Lei
    # Geral de Proteção de Dados", France's "Code de la Consommation"
    assert _parties("This is governed by the Marco Civil da Internet, the Lei Geral de "
                    "Proteção de Dados and the Code de la Consommation.") == ()


def test_a_code_of_conduct_is_a_document_whoever_it_is_named_for() -> None:
    """Coursera's privacy policy as archived: "our Code of Conduct" went, and was "a
    third party changed (… → Conduct)"; over the archived texts "Conduct" was a party in
    fourteen documents, "Wikimedia Foundation Code of Conduct" and "Alibaba Group Code of
    Business Conduct" once the code was read whole. A code is a document; the company a
    name ends with stays one."""
    assert _parties("Posts must follow the Code of Conduct, the Wikimedia Foundation Code of "
                    "Conduct and the Alibaba Group Code of Business Conduct.") == ()
    assert _parties("We share it with Code of America Inc.") != ()


def test_a_plan_named_by_an_english_word_is_no_third_party() -> None:
    """Stack Overflow's privacy policy as archived: "If you are a Stack Overflow for Teams,
    Free customer" was "a third party was added (Free)"; "Enterprise customers" the same.
    A company whose name is an English word stays one ("Square customers"), and so does a
    service one subscribes to."""
    assert _parties("If you are a Stack Overflow for Teams, Free customer, we keep your "
                    "data.") == ()
    assert _parties("We show it to the admins of Enterprise customers.") == ()
    assert "Square" in _parties("We share data with Stripe and Square customers.")
    # one moved to ("if you upgrade to Premium"); a service one subscribes to stays one
    assert _parties("If you upgrade to Premium, we keep your payment details.") == ()
    assert _parties("If you downgrade to Free, we delete your files.") == ()
    assert "Slack" in _parties("You can subscribe to Slack for our updates.")


def test_a_kind_of_software_is_no_third_party() -> None:
    """Google Play's developer policy: "Maskware is an app that uses evasion techniques",
    renamed "Riskware", was "a third party changed (Maskware → Riskware)". A word made of
    an English word and "-ware" names a kind of software; "Tupperware" is a name."""
    said = _found("Maskware is an app that hides malicious code.",
                  "Riskware is an app that hides malicious code.")
    assert not any(k.startswith("recipient") for k in said), said
    said = _found("We sell through our shop.", "We sell through our shop and Tupperware.")
    assert said.get("recipient-added") == ("Tupperware",), said


def test_a_name_in_code_is_no_third_party() -> None:
    """Google Play's developer policy wrote a permission in code with its quotes,
    "`USE_FULL_SCREEN_INTENT`", and a new one was "a third party was added (INTENT')"."""
    def judged(new: str) -> str:
        return classify("Apps must ask the user first.", new, section_material=True,
                        variables_changed=(), immaterial_vars=frozenset()).reason

    reason = judged("Apps must ask the user first, with the `POST_NOTIFICATIONS` permission.")
    assert "third party" not in reason, reason
    reason = judged("Apps must ask the user first, with `POST_NOTIFICATIONS` from Stripe.")
    assert "a third party was added (Stripe)" in reason, reason
    # a long word beside a name in code is read once (a pattern searched from each of its
    # letters read it again each time)
    from tests.scaling import LINEAR, growth
    assert growth(lambda n: lambda: _found("We share it.", "We share it with POST_X and "
                                           + "a" * n + "."), 200_000, tries=2) < LINEAR


def test_words_after_a_typed_bullet_or_a_full_width_colon_open_a_sentence() -> None:
    """Shein's conditions of sale as archived: a table of returns whose steps are typed
    with "●" ("● Pack your return item(s) securely", "● Show the QR code to the staff")
    and a label with a full-width colon ("Refund Timeframe：Approximately 10-15 Days")
    made "a third party was removed (Pack, QR, Show, Take)" and "(Approximately, Refund
    Timeframe)". The carrier named in the steps is still a party."""
    old = ("● Pack your return item(s) securely.\n\n● Take the package to your nearest USPS "
           "location.\n\n● Show the QR code to the staff.\n\nReturn and Refund Timeframe："
           "Approximately 10-15 Days.")
    said = _found(old, "Contact us.")
    assert said.get("recipient-removed") == ("USPS",), said


def test_a_currency_by_its_code_is_no_third_party() -> None:
    """Instagram's commercial terms as archived: "(USD)" was "a third party was added
    (USD)"."""
    said = _found("You pay in your own currency.",
                  "You pay in your own currency (USD, GBP) through Stripe.")
    assert said.get("recipient-added") == ("Stripe",), said


def test_an_example_labelled_ex_names_no_third_party() -> None:
    """Facebook's community standards as archived turned each "(e.g. "…")" into "(Ex:
    “…”)", and each was "a third party was added (Ex)"; "Ex:" is "e.g."."""
    said = _found("Claims that vaccines are deadly are removed.",
                  "Claims that vaccines are deadly (Ex: “Sure, take them.”) are removed.")
    assert not any(k.startswith("recipient") for k in said), said
    v = classify('Vaccines are deadly (e.g. "Sure, take them.")',
                 "Vaccines are deadly (Ex: “Sure, take them.”)", section_material=True,
                 variables_changed=(), immaterial_vars=frozenset())
    assert (v.material, v.rule) == (False, "synonym"), v.reason


def test_a_preposition_after_with_names_no_recipient() -> None:
    """Quora's privacy policy: "the categories of third parties we have shared it with over
    the past 12 months" was "a third party was added (over the past)": the object of
    "with" came before it, as it does before a "with" that a conjunction follows."""
    said = _found("You may ask for a copy.", "You may ask for a copy, and for the categories "
                  "of recipients we have shared it with over the past 12 months.")
    assert "over the past" not in str(said), said
    said = _found("We share it.", "We share it with Acme Analytics.")
    assert said.get("recipient-added") == ("Acme Analytics",), said
    # Snap's privacy policy: "whom we share it with and the controls we give you" was "a
    # third party changed (… → controls we give, …)"
    said = _found("We explain what we collect.", "We explain what we collect, whom we share "
                  "it with and the controls we give you to delete it.")
    assert "controls" not in str(said.get("recipient-added")), said
    # and "content created with other Snapchatters is flagged" was "(Snapchatters is
    # flagged)": the object of "with" ends where the sentence's verb begins
    said = _found("We may remove your account.", "We may remove your account if content you "
                  "shared with other members is flagged by others.")
    assert said.get("recipient-added") == ("members",), said
    # Parler's: "follow the opt-out directions sent with each text" was "(each text)"
    said = _found("You may opt out.", "You may follow the opt-out directions sent with each "
                  "text.")
    assert not said.get("recipient-added"), said
    # LinkedIn's: "with the help of automated systems" → "with the help of AI, automated
    # systems" was "a third party changed (help of automated systems → help of AI)": the
    # means, not a recipient; one named after it still is ("with the help of Acme Ltd")
    said = _found("We personalize it with the help of automated systems.",
                  "We personalize it, and we share it, with the help of AI and automated "
                  "systems.")
    assert not any(k.startswith("recipient") for k in said), said
    said = _found("We share it.", "We share it with the help of Acme Ltd, which hosts it.")
    assert said.get("recipient-added") == ("Acme Ltd",), said


def test_a_forms_number_is_no_third_party() -> None:
    """Parler's privacy policy: "we collect form W-9 as required by the IRS" made "a third
    party changed (IRS; W-9; …)". A form's number names a document; the agency that
    requires it may still be named."""
    said = _found("We pay you.", "We pay you. We collect form W-9 as required by the IRS.")
    assert said.get("recipient-added") == ("IRS",), said


def test_a_legal_name_in_a_table_cell_is_a_party() -> None:
    """2FA Directory's privacy policy (2023) added a row to its table of sub-processors,
    "Zoho Corporation Pvt. Ltd | Email | EEA": the review said only "a category of
    personal data was added (email)", because a cell in Title Case is read as a heading.
    A legal name is a company wherever it is written; a plain title is still none."""
    cells = "Sub-Processor\n\nActivity\n\nGitHub Inc.\n\nHosting"
    v = classify(cells, cells + "\n\nZoho Corporation Pvt. Ltd\n\nEmail\n\nEEA",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert v.material and "party was added (Zoho Corporation Pvt. Ltd)" in v.reason, v.reason
    v = classify(cells, cells + "\n\nContent Delivery\n\nEEA", section_material=True,
                 variables_changed=(), immaterial_vars=frozenset())
    assert "third party" not in v.reason, v.reason


def test_a_place_named_as_of_somewhere_and_what_with_means_are_no_third_parties() -> None:
    """Anthropic's privacy policy (2025): "located in Canada, Brazil, or the Republic of
    Korea" was "a third party was added (Republic)", and "actions with effects outside
    the Services" was "a third party was added (effects outside the Services)", and
    "With an individual's consent:" was "(individual's consent)". A bank of a place, or
    someone's employer, is still one."""
    def judged(old: str, new: str) -> str:
        return classify(old, new, section_material=True, variables_changed=(),
                        immaterial_vars=frozenset()).reason

    assert "third party" not in judged(
        "If you are located in Canada or Brazil, please read the Disclosure.",
        "If you are located in Canada, Brazil, or the Republic of Korea, please read the "
        "Disclosure.")
    assert "third party" not in judged(
        "Some Outputs of the Services may result in actions.",
        "Some Outputs of the Services may result in actions with effects outside the "
        "Services, such as sending communications.")
    # Anthropic's privacy policy (2026): a label that says whose consent discloses
    assert "third party" not in judged(
        "We disclose data as follows.\n\nWith your consent: we disclose data when you "
        "direct us.", "We disclose data as follows.\n\nWith an individual's consent: we "
        "will disclose personal data when an individual directs us.")
    assert "(partners → employer)" in judged("We share data with partners.",
                                             "We share data with the user's employer.")
    assert "Bank of England)" in judged("We share data with our bank.",
                                         "We share data with the Bank of England.")


@pytest.mark.parametrize(("old", "new"), [
    ("We rely on adequacy decisions when transferring your data.",
     "We rely on the European Commission’s adequacy decisions and the UK Secretary of State’s "
     "adequacy regulations when transferring your data."),
    ("For example:<br>*   Retaining billing information.",
     "For example:<br>*   Retaining billing information.<br>*   Investigating violations of "
     "our Terms."),
    ("We keep your chats.", "You can delete specific Saved Memories or all of your chats."),
    ("We transfer data under the SCCs.",
     "We transfer data under the SCCs and the UK International Data Transfer Addendum."),
    # Discord's privacy policy as archived: the Data Privacy Framework by its initials
    ("We transfer data under the SCCs.",
     "We transfer data under the SCCs, the EU-U.S. DPF and the Swiss-U.S. DPF."),
    ("California residents may ask us about disclosures.",
     "California residents may ask us about disclosures under Cal. Civ. Code § 1798.83."),
    ("You have rights.", "You have rights.\n\nRight to Request a List of Third-Party "
                         "Recipients. You may ask us for the list."),
    # OpenAI's enterprise privacy page (as archived): an edition of a product, for whom
    ("It works with ChatGPT Enterprise and ChatGPT Edu.",
     "It works with ChatGPT Enterprise, ChatGPT Edu and ChatGPT for Teachers."),
    # Microsoft's privacy statement (as archived): what "with" names is no one here
    ("We share your data as described.", "We share your data with the expectation we will "
                                         "retain it."),
    ("You can control the data we share.", "You can control the data we share with tools "
                                           "we provide."),
    # Snap's privacy policy and data processing terms (as archived)
    ("You can share Snaps.", "You can share Snaps with just your friends."),
    # an item's label, its bold lost in the archive's copy, that the item says again small
    ("We collect data.", "We collect data.\n\n* Device Phonebook. Because our app is about "
                         "friends, we may collect information from your device's phonebook."),
    ("We collect data.", "We collect data.\n\n* Camera and Photos. We collect images from "
                         "your device's camera and photos."),
    # Instagram's: a part's title, its word one the list lacks
    ("We anonymise it.", "Our processes include Anonymising your information."),
    # Binance's: what its checks are called, a tool's engine, a law's maker
    ("We share data with service providers.", "We share data with service providers for "
     "CTF/AML and KYC checks, and use AI-powered tools, as EU or EU Member State law "
     "requires."),
    ("The clauses apply.", "The parties, as set out in Annex I.A and Annex I.B, and the "
                           "Appendix, agree to Clause 7 of the Annexes."),
])
def test_a_minister_an_item_a_feature_and_an_addendum_are_no_third_parties(
        old: str, new: str) -> None:
    """OpenAI's privacy policy (2026): "a third party was added" named "State, UK
    Secretary", "Investigating" (an item's first word, after a bullet typed in a table
    cell), "Saved Memories" (a feature in plain words, whose plural read as no word) and
    "UK International Data Transfer Addendum" (a document); Perplexity's named "Civ" (a
    code of law cited) and "List, Request" (a heading run into its paragraph); Snap's
    named "just your friends" and "Annex I.A, Annexes, Appendix, Clause"; OpenAI's
    enterprise page "Teachers" ("ChatGPT for Teachers") and "a number was removed (5)"
    ("GPT-3.5"); Snap's "Device Phonebook" (an item's label, which the item says again in
    small letters). A name run in as a heading ("Bank of America. We share …", "Google
    Analytics. We use Google Analytics"), or one a product is "for", is still one."""
    v = classify(old, new, section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert "third party" not in v.reason, v.reason
    v = classify("Our API offers GPT-4 and GPT-3.5 Turbo models.", "Our API offers our models.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert "number" not in v.reason, v.reason  # "GPT-3.5": the name's number, no figure
    v = classify("We share data.", "We share data. We may use Stripe for Payments.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert "(Stripe)" in v.reason, v.reason
    v = classify("We share data.", "We share data.\n\nBank of America. We share payment data "
                 "with it.", section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert "(Bank of America)" in v.reason, v.reason
    v = classify("We share data.", "We share data.\n\n* Google Analytics. We use Google "
                 "Analytics for analytics.", section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert "(Google Analytics)" in v.reason, v.reason
    # Instagram's, its comma lost: Meta and WhatsApp, not "Meta see the WhatsApp Help
    # Center", nor the help pages
    v = classify("We share it.", "For information that WhatsApp shares with Meta see the "
                 "WhatsApp Help Center article.", section_material=True, variables_changed=(),
                 immaterial_vars=frozenset())
    assert v.reason.startswith("Material: a third party was added (Meta, WhatsApp)."), v.reason
    v = classify("We share data.", "We share data. We use Stripe-powered checkout.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert "(Stripe-powered)" in v.reason, v.reason


def test_a_part_of_a_law_cited_is_no_third_party() -> None:
    """2FA Directory's privacy policy (2022): "…third-parties, through EU GDPR Article 28,
    …" was "a third party changed (third parties → EU GDPR Article)"; a part of a law is
    where the text points, numbered or not. A company whose name ends in a numeral
    still is one."""
    for cited in ("EU GDPR Article", "Article", "Recital", "Annex II", "Chapter V",
                  "Annex I.A", "Exhibit B"):
        assert who(cited) == "document", cited
    assert who("Acme Labs III") == "organisation"
    assert who("My AI") == "product"  # Snap's chatbot, as a user names it
    for signal in ("IMEI", "WLAN", "DNT", "GPC", "SMS"):  # Microsoft's, Perplexity's
        assert who(signal) == "acronym", signal
    v = classify("We rely on third-parties to host the website.",
                 "We rely on third-parties, through EU GDPR Article 28, to host the website.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert "third party" not in v.reason, v.reason


def test_a_product_or_own_name_is_no_third_party_but_a_company_still_is() -> None:
    old = "You may pay via your Polldaddy survey. Contact GitHub Premium Support."
    new = "You may pay via your Crowdsignal survey. Contact GitHub Support."
    assert "recipient-changed" not in _found(old, new, "https://github.com/")
    assert "recipient-removed" in _found(old, new)  # undeclared, GitHub's is someone's
    assert _found("We share data with Acme.", "We share data with Acme and Stripe, Inc.")[
        "recipient-added"] == ("Stripe, Inc.",)
    # the organisation's own name written in parts opens its own company's ("Aut O'Mattic
    # A8C Ireland Ltd.", Automattic's terms of service, was "a third party was added")
    automattic = "https://automattic.com/privacy/ wordpress.com"
    # how many is not whose: "Certain Jetpack features" (WordPress.com's terms), "Other
    # Information", and a company's name after such a word is still the company's
    assert "recipient-added" not in _found("We run it.", "We run it. Certain Jetpack "
                                           "features are free.", automattic + " jetpack.com")
    assert "recipient-added" not in _found("We run it.", "We run it. Other Information is "
                                           "kept.")
    assert _found("We run it.", "We run it. Many Zendesk services use it.")["recipient-added"] \
        == ("Zendesk",)
    assert "recipient-added" not in _found("We run it.", "We run it. Outside the US, it is "
                                           "provided by Aut O'Mattic A8C Ireland Ltd.",
                                           automattic)
    assert _found("We run it.", "We run it. We share it with Mattic Ltd.", automattic)[
        "recipient-added"] == ("Mattic Ltd.",)
    # Spanish and Brazilian legal forms (GitHub's corporate terms named "GitHub Spain,
    # S.L.", once "a third party was added (SL)")
    assert _found("We share data with Acme.", "We share data with Acme and GitHub Spain, "
                  "S.L. for support.")["recipient-added"] == ("GitHub Spain, S.L.",)
    assert _found("We share data with Acme.", "We share data with Acme and Acme Brasil Ltda. "
                  "for support.")["recipient-added"] == ("Acme Brasil Ltda.",)


def test_what_with_follows_is_not_always_a_recipient() -> None:
    old = "We keep data."
    for new in ("We keep data, complying with statutory reporting requirements.",
                "We provide you with spam score results and keep data.",
                "We keep data about interactions with suggested content."):
        assert "recipient-added" not in _found(old, new), new
    assert _found(old, "We keep data and share it with mortgage lenders.")["recipient-added"]


def test_a_providers_description_and_a_channel_are_no_data_or_recipient() -> None:
    found = _found("", "Customer.io. Transactional email service.\n\nFullStory. Analytics "
                   "platform.")
    assert found["recipient-added"] == ("Customer.io", "FullStory")
    assert set(found) == {"recipient-added", "block-added"}
    found = _found("We talk to applicants.",
                   "We talk to applicants by phone, email, or social media platforms.")
    assert "recipient-added" not in found


def test_a_european_postal_address_is_one_fact() -> None:
    old = "Write to us.\n\nCC: GitHub BV, Vijzelstraat 68-72, 1017 HL Amsterdam, The Netherlands"
    found = _found(old, "Write to us.")
    assert found["postal-address-removed"] == (
        "GitHub BV, Vijzelstraat 68-72, 1017 HL Amsterdam, The Netherlands",)
    assert set(found) == {"postal-address-removed", "block-removed"}  # no numbers, no names


def test_conditions_and_negations_count_only_where_the_edit_put_them() -> None:
    # An unchanged "if" clause is not quoted; "until" a date is the date's.
    found = _found("If you ask, we delete it within a week.",
                   "If you ask, we delete it within a week, unless the law requires otherwise.")
    assert found["condition-added"] == ("unless the law requires otherwise",)
    found = _found("The program is still in effect.",
                   "The program was in effect until September 8, 2020.")
    assert "condition-added" not in found and found["date-added"] == ("September 8, 2020",)
    # A sentence wholly added keeps its condition and negation: it is named as a whole.
    found = _found("We keep logs.", "We keep logs. If you object, we do not keep them.")
    assert "condition-added" not in found and "negation-added" not in found
    assert found["sentence-added"] == ("If you object, we do not keep them",)
    # A sentence about reading on negates nothing; "without" before a name neither.
    assert "negation-removed" not in _found(
        "Hi. The summary doesn't tell you everything, so please read on.", "Hi.")
    assert "negation-removed" not in _found("On a device without Apple Intelligence, it runs.",
                                            "On other devices, it runs.")
    # "Otherwise" restates the "if" it follows.
    assert "condition-removed" not in _found(
        "If you enable it, we keep it. If you do not, we drop it.",
        "If you enable it, we keep it. Otherwise, we drop it.")
    assert _found("We sell data.", "We do not sell data.")["negation-added"] == ("not",)


def test_a_term_said_again_is_not_added() -> None:
    old = "Payment: if you buy, you give payment information."
    new = "Payment: you give payment information and more payment information."
    assert "data-category-added" not in _found(old, new)
    assert _found("We collect your name.", "We collect your name and email address.")[
        "data-category-added"] == ("email address",)


def test_a_name_on_both_sides_shortened_or_misspelt_is_no_party_arriving() -> None:
    assert "recipient-added" not in _found("We keep data. Woo and Jetpack.",
                                           "We keep data. WooCommerce and Jetpack.")
    assert "recipient-changed" not in _found("We share it with Mixpanle.",
                                             "We share it with Mixpanel.")
    assert _found("We share it with Acme.", "We share it with Acme and Stripe.")[
        "recipient-added"] == ("Stripe",)


def test_the_owner_is_declared_once_in_the_plugin_options(tmp_path: Path) -> None:
    opts = options_from(tmp_path, {"own_domains": ["wordpress.com"],
                                   "own_names": ["Crowdsignal", "Pocket Casts"]},
                        site_url="https://automattic.com/privacy/", need_documents=False)
    assert own_names(opts.home) == {"automattic", "wordpress", "crowdsignal", "pocketcasts"}
    old, new = "We keep data.", "We keep data and share it with Pocket Casts."
    assert "recipient-added" in _found(old, new)
    assert "recipient-added" not in _found(old, new, opts.home)
    assert links.judge("https://wordpress.com/a", "https://automattic.com/b", "x",
                       opts.home).rule == "link-site-relative"


def test_a_bullet_label_is_no_party_unless_it_is_a_name() -> None:
    old = "We keep logs."
    assert "recipient-added" not in _found(
        old, "We keep logs.\n\nWebpage data for Snippets: we may receive the link you followed.")
    assert _found(old, "We keep logs.\n\nAcme Corp: we share your logs.")["recipient-added"] == (
        "Acme Corp",)


def test_a_negation_beside_learn_more_still_counts_when_it_is_about_data() -> None:
    assert _found("We keep logs, learn more.", "We don't keep logs, learn more.")[
        "negation-added"] == ("don't",)


def test_a_us_postal_address_without_a_street_word_is_one_fact() -> None:
    old = "Write to Acme Inc., 88 Colin P. Kelly, San Francisco, CA 94110."
    new = "Write to Acme Inc., 88 Colin P. Kelly Jr. Street, San Francisco, CA 94107."
    found = _found(old, new)
    assert found["postal-address-changed"] == (
        "88 Colin P. Kelly, San Francisco, CA 94110", "→",
        "88 Colin P. Kelly Jr. Street, San Francisco, CA 94107")
    assert not {"number-removed", "number-added"} & set(found)  # 88 and the ZIPs are its own


def test_an_address_ends_where_the_next_party_begins() -> None:
    """Balanced's agreement gave two banks' addresses in one sentence: the first was
    quoted as "1200 Montego Way, Walnut Creek, CA 94598 and Fifth"."""
    both = ("Notices go to Acme Merchant Services, 1200 Montego Way, Walnut Creek, CA 94598 "
            "and Fifth Third Bank, 38 Fountain Square Plaza, Cincinnati, OH 45263.")
    found = _found(both, "Notices go to Fifth Third Bank, 38 Fountain Square Plaza, "
                         "Cincinnati, OH 45263.")
    assert found["postal-address-removed"] == ("1200 Montego Way, Walnut Creek, CA 94598",)


def test_an_item_s_number_in_a_sentence_is_no_figure() -> None:
    """Balanced's list of prohibited businesses numbers its items inside one sentence;
    putting three in renumbered the rest, and the redline said "a number changed (38, 39
    → 41, 42, 45, 46, 52)". The items are the change; their numbers are the list's order.
    A figure in parentheses that counts days, or restates its words, is still a figure."""
    old = "You will not accept (36) prepaid cards, (37) pseudo pharmaceuticals, or (38) timeshares."
    new = ("You will not accept (36) prepaid cards, (37) quasi-cash, (38) pseudo "
           "pharmaceuticals, or (39) timeshares.")
    found = _found(old, new)
    assert not {"number-added", "number-removed", "number-changed"} & set(found), found
    assert "quasi-cash" in found["list-item-added"]
    days = "We answer within (30) days, and keep (1) one copy, (2) no logs."
    assert _found(days, days.replace("(30)", "(60)"))["number-changed"] == ("30", "→", "60")
    words = "We answer within thirty (30) days, and keep (1) one copy, (2) no logs."
    assert "duration-changed" in _found(words, words.replace("thirty (30)", "sixty (60)"))


def test_what_a_name_owns_a_thing_or_a_place_is_no_third_party() -> None:
    found = _found("We keep your data.", "We keep your data. We use Google’s Invisible "
                   "reCAPTCHA to identify fraud and comply with the EU-US and Swiss-US "
                   "Privacy Shield Frameworks.")
    assert found["recipient-added"] == ("Google",)  # its product and the frameworks are no one
    found = _found("We advertise to you on third party sites and in our app.",
                   "We advertise to you in our app.")
    assert "recipient-removed" not in found  # a site is where, not who
    found = _found("We share your data with our affiliates.",
                   "We share your data with our affiliates and third party websites.")
    assert found["recipient-added"] == ("third party",)  # sites that receive it are who
    found = _found("We take donations.", "We take donations. We use a third-party called "
                   "Fundraise Up to manage the checkout.")
    assert found["recipient-added"] == ("Fundraise Up",)  # "third party" describes it
    found = _found("We may share it with third parties.", "We share it.")
    assert found["recipient-removed"] == ("third parties",)  # a kind of recipient still is


def test_one_of_a_group_counts_nothing() -> None:
    found = _found("It applies to jobs at Acme.", "It applies to jobs at Acme or one of our "
                   "subsidiaries.")
    assert "number-added" not in found
    assert _found("We keep two copies.", "We keep one copy.")["number-changed"] == (
        "two", "→", "one")


def test_the_organisations_own_name_written_out_is_no_change_but_another_entity_is() -> None:
    home = "https://docs.github.com/en/site-policy/ woocommerce.com"

    def judged(old: str, new: str) -> tuple[bool, str, tuple[str, ...]]:
        v = classify(old, new, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset(), home=home)
        return v.material, v.rule, v.evidence

    assert judged("If you sell a Marketplace app, we ask for more.",
                  "If you sell a GitHub Marketplace app, we ask for more.") == (
        False, "product-renamed", ("→", "GitHub Marketplace"))
    assert judged("Thanks for trusting GitHub with your code.",
                  "Thanks for trusting GitHub Inc. (“GitHub”, “we”) with your code.")[:2] == (
        False, "product-renamed")
    assert judged("We provide WooCommerce Services to you.",
                  "We provide WooCommerce Shipping & Tax to you.") == (
        False, "product-renamed", ("WooCommerce Services", "→", "WooCommerce Shipping & Tax"))
    assert judged("Use GitHub Copilot for Business with care. What does Copilot for Business "
                  "collect?", "Use GitHub Copilot Business with care. What does Copilot "
                  "Business collect?")[:2] == (False, "product-renamed")
    for old, new in (("Contact GitHub Inc. for help.",
                      "Contact GitHub Inc. or GitHub B.V. for help."),
                     ("We use Acme Analytics here.", "We use GitHub Analytics here."),
                     # one own brand put for another: another tool, not a rename
                     ("We use GitHub Insights here.", "We use WooCommerce Insights here."),
                     ("We share it with GitHub.", "We share it with GitHub Partners."),
                     ("We provide WooCommerce Services to you.",
                      "We provide WooCommerce Services and more to you.")):
        assert judged(old, new)[0], (old, new)


def test_a_kind_that_qualifies_a_name_a_web_language_and_the_readers_sale_are_no_facts() -> None:
    found = _found("We ask for more.", "We ask for more if you sell an app or raise funds "
                   "through the Sponsors Program.")
    assert not {"recipient-added", "purpose-added"} & set(found)
    found = _found("We share it.", "We share it with Advertising Partners.")
    assert found["recipient-added"] == ("advertising partners",)  # the kind heads its name
    found = _found("Yahoo Pixel, which uses JavaScript on our page.", "We measure campaigns.")
    assert found["recipient-removed"] == ("Yahoo Pixel",)
    assert _found("We keep it.", "We keep it and sell it.")["purpose-added"] == ("sell",)


def test_a_vendor_named_by_its_company_instead_of_its_product_is_the_same_party() -> None:
    def judged(old: str, new: str) -> tuple[bool, str, tuple[str, ...]]:
        v = classify(old, new, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset())
        return v.material, v.rule, v.evidence

    assert judged("Our vendors are SalesForce Marketing Cloud, Mailchimp, or Braze.",
                  "Our vendors are SalesForce, Mailchimp, or Braze.") == (
        False, "product-renamed", ("SalesForce Marketing Cloud", "→", "SalesForce"))
    assert judged("We use Zuora for billing.", "We use Zuora Beta Corp for billing.")[0]
    assert judged("We share your data with Google.", "We share your data with Google "
                  "Partners.")[:2] == (True, "recipient-added")  # another party, not a rename
    assert judged("Our vendors are SalesForce and Braze.", "Our vendors are SalesForce.")[:2] == (
        True, "recipient-removed")
    proceed = _found("", "If you withhold data, we may not proceed with the recruitment process.")
    assert "recipient-added" not in proceed
    found = _found("", "We share the time with Amazon and AdMarketplace to verify it. You send "
                   "us a report with more detailed information after a crash.")
    assert found["recipient-added"] == ("AdMarketplace", "Amazon")  # not "verify", "information"


def test_a_label_that_names_where_a_statement_applies_is_no_mere_label() -> None:
    def judged(old: str, new: str) -> tuple[bool, str]:
        v = classify(old, new, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset())
        return v.material, v.rule

    text = "Firefox sends campaign data to Adjust, our analytics vendor."
    assert judged(f"On iOS and Android: {text}", f"On Android: {text}") == (
        True, "wording-changed")
    assert judged(f"Campaign data for Top Sites: {text}", f"Top Sites: {text}") == (
        False, "label-reworded")


def test_an_institution_named_past_of_is_one_lawmaker_and_a_sentence_opener_no_name() -> None:
    found = _found("We rely on the Privacy Shield.", "We rely on the Privacy Shield. Since "
                   "GDPR, the Court of Justice of the European Union ruled it invalid.")
    assert "recipient-added" not in found  # a court that rules receives nothing; GDPR is law
    found = _found("", "Clicky. Web analytics service.\n\nGoogle Analytics. Web analytics "
                   "service.")
    assert found["recipient-added"] == ("Clicky", "Google Analytics")
    assert "purpose-added" not in found  # "Analytics" is Google's product's name


def test_a_kind_that_describes_the_name_after_it_and_a_technical_acronym_are_no_more_parties(
        ) -> None:
    found = _found("We count clicks.", "We count clicks. We share aggregated data with our "
                   "third-party ad platform Adzerk about what you see in the IDE or its URLs.")
    assert found["recipient-added"] == ("Adzerk",)
    found = _found("We count clicks.", "We count clicks. We share it with ad platforms and "
                   "Adzerk.")
    assert set(found["recipient-added"]) == {"Adzerk", "platforms"}  # two recipients


def test_pointers_for_an_audience_asking_whether_and_words_that_only_describe() -> None:
    def judged(old: str, new: str) -> tuple[bool, str]:
        v = classify(old, new, section_material=True, variables_changed=(),
                     immaterial_vars=frozenset())
        return v.material, v.rule

    assert judged("We keep logs.", "We keep logs.\n\nFor users in the EU, EEA, and Switzerland: "
                  "see here for more information.") == (False, "cross-reference-added")
    assert judged("Firefox checks whether it is up to date.",
                  "Firefox checks with us to see if it is up to date.")[1] != "condition-added"
    # "the fees, if any," (GitHub's marketplace terms): whatever there is, no condition;
    # "if any such fees apply" still is one
    said = _found("You pay the fees for the app.", "You pay the fees, if any, for the app.")
    assert "condition-added" not in said, said
    said = _found("You pay the fees.", "You pay the fees, if any such fees apply.")
    assert said.get("condition-added") == ("if any such fees apply",), said
    found = _found("We comply.", "We comply with the Swiss certifications. Data must be "
                   "treated with the same level of protection under a GDPR-compliant "
                   "addendum. Our K-9 Mail app is a variant of it.")
    assert not {"recipient-added", "number-added"} & set(found), found
    assert links.url_pairs("See https://example.org/status/ now.",
                           "See https://example.org/status now.") == []


def test_a_date_or_figure_in_a_sentence_wholly_added_is_that_sentences() -> None:
    found = _found("We use a processing addendum.", "We use a processing addendum. Since "
                   "the law went into effect in 2018, we have offered two such mechanisms.")
    assert "date-added" not in found and "number-added" not in found
    assert "sentence-added" in found
    found = _found("We keep it until 1 March 2025 for two audits.",
                   "We keep it until 1 February 2025 for three audits.")
    assert found["date-changed"] == ("1 March 2025", "→", "1 February 2025")
    assert found["number-changed"] == ("two", "→", "three")


def test_a_word_after_a_dash_that_opens_it_and_a_codes_title_are_no_party() -> None:
    """GitHub's community guidelines label each rule and open its text after a dash,
    "**Sexually obscene content** - Basically, don't post pornography": "a third party was
    removed (Basically)"; its DMCA policy cites "Title 17 of the United States Code": "a
    third party was removed (Title)". A dash set apart by spaces opens its words as a
    colon does; a hyphen in a word does not; a company named Title still is one."""
    assert _parties("Sexually obscene content - Basically, don't post pornography.") == ()
    assert _parties("Spam \u2014 Usually we remove it.") == ()
    assert _parties("The DMCA provides a safe harbor under Title 17 of the United States "
                    "Code.") == ()
    assert _parties("We share it with Title Insurance Co.") == ("Title Insurance Co.",)
    assert "Swiss-Acme Partners" in _parties("We work with Swiss-Acme Partners.")
    assert "Zendesk" in _parties("Our processors - Zendesk handles tickets.")


def test_an_amount_after_a_currency_code_is_a_figure() -> None:
    """"The fee is 100 per year" → "USD 120 per year" was "a number was removed (100)": a
    figure after a capitalised word is read as that name's version ("Microsoft 365"),
    and "USD" is no name. The amount changed, and both figures are named."""
    assert _found("The fee is 100 per year.", "The fee is USD 120 per year.") == {
        "number-changed": ("100", "→", "120")}
    assert _found("It runs on Microsoft 365.", "It runs on Microsoft 366.") == {}


def test_a_change_logs_past_verb_is_no_part_of_the_name_after_it() -> None:
    """WordPress.com's terms keep a log of their changes, each line opened by its verb
    ("Replaced VIP Services …"), and "Removed Zendesk from the list" named "Removed
    Zendesk". The verb goes; the name stays; a place opened by such a form stays whole."""
    assert _parties("Removed Zendesk from the list.") == ("Zendesk",)
    assert _parties("Replaced Zendesk with Intercom.") == ("Intercom", "Zendesk")
    assert _found("We keep it.", "We keep it. We share it with the United States Census "
                  "Bureau.").get("recipient-added") == ("United States Census Bureau",)


def test_polices_is_no_police() -> None:
    """GitHub's additional product terms linked "GitHub Acceptable Use Polices", and the
    review said "a third party was added (polices)": police has no plural; the word is a
    verb or a slip for "policies". The police still are a kind of recipient."""
    said = _found("Use it.", "Use it. GitHub polices abuse under the acceptable use "
                  "polices.", "https://github.com/")
    assert not said.get("recipient-added"), said
    said = _found("Use it.", "Use it. We share it with the police.")
    assert said.get("recipient-added") == ("police",), said


def test_a_term_defined_in_parentheses_or_elsewhere_is_no_third_party() -> None:
    """WeChat's privacy policy (2026) put "a Minor (defined below)" for "your child", and
    defined it as "individuals under the age of 13 (or such other applicable age threshold
    under relevant local laws) (“Minor”)": each was "a third party was added (Minor)", the
    age threshold "a category of personal data was added (age)", and "a parent, guardian
    or other person with parental responsibility and want to know more" added two third
    parties, "parental responsibility" and "want"."""
    said = _found("If you let your child use it, we keep your contact.",
                  "If you let a Minor (defined below) use it, we keep your contact.")
    assert not said.get("recipient-added"), said
    said = _found("Use it.", "Use it. We do not allow individuals under the age of 13 (or "
                  "such other applicable age threshold under local laws) (“Minor”) to use "
                  "it. We share it with a Minor.")
    assert not said.get("recipient-added") and not said.get("data-category-added"), said
    said = _found("Use it.", "Use it. If you are a parent, guardian or other person with "
                  "parental responsibility and want to know more, we share it.")
    assert not said.get("recipient-added"), said
    # a short name given after the name it shortens stays a name, and "with X and Y to"
    # still shares with both
    said = _found("Use it.", "Use it. Acme Payments Inc. (“Acme”) processes it. We share it "
                  "with Acme.")
    assert "Acme" in said.get("recipient-added", ()), said
    said = _found("Use it.", "Use it. We share it with partners and affiliates to help.")
    assert said.get("recipient-added") == ("affiliates", "partners"), said


def test_inference_as_a_computation_is_no_category_of_personal_data() -> None:
    """GitHub's subprocessor list added "Anthropic PBC | AI Inference and AI Services":
    "a category of personal data was added (inference)". What is inferred about a
    person still is one."""
    said = _found("Use it.", "Use it. Anthropic PBC provides AI Inference and AI Services.")
    assert not said.get("data-category-added"), said
    said = _found("Use it.", "Use it. We send prompts to an inference API.")
    assert not said.get("data-category-added"), said
    said = _found("Use it.", "Use it. We collect inferences drawn from your activity.")
    assert said.get("data-category-added") == ("inference",), said


def test_a_category_the_document_names_in_a_sentence_added_is_that_sentences() -> None:
    """Automattic's policy added "Or if you make a payment (such as via Recurring Payments)
    to a site, your public display name, user name, and email address may be shared with
    the administrator(s) of the site.", every category of which it collected already: "a
    category of personal data was added (email address, name)" said what is not so. The
    sentence added is named; a category new to the document, or put into a sentence that
    stays, is still one."""
    from lexdocs.review.materiality import document_words

    elsewhere = document_words("We collect your name and email address to run your account.")
    base = "Site owners see what you post."
    added = base + "\n\nIf you pay, your name and email address may be shared with the site."
    said = dict(facts.findings(base, added, (elsewhere, elsewhere | document_words(added))))
    assert "data-category-added" not in said and said.get("block-added"), said
    assert dict(facts.findings(base, added, NONE)).get("data-category-added") == (
        "email address", "name")  # a document of one section: the categories are new
    located = base + "\n\nIf you pay, your location may be shared with the site."
    said = dict(facts.findings(base, located, (elsewhere, elsewhere | document_words(located))))
    assert said.get("data-category-added") == ("location",), said
    grown = "Site owners see what you post and your name."
    said = dict(facts.findings(base, grown, (elsewhere, elsewhere | document_words(grown))))
    assert said.get("data-category-added") == ("name",), said


def test_a_name_with_and_after_with_is_one_recipient_and_a_team_of_ours_none() -> None:
    """The words after "with" were cut at five and at each "and": "with Acme and the
    Federal Trade Commission" was "a third party was added (Acme, Federal Trade)", "with
    the Food and Drug Administration" was "(Drug Administration, Food)", and "with our
    Trust and Safety Team" was "(Safety Team)", the organisation's own team. A name the
    cut split is read whole, and one of ours, or someone "of our" team, is no third
    party; two names joined by "and" stay two."""
    assert _parties("We share data with Acme and the Federal Trade Commission.") == (
        "Acme", "Federal Trade Commission")
    assert _parties("We share it with the Food and Drug Administration.") == (
        "Food and Drug Administration",)
    assert _parties("We share it with our Trust and Safety Team.") == ()
    assert _parties("We share it with a member of our Trust and Safety Team.") == ()
    assert _parties("We may share it with Google and Microsoft.") == ("Google", "Microsoft")


def test_a_path_through_an_apps_menus_names_no_one() -> None:
    """Telegram's privacy policy added "… contact Telegram's Volunteer Support in-app via
    _Settings > Ask a Question_": "a third party was added (Question)". The labels of an
    app's screens, joined by ">", "›" or "→", are no one; a name beside the path still is
    one. Committed text is untrusted: a path is read a step at a time, in linear time."""
    from lexdocs.review.capitals import _menus_masked

    for path in ("via _Settings > Ask a Question_.", "in Settings › Ask a Question.",
                 "under Settings → Privacy and Security → Ask a Question."):
        assert _parties(f"Reach us {path}") == (), path
    assert _parties("Open Settings > Ads to see what Acme Corp receives.") == ("Acme Corp",)
    for hostile, tail in (("A a a a ", " > b"), ("A ", "> b"), ("A > ", "b"), ("> ", "")):
        assert growth(lambda n, h=hostile, t=tail: lambda: _menus_masked(h * n + t),
                      20_000, tries=2) < LINEAR, hostile


def test_a_legal_form_takes_a_full_stop_only_as_an_abbreviation() -> None:
    """AliExpress's privacy policy named "… Alipay Singapore E-Commerce Private Limited." at
    a sentence's end, and the reason quoted the name with the sentence's stop. "Inc.",
    "Ltd.", "S.A." keep theirs; "Limited", "GmbH", "LLC" end before it."""
    for name, said in (("Acme Private Limited", "Acme Private Limited"), ("Acme GmbH", "Acme "
                       "GmbH"), ("Acme LLC", "Acme LLC"), ("Acme Ltd", "Acme Ltd."),
                       ("Acme Inc", "Acme Inc."), ("Acme S.A", "Acme S.A.")):
        assert _parties(f"We share it with {name}.") == (said,), name


def test_a_laws_title_goes_on_past_regarding() -> None:
    """Meta's data transfer addendum cites Türkiye's "Regulation on Procedure and Principles
    regarding Transfer of Personal Data Abroad": "a third party was added (Transfer)". A
    law's or a rule's title goes on past "regarding", "concerning", "relating to",
    "governing", "on" or "for"; a company after them is still named."""
    assert _parties("Transfers follow the Regulation on Procedure and Principles regarding "
                    "Transfer of Personal Data Abroad.") == ()
    assert _parties("The Rules for Sellers bind Acme Corp now.") == ("Acme Corp",)


def test_a_key_struck_twice_at_a_sentences_start_is_no_name() -> None:
    """Spotify's privacy policy had "… when we introduce them. IIf you reside in California,
    our supplemental California Notice at Collection applies": "a third party was added
    (IIf)", and "a condition was removed ('if you reside in california')". A word that
    doubles its first capital and is English without it is a slip of the keys, read as
    meant; a word no dictionary knows is still a name."""
    assert _parties("IIf you reside in California, our notice applies.") == ()
    assert _parties("Twilio sends our texts.") == ("Twilio",)
    # and the condition the slip opens is the one it was: none removed
    said = _found("If you reside in California, please see our notice.",
                  "IIf you reside in California, our notice applies.")
    assert "condition-removed" not in said, said
    from lexdocs.review.spelling import unslipped
    assert growth(lambda n: lambda: unslipped("IIf " * n), 20_000, tries=2) < LINEAR


def test_an_acronym_after_a_or_an_is_a_thing() -> None:
    """Reddit's privacy policy said "… such as when you purchase an NFT": "a third party was
    added (NFT)". An acronym counted with "a" or "an" is one of a kind of thing; one named
    alone, or a name after "a", is still read."""
    assert _parties("You may purchase an NFT.") == _parties("You may use a VPN.") == ()
    assert _parties("We share it with IBM.") == ("IBM",)


def test_what_a_device_shows_and_a_setting_turned_on_are_no_third_party() -> None:
    """Google's privacy policy, "You can also turn on Timeline if you want to create a
    private map" and "see past searches as Autocomplete suggestions", and Reddit's "an RPAN
    broadcast" were "a third party was added (Timeline)", "(Autocomplete)", "(RPAN)". A
    setting the reader turns on or off, and a name before what a device or an app shows or
    sends, are things; a company the sentence shares with is still one."""
    for thing in ("You can also turn on Timeline if you want to create a private map.",
                  "You can switch Web Activity off at any time.",
                  "You can see past searches as Autocomplete suggestions.",
                  "This includes a chat message or RPAN broadcast.",
                  "We use information from the TrueDepth camera."):
        assert _parties(thing) == (), thing
    assert _parties("We share data with Stripe when you turn on Payments.") == ("Stripe",)


def test_a_part_of_an_operating_system_is_no_third_party() -> None:
    """Google Play's policy, "… share it using the Android Sharesheet": "a third party was
    added (Android Sharesheet)". A name an operating system's name opens is a part of that
    system; a body named after one is still someone."""
    assert _parties("Share it using the Android Sharesheet.") == ()
    assert _parties("Sign in with Windows Hello.") == ()
    assert _parties("We give data to the Linux Foundation.") == ("Linux Foundation",)


def test_what_someone_is_or_acts_as_is_no_third_party() -> None:
    """Reddit's privacy policy, "If you are a Redditor, …": "a third party was added
    (Redditor)". What the reader is, or acts as, after "a" is a kind of person; a name
    after "a" in other places is still read as before."""
    assert _parties("If you are a Redditor, we keep your posts.") == ()
    assert _parties("As a Googler, you follow these rules.") == ()
    assert _parties("Fitbit is a Google company.") == ("Fitbit",)


def test_every_official_language_is_no_third_party_and_no_company_is_one() -> None:
    """YouTube's terms end in links to their translations, and copies that named one in
    English or Portuguese said "a third party was added (Lao)", "(Thai)", "(Árabe)". Every
    language CLDR has a locale for is a language, by its name in English and in the
    languages policies are most translated into; a company beside them is still one."""
    assert _parties("View the Terms of Service in other languages: Lao, Thai, Árabe, "
                    "Deutsch.") == ()
    assert who("Lao") == who("Árabe") == "language"
    assert _parties("We share it with Acme Ltd in Thai.") == ("Acme Ltd",)
    # CLDR names a language "Meta’" and another "Mohawk": companies' names, here
    assert _parties("We share it with Meta and Mohawk.") == ("Meta", "Mohawk")


def test_a_clause_joined_by_but_ends_what_is_shared_with() -> None:
    """Facebook's privacy policy: "Some people … share information with Meta but don’t
    necessarily use our Products": "a third party was removed (Meta but don't necessarily
    use)". "but", "while", "before" and the like open another clause, which ends the
    object of "with"."""
    assert _parties("They share information with Acme but don't necessarily use our "
                    "Products.") == ("Acme",)
    assert _parties("We share it with Acme Corp before you pay.") == ("Acme Corp",)


def test_a_verb_opening_a_sentence_is_no_part_of_the_name_after_it() -> None:
    """Facebook's privacy policy: "Collecting Ren’s voice interactions lets us provide
    …": "a third party was removed (Collecting Ren)". A form of an English verb opening a
    sentence is no word of the name that follows it."""
    assert _parties("Collecting Ren’s voice interactions lets us provide it.") == ("Ren",)
    assert _parties("Processing Partners Ltd receives it.") == ("Processing Partners Ltd",)
    # Parler's terms: a label of English words is read whole, and so names no one
    assert _parties("Reporting Mechanism: Users are encouraged to report any content.") == ()
    # nor is "&" or an English word's plural a name's word ("Processing & Settlement.",
    # Facebook's commercial terms; "Marketing Company Mediations", Wikipedia's terms)
    assert "& Settlement" not in _parties(
        "Processing & Settlement. Payment Features may be provided.")
    assert "Company Mediations" not in _parties("Marketing Company Mediations are binding.")
    # a verb whose stem is short ("Using"), before a company named by an English word
    assert _parties("Using Stripe, we take payments.") == ("Stripe",)
    assert _parties("Sterling Bank receives it.")[0] == "Sterling Bank"
    assert _parties("United Kingdom: We share it.") == ()


def test_a_parts_label_a_roman_figure_and_a_documents_standards_are_no_third_party() -> None:
    """Instagram's developer terms, "Nothing in this Section 10A (International transfers
    …)", and Threads' terms, "Meta Community Standards" and parts "II", "III", "IV", were
    "a third party was added (10A)", "(Meta Community Standards)", "(II, III, IV)". A
    label after the word that cites a part, a part's number in roman figures and the
    standards a document sets are no one; "X" alone and "3M" are still names."""
    assert _parties("Nothing in this Section 10A (International transfers) is intended "
                    "to limit it.") == ()
    assert _parties("Follow the Meta Community Standards.") == ()
    assert _parties("See parts II, III and IV.") == ()
    assert _parties("For the purposes of Table 2 of the Approved Addendum, the modules "
                    "apply.") == ()
    assert _parties("We share data with X and 3M.") == ("3M", "X")


def test_a_name_of_places_and_known_initials_alone_is_no_third_party() -> None:
    """Instagram's developer terms, "personal data … subject to the UK GDPR": "a third
    party was added (UK GDPR)". A name whose every word is a place, a language or a known
    acronym names no one; one with any other word is still read."""
    assert _parties("Personal data subject to the UK GDPR is covered.") == ()
    assert _parties("We share it with Texas Instruments.") == ("Texas Instruments",)


def test_a_section_title_cited_in_quotes_names_no_one() -> None:
    """Threads' terms point to "the section in the Instagram Terms called “Our Agreement
    and What Happens if We Disagree”": "a third party was added (Disagree)"; a title such
    as "How We Share Information With Partners" gave a kind of recipient. A title cited in
    quotes is where to read; a sentence beside it that shares is still read."""
    assert _parties("See the section in the Instagram Terms called “Our Agreement and What "
                    "Happens if We Disagree” for how disputes are handled.") == ()
    assert _parties("See the section titled “How We Share Information With Partners” "
                    "below.") == ()
    assert _parties('See the section "Sharing Data With Service Providers" below.') == ()
    assert _parties("We share data with partners. See “How We Use Cookies”.") == (
        "partners",)
    # a quote no word cites as a title is no title: blanking it would hide whom the
    # sentence shares with
    assert _parties("We now share your data with “How We Work With Zendesk Inc”.") != ()
    assert _parties("We transfer it as described in “Our Collection and Use of Personal Data” "
                    "to some countries.") == ()  # Pinterest's


def test_the_label_of_a_documents_date_is_no_third_party() -> None:
    """Parler's terms open with "Modified: April 28, 2026": "a third party was added
    (Modified)". The label of a document's date is no one."""
    for label in ("Modified", "Updated", "Effective", "Published"):
        assert _parties(f"{label}: April 28, 2026") == (), label
    # nor is a contact block's ("Facsimile: …", Basecamp's copyright policy)
    assert _parties("Facsimile: +1-312-277-7666") == ()


def test_a_time_zone_is_no_third_party() -> None:
    """The Guardian's privacy policy opens with its page's stamp, "Fri 9 Feb 2024 10.33
    GMT", then "Mon 1 Jul 2024 16.22 BST": "a third party changed (GMT → BST)". A time
    zone's letters are the calendar's, as a month's name is."""
    assert _found("Fri 9 Feb 2024 10.33 GMT\n\nWe keep data.",
                  "Mon 1 Jul 2024 16.22 BST\n\nWe keep data.").get("recipient-changed") is None
    assert _parties("Call us from 9.00 to 17.00 CET.") == ()


def test_what_a_reader_is_told_to_do_and_a_prices_unit_are_no_third_party() -> None:
    """Evernote's privacy policy, as archived, kept "Click OK to return to Yinxiang.com"
    and its plans' "$7.99 / Month": "a third party was removed (Click OK, Month)". A verb
    that tells the reader what to do opens no name, and a unit of time is the calendar's;
    the name after the verb is still read whole."""
    assert _parties("Click OK to return to the site.") == ()
    assert _parties("Prices: $7.99 / Month") == ()
    assert _parties("Visit Stripe to pay.") == ("Stripe",)
    assert _parties("Contact Center Inc handles calls.") == ("Contact Center Inc",)
    # a label of English words after such a verb is a label, no one
    assert _parties("Contact Information: email us at the address below.") == ()


def test_a_legal_name_after_a_sentences_first_word_is_read_without_it() -> None:
    """Allrecipes' privacy policy: "At People Inc., we care about your privacy": "a third
    party was added (At People Inc.)". The words that open a sentence are no part of the
    legal name after them."""
    assert _parties("At People Inc., we care about your privacy.") == ("People Inc.",)
    assert _parties("We share it with Acme Widgets Ltd.") == ("Acme Widgets Ltd.",)


def test_laws_cited_by_their_initials_are_no_third_party() -> None:
    """Allrecipes' privacy policy cites "the TCPA": "a third party was added (TCPA)". US
    and EU laws a policy cites by their initials are laws, as the GDPR is."""
    assert _parties("We comply with the TCPA, the VPPA and the BIPA.") == ()


def test_the_organisations_own_officer_and_a_title_are_no_third_party() -> None:
    """happn's privacy policy: "represented by its CEO, Mr. Didier Rappaport", later "…,
    Ms Karima Ben Abdelmalek": "a third party changed (Mr → Ms Karima Ben Abdelmalek)",
    and "CEO" was one too. The officer the organisation names, after a comma and a title,
    is the organisation speaking; a title is no name, nor is an officer's initials."""
    assert _parties("It is represented by its CEO, Mr. Didier Rappaport.") == ()
    assert _parties("It is represented by its CEO, Ms Karima Ben Abdelmalek.") == ()
    assert _parties("We share it with Acme Widgets Ltd.") == ("Acme Widgets Ltd.",)


def test_neither_and_competing_name_no_third_party_of_their_own() -> None:
    """Parler's terms: "Neither Parler nor Optio will have any liability" and "any
    purpose that competes with the interests of Parler" were "a third party was removed
    (Neither Parler)", "(interests of Parler)". "Neither" opens no name, and what competes
    with something shares nothing with it; the names themselves are still read."""
    assert _parties("Neither Parler nor Optio will have any liability.") == ("Optio", "Parler")
    # a contract's parties, by the role it defines, are no one (as "Each Party" was)
    assert _parties("Neither Party shall be liable for delays.") == ()
    assert _parties("Either Party may terminate this Agreement.") == ()
    assert _parties("Do not use it for any purpose that competes with the interests of "
                    "Acme.") == ("Acme",)


def test_a_regulator_by_its_initials_and_its_resolution_are_no_third_party() -> None:
    """Meta's data transfer addendum cites "ANPD Resolution No. 19/2024", Brazil's data
    protection authority and the rule it issued: "a third party was added (ANPD)", and
    "(ANPD Resolution)". A data protection authority cited by its initials is cited as
    one named in full is, and a resolution, a decree or an ordinance is a document; a
    company after them is still a party."""
    for cited in ("Transfers follow ANPD Resolution No. 19/2024.", "Transfers follow the "
                  "ANPD rules.", "As the CNIL decided.", "The ICO's guidance applies."):
        assert _parties(cited) == (), cited
    assert _parties("We follow the Resolution of Acme Holdings.") == ("Acme Holdings",)


def test_a_documents_name_and_an_own_products_regional_edition_are_no_third_party() -> None:
    """Meta's terms (2026) put in "United Kingdom: The UK Meta AI's Terms of Service govern
    your use of our generative AI features.": "a third party was added (Service, UK Meta
    AI)". "Terms of Service" is a document's name, whose "of" joins it as an institution's
    does, and the UK's edition of one of Meta's products is Meta's own, when Meta's
    domains are declared; another company's product is still named."""
    new = ("Our AI Terms differ by region. United Kingdom: The UK Meta AI's Terms of Service "
           "govern your use of our generative AI features.")
    said = _found("Our AI Terms differ by region.", new, "https://www.facebook.com/ meta.com")
    assert not said.get("recipient-added"), said
    said = _found("Our AI Terms differ by region.", new)
    assert said.get("recipient-added") == ("UK Meta AI",), said
    said = _found("Our AI Terms differ by region.", new.replace("UK Meta AI", "UK Acme AI"),
                  "https://www.facebook.com/ meta.com")
    assert said.get("recipient-added") == ("UK Acme AI",), said


def test_a_name_holding_us_with_its_stops_is_read_whole() -> None:
    """Spotify's policy put in "…please see our Supplemental U.S. State Privacy Notice":
    the name stopped at "U.S", and "Supplemental" was "a third party was added". The stop
    after the initials of a place goes on into the capitals after it; a sentence that
    ends on them still ends there."""
    assert _parties("If you reside in California, please see our Supplemental U.S. State "
                    "Privacy Notice.") == ()
    assert _parties("We operate in the U.S. Acme Corp receives it.") == ("Acme Corp",)


def test_a_feature_named_in_single_quotes_is_no_one_and_a_quotes_close_no_letter() -> None:
    """Telegram's policy put in "…(with an option to use 'Sign in With Google' / 'Sign in
    with Apple')": "a third party was added (Apple', Sign)". A name after an opening single
    quote is a feature's, as after a double one, and a closing quote is no part of the
    name before it; the companies named inside still are (their sign-in is theirs)."""
    assert _parties("We may ask for an email address (with an option to use 'Sign in With "
                    "Google' / 'Sign in with Apple').") == ("Apple", "Google")


def test_what_is_done_with_a_thing_in_ment_shares_with_no_one() -> None:
    """Spotify's policy: "…and take action with reports of intellectual property
    infringement, we may keep data …" was "a third party was removed (reports of
    intellectual property infringement)": its last word ends as "agent" and "resident" do.
    Those who do something are still read ("with our agents", "with residents")."""
    assert _parties("To take action with reports of intellectual property infringement, we "
                    "may keep data that has been removed.") == ()
    assert _parties("We may share data with independent consultants.") == ("consultants",)


def test_clauses_lettered_paragraphs_neither_join_names_nor_name_their_roles() -> None:
    """Snap's privacy policy appended standard contractual clauses, and the reason said "a
    third party was added (Clauses\n\n(a) The Parties, …, Liability\n\n(a) Each Party,
    …)": a paragraph opening with "(a)" was taken for the alias of the name that ended the
    paragraph before, and the two were read as one name; and "Each Party", a sentence's
    first words in capitals, is a role the clauses define, as "The Exporter" is."""
    said = _found("We keep it.", "We keep it.\n\nSection II - Standard Contractual Clauses"
                  "\n\n(a) The Parties agree to these clauses.\n\n(b) Each Party shall be "
                  "liable to the other. The Exporter shall be Acme Corp.")
    assert said.get("recipient-added") == ("Acme Corp.",), said


def test_a_body_named_with_and_is_one_name() -> None:
    """Meta's transfer addendum cites clauses "approved by the Saudi Data and Artificial
    Intelligence Authority", and the reason named half of it, "Artificial Intelligence
    Authority": a run goes on past "and" when what follows ends in the kind of body
    ("Food and Drug Administration"); two companies joined by "and" stay two."""
    assert _parties("We share it with the Saudi Data and Artificial Intelligence "
                    "Authority.") == ("Saudi Data and Artificial Intelligence Authority",)
    assert _parties("We share it with Twilio and Zendesk.") == ("Twilio", "Zendesk")


def test_a_laws_title_goes_on_past_on() -> None:
    """Meta's transfer addendum cites Türkiye's "Regulation on Procedure and Principles
    regarding Transfer of Personal Data Abroad", and "Procedure" was "a third party was
    added": a law's title goes on past "on", as an institution's goes on past "of" (and
    past "regarding": test_a_laws_title_goes_on_past_regarding)."""
    said = _found("Use it.", "Use it under the Law on the Protection of Personal Data and "
                  "the Regulation on Procedure and Principles.")
    assert not said.get("recipient-added"), said
    assert _parties("We rely on Acme Corp on the Regulation's terms.") == ("Acme Corp",)


def test_a_sentence_in_brackets_opens_with_no_name() -> None:
    """LINE's privacy policy ended "Last revised on June 9, 2023 (Description of “Handling of
    user information related to external transmission” is added.)", and the next revision
    was "a third party was removed (Description)": a word that opens a bracket opens what
    it holds, as a sentence's first word does. A name there still counts."""
    old = ("Formulated on August 15, 2012. Last revised on June 9, 2023 (Description of the "
           "handling of information is added.)")
    new = ("Formulated on August 15, 2012. Last revised on September 1, 2023 (the United "
           "States was added to the countries data is transferred to.)")
    assert not _found(old, new).get("recipient-removed"), _found(old, new)
    said = _found("We keep it.", "We keep it (Twilio sends our texts).")
    assert said.get("recipient-added") == ("Twilio",), said


def test_a_label_in_capitals_that_ends_in_a_common_word_is_no_one() -> None:
    """Bluesky's policy opens a paragraph "**An Important Note**: This Privacy Notice only
    applies to …": the label's last word, "Note", is one that opens no name, and what was
    left, "Important", was "a third party was removed". A name as a label ("Acme Corp:")
    is still one."""
    said = _found("We keep it.\n\nAn Important Note: This notice applies to our app only.",
                  "We keep it.")
    assert not said.get("recipient-removed"), said
    said = _found("We keep it.", "We keep it.\n\nAcme Corp: receives your email.")
    assert said.get("recipient-added") == ("Acme Corp",), said


def test_a_term_a_definition_gives_is_no_third_party() -> None:
    """Meta's data transfer addendum defines its terms as contracts do, "“Company” means the
    entity that entered into the Agreement with Meta", "“USA Data Protection Requirements”
    means any and all Applicable Law related to data protection …", and its new parts
    using them were "a third party was added (Company, USA Data Protection Requirements,
    …)". A name after "means" is still one."""
    said = _found("Use it.", "Use it.\n\n“Company” means the entity that entered into the "
                  "Agreement with us.\n\n“USA Data Protection Requirements” shall mean any "
                  "Applicable Law.\n\nData subject to USA Data Protection Requirements is "
                  "transferred by us to Company.")
    assert not said.get("recipient-added"), said
    said = _found("Use it.", "Use it.\n\n“Processor” means Acme Hosting Ltd, which we share "
                  "it with.")
    assert "Acme Hosting Ltd" in said.get("recipient-added", ()), said


def test_a_transfer_addendums_roles_laws_and_regulators_are_no_third_parties() -> None:
    """Meta's data transfer addendum (2026) put in the clauses each country's regulator
    issues, and was "a third party was added (ANPD No, Brazilian Data Protection Authority,
    Canada SCCs, Competent Supervisory Authority, Exporter, Importer, Kingdom, LATAM, Parts
    II-III, Resolution CD, Territories, …)": the contract's defined roles after "the", a
    region, clauses by their abbreviation, parts of the text, a resolution and its number,
    a plural, and the bodies that oversee data protection, which the text cites as it cites
    lawmakers. A company named beside them is still one."""
    said = _found("Use it.", "Use it.\n\nAdequate Countries or Territories. Parts II-III of "
                  "this Transfer Addendum shall not apply.\n\nThe Brazilian Data Protection "
                  "Authority’s clauses as set out in Annex II of Resolution CD / ANPD No. 19 "
                  "apply to the LATAM and Canada SCCs.\n\nWhere Meta controls it, the "
                  "Exporter shall be Company and the Importer shall be Meta.\n\nCompetent "
                  "Supervisory Authority: according to Applicable Law. Transfers outside the "
                  "Kingdom follow the Personal Data Protection Board of Türkiye.\n\n“Company” "
                  "means the entity that entered into the Agreement with Meta.\n\nWe share "
                  "it with Acme Hosting Ltd and Square.", "https://www.facebook.com/ meta.com")
    assert set(said.get("recipient-added", ())) <= {"ANPD", "Acme Hosting Ltd", "Square"}, said
    assert {"Acme Hosting Ltd", "Square"} <= set(said.get("recipient-added", ())), said


def test_an_acronym_of_words_in_lower_case_is_no_third_party() -> None:
    """WeChat's privacy policy dropped "unique identifier number (UIN) assigned to users":
    "a third party was removed (UIN)". An organisation's acronym, after its name in
    capitals, is still a name."""
    said = _found("We use your country data: unique identifier number (UIN) assigned to "
                  "users, where you are located.", "We use your country data.")
    assert not said.get("recipient-removed"), said
    said = _found("We share it.", "We share it with the Interactive Advertising Bureau (IAB).")
    assert said.get("recipient-added") == ("Interactive Advertising Bureau",), said
    # Pinterest's community guidelines: "Non-consensual intimate images (NCII)" opening an
    # item was "a third party was added (NCII)"
    said = _found("We remove it.", "We remove it.\n\nNon-consensual intimate images (NCII), "
                  "meaning images of a person shared without consent.")
    assert not said.get("recipient-added"), said


def test_every_country_cldr_names_is_a_place() -> None:
    """WeChat's privacy policy added users "in Türkiye", and the review said "a third party
    was added (Türkiye)": the places known were a list kept by hand. Every country and
    region the Unicode CLDR names (as Babel ships it) is a place, with the forms policies
    write beside CLDR's; CLDR's "United Nations" is not one."""
    said = _found("We share it with users in India.",
                  "We share it with users in India, Türkiye, Macao SAR and Bosnia and "
                  "Herzegovina.")
    assert not said.get("recipient-added"), said
    assert who("Türkiye", frozenset(), frozenset()) == "place"
    assert who("BVI") == "place"  # the British Virgin Islands, as Telegram's policy writes them
    # "Hong Kong, Macau and Taiwan" (Airbnb's), where CLDR writes "Macao": "a third party
    # was added (Macau)"; a place written with its accents, or as its people write it
    assert who("Macau") == "place"
    for place in ("México", "Québec", "Sénégal", "Brasil", "Luxemburg"):
        assert who(place) == "place", place
    assert who("Nestlé") == "organisation"
    # a feature in plain words hyphenated as a title writes them ("Single Sign-On", Reddit's),
    # and a participle that doubles its consonant ("Wrapped", Spotify's year in review)
    assert who("Single Sign-On") == "term" and who("Wrapped") == "term"
    assert who("Mercedes-Benz") == "organisation" and who("Coca-Cola") == "organisation"
    assert who("United Nations", frozenset(), frozenset()) != "place"


def test_a_cookies_attributes_and_security_mechanisms_are_no_third_party() -> None:
    """X's trackers policy described a cookie as "Single-use CSRF state, PKCE verifier,
    and return-path for the Google OAuth roundtrip. HttpOnly, Secure.", and the review said
    "a third party was added (Google OAuth, HttpOnly, PKCE, Secure, Single-use CSRF)".
    Google, whose sign-in the cookie serves, is still named."""
    said = _found("Cookies we set.", "Cookies we set.\n\nSingle-use CSRF state, PKCE verifier, "
                  "and return-path for the Google OAuth roundtrip. HttpOnly, Secure.")
    assert said.get("recipient-added") == ("Google OAuth",), said
    # Google Maps Platform's terms: "ground a LLM to generate …" was "(LLM)"
    said = _found("You may show content.", "You may use the API to ground a LLM to generate "
                  "output shared with third parties, and ML or OCR models.")
    assert said.get("recipient-added") == ("third parties",), said


def test_what_terms_govern_and_what_their_words_mean_hand_nothing_over() -> None:
    """Pinterest's terms (2023) came to govern "your access to and use of any website, app,
    … platform, channel or any other products … offered by Pinterest" and said "For the
    purposes of these Terms, “we” or “us” refers to …": the review said "a third party
    was added (platform)" and "a purpose was added (for the purpose of these terms)". The
    reader's access hands nothing to anyone, and a text saying what its words mean states
    no use of data; a purpose that is one is still read."""
    said = _found("These Terms govern your access to and use of the Pinterest website.",
                  "These Terms govern your access to and use of any website, app, service, "
                  "API, widget, platform, channel or any other products offered by Pinterest. "
                  "For the purposes of these Terms, “we” or “us” refers to the party you "
                  "contract with.")
    assert not said.get("recipient-added") and not said.get("purpose-added"), said
    said = _found("We keep it.", "We keep it for the purpose of fraud prevention. Partners "
                  "may access it on any platform.")
    assert said.get("recipient-added") == ("partners", "platform"), said
    assert "fraud prevention" in said.get("purpose-added", ()), said


def test_a_term_the_document_defines_elsewhere_is_no_third_party() -> None:
    """Truth Social's terms defined their apps in their first part ("(collectively, the
    "Apps")") and, the same day, let users post "on the Site and the Apps" in another:
    there the review said "a third party was added (Apps)". A term is read as defined
    wherever the document defines it."""
    from lexdocs.review.redline import diff_documents
    from tests.test_redline import render

    old = render([("a", "Agreement", "These Terms govern the Site."),
                  ("b", "Contributions", "You may post on the Site.")])
    new = render([("a", "Agreement", "These Terms govern the Site and our mobile apps "
                   '(collectively, the "Apps").'),
                  ("b", "Contributions", "You may post on the Site and the Apps.")])
    reasons = [c.reason for c in diff_documents(old, new).changes]
    assert len(reasons) == 2 and not any("third party" in r for r in reasons), reasons


def test_a_with_object_in_lower_case_is_someone_only_when_its_last_word_is() -> None:
    """Pinterest's community guidelines allow "content about sexual health … with adult
    nudity given the non-pornographic context": "a third party was removed (adult nudity
    given the non-pornographic)"; TikTok's terms promise to act "with reasonable skill and
    care" and "with professional diligence": "a third party was removed (professional
    diligence, reasonable skill)". Such a phrase is someone only if its last word is one
    who does something or a person or body; "other members" and "research institutes"
    still are."""
    said = _found("We allow it.", "We allow it. You can share content about sexual health "
                  "with adult nudity given the non-pornographic context, and we share your "
                  "reports with other members.")
    assert said.get("recipient-added") == ("members",), said
    said = _found("We act.", "We act with reasonable skill and care and with professional "
                  "diligence, and share data with research institutes.")
    assert said.get("recipient-added") == ("research institutes",), said


def test_the_plural_of_an_acronym_that_is_a_word_is_no_third_party() -> None:
    """Pinterest's community guidelines list "social security numbers (SSNs), national
    identity numbers and IDs" among what they remove: "a third party was added (IDs,
    SSNs)". An acronym that is a word is none in the plural either, and one the text
    spells out is a term."""
    assert _parties("We share it with I.B.M.") == ("I.B.M",)  # a dictionary's word, dotted
    said = _found("We remove it.", "We remove it. Identity documents, such as social "
                  "security numbers (SSNs), national identity numbers and IDs, are removed.")
    assert not said.get("recipient-added"), said
    # "FAQ" and "OSS" (Mozilla's "privacy notices and FAQ", GitHub's "OSS maintainers"),
    # a picture's format and a licence (Mozilla's "clear GIFs", "available under CC0"),
    # and a stage of a release ("the Alpha or Beta testing", Mozilla's Common Voice)
    for text in ("Read our notices and the FAQ.", "We fund OSS maintainers.",
                 "Pages use clear GIFs.", "The samples are available under CC0.",
                 "If you join the Alpha or Beta testing, give us your email.",
                 "Each TLD has its own registry rules.",
                 # what safety work names (Substack's "consortia to detect CSAM")
                 "We work with child safety consortia to detect CSAM.",
                 # an acronym of ours with points ("the E.C.P.A.", WordPress.com's)
                 "We need a subpoena under the E.C.P.A. to disclose it."):
        said = _found("We remove it.", f"We remove it. {text}")
        assert not said.get("recipient-added"), said


def test_what_is_inconsistent_with_something_shares_it_with_no_one() -> None:
    """X's developer terms forbid analysis "in a manner that would be inconsistent with X
    users' reasonable expectations of privacy": renaming Twitter to X, the review said "a
    third party changed (Twitter users' reasonable expectations of → X users' reasonable
    expectations of)". "Inconsistent with", as "consistent with", names no recipient."""
    said = _found("You may not share data in a manner that would be inconsistent with "
                  "Twitter users' reasonable expectations of privacy.",
                  "You may not share data in a manner that would be inconsistent with "
                  "X users' reasonable expectations of privacy.")
    assert "expectations" not in str(said), said  # Twitter, renamed, is still a name


def test_a_capitalised_plural_of_an_english_word_is_no_organisation() -> None:
    """X's developer terms renamed Tweets to Posts ("display Tweets" → "display Posts"),
    and the review said "a third party changed (Tweets → Posts)": what a service calls its
    users' items, capitalised. A plural of an English word names no organisation; a name
    that is one word of English ("Stripe", "Square") still does."""
    said = _found("You may display Tweets and their replies on your site.",
                  "You may display Posts and their replies on your site.")
    assert not any(k.startswith("recipient") for k in said), said
    assert who("Stripe", frozenset(), frozenset()) == "organisation"
    said = _found("We share it.", "We share it with Stripe and Square.")
    assert said.get("recipient-added") == ("Square", "Stripe"), said
    # a wiki's note (Wikimedia's privacy policy): "a third party was added (Archived)"
    said = _found("See the original policy.", "See the original policy, Archived December 9, "
                  "2024 at the Wayback Machine.")
    assert "Archived" not in said.get("recipient-added", ()), said


def test_a_regulation_cited_with_its_title_names_no_one() -> None:
    """Google's data processing terms defined "Bulk Sensitive Data" as "government-related
    data, each as defined in 28 C.F.R. Part 202 on Access to U.S. Sensitive Personal Data
    and Government-Related Data by Countries of Concern or Covered Persons", and listed
    "the LGPD, NDPA, …": the review said "a third party was added (Access, C.F.R, Concern,
    Countries, Government-Related Data, government)" and "(NDPA)". A regulation's title is
    its name, a data protection law's acronym a law's; the government that receives data
    is still one."""
    said = _found("Definitions apply.", "Definitions apply. “Bulk Sensitive Data” means bulk "
                  "U.S. sensitive personal data or government-related data, each as defined in "
                  "28 C.F.R. Part 202 on Access to U.S. Sensitive Personal Data and "
                  "Government-Related Data by Countries of Concern or Covered Persons. Laws "
                  "include the LGPD and NDPA.")
    assert not said.get("recipient-added"), said
    said = _found("We keep it.", "We keep it and share it with the government.")
    assert said.get("recipient-added") == ("government",), said


def test_a_word_a_figure_opens_is_no_name() -> None:
    """Pinterest's community guidelines remove content about "3D-printed weapons": "a third
    party was added (D-printed)". A figure's word joined to one in lower case is none;
    names a figure opens ("1Password", "3M") still are."""
    said = _found("We remove it.", "We remove content about 3D-printed weapons and "
                  "5G-enabled trackers, and we share it with 3M.")
    assert said.get("recipient-added") == ("3M",), said
    # a name a figure opens is read whole, not also as its letters ("1Password" was two
    # parties, "1Password" and "Password")
    said = _found("We share it.", "We share it. Our vendors are 1Password and 23andMe.")
    assert said.get("recipient-added") == ("1Password", "23andMe"), said


def test_a_capitalised_verb_in_ing_is_no_organisation() -> None:
    """Pinterest's advertising policy dropped "For Shopping ads in the Netherlands, we
    don't allow …", and the review said "a third party was removed (Shopping)". A verb's
    "-ing" form, capitalised, names what is done; "Boeing" and "Sterling" are still names."""
    said = _found("For Shopping ads in the Netherlands, we don't allow alcohol.",
                  "We don't allow alcohol.")
    assert not said.get("recipient-removed"), said
    assert who("Boeing", frozenset(), frozenset()) == "organisation"
    assert who("Sterling", frozenset(), frozenset()) == "organisation"


def test_trade_in_goods_is_no_sale_of_data() -> None:
    """TikTok's intellectual property policy added "Counterfeiting is the illegal …
    selling … or advertising of goods, and we do not permit the purchase, sale … of
    counterfeit goods": "a purpose was added (advertising, sale, selling)". Trade in goods
    is no use of anyone's data; selling personal information, and marketing products to
    the reader, still are purposes."""
    said = _found("We protect trademarks.", "We protect trademarks. Counterfeiting is the "
                  "illegal distributing, selling, or advertising of goods, and we do not "
                  "permit the purchase, sale, or solicitation of counterfeit goods.")
    assert not said.get("purpose-added"), said
    said = _found("We keep it.", "We keep it. We may sell your personal information to "
                  "advertisers who market products.")
    assert said.get("purpose-added") == ("sell",), said
    said = _found("We keep it.", "We keep it. We use it for marketing our products to you.")
    assert said.get("purpose-added") == ("marketing",), said


def _each_marker(text: str) -> list[bool]:
    """Whether each purpose marker of `text` is read in a sentence about processing."""
    return [clauses.of_processing(text, m.start())
            for m in re.finditer("in order to|for the purpose of", text)]


# Each pattern this module's rules added, on the inputs that would make it read a run again
# from each of its characters: the terms a text defines, a regulation cited, trade in goods,
# the lines before a British postcode, a figure's decimals, the sentence of a purpose.
def _shared_with(text: str) -> object:
    return shared_with(text, frozenset(), frozenset(), frozenset())


_HOSTILE = [*((defined_terms, h, 20_000) for h in ["A-", "(“A ", "A (as defined ", "“A ",
                                                   "“A B” shall ",
                                                   "A-A (defined below) ", "a b (AB) "]),
            *((_REGULATION.findall, h, 100_000) for h in ["1 C.F.R. on A ", "C.F.R. ",
                                                          " on A", "CFR Part x "]),
            *((NOT_PURPOSE.findall, h, 50_000) for h in ["sale ", "sale, a ", "sale data ",
                                                         "advertising of "]),
            *((NOT_DATA.findall, h, 50_000) for h in ["ai inference ", "inference ",
                                                      "machine learning "]),
            *((CAP_RUN.findall, h, 50_000) for h in ["Act on ", "Law on the A ", "A of ",
                                                      "A and ", "A and B ", "A de ", "A de l'",
                                                      "A et des ", "A de la B "]),
            *((dict(_TYPED)["postal-address"].findall, h, 20_000)
              for h in ["A, ", "Ab Cd Ef Gh, ", "A Ltd, ", "A B C Ltd, ", "A-Straße 1, B 1 ",
                        "Ab-Str 1, ", "A e.V, ", "Astrasse 1 Postfach 1 ", "D02 ", "A, D0",
                        "A B Officer ", "Ab Officer, ", "1 A Street, B ", "1 A St, Bc Cd ",
                        "§ 1 a court ", "Officer A, ", "A Officer B, D0",
                        # a range, a floor, a street's side, France's, a paragraph's break,
                        # a suite and a state written out
                        "71-75 A Street, ", "1 A Street, 2nd Floor, ", "1 A Street Upper Upper ",
                        "9 bis, rue de la A B ", "26, rue A B C D ", "1 A Street, B  \n C \n ",
                        "1 A, Suite 2 B C D E F G ", "1 Ab Cd Ef Gh Ij Kl Mn Op Qr 1234 "]),
            *((dict(_TYPED)["duration"].findall, h, 20_000) for h in ["1.", "1.1.", "1,1 "]),
            *((_each_marker, h, 20_000) for h in ["in order to ", "for the purpose of x "]),
            *((names_in, h, 5_000) for h in ["Rules on A ", "Act for ", "A regarding B ",
                                              "is a A ", "as an ", "Section 1A ",
                                              "Section Section 1A"]),
            *((who, h, 5_000) for h in ["II", "XI"]),
            *((cited_titles_masked, h, 20_000) for h in ['"', '“A b c ', '"How We A" ', "“"]),
            *((products, h, 5_000) for h in ["turn on A ", "turn A B ", "turned off the ",
                                              "channels (e.g., A ", "topics (such as A, ",
                                              "Free Free customer "]),
            *((who, h, 2_000) for h in ["A-speaking", "Ab-"]),
            *((_shared_with, h, 5_000) for h in ["share it with A and the B ", "with A B ",
                                                   "share with A and B and C "])]


@pytest.mark.parametrize(("read", "hostile", "size"), _HOSTILE,
                         ids=[f"{r.__qualname__}-{h!r}" for r, h, _ in _HOSTILE])
def test_the_names_and_purposes_patterns_read_in_linear_time(
        read: Callable[[str], object], hostile: str, size: int) -> None:
    assert growth(lambda n: lambda: read(hostile * n), size, tries=2) < LINEAR
