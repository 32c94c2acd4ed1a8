"""System: one consuming system and its plan, one per file in registry/systems/<id>.yaml."""

from __future__ import annotations

from pydantic import Field

from intreg.records.maintenance import Change, Owner, Source
from intreg.records.system_operations import Emergency, Frontend, MaintenanceTask
from intreg.records.system_plan import (
    Budget,
    Guideline,
    Milestone,
    Phase,
    PlanDocument,
    PlannedIntegration,
    Targets,
)
from intreg.records.types import Markdown, Part, Slug, Text

SYSTEMS_FOLDER = "systems"  # below registry/


class System(Part):
    """A system that uses integrations, with its plan: phases, priorities, costs and runbooks."""

    id: Slug = Field(
        description="System id, as integration records name it in `consumers`; equals the "
        "file name without .yaml."
    )
    name: Text = Field(description="Display name.", examples=["Py360 Renewal System"])
    description: Markdown = Field(description="What the system does, in Markdown.")
    plan_document: PlanDocument | None = Field(
        default=None, description="The company's plan document this record follows."
    )
    other_documents: list[PlanDocument] = Field(
        default_factory=list,
        description="Other plan documents the record follows, e.g. a configuration guide.",
    )
    owner: Owner = Field(description="The team that owns the system, and its people by role.")
    phases: list[Phase] = Field(min_length=1, description="The plan's phases, in order.")
    timeline: list[Milestone] = Field(
        default_factory=list,
        description="The plan's timeline of steps (weeks or months), where it gives one.",
    )
    plan: list[PlannedIntegration] = Field(
        default_factory=list,
        description="The plan for each integration the system uses: phase, priority, role, "
        "volume. Every record that lists this system in `consumers` has one entry.",
    )
    budget: Budget | None = Field(default=None, description="The monthly budget.")
    targets: Targets | None = Field(default=None, description="Monitoring targets.")
    frontend: Frontend | None = Field(
        default=None, description="Frontend configuration: public URLs and feature flags."
    )
    maintenance: list[MaintenanceTask] = Field(
        default_factory=list, description="The maintenance schedule, by cadence."
    )
    emergencies: list[Emergency] = Field(
        default_factory=list, description="Emergency procedures, each as steps."
    )
    guidelines: list[Guideline] = Field(
        default_factory=list,
        description="Practices the plan asks for by topic: security, testing, compliance, "
        "checklists, cost optimization.",
    )
    changes: list[Change] = Field(default_factory=list, description="Change log, newest first.")
    sources: list[Source] = Field(
        default_factory=list, description="Other documents the record's facts come from."
    )
