"""A value that conforms to a JSON Schema, for responses documented without an example.

Deterministic and minimal: the schema's own example, const, enum or default when it has one,
otherwise the smallest value of the first type it allows.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]
_STRING_FORMATS = {
    "date": "2026-01-01",
    "date-time": "2026-01-01T00:00:00Z",
    "time": "00:00:00Z",
    "email": "user@example.com",
    "uri": "https://example.com",
    "url": "https://example.com",
    "uuid": "00000000-0000-4000-8000-000000000000",
}


def sample_value(schema: Schema) -> Any:
    """A value valid against `schema` (type, enum, required properties, minimum sizes)."""
    for key in ("const", "example", "default"):
        if key in schema:
            return schema[key]
    if schema.get("examples"):
        return schema["examples"][0]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if schema.get(key):
            return sample_value(schema[key][0])
    if schema.get("allOf"):
        merged: Schema = {}
        for part in schema["allOf"]:
            merged = {**merged, **part}
        return sample_value(merged)
    return _sample_type(_first_type(schema), schema)


def _first_type(schema: Schema) -> str:
    kind = schema.get("type")
    if isinstance(kind, list):
        return next((k for k in kind if k != "null"), "null")
    if kind is None:
        return "object" if "properties" in schema else "null"
    return str(kind)


def _sample_type(kind: str, schema: Schema) -> Any:
    if kind == "object":
        properties: dict[str, Schema] = schema.get("properties", {})
        value = {name: sample_value(sub) for name, sub in properties.items()}
        for name in schema.get("required", []):
            value.setdefault(name, "")
        return value
    if kind == "array":
        return [sample_value(schema.get("items", {}))] * int(schema.get("minItems", 0))
    if kind == "string":
        text = _STRING_FORMATS.get(str(schema.get("format")), "example")
        return text.ljust(int(schema.get("minLength", 0)), "x")
    if kind in ("integer", "number"):
        return _sample_number(kind, schema)
    if kind == "boolean":
        return False
    return None


def _sample_number(kind: str, schema: Schema) -> int | float:
    value: int | float = schema.get("minimum", 0)
    if "exclusiveMinimum" in schema:
        value = schema["exclusiveMinimum"] + 1
    elif "maximum" in schema and value > schema["maximum"]:
        value = schema["maximum"]
    return int(value) if kind == "integer" else value
