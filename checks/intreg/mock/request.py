"""Check a request against one operation of a stub: its parameters and its body.

Values arrive as text (path, query, headers, form fields), so each is read as the type its
schema declares before it is validated against that schema, as a provider would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from jsonschema import FormatChecker

from intreg.records.json_schema import UnsafeSchema, validation_errors
from intreg.records.wire.decode import as_list, form_fields, parameter_values, simple_values
from intreg.records.wire.encode import default_style

Schema = dict[str, Any]
_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_BOOLEANS = {"true": True, "false": False}
_PROBLEM_LIMIT = 200
# Providers refuse an address that is not one: the formats the stubs declare are checked (those
# jsonschema knows, and absolute URIs), so the mock refuses what schemathesis calls invalid.
# (`regex` is left out: it would compile what a client sends with Python's `re`.)
FORMATS = FormatChecker(formats=("date", "date-time", "email", "ipv4", "ipv6", "time", "uuid"))


@FORMATS.checks("uri")
def _is_absolute_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.path)) and " " not in value


class _NotThatType(ValueError):
    """The text cannot be read as any type its schema allows."""


def parameter_problem(
    parameter: Mapping[str, Any], raw: Sequence[str] | Mapping[str, Any] | None
) -> str | None:
    """Why the values sent for `parameter` (None: not sent) are not acceptable, or None.

    `raw` is the parameter's texts, or for bracket notation (deepObject) the nested mapping of
    texts that intreg.records.wire.decode rebuilt."""
    where = f"{parameter['in']} parameter {parameter['name']!r}"
    if raw is None:
        return f"{where} is required" if parameter.get("required") else None
    schema: Schema = parameter.get("schema", {})
    if isinstance(raw, Mapping):
        try:
            return _schema_problem(where, _coerce(raw, schema), schema)
        except _NotThatType as exc:
            return f"{where}: {exc}"
    if "object" in _types(schema):
        return None  # exploded objects arrive as separate keys: only presence can be checked
    try:
        value = _read_values(raw, schema)
    except _NotThatType as exc:
        return f"{where}: {exc}"
    return _schema_problem(where, value, schema)


def query_values(
    parameter: Mapping[str, Any], pairs: Sequence[tuple[str, str]]
) -> Sequence[str] | Mapping[str, Any] | None:
    """What the query string's `pairs` carry for `parameter`, read by its style and explode."""
    schema: Schema = parameter.get("schema", {})
    style = str(parameter.get("style", default_style(str(parameter["in"]))))
    return parameter_values(
        str(parameter["name"]), pairs, style, parameter.get("explode"), "array" in _types(schema)
    )


def simple_parameter(parameter: Mapping[str, Any], text: str) -> Sequence[str]:
    """What a path or header parameter's `text` carries, read by its style and explode."""
    schema: Schema = parameter.get("schema", {})
    style = str(parameter.get("style", default_style(str(parameter["in"]))))
    return simple_values(
        str(parameter["name"]), text, style, parameter.get("explode"), "array" in _types(schema)
    )


def body_problem(
    request_body: Mapping[str, Any], content_type: str | None, body: bytes
) -> str | None:
    """Why `body` (sent as `content_type`) is not acceptable for `request_body`, or None."""
    if not body and content_type is None:
        return "the request body is required" if request_body.get("required") else None
    content: dict[str, dict[str, Any]] = request_body.get("content", {})
    media_type, media = next(iter(content.items()), ("*/*", {}))
    sent = (content_type or media_type).split(";")[0].strip().lower()
    if media_type != "*/*" and sent != media_type.lower():
        return f"expected a body of type {media_type}, got {sent}"
    schema: Schema | None = media.get("schema")
    if schema is None:
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None if not _is_structured(media_type) else "the body is not UTF-8"
    if is_json(media_type):
        try:
            value = json.loads(text)
        except ValueError:
            return "the body is not valid JSON"
        except RecursionError:  # a hostile body: thousands of nested arrays
            return "the body is nested too deeply"
        try:
            return _schema_problem("body", value, schema)
        except RecursionError:
            return "the body is nested too deeply"
    if media_type == "application/x-www-form-urlencoded":
        return _form_problem(text, schema, media.get("encoding", {}))
    return None


def is_json(media_type: str) -> bool:
    """True for application/json and the +json media types."""
    base = media_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def _is_structured(media_type: str) -> bool:
    return is_json(media_type) or media_type == "application/x-www-form-urlencoded"


def _form_problem(
    text: str, schema: Schema, encoding: Mapping[str, Mapping[str, Any]]
) -> str | None:
    pairs = parse_qsl(text, keep_blank_values=True)
    properties: dict[str, Schema] = schema.get("properties", {})
    value: dict[str, Any] = {}
    for name, raw in form_fields(pairs, properties, encoding).items():
        field_schema = properties.get(name)
        if field_schema is None:
            value[name] = raw if len(raw) > 1 else raw[0]  # undeclared: taken as sent
            continue
        try:
            value[name] = (
                _coerce(raw, field_schema)
                if isinstance(raw, Mapping)
                else _read_values(raw, field_schema)
            )
        except _NotThatType as exc:
            return f"form field {name!r}: {exc}"
    return _schema_problem("body", value, schema)


def _coerce(tree: Any, schema: Schema) -> Any:
    """A bracket tree of texts (from deepObject) read as the types `schema` declares."""
    types = _types(schema)
    if "array" in types:
        items = as_list(tree)
        if isinstance(items, list):
            return [_coerce(item, schema.get("items", {})) for item in items]
    if isinstance(tree, Mapping):
        properties: dict[str, Schema] = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        other: Schema = extra if isinstance(extra, dict) else {}
        return {k: _coerce(v, properties.get(k, other)) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_coerce(item, schema.get("items", {})) for item in tree]
    return _read_text(tree, schema)


def _read_values(raw: Sequence[str], schema: Schema) -> Any:
    if "array" in _types(schema):
        items: Schema = schema.get("items", {})
        return [_read_text(text, items) for text in raw]
    if len(raw) > 1:
        raise _NotThatType(f"expected one value, got {len(raw)}")
    return _read_text(raw[0], schema)


def _read_text(text: str, schema: Schema) -> Any:
    types = _types(schema)
    if not types or "string" in types:
        return text
    for kind in sorted(types):
        if kind == "integer" and _INTEGER.fullmatch(text):
            return int(text)
        if kind == "number" and _NUMBER.fullmatch(text):
            return float(text)
        if kind == "boolean" and text in _BOOLEANS:
            return _BOOLEANS[text]
        if kind == "null" and text in ("", "null"):
            return None
    raise _NotThatType(f"expected {' or '.join(sorted(types))}, got {_quote(text)}")


def _types(schema: Schema) -> set[str]:
    kind = schema.get("type")
    if kind is None:
        return set()
    return set(kind) if isinstance(kind, list) else {kind}


def _schema_problem(where: str, value: Any, schema: Schema) -> str | None:
    # The stub's schemas come from records: checked the way `intreg validate` checks them,
    # reading nothing but the stub, with patterns matched in linear time (issue 24).
    try:
        errors = validation_errors(schema, value, FORMATS)
    except UnsafeSchema as exc:
        return f"{where}: cannot be checked: {exc.problem.message}"[:_PROBLEM_LIMIT]
    if not errors:
        return None
    error = errors[0]
    at = "" if not error.absolute_path else " at " + error.json_path.removeprefix("$")
    return f"{where}{at}: {error.message}"[:_PROBLEM_LIMIT]


def _quote(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "...")
