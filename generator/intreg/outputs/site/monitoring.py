"""The monitoring page: every integration's targets and alerts beside its last contract run,
so the site shows evidence next to intent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath

from intreg.outputs.evidence.report import ContractReport, OperationRun
from intreg.outputs.markdown import Safe, link, text
from intreg.outputs.site import links
from intreg.outputs.site.evidence import ANCHOR, when
from intreg.outputs.site.page import Page, cells
from intreg.outputs.site.targets import below, millis, percent
from intreg.outputs.summary import RecordSummary, TargetsSummary

S = Safe
MONITORING = PurePosixPath("monitoring.md")


def render_monitoring(
    records: Sequence[RecordSummary], runs: Mapping[str, ContractReport]
) -> bytes:
    """One row per integration (by name): targets, alerts, and the last run's result and its
    slowest p95 against the target."""
    page = Page("Monitoring", search_exclude=True)
    ordered = sorted(records, key=lambda r: (r.name.lower(), r.id))
    with_targets = sum(_targets(r) is not None for r in ordered)
    page.para(
        S(
            f"{len(ordered)} integrations: {with_targets} state monitoring targets, "
            f"{sum(r.id in runs for r in ordered)} have a recorded contract run. Targets are "
            "ours (each record's `monitoring.targets` names the standard it follows); a run's "
            "figures come from its report."
        )
    )
    page.table(
        [
            "Integration",
            "Lifecycle",
            "Uptime",
            "p95 latency",
            "Error rate",
            "Rate-limit usage",
            "Alerts",
            "Last contract run",
            "Slowest p95 in the run",
        ],
        [_row(r, runs.get(r.id)) for r in ordered],
    )
    return page.render()


def _row(r: RecordSummary, run: ContractReport | None) -> list[Safe]:
    target = _targets(r)
    page = links.relative(MONITORING, links.integration_page(r.id))
    alerts = r.monitoring.alerts if r.monitoring is not None else []
    return cells(
        link(r.name, page),
        r.lifecycle,
        percent(target.uptime_percent) if target else S("not stated"),
        millis(target.latency_p95_ms) if target else S("not stated"),
        below(target.error_rate_percent) if target else S("not stated"),
        below(target.rate_limit_usage_percent) if target else S("not stated"),
        ", ".join(a.name for a in alerts) if alerts else "none",
        link(f"{run.result}, {when(run)}", f"{page}#{ANCHOR}") if run else S("no run recorded"),
        _slowest(run),
    )


def _slowest(run: ContractReport | None) -> Safe:
    measured = [o for o in run.operations if o.p95_ms is not None] if run else []
    if not measured:
        return S("—")
    worst = max(measured, key=_over_target)
    return text(f"{worst.p95_ms:,} ms ({_against(worst)}) on {worst.operation}")


def _over_target(o: OperationRun) -> tuple[bool, float, int]:
    """Above the target first, then the largest share of its target, then the slowest."""
    p95 = o.p95_ms or 0
    return (o.above_target, p95 / o.target_p95_ms if o.target_p95_ms else 0.0, p95)


def _against(o: OperationRun) -> str:
    if o.target_p95_ms is None:
        return "no target"
    return f"{'above' if o.above_target else 'within'} {o.target_p95_ms:,} ms"


def _targets(r: RecordSummary) -> TargetsSummary | None:
    return r.monitoring.targets if r.monitoring is not None else None
