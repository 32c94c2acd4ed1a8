"""Backstage entities from a system record: its System (owner, plan, budget) and a Component,
the system's application, which consumes the APIs of the integrations it uses (issue 19)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from intreg.outputs.backstage_entity import UNSET_LIFECYCLE, entity
from intreg.records.model import Integration
from intreg.records.system import System


def system_entity(
    system: System, team: str, users: Sequence[Integration], source: str
) -> dict[str, Any]:
    """The System: named and described by its record (at `source`), owned by `team`."""
    annotations = {"intreg/record": source}
    if system.plan_document is not None:
        doc = system.plan_document
        annotations["intreg/plan-document"] = f"{doc.title} ({doc.dated})"
    if system.budget is not None:
        annotations["intreg/budget"] = f"{system.budget.monthly:g} {system.budget.currency} a month"
    if system.phases:
        annotations["intreg/phases"] = ", ".join(
            f"{p.number}: {p.name}" for p in sorted(system.phases, key=lambda p: p.number)
        )
    ids = ", ".join(r.id for r in users)
    description = " ".join(system.description.split())
    if users:
        description += f" Uses {len(users)} integration{'' if len(users) == 1 else 's'}: {ids}."
    metadata = {
        "name": system.id,
        "title": system.name,
        "description": description,
        "annotations": annotations,
    }
    return entity("System", metadata, {"owner": f"group:{team}"})


def component_entity(
    system: System, team: str, records: Sequence[Integration], source: str
) -> dict[str, Any]:
    """The system's application as a Component of the System, consuming each API its plan
    lists or whose record names the system among its consumers."""
    known = {r.id for r in records}
    apis = {e.integration for e in system.plan if e.integration in known}
    apis |= {r.id for r in records if system.id in r.consumers}
    metadata = {
        "name": system.id,
        "title": system.name,
        "description": f"The {system.name} application, as the consumer of its integrations.",
        "annotations": {"intreg/record": source},
    }
    spec = {
        "type": "service",
        "lifecycle": UNSET_LIFECYCLE,  # a system record has no lifecycle of its own
        "owner": f"group:{team}",
        "system": f"system:{system.id}",
        "consumesApis": [f"api:{api}" for api in sorted(apis)],
    }
    return entity("Component", metadata, spec)
