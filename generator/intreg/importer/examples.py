"""Examples and JSON Schemas from a spec's schemas: small, deterministic, depth-bounded.

An example holds the required properties only, the first enum value and format-aware strings;
text the spec gives no example or format for is TEXT_TODO, which the draft turns into a
placeholder (never the type name `string`, which would publish `token=string`; issue 17).
Recursive schemas are cut at MAX_DEPTH: deeper objects are `{}` and deeper schemas `{}` (any),
so every generated example validates against the schema converted alongside it.
"""

from __future__ import annotations

import json
import math
from typing import Any

from intreg.records.field_rules import TYPE_NAMES
from intreg.records.json_schema import UnsafeSchema, validation_errors
from intreg.records.secrets import find_secret
from intreg.records.yaml_reader import iter_leaves
from intreg.specs.refs import Resolver, object_shape, schema_types

MAX_DEPTH = 4
SCHEMA_DEPTH = 1  # a body's fields and their types; the spec keeps the nested detail
MAX_EXAMPLE_BYTES = 20_000  # keeps drafts far below the loader's 1 MiB limit
TEXT_TODO = "TODO a realistic value, as the provider documents it"
JSON_TYPES = ("object", "array", "string", "number", "integer", "boolean", "null")
_FORMATS = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00Z",
    "email": "user@example.com",
    "uri": "https://example.com",
    "url": "https://example.com",
    "hostname": "example.com",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "ZXhhbXBsZQ==",
    "binary": "(binary data)",
    "password": "(secret)",
}


def generate_example(schema: Any, r: Resolver, use_spec: bool = True, depth: int = 0) -> Any:
    """A minimal example of `schema`; `use_spec` takes the spec's own `example`s where given."""
    schema = r.deref(schema)
    if not isinstance(schema, dict):
        return TEXT_TODO
    if use_spec and "example" in schema:
        return schema["example"]
    if use_spec and isinstance(schema.get("examples"), list) and schema["examples"]:
        return schema["examples"][0]
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return next((v for v in schema["enum"] if v is not None), None)
    for key in ("oneOf", "anyOf"):
        branches = schema.get(key)
        if (
            isinstance(branches, list)
            and branches
            and not ({"properties", "required"} & set(schema))
        ):
            return generate_example(_first_not_null(branches, r), r, use_spec, depth)
    if "allOf" in schema and "type" not in schema and not _is_object(schema, r):
        return generate_example(schema["allOf"][0], r, use_spec, depth)
    types = [t for t in schema_types(schema, r) if t != "null"] or schema_types(schema, r)
    kind = types[0] if types else "string"
    return _example_of_type(kind, schema, r, use_spec, depth)


def _example_of_type(kind: str, schema: dict[str, Any], r: Resolver, use: bool, depth: int) -> Any:
    if kind == "object":
        if depth >= MAX_DEPTH:
            return {}
        shape = object_shape(schema, r)
        branches = schema.get("oneOf") or schema.get("anyOf")
        if isinstance(branches, list) and branches:
            # The first branch's required names too, so the example satisfies one branch.
            first = object_shape(_first_not_null(branches, r), r)
            shape.properties = {**first.properties, **shape.properties}
            shape.required += [n for n in first.required if n not in shape.required]
        return {
            name: generate_example(shape.properties.get(name, {}), r, use, depth + 1)
            for name in shape.required
        }
    if kind == "array":
        if depth >= MAX_DEPTH:
            return []
        count = min(max(_number(schema.get("minItems"), 1), 1), 3)
        return [generate_example(schema.get("items", {}), r, use, depth + 1)] * int(count)
    if kind in ("integer", "number"):
        low = max(_number(schema.get("minimum"), 1), 1)
        value = min(low, _number(schema.get("maximum"), math.inf))
        return math.ceil(value) if kind == "integer" else float(value)
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return _FORMATS.get(str(schema.get("format")), TEXT_TODO)


def _is_object(schema: dict[str, Any], r: Resolver) -> bool:
    return "object" in schema_types(schema, r) or bool(object_shape(schema, r).properties)


def _first_not_null(branches: list[Any], r: Resolver) -> Any:
    return next((b for b in branches if schema_types(b, r) != ["null"]), branches[0])


def _number(value: Any, default: float) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    return float(value) if ok else default


def to_json_schema(schema: Any, r: Resolver, depth: int = 0, nest: int = 0) -> dict[str, Any]:
    """A JSON Schema 2020-12 subset of an OpenAPI schema: types, enums, properties, required.

    Below SCHEMA_DEPTH only types and enums are kept; oneOf becomes anyOf (providers' branches
    often overlap); constraints such as patterns and lengths are left out. The record shows
    the shape, and the spec stays the reference.
    """
    schema = r.deref(schema)
    if not isinstance(schema, dict) or depth > SCHEMA_DEPTH or nest > MAX_DEPTH:
        return {}
    out: dict[str, Any] = {}
    types = _declared_types(schema)
    if types:
        out["type"] = types[0] if len(types) == 1 else types
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        out["enum"] = list(schema["enum"]) + ([None] if "null" in types else [])
    if depth == SCHEMA_DEPTH:
        return out
    if isinstance(schema.get("properties"), dict):
        out["properties"] = {
            str(k): to_json_schema(v, r, depth + 1) for k, v in schema["properties"].items()
        }
    if isinstance(schema.get("required"), list) and schema["required"]:
        out["required"] = list(dict.fromkeys(str(n) for n in schema["required"]))
    if isinstance(schema.get("items"), dict):
        out["items"] = to_json_schema(schema["items"], r, depth + 1)
    if isinstance(schema.get("allOf"), list):
        out["allOf"] = [to_json_schema(p, r, depth, nest + 1) for p in schema["allOf"]]
    branches = [b for key in ("oneOf", "anyOf") for b in schema.get(key) or []]
    if branches:
        out["anyOf"] = [to_json_schema(b, r, depth, nest + 1) for b in branches]
    return out


def _declared_types(schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type")
    types = [str(t) for t in kind] if isinstance(kind, list) else [str(kind)] if kind else []
    types = [t for t in types if t in JSON_TYPES]
    if types and schema.get("nullable") is True and "null" not in types:
        types.append("null")
    return types


def spec_examples(media: dict[str, Any], r: Resolver) -> list[Any]:
    """The examples a media type (or parameter) object gives, `example` first."""
    found = [media["example"]] if "example" in media else []
    examples = media.get("examples")
    if isinstance(examples, dict):
        for value in examples.values():
            value = r.deref(value)
            if isinstance(value, dict) and "value" in value:
                found.append(value["value"])
    return found


def is_usable(example: Any, schema: dict[str, Any] | None = None) -> bool:
    """True for a small JSON value with nothing secret-looking that matches `schema`."""
    try:
        text = json.dumps(example, allow_nan=False)
    except (TypeError, ValueError):
        return False
    if len(text) > MAX_EXAMPLE_BYTES:
        return False
    if any(isinstance(v, str) and find_secret(v) for _, v in iter_leaves(example)):
        return False
    if any(isinstance(v, str) and v in TYPE_NAMES for _, v in iter_leaves(example)):
        return False  # a spec's lazy example (`token: string`) is no example
    if schema is None:
        return True
    try:
        return not validation_errors(schema, example)
    except UnsafeSchema:
        return False


def choose_example(
    candidates: list[Any], schema: Any, r: Resolver, json_schema: dict[str, Any] | None = None
) -> Any:
    """The first usable of the spec's examples, the spec-based and the generated example."""
    tries = [*candidates, generate_example(schema, r), generate_example(schema, r, use_spec=False)]
    for example in tries:
        if is_usable(example, json_schema):
            return example
    return tries[-1]
