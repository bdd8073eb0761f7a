"""One lexdocs on several engines: MkDocs (the default), ProperDocs and Zensical.

The pipeline's product is a content tree with no engine object in it (`tree.py`);
each engine reads it through a thin adapter: MkDocs and ProperDocs through the
plugin (`lexdocs.plugin`), Zensical, which runs no third-party plugin, through a
generated docs folder it builds (`zensical.py`). `guard.py` makes sure an engine
that skips lexdocs fails loudly instead of publishing a site without its legal pages.
"""

import sys


def engine_command(module: str, *args: str) -> list[str]:
    """The command that runs an engine in this Python. `-P`: the project folder is not put
    on the module path, so a folder there named like a package cannot stand in for it."""
    return [sys.executable, "-P", "-m", module, *args]
