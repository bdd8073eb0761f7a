"""The last step before HTML: only inert markup, and nothing fetched from another host.

Section text is written by anyone who can merge a pull request, and the page
it becomes is a company's legal statement. Raw HTML is already shown as text
(see `markup`); what Markdown itself can still produce is checked here, on the
element tree, after every other step has run:

- elements: only those Markdown makes (paragraphs, lists, tables, links, ...);
- attributes: an allow-list (`id`, `class`, and what links, images, ordered
  lists and table cells need); `attr_list` cannot add `onclick` or `style`;
- links: https, http, mailto, tel and site-relative addresses only, judged
  after entity decoding, so `jav&#x61;script:` is seen for what it is;
- images: site-local only; a remote image would make every reader's browser
  call another host, so it stops the build (`UnsafeMarkup`, which the renderer
  reports with the file and line).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import markdown
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
_CLASSES = re.compile(r"^[A-Za-z0-9_\- ]*$")
# Browsers drop these from a URL before reading its scheme ("java\tscript:").
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


class UnsafeMarkup(ValueError):
    """Markup that must not be published; `needle` is source text to find its line by."""

    def __init__(self, message: str, needle: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.needle = needle
        self.hint = hint


def decoded(url: str) -> str:
    """A URL as a browser reads it: entities decoded, invisible characters removed."""
    text = url.replace(AMP_SUBSTITUTE, "&")
    for _ in range(3):  # "&amp;#106;" decodes twice in some pipelines; never trust one pass
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return _INVISIBLE.sub("", text)


def scheme(url: str) -> str | None:
    """The lower-case scheme of `url` as a browser would see it, or None if relative."""
    match = _SCHEME.match(decoded(url))
    return match.group(1).lower() if match else None


def is_site_local(url: str) -> bool:
    """True for a path on this site: no scheme, no other host (`//host`, `\\\\host`)."""
    plain = decoded(url)
    if scheme(url) is not None or "\\" in plain:
        return False
    return not plain.startswith("//")


def check_link(url: str) -> None:
    """Refuse a link a reader's click would turn into script or an unknown scheme."""
    found = scheme(url)
    if found is not None and found not in _LINK_SCHEMES:
        raise UnsafeMarkup(f"link scheme '{found}:' is not allowed", needle=_needle(url),
                           hint="link with https:, http:, mailto:, tel: or a site path")


def check_embedded(url: str) -> None:
    """Refuse an image (or other embedded resource) that is not on this site."""
    if not is_site_local(url):
        raise UnsafeMarkup(f"image '{decoded(url)[:80]}' is not on this site",
                           needle=_needle(url),
                           hint="the site makes no request to another host: "
                                "copy the image into docs/ and link it by path")


def _needle(url: str) -> str:
    plain = url.replace(AMP_SUBSTITUTE, "&")
    return plain[:40]


def _clean_attrs(el: ET.Element) -> None:
    allowed = _GLOBAL_ATTRS | _ELEMENT_ATTRS.get(el.tag, set())
    for key, value in list(el.attrib.items()):
        if key not in allowed or not _attr_ok(el.tag, key, value):
            del el.attrib[key]


def _attr_ok(tag: str, key: str, value: str) -> bool:
    if key == "id":
        return bool(_ID.match(value))
    if key == "class":
        return bool(_CLASSES.match(value))
    if key == "style":
        return bool(_ALIGN_STYLE.match(value))
    if key == "align":
        return value in _ALIGN
    if key == "start":
        return value.isdigit()
    return True


def sanitize_tree(root: ET.Element) -> None:
    """Check and clean every element below `root` in place."""
    root.attrib.clear()  # the wrapper Markdown strips; never let it carry anything
    for el in list(root.iter()):
        if el is root:
            continue
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
