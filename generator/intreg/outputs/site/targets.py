"""Our monitoring targets as the site shows them, on an integration's page and the monitoring
page alike."""

from __future__ import annotations

from intreg.outputs.markdown import Safe, text
from intreg.records.operations import Targets


def target_facts(targets: Targets) -> list[tuple[str, Safe]]:
    """Label and value of each target the record states, then where they come from."""
    return [
        ("Uptime target", percent(targets.uptime_percent)),
        ("p95 latency target", millis(targets.latency_p95_ms)),
        ("Error rate target", below(targets.error_rate_percent)),
        ("Rate-limit usage target", below(targets.rate_limit_usage_percent)),
        ("Targets from", text(targets.source)),
        ("Differs from the standard because", text(targets.deviation or "")),
    ]


def percent(value: float | None) -> Safe:
    """`99.9%`, or nothing when the record states no such target."""
    return text(f"at least {value:g}%") if value is not None else Safe("")


def below(value: float | None) -> Safe:
    """`under 0.5%`, or nothing."""
    return text(f"under {value:g}%") if value is not None else Safe("")


def millis(value: int | None) -> Safe:
    """`200 ms`, or nothing."""
    return text(f"{value:,} ms") if value is not None else Safe("")
