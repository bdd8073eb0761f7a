"""The characters no lexdocs source may hold, in a policy being adopted, written as what
they were meant to be.

The build refuses a control character (`sources.yamlsrc.CONTROL`): it is invisible in an
editor, and a NUL or an ESC breaks feeds, PDFs and terminals. Pages saved from the web
hold them by accident. Most are C1 controls, U+0080 to U+009F: Windows-1252 text read as
Latin-1, where U+0092 was a right quotation mark and U+0080 a euro sign, so each becomes
the Windows-1252 character it was. A line or paragraph separator (U+2028, U+2029) becomes
a space, as it joins words; any other (a NUL, U+001E, U+0002) stood for nothing and goes.
Every version of the file is read alike, so a version that only lost them is no change.

So are the characters of Unicode's private-use areas: an icon font draws them on the old
site (Bitwarden's privacy policy, as archived, put U+E904, a link's icon, before each
heading), and on this site, which loads no such font, each is an empty box. They go.
"""

from __future__ import annotations

import re

from lexdocs.sources.yamlsrc import CONTROL


def written_as_meant(text: str) -> tuple[str, int]:
    """`text` with each control character as it was meant (see above), and how many."""
    count = 0

    def meant(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        char = m.group()
        if "\x80" <= char <= "\x9f":
            try:
                return bytes([ord(char)]).decode("cp1252")
            except UnicodeDecodeError:  # the five Windows-1252 leaves undefined
                return ""
        return " " if char in "\u2028\u2029" else ""

    if CONTROL.search(text) is None and _PRIVATE.search(text) is None:
        return text, 0
    text = CONTROL.sub(meant, text.replace("\r\n", "\n").replace("\r", "\n"))
    return _PRIVATE.sub(meant, text), count


_PRIVATE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
