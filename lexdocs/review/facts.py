"""What a change says that is material however small: the findings of materiality.py rule 3.

Each finding is a stable rule id ("duration-changed", "recipient-added", …) and its
evidence, the words or values as written: a removed value, then "→", then the
added one when both sides have some. The lists of words live in vocabulary.py; how a
text is cut into words and pieces in lexicon.py; who a text names as receiving data in
parties.py; what only points elsewhere in pointers.py; which words of which sentences an
edit touched in touch.py; the facts written in a fixed form (dates, durations, figures,
addresses) in typed.py; the clause a condition or a purpose opens, as quoted, in
clauses.py. This module holds the categories, purposes, rights and conditions, and
`findings`, which asks all of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from lexdocs.review import align, clauses, links, touch, typed
from lexdocs.review import vocabulary as voc
from lexdocs.review.capitals import LEGAL_COMMA, LEGAL_FORM
from lexdocs.review.lexicon import (
    BLOCKS,
    DATA_LABEL,
    DATA_RE,
    GROUND_LABEL,
    GROUND_RE,
    ITEM_SPLIT,
    LABEL,
    PURPOSE_LABEL,
    PURPOSE_RE,
    SENTENCES,
    Finding,
    key,
    lexical,
    own_listed,
    pieces,
    words,
)
from lexdocs.review.names import own_names, undescribed
from lexdocs.review.parties import led_by, own_entities, recipients, unnamed
from lexdocs.review.pointers import about_reading, cited_titles_masked
from lexdocs.review.products import products
from lexdocs.review.renames import same_name, same_name_index
from lexdocs.review.spelling import mostly_english, unslipped
from lexdocs.review.withwhom import disclosing

_RIGHTS_RE = re.compile("|".join(rf"(?P<r{i}>\b(?:{p})\b)" for i, (_, p) in enumerate(voc.RIGHTS)))


def own_changed(old: str, new: str, home: str) -> tuple[str, ...]:
    """The organisation's own offerings that an edit swapped, added or dropped, when that
    is all it did (evidence: those gone, "→", those come), else (): a name in a list of
    its own products or websites ("our websites (including polldaddy.com, …)" →
    "crowdsignal.com"), or one of two of its own channels offered as alternatives
    dropped ("contact GitHub Support or GitHub Premium Support" → "contact GitHub
    Support"). What the policy covers, or where to write, still says the same of anyone's
    data. An own name *added* outside such a list may be a new entity handling data
    ("GitHub Inc. or GitHub B.V."): that is judged as any wording."""
    a, b = pieces(old, ITEM_SPLIT), pieces(new, ITEM_SPLIT)
    gone, came = [a[k] for k in a if k not in b], [b[k] for k in b if k not in a]
    if (gone or came) and all(not p.endswith("…") and _named(p) for p in gone + came) and all(
            own_listed(old, [p]) for p in gone) and all(own_listed(new, [p]) for p in came):
        return (*gone, "→", *came)
    own = "|".join(re.escape(n) for n in sorted(own_names(home)) if n.isalnum())
    if not own:
        return ()
    name = rf"(?i:{own})[\w-]*(?:\s+[A-Z][\w-]*){{0,4}}"
    alternatives = re.compile(rf"\b({name})\s+or\s+({name})\b")
    flat = " ".join(new.split())
    matches = list(alternatives.finditer(old))
    for keep, drop in ((1, 2), (2, 1)):
        if matches and " ".join(alternatives.sub(rf"\g<{keep}>", old).split()) == flat:
            return (*dict.fromkeys(m.group(drop) for m in matches), "→")
    return ()


def _named(piece: str) -> bool:
    """A short name or address ("Simple Payments", "the Pay with PayPal block",
    "crowdsignal.com"), not a clause: at most six words, one written with a capital or
    a dot inside."""
    ws = piece.split()
    return len(ws) <= 6 and any(w[:1].isupper() or re.search(r"\w\.\w", w) for w in ws)


# Words that look like a negation and negate no promise: "without" before a name ("a
# device without Apple Intelligence"), and "not", "no" or "non" that begin a word of
# their own ("a not-for-profit company", Exercism's privacy policy), whose change is the
# wording's.
_NOT_NEGATION = re.compile(r"\bwithout(?=\s+[A-Z])|\b(?i:no[nt]?)-(?=[^\W\d_])")


_STOCK = re.compile(r"\b(?:but )?not limited to\b|\bwithout limitation\b", re.I)


def _absent(a: Counter[str], b: Counter[str]) -> tuple[Counter[str], Counter[str]]:
    """Each side's terms that the other side does not name at all."""
    if not a or not b:
        return a, b
    return (Counter({k: v for k, v in a.items() if k not in b}),
            Counter({k: v for k, v in b.items() if k not in a}))


def _moved(text: str, fact: str, document: frozenset[str]) -> bool:
    """Whether each paragraph of `text` that gives `fact` has only words `document` has: a
    paragraph taken to another section, not one that said something new."""
    return bool(document) and all(all(w in document for w in words(p))
                                  for p in text.split("\n\n") if fact in p)


def _shortened(a: Counter[str], b: Counter[str]) -> tuple[Counter[str], Counter[str]]:
    """The categories that only one side names in full and the other shortened ("name and
    email address" → "name, and email", Meta's terms as archived): one category, whose
    "a category of personal data changed (email address → email)" said what is not so.
    The words' change is still the wording's."""
    gone = {g for g in a for c in b if g != c and g.split()[0] == c.split()[0]
            and (g.startswith(c + " ") or c.startswith(g + " "))}
    came = {c for c in b for g in gone if g.startswith(c + " ") or c.startswith(g + " ")}
    if not gone:
        return a, b
    return (Counter({k: v for k, v in a.items() if k not in gone}),
            Counter({k: v for k, v in b.items() if k not in came}))


_WHOLE = (("block", BLOCKS), ("sentence", SENTENCES), ("list-item", ITEM_SPLIT))


_LEGAL_COMMA_KEPT = "\ue002"
"""Stands for the comma of a legal name ("Stripe, Inc."), which splits no list item, until
the pieces are quoted: a quote shows the words as the text has them."""


def _whole_pieces(old: str, new: str) -> list[Finding]:
    """Whole paragraphs, sentences or list items added or removed, when nothing else
    changed: the most specific thing to say of an edit no other rule explains."""
    kept = _LEGAL_COMMA_KEPT
    found = _pieces_changed(LEGAL_COMMA.sub(kept, old), LEGAL_COMMA.sub(kept, new))
    return [(rule, tuple(p.replace(kept, ",") for p in quoted)) for rule, quoted in found]


def _pieces_changed(old: str, new: str) -> list[Finding]:
    for kind, split in _WHOLE:
        a, b = pieces(old, split), pieces(new, split)
        came, gone = [b[k] for k in b if k not in a], [a[k] for k in a if k not in b]
        if came and not gone and set(a) <= set(b):
            return [(f"{kind}-added", tuple(came))]
        if gone and not came and set(b) <= set(a):
            return [(f"{kind}-removed", tuple(gone))]
    return _unmatched_blocks(old, new)


def _unmatched_blocks(old: str, new: str) -> list[Finding]:
    """Paragraphs or list items removed (or added) beside others reworded: once each
    reworded block is paired with the one it shares most words with, the blocks left
    alone on one side only ("Searches: Firefox sends …" gone from a list whose other
    items were reworded) were removed (or added) whole, and say so."""
    a, b = pieces(old, BLOCKS), pieces(new, BLOCKS)
    gone, came = [k for k in a if k not in b], [k for k in b if k not in a]
    if not (gone and came) or len(gone) == len(came) or len(gone) + len(came) > 12:
        return []  # as many on each side: any left without a partner are on both sides

    # Each reworded block is paired with the one it shares most words with (in order);
    # the blocks left without a partner were removed or added whole. Past the work of
    # aligning every block's words once (each pair may cost the square of its length),
    # the blocks are rewritten beyond pairing too.
    work = align.Work(align.budget(sum(len(x.split()) for x in gone + came)))
    weighed = []
    for x in gone:
        for y in came:
            ops = align.within(x.split(), y.split(), work)
            if ops is None:
                return []
            weighed.append((sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal"), x, y))
    shared = sorted(weighed, reverse=True)
    paired: set[str] = set()
    for n, x, y in shared:
        if n >= 3 and x not in paired and y not in paired:
            paired.update((x, y))
    lone_gone = [a[k] for k in gone if k not in paired]
    lone_came = [b[k] for k in came if k not in paired]
    if lone_gone and lone_came:
        return []  # blocks rewritten beyond pairing: wording, not a block removed or added
    if lone_gone:
        return [("block-removed", tuple(lone_gone))]
    return [("block-added", tuple(lone_came))] if lone_came else []


DEFINED = "\ue001"
"""Marks, in a document's words (`materiality.document_words`), a term the document defines:
"the Apps" in a part far from "(collectively, the "Apps")" (Truth Social's terms) is that
term, no third party, as it is beside its definition (`terms.defined_terms`)."""


def findings(old: str, new: str, known: tuple[frozenset[str], frozenset[str]],
             home: str = "", headings: frozenset[str] = frozenset()) -> list[Finding]:
    """What the always-material rules see changed, most telling first.

    `known` holds the words of the whole old and new documents: a name that the
    document already used elsewhere (the company's own, a provider named in
    another section) is not a third party arriving or leaving, nor is a kind of
    recipient it already names. `home` holds the organisation's declared addresses
    (`names.own_names`): its own names are never a third party. `headings`: the blocks
    the source marks as headings (`parties.recipients`).
    """
    out: list[Finding] = []

    def diff(kind: str, a: Counter[str], b: Counter[str],
             show: Callable[[str], str] = str) -> None:
        # each fact once: Bitwarden's minimum age, "16" four times over, became "13" four
        # times, and was quoted "(16, 16, 16, 16 → 13, 13, 13, 13)"
        gone, came = sorted(a - b), sorted(b - a)
        if gone and came:
            out.append((f"{kind}-changed", (*map(show, gone), "→", *map(show, came))))
        elif came:
            out.append((f"{kind}-added", tuple(map(show, came))))
        elif gone:
            out.append((f"{kind}-removed", tuple(map(show, gone))))

    ow, nw = words(old), words(new)
    # "including but not limited to" widens a list; it negates no promise, and neither
    # does "a device without Apple Intelligence". A negation counts where the edit put it
    # into (or took it from) a sentence that stays: in a sentence wholly added or
    # removed, it is that sentence's, which is named as such.
    neg_old, neg_new = (_NOT_NEGATION.sub(" ", _STOCK.sub(" ", about_reading(t)))
                        for t in (old, new))
    na, nb = (Counter(w for w in words(t) if _neg(w)) for t in (neg_old, neg_new))
    if na != nb and Counter(w for w in words(voc.expand_contractions(neg_old)) if _neg(w)) == (
            Counter(w for w in words(voc.expand_contractions(neg_new)) if _neg(w))):
        na = nb  # "do not" → "don't", "cannot" → "can't": the same negation, contracted
    if na != nb:  # where the edit put them is worth a word diff only when they differ
        (ta, ea), (tb, eb) = touch.edits(neg_old, neg_new, share=1000, paired=True)
        diff("negation", touch.at(ta, ea, na - nb), touch.at(tb, eb, nb - na))
    (to, rest_old), (tn, rest_new) = typed.typed(old, set(ow)), typed.typed(new, set(nw))
    typed.unit_supplied(to, tn)
    inside: list[tuple[Counter[str], Counter[str]]] = []

    def edited() -> tuple[Counter[str], Counter[str]]:
        """Each side's words the edit touched in sentences that stay (`touch.edits`), read
        once and only if a rule asks."""
        if not inside:
            (ta, ea), (tb, eb) = touch.edits(old, new, share=1000)
            inside.append((Counter(ta[i] for i in ea), Counter(tb[i] for i in eb)))
        return inside[0]

    for kind in ("date", "duration", "number", "email-address", "phone-number",
                 "company-number", "web-address", "postal-address"):
        shown = {key(f, kind): f for f in [*to[kind], *tn[kind]]}
        a, b = (Counter(key(f, kind) for f in t[kind].elements()) for t in (to, tn))
        if kind in ("date", "number") and a != b:
            # A date or a figure inside a sentence wholly added or removed is that
            # sentence's ("Since GDPR went into effect in 2018, …" dropped with its
            # paragraph), as a negation is: the sentence is named as such.
            seen = edited()
            a, b = (Counter({k: n for k, n in (x - y).items() if touch.touched(shown[k], here)})
                    + (x & y) for x, y, here in ((a, b, seen[0]), (b, a, seen[1])))
        if kind == "email-address" and a != b:
            # An address in a paragraph wholly added or removed whose every word the other
            # version of the document still has is that paragraph's, which moved: the
            # controller's, "… GitHub, Inc., …, privacy@github.com", moved to another
            # section removed a paragraph, which is named, and no way to write to the
            # company. One given with a new postal address is an address added.
            alone = touch.lone_words(old, new)
            a, b = (Counter({k: n for k, n in (x - y).items() if not (
                all(here[w] for w in words(shown[k])) and _moved(text, shown[k], doc))})
                    + (x & y) for x, y, here, doc, text in ((a, b, alone[0], known[1], old),
                                                            (b, a, alone[1], known[0], new)))
        if kind == "postal-address" and a != b:
            # An address the other version of the document still gives, every word and
            # number of it, has not come or gone: the controller's address moved to
            # another section is no address removed.
            a, b = (Counter({k: n for k, n in (x - y).items()
                             if not (doc and all(w in doc for w in words(shown[k])))})
                    + (x & y) for x, y, doc in ((a, b, known[1]), (b, a, known[0])))
        if kind == "web-address" and home and a != b:
            # An address of this site written out ("Opt-out on www.mozilla.org") sends
            # the reader nowhere else, as a link within this site does not.
            a, b = (Counter({k: n for k, n in c.items()
                             if links.place(shown[k], home).site is not None}) for c in (a, b))
        diff(kind, a, b, shown.__getitem__)
    rest_old, rest_new = (cited_titles_masked(undescribed(t)) for t in (rest_old, rest_new))
    # a slip of the keys read as meant: "IIf you reside in California" keeps its condition
    lo, ln = lexical(unslipped(rest_old)), lexical(unslipped(rest_new))
    own = own_names(home)
    made = products(f"{rest_old}\n\n{rest_new}", own)
    if mostly_english(rest_old) and mostly_english(rest_new):
        # both: a page the archive saved once in French and once in English has the
        # names of neither in the other
        (no, ko, xo), (nn, kn, xn) = (recipients(rest_old, lo, own, made, headings),
                                      recipients(rest_new, ln, own, made, headings))
    else:  # German writes every noun with a capital: no word's case says it is a name
        (no, ko, xo), (nn, kn, xn) = ({}, {}, []), ({}, {}, [])
    # A word inside a name is the name's: "Google Analytics" is no purpose "analytics".
    # Both sides: "We Use Cookies" → "We use cookies".
    named = [*no.values(), *nn.values(), *xo, *xn]
    lo, ln = unnamed(lo, named), unnamed(ln, named)
    ows, nws = set(ow), set(nw)

    def used(name: str, here: set[str], document: frozenset[str]) -> bool:
        """The document already names it ("GitHub's products": GitHub)."""
        return all(w in here or w in document or f"{w}'s" in here or f"{w}'s" in document
                   for w in words(name))

    # A name the other side writes too, shortened, lengthened or misspelt ("Woo" →
    # "WooCommerce", "Mixpanle" → "Mixpanel"), is the same one: a rename, not a party.
    came = Counter(n for k, n in nn.items() if k not in no and not used(n, ows, known[0])
                   and DEFINED + k not in known[1])
    gone = Counter(n for k, n in no.items() if k not in nn and not used(n, nws, known[1])
                   and DEFINED + k not in known[0])
    if came:
        came = Counter(n for n in came.elements() if not same_name(n, same_name_index(old))
                       and not led_by(n, no.values()))
    if gone:
        gone = Counter(n for n in gone.elements() if not same_name(n, same_name_index(new))
                       and not led_by(n, nn.values()))
    # A kind the document already names ("subprocessors", "partners") arrives nowhere new.
    came.update(n for k, n in kn.items() if k not in ko and k not in no and k not in nn
                and not (" " not in n and used(n, set(), known[0])))
    gone.update(n for k, n in ko.items() if k not in kn and k not in nn and k not in no
                and not (" " not in n and used(n, set(), known[1])))
    entities = own_entities(rest_old, own), own_entities(rest_new, own)
    came.update(n for k, n in entities[1].items() if k not in entities[0] and entities[0])
    gone.update(n for k, n in entities[0].items() if k not in entities[1] and entities[1])
    diff("recipient", _one_per_company(gone), _one_per_company(came))
    lo, ln = voc.NOT_DATA.sub(" \ue000 ", lo), voc.NOT_DATA.sub(" \ue000 ", ln)

    def counts(count: Callable[[str], Iterable[str]]) -> tuple[Counter[str], Counter[str]]:
        return Counter(count(lo)), Counter(count(ln))

    def terms(pattern: re.Pattern[str], names: dict[str, str]) -> Callable[[str], Iterable[str]]:
        return lambda t: (names[m.group()] for m in pattern.finditer(t))

    lo, ln = LABEL.sub(" ", lo), LABEL.sub(" ", ln)  # "location data:" names its item
    # A category, purpose, right or ground the other side names too is neither added nor
    # removed: saying "payment information" once more tells the reader nothing new.
    dc_old, dc_new = _shortened(*_absent(*counts(terms(DATA_RE, DATA_LABEL))))
    if dc_old != dc_new and (known[0] or known[1]):
        # A category the document already names, in a sentence wholly added (or one it
        # still names, in a sentence wholly removed), is that sentence's: "Or if you make
        # a payment, … your public display name, user name, and email address may be
        # shared with the administrator(s) of the site" added to a policy that names each
        # already added a sentence, no category (Automattic's). In a sentence that stays,
        # a category put in or taken out is one.
        seen = edited()
        dc_old, dc_new = (Counter({k: n for k, n in (x - y).items() if touch.touched(k, edit)
                                   or not (doc and all(w in doc for w in words(k)))})
                          + (x & y) for x, y, edit, doc in ((dc_old, dc_new, seen[0], known[1]),
                                                            (dc_new, dc_old, seen[1], known[0])))
    diff("data-category", dc_old, dc_new)
    lo, ln = voc.NOT_PURPOSE.sub(" \ue000 ", lo), voc.NOT_PURPOSE.sub(" \ue000 ", ln)
    po, pn = _absent(*counts(lambda t: (PURPOSE_LABEL[m.group()] for m in PURPOSE_RE.finditer(t)
                                        if m.group() not in voc.PURPOSE_MARKERS
                                        or clauses.of_processing(t, m.start()))))
    diff("purpose", clauses.opened(po, lo, ln), clauses.opened(pn, ln, lo))
    diff("right", *_absent(*counts(lambda t: (voc.RIGHTS[int(str(m.lastgroup)[1:])][0]
                                              for m in _RIGHTS_RE.finditer(t)))))
    diff("disclosure-ground", *_absent(*counts(
        lambda t: (GROUND_LABEL[m.group()] for s in disclosing(t)
                   for m in GROUND_RE.finditer(s)))))
    # A condition counts where the edit put it into (or took it from) a sentence that
    # stays; one inside a paragraph or sentence that is wholly new is not one added to a
    # promise, and an old "if …" that did not change is never quoted.
    both = bool(lo.strip() and ln.strip())
    co, cn = (clauses.conditions(lo), clauses.conditions(ln)) if both else (Counter(), Counter())
    gone_c, came_c = co - cn, cn - co
    if gone_c or came_c:
        (ta, ea), (tb, eb) = touch.edits(old, new)
        gone_c = Counter({k: min(v, touch.phrase_at(ta, ea, k)) for k, v in gone_c.items()})
        came_c = Counter({k: min(v, touch.phrase_at(tb, eb, k)) for k, v in came_c.items()})
    diff("condition", Counter({clauses.clause(lo, k, ln): v for k, v in gone_c.items() if v > 0}),
         Counter({clauses.clause(ln, k, lo): v for k, v in came_c.items() if v > 0}))
    out = _negation_in_new_clause(out, ow, nw)
    return out if len(out) >= 3 else out + _whole_pieces(old, new)  # a verdict shows three


def _one_per_company(names: Counter[str]) -> Counter[str]:
    """A company named with its legal form and without in one change ("GitLab Inc, 268
    Bush Street …" beside a table's "GitLab", Travis CI's policy) is one party: its legal
    name stands for both."""
    full = {LEGAL_FORM.sub("", n).rstrip(" .,") for n in names if LEGAL_FORM.search(n)}
    return Counter({n: c for n, c in names.items() if n not in full}) if full else names


def _negation_in_new_clause(out: list[Finding], ow: list[str], nw: list[str]) -> list[Finding]:
    """A negation that only arrives inside a new clause with its own finding ("or
    compelled by a court order that we choose not to appeal") belongs to that clause:
    the clause's finding is named first. A negation put into the old words ("we do
    not share") stays first."""
    if not out or out[0][0] != "negation-added":
        return out
    runs = [" ".join(nw[j1:j2]) for tag, _, _, j1, j2 in touch.changed_runs(ow, nw)
            if tag == "insert"]
    for i, (rule, evidence) in enumerate(out[1:], 1):
        if not rule.endswith("-added") or rule.startswith(("block", "sentence", "list-item")):
            continue
        clauses = [r for r in runs if any(lexical(e).strip() in r for e in evidence)]
        if clauses and all(any(re.search(rf"\b{re.escape(n)}\b", r) for r in clauses)
                           for n in out[0][1]):
            return [out[i], out[0], *out[1:i], *out[i + 1:]]
    return out


def _neg(word: str) -> bool:
    return word in voc.NEGATIONS or word.endswith("n't")
