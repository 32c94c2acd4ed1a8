"""Run every scheduled check over the loaded registry and collect one report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from intreg.records.errors import IntregError
from intreg.records.facts import FileReport, RecordFacts
from intreg.records.findings import Finding, Severity
from intreg.reviews.deprecation import sunset_findings
from intreg.reviews.lifecycle import deprecated_in_use_findings, owner_contact_findings
from intreg.reviews.rate_limits import rate_limit_findings
from intreg.reviews.review import ReviewStatus, Status, review_findings, review_statuses
from intreg.reviews.rotation import rotation_findings


class Check(Protocol):
    """A family of checks: the findings for `records` as of `today`."""

    def __call__(self, records: Sequence[RecordFacts], today: dt.date, /) -> list[Finding]: ...


CHECKS: list[Check] = [
    sunset_findings,
    rotation_findings,
    rate_limit_findings,
    deprecated_in_use_findings,
    owner_contact_findings,
]


@dataclass(frozen=True)
class ReviewReport:
    """Review statuses and findings on `today`; `unloaded` lists files that failed to load.

    Errors are exactly the things that are overdue: a review, a sunset, a rotation, or a file
    that failed to load (whose loader findings are included, since its owner is unknown).
    """

    today: dt.date
    within: int
    records: list[RecordFacts]
    reviews: list[ReviewStatus]
    findings: list[Finding]
    unloaded: list[str]

    @property
    def overdue(self) -> bool:
        """True when anything is overdue, or a record failed to load."""
        return bool(self.unloaded) or any(f.severity >= Severity.ERROR for f in self.findings)

    def count(self, status: Status) -> int:
        """How many reviews have `status`."""
        return sum(1 for s in self.reviews if s.status is status)


def check_reviews(
    results: Sequence[FileReport], today: dt.date, within: int, owner: str | None = None
) -> ReviewReport:
    """Run every check on the loaded records (only team `owner`'s, when given)."""
    records = [r.facts for r in results if r.facts is not None]
    if owner is not None:
        teams = sorted({r.team for r in records})
        records = [r for r in records if r.team == owner]
        if not records:
            raise IntregError(
                f"no record is owned by team `{owner}`; teams: {', '.join(teams) or 'none'}"
            )
    failed = [r for r in results if r.facts is None]
    findings = [
        *review_findings(records, today, within),
        *(f for check in CHECKS for f in check(records, today)),
        *(f for r in failed for f in r.findings),
    ]
    return ReviewReport(
        today=today,
        within=within,
        records=records,
        reviews=review_statuses(records, today, within),
        findings=sorted(findings, key=Finding.sort_key),
        unloaded=[r.path for r in failed],
    )
