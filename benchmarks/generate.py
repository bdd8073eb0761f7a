"""Repositories with long, busy histories, for the benchmarks and the bench guard test.

A history whose commits mostly change nothing a reader sees would flatter a
build: few versions, few pages, few PDFs. Here most commits change the
published text of one document (one version per commit), and the rest are the
other things real histories hold: a shared variable edited (a version of every
document at once), a topic branch merged, a section file renamed, and a commit
that changes nothing visible. Three documents, fixed dates (one commit a day),
and a seeded random choice make every run build the same repository.

Two profiles. The friendly one (the default) keeps each document near 6 KB and
makes a version by editing a short notes section. The big one (`profile="big"`)
keeps each document the size of a real policy, 50-100 KB, and edits it as
lawyers do: a sentence added, a paragraph rewritten, added or removed, a
section added or removed. It starts near 55 KB and, since more is added than
removed, grows towards 100 KB over 1,000 commits; at the bounds it shrinks.

The edits are declared not material (`material: false` sections and variable),
so the notice gate lets most versions through without a change-log entry: the
benchmark times building versions, not writing summaries. Every change is still
compared and judged word by word, as a material one would be. A section added
or removed is material whatever it declares (a new section's declaration counts
only once the version that made it is in force), so such a commit, and an edit
of a section added within the notice period, also writes its change-log entry:
a summary, effective after the notice period, and the lawyer's call that it
is material (no rule may guess at the rewording of a section still new).
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
PROFILES = ("friendly", "big")
BIG_SECTIONS = 14  # sections a big document starts with, ~4 KB each
BIG_LOW, BIG_HIGH = 55_000, 95_000  # a big document shrinks above, grows below (bytes)
# (edit, weight) of one big-document edit between the bounds: more added than removed.
BIG_EDITS = (("sentence", 15), ("paragraph", 28), ("rewrite", 34), ("cut", 10),
             ("section", 7), ("drop", 6))
KEEP = frozenset({"intro", "retention"})  # never removed: the retention section uses variables
NOTICE_DAYS = 30  # the site's notice period (mkdocs.yml)
START = dt.datetime(2015, 1, 1, 10, 0, tzinfo=dt.UTC)
LAST_DAY = dt.datetime(2025, 1, 1, 10, 0, tzinfo=dt.UTC)
"""A history long enough to pass this day starts earlier, so that none of its commits
(one a day) is dated after the day it is built: a build refuses a commit from the future."""

_WORDS = ("information", "account", "service", "request", "provider", "record", "period",
          "purpose", "contract", "consent", "security", "processing", "customer", "access",
          "deletion", "transfer", "notice", "law", "support", "billing", "device", "browser",
          "message", "team", "partner")


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(10, 20))).capitalize() + "."


def _sentences(rng: random.Random, n: int) -> list[str]:
    return [_sentence(rng) for _ in range(n)]


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentences(rng, sentences))


class Generated:
    """One generated project in a git repository; `commits` counts first-parent commits."""

    def __init__(self, path: Path, seed: int = 12, profile: str = "friendly",
                 commits: int = 0) -> None:
        if profile not in PROFILES:
            raise ValueError(f"profile {profile!r}: one of {', '.join(PROFILES)}")
        self.start = min(START, LAST_DAY - dt.timedelta(days=commits))
        self.path = path
        self.profile = profile
        self.rng = random.Random(seed)
        self.commits = 0
        self.kinds: Counter[str] = Counter()
        self.edits: Counter[str] = Counter()
        ids = list(SECTIONS)
        if profile == "big":
            ids += [f"part{i}" for i in range(len(SECTIONS) + 1, BIG_SECTIONS + 1)]
        self.files = {d: [f"{10 * (i + 1)}-{s}.md" for i, s in enumerate(ids)]
                      for d in DOCUMENTS}
        self.revision = dict.fromkeys(DOCUMENTS, 0)
        self.shared = 0
        self.added = 0  # sections added so far, for fresh ids
        # A big document's text: section id -> (title, paragraphs of sentences).
        self.text: dict[str, dict[str, tuple[str, list[list[str]]]]] = {d: {} for d in DOCUMENTS}
        self.changes: dict[str, list[str]] = {d: [] for d in DOCUMENTS}  # change-log entries
        self.born: dict[str, int] = {}  # commit count when each added section came

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
        return self.start + dt.timedelta(days=self.commits)

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

    def section(self, doc: str, name: str) -> None:
        """Write one section of a big document from its text (declared not material)."""
        sid = _sid(name)
        title, paragraphs = self.text[doc][sid]
        body = "\n\n".join(" ".join(p) for p in paragraphs)
        extra = ("\n\nWe keep web logs for {{ retention.logs }}. Write to {{ contact.email }}."
                 if sid == "retention" else "")
        self.write(f"policy_src/{doc}/{name}",
                   f"---\nid: {sid}\ntitle: {title}\nmaterial: false\n---\n{body}{extra}\n")

    def summary(self, doc: str, what: str) -> None:
        """A change-log entry for the version this commit makes: the summary a material
        change needs, effective after the notice period (30 days)."""
        effective = (self.date() + dt.timedelta(days=NOTICE_DAYS + 1)).date().isoformat()
        self.changes[doc].append(f"- summary: {what} (revision {self.revision[doc]})\n"
                                 f"  effective: {effective}\n  material: true\n"
                                 "  reason: Readers are told of every section added, "
                                 "removed or new.\n")
        self.write(f"policy_src/{doc}/changes.yml", "".join(reversed(self.changes[doc])))

    def size(self, doc: str) -> int:
        """A big document's text in bytes (near enough: the sentences and their spaces)."""
        return sum(len(x) + 1 for _, ps in self.text[doc].values() for p in ps for x in p)

    def setup(self, pdf: bool) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        for key, value in (("user.name", "Bench"), ("user.email", "bench@example.com"),
                           ("commit.gpgsign", "false")):
            self.git("config", key, value)
        self.variables()
        for doc in DOCUMENTS:
            for name in self.files[doc]:
                sid = _sid(name)
                if self.profile == "big":
                    self.text[doc][sid] = (sid.capitalize(), [
                        _sentences(self.rng, 6) for _ in range(self.rng.randint(4, 7))])
                    self.section(doc, name)
                    continue
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
            self.edit(doc)
            self.commit(f"{doc}: revision {self.revision[doc]}")
        elif kind == "variable":
            self.shared += 1
            self.variables()
            self.commit(f"shared revision {self.shared}")
        elif kind == "merge":
            branch = f"topic-{self.commits}"
            self.git("checkout", "-q", "-b", branch)
            self.edit(doc)
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
            # Keep the order: "31" → "32" within its ten, else "39" → "39x" → "39xx".
            bumped = not prefix.endswith("x") and int(prefix) % 10 < 9
            new = f"{int(prefix) + 1}-{rest}" if bumped else f"{prefix}x-{rest}"
            self.git("mv", f"policy_src/{doc}/{old}", f"policy_src/{doc}/{new}")
            self.files[doc][i] = new
            self.document_yml(doc)
            self.commit(f"{doc}: rename {old} to {new}")
        else:
            self.variables(comment=f"# reviewed {self.commits}\n")
            self.commit("comment only")

    def edit(self, doc: str) -> None:
        """One new version of `doc`: its notes (friendly) or its text (big) change."""
        self.revision[doc] += 1
        if self.profile == "friendly":
            self.notes(doc)
            return
        size = self.size(doc)
        if size < BIG_LOW:
            edit = self.rng.choice(("paragraph", "section"))
        elif size > BIG_HIGH:
            edit = self.rng.choice(("cut", "drop"))
        else:
            edit = self.rng.choices([e for e, _ in BIG_EDITS], [w for _, w in BIG_EDITS])[0]
        names = self.files[doc]
        if edit == "drop" and not [n for n in names if _sid(n) not in KEEP]:
            edit = "cut"
        self.edits[edit] += 1
        if edit == "section":
            self.added += 1
            sid = f"added{self.added}"
            name = f"{10 * self.added}-{sid}.md"
            title = f"{self.rng.choice(_WORDS).capitalize()} and {self.rng.choice(_WORDS)}"
            self.text[doc][sid] = (title, [_sentences(self.rng, 6)
                                           for _ in range(self.rng.randint(3, 7))])
            names.insert(self.rng.randint(1, len(names)), name)
            self.born[sid] = self.commits
            self.section(doc, name)
            self.document_yml(doc)
            self.summary(doc, f"A new section, {title}.")
            return
        if edit == "drop":
            name = self.rng.choice([n for n in names if _sid(n) not in KEEP])
            names.remove(name)
            del self.text[doc][_sid(name)]
            self.git("rm", "-q", f"policy_src/{doc}/{name}")
            self.document_yml(doc)
            self.summary(doc, f"The section {_sid(name)} is removed.")
            return
        name = self.rng.choice(names)
        paragraphs = self.text[doc][_sid(name)][1]
        at = self.rng.randrange(len(paragraphs))
        if edit == "sentence":
            paragraphs[at].insert(self.rng.randint(0, len(paragraphs[at])),
                                  _sentence(self.rng))
        elif edit == "paragraph":
            paragraphs.insert(at, _sentences(self.rng, self.rng.randint(3, 7)))
        elif edit == "rewrite":
            p = paragraphs[at]
            start = self.rng.randrange(len(p))
            p[start:start + self.rng.randint(1, 3)] = _sentences(self.rng, self.rng.randint(1, 3))
        elif len(paragraphs) > 1:  # cut: a paragraph goes
            del paragraphs[at]
        else:
            paragraphs[at] = paragraphs[at][:1]
        self.section(doc, name)
        if self.commits - self.born.get(_sid(name), -NOTICE_DAYS - 9) <= NOTICE_DAYS + 1:
            # The section's own `material: false` is not in force yet: this is material.
            self.summary(doc, f"The new section {_sid(name)} is worded again.")

    def document_bytes(self) -> dict[str, int]:
        """Each document's sources on disk now, in bytes (sections and notes)."""
        return {d: sum(f.stat().st_size for f in (self.path / "policy_src" / d).glob("*.md"))
                for d in DOCUMENTS}

    def edit_working_section(self, marker: str) -> Path:
        """A lawyer's save in the working tree: the privacy notes now say `marker`."""
        path = self.path / "policy_src/privacy/90-notes.md"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(This is revision \d+ of this document)[^,]*,", rf"\1 {marker},", text)
        path.write_text(text, encoding="utf-8")
        return path


def _sid(name: str) -> str:
    """A section's id from its file name (`30-use.md`, renamed `31-use.md`: `use`)."""
    return name.split("-", 1)[1].removesuffix(".md")


def generate(path: Path, commits: int, *, pdf: bool = True, seed: int = 12,
             profile: str = "friendly") -> Generated:
    """A project of `commits` first-parent commits in `path` (created), of a profile in
    PROFILES."""
    g = Generated(path, seed, profile, commits)
    g.setup(pdf)
    while g.commits < commits:
        g.step()
    return g
