"""What a provider's spec says of the fields of a body example (required, enum, format,
nullable, and the type of a field shown as null), as a record's `fields` entries.

Only fields the example holds are named (a rule naming another field is a finding), walked to
MAX_FIELD_DEPTH levels, in the example's order, so results are deterministic. The importer
drafts `fields` with it, and drift compares a record's `fields` with it (issue 17).
"""

from __future__ import annotations

from typing import Any

from intreg.records.body_fields import ITEMS
from intreg.specs.refs import Resolver, object_shape, schema_types

MAX_FIELD_DEPTH = 4
_TYPES = ("string", "integer", "number", "boolean", "object", "array")


def spec_fields(
    schema: Any, example: Any, r: Resolver, placeholder: str | None = None
) -> dict[str, dict[str, Any]]:
    """The `fields` entries for `example`, a value of the spec's `schema`; a `placeholder`
    text in the example gets no format (it stands for a value still to write)."""
    fields: dict[str, dict[str, Any]] = {}
    _walk(schema, example, r, "", fields, 0, placeholder)
    return fields


def _walk(
    schema: Any,
    value: Any,
    r: Resolver,
    path: str,
    out: dict[str, dict[str, Any]],
    depth: int,
    placeholder: str | None,
) -> None:
    if depth >= MAX_FIELD_DEPTH:
        return
    schema = _single_branch(r.deref(schema), r)
    if isinstance(value, dict):
        shape = object_shape(schema, r)
        for key, child in value.items():
            name = str(key)
            child_schema = shape.properties.get(name)
            if child_schema is None:
                continue  # the spec does not describe it: nothing to copy
            child_path = f"{path}.{name}" if path else name
            rule = field_rule(child_schema, child, r, required=name in shape.required)
            if child == placeholder and placeholder is not None:
                rule.pop("format", None)
            if rule:
                out[child_path] = rule
            _walk(child_schema, child, r, child_path, out, depth + 1, placeholder)
    elif isinstance(value, list) and value and isinstance(schema, dict):
        items = schema.get("items")
        if items is not None:
            for item in value[:1]:  # the items share one schema: the first shows it
                _walk(items, item, r, f"{path}{ITEMS}", out, depth + 1, placeholder)


def field_rule(schema: Any, value: Any, r: Resolver, *, required: bool) -> dict[str, Any]:
    """The rule for one field (empty when the spec says nothing the example does not show)."""
    resolved = _single_branch(r.deref(schema), r)
    types = schema_types(schema, r)
    rule: dict[str, Any] = {}
    if required:
        rule["required"] = True
    enum = _enum(resolved)
    if enum and (value is None or value in enum):
        rule["enum"] = enum
    fmt = resolved.get("format") if isinstance(resolved, dict) else None
    if isinstance(fmt, str) and fmt and isinstance(value, str | int | float):
        rule["format"] = fmt
    if "null" in types and value is not None:
        rule["nullable"] = True
    known = [t for t in types if t in _TYPES]
    if value is None and len(known) == 1:
        rule["type"] = known[0]
    return rule


def _single_branch(schema: Any, r: Resolver) -> Any:
    """The one non-null branch of a oneOf/anyOf (Stripe wraps nullable `$ref`s so), or `schema`."""
    if not isinstance(schema, dict) or "properties" in schema:
        return schema
    for key in ("anyOf", "oneOf"):
        branches = [r.deref(b) for b in schema.get(key) or []]
        real = [b for b in branches if schema_types(b, r) != ["null"]]
        if len(real) == 1:
            return real[0]
    return schema


def _enum(schema: Any) -> list[Any]:
    values = schema.get("enum") if isinstance(schema, dict) else None
    if not isinstance(values, list):
        return []
    kept = [v for v in values if isinstance(v, str | int | float) and v is not None]
    return list(dict.fromkeys(kept))
