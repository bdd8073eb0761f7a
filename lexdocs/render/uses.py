"""Which variables a template uses, found before it runs: every name it looks up,
through its includes, checked against the declared variables, so that a lawyer's typo
fails with the file, the line and the closest real name, and no include can loop.

A `Checker` reads templates as Jinja2 parses them, without rendering them; the render
(templates.py) runs only once the check has passed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from jinja2 import TemplateNotFound, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from lexdocs.cache import Bounded
from lexdocs.errors import RenderError
from lexdocs.render.sandbox import GuardedEnvironment, unsafe_template_name
from lexdocs.sources.variables import Value, Variables

_JINJA_GLOBALS = {"loop", "range", "dict", "cycler", "joiner", "namespace", "self",
                  "varargs", "kwargs", "caller", "true", "false", "none", "True", "False", "None"}


class _Cycle(Exception):
    """An include that leads back to a file already being included."""


class Checker:
    """Finds every variable a template uses, and rejects unknown ones before rendering."""

    def __init__(self, env: GuardedEnvironment, namespace: dict[str, Any],
                 variables: Variables) -> None:
        self.env = env
        self.namespace = namespace
        self.known = sorted(variables.items)
        self.uses: set[str] = set()
        self.names: set[str] = set()
        """Every top-level name the check looked up, found or not."""
        self.seen: set[str] = set()

    def check(self, name: str, stack: tuple[str, ...] = ()) -> None:
        assert self.env.loader is not None
        source, path, _ = self.env.loader.get_source(self.env, name)
        path = path or name
        if path in stack:
            raise _Cycle(path)
        if path in self.seen:
            return
        self.seen.add(path)
        try:
            tree = _parse(self.env, source, name, path)
        except TemplateSyntaxError as exc:
            raise RenderError(f"template syntax error: {exc.message}", path=path,
                              line=exc.lineno, hint="check the {{ }} and {% %} tags") from exc
        except RecursionError:
            raise RenderError("the template is nested too deeply", path=path,
                              line=_lexed_line(self.env, source, name, path),
                              hint="simplify the {{ }} and {% %} tags") from None
        except (ValueError, ArithmeticError, MemoryError) as exc:
            # A literal Python cannot hold (an integer of 5,000 digits): Jinja's lexer
            # lets the error through untranslated.
            raise RenderError(f"template syntax error: {type(exc).__name__}: {exc}", path=path,
                              line=_lexed_line(self.env, source, name, path),
                              hint="check the {{ }} and {% %} tags") from None
        local = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
        try:
            self._visit(tree, path, local, (*stack, path))
        except RecursionError:
            raise RenderError("the template is nested too deeply", path=path,
                              hint="simplify the {{ }} and {% %} tags") from None

    def _visit(self, node: nodes.Node, path: str, local: set[str],
               stack: tuple[str, ...]) -> None:
        if isinstance(node, nodes.Include | nodes.Extends | nodes.Import | nodes.FromImport):
            self._include(node, path, stack)
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            attr = node.attr if isinstance(node, nodes.Getattr) else _const_key(node)
            if isinstance(attr, str) and attr.startswith("_"):
                raise RenderError(
                    f"templates may not reach Python internals ('{attr}')", path=path,
                    line=node.lineno, hint="use only variables from variables.yml")
            chain = _dotted(node)
            if chain is not None:
                self._resolve(chain, path, node.lineno, local)
                return
        elif isinstance(node, nodes.Name) and node.ctx == "load":
            self._resolve([node.name], path, node.lineno, local)
        for child in node.iter_child_nodes():
            self._visit(child, path, local, stack)

    def _include(self, node: nodes.Include | nodes.Extends | nodes.Import | nodes.FromImport,
                 path: str, stack: tuple[str, ...]) -> None:
        """Only a named file inside the sources may be included, and never itself."""
        target = node.template
        if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
            raise RenderError("an include must name its file in quotes", path=path,
                              line=node.lineno, hint="e.g. {% include \"privacy/_contact.md\" %}")
        name = target.value
        problem = unsafe_template_name(name)
        if problem:
            raise RenderError(f"cannot include '{name}': {problem}", path=path,
                              line=node.lineno, hint="include files inside the source folder")
        try:
            self.check(name, stack)
        except _Cycle as cycle:
            raise RenderError(f"including '{name}' here leads back to {cycle.args[0]}",
                              path=path, line=node.lineno,
                              hint="remove the include that makes the loop") from cycle
        except TemplateNotFound:
            raise RenderError(f"included file '{name}' does not exist", path=path,
                              line=node.lineno,
                              hint=f"create {self.env.loader.root}/{name} "  # type: ignore[union-attr]
                              "or remove the include") from None
        except RenderError as exc:
            if exc.path is None:
                exc.path, exc.line = path, node.lineno
                exc.args = (str(exc),)
            raise

    def _resolve(self, chain: list[str], path: str, line: int, local: set[str]) -> None:
        self.names.add(chain[0])
        if chain[0] in local or chain[0] in _JINJA_GLOBALS:
            return
        current: Any = self.namespace
        for i, part in enumerate(chain):
            if isinstance(current, dict) and part in current:
                current = current[part]
                continue
            name = ".".join(chain[: i + 1])
            if isinstance(current, Value | tuple):
                held = ".".join(chain[:i])
                raise RenderError(f"'{held}' is a value, not a group: '{name}' does not exist",
                                  path=path, line=line, hint=f"write {{{{ {held} }}}}")
            close = difflib.get_close_matches(".".join(chain), self.known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "declare it in variables.yml"
            raise RenderError(f"undefined variable '{'.'.join(chain)}'", path=path, line=line,
                              hint=hint)
        self.uses.add(".".join(chain) if not isinstance(current, dict) else chain[0])


_PARSED: dict[tuple[str, str, str], nodes.Template] = Bounded(512)


def _parse(env: SandboxedEnvironment, source: str, name: str, path: str) -> nodes.Template:
    """A template's syntax tree, by source: every environment here is configured alike,
    and the checker only reads the tree, so one parse serves every commit."""
    key = (source, name, path)
    if key not in _PARSED:
        _PARSED[key] = env.parse(source, name, path)
    return _PARSED[key]


def _lexed_line(env: SandboxedEnvironment, source: str, name: str, path: str) -> int:
    """The line at which reading `source` fails (or its last line), for errors Jinja
    raises without one."""
    line = 1
    tokens = env.lexer.tokeniter(source, name, path)

    def noting() -> Iterator[tuple[int, str, str]]:
        nonlocal line
        for token in tokens:
            line = token[0]
            yield token

    try:
        for _ in env.lexer.wrap(noting(), name, path):
            pass
    except Exception:  # the failure itself is reported by the caller
        return line
    return line


def _const_key(node: nodes.Getitem) -> Any:
    return node.arg.value if isinstance(node.arg, nodes.Const) else None


def _dotted(node: nodes.Node) -> list[str] | None:
    if isinstance(node, nodes.Name):
        return [node.name]
    if isinstance(node, nodes.Getattr):
        base = _dotted(node.node)
        return [*base, node.attr] if base is not None else None
    if isinstance(node, nodes.Getitem):
        key = _const_key(node)
        base = _dotted(node.node)
        return [*base, key] if base is not None and isinstance(key, str) else None
    return None
