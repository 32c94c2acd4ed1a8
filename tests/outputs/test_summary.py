"""RecordSummary: what the outputs over all records read of a record, and its JSON form."""

from __future__ import annotations

import json

import pytest

from intreg.outputs.summary import RecordSummary, summary_of
from intreg.records.project import Project
from intreg.records.registry import load_registry
from intreg.records.scorecard import score
from tests.helpers import REPO
from tests.records.test_scorecard import record

SHIPPED = [r.record for r in load_registry(Project(REPO).record_files(), REPO).records]


@pytest.mark.parametrize("integration", [*SHIPPED, record("full"), record("minimal")], ids=str)
def test_a_summary_reads_back_equal_with_the_same_types(integration) -> None:
    summary = summary_of(integration)
    again = RecordSummary.from_json(json.loads(json.dumps(summary.to_json())))
    assert again == summary
    assert repr(again) == repr(summary)  # enums stay enums, whole numbers ints, dates dates


def test_a_summary_holds_what_the_pages_over_all_records_show() -> None:
    full = record("full")
    summary = summary_of(full)
    assert (summary.id, summary.name, summary.owner.team) == ("full", full.name, full.owner.team)
    assert summary.review.next_due == full.review.next_due
    assert [c.env_var for c in summary.auth.credentials] == [
        c.env_var for c in full.auth.credentials
    ]
    assert summary.level == score(full).level
    assert summary.cost is not None and full.cost is not None
    assert summary.cost.model == full.cost.model


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: [],
        lambda data: data[:-1],
        lambda data: [*data[:-1], 99],  # no such level
        lambda data: [5, *data[1:]],  # a number for the id
        lambda data: json.loads(json.dumps(data).replace('"2026-', '"2026-13-', 1)),
        lambda data: {"id": "full"},
    ],
)
def test_data_of_another_shape_is_refused_with_a_value_error(damage) -> None:
    data = summary_of(record("full")).to_json()
    with pytest.raises(ValueError):
        RecordSummary.from_json(damage(data))
