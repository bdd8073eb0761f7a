"""A name written another way and nothing else: in full or shortened ("Woo" →
"WooCommerce"), as the template variable another engine fills in with it ("Visual
Studio Code" → "{% data variables.product.prodname_vscode %}"), or, for the
organisation's own names, written out or renamed ("Marketplace" → "GitHub
Marketplace"). One name, one thing: `materiality.classify` asks only once the rules
found no third party arriving or leaving, and `facts` asks `same_name` before it
calls a name on one side only a party added or removed ("Mixpanle" → "Mixpanel").

What kind of thing a name is (an organisation, a product, a place) is `names`'
concern; this one compares two spellings of one.
"""

from __future__ import annotations

import functools
import re

from lexdocs.review.align import opcodes
from lexdocs.review.names import LEGAL_SUFFIXES, is_own, makes_party, squash
from lexdocs.review.spelling import is_known, osa

__all__ = ["own_written_out", "renamed", "same_name", "same_name_index", "tags_only",
           "templated", "without_logic_tags"]


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


# A tag that shows or hides text when another engine builds the page (GitHub Docs'
# "{% ifversion ghae %}", Liquid's "{% if currentVersion == … %}", "{% endif %}"): lexdocs
# publishes it as typed and runs none, and it says nothing of what the text promises.
_LOGIC_TAG = re.compile(r"\{%-?\s*(?:if|ifversion|elsif|elsifversion|else|endif|unless|"
                        r"endunless)\b[^%{}]{0,200}-?%\}")


def without_logic_tags(text: str) -> str:
    """`text` with every logic tag blanked, for the rules that read what a text says: "{%
    if currentVersion == … %}" is no condition of the terms."""
    return _LOGIC_TAG.sub(" ", text) if "{%" in text else text


def _value_key(m: re.Match[str]) -> str:
    """What a value tag prints, however its engine's syntax names it: "{{
    site.data.reusables.user_settings.x }}" and "{% data reusables.user-settings.x %}"
    are the same reusable text (GitHub Docs renamed both ways)."""
    return (m.group(1) or m.group(2)).casefold().removeprefix("site.data.").replace("-", "_")


def tags_only(old: str, new: str) -> tuple[str, ...]:
    """The tags (old, "→", new) when nothing else differs: logic tags rewritten, put in
    or taken out ("{% if currentVersion == "github-ae@next" %}" → "{% ifversion
    ghae-next %}", as GitHub's additional product terms rewrote theirs, was "a condition
    was removed ('if currentversion')"), and value tags written in another syntax for
    the same value ("{{ site.data.variables.contact.x }}" → "{% data variables.contact.x
    %}" was "the wording changed"). A value tag for another value may print other words."""
    if "{" not in old + new:
        return ()
    a, b = without_logic_tags(old), without_logic_tags(new)
    keys_a, keys_b = ([_value_key(m) for m in _TEMPLATE.finditer(t)] for t in (a, b))
    if old == new or keys_a != keys_b or _TEMPLATE.sub(" ", a).split() != _TEMPLATE.sub(
            " ", b).split():
        return ()
    tags_a = [m.group() for m in (*_LOGIC_TAG.finditer(old), *_TEMPLATE.finditer(a))]
    tags_b = [m.group() for m in (*_LOGIC_TAG.finditer(new), *_TEMPLATE.finditer(b))]
    return (*[x for x in tags_a if x not in tags_b], "→", *[y for y in tags_b if y not in tags_a])


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


_CAPITALISED = re.compile(r"\b[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*)*")


@functools.lru_cache(maxsize=8)
def same_name_index(text: str) -> frozenset[tuple[str, ...]]:
    """Every capitalised run of `text` and each run within it, as squashed words ("Contact
    Woo Tax" → ("woo", "tax"), ("woo",), …), sentence starts included: what `same_name`
    compares a name with."""
    out: set[tuple[str, ...]] = set()
    for m in _CAPITALISED.finditer(text):
        run = [squash(w) for w in m.group().split(" ")]
        out.update(tuple(run[i:j]) for i in range(len(run))
                   for j in range(i + 1, min(len(run), i + 4) + 1))
    return frozenset(out)


def _alike(a: str, b: str) -> bool:
    """One word written in full or shortened ("Woo", "WooCommerce"), or misspelt: one edit
    in words of six letters or more ("Mixpanle"), two in words of nine or more. Two edits
    in six letters make another name: "GitHub" and "GitLab" are two companies, and GitLab
    added beside GitHub was no party at all."""
    if a == b:
        return True
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    shortest = min(len(a), len(b))
    return shortest >= 6 and abs(len(a) - len(b)) <= 2 and osa(a, b) <= (
        2 if shortest >= 9 else 1)


def same_name(name: str, others: frozenset[tuple[str, ...]]) -> bool:
    """Whether `name` is written on the other side too, word for word, each word in full
    or shortened ("Woo Tax" → "WooCommerce Tax") or misspelt ("Mixpanle" → "Mixpanel"),
    its legal form written or not ("Stripe" → "Stripe, Inc.")."""
    ws = [squash(w) for w in name.split(" ") if squash(w)]
    while len(ws) > 1 and ws[-1] in LEGAL_SUFFIXES:
        ws.pop()  # "Stripe, Inc." is "Stripe" written with its legal form
    return bool(ws) and any(len(o) == len(ws) and all(_alike(a, b) for a, b in zip(
        ws, o, strict=True)) for o in others)


# A parenthesis that only defines what the text will call a name: "GitHub Inc. (“GitHub”,
# “we”)", "Acme Ltd. ("Acme", "us", "our")".
_DEFINED = re.compile(r"\(\s*(?:[“\"][^”\"()]{1,40}[”\"]\s*,?\s*(?:and|or)?\s*)+\)")
_RUN = re.compile(r"[A-Z][\w.'’&-]*(?: (?:& |for |of |and )?[A-Z][\w.'’&-]*)*")


def own_written_out(old: str, new: str, own: frozenset[str]) -> tuple[str, ...]:
    """The organisation's own names, and nothing else, written out, shortened or renamed:
    its name put before a product's ("Marketplace" → "GitHub Marketplace"), its legal
    form and the names the text will use defined ("GitHub" → "GitHub Inc. (“GitHub”,
    “we”)"), or one of its own products renamed ("WooCommerce Services" → "WooCommerce
    Shipping & Tax"). Who handles data and what they do stay as they were (evidence:
    the names as written, old → new). A name the organisation does not own changed, or
    another entity named beside its own ("GitHub Inc. or GitHub B.V."), is no such edit."""
    if not own:
        return ()
    # A product the text shows to be the organisation's ("GitHub Copilot") is its own
    # wherever it stands ("Copilot for Business").
    own = own | {squash(m.group(1)) for m in re.finditer(
        rf"\b(?i:{'|'.join(map(re.escape, sorted(own)))})\s+([A-Z][\w-]+)", f"{old} {new}")}
    a, b = old.split(), new.split()
    lower = _own_words_only(a, b, own)
    if lower:
        return lower
    gone: list[str] = []
    came: list[str] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            continue
        sides = []
        for words, lo, hi, into in ((a, i1, i2, gone), (b, j1, j2, came)):
            run = _own_run(words, lo, hi, own, kept=tag == "replace")
            if run is None:
                return ()
            sides.append(run)
            if run:
                into.append(run)
        if not any(sides):
            return ()
    return (*gone, "→", *came) if gone or came else ()


def _own_words_only(a: list[str], b: list[str], own: frozenset[str]) -> tuple[str, ...]:
    """The organisation's own names, written another way word for word and nothing else,
    in whatever case it writes them: npm writes itself in lower case, and "npmjs.org" →
    "npm" (its site's name for itself) was "the wording changed". Every changed word on
    both sides must be one of its own names, its site's address or their possessive, and
    one of them written in lower case: a name in capitals is `_own_run`'s to read."""
    gone: list[str] = []
    came: list[str] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            continue
        if tag != "replace":
            return ()
        for words, into in ((a[i1:i2], gone), (b[j1:j2], came)):
            for w in words:
                bare = _POSSESSIVE_END.sub("", w.strip(".,;:!?()\"'“”‘’"))
                if not bare or not is_own(bare, own) or makes_party(bare):
                    return ()
                into.append(w.strip(".,;:!?()\"“”"))
    if not any(w[:1].islower() for w in (*gone, *came)):
        return ()
    return (*gone, "→", *came) if gone and came else ()


_POSSESSIVE_END = re.compile(r"['’]s$")


def _own_run(words: list[str], lo: int, hi: int, own: frozenset[str], *, kept: bool
             ) -> str | None:
    """The own name that words[lo:hi] (changed) belong to, as written: "" when nothing
    changed on this side, None when they are more than an own name's parts. Words that
    replace others must follow an own name the edit `kept`: "Acme Insights" →
    "Evilcorp Insights" puts another of the names the organisation calls its own in
    place of the first, which is another tool, not a rename."""
    if lo == hi:
        return ""
    text = " ".join(words)
    start = len(" ".join(words[:lo])) + (1 if lo else 0)
    end = start + len(" ".join(words[lo:hi]))
    bare = _DEFINED.sub(" ", text[start:end])
    parts = [w for w in bare.split() if squash(w) not in LEGAL_SUFFIXES]
    if not parts:
        return text[start:end].strip()
    if any(makes_party(w) for w in parts):
        return None  # "GitHub" → "GitHub Partners": who gets data, not a product's name
    for m in _RUN.finditer(text):
        # the changed words lie inside one capitalised run, from an own name that the
        # edit kept (or that they are) to its end: "Use of [GitHub Copilot for Business]"
        s, e = m.span()
        inner = _DEFINED.sub(" ", text[max(s, start):min(e, end)]).split()
        if not (s <= start < e and len(inner) == len(parts)):
            continue
        for k in [s, *(s + i + 1 for i, c in enumerate(m.group()) if c == " ")]:
            if (k < start or (k == start and not kept)) and text[k:k + 1].isupper() and (
                    is_own(text[k:e], own)):
                return text[k:e]
    return None
