"""A history walk re-renders a document only when something its last render read changed.

Reuse is keyed by what the render actually read (section files, variables,
included files), so an edit to an included file or a variable still makes a
version, and an edit to a file the document never reads does not re-render it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from lexdocs.history import versions
from lexdocs.history.versions import load_histories
from tests.conftest import Repo, write_project


def test_included_file_and_variable_edits_still_make_versions(
        repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(repo)
    repo.write("policy_src/_shared/contact.md", "Call us on weekdays.\n")
    repo.replace("policy_src/privacy/10-intro.md", "personal information.",
                 "personal information. {% include '_shared/contact.md' %}")
    repo.commit("first", "2024-09-10T10:00:00+00:00")
    repo.write("policy_src/_shared/contact.md", "Call us on weekdays or weekends.\n")
    repo.commit("only the included file", "2024-10-01T10:00:00+00:00")
    repo.write("policy_src/README.md", "Notes for editors; no document reads this.\n")
    repo.commit("a file no document reads", "2024-10-02T10:00:00+00:00")
    repo.replace("policy_src/variables.yml", "90 days", "60 days")
    repo.commit("only a variable", "2024-10-03T10:00:00+00:00")

    renders: list[str] = []
    real = versions._render

    def counting(*args: object) -> object:
        renders.append(str(args[1]))
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(versions, "_render", counting)
    h = load_histories(repo.path, "policy_src", ["privacy"], ZoneInfo("UTC"))["privacy"]
    assert [v.published.date().isoformat() for v in h.versions] == [
        "2024-09-10", "2024-10-01", "2024-10-03"]
    assert "weekends" in h.versions[1].rendered.html
    assert "60 days" in h.versions[2].rendered.html
    assert len(renders) == 3, "the commit touching only README.md must reuse the last render"
