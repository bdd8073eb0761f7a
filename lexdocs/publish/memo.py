"""What a preview rebuild may take from the previous one instead of redoing it.

Under `mkdocs serve` a save changes one document's draft; the other two
thousand pages of a long history come out byte for byte as last time. Both
memos here are keyed by content (template source and everything a template is
given), never by time or name alone, or, for a few pure steps, by the very
immutable object they were computed from; so a hit is by construction the
output the work would have produced, and the worst a wrong guess can do is miss.

- `TemplateCode`: compiled Jinja templates, checked against the source's hash
  by Jinja itself, so a rebuild never parses the theme's templates again.
- `RenderMemo`: the output of one page template for one context (and of the
  feeds, versions.json and a few pure steps), kept for the next build only, so
  memory stays at two builds' worth. `NoMemo`, for `mkdocs build`, keeps nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Mapping
from typing import TypeVar

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

T = TypeVar("T")


class TemplateCode(BytecodeCache):
    """Compiled templates in memory for a serve session.

    Jinja stores the source's checksum with the code and recompiles on a
    mismatch, so an edited override is picked up on the next save. The options
    that change the compiled code (trim_blocks and the like) are part of the
    key, so two environments can never share code compiled for the other.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(name, filename) + self._options

    def attach(self, env: Environment) -> Environment:
        """Use this cache for `env` (whose options become part of every key)."""
        opts = (env.block_start_string, env.block_end_string, env.variable_start_string,
                env.variable_end_string, env.comment_start_string, env.comment_end_string,
                env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
                env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
                env.optimized, sorted(env.extensions), getattr(env.autoescape, "__qualname__",
                                                               repr(env.autoescape)))
        self._options = hashlib.sha256(repr(opts).encode()).hexdigest()
        env.bytecode_cache = self
        return env

    _options = ""


class NoMemo:
    """What `mkdocs build` uses: every call computes, nothing is kept (a build is made
    once, and its memory should go when its pages are written)."""

    code: TemplateCode | None = None

    def start(self, env: Environment) -> None:
        """A new build begins with the page templates of `env`."""

    def recall(self, kind: str, inputs: Mapping[str, object], make: Callable[[], str]) -> str:
        """`make()`; a preview's memo gives last build's text for equal `inputs`."""
        return make()

    def render(self, template: str, context: Mapping[str, object], make: Callable[[], str]
               ) -> str:
        """`make()` (the rendered template); a preview's memo may recall it."""
        return make()

    def of(self, obj: T, fn: Callable[[T], str]) -> str:
        """`fn(obj)`; a preview's memo recalls it for the very same immutable object."""
        return fn(obj)

    def keep(self, inputs: tuple[Hashable, ...], make: Callable[[], str]) -> str:
        """`make()`; a preview's memo recalls it for equal `inputs` (compared, not hashed
        again: strings met before compare by identity at once)."""
        return make()

    def sources(self, *templates: str) -> tuple[str, ...]:
        """Digests of the templates' text, for `same` inputs; nothing when nothing is kept."""
        return ()

    def join(self, *parts: str) -> str:
        """The parts joined; a preview's memo returns the same string object for the
        same parts, so hashing it again later (the themed-page key) is instant."""
        return "".join(parts)

    def same(self, name: Hashable, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """`make()`; a preview's memo gives last build's result for `name` when `inputs`
        are equal to last build's (compared with ==, so values need not be hashable)."""
        return make()


class RenderMemo(NoMemo):
    """Output by its full input, across two builds: `start` lets go of what the build
    before last used, so memory stays at two builds' worth.

    Keys are content: a template's text and every value it is given, a feed's or
    versions.json's whole model. A context whose representation names an object
    by address (a type without a value repr) is never memoized, since equal text
    would not mean equal input. `of` alone goes by identity, for frozen objects the
    render cache hands back each build; it holds the object, so its id stays unique.
    """

    def __init__(self) -> None:
        self.code = TemplateCode()
        self.theme_code = TemplateCode()  # MkDocs' theme environment, apart from ours
        self._last: dict[Hashable, object] = {}
        self._now: dict[Hashable, object] = {}
        self._env: Environment | None = None
        self._sources: dict[str, str] = {}
        self.hits = 0

    def start(self, env: Environment) -> None:
        self._last, self._now = self._now, {}
        self._env, self._sources = env, {}
        self.hits = 0

    def recall(self, kind: str, inputs: Mapping[str, object], make: Callable[[], str]) -> str:
        return self._recall(_key(kind, "", inputs), make)

    def render(self, template: str, context: Mapping[str, object], make: Callable[[], str]
               ) -> str:
        return self._recall(_key(template, self._source(template), context), make)

    def keep(self, inputs: tuple[Hashable, ...], make: Callable[[], str]) -> str:
        return self._recall(("keep", *inputs), make)

    def of(self, obj: T, fn: Callable[[T], str]) -> str:
        key = ("of", fn.__module__, fn.__qualname__, id(obj))
        hit = self._get(key)
        if isinstance(hit, tuple) and hit[0] is obj:
            return str(hit[1])
        out = fn(obj)
        self._now[key] = (obj, out)
        return out

    def join(self, *parts: str) -> str:
        key = ("join", *parts)
        hit = self._get(key)
        if isinstance(hit, str):
            return hit
        out = "".join(parts)
        self._now[key] = out
        return out

    def same(self, name: Hashable, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        key = ("same", name)
        hit = self._get(key)
        if isinstance(hit, tuple) and hit[0] == inputs:
            out: T = hit[1]
            return out
        made = make()
        self._now[key] = (inputs, made)
        return made

    def _recall(self, key: Hashable | None, make: Callable[[], str]) -> str:
        hit = self._get(key) if key is not None else None
        if isinstance(hit, str):
            return hit
        out = make()
        if key is not None:
            self._now[key] = out
        return out

    def _get(self, key: Hashable) -> object:
        hit = self._now.get(key)
        if hit is None:
            hit = self._last.get(key)
            if hit is not None:
                self._now[key] = hit
        if hit is not None:
            self.hits += 1
        return hit

    def sources(self, *templates: str) -> tuple[str, ...]:
        return tuple(self._source(t) for t in templates)

    def _source(self, template: str) -> str:
        """The template's file and text as a digest, read once a build (an override
        edited between two saves changes the key of every page that uses it)."""
        digest = self._sources.get(template)
        if digest is None:
            assert self._env is not None and self._env.loader is not None
            source, filename, _ = self._env.loader.get_source(self._env, template)
            digest = hashlib.sha256(f"{filename}\0{source}".encode()).hexdigest()
            self._sources[template] = digest
        return digest


def _key(kind: str, source: str, inputs: Mapping[str, object]) -> bytes | None:
    text = repr(sorted(inputs.items()))
    if " object at 0x" in text:
        return None
    digest = hashlib.sha256(kind.encode() + b"\0" + source.encode() + b"\0")
    digest.update(text.encode("utf-8", errors="surrogatepass"))
    return digest.digest()
