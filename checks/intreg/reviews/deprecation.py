"""API versions at or near their sunset date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from intreg.records.facts import RecordFacts
from intreg.records.findings import Finding, Severity
from intreg.reviews.review import in_days

SUNSET_NOTICE_DAYS = 90


def sunset_findings(records: Sequence[RecordFacts], today: dt.date) -> list[Finding]:
    """An error when the version's sunset date has come; a warning within 90 days of it."""
    findings = []
    for r in records:
        sunset, version = r.sunset_on, r.api_version
        if sunset is None:
            continue
        days = (sunset - today).days
        # The sunset date is the day the version stops working, so it counts as passed.
        if days <= 0:
            findings.append(
                r.finding(
                    ("versioning", "sunset_on"),
                    "version-sunset-passed",
                    f"API version `{version}` reached its sunset date {sunset}",
                    "move to a supported version and update api.version and versioning",
                )
            )
        elif days <= SUNSET_NOTICE_DAYS:
            findings.append(
                r.finding(
                    ("versioning", "sunset_on"),
                    "version-sunset-near",
                    f"API version `{version}` reaches its sunset date {sunset} ({in_days(days)})",
                    "plan the upgrade and describe it in versioning.upgrade_plan",
                    Severity.WARNING,
                )
            )
    return findings
