from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from intreg.outputs.infer import infer_schema, merge_schemas

EXAMPLES: list[tuple[Any, dict[str, Any]]] = [
    (None, {}),
    (True, {"type": "boolean"}),
    (3, {"type": "integer"}),
    (2.5, {"type": "number"}),
    ("x", {"type": "string"}),
    ([], {"type": "array", "items": {}}),
    ({}, {"type": "object", "properties": {}}),
    ([1, 2.5], {"type": "array", "items": {"type": "number"}}),
    ([1, None], {"type": "array", "items": {"type": ["integer", "null"]}}),
    (["a", 1, True], {"type": "array", "items": {"type": ["string", "integer", "boolean"]}}),
    (
        {"user": {"id": 7, "tags": ["a"], "manager": None}},
        {
            "type": "object",
            "properties": {
                "user": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "manager": {},
                    },
                }
            },
        },
    ),
    (
        [{"id": 1}, {"id": None, "name": "b"}],
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"id": {"type": ["integer", "null"]}, "name": {"type": "string"}},
            },
        },
    ),
    (
        [1, {"k": 1}, None],
        {
            "type": "array",
            "items": {
                "anyOf": [
                    {"type": "integer"},
                    {"type": "object", "properties": {"k": {"type": "integer"}}},
                    {"type": "null"},
                ]
            },
        },
    ),
    (
        [[1], ["a"], []],
        {"type": "array", "items": {"type": "array", "items": {"type": ["string", "integer"]}}},
    ),
]


@pytest.mark.parametrize(("example", "schema"), EXAMPLES, ids=[repr(e)[:30] for e, _ in EXAMPLES])
def test_infer_schema(example: Any, schema: dict[str, Any]) -> None:
    assert infer_schema(example) == schema


@pytest.mark.parametrize(("example", "_schema"), EXAMPLES, ids=[repr(e)[:30] for e, _ in EXAMPLES])
def test_every_example_conforms_to_its_inferred_schema(example: Any, _schema: Any) -> None:
    schema = infer_schema(example)
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(example)) == []


def test_inference_is_deterministic_and_merge_is_order_stable() -> None:
    example = {"b": [1, "x", None], "a": {"z": 1.5}}
    assert infer_schema(example) == infer_schema(example)
    assert merge_schemas({"type": "string"}, {"type": "integer"}) == merge_schemas(
        {"type": "integer"}, {"type": "string"}
    )


def _walk(schema: Any):
    if isinstance(schema, dict):
        yield schema
        for value in schema.values():
            yield from _walk(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _walk(value)


@pytest.mark.parametrize(
    "example",
    [None, [], {"a": None, "b": [], "c": [[]], "d": [None, None]}, [{"x": []}, {"x": [None]}]],
)
def test_inference_never_gives_an_always_null_type_or_an_array_without_items(example) -> None:
    """A null in an example means "may be null, type unknown", and an empty list says nothing
    of its items (issue 17): an always-null type fails a correct provider, and an array without
    `items` fails Spectral's array-items rule."""
    for node in _walk(infer_schema(example)):
        assert node.get("type") != "null"
        assert node.get("type") != "array" or "items" in node
