"""What a preview rebuild may take from the previous one instead of redoing it.

Under `mkdocs serve` a save changes one document's draft; the other two
thousand pages of a long history come out byte for byte as last time. Both
memos here are keyed by content (template source and everything a template is
given), never by time or name alone, so a hit is by construction the output
the work would have produced; the worst a wrong guess can do is miss.

- `TemplateCode`: compiled Jinja templates, checked against the source's hash
  by Jinja itself, so a rebuild never parses the theme's templates again.
- `RenderMemo`: the output of one page template for one context, kept for the
  next build only, so memory stays at two builds' worth of page heads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Mapping

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


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


class RenderMemo:
    """Rendered template output by (template source, context), across two builds; also
    any other pure function's result worth keeping by its full input (a PDF's cache key).

    `start` is called once a build: what the build before last used is let go.
    A context whose representation names an object by address (a type without
    a value repr) is never memoized, since equal text would not mean equal input.
    """

    def __init__(self) -> None:
        self.code = TemplateCode()
        self.theme_code = TemplateCode()  # MkDocs' theme environment, apart from ours
        self._last: dict[Hashable, str] = {}
        self._now: dict[Hashable, str] = {}
        self.hits = 0

    def start(self) -> None:
        self._last, self._now = self._now, {}
        self.hits = 0

    @staticmethod
    def key(template: str, source: str, context: Mapping[str, object]) -> bytes | None:
        text = repr(sorted(context.items()))
        if " object at 0x" in text:
            return None
        digest = hashlib.sha256(template.encode() + b"\0" + source.encode() + b"\0")
        digest.update(text.encode("utf-8", errors="surrogatepass"))
        return digest.digest()

    def get(self, key: Hashable) -> str | None:
        hit = self._now.get(key)
        if hit is None:
            hit = self._last.get(key)
            if hit is not None:
                self._now[key] = hit
        if hit is not None:
            self.hits += 1
        return hit

    def put(self, key: Hashable, output: str) -> None:
        self._now[key] = output
