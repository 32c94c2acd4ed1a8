"""The field reference for writers, generated from the record's JSON Schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from intreg.outputs.markdown import Safe, code
from intreg.outputs.site.page import Page, cells

FIELDS = PurePosixPath("reference") / "fields.md"
S = Safe


def render_fields(schema: dict[str, Any]) -> bytes:
    """Every field path with its type, whether it is required, and its description."""
    page = Page("Field reference")
    page.para(
        S(
            "Generated from the record schema. Paths use `[]` for list items and `<key>` "
            "for the keys of a mapping; see the writers' guide for how to add a record."
        )
    )
    rows = [
        cells(code(path), kind, "yes" if required else "", description)
        for path, kind, required, description in _walk(schema, schema, "")
    ]
    page.table(["Field", "Type", "Required", "Description"], rows)
    return page.render()


def _walk(
    root: dict[str, Any], node: dict[str, Any], prefix: str
) -> Iterator[tuple[str, str, bool, str]]:
    node = _resolve(root, node)
    required = set(node.get("required", []))
    for name, spec in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        yield path, _type(root, spec), name in required, spec.get("description", "")
        yield from _children(root, spec, path)


def _children(
    root: dict[str, Any], spec: dict[str, Any], path: str
) -> Iterator[tuple[str, str, bool, str]]:
    target = _resolve(root, _non_null(spec))
    if "properties" in target:
        yield from _walk(root, target, path)
    elif target.get("type") == "array" and "items" in target:
        items = _resolve(root, target["items"])
        if "properties" in items:
            yield from _walk(root, items, f"{path}[]")
    elif isinstance(target.get("additionalProperties"), dict):
        values = _resolve(root, target["additionalProperties"])
        if "properties" in values:
            yield from _walk(root, values, f"{path}.<key>")


def _type(root: dict[str, Any], spec: dict[str, Any]) -> str:
    spec = _resolve(root, _non_null(spec))
    if "enum" in spec:
        return "one of: " + ", ".join(str(v) for v in spec["enum"])
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {_type(root, spec.get('items', {}))}"
    if kind == "object":
        is_mapping = "additionalProperties" in spec or "properties" not in spec
        return "mapping" if is_mapping else "section"
    if spec.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if spec.get("contentMediaType") == "text/markdown":
        return "Markdown text"
    return str(kind)


def _non_null(spec: dict[str, Any]) -> dict[str, Any]:
    options = [o for o in spec.get("anyOf", []) if o.get("type") != "null"]
    return options[0] if len(options) == 1 else spec


def _resolve(root: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in spec:
        spec = root["$defs"][spec["$ref"].rsplit("/", 1)[-1]]
    return spec
