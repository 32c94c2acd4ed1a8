"""The documentation scorecard: a level from the standard's sections a record completes."""

from __future__ import annotations

import re

from intreg.records.endpoint import FieldMapping
from intreg.records.levels import Level
from intreg.records.loader import load_record
from intreg.records.model import Integration
from intreg.records.scorecard import SECTIONS, missing_section, score
from tests.helpers import case_text


def record(name: str, drop: tuple[str, ...] = ()) -> Integration:
    """The case record without the top-level sections in `drop`."""
    text = case_text(name)
    for key in drop:
        text = re.sub(rf"(?ms)^{key}:.*?(?=^[a-z_]+:)", "", text)
    loaded = load_record(text.encode("utf-8"), f"registry/{name}.yaml", name)
    assert loaded.record is not None, loaded.findings
    return loaded.record.record


def mapped(r: Integration) -> Integration:
    """`r` with a data mapping on its first endpoint."""
    mapping = FieldMapping(ours="listing.fee_cents", theirs="amount")
    first = r.endpoints[0].model_copy(update={"data_mapping": [mapping]})
    return r.model_copy(update={"endpoints": [first, *r.endpoints[1:]]})


def test_a_record_with_every_section_is_complete() -> None:
    card = score(mapped(record("full")))
    assert (card.level, card.missing, card.done) == (Level.COMPLETE, (), len(SECTIONS))


def test_without_a_data_mapping_a_record_is_operational_at_most() -> None:
    card = score(record("full"))
    assert (card.level, [s.name for s in card.missing]) == (Level.OPERATIONAL, ["Data mapping"])


def test_the_level_stops_below_the_first_missing_section() -> None:
    assert score(mapped(record("full", drop=("monitoring",)))).level == Level.OPERATIONAL
    without_tests = record("full", drop=("testing", "monitoring"))
    assert without_tests.api.sandbox_url is not None  # a sandbox counts as testing
    assert score(record("full", drop=("errors", "retry", "fallback"))).level == Level.BASIC
    draft = score(record("full", drop=("summary", "versioning")))
    assert draft.level == Level.DRAFT
    assert [s.name for s in draft.missing] == ["Overview", "Versioning", "Data mapping"]


def test_a_missing_section_says_what_to_add() -> None:
    section = missing_section(record("full", drop=("monitoring",)), "Monitoring")
    assert section is not None and section.add == "`monitoring` (dashboards and alerts)"
    assert missing_section(record("full"), "Monitoring") is None
    assert missing_section(mapped(record("full")), "Data mapping") is None
