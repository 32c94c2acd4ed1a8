"""The benchmark's synthetic records: deterministic, valid, and the size the issue asks for."""

from __future__ import annotations

import sys
from pathlib import Path

from intreg.records.loader import load_record

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
import synth


def test_synthetic_records_are_deterministic_valid_and_5_to_12_kb() -> None:
    for index in (0, 1, 77, 4242):
        data = synth.render(index)
        assert data == synth.render(index)
        assert 5_000 <= len(data) <= 12_500, (index, len(data))
        result = load_record(data, f"synthetic-{index:05d}.yaml", f"synthetic-{index:05d}")
        assert result.findings == [] and result.ok
        record = result.record.record if result.record else None
        assert record is not None and 5 <= len(record.endpoints) <= 15
        assert len(record.auth.credentials) >= 3
    assert synth.render(1) != synth.render(2)
