from __future__ import annotations

import pytest

from intreg.records.findings import Finding, Severity
from intreg.reviews.review import ReviewStatus, Status, review_findings, review_statuses
from tests.reviews.records import REVIEW_LINE, D, loaded, named, reviewed


@pytest.mark.parametrize(
    ("last", "cadence", "today", "due", "status", "days"),
    [
        # A monthly review from 31 January is due at the end of February.
        ("2026-01-31", "monthly", D(2026, 2, 28), D(2026, 2, 28), Status.DUE_SOON, 0),
        ("2026-01-31", "monthly", D(2026, 3, 1), D(2026, 2, 28), Status.OVERDUE, -1),
        # Leap years: 29 February exists in 2028 only.
        ("2028-01-31", "monthly", D(2028, 2, 29), D(2028, 2, 29), Status.DUE_SOON, 0),
        ("2028-02-29", "annual", D(2029, 3, 1), D(2029, 2, 28), Status.OVERDUE, -1),
        ("2027-12-31", "P2M", D(2028, 1, 1), D(2028, 2, 29), Status.OK, 59),
        # Month ends across a year, quarters and ISO 8601 durations.
        ("2026-11-30", "quarterly", D(2027, 1, 29), D(2027, 2, 28), Status.DUE_SOON, 30),
        ("2026-08-31", "P6M", D(2027, 1, 1), D(2027, 2, 28), Status.OK, 58),
        ("2026-01-01", "P90D", D(2026, 4, 2), D(2026, 4, 1), Status.OVERDUE, -1),
        ("2026-12-25", "P2W", D(2026, 12, 31), D(2027, 1, 8), Status.DUE_SOON, 8),
        ("2026-01-31", "P1M1D", D(2026, 3, 1), D(2026, 3, 1), Status.DUE_SOON, 0),
        ("2026-05-01", "P1Y2M3W4D", D(2026, 5, 1), D(2027, 7, 26), Status.OK, 451),
    ],
)
def test_next_due_and_status_are_calendar_correct(last, cadence, today, due, status, days):
    [s] = review_statuses([loaded(reviewed(last, cadence))], today)
    assert (s.next_due, s.status, s.days_until_due) == (due, status, days)


@pytest.mark.parametrize(
    ("today", "within", "status"),
    [
        (D(2026, 12, 2), 30, Status.DUE_SOON),  # due 2027-01-01, exactly 30 days ahead
        (D(2026, 12, 1), 30, Status.OK),  # 31 days ahead
        (D(2027, 1, 1), 0, Status.DUE_SOON),  # due today is not yet overdue
        (D(2026, 12, 31), 0, Status.OK),
        (D(2027, 1, 2), 365, Status.OVERDUE),
    ],
)
def test_due_soon_window_includes_its_last_day(today, within, status):
    [s] = review_statuses([loaded()], today, within)
    assert s.status == status


def test_status_carries_the_record_and_its_dates():
    [s] = review_statuses([loaded()], D(2027, 1, 3))
    assert s == ReviewStatus(
        record_id="minimal",
        name="Example Payments",
        path="registry/minimal.yaml",
        team="payments",
        contact="payments@example.com",
        last_reviewed=D(2026, 10, 1),
        cadence="quarterly",
        next_due=D(2027, 1, 1),
        status=Status.OVERDUE,
        days_until_due=-2,
    )


def test_statuses_sort_overdue_first_then_by_due_date_then_id():
    records = [
        loaded(reviewed("2026-10-01", text=named("ok-late"))),  # due 2027-01-01
        loaded(reviewed("2026-09-10", text=named("soon-b"))),  # due 2026-12-10
        loaded(reviewed("2026-09-10", text=named("soon-a"))),  # due 2026-12-10
        loaded(reviewed("2026-06-01", text=named("overdue-new"))),  # due 2026-09-01
        loaded(reviewed("2026-05-01", text=named("overdue-old"))),  # due 2026-08-01
    ]
    statuses = review_statuses(records, D(2026, 11, 20))
    assert [(s.record_id, s.status) for s in statuses] == [
        ("overdue-old", Status.OVERDUE),
        ("overdue-new", Status.OVERDUE),
        ("soon-a", Status.DUE_SOON),
        ("soon-b", Status.DUE_SOON),
        ("ok-late", Status.OK),
    ]


def test_overdue_review_is_an_error_with_where_and_how_to_fix():
    [finding] = review_findings([loaded()], D(2027, 1, 2))
    assert finding == Finding(
        "registry/minimal.yaml",
        43,
        18,
        "review.last_reviewed",
        "review-overdue",
        "review was due 2027-01-01 (1 day ago; last reviewed 2026-10-01, quarterly)",
        "review the record against the provider's docs, then set review.last_reviewed to the "
        "date of the review",
        Severity.ERROR,
    )
    assert finding.location == REVIEW_LINE


def test_review_due_soon_is_a_warning():
    [finding] = review_findings([loaded()], D(2026, 12, 31), within=7)
    assert (finding.code, finding.severity, finding.message) == (
        "review-due-soon",
        Severity.WARNING,
        "review is due 2027-01-01 (in 1 day)",
    )
    [today] = review_findings([loaded()], D(2027, 1, 1))
    assert today.message == "review is due 2027-01-01 (today)"


def test_review_dated_after_today_is_a_warning_and_not_due():
    [finding] = review_findings([loaded()], D(2026, 9, 30))
    assert (finding.code, finding.severity, finding.message) == (
        "review-in-future",
        Severity.WARNING,
        "last_reviewed 2026-10-01 is after today (2026-09-30)",
    )


def test_nothing_is_found_when_the_review_is_far_off():
    assert review_findings([loaded()], D(2026, 10, 1)) == []
    assert review_statuses([], D(2026, 10, 1)) == []
