"""The reviews page's rows for systems' maintenance tasks: each task with the day it is next
due (the end of its day, week, month, quarter or year; see records.task_schedule)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePosixPath

from intreg.outputs.markdown import Safe, link
from intreg.outputs.site import links
from intreg.outputs.site.page import Page, cells
from intreg.outputs.site.system_runbook import who
from intreg.records.maintenance import Roles
from intreg.records.system import System
from intreg.records.task_schedule import CADENCES, PERIOD_NAMES, current_period, is_periodic

S = Safe


def render_task_rows(
    page: Page, source: PurePosixPath, systems: Sequence[System], today: dt.date
) -> None:
    """A table of every system's maintenance tasks, soonest due first, on the page `source`."""
    page.heading(2, S("Maintenance tasks"))
    rows = [
        (current_period(str(task.cadence), today).due, system, index, task)
        for system in systems
        for index, task in enumerate(system.maintenance)
        if is_periodic(str(task.cadence))  # on_change tasks have no due day
    ]
    if not rows:
        page.para(S("None: no system record lists maintenance tasks."))
        return
    rows.sort(key=lambda row: (row[0], CADENCES.index(str(row[3].cadence)), row[1].id, row[2]))
    page.table(
        ["System", "Cadence", "Task", "Who", "Due", "Days"],
        [
            cells(
                link(system.name, links.relative(source, links.system_page(system.id))),
                task.cadence,
                task.task,
                who(system.owner.roles or Roles(), task.owner_role),
                f"{due} ({PERIOD_NAMES[str(task.cadence)]})",
                (due - today).days,
            )
            for due, system, _, task in rows
        ],
    )
