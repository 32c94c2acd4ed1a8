"""SystemFacts: what the rules across records need to know of a system record, as plain data.

Like RecordFacts, small to cache as JSON and free of pydantic, with the position of each field
those rules report on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from intreg.records.field_path import FieldPath, format_path
from intreg.records.findings import Finding, Severity

if TYPE_CHECKING:
    from intreg.records.system_loader import LoadedSystem

KIND = "system"  # marks a system's facts in the cache


@dataclass(frozen=True)
class PlanFacts:
    """One entry of a system's plan."""

    integration: str
    phase: int
    priority: str
    role: str
    monthly_volume: float | None
    standby: bool = False


@dataclass(frozen=True)
class SystemFacts:
    """The facts of the system record at `path`, and where each reported field sits."""

    path: str
    id: str
    name: str
    phases: tuple[int, ...]
    plan: tuple[PlanFacts, ...]
    budget: float | None
    currency: str | None
    positions: dict[str, tuple[int, int]]  # by format_path() of a reported field

    def entry(self, integration: str) -> PlanFacts | None:
        """The plan's entry for `integration`, if it has one."""
        return next((p for p in self.plan if p.integration == integration), None)

    def finding(
        self,
        field_path: FieldPath,
        code: str,
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> Finding:
        """A finding at `field_path`, one of the reported fields (KeyError for any other)."""
        line, col = self.positions[format_path(field_path)]
        return Finding(self.path, line, col, format_path(field_path), code, message, hint, severity)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form without the path."""
        return {
            "kind": KIND,
            "id": self.id,
            "name": self.name,
            "phases": list(self.phases),
            "plan": [
                [p.integration, p.phase, p.priority, p.role, p.monthly_volume, p.standby]
                for p in self.plan
            ],
            "budget": self.budget,
            "currency": self.currency,
            "positions": {k: list(v) for k, v in self.positions.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], path: str) -> SystemFacts:
        """The facts `to_json` gave, for the file now shown as `path`."""
        return cls(
            path=path,
            id=data["id"],
            name=data["name"],
            phases=tuple(data["phases"]),
            plan=tuple(PlanFacts(*entry) for entry in data["plan"]),
            budget=data["budget"],
            currency=data["currency"],
            positions={k: (v[0], v[1]) for k, v in data["positions"].items()},
        )


def reported_system_fields(plan_entries: int) -> list[FieldPath]:
    """Every field of a system a rule over SystemFacts may report on."""
    fields: list[FieldPath] = [("id",), ("plan",), ("budget", "monthly")]
    for i in range(plan_entries):
        fields += [("plan", i, "integration"), ("plan", i, "phase")]
    return fields


def system_facts_of(loaded: LoadedSystem) -> SystemFacts:
    """The facts of a system that passed the model."""
    s = loaded.system
    return SystemFacts(
        path=loaded.path,
        id=s.id,
        name=s.name,
        phases=tuple(p.number for p in s.phases),
        plan=tuple(
            PlanFacts(p.integration, p.phase, str(p.priority), p.role, p.monthly_volume, p.standby)
            for p in s.plan
        ),
        budget=None if s.budget is None else s.budget.monthly,
        currency=None if s.budget is None else s.budget.currency,
        positions={format_path(f): loaded.position(f) for f in reported_system_fields(len(s.plan))},
    )
