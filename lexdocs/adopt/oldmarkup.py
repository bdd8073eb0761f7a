"""What an old site typed in HTML, or in Markdown that does not take, written as lexdocs'
Markdown, so that readers of an adopted policy see its words, not its markup.

lexdocs publishes raw HTML as the text it is typed as (a section carries no script), and
Python-Markdown prints marks that do not take. Policies kept for other sites' renderers
are full of both: links, emphasis, code and line breaks typed as tags, styling spans, one-line
`<p>` and `<h1>` blocks, kramdown attribute lists, bold closed after a space. The plain
cases become Markdown, word for word; what holds no text of its own is left out (and
`import` says so); anything else stays as typed, for `lexdocs check` to name
(`markup-published`). Every pattern reads committed text in linear time.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable

from lexdocs.adopt import outline
from lexdocs.adopt.ids import without_anchors

__all__ = ["as_markdown", "bold_across_breaks", "outside_code", "without_markup",
           "without_wordless_headings"]


_TAG = re.compile(r"<(?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*>")
"""An HTML tag, its quoted values included; one never runs past the next `<`, so a line
of thousands of unclosed `<a` is read once, not once from each."""
_OPENS_TAG = re.compile(r"\s*</?[A-Za-z]")
_WORD = re.compile(r"[^\W_]")
"""A letter or a digit: what a block needs to state anything (a scraper's "." after a
hidden `<iframe>`, or a `&nbsp;`, states nothing)."""
_ATTRIBUTES = re.compile(r"[ \t]*\{:(?:[^}#\"']|\"[^\"]*\"|'[^']*')*\}[ \t]*$")
"""A line of attributes for the block above (kramdown's), with no id in it."""


def _without_trailing_attributes(line: str, last: bool) -> list[str]:
    """`line` without a line of attributes at its end ("Effective October 31, 2025 {:
    datetime="2025-10-31" }"): the date line is then read as one, and left out as one.
    One that gives an id ("… party vendors. {: #donations }", on a block's `last` line)
    goes on a line of its own, where `ids.relink` lands links to it, as it does one typed
    so. Only the last `{:` is tried: a search from each of a long line's thousands would
    read it once from each."""
    at = line.rfind("{:")
    if at <= 0 or not line[:at].strip() or line[at - 1] not in " \t":
        return [line]
    if _ATTRIBUTES.match(line, at):
        return [line[:at].rstrip(" \t")]
    tail = line[at:].rstrip(" \t")
    if outline.ATX.match(line) or not last:
        return [line]  # a heading's id is its anchor (`outline`, `ids._anchor_of`), and a
        # setext one's words are followed by its bar: only a block's last line ends it
    if tail.endswith("}") and "}" not in tail[:-1] and _AN_ID.search(tail):
        return [line[:at].rstrip(" \t"), tail]
    return [line]


_AN_ID = re.compile(r"#[A-Za-z][\w-]*")


_INLINE = re.compile(
    r"<(?P<tag>a|strong|b|em|i|u|span|code)\b(?P<attrs>[^<>]*)>(?P<lead>[ \t]*)"
    r"(?P<text>[^<>\[\]`*\s](?:[^<>\[\]`*]*[^<>\[\]`*\s])?)(?P<trail>[ \t]*)</(?P=tag)\s*>",
    re.I)
"""A tag around plain words; a space just inside it (`<a href="…">stolní počítače </a>`,
in Mozilla's Czech notice) goes outside the Markdown made of it, as in `_tight_bold`."""
_LOOSE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
"""An underscore not inside a word ("_x_"), which Markdown could read as emphasis; one
inside a word ("info_privacy@…", "client_id") is a letter of it to Python-Markdown."""
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"<>\s()]+)"|'([^'<>\s()]+)')""", re.I)
_CODE_SPAN = re.compile(r"(`+)[^`]*?(?<!`)\1(?!`)")


_OPENER = re.compile(r"^[ \t]*<(?P<tag>p|h[1-6])\b(?P<attrs>[^<>]*)>[ \t]*$", re.I)
_INSIDE_BLOCK = re.compile(r"^[ \t]*</?(?:div|p|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|"
                           r"td|th|section|article|header|footer|blockquote|pre)\b", re.I)


def joined_blocks(lines: list[str]) -> list[str]:
    """A paragraph or heading typed in HTML over several lines (`<p>` alone on its line, its
    words, `</p>` alone: Clever's App Store terms, which were nothing else), put on one
    line and set apart as a block of its own, which `as_markdown` then writes as
    Markdown's; the words are joined as a browser joins them, with a space. What holds
    another block's tag, a blank line, or no closing tag stays as typed. Each line is read
    once: a scan stops at the next opening tag, which starts its own."""
    live = outline.live_lines(lines)
    out: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        m = _OPENER.match(lines[i]) if live[i] else None
        if m is None:
            out.append(lines[i])
            i += 1
            continue
        tag = m["tag"].lower()
        j = i + 1
        while j < n and live[j] and lines[j].strip() and not _INSIDE_BLOCK.match(lines[j]):
            j += 1
        closes = j < n and live[j] and re.fullmatch(rf"[ \t]*</{tag}\s*>[ \t]*", lines[j], re.I)
        if not closes or j == i + 1:
            out.append(lines[i])
            i += 1
            continue
        words = " ".join(ln.strip() for ln in lines[i + 1:j])
        out += ["", f"<{tag}{m['attrs']}>{words}</{tag}>", ""]
        i = j + 1
    return out


_ADDRESS_OPENS = re.compile(r"^(?P<indent>[ \t]*)<address\b[^<>]*>[ \t]*$", re.I)
_ADDRESS_CLOSES = re.compile(r"^[ \t]*</address\s*>[ \t]*$", re.I)


def addresses_as_lines(lines: list[str]) -> list[str]:
    """A postal address the old file typed in an `<address>` block, its lines between
    the tags (Mozilla's cloud services terms, under "Contact Us", in a list item):
    written as Markdown's lines, each but the last ending in a hard break, at the
    block's indent, set apart by blank lines. lexdocs printed the tags as text (19
    versions of that history showed "<address>"). A block with another tag inside, a
    blank line, or no closing tag stays as typed."""
    live = outline.live_lines(lines)
    out: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        m = _ADDRESS_OPENS.match(lines[i]) if live[i] else None
        j = i + 1
        while m and j < n and live[j] and lines[j].strip() and "<" not in lines[j]:
            j += 1
        if m is None or j == i + 1 or j >= n or not _ADDRESS_CLOSES.match(lines[j]):
            out.append(lines[i])
            i += 1
            continue
        parts = [m["indent"] + ln.strip() for ln in lines[i + 1:j]]
        out += ["", *(f"{p}  " for p in parts[:-1]), parts[-1], ""]
        i = j + 1
    return out


def as_markdown(lines: list[str]) -> list[str]:
    """Links and emphasis the old file wrote in HTML (`<a href="…">Terms</a>`,
    `<strong>Consent</strong>`), written as Markdown: the old site showed them as a link
    or bold words, lexdocs would show their tags as text, and the version that wrote them
    as Markdown would read as reworded. An underlined defined term (`("<u>Terms</u>")`,
    Mozilla's) is emphasised, Markdown having no underline; a `<span>` only styled its
    words (Mozilla's titles, Basecamp's highlighted example addresses): its words stay.
    Only the plain ones: words with no markup of their own inside, a link with an
    address and nothing stranger; code stays as typed."""
    def inline(m: re.Match[str]) -> str:
        made = written(m)
        return made if made == m.group() else f"{m['lead']}{made}{m['trail']}"

    def written(m: re.Match[str]) -> str:
        text, tag = m["text"], m["tag"].lower()
        if tag == "code":  # a handle or a setting's name; a code span shows `&lt;` as typed
            return f"`{text}`" if "&" not in text else m.group()
        if "_" in text and _LOOSE_UNDERSCORE.search(text):
            return m.group()
        if tag == "span":
            return text
        if tag != "a":
            return f"**{text}**" if tag in ("strong", "b") else f"*{text}*"
        href = _HREF.search(m["attrs"])
        return f"[{text}]({href[1] or href[2]})" if href else m.group()

    def markdown(text: str) -> str:
        return _tight_bold(_INLINE.sub(inline, text) if "<" in text else text)

    if any(_OPENER.match(ln) for ln in lines):
        lines = joined_blocks(lines)
    if any(_ADDRESS_OPENS.match(ln) for ln in lines):
        lines = addresses_as_lines(lines)
    return [part for ln, live in zip(lines, outline.live_lines(lines), strict=True)
            for part in (_block(outside_code(ln, markdown)) if live and ("<" in ln or "**" in ln)
                         else [_spaced_id(ln)] if live and "{:" in ln else [ln])]


def outside_code(line: str, write: Callable[[str], str]) -> str:
    """`line` with `write` applied to what is outside its code spans: a tag or a link in
    a code span is shown as typed, and stays so."""
    parts, at = [], 0
    for code in _CODE_SPAN.finditer(line):
        parts += [write(line[at:code.start()]), code.group()]
        at = code.end()
    return "".join([*parts, write(line[at:])])


def _spaced_id(line: str) -> str:
    """A heading's id typed right after its words (kramdown's "### Top Pick{: #searches }",
    Mozilla's), which Python-Markdown takes only after a space: without one, the page
    showed the braces. Only the last `{:` is tried (see `_without_trailing_attributes`)."""
    at = line.rfind("{:")
    tail = line[at:].rstrip(" \t")
    if at <= 0 or line[at - 1] in " \t" or not outline.ATX.match(line):
        return line
    if tail.endswith("}") and "}" not in tail[:-1] and _AN_ID.search(tail):
        return f"{line[:at]} {tail}"
    return line


_BLOCK = re.compile(r"^(?P<indent>[ \t]{0,3})<(?P<tag>p|h[1-6])\b(?P<attrs>[^<>]*)>"
                    r"(?P<text>[^<>]+)</(?P=tag)\s*>[ \t]*$", re.I)
"""One run of text between the tags (`[^<>]*\\S[^<>]*` would try every split of a long
line that never closes: the square of its length)."""
_ID = re.compile(r"""\bid\s*=\s*["']([A-Za-z][\w-]*)["']""")


_ANCHORED = re.compile(r"^(?P<marks> {0,3}#{1,6}[ \t]+)<a\b(?P<attrs>[^<>]*)>"
                       r"(?P<text>[^<>]+)</a\s*>[ \t]*$", re.I)
"""A heading whose words are wholly an anchor (`## <a id="your-content">Your Content</a>`,
as kemitchell's plain-language terms typed each part): its id or name is the anchor."""
_ID_OR_NAME = re.compile(r"""(?<![\w-])(?:id|name)\s*=\s*["']([A-Za-z][\w-]*)["']""")


def _block(line: str) -> list[str]:
    """A paragraph or heading the old file typed in HTML on one line (Basecamp's tax page:
    `<h1>Taxes!</h1>`, `<p class="subhead">If your billing address …</p>`), written as
    Markdown's, a block of its own (two `<p>` lines in a row are two paragraphs): lexdocs
    would print the tags around its words. A heading's `id` stays its anchor, and so does
    the id of an anchor that holds a heading's words. Any other line is read for line
    breaks (`_hard_breaks`)."""
    anchored = _ANCHORED.match(line)
    given = _ID_OR_NAME.search(anchored["attrs"]) if anchored else None
    if anchored and given and anchored["text"].strip() and not _HREF.search(anchored["attrs"]):
        # `## <a id="acceptable-use">Acceptable Use</a>`: the anchor is the heading's own
        return [f"{anchored['marks']}{anchored['text'].strip()} {{#{given[1]}}}"]
    m = _BLOCK.match(line)
    if m is None or not m["text"].strip():
        return _hard_breaks(line)
    tag, text = m["tag"].lower(), m["text"].strip()
    if tag == "p":
        return ["", m["indent"] + text, ""]
    given = _ID.search(m["attrs"])  # links land on it: it stays the heading's anchor
    return ["", f"{m['indent']}{'#' * int(tag[1])} {text}"
            + (f" {{#{given[1]}}}" if given else ""), ""]


# A bold's words never cross a table's cell ("…in the Agreement. | **Full legal name:**",
# Meta's data processing terms as archived, read "**" after a cell's label as opening a
# bold the next cell's "**" closed, and wrote "|** Full").
_LOOSE_CLOSE = re.compile(r"(?<![\w*])\*\*(?=[^\s*|])([^*|\n]*?[^\s*|])([ \t\u00a0]+)\*\*"
                          r"(?=[^\s*])")
_LOOSE_OPEN = re.compile(r"(?<=[^\s*|])\*\*([ \t\u00a0]+)(?=[^\s*|])([^*|\n]*?[^\s*|])\*\*"
                         r"(?![^\s.,;:!?)])")


_LOOSE_BOTH = re.compile(r"^([ \t]*)(\*{2,3})[ \t]+([^*\n]*[^\s*])[ \t]+\2[ \t]*$")
"""A paragraph wholly in bold (or bold italics) whose marks sit beside spaces on both sides
(`*** The services are provided "as is" … ***`, Clever's disclaimers): the marks go
against its words. Only a line that is nothing else, so no pair is guessed."""


def _tight_bold(text: str) -> str:
    """Bold whose closing marks follow a space (`**Basic account information: **We ask`,
    Automattic's privacy policy, 17 times), or whose opening marks precede one
    (`questions.** If you don't agree …, don't use our services.**`, WordPress.com's
    terms), with the space moved outside the marks: the old site showed those words
    bold, and Markdown, which lets marks beside a space neither open nor close, printed
    the asterisks around plain words. A no-break space is a space here too ("**13.5\u00a0**
    GetFeedback Direct", SurveyMonkey's): Markdown lets no mark close after it either. No
    word moves."""
    text = _LOOSE_BOTH.sub(r"\1\2\3\2", text)
    if "**" in text and _BOLD_MARK.search(text):
        text = _mark_unbolded(text)
    if "****" in text and text.strip(" \t*"):  # a line of asterisks alone is a rule
        runs = list(_FOUR.finditer(text))
        if len(runs) == 1 and _EMPTY_BOLD.match(text, runs[0].start()):
            text = text[:runs[0].start()] + text[runs[0].end():]
    return _LOOSE_OPEN.sub(r"\1**\2**", _LOOSE_CLOSE.sub(r"**\1**\2", text))


_BOLD_MARK = re.compile(r"(?<=[^\s*])\*\*([.,;:!?])\*\*(?![*\w])")
"""A stop or comma in bold after a word (`[form](…)**,** or`, LinkedIn's privacy policy
as archived): the old page showed a comma, Markdown prints the asterisks around it; the
mark alone stays."""


def _mark_unbolded(text: str) -> str:
    """`text` with each bold stop or comma (`_BOLD_MARK`) that no bold before it leaves
    open written as the mark alone: in "**B**,** C" the marks close and reopen a bold."""
    marks = [m.start() for m in re.finditer(r"\*\*", text)]

    def alone(m: re.Match[str]) -> str:
        before = bisect.bisect_left(marks, m.start())
        return m.group(1) if before % 2 == 0 else m.group()

    return _BOLD_MARK.sub(alone, text)


_FOUR = re.compile(r"(?<!\*)\*{4}(?!\*)")
_EMPTY_BOLD = re.compile(r"\*{4}(?=[ \t]|$)")
"""Bold around nothing ("**11.9** Complaints****", SurveyMonkey's privacy policy, 28 times
a version): no word was bold, and Markdown prints the four asterisks. Only when the line
holds no other run of four, and before a space or the line's end, where the marks can open
nothing: before a word they may close one bold and open the next ("****o** Les cookies
…**"), and two runs may pair ("****10.2 QUELLES DONNÉES … ?****", Cdiscount's, which
Markdown shows in bold): both stay as typed."""


_BR = re.compile(r"</?br[ \t]*/?>", re.I)
"""A `<br>` (or the `</br>` GitHub's subprocessor list typed); the spaces around it are
trimmed from the parts it splits (a pattern that took them too would scan a long run of
spaces again from each of its positions)."""
_IN_CELL = re.compile(r"(?<=\S)[ \t]*</?br[ \t]*/?>[ \t]*(?=[^\s|])", re.I)
"""A break between two words of a cell."""


def _hard_breaks(line: str) -> list[str]:
    """A line break the old file typed as `<br>` ("Mozilla Corporation <br>", each line
    of a postal address), written as Markdown's: the line ends in two spaces, and words
    after it go on a line of their own. lexdocs would print the tag as text, and the
    address's lines ran together around it. In a line of a table, where a cell holds
    one line, a break between words is a space ("United States, France,</br>Switzerland",
    GitHub's subprocessor list: 15 of its pages printed the tag); a line with code in it
    is left as typed, and so is a line that is nothing but breaks."""
    if "`" in line or not _BR.search(line):
        return [line]
    if line.lstrip().startswith("|"):  # a cell holds one line: the break is a space
        return [_IN_CELL.sub(" ", line)]
    parts = _BR.split(line)
    if not any(p.strip() for p in parts):
        return [line]
    indent = line[:len(line) - len(line.lstrip(" \t"))]
    lines = [p.rstrip(" \t") if i == 0 else indent + p.strip(" \t")
             for i, p in enumerate(parts) if p.strip()]
    return [f"{ln}  " for ln in lines[:-1]] + [lines[-1] + ("  " if not parts[-1].strip()
                                                           else "")]


def without_markup(lines: list[str]) -> tuple[list[str], int]:
    """The lines without the blocks of raw HTML that hold no text of their own (a picture
    in a `<figure>`, a wrapper's `<div>` line, a `<br>`), and how many were left out.

    lexdocs shows raw HTML as the text it is typed as, never as markup (a section can
    carry no script), so such a block would publish its tags to readers ("<figure
    class=…"), and a version that drops it would read as a paragraph removed. It states
    nothing: what is written between a wrapper's tags stays, as Markdown. Nor does one
    whose text has no letter or digit: scraped pages end a hidden tracker's `<iframe>`
    with ".", and Windstream's terms, as archived, showed its tags on every version.

    So does a line that only gives the block above it attributes (`{: datetime="…" }`,
    `{: .note }`), or the same at a line's end: Mozilla's notices put one under (or after)
    their "Effective" line, and once that line was left out (every page prints the dates)
    the reader saw `{: datetime=… }` at the top of the text. One that gives an id
    (`{: #anchor }`) stays for `ids.relink`, which lands links to it at its section, and
    so does a block of empty anchors (`<a id="bookmark-search-pns"></a>` on the line above
    a heading, Mozilla's Czech notice), which `relink` sends to the heading."""
    live = outline.live_lines(lines)
    out: list[str] = []
    dropped = 0
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].strip():
            end += 1
        block = lines[start:end]
        bare = [part for i, (ln, ok) in enumerate(zip(block, live[start:end], strict=True))
                if not (ok and _ATTRIBUTES.match(ln))
                for part in (_without_trailing_attributes(ln, i == len(block) - 1) if ok
                             else [ln])]
        if bare != block:
            dropped, block = dropped + 1, bare
        if block and all(live[start:end]) and _OPENS_TAG.match(block[0]) and not _WORD.search(
                html.unescape(_TAG.sub("", "\n".join(block)))) and without_anchors(
                "\n".join(block)).strip():
            dropped += 1
        else:
            out.extend(block)
        if end < len(lines):
            out.append(lines[end])
        start = end + 1
    return out, dropped


def without_wordless_headings(lines: list[str]) -> tuple[list[str], int]:
    """The lines without the headings that hold no words (a logo's empty link over a bar,
    `[](https://play.google/)`, as Google Play's agreement is archived; "### " and nothing,
    whose words were not kept), and how many went: such a heading shows the reader
    nothing, would open a part titled by nothing, which no build can publish, and inside
    a part gave the page an empty heading, its id "section" as often as it came."""
    gone = [h for h in outline.headings(lines) if not _WORD.search(h.text)]
    empty: set[int] = set()
    if any(outline.EMPTY_HEADING.match(ln) for ln in lines):
        live = outline.live_lines(lines)
        empty = {i for i, ln in enumerate(lines) if live[i] and outline.EMPTY_HEADING.match(ln)}
    if not gone and not empty:
        return lines, 0
    drop = empty.union(*(range(h.index, h.index + h.size) for h in gone))
    return [ln for i, ln in enumerate(lines) if i not in drop], len(gone) + len(empty)


_OPENED_BEFORE_BREAK = re.compile(r"(?<=[^\s*])\*\*(?=(?:[ \t]{2,}|\\)$)")
"""Bold marks that end a line, against its last word and before its hard break: they open
no bold there, only the next line's."""
_CLOSE_AFTER_BREAK = re.compile(r"^(?P<indent>[ \t]*)(?P<unseen>[\u200b-\u200d\u2060\ufeff]*)"
                                r"\*\*(?=\S)")
"""The marks that would close a bold, opening a line: after its indent, and after
characters no reader sees ("‍**Parler is a social media platform …", a zero-width joiner
first, Parler's notice under its privacy policy)."""


def bold_across_breaks(lines: list[str]) -> list[str]:
    """Bold that a copy closed on the line after a hard break ("**Right of access:  " over
    "    **You can request …", as a converter writes `<strong>Right of access:<br></strong>`)
    closed before the break instead: Markdown cannot close bold after a break and a line's
    indent, so it printed both pairs of asterisks (Hetzner's privacy policy, Gartner's and
    Twitter's terms, Ikea's cookie policy). Only where the first line leaves its last bold
    open and the next opens with the marks that would close it. A line that holds those
    marks alone, and its own break ("2.  **Free Trials  " over "    **  ", Netflix's
    terms), goes: the first line's break stays the one between the title and its text.
    The marks may open the paragraph after a blank line too ("**Refus d'embarquement  ",
    "", "**Lorsque AEGEAN …", Aegean Airlines' conditions of sale, 11 such titles). Bold
    a copy opened before a break ("…with us.**  " over "Ad partners, developers, and
    publishers.** Our ad …", X's privacy policy) opens after it instead."""
    live = outline.live_lines(lines)
    out = list(lines)
    gone: set[int] = set()
    for i in range(len(lines) - 1):
        j = i + 2 if not lines[i + 1].strip() and i + 2 < len(lines) else i + 1
        a, b = out[i], lines[j]
        if not (live[i] and live[j]) or a.count("**") % 2 != 1 or b.count("**") % 2 != 1:
            continue
        closed, n = _closed_before_break(a), _CLOSE_AFTER_BREAK.match(b)
        if closed is None:
            opened = _OPENED_BEFORE_BREAK.search(a)
            if opened and not n and b.strip() and not b.lstrip().startswith("*"):
                # the marks opened the next line's bold before the break ("…with us.**  "
                # over "Ad partners, developers, and publishers.** Our ad …", X's policy)
                out[i] = a[:opened.start()] + a[opened.start() + 2:]
                indent = len(b) - len(b.lstrip(" \t"))
                out[j] = b[:indent] + "**" + b[indent:]
            continue
        if n:
            out[i], out[j] = closed, n["indent"] + n["unseen"] + b[n.end():]
        elif b.rstrip(" \t\\").strip() == "**":
            out[i] = closed
            gone.add(j)
    return [ln for i, ln in enumerate(out) if i not in gone] if gone else out


def _closed_before_break(line: str) -> str | None:
    """The line with its last bold closed before its hard break (two spaces or `\\`),
    if that bold opens on words with no mark after them; else None. Read with `rfind`:
    a pattern over the line's spaces could backtrack over every split of them."""
    if line.endswith("\\"):
        body, brk = line[:-1], "\\"
    elif line.endswith("  ") and line.strip():
        body = line.rstrip(" \t")
        brk = line[len(body):]
    else:
        return None
    words = body.rstrip(" \t")
    at = words.rfind("**")
    if at < 0 or len(words) <= at + 2 or words[at + 2] in " \t" or "*" in words[at + 2:]:
        return None
    return f"{words}**{body[len(words):]}{brk}"
