"""`lexdocs init` and `lexdocs new`: a working legal site from the packaged skeleton.

The skeleton is package data (lexdocs/adopt/skeleton/), so what `init` writes is
exactly what the tests build with `mkdocs build --strict`. `init` never
overwrites a file: in an existing repository it adds only what is missing and
says what it left alone, because a legal team's own files (a mkdocs.yml of a
docs site, a .gitignore) are theirs.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from lexdocs.errors import ConfigError, GitError, SourceError
from lexdocs.history.gitstore import open_store

_FILES = (
    ("mkdocs.yml", "mkdocs.yml"),
    ("gitignore", ".gitignore"),
    ("requirements.txt", "requirements.txt"),
    ("workflows/legal.yml", ".github/workflows/legal.yml"),
    ("CODEOWNERS", ".github/CODEOWNERS"),
    ("EDITING.md", "EDITING.md"),
    ("policy_src/variables.yml", "{source}/variables.yml"),
)
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
NAME_HINT = ("start with a lower-case letter, then lower-case letters, digits and dashes, "
             "e.g. 'cookies'")
"""What a document's name may be (its folder, its pages' addresses), said once for `new`
and `import`: "use a-z, 0-9 and dashes" refused '2019-survey', which is made of them."""


def is_document_name(name: str) -> bool:
    return _NAME.match(name) is not None


@dataclass(frozen=True)
class Written:
    """One file `init` or `new` considered: written, or left as it was."""

    path: str
    created: bool
    added: tuple[str, ...] = ()
    """Lines added to a file that was kept (an existing .gitignore)."""


@dataclass(frozen=True)
class Origin:
    """Where the running lexdocs was installed from, so that a new site's CI and pre-commit
    install the same code: a git URL and commit, a wheel, or a release of a package index.

    `requirement` is requirements.txt's text for it (a comment saying what to write when
    nothing installable is known); `hook` the (repository, rev) of the published
    pre-commit hook when that is known; `wheel` a local wheel to copy into the site, since
    a path on this machine is not one its CI can reach; `how` what `init` tells the user.
    """

    requirement: str
    how: str
    hook: tuple[str, str] | None = None
    wheel: Path | None = None
    installable: bool = True


def skeleton(rel: str) -> str:
    """The text of one skeleton file."""
    return (resources.files("lexdocs.adopt") / "skeleton" / rel).read_text(encoding="utf-8")


def starter_name() -> str:
    """Folder name of the starter document `init` writes when there is none yet: its
    slug, so the name lives with the rest of the starter in the skeleton."""
    match = re.search(r"^slug:\s*([a-z][a-z0-9-]*)\s*$", skeleton("starter/document.yml"), re.M)
    if match is None:  # pragma: no cover - the packaged skeleton always has one
        raise ConfigError("the packaged starter document has no slug")
    return match.group(1)


def _version() -> str:
    try:
        return metadata.version("lexdocs")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a plain checkout
        return "0.1.0"


def origin() -> Origin:
    """The running lexdocs' origin, read from the record pip keeps of a direct install
    (PEP 610 `direct_url.json`); none means it came from a package index."""
    version = _version()
    try:
        raw = metadata.distribution("lexdocs").read_text("direct_url.json")
        direct = json.loads(raw) if raw else None
    except (metadata.PackageNotFoundError, ValueError):
        direct = None
    if not isinstance(direct, dict) or not isinstance(direct.get("url"), str):
        return Origin(f"lexdocs=={version}", f"lexdocs {version} from the package index")
    url: str = direct["url"]
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        commit = str(vcs["commit_id"])
        return Origin(f"lexdocs @ git+{url}@{commit}",
                      f"lexdocs from {url} at commit {commit[:12]}, as installed here",
                      hook=(url, commit))
    if url.startswith("file://"):
        path = Path(urllib.parse.unquote(urllib.parse.urlparse(url).path))
        if path.suffix == ".whl" and path.is_file():
            return Origin(f"./vendor/{path.name}",
                          f"the wheel lexdocs was installed from, kept as vendor/{path.name}",
                          wheel=path)
        if path.is_dir():  # a checkout on this machine, editable or not
            return from_checkout(path, version)
        return _unnamed(version, f"lexdocs was installed from {path}, which is gone")
    return Origin(f"lexdocs @ {url}", f"lexdocs from {url}, as installed here")


def from_checkout(path: Path, version: str) -> Origin:
    """A checkout runs its working tree, which nothing but this machine can install; its
    HEAD commit can be, from its remote, when HEAD is what runs (nothing uncommitted) and
    the remote has it (a remote branch holds it). Otherwise a comment that says what to
    write, rather than a `lexdocs==` line no index can satisfy."""
    try:
        with open_store(path) as store:
            head = store.head()
            if head is None or not store.tracks("pyproject.toml"):
                why = "it has no commit of lexdocs"
            elif store.changed():
                why = "it has uncommitted changes"
            elif (remote := store.remote_with(head)) is None:
                why = f"commit {head[:12]} is on no remote's branch yet (push it)"
            else:
                return _from_git(remote[1], head, store.prefix.rstrip("/"))
    except GitError:
        why = "it is not a git repository"
    return _unnamed(version, f"lexdocs runs from the checkout {path}, but {why}")


def _from_git(remote: str, commit: str, subdirectory: str) -> Origin:
    """pip's and pre-commit's spelling of a git remote (git's own accepts more), without
    any password or token a remote URL can hold: requirements.txt is committed."""
    local = False
    if re.match(r"^[\w.+-]+://", remote):
        parts = urllib.parse.urlsplit(remote)
        if parts.scheme in ("http", "https"):
            parts = parts._replace(netloc=parts.netloc.rpartition("@")[2])
        url = urllib.parse.urlunsplit(parts)
        local = parts.scheme == "file"
    elif re.match(r"^[^/:]+:", remote) and not Path(remote).exists():  # user@host:path
        host, _, rest = remote.partition(":")
        url = f"ssh://{host}/{rest.lstrip('/')}"
    else:
        url, local = Path(remote).resolve().as_uri(), True
    line = f"lexdocs @ git+{url}@{commit}"
    if subdirectory:
        line += f"#subdirectory={subdirectory}"
    how = f"lexdocs from {url} at commit {commit[:12]}, the checkout's pushed HEAD"
    if local:
        how += (" (a folder on this machine: the site's CI cannot reach it; write the "
                "address your CI clones lexdocs from instead)")
    # pre-commit clones a hook's repository and reads .pre-commit-hooks.yaml at its top.
    return Origin(line, how, hook=None if subdirectory else (url, commit))


def _unnamed(version: str, why: str) -> Origin:
    """requirements.txt's comment when no installable lexdocs is known: what to write.
    The reason (a path on this machine) is told to the user, not committed."""
    text = ("# TO DO: `lexdocs init` found no lexdocs that CI could install; until a line\n"
            "# below names one, the workflow installs nothing. Write one of:\n"
            "#   lexdocs @ git+https://HOST/OWNER/lexdocs@FULL_COMMIT_SHA\n"
            f"#   ./vendor/lexdocs-{version}-py3-none-any.whl\n"
            "# (the wheel made by `pip wheel --no-deps -w vendor PATH/TO/LEXDOCS` here).")
    return Origin(text, f"no lexdocs yet, only what to write there: {why}",
                  installable=False)


def _write(root: Path, rel: str, content: str | bytes) -> Written:
    path = root / rel
    if path.exists():
        return Written(rel, created=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return Written(rel, created=True)


def starter_files() -> dict[str, str]:
    """The starter document's files by name, as `init` writes them."""
    return {f: skeleton(f"starter/{f}") for f in _listing("starter")}


def init_site(target: Path, source_dir: str = "policy_src",
              site_name: str | None = None, *, timezone: str = "UTC",
              sources: bool = True, came: Origin | None = None) -> list[Written]:
    """Write every skeleton file that `target` lacks; the starter document only if the
    source folder holds no document yet (an imported one, say). Without `sources` (an
    import waits on its branch with them) nothing in the source folder: an uncommitted
    copy would stop `git switch` to that branch. An existing .gitignore gains the lines
    that keep the built site and caches out of git. `came` is where requirements.txt
    and the pre-commit hook get lexdocs from (default: `origin()`)."""
    if target.exists() and not target.is_dir():
        raise ConfigError(f"{target} is a file, not a folder", path=str(target),
                          hint="give a new or existing folder")
    target.mkdir(parents=True, exist_ok=True)
    name = site_name or _title(target.resolve().name) or "Our"
    if "legal" not in name.lower():
        name += " Legal"
    came = came or origin()
    repo, rev = came.hook or ("", "")
    subs = {"__SITE_NAME__": name, "__VERSION__": _version(), "__SOURCE__": source_dir,
            "__SOURCE_RE__": re.escape(source_dir), "__REQUIREMENT__": came.requirement,
            "__REPO__": repo, "__REV__": rev, "timezone: UTC ": f"timezone: {timezone} "}
    # The published hook when lexdocs came from its repository; else the installed command.
    hook = "pre-commit-remote.yaml" if came.hook else "pre-commit-local.yaml"
    out = []
    for src, dest in (*_FILES, (hook, ".pre-commit-config.yaml")):
        if not sources and dest.startswith("{source}/"):
            continue
        text = skeleton(src)
        for key, value in subs.items():
            text = text.replace(key, value)
        out.append(_write(target, dest.format(source=source_dir), text)
                   if dest != ".gitignore" else _ignore(target / dest, text))
    if came.wheel is not None:
        out.append(_write(target, came.requirement.removeprefix("./"), came.wheel.read_bytes()))
    # The page lexdocs' home replaces: an engine that skips lexdocs fails on it (see
    # lexdocs.engines.guard) or, without the guard, shows what is missing.
    out.append(_write(target, "docs/index.md", skeleton("docs/index.md")))
    if sources and not any((target / source_dir).glob("*/document.yml")):
        folder = f"{source_dir}/{starter_name()}"
        for f, text in sorted(starter_files().items()):
            out.append(_write(target, f"{folder}/{f}", text))
    return out


def _ignore(path: Path, text: str) -> Written:
    """A new .gitignore, or the lines of ours an existing one lacks (`site/`: a built site
    committed by mistake would be published twice, and fail the next pull request)."""
    if not path.exists():
        return _write(path.parent, path.name, text)
    have = path.read_text(encoding="utf-8")
    present = {ln.strip() for ln in have.splitlines()}
    missing = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")
               and ln.strip() not in present]
    if missing:
        lead = "" if not have or have.endswith("\n") else "\n"
        path.write_text(f"{have}{lead}# Added by 'lexdocs init': the built site and caches.\n"
                        + "\n".join(missing) + "\n", encoding="utf-8")
    return Written(path.name, created=False, added=tuple(missing))


def new_document(project: Path, source_dir: str, name: str,
                 title: str | None = None) -> list[Written]:
    """A new document folder with one starter section and an empty change log."""
    if not is_document_name(name):
        raise SourceError(f"'{name}' is not a document name", hint=NAME_HINT)
    folder = project / source_dir / name
    if (folder / "document.yml").exists():
        raise SourceError(f"document '{name}' already exists",
                          path=f"{source_dir}/{name}/document.yml",
                          hint="choose another name, or edit the one that exists")
    out = []
    for f in sorted(_listing("document")):
        # A JSON string is a YAML string: any title reads back as typed.
        text = skeleton(f"document/{f}").replace("__TITLE__", json.dumps(title or _title(name)))
        out.append(_write(project, f"{source_dir}/{name}/{f}", text.replace("__SLUG__", name)))
    return out


def _listing(folder: str) -> list[str]:
    return [p.name for p in (resources.files("lexdocs.adopt") / "skeleton" / folder).iterdir()
            if p.is_file()]


def _title(name: str) -> str:
    return " ".join(w.capitalize() for w in re.split(r"[-_\s]+", name) if w)
