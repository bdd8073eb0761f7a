"""What in a page, an SVG, an HTML file or a stylesheet would run a script or fetch from
another host: the scan `checks.site` applies to docs/ and to mkdocs.yml's addresses.

HTML is read by the standard library's parser, as a browser tokenises it; an address is
judged as a browser parses it (`render.sanitize`), so one a browser would repair or one
that reads as absolute once its invisible characters go is refused too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from lexdocs.render.sanitize import repaired, scheme, unescaped, web_host

__all__ = ["Problem", "css_problems", "host_of", "html_problems", "needle", "remote", "short"]

# Elements that run, frame or redirect: never in a page of this site.
_ACTIVE = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
           "portal", "foreignobject", "handler", "listener"}
# Attributes whose address the browser fetches (or, for `href`, on these elements).
_FETCHED = {"src", "srcset", "poster", "data", "background", "codebase", "manifest",
            "lowsrc", "dynsrc", "icon", "ping"}
_FETCHED_HREF = {"link", "image", "use", "feimage", "script", "tref", "pattern", "filter",
                 "mpath", "animate", "set", "cursor", "font-face-uri", "textpath"}
_LINK_ATTRS = {"href", "xlink:href", "action", "formaction", "to", "values", "from", "by"}
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""",
                      re.I)


@dataclass(frozen=True)
class Problem:
    """Something a file would run or fetch: its rule, what to say, and text to find its line by."""

    rule: str
    message: str
    needle: str


class _Scanner(HTMLParser):
    """Collects what in a page, SVG or HTML file would run or fetch from another host."""

    def __init__(self, own_host: str) -> None:
        super().__init__(convert_charrefs=True)
        self.own = own_host
        self.problems: list[Problem] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        self.in_style = tag == "style"
        if tag in _ACTIVE:
            rule = "site-script" if tag in ("script", "handler", "listener") else "site-remote"
            self.problems.append(Problem(
                rule, f"<{tag}> would run or load other content in the site's pages "
                      "(remove it)", f"<{tag}"))
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta" and "http-equiv" in values:
            self.problems.append(Problem("site-remote", "<meta http-equiv> would redirect, "
                                         "set cookies or change the page's rules (remove it)",
                                         "http-equiv"))
        for name, value in values.items():
            self._attribute(tag, name, value)

    handle_startendtag = handle_starttag

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.problems.append(Problem("site-script", f"the '{name}' attribute on <{tag}> "
                                         "is a script (remove it)", name))
            return
        if name == "style":
            self.problems += css_problems(value, self.own)
            return
        urls = [u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" \
            else [value]
        for url in urls:
            found = scheme(url)
            if name in _LINK_ATTRS and found is not None and found not in _SAFE_SCHEMES:
                self.problems.append(Problem("site-script", f"the link '{short(url)}' on "
                                             f"<{tag}> uses the '{found}:' scheme (link "
                                             "with https: or a site path)", needle(url)))
            elif (name in _FETCHED or (name in ("href", "xlink:href")
                                       and tag in _FETCHED_HREF)) and remote(url, self.own):
                self.problems.append(Problem("site-remote", f"<{tag} {name}> loads "
                                             f"'{short(url)}', not a file of this site "
                                             "(copy it into docs/ and use its path)",
                                             needle(url)))

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.problems += css_problems(data, self.own)


def html_problems(text: str, own_host: str) -> list[Problem]:
    scanner = _Scanner(own_host)
    scanner.feed(text)
    scanner.close()
    return scanner.problems


def css_problems(text: str, own_host: str) -> list[Problem]:
    out = []
    for match in _CSS_URL.finditer(text):
        url = match.group(2) if match.group(2) is not None else match.group(4)
        if url and remote(url, own_host):
            out.append(Problem("site-remote", f"the stylesheet loads '{short(url)}', not a "
                               "file of this site (copy it into docs/ and use its path)",
                               needle(url)))
        elif url and scheme(url) in ("javascript", "vbscript"):
            out.append(Problem("site-script", f"the stylesheet runs '{short(url)}'",
                               needle(url)))
    return out


def remote(url: str, own_host: str) -> bool:
    """True unless `url`, fetched from a page of this site, is a file of this site: another
    host, a file of the reader's computer, inline data (as in sections: nothing but the
    site's own files) or an address a browser would repair are all refused, and so is one
    that reads as absolute once its invisible characters are dropped."""
    if repaired(url):
        return True
    found = scheme(url)
    host = web_host(url)
    if host is None or found not in (None, "http", "https"):
        return True
    if found is not None and not host:  # "ht  tps://x": no host for a browser, one for us
        return True
    return host != "" and host.rstrip(".").lower() != own_host


def host_of(url: str) -> str:
    return (web_host(url) or "").rstrip(".").lower() if url else ""


def short(url: str) -> str:
    """`url` as a one-line message shows it: white space and control characters as one
    space, at most 80 characters."""
    plain = " ".join(_UNPRINTABLE.sub(" ", unescaped(url)).split())
    return plain if len(plain) <= 80 else plain[:79] + "…"


def needle(url: str) -> str:
    return url.strip()[:40]
