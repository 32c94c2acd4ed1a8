from __future__ import annotations

import pytest

from intreg.records.findings import Finding, Severity
from intreg.reviews.deprecation import sunset_findings
from tests.reviews.records import MINIMAL, D, loaded

SUNSET = MINIMAL + "versioning:\n  sunset_on: 2027-03-31\n"


def test_sunset_date_passed_is_an_error_at_the_field():
    assert sunset_findings([loaded(SUNSET)], D(2027, 4, 1)) == [
        Finding(
            "registry/minimal.yaml",
            46,
            14,
            "versioning.sunset_on",
            "version-sunset-passed",
            "API version `1.10` reached its sunset date 2027-03-31",
            "move to a supported version and update api.version and versioning",
            Severity.ERROR,
        )
    ]


def test_the_sunset_day_itself_counts_as_passed():
    [finding] = sunset_findings([loaded(SUNSET)], D(2027, 3, 31))
    assert finding.code == "version-sunset-passed"


@pytest.mark.parametrize(
    ("today", "message"),
    [
        (D(2027, 3, 30), "API version `1.10` reaches its sunset date 2027-03-31 (in 1 day)"),
        (D(2026, 12, 31), "API version `1.10` reaches its sunset date 2027-03-31 (in 90 days)"),
    ],
)
def test_sunset_within_90_days_is_a_warning(today, message):
    [finding] = sunset_findings([loaded(SUNSET)], today)
    assert (finding.code, finding.severity, finding.message, finding.hint) == (
        "version-sunset-near",
        Severity.WARNING,
        message,
        "plan the upgrade and describe it in versioning.upgrade_plan",
    )


def test_no_finding_far_from_sunset_or_without_one():
    assert sunset_findings([loaded(SUNSET)], D(2026, 12, 30)) == []
    deprecated_only = MINIMAL + "versioning:\n  deprecated_on: 2020-01-01\n"
    assert sunset_findings([loaded(deprecated_only), loaded()], D(2030, 1, 1)) == []
