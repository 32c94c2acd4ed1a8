"""The JSON Schema of a body in a stub: the record's own `json_schema`, or the schema inferred
from its example tightened by the body's `fields` (required, enum, format, nullable, type)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from intreg.outputs.infer import infer_schema
from intreg.records.body_fields import ITEMS, FieldRule, split_field_path

Schema = dict[str, Any]


def body_schema(
    json_schema: Schema | None, example: Any, fields: Mapping[str, FieldRule]
) -> Schema | None:
    """The schema a stub declares for a body, or None when the record gives nothing to go by."""
    if json_schema is not None:
        return json_schema
    if example is None:
        return None
    schema = infer_schema(example)
    for path, rule in fields.items():
        _apply(schema, split_field_path(path), rule)
    return schema


def _apply(root: Schema, segments: list[str], rule: FieldRule) -> None:
    """Tighten the schema of the field at `segments` below `root` by `rule`, in place."""
    parent: Schema | None = None
    node = root
    for segment in segments:
        child = _child(node, segment)
        if child is None:
            return  # validate refuses a rule naming no field of the example (field-not-in-example)
        parent, node = node, child
    if rule.required and parent is not None and segments[-1] != ITEMS:
        required: list[str] = parent.setdefault("required", [])
        if segments[-1] not in required:
            required.append(segments[-1])
    _tighten(node, rule)


def _child(node: Schema, segment: str) -> Schema | None:
    object_like = _object_option(node) if segment != ITEMS else node
    if segment == ITEMS:
        items = object_like.get("items") if object_like is not None else None
        return items if isinstance(items, dict) else None
    if object_like is None:
        return None
    child = object_like.get("properties", {}).get(segment)
    return child if isinstance(child, dict) else None


def _object_option(node: Schema) -> Schema | None:
    """`node` when it describes objects, or its object option when inference merged several."""
    if "properties" in node:
        return node
    for option in node.get("anyOf", []):
        if isinstance(option, dict) and "properties" in option:
            return option
    return None


def _tighten(node: Schema, rule: FieldRule) -> None:
    types = _types(node)
    if rule.type is not None:
        types = [rule.type.value] + (["null"] if "null" in types or not types else [])
    if rule.nullable is True and types and "null" not in types:
        types.append("null")
    elif rule.nullable is False:
        types = [t for t in types if t != "null"]
    if rule.type is not None:
        node.pop("anyOf", None)  # the record's type replaces what inference merged
    if types:
        node["type"] = types[0] if len(types) == 1 else types
        if "array" in types and "items" not in node:
            node["items"] = {}
    if rule.format is not None:
        node["format"] = rule.format
    if rule.enum is not None:
        may_be_null = "null" in types or (not types and rule.nullable is not False)
        node["enum"] = [*rule.enum, *([None] if may_be_null else [])]
    if rule.description is not None:
        node["description"] = rule.description


def _types(node: Schema) -> list[str]:
    kind = node.get("type")
    if kind is None:
        return []
    return list(kind) if isinstance(kind, list) else [kind]
