"""Examples and JSON Schemas generated from spec schemas: minimal, bounded, consistent."""

from __future__ import annotations

from jsonschema import Draft202012Validator

from intreg.importer.examples import TEXT_TODO, choose_example, generate_example, to_json_schema
from intreg.specs.refs import Resolver

DOCUMENT = {
    "components": {
        "schemas": {
            "Node": {
                "type": "object",
                "required": ["id", "kind", "child", "at", "tags"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "kind": {"type": "string", "enum": ["leaf", "branch"], "nullable": True},
                    "child": {"$ref": "#/components/schemas/Node"},
                    "at": {"type": "string", "format": "date-time"},
                    "tags": {"type": "array", "items": {"type": "integer", "minimum": 5}},
                    "note": {"type": "string"},
                },
            }
        }
    }
}
R = Resolver(DOCUMENT)
NODE = {"$ref": "#/components/schemas/Node"}


def test_example_holds_required_properties_bounded_in_depth() -> None:
    example = generate_example(NODE, R)
    assert example["id"] == "00000000-0000-4000-8000-000000000000"
    assert (example["kind"], example["at"], example["tags"]) == (
        "leaf",
        "2024-01-01T00:00:00Z",
        [5],
    )
    assert "note" not in example
    depth, node = 0, example
    while node:
        node, depth = node["child"], depth + 1
    assert depth == 4


def test_generated_example_matches_converted_schema() -> None:
    schema = to_json_schema(NODE, R)
    assert schema["required"] == ["id", "kind", "child", "at", "tags"]
    assert schema["properties"]["kind"] == {
        "type": ["string", "null"],
        "enum": ["leaf", "branch", None],
    }
    assert schema["properties"]["child"] == {"type": "object"}
    Draft202012Validator.check_schema(schema)
    assert Draft202012Validator(schema).is_valid(generate_example(NODE, R))


def test_spec_example_wins_unless_it_looks_secret_or_wrong() -> None:
    schema = {"type": "object", "required": ["key"], "properties": {"key": {"type": "string"}}}
    json_schema = to_json_schema(schema, R)
    assert choose_example([{"key": "abc"}], schema, R, json_schema) == {"key": "abc"}
    leaked = {"key": "sk_live_" + "a1B2c3D4e5F6g7H8"}
    assert choose_example([leaked], schema, R, json_schema) == {"key": TEXT_TODO}
    assert choose_example([{"key": 1}], schema, R, json_schema) == {"key": TEXT_TODO}


def test_a_type_name_is_never_an_example() -> None:
    """A spec's lazy example (`token: string`) is passed over, and text the spec gives no
    example of is a placeholder the validator lists, never the word `string` (issue 17)."""
    schema = {"type": "object", "required": ["token"], "properties": {"token": {"type": "string"}}}
    assert choose_example([{"token": "string"}], schema, R) == {"token": TEXT_TODO}
    assert generate_example({"type": "string"}, R) == TEXT_TODO
    assert TEXT_TODO.startswith("TODO ")


def test_one_of_takes_the_first_branch_that_is_not_null() -> None:
    schema = {"oneOf": [{"type": "null"}, {"type": "integer"}]}
    assert generate_example(schema, R) == 1
    assert to_json_schema(schema, R) == {"anyOf": [{"type": "null"}, {"type": "integer"}]}
