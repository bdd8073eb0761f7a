"""Compiled Jinja templates kept between renders, so a build does not parse the theme again.

Parsing and compiling mkdocs-material's templates and ours is about 0.15 CPU-s of
every build (0.38 CPU-s for a warm build of our statement): the same files, compiled
to the same code, in every process. Two caches keep that code:

- `TemplateCode`, in memory, for a preview session: every save reuses it.
- `InstalledTemplateCode`, on disk in the user's cache folder, for builds: each is a
  new process, and the next one loads the code instead of compiling it.

The disk cache keeps only templates read from an installed package (the theme's and
lexdocs' own folders). A site's own overrides (`custom_dir`) are the repository's
content: they are compiled afresh in every build, so nothing a commit brings is ever
stored as code that a later build, of this site or another, would load.

Jinja stores each file's source checksum beside its code and compiles again on a
mismatch, so an upgraded theme is never served stale code. The key also holds
everything else that shapes the compiled code: the environment's class (a sandbox
compiles operators differently), its syntax and whitespace options, its extensions,
autoescape and finalize, and Jinja's version (Jinja's own header holds only Python's).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Iterable
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

log = logging.getLogger("lexdocs")


def compile_options(env: Environment) -> str:
    """A digest of what, besides a template's source, decides the code Jinja compiles."""
    opts = (type(env).__module__, type(env).__qualname__, jinja2.__version__,
            env.block_start_string, env.block_end_string, env.variable_start_string,
            env.variable_end_string, env.comment_start_string, env.comment_end_string,
            env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
            env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
            env.optimized, env.is_async, sorted(env.extensions),
            _named(env.autoescape), _named(env.finalize))
    return hashlib.sha256(repr(opts).encode()).hexdigest()


def _named(value: object) -> str:
    return getattr(value, "__qualname__", None) or repr(value)


class _KeyedCode(BytecodeCache):
    """Code whose every key ends with the options of the environment it is attached to,
    so two environments can never share code compiled for the other."""

    _options = ""

    def attach(self, env: Environment) -> Environment:
        """Use this cache for `env` (whose options become part of every key)."""
        self._options = compile_options(env)
        env.bytecode_cache = self
        return env

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(name, filename) + self._options


class TemplateCode(_KeyedCode):
    """Compiled templates in memory for a serve session.

    Jinja stores the source's checksum with the code and recompiles on a
    mismatch, so an edited override is picked up on the next save.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_NOT_KEPT = "-"  # the start of the key of a template the disk cache never keeps


class InstalledTemplateCode(_KeyedCode, FileSystemBytecodeCache):
    """Compiled code of the installed templates under `roots`, in `folder`.

    A file that cannot be read or written (a read-only home, a truncated entry
    from a full disk) is compiled as if there were no cache: the cache may only
    ever save work, never fail a build.
    """

    def __init__(self, folder: Path, roots: Iterable[Path | str]) -> None:
        super().__init__(str(folder))
        self._roots = tuple(os.path.join(os.path.abspath(r), "") for r in roots)

    def installed(self, filename: str | None) -> bool:
        """Whether the template at `filename` was read from one of the installed folders."""
        return filename is not None and os.path.abspath(filename).startswith(self._roots)

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        key = super().get_cache_key(name, filename)
        return key if self.installed(filename) else _NOT_KEPT + key

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key.startswith(_NOT_KEPT):
            return
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, TypeError, pickle.UnpicklingError) as exc:
            log.debug("compiled template %s unreadable (%s): compiling it", bucket.key, exc)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key.startswith(_NOT_KEPT):
            return
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError as exc:
            log.debug("cannot keep a compiled template in %s (%s)", self.directory, exc)


def user_cache() -> Path | None:
    """The folder of compiled templates in the user's cache (XDG_CACHE_HOME, or
    ~/.cache); None when there is no home to keep it in."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG rule: a relative path is ignored
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:
            return None
    return Path(base) / "lexdocs" / "templates"


def keep_installed(env: Environment, roots: Iterable[Path | str]) -> Environment:
    """`env`, its installed templates' compiled code kept in the user's cache."""
    folder = user_cache()
    return InstalledTemplateCode(folder, roots).attach(env) if folder is not None else env
