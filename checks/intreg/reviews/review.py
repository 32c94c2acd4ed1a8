"""When each record was last reviewed, when it is next due, and whether it is late."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from intreg.records.cadence import DUE_SOON_DAYS, ReviewState
from intreg.records.facts import RecordFacts
from intreg.records.findings import Finding, Severity

DEFAULT_WITHIN_DAYS = DUE_SOON_DAYS


# The model owns the classification, so the site's badges and this checker always agree.
Status = ReviewState

_ORDER = {status: index for index, status in enumerate(Status)}


@dataclass(frozen=True)
class ReviewStatus:
    """One record's review dates and status on `today`; `days_until_due` < 0 when overdue."""

    record_id: str
    name: str
    path: str
    team: str
    contact: str
    last_reviewed: dt.date
    cadence: str
    next_due: dt.date
    status: Status
    days_until_due: int


def review_status(r: RecordFacts, today: dt.date, within: int) -> ReviewStatus:
    """One record's status: overdue after its due date, due soon up to `within` days before."""
    due = r.next_due
    days = (due - today).days
    status = r.review_state(today, within)
    return ReviewStatus(
        record_id=r.id,
        name=r.name,
        path=r.path,
        team=r.team,
        contact=r.contact,
        last_reviewed=r.last_reviewed,
        cadence=r.cadence,
        next_due=due,
        status=status,
        days_until_due=days,
    )


def review_statuses(
    records: Sequence[RecordFacts], today: dt.date, within: int = DEFAULT_WITHIN_DAYS
) -> list[ReviewStatus]:
    """Every record's status, overdue first, then by next due date, then by id."""
    statuses = [review_status(r, today, within) for r in records]
    return sorted(statuses, key=lambda s: (_ORDER[s.status], s.next_due, s.record_id, s.path))


def review_findings(
    records: Sequence[RecordFacts], today: dt.date, within: int = DEFAULT_WITHIN_DAYS
) -> list[Finding]:
    """Errors for overdue reviews; warnings for those due within `within` days or dated later."""
    findings = []
    for r in records:
        s = review_status(r, today, within)
        where = ("review", "last_reviewed")
        if s.status is Status.OVERDUE:
            findings.append(
                r.finding(
                    where,
                    "review-overdue",
                    f"review was due {s.next_due} ({count_days(-s.days_until_due)} ago; "
                    f"last reviewed {s.last_reviewed}, {s.cadence})",
                    "review the record against the provider's docs, then set "
                    "review.last_reviewed to the date of the review",
                )
            )
        elif s.status is Status.DUE_SOON:
            findings.append(
                r.finding(
                    where,
                    "review-due-soon",
                    f"review is due {s.next_due} ({in_days(s.days_until_due)})",
                    "plan the review; then set review.last_reviewed to its date",
                    Severity.WARNING,
                )
            )
        if s.last_reviewed > today:
            findings.append(
                r.finding(
                    where,
                    "review-in-future",
                    f"last_reviewed {s.last_reviewed} is after today ({today})",
                    "write the date the review actually took place",
                    Severity.WARNING,
                )
            )
    return findings


def count_days(n: int) -> str:
    """`1 day` or `n days`."""
    return "1 day" if n == 1 else f"{n} days"


def in_days(n: int) -> str:
    """`today`, `in 1 day` or `in n days`."""
    return "today" if n == 0 else f"in {count_days(n)}"
