from __future__ import annotations

from intreg.records.findings import Finding, Severity
from intreg.reviews.rotation import rotation_findings
from tests.reviews.records import MINIMAL, D, change, loaded


def rotated(rotation: str, last_rotated: str | None) -> str:
    extra = f"      rotation: {rotation}\n"
    if last_rotated is not None:
        extra += f"      last_rotated: {last_rotated}\n"
    return change(MINIMAL, "      scope: backend\n", "      scope: backend\n" + extra)


def test_credential_past_its_rotation_date_is_an_error():
    # 2026-09-01 + P90D = 2026-11-30
    assert rotation_findings([loaded(rotated("P90D", "2026-09-01"))], D(2026, 12, 1)) == [
        Finding(
            "registry/minimal.yaml",
            22,
            21,
            "auth.credentials[0].last_rotated",
            "credential-rotation-overdue",
            "`EXAMPLE_SECRET_KEY` was due for rotation 2026-11-30 (last rotated 2026-09-01, P90D)",
            "rotate the credential, then set last_rotated to the date you did",
            Severity.ERROR,
        )
    ]


def test_rotation_is_calendar_correct_at_month_ends():
    record = loaded(rotated("monthly", "2028-01-31"))  # due 2028-02-29, a leap day
    assert rotation_findings([record], D(2028, 3, 1))[0].code == "credential-rotation-overdue"
    [soon] = rotation_findings([record], D(2028, 2, 29))
    assert (soon.code, soon.severity, soon.message) == (
        "credential-rotation-due-soon",
        Severity.WARNING,
        "`EXAMPLE_SECRET_KEY` is due for rotation 2028-02-29 (today)",
    )


def test_rotation_due_within_30_days_is_a_warning():
    record = loaded(rotated("quarterly", "2026-10-15"))  # due 2027-01-15
    assert rotation_findings([record], D(2026, 12, 15)) == []
    [finding] = rotation_findings([record], D(2026, 12, 16))
    assert finding.message == "`EXAMPLE_SECRET_KEY` is due for rotation 2027-01-15 (in 30 days)"


def test_rotation_without_last_rotated_is_a_note():
    assert rotation_findings([loaded(rotated("annual", None))], D(2026, 12, 1)) == [
        Finding(
            "registry/minimal.yaml",
            21,
            17,
            "auth.credentials[0].rotation",
            "credential-rotation-undated",
            "`EXAMPLE_SECRET_KEY` has a rotation period (annual) but no last_rotated date, so "
            "whether it is overdue is unknown",
            "add last_rotated: YYYY-MM-DD (rotate it first if nobody knows when it last was)",
            Severity.INFO,
        )
    ]


def test_no_rotation_period_means_no_finding():
    assert rotation_findings([loaded()], D(2099, 1, 1)) == []


def test_a_key_pasted_as_the_name_is_never_printed_whole():
    key = "AKIA" + "IOSFODNN7" + "EXAMPLE"  # the AWS documentation's example key id
    record = loaded(change(rotated("P90D", "2026-09-01"), "EXAMPLE_SECRET_KEY", key))
    [finding] = rotation_findings([record], D(2026, 12, 1))
    assert finding.message == (
        "'AKIA…' (20 characters) was due for rotation 2026-11-30 (last rotated 2026-09-01, P90D)"
    )
