"""A body's `fields` tighten the schema inferred from its example (issue 17)."""

from __future__ import annotations

from jsonschema import Draft202012Validator

from intreg.outputs.body_schema import body_schema
from intreg.records.body_fields import FieldRule, split_field_path

INTENT = {
    "id": "pi_1",
    "status": "requires_payment_method",
    "latest_charge": None,
    "metadata": {"listing_id": "lst_1"},
    "charges": [{"id": "ch_1", "refunded_at": None}],
}


def _schema(fields: dict[str, dict]) -> dict:
    rules = {path: FieldRule.model_validate(rule) for path, rule in fields.items()}
    schema = body_schema(None, INTENT, rules)
    assert schema is not None
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(INTENT)) == []
    return schema


def test_split_field_path_reads_dots_and_list_items() -> None:
    assert split_field_path("status") == ["status"]
    assert split_field_path("metadata.listing_id") == ["metadata", "listing_id"]
    assert split_field_path("charges[].id") == ["charges", "[]", "id"]
    assert split_field_path("[].id") == ["[]", "id"]
    assert split_field_path("grid[][]") == ["grid", "[]", "[]"]


def test_required_fields_are_listed_in_their_parent_object() -> None:
    schema = _schema(
        {
            "id": {"required": True},
            "metadata.listing_id": {"required": True},
            "charges[].id": {"required": True},
            "status": {"required": True},
        }
    )
    assert schema["required"] == ["id", "status"]
    assert schema["properties"]["metadata"]["required"] == ["listing_id"]
    assert schema["properties"]["charges"]["items"]["required"] == ["id"]
    assert not Draft202012Validator(schema).is_valid({})
    assert not Draft202012Validator(schema).is_valid({"error": {"message": "no"}})


def test_enum_format_and_description_go_on_the_field() -> None:
    schema = _schema(
        {
            "status": {
                "enum": ["requires_payment_method", "succeeded"],
                "description": "Where it is.",
            },
            "id": {"format": "uuid-ish"},
        }
    )
    assert schema["properties"]["status"] == {
        "type": "string",
        "enum": ["requires_payment_method", "succeeded"],
        "description": "Where it is.",
    }
    assert schema["properties"]["id"] == {"type": "string", "format": "uuid-ish"}
    assert not Draft202012Validator(schema).is_valid({**INTENT, "status": "teleported"})


def test_a_null_example_is_any_type_unless_the_record_says_which() -> None:
    assert _schema({})["properties"]["latest_charge"] == {}
    typed = _schema(
        {"latest_charge": {"type": "string"}, "charges[].refunded_at": {"type": "integer"}}
    )
    assert typed["properties"]["latest_charge"] == {"type": ["string", "null"]}
    assert typed["properties"]["charges"]["items"]["properties"]["refunded_at"] == {
        "type": ["integer", "null"]
    }


def test_nullable_adds_or_removes_null() -> None:
    schema = _schema(
        {
            "id": {"nullable": True},
            "status": {"nullable": True, "enum": ["requires_payment_method"]},
        }
    )
    assert schema["properties"]["id"] == {"type": ["string", "null"]}
    assert schema["properties"]["status"]["enum"] == ["requires_payment_method", None]


def test_the_records_own_json_schema_wins_and_no_example_gives_no_schema() -> None:
    own = {"type": "object"}
    assert body_schema(own, INTENT, {"id": FieldRule(required=True)}) is own
    assert body_schema(None, None, {}) is None
