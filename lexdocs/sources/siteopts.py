"""The site's notice period as a commit's `mkdocs.yml` declared it, read without running it.

A version is judged by the declarations in force before it (README, "Notice
invariants"), and the site's minimum notice is one of them: a pull request that
lowers `notice_days` in `mkdocs.yml` must not lower the notice its own text gets.
So history reads the option at every commit that made a version. The file is
untrusted and may use MkDocs' own tags (`!ENV`, `!!python/name:`), so it is only
composed (never constructed: no tag runs, no alias is expanded) and only the one
scalar is looked at; whatever cannot be read plainly is None, and the caller
falls back to the option the working tree declares.
"""

from __future__ import annotations

import functools
import re

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


@functools.lru_cache(maxsize=64)
def _options(text: str | None) -> yaml.MappingNode | None:
    if text is None:
        return None
    try:
        root = yaml.compose(normalise_text(text), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    return _plugin_options(root)


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
