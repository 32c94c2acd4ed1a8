"""The evidence of a run: each operation's timings and timeouts from the gate's exchanges, and
the JSON report (`--report FILE`) that the site turns into "Last contract run"."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from intreg.contract.gate import Exchange
from intreg.contract.harness import ContractRun, OperationResult
from intreg.contract.latency import latency_failure, measure
from intreg.contract.plan import RunPlan

REPORT_FORMAT = 1


def with_evidence(
    result: OperationResult, exchanges: Sequence[Exchange], plan: RunPlan
) -> OperationResult:
    """`result` with the latency of its requests, and failures for timeouts, network errors
    and a p95 above the target."""
    route = next((r for r in plan.policy.routes if r.label == result.label), None)
    if route is None:  # not an operation: a failure of the run itself
        return result
    mine = [e for e in exchanges if e.label == result.label and e.sent]
    answered = [e for e in mine if e.status is not None]
    timed_out = [e for e in mine if e.status is None and (e.problem or "").startswith("timed")]
    failures = list(result.failures)
    if timed_out:
        failures.append(
            f"Timeout: {len(timed_out)} of {len(mine)} requests got no answer within "
            f"{route.timeout:g} s (the record's timeout for this call)"
        )
    failed = [e.problem for e in mine if e.status is None and e not in timed_out]
    for problem in sorted({p for p in failed if p is not None}):
        count = failed.count(problem)
        failures.append(f"Network error: {count} of {len(mine)} requests: {problem}")
    latency = measure([e.seconds for e in answered + timed_out])
    target = plan.targets.get(result.label)
    slow = latency_failure(latency, target)
    if slow is not None:
        failures.append(slow)
    return replace(
        result,
        failures=tuple(failures),
        latency=latency,
        target_ms=target,
        timeout_seconds=route.timeout,
    )


def render_evidence(record_id: str, run: ContractRun, target: str, when: dt.datetime) -> bytes:
    """The JSON report of a run of `record_id` against `target` (credentials already removed)
    that started at `when`."""
    report = {
        "format": REPORT_FORMAT,
        "record": record_id,
        "when": when.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "target": target,
        "result": "passed" if run.passed else "failed",
        "operations": [_operation(o) for o in run.operations],
    }
    return (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _operation(result: OperationResult) -> dict[str, Any]:
    latency = result.latency
    verdict = "skipped" if result.skipped is not None else "passed" if result.passed else "failed"
    return {
        "operation": result.label,
        "result": verdict,
        "requests": latency.requests if latency is not None else 0,
        "cases": result.cases,
        "failures": list(result.failures),
        "p50_ms": _whole(latency.p50_ms) if latency is not None else None,
        "p95_ms": _whole(latency.p95_ms) if latency is not None else None,
        "max_ms": _whole(latency.max_ms) if latency is not None else None,
        "target_p95_ms": result.target_ms,
        "timeout_seconds": result.timeout_seconds,
        "skipped": result.skipped,
    }


def _whole(millis: float) -> int:
    return round(millis)
