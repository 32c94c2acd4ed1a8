"""A response's links to other operations as OpenAPI link objects (OpenAPI 3.1, "Link
Object"), which schemathesis follows in its stateful phase."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from intreg.records.links import ResponseLink


def openapi_links(links: Sequence[ResponseLink]) -> dict[str, dict[str, Any]]:
    """The `links` map of a response: each named after its target operation (with `_2`,
    `_3`... when a response links to one operation more than once)."""
    named: dict[str, dict[str, Any]] = {}
    for link in links:
        name, n = link.operation, 2
        while name in named:
            name, n = f"{link.operation}_{n}", n + 1
        value: dict[str, Any] = {"operationId": link.operation}
        if link.parameters:
            value["parameters"] = dict(link.parameters)
        if link.body:
            value["requestBody"] = dict(link.body)
        if link.description is not None:
            value["description"] = link.description
        named[name] = value
    return named
