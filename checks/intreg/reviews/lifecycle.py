"""Who owns and who uses an integration: deprecated ones still in use, owners with no names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from intreg.records.facts import RecordFacts
from intreg.records.findings import Finding, Severity

_ENDED = ("deprecated", "retired")  # values of intreg.records.model.Lifecycle


def deprecated_in_use_findings(records: Sequence[RecordFacts], today: dt.date) -> list[Finding]:
    """A warning per deprecated or retired integration that still lists consumers."""
    return [
        r.finding(
            ("consumers",),
            "deprecated-in-use",
            f"the integration is {r.lifecycle} but still used by {', '.join(sorted(r.consumers))}",
            "move those systems off it and remove them from consumers",
            Severity.WARNING,
        )
        for r in records
        if r.lifecycle in _ENDED and r.consumers
    ]


def owner_contact_findings(records: Sequence[RecordFacts], today: dt.date) -> list[Finding]:
    """A warning per record whose owner names no person in owner.roles.

    owner.contact itself is required, so a record without it fails to load and is reported
    by the loader; what can still be missing is a named person behind the team address.
    """
    findings = []
    for r in records:
        if r.person_named:
            continue
        findings.append(
            r.finding(
                ("owner", "roles") if r.roles_given else ("owner",),
                "owner-contact-missing",
                f"no person is named for team `{r.team}`; reminders reach only {r.contact}",
                "name at least the technical_writer (who keeps the record current) in owner.roles, "
                "with an email ({name, email}) so reminders reach them",
                Severity.WARNING,
            )
        )
    return findings
