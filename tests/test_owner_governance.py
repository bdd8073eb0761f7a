"""The organisation's own addresses and names judge a change as its parent declared them.

`site_url`, `own_domains` and `own_names` in mkdocs.yml decide that a link moved to
one of them is maintenance and that a name spelled like them is no third party.
A pull request that declares `own_domains: [evil.example]` in the commit that moves
the opt-out link there must still be material, with the link as its evidence; one
that declares a recipient's name its own must still quote that recipient. Each case
is a real repository with fixed dates, judged by `lexdocs check`, `lexdocs diff`,
the pull-request comment and a build, which must say the same.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lexdocs.cli import cli
from lexdocs.config import load_options
from lexdocs.pipeline import Caches, load_timelines
from lexdocs.review.comment import compare, compose
from lexdocs.review.materiality import classify
from lexdocs.review.owner import gained, narrowest
from lexdocs.sources.siteopts import declared_home
from tests.conftest import Repo, write_project
from tests.test_governance import EPOCH, FIRST, INTRO, LOG, check, refused
from tests.test_security import build, snapshot

FORM = "https://chatlio.com/optout/"
SENTENCE = "To opt out of analytics, use [the opt-out form]({url}). We use {tool} to measure usage."
PLUGIN = "notice_days: 30"


def _intro(url: str = FORM, tool: str = "Chatlio Insights") -> str:
    return ("---\nid: intro\ntitle: Introduction\n---\n"
            "This statement explains how we handle personal information.\n"
            + SENTENCE.format(url=url, tool=tool) + "\n")


def _declare(repo: Repo, key: str, value: str) -> None:
    """Add one lexdocs option to mkdocs.yml (`own_domains: [x]`)."""
    repo.replace("mkdocs.yml", PLUGIN, f"{key}: [{value}]\n      {PLUGIN}")


def _first(repo: Repo) -> None:
    write_project(repo)
    repo.write(INTRO, _intro())
    repo.commit("First version", FIRST)


@pytest.fixture
def site(repo: Repo, monkeypatch: pytest.MonkeyPatch,
         caplog: pytest.LogCaptureFixture) -> tuple[Path, dict[str, bytes]]:
    """The first version with its opt-out link, built once."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    _first(repo)
    folder = repo.path.parent / "site"
    assert build(repo.path, folder, caplog) is None
    return folder, snapshot(folder)


def _diff(repo: Repo, *args: str) -> list[dict[str, object]]:
    out = CliRunner(env={"SOURCE_DATE_EPOCH": EPOCH}).invoke(
        cli, ["-C", str(repo.path), "diff", "privacy", *args, "--format", "json"])
    assert out.exit_code == 0, out.output
    changes: list[dict[str, object]] = json.loads(out.output)
    return changes


def _versions(repo: Repo) -> list[dict[str, object]]:
    out = CliRunner(env={"SOURCE_DATE_EPOCH": EPOCH}).invoke(
        cli, ["-C", str(repo.path), "versions", "--format", "json"])
    assert out.exit_code == 0, out.output
    found: list[dict[str, object]] = json.loads(out.output)["documents"]["privacy"]["versions"]
    return found


# --- declared in the change that uses it: judged by the parent's, and said ----------------

def test_own_domains_declared_with_the_link_they_excuse_are_judged_by_the_parent(
        repo: Repo, site: tuple[Path, dict[str, bytes]],
        caplog: pytest.LogCaptureFixture) -> None:
    _declare(repo, "own_domains", "evil.example")
    repo.write(INTRO, _intro("https://evil.example/optout/"))
    repo.commit("Move the opt-out form", "2025-01-14T10:00:00+00:00")
    errors = refused(repo, site, caplog, f"{LOG}: error [notice-summary]",
                     "is a material change in section 'intro' (the link on 'the opt-out "
                     "form' now leads to another organisation, from this site (chatlio.com) to "
                     "evil.example")
    assert "a governance change (the organisation's own domains (site_url, own_domains) " \
           "gain evil.example" in errors[0], errors
    changes = _diff(repo, "2024-09-01", "2025-01-14")
    assert [(c["rule"], c["material"]) for c in changes] == [("link-other-site", True)]
    assert "evil.example" in changes[0]["evidence"]


def test_a_pull_request_comment_judges_by_the_base_and_says_what_it_declares(
        repo: Repo) -> None:
    _first(repo)
    repo.git("checkout", "-q", "-b", "pr")
    _declare(repo, "own_domains", "evil.example")
    repo.write(INTRO, _intro("https://evil.example/optout/"))
    repo.commit("Move the opt-out form", "2025-01-14T10:00:00+00:00")
    text = compose(compare(load_options(repo.path), "main", "pr"))
    assert "— 🔴 **Material**" in text and "now leads to another organisation" in text, text
    assert "mkdocs.yml declares more of its own:** the organisation's own domains " \
           "(site\\_url, own\\_domains) gain evil.example." in text, text
    # The same revisions through `lexdocs diff` (its form for two git revisions).
    out = CliRunner().invoke(cli, ["-C", str(repo.path), "diff", "main", "pr",
                                   "--format", "json"])
    assert out.exit_code == 0, out.output
    assert [c["rule"] for c in json.loads(out.output)] == ["link-other-site"]


def test_own_names_declared_with_the_recipient_they_hide_still_quote_it(repo: Repo) -> None:
    _first(repo)
    _declare(repo, "own_names", "Evilcorp")
    repo.write(INTRO, _intro(tool="Evilcorp Insights"))
    repo.commit("Another analytics tool", "2025-01-14T10:00:00+00:00")
    code, errors = check(repo)
    assert code == 1 and len(errors) == 1, errors
    assert "a third party was added (Evilcorp Insights)" in errors[0], errors
    assert "its own names (own_names) gain Evilcorp" in errors[0], errors
    [change] = _diff(repo, "2024-09-01", "2025-01-14")
    assert change["rule"] == "recipient-added" and change["evidence"] == ["Evilcorp Insights"]


def test_declared_in_a_commit_of_its_own_the_next_version_carries_the_change(
        repo: Repo) -> None:
    """mkdocs.yml alone changes no text, so no version: the next version is judged by
    the version before it, and is the governance change that brings the declaration."""
    _first(repo)
    _declare(repo, "own_domains", "evil.example")
    repo.commit("Declare a domain", "2025-01-13T10:00:00+00:00")
    repo.write(INTRO, _intro("https://evil.example/optout/"))
    repo.commit("Move the opt-out form", "2025-01-14T10:00:00+00:00")
    code, errors = check(repo)
    assert code == 1 and len(errors) == 1, errors
    assert "now leads to another organisation" in errors[0] and "gain evil.example" in errors[0]


def test_an_uncommitted_draft_is_judged_by_the_newest_version_and_diff_agrees(
        repo: Repo) -> None:
    """What the pre-commit hook and `lexdocs diff` see before anything is committed."""
    _first(repo)
    _declare(repo, "own_domains", "evil.example")
    repo.write(INTRO, _intro("https://evil.example/optout/"))
    code, errors = check(repo)
    assert code == 1 and len(errors) == 1, errors
    assert "the uncommitted draft is a material change" in errors[0], errors
    assert "now leads to another organisation" in errors[0] and "gain evil.example" in errors[0]
    assert [c["rule"] for c in _diff(repo)] == ["link-other-site"]


# --- declared before, with notice: later versions are judged by it once in force ----------

@pytest.mark.parametrize(("key", "value", "after", "said"), [
    ("own_domains", "chat-help.net", {"url": "https://chat-help.net/optout/"},
     "moved within this site (https://chatlio.com/optout/ → https://chat-help.net/optout/)"),
    ("own_names", "Evilcorp", {"tool": "Evilcorp Insights"}, "the wording changed"),
], ids=["own_domains", "own_names"])
def test_declared_before_with_notice_judges_the_versions_after_it(
        repo: Repo, key: str, value: str, after: dict[str, str], said: str,
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    _first(repo)
    _declare(repo, key, value)
    repo.replace(INTRO, "personal information.", "personal information!")  # harmless
    repo.write(LOG, "- summary: We treat more of our own sites and products as ours.\n"
                    "  effective: 2024-11-01\n")
    repo.commit("Declare", "2024-10-01T10:00:00+00:00")
    repo.write(INTRO, _intro(**after).replace("information.", "information!"))
    if key == "own_names":  # still material (a tool changed), but no third party is claimed
        repo.write(LOG, repo.read(LOG) + "- summary: We measure usage with another tool.\n"
                                         "  effective: 2025-01-10\n")
    repo.commit("Use it", "2024-12-01T10:00:00+00:00")
    assert check(repo) == (0, [])
    last = _versions(repo)[-1]
    assert last["id"] == "2024-12-01" and last["governance"] is None, last
    assert any(said in r for r in last["reasons"]), last
    assert not any("third party" in r for r in last["reasons"]), last
    # The CLI and the build give the same verdicts, version by version.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    folder = repo.path.parent / "site"
    assert build(repo.path, folder, caplog) is None
    published = json.loads((folder / "versions.json").read_text(encoding="utf-8"))
    built = published["documents"]["privacy"]["versions"]
    for before, version in pairwise(built):
        fields = ("section", "material", "rule", "evidence", "reason")
        assert [{k: c[k] for k in fields} for c in _diff(repo, before["id"], version["id"])] \
            == [{k: c[k] for k in fields} for c in version["changes"]], version["id"]
    # Published while the declaration was still to take effect, the same edit is judged
    # by the version in force: not maintenance, and not without its third party.
    repo.git("commit", "-q", "--amend", "--no-edit", date="2024-10-15T10:00:00+00:00")
    reasons = _versions(repo)[-1]["reasons"]
    assert not any(said in r for r in reasons), reasons
    assert any(("another organisation" if key == "own_domains" else "a third party was added")
               in r for r in reasons), reasons


# --- declare, then exploit: no sequence without notice gets through ---------------------------

def _owner_step(texts: list[str]) -> st.SearchStrategy[dict[str, object]]:
    """One commit: the owner declarations (each left as it is, or set) and an edit."""
    return st.fixed_dictionaries({
        "own_domains": st.sampled_from([None, "", "evil.example", "evil.example, chatlio.net"]),
        "own_names": st.sampled_from([None, "", "Evilcorp"]),
        "site_url": st.sampled_from([None, "https://evil.example/legal/",
                                     "https://chatlio.com/legal/"]),
        "text": st.sampled_from(texts),
        "days_later": st.integers(min_value=0, max_value=40),
    })


def _owner_apply(repo: Repo, s: dict[str, object]) -> None:
    mk = repo.read("mkdocs.yml")
    for key in ("own_domains", "own_names"):
        mk = "".join(ln for ln in mk.splitlines(keepends=True) if f"{key}:" not in ln)
        if s[key] is not None:
            mk = mk.replace(PLUGIN, f"{key}: [{s[key]}]\n      {PLUGIN}")
    if s["site_url"] is not None:
        old = next(ln for ln in mk.splitlines() if ln.startswith("site_url:"))
        mk = mk.replace(old, f"site_url: {s['site_url']}")
    repo.write("mkdocs.yml", mk)
    if s["text"] == "harmless":
        intro = repo.read(INTRO)
        repo.write(INTRO, intro.replace("information.", "information!") if "information."
                   in intro else intro.replace("information!", "information."))
    elif s["text"] == "exploit":
        repo.write(INTRO, _intro("https://evil.example/optout/"))


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(before=st.lists(_owner_step(["harmless", "harmless", "none"]), min_size=1, max_size=2),
       last=_owner_step(["exploit"]))
def test_no_sequence_of_owner_declarations_lets_a_link_move_through(
        before: list[dict[str, object]], last: dict[str, object]) -> None:
    """No change log is written, so no declaration can have notice: whatever was declared
    on the way, the opt-out link moved to evil.example must be refused (the move itself
    judged material, or the declaration that excused it a governance change), and warm
    and cold builds must say the same."""
    folder = Path(tempfile.mkdtemp(prefix="lexdocs-owner-fuzz-"))
    try:
        repo = Repo(folder / "repo")
        _first(repo)
        when = dt.datetime(2024, 12, 1, 10, tzinfo=dt.UTC)
        for number, step in enumerate([*before, last]):
            when += dt.timedelta(days=int(step["days_later"]))  # type: ignore[call-overload]
            _owner_apply(repo, step)
            repo.commit(f"Step {number}", when.isoformat())

        def errors() -> list[tuple[str, str]]:
            timelines = load_timelines(load_options(repo.path), dt.date(2025, 3, 1), Caches())
            return sorted((f.rule, f.message) for t in timelines.values()
                          for f in t.findings if f.severity == "error")

        cold = errors()
        assert cold, [*before, last]
        assert errors() == cold
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- reading a committed mkdocs.yml: untrusted, never run -----------------------------------

MK = ("site_url: {url}\nplugins:\n  - lexdocs:\n      own_domains: [{domains}]\n"
      "      own_names: [{names}]\n")


@pytest.mark.parametrize(("text", "home"), [
    (MK.format(url="https://acme.com/legal/", domains="acme.net", names="Acme Pay, Woo"),
     "https://acme.com/legal/ acme.net Acme_Pay Woo"),
    # MkDocs' own !ENV is read as MkDocs reads it; any other tag is never constructed.
    (MK.format(url="!ENV [LEXDOCS_TEST_UNSET, 'https://acme.com/']", domains="", names=""),
     "https://acme.com/"),
    (MK.format(url="https://acme.com/", domains="!!python/object/apply:os.system [x], b.org",
               names="!!python/name:os.getcwd ''"), "https://acme.com/ b.org"),
    ("extra:\n  lexdocs:\n    own_domains: [acme.net]\n", "acme.net"),
    (MK.format(url="!!python/name:os.getcwd", domains="", names=""), None),
    ("INHERIT: base.yml\n" + MK.format(url="https://acme.com/", domains="", names=""), None),
    ("site_url: https://acme.com/\n", None),  # lexdocs is not configured here
    ("plugins: [lexdocs\n", None),
    (None, None),
], ids=["plain", "env", "tags", "hook", "site-url-tag", "inherit", "no-plugin", "broken",
        "absent"])
def test_a_committed_mkdocs_yml_declares_plainly_or_not_at_all(
        text: str | None, home: str | None) -> None:
    assert declared_home(text) == home


def test_the_narrower_declaration_and_what_a_change_gains() -> None:
    parent, live = "https://acme.com/ acme.net Acme_Pay", "https://acme.com/legal/ Acme_Pay"
    assert narrowest(parent, live) == "https://acme.com/ Acme_Pay"
    assert narrowest(parent, None) == parent
    assert gained(parent, parent + " www.acme.net Acme_Pay") == ""
    assert gained(parent, parent + " evil.example Evil_Corp") == (
        "the organisation's own domains (site_url, own_domains) gain evil.example; "
        "its own names (own_names) gain Evil Corp")
    # The first real address of a site that had only init's placeholder is no governance.
    assert gained("https://example.org/legal/", "https://acme.com/legal/") == ""
    assert gained("", "https://acme.com/legal/ Acme") == "its own names (own_names) gain Acme"


def test_a_name_written_in_full_reads_old_to_new() -> None:
    v = classify("Payments in the Woo store are handled as described below.",
                 "Payments in the WooCommerce store are handled as described below.",
                 section_material=True, variables_changed=(), immaterial_vars=frozenset())
    assert v.reason == "Not material: a name was written in full or shortened (Woo → WooCommerce)."
