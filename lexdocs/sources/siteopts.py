"""The site's declarations as a commit's `mkdocs.yml` made them, read without running it.

A version is judged by the declarations in force before it (README, "Notice
invariants"), and the site's are among them: a pull request that lowers
`notice_days` in `mkdocs.yml` must not lower the notice its own text gets, and one
that adds `own_domains: [evil.example]` must not make its own link to evil.example
"link maintenance" (nor a new `own_names` entry hide a third party). So history
reads these options at every commit that made a version. The file is untrusted
and may use MkDocs' own tags (`!ENV`, `!!python/name:`), so it is only composed
(never constructed: no tag runs, no alias is expanded) and only plain scalars are
looked at (`!ENV` is read from the environment, as MkDocs reads it); whatever
cannot be read plainly is None, and the caller falls back to the option the
working tree declares.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable

import yaml

from lexdocs.sources.yamlsrc import normalise_text

SITE_FILE = "mkdocs.yml"
PLUGIN = "lexdocs"
DEFAULT_NOTICE_DAYS = 30
"""The plugin's default (`config.LexdocsConfig.notice_days`), when the option is absent."""
MAX_NOTICE_DAYS = 3650
"""Ten years: a longer notice is a typo, and a date that far out cannot be printed."""
_WHOLE = re.compile(r"\d{1,9}")


RECORD_REQUIRED = "required"


def declared_notice_days(text: str | None) -> int | None:
    """`notice_days` of the lexdocs plugin (or `extra: lexdocs:` for the hook) in `text`;
    the default when lexdocs is configured without it; None when the file is absent,
    unreadable, or does not configure lexdocs where this can see it."""
    options = _options(text)
    if options is None:
        return None
    value = _get(options, "notice_days")
    if value is None:
        return DEFAULT_NOTICE_DAYS
    if isinstance(value, yaml.ScalarNode) and _WHOLE.fullmatch(str(value.value)):
        return min(int(value.value), MAX_NOTICE_DAYS)
    return None


def declared_record_required(text: str | None) -> bool:
    """True if `text` says the publication record must exist (`record: required`): CI
    has published, so a build without the record would not see what readers were shown."""
    value = _get(_options(text), "record")
    return isinstance(value, yaml.ScalarNode) and value.value == RECORD_REQUIRED


def home_of(site_url: str, domains: Iterable[str], names: Iterable[str]) -> str:
    """The organisation's own addresses and names in the one string review/ reads
    (`Options.home`): site_url and the domains judge links (links.py) and spell its
    names (names.py); a declared name is one word, a space inside it written "_"."""
    said = (n.strip().replace(" ", "_") for n in names if n.strip())
    return " ".join((site_url.strip(), *(d.strip() for d in domains), *said)).strip()


def declared_home(text: str | None) -> str | None:
    """`home_of` the site_url, `own_domains` and `own_names` that `text` (a commit's
    mkdocs.yml) declares; None when the file is absent or unreadable, inherits its
    settings from another file (`INHERIT`), or does not configure lexdocs where this
    can see it. A list item that is not plain text is left out: it can only make the
    organisation's own addresses fewer, which judges more changes material, not less."""
    options = _options(text)
    root = _root(text)
    if options is None or _get(root, "INHERIT") is not None:
        return None
    site_url = _get(root, "site_url")
    url = "" if site_url is None else _plain(site_url)
    if url is None:
        return None
    return home_of(url, _items(_get(options, "own_domains")), _items(_get(options, "own_names")))


def _items(node: yaml.Node | None) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [v for item in node.value if (v := _plain(item)) is not None and v.strip()]


def _plain(node: yaml.Node) -> str | None:
    """A scalar's text (a null one is ""), `!ENV` read from the environment as MkDocs
    reads it: the first variable set, else the default a list of two or more ends
    with. None for anything else (a number, a `!!python` tag, a mapping)."""
    if isinstance(node, yaml.ScalarNode) and node.tag in _TEXT:
        return "" if node.tag == _NULL else str(node.value)
    if node.tag != "!ENV":
        return None
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    if not items or not all(isinstance(i, yaml.ScalarNode) for i in items):
        return None
    names = [i.value for i in items[:-1]] if len(items) > 1 else [items[0].value]
    default = _plain(items[-1]) if len(items) > 1 else ""
    return next((os.environ[n] for n in names if n in os.environ), default)


_NULL = "tag:yaml.org,2002:null"
_TEXT = frozenset(("tag:yaml.org,2002:str", _NULL))


@functools.lru_cache(maxsize=64)
def _root(text: str | None) -> yaml.Node | None:
    if text is None:
        return None
    try:
        return yaml.compose(normalise_text(text), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None


def _options(text: str | None) -> yaml.MappingNode | None:
    return _plugin_options(_root(text))


def _plugin_options(root: yaml.Node | None) -> yaml.MappingNode | None:
    plugins = _get(root, "plugins")
    found: yaml.Node | None = None
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            if isinstance(item, yaml.ScalarNode) and item.value == PLUGIN:
                return yaml.MappingNode("tag:yaml.org,2002:map", [])
            found = found or _get(item, PLUGIN)
    elif isinstance(plugins, yaml.MappingNode):
        found = _get(plugins, PLUGIN)
    if found is None:
        found = _get(_get(root, "extra"), PLUGIN)
    if isinstance(found, yaml.ScalarNode) and found.value in ("", "~", "null"):
        return yaml.MappingNode("tag:yaml.org,2002:map", [])
    return found if isinstance(found, yaml.MappingNode) else None


def _get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.Node):
            return v
    return None
