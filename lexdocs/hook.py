"""The plugin as MkDocs hook functions, for projects that list it under `hooks:`.

Options then live under `extra: lexdocs:`; `hooks/lexdocs_hook.py` is a
one-line shim that star-imports this module. The functions are every MkDocs
event the plugin class implements, found from MkDocs' own event list, so a
hook added to the plugin reaches hook users too.
"""

from typing import Any

from mkdocs.plugins import EVENTS

from lexdocs.plugin import LexdocsPlugin, as_hook

_plugin = as_hook()
_names = [f"on_{e}" for e in EVENTS if f"on_{e}" in vars(LexdocsPlugin)]
_bound: dict[str, Any] = {name: getattr(_plugin, name) for name in _names}
globals().update(_bound)

__all__ = sorted(_bound)
