"""Infer a JSON Schema from an example value, deterministically: same example, same schema.

Inferred schemas state types and shapes, not which fields are mandatory (an example cannot
tell): a record states that in its body's `fields` (intreg.outputs.body_schema). Inference
never claims more than the example shows: a null is "may be null, type unknown" (`{}`, never an
always-null type), and an empty list is an array of anything (`items: {}`), issue 17.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]
# Canonical order of JSON types in a merged `type` list.
_TYPE_ORDER = ["object", "array", "string", "number", "integer", "boolean", "null"]


def infer_schema(example: Any) -> Schema:
    """The JSON Schema that `example` (any JSON value) conforms to."""
    return _finish(_infer(example))


def _finish(schema: Schema) -> Schema:
    """`schema` with what inference cannot know left open: a null alone becomes `{}` (any
    type), an array seen empty gets `items: {}`."""
    if schema == {"type": "null"}:
        return {}
    done = dict(schema)
    if "properties" in done:
        done["properties"] = {k: _finish(v) for k, v in done["properties"].items()}
    if done.get("type") == "array":
        done["items"] = _finish(done["items"]) if "items" in done else {}
    if "anyOf" in done:
        # Beside other types a null is one option of several, not an unknown type.
        done["anyOf"] = [o if o == {"type": "null"} else _finish(o) for o in done["anyOf"]]
    return done


def _infer(example: Any) -> Schema:
    if example is None:
        return {"type": "null"}
    if isinstance(example, bool):
        return {"type": "boolean"}
    if isinstance(example, int):
        return {"type": "integer"}
    if isinstance(example, float):
        return {"type": "number"}
    if isinstance(example, str):
        return {"type": "string"}
    if isinstance(example, list):
        if not example:
            return {"type": "array"}
        items = _infer(example[0])
        for item in example[1:]:
            items = merge_schemas(items, _infer(item))
        return {"type": "array", "items": items}
    if isinstance(example, dict):
        properties = {str(key): _infer(value) for key, value in example.items()}
        return {"type": "object", "properties": properties}
    raise TypeError(f"not a JSON value: {type(example).__name__}")


def merge_schemas(a: Schema, b: Schema) -> Schema:
    """A schema accepting everything `a` or `b` accepts, as tight as inference allows."""
    if a == b:
        return a
    if _is_scalar(a) and _is_scalar(b):
        return _scalar_union(_types(a) | _types(b))
    if a.get("type") == b.get("type") == "object":
        return {"type": "object", "properties": _merge_properties(a, b)}
    if a.get("type") == b.get("type") == "array":
        if "items" in a and "items" in b:
            return {"type": "array", "items": merge_schemas(a["items"], b["items"])}
        return {"type": "array", "items": a.get("items", b.get("items"))}
    if b == {"type": "null"} or a == {"type": "null"}:
        return _nullable(a if b == {"type": "null"} else b)
    return _any_of(a, b)


def _merge_properties(a: Schema, b: Schema) -> dict[str, Schema]:
    merged = dict(a["properties"])
    for key, schema in b["properties"].items():
        merged[key] = merge_schemas(merged[key], schema) if key in merged else schema
    return merged


def _is_scalar(schema: Schema) -> bool:
    return set(schema) == {"type"} and not (_types(schema) & {"object", "array"})


def _types(schema: Schema) -> set[str]:
    kind = schema["type"]
    return set(kind) if isinstance(kind, list) else {kind}


def _scalar_union(types: set[str]) -> Schema:
    if "number" in types:
        types.discard("integer")  # every integer is a number
    ordered = [t for t in _TYPE_ORDER if t in types]
    return {"type": ordered[0] if len(ordered) == 1 else ordered}


def _nullable(schema: Schema) -> Schema:
    if "anyOf" in schema:
        return _any_of(schema, {"type": "null"})
    kind = schema.get("type")
    types = kind if isinstance(kind, list) else [kind]
    return {**schema, "type": [t for t in _TYPE_ORDER if t in {*types, "null"}]}


def _any_of(a: Schema, b: Schema) -> Schema:
    options: list[Schema] = []
    for schema in (a, b):
        for option in schema.get("anyOf", [schema]):
            if option not in options:
                options.append(option)
    return {"anyOf": options}
