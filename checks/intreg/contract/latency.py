"""Latency as evidence: p50, p95 and max per operation, and the verdict against its target.

Percentiles use the nearest-rank method: the p-th percentile of n sorted durations is the one
at rank ceil(p/100 * n), so it is always a duration that was measured (p95 of 20 requests is
the 19th fastest; of 10 requests, the slowest).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Latency:
    """Wall-clock figures of one operation's requests, in milliseconds."""

    requests: int
    p50_ms: float
    p95_ms: float
    max_ms: float

    def describe(self) -> str:
        """E.g. `p50 12 ms, p95 30 ms, max 41 ms over 17 requests`."""
        plural = "" if self.requests == 1 else "s"
        return (
            f"p50 {format_ms(self.p50_ms)}, p95 {format_ms(self.p95_ms)}, "
            f"max {format_ms(self.max_ms)} over {self.requests} request{plural}"
        )


def nearest_rank(values: Sequence[float], percent: float) -> float:
    """The `percent`-th percentile of `values` (not empty) by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


def measure(seconds: Sequence[float]) -> Latency | None:
    """The figures of requests that took `seconds` each; None when there were none."""
    if not seconds:
        return None
    millis = [s * 1000 for s in seconds]
    return Latency(len(millis), nearest_rank(millis, 50), nearest_rank(millis, 95), max(millis))


def latency_failure(latency: Latency | None, target_ms: int | None) -> str | None:
    """The failure message when the p95 is above the target, else None."""
    if latency is None or target_ms is None or latency.p95_ms <= target_ms:
        return None
    return (
        f"Latency above target: p95 {format_ms(latency.p95_ms)} > target "
        f"{format_ms(target_ms)} ({latency.describe()})"
    )


def format_ms(millis: float) -> str:
    """Whole milliseconds with thousands separators: `1,004 ms`."""
    return f"{round(millis):,} ms"
