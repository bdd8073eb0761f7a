"""Import of a text without headings, its parts titled by lines in bold (adopt/boldparts)."""

from __future__ import annotations

from collections.abc import Callable

from lexdocs.adopt.boldparts import parts_in_bold
from lexdocs.adopt.convert import convert
from tests.scaling import LINEAR, growth

# Shaped as AliExpress's privacy policy is archived: its title and a table of contents in
# bold, the contents' first entry over its sub-parts, the text before the parts, then each
# part's label and title in two bold runs with a no-break space between, a sub-part's title
# in bold inside a part, and the last part titled otherwise than the contents say.
LETTERED = """**Acme Privacy Policy**

**Table of Contents**

**A. COLLECTION OF INFORMATION**

·       Information That You Provide to Us

·       Information That We Collect Automatically

**B. USE OF PERSONAL DATA**

**C. HOW TO CONTACT US**

We at Acme recognise the importance of privacy.

**A.**\u00a0**COLLECTION OF INFORMATION**

We collect what you give us.

**Information That You Provide to Us**

Your name and e-mail address.

**B.** **USE OF PERSONAL DATA**

We use it to run the service.

**C.** **CONTACT**

Write to privacy@example.com.
"""


def test_parts_titled_in_bold_are_the_sections() -> None:
    """AliExpress's privacy policy has no heading: it imported as one "Introduction" of
    79 KB, so every redline said "Introduction — modified". Each part titled by a bold
    line of one kind is a section, titled as the reader sees it and named without its
    label; the contents and the text before the parts are the introduction; a sub-part's
    bold title stays in its part; the first line in bold is the document's title."""
    conv = convert(LETTERED, "Privacy")
    assert conv.title == "Acme Privacy Policy"
    assert [(s.id, s.title) for s in conv.sections] == [
        ("introduction", "Introduction"),
        ("collection-of-information", "A. COLLECTION OF INFORMATION"),
        ("use-of-personal-data", "B. USE OF PERSONAL DATA"), ("contact", "C. CONTACT")]
    intro = conv.sections[0].body
    assert intro.startswith("**Table of Contents**") and "**C. HOW TO CONTACT US**" in intro
    assert intro.rstrip().endswith("We at Acme recognise the importance of privacy.")
    assert "Acme Privacy Policy" not in intro
    assert conv.sections[1].body == ("We collect what you give us.\n\n**Information That You "
                                     "Provide to Us**\n\nYour name and e-mail address.\n")
    assert conv.sections[3].body == "Write to privacy@example.com.\n"
    # A title given already is kept, and the bold line stays the text's.
    titled = convert("---\ntitle: Our Policy\n---\n" + LETTERED, "Privacy")
    assert titled.title == "Our Policy" and "**Acme Privacy Policy**" in titled.sections[0].body


def test_titles_in_capitals_or_title_case_are_parts_only_where_no_label_is() -> None:
    """Without labels, titles in capitals are the parts (WeChat's "**HOW DO WE USE YOUR
    INFORMATION?**"), one written twice after the parts began is two ("CONTACT US" for the
    policy and for an addendum); a caption right under a title, a title a colon promised,
    and a line in bold holding a figure (a date, an amount) are no parts."""
    text = ("Intro.\n\n**WHAT WE COLLECT**\n\n**PLEASE READ CAREFULLY**\n\nYour name.\n\n"
            "**CONTACT US**\n\nWrite to us.\n\n**ADDENDUM FOR KOREA**\n\nHere is how:\n\n"
            "**HOW WE SHARE**\n\nWith no one.\n\n**OUR 3 PROMISES**\n\n"
            "**CONTACT US**\n\nWrite to Seoul.\n")
    conv = convert(text, "Privacy")
    assert [(s.id, s.title) for s in conv.sections] == [
        ("introduction", "Introduction"), ("what-we-collect", "WHAT WE COLLECT"),
        ("contact-us", "CONTACT US"), ("addendum-for-korea", "ADDENDUM FOR KOREA"),
        ("contact-us-2", "CONTACT US")]
    assert conv.sections[1].body == "**PLEASE READ CAREFULLY**\n\nYour name.\n"
    assert "**HOW WE SHARE**" in conv.sections[3].body
    assert "**OUR 3 PROMISES**" in conv.sections[3].body


def test_too_few_titles_or_a_document_with_headings_keep_their_shape() -> None:
    """Two titles make no outline, nor do labels repeated row after row, and a text with
    headings is split by its headings: bold lines inside a section stay bold."""
    two = "Intro.\n\n**WHAT WE COLLECT**\n\nYour name.\n\n**CONTACT US**\n\nWrite to us.\n"
    assert [s.id for s in convert(two, "Privacy").sections] == ["introduction"]
    # a label each row of a flattened table repeats is no part (X's data processing terms)
    rows = "".join(f"**{k}**\n\nWe use it.\n\n**Consent**\n\nYou agreed.\n\n"
                   for k in ("Identifiers", "Location Data", "Payment Information"))
    assert [s.id for s in convert("Intro.\n\n" + rows, "Privacy").sections] == ["introduction"]
    headed = ("## Our data\n\n**WHAT WE COLLECT**\n\nYour name.\n\n**HOW WE USE IT**\n\nTo "
              "serve.\n\n**CONTACT US**\n\nWrite.\n\n## Contact\n\nWrite to us.\n")
    assert [s.id for s in convert(headed, "Privacy").sections] == ["our-data", "contact"]


def test_parts_titled_in_bold_are_found_in_linear_time() -> None:
    """Committed text is untrusted: many titles, many repeated, or one long bold line."""
    def make(n: int) -> Callable[[], object]:
        lines = [w for k in range(n) for w in (f"**{k % 7}. PART**", "", "Text here.", "")]
        lines += ["**" + "a " * n + "**", ""]
        return lambda: parts_in_bold(lines, [True] * len(lines), titled=False)
    assert growth(make, 5_000, tries=2) < LINEAR

    def plain(n: int) -> Callable[[], object]:  # titles without marks, none heading text
        lines = [w for k in range(n) for w in (f"Some Title Here {'x' * (k % 5)}", "",
                                               "Short.", "", "[a](b)  " * 3, "")]
        return lambda: parts_in_bold(lines, [True] * len(lines), titled=False)
    assert growth(plain, 5_000, tries=2) < LINEAR

    def colons(n: int) -> Callable[[], object]:
        lines = [w for _ in range(n) for w in ("**WHAT WE DO**", "", "", "", "As follows:", "")]
        return lambda: parts_in_bold(lines, [True] * len(lines), titled=False)
    assert growth(colons, 5_000, tries=2) < LINEAR


def test_one_heading_atop_parts_titled_in_bold_is_the_title() -> None:
    """BeReal's terms, as archived: "### TERMS OF SERVICE" over the whole text, each part
    titled in bold below it ("**1\\. Who can use our services?**"). The heading titles
    the text, and the parts are its sections; one heading over a text of no such parts
    still heads a section."""
    text = ("### TERMS OF SERVICE\n\n**Welcome to Acme!**\n\nRead these.\n\n**1\\. Who can use "
            "our services?**\n\nAdults.\n\n**2\\. Content**\n\nYours.\n\n**3\\. Law**\n\n"
            "French law.\n")
    conv = convert(text, "Terms")
    assert conv.title == "TERMS OF SERVICE"
    assert [(s.id, s.title) for s in conv.sections] == [
        ("introduction", "Introduction"), ("who-can-use-our-services", "1. Who can use our "
                                           "services?"),
        ("content", "2. Content"), ("law", "3. Law")]
    assert conv.sections[0].body == "**Welcome to Acme!**\n\nRead these.\n"
    plain = convert("### Terms of Service\n\nRead these.\n", "Terms")
    assert [s.id for s in plain.sections] == ["terms-of-service"]


def test_lines_alone_in_title_case_are_parts_where_no_title_is_marked() -> None:
    """Quora's privacy policy, as archived, has no mark at all: "Privacy Policy", then each
    part's title a line alone ("Information We Collect", "How We Use Your Information and
    Legal Basis for Processing"). It was one section. Lines of two words or more in Title
    Case that head some text are the parts (in capitals first, where three are); a title
    over nothing but the next, a line of an address ("Attn: Privacy"), a label and a site's
    bar of links above the title are none."""
    text = ("[About](https://example.com/about)[Careers](https://example.com/jobs)\n\n"
            "Privacy Policy\n\nThis policy says how Acme handles the personal data of the "
            "people who use its services.\n\nOverview\n\nInformation We Collect\n\nWe collect "
            "your name, your email address and the pages you read on our site.\n\nHow We Use "
            "Your Information and Legal Basis for Processing\n\nWe use it to run the service "
            "you asked for, on the basis of our contract with you.\n\nContact Us\n\nWrite to "
            "us by post if you have any question about this policy or your data.\n\nAcme Inc\n"
            "\nAttn: Privacy\n\nMain Street\n")
    conv = convert(text, "Privacy")
    assert conv.title == "Privacy Policy"
    assert [s.title for s in conv.sections] == [
        "Introduction", "Information We Collect",
        "How We Use Your Information and Legal Basis for Processing", "Contact Us"]
    assert conv.sections[0].body.rstrip().endswith("Overview")
    assert conv.sections[-1].body.endswith("Acme Inc\n\nAttn: Privacy\n\nMain Street\n")
    # titles in capitals, where three are, are the parts and those in Title Case theirs
    caps = ("Intro.\n\n" + "".join(
        f"PART {n} OF THE POLICY\n\nThis part of the policy says what we do with the data "
        f"you give us.\n\nSub Title {n}\n\nThis sub-part says a little more about what we "
        f"do with the data.\n\n"
        for n in ("ONE", "TWO", "THREE")))
    assert [s.title for s in convert(caps, "Privacy").sections] == [
        "Introduction", "PART ONE OF THE POLICY", "PART TWO OF THE POLICY",
        "PART THREE OF THE POLICY"]


def test_parts_numbered_as_text_are_parts_and_may_repeat_across_agreements() -> None:
    """Snap's terms, as archived, title each part by a line alone whose number is text
    ("1\\. Who Can Use the Services"), and hold two agreements numbered alike: one section
    of 114 KB, so that an archived copy that gained one heading ("Secondary Navigation")
    moved the whole text into a new section and was called material. Numbered titles are
    the parts, first among the unmarked; titles numbered alike in two agreements are two
    parts each, as labels may repeat where words alone may not."""
    part = "{n}\\. {title}\n\nThis part of the agreement says what {who} and you agree on.\n\n"
    text = "".join(
        f"{name} Terms\n\nThese terms bind you when you use the services of {name}.\n\n"
        + "".join(part.format(n=n, title=t, who=name) for n, t in (
            (1, "Who Can Use the Services"), (2, "Rights You Grant Us"), (3, "Privacy")))
        for name in ("Acme", "Acme Europe"))
    conv = convert(text, "Terms")
    assert conv.title == "Acme Terms"
    assert [s.title for s in conv.sections] == [
        "Introduction", "1. Who Can Use the Services", "2. Rights You Grant Us", "3. Privacy",
        "1. Who Can Use the Services", "2. Rights You Grant Us", "3. Privacy"]
    assert "Acme Europe Terms" in conv.sections[3].body
