"""Typed variables: the facts a statement states, each declared once.

A value is checked when it is loaded, not when a page looks wrong: a lawyer
who types "90" for a retention period learns at once that a unit is missing.
Each value knows how it reads in the published text (`markdown`) and as plain
words (`text`), so templates never format facts by hand.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from lexdocs.errors import SourceError
from lexdocs.sources.schemas import VariableSchema, validate
from lexdocs.sources.types import (
    ADDRESS_FIELDS,
    SCALAR_TYPES,
    Value,
    ValueType,
    Where,
    escape_markdown,
    value_type,
)
from lexdocs.sources.yamlsrc import LineMap, load_yaml, normalise_text

__all__ = ["ADDRESS_FIELDS", "SCALAR_TYPES", "Record", "Value", "Variable", "Variables",
           "escape_markdown", "load_variables", "load_variables_file"]

VARIABLES_FILE = "variables.yml"
_REF_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
# Structural types, beside the value types of `types.TYPES`: a variable of type `list`
# holds records; a list field of type `ref` names another variable instead of copying its
# value, so one fact (a retention period) stated in a table row changes with the variable.
LIST = "list"
REF = "ref"


@dataclass(frozen=True)
class Record(Mapping[str, Value]):
    """One entry of a list variable (e.g. a provider with a name and a URL)."""

    fields: dict[str, Value]

    def __getitem__(self, key: str) -> Value:
        return self.fields[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def __getattr__(self, name: str) -> Value:
        try:
            return self.fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __str__(self) -> str:
        """Plain words, as a filter sees them: "Customer.io (https://customer.io/gdpr.html)"."""
        vals = [v.text for v in self.fields.values()]
        return vals[0] + (f" ({', '.join(vals[1:])})" if len(vals) > 1 else "")


@dataclass(frozen=True)
class Variable:
    """A declared fact: where it is declared, its type, and whether it is settled."""

    name: str
    type: str
    value: Value | tuple[Record, ...]
    path: str
    line: int
    material: bool = True
    confirmed: bool = True
    description: str = ""
    refs: tuple[str, ...] = ()
    """Variables that entries of this list name through `ref` fields, in order of first use."""

    @property
    def text(self) -> str:
        """The value in plain words, as a redline reports it ("90 days")."""
        if isinstance(self.value, Value):
            return self.value.text
        return "; ".join(", ".join(f.text for f in r.fields.values()) for r in self.value)


@dataclass
class Variables:
    """All variables of a tree, by dotted name, plus the nested view templates use."""

    items: dict[str, Variable] = field(default_factory=dict)

    def namespace(self) -> dict[str, Any]:
        """Nested mappings so `{{ retention.web_logs }}` resolves."""
        root: dict[str, Any] = {}
        for name, var in self.items.items():
            node = root
            *groups, leaf = name.split(".")
            for g in groups:
                node = dict.setdefault(node, g, Namespace())
            node[leaf] = var.value
        return root

    def expand(self, names: Iterable[str]) -> set[str]:
        """`names` plus every variable they reference: what a document really depends on.

        A table printed from a list whose rows name `retention.web_logs` depends on that
        variable, so a redline can report "retention.web_logs: 90 days → 180 days".
        """
        out = set(names)
        for name in list(out):
            var = self.items.get(name)
            if var is not None:
                out.update(var.refs)
        return out


class Namespace(dict[str, Any]):
    """A group of variables; attribute access reaches members, never dict methods."""

    def __getattribute__(self, name: str) -> Any:
        if name.startswith("__"):
            return super().__getattribute__(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def load_variables(text: str | None, path: str) -> Variables:
    """Read and validate a variables file; `None` (no file) gives no variables."""
    out = Variables()
    if text is None:
        return out
    data, lines = load_yaml(normalise_text(text), path)
    if data is None:
        return out
    if not isinstance(data, dict):
        raise SourceError("the variables file must be a mapping of names", path=path, line=1)
    pending: list[_Ref] = []
    _walk(data, (), lines, path, out, pending)
    _resolve_refs(out, pending, path)
    return out


@dataclass(frozen=True)
class _Ref:
    """A `ref` field waiting for the whole file to be read: its target may come later."""

    variable: str
    entry: int
    field: str
    target: str
    line: int


def _resolve_refs(out: Variables, pending: list[_Ref], path: str) -> None:
    """Replace each `ref` placeholder by the value of the variable it names."""
    found: dict[str, list[str]] = {}
    for ref in pending:
        target = out.items.get(ref.target)
        if target is None or not isinstance(target.value, Value):
            known = sorted(n for n, v in out.items.items() if isinstance(v.value, Value))
            if target is None:
                close = difflib.get_close_matches(ref.target, known, n=1, cutoff=0.6)
                msg = f"'{ref.target}' is not a declared variable"
                hint = (f"did you mean '{close[0]}'?" if close
                        else "name a variable declared in this file")
            else:
                msg = f"'{ref.target}' is a list; a ref must name a single value"
                hint = "name a variable with one value, e.g. retention.web_logs"
            raise SourceError(f"{ref.variable}: entry {ref.entry + 1}, field '{ref.field}': {msg}",
                              path=path, line=ref.line, hint=hint)
        var = out.items[ref.variable]
        assert isinstance(var.value, tuple)
        records = list(var.value)
        record = records[ref.entry]
        records[ref.entry] = Record({**record.fields, ref.field: target.value})
        names = found.setdefault(ref.variable, [])
        if ref.target not in names:
            names.append(ref.target)
        out.items[ref.variable] = replace(var, value=tuple(records), refs=tuple(names))


_TYPE_KEY = "type"


def _walk(node: dict[str, Any], key: tuple[str, ...], lines: LineMap, path: str,
          out: Variables, pending: list[_Ref]) -> None:
    for name, decl in node.items():
        here = (*key, name)
        line = lines.get(here, 1)
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise SourceError(f"'{name}' is not a valid variable name", path=path, line=line,
                              hint="use lower-case letters, digits and _, starting with a letter")
        if not isinstance(decl, dict):
            raise SourceError(f"'{'.'.join(here)}' has no declaration", path=path, line=line,
                              hint="give it 'type:' and 'value:' lines, or nest variables under it")
        if _TYPE_KEY in decl:
            var = _declare(".".join(here), decl, here, lines, path, pending)
            out.items[var.name] = var
            continue
        _refuse_missing_type(".".join(here), decl, here, lines, path)
        _walk(decl, here, lines, path, out, pending)


def _refuse_missing_type(name: str, decl: dict[str, Any], key: tuple[str, ...],
                         lines: LineMap, path: str) -> None:
    """A declaration without `type:` would otherwise be read as a group of variables and
    fail later with a puzzling message; say that the type is missing or misspelt."""
    for k in decl:
        if isinstance(k, str) and k != _TYPE_KEY and difflib.get_close_matches(
                k, [_TYPE_KEY], n=1, cutoff=0.5) and not isinstance(decl[k], dict):
            raise SourceError(f"'{name}': '{k}' is not a key; did you mean 'type'?", path=path,
                              line=lines.get((*key, k), 1), hint=f"write '{_TYPE_KEY}: ...'")
    if "value" in decl:
        raise SourceError(f"'{name}' has a value but no type", path=path,
                          line=lines.get(key, 1),
                          hint=f"add 'type: ...' (one of {', '.join(SCALAR_TYPES)}, {LIST})")


def _declare(name: str, decl: dict[str, Any], key: tuple[str, ...], lines: LineMap,
             path: str, pending: list[_Ref]) -> Variable:
    line = lines.get(key, 1)
    cfg = validate(VariableSchema, decl, lines, path, f"'{name}'", line, key)
    vline = lines.get((*key, "value"), line)

    def where_at(at: int) -> Where:
        return lambda msg, hint: SourceError(f"{name}: {msg}", path=path, line=at, hint=hint)

    kind = value_type(cfg["type"], where_at(lines.get((*key, "type"), line)), also=(LIST,))
    value: Value | tuple[Record, ...]
    if isinstance(kind, ValueType):
        value = kind.value(cfg["value"], where_at(vline))
        type_name = kind.name
    else:
        value = _records(name, cfg["fields"], cfg["value"], key, lines, vline, where_at, pending)
        type_name = kind
    return Variable(name=name, type=type_name, value=value, path=path, line=line,
                    material=cfg["material"], confirmed=cfg["confirmed"],
                    description=cfg["description"])


def _records(name: str, fields: Any, items: Any, key: tuple[str, ...], lines: LineMap,
             vline: int, where_at: Callable[[int], Where],
             pending: list[_Ref]) -> tuple[Record, ...]:
    fline = lines.get((*key, "fields"), vline)
    if not isinstance(fields, dict) or not fields:
        raise where_at(fline)("a list needs its fields and their types",
                              "add 'fields:' with lines like 'name: text' and 'url: url'")
    types: dict[str, ValueType | str] = {
        fname: value_type(ftype, where_at(lines.get((*key, "fields", fname), fline)),
                          also=(REF,))
        for fname, ftype in fields.items()}
    if not isinstance(items, list):
        raise where_at(vline)("a list value must be a list of entries",
                              "write each entry on a line starting with '- '")
    out = []
    for i, item in enumerate(items):
        iline = lines.get((*key, "value", i), vline)
        if not isinstance(item, dict):
            raise where_at(iline)(f"entry {i + 1} must give its fields",
                                  f"write {', '.join(f + ': ...' for f in fields)}")
        missing = [f for f in fields if f not in item]
        if missing:
            raise where_at(iline)(f"entry {i + 1} has no '{missing[0]}'",
                                  f"add '{missing[0]}: ...' to the entry")
        unknown = [f for f in item if f not in fields]
        if unknown:
            raise where_at(iline)(f"entry {i + 1} has unknown field '{unknown[0]}'",
                                  f"declared fields: {', '.join(fields)}")
        values: dict[str, Value] = {}
        for f, ftype in types.items():
            at = lines.get((*key, "value", i, f), iline)
            if isinstance(ftype, ValueType):
                values[f] = ftype.value(item[f], where_at(at))
                continue
            target = item[f]
            if not isinstance(target, str) or not _REF_NAME.match(target):
                raise where_at(at)(f"entry {i + 1}: '{target}' is not a variable name",
                                   "write the dotted name, e.g. retention.web_logs")
            pending.append(_Ref(name, i, f, target, at))
            values[f] = Value(REF, target, target, escape_markdown(target))  # placeholder
        out.append(Record(values))
    return tuple(out)


def load_variables_file(root: str, read: Callable[[str], str | None]) -> Variables:
    """Load `<root>/variables.yml` through `read`, which may read a commit or the disk."""
    path = f"{root}/{VARIABLES_FILE}"
    return _load_cached(read(path), path)


@functools.lru_cache(maxsize=256)
def _load_cached(text: str | None, path: str) -> Variables:
    """By content: history meets the same variables file at many commits. Callers
    treat the result as read-only, as they treat every loaded source."""
    return load_variables(text, path)
