"""Links in the redline: shown as old → new in every format, judged by whose site they reach;
and every in-page or cross-document anchor exists."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console

from lexdocs.errors import RenderError, RenderErrors, every
from lexdocs.history.versions import load_histories
from lexdocs.render.templates import render_tree
from lexdocs.review import formats
from lexdocs.review.links import Verdict, judge, place
from lexdocs.review.notice import build_timeline
from lexdocs.review.redline import Redline, diff_documents
from tests.conftest import INTRO, RETENTION, Repo, lexdocs
from tests.scaling import LINEAR, growth
from tests.test_redline import render

OLD = "https://chatlio.com/privacy/optout"


@pytest.mark.parametrize(("old", "new", "material", "rule"), [
    (OLD, "https://www.chatlio.com/legal/optout", False, "link-same-site"),
    (OLD, "http://help.chatlio.com/optout", False, "link-same-site"),
    ("https://www.example.co.uk/a", "https://shop.example.co.uk/b", False, "link-same-site"),
    ("/privacy/#rights", "../privacy/#your-rights", False, "link-site-relative"),
    ("#contact", "#write-to-us", False, "link-site-relative"),
    ("mailto:privacy@chatlio.com", "mailto:legal@chatlio.com", False, "link-same-site"),
    (OLD, "https://ads.example.net/optout", True, "link-other-site"),
    ("https://chatlio.github.io/x", "https://adco.github.io/x", True, "link-other-site"),
    ("https://example.co.uk/a", "https://other.co.uk/a", True, "link-other-site"),
    ("/privacy/optout", "https://ads.example.net/optout", True, "link-other-site"),
    ("mailto:privacy@chatlio.com", "mailto:privacy@brokerage.example", True, "link-other-site"),
    (None, "https://ads.example.net/", True, "link-added"),
    (OLD, None, True, "link-removed"),
    (None, "#contact", False, "link-same-site"),
])
def test_link_verdicts_follow_the_registrable_domain(old: str | None, new: str | None,
                                                     material: bool, rule: str) -> None:
    v = judge(old, new, "opt out")
    assert isinstance(v, Verdict)
    assert (v.material, v.rule) == (material, rule)
    assert v.reason.startswith("Material: " if material else "Not material: ")


def test_a_link_to_another_organisation_names_both_hosts() -> None:
    v = judge(OLD, "https://tracker.adnetwork.example/optout", "opt out")
    assert "chatlio.com" in v.reason and "tracker.adnetwork.example" in v.reason
    assert "'opt out'" in v.reason
    assert v.evidence[:2] == (OLD, "https://tracker.adnetwork.example/optout")


def test_a_link_that_drops_a_redirect_leads_where_it_led() -> None:
    """Facebook's privacy policy linked "online" through its link shim,
    lm.facebook.com/l.php?u=<help.meta.com's page>, then straight to that page: "now
    leads to another organisation, from lm.facebook.com to help.meta.com". A link that
    drops a redirect leads the reader where it did; one that now passes through another
    host's redirect, or that leaves the redirect's target for a third host, is judged by
    its hosts as before."""
    shim = ("https://lm.facebook.com/l.php?u=https%3A%2F%2Fhelp.meta.com%2Fsupport%2F"
            "privacy%3Fentry_point%3D13")
    page = "https://help.meta.com/support/privacy?entry_point=13"
    v = judge(shim, page, "online")
    assert (v.material, v.rule) == (False, "link-unwrapped"), v.reason
    assert "help.meta.com" in v.reason and "lm.facebook.com" in v.reason
    assert judge(page, shim, "online").rule == "link-other-site"
    assert judge(shim, "https://acme.example.com/", "online").rule == "link-other-site"
    assert judge("https://www.google.com/url?q=https://acme.com/x", "https://acme.com/y"
                 ).rule == "link-unwrapped"
    assert judge("https://x.com/?next=/home", "https://acme.com/home").rule == "link-other-site"
    # Committed text is untrusted: a link may not reach another organisation in two steps
    # that each look like upkeep, first a redirect's target put in its query, then the
    # redirect dropped
    hop = judge("https://good.example/page", "https://good.example/page?next=https://evil"
                ".example/x")
    assert (hop.material, hop.rule) == (True, "link-other-site"), hop.reason
    assert "evil.example" in hop.reason


def test_places_need_no_network() -> None:
    assert place("https://a.b.bbc.co.uk/x").site == "bbc.co.uk"
    assert place("www.chatlio.com/x").site == "chatlio.com"
    assert place("https://10.0.0.1/x").site == "10.0.0.1"
    assert place("../x/").site is None


def doc(body: str):  # type: ignore[no-untyped-def]
    return render([("choices", "Your choices", body)])


def redline(old: str, new: str) -> Redline:
    return diff_documents(doc(old), doc(new))


MOVED = redline(f"To opt out, use [this form]({OLD}).",
                "To opt out, use [this form](https://ads.example.net/optout).")


def test_a_moved_link_is_a_material_change_on_the_linked_words() -> None:
    (c,) = MOVED.changes
    assert (c.old, c.new) == ("To opt out, use this form.",) * 2
    assert c.material
    assert "chatlio.com" in c.reason and "ads.example.net" in c.reason


@pytest.mark.parametrize("fmt", ["html", "markdown", "terminal", "json"])
def test_every_format_shows_old_and_new_target_on_the_linked_words(fmt: str) -> None:
    arrow = f"{OLD} → https://ads.example.net/optout"
    if fmt == "html":
        out = formats.to_html(MOVED)
        assert ('this form<span class="lx-look"> (link: <del class="lx-del"><span class="lx-sr">'
                f'[deleted: </span>{OLD}<span class="lx-sr">]</span></del> → <ins class="lx-ins">'
                '<span class="lx-sr">[inserted: </span>https://ads.example.net/optout<span '
                'class="lx-sr">]</span></ins>)</span>') in out
    elif fmt == "markdown":
        out = formats.to_markdown(MOVED)
        assert f"> To opt out, use this form (link: {arrow})." in out
    elif fmt == "terminal":
        console = Console(record=True, width=300)
        formats.to_terminal(MOVED, console)
        assert f"this form (link: {arrow})" in console.export_text()
    else:
        (c,) = json.loads(formats.to_json(MOVED))
        assert c["links"] == [{"text": "this form", "old": OLD,
                               "new": "https://ads.example.net/optout"}]


def test_words_and_target_edited_together_are_told_once() -> None:
    red = redline(f"Use [this form]({OLD}).", "Use [that form](https://ads.example.net/o).")
    (c,) = red.changes
    assert c.material and "ads.example.net" in c.reason
    md = formats.to_markdown(red)
    assert md.count("(link: ") == 1
    assert f"(link: {OLD} → https://ads.example.net/o)" in md


def test_link_maintenance_is_not_material() -> None:
    (c,) = redline(f"Use [this form]({OLD}).",
                   "Use [this form](https://www.chatlio.com/legal/optout).").changes
    assert not c.material
    assert "link maintenance" in c.reason


def test_a_link_to_a_reference_work_on_unchanged_words_is_not_material() -> None:
    """Basecamp linked "SSL/TLS" to Wikipedia's article: the words stay, and the reader is
    sent to an encyclopedia, which holds none of their data and incorporates no terms.
    A host that only looks like one (`wikipedia.org.example.net`, `notwikipedia.org`) is
    another organisation, and so is a link sent from a reference work to one."""
    (c,) = redline("We use SSL/TLS.", "We use [SSL/TLS](https://en.wikipedia.org/wiki/TLS).").changes
    assert not c.material and c.rule == "link-reference"
    assert "reference work, en.wikipedia.org, was added on 'SSL/TLS'" in c.reason
    assert not judge("https://en.wikipedia.org/wiki/TLS", None).material
    assert not judge("https://en.wikipedia.org/wiki/TLS", "https://www.w3.org/TR/tls").material
    for host in ("wikipedia.org.example.net", "notwikipedia.org"):
        assert judge(None, f"https://{host}/wiki/TLS").material
    assert judge("https://en.wikipedia.org/wiki/TLS", "https://ads.example.net/tls").material


def test_a_url_written_out_follows_the_same_rule() -> None:
    (same,) = redline(f"Opt out at {OLD}.",
                      "Opt out at https://www.chatlio.com/legal/optout.").changes
    assert not same.material and "stays with chatlio.com" in same.reason
    (other,) = redline(f"Opt out at {OLD}.", "Opt out at https://ads.example.net/optout.").changes
    assert other.material and "ads.example.net" in other.reason


def test_a_url_moved_alongside_a_real_edit_keeps_the_edit_material() -> None:
    (c,) = redline(f"We keep logs for 90 days. See {OLD}.",
                   "We keep logs for 180 days. See https://www.chatlio.com/optout.").changes
    assert c.material and "180 days" in c.reason


def test_layout_only_changes_are_shown_and_not_material() -> None:
    red = redline("## Rights\n\nWe may share.", "### Rights\n\nWe **may** share.")
    assert [c.material for c in red.changes] == [False, False]
    assert "heading 2 → heading 3" in red.changes[0].reason
    assert "plain → bold" in red.changes[1].reason
    assert "- Layout: 'Rights': heading 2 → heading 3" in formats.to_markdown(red)


def test_a_document_title_change_is_in_the_redline() -> None:
    a = render([("s", "S", "Text.")])
    b = render([("s", "S", "Text.")])
    b = type(b)(**{**b.__dict__, "title": "Privacy Notice"})
    red = diff_documents(a, b)
    assert [(c.kind, c.old, c.new) for c in red.changes] == [
        ("retitled", "Privacy Statement", "Privacy Notice")]
    assert "Notice<span class=\"lx-sr\">]</span></ins>" in formats.to_html(red)


# --- the build: link maintenance passes, a re-pointed opt-out needs notice -----------------

def _timeline_after(project: Repo, new_target: str):  # type: ignore[no-untyped-def]
    path = "policy_src/privacy/10-intro.md"
    project.replace(path, "personal information.",
                    f"personal information. Opt out with [this form]({OLD}).")
    project.write("policy_src/privacy/changes.yml",
                  "- summary: We added an opt-out form.\n  effective: 2024-11-01\n")
    project.commit("Opt-out form", "2024-10-01T10:00:00+00:00")
    project.replace(path, OLD, new_target)
    project.commit("Move the opt-out form", "2025-01-10T10:00:00+00:00")
    h = load_histories(project.path, "policy_src", ["privacy"], ZoneInfo("UTC"))["privacy"]
    return build_timeline(h, 30, dt.date(2025, 1, 15))


def test_link_maintenance_does_not_stop_the_build(project: Repo) -> None:
    t = _timeline_after(project, "https://www.chatlio.com/legal/optout")
    assert [f.rule for f in t.findings if f.severity == "error"] == []
    assert not t.notices[-1].material


def test_an_opt_out_link_sent_to_an_advertiser_never_passes_quietly(project: Repo) -> None:
    t = _timeline_after(project, "https://ads.example.net/optout")
    assert t.notices[-1].material
    assert "notice-summary" in [f.rule for f in t.findings if f.severity == "error"]


# --- anchors ---------------------------------------------------------------------------------

def _tree(intro: str, other: str = "### OK\n\nText.\n"):  # type: ignore[no-untyped-def]
    files = {
        "src/variables.yml": "",
        "src/a/document.yml": "title: A\nslug: alpha\nsections: [x.md, y.md]\n",
        "src/a/x.md": f"---\nid: intro\ntitle: Intro\n---\n{intro}",
        "src/a/y.md": "---\nid: contact\ntitle: Contact\n---\n### Your rights\n\nWrite.\n",
        "src/b/document.yml": "title: Summary\nslug: beta\nsections: [z.md]\n",
        "src/b/z.md": f"---\nid: z\ntitle: Z\n---\n{other}",
    }
    return render_tree("src", ["a", "b"], files.get)


def test_links_to_existing_anchors_pass() -> None:
    _, docs = _tree("See [rights](#your-rights), [contact](#contact),\n"
                    "[the summary](../beta/#ok) and [a site](https://x.example/#nope).\n",
                    "Back to [A](/legal/alpha/#intro).\n\n### OK\n")
    assert set(docs) == {"a", "b"}


def test_a_heading_two_sections_hold_has_an_id_of_its_own_on_the_page() -> None:
    """Two sections each with "### Your rights" gave the page, its PDF and feeds the id
    "your-rights" twice, and the second heading's permanent link went to the first; an
    inner heading named like a section ("### Contact" in the introduction) took the
    section's id. The sections' ids and the first heading keep theirs; a later one is
    named by its section too."""
    _, docs = _tree("### Your rights\n\nAsk.\n\n### Contact\n\nCall.\n")
    page, html = docs["a"][1].page, docs["a"][1].html
    for body in (page, html):
        ids = re.findall(r'\sid="([^"]+)"', body)
        assert len(ids) == len(set(ids)), ids
    assert '<h3 id="your-rights">Your rights</h3>' in page  # the first keeps its id
    assert '<h3 id="intro-contact">Contact</h3>' in page    # the section's is "contact"
    assert '<h3 id="contact-your-rights">Your rights</h3>' in html
    assert "## Contact {#contact}" in page


def test_a_pages_ids_are_made_its_own_in_linear_time() -> None:
    """Two sections of thousands of headings alike (a hostile commit's) were renamed one id
    at a time, each a pass over its section: 4,000 took 4 s a page, for the page, its PDF
    and its feeds. One pass a section now; ids in a paragraph's words are no element's."""
    from dataclasses import dataclass

    from lexdocs.render.anchors import page_htmls

    @dataclass
    class Part:
        id: str
        html: str

    def parts(n: int) -> list[Part]:
        html = "".join(f'<h3 id="d{i}">D</h3>' for i in range(n))
        return [Part("a", html), Part("b", html)]

    assert growth(lambda n: lambda: page_htmls(parts(n)), 20_000) < LINEAR
    kept = page_htmls([Part("a", '<h3 id="x">X</h3>'),
                       Part("b", '<p>write id="x" in it</p><h3 id="x">X</h3>')])
    assert kept[1] == '<p>write id="x" in it</p><h3 id="b-x">X</h3>', kept


@pytest.mark.parametrize(("intro", "other", "where", "message"), [
    ("Text.\n\nSee [rights](#your-right).\n", "### OK\n", "src/a/x.md:7",
     "the link to '#your-right' leads nowhere: no heading of this document has that id "
     "(did you mean '#your-rights'?)"),
    ("See [it](../beta/#nope).\n", "### OK\n", "src/a/x.md:5",
     "the link to '#nope' leads nowhere: no heading of 'Summary' has that id"),
    # Wikimedia's cookie statement: "[Section 3](#options)" for "What are my cookie
    # options?", and the hint offered "#violations", spelt alike
    ("See [options](#options).\n\n### Violations\n\n### What are my cookie options?\n",
     "### OK\n", "src/a/x.md:5", "the link to '#options' leads nowhere: no heading of this "
     "document has that id (did you mean '#what-are-my-cookie-options'?)"),
    ("Fine.\n", "Back to [A](../alpha/index.html#gone).\n", "src/b/z.md:5",
     "the link to '#gone' leads nowhere: no heading of 'A' has that id"),
    ("See [x](#contact).\n\n### Contact\n", "### OK\n", "src/a/x.md:5",
     "the link to '#contact' is ambiguous: 2 headings of this document have that id "
     "(give one heading its own id, e.g. '### Title { #other-id }')"),
])
def test_a_link_to_a_missing_anchor_names_file_and_line(intro: str, other: str, where: str,
                                                        message: str) -> None:
    with pytest.raises(RenderError) as err:
        _tree(intro, other)
    assert str(err.value).startswith(f"{where}: {message}")


def test_every_link_to_nowhere_is_named_in_one_run(project: Repo,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A scraped policy's table of contents links a dozen anchors its page lost (Discord's,
    as Open Terms Archive keeps it): `check` named the first, and a lawyer learnt of the
    next one fix at a time. Every link to nowhere is named, once, in the order of the
    files and lines, as text and as annotations on the pull request."""
    project.write("policy_src/privacy/10-intro.md",
                  INTRO + "\nSee [one](#one), [two](#two) and [one again](#one).\n")
    project.write("policy_src/privacy/20-retention.md",
                  RETENTION + "\nOr see [three](#three).\n")
    assert lexdocs("-C", str(project.path), "check") == 1
    said = capsys.readouterr().err.splitlines()
    assert [ln.split(" leads nowhere")[0] for ln in said] == [
        "error: policy_src/privacy/10-intro.md:7: the link to '#one'",
        "error: policy_src/privacy/10-intro.md:7: the link to '#two'",
        "error: policy_src/privacy/20-retention.md:10: the link to '#three'"]
    assert lexdocs("-C", str(project.path), "check", "--format", "github") == 1
    shown = capsys.readouterr().out.splitlines()
    assert [ln.split("::the link")[0] for ln in shown] == [
        "::error file=policy_src/privacy/10-intro.md,line=7,title=lexdocs render",
        "::error file=policy_src/privacy/10-intro.md,line=7,title=lexdocs render",
        "::error file=policy_src/privacy/20-retention.md,line=10,title=lexdocs render"]


def test_every_section_that_cannot_render_is_named_in_one_run() -> None:
    """Two sections with an undefined variable each: both are named, and no link is judged
    while a section has not rendered (its ids are not known yet)."""
    with pytest.raises(RenderErrors) as err:
        _tree("See {{ nope }} and [rights](#nowhere).\n", "Also {{ neither }}.\n")
    assert [f"{p.path}:{p.line}: {p.message}" for p in every(err.value)] == [
        "src/a/x.md:5: undefined variable 'nope'", "src/b/z.md:5: undefined variable 'neither'"]
    assert str(err.value).endswith("(and 1 more: 'lexdocs check' lists every one)")


def test_everything_a_section_must_not_publish_is_named_at_its_line() -> None:
    """A page saved from the web (OTOMOTO's terms) holds a dozen pictures from other hosts
    and a cookie button's `javascript:` link in one part: each is named at its own line,
    the same picture twice once."""
    with pytest.raises(RenderErrors) as err:
        _tree("![Logo](https://cdn.example.net/logo.png)\n\n"
              "[Cookie settings](javascript:Didomi.preferences.show())\n\n"
              "![Logo](https://cdn.example.net/logo.png)\n\n![Seal](//seal.example.org/s.gif)\n")
    assert [(p.line, p.message.split(" is ")[0]) for p in every(err.value)] == [
        (5, "image 'https://cdn.example.net/logo.png'"),
        (7, "link scheme 'javascript:'"),
        (11, "image '//seal.example.org/s.gif'")]


def test_a_link_to_nowhere_offers_the_ids_it_may_have_meant_not_all_of_them() -> None:
    """Buffer's privacy policy links `#crpn` and has 70 ids: the one-line error listed every
    one. It offers at most a few, those whose words' initials hold the anchor or that share
    a word with it first ("California Resident Privacy Notice")."""
    heads = "".join(f"### Part {n}\n\nText.\n\n" for n in ("one", "two", "three", "four",
                                                              "five", "six", "seven", "eight"))
    intro = (f"See [the notice](#crpn).\n\n{heads}### California Resident Privacy Notice"
             "\n\nMore.\n")
    with pytest.raises(RenderError) as err:
        _tree(intro, "### OK\n")
    hint = str(err.value).split("(", 1)[1]
    assert hint.startswith("ids there: california-resident-privacy-notice, ")
    assert re.search(r" and \d+ more\)$", hint) and hint.count(", ") == 7


def test_an_image_source_change_is_shown_on_its_alt_text() -> None:
    red = redline("![Our logo](logo-old.png)", "![Our logo](logo-new.png)")
    (c,) = red.changes
    assert "Our logo (image: logo-old.png → logo-new.png)" in formats.to_markdown(red)
    assert not c.material  # both are paths on this site


def test_a_section_declared_not_material_still_names_the_link_move() -> None:
    a = render([("choices", "Your choices", f"Use [this form]({OLD}).", False)])
    b = render([("choices", "Your choices", "Use [this form](https://ads.example.net/o).",
                 False)])
    (c,) = diff_documents(a, b).changes
    assert not c.material
    assert c.reason.startswith("Not material: section declared not material (note: Material:")
    assert "ads.example.net" in c.reason


def test_the_sites_own_domain_is_this_site_when_known() -> None:
    home = "https://chatlio.com/legal/"
    assert judge("/privacy/optout", OLD, "opt out").material  # unknown home: conservative
    assert not judge("/privacy/optout", OLD, "opt out", home).material
    assert not judge(None, "https://help.chatlio.com/x", "help", home).material
    assert judge(None, "https://ads.example.net/x", "help", home).material
    a = doc("Read [our help](/help/).")
    b = doc("Read [our help](https://www.chatlio.com/help/).")
    assert diff_documents(a, b).material
    assert not diff_documents(a, b, home=home).material


def test_the_build_judges_links_to_its_own_site_url_as_within_the_site(project: Repo) -> None:
    """The pipeline hands `site_url` to the redline: a link added to our own domain on
    unchanged words is maintenance, while one to another organisation is not."""
    from lexdocs.config import load_options
    from lexdocs.pipeline import load_timelines

    path = "policy_src/privacy/10-intro.md"
    project.replace(path, "personal information.", "[personal information](https://chatlio.com/help).")
    project.commit("Link to help", "2024-10-01T10:00:00+00:00")
    opts = load_options(project.path)
    assert opts.site_url == "https://chatlio.com/legal/"
    day = dt.date(2025, 1, 1)
    red = load_timelines(opts, day)["privacy"].notices[-1].redline
    assert red is not None and not red.material, red.changes
    project.replace(path, "(https://chatlio.com/help)", "(https://ads.example.net/help)")
    project.commit("Point it elsewhere", "2024-10-02T10:00:00+00:00")
    red = load_timelines(opts, day)["privacy"].notices[-1].redline
    assert red is not None and red.material
    assert "ads.example.net" in red.changes[0].reason


def test_a_link_re_pointed_to_this_site_is_maintenance() -> None:
    """Issue 21: an absolute link to another host made an in-page anchor or a relative
    path keeps the reader with this site, whatever site_url says."""
    for new in ("#what-are-your-cookie-choices", "/site-policy/privacy"):
        v = judge("https://docs.github.com/en/site-policy/x#a", new, "this section",
                  "https://example.org/legal/")
        assert (v.material, v.rule) == (False, "link-to-this-site") and "this site" in v.reason
    assert judge("#a", "https://ads.example.net/x", "", "https://example.org/legal/").material


def test_a_placeholder_site_url_is_a_warning_in_check(project: Repo,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 21: site_url decides which links are the site's own; `init`'s placeholder (or
    none) would judge link maintenance as "another organisation" without a word."""
    from lexdocs.review.links import site_url_finding
    from tests.conftest import lexdocs

    assert site_url_finding("https://chatlio.com/legal/") is None
    assert site_url_finding("") is not None
    assert site_url_finding("https://legal.example.com/") is not None
    project.replace("mkdocs.yml", "site_url: https://chatlio.com/legal/",
                    "site_url: https://example.org/legal/")
    assert lexdocs("-C", str(project.path), "check") == 0
    out = capsys.readouterr().out
    assert "mkdocs.yml:2: warning [site-url] site_url is the placeholder " \
           "https://example.org/legal/" in out


def test_own_domains_make_a_move_between_them_maintenance(tmp_path: Path) -> None:
    """Issue 21: wordpress.com → automattic.com is one company's two domains once declared."""
    from lexdocs.config import options_from

    (tmp_path / "policy_src/privacy").mkdir(parents=True)
    (tmp_path / "policy_src/privacy/document.yml").write_text("title: P\n", encoding="utf-8")
    opts = options_from(tmp_path, {"own_domains": ["wordpress.com"]}, "https://automattic.com/p/")
    assert opts.home == "https://automattic.com/p/ wordpress.com"
    old, new = "https://automattic.com/privacy/#a", "https://en.support.wordpress.com/x"
    assert judge(old, new, "", "https://automattic.com/p/").material
    v = judge(old, new, "", opts.home)
    assert not v.material and v.rule == "link-site-relative"
    assert judge(old, "https://ads.example.net/x", "", opts.home).material


@pytest.mark.parametrize(("old", "new", "material", "rule"), [
    ("developers.mozilla.org", "developer.mozilla.org", False, "link-same-site"),
    ("example.co.uk/privacy", "www.example.co.uk/legal", False, "link-same-site"),
    ("chatlio.com/optout", "https://help.chatlio.com/optout", False, "link-same-site"),
    ("chatlio.com", "ads.example.net", True, "link-other-site"),
    ("chatlio.github.io", "adco.github.io", True, "link-other-site"),
])
def test_a_host_written_as_text_is_judged_as_a_link_target(old: str, new: str, material: bool,
                                                           rule: str) -> None:
    """Issue 21: "developers.mozilla.org" → "developer.mozilla.org" written without link
    syntax is link maintenance, and a bare host sent to another organisation is material
    with both hosts named, even in a sentence that only points elsewhere."""
    (c,) = redline(f"For more, see {old}.", f"For more, see {new}.").changes
    assert (c.material, c.rule) == (material, rule), c.reason
    assert c.evidence[:2] == (old, new)
    if material:
        assert "another organisation" in c.reason and old.split("/")[0] in c.reason
        assert new.split("/")[0] in c.reason


GAOPT = "https://tools.google.com/dlpage/gaoptout"


@pytest.mark.parametrize(("old", "new", "words"), [
    # Exercism's privacy policy (2022): each address in a list of opt-out pages put on
    # the tool's name, by a reference link
    (f"- Google analytics: {GAOPT}\n- Hotjar: https://www.hotjar.com/o\n",
     "- [Google analytics]\n- [Hotjar]\n\n[Google analytics]: " + GAOPT
     + "\n[Hotjar]: https://www.hotjar.com/o\n", "Google analytics"),
    (f"Opt out at {GAOPT}.", f"Opt out at [Google's page]({GAOPT}).", "Google's page"),
    ("Opt out at tools.google.com/dlpage/gaoptout.", f"Opt out at [this page]({GAOPT}).",
     "this page"),
    (f"Opt out at [Google's page]({GAOPT}).", f"Opt out at {GAOPT}.", "Google's page"),
])
def test_an_address_written_out_that_a_link_now_carries_is_maintenance(
        old: str, new: str, words: str) -> None:
    """The same address, now to click (or now to read): "a web address was removed", "a
    link to … was added", "a purpose was added (analytics)" and "a list item was
    removed" were all said of it, none of them true. Words put on the link that name
    someone the text did not ("AdCo's form") are still the rules' to judge."""
    changes = redline(old, new).changes
    assert changes and all(not c.material and c.rule == "link-written-out" for c in changes)
    assert f"on '{words}'" in changes[0].reason and "same address" in changes[0].reason
    (named,) = redline(f"Opt out at {GAOPT}.", f"Opt out at [AdCo's form]({GAOPT}).").changes
    assert named.material and "AdCo" in named.reason


USAGE = "https://openai.com/policies/usage-policies/"


@pytest.mark.parametrize("new", [
    f"Read our [Usage Policies\u2060\u2060]({USAGE}).",
    f"Read our [Usage Policies\u2060]({USAGE})[\u2060]({USAGE}).",
])
def test_characters_no_reader_sees_change_nothing(new: str) -> None:
    """OpenAI's terms as archived put a word joiner after a link's words for its icon in
    one edition and two in the next: "the wording changed ('Use⁠' → 'Use⁠⁠')" and "a link
    to openai.com was added on '⁠'" said what no reader could see. A link on such words to
    somewhere no visible words lead is still judged: a keyboard reaches it."""
    (c,) = redline(f"Read our [Usage Policies\u2060]({USAGE}).", new).changes
    assert (c.material, c.rule) == (False, "formatting"), c.reason
    assert "invisible characters" in c.reason
    (hidden,) = redline(f"Read our [Usage Policies]({USAGE}).",
                        f"Read our [Usage Policies]({USAGE})[\u2060](https://ads.example.net/)."
                        ).changes
    assert hidden.material and "ads.example.net" in hidden.reason


def test_a_host_written_as_text_between_own_domains_is_maintenance() -> None:
    a, b = doc("Write to us at automattic.com."), doc("Write to us at wordpress.com.")
    assert diff_documents(a, b).material
    (c,) = diff_documents(a, b, home="https://automattic.com/p/ wordpress.com").changes
    assert (c.material, c.rule) == (False, "link-site-relative")


def test_an_email_address_is_no_host_and_keeps_its_own_rule() -> None:
    (c,) = redline("Write to privacy@chatlio.com.", "Write to privacy@ads.example.net.").changes
    assert (c.material, c.rule) == (True, "email-address-changed")
    (same,) = redline("Write to privacy@chatlio.com.", "Write to privacy@help.chatlio.com.").changes
    assert same.rule == "email-address-changed"


def test_words_with_dots_are_no_hosts() -> None:
    """Only a name with a real public suffix is a host; a file name is not, unless
    written as an address."""
    from lexdocs.review.links import url_pairs, written

    text = "E.g. version 2.0, i.e. PRIVACY.md or export.zip, U.S. law, Node.js, co.uk"
    assert written(text) == []
    assert written("See mozilla.org, www.x.md and x.md/a; privacy@b.com.") == [
        "mozilla.org", "www.x.md", "x.md/a"]
    assert url_pairs("Read policy.md.", "Read terms.md.") == []
    (c,) = redline("Read policy.md, e.g. now.", "Read terms.md, i.e. now.").changes
    assert not c.rule.startswith("link-")
    # nor the words of another engine's tag: ".contact" is a public suffix, and GitHub's
    # guidelines for legal requests moving "{{ site.data.variables.contact.x }}" to "{%
    # data variables.contact.x %}" was "the link stays with variables.contact"
    assert written("Write to {{ site.data.variables.contact.contact_support }}, or to "
                   "{% data variables.contact.x %} at docs.github.com.") == ["docs.github.com"]


def test_a_written_address_ends_at_a_bracket_it_does_not_close() -> None:
    """Moltbook's policy wrote "[www.moltbook.com](https://www.moltbook.com/)(the
    “Website”)", its space lost, and the reason was "the link now leads to another
    organisation, from www.moltbook.com to www.moltbook.com(the". An address holds a
    bracket only as a pair, as the materiality rules already read it."""
    from lexdocs.review.links import url_pairs, written

    assert written("the website, www.moltbook.com(the “Website”), and https://x.org/a).") == [
        "www.moltbook.com", "https://x.org/a"]
    assert written("See https://en.wikipedia.org/wiki/Foo_(bar).") == [
        "https://en.wikipedia.org/wiki/Foo_(bar)"]
    assert url_pairs("the website, www.moltbook.com (the “Website”)",
                     "the website, www.moltbook.com(the “Website”)") == []
    (c,) = redline("Visit [www.moltbook.com](https://www.moltbook.com/) (the “Website”).",
                   "Visit [www.moltbook.com](https://www.moltbook.com/)(the “Website”).").changes
    assert not c.material and "another organisation" not in c.reason, c
    for hostile in ("www.a(", "https://a.b/(x", "www.a.b(c)(", "www."):  # committed text
        assert growth(lambda n, h=hostile: lambda: written(h * n), 20_000) < LINEAR, hostile


def test_an_own_website_listed_as_such_is_no_link_move() -> None:
    """A listed own website swapped for another is what the policy covers (own-scope)."""
    from lexdocs.review.links import url_pairs

    assert url_pairs("Our websites (including polldaddy.com, gravatar.com) and apps.",
                     "Our websites (including crowdsignal.com, gravatar.com) and apps.") == []


def test_a_domain_named_for_the_organisation_is_its_own() -> None:
    """A help centre moved to a domain of its own under the organisation's name is link
    maintenance, and the reason says which name made it so; a short name, another's name
    or no declaration leaves it another organisation."""
    home = "https://basecamp.com/about/policies 37signals.com hey.com"
    moved = judge("https://help.37signals.com/billing/316", "https://classic.basecamp-help.com/527",
                  home=home)
    assert not moved.material and "named for basecamp" in moved.reason
    assert not judge("https://foundation.mozilla.org/", "https://mozillafoundation.org/",
                     home="https://www.mozilla.org/privacy/").material
    assert judge("https://help.37signals.com/x", "https://heyday-help.com/x", home=home).material
    assert judge("https://help.37signals.com/x", "https://campbase-help.com/x",
                 home=home).material
    assert judge("https://help.37signals.com/x", "https://classic.basecamp-help.com/x").material
    assert place("https://classic.basecamp-help.com/x", home).site is None


def test_a_link_moved_to_the_help_centre_named_for_its_subject_is_maintenance() -> None:
    """A product's help article moved from the organisation's help site (its path or
    fragment names the product) or from the product's own site to the product's help
    centre ("support.backpack-help.com") stays with the organisation; a help centre
    named for anything else, or reached from another organisation's page, does not."""
    home = "https://basecamp.com/about/policies 37signals.com hey.com"
    for old, new in [
        ("https://help.37signals.com/billing/questions/316-cancel#Backpack",
         "https://support.backpack-help.com/article/280-how-do-i-cancel-my-account"),
        ("https://help.basecamp.com/campfire/questions/482-export",
         "https://support.campfire-help.com/article/146-export"),
        ("https://help.highrisehq.com/imports-exports/",
         "https://support.highrise-help.com/category/314-imports-exports")]:
        moved = judge(old, new, home=home)
        assert (moved.material, moved.rule) == (False, "link-same-site"), moved
        assert "help centre" in moved.reason
    for old, new in [
        ("https://help.37signals.com/billing/questions/316-cancel",
         "https://support.backpack-help.com/article/280"),
        ("https://adco.example.net/backpack/optout", "https://support.backpack-help.com/x"),
        ("https://help.37signals.com/backpack/1", "https://backpack-tracker.com/x"),
        ("https://help.highrisehq.com/x", "https://support.campfire-help.com/x")]:
        assert judge(old, new, home=home).rule == "link-other-site", (old, new)


def test_an_email_address_made_a_link_to_itself_is_maintenance() -> None:
    """Twitch's privacy notice as archived made "privacy@twitch.tv" a link to itself and
    back by turns, each "Material: a link to twitch.tv was added on 'privacy@twitch.tv'":
    the reader had the address already, and writes to the same place. The same link on
    other words still sends the reader somewhere new."""
    v = judge(None, "mailto:privacy@twitch.tv", "privacy@twitch.tv", "https://example.org/")
    assert (v.material, v.rule) == (False, "link-written-out"), v.reason
    v = judge("mailto:Privacy@Twitch.tv", None, "privacy@twitch.tv", "https://example.org/")
    assert not v.material, v.reason
    v = judge(None, "mailto:privacy@twitch.tv", "write to us", "https://example.org/")
    assert (v.material, v.rule) == (True, "link-added"), v.reason


def test_an_address_taken_away_with_its_link_is_told_whole_and_not_as_still_written() -> None:
    # LinkedIn's privacy policy (2025) dropped "or at DPO@…" after another link: the
    # address's own dots were paired with the full stop after it, so the redline showed
    # "DPO@linkedin" and "com" deleted round a kept "." and the reason quoted the link
    # "on '.'"; then, the address a link to itself, "is no longer a link, still written
    # out", which it was not.
    red = redline("Ask our [officer here](https://www.linkedin.com/help/x) or at "
                  "[dpo@example.com](mailto:dpo@example.com). Then go on.",
                  "Ask our [officer here](https://www.linkedin.com/help/x). Then go on.")
    (c,) = red.changes
    assert [(s.op, s.text) for s in c.segments if s.op != "equal"] == [
        ("delete", " or at "), ("delete", "dpo@example.com")]
    assert c.material and "on 'dpo@example.com' (mailto:dpo@example.com)" in c.reason
    assert "still written out" not in c.reason
    # the same address made a link where it stays is still link maintenance
    (c,) = redline("Write to dpo@example.com now.",
                   "Write to [dpo@example.com](mailto:dpo@example.com) now.").changes
    assert not c.material and "is now a link to it" in c.reason


def test_addresses_are_found_in_linear_time() -> None:
    from lexdocs.review.rows import _UNIT
    for hostile in ("a.", "a", "a@", "www.", "a@b."):
        assert growth(lambda n, h=hostile: lambda: _UNIT.findall(h * n), 200_000,
                      tries=2) < LINEAR, hostile
