"""Each change → a `Verdict`: material or not, the rule that decided, and what it saw.

Notice hangs on this verdict, so the classifier errs towards "material": only
changes it can *explain* as harmless are not material, a rewrite it cannot read at
all is a lawyer's call (held as material until answered), and a human can always
override (redline.py). A verdict is data — a stable rule id (`duration-changed`,
`recipient-added`, `spelling-fix`, …) and the words or values that triggered it
(`evidence`; for a "-changed" rule the old values, "→", the new ones) — and its
prose (`reason`) is made from those by `verdicts.describe`, so JSON, versions.json and every
page tell the same story. Precedence, first wins:

1. No visible change (`no-change`) → not material.
2. Only values of variables declared `material: false` differ (checked by
   masking their old and new values; `immaterial-variable`) → not material.
3. Content that is material however small (facts.py, most telling first): a
   negation; a date, duration, number, email, web or postal address; a recipient
   or third party (a name the document did not use before — capitalised, or at a
   sentence start when no English word is spelled so — a kind of recipient in any
   case, "Insurers:" or "data brokers", or whoever data is shared *with*); a
   category of personal data, purpose, right, ground for disclosure or condition
   ("unless …") added or removed; a whole paragraph, sentence or list item added
   or removed. A section declared `material: false` still wins
   (`section-not-material`), and the verdict keeps what the rules found (`also`).
   When those findings are only whole pieces, an edit that adds or removes only
   headings (`heading-added`) or sentences that only point elsewhere ("For more
   information, see …": `cross-reference-added`) is not material, nor is a list
   of the organisation's own products or websites that grew or shrank
   (`own-scope`), nor one more action in a list of what the organisation says it does
   not do (`refusal-widened`: "does not collect, access, retain, or store"), nor steps
   added to follow in the product (`instructions-added`). The policy's own change log
   kept as a log — dated lines ("July 12, 2023: …") added, reworded or removed, under
   their heading, and nothing else — is `changelog-entry` / `changelog-edited`, not
   material: the edits it records are judged where they are made. So is a rewrite that
   keeps the meaning (rewrites.py), when what the rules found is only a whole piece it
   moved or split off.
4. Only white space, quote style, letter case, punctuation or characters no reader sees
   (a word joiner: `formatting`),
   British/American spelling (`spelling-variant`), an article (`grammar-fix`) or
   misspellings corrected (`spelling-fix`: an unknown word made a known one within
   two edits, see spelling.py; two real words are never a fix) → not material
   (surface.py); so is a date written another way that names the same day ("January
   12, 2026" → "12 January 2026": `date-written-otherwise`, typed.py), and the number or
   letter a paragraph or item opens with, its words the same ("1.10 We may …" → "1.11
   We may …": `item-renumbered`).
5. A name written in full or shortened, and nothing else ("Woo" → "WooCommerce":
   `product-renamed`; so is the organisation's own name written out or one of its own
   products renamed: "Marketplace" → "GitHub Marketplace", renames.own_written_out; a name
   written as another engine's template variable that spells it, `name-templated`; only
   that engine's tags written another way, `template-tag-changed`), or
   another rewrite that keeps the meaning (rewrites.py:
   `reordered`, `function-words`, `examples-removed`, `examples-changed`,
   `document-named`, `word-form`, `verb-agreement`, `label-number`, `abbreviation-expanded`,
   `figure-written-otherwise` ("seven days" → "7 days"), `adverb-moved` ("only apply"
   → "apply only"), `preposition-fronted` ("whom you share it with" → "with whom you
   share it"), `term-written-plain` ("User Personal Information" → "personal
   information"), `term-renamed` (a term the document defines renamed where the
   definitions rename it: "Expert Services" → "Professional Services"), `pointer-reworded`,
   `label-reworded`, `synonym`, `hedge-added`, `hedge-removed`,
   `about-us`: only the organisation's mission or beliefs; `advice-reworded`: only
   advice to the reader, "We recommend all users …") → not material. Several such
   rewrites in one paragraph, a sentence each, are read a sentence at a time
   (`_each_sentence`): not material when every sentence, with every rule, is.
6. Any other wording: one term swapped or put in (`wording-changed`, naming the
   words) → material; more than `statements.REFER_WORDS` content words, which no rule
   reads, → `unexplained`, a lawyer's call (`Verdict.referred`; held to what a
   material change is held to until the change log decides); but a paragraph that only
   gained or lost words, or a promise ("we will …") reworded, is read, not referred:
   `wording-changed` quotes it. Both unless the section
   is declared not material; a material variable that changed is named
   (`variable-changed`).

Rules 3 and 4 run on the old text with spelling corrections applied, so a fixed
typo in a name is not a new third party. tests/test_corpus.py measures all this on
labelled edits, our own and four real companies' policy histories.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from lexdocs.review import (
    facts,
    lexicon,
    ownhistory,
    pointers,
    renames,
    reports,
    rewrites,
    statements,
    surface,
    terms,
    typed,
)
from lexdocs.review.align import common_ends, opcodes
from lexdocs.review.lexicon import SENTENCE_END
from lexdocs.review.names import own_names
from lexdocs.review.spelling import is_misspelling_fix
from lexdocs.review.terms import defined_terms
from lexdocs.review.verdicts import Verdict, verdict

__all__ = ["classify", "classify_structure", "document_words", "heading_renamed",
           "is_misspelling_fix"]


def _window(old: str, new: str) -> tuple[str, str]:
    """Only the sentences that differ: unchanged ones state the same in both texts, so
    cutting them changes no verdict and keeps long paragraphs cheap (`SENTENCE_END`: "U.S.
    Law" is never cut)."""
    p, s = common_ends(old, new)
    start = max((m.end() for m in SENTENCE_END.finditer(old, 0, p)), default=0)
    tail = SENTENCE_END.search(old, len(old) - s)
    cut = len(old) - tail.start() if tail else 0
    return old[start:len(old) - cut], new[start:len(new) - cut]


_MARKS = 0xE100
"""Private-use characters that stand for an immaterial variable's value while a change is
judged (one per variable, the same in both texts): never shown, see `_unmasked`."""


def _mask(text: str, values: Mapping[str, str]) -> str:
    """Hide each variable's value (a list value also piece by piece) behind its own
    neutral mark: the value may differ between the two texts, the mark does not."""
    pieces: dict[str, str] = {}
    for i, (_, value) in enumerate(sorted(values.items())):
        for p in [value, *re.split(r"; |, ", value)]:
            if len(p) >= 3:
                pieces.setdefault(p, chr(_MARKS + i))
    for p in sorted(pieces, key=len, reverse=True):
        text = text.replace(p, pieces[p])
    return text


def _unmasked(v: Verdict, values: Mapping[str, tuple[str, str]]) -> Verdict:
    """`v` with each mark its evidence quotes written back: as the variable's old value
    before an evidence's "→" and its new value after it, as the redline shows them, or
    as the variable the source names (`{{ retention.web_logs }}`) where no arrow says
    which side a quote is from. A reader never sees a private-use character."""
    names = sorted(values)
    marks = {chr(_MARKS + i): n for i, n in enumerate(names)}

    def shown(items: Iterable[str]) -> tuple[str, ...]:
        items = tuple(items)
        arrow = items.index("→") if "→" in items else None
        out = []
        for k, e in enumerate(items):
            side = None if arrow is None else int(k > arrow)
            out.append("".join(c if c not in marks else
                               (f"{{{{ {marks[c]} }}}}" if side is None else
                                values[marks[c]][side]) for c in e))
        return tuple(out)

    if not any(c in marks for e in (*v.evidence, *(x for _, ev in v.also for x in ev))
               for c in e):
        return v
    return verdict(v.material, v.rule, shown(v.evidence),
                   [(r, shown(e)) for r, e in v.also], referred=v.referred)


def _wording(old: str, new: str) -> tuple[str, ...]:
    """The runs of words removed and added, each as written in its place (at most six
    words a run): "'Woo' → 'WooCommerce'", never two distant words run
    together into a phrase neither text has. A run that differs from the one it replaced
    only in formatting is left out: "data — and" → "data—and" beside the words that
    changed (Basecamp's 2022 policy) told a reviewer of a change no reader sees."""
    a, b = old.split(), new.split()
    gone: dict[str, None] = {}  # each run once, in order (a dict: thousands of runs are
    came: dict[str, None] = {}  # no reason to read the runs kept so far for each)

    def cut(words: list[str], into: dict[str, None]) -> None:
        if words:
            into.setdefault(" ".join(words) if len(words) <= 6 else " ".join(words[:6]) + " …")

    for tag, i1, i2, j1, j2 in _moves_joined(opcodes(a, b), a, b):
        if tag != "equal" and not (tag == "replace" and surface.same_words(
                " ".join(a[i1:i2]), " ".join(b[j1:j2]))):
            cut(a[i1:i2], gone)
            cut(b[j1:j2], came)
    return (*gone, "→", *came)  # whole: `describe` shortens the prose, not the evidence


Op = tuple[str, int, int, int, int]


def _moves_joined(ops: Sequence[Op], a: Sequence[str], b: Sequence[str]) -> list[Op]:
    """`ops` with each word moved past a few others quoted with them: "will apply only" →
    "will only apply" (Meta's commercial terms as archived) was "'apply' → 'apply'", one
    word on both sides of the arrow, and a reader saw no change; it is "'apply only' →
    'only apply'". Past as many as six words: "may use location data and geographic
    information only to identify" → "may only use location data …" (X's developer terms)
    was "'only' → 'only'"."""
    out = list(ops)
    k = 0
    while k + 2 < len(out):
        (t1, a1, a2, b1, b2), (t2, c1, c2, _, _), (t3, e1, e2, f1, f2) = out[k:k + 3]
        moved = t2 == "equal" and c2 - c1 <= 6 and (
            (t1 == "delete" and t3 == "insert" and a[a1:a2] == b[f1:f2])
            or (t1 == "insert" and t3 == "delete" and b[b1:b2] == a[e1:e2]))
        if moved:
            out[k:k + 3] = [("replace", a1, e2, b1, f2)]
        k += 1
    return out


def classify(old_text: str, new_text: str, *, section_material: bool,
             variables_changed: Sequence[str], immaterial_vars: frozenset[str],
             values: Mapping[str, tuple[str, str]] | None = None,
             known: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
             home: str = "", no_headings: bool = False,
             headings: frozenset[str] = frozenset()) -> Verdict:
    """The verdict for one change from `old_text` to `new_text`.

    `values` maps each changed variable to its (old, new) text so the classifier can
    check that a change really comes only from immaterial variables; without it, a
    change whose `variables_changed` are all immaterial is taken to come only from them.
    `known` holds the words of the whole old and new documents (`document_words`);
    `home` the organisation's addresses (site_url, own_domains), whose names are its own.
    `no_headings`: some block that changed is a table's data cell or a list's item (the build
    knows; text alone does not), which no short Title Case shape makes a heading: "United
    States" → "United States, France, Switzerland, and Japan" under "Location of
    Processing" in GitHub's subprocessor list moves data to three more countries, and a
    row put in names a subprocessor ("OpenAI | AI Inference and AI Services | United
    States"), as does an item of Hugging Face's list of them ("*   Metronome | Billing |
    United States", once "only a heading was added"). `headings`: the texts of the blocks
    the source marks as headings, in either version, whose capitals name no one whatever
    their case (`parties.recipients`).
    """
    if old_text == new_text:
        return verdict(False, "no-change")
    seen_old, seen_new = surface.visible(old_text), surface.visible(new_text)
    if seen_old == seen_new:
        return verdict(False, "formatting", ("invisible characters",))
    old_text, new_text = seen_old, seen_new
    quiet = [v for v in variables_changed if v in immaterial_vars]
    hidden = {v: values[v] for v in quiet if v in values} if values is not None else {}
    if hidden:
        old_text = _mask(old_text, {v: pair[0] for v, pair in hidden.items()})
        new_text = _mask(new_text, {v: pair[1] for v, pair in hidden.items()})
    heads = frozenset(" ".join(surface.plain(h).split()) for h in headings)
    v = _judge(old_text, new_text, quiet, section_material=section_material,
               variables_changed=variables_changed, immaterial_vars=immaterial_vars,
               values=values, known=known, home=home, no_headings=no_headings, headings=heads)
    return _unmasked(v, hidden) if hidden else v


def _judge(old_text: str, new_text: str, quiet: Sequence[str], *, section_material: bool,
           variables_changed: Sequence[str], immaterial_vars: frozenset[str],
           values: Mapping[str, tuple[str, str]] | None,
           known: tuple[frozenset[str], frozenset[str]], home: str,
           no_headings: bool = False, headings: frozenset[str] = frozenset()) -> Verdict:
    """`classify` on texts whose immaterial variables' values are masked."""
    only_quiet = len(quiet) == len(variables_changed) and (values is None or old_text == new_text)
    if quiet and only_quiet:
        return verdict(False, "immaterial-variable", quiet)
    # Before the window: it cuts at "20. " as at a sentence's end, and "20. Manage Your
    # Personal Data" → "19. Manage …" (Pornhub's privacy notice) left "20." → "19.".
    renumbered = typed.clause_numbers_only(surface.plain(old_text), surface.plain(new_text),
                                           surface.looks_alike)
    if renumbered:
        return verdict(False, "item-renumbered", renumbered)
    titled = _title_relabelled(old_text, new_text)
    if titled:
        return verdict(False, "item-renumbered", titled)
    tags = renames.tags_only(old_text, new_text)
    if tags:
        return verdict(False, "template-tag-changed", tags)
    renamed_terms = terms.term_renamed(old_text, new_text, *_defined_apart(known))
    if renamed_terms:
        return verdict(False, "term-renamed", renamed_terms)
    new_words = set(lexicon.words(new_text))
    old_text, new_text = _window(old_text, new_text)
    (bare_old, gone), (bare_new, came) = (surface.without_drafting_notes(t)
                                          for t in (old_text, new_text))
    if gone != came:
        if surface.looks_alike(surface.plain(bare_old), surface.plain(bare_new)):
            return verdict(False, "drafting-note", tuple([*gone, *came]))
        old_text, new_text = bare_old, bare_new  # the rest is judged without them
    fixed, typos, variants = surface.fix_spelling(old_text, new_text, new_words, known[0])
    plain_old, plain_new = surface.plain(fixed), surface.plain(new_text)
    if surface.looks_alike(plain_old, plain_new):
        # The same words in the same order, only in other capitals, spacing, quotes or a
        # final stop: no fact can differ, and a text in capitals says nothing about which
        # words are names ("with share" → "WITH SHARE." is no party removed). Nor does a
        # paragraph break lost or put in ("downloaded from.⏎⏎Learn more" → "from.Learn").
        looks = surface.looks_only(fixed, new_text, typos, variants)
        if looks:
            return looks
    dated = typed.dates_written_otherwise(plain_old, plain_new, surface.looks_alike)
    if dated:
        return verdict(False, "date-written-otherwise", dated)
    years = typed.copyright_years_only(plain_old, plain_new)
    if years:
        return verdict(False, "copyright-year", years)
    counted = reports.metrics_only(plain_old, plain_new)
    if counted:
        return verdict(False, "metrics-updated", counted)
    audience = reports.users_counted(plain_old, plain_new)
    if audience:
        return verdict(False, "users-counted", audience)
    logged = ownhistory.log_entries(plain_old, plain_new)
    if logged:
        return verdict(False, "changelog-entry", logged)
    kept = ownhistory.log_kept(plain_old, plain_new)
    if kept:
        return verdict(False, *kept)
    found = facts.findings(renames.without_logic_tags(plain_old),
                           renames.without_logic_tags(plain_new), known, home, headings)
    if found and ownhistory.revision_dates_only(plain_old, plain_new, found):
        return verdict(False, "revision-date-changed", found[0][1])
    revised = ownhistory.revision_lines_only(plain_old, plain_new, found)
    if revised:
        return verdict(False, *revised)
    shape = pointers.harmless_shape(plain_old, plain_new, headings=not no_headings) if all(
        r.startswith(pointers.POINTER_MAY_NAME) for r, _ in found) else None
    if shape and (shape[0].startswith("cross-reference") or all(
            r.startswith(("block-", "sentence-", "list-item-")) for r, _ in found)):
        return verdict(False, *shape)
    if found and all(r.startswith("list-item-") for r, _ in found) and all(
            lexicon.own_listed(plain_new if r.endswith("added") else plain_old, e)
            for r, e in found):
        return verdict(False, "own-scope", found[0][1])
    if len(found) == 1 and found[0][0] == "list-item-added" and statements.refuses_more(
            plain_new, found[0][1]):
        return verdict(False, "refusal-widened", found[0][1])
    rewritten = (rewrites.rewrite(plain_old, plain_new) or statements.about_us(plain_old, plain_new)
                 ) if found else None
    if rewritten and all(r.startswith(_SPANS) or rewrites.only_phrases(e) or (
            # a section a pointer names ("in the Cookies section") is no third party
            rewritten[0] == "pointer-reworded" and r.startswith(pointers.POINTER_MAY_NAME)
            and all(any(x.casefold() in p.casefold() for p in rewritten[1]) for x in e))
            for r, e in found):
        # a sentence that only moved or was split off; "in order to" → "to"
        return verdict(False, *rewritten)
    # A fact found in the whole is found again in the sentence that holds it: only whole
    # pieces and rewrite phrases ("in order to") may be explained a sentence at a time.
    each = _each_sentence(old_text, new_text, lambda a, b: _judge(
        a, b, quiet, section_material=section_material, variables_changed=variables_changed,
        immaterial_vars=immaterial_vars, values=values, known=known, home=home,
        no_headings=no_headings, headings=headings)) if all(
            r.startswith(_SPANS) or rewrites.only_phrases(e) for r, e in found) else None
    if each:
        return each
    if found:
        if not section_material:
            return verdict(False, "section-not-material", also=found[:3])
        return verdict(True, *found[0], also=found[1:3])
    looks = surface.looks_only(fixed, new_text, typos, variants)
    if looks:
        return looks
    articles = surface.only_articles(fixed, new_text)
    if articles:
        return verdict(False, "grammar-fix", articles)
    renamed = renames.renamed(fixed, new_text)
    if renamed:
        return verdict(False, "product-renamed", renamed)
    templated = renames.templated(fixed, new_text)
    if templated:
        return verdict(False, "name-templated", templated)
    legal = surface.legal_form_only(fixed, new_text)
    if legal:
        return verdict(False, "product-renamed", legal)
    written = renames.own_written_out(fixed, new_text, own_names(home))
    if written:
        return verdict(False, "product-renamed", written)
    own = facts.own_changed(plain_old, plain_new, home)
    if own:
        return verdict(False, "own-scope", own)
    channel = statements.own_channel(plain_old, plain_new, own_names(home))
    if channel:
        return verdict(False, *channel)
    rewritten = rewrites.rewrite(plain_old, plain_new) or statements.about_us(plain_old, plain_new)
    if rewritten:
        return verdict(False, *rewritten)
    wording = _wording(fixed, new_text)
    if not section_material:
        return verdict(False, "section-not-material", also=[("wording-changed", wording)])
    loud = [v for v in variables_changed if v not in immaterial_vars]
    if loud:
        return verdict(True, "variable-changed", loud)
    if statements.rewritten_wholly(fixed, new_text) and not (statements.grown_or_cut(
            fixed, new_text) or statements.promise_reworded(fixed, new_text)):
        return verdict(False, "unexplained", wording, referred=True)
    return verdict(True, "wording-changed", wording)


@functools.lru_cache(maxsize=16)
def _defined_apart(known: tuple[frozenset[str], frozenset[str]]
                   ) -> tuple[frozenset[str], frozenset[str]]:
    """The terms only the old document defines, and those only the new one does: read
    once per pair of documents, not once per change (a redline passes the same sets for
    each of its hunks, found by identity)."""
    old, new = ({w[1:] for w in side if w.startswith(facts.DEFINED)} for side in known)
    return frozenset(old - new), frozenset(new - old)


_TITLE_MOST = 200
"""Characters a title standing alone has at most, its markup's and spaces' included."""


def _title_relabelled(old: str, new: str) -> tuple[str, ...]:
    """A part's title standing alone, only its label changed ("R. Miscellaneous" → "S.
    Miscellaneous", "13. Transactions" → "14. Transactions"): GitHub's terms list their
    parts in a table that leads to each, and a part put in before them moved the letters
    of those after it. One block, shaped as a title (ten words at most, no full stop)."""
    if len(old) > _TITLE_MOST or len(new) > _TITLE_MOST:
        return ()  # a paragraph: not read again for every change
    old, new = surface.plain(old).strip(), surface.plain(new).strip()
    if "\n" in old or "\n" in new or not lexicon.renumbered(old, new) or any(
            len(t.split()) > 10 or t.endswith((".", ":", ";")) for t in (old, new)):
        return ()  # ("Q. Changes to these Terms of Service": a title, in lower case too)
    return (old.split()[0], "→", new.split()[0])


_SPANS = ("block-", "sentence-", "list-item-")


def _each_sentence(old: str, new: str, judge: Callable[[str, str], Verdict]) -> Verdict | None:
    """Several harmless rewrites in one paragraph, each read in its own sentence: a
    spelling fixed in one, "in order to" → "to" in the next. Read whole, two kinds of
    rewrite at once are wording no single rule explains; read a sentence at a time,
    each is explained. Only sentences paired one for one are read so (none added or
    removed), and every pair must be not material on its own, with every rule running
    on it: a fact in any one of them keeps the whole material."""
    pairs = statements.sentence_pairs(old, new)
    if len(pairs) < 2:
        return None
    said = []
    for a, b in pairs:
        v = judge(a, b)
        if v.material or v.referred:
            return None
        said.append(v)
    first, *rest = said
    # each finding once: two sentences with a word put in code are "quote style and
    # punctuation changed" once (Google Play's policy said it twice in one reason)
    also = dict.fromkeys((v.rule, v.evidence) for v in rest)
    also.pop((first.rule, first.evidence), None)
    return verdict(False, first.rule, first.evidence, also=list(also)[:2])


_FRAMING = frozenset(str.split(
    "what how why when where which happens happen do does is are can about to the a an"))
_REFRAMING = _FRAMING | frozenset(str.split("did we you should want information"))
"""With the words that turn a heading into a question or back ("Why do we collect
this?" → "Why we collect this information", "What else do we want you know?" → "What
else should you know?"): they frame the topic, and may stand in for one another."""
_WHO = frozenset(["we", "you"])


def heading_renamed(old: str, new: str, home: str = "") -> bool:
    """Whether a heading was only framed another way around the same words: a question
    made of its topic or taken back ("When you delete data" → "What happens when you
    delete data", "Cookies" → "About cookies"), or the organisation's own name put in or
    taken out ("Basecamp privacy policy" → "Privacy policy"; `home`: names.own_names).
    Every other word it had stays, in order. A heading can carry the statement itself
    ("Firefox by default shares data to:", a purpose "Improve performance" under it,
    "Geolocation data" → "General Geolocation data"): any other rewording of a heading is
    judged as any text (redline: otherwise `heading-changed`, not material)."""
    a, b = lexicon.words(old), lexicon.words(new)
    ops = [op for op in opcodes(a, b)
           if op[0] != "equal"]
    framing = _REFRAMING | own_names(home)

    def reframed(tag: str, gone: set[str], came: set[str]) -> bool:
        if tag != "replace":
            return gone | came <= framing
        # framing words for framing words, never an own name or whose it is ("Data we
        # collect" → "Data you collect" is another heading)
        return gone | came <= _REFRAMING and not (gone & _WHO and came & _WHO)

    return bool(ops) and all(reframed(tag, set(a[i1:i2]), set(b[j1:j2]))
                             for tag, i1, i2, j1, j2 in ops)


def document_words(text: str) -> frozenset[str]:
    """Every word of a document, and each term it defines (marked `facts.DEFINED`), for
    `classify(known=...)`."""
    return frozenset(lexicon.words(text)) | {facts.DEFINED + t for t in defined_terms(text)}


def classify_structure(kind: str, *, section_material: bool, detail: str = "") -> Verdict:
    """Verdict for a section added, removed or moved, where no word-level rule applies.

    A whole section added or removed changes what the statement says, so it is
    material unless declared otherwise; a move changes no words, so it is not.
    """
    if kind == "moved":
        return verdict(False, "section-moved", (detail,) if detail else ())
    if not section_material:
        return verdict(False, "section-not-material", also=[(f"section-{kind}", ())])
    return verdict(True, f"section-{kind}")
