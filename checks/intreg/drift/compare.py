"""Drift between a record and its provider's current OpenAPI spec (`intreg drift`).

Endpoints are matched by method and full path (server path + path), whatever the names of
their path parameters. Each drift is a finding at the record's field, with a stable code.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from intreg.drift.endpoint import endpoint_drift
from intreg.drift.version import version_drift
from intreg.records.endpoint import Endpoint
from intreg.records.findings import Finding
from intreg.records.model import Integration
from intreg.records.record import LoadedRecord
from intreg.specs.loader import Spec
from intreg.specs.operations import Operation, list_operations, normalise_path, split_path
from intreg.specs.security import AuthOption, auth_options, wire_key


def drift_findings(r: LoadedRecord, spec: Spec) -> list[Finding]:
    """Every difference between the record `r` and the upstream `spec` that matters to us."""
    routes: dict[tuple[str, str], list[Operation]] = {}
    for op in list_operations(spec):
        routes.setdefault(op.route(), []).append(op)
    findings = version_drift(r, spec)
    matched: list[Operation] = []
    for i, endpoint in enumerate(r.record.endpoints):
        found = _match(routes.get(record_route(r.record, endpoint), []), endpoint)
        if found is None:
            findings.append(_removed(r, i, endpoint, spec))
            continue
        matched.append(found)
        findings += endpoint_drift(r, i, found, spec.resolver)
    findings += _auth_drift(r, spec, matched)
    return sorted(findings)


def record_route(record: Integration, endpoint: Endpoint) -> tuple[str, str]:
    """The endpoint's method and full path, as Operation.route() gives them for the spec."""
    base = urlsplit(endpoint.server or record.api.base_url).path.rstrip("/")
    return endpoint.method.value, normalise_path(base + endpoint.path)


def _match(candidates: list[Operation], endpoint: Endpoint) -> Operation | None:
    """The best of the operations on the endpoint's route, or None.

    Several operations share a route when path keys carry a fixed query (`/#Action=Publish`)
    or differ only in parameter names (`/{Version}/{group_id}`, `/{Version}/{phone_id}`).
    """
    fitting = [
        op
        for op in candidates
        if all(_holds(endpoint, name, value) for name, value in split_path(op.path)[1])
    ]
    if not fitting:
        return None
    return max(fitting, key=lambda op: _likeness(op, endpoint))


def _likeness(op: Operation, endpoint: Endpoint) -> tuple[bool, bool, int]:
    same_id = op.operation_id is not None and _identifier(op.operation_id) == (
        endpoint.operation_id or ""
    )
    path, fixed = split_path(op.path)
    return same_id, path == endpoint.path, len(fixed)


def _identifier(operation_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]+", "_", operation_id).strip("_")


def _holds(endpoint: Endpoint, name: str, value: str) -> bool:
    return any(
        p.name == name and (not value or value in (p.enum or []) or p.example == value)
        for p in endpoint.parameters
    )


def _removed(r: LoadedRecord, i: int, endpoint: Endpoint, spec: Spec) -> Finding:
    version = f" {spec.version}" if spec.version else ""
    return r.finding(
        ("endpoints", i, "path"),
        "endpoint-removed-upstream",
        f"{endpoint.method} {endpoint.path} is not in the upstream spec ({spec.title}{version})",
        "check the provider's changelog: move to its replacement, or remove the endpoint",
    )


def _auth_drift(r: LoadedRecord, spec: Spec, matched: list[Operation]) -> list[Finding]:
    auth = r.record.auth
    ours = wire_key(auth.method.value, auth.location, auth.name, auth.scheme)
    refused: dict[str, list[AuthOption]] = {}
    for op in matched:
        options = auth_options(spec, op)
        if options is not None and ours not in {o.wire() for o in options}:
            refused[f"{op.method} {op.path}"] = options
    if not refused:
        return []
    route, options = next(iter(refused.items()))
    accepted = ", ".join(_describe(o) for o in options)
    more = f" (and {len(refused) - 1} more endpoints)" if len(refused) > 1 else ""
    return [
        r.finding(
            ("auth", "method"),
            "auth-changed-upstream",
            f"upstream, {route}{more} no longer accepts {_ours(r)}; it accepts {accepted}",
            "check the provider's authentication docs, then update `auth` and credentials",
        )
    ]


def _ours(r: LoadedRecord) -> str:
    auth = r.record.auth
    where = f" in {auth.location} `{auth.name}`" if auth.location and auth.name else ""
    scheme = f" ({auth.scheme})" if auth.scheme else ""
    return f"{auth.method}{where}{scheme}"


def _describe(option: AuthOption) -> str:
    if option.method is None:
        return f"{option.scheme_name} (no record equivalent)"
    if option.method == "none":
        return "no auth"
    where = f" in {option.location} `{option.name}`" if option.location and option.name else ""
    scheme = f" ({option.scheme})" if option.scheme else ""
    return f"{option.scheme_name}: {option.method}{where}{scheme}"
