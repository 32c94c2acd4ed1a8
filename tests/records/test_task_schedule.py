"""The period a recurring maintenance task falls due in, by its cadence."""

from __future__ import annotations

import datetime as dt

import pytest

from intreg.records.task_schedule import Period, current_period, first_due

D = dt.date


@pytest.mark.parametrize(
    ("cadence", "today", "period"),
    [
        ("daily", D(2026, 11, 27), Period(D(2026, 11, 27), D(2026, 11, 27))),
        ("weekly", D(2026, 11, 27), Period(D(2026, 11, 23), D(2026, 11, 29))),  # a Friday
        ("weekly", D(2026, 11, 29), Period(D(2026, 11, 23), D(2026, 11, 29))),  # its Sunday
        ("weekly", D(2026, 12, 31), Period(D(2026, 12, 28), D(2027, 1, 3))),  # across the year
        ("monthly", D(2028, 2, 3), Period(D(2028, 2, 1), D(2028, 2, 29))),  # a leap year
        ("quarterly", D(2026, 11, 27), Period(D(2026, 10, 1), D(2026, 12, 31))),
        ("quarterly", D(2026, 4, 1), Period(D(2026, 4, 1), D(2026, 6, 30))),
        ("annual", D(2026, 11, 27), Period(D(2026, 1, 1), D(2026, 12, 31))),
    ],
)
def test_a_task_is_due_on_the_last_day_of_its_period(cadence, today, period) -> None:
    assert current_period(cadence, today) == period


def test_a_series_starts_on_the_first_due_day_of_the_year() -> None:
    assert [first_due(c, 2026) for c in ("daily", "weekly", "monthly", "quarterly", "annual")] == [
        D(2026, 1, 1),
        D(2026, 1, 4),  # 1 January 2026 is a Thursday; its week ends on Sunday the 4th
        D(2026, 1, 31),
        D(2026, 3, 31),
        D(2026, 12, 31),
    ]


def test_an_unknown_cadence_is_refused() -> None:
    with pytest.raises(ValueError, match="not a task cadence: 'hourly'"):
        current_period("hourly", D(2026, 1, 1))
