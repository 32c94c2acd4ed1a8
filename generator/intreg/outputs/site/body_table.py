"""A body's JSON Schema as a table a reader scans: one row per field (issue 20, item 4).

Name (nested fields by dots, list items by `[]`), type (with its format, "or null" when it may
be null), whether it is required, its allowed values, its description and the example's value.
The stub beside it keeps the full schema for tools.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from intreg.outputs.markdown import Safe, code, text
from intreg.outputs.site.page import cells, table
from intreg.records.body_fields import ITEMS, split_field_path, values_at

HEADERS = ["Field", "Type", "Required", "Allowed values", "Description", "Example"]
MAX_ROWS = 200  # a body deeper or wider than this is a schema to download, not to read
_SHOWN = 60  # characters of an example value in a cell
_ALWAYS = 3  # field, type and required: every row has them
_BLANK = ("", "—")  # an empty cell, as cells() writes it


def body_table(schema: dict[str, Any], example: Any) -> Safe | None:
    """The table of `schema`'s fields with `example`'s values, or None when it has no fields.
    A column no field fills (allowed values, description, example) is left out: a column of
    dashes tells the reader nothing and costs every build a cell per field (issue 22)."""
    rows = [
        cells(
            code(path),
            _type(node),
            "yes" if required else "no",
            _enum(node),
            node.get("description"),
            _example(example, path),
        )
        for path, node, required in _iter_fields(schema, "")
    ][:MAX_ROWS]
    if not rows:
        return None
    shown = [i for i in range(len(HEADERS)) if i < _ALWAYS or any(r[i] not in _BLANK for r in rows)]
    return table([HEADERS[i] for i in shown], [[row[i] for i in shown] for row in rows])


def _iter_fields(schema: Any, prefix: str) -> Iterator[tuple[str, dict[str, Any], bool]]:
    if not isinstance(schema, dict):
        return
    for option in [schema, *schema.get("anyOf", []), *schema.get("allOf", [])]:
        if not isinstance(option, dict):
            continue
        required = option.get("required", [])
        for name, node in (option.get("properties") or {}).items():
            if not isinstance(node, dict):
                continue
            path = f"{prefix}.{name}" if prefix else str(name)
            yield path, node, name in required
            yield from _iter_fields(node, path)
        items = option.get("items")
        if isinstance(items, dict) and option is schema:
            yield from _iter_fields(items, f"{prefix}{ITEMS}")


def _type(node: dict[str, Any]) -> Safe:
    kind = node.get("type")
    kinds = [str(k) for k in kind] if isinstance(kind, list) else [str(kind)] if kind else []
    if not kinds and "anyOf" in node:
        kinds = [str(o.get("type", "any")) for o in node["anyOf"] if isinstance(o, dict)]
    nullable = "null" in kinds
    shown = [k for k in kinds if k != "null"] or ["any"]
    words = " or ".join(_with_items(k, node) for k in shown)
    if node.get("format"):
        words += f" ({node['format']})"
    return text(words + (", or null" if nullable else ""))


def _with_items(kind: str, node: dict[str, Any]) -> str:
    items = node.get("items")
    if kind == "array" and isinstance(items, dict) and isinstance(items.get("type"), str):
        return f"array of {items['type']}"
    return kind


def _enum(node: dict[str, Any]) -> Safe:
    values = node.get("enum")
    if not isinstance(values, list):
        return Safe("")
    return Safe(", ".join(str(code(_literal(v))) for v in values))


def _example(example: Any, path: str) -> Safe:
    found = [value for _, value in values_at(example, split_field_path(path))]
    if not found or isinstance(found[0], dict | list):
        return Safe("")
    shown = _literal(found[0])
    return code(shown if len(shown) <= _SHOWN else shown[: _SHOWN - 1] + "…")


def _literal(value: Any) -> str:
    """Text as it is, other values as JSON (`null`, `true`, `2000`)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
