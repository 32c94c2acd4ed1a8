"""Wire text back to values, as OpenAPI's `style` and `explode` say: the mock's reading.

The inverse of intreg.records.wire.encode for what a server can rebuild: the pairs of a query
string or form body (already percent-decoded) become, per parameter or field, a list of texts
(a scalar or an array) or a nested mapping of texts (bracket notation); the caller reads the
texts as the types its schema declares.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from intreg.records.wire.encode import default_explode

_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}
_BRACKET = re.compile(r"\[([^\[\]]*)\]")

Pairs = Sequence[tuple[str, str]]


def parameter_values(
    name: str, pairs: Pairs, style: str, explode: bool | None, is_array: bool
) -> list[str] | dict[str, Any] | None:
    """What a query parameter carries: its texts, a mapping (deepObject objects), or None
    when it was not sent."""
    explode = default_explode(style) if explode is None else explode
    if style == "deepObject":
        return bracketed(name, pairs, is_array)
    texts = [text for key, text in pairs if key == name]
    if not texts:
        return None
    if is_array and not explode and len(texts) == 1:
        return texts[0].split(_DELIMITERS.get(style, ",")) if texts[0] else []
    return texts


def bracketed(name: str, pairs: Pairs, is_array: bool) -> list[str] | dict[str, Any] | None:
    """The values sent as `name[...]` keys: for an array, `name[]` or `name[0]` items in
    order; for an object, the nested mapping. None when there is no such key."""
    tree: dict[str, Any] = {}
    found = False
    for key, text in pairs:
        if not key.startswith(name + "["):
            continue
        path = _BRACKET.findall(key[len(name) :])
        if "".join(f"[{p}]" for p in path) != key[len(name) :]:
            continue  # not bracket notation after all: name[a]b
        found = True
        _insert(tree, path, text)
    if not found:
        return None
    return as_list(tree) if is_array else tree


def as_list(tree: Any) -> Any:
    """A bracket tree whose keys are '' (appended) or indexes, as a list; others unchanged."""
    if isinstance(tree, dict) and tree and all(k == "" or k.isdigit() for k in tree):
        items: list[Any] = []
        for key in sorted(tree, key=lambda k: -1 if k == "" else int(k)):
            value = tree[key]
            items += value if key == "" else [value]
        return items
    return tree


def _insert(tree: dict[str, Any], path: Sequence[str], text: str) -> None:
    node = tree
    for index, part in enumerate(path):
        last = index == len(path) - 1
        if part == "":
            node.setdefault("", [])
            if last:
                node[""].append(text)
                return
            node[""].append({})
            node = node[""][-1]
            continue
        if last:
            node[part] = text
            return
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            return  # a key sent both as a value and as a parent: the value wins
        node = child


def form_fields(
    pairs: Pairs, properties: Mapping[str, Any], encoding: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """A form body's fields: each declared field read by its encoding entry (form/explode by
    default); keys of no declared field are kept as sent (a list when repeated)."""
    fields: dict[str, Any] = {}
    claimed: set[str] = set()
    for name, schema in properties.items():
        entry = encoding.get(name, {})
        style = str(entry.get("style", "form"))
        is_array = _is_array(schema)
        value = parameter_values(name, pairs, style, entry.get("explode"), is_array)
        if value is not None:
            fields[name] = value
            claimed.add(name)
    for key, text in pairs:
        base = key.split("[", 1)[0]
        if base in claimed or key in claimed:
            continue
        fields.setdefault(key, []).append(text)
    return fields


def _is_array(schema: Any) -> bool:
    kind = schema.get("type") if isinstance(schema, Mapping) else None
    return kind == "array" or (isinstance(kind, list) and "array" in kind)


def simple_values(
    name: str, text: str, style: str, explode: bool | None, is_array: bool
) -> list[str]:
    """What a path or header parameter's text carries (simple, label or matrix style): its
    items for an array, else the one value."""
    explode = default_explode(style) if explode is None else explode
    if style == "label":
        text = text.removeprefix(".")
        separator = "." if explode else ","
    elif style == "matrix":
        parts = [p for p in text.split(";") if p]
        values = [p.partition("=")[2] for p in parts if p.partition("=")[0] == name]
        text = ",".join(values)
        separator = ","
    else:
        separator = ","
    if not is_array:
        return [text]
    return text.split(separator) if text else []
