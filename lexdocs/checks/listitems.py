"""How a paragraph shows a reader that it is an item of a list, whatever its markup.

Real policies write lists in many ways besides Markdown's: numbered or lettered
paragraphs, labels in bold, a label and a dash, headings run into the text, paragraphs
that end with a semicolon or open alike, bullets typed as characters, boxes to tick, a
clause quoted whole. `lists` asks these of the paragraph after a line that ends in ":".
Every pattern reads one line, or one line per paragraph, in time linear in its length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lexdocs.stems import stems

LIST_LINE = re.compile(
    # a list item (or a bullet typed: "– …", "− …", or escaped so that Markdown makes no
    # list of it, "\- …", Lydia's), a table row; a bullet of its own glyph ("• …", Word's
    # "· …") opens an item even with no space after it ("•use, assist, …", NordVPN's), and
    # so does a box to tick ("\[   \] I am a citizen of …", a form in Infolinks' policy)
    # (in bold too: "**·**   **Other Platform Buyers**", AliExpress's privacy policy)
    # or a circled number ("① The system notification shown …", Google Play's policy)
    r"^\s*(\\?[-*+]|[–—−]|\d+[.)])\s|^\s*(?:\*\*|__)?[•◦▪‣·➢➤►▶▸❖◆●■□✓✔→①-⑳❶-➓]|^\s*\|"
    r"|^\s*[ol][ \t]+[^\W\d_]"  # Word's bullets of a symbol font, as text: "o Be approved"
    r"|^\s*\\?\[[\sxX✓✔]*\\?\]\s"  # spaces of any kind: a saved form's are often no-break
    r"|^\s*(?:\*\*|__)?\(?(?:(?:\d{1,3}|[A-Z]\.\d{1,3})(?:\.(?:\d{1,3}|[a-z]|[ivxlc]{1,6})){0,4}"
    r"|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})\\?[.)](?:\*\*|__)?\s"
    # numbered or lettered paragraphs: "(1) The use is necessary…", "a) …", "(iv) …", "3.1.
    # Third party service providers: …" (DeviantArt's), "A.1.a. Clause 7 …" and "C.1.a.i. …"
    # (Anthropic's data processing addendum: a capital and a number lead, so "U.S." and
    # "e.g." open no item), and "1\. The decision…" (escaped so that Markdown makes no
    # list of it, shown as "1.")
    r"|^\s*(?:\*\*|__)\d{1,3}(?:\.\d{1,3}){1,4}(?:\*\*|__)\s|^\s*\d{1,3}(?:\.\d{1,3}){1,4}\s+[A-Z(“\"]"
    # a clause numbered in two or more levels with no stop after it: "**5.1** Apple may …",
    # "15.1 If You are not a resident …" (Apple's developer agreement)
    r"|^\s*\((?:\d{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})\)(?!he\b)(?=[^\s)])"
    # a bracketed number run on into its words, as a copy of a web page loses the space:
    # "(i)a party …", "(a)“**Customer Personal Data**” means …" (Google's data protection
    # terms); "(s)he" is no item
    r"|^\s*(?:\*\*|__)\d{1,3}[a-z]{0,2}(?:\*\*|__)\s*[–—-]\s"  # "**2a** – Any activity …"
    r"|^\s*(?:\*\*|__)?[“\"][^”\"\n]{1,80}[”\"](?:\*\*|__)?,?\s+(?:shall\s+)?"
    r"(?:means?|refers?\s+to|includes?|has\s+the\s+meaning|have\s+the\s+meanings?)\b"
    r"|^\s*(?:\*\*|__)?[A-Z][^:*_\n]{0,60}(?:\*\*|__)?:(?:\*\*|__)?\s+(?:shall\s+)?"
    r"(?:means?|refers?\s+to)\b"
    # a definition: "**“Approved Addendum”** means …", one of the terms a contract defines,
    # or "Affiliates: mean any company …" (OVHcloud's terms)
    r"|^ {0,3}#{1,6}\s|^\s*>|^\s*<(?:ul|ol|dl|table)\b"  # subsections, a quote, HTML list
    # paragraphs that open with a label in bold or italics ("**Username.** This is …",
    # "*Technical data:* We receive …", "**For your travel –** We share …", Finnair's), or
    # in both at once ("**_The right of access:_** You may …", Palantir's), each one an
    # item to a reader
    r"|^\s*(?P<a>\*\*|__|\*|_)(?=\S)[^*_\n]{1,80}?[.:–—](?P=a)(?:\s|$)"
    r"|^\s*(?P<b>\*\*|__|\*|_)(?=\S)[^*_\n]{1,80}?(?P=b)\s?[.:–—](?:\s|$)"
    r"|^\s*[*_]{3}(?=[^\s*_])[^*_\n]{1,80}?[.:–—][*_]{3}(?:\s|$)"
    # or a label that is a link, in bold ("**[Hateful Content](https://help.bereal.com/…)**:
    # You may not share …", BeReal's community standards, each standard so)
    r"|^\s*(?P<c>\*\*|__)\[[^\[\]\n]{1,80}\]\([^()\s]{1,300}\)(?P=c)\s?[.:–—](?:\s|$)"
    # or with a label in words capitalised as a title's, two at least, and a colon: the
    # bold a copy of the page lost ("Third Party Service Providers:  Wix has partnered …")
    r"|^\s*[A-Z][\w’'-]*(?:\s+(?:(?:of|and|or|the|to|for|in|on|by|with|a|an|&)\s+)?"
    r"[A-Z][\w’'-]*){1,5}:\s+\S")


_OPENS_QUOTE = re.compile(r"\s*(?:\*\*|__|\*|_)?[\"'“‘«„]")
_ENDS_QUOTE = re.compile(r"[\"'”’»](?:\*\*|__|\*|_)?[.;,]?$|[.;,!?][\"'”’»](?:\*\*|__|\*|_)?$")


def quoted(first: str, last: str) -> bool:
    """Whether a paragraph is a quotation whole, from its opening mark to its closing one
    ("…governing law and venue is replaced with the following:", then "'These Terms will
    be governed by … the laws of the United States of America …'", Google Maps' terms):
    the text the colon promised. A paragraph that only opens with a quotation ("“Nobody,”
    we said, …") is prose."""
    return bool(_OPENS_QUOTE.match(first) and _ENDS_QUOTE.search(last.rstrip()))


_OPENS_MARK = re.compile(r"\s*(\*{1,3}|_{1,3})(?=[^\s*_])")
_ENDS_MARK = re.compile(r"(?<=[^\s*_])(\*{1,3}|_{1,3})[.:;]?$")


def set_off(first: str, last: str) -> bool:
    """Whether a paragraph is set off in bold or italics whole, from its first line's
    opening marks to its last line's closing ones ("…every npm user should understand:",
    then "*The npm public registry is for making software available to everyone online.*"
    over two lines, npm's privacy policy): the statement the colon promised, as a
    quotation is. A paragraph of two lines or more: one of a line is `lists._WHOLLY`'s.
    A paragraph that only opens or only ends with words so marked ("*Only* the partners
    … may see it, and nobody *else*.") is prose: the marks close within its lines."""
    a = _OPENS_MARK.match(first)
    b = _ENDS_MARK.search(last.rstrip()) if a else None
    return bool(a and b and a[1] == b[1] and a[1][0] not in first[a.end():]
                and a[1][0] not in last.rstrip()[:b.start()])


def shouted(first: str) -> bool:
    """Whether a paragraph is written in capitals, as a disclaimer the law wants seen is
    ("…we use capital letters to help make sure you see it, as follows:", then "TO THE
    EXTENT ALLOWED BY APPLICABLE LAW, WE PROVIDE OUR SERVICES …", Google's terms): set off
    as a paragraph in bold is. A link's address is not read."""
    letters = [c for c in LINK_TARGET.sub("]", first) if c.isalpha()]
    return len(letters) >= _SHOUTED_LETTERS and sum(c.isupper() for c in letters) >= (
        0.8 * len(letters))


LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
"""A link's address after its words: not what a reader reads."""


def defines(first: str) -> bool:
    """Whether a paragraph defines a term, quoted first ("…the following definitions apply
    to this Section 1.3 (Caching):", then '\\*"_Downstream transactions_" means …',
    Google Maps Platform's terms): each definition is an item of the list promised."""
    return bool(_DEFINES.match(first))


_DEFINES = re.compile(r"[ \t]*(?:\\[*]|[*_])*[\"“][^\"”\n]{1,80}[\"”][*_]*[ \t]+(?:means|"
                      r"shall mean|refers to|has the meaning|is defined as|includes)\b")
_SHOUTED_LETTERS = 20


_COUNTED = re.compile(r"\s*(?:\*\*|__)?(\d{1,3})(?:\.(\d{1,3}))?(?:\*\*|__)?\s+\S")


def counted_on(item: str, then: int | None, lines: list[str]) -> bool:
    """Whether a numbered paragraph is followed by the next number, in one level with no
    stop ("1 Programmes.  Customer authorises …", then "2 Policies.  …", Google's
    advertising terms) or in two ("8.1 subject to Section 8(b), the other party materially
    breaches …", then "8.2 the other party is in breach …", AcuityAds' terms): clauses in
    a row, however their words begin. A figure that opens a sentence ("1.5 years, which
    …") has no next."""
    a = _COUNTED.match(item)
    b = _COUNTED.match(lines[then]) if a and then is not None else None
    if not (a and b) or (a[2] is None) != (b[2] is None):
        return False
    if a[2] is None:
        return int(b[1]) == int(a[1]) + 1
    return a[1] == b[1] and int(b[2]) == int(a[2]) + 1


ITEM_END = re.compile(r";(?:\s+(?:and|or|and/or))?(?:\*\*|__|\*|_)?$", re.IGNORECASE)
"""A paragraph that ends as a list's item does ("…even if you are no longer registered
with the Site;", the Daily Mail's terms, whose bullets a copy of the page lost): no
paragraph of prose ends with a semicolon."""
_DASH_LABEL = re.compile(r"\s*(?:\*\*|__)?([A-Z][^\n.:;!?–—]{1,60}?)(?:\*\*|__)?\s[–—-]\s+[A-Z“\"]")
_BOLD_TERM = re.compile(r"\s*(\*\*|__)(?=[^\s*_])[^*_\n]{1,80}?(?<=[^\s*_])\1\s+\S")
_QUOTED_TERM = re.compile(r"\s*[“\"«„](?=\w)[^“”\"«»„.!?,;:\n]{1,60}(?<=\w)[”\"»“]\s+\S")
"""A term in quotes that its sentence defines ("“Abbonamento” indica l’importo …", ePRICE's
sellers' conditions): no sentence inside the quotes ("“We never sell it,” she said")."""
_RUN_IN = re.compile(r"\s*[A-Z][\w’'-]*(?:\s+(?:(?:of|and|or|the|to|for|in|on|by|with|a|an)\s+)?"
                     r"[A-Z][\w’'-]*){0,5}\.\s+[A-Z“\"(]")


def labelled_alike(item: str, then: int | None, lines: list[str]) -> bool:
    """Whether a paragraph and the next each open with a label of one kind (`_labels`):
    items, as labels in bold are. One paragraph opening so may be prose ("**Only** the
    partners …", "Nobody Else. We protect …"); two in a row are a list."""
    return then is not None and bool(_labels(item) & _labels(lines[then]))


def _labels(line: str) -> set[str]:
    """The kinds of label a paragraph opens with:
    - words and a dash before a sentence ("The right to access – You have the right to
      request copies …", Qiwi.gg's policy, as many generated policies write the rights),
      the words with no subject: "We share it – only when …" and "Our partners – we
      name them – may …" are prose;
    - a term in bold or in quotes that its sentence defines ("**Registration Information**
      is information you submit …", Fox News's policy; "“Abbonamento” indica …", ePRICE's);
    - a heading run into its text, its words capitalised as a title's ("Informal
      Negotiations. Parties to a dispute …", Palia's terms, whose bold the copy lost)."""
    kinds = set()
    dash = _DASH_LABEL.match(line)
    if dash and not SUBJECT.search(dash[1]):
        kinds.add("dash")
    if _BOLD_TERM.match(line):
        kinds.add("bold")
    if _QUOTED_TERM.match(line):
        kinds.add("quoted")
    if _RUN_IN.match(line):
        kinds.add("run-in")
    return kinds


_NUMBER = re.compile(r"\s*(?:\*\*|__)?\(?((?:\d{1,3}|[A-Z])"
                     r"(?:\.(?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,6})){0,5})(?=[.)]?(?:\*\*|__)?\s)")


def numbered_under(intro: str, item: str) -> bool:
    """Whether the paragraph after an introduction is numbered under the introduction's
    own number ("3.5 Alibaba.com reserves the right …:", then "3.5.1   in the event that
    …"): a sub-clause of the one that promised it, however it begins."""
    a, b = _NUMBER.match(intro), _NUMBER.match(item)
    return bool(a and b and b[1].startswith(f"{a[1]}."))


CASE = re.compile(r"\s*(?:\*\*|__|\*|_)?(?:if|where|when|for|in)\s", re.IGNORECASE)
"""Paragraphs that each open a case alike ("…whose law governs:", then "If you are a
citizen of any European Union country, …", "If you are a citizen of Japan, …", Apple's
terms): a list of cases to a reader."""


def opening(line: str) -> tuple[str, ...]:
    """A paragraph's first three words, for telling paragraphs that open alike."""
    return tuple(w.casefold() for w in re.findall(r"[^\W_]+", line)[:3])


FIRST = re.compile(r"\s*(?:\*\*|__|\*|_)?(?:First|Firstly|(?:ONE|One)[:.])(?!\w)")
SECOND = re.compile(r"\s*(?:\*\*|__|\*|_)?(?:Second|Secondly|(?:TWO|Two)[:.])(?!\w)")
"""Paragraphs counted in words ("…three assurances:", then "First, that …", "Second, that
…"): a list to a reader, as numbered paragraphs are. "First" alone, with no second, may
open prose."""
CLAUSE = re.compile(r"\b(?:we|you|they|he|she|it|i|this|that|these|those|there|is|are|"
                     r"was|were|be|been|will|would|may|might|can|could|must|shall|should|do|"
                     r"does|did|has|have|had)\b", re.IGNORECASE)
"""Words a sentence has and a noun phrase seldom does: "…disclaims the following:" and
then "Indirect, special, incidental, consequential, or exemplary damages, including …" is
the item the colon promised, written as a paragraph; "We protect the data …" is prose."""


_BRACKETED = r"\([^()\n]*\)"
_IN_BRACKETS = re.compile(_BRACKETED)
ASIDE = re.compile(rf"{_BRACKETED}|\"[^\"\n]*\"|“[^”\n]*”")
"""An aside in brackets or quotes: no part of the label around it. (Quoted words may
be a sentence's own: "“We never sell it,” one of them said" is no noun phrase.)"""
_MODIFIER = re.compile(r"\b(?:that|which|who|whom|whose|when|where|if|unless|including|"
                       r"such as)\b", re.IGNORECASE)
_HEAD = re.compile(r"[^\W\d_]")


def noun_phrase(paragraph: str) -> bool:
    """Whether a paragraph is a noun phrase and what qualifies it: words before any
    clause word, the clause words only in an aside or after a word that opens a modifier
    ("Imagery or audio of a person's violent death when the person's death is confirmed
    by …", "High-risk drugs (drugs that have a high potential for misuse …).", Meta's
    community standards under "We do not allow:"). Such a paragraph may be an item; "We
    protect the data that …" and "When you leave, we …" are none."""
    bare = _IN_BRACKETS.sub(" ", paragraph)
    cut = _MODIFIER.search(bare)
    head = bare[:cut.start()] if cut else bare
    return bool(_HEAD.search(head)) and not CLAUSE.search(head)


SUBJECT = re.compile(r"\b(?:we|you|they|he|she|it|i)\b", re.IGNORECASE)
"""The subjects a clause has: a condition has one at most (a second is a main clause's,
written without its comma, "When you leave we delete:"), and a label has none."""


_INTERRUPTS = re.compile(r" {0,3}(?:[*+-]|1[.)])[ \t]+\S")
"""A list item that may interrupt a paragraph, as CommonMark reads one: a bullet, or a
numbered list that starts at 1."""
_RULE = re.compile(r" {0,3}(?:[*_-][ \t]*){3,}$")
_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_NOT_PROSE = re.compile(r" {0,3}(?:[*+-][ \t]|\d{1,9}[.)][ \t]|#|>|\||<|```|~~~)| {4}|\t")
"""A line that opens no paragraph of prose: a list item, a heading, a quote, a table
row, raw HTML, a fence, or code."""


def glued_items(lines: Sequence[str], live: Sequence[bool]) -> list[int]:
    """The lines that open a list typed right under a line of prose, no blank line
    between ("Skip to:" over "- [Collection](#collection)", npm's privacy policy; a
    paragraph typed right under its heading too, as GitHub's terms of service had "We have
    a few simple rules …" under "#### 2. Account Requirements", its rules under it).
    CommonMark lets such a list interrupt the paragraph; Python-Markdown, which publishes
    every page, reads its items as the paragraph's own lines, and readers see them run
    into it, marks and all. Only under a paragraph of prose at the margin; a line of
    dashes (a heading's underline, a rule) and what an item goes on with are none.
    `live` says, per line, whether Markdown reads it as text (not code, not a comment)."""
    out = []
    prose = False  # the line before is in a paragraph of prose at the margin
    for i, (line, ok) in enumerate(zip(lines, live, strict=True)):
        if not ok or not line.strip():
            prose = False
        elif prose and _INTERRUPTS.match(line) and not _RULE.match(line):
            out.append(i)
            prose = False
        elif i == 0 or not (live[i - 1] and lines[i - 1].strip()) or _ATX.match(lines[i - 1]):
            prose = not _NOT_PROSE.match(line)  # a block's first line (a heading is one line)
    return out


def further_item(line: int | None, lines: list[str], run: list[int], clause: list[bool]
               ) -> bool:
    """Whether the paragraph at `line` reads as a further item: a noun phrase, a list, or
    a label over one (it ends in ':'). A noun phrase alone, prose after it, may be the
    subject of a sentence ("Content that we remove is kept …")."""
    if line is None:
        return False
    return (not clause[line] or noun_phrase(paragraph(lines, line, run))
            or bool(LIST_LINE.match(lines[line]))
            or lines[line + run[line] - 1].rstrip(" *_").endswith(":"))


def paragraph(lines: list[str], first: int, run: list[int]) -> str:
    """The paragraph that opens at line `first`, its lines joined."""
    return " ".join(lines[first:first + run[first]])


_THOSE = re.compile(r"\bthe\s+following\s+([a-z]{3,})s\b", re.IGNORECASE)
_ONE = re.compile(r"\b(?:an?|one|each)\s+([a-z]{3,})\b", re.IGNORECASE)


def one_of_those(intro: str, item: str) -> bool:
    """Whether an introduction promising things of a kind ("Apple shall be entitled to the
    following commissions in consideration for its services …:") is followed by a
    paragraph stating one of them ("…, Apple shall be entitled to a commission equal to
    thirty percent …", Apple's developer agreement, its third schedule): the item it
    promised, written as a sentence. The plural in the paragraph ("Our partners are …")
    is prose about them, no item."""
    promised = _THOSE.search(intro)
    if promised is None or ":" in intro[promised.end():].rstrip(" *_")[:-1]:
        return False  # the promise is the introduction's last clause, its colon the end
    kind = promised[1].casefold()
    return any(m[1].casefold() == kind for m in _ONE.finditer(item))


_READERS_MEANS = re.compile(r"\b(?:ways?|options?|choices?|tools?|methods?|means|mechanisms?|"
                            r"controls?)\s+(?:(?:that\s+)?you\b|to\s+[a-z]|for\s+you\b)"
                            r"[^:\n]{0,200}[*_]*:[*_]*\s*$", re.IGNORECASE)


def means_in_paragraphs(intro: str, then: int | None, lines: list[str]) -> bool:
    """Whether an introduction that promises the reader ways or options ("There are a few
    ways you can choose how cookies are used on Pinterest:", Pinterest's cookie policy;
    "…meaningful privacy options to control or limit how we … use cookies and
    cookie-related data:", X's) is followed by a second paragraph of prose (`then`): each
    way set out in a paragraph of its own, which is how both policies write them. Ways of
    the organisation's ("We use your data in the following ways:"), or one paragraph
    alone, are not this: a list that a copy lost would leave prose after them too."""
    return (then is not None and bool(_READERS_MEANS.search(intro))
            and not LIST_LINE.match(lines[then]) and not lines[then].lstrip().startswith("#"))


_PROMISED = re.compile(r"\bthe\s+following\s+([a-z]{3,})\b[^:\n]{0,80}[*_]*:[*_]*\s*$",
                       re.IGNORECASE)
_TITLE_WORDS = 6


def titled_after(intro: str, then: int | None, lines: list[str], run: list[int]) -> bool:
    """Whether the paragraph at `then`, after an aside, is a title of a few words alone on
    its line that names what `intro` promised ("…fall into one of the following
    categories:", then "Category of cookies", the first cell of the table the aside set
    apart, Snapchat's cookie policy): the list starts there, its words' endings aside."""
    promised = _PROMISED.search(intro)
    if promised is None or then is None or run[then] != 1:
        return False
    title = lines[then].strip()
    return (len(title.split()) <= _TITLE_WORDS and not title.endswith((".", ":"))
            and stems(promised[1]) in stems(title).split())
