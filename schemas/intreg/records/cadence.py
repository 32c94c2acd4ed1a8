"""Calendar arithmetic for review and rotation cadences (monthly, quarterly, annual, ISO 8601)."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import StrEnum

_NAMED = {"monthly": "P1M", "quarterly": "P3M", "annual": "P1Y"}
_DURATION = re.compile(r"^P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


@dataclass(frozen=True)
class Duration:
    """A calendar duration: months are added first (clamped to month end), then days."""

    months: int
    days: int


@functools.lru_cache(maxsize=1024)  # a registry uses a handful of cadences, thousands of times
def parse_cadence(cadence: str) -> Duration:
    """The duration a cadence names; ValueError when it is not one."""
    match = _DURATION.match(_NAMED.get(cadence, cadence))
    if match is None:
        raise ValueError(f"not a cadence: {cadence!r}")
    # Leading zeros are dropped before int(), which refuses strings of over 4,300 digits.
    years, months, weeks, days = (int(g.lstrip("0") or "0") if g else 0 for g in match.groups())
    return Duration(months=years * 12 + months, days=weeks * 7 + days)


def add_months(start: dt.date, months: int) -> dt.date:
    """`start` plus `months`, clamped to the last day of the target month (31 Jan + 1M = 28 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def next_due(last: dt.date, cadence: str) -> dt.date:
    """The date a review (or rotation) done on `last` is next due."""
    duration = parse_cadence(cadence)
    return add_months(last, duration.months) + dt.timedelta(days=duration.days)


DUE_SOON_DAYS = 30


class ReviewState(StrEnum):
    """Where a review stands on a given day, in the order reports list them."""

    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    OK = "ok"


def review_state(due: dt.date, today: dt.date, within: int = DUE_SOON_DAYS) -> ReviewState:
    """Overdue after the due date; due soon from `within` days before it; else ok."""
    days = (due - today).days
    if days < 0:
        return ReviewState.OVERDUE
    return ReviewState.DUE_SOON if days <= within else ReviewState.OK
