"""A name written another way and nothing else: in full or shortened ("Woo" →
"WooCommerce"), or as the template variable another engine fills in with it ("Visual
Studio Code" → "{% data variables.product.prodname_vscode %}"). One name, one thing:
`materiality.classify` asks only once the rules found no third party arriving or
leaving.
"""

from __future__ import annotations

import re

from lexdocs.review.align import opcodes
from lexdocs.review.names import makes_party
from lexdocs.review.vocabulary import is_known

__all__ = ["renamed", "templated"]


_NAME_TOKEN = re.compile(r"[\w'’&-]+(?:\.[\w'’&-]+)*|[^\w\s]")


def renamed(old: str, new: str) -> tuple[str, ...]:
    """Names written in full or shortened and nothing else ("Woo" → "WooCommerce"), or a
    name's trailing words dropped or added ("SalesForce Marketing Cloud" → "SalesForce":
    the company named for its product): one name, one thing, once the rules found no
    third party arriving or leaving."""
    a, b = _NAME_TOKEN.findall(old), _NAME_TOKEN.findall(new)
    pairs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            continue
        if tag in ("delete", "insert"):
            side, lo, hi = (a, i1, i2) if tag == "delete" else (b, j1, j2)
            lead = side[lo - 1] if lo else ""
            if not (_capitalised(lead) and all(
                    _capitalised(w) and not makes_party(w) for w in side[lo:hi])):
                return ()  # "Acme" → "Acme Beta Corp", "Google Partners": another party
            whole = " ".join(side[lo - 1:hi])
            pairs.append((whole, lead) if tag == "delete" else (lead, whole))
            continue
        if tag != "replace" or i2 - i1 != j2 - j1:
            return ()
        for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
            if not (_capitalised(x) and _capitalised(y) and (y.startswith(x) or x.startswith(y))):
                return ()
            pairs.append((x, y))
    gone = list(dict.fromkeys(x for x, _ in pairs))
    came = list(dict.fromkeys(y for _, y in pairs))
    return (*gone, "→", *came) if pairs else ()


def _capitalised(word: str) -> bool:
    """A word written as a name's: capitalised, and not an English word in capitals as a
    heading writes every word ("WHAT INFORMATION DO YOU NEED TO PROVIDE TO WECHAT?",
    WeChat's, was "a name was written in full or shortened (PROVIDE → PROVIDE TO)")."""
    return word[:1].isupper() and word.isalnum() and not (
        len(word) > 1 and word.isupper() and is_known(word))


# A value another engine fills in when it builds the page: GitHub Docs' "{% data
# variables.product.prodname_vscode %}", Liquid's or Jinja's "{{ site.company_name }}".
_TEMPLATE = re.compile(r"\{%-?\s*data\s+([\w.-]+)\s*-?%\}|\{\{-?\s*\.?([\w.-]+)\s*-?\}\}")
_TEMPLATE_NOISE = frozenset(["prodname", "shortname", "name", "short", "long", "full"])


def templated(old: str, new: str) -> tuple[str, ...]:
    """Names written as a template's variable instead, or back, and nothing else
    ("Visual Studio Code" → "{% data variables.product.prodname_vscode %}"): the
    published page reads the same if the variable's own name spells the words it stands
    for, each word by its initial or in full ("vscode": V, S, code). A variable whose name
    says nothing of them, or words that are not a name, stay for the rules that read
    wording: their value is not known here."""
    if "{" not in old + new:
        return ()
    keys: list[str] = []

    def token(m: re.Match[str]) -> str:
        keys.append(m.group(1) or m.group(2))
        return f" \ue001{len(keys) - 1} "

    a, b = _TEMPLATE.sub(token, old).split(), _TEMPLATE.sub(token, new).split()
    pairs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            continue
        if tag != "replace":
            return ()
        x, y = a[i1:i2], b[j1:j2]
        back = len(x) == 1 and x[0].startswith("\ue001")
        if back:
            x, y = y, x  # the variable written back as words
        if len(y) != 1 or not y[0].startswith("\ue001") or not 1 <= len(x) <= 6:
            return ()
        words = [w.strip(".,;:()") for w in x]
        key = keys[int(y[0][1:])]
        if not all(w[:1].isupper() for w in words) or not _spells(key, words):
            return ()
        text = " ".join(words)
        pairs.append((key, text) if back else (text, key))
    return (*dict.fromkeys(p for p, _ in pairs), "→",
            *dict.fromkeys(q for _, q in pairs)) if pairs else ()


def _spells(key: str, words: list[str]) -> bool:
    """Whether a variable's name ("variables.product.prodname_vscode_shortname") spells
    `words`, each by its initial or in full, once the words that only say it is a name
    ("prodname", "shortname") are dropped."""
    parts = [p for p in re.split(r"[._-]", key.rsplit(".", 1)[-1].casefold())
             if p and p not in _TEMPLATE_NOISE]
    want = "".join(parts)
    ws = ["".join(ch for ch in w.casefold() if ch.isalnum()) for w in words]

    def fits(rest: str, i: int) -> bool:
        if i == len(ws):
            return not rest
        w = ws[i]
        return bool(w) and ((rest.startswith(w) and fits(rest[len(w):], i + 1))
                            or (rest.startswith(w[0]) and fits(rest[1:], i + 1)))

    return bool(want) and fits(want, 0)
