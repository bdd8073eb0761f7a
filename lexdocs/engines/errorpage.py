"""A preview that says why it stopped: a failed rebuild's errors on every page it serves.

When a save breaks the build (a misspelt variable, a link to nowhere), MkDocs' live
server logs "The server will appear stuck until build errors are resolved" and holds
every request until a build succeeds: the lawyer's browser spins, and the file and line
to fix are in a terminal they may not be looking at. Here a failed rebuild is shown
instead. The site stays the last one that built (lexdocs publishes nothing of a failed
build), the browser reloads it at once, and each page carries, at its top, every error
the build named, each with its file and line, until a save fixes them and the page
reloads without them. Only the preview: `mkdocs build` fails as it always did.

MkDocs' `LiveReloadServer` (and ProperDocs' copy of it) is taken as it is, as
`watch.hasten` takes it: a server of another shape is left alone.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger("lexdocs")

SHOWN = 20
"""The most errors a page lists; the terminal has them all."""


class _Heard(logging.Handler):
    """The warnings and errors MkDocs and its plugins log while one build runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        said = record.getMessage().removeprefix("lexdocs: ")
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(said)


def show_failures(server: Any, before_reading: Callable[[], None] = lambda: None) -> bool:
    """Make `server` show a failed rebuild's errors on its pages instead of stalling
    them. False, and nothing changed, if the server is not one we know.

    `before_reading` runs before each rebuild that reads the configuration again (the
    server's own, called with none): MkDocs' loader runs what the file names as it
    reads it, on every rebuild, and a checkout or a pull during a preview changes the
    file under it. What it raises stops that rebuild and is shown like the build's own."""
    builder = getattr(server, "builder", None)
    inject = getattr(server, "_inject_js_into_html", None)
    if not callable(builder) or not callable(inject):
        return False
    failed: list[str] = []

    def build(*args: Any, **kwargs: Any) -> None:
        heard = _Heard()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(heard)
        try:
            if not args and kwargs.get("config") is None:
                before_reading()
            builder(*args, **kwargs)
        except Exception as exc:  # the build's own error: MkDocs logged what it was
            # strict mode stops on warnings, which are then what to fix
            said = [line for line in heard.errors or heard.warnings
                    if not line.startswith("Aborted with")]
            failed[:] = said or [str(exc)]
            if not said:  # stopped before MkDocs ran, so nothing logged it yet
                log.error(str(exc))
            log.error("The preview shows the last site that built, with these errors on "
                      "every page, until a save fixes them.")
            return
        finally:
            logger.removeHandler(heard)
        failed.clear()

    server.builder = build
    server._inject_js_into_html = _injecting(inject, failed)
    return True


def _injecting(inject: Callable[[bytes, int], bytes], failed: list[str]
               ) -> Callable[[bytes, int], bytes]:
    def injected(content: bytes, epoch: int) -> bytes:
        page = inject(content, epoch)
        return with_errors(page, failed) if failed else page
    return injected


def with_errors(page: bytes, errors: list[str]) -> bytes:
    """`page` with `errors` listed at the top of its body, every character escaped: an
    error quotes the source, and the source is untrusted."""
    items = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in errors[:SHOWN])
    more = (f"<p>… and {len(errors) - SHOWN} more: the terminal lists them all.</p>"
            if len(errors) > SHOWN else "")
    box = ('<div role="alert" id="lexdocs-preview-errors" style="position:sticky;top:0;'
           'z-index:10000;margin:0;padding:.75rem 1rem;background:#fff4e5;color:#1a1a1a;'
           'border-bottom:3px solid #b3261e;font:1rem/1.4 system-ui,sans-serif">'
           "<p><strong>This preview could not be rebuilt.</strong> It shows the last "
           "version that built; fix what follows and save, and it reloads.</p>"
           f'<ul style="margin:.5rem 0 0;padding-left:1.25rem">{items}</ul>{more}</div>'
           ).encode()
    start = page.find(b"<body")
    at = page.find(b">", start) + 1 if start >= 0 else 0
    return page[:at] + box + page[at:]
