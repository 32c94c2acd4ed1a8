"""Integration: the whole record, one per file in registry/<id>.yaml."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from intreg.records.auth import Auth
from intreg.records.endpoint import DataFormat, Endpoint
from intreg.records.maintenance import Change, Owner, Review, Source, Versioning
from intreg.records.operations import (
    Compliance,
    Configuration,
    Cost,
    ErrorCase,
    Fallback,
    Monitoring,
    RateLimit,
    Retry,
    Sla,
    Testing,
)
from intreg.records.types import Count, EnvVarName, HttpsUrl, Markdown, Part, Slug, Text, Url


class Category(StrEnum):
    PAYMENTS = "payments"
    EMAIL = "email"
    SMS = "sms"
    MESSAGING = "messaging"
    CRM = "crm"
    STORAGE = "storage"
    ANALYTICS = "analytics"
    SEO = "seo"
    AI = "ai"
    SOCIAL = "social"
    LOCATION = "location"
    SEARCH = "search"
    OTHER = "other"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Lifecycle(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    DEPRECATED = "deprecated"
    RETIRED = "retired"


class Provider(Part):
    """The company behind the API."""

    name: Text = Field(description="Provider name.", examples=["Stripe"])
    website: Url = Field(description="Provider home page.")
    docs_url: Url = Field(description="API reference home.")
    status_page: Url | None = Field(default=None, description="Public status page.")
    support_contact: Text | None = Field(
        default=None, description="Where to get provider support: a URL or an email address."
    )


class Api(Part):
    """Where the API lives and which version of it we use."""

    base_url: HttpsUrl = Field(description="Production base URL (https only).")
    sandbox_url: HttpsUrl | None = Field(
        default=None, description="Sandbox base URL, where the provider has a separate one."
    )
    sandbox_notes: Text | None = Field(
        default=None, description="How the sandbox works, e.g. test keys on the same host."
    )
    version: Text = Field(
        description='The API version we use, as text: quote it in YAML ("1.10", "2024-06-20").',
        examples=["2024-06-20", "v3"],
    )
    version_header: Text | None = Field(
        default=None, description="Header that pins the version, e.g. Stripe-Version."
    )
    request_format: DataFormat = Field(
        default=DataFormat.JSON, description="Default request body encoding (default json)."
    )
    response_format: DataFormat = Field(
        default=DataFormat.JSON, description="Response body encoding (default json)."
    )
    source: Url | None = Field(default=None, description="Provider page documenting the above.")


class Webhooks(Part):
    """Events the provider sends us, and how we verify them."""

    events: list[Text] = Field(min_length=1, description="Event types we subscribe to.")
    receiver_path: Text | None = Field(
        default=None, description="Our route that receives them, e.g. /webhooks/stripe."
    )
    signature_header: Text | None = Field(
        default=None, description="Header carrying the signature, e.g. Stripe-Signature."
    )
    verification: Text = Field(description="How we verify that a delivery is genuine.")
    env_vars: list[EnvVarName] = Field(
        default_factory=list,
        description="Variables involved (e.g. the signing secret); each must be in "
        "auth.credentials.",
    )
    source: Url | None = Field(default=None, description="Provider page on webhooks.")


class Integration(Part):
    """One third-party API integration, as our systems use it."""

    id: Slug = Field(description="Record id; equals the file name without .yaml.")
    name: Text = Field(description="Display name.", examples=["Stripe Payments"])
    provider: Provider = Field(
        description="The company behind the API: its site, docs, status page and support."
    )
    category: Category | None = Field(default=None, description="What kind of service it is.")
    purpose: Text = Field(description="Why we use it, in a sentence.")
    summary: Markdown | None = Field(default=None, description="How it is integrated, in Markdown.")
    consumers: list[Slug] = Field(
        default_factory=list, description="Internal systems that use it, as slugs."
    )
    priority: Priority | None = Field(
        default=None,
        description="Business priority, for a registry without system records; a system "
        "record's plan holds it per system (registry/systems/<id>.yaml, plan[].priority).",
    )
    phase: Count | None = Field(
        default=None,
        ge=1,
        description="Implementation phase (1 = first to ship), for a registry without system "
        "records; a system record's plan holds it per system (plan[].phase).",
    )
    lifecycle: Lifecycle | None = Field(default=None, description="Where it is in its life.")
    owner: Owner = Field(description="The team that owns it.")
    auth: Auth = Field(
        description="How requests are authenticated, and the credentials that takes."
    )
    webhooks: Webhooks | None = Field(default=None, description="Events the provider sends us.")
    api: Api = Field(description="Where the API lives and which version we use.")
    endpoints: list[Endpoint] = Field(min_length=1, description="Operations our systems call.")
    rate_limits: list[RateLimit] = Field(
        min_length=1, description="Provider limits, with sources, and our expected peak."
    )
    sla: Sla | None = Field(default=None, description="The provider's service level.")
    errors: list[ErrorCase] = Field(default_factory=list, description="Errors worth knowing.")
    retry: Retry | None = Field(default=None, description="Our retry policy.")
    fallback: Fallback | None = Field(default=None, description="What happens when it is down.")
    configuration: Configuration | None = Field(default=None, description="Where it is set up.")
    monitoring: Monitoring | None = Field(
        default=None, description="Our targets, dashboards and alerts."
    )
    testing: Testing | None = Field(default=None, description="How it is tested.")
    versioning: Versioning | None = Field(default=None, description="Deprecation and upgrades.")
    cost: Cost | None = Field(default=None, description="What it costs.")
    compliance: list[Compliance] = Field(
        default_factory=list, description="Compliance obligations, e.g. PCI DSS, GDPR."
    )
    review: Review = Field(description="Review date and cadence.")
    changes: list[Change] = Field(default_factory=list, description="Change log, newest first.")
    sources: list[Source] = Field(
        default_factory=list, description="Other pages the record's facts come from."
    )
