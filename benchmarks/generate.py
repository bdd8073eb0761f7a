"""Repositories with long, busy histories, for the benchmarks and the bench guard test.

A history whose commits mostly change nothing a reader sees would flatter a
build: few versions, few pages, few PDFs. Here most commits change the
published text of one document (one version per commit), and the rest are the
other things real histories hold: a shared variable edited (a version of every
document at once), a topic branch merged, a section file renamed, and a commit
that changes nothing visible. Three documents, fixed dates (one commit a day),
and a seeded random choice make every run build the same repository.

The edits are declared not material (a `material: false` section and variable),
so the notice gate lets every version through without a change-log entry: the
benchmark times building versions, not writing summaries.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ("privacy", "cookies", "terms")
TITLES = {"privacy": "Privacy Statement", "cookies": "Cookie Notice", "terms": "Terms of Service"}
SECTIONS = ("intro", "collection", "use", "sharing", "retention", "rights", "contact")
KINDS = (("text", 70), ("variable", 8), ("merge", 8), ("rename", 6), ("noop", 8))
START = dt.datetime(2015, 1, 1, 10, 0, tzinfo=dt.UTC)

_WORDS = ("information", "account", "service", "request", "provider", "record", "period",
          "purpose", "contract", "consent", "security", "processing", "customer", "access",
          "deletion", "transfer", "notice", "law", "support", "billing", "device", "browser",
          "message", "team", "partner")


def _paragraph(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(10, 20))]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


class Generated:
    """One generated project in a git repository; `commits` counts first-parent commits."""

    def __init__(self, path: Path, seed: int = 12) -> None:
        self.path = path
        self.rng = random.Random(seed)
        self.commits = 0
        self.kinds: Counter[str] = Counter()
        self.files = {d: [f"{10 * (i + 1)}-{s}.md" for i, s in enumerate(SECTIONS)]
                      for d in DOCUMENTS}
        self.revision = dict.fromkeys(DOCUMENTS, 0)
        self.shared = 0

    # --- git -------------------------------------------------------------------------------
    def git(self, *args: str, date: dt.datetime | None = None) -> str:
        env = dict(os.environ)
        if date is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date.isoformat()
        return subprocess.run(["git", *args], cwd=self.path, env=env, check=True,
                              capture_output=True, text=True).stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, date=self.date())
        self.commits += 1

    def date(self) -> dt.datetime:
        return START + dt.timedelta(days=self.commits)

    # --- files -----------------------------------------------------------------------------
    def write(self, rel: str, text: str) -> None:
        p = self.path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")

    def document_yml(self, doc: str) -> None:
        sections = "\n".join(f"  - {f}" for f in [*self.files[doc], "90-notes.md"])
        self.write(f"policy_src/{doc}/document.yml",
                   f"title: {TITLES[doc]}\nslug: {doc}\nsections:\n{sections}\n")

    def notes(self, doc: str) -> None:
        n = self.revision[doc]
        self.write(f"policy_src/{doc}/90-notes.md",
                   "---\nid: notes\ntitle: Editorial Notes\nmaterial: false\n---\n"
                   f"This is revision {n} of this document, shared revision "
                   "{{ bench.revision }}.\n")

    def variables(self, comment: str = "") -> None:
        self.write("policy_src/variables.yml",
                   f"{comment}retention:\n  logs:\n    type: duration\n    value: 90 days\n"
                   "contact:\n  email:\n    type: email\n    value: privacy@example.com\n"
                   f"bench:\n  revision:\n    type: text\n    material: false\n"
                   f"    value: r{self.shared}\n")

    def setup(self, pdf: bool) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        for key, value in (("user.name", "Bench"), ("user.email", "bench@example.com"),
                           ("commit.gpgsign", "false")):
            self.git("config", key, value)
        self.variables()
        for doc in DOCUMENTS:
            for i, name in enumerate(self.files[doc]):
                sid = SECTIONS[i]
                extra = ("\nWe keep web logs for {{ retention.logs }}. "
                         "Write to {{ contact.email }}.\n" if sid == "retention" else "\n")
                body = "\n\n".join(_paragraph(self.rng, 6) for _ in range(3))
                self.write(f"policy_src/{doc}/{name}",
                           f"---\nid: {sid}\ntitle: {sid.capitalize()}\n---\n{body}{extra}")
            self.notes(doc)
            self.document_yml(doc)
        mk = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        mk = re.sub(r"documents: \[.*\]", f"documents: [{', '.join(DOCUMENTS)}]", mk)
        mk = re.sub(r"pdf: (true|false)", f"pdf: {'true' if pdf else 'false'}", mk)
        self.write("mkdocs.yml", mk)
        for folder in ("docs", "overrides", "hooks"):
            if (ROOT / folder).exists():
                shutil.copytree(ROOT / folder, self.path / folder, dirs_exist_ok=True)
        self.write(".gitignore", "site/\n.cache/\n")
        self.commit("First versions")

    # --- history ---------------------------------------------------------------------------
    def step(self) -> None:
        kind = self.rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        self.kinds[kind] += 1
        doc = self.rng.choice(DOCUMENTS)
        if kind == "text":
            self.revision[doc] += 1
            self.notes(doc)
            self.commit(f"{doc}: revision {self.revision[doc]}")
        elif kind == "variable":
            self.shared += 1
            self.variables()
            self.commit(f"shared revision {self.shared}")
        elif kind == "merge":
            branch = f"topic-{self.commits}"
            self.git("checkout", "-q", "-b", branch)
            self.revision[doc] += 1
            self.notes(doc)
            self.git("add", "-A")
            self.git("commit", "-q", "-m", f"{doc}: revision {self.revision[doc]} on a branch",
                     date=self.date())
            self.git("checkout", "-q", "main")
            self.git("merge", "-q", "--no-ff", "-m", f"Merge {branch}", branch, date=self.date())
            self.commits += 1
        elif kind == "rename":
            i = self.rng.randrange(len(self.files[doc]))
            old = self.files[doc][i]
            prefix, rest = old.split("-", 1)
            new = f"{int(prefix) + 1}-{rest}" if int(prefix) % 10 < 9 else f"{prefix}x-{rest}"
            self.git("mv", f"policy_src/{doc}/{old}", f"policy_src/{doc}/{new}")
            self.files[doc][i] = new
            self.document_yml(doc)
            self.commit(f"{doc}: rename {old} to {new}")
        else:
            self.variables(comment=f"# reviewed {self.commits}\n")
            self.commit("comment only")

    def edit_working_section(self, marker: str) -> Path:
        """A lawyer's save in the working tree: the privacy notes now say `marker`."""
        path = self.path / "policy_src/privacy/90-notes.md"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(This is revision \d+ of this document)[^,]*,", rf"\1 {marker},", text)
        path.write_text(text, encoding="utf-8")
        return path


def generate(path: Path, commits: int, *, pdf: bool = True, seed: int = 12) -> Generated:
    """A project of `commits` first-parent commits in `path` (created)."""
    g = Generated(path, seed)
    g.setup(pdf)
    while g.commits < commits:
        g.step()
    return g
