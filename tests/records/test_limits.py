"""The limits on dates, cadences, integers and nesting: their edges load, beyond them fails."""

from __future__ import annotations

import pytest

from intreg.records.loader import load_record
from intreg.records.types import MAX_INTEGER, MAX_NESTING, nesting_depth
from tests.helpers import case_text


def codes(text: str) -> list[tuple[str, str]]:
    result = load_record(text.encode("utf-8"), "m.yaml", expected_id="minimal")
    return [(f.field, f.code) for f in result.findings]


@pytest.mark.parametrize(
    ("cadence", "found"),
    [
        ("P10Y", []),
        ("P120M", []),
        ("P3652D", []),
        ("P0000000000000000000001Y", []),
        ("P10Y1D", [("review.cadence", "cadence-too-long")]),
        ("P522W", [("review.cadence", "cadence-too-long")]),
        ("P" + "9" * 5000 + "D", [("review.cadence", "cadence-too-long")]),
    ],
)
def test_cadences_up_to_ten_years_load(cadence: str, found: list[tuple[str, str]]) -> None:
    assert codes(case_text("minimal").replace("quarterly", cadence)) == found


@pytest.mark.parametrize(
    ("day", "found"),
    [
        ("1900-01-01", []),
        ("2199-12-31", []),
        ("1899-12-31", [("review.last_reviewed", "invalid-value")]),
        ("2200-01-01", [("review.last_reviewed", "invalid-value")]),
    ],
)
def test_dates_from_1900_to_2199_load(day: str, found: list[tuple[str, str]]) -> None:
    assert codes(case_text("minimal").replace("2026-10-01", day)) == found


def test_a_far_rotation_is_refused_before_its_next_date_overflows() -> None:
    text = case_text("minimal").replace(
        "      scope: backend\n",
        "      scope: backend\n      rotation: P10Y\n      last_rotated: 9999-12-31\n",
    )
    assert codes(text) == [("auth.credentials[0].last_rotated", "invalid-value")]


@pytest.mark.parametrize(
    ("peak", "found"),
    [
        (MAX_INTEGER, []),
        (MAX_INTEGER + 1, [("rate_limits[0].expected_peak", "invalid-value")]),
    ],
)
def test_integers_up_to_two_to_the_53_load(peak: int, found: list[tuple[str, str]]) -> None:
    peak_line = f"    expected_peak: {peak}\n    scope: per"
    text = case_text("minimal").replace("    scope: per", peak_line)
    assert codes(text) == found


@pytest.mark.parametrize(
    ("depth", "found"),
    [
        (MAX_NESTING, []),
        (MAX_NESTING + 1, [("endpoints[0].responses.200.example", "too-deep")]),
        (900, [("endpoints[0].responses.200.example", "too-deep")]),
        (100_000, [("", "yaml-syntax")]),  # libyaml stops at 1,000 levels
    ],
)
def test_examples_nest_up_to_64_levels(depth: int, found: list[tuple[str, str]]) -> None:
    example = "[" * depth + "]" * depth
    text = case_text("minimal").replace("{id: ch_1, amount: 500}", example)
    assert codes(text) == found


def test_json_schemas_nest_up_to_64_levels_too() -> None:
    schema = "{items: " * MAX_NESTING + "{}" + "}" * MAX_NESTING
    text = case_text("minimal").replace("        example:", f"        json_schema: {schema}\n#")
    assert codes(text) == [("endpoints[0].responses.200.json_schema", "too-deep")]


def test_nesting_depth_counts_objects_and_arrays_without_recursing() -> None:
    assert nesting_depth(1) == 0
    assert nesting_depth({"a": [1, {"b": []}]}) == 4
    deep: list[object] = []
    for _ in range(10_000):
        deep = [deep]
    assert nesting_depth(deep) == MAX_NESTING + 1  # it stops one level past the limit
