"""Values to wire text, as OpenAPI's `style` and `explode` say.

Query and cookie parameters and form-body fields become (key, text) pairs, not yet
percent-encoded; path and header parameters become one text. The styles are OpenAPI's:
https://spec.openapis.org/oas/v3.1.0#style-values. OpenAPI leaves `deepObject` undefined for
arrays; here it means what Stripe (whose spec declares `expand` so) and Rack-style servers
read: `expand[]=a&expand[]=b`, and `items[0][price]=...` for a list of objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

QUERY_STYLES = ("form", "spaceDelimited", "pipeDelimited", "deepObject")
PATH_STYLES = ("simple", "label", "matrix")
_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}

Pair = tuple[str, str]


def default_style(location: str) -> str:
    """OpenAPI's default style: simple in the path and headers, form in the query and cookies."""
    return "simple" if location in ("path", "header") else "form"


def default_explode(style: str) -> bool:
    """OpenAPI's default explode: true for form, false for every other style."""
    return style == "form"


def resolved_style(location: str, style: str | None, explode: bool | None) -> tuple[str, bool]:
    """(style, explode) with OpenAPI's defaults filled in; deepObject always explodes (OpenAPI
    defines it for explode true only)."""
    style = style or default_style(location)
    explode = default_explode(style) if explode is None else explode
    return style, explode or style == "deepObject"


def scalar_text(value: Any) -> str:
    """A scalar as the wire carries it: true/false, numbers as JSON writes them, '' for null."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(value)


def query_pairs(name: str, value: Any, style: str, explode: bool) -> list[Pair]:
    """The pairs a query parameter (or form field) named `name` puts on the wire."""
    if style == "deepObject" and isinstance(value, (dict, list)):
        return list(_brackets(name, value))
    if isinstance(value, list):
        if explode:
            return [(name, scalar_text(item)) for item in value]
        return [(name, _DELIMITERS.get(style, ",").join(scalar_text(v) for v in value))]
    if isinstance(value, dict):
        if explode:
            return [pair for key, item in value.items() for pair in _brackets(str(key), item)]
        return [(name, ",".join(_flat_items(value)))]
    return [(name, scalar_text(value))]


def form_pairs(body: Mapping[str, Any], encoding: Mapping[str, tuple[str, bool]]) -> list[Pair]:
    """The pairs of a form body: each field as its `encoding` entry says, else form/explode."""
    pairs: list[Pair] = []
    for key, value in body.items():
        style, explode = encoding.get(key, ("form", True))
        pairs += query_pairs(key, value, style, explode)
    return pairs


def path_text(name: str, value: Any, style: str, explode: bool) -> str:
    """A path parameter's text (simple, label or matrix style), not yet percent-encoded."""
    if style == "label":
        parts = _parts(value, explode)
        return "." + ("." if explode else ",").join(parts)
    if style == "matrix":
        if isinstance(value, list) and explode:
            return "".join(f";{name}={scalar_text(v)}" for v in value)
        if isinstance(value, dict) and explode:
            return "".join(f";{k}={scalar_text(v)}" for k, v in value.items())
        return f";{name}=" + ",".join(_parts(value, explode))
    return ",".join(_parts(value, explode))


def header_text(value: Any, explode: bool) -> str:
    """A header parameter's text (simple style)."""
    return ",".join(_parts(value, explode))


def _parts(value: Any, explode: bool) -> list[str]:
    if isinstance(value, list):
        return [scalar_text(v) for v in value]
    if isinstance(value, dict):
        if explode:
            return [f"{k}={scalar_text(v)}" for k, v in value.items()]
        return list(_flat_items(value))
    return [scalar_text(value)]


def _flat_items(value: Mapping[str, Any]) -> Iterator[str]:
    for key, item in value.items():
        yield str(key)
        yield scalar_text(item)


def _brackets(prefix: str, value: Any) -> Iterator[Pair]:
    """Nested values in bracket notation: metadata[listing_id]=..., expand[]=..., a[0][b]=..."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _brackets(f"{prefix}[{key}]", item)
    elif isinstance(value, list):
        nested = any(isinstance(item, (dict, list)) for item in value)
        for index, item in enumerate(value):
            yield from _brackets(f"{prefix}[{index}]" if nested else f"{prefix}[]", item)
    else:
        yield prefix, scalar_text(value)
