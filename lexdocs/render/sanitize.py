"""The last step before HTML: only inert markup, and nothing fetched from another host.

Section text is written by anyone who can merge a pull request, and the page
it becomes is a company's legal statement. Raw HTML is already shown as text
(see `markup`); what Markdown itself can still produce is checked here, on the
element tree, after every other step has run:

- elements: only those Markdown makes (paragraphs, lists, tables, links, ...);
- attributes: an allow-list (`id`, `class`, and what links, images, ordered
  lists and table cells need); `attr_list` cannot add `onclick` or `style`, and
  a class must be one of `SECTION_CLASSES` (never one of the page's own);
- links: https, http, mailto, tel and site-relative addresses only, judged
  after entity decoding, so `jav&#x61;script:` is seen for what it is; hosts are
  read by the WHATWG URL standard (what browsers do, through `ada_url`), and a
  link a browser would repair before following it (a backslash, a tab or other
  control character, a user name before an `@`) is refused: its host is not
  the one a reader sees;
- images: site-local only; a remote image would make every reader's browser
  call another host, so it stops the build (`UnsafeMarkup`, which the renderer
  reports with the file and line).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import markdown
from ada_url import URL, check_url
from markdown.blockparser import State
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

_ELEMENTS = {"p", "a", "img", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
             "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "table", "thead", "tbody", "tr",
             "th", "td", "div", "span"}
_GLOBAL_ATTRS = {"id", "class"}
_ELEMENT_ATTRS = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"},
                  "th": {"style", "align"}, "td": {"style", "align"}}
_LINK_SCHEMES = {"https", "http", "mailto", "tel"}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_ALIGN_STYLE = re.compile(r"^text-align: (left|right|center);?$")
_ALIGN = {"left", "right", "center"}
# An id starts with a letter: the theme's own elements use ids like "__search", and a
# section must not be able to stand in for them.
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_:.\-]*$")
SECTION_CLASSES = frozenset({"note"})
"""The classes a section may give itself with `{: .name }`. Neither policy_src/ nor the
skeleton uses any; the page's own parts (`lx-banner`, `md-dialog--active`, ...) are
styled and scripted by class, so section text that took their classes could dress
itself as the site's "upcoming version" banner or a dialog."""
# Browsers drop these from a URL before reading its scheme ("java\tscript:").
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
# What browsers repair in a URL before they follow it: "https:\\other.example" opens
# other.example, and tabs and newlines vanish wherever they stand.
_REPAIRED = re.compile(r"[\\\x00-\x1f\x7f]")
_HERE = "site.invalid"
_PAGE = f"https://{_HERE}/page/"  # stands for the page a relative link is on


class UnsafeMarkup(ValueError):
    """Markup that must not be published; `needle` is source text to find its line by."""

    def __init__(self, message: str, needle: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.needle = needle
        self.hint = hint
        self.more: tuple[UnsafeMarkup, ...] = ()
        """The others the same section holds (a page saved with a dozen remote images)."""


def unescaped(url: str) -> str:
    """A URL with its entities decoded, as the browser has it from the page."""
    text = url.replace(AMP_SUBSTITUTE, "&")
    for _ in range(3):  # "&amp;#106;" decodes twice in some pipelines; never trust one pass
        plain = html.unescape(text)
        if plain == text:
            break
        text = plain
    return text


def decoded(url: str) -> str:
    """A URL as a browser reads its scheme: entities decoded, invisible characters removed."""
    return _INVISIBLE.sub("", unescaped(url))


def repaired(url: str) -> str | None:
    """The first character of `url` (entities decoded) that browsers repair before they
    follow it (a backslash, a tab or another control character), or None."""
    found = _REPAIRED.search(unescaped(url))
    return found.group() if found else None


def web_host(url: str) -> str | None:
    """The host a browser opens for `url`, by the WHATWG URL standard: "" for a place on
    this site (a path, an anchor) or an address without a host (mailto:), None for text
    no browser can follow. International names come back in their ASCII (xn--) form."""
    text = unescaped(url)
    try:
        if check_url(text):  # absolute: its own scheme and host, whatever the page
            return URL(text).hostname
        resolved = URL(text, _PAGE)
    except ValueError:
        return None
    return "" if resolved.hostname == _HERE else resolved.hostname


def web_query(url: str) -> str:
    """The query a browser sends for an absolute `url`, without its "?": "" for any other
    (a path, an anchor, text no browser can follow)."""
    text = unescaped(url.strip())
    try:
        return URL(text).search.removeprefix("?") if check_url(text) else ""
    except ValueError:
        return ""


def scheme(url: str) -> str | None:
    """The lower-case scheme of `url` as a browser would see it, or None if relative."""
    match = _SCHEME.match(decoded(url))
    return match.group(1).lower() if match else None


def is_site_local(url: str) -> bool:
    """True for a path on this site: no scheme, no other host (`//host`, `\\\\host`)."""
    if scheme(url) is not None or repaired(url):
        return False
    return web_host(url) == ""


def check_link(url: str) -> None:
    """Refuse a link a reader's click would turn into script or an unknown scheme, or
    one whose host the browser reads otherwise than a reader of the address does."""
    found = scheme(url)
    if found is not None and found not in _LINK_SCHEMES:
        raise UnsafeMarkup(f"link scheme '{found}:' is not allowed", needle=_needle(url),
                           hint="link with https:, http:, mailto:, tel: or a site path")
    text = unescaped(url)
    shown = _INVISIBLE.sub(" ", text)[:80]
    bad = repaired(url)
    if bad:
        what = "a backslash" if bad == "\\" else f"the control character U+{ord(bad):04X}"
        raise UnsafeMarkup(f"the link '{shown}' holds {what}, which browsers repair before "
                           "they follow it", needle=_needle(url),
                           hint="write the address as the browser's address bar shows it")
    if found in ("http", "https") or text.startswith("//"):
        try:
            parsed = URL(text, _PAGE)
        except ValueError:
            raise UnsafeMarkup(f"the link '{shown}' is not a web address a browser can open",
                               needle=_needle(url), hint="check the address") from None
        if parsed.username or parsed.password:
            raise UnsafeMarkup(f"the link '{shown}' names a user before '@': browsers open "
                               f"{parsed.hostname}, not what comes before the '@'",
                               needle=_needle(url),
                               hint="link to the site itself, without 'name@' before its host")


def check_embedded(url: str) -> None:
    """Refuse an image (or other embedded resource) that is not on this site."""
    if not is_site_local(url):
        kind = scheme(url)  # data: (a page saved with its pictures inlined), file:, …
        why = ("the site makes no request to another host" if kind in (None, "http", "https")
               else f"a '{kind}:' address is no file of this site")
        raise UnsafeMarkup(f"image '{decoded(url)[:80]}' is not on this site",
                           needle=_needle(url),
                           hint=f"{why}: copy the image into docs/ and link it by path")


def _needle(url: str) -> str:
    plain = url.replace(AMP_SUBSTITUTE, "&")
    return plain[:40]


def _clean_attrs(el: ET.Element) -> None:
    allowed = _GLOBAL_ATTRS | _ELEMENT_ATTRS.get(el.tag, set())
    for name in el.attrib.get("class", "").split():
        if name not in SECTION_CLASSES:
            raise UnsafeMarkup(f"the class '{name[:40]}' is not allowed in a section",
                               needle=f".{name}"[:40],
                               hint="classes a section may use: "
                                    + ", ".join(sorted(SECTION_CLASSES)))
    for key, value in list(el.attrib.items()):
        if key not in allowed or not _attr_ok(el.tag, key, value):
            del el.attrib[key]


def allowed_id(value: str) -> bool:
    """Whether an element may carry `value` as its id (any other is dropped from the page)."""
    return bool(_ID.match(value))


def _attr_ok(tag: str, key: str, value: str) -> bool:
    if key == "id":
        return allowed_id(value)
    if key == "style":
        return bool(_ALIGN_STYLE.match(value))
    if key == "align":
        return value in _ALIGN
    if key == "start":
        return value.isdigit()
    return True


def sanitize_tree(root: ET.Element) -> None:
    """Check and clean every element below `root` in place; what must not be published
    is raised at the end, all of it (the first, with the others in its `more`)."""
    root.attrib.clear()  # the wrapper Markdown strips; never let it carry anything
    found: list[UnsafeMarkup] = []
    for el in list(root.iter()):
        if el is root:
            continue
        try:
            _check_element(el)
        except UnsafeMarkup as exc:
            found.append(exc)
    if found:
        found[0].more = tuple(found[1:])
        raise found[0]


def _check_element(el: ET.Element) -> None:
    if not isinstance(el.tag, str) or el.tag not in _ELEMENTS:
        raise UnsafeMarkup(f"element <{el.tag}> is not allowed", needle="",
                           hint="write plain Markdown")
    _clean_attrs(el)
    if el.tag == "a" and "href" in el.attrib:
        check_link(el.attrib["href"])
    if el.tag == "img":
        check_embedded(el.attrib.get("src", ""))


class _Sanitizer(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        sanitize_tree(root)


class Sanitize(Extension):
    """Registers the sanitiser after every other tree step (attr_list, unescape).

    The one converter is reused; a conversion stopped midway (a refused link, a
    list nested past Python's recursion limit) must not leave the block parser
    inside a list for the next text, so every reset starts it afresh.
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self.md = md
        md.registerExtension(self)
        md.treeprocessors.register(_Sanitizer(md), "lexdocs_sanitize", -100)

    def reset(self) -> None:
        self.md.parser.state = State()
