"""mkdocs.yml as committed, judged before MkDocs reads it.

MkDocs' loader does more than read a file. `!!python/object/apply:os.system [...]`
runs a command, `!!python/name:` names any function for an extension to call, `!ENV`
copies any of the build machine's environment (where CI keeps its secrets) into
settings a page prints, and `INHERIT` reads a YAML file wherever it lies; a `hooks:` entry runs a
Python file (one outside the repository, if it says so), and a Markdown extension or a
plugin runs its own code at every build (`pymdownx.snippets` pastes into a page any
file the build can read, or a page from another host). All of that happens while
MkDocs loads the file, before any plugin sees it, and mkdocs.yml is committed by anyone
with one merged pull request.

So the committed text is judged first, without constructing a value of it: by every
lexdocs command before it loads mkdocs.yml (`config.mkdocs_config`, and `lexdocs build`
and `serve` before they start MkDocs), and by the plugin under a plain `mkdocs build`,
which then stops before anything is written (a Python tag or a hook has run by then:
the shipped workflow builds with `lexdocs build`). What may be named is an allow-list:
Python-Markdown's and pymdownx's extensions but the two that read files, the theme's
plugins that work offline, the emoji, fence and slug functions the theme's documentation
names, variables named
`LEXDOCS_…`; a hook must be a
file of the repository, which is code and reviewed as code.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import yaml

from lexdocs.errors import CheckError
from lexdocs.findings import Finding
from lexdocs.sources import yamlsrc

OUTSIDE = "site-outside"
CODE = "site-code"
REMOTE = "site-remote"
DEEP = "site-yaml"

_MARKDOWN = {"abbr", "admonition", "attr_list", "codehilite", "def_list", "extra",
             "fenced_code", "footnotes", "legacy_attrs", "legacy_em", "md_in_html", "meta",
             "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks"}
_PYMDOWNX = {"arithmatex", "betterem", "blocks.admonition", "blocks.caption",
             "blocks.definition", "blocks.details", "blocks.html", "blocks.tab", "caret",
             "critic", "details", "emoji", "escapeall", "extra", "fancylists", "highlight",
             "inlinehilite", "keys", "magiclink", "mark", "pathconverter", "progressbar",
             "saneheaders", "smartsymbols", "striphtml", "superfences", "tabbed", "tasklist",
             "tilde"}
EXTENSIONS = frozenset({*_MARKDOWN, *(f"markdown.extensions.{n}" for n in _MARKDOWN),
                        *(f"pymdownx.{n}" for n in _PYMDOWNX), "lexdocs.engines.guard"})
"""Markdown extensions a committed mkdocs.yml may name: they only turn a page's text
into HTML, which the site's own checks then judge."""
_READERS = {"pymdownx.snippets": "pastes into pages any file the build machine can read, "
                                 "and pages from other hosts",
            "pymdownx.b64": "embeds in pages any image file the build machine can read"}

# not the blog: its `authors_file` reads a YAML file wherever it names, and publishes it
_OFFLINE = {"search", "lexdocs", "tags", "offline", "meta", "typeset"}
PLUGINS = frozenset({*_OFFLINE, *(f"material/{n}" for n in _OFFLINE)})
"""Plugins a committed mkdocs.yml may name: lexdocs, and the theme's that work offline."""
_THEIRS = ("material/privacy", "material/social")  # with the theme's prefix, or without
_FETCHERS = frozenset({*_THEIRS, *(n.removeprefix("material/") for n in _THEIRS)})

ENV_PREFIX = "LEXDOCS_"
"""The variables `!ENV` may read: ones the site's owner set for it (a notice period
from CI, say), never the machine's others, where CI keeps its secrets."""
PYTHON_NAMES = frozenset({
    "material.extensions.emoji.twemoji", "material.extensions.emoji.to_svg",
    "pymdownx.superfences.fence_code_format", "pymdownx.superfences.fence_div_format",
    "pymdownx.arithmatex.arithmatex_fenced_format",
    "pymdownx.arithmatex.arithmatex_inline_format", "pymdownx.emoji.twemoji",
    "pymdownx.emoji.emojione", "pymdownx.emoji.gemoji", "pymdownx.emoji.to_svg",
    "pymdownx.emoji.to_png", "pymdownx.emoji.to_svg_sprite", "pymdownx.emoji.to_png_sprite",
    "pymdownx.emoji.to_alt"})
"""The functions `!!python/name:` may name: the emoji indexes and makers and the fence
formats the theme's and pymdownx's documentation show (any other function of a package
could be handed a page's text to run)."""
PYTHON_CALLS = frozenset({"pymdownx.slugs.slugify"})
"""What `!!python/object/apply:` may call while the file is read: the slug maker the
theme's documentation gives `toc` (it only makes a function)."""
_PYTHON = "tag:yaml.org,2002:python/"


def refuse(config_file: Path) -> None:
    """Stop, in one line naming the file and line, before MkDocs reads a mkdocs.yml that
    would run code, read outside the repository or fetch from another host."""
    for f in findings(config_file):
        raise CheckError(f.message, path=f.path, line=f.line)


def findings(config_file: Path) -> list[Finding]:
    """Every error of the committed mkdocs.yml and of each file it inherits from."""
    top = repository_of(config_file.parent)
    base = config_file.parent.absolute()
    found: list[Finding] = []
    seen: set[Path] = set()
    # each file with where it was named: (file, the file naming it, its line, as written)
    todo: list[tuple[Path, str, int | None, str]] = [(config_file, "", None, "")]
    while todo:
        path, named_in, line, written = todo.pop()
        shown = _shown(path, base, top)
        real = path.resolve()
        if not _inside(real, top):
            what = "is a link to a file" if path.is_symlink() else "is"
            where = f"INHERIT '{written}'" if named_in else f"'{shown}'"
            found.append(Finding(OUTSIDE, "error", f"{where} {what} outside the repository "
                                 "(keep mkdocs.yml and what it inherits in the repository)",
                                 path=named_in or shown, line=line))
            continue
        if real in seen or not real.is_file():
            continue  # MkDocs names a file it cannot find itself
        seen.add(real)
        try:
            root = _compose(real)
        except RecursionError:
            found.append(Finding(DEEP, "error", "the YAML is nested too deeply to be read "
                                 "(use fewer levels of lists and mappings)", path=shown))
            continue
        if root is None:
            continue  # MkDocs says where a file stops being YAML
        # folders and hooks are read from mkdocs.yml's folder, even in an inherited file
        found += [Finding(rule, "error", message, path=shown, line=n)
                  for rule, message, n in _problems(root, base, top)]
        todo += [(path.parent / p, shown, n, p) for p, n in _inherits(root)]
    return found


def runs_lexdocs(config_file: Path) -> bool:
    """Whether mkdocs.yml, or a file of the repository it inherits, lists the lexdocs
    plugin or lexdocs' hook: without either, MkDocs builds a site with no legal page,
    and says nothing (the adopting user's old mkdocs.yml has neither). True where it
    cannot tell (a file that is no mapping, a plugin list of the wrong shape): MkDocs
    then says what is wrong with the file, which is the better message."""
    top = repository_of(config_file.parent)
    todo, seen = [config_file], set()
    while todo:
        path = todo.pop()
        real = path.resolve()
        if real in seen or not _inside(real, top) or not real.is_file():
            continue
        seen.add(real)
        try:
            root = _compose(real)
        except RecursionError:
            return True  # `findings` names it
        if not isinstance(root, yaml.MappingNode):
            return True
        for key, value in root.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            if name == "plugins" and (isinstance(value, yaml.ScalarNode) or any(
                    n == "lexdocs" for n, _ in _names(value))):
                return True
            if name == "hooks" and any(_hook_is_ours(config_file.parent / n, top)
                                       for n, _ in _hook_names(value)):
                return True
        todo += [path.parent / p for p, _ in _inherits(root)]
    return False


def _hook_is_ours(path: Path, top: Path) -> bool:
    real = path.resolve()
    return (_inside(real, top) and real.is_file()
            and "lexdocs.hook" in real.read_text(encoding="utf-8", errors="replace"))


def _compose(path: Path) -> yaml.Node | None:
    """A YAML file's node tree, constructing nothing; None if it is empty or no YAML.
    RecursionError for one nested deeper than can be read."""
    try:
        return yamlsrc.compose(path.read_text(encoding="utf-8", errors="replace"))
    except yaml.YAMLError:
        return None


def repository_of(folder: Path) -> Path:
    """The working tree a folder lies in, found as git finds it (the nearest folder up
    holding `.git`); outside one, the folder itself."""
    folder = folder.resolve()
    return next((f for f in (folder, *folder.parents) if (f / ".git").exists()), folder)


_Problem = tuple[str, str, int]


def _problems(root: yaml.Node, here: Path, top: Path) -> Iterator[_Problem]:
    yield from _tags(root)
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        if name == "markdown_extensions":
            yield from _extensions(value)
        elif name == "plugins":
            yield from _plugins(value)
        elif name == "hooks":
            yield from _hooks(value, here, top)
        elif name in _FOLDERS:
            yield from _folder(name, value, here, top)
        elif name == "theme" and isinstance(value, yaml.MappingNode):
            yield from (p for k, v in value.value if isinstance(k, yaml.ScalarNode)
                        and k.value == "custom_dir" for p in _folder("theme.custom_dir", v,
                                                                     here, top))


_FOLDERS = {"docs_dir": "the build would publish what it holds",
            "site_dir": "the build would empty it and put the site there"}


def _folder(key: str, node: yaml.Node, here: Path, top: Path) -> Iterator[_Problem]:
    """A folder the build reads or writes lies in the repository: the theme copies every
    file of `custom_dir` into the site (`custom_dir: /home/runner/.ssh` published its
    keys), and a build replaced `site_dir: ../other` with the site, its files gone."""
    if isinstance(node, yaml.ScalarNode) and node.tag != "!ENV" and node.value \
            and not _inside((here / str(node.value)).resolve(), top):
        why = _FOLDERS.get(key, "the theme would publish every file it holds")
        yield (OUTSIDE, f"'{key}: {node.value}' is outside the repository, and {why} "
               "(name a folder of the repository)", node.start_mark.line + 1)


def _tags(root: yaml.Node) -> Iterator[_Problem]:
    """`!ENV` and the Python tags, wherever they stand (an alias is walked once)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        line = node.start_mark.line + 1
        if node.tag == "!ENV" and not all(n.startswith(ENV_PREFIX) for n in _env_names(node)):
            yield (OUTSIDE, "'!ENV' copies the build machine's environment, where CI keeps "
                   "its secrets, into the site (write the value itself, or read a variable "
                   f"named {ENV_PREFIX}… set for the purpose)", line)
        elif node.tag.startswith(_PYTHON):
            what = node.tag.removeprefix(_PYTHON)
            kind, _, name = what.partition(":")
            if not ((kind == "name" and name in PYTHON_NAMES)
                    or (kind == "object/apply" and name in PYTHON_CALLS)):
                yield (CODE, f"'!!python/{what}' runs Python code when the file is read "
                       "(only the theme's and pymdownx's emoji and fence functions may be "
                       "named, and pymdownx's slug maker called)", line)
        if isinstance(node, yaml.SequenceNode):
            todo += node.value
        elif isinstance(node, yaml.MappingNode):
            todo += [n for pair in node.value for n in pair]


def _env_names(node: yaml.Node) -> list[str]:
    """The variables an `!ENV` reads: its one name, or every item of its list but the
    last, which is the default (as MkDocs' `!ENV` reads it)."""
    if isinstance(node, yaml.ScalarNode):
        return [str(node.value)]
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    names = items[:-1] if len(items) > 1 else items
    return [str(n.value) if isinstance(n, yaml.ScalarNode) else "" for n in names]


def _names(node: yaml.Node) -> Iterator[tuple[str, int]]:
    """The names a list of extensions or plugins gives (`- name` or `- name: {...}`), or
    a mapping of them, with their lines."""
    entries: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        for entry in node.value:
            entries += [k for k, _ in entry.value] if isinstance(entry, yaml.MappingNode) \
                else [entry]
    elif isinstance(node, yaml.MappingNode):
        entries = [k for k, _ in node.value]
    for entry in entries:
        if isinstance(entry, yaml.ScalarNode):
            yield str(entry.value).strip(), entry.start_mark.line + 1


TRUSTED = "LEXDOCS_TRUSTED"
"""Where the build runs (the workflow's `env:`, reviewed as code is), the names of
further extensions and plugins its owner trusts with every option a pull request can
give them: a site adopted with `mkdocs-macros-plugin` or `awesome-pages` builds, and
mkdocs.yml alone cannot add one."""


def _trusted() -> set[str]:
    return set(os.environ.get(TRUSTED, "").replace(",", " ").split())


def _unknown(what: str, name: str) -> str:
    return (f"the {what} '{name}' is not one lexdocs knows, and it would run at every "
            "build with the build machine's access (remove it, or, if you trust it with "
            f"every option a pull request can give it, name it in {TRUSTED} where the "
            "build runs)")


def _extensions(node: yaml.Node) -> Iterator[_Problem]:
    trusted = _trusted()
    for name, line in _names(node):
        module = name.split(":", 1)[0]
        if module in _READERS:
            yield (OUTSIDE, f"the extension '{name}' {_READERS[module]} (remove it)", line)
        elif module not in EXTENSIONS and module not in trusted:
            yield (CODE, _unknown("extension", name), line)


def _plugins(node: yaml.Node) -> Iterator[_Problem]:
    trusted = _trusted()
    for name, line in _names(node):
        if name in _FETCHERS:
            yield (REMOTE, f"the plugin '{name}' fetches from other hosts at every build "
                   "(remove it: the site is built offline)", line)
        elif name not in PLUGINS and name not in trusted:
            yield (CODE, _unknown("plugin", name), line)


def _hook_names(node: yaml.Node) -> Iterator[tuple[str, int]]:
    entries = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for entry in entries:
        if isinstance(entry, yaml.ScalarNode):
            yield str(entry.value), entry.start_mark.line + 1


def _hooks(node: yaml.Node, here: Path, top: Path) -> Iterator[_Problem]:
    """A hook is a Python file the build runs: one in the repository is code, reviewed
    as code (CODEOWNERS); one outside it is a file no review sees."""
    for name, line in _hook_names(node):
        if not _inside((here / name).resolve(), top):
            yield (OUTSIDE, f"the hook '{name}' is outside the repository, and the build "
                   "would run it (keep hooks in the repository)", line)


def _inherits(root: yaml.Node) -> list[tuple[str, int]]:
    """The files `INHERIT` names, with its line."""
    if not isinstance(root, yaml.MappingNode):
        return []
    return [(str(v.value), k.start_mark.line + 1) for k, v in root.value
            if isinstance(k, yaml.ScalarNode) and k.value == "INHERIT"
            and isinstance(v, yaml.ScalarNode)]


def _inside(path: Path, top: Path) -> bool:
    return path == top or top in path.parents


def _shown(path: Path, base: Path, top: Path) -> str:
    """A path as an error names it: from mkdocs.yml's folder (as every error about
    mkdocs.yml names it), else from the repository's top, else as written."""
    for folder in (base, top):
        try:
            return Path(os.path.normpath(path.absolute())).relative_to(folder).as_posix()
        except ValueError:
            continue
    return str(path)


__all__ = ["ENV_PREFIX", "EXTENSIONS", "PLUGINS", "PYTHON_CALLS", "PYTHON_NAMES", "TRUSTED",
           "findings", "refuse", "repository_of", "runs_lexdocs"]
