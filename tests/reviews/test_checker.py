from __future__ import annotations

import pytest

from intreg.records.errors import IntregError
from intreg.records.findings import Finding, Severity
from intreg.records.loader import load_record
from intreg.reviews.checker import check_reviews
from intreg.reviews.review import Status
from tests.reviews.records import D, change, named, reviewed, with_writer


def load(text: str, record_id: str):
    return load_record(text.encode("utf-8"), f"registry/{record_id}.yaml", record_id).report


PAYMENTS = load(with_writer(reviewed("2026-06-01", text=named("pay"))), "pay")  # due 2026-09-01
MESSAGING = load(with_writer(named("sms", "messaging")), "sms")  # due 2027-01-01
# owner.contact is required, so a record without it fails to load.
BROKEN = load(change(named("broken"), "  contact: payments@example.com\n", ""), "broken")


def test_report_collects_statuses_and_findings_from_every_check():
    text = reviewed("2026-06-01", text=named("old"))
    text = change(text, "      scope: backend\n", "      scope: backend\n      rotation: P1M\n")
    text = change(
        text, "    scope: per account\n", "    scope: per account\n    expected_peak: 90\n"
    )
    text += "lifecycle: retired\nconsumers: [web]\nversioning:\n  sunset_on: 2026-10-01\n"
    report = check_reviews([load(text, "old"), MESSAGING], D(2026, 11, 1), 30)
    assert [(s.record_id, s.status) for s in report.reviews] == [
        ("old", Status.OVERDUE),
        ("sms", Status.OK),
    ]
    assert [(f.path, f.code) for f in report.findings] == [
        ("registry/old.yaml", "owner-contact-missing"),
        ("registry/old.yaml", "credential-rotation-undated"),
        ("registry/old.yaml", "rate-limit-near"),
        ("registry/old.yaml", "review-overdue"),
        ("registry/old.yaml", "deprecated-in-use"),
        ("registry/old.yaml", "version-sunset-passed"),
    ]
    assert report.overdue
    assert not check_reviews([MESSAGING], D(2026, 11, 1), 30).overdue


def test_records_that_fail_to_load_are_reported_and_count_as_overdue():
    report = check_reviews([MESSAGING, BROKEN], D(2026, 11, 1), 30)
    assert report.unloaded == ["registry/broken.yaml"]
    assert [s.record_id for s in report.reviews] == ["sms"]
    assert report.findings == [
        Finding(
            "registry/broken.yaml",
            8,
            1,
            "owner.contact",
            "missing-field",
            "missing required field `contact`",
            "add `contact:` under `owner` (Team email address; review reminders go here)",
            Severity.ERROR,
        )
    ]
    assert report.overdue


def test_owner_keeps_that_team_and_the_records_that_failed_to_load():
    report = check_reviews([PAYMENTS, MESSAGING, BROKEN], D(2026, 11, 1), 30, owner="messaging")
    assert [r.id for r in report.records] == ["sms"]
    assert [s.record_id for s in report.reviews] == ["sms"]
    assert {f.path for f in report.findings} == {"registry/broken.yaml"}


def test_unknown_owner_is_an_error_naming_the_teams():
    with pytest.raises(IntregError) as caught:
        check_reviews([PAYMENTS, MESSAGING], D(2026, 11, 1), 30, owner="payment")
    assert str(caught.value) == "no record is owned by team `payment`; teams: messaging, payments"


def test_findings_are_sorted_by_file_and_line():
    report = check_reviews([MESSAGING, PAYMENTS], D(2026, 11, 1), 30)
    assert report.findings == sorted(report.findings)
    assert [f.code for f in report.findings] == ["review-overdue"]
    assert report.count(Status.OVERDUE) == 1
