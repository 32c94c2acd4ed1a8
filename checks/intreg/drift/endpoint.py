"""Drift check for one matched endpoint: parameters, required body fields, deprecation."""

from __future__ import annotations

from typing import Any

from intreg.drift.fields import fields_drift
from intreg.records.endpoint import Endpoint, Parameter, ParameterType
from intreg.records.field_path import FieldPath
from intreg.records.findings import Finding, Severity
from intreg.records.record import LoadedRecord
from intreg.records.wire.encode import resolved_style
from intreg.specs.operations import Operation, first_media, split_path
from intreg.specs.refs import Resolver, object_shape, schema_types

# Set by the media type and the security scheme, so OpenAPI ignores them as parameters.
_IGNORED_HEADERS = {"accept", "content-type", "authorization"}


def endpoint_drift(r: LoadedRecord, i: int, op: Operation, resolver: Resolver) -> list[Finding]:
    """Findings for endpoint `i` of `r` against its upstream operation `op`."""
    findings = _parameter_drift(r, i, op, resolver) + _body_drift(r, i, op, resolver)
    findings += fields_drift(r, i, op, resolver)
    if op.deprecated:
        endpoint = r.record.endpoints[i]
        findings.append(
            r.finding(
                ("endpoints", i),
                "deprecated-upstream",
                f"upstream marks {endpoint.method} {endpoint.path} as deprecated",
                "plan the move to its replacement, and note it in versioning.upgrade_plan",
                Severity.WARNING,
            )
        )
    return findings


def _upstream_parameters(op: Operation) -> dict[tuple[str, str], dict[str, Any]]:
    params: dict[tuple[str, str], dict[str, Any]] = {
        (name, "query"): {"name": name, "in": "query", "required": True}
        for name, _ in split_path(op.path)[1]
    }
    params.update(
        ((str(p["name"]), str(p["in"])), p)
        for p in op.parameters
        if not (p["in"] == "header" and str(p["name"]).lower() in _IGNORED_HEADERS)
    )
    return params


def _parameter_drift(r: LoadedRecord, i: int, op: Operation, res: Resolver) -> list[Finding]:
    upstream = _upstream_parameters(op)
    endpoint = r.record.endpoints[i]
    findings = []
    for j, param in enumerate(endpoint.parameters):
        if param.location == "path":
            continue  # matched by the path template, whatever its name
        raw = upstream.get((param.name, param.location.value))
        where: FieldPath = ("endpoints", i, "parameters", j)
        if raw is None:
            if param.location != "header":  # specs often leave out headers such as
                findings.append(_removed_parameter(r, where, param))  # Idempotency-Key
            continue
        findings += _changed_parameter(r, where, param, raw, res)
    known = {(p.name, p.location.value) for p in endpoint.parameters}
    for (name, location), raw in upstream.items():
        if raw.get("required") is True and location != "path" and (name, location) not in known:
            findings.append(
                r.finding(
                    ("endpoints", i, "parameters"),
                    "parameter-added-upstream",
                    f"upstream added the required {location} parameter `{name}` to "
                    f"{endpoint.method} {endpoint.path}",
                    "send it, and add it to `parameters` with `required: true`",
                )
            )
    return findings


def _removed_parameter(r: LoadedRecord, where: FieldPath, param: Parameter) -> Finding:
    return r.finding(
        where,
        "parameter-removed-upstream",
        f"{param.location} parameter `{param.name}` is no longer in the upstream spec",
        "stop sending it, and remove it from the record",
    )


def _changed_parameter(
    r: LoadedRecord, where: FieldPath, param: Parameter, raw: dict[str, Any], res: Resolver
) -> list[Finding]:
    findings = []
    label = f"{param.location} parameter `{param.name}`"
    if raw.get("required") is True and not param.required:
        findings.append(
            r.finding(
                where,
                "parameter-now-required",
                f"{label} is now required upstream",
                "send it on every call, then set `required: true`",
            )
        )
    schema = res.deref(raw.get("schema"))
    kinds = [t for t in schema_types(schema, res) if t != "null"]
    if kinds and kinds[0] in set(ParameterType) and kinds[0] != param.type.value:
        findings.append(
            r.finding(
                (*where, "type"),
                "parameter-changed-upstream",
                f"{label} is of type {kinds[0]} upstream; the record says {param.type}",
                "check what we send, then update `type`",
            )
        )
    findings += _wire_style_drift(r, where, param, raw, kinds[:1])
    allowed = schema.get("enum") if isinstance(schema, dict) else None
    gone = [v for v in param.enum or [] if isinstance(allowed, list) and v not in allowed]
    if gone:
        findings.append(
            r.finding(
                (*where, "enum"),
                "parameter-changed-upstream",
                f"{label} no longer allows {', '.join(f'`{v}`' for v in gone)} upstream",
                "stop sending those values, and update `enum`",
            )
        )
    return findings


def _wire_style_drift(
    r: LoadedRecord, where: FieldPath, param: Parameter, raw: dict[str, Any], kinds: list[str]
) -> list[Finding]:
    """A list or object parameter the spec sends in another style (a scalar reads the same in
    every style, so only containers are compared)."""
    if not {param.type.value, *kinds} & {"array", "object"}:
        return []
    location = param.location.value
    style, explode = raw.get("style"), raw.get("explode")
    upstream = resolved_style(
        location,
        style if isinstance(style, str) else None,
        explode if isinstance(explode, bool) else None,
    )
    ours = resolved_style(location, param.style.value if param.style else None, param.explode)
    if upstream == ours:
        return []
    return [
        r.finding(
            (*where, "style"),
            "parameter-changed-upstream",
            f"{param.location} parameter `{param.name}` is sent as style {upstream[0]}, explode "
            f"{str(upstream[1]).lower()} upstream; the record says style {ours[0]}, explode "
            f"{str(ours[1]).lower()}",
            "send it as the spec says, then update `style` and `explode`",
        )
    ]


def _body_drift(r: LoadedRecord, i: int, op: Operation, res: Resolver) -> list[Finding]:
    media = first_media(op.request_body.get("content")) if op.request_body else None
    if media is None:
        return []
    shape = object_shape(media[1].get("schema"), res)
    endpoint = r.record.endpoints[i]
    sent, documented = _record_fields(endpoint)
    where: FieldPath = ("endpoints", i, "request") if endpoint.request else ("endpoints", i)
    findings = [
        r.finding(
            where,
            "required-body-field-added",
            f"upstream now requires the body field `{name}` for {endpoint.method} {endpoint.path}",
            "send it, and add it to the request example (with `required: true` in its fields)",
        )
        for name in shape.required
        if name not in sent
    ]
    if shape.properties:
        findings += [
            r.finding(
                (*where, "example", name) if name in sent else (*where, "json_schema"),
                "body-field-removed-upstream",
                f"body field `{name}` is no longer in the upstream spec",
                "stop sending it, and remove it from the request",
            )
            for name in documented
            if name not in shape.properties
        ]
    return findings


def _record_fields(endpoint: Endpoint) -> tuple[set[str], list[str]]:
    """(fields we send: example keys and required names; every field the record names)."""
    request = endpoint.request
    if request is None:
        return set(), []
    example = request.example if isinstance(request.example, dict) else {}
    schema = request.json_schema or {}
    required = schema.get("required")
    required = required if isinstance(required, list) else []
    # top-level fields only: the names upstream lists as its body's properties
    required += [p for p, rule in request.fields.items() if rule.required and "." not in p]
    properties = schema.get("properties")
    properties = properties if isinstance(properties, dict) else {}
    sent = {str(k) for k in example} | {str(n) for n in required}
    named = [str(k) for k in example] + [str(n) for n in [*required, *properties]]
    return sent, list(dict.fromkeys(named))
