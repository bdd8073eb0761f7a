"""The materiality classifier on labelled edits: accuracy, confusion matrix, no regressions.

Two corpora in tests/data/materiality/ (SOURCES.md says where they come from):
edits we wrote, and real consecutive versions of a public company's policies. Each
case carries the verdict a careful lawyer gives and the rule that should explain it.
The classifier is not perfect on real histories (it errs towards "material"), so
the recorded baseline (baseline.json) holds what it answers today: a case whose
verdict or rule changes fails, in either direction, so that every change of
behaviour is looked at and recorded on purpose with
`LEXDOCS_RECORD_BASELINE=1 pytest tests/test_corpus.py`. Accuracy and the confusion
matrix print at the end of every run, `-q` included.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from lexdocs.review.materiality import classify

DATA = Path(__file__).parent / "data" / "materiality"
CORPORA = ("own", "basecamp")
BASELINE = DATA / "baseline.json"


@dataclass(frozen=True)
class Outcome:
    """One labelled case and what the classifier said."""

    id: str
    material: bool
    rule: str
    got_material: bool
    got_rule: str
    reason: str


def _run(name: str) -> list[Outcome]:
    """Classify every case as a build does, with the words of the whole old and new
    documents where the case records them (only those that occur in the case matter)."""
    cases = yaml.safe_load((DATA / f"{name}.yml").read_text(encoding="utf-8"))["cases"]
    out = []
    for c in cases:
        known = (frozenset(c.get("known_old", "").split()),
                 frozenset(c.get("known_new", "").split()))
        v = classify(c["old"], c["new"], section_material=True, variables_changed=(),
                     immaterial_vars=frozenset(), known=known)
        out.append(Outcome(c["id"], c["material"], c["rule"], v.material, v.rule, v.reason))
    return out


def _summary(results: dict[str, list[Outcome]]) -> Iterator[str]:
    """Accuracy of verdicts and rules, and the verdicts' confusion matrix, per corpus."""
    for name, res in results.items():
        n = len(res)
        right = sum(o.material == o.got_material for o in res)
        rules = sum(o.material == o.got_material and o.rule == o.got_rule for o in res)
        cell = {(a, b): sum(o.material is a and o.got_material is b for o in res)
                for a in (True, False) for b in (True, False)}
        yield (f"{name}: {n} cases, verdict accuracy {right}/{n} = {right / n:.1%}, "
               f"verdict and rule {rules}/{n} = {rules / n:.1%}")
        yield "                        said material  said not material"
        yield f"    is material         {cell[True, True]:13d}  {cell[True, False]:17d}"
        yield f"    is not material     {cell[False, True]:13d}  {cell[False, False]:17d}"


def summary_lines() -> list[str]:
    """The summary `make test` prints (tests/conftest.py asks for it at the session's end,
    in the main process, so it shows with parallel workers too)."""
    return list(_summary({name: _run(name) for name in CORPORA}))


@pytest.fixture(scope="module")
def results() -> dict[str, list[Outcome]]:
    res = {name: _run(name) for name in CORPORA}
    if os.environ.get("LEXDOCS_RECORD_BASELINE"):
        BASELINE.write_text(_record(res), encoding="utf-8")
    return res


def _record(results: dict[str, list[Outcome]]) -> str:
    """baseline.json with one line per case, so a re-recording diffs case by case."""
    parts = []
    for name, res in results.items():
        accuracy = sum(o.material == o.got_material for o in res) / len(res)
        rows = ",\n".join(f"   {json.dumps(o.id)}: {json.dumps([o.got_material, o.got_rule])}"
                          for o in res)
        parts.append(f' {json.dumps(name)}: {{\n  "accuracy": {accuracy!r},\n'
                     f'  "verdicts": {{\n{rows}\n  }}\n }}')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def test_corpora_are_big_enough_and_balanced(results: dict[str, list[Outcome]]) -> None:
    every = [o for res in results.values() for o in res]
    assert len(every) >= 80 and len({o.id for o in every}) == len(every)
    assert len(results["basecamp"]) >= 40
    assert sum(o.material for o in every) >= 30 and sum(not o.material for o in every) >= 30
    assert "basecamp/policies" in (DATA / "SOURCES.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CORPORA)
def test_no_case_flips(results: dict[str, list[Outcome]], name: str) -> None:
    recorded = json.loads(BASELINE.read_text(encoding="utf-8"))[name]["verdicts"]
    now = {o.id: [o.got_material, o.got_rule] for o in results[name]}
    changed = {i: (recorded.get(i), now[i]) for i in now if recorded.get(i) != now[i]}
    assert not changed, ("verdicts changed (recorded → now); if intended, re-record with "
                         f"LEXDOCS_RECORD_BASELINE=1: {changed}")


@pytest.mark.parametrize("name", CORPORA)
def test_accuracy_not_below_baseline(results: dict[str, list[Outcome]], name: str) -> None:
    res = results[name]
    accuracy = sum(o.material == o.got_material for o in res) / len(res)
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))[name]["accuracy"]
    assert accuracy >= baseline - 1e-9, f"{name}: accuracy {accuracy:.1%} < {baseline:.1%}"


def test_our_own_edits_are_all_judged_right(results: dict[str, list[Outcome]]) -> None:
    """The edits we wrote state the rules; any miss there is a bug, not a limit."""
    wrong = [(o.id, o.rule, o.got_rule, o.reason) for o in results["own"]
             if (o.material, o.rule) != (o.got_material, o.got_rule)]
    assert not wrong


def test_no_real_material_change_passes_quietly(results: dict[str, list[Outcome]]) -> None:
    """On the real history the classifier may over-call, never under-call."""
    missed = [o.id for o in results["basecamp"] if o.material and not o.got_material]
    assert not missed
