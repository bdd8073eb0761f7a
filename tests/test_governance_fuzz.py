"""Fuzzing "declare, then exploit": sequences of two or three commits that change
`document.yml` declarations, `material:` flags, mkdocs.yml's notice period, and
commit dates (back-dated too), before or with a change of meaning.

No change log is ever written, so no version can have notice: whatever was
declared on the way, a change of meaning must be an error, and warm and cold
builds must say the same (the caches key on everything a verdict reads).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lexdocs.config import load_options
from lexdocs.pipeline import Caches, load_timelines
from tests.conftest import Repo, write_project

DOC = "policy_src/privacy/document.yml"
INTRO = "policy_src/privacy/10-intro.md"
RET = "policy_src/privacy/20-retention.md"
VARS = "policy_src/variables.yml"
TODAY = dt.date(2025, 3, 1)
START = dt.datetime(2024, 12, 1, 10, tzinfo=dt.UTC)

def _step(texts: list[str]) -> st.SearchStrategy[dict[str, object]]:
    """One commit: declarations (weighted toward lowering them) and an edit."""
    return st.fixed_dictionaries({
        "section_flag": st.sampled_from([False, False, None, True]),
        "variable_flag": st.sampled_from([False, False, None, True]),
        "doc_days": st.sampled_from([None, 0, 1, 45]),
        "site_days": st.sampled_from([None, 0, 0, 30, 60]),
        "adopted": st.sampled_from([None, None, "2024-01-01", "2099-01-01"]),
        "text": st.sampled_from(texts),
        "days_later": st.integers(min_value=-40, max_value=30),
    })


# Declare (one or two commits, mostly with a harmless edit that makes them versions), then
# exploit (a change of meaning, with declarations of its own too).
declare = st.lists(_step(["harmless", "harmless", "none"]), min_size=1, max_size=2)
exploit = _step(["meaning"])


def _front(repo: Repo, flag: bool | None) -> None:
    text = repo.read(RET).replace("material: false\n", "").replace("material: true\n", "")
    if flag is not None:
        text = text.replace("tags: [retention]\n", f"tags: [retention]\nmaterial: "
                            f"{'true' if flag else 'false'}\n")
    repo.write(RET, text)


def _variable(repo: Repo, flag: bool | None) -> None:
    lines = [ln for ln in repo.read(VARS).splitlines(keepends=True)
             if "    material:" not in ln]
    text = "".join(lines)
    if flag is not None:
        text = text.replace("  web_logs:\n    type: duration\n",
                            f"  web_logs:\n    type: duration\n    material: "
                            f"{'true' if flag else 'false'}\n")
    repo.write(VARS, text)


def _declare(repo: Repo, key: str, value: object) -> None:
    text = "".join(ln for ln in repo.read(DOC).splitlines(keepends=True)
                   if not ln.startswith(f"{key}:"))
    if value is not None:
        text = text.replace("baseline:", f"{key}: {value}\nbaseline:")
    repo.write(DOC, text)


def _apply(repo: Repo, number: int, s: dict[str, object]) -> bool:
    """One commit's edits; True if it changed what the statement means."""
    _front(repo, s["section_flag"])  # type: ignore[arg-type]
    _variable(repo, s["variable_flag"])  # type: ignore[arg-type]
    _declare(repo, "notice_days", s["doc_days"])
    _declare(repo, "adopted", s["adopted"])
    if s["site_days"] is not None:
        mk = repo.read("mkdocs.yml")
        old = next(ln for ln in mk.splitlines() if "notice_days:" in ln)
        repo.write("mkdocs.yml", mk.replace(old, f"      notice_days: {s['site_days']}"))
    if s["text"] == "harmless":
        intro = repo.read(INTRO)
        repo.write(INTRO, intro.replace("information.", "information!") if "information."
                   in intro else intro.replace("information!", "information."))
    elif s["text"] == "meaning":
        text = repo.read(VARS)
        value = next(ln for ln in text.splitlines() if "value:" in ln and ("days" in ln or
                                                                           "years" in ln)
                     and "7 years" not in ln)
        repo.write(VARS, text.replace(value, f"    value: {number + 2} years"))
    return s["text"] == "meaning"


def _verdicts(repo: Repo) -> list[tuple[str, str, int | None, bool]]:
    opts = load_options(repo.path)
    timelines = load_timelines(opts, TODAY, Caches())
    return sorted((f.rule, f.message, f.line, f.draft) for t in timelines.values()
                  for f in t.findings if f.severity == "error")


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(before=declare, last=exploit)
def test_no_sequence_of_declarations_lets_a_change_of_meaning_through(
        before: list[dict[str, object]], last: dict[str, object]) -> None:
    steps = [*before, last]
    folder = Path(tempfile.mkdtemp(prefix="lexdocs-gov-fuzz-"))
    try:
        repo = Repo(folder / "repo")
        write_project(repo)
        repo.commit("First version", "2024-09-10T10:00:00+00:00")
        when = START
        meaning = False
        for number, s in enumerate(steps):
            when += dt.timedelta(days=int(s["days_later"]))  # type: ignore[call-overload]
            meaning = _apply(repo, number, s) or meaning
            repo.commit(f"Step {number}", when.isoformat())
        cold = _verdicts(repo)
        assert meaning and cold, steps  # no notice was given, so this must be refused
        assert _verdicts(repo) == cold  # warm: the kept renders and redlines answer
        shutil.rmtree(repo.path / ".cache", ignore_errors=True)
        assert _verdicts(repo) == cold
    finally:
        shutil.rmtree(folder, ignore_errors=True)
