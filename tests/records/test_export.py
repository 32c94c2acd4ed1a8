"""The committed JSON Schema matches the model, documents every field, and agrees with it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from intreg.records.export import integration_schema, render_schema
from intreg.records.yaml_reader import read_yaml

REPO = Path(__file__).parent.parent.parent
CASES = REPO / "tests" / "cases"


def test_committed_schema_is_current() -> None:
    committed = (REPO / "schemas" / "integration.schema.json").read_bytes()
    assert committed == render_schema(), "run `intreg schema` and commit the result"


def test_schema_is_a_valid_2020_12_schema() -> None:
    schema = integration_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def iter_properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, definition in schema.get("$defs", {}).items():
        for field, spec in definition.get("properties", {}).items():
            yield f"{name}.{field}", spec
    for field, spec in schema["properties"].items():
        yield field, spec


def test_every_field_has_a_description() -> None:
    missing = [
        name for name, spec in iter_properties(integration_schema()) if not spec.get("description")
    ]
    assert missing == []


def as_json(value: Any) -> Any:
    """What a JSON Schema tool sees: YAML dates are strings to it."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def instance(path: Path) -> Any:
    document, findings = read_yaml(path.read_bytes(), path.name)
    assert document is not None, findings
    return as_json(document.data)


@pytest.mark.parametrize("case", sorted((CASES / "valid").glob("*.yaml")), ids=lambda p: p.stem)
def test_schema_accepts_the_valid_cases(case: Path) -> None:
    errors = list(Draft202012Validator(integration_schema()).iter_errors(instance(case)))
    assert errors == []


@pytest.mark.parametrize(
    "case", ["http-base-url", "invalid-enum", "missing-required", "unknown-field", "bad-cadence"]
)
def test_schema_rejects_what_the_model_rejects(case: str) -> None:
    validator = Draft202012Validator(integration_schema())
    assert list(validator.iter_errors(instance(CASES / "invalid" / f"{case}.yaml")))


def test_schema_marks_markdown_fields() -> None:
    schema = integration_schema()
    summary = schema["properties"]["summary"]["anyOf"][0]
    assert summary["contentMediaType"] == "text/markdown"
    purpose = schema["properties"]["purpose"]
    assert "contentMediaType" not in json.dumps(purpose)
