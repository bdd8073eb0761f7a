"""How long a redline of a long statement takes, and whether it stays interactive.

A 20,000-word document (40 sections × 5 paragraphs × 100 words) is edited at
about 1 % of its words, spread over every section, and `diff_documents` is timed
(median of 5 runs, `time.perf_counter`), classification included.

Seconds alone mean little across machines, so the run also times a baseline on
the same machine: one `difflib.SequenceMatcher(autojunk=False)` over the whole
document's words, i.e. the naive word diff a redline would be without section
matching and block skipping. The ratio says what the engine's design buys (or
costs) independent of how fast this computer is; a ratio near or above 1 means
the section- and block-level passes stopped working.

Run: `.venv/bin/python benchmarks/bench_redline.py`. Exits 1 when the median
is not under TARGET_SECONDS, or the ratio not under RATIO_LIMIT (which, unlike
seconds, a busy machine cannot push over the line).
"""

from __future__ import annotations

import difflib
import random
import statistics
import sys
import time
from collections.abc import Callable

from lexdocs.render.templates import RenderedDocument, render_document
from lexdocs.review.materiality import classify
from lexdocs.review.redline import diff_documents
from lexdocs.sources.documents import load_document
from lexdocs.sources.variables import load_variables_file

TARGET_SECONDS = 0.5  # "well under a second" for a review tool that runs on every build
RATIO_LIMIT = 0.5  # 0.06-0.17 with the first rules, 0.47 on 2026-12-05: the rules grew
SECTIONS, PARAGRAPHS, WORDS_PER_PARAGRAPH = 40, 5, 100
EDIT_SHARE = 0.01
RUNS = 5
_WORDS = (
    "we collect use share process store retain delete your personal information data the a of "
    "to and or for with by from about when you our service services website app products may "
    "not never third party parties provider providers such as including cookies analytics "
    "advertising marketing purposes legal obligations consent rights access erasure request "
    "days months years contact email address location device identifiers payment billing "
    "security protect law applicable necessary reasonable period customers visitors account "
    "Chatlio Segment Google Amazon Slack European Union United States California residents "
    "privacy statement section below above described further information that this these which"
)
VOCABULARY = _WORDS.split()


def make_texts(rng: random.Random) -> list[list[list[str]]]:
    """Sections → paragraphs → words, with a little punctuation as in real prose."""
    def paragraph() -> list[str]:
        words = [rng.choice(VOCABULARY) for _ in range(WORDS_PER_PARAGRAPH)]
        words[0] = words[0].capitalize()
        for i in range(11, WORDS_PER_PARAGRAPH - 1, 12):
            stop = rng.choice([",", ".", "."])
            words[i] += stop
            if stop == ".":
                words[i + 1] = words[i + 1].capitalize()
        words[-1] += "."
        return words
    return [[paragraph() for _ in range(PARAGRAPHS)] for _ in range(SECTIONS)]


def edit(texts: list[list[list[str]]], rng: random.Random) -> list[list[list[str]]]:
    """About EDIT_SHARE of the words replaced, inserted or deleted, in every section."""
    out = [[list(p) for p in s] for s in texts]
    per_section = round(EDIT_SHARE * PARAGRAPHS * WORDS_PER_PARAGRAPH)
    for section in out:
        for _ in range(per_section):
            para = rng.choice(section)
            i = rng.randrange(len(para) - 1)
            what = rng.choice(["replace", "insert", "delete"])
            if what == "replace":
                para[i] = rng.choice(VOCABULARY)
            elif what == "insert":
                para.insert(i, rng.choice(VOCABULARY))
            else:
                del para[i]
    return out


def render(texts: list[list[list[str]]]) -> RenderedDocument:
    """Through the real renderer, so the blocks diffed are what the site publishes."""
    files = {"p/variables.yml": "",
             "p/doc/document.yml": "title: Bench\nslug: bench\nsections:\n"
             + "".join(f"  - s{i}.md\n" for i in range(len(texts)))}
    for i, paragraphs in enumerate(texts):
        body = "\n\n".join(" ".join(p) for p in paragraphs)
        files[f"p/doc/s{i}.md"] = f"---\nid: s{i}\ntitle: Section {i}\n---\n{body}\n"
    doc = load_document("p", "doc", files.get)
    return render_document(doc, load_variables_file("p", files.get), "p", files.get)


def median_seconds(fn: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    rng = random.Random(20240901)
    texts = make_texts(rng)
    edited = edit(texts, rng)
    old, new = render(texts), render(edited)
    words_old = [w for s in texts for p in s for w in p]
    words_new = [w for s in edited for p in s for w in p]
    changed = sum(1 for tag in difflib.SequenceMatcher(None, words_old, words_new, False)
                  .get_opcodes() if tag[0] != "equal")
    red = diff_documents(old, new)
    engine = median_seconds(lambda: diff_documents(old, new))
    baseline = median_seconds(
        lambda: difflib.SequenceMatcher(None, words_old, words_new, autojunk=False)
        .get_opcodes())
    print(f"document: {len(words_old)} words in {SECTIONS} sections; "
          f"{changed} edited runs; {len(red.changes)} changes reported")
    print(f"diff_documents: median {engine * 1000:.1f} ms of {RUNS} runs "
          f"(target < {TARGET_SECONDS * 1000:.0f} ms)")
    print(f"baseline (one SequenceMatcher over all words): median {baseline * 1000:.1f} ms")
    # The classifier's own cost per changed span, inside the redline's: what a richer rule
    # (review/names.py, facts.py) costs every change of every build and preview.
    spans = [(c.old, c.new) for c in red.changes if c.kind == "modified"]
    judge = median_seconds(lambda: [classify(
        a, b, section_material=True, variables_changed=(), immaterial_vars=frozenset())
        for a, b in spans])
    print(f"classifier: {judge / max(len(spans), 1) * 1000:.2f} ms per change "
          f"({len(spans)} changes, {judge / engine:.0%} of diff_documents)")
    print(f"ratio engine / baseline: {engine / baseline:.2f}")
    if engine >= TARGET_SECONDS:
        print("FAIL: the redline is not well under a second", file=sys.stderr)
        return 1
    if engine / baseline >= RATIO_LIMIT:
        print("FAIL: the redline is no longer much faster than a naive diff", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
