"""The compliance lint on policies we did not write: the newest text of four real policy
histories (tests/data/lint/SOURCES.md), imported as `lexdocs import` converts them, raises
no error; and the ways real policies introduce a list are read as lists, while an
introduction that nothing follows is still caught."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lexdocs.adopt.convert import convert, layout
from lexdocs.checks.compliance import run_checks
from lexdocs.checks.lists import check_list_intros
from lexdocs.findings import Finding
from lexdocs.render.templates import render_document
from lexdocs.sources.documents import load_document
from lexdocs.sources.variables import load_variables_file
from tests.scaling import LINEAR, growth

DATA = Path(__file__).parent / "data" / "lint"
ROOT = "policy_src"


def imported(text: str, only_intros: bool = False) -> list[Finding]:
    """The findings on `text` imported as the document `p` (no variables declared)."""
    files = {f"{ROOT}/p/{name}": body for name, body in
             layout(convert(text, "P"), "p", adopted=None, baseline=None, source="p.md").items()}
    files[f"{ROOT}/variables.yml"] = "{}\n"
    variables = load_variables_file(ROOT, files.get)
    src = load_document(ROOT, "p", files.get)
    doc = render_document(src, variables, ROOT, files.get)
    if only_intros:
        return check_list_intros({"p": src}, {"p": doc})
    return run_checks(variables, {"p": src}, {"p": doc}, {"p": None}, dt.date(2026, 12, 1))


@pytest.mark.parametrize("name", ["automattic", "basecamp", "github", "mozilla"])
def test_a_real_policys_newest_text_raises_no_error(name: str) -> None:
    found = imported((DATA / f"{name}.md").read_text(encoding="utf-8"))
    assert [str(f) for f in found if f.severity == "error"] == []


LISTS = {
    "numbered paragraphs": "Our use is based on the grounds that:\n\n(1) It is necessary for "
                           "a contract; or\n\n(2) It is necessary for a legal obligation.\n",
    "lettered paragraphs": "We process it only if:\n\na) you agree;\n\nb) the law requires it.\n",
    "hard-broken lines": "We translate it. For example:\n\nFrench: <https://example.com/fr>\\\n"
                         "Spanish: <https://example.com/es>\\\nGerman: <https://example.com/de>\n",
    "broken with <br>": "Write to us by mail at:\n\nExample Ltd<br/>\n1 Main Street<br/>\n"
                        "Brussels<br/>\n",
    "subsections": "We describe what we collect through each of these channels:\n\n"
                   "### From you\n\nYour name.\n\n### Automatically\n\nYour address.\n",
    "addresses": "Our addresses are:\n\nExample B.V.\nPrins Bernhardplein 200, Amsterdam\n"
                 "1097JB\nThe Netherlands\n\nExample, Inc.\n88 Colin P. Kelly Jr. St.\n",
    "a comment between": "No one may read it except for:\n\n<!-- lint: keep -->\n\n"
                         "* security\n* support\n",
    # OpenGov's copyright policy: the first item lost its mark, the others kept theirs
    "the first item as a paragraph": "Send us a letter that includes the following:\n\n"
                                     "A physical or electronic signature of a person authorized "
                                     "to act for the owner of a right that is allegedly "
                                     "infringed.\n\n* Identification of the work.\n"
                                     "* Identification of the material.\n",
    # The shapes below are from real policies that are not in the corpora (Mozilla's
    # Formulaic notice, Automattic's cookie policy and terms, basecamp's recruitment
    # policy): each raised an error on untouched text.
    "labelled paragraphs": "We collect the following information from you:\n\n**Username.** "
                           "A public name you choose.\n\n**Account information.** Your e-mail.\n",
    "labels in italics": "We also receive this automatically:\n\n*Technical data:* basic "
                         "telemetry.\n\n*Location data:* your IP address, for 30 days.\n",
    "a clause set off": "To put it all in one section:\n\n***You agree that we are not liable "
                        "for indirect damages.***\n\nIn other words: it is a bet on us.\n",
    "a linked address": "You can contact:\nExample, LLC\nJane Doe, "
                        "[jane.doe@example.com](mailto:jane.doe@example.com)\n1 Main St\n"
                        "Chicago, IL 60612\n",
    "a label for a heading": "_For visitors to sites in our network:_\n\nYou can manage your "
                             "choices on the banner.\n",
    # And from GitHub's site policies (its candidate privacy policy, its guidelines for legal
    # requests, its incident response description, its terms for additional products):
    "addresses as paragraphs": "Our addresses are:\n\nExample B.V. Prins Bernhardplein 200, "
                               "Amsterdam 1097JB The Netherlands\n\nExample, Inc. 88 Colin P. "
                               "Kelly Jr. St. San Francisco, CA 94107 United States\n",
    "a web address": "The current version of this document may be found at:\n\n"
                     "https://example.com/site-policy/rfc-2350\n",
    "a term and its definition": "* [**Users**](/glossary#user):\nUsers are personal "
                                 "accounts. Each user has a profile.\n\n* [**Gists**](/gists):\n"
                                 "Gists are snippets of text that users can share.\n",
    "the paragraph goes on": "Your use is governed by the following terms:\nTo use the "
                             "extension in your editor, you need to install it first.\n",
    "a heading with a colon": "### Mozilla's intellectual property:\n\nMozilla grants you "
                              "no right not stated here.\n",
    "a label and its list": "We rely on these lawful bases (or as we tell you from time to "
                            "time):\n\nPerformance of a Contract:\n\n* Payroll\n* Benefits\n",
    # Automattic's offer letters: bullets typed as characters, a signature block's fields,
    # and numbered paragraphs escaped so that no list is made.
    "typed bullets": "We may transfer it as follows:\n\n• Automattic Inc., since it is the "
                     "parent.\n\n• Customers, as we need to.\n",
    # Flickr's CCPA notice: a label of a few more words, no sentence, over its paragraphs.
    "a longer label": "CCPA description of uses of California personal information:\n\n"
                      "In CCPA terms, we have used and disclosed all of the categories of "
                      "personal information for the purposes this policy describes.\n",
    # Sketchfab's terms: "the following applies:" promises a rule, which a paragraph is.
    "a rule that applies": "If you are a user residing in the EU, the following applies:\n\n"
                           "Any claim arising out of or related to this Agreement shall be "
                           "governed by the laws of your country of residence.\n",
    # Apple's terms: a condition with a comma in it, then the rule for that case.
    "a condition with a comma": "If you are in Brazil, notwithstanding anything herein to the "
                                "contrary:\n\nFor any charges made by us to you, we may use an "
                                "affiliated company to collect them on our behalf.\n",
    # and a case a paragraph: "If you are a citizen of …", "If you are a citizen of …"
    "a case a paragraph": "You submit to the courts of the country identified below whose law "
                          "governs:\n\nIf you are a citizen of any European Union country, "
                          "the governing law shall be the law of your country of residence."
                          "\n\nIf you are a citizen of Japan, the governing law shall be "
                          "Japanese law and the forum shall be Tokyo.\n",
    # DeviantArt's privacy policy: paragraphs numbered in levels.
    "numbered in levels": "We may share your information in the following instances:\n\n"
                          "3.1. _Service providers_: We may share information with the "
                          "providers whose services we use to run the site and the apps.\n\n"
                          "3.1.1. We may share it for a business purpose, such as the "
                          "identifiers and the other categories listed above.\n",
    # Badoo's: an example is a paragraph of prose as much as a list.
    "an example in prose": "We also use algorithms to keep the platform safe. For example:\n\n"
                           "Private Detector uses a model to blur an image shared within a "
                           "chat, then tells you that you have been sent something.\n",
    # Lydia's privacy policy: dashes escaped so that Markdown makes no list of them.
    "escaped dashes": "Lydia may collect the following categories of personal data:\n\n"
                      "\\- Civil status and identification data: surname, first names, "
                      "gender, date and place of birth, nationality and a video of you.\n\n"
                      "\\- Contact information: postal addresses, email addresses and "
                      "telephone numbers, as you give them to us.\n",
    # Dailymotion's terms (Open Terms Archive's copy): bullets typed as en dashes.
    "dashes for bullets": "* Dailymotion shall:\n\n– Tell You, as soon as possible, of any "
                          "request we receive from a data subject (except where the law "
                          "forbids it); and\n\n– Help You answer it within the time the law "
                          "gives, as far as we reasonably can.\n",
    "a signature block": "In witness whereof, the parties sign.\n\nBy:\n\nName (Printed): "
                         "A. Person\n\nDate:\n",
    "escaped numbers": "The following terms will apply, whenever it occurs:\n\n1\\. The "
                       "decision is the Company's.\n\n2\\. The benefits continue.\n",
    # Mozilla's Common Voice terms: the one item as a paragraph, and paragraphs counted
    # in words.
    "the item as a paragraph": "Mozilla specifically disclaims the following:\n\nIndirect, "
                               "special, incidental, consequential, or exemplary damages, "
                               "including lost profits.\n\nAny liability of Mozilla is "
                               "limited to $500.\n",
    "paragraphs counted in words": "You make three assurances:\n\nFirst, that the "
                                   "recordings are yours.\n\nSecond, that they infringe no "
                                   "right.\n\nThird, that they follow the rules.\n",
    # WordPress.com's terms: "If you ship with FedEx:" and a list, then this and paragraphs.
    "a condition that labels its text": "When using DHL’s services:\n\nYou are responsible "
                                        "for compliance with all applicable DHL rules.\n\n"
                                        "In addition, you pay any customs charges.\n",
    # npm's privacy policy (Open Terms Archive's copy): a label over the paragraphs on a right.
    "a few words that label their text": "Opt-out of sale:\n\nCalifornia residents may ask "
                                         "us to stop selling their information. We do not "
                                         "sell it.\n",
    # Open Terms Archive's copies of dating services' terms, Zoosk's privacy policy and
    # Meta's and Snap's terms and policies: each raised an error on untouched text.
    "a long condition in a bracket": "\\[For subscribers residing in Arizona, California, "
                                     "Colorado, Connecticut, Illinois, Iowa, Minnesota, New "
                                     "York, North Carolina, Ohio, Rhode Island, and "
                                     "Wisconsin\\_\\_:\n\nYour Right to Cancel - You may cancel "
                                     "your subscription before midnight of the third day.\n",
    "the terms below apply": "For subscribers residing in Ohio, the terms below apply:\n\n"
                             "YOU, THE BUYER, MAY CANCEL YOUR SUBSCRIPTION AT ANY TIME, AS THE "
                             "LAW OF YOUR STATE PROVIDES.\n",
    "a law's articles quoted": "Under French law, we must remind you of articles L215-1 to "
                               "L215-3 of the French consumer code:\n\nFor services agreements "
                               "entered into for a limited duration, the provider shall inform "
                               "the consumer in writing.\n",
    "a law quoted": "You waive California Civil Code Section 1542, which provides:\n\nA general "
                    "release does not extend to claims that the creditor does not know or "
                    "suspect to exist in his or her favor at the time of executing the release."
                    "\n",
    "arrows for bullets": "As examples, you have the right to:\n\n➢ Request access to your "
                          "personal data. This enables you to receive a copy of it.\n\n"
                          "➢ Request correction of the personal data that we hold.\n",
    "a place and an aside": "Belgium (in addition to those set out under \"United Kingdom, "
                            "European Union and Norway\" above):\n\nWhere these terms refer to "
                            "our right to suspend your access, we may do so only for a valid "
                            "reason.\n",
    "a title put as a question": "Why and how we process your information:\n\nOur systems "
                                 "process the information we have collected to assess your "
                                 "interests.\n",
    "a label in title case": "We Remove:\n\nWe remove threats of violence against people, "
                             "whatever form they take.\n",
    # BeReal's community standards: each item opens with a label that is a link, in bold
    "labels that are links": "Basically, if you’re doing something that you would not want "
                             "other people to do to you, then you’re probably violating the "
                             "Community Standards. But just in case you’re not sure, here is a "
                             "list:\n\n**[Bullying, Abuse, and Harassment](https://help.example"
                             ".com/hc/en-us/articles/10268134727581)**: You may not share "
                             "content that seeks to or does bully, abuse or harass people, "
                             "whether they are other users or non-users. \n\n**[Child Sexual "
                             "Exploitation](https://help.example.com/hc/en-us/articles/"
                             "10268591436573)**: Child exploitation is strictly forbidden, and "
                             "we have zero tolerance towards any content that contains or "
                             "promotes child sexual exploitation. \n",
    # WhatsApp's terms: the extent of its liability, set out in the paragraphs after it
    "the extent promised": "WhatsApp is only liable to the following extent:\n\nWhatsApp is "
                           "liable without limitation for damages resulting from injury to "
                           "life, body or health.\n\nWhatsApp will exercise professional "
                           "diligence in providing the Services to you.\n",
    # Instagram's privacy policy: a note set between the promise and its items, each a link
    "a note before the list": "The information we use could include any of the following:"
                              "\n\nNote: the list below is about information from Meta.\n\n"
                              "[Your activity](https://example.com/1)\n\n[Friends and "
                              "followers](https://example.com/2)\n",
    "a list in two steps": "The information we use could include any of the following:\n\n"
                           "Information categories we use (see the section above):\n\n"
                           "Your activity and information you provide:\n\n* Content you create"
                           "\n* Messages you send\n",
    # Anthropic's data processing addendum (Open Terms Archive's copy): clauses numbered in
    # an outline under the one that introduces them, and the terms a schedule defines.
    "outline numbers": "A.1. Elections for the purposes of Module Two and Module Three of "
                       "the Standard Contractual Clauses:\n\nA.1.a. Clause 7 (Docking clause) "
                       "– does not apply.\n\nA.1.b. Clause 11 (Redress) – optional wording "
                       "does not apply.\n\nC.1.a.i. This **“Addendum”** means this Addendum "
                       "to the Clauses.\n",
    # Apple's developer agreement: clauses numbered in two levels, with no stop after the number
    "numbers with no stop": "You acknowledge and agree that:\n\n**5.1** Apple may at any time, "
                            "with or without prior notice to You, modify the APN, including "
                            "changing or removing any feature.\n\n**5.2** The APN is not "
                            "available in all languages.\n\nWhere You designate Apple Inc. to "
                            "allow access to the Applications:\n\n15.1 If You are not a resident "
                            "of the United States for tax purposes, You will complete the form "
                            "the IRS asks for.\n",
    # Alibaba.com's terms: the sub-clauses of the clause that introduces them, in lower case
    "numbered under the introduction": "3.5      Alibaba.com may change or suspend the "
                                       "Services at any time, and in particular:\n\n3.5.1   in "
                                       "the event that Alibaba.com decides to modify a Service "
                                       "in a country, it will give reasonable notice.\n\n3.5.2"
                                       "   in the event that it ends a Service, it will say so.\n",
    # Google's data protection terms (Open Terms Archive's copy): the space after each
    # bracketed number lost
    "numbers run on into their words": "(b)**Processor Customers.** If Customer is a processor:"
                                       "\n\n(i)Customer warrants on an ongoing basis that the "
                                       "relevant controller has authorized the Instructions.\n\n"
                                       "(ii)Customer will immediately forward to the relevant "
                                       "controller any notice provided by Google.\n",
    # Mailjet's acceptable use policy and OVHcloud's terms (Open Terms Archive's copies)
    "numbers in bold before a dash": "You may not use our Services to engage in illegal "
                                     "behavior, including (but not limited to):\n\n**2a** – "
                                     "Any activity or conduct that is likely to be in breach of "
                                     "any applicable laws.\n\n**2b** – Any activity intended to "
                                     "cloak identity.\n",
    "terms defined after a colon": "The following terms shall have the following meanings unless "
                                   "the context otherwise requires:\n\nAffiliates: mean any "
                                   "company controlled by one of the Parties, that controls one "
                                   "of the Parties or with which one of them is under joint "
                                   "control.\n",
    # MouthShut's terms (Open Terms Archive's copy): each clause a heading in a list item
    "headings in list items": "1.  #### Pursuit of Violators:\n    \n    If we find someone "
                              "showing your content elsewhere, we may act.\n2.  1.  #### "
                              "Liability Limits:\n        \n        We are liable for nothing "
                              "more than the law says we are.\n    2.  #### Indemnity:\n\n"
                              "    You release us from any claim that your content causes.\n",
    # Open Terms Archive's copies: Honkai: Star Rail's terms (Word's bullet), NordVPN's terms
    # (the space after the bullet lost), Google's terms (a minus sign for a bullet) and a
    # form in Infolinks' privacy policy (boxes to tick)
    "middle dots": "By accepting this Agreement:\n\n·       You agree to our rules and "
                   "policies that are incorporated into it.\n\n·     You agree that you use "
                   "the services at your own risk.\n",
    "bullets with no space": "You shall not, nor encourage or enable others to:\n\n•use the "
                             "services for any activities that are unlawful.\n\n•use the "
                             "services for any purpose that is military.\n",
    "minus signs": "− To Example Limited, Gordon House, Barrow Street, Dublin 4, Ireland, "
                   "withdrawal@example.com:\n\n− I hereby give notice that I withdraw from my "
                   "contract.\n",
    "boxes to tick": "I, the undersigned Data Subject, hereby swear, certify and attest that:\n\n"
                     "\\[\u00a0  \u00a0\\] I am a citizen or resident of the European "
                     "Union.\n\n\\[   \\] I own a device on which a cookie you list is "
                     "stored.\n",
    "terms that are applicable": "If you use the services through a console, the following "
                                 "Supplemental Terms are applicable to you:\n\nYou may sign "
                                 "in with the console's account, and we will link the two.\n",
    # Google Maps' terms (Open Terms Archive's copy): a clause replaced by the one quoted
    "a clause quoted": "For United States federal government entities, the section on "
                       "governing law and venue is replaced with the following:\n\n'These "
                       "Terms will be governed by the laws of the United States of America, "
                       "and the parties will resolve any dispute in a federal court.'\n",
    # Google's terms (Open Terms Archive's copy of Google Maps'): a disclaimer in capitals
    "a disclaimer set off in capitals": "The law requires that we use capital letters to "
                                        "help make sure you see it, as follows:\n\nTO THE "
                                        "EXTENT ALLOWED BY APPLICABLE LAW, WE PROVIDE OUR "
                                        "SERVICES “AS IS” WITHOUT ANY WARRANTIES.\n",
    # Google Maps Platform's terms: definitions, each a paragraph opening with its term
    "definitions after footnote marks": "1.3 _Caching._ Customer may cache the content "
                                        "for the applicable Caching Period.\n\n1.3.1 The "
                                        "following definitions apply to this Section 1.3 "
                                        "(Caching):\n\n\\*\"_Downstream transactions_\" "
                                        "means to use the cached content associated with an "
                                        "End User's account to avoid requiring that End User "
                                        "to enter the same information again.\n\n\\*\\*\""
                                        "_Correction Requests_\" means to use the cached "
                                        "content to request a correction on an address.\n",
    # npm's privacy policy: statements set off in italics, each a paragraph of two lines
    "statements set off in italics": "But at a minimum, absolutely every npm user\nshould "
                                     "understand:\n\n*The npm public registry is for making "
                                     "software available to everyone\nonline.*\n\nBut: "
                                     "*Software comes from people, and says something "
                                     "about us.*\n",
    # AcuityAds' terms (Open Terms Archive's copy): clauses numbered in a row, in lower case
    "clauses counted on in lower case": "This Agreement may be terminated immediately by "
                                        "either party if any of the following events occur:"
                                        "\n\n8.1 subject to Section 8(b), the other party "
                                        "materially breaches or materially fails to perform "
                                        "any of its obligations under this Agreement, and "
                                        "such breach is not cured within 30 days.\n\n8.2 "
                                        "the other party is in default of any of its payment "
                                        "obligations.\n",
    # Qiwi.gg's privacy policy (Open Terms Archive's copy), as policy generators write rights
    "labels before a dash": "We would like to make sure you are fully aware of all of your "
                            "data protection rights. Every user is entitled to the following:"
                            "\n\nThe right to access – You have the right to request copies "
                            "of your personal data. We may charge you a small fee for this.\n\n"
                            "The right to be informed - You have the right to know what we "
                            "collect and why we collect it, before we do.\n",
    # the Daily Mail's terms (Open Terms Archive's copy): items whose bullets were lost
    "items ending in semicolons": "This clause 4 means, for example (without limitation), that "
                                  "we can:\n\nContinue to publish all or part of Your Content, "
                                  "including your name, town and country, even if you change "
                                  "your mind and want us to remove it;\n\nRemove Your "
                                  "Content, even if you have not breached these Terms; and\n\n"
                                  "Edit your Content, which may shorten it.\n",
    # Fox News's privacy policy (Open Terms Archive's copy): each kind of information a term
    "terms in bold, paragraph after paragraph": "Depending on your interactions with us, we "
                                                "may collect the following information from "
                                                "and about you:\n\n**Registration Information**"
                                                " is information you submit to register for a "
                                                "service, for example to create an account or "
                                                "post comments.\n\n**Subscription Information** "
                                                "is information we receive from partners when "
                                                "you buy a subscription.\n",
    # ePRICE's conditions for sellers (Open Terms Archive's copy): definitions, terms quoted
    "terms in quotes, paragraph after paragraph": "A2.1 Ai fini del presente Contratto le "
                                                  "seguenti espressioni assumono i seguenti "
                                                  "significati:\n\n“Abbonamento” indica "
                                                  "l’importo fisso che il Venditore è tenuto "
                                                  "a corrispondere a PB Online Srl, a titolo "
                                                  "di corrispettivo per i Servizi, come "
                                                  "indicato nell’Allegato.\n\n\"Accesso "
                                                  "Limitato\" indica l’accesso alla "
                                                  "Piattaforma Transazionale che non consente "
                                                  "l’uso delle funzionalità della stessa.\n",
    # Finnair's and Palantir's privacy policies (Open Terms Archive's copies)
    "labels in bold before a dash": "We share your personal data with group companies and "
                                    "other third parties for the following purposes:\n\n"
                                    "**For your travel and other services –** We share your "
                                    "data with other airlines and airport operators.\n",
    "labels in bold and italics": "Your rights may include:\n\n**_The right of access to your "
                                  "personal data:_** You may have the right to receive "
                                  "confirmation about whether we process your data.\n\n**_The"
                                  " right to ask us to correct it:_** You may ask us to.\n",
    # Palia's terms (Open Terms Archive's copy): headings run into their text, bold lost
    "headings run in": "Except where injunctive relief is sought, you agree to follow the "
                       "dispute resolution policy set forth below for any claim arising from "
                       "your use of the Game:\n\nInformal Negotiations. Parties to a dispute "
                       "will attempt to negotiate a settlement informally.\n\nOnline "
                       "Arbitration. In the event that negotiations are unsuccessful, the "
                       "parties agree to binding online arbitration.\n\nLimitation of "
                       "Liability. We are liable only as the law requires.\n",
    # Foursquare's privacy policy (Open Terms Archive's copy)
    "a long label in title case": "Data Collected Automatically When You Use Our Consumer "
                                  "Services:\n\nIf you opt in to sharing your location with "
                                  "us, we receive data about your precise location.\n",
    # Teads' acceptable use policy (Open Terms Archive's copy): the bullets lost
    "paragraphs that open alike, three in a row": "Advertisements for dating services shall be "
                                                  "allowed subject to the following "
                                                  "restrictions:\n\nAdvertisements shall not "
                                                  "include suggestive language or images.\n\n"
                                                  "Advertisements shall not promote one-night "
                                                  "stands.\n\nAdvertisements shall not refer "
                                                  "to international dating.\n",
    # Pinterest's cookie policy (Open Terms Archive's copy): each way a paragraph of its own
    "the reader's ways, a paragraph each": "There are a few ways you can choose how cookies "
                                           "are used on Pinterest:\n\nIf you are in the EU "
                                           "you can adjust your preferences in your settings."
                                           "\n\nIn the Personalization section of your "
                                           "settings, you can decide whether we use info from "
                                           "our partners.\n\nYour browser probably gives you "
                                           "cookie choices.\n",
    # X's cookie policy: "…privacy options to control or limit how we, our partners, and
    # other third-parties use cookies and cookie-related data:", then a paragraph on each
    "the reader's options, a paragraph each": "We're committed to giving you meaningful "
                                              "privacy options to control how we use "
                                              "cookies:\n\nX stores information about "
                                              "other websites. You can adjust this in your "
                                              "settings.\n\nIf you have turned this off, we "
                                              "won't store these visits.\n",
    # Snapchat's cookie policy (Open Terms Archive's copy): an aside, then the table the copy
    # flattened into a line a cell, its first cell naming what was promised
    "an aside, then the table titled by what was promised": "The cookies we use fall into "
                                                            "one of the following categories:"
                                                            "\n\nYou can see which cookies we "
                                                            "use on our Cookie Information "
                                                            "Page.\n\nCategory of cookies\n\n"
                                                            "Why we use these cookies\n\n"
                                                            "Essential\n\nWe use these to run "
                                                            "our site.\n",
    # Criteo's terms (Open Terms Archive's copy): each country's provisions, a table flattened
    "provisions that apply": "Additional or specific provisions that shall apply to the "
                             "Agreement:\n\nFor any campaign taking place in Russia, the Client "
                             "acknowledges that a separate Agreement will be signed.\n",
    # Google's advertising programme terms (Open Terms Archive's copy): clauses numbered with
    # no stop after the number
    "clauses numbered with no stop": "In consideration of the foregoing, the parties agree as "
                                     "follows:\n\n1 Programmes.  Customer authorises Google to "
                                     "place Customer's advertising materials on any content "
                                     "or property that Google provides.\n\n2 Policies.  "
                                     "Customer is solely responsible for its use of the "
                                     "Programmes.\n",
    "an amendment": "Clause 5 shall be amended by adding the following:\n\nThe stamp duty on "
                    "all agreements entered into with us for the Indian campaign shall be paid "
                    "by us.\n\nThe following dispute resolution provision shall be added to "
                    "the Agreement:\n\nAll disputes shall be referred to a sole arbitrator.\n",
    # Wix's privacy policy (Open Terms Archive's copy): the label's bold lost
    "labels in title case": "We may share your Personal Information with service providers "
                            "and others in the following manners and instances:\n\nThird "
                            "Party Service Providers:  Wix has partnered with a number of "
                            "selected service providers, whose services complement our own.\n",
    # Glovo's terms for partners (Open Terms Archive's copy): a declaration's counted parts,
    # and a list whose bullets a symbol font wrote as the letter "o"
    "parts counted in capitals": "I, as its director, hereby state as follows:\n\nONE: I "
                                 "declare that I acceded to the General Terms, and I undertake "
                                 "to comply with them in full.\n\nTWO: In order to give effect "
                                 "to the accession, I hereby send the information required.\n",
    "bullets written as o": "Containers used for delivery must:\n\no Be approved by the NSF "
                            "or its local equivalent, as the law may require.\n\no Be durable "
                            "and non-absorbent.\n",
    # AdSupply's privacy policy (Open Terms Archive): one company promised, and named
    "one promised": "The following company decides how and why your personal data is "
                    "processed, and for GDPR purposes is the “Data Controller”:\n\nAdSupply "
                    "Inc. (“AdSupply”) is a California corporation having its registered "
                    "address in Beverly Hills.\n",
    # Travis CI's privacy policy: each right an item, its label in bold, then its paragraphs
    "labelled items": "1. **You have the right to access, rectification and erasure:**\n\n"
                      "    You are entitled to access the data stored by us.\n\n"
                      "    You are entitled to request the erasure of your data.\n\n"
                      "2. **You have the right to lodge a complaint:**\n\n"
                      "   You have a right to lodge a complaint with a supervisory authority.\n",
    # Le Chat's terms (Open Terms Archive): one warranty promised, stated by a paragraph,
    # in English or quoted in German
    "one warranty promised": "If you reside in Italy, you will also benefit from the "
                             "following legal warranty:\n\nUnder Articles 135-octies et seq. "
                             "of the Italian Consumer Code, we are liable for any lack of "
                             "conformity.\n",
    "quoted in German": "If you reside in Germany, you will also benefit from the following "
                        "legal warranty:\n\n„Dem Verbraucher stehen die gesetzlichen "
                        "Mängelhaftungsrechte zu“.\n",
    # Shein's business privacy notice (Open Terms Archive): one right promised, stated
    "one right promised": "If you reside in China, you have the following additional right "
                          "in relation to the Personal Information that we process:\n\n"
                          "Right to request explanation. You have the right to request us to "
                          "explain our processing rules.\n",
    # AliExpress's privacy policy (Open Terms Archive), as written: bullets typed as a dot
    # in bold, no-break spaces after it
    "bullets typed in bold": (
        "We disclose/share personal information with the following ca"
        "tegories of recipients:\n\n**·**\u00a0\u00a0\u00a0**Other Platform Buyers and"
        "/or Sellers**\u00a0where necessary to support purchases and commu"
        "nications made between you. If you are a Buyer, Sellers that"
        " you purchase from will also control personal information ab"
        "out you relevant to or connected with your Platform purchase"
        "s and communications with them. Please refer to the respecti"
        "ve Seller Privacy Policies for information about how they wi"
        "ll process your information.\n"),
    # Claude.ai's terms (Open Terms Archive): a withdrawal form's fields, listed
    "form fields": "Subject: Cancellation Request\n\n*   Ordered on \\[\\*\\]:\n"
                   "*   Name of Consumer(s):\n*   Address of Consumer(s):\n*   Date:\n",
    # Google Play's developer policy (Open Terms Archive): a picture's captions, numbered in
    # circles, under an item that introduces them
    "circled numbers": ("*   Apps or ads that are delivered through a system notification or "
                        "alert:\n\n    ① The system notification shown in this app is being "
                        "used to serve an ad.\n"),
    "definitions": "This UK Addendum will apply to any processing of Customer Personal Data "
                   "that is subject to the UK GDPR. For the purposes of this UK Addendum:\n\n"
                   "**“Approved Addendum”** means the template addendum, version B.1.0 issued by "
                   "the UK Information Commissioner under S119A(1) Data Protection Act 2018 and "
                   "laid before Parliament, as it may be revised according to Section 18.\n\n"
                   "**“UK GDPR\"** means Regulation (EU) 2016/679 of "
                   "the European Parliament and of the Council of 27 April 2016 as it forms "
                   "part of the law of England and Wales.\n",
    # Meta's community standards (Open Terms Archive): what is not allowed, each a noun
    # phrase and what qualifies it, written as paragraphs; or one so written over a label
    # of the list after it
    "items as noun phrases": "We do not allow:\n\nImagery or audio of a person’s violent "
                             "death when the person’s death is confirmed by a record and a "
                             "family member requests its removal.\n\nVideo of charred or "
                             "burning humans in the context of self-immolation.\n",
    "an item over a label": "We do not allow:\n\nHigh-risk drugs (drugs that have a high "
                            "potential for misuse, or are associated with serious health "
                            "risks).\n\nContent that:\n\n*   Attempts to buy or sell "
                            "high-risk drugs.\n",
    # Apple's developer agreement (Open Terms Archive): the one commission promised, stated
    # as a sentence; conditions, each a paragraph
    "one of those promised": "Apple shall be entitled to the following commissions in "
                             "consideration for its services as Your agent:\n\nFor sales of "
                             "Custom Applications, Apple shall be entitled to a commission "
                             "equal to thirty percent (30%) of all prices payable.\n",
    "conditions that apply": "You may qualify for the program subject to the terms of the "
                             "Agreement, this Schedule 2, and the following:\n\nYou must have "
                             "earned no more than $1,000,000 in total proceeds in the prior "
                             "calendar year.\n",
}


@pytest.mark.parametrize("body", LISTS.values(), ids=LISTS.keys())
def test_a_list_as_real_policies_write_it_is_a_list(body: str) -> None:
    assert imported(f"## Section\n\n{body}\n## Next\n\nText.\n", only_intros=True) == []


DANGLING = {
    "a note, then prose": "We share it with:\n\nNote: we are careful with it.\n\nWe keep a "
                          "record of every transfer we make, as the law asks of us.\n",
    "quoted sentences, not terms": "Our founders said it best, in these words:\n\n“We never "
                                   "sell it,” one of them said at launch.\n\n“Nor will we,” "
                                   "the other said a year later.\n",
    "a few capitals are no disclaimer": "We obtain data from sources such as:\n\nWe protect "
                                        "data from the EU, the UK and the USA as this "
                                        "statement describes.\n",
    "prose follows": "We obtain data from other sources such as:\n\nWe protect data obtained "
                     "from third parties according to the practices described in this statement.\n",
    "end of section": "We disclose it when we believe doing so is necessary to:\n",
    "only a comment follows": "We keep these records:\n\n<!-- the list is in the other file -->\n",
    "a bold word opens the prose": "We share it with:\n\n**Only** the partners we name in "
                                   "the cookie policy may see it, and nobody else.\n",
    "companies promised": "The following companies receive your data:\n\nWe protect data "
                          "obtained from third parties as this statement describes.\n",
    "a condition that promises items": "For the following purposes:\n\nWe use it to run "
                                       "the service, as any provider does.\n",
    "a condition and a promise": "If you are in the EU, we collect:\n\nNothing more than "
                                 "this statement says elsewhere, in any case.\n",
    "a condition and a promise, no comma": "When you leave we delete:\n\nThe rest stays "
                                           "as it is for the reasons given above.\n",
    "first with no second": "We share it with:\n\nFirst of all, nobody outside the company, "
                            "as this statement says.\n",
    "a condition inside a paragraph": "We keep it.\nWhen you leave we delete:\n\nThe "
                                      "rest stays as it is for the reasons given above.\n",
    "a few words that promise": "Examples include:\n\nThe partners we name in the cookie "
                                "policy may see it, and nobody else.\n",
    "a few words that make a sentence": "We collect:\n\nThe rest stays as it is for the "
                                        "reasons given above.\n",
    "a question that promises": "What we collect includes:\n\nThe rest stays as it is for the "
                                "reasons given above.\n",
    "a short promise in sentence case": "We remove:\n\nWe protect the data we obtain as "
                                        "this statement says.\n",
    "a promise with an aside": "We share it with (as the law allows):\n\nWe protect the data "
                               "we obtain as this statement says.\n",
    "abbreviations are no numbers": "We share it with:\n\nU.S. law decides what we may "
                                    "share, as this statement says.\n\nE.g. the partners we "
                                    "name may see it.\n",
    "a figure is no number of a clause": "We keep it for:\n\n1.5 years, which is what the "
                                         "law allows us and what we need.\n",
    "numbered under another clause": "6.2 Member undertakes to Alibaba.com that:\n\n7.2.1 it "
                                     "has the power to enter into this Agreement, as the law "
                                     "says it must have.\n",
    "(s)he is no item": "We share it with:\n\n(s)he who asks may see it, as this statement "
                        "says.\n",
    "a label that means no definition": "We share it with:\n\nIn short: we share nothing "
                                        "that this statement does not name.\n",
    "a figure before a dash": "We keep it for:\n\n2 – 3 years, which is what the law allows "
                              "us and what we need.\n",
    "a quotation is no definition": "We share it with:\n\n“Nobody,” we said, and that is "
                                    "what this statement says.\n",
    "a list item that is no heading": "1.  We share it with:\n\n    We protect the data "
                                      "we obtain as this statement says.\n",
    "a dot in a sentence is no bullet": "We share it with:\n\nOur partners · we name them "
                                        "in the cookie policy, as this statement says.\n",
    "a link is no box to tick": "We share it with:\n\n[x](https://example.com/) is where we "
                                "say who may see it, as this statement says.\n",
    "a paragraph that only opens with a quotation": "We share it with:\n\n'Nobody,' we "
                                                    "said, and that is what this statement "
                                                    "says.\n",
    "figures not in a row": "We keep it for:\n\n1.5 years, which is what the law allows "
                            "us and what we need.\n\n1.7 years is what we kept it for "
                            "before, as this statement says.\n",
    "sentences with a dash": "We share it with:\n\nOur partners – we name them in the "
                             "cookie policy – may see it, as this statement says.\n\nThe "
                             "rest – as it is – stays with us for the reasons given above.\n",
    "one bold word, then prose": "We share it with:\n\n**Only** the partners we name in the "
                                 "cookie policy may see it, and nobody else.\n\nWe protect "
                                 "it in the ways the law asks of us too.\n",
    "one short sentence, then prose": "We share it with:\n\nNobody Else. We protect the "
                                      "data we obtain as this statement says.\n\nWe "
                                      "protect it in the ways the law asks of us too.\n",
    "a long label in sentence case": "Data collected automatically when you use our consumer "
                                     "services:\n\nIf you opt in to sharing your location "
                                     "with us, we receive data about your precise location.\n",
    "figures not counted on": "We keep it for:\n\n2 years after you leave, which is what the "
                              "law allows us and what we need.\n\n4 of our partners may see "
                              "it before then, as this statement says.\n",
    "added, but to no agreement": "Your data may be added to our records of:\n\nWe protect "
                                  "the data we obtain as this statement says.\n",
    "a capitalised word and a colon": "We share it with:\n\nNote: we share nothing that "
                                      "this statement does not name, as it says.\n",
    "one with no two": "We share it with:\n\nOne: we protect the data we obtain as this "
                       "statement says, and the law asks of us.\n",
    "words in italics open and end it": "We share it with:\n\n*Only* the partners we name "
                                        "in the cookie policy of this site may see\nit, "
                                        "as this statement says, and nobody *else*.\n",
    "a noun phrase, then prose": "We do not allow:\n\nContent that we remove is kept for "
                                 "a year, as this statement says.\n\nWe protect the data "
                                 "we obtain as this statement says.\n",
    "a modifier alone is no noun phrase": "We share it with:\n\nWhen the law asks, we "
                                          "share what it names.\n\nIf you ask, we tell "
                                          "you what we shared.\n",
    "those promised, in the plural": "We share it with the following partners:\n\nOur "
                                     "partners are bound by contract, as this statement "
                                     "says.\n",
    "an aside, then a title naming something else": "The cookies we use fall into one of "
                                                    "the following categories:\n\nYou can "
                                                    "see them on our Cookie Information "
                                                    "Page.\n\nYour rights\n\nYou may ask us "
                                                    "what we keep about you.\n",
    "ways of ours, then prose": "We use your data in the following ways:\n\nWe protect "
                                "the data we obtain as this statement says.\n\nWe keep it "
                                "for the reasons given above.\n",
    "the reader's ways, one paragraph only": "There are a few ways you can opt out:\n\nWe "
                                             "protect the data we obtain as this statement "
                                             "says.\n",
    "two paragraphs of prose that open alike": "We share it with:\n\nWe protect the data we "
                                               "obtain as this statement says.\n\nWe protect "
                                               "it in the ways the law asks of us too.\n",
}


def test_a_recital_ending_the_first_part_introduces_the_parts_after_it() -> None:
    """GitHub's educational use agreement: "The Parties agree as follows:", then "## 1.
    Definitions"; the same words before a later part still promise what is missing."""
    text = ("> A note on who may sign.\n\n## Educational use agreement\n\nBetween GitHub and "
            "you, each a Party. The Parties agree as follows:\n\n"
            "## 1. Definitions\n\nTerms mean what they say.\n\n## 2. Use\n\n"
            "You use it as follows:\n\n## 3. Term\n\nIt ends when it ends.\n")
    [f] = imported(text, only_intros=True)
    assert "You use it as follows:" in f.message


def test_a_preamble_promising_what_follows_introduces_the_parts_after_it() -> None:
    """fortrabbit's security measures open "…the following technical and organizational
    measures may give you some confidence:", then "## Service scope", "## Data centers":
    the parts are what the preamble promised. The same words ending a later part, or a
    preamble that promises a list of its own ("We share it with:"), are still caught."""
    text = ("# Security measures\n\nWe say little, but the following measures may give you "
            "some confidence:\n\n## Service scope\n\nWe host code.\n\n## Data centers\n\n"
            "They are certified under the following:\n\n## Access\n\nOnly staff.\n")
    [f] = imported(text, only_intros=True)
    assert "certified under the following:" in f.message
    shares = "# Policy\n\nWe share it with:\n\n## Scope\n\nAll of it.\n\n## More\n\nText.\n"
    [g] = imported(shares, only_intros=True)
    assert "We share it with:" in g.message


def test_a_promise_set_apart_by_a_rule_introduces_the_parts_after_it() -> None:
    """XNXX's policy as archived ends a part with a rule, then "Take these measures to
    prevent your kids from stumbling upon adult sites :", then "### ACTIVATE SAFE MODE IN
    SEARCH ENGINES" and three more measures, each a part: the parts are the measures.
    Without the rule, a part ending so is still caught."""
    parts = ("## Activate safe mode\n\nUse filters.\n\n## Family features\n\nSet limits.\n")
    text = ("# Policy\n\n## Scope\n\nAll sites.\n\n## Uploads\n\nNo illegal content.\n\n"
            "- - -\n\nTake these measures "
            "to protect your kids :\n\n" + parts)
    assert imported(text, only_intros=True) == []
    [f] = imported(text.replace("- - -\n\n", ""), only_intros=True)
    assert "Take these measures" in f.message


def test_a_part_promising_what_follows_over_parts_titled_as_labels_is_a_list() -> None:
    """LinkedIn's privacy policy, as archived, ends "Contact Us" with "…you can reach us in
    the following ways:", then "## Online:" and "## By mail:", parts of their own: the
    parts are the ways. Over parts with plain titles, the promise is still caught."""
    text = ("# Policy\n\n## Data\n\nWe keep it.\n\n## Contact Us\n\nYou can reach us in the "
            "following ways:\n\n## Online:\n\nUse the form.\n\n## By mail:\n\nWrite to us.\n")
    assert imported(text, only_intros=True) == []
    plain = text.replace("## Online:", "## Online").replace("## By mail:", "## By mail")
    [f] = imported(plain, only_intros=True)
    assert "in the following ways:" in f.message


def test_a_part_that_names_itself_before_its_colon_introduces_the_parts_after_it() -> None:
    """LinkedIn's privacy policy (2025) ends a part "Members can also object, correct
    inaccurate data, delete data, port data and in some cases restrict the use of their
    data as set out in this section:", then "#### **Accessing your data**" and more, which
    the import makes parts of their own: the parts are what it sets out. A part ending in
    a colon with no such words is still caught."""
    text = ("# Policy\n\n## Data\n\nWe keep it.\n\n## Control\n\nMembers can restrict the "
            "use of their data as set out in this section:\n\n## Accessing your data\n\n"
            "Download it.\n\n## Deleting your data\n\nAsk us.\n")
    assert imported(text, only_intros=True) == []
    [f] = imported(text.replace(" as set out in this section:", ":"), only_intros=True)
    assert "restrict the use of their data:" in f.message


def test_an_introduction_naming_the_part_after_it_introduces_that_part() -> None:
    """Snapchat's privacy policy ends its opening part "Let's get started with the controls
    you have over your information:", then "Control Over Your Information", a part of its
    own once import reads the heading a copy left empty: the part is what it introduces,
    its words' endings aside. A title of two words, which a sentence about a lost list
    may hold by chance ("Your Information"), or one the sentence does not hold, is no
    such part."""
    text = ("# Policy\n\n## Welcome\n\nLet's get started with the controls you have over "
            "your information:\n\n## Control Over Your Information\n\nYou control it.\n\n"
            "## More\n\nText.\n")
    assert imported(text, only_intros=True) == []
    for title in ("Your Information", "Control Over Your Account"):
        [f] = imported(text.replace("Control Over Your Information", title), only_intros=True)
        assert "over your information:" in f.message


def test_a_disclosure_to_the_recipients_the_parts_after_it_name_introduces_them() -> None:
    """Temu's consumer health data policy ends a part "We may also disclose consumer health
    data with:", then parts titled "Service providers", "Professional advisors, authorities,
    and regulators", …: each part one of those it discloses to. A part after it that names
    no recipient, or an introduction that discloses nothing, still promises what is
    missing."""
    text = ("# Policy\n\n## Health data\n\nWe may also disclose consumer health data with:"
            "\n\n## Service providers\n\nThey support us.\n\n## Professional advisors, "
            "authorities, and regulators\n\nLawyers and auditors.\n")
    assert imported(text, only_intros=True) == []
    for was, now in (("## Service providers", "## Your rights"),
                     ("We may also disclose consumer health data with:",
                      "We may also keep consumer health data with:")):
        [f] = imported(text.replace(was, now), only_intros=True)
        assert "health data with:" in f.message


def test_a_clause_ending_on_its_verb_introduces_the_parts_after_it() -> None:
    """Stack Overflow's privacy policy ends its introduction "We collect:", then titles the
    parts it collects in bold ("Identity Data", "Account registration information"), which
    import makes sections: the lint said the list "does not follow". A clause that says
    what it collects, or ends on another word, still promises what is missing."""
    text = ("# Policy\n\n## Introduction\n\nWe value privacy.\n\nWe collect:\n\n"
            "## Identity Data\n\nYour name.\n\n## Billing information\n\nYour card.\n")
    assert imported(text, only_intros=True) == []
    for now in ("We collect your data:", "We collect it as said here:"):
        [f] = imported(text.replace("We collect:", now), only_intros=True)
        assert now[-12:] in f.message, f.message


def test_a_recital_in_any_words_introduces_the_parts_after_a_bare_title() -> None:
    """Automattic's Spanish offer letter: "EXPONEN" ends "…de acuerdo con las siguientes:",
    then a title alone ("CLÁUSULAS") and "1\\. Objeto"; a colon before a part that does
    not begin the numbering still promises what is missing."""
    text = ("## Exponen\n\nLas Partes acuerdan un contrato de acuerdo con las siguientes:\n\n"
            "## Cláusulas\n\n## 1\\. Objeto\n\nEl objeto.\n\n## 2\\. Duración\n\n"
            "La duración es la siguiente:\n\n## 3\\. Lugar\n\nEl lugar.\n")
    [f] = imported(text, only_intros=True)
    assert "La duración es la siguiente:" in f.message


@pytest.mark.parametrize("body", DANGLING.values(), ids=DANGLING.keys())
def test_an_introduction_nothing_follows_is_still_caught(body: str) -> None:
    [f] = imported(f"## Section\n\n{body}\n## Next\n\nText.\n", only_intros=True)
    assert f.rule == "dangling-list-intro" and f.line is not None


def test_two_introductions_alike_are_each_found_at_their_own_line() -> None:
    """Meta's policy repeats "…could include any of the following:" in two parts; only the
    second has no list after it, and the finding names its line, not the first one's."""
    intro = "The data could include any of the following:"
    text = (f"## Section\n\n{intro}\n\n* Posts\n* Comments\n\nMore.\n\n{intro}\n\n"
            "We protect the data we obtain as this statement says.\n")
    [f] = imported(text, only_intros=True)
    written = layout(convert(text, "P"), "p", adopted=None, baseline=None, source="p.md")
    lines = written[str(f.path).rsplit("/", 1)[1]].split("\n")
    assert f.line is not None and lines[f.line - 1] == intro
    assert f.line - 1 == max(i for i, line in enumerate(lines) if line == intro)


def test_an_introduction_ending_in_bold_is_found_at_its_own_line() -> None:
    """An introduction whose colon is inside its bold ("…**as follows:**") was reported at
    its section's first line: the search for its line looked only for lines ending in ':'."""
    intro = "We collect the data **as follows:**"
    text = f"## Section\n\nFirst.\n\n{intro}\n\nWe protect the data we obtain.\n"
    [f] = imported(text, only_intros=True)
    written = layout(convert(text, "P"), "p", adopted=None, baseline=None, source="p.md")
    lines = written[str(f.path).rsplit("/", 1)[1]].split("\n")
    assert f.line is not None and lines[f.line - 1] == intro


def test_text_inside_an_html_comment_is_never_judged() -> None:
    body = "## Section\n\n<!--\nDraft: we will list these:\n-->\n\nWe list nothing.\n"
    assert imported(body, only_intros=True) == []


def test_lists_are_found_in_one_pass_over_many_introductions() -> None:
    from lexdocs.checks.lists import _lists_follow

    prose = "This paragraph is prose and no list: it runs on past what an item's line holds."
    lines = ["We list:"] * 20_000 + ["", " " * 100_000 + prose, "x:", "", "- item"]
    # One pass: per-line scans took minutes, and a line of spaces could backtrack.
    assert growth(lambda n: lambda: _lists_follow(["We list:"] * n + ["", " " * (5 * n) + "x:"]),
                  200_000) < LINEAR
    follows = _lists_follow(lines)
    assert follows[0] and follows[-3] and not follows[19_999]


@pytest.mark.parametrize("hostile", ["*_", "\\*", "\\*_*", '"a', "A"])
def test_definitions_and_capitals_are_read_in_linear_time(hostile: str) -> None:
    from lexdocs.checks.listitems import defines, shouted
    from tests.scaling import LINEAR, growth
    for read in (defines, shouted):
        assert growth(lambda n, r=read: lambda: r(hostile * n), 400_000, tries=2) < LINEAR


def test_items_as_noun_phrases_and_those_promised_are_read_in_linear_time() -> None:
    from lexdocs.checks.listitems import (
        means_in_paragraphs,
        noun_phrase,
        one_of_those,
        titled_after,
    )
    from tests.scaling import LINEAR, growth
    for hostile in ("(that ", "(a", "the following items ", "the following items :",
                    "ways you ", "ways you :x"):
        for read in (noun_phrase, lambda t: one_of_those(t, t),
                     lambda t: means_in_paragraphs(t, 0, ["next"]),
                     lambda t: titled_after(t, 0, ["Items"], [1])):
            assert growth(lambda n, r=read, h=hostile: lambda: r(h * n), 50_000,
                          tries=2) < LINEAR
