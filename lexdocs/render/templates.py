"""Sandboxed Jinja2 → the published Markdown of one document at one tree.

Templates are written by lawyers, not programmers, and may come from any
commit in history: they run in Jinja2's sandbox with strict undefined
handling, and every name is checked before rendering so an error names the
file, the line, and the closest real variable.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from html import escape as html_escape
from typing import TYPE_CHECKING, Any

from jinja2 import (
    BaseLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    Undefined,
    UndefinedError,
)
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.exceptions import SecurityError

from lexdocs.cache import Bounded
from lexdocs.errors import LexdocsError, RenderError, every, grouped, raise_all
from lexdocs.render import markup, tohtml
from lexdocs.render.anchors import anchor_problems, page_htmls
from lexdocs.render.sandbox import (
    GuardedEnvironment,
    LimitExceeded,
    Unprintable,
    unsafe_template_name,
)
from lexdocs.render.sanitize import UnsafeMarkup
from lexdocs.render.uses import Checker
from lexdocs.sources.documents import DocumentSource, Reader, SectionSource
from lexdocs.sources.snapshot import Snapshot, load_snapshot
from lexdocs.sources.variables import (
    Namespace,
    Record,
    Value,
    Variables,
    escape_markdown,
)
from lexdocs.sources.yamlsrc import (
    control_character,
    front_matter_end,
    normalise_text,
    refuse_control_characters,
)

if TYPE_CHECKING:
    from lexdocs.render.memo import RenderMemo

# `{{ page_version.last_updated }}` and `{{ page_version.effective }}` render as these
# markers, so the canonical text (and with it every fingerprint, version and redline)
# never depends on a version's own dates; `review.notice` puts the dates in per version.
PAGE_VERSION = Namespace(last_updated="\ue000lastupdated\ue001",
                         effective="\ue000effective\ue001")


@functools.lru_cache(maxsize=256)
def _asks_for_dates(markdown: str) -> bool:
    """Per section text: the next version's sections are nearly all the last one's (a
    string's hash is computed once and kept by the string). Only the newest few: the
    cache holds the texts it is keyed by, and a build would otherwise hold every
    section text of the history."""
    return any(m in markdown for m in dict.values(PAGE_VERSION))


@dataclass(frozen=True)
class RenderedSection:
    """A section as published: its Markdown, its visible text, the variables it uses."""

    id: str
    title: str
    tags: tuple[str, ...]
    material: bool
    path: str
    markdown: str
    html: str
    uses: frozenset[str]

    @property
    def blocks(self) -> list[str]:
        """Paragraphs and list items, as a redline compares them."""
        return markup.blocks(self.html)


@dataclass(frozen=True)
class RenderedDocument:
    """A whole document as published at one tree, with the identity of its text."""

    name: str
    title: str
    slug: str
    sections: Sequence[RenderedSection]
    """A tuple as rendered; a kept render read back by a build holds them as keys into
    the store instead, read when drawn (`history.parts.KeptParts`)."""
    values: dict[str, str]
    """Plain text of each variable the document uses, for variable-aware redlines."""
    immaterial: frozenset[str]
    fingerprint: str

    @functools.cached_property
    def asks_for_dates(self) -> bool:
        """Whether the text asks for a version's own dates anywhere (`PAGE_VERSION`).
        Dating asks it of every version in several passes, and a kept render's sections
        are read each time they are drawn: so it is worked out once a document."""
        return any(_asks_for_dates(s.markdown) for s in self.sections)

    @property
    def markdown(self) -> str:
        """The rendered Markdown, as `lexdocs render` prints it."""
        parts = []
        for s in self.sections:
            parts.append(f"## {escape_markdown(s.title)} {{#{s.id}}}\n\n{s.markdown}")
        return "\n".join(parts)

    @property
    def page(self) -> str:
        """The page body for MkDocs: Markdown headings (table of contents, stable anchors
        people cite) over each section's HTML from the one safe converter, so the page
        shows exactly the text that dates and redlines compare."""
        parts = []
        sections = list(self.sections)  # a kept render reads each section when drawn
        for s, html in zip(sections, page_htmls(sections), strict=True):
            parts.append(f"## {escape_markdown(s.title)} {{#{s.id}}}\n\n"
                         f'<div class="lx-section" markdown="0">\n{html}\n</div>\n')
        return "\n".join(parts)

    @property
    def html(self) -> str:
        """The body as HTML with section headings, for PDFs and feeds."""
        sections = list(self.sections)
        return "".join(f'<h2 id="{s.id}">{html_escape(s.title)}</h2>\n{html}\n'
                       for s, html in zip(sections, page_htmls(sections), strict=True))

    @property
    def text(self) -> str:
        """Visible text, blocks separated by blank lines."""
        return "\n\n".join(f"{s.title}\n\n" + markup.plain_text(s.html) for s in self.sections)


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates by source checksum: history renders the same sections many times."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = Bounded(512)

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(bucket.key + bucket.checksum)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key + bucket.checksum] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecodeCache()


class _TreeLoader(BaseLoader):
    """Loads templates from the tree being rendered; front matter becomes blank lines.

    `read` may be swapped for another tree's (`RenderMemo` reuses one environment across
    a history): a template Jinja keeps is up to date only while its file has the same
    text. `seen` notes each file loaded and its text, what a section render read."""

    def __init__(self, root: str, read: Reader) -> None:
        self.root = root
        self.read = read
        self.seen: dict[str, str] = {}

    def get_source(
        self, environment: Any, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        problem = unsafe_template_name(template)
        if problem:
            raise RenderError(f"cannot include '{template}': {problem}",
                              hint="include files inside the source folder by their path there")
        path = template if template.startswith(self.root + "/") else f"{self.root}/{template}"
        text = self.read(path)
        if text is None:
            raise TemplateNotFound(path)
        refuse_control_characters(normalise_text(text), path)  # CR ends a line, as in Jinja
        self.seen[path] = text
        return blank_front_matter(text), path, lambda: self.read(path) == text


def blank_front_matter(text: str) -> str:
    """Keep line numbers of the file while hiding its front matter from Jinja."""
    end = front_matter_end(text)
    if end is None:
        return text
    return "\n" * text[:end].count("\n") + text[end:]


def _finalize(value: Any) -> Any:
    """What `{{ }}` prints: text, a number, or a value the project declares.

    Anything else would print as Python shows it (`range(3)` as a generator's memory
    address, a group as a dict), which differs from build to build or shows the
    reader internals: it stops the render at the template's line instead.
    """
    if isinstance(value, Value):
        return value.markdown
    if isinstance(value, Record):
        return format_record(value)
    if isinstance(value, tuple) and all(isinstance(v, Record) for v in value):
        return ", ".join(format_record(r) for r in value)
    if isinstance(value, str):
        found = control_character(value)
        if found is not None:
            raise Unprintable(f"the text holds the control character U+{ord(value[found]):04X}")
        return escape_markdown(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()  # says which name or item is missing
    raise Unprintable(f"{{{{ }}}} may show only text, numbers and declared values, "
                      f"not {_kind(value)}")


def _kind(value: Any) -> str:
    """What a refused value is, in an author's words."""
    if isinstance(value, bool) or value is None:
        return f"'{value}'"
    if isinstance(value, Namespace | dict):
        return "a group of values (name one of its members)"
    if isinstance(value, list | tuple | set | frozenset):
        return "a list (loop over it, or join it with |join(', '))"
    return f"a {type(value).__name__} object"


def format_record(record: Record) -> str:
    """First field, the rest in parentheses: "Customer.io (https://customer.io/gdpr.html)"."""
    vals = [v.markdown for v in record.fields.values()]
    return vals[0] + (f" ({', '.join(vals[1:])})" if len(vals) > 1 else "")


def make_environment(root: str, read: Reader) -> GuardedEnvironment:
    """The one Jinja2 environment configuration, shared by every render."""
    return GuardedEnvironment(
        loader=_TreeLoader(root, read),
        undefined=StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        keep_trailing_newline=True,
        bytecode_cache=_BYTECODE,
    )


def _runtime_line(exc: BaseException, path: str) -> int | None:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == path:
            return frame.lineno
    return None


# What went wrong while a template ran, in the author's terms, and what to do; the
# first matching type wins. Anything not listed is a bug of ours and is not caught here.
_RUNTIME_ERRORS: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...],
                             Callable[[Any], str], str], ...] = (
    (LimitExceeded, lambda e: f"stopped: {e}", "a legal text needs no such computation"),
    (Unprintable, lambda e: f"cannot print: {e}",
     "print a variable, a text or a number; loop over a list"),
    (SecurityError, lambda e: f"blocked by the template sandbox: {e}",
     "use only variables from variables.yml"),
    (UndefinedError, lambda e: f"undefined value: {e.message}",
     "check the field names of the list you loop over"),
    (TemplateNotFound, lambda e: f"included file '{e.name}' does not exist", ""),
    (TemplateError, lambda e: f"cannot render: {e.message}", ""),
    (RecursionError, lambda e: "the template calls itself without end", "remove the recursion"),
    # A template's own expression failed (1/0, 'a' + 1, a filter given the wrong kind of
    # value: `5|wordwrap`, `cycler()`, `'abc'|truncate(1)`): the author's mistake. Each of
    # these reached the catch-all once; a template can raise nothing outside this list
    # without a bug in Jinja or here.
    ((ArithmeticError, TypeError, ValueError, LookupError, MemoryError, SyntaxError,
      AttributeError, RuntimeError, AssertionError),
     lambda e: f"cannot render: {type(e).__name__}: {e}",
     "check the expressions in {{ }} and {% %}"),
)


def _explain(exc: Exception) -> tuple[str, str]:
    """The one-line message and hint for an error raised while a template ran."""
    for kinds, message, hint in _RUNTIME_ERRORS:
        if isinstance(exc, kinds):
            return message(exc), hint
    raise exc


def render_section(env: GuardedEnvironment, section: SectionSource,
                   namespace: dict[str, Any], variables: Variables) -> RenderedSection:
    """Check, then render, one section; every failure names its file and line."""
    return _render_section(env, section, namespace, variables)[0]


def _render_section(env: GuardedEnvironment, section: SectionSource,
                    namespace: dict[str, Any], variables: Variables,
                    ) -> tuple[RenderedSection, frozenset[str]]:
    """`render_section`, and every top-level name the check and the render looked up
    (the files they loaded are in `env.loader.seen`)."""
    loader = env.loader
    assert isinstance(loader, _TreeLoader)
    loader.seen.clear()
    checker = Checker(env, namespace, variables)
    checker.check(section.path)
    env.reset_budget()
    try:
        body = env.render_bounded(section.path, namespace)
    except LexdocsError:
        raise
    except Exception as exc:
        message, hint = _explain(exc)
        raise RenderError(message, path=section.path,
                          line=_runtime_line(exc, section.path) or section.body_line,
                          hint=hint) from exc
    body = body.strip("\n") + "\n"
    try:
        html = tohtml.to_html(body)
    except UnsafeMarkup as exc:
        raise grouped([RenderError(each.message, path=section.path,
                                   line=_source_line(env, section.path, each.needle)
                                   or section.body_line, hint=each.hint)
                       for each in (exc, *exc.more)]) from exc
    except RecursionError:
        raise RenderError("the Markdown is nested too deeply", path=section.path,
                          line=section.body_line,
                          hint="use fewer levels of lists or quotes") from None
    rendered = RenderedSection(id=section.id, title=section.title, tags=section.tags,
                               material=section.material, path=section.path, markdown=body,
                               html=html, uses=frozenset(variables.expand(checker.uses)))
    return rendered, frozenset(checker.names | env.names)


def _source_line(env: GuardedEnvironment, path: str, needle: str) -> int | None:
    """The line of `path` that holds `needle`, for errors found after rendering."""
    assert env.loader is not None
    try:
        source = env.loader.get_source(env, path)[0]
    except (TemplateNotFound, LexdocsError):
        return None
    for number, line in enumerate(source.split("\n"), 1):
        if needle and needle in line:
            return number
    return None


def render_document(doc: DocumentSource, variables: Variables, root: str,
                    read: Reader, memo: RenderMemo | None = None) -> RenderedDocument:
    """Render every section of `doc` with the variables of the same tree.

    With `memo` (a walk through history), a section whose files and looked-up variables
    are the same as in an earlier render is that render, not rendered again."""
    namespace = {**variables.namespace(), "page_version": PAGE_VERSION}
    if memo is None:
        env = make_environment(root, read)
        done: list[RenderedSection] = []
        problems: list[LexdocsError] = []
        for part in doc.sections:  # each section's problem, not only the first section's
            try:
                done.append(render_section(env, part, namespace, variables))
            except RenderError as exc:
                problems.extend(every(exc))
        raise_all(problems)
        sections = tuple(done)
    else:
        sections = memo.render(doc, variables, namespace, root, read)
    used = sorted({u for s in sections for u in s.uses})
    values = {u: variables.items[u].text for u in used if u in variables.items}
    immaterial = frozenset(u for u in values if not variables.items[u].material)
    parts = [f"<h1>{doc.title}</h1>"]
    for s in sections:
        parts += [f"<h2>{s.title}</h2>", s.html]
    return RenderedDocument(name=doc.name, title=doc.title, slug=doc.slug, sections=sections,
                            values=values, immaterial=immaterial,
                            fingerprint=markup.fingerprint_parts(parts))


def render_snapshot(snap: Snapshot) -> dict[str, RenderedDocument]:
    """Every document of one loaded tree, rendered: what it would publish. Links within
    and between the documents are checked here, where all of them are at hand."""
    out: dict[str, RenderedDocument] = {}
    problems: list[LexdocsError] = []
    for name, doc in snap.documents.items():
        try:
            out[name] = render_document(doc, snap.variables, snap.root, snap.read)
        except RenderError as exc:
            problems.extend(every(exc))
    # A section that did not render has ids no one knows yet: links to it would all read
    # as leading nowhere, so links are checked once every section has rendered.
    raise_all(problems or anchor_problems(out, snap.read))
    return out


def render_tree(root: str, names: Iterable[str], read: Reader,
                ) -> tuple[Variables, dict[str, tuple[DocumentSource, RenderedDocument]]]:
    """`render_snapshot` for callers that hold a reader rather than a snapshot."""
    snap = load_snapshot(root, list(names), read)
    rendered = render_snapshot(snap)
    return snap.variables, {n: (snap.documents[n], rendered[n]) for n in snap.names}


def iter_uses(doc: RenderedDocument) -> Iterator[tuple[str, str]]:
    """(variable, section id) pairs, for `lexdocs vars`."""
    for s in doc.sections:
        for u in sorted(s.uses):
            yield u, s.id
