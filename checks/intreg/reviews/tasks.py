"""Systems' maintenance tasks, each with the day it is next due and who does it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from intreg.records.maintenance import Person
from intreg.records.system_loader import LoadedSystem
from intreg.records.task_schedule import CADENCES, PERIOD_NAMES, current_period, is_periodic


@dataclass(frozen=True)
class TaskDue:
    """One task of a system's maintenance schedule, due on `due` (its period's last day)."""

    system_id: str
    system_name: str
    path: str
    line: int
    index: int  # its place in the system's `maintenance` list
    cadence: str
    task: str
    owner_role: str
    person: str | None  # the name of whoever holds owner_role, if anyone is named
    email: str | None
    team: str
    contact: str
    starts: dt.date
    due: dt.date

    @property
    def period(self) -> str:
        """`today`, `this week`, `this month`, `this quarter` or `this year`."""
        return PERIOD_NAMES[self.cadence]

    @property
    def who(self) -> str:
        """`system_administrator (Sam Admin)`, or the role alone when no one holds it."""
        return f"{self.owner_role} ({self.person})" if self.person else self.owner_role


def due_tasks(
    systems: Sequence[LoadedSystem], today: dt.date, owner: str | None = None
) -> list[TaskDue]:
    """Every task of the systems (team `owner`'s only, when given) with the day it is next due
    on or after `today`, soonest first, then by cadence, system and place in its schedule;
    tasks done on an event rather than a calendar (on_change) have no day and are left out."""
    found = []
    for loaded in systems:
        s = loaded.system
        if owner is not None and s.owner.team != owner:
            continue
        for index, task in enumerate(s.maintenance):
            if not is_periodic(str(task.cadence)):
                continue  # done when something happens (on_change), never due on a day
            period = current_period(str(task.cadence), today)
            holder = getattr(s.owner.roles, str(task.owner_role), None) if s.owner.roles else None
            found.append(
                TaskDue(
                    system_id=s.id,
                    system_name=s.name,
                    path=loaded.path,
                    line=loaded.position(("maintenance", index))[0],
                    index=index,
                    cadence=str(task.cadence),
                    task=task.task,
                    owner_role=str(task.owner_role),
                    person=str(holder) if holder is not None else None,
                    email=holder.email if isinstance(holder, Person) else None,
                    team=s.owner.team,
                    contact=s.owner.contact,
                    starts=period.starts,
                    due=period.due,
                )
            )
    return sorted(found, key=lambda t: (t.due, CADENCES.index(t.cadence), t.system_id, t.index))
