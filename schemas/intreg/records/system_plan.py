"""A system's plan: its phases, and what it plans for each integration it uses (issue 19)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from intreg.records.model import Priority
from intreg.records.types import Count, Currency, Day, Flag, Number, Part, Slug, Text, present


class PlanDocument(Part):
    """The plan document a system record follows, cited as the plan (never as a provider)."""

    title: Text = Field(description="The document's title.")
    dated: Text = Field(
        description='The date the document gives itself, as it writes it ("January 2025").'
    )
    version: Text | None = Field(default=None, description="The document's own version.")
    location: Text = Field(
        description="Where the document is kept: a URL or a path in the company's documents."
    )
    notes: Text | None = Field(
        default=None, description="What of the document the record does not follow, and why."
    )


class PlanFigure(Part):
    """A cost the plan document itself states: a monthly amount, a transaction fee or a unit
    price, cited as the plan's, never as the provider's."""

    # A figure is an amount, a fee or both (rules on systems read it the same way).
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [present("monthly_amount"), present("percent_fee"), present("unit_price")]
        }
    )

    monthly_amount: Number | None = Field(
        default=None, ge=0, description="The plan's monthly estimate, in the budget's currency."
    )
    percent_fee: Number | None = Field(
        default=None,
        ge=0,
        le=100,
        description="The plan's transaction fee in percent (2.5 for 2.5%): never added to a "
        "monthly total.",
    )
    unit_price: Number | None = Field(
        default=None,
        ge=0,
        description="The plan's own price per unit (a plan figure, never a provider fact).",
    )
    unit: Text | None = Field(default=None, description='What unit_price is for, e.g. "SMS".')
    approximate: Flag = Field(
        default=False,
        description='True when the plan writes it as an estimate ("~$150"): it then matches a '
        "computed figure within half a unit of its first digit.",
    )
    quote: Text | None = Field(
        default=None, description='The plan\'s words, e.g. "Phase 1: ~$150/month".'
    )


class Phase(Part):
    """One phase of the system's plan, in order."""

    number: Count = Field(ge=1, description="1 for the first phase; each number once.")
    name: Text = Field(description='What the plan calls it, e.g. "MVP (Essential)".')
    starts_on: Day | None = Field(default=None, description="When the phase starts.")
    target_on: Day | None = Field(default=None, description="When the phase should be done.")
    weeks: Text | None = Field(
        default=None,
        description='The timeline as the plan gives it, e.g. "Week 1 - Week 2" or "next 30 days".',
    )
    goals: list[Text] = Field(default_factory=list, description="What the phase delivers.")
    plan_estimate: PlanFigure | None = Field(
        default=None, description="The plan document's cost estimate for the phase."
    )


class PlannedIntegration(Part):
    """What the system plans for one integration: when, how important, in which role."""

    integration: Slug = Field(description="Id of the integration record (its file name).")
    phase: Count = Field(ge=1, description="The phase (a phases[].number) it ships in.")
    priority: Priority = Field(description="How important it is to this system.")
    role: Text = Field(
        description='Its role in the plan, e.g. "recommended", "option 2", "fallback for SMS".'
    )
    category: Text | None = Field(
        default=None,
        description='The need it covers in the plan\'s words, e.g. "Email Service".',
    )
    monthly_volume: Number | None = Field(
        default=None,
        ge=0,
        description="Expected units a month, counted in the integration's cost.unit (for a "
        "percentage fee: the transaction value, in the budget's currency).",
    )
    standby: Flag = Field(
        default=False,
        description="True for an alternative or fallback that carries traffic only when the "
        "recommended option cannot: its cost stays out of the monthly totals.",
    )
    volume_basis: Text | None = Field(
        default=None, description="Where the volume comes from, e.g. the plan's own estimate."
    )
    plan_estimate: PlanFigure | None = Field(
        default=None, description="The plan document's cost estimate for this integration."
    )
    deviation: Text | None = Field(
        default=None,
        description="Why the registry departs from the plan document here; say it in a "
        "change-log entry too.",
    )


class Budget(Part):
    """What the system may spend each month on its integrations."""

    monthly: Number = Field(ge=0, description="The monthly budget.")
    currency: Currency = Field(description="ISO 4217 code of the budget and its figures.")
    source: Text | None = Field(default=None, description="Who set it, or where it comes from.")
    plan_total: PlanFigure | None = Field(
        default=None, description="The plan document's own estimate of the monthly total."
    )


class Milestone(Part):
    """A step of the plan's timeline, e.g. SayPro's "Phase 1: Planning & Vendor Coordination"."""

    name: Text = Field(description="What the plan calls the step.")
    when: Text = Field(description='When, as the plan says it, e.g. "Week 1 - Week 2".')
    deliverables: list[Text] = Field(default_factory=list, description="What it delivers.")


class Guideline(Part):
    """A set of practices the plan asks for on one topic, e.g. its testing strategy."""

    topic: Text = Field(description='The topic, e.g. "Security Best Practices".')
    items: list[Text] = Field(min_length=1, description="The practices, in the plan's words.")


class LatencyTarget(Part):
    """A response-time target for a kind of call."""

    applies_to: Text = Field(description='Which calls, e.g. "payments" or "all integrations".')
    milliseconds: Count = Field(gt=0, description="The target, in milliseconds.")
    statistic: Text = Field(
        default="average", description='How it is measured, e.g. "average" or "p95".'
    )


class Targets(Part):
    """The system's monitoring targets, as its plan sets them."""

    uptime_percent: Number | None = Field(
        default=None, ge=0, le=100, description="Availability target per integration, e.g. 99.9."
    )
    latency: list[LatencyTarget] = Field(
        default_factory=list, description="Response-time targets by kind of call."
    )
    error_rate_percent: Number | None = Field(
        default=None, ge=0, le=100, description="Highest share of failed calls, in percent."
    )
    usage_ceiling_percent: Number | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Highest share of a provider's rate limit the system may use.",
    )
    other: list[Text] = Field(
        default_factory=list, description="Other targets the plan sets, in its words."
    )
    source: Text | None = Field(
        default=None, description="Where the targets are set, e.g. a section of the plan."
    )
