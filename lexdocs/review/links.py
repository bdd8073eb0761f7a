"""Where a link leads: a moved target is maintenance or a new recipient of the reader.

A reader who follows "opt out" trusts the statement to send them to the
company that holds their data. Re-pointing that link to another organisation
changes what the statement does as surely as changing its words, while moving
a page within the same site (a new path, https instead of http, a `www.`
prefix) changes nothing a reader relies on, and neither does a link re-pointed
to this site itself (an in-page `#anchor`, a relative path, the site's own
domain): the reader stays with the organisation the statement is from.

"The same organisation" is the same registrable domain (`eTLD+1`) by the
Public Suffix List, private suffixes included, so `a.github.io` and
`b.github.io` are two organisations while `www.example.co.uk` and
`help.example.co.uk` are one. The list ships inside `publicsuffixlist`: no
network at build or test time. A URL written out as visible text is judged
by the same rule (redline.py pairs the URLs that changed), and so is a bare host
name ("developers.mozilla.org" → "developer.mozilla.org"; `written`): a name is
a host only if the list knows its suffix, so "e.g.", "2.0" and "policy.md" stay
words, and an e-mail address is the contact rules' business, not a host. Hosts
are read by the WHATWG URL standard, as a reader's browser reads them
(`sanitize.web_host`); a target written as a bare host (`www.` or not) is read
as the address its writer meant.

Verdicts are the materiality module's `Verdict`, so a link's rule id and the
hosts it names travel with the other verdicts into every output.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from ada_url import idna_to_unicode
from publicsuffixlist import PublicSuffixList

from lexdocs.findings import Finding
from lexdocs.render.sanitize import scheme, web_host, web_query
from lexdocs.review.lexicon import TEMPLATE_TAG, key, own_listed
from lexdocs.review.names import own_names
from lexdocs.review.typed import WEB_ADDRESS
from lexdocs.review.verdicts import Verdict


@functools.cache
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


@dataclass(frozen=True)
class Place:
    """Where a link target leads, as far as "whose site is it?" goes."""

    site: str | None
    """Registrable domain (or the bare host when it has none); None for this site."""
    host: str
    """What a reader would call it: the host, an email domain, or "this site"."""
    named: str = ""
    """The host and the organisation's own name it is named for (`named_for`), when that
    is what makes it this site."""


def place(url: str, home: str = "") -> Place:
    """The organisation a target belongs to; relative paths and anchors are this site,
    and so is any address of the site's own registrable domains (`home`: its URL, then
    the organisation's other domains, separated by white space: `Options.home`)."""
    where = _place(url)
    if where.site is not None and where.site in _homes(home):
        return Place(site=None, host=f"this site ({where.host})")
    if where.site is not None and (name := named_for(where.site, home)):
        named = f"{where.host}, named for {name}"
        return Place(site=None, host=f"this site ({named})", named=named)
    return where


def named_for(site: str, home: str) -> str | None:
    """The organisation's own name that the registered name of `site` begins with: a
    help centre or a foundation kept under its name on a domain of its own
    ("classic.basecamp-help.com", "mozillafoundation.org")."""
    label = site.split(".")[0]
    return None if placeholder(site) else next(
        (n for n in _brands(home) if label.startswith(n)), None)


@functools.lru_cache(maxsize=64)
def _brands(home: str) -> tuple[str, ...]:
    """`names.own_names` of `home` that can name a domain: five letters or more (a
    shorter one, "hey", would take in other words' domains, "heyday.com"), and none
    from a placeholder address (`init`'s example.org names no organisation)."""
    real = " ".join(h for h in home.split() if not placeholder(
        urlsplit(h if "://" in h else f"https://{h}").hostname or ""))
    return tuple(sorted(n for n in own_names(real) if len(n) >= 5))


@functools.lru_cache(maxsize=64)
def _homes(home: str) -> frozenset[str | None]:
    """The registrable domains of `home`'s addresses ("automattic.com" as well as a URL);
    its declared names ("Pocket_Casts": no dot) are no address."""
    return frozenset(_place(h if "://" in h else f"https://{h}").site for h in home.split()
                     if "." in h or "://" in h)


def domains(home: str) -> frozenset[str]:
    """The registrable domains `home` (`Options.home`) makes the organisation's own."""
    return frozenset(d for d in _homes(home) if d is not None)


def _place(url: str) -> Place:
    url = url.strip()
    if url.lower().startswith("www.") or _bare_host(url):
        url = "http://" + url
    kind = scheme(url)
    if kind == "mailto":
        host = urlsplit(url).path.rpartition("@")[2].split("?")[0].lower()
    elif kind in ("tel", "sms"):
        path = urlsplit(url).path
        return Place(site=f"{kind}:{path}", host=f"{kind}:{path}")
    else:
        # The host a browser opens, read as browsers read it: `https:\\other.example/x`
        # and `https://other.example\\@this.site/` both lead to other.example.
        found = web_host(url)
        if found is None:  # no browser can follow it: a place of its own, never this site
            return Place(site=url, host=url)
        host = found.lower().rstrip(".")
    if not host:
        return Place(site=None, host="this site")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return Place(site=host, host=host)
    except ValueError:
        pass
    return Place(site=_psl().privatesuffix(host) or host, host=idna_to_unicode(host) or host)


# Reference works: an encyclopedia, a dictionary, the text of a standard or of a law, as
# published by those who keep it. A link to one explains the words it sits on (Basecamp's
# "SSL/TLS" linked to Wikipedia's article): it incorporates no one's terms, and the reader
# it sends there meets no one who holds their data. Hosts, each with its subdomains.
REFERENCE_WORKS = frozenset(str.split(
    "wikipedia.org wiktionary.org britannica.com merriam-webster.com oed.com "
    "dictionary.cambridge.org w3.org whatwg.org ietf.org rfc-editor.org iso.org "
    "eur-lex.europa.eu legislation.gov.uk law.cornell.edu ecfr.gov govinfo.gov "
    "leginfo.legislature.ca.gov legifrance.gouv.fr gesetze-im-internet.de gdpr-info.eu"))


def reference_work(host: str) -> bool:
    """Whether `host` (as `Place.host` names it) publishes a reference work."""
    host = host.lower()
    return any(host == r or host.endswith("." + r) for r in REFERENCE_WORKS)


_RESERVED = ("example.com", "example.org", "example.net", "localhost")
_RESERVED_TLDS = (".example", ".test", ".invalid", ".localhost")


def placeholder(host: str) -> bool:
    """True for a name reserved for examples (RFC 2606: example.org, *.test): what
    `lexdocs init` writes as site_url, never any organisation's real address."""
    host = host.lower().rstrip(".")
    return host in _RESERVED or host.endswith(_RESERVED_TLDS) or any(
        host.endswith("." + r) for r in _RESERVED)


def site_url_finding(site_url: str, config: Path | None = None) -> Finding | None:
    """A warning when `site_url` is missing or a reserved placeholder (what `lexdocs init`
    writes): it decides which links are this site's own, so with it a link moved from
    the real domain to a page of this site reads as "another organisation", and nothing
    else would say why. `config` is mkdocs.yml, for the line to fix."""
    host = (urlsplit(site_url.strip()).hostname or "").rstrip(".")
    if site_url.strip() and not placeholder(host):
        return None
    what = f"site_url is the placeholder {site_url}" if site_url.strip() else (
        "site_url is not set")
    line = None
    if config is not None and config.is_file():
        text = config.read_text(encoding="utf-8", errors="replace")
        line = next((i for i, row in enumerate(text.splitlines(), 1)
                     if row.startswith("site_url:")), None)
    return Finding("site-url", "warning",
                   f"{what}: it decides which links are this site's own, so a link to your "
                   "real address is judged as leading to another organisation; set site_url "
                   "to the address the site is published at",
                   path=config.name if config is not None else None, line=line)


def judge(old: str | None, new: str | None, words: str = "", home: str = "",
          kept: bool = True) -> Verdict:
    """The verdict for a link target changed from `old` to `new` on `words`.

    None means no link: a link added to or taken from unchanged words changes
    where a reader can go, so it is material unless it stays on this site.
    `home` is the site's own URL (MkDocs `site_url`) when known: its domain is
    this site, so a relative link written out in full is still maintenance. `kept` is
    False when the words came or went with the link.
    """
    on = f" on '{_short(words)}'" if words.strip() else ""
    if old is None or new is None:
        present = new if old is None else old
        assert present is not None
        where = place(present, home)
        verb = "added" if old is None else "removed"
        evidence = tuple(u for u in (old, new) if u is not None)
        if kept and _mails_itself(present, words):
            # "privacy@twitch.tv" made a link to itself (Twitch's privacy notice, by turns):
            # the reader already had the address, and writes to the same place
            said = ("is now a link to it" if old is None else "is no longer a link, still "
                    "written out")
            return Verdict(False, "link-written-out",
                           f"Not material: link maintenance, the e-mail address "
                           f"'{_short(words)}' {said} ({present}).", evidence)
        if where.site is None:
            return Verdict(False, "link-same-site",
                           f"Not material: a link within this site was {verb}{on} "
                           f"({present}).", evidence)
        if reference_work(where.host):
            return Verdict(False, "link-reference",
                           f"Not material: a link to a reference work, {where.host}, was "
                           f"{verb}{on} ({present}): it explains the words, which stay as "
                           "they were, and sends the reader to no one who holds their data.",
                           evidence)
        return Verdict(True, f"link-{verb}",
                       f"Material: a link to {where.host} was {verb}{on} ({present}).", evidence)
    a, b = place(old, home), place(new, home)
    evidence = (old, new)
    if a.site is None and b.site is None:
        named = f", to {b.named}" if b.named else ""
        return Verdict(False, "link-site-relative",
                       f"Not material: link maintenance, the link{on} moved within this site"
                       f"{named} ({old} → {new}).", evidence)
    if b.site is None:
        return Verdict(False, "link-to-this-site",
                       f"Not material: link maintenance, the link{on} now leads to this site, "
                       f"from {a.host} ({old} → {new}).", evidence)
    if a.site == b.site:
        to_a, to_b = _destination(old, a, home), _destination(new, b, home)
        if to_a.site != to_b.site:
            # "good.com/page" → "good.com/page?next=https://evil.example/": the reader is
            # sent on elsewhere, so this is no upkeep, and dropping the redirect next time
            # ("link-unwrapped") cannot be the only step that moved the link
            return Verdict(True, "link-other-site",
                           f"Material: the link{on} now leads to another organisation, from "
                           f"{to_a.host} to {to_b.host}, through {b.host}'s redirect "
                           f"({old} → {new}).", (*evidence, to_a.host, to_b.host))
        return Verdict(False, "link-same-site",
                       f"Not material: link maintenance, the link{on} stays with {b.site} "
                       f"({old} → {new}).", evidence)
    if reference_work(a.host) and reference_work(b.host):
        return Verdict(False, "link-reference",
                       f"Not material: the link{on} still leads to a reference work, now "
                       f"{b.host} ({old} → {new}).", evidence)
    through = redirect_target(old)
    if through is not None and place(through, home).site == b.site:
        return Verdict(False, "link-unwrapped",
                       f"Not material: link maintenance, the link{on} now leads straight to "
                       f"{b.host}, where it led through {a.host}'s redirect ({old} → {new}).",
                       evidence)
    helps = help_centre_of(old, a, b)
    if helps:
        return Verdict(False, "link-same-site",
                       f"Not material: link maintenance, the link{on} now leads to the help "
                       f"centre of what it pointed to, {b.host}, named for {helps} "
                       f"({old} → {new}).", evidence)
    return Verdict(True, "link-other-site",
                   f"Material: the link{on} now leads to another organisation, from {a.host} "
                   f"to {b.host} ({old} → {new}).", (*evidence, a.host, b.host))


def _destination(url: str, where: Place, home: str) -> Place:
    """Where a link sends the reader in the end: the place of the address its query hands
    a redirect (`redirect_target`), else its own."""
    through = redirect_target(url)
    return place(through, home) if through is not None else where


def redirect_target(url: str) -> str | None:
    """Where a redirecting link sends the reader: the web address a parameter of its query
    holds, as a site's link shim writes it ("https://lm.facebook.com/l.php?u=https%3A%2F%2F
    help.meta.com%2F…", Facebook's privacy policy, once "now leads to another
    organisation, from lm.facebook.com to help.meta.com" when the shim was dropped). Only a
    link that drops the redirect is upkeep: one that now passes through another's redirect
    shows that host every click, and stays judged by its hosts."""
    if scheme(url.strip()) not in ("http", "https"):
        return None
    for _, value in parse_qsl(web_query(url)):
        if scheme(value) in ("http", "https") and web_host(value):
            return value.strip()
    return None


def _mails_itself(target: str, words: str) -> bool:
    """Whether `target` is a mailto: link to the e-mail address its words are."""
    if target[:7].casefold() != "mailto:":
        return False
    return unquote(target[7:]).split("?", 1)[0].strip().casefold() == words.strip(
        " .,;:").casefold()


def written_as_link(url: str, words: str, came: bool) -> Verdict:
    """The verdict for a web address written out that a link now carries on `words`
    (`came`), or the other way round: the same address, now to click or to read, so no
    reader is sent anywhere new (hunks._carried finds them)."""
    said = (f"the web address written out is now a link on '{_short(words)}'" if came
            else f"the link on '{_short(words)}' is now the web address written out")
    return Verdict(False, "link-written-out",
                   f"Not material: link maintenance, {said}, to the same address ({url}).",
                   (url,))


# A help centre kept on a domain of its own, named for what it helps with: the registered
# name is a name and a help word ("highrise-help.com", "backpackhelp.com").
_HELP_DOMAIN = re.compile(r"(?P<name>[a-z0-9]{4,}?)-?(?:help|support|docs)")
_URL_WORDS = re.compile(r"[a-z0-9]+")


def help_centre_of(old: str, a: Place, b: Place) -> str | None:
    """The name a link's new help centre shares with what its old target was about, when
    the link only moved to that help centre: the new host's registered name is a name and
    a help word ("support.backpack-help.com": backpack), and the old target was this
    site's page about that name (a word of its path or fragment: ".../backpack/questions/
    255", "…#Backpack") or a site named for it ("help.highrisehq.com"). A product's help
    articles moved from the organisation's help site to the product's own are the same
    instructions from the same organisation; a help centre named for anything the old
    page was not about ("campbase-help.com" for ".../x"), or moved from another
    organisation's page, is another organisation's."""
    if b.site is None:
        return None
    found = _HELP_DOMAIN.fullmatch(b.site.split(".")[0])
    if found is None:
        return None
    name = found.group("name")
    if a.site is None:
        parts = urlsplit(old.strip())
        return name if name in _URL_WORDS.findall(
            f"{parts.path} {parts.fragment}".casefold()) else None
    return name if a.site.split(".")[0].startswith(name) else None


def _short(words: str, limit: int = 60) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


URL = WEB_ADDRESS  # the shape materiality reads a web address by: both see the same URLs
# A host written without scheme ("developer.mozilla.org", "example.com/privacy"): labels
# and a final label of letters, not inside an e-mail address, a URL or a longer word.
HOST = re.compile(r"(?<![\w@.%+/:-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9])"
                  r"(/[^\s<>\"]*[^\s<>\".,;:!?)])?(?![\w@-])", re.I)
_MAYBE_ADDRESS = re.compile(r"[a-z0-9]\.[a-z0-9]", re.I)
"""What every web address without a scheme holds (its host's dots), looked for first with
"//": the patterns that find addresses try each word of a text, and most texts a review
reads hold none."""
# Suffixes that are top-level domains and far more often a file's extension in a policy
# ("PRIVACY.md", "export.zip"): such a name is a host only with `www.` or a path.
_FILE_SUFFIXES = frozenset(["md", "zip", "mov", "py", "sh", "java"])


def _is_host(host: str, path: str | None) -> bool:
    """Whether `host` has a real public suffix and a name under it (the Public Suffix
    List, unknown suffixes refused): "e.g", "2.0" and "co.uk" are no hosts."""
    host = host.lower()
    if host.rpartition(".")[2] in _FILE_SUFFIXES and not path and not host.startswith("www."):
        return False
    return _psl().privatesuffix(host, accept_unknown=False) is not None


def _bare_host(url: str) -> bool:
    found = HOST.fullmatch(url)
    return found is not None and _is_host(found.group(1), found.group(2))


def written(text: str) -> list[str]:
    """Web addresses written out in `text`, in order: URLs with a scheme or `www.`, and
    bare host names with a real public suffix (a path allowed), so that a host in the
    words is judged as a link target is. E-mail addresses are not among them, nor the
    words of another engine's tag ("{{ site.data.variables.contact.x }}", where
    ".contact" is a public suffix: "the link stays with variables.contact")."""
    if "//" not in text and not _MAYBE_ADDRESS.search(text):
        return []  # no scheme, no dot between two letters or digits: no address
    tags = [(m.start(), m.end(), "") for m in TEMPLATE_TAG.finditer(text)] if "{" in text else []
    found = [(m.start(), m.end(), m.group()) for m in URL.finditer(text)]
    for m in HOST.finditer(text):
        if _is_host(m.group(1), m.group(2)) and not any(
                a < m.end() and m.start() < b for a, b, _ in found + tags):
            found.append((m.start(), m.end(), m.group()))
    return [u for _, _, u in sorted(found)]


def url_pairs(old: str, new: str) -> list[tuple[str, str]]:
    """Web addresses written out in `old` (`written`) that became others in `new`, paired
    in order.

    Only when as many went as came: otherwise an address was added or removed, which
    is the wording's business, not link maintenance. Nor is one of the organisation's
    own websites, listed as such, swapped for another ("Our websites (including
    polldaddy.com, …)" → "crowdsignal.com"): that is what the policy covers
    (facts.own_changed), not where a reader is sent.
    """
    a, b = written(old), written(new)
    ka, kb = {key(u, "web-address") for u in a}, {key(u, "web-address") for u in b}
    # "https://example.org/status/" → ".../status" is the same address, written anew
    gone = [u for u in a if key(u, "web-address") not in kb]
    came = [u for u in b if key(u, "web-address") not in ka]
    if not gone or len(gone) != len(came):
        return []
    return [(u, v) for u, v in zip(gone, came, strict=True)
            if not (own_listed(old, [u]) and own_listed(new, [v]))]


def bare(url: str) -> bool:
    """Whether `url` is written without scheme or `www.` ("developer.mozilla.org/x")."""
    return _bare_host(url) and not url.lower().startswith("www.")


def _bare(reason: str) -> str:
    for head in ("Material: ", "Not material: "):
        if reason.startswith(head):
            reason = reason[len(head):]
    return reason.rstrip(".")


def _said(verdicts: list[Verdict]) -> str:
    return "; ".join(dict.fromkeys(_bare(v.reason) for v in verdicts))


def combine(verdicts: list[Verdict]) -> Verdict:
    """Several verdicts on one change as one: material if any is, the material reasons
    first, every reason kept once, under one "Material:" or "Not material:"."""
    loud = [v for v in verdicts if v.material]
    quiet = [v for v in verdicts if not v.material]
    if loud:
        reason = f"Material: {_said(loud)}" + (f"; not material: {_said(quiet)}" if quiet else "")
    else:
        reason = f"Not material: {_said(quiet)}"
    evidence = tuple(dict.fromkeys(e for v in verdicts for e in v.evidence))
    return Verdict(bool(loud), (loud or quiet)[0].rule, reason + ".", evidence)
