"""Every case file: valid ones load clean; invalid ones give exactly their `# expect:` lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from intreg.records.files import find_record_files
from intreg.records.loader import load_record
from intreg.records.registry import load_registry

CASES = Path(__file__).parent.parent / "cases"
INVALID = sorted((CASES / "invalid").glob("*.yaml"))
EXPECT = re.compile(rb"^# expect: (\d+):(\d+) (\S+) \[([a-z0-9-]+)\]$", re.MULTILINE)


def test_valid_cases_load_without_findings() -> None:
    files = find_record_files([CASES / "valid"])
    registry = load_registry(files, CASES)
    assert registry.findings == []
    assert [r.record.id for r in registry.records] == ["full", "minimal"]


@pytest.mark.parametrize("case", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_case_reports_exactly_its_expectations(case: Path) -> None:
    data = case.read_bytes()
    expected = [
        (int(line), int(col), field.decode(), code.decode())
        for line, col, field, code in EXPECT.findall(data)
    ]
    assert expected, "an invalid case must declare its findings with `# expect:` lines"
    result = load_record(data, case.name, expected_id=case.stem)
    found = [(f.line, f.col, f.field or "-", f.code) for f in result.findings]
    assert found == expected
    assert not result.ok
