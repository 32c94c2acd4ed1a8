"""Credentials past, or close to, the end of their rotation period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from intreg.records.cadence import next_due
from intreg.records.facts import CredentialFacts, RecordFacts
from intreg.records.findings import Finding, Severity
from intreg.records.secrets import quoted
from intreg.reviews.review import in_days

ROTATION_NOTICE_DAYS = 30


def rotation_findings(records: Sequence[RecordFacts], today: dt.date) -> list[Finding]:
    """An error per credential past its rotation date, a warning near it, a note when undated."""
    return [
        finding
        for r in records
        for index, credential in enumerate(r.credentials)
        for finding in _check_credential(r, index, credential, today)
    ]


def _check_credential(
    r: RecordFacts, index: int, credential: CredentialFacts, today: dt.date
) -> Iterator[Finding]:
    where = ("auth", "credentials", index)
    # A key pasted as the name is reported by validate; a reminder shows only its start.
    name, rotation = quoted(credential.env_var), credential.rotation
    if rotation is None:
        return
    if credential.last_rotated is None:
        yield r.finding(
            (*where, "rotation"),
            "credential-rotation-undated",
            f"{name} has a rotation period ({rotation}) but no last_rotated date, so "
            "whether it is overdue is unknown",
            "add last_rotated: YYYY-MM-DD (rotate it first if nobody knows when it last was)",
            Severity.INFO,
        )
        return
    due = next_due(credential.last_rotated, rotation)
    days = (due - today).days
    if days < 0:
        yield r.finding(
            (*where, "last_rotated"),
            "credential-rotation-overdue",
            f"{name} was due for rotation {due} (last rotated {credential.last_rotated}, "
            f"{rotation})",
            "rotate the credential, then set last_rotated to the date you did",
        )
    elif days <= ROTATION_NOTICE_DAYS:
        yield r.finding(
            (*where, "last_rotated"),
            "credential-rotation-due-soon",
            f"{name} is due for rotation {due} ({in_days(days)})",
            "plan the rotation; then set last_rotated to the date you did it",
            Severity.WARNING,
        )
