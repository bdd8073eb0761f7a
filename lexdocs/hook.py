"""The plugin as MkDocs hook functions, for projects that list it under `hooks:`.

Options then live under `extra: lexdocs:`; `hooks/lexdocs_hook.py` is a
one-line shim that star-imports this module.
"""

from lexdocs.plugin import as_hook

_plugin = as_hook()

on_startup = _plugin.on_startup
on_shutdown = _plugin.on_shutdown
on_config = _plugin.on_config
on_pre_build = _plugin.on_pre_build
on_files = _plugin.on_files
on_page_content = _plugin.on_page_content
on_post_page = _plugin.on_post_page
on_post_build = _plugin.on_post_build
on_build_error = _plugin.on_build_error
on_serve = _plugin.on_serve

__all__ = ["on_build_error", "on_config", "on_files", "on_page_content", "on_post_build",
           "on_post_page", "on_pre_build", "on_serve", "on_shutdown", "on_startup"]
