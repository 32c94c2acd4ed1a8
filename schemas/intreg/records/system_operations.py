"""Running a system: its frontend settings, maintenance schedule and emergency procedures."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from intreg.records.types import EnvValue, EnvVarName, Flag, Part, Slug, Text


class PublicUrl(Part):
    """A service address the frontend reads from its environment (never a secret)."""

    env_var: EnvVarName = Field(
        description="The variable, e.g. REACT_APP_PAYMENT_GATEWAY_URL; no secret may be one."
    )
    value: EnvValue = Field(description="Its value in the frontend .env template.")
    integration: Slug | None = Field(
        default=None, description="The integration it points at, if one (an id in plan[])."
    )
    description: Text | None = Field(default=None, description="What the frontend uses it for.")


class FeatureFlag(Part):
    """A switch the frontend reads from its environment."""

    env_var: EnvVarName = Field(description="The variable, e.g. REACT_APP_ENABLE_AI_ASSISTANT.")
    default: Flag = Field(description="Its value in the frontend .env template.")
    integration: Slug | None = Field(
        default=None, description="The integration it switches, if one (an id in plan[])."
    )
    description: Text | None = Field(default=None, description="What it switches on or off.")


class Frontend(Part):
    """The frontend's configuration: public service URLs and feature flags."""

    public_urls: list[PublicUrl] = Field(
        default_factory=list, description="Service addresses the browser app may know."
    )
    feature_flags: list[FeatureFlag] = Field(
        default_factory=list, description="Switches for features that depend on integrations."
    )


class TaskCadence(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"
    ON_CHANGE = "on_change"  # whenever a provider changes or deprecates an API version


class RoleName(StrEnum):
    """The maintenance roles of owner.roles."""

    API_DEVELOPER = "api_developer"
    TECHNICAL_WRITER = "technical_writer"
    QA_TESTER = "qa_tester"
    SYSTEM_ADMINISTRATOR = "system_administrator"
    PROJECT_MANAGER = "project_manager"


class MaintenanceTask(Part):
    """A recurring task of the system's maintenance schedule."""

    cadence: TaskCadence = Field(
        description="How often it is done; on_change: whenever a provider changes or "
        "deprecates the API version we use."
    )
    task: Text = Field(description="What to do, as the plan says it.")
    owner_role: RoleName = Field(description="The role in owner.roles that does it.")


class EmergencyKind(StrEnum):
    PROVIDER_OUTAGE = "provider_outage"
    QUOTA_EXCEEDED = "quota_exceeded"
    SECURITY_INCIDENT = "security_incident"
    REVOKED_KEY = "revoked_key"
    OTHER = "other"


class Step(Part):
    """One step of an emergency procedure."""

    name: Text = Field(description='A short name, e.g. "Detection" or "Immediate".')
    action: Text = Field(description="What to do.")
    owner_role: RoleName | None = Field(default=None, description="Who does it, if one role.")


class Emergency(Part):
    """An emergency procedure: what happened, and the steps to take, in order."""

    kind: EmergencyKind = Field(description="What happened.")
    name: Text = Field(description='What the plan calls it, e.g. "Service Outage Response".')
    steps: list[Step] = Field(min_length=1, description="What to do, in order.")
