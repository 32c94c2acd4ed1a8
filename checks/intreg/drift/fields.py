"""Drift of a body's `fields` (issue 17): what the record states of each field (required, enum,
nullable) against what the upstream spec now says of it.

Only bodies whose record states `fields` are compared: a record that states nothing claims
nothing. Response statuses match the spec's exact status, else (for 4XX and 5XX) `default`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from intreg.records.body_fields import FieldRule
from intreg.records.endpoint import Endpoint
from intreg.records.field_path import FieldPath
from intreg.records.findings import Finding, Severity
from intreg.records.record import LoadedRecord
from intreg.specs.fields import spec_fields
from intreg.specs.operations import Operation, first_media
from intreg.specs.refs import Resolver


def fields_drift(r: LoadedRecord, i: int, op: Operation, res: Resolver) -> list[Finding]:
    """Findings for the `fields` of endpoint `i`'s bodies against operation `op`."""
    endpoint = r.record.endpoints[i]
    findings: list[Finding] = []
    for at, body, schema, is_request in _bodies(endpoint, op, res):
        if not body.fields or schema is None:
            continue
        where: FieldPath = ("endpoints", i, *at)
        upstream = spec_fields(schema, body.example, res)
        for path, rule in body.fields.items():
            findings += _field_drift(r, (*where, "fields", path), path, rule, upstream, is_request)
        for path, rule in upstream.items():
            if rule.get("required") and path not in body.fields:
                findings.append(_now_required(r, (*where, "fields"), path))
    return findings


def _bodies(
    endpoint: Endpoint, op: Operation, res: Resolver
) -> Iterator[tuple[FieldPath, Any, Any, bool]]:
    if endpoint.request is not None and op.request_body:
        media = first_media(op.request_body.get("content"))
        if media is not None:
            yield ("request",), endpoint.request, media[1].get("schema"), True
    for status, response in endpoint.responses.items():
        raw = op.responses.get(status)
        if raw is None and status[0] in "45":
            raw = op.responses.get("default")  # the spec's one error answer
        media = first_media(res.deref(raw).get("content")) if isinstance(raw, dict) else None
        if media is not None:
            yield ("responses", status), response, media[1].get("schema"), False


def _field_drift(
    r: LoadedRecord,
    where: FieldPath,
    path: str,
    rule: FieldRule,
    upstream: dict[str, dict[str, Any]],
    is_request: bool,
) -> list[Finding]:
    theirs = upstream.get(path, {})
    found: list[Finding] = []
    if theirs.get("required") and not rule.required:
        found.append(_now_required(r, where, path))
    if rule.required and not theirs.get("required"):
        found.append(
            r.finding(
                where,
                "field-no-longer-required",
                f"`{path}` is no longer required upstream",
                "handle its absence in our code, then drop `required: true`",
                Severity.WARNING,
            )
        )
    allowed = theirs.get("enum")
    if rule.enum is not None and isinstance(allowed, list):
        added = [v for v in allowed if v not in rule.enum]
        removed = [v for v in rule.enum if v not in allowed]
        if added:
            found.append(_enum_added(r, where, path, added, is_request))
        if removed:
            found.append(_enum_removed(r, where, path, removed, is_request))
    if theirs.get("nullable") and not rule.nullable and not is_request:
        found.append(
            r.finding(
                where,
                "field-now-nullable-upstream",
                f"`{path}` may now be null upstream",
                "handle null in our code, then set `nullable: true`",
            )
        )
    return found


def _now_required(r: LoadedRecord, where: FieldPath, path: str) -> Finding:
    return r.finding(
        where,
        "field-now-required",
        f"`{path}` is required upstream; the record does not say so",
        "send it (request) or rely on it (response), then set `required: true` in its fields",
    )


def _enum_added(
    r: LoadedRecord, where: FieldPath, path: str, added: list[Any], is_request: bool
) -> Finding:
    values = ", ".join(f"`{v}`" for v in added)
    if is_request:  # new values we may send: nothing breaks
        hint = "add them to the enum if we will send them"
        return r.finding(
            where,
            "enum-value-added-upstream",
            f"`{path}` now allows {values}",
            hint,
            Severity.WARNING,
        )
    return r.finding(
        where,
        "enum-value-added-upstream",
        f"`{path}` may now be {values} upstream, which the record does not list",
        "handle the new values in our code, then add them to the enum",
    )


def _enum_removed(
    r: LoadedRecord, where: FieldPath, path: str, removed: list[Any], is_request: bool
) -> Finding:
    values = ", ".join(f"`{v}`" for v in removed)
    severity = Severity.ERROR if is_request else Severity.WARNING  # a value we may still send
    return r.finding(
        where,
        "enum-value-removed-upstream",
        f"`{path}` no longer allows {values} upstream",
        "stop sending or expecting them, then remove them from the enum",
        severity,
    )
