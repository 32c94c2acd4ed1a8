"""Reading text values by their schema, as a provider reads query, path and header values."""

from __future__ import annotations

import pytest

from intreg.mock.request import body_problem, parameter_problem, query_values


def query(name: str, schema: dict, required: bool = False) -> dict:
    return {"in": "query", "name": name, "required": required, "schema": schema}


@pytest.mark.parametrize(
    ("schema", "raw", "problem"),
    [
        ({"type": "integer"}, ["5"], None),
        ({"type": "integer"}, ["abc"], "query parameter 'p': expected integer, got 'abc'"),
        ({"type": "integer"}, ["1", "2"], "query parameter 'p': expected one value, got 2"),
        ({"type": "number"}, ["-1.5e3"], None),
        ({"type": "boolean"}, ["yes"], "query parameter 'p': expected boolean, got 'yes'"),
        ({"type": "boolean"}, ["false"], None),
        ({"type": "string", "enum": ["a"]}, ["b"], "query parameter 'p': 'b' is not one of ['a']"),
        ({"type": "array", "items": {"type": "string"}}, ["a", "b"], None),
        (
            {"type": "array", "items": {"type": "integer"}},
            ["1", "x"],
            "query parameter 'p': expected integer, got 'x'",
        ),
        ({"type": "object"}, ["anything"], None),
        ({}, ["anything"], None),
    ],
)
def test_values_are_read_as_their_schema_type(schema: dict, raw: list, problem: str | None) -> None:
    assert parameter_problem(query("p", schema), raw) == problem


def test_required_parameter_must_be_sent_and_optional_may_not_be() -> None:
    assert parameter_problem(query("p", {}, required=True), None) == (
        "query parameter 'p' is required"
    )
    assert parameter_problem(query("p", {}), None) is None
    assert parameter_problem(query("p", {"type": "string"}, required=True), [""]) is None


def test_long_values_are_shortened_in_problems() -> None:
    problem = parameter_problem(query("p", {"type": "integer"}), ["x" * 100])
    assert problem == f"query parameter 'p': expected integer, got '{'x' * 40}...'"


def test_binary_and_text_bodies_are_only_checked_for_presence() -> None:
    binary = {"required": True, "content": {"application/octet-stream": {"schema": {}}}}
    assert body_problem(binary, "application/octet-stream", b"\xff\x00") is None
    assert body_problem(binary, "application/octet-stream", b"") is None
    assert body_problem(binary, None, b"") == "the request body is required"


FORM = "application/x-www-form-urlencoded"
STRIPE_LIKE = {
    "required": True,
    "content": {
        FORM: {
            "schema": {
                "type": "object",
                "required": ["amount", "metadata"],
                "properties": {
                    "amount": {"type": "integer"},
                    "metadata": {
                        "type": "object",
                        "required": ["listing_id"],
                        "properties": {"listing_id": {"type": "string"}},
                    },
                },
            },
            "encoding": {"metadata": {"style": "deepObject", "explode": True}},
        }
    },
}


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"amount=2000&metadata%5Blisting_id%5D=lst_1", None),
        (b"amount=2000&metadata[listing_id]=lst_1", None),
        # Flattened, as a client that ignores the encoding sends it: metadata is missing.
        (b"amount=2000&listing_id=lst_1", "body: 'metadata' is a required property"),
        (
            b"amount=2000&metadata[other]=x",
            "body at .metadata: 'listing_id' is a required property",
        ),
        (b"amount=x&metadata[listing_id]=lst_1", "form field 'amount': expected integer, got 'x'"),
    ],
)
def test_form_bodies_are_read_by_their_encoding(body: bytes, problem: str | None) -> None:
    assert body_problem(STRIPE_LIKE, FORM, body) == problem


def test_deep_object_arrays_are_read_from_bracketed_keys() -> None:
    expand = {
        **query("expand", {"type": "array", "items": {"type": "integer"}}),
        "style": "deepObject",
    }
    assert query_values(expand, [("expand[]", "1"), ("expand[]", "2")]) == ["1", "2"]
    assert query_values(expand, [("expand", "1")]) is None  # not what the stub declares
    assert (
        parameter_problem(expand, ["1", "x"])
        == "query parameter 'expand': expected integer, got 'x'"
    )
    properties = {**query("p", {"type": "array"}), "explode": False}
    assert query_values(properties, [("p", "email,firstname")]) == ["email", "firstname"]
