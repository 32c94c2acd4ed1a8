"""RecordFacts: what the cross-record rules and the scheduled checks need to know of a record.

Plain data, with the position of every field those rules report on, so that it is small to
keep for 10,000 records, to send between processes and to cache as JSON. Nothing here imports
pydantic: a run answered from the cache never loads the model.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import astuple, dataclass
from typing import TYPE_CHECKING, Any

from intreg.records.cadence import DUE_SOON_DAYS, ReviewState, next_due, review_state
from intreg.records.costs import Price
from intreg.records.field_path import FieldPath, format_path
from intreg.records.findings import Finding, Severity
from intreg.records.system_facts import SystemFacts

if TYPE_CHECKING:
    from intreg.records.maintenance import Roles
    from intreg.records.operations import Cost, Monitoring
    from intreg.records.record import LoadedRecord


@dataclass(frozen=True)
class CredentialFacts:
    """One credential: its variable, whether records may share it, and its rotation."""

    env_var: str
    shared: bool
    rotation: str | None
    last_rotated: dt.date | None


@dataclass(frozen=True)
class RateLimitFacts:
    """One rate limit and our expected peak against it."""

    limit: int | None
    expected_peak: int | None
    period: str | None
    scope: str


@dataclass(frozen=True)
class PersonFacts:
    """Who holds a role in owner.roles; `email` is None when the record gives only a name."""

    role: str
    name: str
    email: str | None = None
    chat: str | None = None


@dataclass(frozen=True)
class RecordFacts:
    """The facts of the record at `path`, and where each reported field sits in the file."""

    path: str
    id: str
    name: str
    team: str
    contact: str
    roles_given: bool
    person_named: bool
    lifecycle: str | None
    consumers: tuple[str, ...]
    last_reviewed: dt.date
    cadence: str
    api_version: str
    sunset_on: dt.date | None
    fallback: str | None
    credentials: tuple[CredentialFacts, ...]
    rate_limits: tuple[RateLimitFacts, ...]
    positions: tuple[int, ...]  # line, column of each of reported_fields(), in turn
    changelog_url: str | None = None
    people: tuple[PersonFacts, ...] = ()
    escalate_after_days: int | None = None
    fallback_systems: tuple[str, ...] = ()
    fallback_mutual: bool = False
    price: Price | None = None
    legacy_plan: tuple[str, ...] = ()  # priority and phase, where the record still sets them
    usage_target_percent: float | None = None  # monitoring.targets.rate_limit_usage_percent

    def holder(self, role: str) -> PersonFacts | None:
        """Who holds `role` (an owner.roles key), if anyone."""
        return next((p for p in self.people if p.role == role), None)

    @functools.cached_property
    def next_due(self) -> dt.date:
        """The date the next review is due."""
        return next_due(self.last_reviewed, self.cadence)

    def review_state(self, today: dt.date, within: int = DUE_SOON_DAYS) -> ReviewState:
        """The review's state on `today` (the same rule as Review.state)."""
        return review_state(self.next_due, today, within)

    def finding(
        self,
        field_path: FieldPath,
        code: str,
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> Finding:
        """A finding at `field_path`, one of the REPORTED fields (KeyError for any other)."""
        counts = (len(self.credentials), len(self.rate_limits), len(self.consumers))
        index = 2 * _field_index(*counts)[field_path]
        line, col = self.positions[index], self.positions[index + 1]
        return Finding(self.path, line, col, format_path(field_path), code, message, hint, severity)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form without the path (a cache entry is keyed by it)."""
        return {
            "id": self.id,
            "name": self.name,
            "team": self.team,
            "contact": self.contact,
            "roles_given": self.roles_given,
            "person_named": self.person_named,
            "lifecycle": self.lifecycle,
            "consumers": list(self.consumers),
            "last_reviewed": self.last_reviewed.isoformat(),
            "cadence": self.cadence,
            "api_version": self.api_version,
            "sunset_on": _iso(self.sunset_on),
            "fallback": self.fallback,
            "credentials": [
                [c.env_var, c.shared, c.rotation, _iso(c.last_rotated)] for c in self.credentials
            ],
            "rate_limits": [
                [r.limit, r.expected_peak, r.period, r.scope] for r in self.rate_limits
            ],
            "positions": list(self.positions),
            "changelog_url": self.changelog_url,
            "people": [[p.role, p.name, p.email, p.chat] for p in self.people],
            "escalate_after_days": self.escalate_after_days,
            "fallback_systems": list(self.fallback_systems),
            "fallback_mutual": self.fallback_mutual,
            "price": None if self.price is None else list(astuple(self.price)),
            "legacy_plan": list(self.legacy_plan),
            "usage_target_percent": self.usage_target_percent,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], path: str) -> RecordFacts:
        """The facts `to_json` gave, for the file now shown as `path`."""
        return cls(
            path=path,
            id=data["id"],
            name=data["name"],
            team=data["team"],
            contact=data["contact"],
            roles_given=data["roles_given"],
            person_named=data["person_named"],
            lifecycle=data["lifecycle"],
            consumers=tuple(data["consumers"]),
            last_reviewed=dt.date.fromisoformat(data["last_reviewed"]),
            cadence=data["cadence"],
            api_version=data["api_version"],
            sunset_on=_date(data["sunset_on"]),
            fallback=data["fallback"],
            credentials=tuple(
                CredentialFacts(env_var, shared, rotation, _date(last))
                for env_var, shared, rotation, last in data["credentials"]
            ),
            rate_limits=tuple(RateLimitFacts(*limit) for limit in data["rate_limits"]),
            positions=tuple(data["positions"]),
            changelog_url=data["changelog_url"],
            people=tuple(PersonFacts(*person) for person in data["people"]),
            escalate_after_days=data["escalate_after_days"],
            fallback_systems=tuple(data["fallback_systems"]),
            fallback_mutual=data["fallback_mutual"],
            price=None if data["price"] is None else Price(*data["price"]),
            legacy_plan=tuple(data["legacy_plan"]),
            usage_target_percent=data["usage_target_percent"],
        )


@dataclass(frozen=True)
class FileReport:
    """What checking one file gave: its facts when it passed the model, and its findings.

    A system record's file (registry/systems/) has no RecordFacts: its facts are `system`.
    """

    path: str
    facts: RecordFacts | None
    findings: tuple[Finding, ...]
    system: SystemFacts | None = None


def facts_of(loaded: LoadedRecord) -> RecordFacts:
    """The facts of a record that passed the model."""
    r = loaded.record
    roles = r.owner.roles
    return RecordFacts(
        path=loaded.path,
        id=r.id,
        name=r.name,
        team=r.owner.team,
        contact=r.owner.contact,
        roles_given=roles is not None,
        person_named=roles is not None and any(v is not None for v in roles.model_dump().values()),
        lifecycle=None if r.lifecycle is None else str(r.lifecycle),
        consumers=tuple(r.consumers),
        last_reviewed=r.review.last_reviewed,
        cadence=r.review.cadence,
        api_version=r.api.version,
        sunset_on=r.versioning.sunset_on if r.versioning is not None else None,
        fallback=r.fallback.integration if r.fallback is not None else None,
        credentials=tuple(
            CredentialFacts(c.env_var, c.shared, c.rotation, c.last_rotated)
            for c in r.auth.credentials
        ),
        rate_limits=tuple(
            RateLimitFacts(
                rate.limit,
                rate.expected_peak,
                None if rate.period is None else str(rate.period),
                rate.scope,
            )
            for rate in r.rate_limits
        ),
        positions=tuple(
            number
            for field in reported_fields(
                len(r.auth.credentials), len(r.rate_limits), len(r.consumers)
            )
            for number in loaded.position(field)
        ),
        changelog_url=r.versioning.changelog_url if r.versioning is not None else None,
        people=_people(roles),
        escalate_after_days=r.review.escalate_after_days,
        fallback_systems=tuple(r.fallback.systems) if r.fallback is not None else (),
        fallback_mutual=r.fallback is not None and r.fallback.mutual,
        price=_price(r.cost),
        legacy_plan=tuple(k for k in ("priority", "phase") if getattr(r, k) is not None),
        usage_target_percent=_usage_target(r.monitoring),
    )


def _usage_target(monitoring: Monitoring | None) -> float | None:
    targets = monitoring.targets if monitoring is not None else None
    return targets.rate_limit_usage_percent if targets is not None else None


def _price(cost: Cost | None) -> Price | None:
    if cost is None:
        return None
    return Price(str(cost.model), cost.unit_price, cost.percent_fee, cost.unit, cost.currency)


def _people(roles: Roles | None) -> tuple[PersonFacts, ...]:
    if roles is None:
        return ()
    people = []
    for role, holder in roles:  # in the model's field order
        if isinstance(holder, str):
            people.append(PersonFacts(role, holder))
        elif holder is not None:
            people.append(PersonFacts(role, holder.name, holder.email, holder.chat))
    return tuple(people)


def reported_fields(credentials: int, rate_limits: int, consumers: int = 0) -> list[FieldPath]:
    """Every field a rule over RecordFacts may report on, for a record with so many
    credentials, rate limits and consumers."""
    fields: list[FieldPath] = [
        ("id",),
        ("owner",),
        ("owner", "roles"),
        ("consumers",),
        ("review", "last_reviewed"),
        ("versioning", "sunset_on"),
        ("fallback", "integration"),
        ("fallback", "mutual"),
        ("fallback", "systems"),
        ("priority",),
        ("phase",),
    ]
    for i in range(credentials):
        fields += [("auth", "credentials", i, key) for key in _CREDENTIAL_FIELDS]
    fields += [("rate_limits", i, "expected_peak") for i in range(rate_limits)]
    fields += [("consumers", i) for i in range(consumers)]
    return fields


_CREDENTIAL_FIELDS = ("env_var", "rotation", "last_rotated")


@functools.cache
def _field_index(credentials: int, rate_limits: int, consumers: int) -> dict[FieldPath, int]:
    fields = reported_fields(credentials, rate_limits, consumers)
    return {field: i for i, field in enumerate(fields)}


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)
