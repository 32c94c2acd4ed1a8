"""A system page's operations: the maintenance schedule by cadence and the emergency runbook,
each task and step naming the role, and the person in it, who does it."""

from __future__ import annotations

from intreg.outputs.markdown import Safe, text
from intreg.outputs.site.page import Page, cells
from intreg.records.maintenance import Roles
from intreg.records.system import System
from intreg.records.system_operations import RoleName, TaskCadence

S = Safe
CADENCE_ORDER = list(TaskCadence)
_KIND_NAMES = {
    "provider_outage": "provider outage",
    "quota_exceeded": "quota exhausted",
    "security_incident": "security incident",
    "revoked_key": "revoked or leaked key",
    "other": "other",
}


def render_runbook(page: Page, system: System) -> None:
    """The maintenance schedule, then each emergency procedure as numbered steps."""
    roles = system.owner.roles or Roles()
    page.heading(2, S("Maintenance schedule"))
    tasks = sorted(system.maintenance, key=lambda t: CADENCE_ORDER.index(t.cadence))
    if tasks:
        page.table(
            ["Cadence", "Task", "Who"],
            [cells(_cadence(str(t.cadence)), t.task, who(roles, t.owner_role)) for t in tasks],
        )
        page.para(S("What is due this week and this month is on the reviews page."))
    else:
        page.para(S("No maintenance tasks recorded yet: add `maintenance` to the system record."))
    page.heading(2, S("Emergency procedures"))
    if not system.emergencies:
        page.para(S("No procedures recorded yet: add `emergencies` to the system record."))
    for emergency in system.emergencies:
        page.heading(3, S(f"{text(emergency.name)} ({_KIND_NAMES[str(emergency.kind)]})"))
        page.block(
            S(
                "\n".join(
                    f"{n}. **{text(step.name)}:** {text(step.action)}"
                    + (f" ({text(who(roles, step.owner_role))})" if step.owner_role else "")
                    for n, step in enumerate(emergency.steps, start=1)
                )
                + "\n"
            )
        )


def _cadence(cadence: str) -> str:
    return "on each change" if cadence == "on_change" else cadence


def who(roles: Roles, role: RoleName | None) -> str:
    """`System administrator: Sam Admin`, or the role alone when no one holds it."""
    if role is None:
        return "anyone on the team"
    label = str(role).replace("_", " ").capitalize()
    holder = getattr(roles, str(role))
    return f"{label}: {holder}" if holder is not None else f"{label} (no one named)"
