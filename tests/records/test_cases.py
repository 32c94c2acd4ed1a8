"""Every case file gives exactly its `# expect:` lines: valid ones none (they load as one
registry), accepted ones only warnings (a YAML 1.1 reading), invalid ones at least one error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from intreg.records.files import find_record_files
from intreg.records.loader import load_record
from intreg.records.registry import load_registry

CASES = Path(__file__).parent.parent / "cases"
INVALID = sorted((CASES / "invalid").glob("*.yaml"))
ACCEPTED = sorted([*(CASES / "valid").glob("*.yaml"), *(CASES / "accepted").glob("*.yaml")])
EXPECT = re.compile(rb"^# expect: (\d+):(\d+) (\S+) \[([a-z0-9-]+)\]$", re.MULTILINE)


def test_valid_cases_load_together_without_findings() -> None:
    registry = load_registry(find_record_files([CASES / "valid"]), CASES)
    assert registry.findings == []
    assert [r.record.id for r in registry.records] == ["full", "linked", "minimal"]


def expectations(data: bytes) -> list[tuple[int, int, str, str]]:
    return [
        (int(line), int(col), field.decode(), code.decode())
        for line, col, field, code in EXPECT.findall(data)
    ]


def findings_of(case: Path) -> tuple[list[tuple[int, int, str, str]], bool]:
    result = load_record(case.read_bytes(), case.name, expected_id=case.stem)
    return [(f.line, f.col, f.field or "-", f.code) for f in result.findings], result.ok


@pytest.mark.parametrize("case", ACCEPTED, ids=[p.stem for p in ACCEPTED])
def test_accepted_case_loads_with_exactly_its_warnings(case: Path) -> None:
    found, ok = findings_of(case)
    assert found == expectations(case.read_bytes())
    assert ok


@pytest.mark.parametrize("case", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_case_reports_exactly_its_expectations(case: Path) -> None:
    expected = expectations(case.read_bytes())
    assert expected, "an invalid case must declare its findings with `# expect:` lines"
    found, ok = findings_of(case)
    assert found == expected
    assert not ok


def loaded(name: str):
    case = CASES / "accepted" / f"{name}.yaml"
    result = load_record(case.read_bytes(), case.name, expected_id=name)
    assert result.record is not None
    return result.record.record


def test_accepted_cases_hold_the_values_an_editor_shows() -> None:
    # YAML 1.2 readings, as editors and ajv see them (issue 16), not PyYAML's.
    assert loaded("enum-true").endpoints[0].parameters[1].enum == [True]
    example = loaded("example-country-no").endpoints[0].responses["200"].example
    assert example["country_codes"] == ["US", "NO"]
    assert loaded("example-language-no").endpoints[0].responses["200"].example["language"] == "no"
    assert loaded("octal-limit").rate_limits[0].limit == 100
    assert loaded("version-date").api.version == "2024-06-20"
