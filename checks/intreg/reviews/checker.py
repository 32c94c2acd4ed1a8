"""Run every scheduled check over the loaded registry and collect one report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from intreg.records.errors import IntregError
from intreg.records.facts import FileReport, RecordFacts
from intreg.records.findings import Finding, Severity
from intreg.records.system_loader import SystemLoadResult
from intreg.reviews.deprecation import sunset_findings
from intreg.reviews.lifecycle import deprecated_in_use_findings, owner_contact_findings
from intreg.reviews.rate_limits import rate_limit_findings
from intreg.reviews.review import ReviewStatus, Status, review_findings, review_statuses
from intreg.reviews.rotation import rotation_findings
from intreg.reviews.tasks import TaskDue, due_tasks


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
    """Review statuses and findings on `today`; `unloaded` lists files that failed to load;
    `tasks` are the systems' maintenance tasks, each with its next due day.

    Errors are exactly the things that are overdue: a review, a sunset, a rotation, or a file
    that failed to load (whose loader findings are included, since its owner is unknown). A
    maintenance task records no completion, so it is due each period and never overdue.
    """

    today: dt.date
    within: int
    records: list[RecordFacts]
    reviews: list[ReviewStatus]
    findings: list[Finding]
    unloaded: list[str]
    tasks: list[TaskDue] = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        """True when anything is overdue, or a record failed to load."""
        return bool(self.unloaded) or any(f.severity >= Severity.ERROR for f in self.findings)

    def count(self, status: Status) -> int:
        """How many reviews have `status`."""
        return sum(1 for s in self.reviews if s.status is status)


def check_reviews(
    results: Sequence[FileReport],
    today: dt.date,
    within: int,
    owner: str | None = None,
    systems: Sequence[SystemLoadResult] = (),
) -> ReviewReport:
    """Run every check on the loaded records (only team `owner`'s, when given), and list the
    maintenance tasks of the `systems` with the day each is next due."""
    records = [r.facts for r in results if r.facts is not None]
    loaded = [s.system for s in systems if s.system is not None]
    if owner is not None:
        teams = sorted({r.team for r in records} | {s.system.owner.team for s in loaded})
        records = [r for r in records if r.team == owner]
        if not records and not any(s.system.owner.team == owner for s in loaded):
            raise IntregError(
                f"no record is owned by team `{owner}`; teams: {', '.join(teams) or 'none'}"
            )
    failed = [(r.path, list(r.findings)) for r in results if r.facts is None]
    failed += [(s.path, list(s.findings)) for s in systems if s.system is None]
    findings = [
        *review_findings(records, today, within),
        *(f for check in CHECKS for f in check(records, today)),
        *(f for _, found in failed for f in found),
    ]
    return ReviewReport(
        today=today,
        within=within,
        records=records,
        reviews=review_statuses(records, today, within),
        findings=sorted(findings, key=Finding.sort_key),
        unloaded=[path for path, _ in failed],
        tasks=due_tasks(loaded, today, owner),
    )
