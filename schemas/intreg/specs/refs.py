"""Local `$ref` resolution ("#/components/schemas/X") and the object shape of a schema."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from intreg.records.errors import IntregError

MAX_REF_CHAIN = 50


class Resolver:
    """Looks up JSON pointers in one document; refs are resolved lazily, where they are used."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def deref(self, node: Any) -> Any:
        """`node` with any chain of `$ref`s followed; other values come back as they are."""
        for _ in range(MAX_REF_CHAIN):
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
                return node
            node = self.lookup(node["$ref"])
        raise IntregError(f"$ref chain longer than {MAX_REF_CHAIN} (a loop?)")

    def lookup(self, ref: str) -> Any:
        """The node a local `$ref` names; an external or dangling one is an IntregError."""
        if not ref.startswith("#"):
            raise IntregError(f"external $ref `{ref}` is not supported: bundle the spec first")
        node: Any = self.document
        for token in _tokens(ref[1:]):
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                raise IntregError(f"$ref `{ref}` points at nothing in the spec")
        return node


def as_mapping(value: Any) -> dict[str, Any]:
    """`value` when it is a mapping, else an empty one (specs are loosely typed)."""
    return value if isinstance(value, dict) else {}


def _tokens(pointer: str) -> Iterator[str]:
    # RFC 6901 pointer in a URI fragment: percent-decoded, then ~1 -> / and ~0 -> ~.
    for token in unquote(pointer).split("/")[1:]:
        yield token.replace("~1", "/").replace("~0", "~")


@dataclass
class Shape:
    """The properties and required names of an object schema, with allOf parts merged."""

    properties: dict[str, Any] = field(default_factory=dict)
    required: list[str] = field(default_factory=list)


def object_shape(schema: Any, resolver: Resolver, depth: int = 0) -> Shape:
    """Properties (union) and required names of `schema`; for oneOf/anyOf, those all require."""
    schema = resolver.deref(schema)
    shape = Shape()
    if not isinstance(schema, dict) or depth > 10:
        return shape
    props = schema.get("properties")
    if isinstance(props, dict):
        shape.properties.update({str(k): v for k, v in props.items()})
    _add_required(shape, schema.get("required"))
    for part in schema.get("allOf") or []:
        inner = object_shape(part, resolver, depth + 1)
        shape.properties.update(inner.properties)
        _add_required(shape, inner.required)
    branches = [
        object_shape(b, resolver, depth + 1)
        for key in ("oneOf", "anyOf")
        for b in schema.get(key) or []
    ]
    if branches:
        for branch in branches:
            for name, prop in branch.properties.items():
                shape.properties.setdefault(name, prop)
        common = set.intersection(*(set(b.required) for b in branches))
        _add_required(shape, [n for n in branches[0].required if n in common])
    return shape


def _add_required(shape: Shape, names: Any) -> None:
    if isinstance(names, list):
        shape.required += [str(n) for n in names if str(n) not in shape.required]


def schema_types(schema: Any, resolver: Resolver, depth: int = 0) -> list[str]:
    """The JSON types `schema` allows, in order (3.0 `nullable` adds "null"); may be empty."""
    schema = resolver.deref(schema)
    if not isinstance(schema, dict) or depth > 10:
        return []
    kind = schema.get("type")
    types = [str(t) for t in kind] if isinstance(kind, list) else [str(kind)] if kind else []
    if not types:
        for key in ("allOf", "oneOf", "anyOf"):
            for part in schema.get(key) or []:
                types += [t for t in schema_types(part, resolver, depth + 1) if t not in types]
    if not types and "properties" in schema:
        types = ["object"]
    if schema.get("nullable") is True and "null" not in types:
        types.append("null")
    return types
