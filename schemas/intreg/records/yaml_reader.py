"""Strict YAML: bytes -> plain Python data plus the line and column of every field.

Safe YAML only. Duplicate keys, anchors, aliases, unusual tags, several documents, non-UTF-8
bytes, oversized files and control characters (intreg.records.characters) are reported as
findings instead of being loaded.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from intreg.records.characters import character_findings, mask
from intreg.records.field_path import FieldPath, format_path
from intreg.records.findings import Finding
from intreg.records.yaml_core import (
    YAML11_KEYWORDS,
    describe_value,
    read_plain,
    resolve_core,
    yaml11_reading,
)

MAX_BYTES = 1024 * 1024

# The C parser is several times faster (../shared/NOTES.md); the pure-Python one is identical.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {_CORE + "map", _CORE + "seq"}
_TYPED_KEY_STARTS = frozenset("0123456789-+.~nNtTfF") | {""}
_TAGGED_TYPES: dict[str, tuple[type, ...]] = {
    _CORE + "int": (int,),
    _CORE + "float": (float, int),
    _CORE + "bool": (bool,),
    _CORE + "null": (type(None),),
}
_FIX_COLON = "quote a value that contains ': ', or fix the indentation of the line"
_SCANNER_HINTS = {
    "mapping values are not allowed in this context": _FIX_COLON,
    "mapping values are not allowed here": _FIX_COLON,
    "exceeded maximum nesting depth": "nest examples and schemas at most 64 levels deep",
}


class Ambiguity(NamedTuple):
    """A plain scalar a YAML 1.1 reader reads otherwise than YAML 1.2 (as `yaml11`)."""

    path: FieldPath
    line: int
    col: int
    text: str
    value: Any  # as YAML 1.2 reads it
    yaml11: Any
    on_key: bool = False


class Span(NamedTuple):
    """Where a field's key and value start (1-based), and the text of a typed plain scalar."""

    line: int
    col: int
    key_line: int
    key_col: int
    plain: str | None = None  # source text when YAML read a plain scalar as non-text


@dataclass
class Document:
    """Parsed YAML data, the position of every field path in it, and every text value."""

    data: Any
    spans: dict[FieldPath, Span] = field(default_factory=dict)
    strings: list[tuple[FieldPath, str]] = field(default_factory=list)
    refused: list[FieldPath] = field(default_factory=list)  # fields with a forbidden character
    ambiguities: list[Ambiguity] = field(default_factory=list)
    typed_keys: list[FieldPath] = field(default_factory=list)  # reported as `typed-key`


class _Stop(Exception):
    """A construct we refuse to go past (alias, anchor, tag); the finding is already recorded."""


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: FieldPath
    key: str | None = None
    key_mark: tuple[int, int] = (0, 0)
    keep: bool = True
    seen: dict[str, int] = field(default_factory=dict)


def read_yaml(data: bytes, path: str) -> tuple[Document | None, list[Finding]]:
    """Parse one record file; a Document only when nothing stopped the parse."""
    problem = _check_bytes(data, path)
    if problem is not None:
        return None, [problem]
    text, masked = mask(data.decode("utf-8-sig"))
    builder = _Builder(path)
    document = _build(builder, text, path)
    if masked or "\\" in text:  # a forbidden character, or an escape that may write one
        found, fields = character_findings(path, text, masked, builder.spans, builder.strings)
        builder.findings[:0] = found
        if document is not None:
            document.refused = fields
    return document, builder.findings


def _build(builder: _Builder, text: str, path: str) -> Document | None:
    try:
        root = builder.build(_iter_events(text))
    except _Stop:
        return None
    except yaml.YAMLError as exc:
        builder.findings.append(_syntax_finding(exc, path, text))
        return None
    if root is None and not builder.findings:
        builder.report(
            (1, 1), "", "empty-file", "the file holds no record", "start from `intreg new ID`"
        )
        return None
    return Document(
        root, builder.spans, builder.strings, [], builder.ambiguities, builder.typed_keys
    )


def _check_bytes(data: bytes, path: str) -> Finding | None:
    if len(data) > MAX_BYTES:
        return Finding(
            path,
            1,
            1,
            "",
            "file-too-large",
            f"the file has more than {MAX_BYTES:,} bytes, the limit for a record",
            "move long examples out of the record, or split the integration",
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return Finding(
            path,
            line,
            col,
            "",
            "not-utf8",
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
            "save the file as UTF-8",
        )
    return None


def _iter_events(text: str) -> Iterator[yaml.Event]:
    loader = _Loader(text)
    try:
        while loader.check_event():
            yield loader.get_event()  # type: ignore[no-untyped-call]
    finally:
        loader.dispose()


def _syntax_finding(exc: yaml.YAMLError, path: str, text: str) -> Finding:
    mark = getattr(exc, "problem_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    hint = _SCANNER_HINTS.get(problem, "check the indentation and quoting around this line")
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        hint = "indent with spaces, not tabs"
    return Finding(path, line, col, "", "yaml-syntax", message, hint)


class _Builder:
    """Turns parser events into dicts, lists and scalars, recording positions as it goes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []
        self.spans: dict[FieldPath, Span] = {}
        self.strings: list[tuple[FieldPath, str]] = []
        self.ambiguities: list[Ambiguity] = []
        self.typed_keys: list[FieldPath] = []
        self._stack: list[_Frame] = []
        self._root: Any = None
        self._documents = 0

    def report(
        self, mark: tuple[int, int], field_path: str, code: str, message: str, hint: str = ""
    ) -> None:
        self.findings.append(Finding(self.path, mark[0], mark[1], field_path, code, message, hint))

    def build(self, events: Iterator[Any]) -> Any:
        # Dispatch by type, commonest first: this loop runs once per YAML node.
        scalar, end = yaml.ScalarEvent, (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        for event in events:
            kind = type(event)
            if kind is scalar:
                self._on_scalar(event)
            elif kind in end:
                self._stack.pop()
            elif kind is yaml.MappingStartEvent:
                self._open(event, {})
            elif kind is yaml.SequenceStartEvent:
                self._open(event, [])
            elif kind is yaml.AliasEvent:
                self._on_alias(event)
            elif kind is yaml.DocumentStartEvent:
                self._on_document(event)
        return self._root

    def _on_document(self, event: yaml.DocumentStartEvent) -> None:
        self._documents += 1
        if self._documents > 1:
            self.report(
                _mark(event),
                "",
                "multiple-documents",
                "the file holds more than one YAML document",
                "keep one record per file and remove the `---` line",
            )
            raise _Stop
        if event.version is not None and event.version != (1, 2):
            # `yaml` (npm) and other YAML 1.2 readers switch to YAML 1.1 here (`no` is false
            # again): a record has one reading, YAML 1.2's (issue 16).
            self.report(
                _mark(event),
                "",
                "yaml-version",
                f"`%YAML {event.version[0]}.{event.version[1]}` asks for another YAML version; "
                "records are read as YAML 1.2",
                "remove the %YAML line",
            )
            raise _Stop

    def _on_alias(self, event: yaml.AliasEvent) -> None:
        self.report(
            _mark(event),
            self._where(),
            "alias",
            f"alias `*{event.anchor}` is not allowed (aliases can expand exponentially)",
            "write the value out in full",
        )
        raise _Stop

    def _check_node(self, event: yaml.NodeEvent, tag: str | None, allowed: set[str]) -> None:
        if event.anchor is not None:  # harmless alone, so reported without stopping
            self.report(
                _mark(event),
                self._where(),
                "anchor",
                f"anchor `&{event.anchor}` is not allowed",
                "remove the anchor and write values out in full",
            )
        if tag is not None and tag != "!" and tag not in allowed:
            shown = tag.replace(_CORE, "!!")
            self.report(
                _mark(event),
                self._where(),
                "tag",
                f"tag `{shown}` is not allowed",
                "remove the tag; records use plain YAML values only",
            )
            raise _Stop

    def _on_scalar(self, event: yaml.ScalarEvent) -> None:
        if event.anchor is not None or event.tag is not None:
            self._check_node(event, event.tag, _SCALAR_TAGS)
        frame = self._stack[-1] if self._stack else None
        if frame is not None and frame.key is None and isinstance(frame.container, dict):
            mark = _mark(event)
            self._take_key(frame, event.value, mark)
            if event.implicit[0] and event.tag is None:
                if event.value in YAML11_KEYWORDS:
                    self._check_key(frame, event.value, mark)
                if event.value[:1] in _TYPED_KEY_STARTS:
                    self._check_typed_key(frame, event.value, mark)
            return
        mark = _mark(event)
        if event.implicit[0] and event.tag is None:  # plain: typed as YAML 1.2 reads it
            value, other = read_plain(event.value)
            path = self._attach(value, mark, None if type(value) is str else event.value)
            if other is not None:
                self.ambiguities.append(Ambiguity(path, *mark, event.value, value, other))
            return
        try:
            value = _tagged_value(event)
        except ValueError:
            self.report(
                mark,
                self._where(),
                "tag",
                f"`{event.value}` cannot be read as `{str(event.tag).replace(_CORE, '!!')}`",
                "remove the tag, or fix the value",
            )
            raise _Stop from None
        self._attach(value, mark, None)

    def _check_key(self, frame: _Frame, key: str, mark: tuple[int, int]) -> None:
        # Keys are text by design (`200:` is the status "200"); a YAML 1.1 reader turning one
        # into a boolean, a null or a merge (YAML11_KEYWORDS) changes what the mapping holds.
        other = yaml11_reading(key, key)
        if other is not None:
            self.ambiguities.append(Ambiguity((*frame.path, key), *mark, key, key, other, True))

    def _check_typed_key(self, frame: _Frame, key: str, mark: tuple[int, int]) -> None:
        # Keys are text to intreg, but YAML 1.2 readers turn a typed key into a string their
        # own way: `0x10:` becomes "16", `null:` "" and `1.0:` "1" in JavaScript (issue 16).
        value = resolve_core(key)
        if type(value) is str or _as_javascript_key(value) == key:
            return
        path = (*frame.path, key)
        self.typed_keys.append(path)
        self.report(
            mark,
            format_path(path),
            "typed-key",
            f"editors read the key `{key}` as {describe_value(value)}, not as the text `{key}`",
            f'quote it ("{key}") if you meant the text',
        )

    def _take_key(self, frame: _Frame, key: str, mark: tuple[int, int]) -> None:
        # Keys are always text: `200:` and `"200":` both mean the status 200.
        frame.key, frame.key_mark = key, mark
        frame.keep = key not in frame.seen
        if not frame.keep:
            first = frame.seen[key]
            self.report(
                mark,
                format_path((*frame.path, key)),
                "duplicate-key",
                f"key `{key}` appears twice in this mapping (first on line {first})",
                "remove one of them; YAML would silently keep only the last",
            )
        else:
            frame.seen[key] = mark[0]

    def _open(
        self, event: yaml.CollectionStartEvent, container: dict[str, Any] | list[Any]
    ) -> None:
        if event.anchor is not None or not event.implicit:
            self._check_node(event, None if event.implicit else event.tag, _COLLECTION_TAGS)
        frame = self._stack[-1] if self._stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            self.report(
                _mark(event),
                format_path(frame.path),
                "complex-key",
                "a key must be plain text, not a list or mapping",
                "write the key as text",
            )
            raise _Stop
        path = self._attach(container, _mark(event), None)
        self._stack.append(_Frame(container, path))

    def _attach(self, value: Any, mark: tuple[int, int], plain: str | None) -> FieldPath:
        if not self._stack:
            self._root = value
            self.spans[()] = Span(mark[0], mark[1], mark[0], mark[1], plain)
            return ()
        frame = self._stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            self.spans[path] = Span(mark[0], mark[1], mark[0], mark[1], plain)
            if type(value) is str:
                self.strings.append((path, value))
            return path
        assert frame.key is not None
        path = (*frame.path, frame.key)
        if frame.keep:
            frame.container[frame.key] = value
            self.spans[path] = Span(mark[0], mark[1], *frame.key_mark, plain)
            if type(value) is str:
                self.strings.append((path, value))
        frame.key = None
        return path

    def _where(self) -> str:
        if not self._stack:
            return ""
        frame = self._stack[-1]
        return format_path((*frame.path, frame.key) if frame.key is not None else frame.path)


def _as_javascript_key(value: Any) -> str:
    """The key JavaScript makes of a YAML 1.2 scalar (String(value)); for whole floats, infinities
    and nan only roughly, which is enough: every such key is reported."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value).lower()
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    return str(int(value)) if isinstance(value, float) and math.isfinite(value) else str(value)


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    assert mark is not None  # the parser marks every event it emits
    return mark.line + 1, mark.column + 1


def _tagged_value(event: yaml.ScalarEvent) -> Any:
    """The value of a quoted, block or tagged scalar: text unless a core tag says otherwise.

    ValueError when an explicit tag does not fit the value (`!!int abc`).
    """
    if event.tag is None or event.tag in ("!", _CORE + "str"):
        return event.value
    value = resolve_core(event.value)
    if type(value) not in _TAGGED_TYPES[event.tag]:
        raise ValueError(event.value)
    return float(value) if event.tag == _CORE + "float" else value


def iter_leaves(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    """Every scalar inside parsed data, with its field path, in document order."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from iter_leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_leaves(item, (*path, index))
    else:
        yield path, value
