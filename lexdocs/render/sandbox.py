"""Jinja2's sandbox, with time and memory bounded.

Templates come from any commit in history, written by anyone with one merged
pull request. Jinja2's own sandbox stops them reaching Python internals, but
not from asking for `'a' * 10**9`, `10**10**10` or a billion loop passes, which
would stop every later build. Here every loop pass, call and arithmetic
operation draws on a budget of steps and wall-clock time, and no string, list
or number may grow past a fixed size: a template that wants more stops with a
`LimitExceeded`, which the renderer reports at the template's line.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

MAX_TEXT = 1_000_000
"""Characters (or items) any one string or list, and one rendered section, may reach:
far beyond any legal section (a long one is 20,000), yet a few megabytes at most, and
room for a long value printed in every row of a table."""
MAX_STEPS = 200_000
"""Loop passes, calls and operations one section may take."""
MAX_SECONDS = 5.0
"""Wall-clock time one section may take to render."""
INCLUDE_STEPS = 100
"""Steps one `{% include %}` costs: reading and running another file is far more than a
loop pass, and no legal section includes more than a few hundred times."""
MAX_INT_BITS = 4096
"""Size of any whole number a template computes."""
_SIZED = (str, list, tuple, dict, set, frozenset)
# Filters a legal text never needs and that defeat the limits or reproducibility.
_REFUSED_FILTERS = {"format": "string formatting", "random": "random choice",
                    "pprint": "Python object dumps", "tojson": "JSON output",
                    "xmlattr": "HTML attributes", "urlize": "HTML links"}


class LimitExceeded(SecurityError):
    """A template asked for more time or memory than any legal text needs."""


class Unprintable(SecurityError):
    """A template printed something that is not text, a number or a declared value: its
    text would be Python's (a generator's memory address), different in every build."""


class _NotingContext(Context):
    """A context that notes every name a template looks up, so a render can be reused
    exactly when the values of those names are the same (see `render.templates`)."""

    def resolve_or_missing(self, key: str) -> Any:
        env = self.environment
        if isinstance(env, GuardedEnvironment):
            env.names.add(key)
        return super().resolve_or_missing(key)


class GuardedEnvironment(SandboxedEnvironment):
    """A sandbox in which every template evaluation is bounded in time and size."""

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    context_class = _NotingContext

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.names: set[str] = set()
        """Every name a template looked up since the last `reset_budget`."""
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS
        self.globals.pop("lipsum", None)  # random text: neither legal nor reproducible
        self.globals["range"] = self._range
        self.filters = {name: self._guard_filter(name, fn) for name, fn in self.filters.items()}

    def reset_budget(self) -> None:
        """A fresh budget (and a fresh note of names looked up) for the next section."""
        self.names.clear()
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def tick(self, n: int = 1) -> None:
        """Spend `n` steps; stop when the section is over budget."""
        self.steps += n
        if self.steps > MAX_STEPS:
            raise LimitExceeded(f"the template takes more than {MAX_STEPS} steps")
        if self.steps % 64 == 0 and time.monotonic() > self.deadline:
            raise LimitExceeded(f"the template takes more than {MAX_SECONDS:g} seconds")

    def get_template(self, name: Any, parent: str | None = None,
                     globals: Any = None) -> Any:
        """Every `{% include %}` the template runs draws on the budget: ten files that each
        include the next ten times would otherwise render ten billion times."""
        self.tick(INCLUDE_STEPS)
        return super().get_template(name, parent, globals)

    def render_bounded(self, name: str, namespace: dict[str, Any]) -> str:
        """Render, stopping as soon as the output outgrows any legal section."""
        out: list[str] = []
        size = 0
        for chunk in self.get_template(name).generate(namespace):
            size += len(chunk)
            if size > MAX_TEXT:
                raise LimitExceeded(f"the section's text is longer than {MAX_TEXT} characters")
            out.append(chunk)
        return "".join(out)

    # Generated code calls these -------------------------------------------------

    def concat(self, parts: Iterable[str]) -> str:
        """Join a block's output (macros, `{% set %}` blocks) within the size limit."""
        parts = list(parts)
        _check_size(sum(len(p) for p in parts))
        return "".join(parts)

    def guarded_iter(self, iterable: Any) -> Iterator[Any]:
        """Every `{% for %}` pass costs a step."""
        for item in iterable:
            self.tick()
            yield item

    def guarded_join(self, *parts: Any) -> str:
        """The `~` operator, within the size limit."""
        texts = [str(p) for p in parts]
        _check_size(sum(len(t) for t in texts))
        return "".join(texts)

    def _range(self, *args: int) -> Iterator[int]:
        if any(not isinstance(a, int) for a in args):
            raise LimitExceeded("range() takes whole numbers")
        span = range(*args)
        _check_size(len(span))
        return self.guarded_iter(span)

    # Sandbox hooks ------------------------------------------------------------------

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.tick()
        _check_binop(operator, left, right)
        result = super().call_binop(context, operator, left, right)
        return _checked(result)

    def call(__self, __context: Context, __obj: Any,
             *args: Any, **kwargs: Any) -> Any:
        __self.tick()
        target = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        name = getattr(target, "__name__", "")
        if isinstance(getattr(target, "__self__", None), str):
            if name in ("format", "format_map"):
                raise SecurityError("string formatting is not available in templates")
            _check_str_method(target.__self__, name, args)
        for value in (*args, *kwargs.values()):
            _check_arg(value)
        return _checked(super().call(__context, __obj, *args, **kwargs))

    def _guard_filter(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if name in _REFUSED_FILTERS:
                raise SecurityError(f"the '{name}' filter ({_REFUSED_FILTERS[name]}) "
                                    "is not available in templates")
            self.tick()
            values = [a for a in (*args, *kwargs.values()) if not isinstance(a, Context)]
            for value in values:
                _check_arg(value)
            _check_filter(name, values)
            return _checked(fn(*args, **kwargs))

        return guarded

    def compile(self, source: Any, name: str | None = None,
                filename: str | None = None, raw: bool = False,
                defer_init: bool = False) -> Any:
        """Route every `{% for %}` and `~` through the guards before code is generated."""
        if isinstance(source, str):
            source = self.parse(source, name, filename)
        guard_tree(source)
        if raw:
            return super().compile(source, name, filename, True, defer_init)
        return super().compile(source, name, filename, False, defer_init)


def unsafe_template_name(name: str) -> str:
    """Why `name` may not be included, or "": only plain relative paths inside the sources.

    The reader refuses symbolic links; this refuses every other way out of the folder.
    """
    if not name or name.startswith("/") or "\\" in name or ":" in name or "\0" in name:
        return "only a relative path inside the source folder may be included"
    if any(part in ("", ".", "..") for part in name.split("/")):
        return "'..', '.' and empty parts are not allowed in an include path"
    return ""


def guard_tree(tree: nodes.Node) -> None:
    """Rewrite loops and `~` in place to call the environment's guards."""
    for loop in tree.find_all(nodes.For):
        if not _is_guarded(loop.iter):
            loop.iter = _guard_call("guarded_iter", [loop.iter], loop.lineno)  # type: ignore[list-item]
    _replace_concat(tree)


def _replace_concat(node: nodes.Node) -> None:
    for field in node.fields:
        value = getattr(node, field, None)
        if isinstance(value, list):
            value = [_unconcat(v) for v in value]
            setattr(node, field, value)
            for v in value:
                if isinstance(v, nodes.Node):
                    _replace_concat(v)
        elif isinstance(value, nodes.Node):
            value = _unconcat(value)
            setattr(node, field, value)
            _replace_concat(value)


def _unconcat(value: Any) -> Any:
    if isinstance(value, nodes.Concat):
        return _guard_call("guarded_join", list(value.nodes), value.lineno)
    return value


def _guard_call(attr: str, args: list[nodes.Expr], lineno: int) -> nodes.Call:
    return nodes.Call(nodes.EnvironmentAttribute(attr, lineno=lineno), args, [], None, None,
                      lineno=lineno)


def _is_guarded(expr: nodes.Node) -> bool:
    return (isinstance(expr, nodes.Call) and isinstance(expr.node, nodes.EnvironmentAttribute)
            and expr.node.name == "guarded_iter")


def _check_size(n: int) -> None:
    if n > MAX_TEXT:
        raise LimitExceeded(f"the template builds a text or list longer than {MAX_TEXT}")


def _check_int(n: int) -> None:
    if n.bit_length() > MAX_INT_BITS:
        raise LimitExceeded(f"the template computes a number larger than 2**{MAX_INT_BITS}")


def check_weight(value: Any) -> None:
    """Refuse a value whose text, printed, would outgrow the limit.

    A list may hold the same long string many times over: its length is small,
    but printing it is not. Every item is counted as often as it occurs, and the
    count stops at the limit, so this never costs more than MAX_TEXT steps.
    """
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, list | tuple | set | frozenset):
            total += len(item) + 1
            stack.extend(item)
        elif isinstance(item, dict):
            total += len(item) + 1
            stack.extend(dict.keys(item))
            stack.extend(dict.values(item))
        else:
            total += 1
        if total > MAX_TEXT:
            raise LimitExceeded(f"the template builds a text or list longer than {MAX_TEXT}")


def _checked(value: Any) -> Any:
    if isinstance(value, str):
        _check_size(len(value))
    elif isinstance(value, _SIZED):
        check_weight(value)
    elif isinstance(value, int):
        _check_int(value)
    return value


def _check_arg(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_TEXT:
        raise LimitExceeded(f"a number above {MAX_TEXT} passed to a function or filter")
    if isinstance(value, _SIZED) and not isinstance(value, str):
        check_weight(value)


def _length(value: Any) -> int:
    return len(value) if isinstance(value, _SIZED) else 0


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "%" and isinstance(left, str):
        raise SecurityError("string formatting is not available in templates")
    if operator == "+" :
        _check_size(_length(left) + _length(right))
    elif operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, _SIZED) and isinstance(times, int):
                _check_size(len(seq) * max(times, 0))
    if isinstance(left, int) and isinstance(right, int) and (
            (operator == "**" and abs(left) > 1 and right > 0
             and abs(left).bit_length() * right > MAX_INT_BITS)
            or (operator == "*" and left.bit_length() + right.bit_length() > MAX_INT_BITS + 1)):
        raise LimitExceeded(f"the template computes a number larger than 2**{MAX_INT_BITS}")


def _check_str_method(text: str, name: str, args: tuple[Any, ...]) -> None:
    if name == "join" and args:
        _check_size(len(text) * _length(args[0]) + sum(_length(x) for x in args[0]
                                                     if isinstance(x, str)))
    elif name == "replace" and len(args) >= 2:
        old, new = args[0], args[1]
        if isinstance(old, str) and isinstance(new, str):
            hits = text.count(old) if old else len(text) + 1
            _check_size(len(text) + hits * len(new))
    elif name == "expandtabs":
        _check_size(len(text) * (args[0] if args and isinstance(args[0], int) else 8))


def _check_filter(name: str, values: list[Any]) -> None:
    """Filters whose output can outgrow their input are sized before they run."""
    if not values:
        return
    first = values[0]
    if name == "replace" and len(values) >= 3 and isinstance(first, str):
        _check_str_method(first, "replace", tuple(values[1:3]))
    elif name == "indent" and isinstance(first, str):
        width = values[1] if len(values) > 1 else 4
        width = len(width) if isinstance(width, str) else int(width)
        _check_size(len(first) + (first.count("\n") + 1) * max(width, 0))
    elif name == "center" and len(values) > 1 and isinstance(values[1], int):
        _check_size(values[1])
    elif name == "join" and isinstance(first, _SIZED):
        sep = values[1] if len(values) > 1 and isinstance(values[1], str) else ""
        _check_size(len(first) * len(sep) + sum(len(str(x)) for x in first))
