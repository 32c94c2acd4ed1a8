"""A team's findings as a to-do list: overdue first, then due soon, then other work, then notes."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from intreg.records.cadence import next_due
from intreg.records.facts import PersonFacts, RecordFacts
from intreg.records.findings import Finding, Severity
from intreg.reviews.checker import ReviewReport


class Kind(enum.IntEnum):
    """Where an item goes in a reminder, in the order the sections come."""

    OVERDUE = 0
    DUE_SOON = 1
    TO_DO = 2
    NOTED = 3


# Warnings with a date coming up; the other warnings are work with no date.
DUE_SOON_CODES = frozenset(
    {"review-due-soon", "version-sunset-near", "credential-rotation-due-soon"}
)
_CREDENTIAL = re.compile(r"^auth\.credentials\[(\d+)\]\.")


DEFAULT_ESCALATE_AFTER_DAYS = 14
ESCALATION_ROLE = "project_manager"
# Which owner.roles key is told of each kind of finding; the others go to the team address.
_ROLE_BY_PREFIX = (
    ("review-", "technical_writer"),
    ("credential-rotation-", "system_administrator"),
    ("version-sunset-", "api_developer"),
    ("rate-limit-", "api_developer"),
    ("deprecated-in-use", "api_developer"),
)


def responsible_role(code: str) -> str | None:
    """The owner.roles key of whoever must act on a finding with `code`, if any."""
    return next((role for prefix, role in _ROLE_BY_PREFIX if code.startswith(prefix)), None)


@dataclass(frozen=True)
class Item:
    """One finding on a team's list; `overdue_days` counts from the date it fell due."""

    record: RecordFacts
    finding: Finding
    kind: Kind
    overdue_days: int | None = None

    @property
    def actionable(self) -> bool:
        """True for overdue work, work due soon and undated work; notes are not."""
        return self.kind is not Kind.NOTED

    @property
    def escalate_after(self) -> int:
        """The record's review.escalate_after_days, or the default."""
        days = self.record.escalate_after_days
        return DEFAULT_ESCALATE_AFTER_DAYS if days is None else days

    @property
    def escalated(self) -> bool:
        """True when it has been overdue for longer than the escalation threshold."""
        return self.overdue_days is not None and self.overdue_days > self.escalate_after

    @property
    def responsible(self) -> PersonFacts | None:
        """Who holds the role that must act on it, if the record names them."""
        role = responsible_role(self.finding.code)
        return None if role is None else self.record.holder(role)

    @property
    def people(self) -> tuple[PersonFacts, ...]:
        """Who must be told of it: the responsible person, and the project manager once it
        is escalated."""
        told = [self.responsible]
        if self.escalated:
            told.append(self.record.holder(ESCALATION_ROLE))
        return tuple(p for p in dict.fromkeys(told) if p is not None)


def kind_of(finding: Finding) -> Kind:
    """The section `finding` belongs in."""
    if finding.severity >= Severity.ERROR:
        return Kind.OVERDUE
    if finding.code in DUE_SOON_CODES:
        return Kind.DUE_SOON
    return Kind.TO_DO if finding.severity >= Severity.WARNING else Kind.NOTED


def team_items(
    report: ReviewReport, min_severity: Severity = Severity.INFO
) -> dict[str, list[Item]]:
    """Each team's items at or above `min_severity`, in list order; teams with none are left out."""
    by_path = {r.path: r for r in report.records}
    teams: dict[str, list[Item]] = defaultdict(list)
    for f in report.findings:
        record = by_path.get(f.path)
        if record is None or f.severity < min_severity:
            continue  # a file that failed to load has no owner to tell (the CLI says so)
        kind = kind_of(f)
        days = overdue_days(record, f, report.today) if kind is Kind.OVERDUE else None
        teams[record.team].append(Item(record, f, kind, days))
    return {team: sorted(items, key=_order) for team, items in sorted(teams.items())}


def _order(item: Item) -> tuple[int, int, str, tuple[object, ...]]:
    # Longest overdue first within a section; then by record id and position.
    return (item.kind, -(item.overdue_days or 0), item.record.id, item.finding.sort_key())


def overdue_days(r: RecordFacts, finding: Finding, today: dt.date) -> int | None:
    """How many days ago the overdue thing fell due, or None when the record does not say."""
    due: dt.date | None = None
    if finding.code == "review-overdue":
        due = r.next_due
    elif finding.code == "version-sunset-passed":
        due = r.sunset_on
    elif finding.code == "credential-rotation-overdue":
        match = _CREDENTIAL.match(finding.field)
        credential = r.credentials[int(match.group(1))] if match else None
        if credential is not None and credential.rotation and credential.last_rotated:
            due = next_due(credential.last_rotated, credential.rotation)
    return None if due is None else (today - due).days


def digest(items: Iterable[Item], recipients: Sequence[str] = ()) -> str:
    """A digest of the actionable items (which record, what, where) and of who is told.

    Day counts and other wording that changes daily are left out, so the digest changes only
    when the work or the people do.
    """
    keys = sorted(
        {
            (i.record.path, i.finding.field, i.finding.code, str(i.kind))
            for i in items
            if i.actionable
        }
    )
    text = "\n".join("\t".join(key) for key in keys) + "\n--\n" + "\n".join(sorted(recipients))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
