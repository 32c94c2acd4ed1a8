"""dumps_indented writes exactly what json.dumps(indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from intreg.records.json_text import dumps_indented

LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
KEYS = st.text() | st.integers() | st.booleans() | st.none()
VALUES = st.recursive(
    LEAVES,
    lambda children: (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.dictionaries(KEYS, children, max_size=4)
    ),
    max_leaves=30,
)


def standard(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


@settings(max_examples=500, deadline=None)
@given(VALUES)
def test_same_text_as_the_standard_library(value: Any) -> None:
    assert dumps_indented(value) == standard(value)


def test_a_findings_report_and_odd_values() -> None:
    report = {
        "today": "2026-11-25",
        "reviews": [{"id": "stripe", "days": -3, "ok": False, "note": None}],
        "findings": [],
        "empty": {},
        "text": 'quotes " and \\ and \n and é and \u2028 and \ud800',
        "numbers": [0, -1, 1.5, 1e100, -0.0, 2**70],
    }
    assert dumps_indented(report) == standard(report)
    for odd in ({1: "int key"}, [float("nan")], {"x": float("inf")}):
        assert dumps_indented(odd) == standard(odd)
