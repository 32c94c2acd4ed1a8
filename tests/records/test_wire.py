"""The wire form of values (intreg.records.wire): every style both ways."""

from __future__ import annotations

import pytest

from intreg.records.wire.decode import bracketed, form_fields, parameter_values, simple_values
from intreg.records.wire.encode import (
    form_pairs,
    header_text,
    path_text,
    query_pairs,
    scalar_text,
)


@pytest.mark.parametrize(
    ("value", "style", "explode", "pairs"),
    [
        (["latest_charge"], "deepObject", True, [("p[]", "latest_charge")]),
        (["a", "b"], "form", True, [("p", "a"), ("p", "b")]),
        (["email", "firstname"], "form", False, [("p", "email,firstname")]),
        (["a", "b"], "spaceDelimited", False, [("p", "a b")]),
        (["a", "b"], "pipeDelimited", False, [("p", "a|b")]),
        ({"listing_id": "lst_1"}, "deepObject", True, [("p[listing_id]", "lst_1")]),
        ({"a": {"b": 1}}, "deepObject", True, [("p[a][b]", "1")]),
        ([{"price": "pr_1"}], "deepObject", True, [("p[0][price]", "pr_1")]),
        ({"role": "admin", "n": 2}, "form", True, [("role", "admin"), ("n", "2")]),
        ({"role": "admin", "n": 2}, "form", False, [("p", "role,admin,n,2")]),
        (False, "form", True, [("p", "false")]),
        (1.5, "form", True, [("p", "1.5")]),
    ],
)
def test_query_pairs_follow_openapi_styles(value, style, explode, pairs) -> None:
    assert query_pairs("p", value, style, explode) == pairs


def test_scalars_are_wire_text_not_python_text() -> None:
    assert [scalar_text(v) for v in (True, False, None, 3, "x")] == ["true", "false", "", "3", "x"]


def test_path_and_header_styles() -> None:
    assert path_text("id", ["a", "b"], "simple", False) == "a,b"
    assert path_text("id", ["a", "b"], "label", True) == ".a.b"
    assert path_text("id", ["a", "b"], "matrix", True) == ";id=a;id=b"
    assert path_text("id", 5, "matrix", False) == ";id=5"
    assert header_text({"a": 1, "b": 2}, True) == "a=1,b=2"
    assert header_text({"a": 1, "b": 2}, False) == "a,1,b,2"


def test_form_pairs_use_each_fields_encoding() -> None:
    body = {"amount": 2000, "metadata": {"listing_id": "lst_1"}, "tags": ["a", "b"]}
    encoding = {"metadata": ("deepObject", True), "tags": ("form", True)}
    assert form_pairs(body, encoding) == [
        ("amount", "2000"),
        ("metadata[listing_id]", "lst_1"),
        ("tags", "a"),
        ("tags", "b"),
    ]


@pytest.mark.parametrize(
    ("pairs", "style", "explode", "is_array", "expected"),
    [
        ([("expand[]", "a"), ("expand[]", "b")], "deepObject", True, True, ["a", "b"]),
        ([("expand[1]", "b"), ("expand[0]", "a")], "deepObject", True, True, ["a", "b"]),
        ([("expand", "a")], "deepObject", True, True, None),  # not the declared form
        ([("expand", "a,b")], "form", False, True, ["a", "b"]),
        ([("expand", "a"), ("expand", "b")], "form", True, True, ["a", "b"]),
        ([("expand", "a b")], "spaceDelimited", False, True, ["a", "b"]),
        ([("other", "a")], "form", True, False, None),
    ],
)
def test_parameter_values_read_what_the_encoder_writes(
    pairs, style, explode, is_array, expected
) -> None:
    assert parameter_values("expand", pairs, style, explode, is_array) == expected


def test_bracketed_rebuilds_nested_objects_and_ignores_other_keys() -> None:
    pairs = [("m[a][b]", "1"), ("m[c]", "2"), ("m[x]y", "3"), ("mm[a]", "4")]
    assert bracketed("m", pairs, is_array=False) == {"a": {"b": "1"}, "c": "2"}


def test_form_fields_round_trip_a_stripe_body() -> None:
    body = {"amount": 2000, "metadata": {"listing_id": "lst_1"}}
    encoding = {"metadata": ("deepObject", True)}
    properties = {"amount": {"type": "integer"}, "metadata": {"type": "object"}}
    declared = {"metadata": {"style": "deepObject", "explode": True}}
    fields = form_fields(form_pairs(body, encoding), properties, declared)
    assert fields == {"amount": ["2000"], "metadata": {"listing_id": "lst_1"}}


@pytest.mark.parametrize(
    ("value", "style", "explode"),
    [
        (["a", "b"], "simple", False),
        (["a", "b"], "label", True),
        (["a", "b"], "label", False),
        (["a", "b"], "matrix", True),
        (["a", "b"], "matrix", False),
    ],
)
def test_path_arrays_read_back_as_written(value, style, explode) -> None:
    text = path_text("id", value, style, explode)
    assert simple_values("id", text, style, explode, is_array=True) == value


def test_scalar_path_and_header_values_stay_whole() -> None:
    assert simple_values("id", "a,b", "simple", False, is_array=False) == ["a,b"]
    assert simple_values("id", "", "simple", False, is_array=True) == []
