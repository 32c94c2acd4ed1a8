"""Values generated for responses documented with a schema but no example."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from intreg.mock.sample import sample_value

SCHEMAS = [
    {"type": "object", "required": ["id"], "properties": {"n": {"type": "integer", "minimum": 3}}},
    {"type": "array", "items": {"type": "string", "format": "date-time"}, "minItems": 2},
    {"type": ["null", "string"], "minLength": 12},
    {"anyOf": [{"type": "boolean"}, {"type": "string"}]},
    {"allOf": [{"type": "number"}, {"exclusiveMinimum": 1}]},
    {"enum": ["b", "a"]},
    {"type": "integer", "maximum": -2},
]


@pytest.mark.parametrize("schema", SCHEMAS, ids=[str(i) for i in range(len(SCHEMAS))])
def test_samples_conform_to_their_schema(schema: dict) -> None:
    Draft202012Validator(schema).validate(sample_value(schema))


def test_a_schema_example_wins_and_samples_are_stable() -> None:
    assert sample_value({"type": "string", "example": "pi_1"}) == "pi_1"
    assert sample_value(SCHEMAS[0]) == {"n": 3, "id": ""}
    assert sample_value(SCHEMAS[1]) == ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"]
