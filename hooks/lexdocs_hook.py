"""MkDocs hook registered in mkdocs.yml: every event is handled by the lexdocs package.

Options live under `extra: lexdocs:` in mkdocs.yml (see README).
"""

from lexdocs.plugin import LexdocsHook

_hook = LexdocsHook()

on_config = _hook.on_config
on_pre_build = _hook.on_pre_build
on_files = _hook.on_files
on_page_content = _hook.on_page_content
on_serve = _hook.on_serve
