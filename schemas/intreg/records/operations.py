"""Running the integration: limits, SLA, errors, retries, fallback, config, monitoring, cost."""

from __future__ import annotations

from enum import StrEnum

from pydantic import ConfigDict, Field

from intreg.records.types import (
    Count,
    Currency,
    Day,
    Flag,
    Markdown,
    Number,
    Part,
    Slug,
    Text,
    Url,
    Whole,
    Window,
    present,
    when,
)


class Period(StrEnum):
    SECOND = "second"
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"


class RateLimit(Part):
    """A provider limit on request volume, and how close to it we expect to run."""

    # rules.check_rate_limits, for editors too.
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                {"if": present("limit"), "else": present("notes")},
                when(present("limit"), present("period")),
                when(present("expected_peak"), present("limit")),
            ]
        }
    )

    limit: Count | None = Field(
        default=None,
        gt=0,
        description="Requests allowed per period; leave out when the provider publishes no fixed "
        "figure, and explain in notes.",
    )
    period: Period | Window | None = Field(
        default=None,
        description="The period the limit counts over: second, minute, hour, day, month, or an "
        "ISO 8601 duration for other windows (PT15M for 15 minutes).",
        examples=["second", "PT15M"],
    )
    scope: Text = Field(
        description="What the limit applies to, e.g. per account, per API key, per sender number."
    )
    expected_peak: Count | None = Field(
        default=None, ge=0, description="Our expected peak requests in the same period."
    )
    notes: Text | None = Field(
        default=None, description="Caveats, e.g. that the limit depends on the account tier."
    )
    source: Url = Field(description="Provider page that documents the limit.")


class Sla(Part):
    """The provider's service level, where it publishes one."""

    uptime_percent: Number | None = Field(
        default=None, ge=0, le=100, description="Monthly uptime commitment, e.g. 99.9."
    )
    latency_p95_ms: Count | None = Field(
        default=None,
        gt=0,
        description="Our p95 latency target for calls, in milliseconds (each endpoint may set "
        "its own). A contract run whose p95 for a call is above it fails.",
    )
    timeout_seconds: Number | None = Field(
        default=None,
        gt=0,
        description="Client timeout for calls, in seconds, where an endpoint sets none "
        "(endpoints[].timeout_seconds); contract runs default to 10.",
    )
    notes: Text | None = Field(default=None, description="What the commitment covers.")
    source: Url | None = Field(default=None, description="Provider page with the SLA.")


class ErrorCase(Part):
    """An error worth knowing: how to recognise it and what to do."""

    # rules.check_errors: a status, a code or both.
    model_config = ConfigDict(json_schema_extra={"anyOf": [present("status"), present("code")]})

    status: Whole | None = Field(default=None, ge=100, le=599, description="HTTP status.")
    code: Text | None = Field(default=None, description="The provider's error code, if any.")
    meaning: Text = Field(description="What went wrong.")
    resolution: Text = Field(description="What to do about it.")
    retryable: Flag | None = Field(default=None, description="True when a retry can succeed.")
    source: Url | None = Field(default=None, description="Provider page documenting the error.")


class Backoff(StrEnum):
    FIXED = "fixed"
    LINEAR = "linear"
    EXPONENTIAL = "exponential"


class Retry(Part):
    """Our retry policy for failed calls."""

    max_attempts: Count = Field(ge=1, description="Attempts in all, including the first.")
    backoff: Backoff = Field(description="How the delay grows between attempts.")
    initial_delay_seconds: Number = Field(gt=0, description="Delay before the first retry.")
    max_delay_seconds: Number | None = Field(default=None, gt=0, description="Delay ceiling.")
    retry_on: list[Text] = Field(
        default_factory=list,
        description="What is retried: statuses such as 429 or 5XX, or conditions such as timeout.",
    )
    notes: Text | None = Field(default=None, description="Anything else, e.g. idempotency keys.")


class Fallback(Part):
    """What happens when the provider is unavailable."""

    integration: Slug | None = Field(
        default=None, description="Id of the record we fall back to, if another integration."
    )
    description: Text = Field(description="When the fallback kicks in and what it does.")
    systems: list[Slug] = Field(
        default_factory=list,
        description="The consumers this fallback serves (default: every consumer); the "
        "fallback must serve each of them, in the same or an earlier phase of its plan.",
    )
    mutual: Flag = Field(
        default=False,
        description="True when the other record falls back to this one on purpose; both "
        "records of such a pair must say so.",
    )


class Configuration(Part):
    """Where the integration is configured."""

    where_set: Text = Field(description="Where the settings live, e.g. a secrets manager path.")
    feature_flag: Text | None = Field(default=None, description="Flag that switches it on or off.")
    customisations: list[Text] = Field(
        default_factory=list, description="Provider-side settings we rely on."
    )


class Link(Part):
    title: Text = Field(description="What the link shows.")
    url: Url = Field(description="The address.")


class Alert(Part):
    name: Text = Field(description="Alert name as it appears in the alerting tool.")
    condition: Text = Field(description="When it fires.")


class Targets(Part):
    """Our monitoring targets for the integration: what "healthy" means, as figures."""

    uptime_percent: Number | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Share of the month the integration must be available, e.g. 99.9.",
        examples=[99.9],
    )
    latency_p95_ms: Count | None = Field(
        default=None,
        gt=0,
        description="p95 response time we aim for, in milliseconds; contract runs use it for "
        "calls with no endpoints[].latency_p95_ms or sla.latency_p95_ms of their own.",
        examples=[200],
    )
    error_rate_percent: Number | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Highest share of calls that may fail (5XX, timeouts), e.g. 0.5.",
        examples=[0.5],
    )
    rate_limit_usage_percent: Number | None = Field(
        default=None,
        gt=0,
        le=100,
        description="Highest share of a provider rate limit our traffic may use, e.g. 75.",
        examples=[75],
    )
    source: Text = Field(
        description="Where the targets come from: the company standard (and its section) they "
        "follow. They are our targets, not the provider's commitments (those go in sla).",
        examples=["SayPro API documentation standard: Monitor API Performance"],
    )
    deviation: Text | None = Field(
        default=None, description="Why a target differs from the standard, where one does."
    )


class Monitoring(Part):
    """Our targets, and the dashboards and alerts that watch the integration."""

    targets: Targets | None = Field(
        default=None, description="Our uptime, latency, error-rate and rate-limit targets."
    )
    dashboards: list[Link] = Field(default_factory=list, description="Dashboards to look at.")
    alerts: list[Alert] = Field(default_factory=list, description="Alerts that page someone.")


class Scenario(Part):
    name: Text = Field(description="What the test case checks.")
    expected: Text = Field(description="The expected outcome.")


class Testing(Part):
    """How the integration is tested."""

    __test__ = False  # not a pytest test class

    tools: list[Text] = Field(default_factory=list, description="Tools used, e.g. Stripe CLI.")
    sandbox: Markdown | None = Field(
        default=None, description="How to test against the sandbox, in Markdown."
    )
    cases: list[Scenario] = Field(default_factory=list, description="Cases that must pass.")


class CostModel(StrEnum):
    FREE = "free"
    PER_REQUEST = "per_request"
    PER_UNIT = "per_unit"
    PERCENTAGE = "percentage"
    SUBSCRIPTION = "subscription"
    TIERED = "tiered"
    UNKNOWN = "unknown"


class Cost(Part):
    """What the integration costs."""

    # rules.check_dates: an estimate is dated.
    model_config = ConfigDict(
        json_schema_extra={"allOf": [when(present("monthly_estimate"), present("estimated_on"))]}
    )

    model: CostModel = Field(description="How the provider charges.")
    unit_price: Number | None = Field(
        default=None,
        ge=0,
        description="Price per unit (per month for a subscription); systems' estimates "
        "multiply it by their plan's monthly_volume.",
    )
    percent_fee: Number | None = Field(
        default=None, ge=0, le=100, description="Percentage fee per transaction."
    )
    unit: Text | None = Field(default=None, description="What one unit is, e.g. SMS segment.")
    currency: Currency | None = Field(default=None, description="ISO 4217 currency code.")
    monthly_estimate: Number | None = Field(
        default=None, ge=0, description="Our estimated monthly spend."
    )
    estimated_on: Day | None = Field(
        default=None, description="When the estimate was made; required with monthly_estimate."
    )
    notes: Text | None = Field(default=None, description="Caveats, tiers, discounts.")
    source: Url | None = Field(default=None, description="The provider's pricing page.")
    as_of: Day | None = Field(
        default=None, description="When the price was read on the provider's pricing page."
    )


class Compliance(Part):
    """A compliance obligation the integration touches."""

    standard: Text = Field(description="The standard or law, e.g. PCI DSS, GDPR.")
    notes: Text = Field(description="What it means for this integration.")
    source: Url | None = Field(default=None, description="Provider page on it (e.g. the DPA).")
