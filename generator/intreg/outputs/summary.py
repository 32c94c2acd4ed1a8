"""RecordSummary: what the outputs over all records (catalogue, reviews, environment variables,
monitoring, systems, navigation, the systems' .env templates) read of each record.

It has the record's own shape (`r.owner.team`, `r.review.next_due`, `r.auth.credentials`), cut
down to those fields, so those outputs are written against it alone. `intreg generate` keeps
each record's summary beside its manifest (intreg.outputs.facts_store): a run after one record
changed loads that record only and builds those outputs from the others' summaries, with the
same bytes as from the records themselves.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from intreg.outputs.plain_data import from_plain, to_plain
from intreg.records.auth import CredentialScope
from intreg.records.cadence import DUE_SOON_DAYS, ReviewState, next_due, review_state
from intreg.records.levels import Level
from intreg.records.model import Category, Integration, Lifecycle, Priority
from intreg.records.operations import CostModel, Targets
from intreg.records.scorecard import score

# The layout of a summary; bump it when a field is added, removed or changes meaning.
FORMAT = 1


@dataclass(frozen=True)
class ProviderSummary:
    name: str


@dataclass(frozen=True)
class OwnerSummary:
    team: str
    contact: str


@dataclass(frozen=True)
class CredentialSummary:
    env_var: str
    description: str
    secret: bool
    scope: CredentialScope
    obtain: str | None
    rotation: str | None
    last_rotated: dt.date | None
    shared: bool
    placeholder: str | None


@dataclass(frozen=True)
class AuthSummary:
    credentials: tuple[CredentialSummary, ...]


@dataclass(frozen=True)
class ApiSummary:
    version: str


@dataclass(frozen=True)
class FallbackSummary:
    integration: str | None
    systems: tuple[str, ...]


@dataclass(frozen=True)
class TargetsSummary:
    uptime_percent: float | None
    latency_p95_ms: int | None
    error_rate_percent: float | None
    rate_limit_usage_percent: float | None


@dataclass(frozen=True)
class AlertSummary:
    name: str


@dataclass(frozen=True)
class MonitoringSummary:
    targets: TargetsSummary | None
    alerts: tuple[AlertSummary, ...]


@dataclass(frozen=True)
class VersioningSummary:
    sunset_on: dt.date | None


@dataclass(frozen=True)
class CostSummary:
    model: CostModel
    unit_price: float | None
    percent_fee: float | None
    unit: str | None
    currency: str | None
    monthly_estimate: float | None
    estimated_on: dt.date | None
    source: str | None
    as_of: dt.date | None


@dataclass(frozen=True)
class ReviewSummary:
    last_reviewed: dt.date
    cadence: str

    @functools.cached_property
    def next_due(self) -> dt.date:
        """The date the next review is due (as Review.next_due)."""
        return next_due(self.last_reviewed, self.cadence)

    def state(self, today: dt.date, within: int = DUE_SOON_DAYS) -> ReviewState:
        """The review's state on `today` (as Review.state)."""
        return review_state(self.next_due, today, within)


@dataclass(frozen=True)
class RecordSummary:
    """One record as the outputs over all records see it; `level` is its scorecard level."""

    id: str
    name: str
    provider: ProviderSummary
    category: Category | None
    consumers: tuple[str, ...]
    priority: Priority | None
    phase: int | None
    lifecycle: Lifecycle | None
    owner: OwnerSummary
    auth: AuthSummary
    api: ApiSummary
    fallback: FallbackSummary | None
    monitoring: MonitoringSummary | None
    versioning: VersioningSummary | None
    cost: CostSummary | None
    review: ReviewSummary
    level: Level

    def to_json(self) -> list[Any]:
        """JSON-ready data that from_json reads back into an equal summary."""
        return to_plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_json(cls, data: Any) -> RecordSummary:
        """The summary to_json gave `data` for; ValueError for anything else."""
        return from_plain(cls, data)


def summary_of(r: Integration) -> RecordSummary:
    """The summary of a loaded record."""
    m, v, c, f = r.monitoring, r.versioning, r.cost, r.fallback
    return RecordSummary(
        id=r.id,
        name=r.name,
        provider=ProviderSummary(r.provider.name),
        category=r.category,
        consumers=tuple(r.consumers),
        priority=r.priority,
        phase=r.phase,
        lifecycle=r.lifecycle,
        owner=OwnerSummary(r.owner.team, r.owner.contact),
        auth=AuthSummary(
            tuple(
                CredentialSummary(
                    a.env_var,
                    a.description,
                    a.secret,
                    a.scope,
                    a.obtain,
                    a.rotation,
                    a.last_rotated,
                    a.shared,
                    a.placeholder,
                )
                for a in r.auth.credentials
            )
        ),
        api=ApiSummary(r.api.version),
        fallback=None if f is None else FallbackSummary(f.integration, tuple(f.systems)),
        monitoring=None if m is None else _monitoring(m.targets, [a.name for a in m.alerts]),
        versioning=None if v is None else VersioningSummary(v.sunset_on),
        cost=None
        if c is None
        else CostSummary(
            c.model,
            c.unit_price,
            c.percent_fee,
            c.unit,
            c.currency,
            c.monthly_estimate,
            c.estimated_on,
            c.source,
            c.as_of,
        ),
        review=ReviewSummary(r.review.last_reviewed, r.review.cadence),
        level=score(r).level,
    )


def _monitoring(t: Targets | None, alerts: list[str]) -> MonitoringSummary:
    shown = (
        None
        if t is None
        else TargetsSummary(
            t.uptime_percent, t.latency_p95_ms, t.error_rate_percent, t.rate_limit_usage_percent
        )
    )
    return MonitoringSummary(shown, tuple(AlertSummary(name) for name in alerts))
