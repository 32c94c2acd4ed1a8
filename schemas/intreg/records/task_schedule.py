"""When a system's recurring maintenance task is due: by the end of the calendar period of its
cadence that holds the day (the day itself, its ISO week, month, quarter or year).

A task records no completion date, so it is never overdue: each period it is due again, on the
period's last day (issue 19 item 5, issue 21 item 5).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

# The calendar cadences of intreg.records.system_operations.TaskCadence (a cached run never
# imports the model), in the order tasks are listed; any other is done on an event.
CADENCES = ("daily", "weekly", "monthly", "quarterly", "annual")
PERIOD_NAMES = {
    "daily": "today",
    "weekly": "this week",
    "monthly": "this month",
    "quarterly": "this quarter",
    "annual": "this year",
}


@dataclass(frozen=True)
class Period:
    """The days a task must be done within: from `starts` to `due`, both included."""

    starts: dt.date
    due: dt.date


def is_periodic(cadence: str) -> bool:
    """True for a cadence with calendar periods; a task done on an event instead (a provider
    changing its API: `on_change`) has no due day."""
    return cadence in CADENCES


def current_period(cadence: str, today: dt.date) -> Period:
    """The period of `cadence` that holds `today` (weeks start on Monday, ISO 8601)."""
    if cadence == "daily":
        return Period(today, today)
    if cadence == "weekly":
        monday = today - dt.timedelta(days=today.weekday())
        return Period(monday, monday + dt.timedelta(days=6))
    if cadence == "monthly":
        return Period(today.replace(day=1), _month_end(today.year, today.month))
    if cadence == "quarterly":
        first = 3 * ((today.month - 1) // 3) + 1
        return Period(dt.date(today.year, first, 1), _month_end(today.year, first + 2))
    if cadence == "annual":
        return Period(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    raise ValueError(f"not a task cadence: {cadence!r}")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def first_due(cadence: str, year: int) -> dt.date:
    """The first day a task of `cadence` is due in `year`: where its yearly series starts."""
    return current_period(cadence, dt.date(year, 1, 1)).due
