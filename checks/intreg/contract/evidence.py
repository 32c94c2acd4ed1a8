"""The evidence of a run: each operation's timings and timeouts from the gate's exchanges, and
the JSON report (`--report FILE`) that the site turns into "Last contract run"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from intreg.contract.curl import MASK, curl_command, mask
from intreg.contract.gate import Exchange, Route, forwarded_headers
from intreg.contract.harness import CheckFailure, ContractRun, OperationResult, SentRequest
from intreg.contract.latency import latency_failure, measure
from intreg.contract.plan import RunPlan
from intreg.outputs.evidence.report import (
    FORMAT,
    CheckRun,
    ContractReport,
    OperationRun,
    render_report,
)
from intreg.records.printable import printable

_BODY_SHOWN = 200  # characters of an answer's body shown with a failure


@dataclass(frozen=True)
class View:
    """How failures are shown: where the gate was and what it stood for, which values and
    headers are secret, and how to replay a request."""

    gate_root: str  # http://127.0.0.1:PORT, where schemathesis sent
    target_origin: str  # scheme://host[:port] of the API
    secrets: tuple[str, ...] = ()
    secret_headers: tuple[str, ...] = ()
    credential: str = ""  # how to fill in what **** hides, e.g. `$STRIPE_SECRET_KEY`
    rerun: str = ""  # the command that repeats the whole run


def with_evidence(
    result: OperationResult, exchanges: Sequence[Exchange], plan: RunPlan, view: View
) -> OperationResult:
    """`result` with the latency of its requests, failures for timeouts, network errors and a
    p95 above the target, and each failure explained (request as curl, answer, replay)."""
    route = next((r for r in plan.policy.routes if r.label == result.label), None)
    if route is None:  # not an operation: a failure of the run itself
        return replace(result, evidence=tuple(_explained(f, None, view) for f in result.evidence))
    mine = [e for e in exchanges if e.label == result.label and e.sent]
    answered = [e for e in mine if e.status is not None]
    timed_out = [e for e in mine if e.status is None and (e.problem or "").startswith("timed")]
    found = list(result.evidence)
    if timed_out:
        message = (
            f"Timeout: {len(timed_out)} of {len(mine)} requests got no answer within "
            f"{route.timeout:g} s (the record's timeout for this call)"
        )
        found.append(CheckFailure("timeout", message, _as_sent(timed_out[0])))
    failed = [e for e in mine if e.status is None and e not in timed_out]
    for problem in sorted({e.problem or "" for e in failed}):
        first = next(e for e in failed if (e.problem or "") == problem)
        count = sum(1 for e in failed if (e.problem or "") == problem)
        message = f"Network error: {count} of {len(mine)} requests: {problem}"
        found.append(CheckFailure("network", message, _as_sent(first)))
    if answered and all(e.status in (401, 403) for e in answered):
        # Every answer refused the credentials: the run tested nothing but the refusal.
        message = (
            f"Unauthenticated: all {len(answered)} answers were 401 or 403; the credentials are "
            "wrong, or not sent the way the API takes them"
        )
        found.append(CheckFailure("auth", message, _as_sent(answered[0])))
    latency = measure([e.seconds for e in answered + timed_out])
    target = plan.targets.get(result.label)
    slow = latency_failure(latency, target) if plan.enforce_latency else None
    if slow is not None:
        slowest = max(answered + timed_out, key=lambda e: e.seconds)
        found.append(CheckFailure("latency", slow, _as_sent(slowest)))
    enforced = target is not None and plan.enforce_latency
    checks = [*result.checks, "timeout", *(["latency"] if enforced else [])]
    return replace(
        result,
        failures=tuple(f.message for f in found),
        latency=latency,
        target_ms=target,
        timeout_seconds=route.timeout,
        checks=tuple(dict.fromkeys([*checks, *(f.check for f in found)])),
        evidence=tuple(_explained(f, route, view) for f in found),
    )


def _explained(failure: CheckFailure, route: Route | None, view: View) -> CheckFailure:
    sent = failure.example
    if sent is None:
        return failure
    url, headers = sent.url, sent.headers
    if view.gate_root and url.startswith(view.gate_root):
        # as schemathesis sent it to the gate: show what the gate sent on to the API
        target = url[len(view.gate_root) :]
        url = view.target_origin + target
        headers = forwarded_headers(headers, route, sent.method, target, sent.body)
    command = curl_command(sent.method, url, headers, sent.body, view.secrets, view.secret_headers)
    lines = [command]
    if sent.status is not None:
        body = mask(sent.response_body.decode("utf-8", errors="replace"), view.secrets)
        start = " ".join(body.split())
        shown = start if len(start) <= _BODY_SHOWN else start[: _BODY_SHOWN - 1] + "…"
        lines.append(printable(f"-> {sent.status}: {shown}" if shown else f"-> {sent.status}"))
    fill = f"put {view.credential} where {MASK} stands and " if MASK in command else ""
    lines.append(f"replay: {fill}run the command; {view.rerun}")
    return replace(failure, detail=tuple(lines))


def _as_sent(exchange: Exchange) -> SentRequest:
    return SentRequest(
        exchange.method,
        exchange.url,
        exchange.headers,
        exchange.body,
        exchange.status,
        exchange.response_body,
    )


def render_evidence(
    record_id: str, run: ContractRun, target: str, when: dt.datetime, enforced: bool = True
) -> bytes:
    """The JSON report of a run of `record_id` against `target` (credentials already removed)
    that started at `when`; `enforced` says whether latency targets could fail it."""
    report = ContractReport(
        format=FORMAT,
        record=record_id,
        when=when.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        target=target,
        result="passed" if run.passed else "failed",
        latency_targets="enforced" if enforced else "reported",
        operations=[_operation(o) for o in run.operations],
    )
    return render_report(report)


def _operation(result: OperationResult) -> OperationRun:
    latency = result.latency
    verdict = "skipped" if result.skipped is not None else "passed" if result.passed else "failed"
    failed = {f.check for f in result.evidence}
    return OperationRun(
        operation=result.label,
        result=verdict,
        # A link's requests are timed with its target operation's; each of its cases is one.
        requests=latency.requests if latency is not None else result.cases if result.is_link else 0,
        cases=result.cases,
        failures=list(result.failures),
        p50_ms=_whole(latency.p50_ms) if latency is not None else None,
        p95_ms=_whole(latency.p95_ms) if latency is not None else None,
        max_ms=_whole(latency.max_ms) if latency is not None else None,
        target_p95_ms=result.target_ms,
        timeout_seconds=result.timeout_seconds,
        skipped=result.skipped,
        checks=[
            CheckRun(check=c, result="failed" if c in failed else "passed") for c in result.checks
        ],
    )


def _whole(millis: float) -> int:
    return round(millis)
