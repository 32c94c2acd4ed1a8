"""A contract run as text: one line per operation, the evidence of each failure below it, and
the one-line summary."""

from __future__ import annotations

from intreg.contract.harness import ContractRun
from intreg.contract.latency import latency_failure


def render_report(run: ContractRun, latency_enforced: bool = True) -> str:
    """One line per operation: `PASS POST /v1/refunds (12 cases)`, `FAIL ...: reasons` or
    `SKIP ...: why it was not sent`; under a FAIL line, each reason again (indented) with the
    request that showed it as curl, the answer's status and start, and how to replay it.
    When latency is not enforced, a PASS line says so where the p95 was above its target."""
    lines = []
    for operation in run.operations:
        head = f"{operation.label} ({operation.cases} {_plural(operation.cases, 'case')})"
        slow = None if latency_enforced else latency_failure(operation.latency, operation.target_ms)
        if operation.skipped is not None:
            lines.append(f"SKIP {operation.label}: {operation.skipped}")
        elif operation.passed and slow is not None:
            lines.append(f"PASS {head}; reported, not enforced: {slow}")
        elif operation.passed:
            lines.append(f"PASS {head}")
        else:
            lines.append(f"FAIL {head}: {'; '.join(operation.failures)}")
            for failure in operation.evidence:
                if failure.detail:
                    lines.append(f"  {failure.message}")
                    lines += [f"    {line}" for line in failure.detail]
    return "".join(f"{line}\n" for line in lines)


def render_summary(record_id: str, run: ContractRun, target: str) -> str:
    """`stripe: 1 of 3 operations failed against URL`, with the links followed, and how many
    operations were not sent."""
    operations = [o for o in run.operations if not o.is_link]
    sent = [o for o in operations if o.skipped is None]
    links = [o for o in run.operations if o.is_link and o.skipped is None]
    failed = sum(1 for o in sent + links if not o.passed)
    total = f"{len(sent)} {_plural(len(sent), 'operation')}"
    if links:
        total += f" and {len(links)} {_plural(len(links), 'link')}"
    not_sent = len(operations) - len(sent)
    also = f"; {not_sent} not sent (writes need --allow-writes)" if not_sent else ""
    if failed:
        return f"{record_id}: {failed} of {total} failed against {target}{also}"
    return f"{record_id}: {total} passed against {target}{also}"


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else f"{noun}s"
