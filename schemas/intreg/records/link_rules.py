"""Rules for links between operations: the target exists, takes what the link gives, and each
value can be found where its expression points (in the documented example, when there is one)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from intreg.records.endpoint import Endpoint, Response
from intreg.records.field_path import FieldPath
from intreg.records.findings import Finding
from intreg.records.links import ResponseLink
from intreg.records.operation_ids import operation_id
from intreg.records.record import LoadedRecord

_MISSING = object()


def check_links(r: LoadedRecord) -> Iterator[Finding]:
    """Findings for every link of every documented response."""
    targets = {operation_id(e): e for e in r.record.endpoints}
    for i, source in enumerate(r.record.endpoints):
        for status, response in source.responses.items():
            for k, link in enumerate(response.links):
                where: FieldPath = ("endpoints", i, "responses", status, "links", k)
                yield from _check_link(r, where, link, source, response, targets)


def _check_link(
    r: LoadedRecord,
    where: FieldPath,
    link: ResponseLink,
    source: Endpoint,
    response: Response,
    targets: dict[str, Endpoint],
) -> Iterator[Finding]:
    target = targets.get(link.operation)
    if target is None:
        yield r.finding(
            (*where, "operation"),
            "link-target-unknown",
            f"no endpoint of this record has the operation id `{link.operation}`",
            f"name one of: {', '.join(sorted(targets))}",
        )
        return
    if not link.parameters and not link.body:
        yield r.finding(
            where,
            "link-feeds-nothing",
            f"the link to `{link.operation}` gives it no value",
            "add `parameters` (e.g. `id: $response.body#/id`) or `body`",
        )
    names = {p.name for p in target.parameters}
    for name, expression in link.parameters.items():
        at: FieldPath = (*where, "parameters", name)
        if name not in names:
            known = ", ".join(sorted(names)) or "none"
            yield r.finding(
                at,
                "link-parameter-unknown",
                f"`{link.operation}` has no parameter `{name}` (its parameters: {known})",
                "name a parameter of the target endpoint, as its `parameters` list it",
            )
        yield from _check_expression(r, at, expression, source, response)
    for name, expression in link.body.items():
        at = (*where, "body", name)
        yield from _check_body_field(r, at, link.operation, name, target)
        yield from _check_expression(r, at, expression, source, response)


def _check_body_field(
    r: LoadedRecord, at: FieldPath, operation: str, name: str, target: Endpoint
) -> Iterator[Finding]:
    request = target.request
    if request is None:
        yield r.finding(
            at,
            "link-body-field-unknown",
            f"`{operation}` sends no request body, so it takes no field `{name}`",
            "give the value as one of its `parameters` instead",
        )
    elif isinstance(request.example, dict) and name not in request.example:
        yield r.finding(
            at,
            "link-body-field-unknown",
            f"`{operation}`'s request example has no field `{name}`",
            f"name a top-level field of its example: {', '.join(sorted(request.example))}",
        )


def _check_expression(
    r: LoadedRecord, at: FieldPath, expression: str, source: Endpoint, response: Response
) -> Iterator[Finding]:
    kind, _, rest = expression[1:].partition("#")
    if kind in ("response.body", "request.body"):
        body = response if kind == "response.body" else source.request
        example = body.example if body is not None else None
        if example is not None and _resolve(example, rest) is _MISSING:
            what = "this response's" if kind == "response.body" else "the request's"
            yield r.finding(
                at,
                "link-pointer-missing",
                f"`{expression}` points at nothing in {what} example",
                "point at a field the example holds, e.g. $response.body#/id",
            )
    elif kind.startswith("response.header."):
        header = kind.removeprefix("response.header.").lower()
        if header not in {h.lower() for h in response.headers}:
            yield r.finding(
                at,
                "link-header-undocumented",
                f"`{expression}` reads a header this response does not document",
                "add the header to the response's `headers`, with what it carries",
            )
    elif kind.startswith("request.") and kind != "request.body":
        location, _, name = kind.removeprefix("request.").partition(".")
        if not any(p.name == name and p.location == location for p in source.parameters):
            yield r.finding(
                at,
                "link-expression-unknown-parameter",
                f"`{expression}` reads a {location} parameter this endpoint does not have",
                "name one of this endpoint's own parameters",
            )


def _resolve(value: Any, pointer: str) -> Any:
    """The value at JSON Pointer `pointer` (RFC 6901) in `value`, or _MISSING."""
    if not pointer:
        return value
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return _MISSING
    return value
