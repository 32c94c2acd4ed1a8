"""What a contract run sends: the record's declared operations, each with its timeout and
idempotency header, narrowed to reads against a real API unless writes are allowed."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from intreg.contract.gate import GatePolicy, Route
from intreg.contract.safety import READ_ONLY_METHODS
from intreg.mock.responder import METHODS, path_pattern
from intreg.outputs.credential_fields import ISSUES_TOKEN
from intreg.records.endpoint import Endpoint
from intreg.records.model import Integration
from intreg.records.operation_ids import operation_id

WRITES_SKIPPED = "not sent: it writes, and writes are sent to a real API only with --allow-writes"


@dataclass(frozen=True)
class RunPlan:
    """The stub narrowed to what is sent, the gate's policy, and the operations left out."""

    document: dict[str, Any]
    policy: GatePolicy
    skipped: tuple[tuple[str, str], ...]  # (label, why)
    timeouts: dict[str, float]  # operation id -> seconds
    targets: dict[str, int | None]  # label -> p95 target in ms
    # False: a p95 above its target is reported, not a failure (`--latency report`)
    enforce_latency: bool = True

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels of the operations sent, in stub order."""
        return tuple(route.label for route in self.policy.routes)


def plan_run(
    record: Integration,
    document: Mapping[str, Any],
    target: str,
    own_mock: bool,
    allow_writes: bool,
    default_timeout: float,
) -> RunPlan:
    """The run of `document` (the record's stub) against `target`; against anything but our own
    mock, only reads unless `allow_writes`."""
    endpoints = {(e.method.value.lower(), e.path): e for e in record.endpoints}
    narrowed = copy.deepcopy(dict(document))
    routes, skipped, timeouts, targets = [], [], {}, {}
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            label = f"{method.upper()} {path}"
            # A token endpoint is the run's way in, not a write (issue 17).
            allowed = own_mock or allow_writes or ISSUES_TOKEN in operation
            if not (allowed or method.upper() in READ_ONLY_METHODS):
                skipped.append((label, WRITES_SKIPPED))
                del narrowed["paths"][path][method]
                continue
            endpoint = endpoints[(method, path)]
            route = _route(label, method, path, operation, endpoint, record, default_timeout)
            routes.append(route)
            timeouts[operation_id(endpoint)] = route.timeout
            targets[label] = latency_target(endpoint, record)
    narrowed["paths"] = {p: ops for p, ops in narrowed["paths"].items() if _has_method(ops)}
    _drop_links_to_missing(narrowed)
    policy = GatePolicy(
        target.rstrip("/"), tuple(routes), forward_all=own_mock, timeout=default_timeout
    )
    return RunPlan(narrowed, policy, tuple(skipped), timeouts, targets)


def pinned_headers(record: Integration) -> tuple[tuple[str, str], ...]:
    """The headers every request carries because the record pins them (the API version)."""
    if record.api.version_header is None:
        return ()
    return ((record.api.version_header, record.api.version),)


def request_timeout(endpoint: Endpoint, record: Integration, default: float) -> float:
    """The endpoint's timeout, else the record's (sla.timeout_seconds), else `default`."""
    if endpoint.timeout_seconds is not None:
        return endpoint.timeout_seconds
    if record.sla is not None and record.sla.timeout_seconds is not None:
        return record.sla.timeout_seconds
    return default


def latency_target(endpoint: Endpoint, record: Integration) -> int | None:
    """The endpoint's p95 target in ms, else the record's (sla.latency_p95_ms), else its
    monitoring target (monitoring.targets.latency_p95_ms), else None."""
    if endpoint.latency_p95_ms is not None:
        return endpoint.latency_p95_ms
    if record.sla is not None and record.sla.latency_p95_ms is not None:
        return record.sla.latency_p95_ms
    targets = record.monitoring.targets if record.monitoring is not None else None
    return targets.latency_p95_ms if targets is not None else None


def _route(
    label: str,
    method: str,
    path: str,
    operation: Mapping[str, Any],
    endpoint: Endpoint,
    record: Integration,
    default_timeout: float,
) -> Route:
    declared = {
        str(p.get("name", "")).lower(): bool(p.get("required"))
        for p in operation.get("parameters", [])
        if p.get("in") == "header"
    }
    header = endpoint.idempotency_header
    required = header is not None and declared.get(header.lower(), False)
    pinned = tuple((n, v) for n, v in pinned_headers(record) if n.lower() not in declared)
    pattern, _ = path_pattern(path)
    timeout = request_timeout(endpoint, record, default_timeout)
    return Route(label, method.upper(), pattern, timeout, header, not required, pinned)


def _drop_links_to_missing(document: dict[str, Any]) -> None:
    """Remove links whose target operation is not sent (a write, against a real API)."""
    kept = {
        operation.get("operationId")
        for operations in document["paths"].values()
        for method, operation in operations.items()
        if method in METHODS
    }
    for operations in document["paths"].values():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            for response in operation.get("responses", {}).values():
                links = response.get("links")
                if links is None:
                    continue
                links = {n: v for n, v in links.items() if v.get("operationId") in kept}
                if links:
                    response["links"] = links
                else:
                    del response["links"]


def _has_method(operations: Mapping[str, Any]) -> bool:
    return any(m in METHODS for m in operations)
