"""Typed variables: the facts a statement states, each declared once.

A value is checked when it is loaded, not when a page looks wrong: a lawyer
who types "90" for a retention period learns at once that a unit is missing.
Each value knows how it reads in the published text (`markdown`) and as plain
words (`text`), so templates never format facts by hand.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from lexdocs.errors import SourceError
from lexdocs.sources.yamlsrc import LineMap, load_yaml

VARIABLES_FILE = "variables.yml"

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https?://[^\s<>()\"']+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ().-]{5,}[0-9]$")
_DURATION = re.compile(r"^\s*(-?\d+)\s*(day|week|month|year)s?\s*$", re.IGNORECASE)
_REF_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#!|])")
ADDRESS_FIELDS = ("street", "city", "region", "postal_code", "country")
SCALAR_TYPES = ("text", "email", "url", "phone", "address", "duration", "date", "boolean")
# A list field of type `ref` names another variable instead of copying its value, so one
# fact (a retention period) stated in a table row changes with the variable that holds it.
REF = "ref"


def escape_markdown(text: str) -> str:
    """Make a value read literally: markup typed into a fact must never become markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class Value:
    """One typed value as templates see it: prints as its formatted Markdown."""

    type: str
    raw: Any
    text: str
    markdown: str

    def __str__(self) -> str:
        # Filters (`|lower`) see plain words; the result is escaped once on output.
        return self.text

    def __bool__(self) -> bool:
        # `{% if dpf.participates %}` must follow the value, not the object's existence.
        return bool(self.raw) if self.type == "boolean" else bool(self.text)


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


def _fmt_duration(n: int, unit: str) -> str:
    unit = unit.lower()
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def parse_scalar(kind: str, raw: Any, where: Callable[[str, str], SourceError]) -> Value:
    """Validate one value of a scalar type and format it; `where` builds the error."""
    if kind == "text":
        if not isinstance(raw, str | int | float) or isinstance(raw, bool) or str(raw) == "":
            raise where("a text value must be a non-empty string", "write the words in quotes")
        s = str(raw)
        return Value(kind, s, s, escape_markdown(s))
    if kind == "email":
        if not isinstance(raw, str) or not _EMAIL.match(raw):
            raise where(f"'{raw}' is not an email address", "write it as name@example.com")
        return Value(kind, raw, raw, f"[{escape_markdown(raw)}](mailto:{raw})")
    if kind == "url":
        if not isinstance(raw, str) or not _URL.match(raw):
            raise where(f"'{raw}' is not a web address",
                        "write a full address starting with https://")
        return Value(kind, raw, raw, f"<{raw}>")
    if kind == "phone":
        if not isinstance(raw, str) or not _PHONE.match(raw):
            raise where(f"'{raw}' is not a telephone number",
                        "write it with digits, spaces and dashes, e.g. '+1 206-438-3846' in quotes")
        return Value(kind, raw, raw, escape_markdown(raw))
    if kind == "duration":
        m = _DURATION.match(str(raw)) if isinstance(raw, str | int) else None
        if not m or not isinstance(raw, str):
            raise where(f"'{raw}' is not a duration",
                        "write a whole number and a unit, e.g. '90 days' or '7 years'")
        n = int(m.group(1))
        if n <= 0:
            raise where(f"'{raw}' is not a positive duration", "a period must be 1 or more")
        s = _fmt_duration(n, m.group(2))
        return Value(kind, s, s, s)
    if kind == "date":
        if not isinstance(raw, dt.date) or isinstance(raw, dt.datetime):
            raise where(f"'{raw}' is not a date", "write it as YYYY-MM-DD, e.g. 2024-09-01")
        s = f"{raw:%B} {raw.day}, {raw.year}"
        return Value(kind, raw, s, s)
    if kind == "boolean":
        if not isinstance(raw, bool):
            raise where(f"'{raw}' is not true or false", "write true or false")
        return Value(kind, raw, "yes" if raw else "no", "yes" if raw else "no")
    if kind == "address":
        if not isinstance(raw, dict):
            raise where("an address must list its parts",
                        "give street, city, region, postal_code and country on their own lines")
        unknown = sorted(set(raw) - set(ADDRESS_FIELDS))
        if unknown:
            raise where(f"unknown address part '{unknown[0]}'",
                        f"use only {', '.join(ADDRESS_FIELDS)}")
        for need in ("street", "city", "country"):
            if not raw.get(need):
                raise where(f"the address has no {need}", f"add a line '{need}: ...'")
        parts = {k: str(raw.get(k) or "") for k in ADDRESS_FIELDS}
        locality = " ".join(p for p in (parts["region"], parts["postal_code"]) if p)
        s = f"{parts['street']}, {parts['city']}, {locality} {parts['country']}".replace("  ", " ")
        return Value(kind, parts, s, escape_markdown(s))
    raise where(f"unknown type '{kind}'", f"use one of {', '.join(SCALAR_TYPES)} or list")


def load_variables(text: str | None, path: str) -> Variables:
    """Read and validate a variables file; `None` (no file) gives no variables."""
    out = Variables()
    if text is None:
        return out
    data, lines = load_yaml(text, path)
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
        if "type" in decl:
            var = _declare(".".join(here), decl, here, lines, path, pending)
            out.items[var.name] = var
        else:
            _walk(decl, here, lines, path, out, pending)


def _declare(name: str, decl: dict[str, Any], key: tuple[str, ...], lines: LineMap,
             path: str, pending: list[_Ref]) -> Variable:
    line = lines.get(key, 1)
    allowed = {"type", "value", "fields", "material", "confirmed", "description"}
    extra = sorted(set(decl) - allowed)
    if extra:
        raise SourceError(f"'{name}' has an unknown key '{extra[0]}'", path=path,
                          line=lines.get((*key, extra[0]), line),
                          hint=f"allowed keys: {', '.join(sorted(allowed))}")
    if "value" not in decl:
        raise SourceError(f"'{name}' has no value", path=path, line=line,
                          hint="add a line 'value: ...'")
    kind = decl["type"]
    vline = lines.get((*key, "value"), line)

    def where_at(at: int) -> Callable[[str, str], SourceError]:
        return lambda msg, hint: SourceError(f"{name}: {msg}", path=path, line=at, hint=hint)

    flags = {}
    for flag in ("material", "confirmed"):
        v = decl.get(flag, True)
        if not isinstance(v, bool):
            raise SourceError(f"'{name}': {flag} must be true or false", path=path,
                              line=lines.get((*key, flag), line), hint="write true or false")
        flags[flag] = v
    value: Value | tuple[Record, ...]
    if kind == "list":
        value = _records(name, decl, key, lines, vline, where_at, pending)
    else:
        value = parse_scalar(str(kind), decl["value"], where_at(
            lines.get((*key, "type"), line) if kind not in SCALAR_TYPES else vline))
    return Variable(name=name, type=str(kind), value=value, path=path, line=line,
                    material=flags["material"], confirmed=flags["confirmed"],
                    description=str(decl.get("description", "")))


def _records(name: str, decl: dict[str, Any], key: tuple[str, ...], lines: LineMap, vline: int,
             where_at: Callable[[int], Callable[[str, str], SourceError]],
             pending: list[_Ref]) -> tuple[Record, ...]:
    fields = decl.get("fields")
    fline = lines.get((*key, "fields"), vline)
    if not isinstance(fields, dict) or not fields:
        raise where_at(fline)("a list needs its fields and their types",
                              "add 'fields:' with lines like 'name: text' and 'url: url'")
    for fname, ftype in fields.items():
        if ftype not in SCALAR_TYPES and ftype != REF:
            raise where_at(lines.get((*key, "fields", fname), fline))(
                f"field '{fname}' has unknown type '{ftype}'",
                f"use one of {', '.join(SCALAR_TYPES)} or {REF}")
    items = decl["value"]
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
        for f, ftype in fields.items():
            at = lines.get((*key, "value", i, f), iline)
            if ftype == REF:
                target = item[f]
                if not isinstance(target, str) or not _REF_NAME.match(target):
                    raise where_at(at)(f"entry {i + 1}: '{target}' is not a variable name",
                                       "write the dotted name, e.g. retention.web_logs")
                pending.append(_Ref(name, i, f, target, at))
                values[f] = Value(REF, target, target, escape_markdown(target))  # placeholder
            else:
                values[f] = parse_scalar(ftype, item[f], where_at(at))
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
