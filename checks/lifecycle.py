"""Who owns and who uses an integration: deprecated ones still in use, owners with no names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from schemas.findings import Finding, Severity
from schemas.model import Lifecycle
from schemas.record import LoadedRecord

_ENDED = (Lifecycle.DEPRECATED, Lifecycle.RETIRED)


def deprecated_in_use_findings(records: Sequence[LoadedRecord], today: dt.date) -> list[Finding]:
    """A warning per deprecated or retired integration that still lists consumers."""
    return [
        r.finding(
            ("consumers",),
            "deprecated-in-use",
            f"the integration is {r.record.lifecycle} but still used by "
            f"{', '.join(sorted(r.record.consumers))}",
            "move those systems off it and remove them from consumers",
            Severity.WARNING,
        )
        for r in records
        if r.record.lifecycle in _ENDED and r.record.consumers
    ]


def owner_contact_findings(records: Sequence[LoadedRecord], today: dt.date) -> list[Finding]:
    """A warning per record whose owner names no person in owner.roles.

    owner.contact itself is required, so a record without it fails to load and is reported
    by the loader; what can still be missing is a named person behind the team address.
    """
    findings = []
    for r in records:
        roles = r.record.owner.roles
        if roles is not None and any(v is not None for v in roles.model_dump().values()):
            continue
        findings.append(
            r.finding(
                ("owner", "roles") if roles is not None else ("owner",),
                "owner-contact-missing",
                f"no person is named for team `{r.record.owner.team}`; reminders reach only "
                f"{r.record.owner.contact}",
                "name at least the technical_writer (who keeps the record current) in owner.roles",
                Severity.WARNING,
            )
        )
    return findings
