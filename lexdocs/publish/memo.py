"""What a preview rebuild may take from the previous one instead of redoing it.

Under `mkdocs serve` a save changes one document's draft; the other two
thousand pages of a long history come out byte for byte as last time. Both
memos here are keyed by content (template source and everything a template is
given), never by time or name alone; so a hit is by construction the output the
work would have produced, and the worst a wrong guess can do is miss.

- `TemplateCode` (`lexdocs.publish.codecache`): compiled Jinja templates, checked
  against the source's hash by Jinja itself, so a rebuild never parses the theme's
  templates again.
- `RenderMemo`: the output of one page template for one context when it is small
  (a page's header), a PDF's key, and (as a `lexdocs.recall.Remembered`)
  whole groups of pages whose inputs are equal, kept for the next build only, so
  memory stays at two builds' worth. `NoMemo`, for `mkdocs build`, keeps nothing.

A page's own text is never kept in memory here: a session's memo that `spools`
(the MkDocs plugin's) has each page written to a spool file as it is made
(`lexdocs.publish.spool`), and what it recalls is where the page is and its
digest, which is all the themed-page cache needs to know it. At 1,000 versions of
a long policy, keeping the text (a version's page, its redline page and the
redline's HTML) made a session hold about a megabyte per version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader
from markupsafe import Markup

from lexdocs.publish.codecache import TemplateCode
from lexdocs.recall import Recall, Remembered


class NoMemo(Recall):
    """What `mkdocs build` uses: every call computes, nothing is kept (a build is made
    once, and its memory should go when its pages are written)."""

    code: TemplateCode | None = None

    def start(self, env: Environment) -> None:
        """A new build begins with the page templates of `env`."""
        self.next_build()

    def render(self, template: str, context: Mapping[str, object], make: Callable[[], str]
               ) -> str:
        """`make()` (the rendered template); a preview's memo may recall it."""
        return make()

    def keep(self, inputs: tuple[Hashable, ...], make: Callable[[], str]) -> str:
        """`make()`; a preview's memo recalls it for equal `inputs` (compared, not hashed
        again: strings met before compare by identity at once)."""
        return make()

    def sources(self) -> tuple[str, ...]:
        """A digest of every file the page templates can load, for `same` inputs;
        nothing when nothing is kept."""
        return ()


KEEP_AT_MOST = 16_384
"""Characters of an output `RenderMemo` keeps: a header, a list of links, a PDF's key.
A longer one is most of a page (a history's table), and a page is recalled whole
(`same`) when its inputs are equal, so the output is made again only in the rare
build whose page changed: keeping it would cost memory for nothing."""


class RenderMemo(Remembered, NoMemo):
    """Output by its full input, across two builds: `start` lets go of what the build
    before last used, so memory stays at two builds' worth.

    Keys are content: a template's text and every value it is given, a feed's or
    versions.json's whole model. A context whose representation names an object
    by address (a type without a value repr) is never memoized, since equal text
    would not mean equal input. Neither is one given ready HTML (`Markup`: a redline,
    which is a page's text), nor an output longer than `KEEP_AT_MOST`.

    `spools`: the session's pages go to a spool file as they are made (the MkDocs
    plugin's session, whose engine reads a page only when it renders it).
    """

    def __init__(self, spools: bool = False) -> None:
        super().__init__()
        self.spools = spools
        self.spool_dir: Path | None = None
        """Where the spool files go (the project's cache folder), if the session knows."""
        self.code = TemplateCode()
        self.theme_code = TemplateCode()  # MkDocs' theme environment, apart from ours
        self._env: Environment | None = None
        self._digest = ""

    def start(self, env: Environment) -> None:
        self.next_build()
        self._env, self._digest = env, ""

    def render(self, template: str, context: Mapping[str, object], make: Callable[[], str]
               ) -> str:
        if any(isinstance(value, Markup) for value in context.values()):
            return make()
        return self._recall(_key(template, self._source(), context), make)

    def keep(self, inputs: tuple[Hashable, ...], make: Callable[[], str]) -> str:
        return self._recall(("keep", *inputs), make)

    def _recall(self, key: Hashable | None, make: Callable[[], str]) -> str:
        hit = self._get(key) if key is not None else None
        if isinstance(hit, str):
            return hit
        out = make()
        if key is not None and len(out) <= KEEP_AT_MOST:
            self._now[key] = out
        return out

    def sources(self) -> tuple[str, ...]:
        return (self._source(),)

    def _source(self) -> str:
        """Every file in the template folders (the site's overrides, then ours), path and
        text, as one digest read once a build: a template can include any of them, so
        an override edited between two saves changes the key of every page."""
        if not self._digest:
            assert self._env is not None
            digest = hashlib.sha256()
            for folder in _search_paths(self._env.loader):
                for path in sorted(Path(folder).rglob("*")):
                    if path.is_file():
                        digest.update(f"{path}\0".encode() + path.read_bytes() + b"\0")
            self._digest = digest.hexdigest()
        return self._digest


def _search_paths(loader: BaseLoader | None) -> list[str]:
    """The folders a (choice of) file-system loader(s) reads, in order."""
    if isinstance(loader, ChoiceLoader):
        return [p for sub in loader.loaders for p in _search_paths(sub)]
    if isinstance(loader, FileSystemLoader):
        return [str(p) for p in loader.searchpath]
    return []


def _key(kind: str, source: str, inputs: Mapping[str, object]) -> bytes | None:
    text = repr(sorted(inputs.items()))
    if " object at 0x" in text:
        return None
    digest = hashlib.sha256(kind.encode() + b"\0" + source.encode() + b"\0")
    digest.update(text.encode("utf-8", errors="surrogatepass"))
    return digest.digest()
