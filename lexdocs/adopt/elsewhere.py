"""Pictures and links an old page took from elsewhere, written as a lexdocs site may publish.

A lexdocs page makes no request to another host and carries no script: the build stops
on a picture from another host (`sanitize.check_embedded`) and on a link a click would
turn into script or a file (`sanitize.check_link`). Pages saved from the web hold both: a
logo from a CDN, a spacer GIF inlined as `data:`, a cookie banner's
`javascript:Didomi.preferences.show()` (Comptoir des Cotonniers'), a link to the author's
own `file:///C:/Users/…` (VSprace.cz's). The build names each in the newest text; but the
older versions hold them too, and a version that cannot be built is no version, so an
adopted history lost every one of them, and no edit of the newest text brings them back.
So `import` writes them, in every version alike, as what a site may publish:

- a picture from another host that has words (its alt text) becomes a link to it on
  those words: the reader still finds it, and only a click reaches that host; one whose
  words are a single mark ("@", ".": Wikimedia draws the "@" of its e-mail addresses,
  "privacy![@](//upload.wikimedia.org/…/At_sign.svg…)wikimedia.org", so that no program
  harvests them) is that mark, as the reader saw it;
- a picture with no words (`alt=""` marks a decoration, by HTML's rules), or one at no
  address a browser fetches from a host (`data:`, `file:`), is left out, its words kept;
- a link the build refuses keeps its words, unlinked; a picture that is a link's words,
  if refused, leaves its words to the link (a link inside a link would show as typed),
  and a link left with no words goes;
- a link's address wrapped over two lines is joined, as a browser reads it.

The build's own checks decide, so import and build never disagree. Code spans, code
blocks and comments are left as typed: nothing in them is published as a link.
"""

from __future__ import annotations

import html
import re

from lexdocs.adopt import outline
from lexdocs.adopt.oldmarkup import outside_code
from lexdocs.render.sanitize import UnsafeMarkup, check_embedded, check_link, scheme, web_host

__all__ = ["from_elsewhere"]

_TARGET = (r"\(\s*(?P<url><[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))(?:[^()\n]|\([^()\n]*\))*?)"
           r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)")
"""An inline link's target: its address (in `<…>`, or with one level of parentheses inside,
as `javascript:show()` has, and spaces, which Python-Markdown reads as part of it: GO
Sport's ".../images/info/Recommandations CNIL.jpg"), then an optional title."""
_PICTURE = re.compile(r"!\[(?P<words>[^\[\]]*)\]" + _TARGET)
_IMG = re.compile(r"<img\b(?P<attrs>[^<>]*)>", re.I)
"""A picture typed as a tag inside a line (`<img height="1" … src="https://px.ads.linkedin
.com/…" />`, a tracker's pixel after Aetna's text), which lexdocs would show as typed: it is
written as Markdown's picture first, then as the rest are."""
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"<>\s()]+)"|'([^'<>\s()]+)')""", re.I)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"<>\[\]]*)"|'([^'<>\[\]]*)')""", re.I)
_LINK = re.compile(r"(?<![!\\])\[(?P<words>(?:[^\[\]]|\[[^\[\]]*\])*)\]" + _TARGET)


def _address(m: re.Match[str]) -> str:
    url = m["url"]
    return url[1:-1] if url.startswith("<") else url


def _refused(url: str, embedded: bool) -> bool:
    try:
        (check_embedded if embedded else check_link)(url)
    except UnsafeMarkup:
        return True
    return False


def _picture(m: re.Match[str]) -> str:
    url, words = _address(m), m["words"].strip()
    if not _refused(url, embedded=True):
        return m.group()
    if len(words) == 1 and not words.isalnum():
        return words
    if words and scheme(url) in (None, "http", "https") and web_host(url) \
            and not _refused(url, embedded=False):
        return f"[{words}]({m['url']})"
    return words


def _inside(m: re.Match[str]) -> str:
    """A picture that is a link's words: its own words, if it is refused (a link inside a
    link takes no more than a picture from another host would)."""
    return m["words"].strip() if _refused(_address(m), embedded=True) else m.group()


def _link(m: re.Match[str]) -> str:
    words = _PICTURE.sub(_inside, m["words"]) if "![" in m["words"] else m["words"]
    if words == m["words"]:  # an empty self-link beside a heading (`[](#who)`) stays
        return words.strip() if _refused(_address(m), embedded=False) else m.group()
    if _refused(_address(m), embedded=False) or not words.strip():
        return words.strip()  # a logo's link, its picture gone, goes with it
    return m.group().replace(m["words"], words, 1)


def _tag_picture(m: re.Match[str]) -> str:
    """An `<img>` tag as Markdown's picture, if its address and words are plain."""
    src, alt = _SRC.search(m["attrs"]), _ALT.search(m["attrs"])
    if src is None or (alt is None and re.search(r"\balt\s*=", m["attrs"], re.I)):
        return m.group()
    words = (alt[1] if alt[1] is not None else alt[2]) if alt else ""
    return f"![{html.unescape(words).strip()}]({src[1] or src[2]})"


_BREAK = r"\n[ \t]*"
_GROUP = rf"\((?:[^()\s]|{_BREAK})*\)"
_WRAPPED = re.compile(
    rf"(?<=\]\()(?P<url>(?:[^()\s]|{_GROUP})(?:[^()\s]|{_GROUP}|{_BREAK})*)(?=\))")
"""A link's address an editor wrapped at the line's end ("…/marketing-cloud-data-clou" over
"d-privacy-policy)", npm's privacy policy): Python-Markdown keeps the line break in it,
which the build refuses, and the version was lost from the history. An address may hold
a pair of brackets ("…/wiki/Tar_(computing)"), as Markdown's link destinations may, and
the wrap may fall inside them; one with no line break is left as it is."""


def _joined(m: re.Match[str]) -> str:
    """The address as a browser reads it: the URL standard drops every line break and tab
    from an address before it follows it, and the wrap's indent was never part of it."""
    return re.sub(r"\n[ \t]*", "", m["url"])


def _written(text: str) -> str:
    if "<img" in text or "<IMG" in text:
        text = _IMG.sub(_tag_picture, text)
    if "](" not in text:
        return text
    if "\n" in text:
        text = _WRAPPED.sub(_joined, text)
    linked = _LINK.sub(_link, text)
    return _PICTURE.sub(_picture, linked) if "![" in linked else linked


def from_elsewhere(lines: list[str]) -> tuple[list[str], int]:
    """The lines with each picture and link the build would refuse written as the module
    says, and how many paragraphs that changed. A paragraph is read whole, as Markdown
    reads it: a picture's words can run over lines (Showroomprive's "![Zone de Texte: …"
    over five lines, then "](file:///C:/Users/…/clip_image001.png)")."""
    out: list[str] = []
    changed = 0
    block: list[str] = []

    def close() -> None:
        nonlocal changed
        text = "\n".join(block)
        made = outside_code(text, _written) if "](" in text or "<img" in text.lower() else text
        if made != text:
            changed += 1
            out.extend(ln for ln in made.split("\n") if ln.strip())  # a spacer's line goes
        else:
            out.extend(block)
        block.clear()

    for line, live in zip(lines, outline.live_lines(lines), strict=True):
        if live and line.strip():
            block.append(line)
            continue
        close()
        out.append(line)
    close()
    return out, changed
