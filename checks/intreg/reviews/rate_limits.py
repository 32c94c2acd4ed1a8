"""Rate limits our expected peak comes close to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from intreg.records.facts import RecordFacts
from intreg.records.findings import Finding, Severity

NEAR_LIMIT_PERCENT = 75


def rate_limit_findings(records: Sequence[RecordFacts], today: dt.date) -> list[Finding]:
    """A warning per rate limit whose expected peak is above the record's usage target
    (monitoring.targets.rate_limit_usage_percent), else above 75% of the limit (the SayPro
    standard's target)."""
    findings = []
    for r in records:
        target = r.usage_target_percent or NEAR_LIMIT_PERCENT
        for index, rate in enumerate(r.rate_limits):
            if rate.limit is None or rate.expected_peak is None:
                continue
            # Multiplied out, so that exactly 75% is not "above" through rounding.
            if rate.expected_peak * 100 <= rate.limit * target:
                continue
            percent = round(rate.expected_peak * 100 / rate.limit)
            per = f" per {rate.period}" if rate.period is not None else ""
            findings.append(
                r.finding(
                    ("rate_limits", index, "expected_peak"),
                    "rate-limit-near",
                    f"expected peak {rate.expected_peak}{per} is {percent}% of the limit "
                    f"{rate.limit} ({rate.scope})",
                    "spread or batch the calls, or ask the provider for a higher limit",
                    Severity.WARNING,
                )
            )
    return findings
