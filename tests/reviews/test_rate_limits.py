from __future__ import annotations

import pytest

from intreg.records.findings import Finding, Severity
from intreg.reviews.rate_limits import rate_limit_findings
from tests.reviews.records import MINIMAL, D, change, loaded

TODAY = D(2026, 11, 1)


def peaking(peak: int, limit: int = 100) -> str:
    text = change(MINIMAL, "  - limit: 100\n", f"  - limit: {limit}\n")
    return change(
        text, "    scope: per account\n", f"    scope: per account\n    expected_peak: {peak}\n"
    )


def test_peak_above_75_percent_is_a_warning_with_the_percentage():
    assert rate_limit_findings([loaded(peaking(76))], TODAY) == [
        Finding(
            "registry/minimal.yaml",
            41,
            20,
            "rate_limits[0].expected_peak",
            "rate-limit-near",
            "expected peak 76 per second is 76% of the limit 100 (per account)",
            "spread or batch the calls, or ask the provider for a higher limit",
            Severity.WARNING,
        )
    ]


@pytest.mark.parametrize(
    ("peak", "limit", "percent"),
    [(7, 9, "78%"), (120, 100, "120%"), (4, 4, "100%")],
)
def test_percentage_is_rounded(peak, limit, percent):
    [finding] = rate_limit_findings([loaded(peaking(peak, limit))], TODAY)
    assert f" is {percent} of the limit {limit} " in finding.message


@pytest.mark.parametrize(("peak", "limit"), [(75, 100), (3, 4), (2, 3), (0, 100)])
def test_peak_at_or_below_75_percent_is_fine(peak, limit):
    assert rate_limit_findings([loaded(peaking(peak, limit))], TODAY) == []


def test_limits_without_a_figure_or_a_peak_are_skipped():
    no_figure = change(
        MINIMAL, "  - limit: 100\n    period: second\n", "  - notes: Not published.\n"
    )
    assert rate_limit_findings([loaded(), loaded(no_figure)], TODAY) == []


def test_the_records_own_usage_target_sets_the_threshold():
    target = (
        "monitoring:\n  targets:\n    rate_limit_usage_percent: 50\n"
        "    source: Company API standard\nreview:\n"
    )
    text = change(peaking(60), "review:\n", target)
    [finding] = rate_limit_findings([loaded(text)], TODAY)
    assert finding.message == "expected peak 60 per second is 60% of the limit 100 (per account)"
    assert (
        rate_limit_findings([loaded(change(text, "expected_peak: 60", "expected_peak: 50"))], TODAY)
        == []
    )
