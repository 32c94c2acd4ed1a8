from __future__ import annotations

import datetime as dt

import pytest

from intreg.records.cadence import Duration, add_months, next_due, parse_cadence

D = dt.date


@pytest.mark.parametrize(
    ("last", "cadence", "due"),
    [
        (D(2026, 1, 31), "monthly", D(2026, 2, 28)),  # clamped to the end of February
        (D(2028, 1, 31), "monthly", D(2028, 2, 29)),  # leap year
        (D(2026, 3, 31), "monthly", D(2026, 4, 30)),
        (D(2026, 11, 30), "quarterly", D(2027, 2, 28)),
        (D(2026, 12, 15), "quarterly", D(2027, 3, 15)),
        (D(2028, 2, 29), "annual", D(2029, 2, 28)),
        (D(2026, 8, 31), "P6M", D(2027, 2, 28)),
        (D(2026, 1, 1), "P90D", D(2026, 4, 1)),
        (D(2026, 12, 25), "P2W", D(2027, 1, 8)),
        (D(2026, 1, 31), "P1M1D", D(2026, 3, 1)),  # months first, then days
        (D(2026, 5, 1), "P1Y2M3W4D", D(2027, 7, 26)),
    ],
)
def test_next_due_is_calendar_correct(last: dt.date, cadence: str, due: dt.date) -> None:
    assert next_due(last, cadence) == due


def test_parse_cadence_names_and_durations() -> None:
    assert parse_cadence("quarterly") == Duration(months=3, days=0)
    assert parse_cadence("P1Y6M") == Duration(months=18, days=0)
    assert parse_cadence("P1W3D") == Duration(months=0, days=10)


@pytest.mark.parametrize("bad", ["weekly", "P", "P1H", "1M", "PT5M", ""])
def test_parse_cadence_rejects_what_is_not_a_cadence(bad: str) -> None:
    with pytest.raises(ValueError, match="not a cadence"):
        parse_cadence(bad)


def test_add_months_crosses_years_backwards_and_forwards() -> None:
    assert add_months(D(2026, 12, 31), 2) == D(2027, 2, 28)
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
