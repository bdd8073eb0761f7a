"""`lexdocs import`: adopt an existing Markdown policy with its whole history.

The history is *replayed*: every first-parent commit that changed the old file
(followed through renames) becomes a new commit on a new branch that starts at
the current commit, with the same author, the same committer and the same
dates, whose document folder holds that commit's text converted to the lexdocs
layout. Once the branch is fast-forwarded into the main branch, lexdocs reads
those commits like any others: each past text is a version dated as it was
published, a commit that changed nothing a reader sees (front matter, list
markers, a retyped date) makes none, and no build ever needs to know the old
path. The other way — teaching every build to read an old path's history —
would keep a second source layout alive in the engine forever.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from lexdocs.adopt.captures import returns, returns_note, strays, strays_note
from lexdocs.adopt.convert import Converted, convert, keep_ids, layout, relink, unclean
from lexdocs.adopt.notes import (
    WRITTEN,
    old_site_notes,
    own_sites_note,
    raised_note,
    stopping_note,
    written_notes,
)
from lexdocs.adopt.scaffold import starter_files, starter_name
from lexdocs.adopt.zones import SAMPLE, Guess, guess_zone, parse_offset
from lexdocs.config import Options
from lexdocs.errors import GitError, SourceError
from lexdocs.history.gitstore import Authored, GitStore, Replayed, open_store
from lexdocs.review.timeline import build_date
from lexdocs.sources.yamlsrc import normalise_text

DEFAULT_BRANCH = "lexdocs-import/{doc}"


@dataclass(frozen=True)
class ImportResult:
    """What `lexdocs import` wrote, for the message that tells people what to do next."""

    branch: str
    doc: str
    folder: str
    commits: int
    seen: int
    first: dt.datetime | None
    baseline: str | None
    left_out: int = 0
    """Commits of the file before the versions start: not Markdown, or not convertible."""
    why_left_out: str = ""
    start: str | None = None
    """The commit (of the old file) the versions start from."""
    zone: str = "UTC"
    """The time zone the versions' days were taken in, and why (`zone_note`)."""
    zone_note: str = ""
    notes: tuple[str, ...] = ()
    """What was done to the working tree so that `git switch` to the branch works."""
    site: bool = False
    """Whether the project had its mkdocs.yml already (`lexdocs init` ran before)."""
    listed: bool = False
    """Whether that mkdocs.yml lists its documents (`documents:`), so the new one must be
    added to the list."""
    site_url: str = ""
    """The `site-url` warning of that mkdocs.yml, if its site_url is unset or the
    placeholder: every link edit of the imported history is judged by it."""


def import_document(opts: Options, path: Path, doc: str, *, date_line: str = "remove",
                    branch: str | None = None, adopted: dt.date | None = None,
                    baseline: str | None = None, zone: str | None = None) -> ImportResult:
    """Replay the history of the Markdown file `path` as the lexdocs document `doc`.

    `zone` is the time zone the user chose (or mkdocs.yml states); without one, the
    commits' own UTC offsets decide (`zones`), and the result says which was taken.
    """
    branch = branch or DEFAULT_BRANCH.format(doc=doc)
    with open_store(opts.project) as store:
        top = _top_relative(store, path)
        base = store.head()
        if base is None:
            raise GitError("the repository has no commit yet", hint=f"commit {top} first")
        folder = f"{opts.source_dir}/{doc}"
        if store.read(base, f"{folder}/document.yml") is not None:
            raise SourceError(f"{folder}/ already holds a document", path=folder,
                              hint="choose another name with --as")
        history = store.follow(top)
        if not history:
            raise GitError(f"no commit of the current branch contains {top}", path=top,
                           hint="commit the file first, or give its path as git knows it")
        texts, left_out, why = _titles_carried(
            clean_history(store, history, lambda text: convert(text, "", date_line)),
            _title(doc))
        gone = set(strays([text or "" for _, _, text, _ in texts]))
        captured = [(t[0].sha, t[2] or "") for k, t in enumerate(texts) if k in gone]
        texts = [t for k, t in enumerate(texts) if k not in gone]
        history = [(c, p) for c, p, _, _ in texts]
        tz, zone_note = _zone(zone, [c.committer[2] for c, _ in history])
        adopted = adopted or _adoption_day(tz, history[-1][0].committer[2])
        steps, raised, written = plan(texts, doc, top, adopted, baseline)
        extra = {}
        variables = f"{opts.source_dir}/variables.yml"
        in_the_way = _in_the_way(store, opts, folder)
        if store.read(base, variables) is None:
            extra[variables] = ("# Facts shared by every document (see EDITING.md).\n"
                                "# Declare each one once here and use it as {{ group.name }}.\n")
            if store.untracked(variables):  # written by `init`: it goes into the branch
                extra[variables] = (opts.project / variables).read_text(encoding="utf-8")
                in_the_way[variables] = (
                    f"Moved the uncommitted {variables} into branch '{branch}', unchanged.")
        files = [Replayed(s.commit, s.message,
                          {**extra, **{f"{folder}/{k}": v for k, v in s.files.items()}})
                 for s in steps]
        store.replay(branch, base, folder, files)
        newest = files[-1].files if files else {}
        stops = stopping_note(opts.source_dir, doc, lambda p: newest[p] if p in newest
                              else store.read(base, p)) if files else []
    for rel in in_the_way:
        (opts.project / rel).unlink()
    for rel in {str(Path(r).parent) for r in in_the_way}:
        if (opts.project / rel).is_dir() and not any((opts.project / rel).iterdir()):
            (opts.project / rel).rmdir()
    first = steps[0].commit.committer[2] if steps else None
    when = (dt.datetime.fromtimestamp(int(first.split()[0]), tz) if first else None)
    return ImportResult(branch=branch, doc=doc, folder=folder, commits=len(steps),
                        seen=left_out + len(captured) + len(history), first=when,
                        baseline=_baseline_of(steps[0].files) if steps else None,
                        left_out=left_out, why_left_out=why,
                        start=history[0][0].sha if history else None,
                        zone=str(tz), zone_note=zone_note,
                        notes=(*dict.fromkeys(in_the_way.values()),
                               *old_site_notes(texts[-1][2] if texts else None),
                               *own_sites_note(texts[-1][2] if texts else None, opts.home),
                               *strays_note(captured),
                               *returns_note([steps[i].commit.sha for i in returns(
                                   [s.files for s in steps])], len(steps)),
                               *written_notes(written, len(history)),
                               *raised_note(raised), *stops),
                        site=(opts.project / "mkdocs.yml").is_file(),
                        listed=lists_documents(opts.project),
                        site_url=_site_url_said(opts))


def _site_url_said(opts: Options) -> str:
    """The `site-url` warning `check` and the build give, as a line, or ""."""
    from lexdocs.review.links import site_url_finding

    config = opts.project / "mkdocs.yml"
    unset = site_url_finding(opts.site_url, config) if config.is_file() else None
    return str(unset) if unset is not None else ""


def lists_documents(project: Path) -> bool:
    """Whether the project's mkdocs.yml lists its documents (a `documents:` line that is
    not a comment, as the one `lexdocs init` writes is until someone sets it)."""
    site = project / "mkdocs.yml"
    return site.is_file() and re.search(r"^\s*documents\s*:", site.read_text(
        encoding="utf-8", errors="replace"), re.M) is not None


def stated_zone(opts: Options) -> str | None:
    """The zone mkdocs.yml names, or None if it names none (then the default, UTC, is
    nobody's choice, and the commits' own offsets decide)."""
    mk = opts.project / "mkdocs.yml"
    if mk.is_file() and re.search(r"^\s*timezone\s*:", mk.read_text(encoding="utf-8"), re.M):
        return str(opts.tz)
    return None


def site_setup(directory: Path, source: str) -> tuple[Guess | None, list[str]]:
    """For `lexdocs init`: the zone the documents were written in, and the import branches
    that wait to be merged (their document replaces the starter). The zone is read from
    the commits that made the documents (`source`, on HEAD and on the waiting branches),
    as `import` read it from the file's own. Read from the whole repository, a policy
    committed from London in a repository mostly committed from North America got
    another zone than its import, in which the `adopted:` day the import wrote had not
    come yet in the evening, and the first build failed. Only a repository with no
    document yet is read whole. Nothing outside a git repository,
    or before its first commit."""
    try:
        with open_store(directory) as store:
            waiting = store.unmerged_branches(DEFAULT_BRANCH.format(doc=""))
            dates = [d for rev in ("HEAD", *waiting)
                     for d in store.commit_dates(SAMPLE, rev, source)]
            dates = dates or store.commit_dates(SAMPLE)
    except GitError:
        return None, []
    return guess_zone([parse_offset(d) for d in dates]), waiting


def _zone(chosen: str | None, dates: list[str]) -> tuple[ZoneInfo, str]:
    """The zone to date versions in, and a line saying which and why; a configured zone
    that puts some commits on another day than their own offsets is pointed out."""
    guess = guess_zone([parse_offset(d) for d in dates])
    if chosen is None:
        zone = guess.zone if guess else "UTC"
        why = f"{guess.describe()}" if guess else "UTC (no commit to read it from)"
        return ZoneInfo(zone), (f"Versions are dated in {why}; set 'timezone: {zone}' under "
                                "lexdocs in mkdocs.yml ('lexdocs init' writes it).")
    tz = ZoneInfo(chosen)
    if guess is None or guess.zone == chosen:
        return tz, f"Versions are dated in {chosen}."
    own = ZoneInfo(guess.zone)
    moved = sum(1 for d in dates if _day(d, tz) != _day(d, own))
    if not moved:
        return tz, f"Versions are dated in {chosen}."
    return tz, (f"Versions are dated in {chosen}, which puts {moved} of {len(dates)} commit(s) "
                f"on another day than their own offsets say ({guess.describe()}); if that is "
                f"the team's zone, set 'timezone: {guess.zone}' in mkdocs.yml.")


_WESTERNMOST = ZoneInfo("Etc/GMT+12")  # UTC−12: the last place a day begins


def _adoption_day(tz: ZoneInfo, newest: str) -> dt.date:
    """`adopted:` for an import: today as the last place on Earth to reach it counts it,
    so that it has come in whatever zone the site dates in. Today in the zone the import
    guessed (London's, say) had not come yet in the evening in the one the site chose
    later (a North American one), and every build failed until midnight. Never before
    the day of the file's newest commit in the import's zone, which is a version from
    before adoption, not one the notice gate judges; never after today there either: a
    commit dated in the future (a wrong clock, or on purpose) would put adoption in the
    future, where the gate's own rule about such commits should name it."""
    return max(build_date(_WESTERNMOST), min(_day(newest, tz), build_date(tz)))


def _day(raw: str, tz: ZoneInfo) -> dt.date:
    return dt.datetime.fromtimestamp(parse_offset(raw)[0], tz).date()


def _in_the_way(store: GitStore, opts: Options, folder: str) -> dict[str, str]:
    """Uncommitted files a `git switch` to the new branch would refuse to overwrite (or
    that would publish a second document): the starter document `lexdocs init` wrote,
    untouched, is removed; anything else stops the import before it writes a thing."""
    starter = starter_files()
    out: dict[str, str] = {}
    for where in dict.fromkeys((folder, f"{opts.source_dir}/{starter_name()}")):
        pending = store.untracked(where)
        if not pending:
            continue
        ours = all(Path(p).name in starter and Path(p).parent.as_posix() == where
                   and (opts.project / p).read_text(encoding="utf-8") == starter[Path(p).name]
                   for p in pending)
        if ours:
            out.update((p, f"Removed the unchanged starter document {where}/ that 'lexdocs "
                           "init' wrote: the imported document takes its place.") for p in pending)
        elif where == folder:
            raise SourceError(f"{folder}/ holds files git does not track "
                              f"({', '.join(sorted(pending)[:3])})", path=folder,
                              hint="commit or move them, or import under another name with --as")
    return out


Text = tuple[Authored, str, str | None, Converted | None]
"""A commit of the old file, the file's path then, its text (None if unreadable) and that
text converted (None if it cannot be, faithfully)."""


def clean_history(store: GitStore, history: list[tuple[Authored, str]],
                  read: Callable[[str], Converted]) -> tuple[list[Text], int, str]:
    """The texts from the last one that cannot be converted faithfully onwards (the
    file's HTML era, say), the number left out before them, and why the last was.
    Each text is converted here once, by `read`: whether it gives the document a part
    to publish is what its conversion holds, and the replay writes that conversion."""
    texts: list[Text] = []
    cut, why, hint, verdict = 0, "", "", ""
    for i, (c, path) in enumerate(history):
        data = store.read_top(c.sha, path)
        text: str | None = None
        conv: Converted | None = None
        problem: str | None = None
        fix = "convert it to Markdown and commit it, then import it"
        said = "it cannot be imported as Markdown"
        if data is None:  # a folder or a submodule there: nothing to read, so no version
            problem = f"{path} is not a file in commit {c.sha[:10]}"
            fix = "import a file that holds the policy's text"
        else:
            try:
                # a byte-order mark (Notepad's) and CRLF line ends are no text: read as
                # every lexdocs source is, or the title line began with a mark, was no
                # heading, and the document took its title from --as
                text = normalise_text(data.decode("utf-8"))
            except UnicodeDecodeError as exc:
                # saved in another encoding, a version cannot be read faithfully, as one
                # written in HTML cannot: left out, unless it is the newest
                line = data[:exc.start].count(b"\n") + 1
                problem = (f"{path} is not UTF-8 text (byte 0x{data[exc.start]:02x}, line "
                           f"{line}) in commit {c.sha[:10]}")
                fix = "commit the file again saved as UTF-8, then import it"
            else:
                problem = unclean(path, text)
                conv = read(text) if problem is None else None
                if conv is not None and not conv.sections:
                    # a title alone (a repository's "# everest-legal" README) makes a
                    # document of no parts, which no build can publish
                    problem = f"{path} holds no text under its title in commit {c.sha[:10]}"
                    fix, said = "write its text, commit it, then import it", (
                        "there is nothing to publish")
        if problem is not None:
            cut, why, hint, verdict = i + 1, problem, fix, said
        texts.append((c, path, text, conv))
    if cut == len(texts):
        raise SourceError(f"{why}: {verdict}", path=history[-1][1], hint=hint)
    return texts[cut:], cut, why


def plan(texts: list[Text], doc: str, source: str, adopted: dt.date | None,
         baseline: str | None
         ) -> tuple[list[Replayed], list[str], dict[str, list[str]]]:
    """The commits to write: one per commit whose converted files differ from the last;
    the commits of the old file committed at an earlier commit's date; and for each thing
    the conversion writes otherwise than typed (`notes.WRITTEN`: markup with no text left
    out, tables written row by row, control characters written as meant), the commits
    whose text it did it to, for the notes that say so.

    The baseline (the date the first text stated by hand) is read from the first
    version and written into every commit, so the first version is dated as its
    readers saw it, whichever commit is read.

    A commit dated before the one it follows (an archive's bot re-recording old text,
    a rebase) is written with that commit's date as its committer date, its author's
    kept. Every build reads a date that goes back as one it cannot believe, dating the
    version no earlier than the day it first sees it plus its notice: each version
    after it in the old file's history would have been upcoming, for years to come.
    """
    convs: list[tuple[Authored, str, Converted]] = []
    for commit, path, _, read in texts:
        if read is not None:
            convs.append((commit, path, relink(keep_ids(convs[-1][2] if convs else None, read))))
    if baseline is None and convs and convs[0][2].dates:
        baseline = convs[0][2].dates[0].baseline
    steps: list[Replayed] = []
    previous: dict[str, str] | None = None
    latest = -(2 ** 63)
    raised: list[str] = []
    for commit, path, conv in convs:
        files = layout(conv, doc, adopted=adopted, baseline=baseline, source=source)
        if files == previous:
            continue
        previous = files
        message = (f"{commit.subject}\n\nReplayed by 'lexdocs import' from {path} at "
                   f"{commit.sha}, with its author, committer and dates.\n")
        seconds, offset = parse_offset(commit.committer[2])
        if seconds < latest:  # see the docstring
            raised.append(commit.sha)
            zone = commit.committer[2].split()[-1]
            commit = replace(commit, committer=(*commit.committer[:2], f"{latest} {zone}"))
            was = dt.datetime.fromtimestamp(seconds, dt.timezone(dt.timedelta(seconds=offset)))
            message = message[:-2] + (
                f", but committed at the date of the commit before it: it was dated "
                f"{was.isoformat()}, earlier.\n")
        latest = max(latest, seconds)
        steps.append(Replayed(commit, message, files))
    return steps, raised, {kind: [c.sha for c, _, conv in convs if getattr(conv, kind)]
                           for kind in WRITTEN}


def _top_relative(store: GitStore, path: Path) -> str:
    full = path.resolve()
    try:
        return full.relative_to(store.root).as_posix()
    except ValueError:
        raise GitError(f"{path} is not inside the repository at {store.root}",
                       path=str(path), hint="give the path of a file in this repository") from None


def _titles_carried(read: tuple[list[Text], int, str], default: str
                    ) -> tuple[list[Text], int, str]:
    """`clean_history`'s texts with each version that has no title of its own given the
    title of the version before it, and those before any the first title (or, when none
    has one, the one made from --as): a document keeps its name. Pinterest's privacy policy
    as archived lost its heading marks for two versions, each titled from --as ("Doc") and
    reviewed as "the wording changed ('Privacy policy' → 'Doc')"; Upscrolled's guidelines
    began untitled, and the history said "only a heading was reworded (Doc → Community
    Guidelines)"."""
    texts, left_out, why = read
    last = next((conv.title for _, _, _, conv in texts if conv is not None and conv.title),
                default)
    out: list[Text] = []
    for c, p, text, conv in texts:
        if conv is not None:
            last = conv.title or last
            conv = conv if conv.title else replace(conv, title=last)
        out.append((c, p, text, conv))
    return out, left_out, why


def _title(doc: str) -> str:
    return doc.replace("-", " ").replace("_", " ").capitalize()


def _baseline_of(files: dict[str, str]) -> str | None:
    for line in files.get("document.yml", "").splitlines():
        if line.startswith("baseline:"):
            return line.split(":", 1)[1].strip().strip("'\"")
    return None


def next_steps(result: ImportResult) -> list[str]:
    """What to do after an import, in the order to do it."""
    start = ([f"Versions start at commit {result.start[:10]}: the {result.left_out} "
              f"commit(s) before it are left out (the last of them: {result.why_left_out})."]
             if result.left_out and result.start else [])
    return [
        f"Wrote {result.commits} commit(s) to branch '{result.branch}' "
        f"({result.seen} commit(s) of the old file read; those that changed nothing "
        "in the converted files were left out).",
        *start, result.zone_note, *result.notes,
        f"Check it:   git switch {result.branch} && lexdocs versions {result.doc}",
        *([] if result.site else ["Set up the site:   lexdocs init .   then set site_url in "
                                  "mkdocs.yml to the address the site is published at: it "
                                  "decides which links are this site's own."]),
        *([result.site_url] if result.site_url else []),
        *([f"Add {result.doc} to the 'documents:' list in mkdocs.yml."] if result.listed
          else []),
        "Delete the old file in the same branch when the old site stops publishing it.",
        f"Adopt it:   git switch - && git merge --ff-only {result.branch}",
        "Only a fast-forward keeps the replayed commits and their dates on the main branch's "
        "first-parent line; do not rebase or squash the branch.",
    ]
