"""Bodies read as field tables, not raw JSON Schema (issue 20, item 4)."""

from __future__ import annotations

from intreg.outputs.site.body_table import HEADERS, body_table

SCHEMA = {
    "type": "object",
    "required": ["id", "status"],
    "properties": {
        "id": {"type": "string"},
        "status": {
            "type": "string",
            "enum": ["pending", "succeeded"],
            "description": "Where | it is.",
        },
        "refunded_at": {"type": ["integer", "null"], "format": "unix-time"},
        "latest_charge": {},
        "lines": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["price"],
                "properties": {"price": {"type": "integer"}},
            },
        },
    },
}
EXAMPLE = {
    "id": "re_1",
    "status": "pending",
    "refunded_at": None,
    "latest_charge": None,
    "lines": [{"price": 500}],
}


def test_each_field_is_a_row_with_type_required_enum_description_and_example() -> None:
    table = body_table(SCHEMA, EXAMPLE)
    assert table is not None
    lines = str(table).splitlines()
    assert lines[0] == "| " + " | ".join(HEADERS) + " |"
    assert lines[2:] == [
        "| `id` | string | yes |  | — | `re_1` |",
        "| `status` | string | yes | `pending`, `succeeded` | Where &#124; it is. | `pending` |",
        "| `refunded_at` | integer (unix-time), or null | no |  | — | `null` |",
        "| `latest_charge` | any | no |  | — | `null` |",
        "| `lines` | array of object | no |  | — |  |",
        "| `lines[].price` | integer | yes |  | — | `500` |",
    ]


def test_a_body_without_fields_has_no_table() -> None:
    assert body_table({"type": "array", "items": {"type": "string"}}, ["a"]) is None


def test_a_column_no_field_fills_is_left_out() -> None:
    schema = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    assert str(body_table(schema, None)).splitlines() == [
        "| Field | Type | Required |",
        "|---|---|---|",
        "| `id` | string | yes |",
    ]
    assert str(body_table(schema, {"id": "re_1"})).splitlines()[0] == (
        "| Field | Type | Required | Example |"
    )
