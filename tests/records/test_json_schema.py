"""A record's json_schema reads nothing but itself (issue 24): references out of it are findings,
never fetched or read; patterns that could backtrack are findings; checking is bounded."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from intreg.records.findings import Finding
from intreg.records.json_schema import UnsafeSchema, schema_problems, validation_errors
from intreg.records.loader import load_record
from intreg.records.patterns import pattern_problem, search
from tests.probes import SECRET, listening_server, quoted, value_at, with_response_schema

REF_HINT = (
    "point to a definition in this json_schema, e.g. `#/$defs/address`: intreg never fetches "
    "or reads what a reference names"
)
SCHEMA_AT = "endpoints[0].responses.200.json_schema"


def load(text: str) -> list[Finding]:
    return load_record(text.encode(), "registry/minimal.yaml", "minimal").findings


def shown(findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    return [(f.location, f.field, f.code, f.message) for f in findings]


def assert_secret_absent(findings: list[Finding]) -> None:
    for f in findings:
        assert SECRET not in f"{f.message} {f.hint}"


def test_ref_to_a_web_address_is_a_finding_and_nothing_is_fetched() -> None:
    with listening_server() as (url, heard):
        text = with_response_schema({"$ref": f"{url}/schema.json"}, {"id": "ch_1"})
        findings = load(text)
    assert heard == []
    assert shown(findings) == [
        (
            f"registry/minimal.yaml:{value_at(text, '$ref')}",
            f"{SCHEMA_AT}.$ref",
            "ref-outside-record",
            f"`$ref` may only point inside the record: {quoted(f'{url}/schema.json')}",
        )
    ]
    assert findings[0].hint == REF_HINT
    assert_secret_absent(findings)


@pytest.mark.parametrize(
    "ref",
    [
        "file://{secret}",
        "secret.json",
        "{secret}",
        "../../secret.json#/properties",
        "urn:example:schema",
        "https://json-schema.org/draft/2020-12/schema",
        "//127.0.0.1/schema.json",
    ],
)
def test_any_ref_not_inside_the_record_is_a_finding_and_no_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ref: str
) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text(f'{{"type": "string", "description": "{SECRET}"}}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # a relative reference would find the file from here
    ref = ref.format(secret=secret)
    text = with_response_schema({"type": "object", "properties": {"id": {"$ref": ref}}}, None)
    findings = load(text)
    assert [(f.field, f.code, f.message) for f in findings] == [
        (
            f"{SCHEMA_AT}.properties.id.$ref",
            "ref-outside-record",
            f"`$ref` may only point inside the record: {quoted(ref)}",
        )
    ]
    assert_secret_absent(findings)


def test_dynamic_refs_are_held_to_the_same_rule() -> None:
    problems = schema_problems({"$defs": {"a": {"$dynamicRef": "http://127.0.0.1:9/a"}}})
    assert [(p.path, p.code) for p in problems] == [
        (("$defs", "a", "$dynamicRef"), "ref-outside-record")
    ]


def test_a_ref_the_check_cannot_see_is_refused_by_the_registry_never_fetched() -> None:
    # `default` holds data, which the check skips; `$ref: "#/default"` makes it a schema.
    with listening_server() as (url, heard):
        schema = {"default": {"$ref": f"{url}/schema.json"}, "$ref": "#/default"}
        findings = load(with_response_schema(schema, "x"))
    assert heard == []
    assert [(f.field, f.code, f.message) for f in findings] == [
        (
            SCHEMA_AT,
            "ref-outside-record",
            f"`$ref` may only point inside the record: {quoted(f'{url}/schema.json')}",
        )
    ]


def test_a_base_uri_set_by_id_does_not_make_a_reference_fetchable() -> None:
    with listening_server() as (url, heard):
        schema = {"$id": f"{url}/base/", "properties": {"id": {"$ref": "#/$defs/id"}}}
        schema["$defs"] = {"id": {"$ref": "other.json"}}
        findings = load(with_response_schema(schema, {"id": "ch_1"}))
    assert heard == []
    assert [(f.field, f.code) for f in findings] == [
        (f"{SCHEMA_AT}.$defs.id.$ref", "ref-outside-record")
    ]


def test_local_refs_are_followed() -> None:
    schema = {
        "type": "object",
        "properties": {"amount": {"$ref": "#/$defs/amount"}},
        "$defs": {"amount": {"type": "integer"}},
    }
    assert load(with_response_schema(schema, {"amount": 500})) == []
    text = with_response_schema(schema, {"amount": "500"})
    assert shown(load(text)) == [
        (
            f"registry/minimal.yaml:{value_at(text, 'amount')}",
            "endpoints[0].responses.200.example.amount",
            "example-mismatch",
            "the example does not match json_schema: '500' is not of type 'integer'",
        )
    ]


def test_a_ref_to_nothing_is_a_finding_at_the_ref() -> None:
    schema = {"type": "object", "properties": {"amount": {"$ref": "#/$defs/nope"}}}
    text = with_response_schema(schema, {"amount": 500})
    assert shown(load(text)) == [
        (
            f"registry/minimal.yaml:{value_at(text, '$ref')}",
            f"{SCHEMA_AT}.properties.amount.$ref",
            "unresolvable-ref",
            "`$ref` points to nothing in this json_schema: `#/$defs/nope`",
        )
    ]


@pytest.mark.parametrize(
    "schema",
    [
        {"$ref": "#"},
        {"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"},
        {
            "$defs": {
                **{
                    f"d{i}": {"anyOf": [{"$ref": f"#/$defs/d{i + 1}"} for _ in "ab"]}
                    for i in range(40)
                },
                "d40": {"type": "string"},
            },
            "$ref": "#/$defs/d0",
        },
    ],
    ids=["itself", "a-loop", "doubling-40-times"],
)
def test_a_schema_that_refers_without_end_is_a_finding(schema: dict[str, object]) -> None:
    findings = load(with_response_schema(schema, 1))
    assert [(f.field, f.code, f.message) for f in findings] == [
        (
            SCHEMA_AT,
            "schema-too-complex",
            "json_schema takes too many steps to check (its `$ref`s refer to each other in a "
            "loop, or multiply)",
        )
    ]


def test_a_pattern_that_needs_backtracking_is_a_finding() -> None:
    schema = {"type": "string", "pattern": "^(?!test_)[a-z_]+$"}
    text = with_response_schema(schema, "live_1")
    assert shown(load(text)) == [
        (
            f"registry/minimal.yaml:{value_at(text, 'pattern')}",
            f"{SCHEMA_AT}.pattern",
            "unsafe-pattern",
            "this pattern cannot be checked safely: `^(?!test_)[a-z_]+$`: look-ahead and "
            "look-behind (`(?=`, `(?!`, `(?<=`, `(?<!`) need backtracking",
        )
    ]


def test_pattern_property_names_are_patterns_too() -> None:
    schema = {"type": "object", "patternProperties": {r"^(\w)\1$": {"type": "string"}}}
    assert [(f.field, f.code) for f in load(with_response_schema(schema, {"aa": "x"}))] == [
        (rf"{SCHEMA_AT}.patternProperties.^(\w)\1$", "unsafe-pattern")
    ]


def test_unevaluated_properties_beside_pattern_properties_is_a_finding() -> None:
    schema = {
        "patternProperties": {"^x-": {"type": "string"}},
        "unevaluatedProperties": False,
    }
    assert [(f.field, f.code, f.message) for f in load(with_response_schema(schema, {}))] == [
        (
            f"{SCHEMA_AT}.unevaluatedProperties",
            "unsafe-pattern",
            "`unevaluatedProperties` cannot be checked safely in a schema with `patternProperties`",
        )
    ]


def test_a_pattern_reached_only_through_a_ref_is_refused_when_used() -> None:
    schema = {"default": {"pattern": "(?=x)"}, "$ref": "#/default"}
    assert [(f.field, f.code) for f in load(with_response_schema(schema, "x"))] == [
        (SCHEMA_AT, "unsafe-pattern")
    ]


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(?<=a)b", "look-ahead and look-behind"),
        (r"(a)\1", "backreferences"),
        (r"(?<x>a)\k<x>", "backreferences"),
        ("(a", "it is not a valid regular expression, or it is too large"),
        ("a{1000}{1000}{1000}", "it is not a valid regular expression, or it is too large"),
    ],
)
def test_pattern_problem_names_the_reason(pattern: str, reason: str) -> None:
    problem = pattern_problem(pattern)
    assert problem is not None
    assert problem.startswith(reason)


def test_patterns_search_as_json_schema_says_in_ecma_262() -> None:
    assert search("b", "abc")  # not anchored
    assert not search("^b", "abc")
    assert not search(r"^\d$", "\u0663")  # ECMA-262 \d is ASCII only
    assert search(r"^\u00e9$", "\u00e9")
    assert pattern_problem(r"^[a-z]+(-[a-z]+)*$") is None


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"pattern": "^a"}, "ba"),
        ({"patternProperties": {"^x-": {"type": "integer"}}}, {"x-a": "1", "y": 2}),
        ({"properties": {"a": {}}, "additionalProperties": False}, {"a": 1, "b": 2, "c": 3}),
        (
            {"patternProperties": {"^x-": {}}, "additionalProperties": False},
            {"x-a": 1, "b": 2},
        ),
        ({"additionalProperties": {"type": "string"}}, {"a": 1}),
        ({"propertyNames": {"pattern": "^[a-z]+$"}}, {"A": 1}),
    ],
)
def test_the_safe_keywords_report_what_jsonschema_reports(schema, instance) -> None:
    ours = [(e.message, list(e.absolute_path)) for e in validation_errors(schema, instance)]
    theirs = [
        (e.message, list(e.absolute_path))
        for e in Draft202012Validator(schema).iter_errors(instance)
    ]
    assert ours == theirs
    assert ours != []


def test_validation_errors_refuses_an_unsafe_schema() -> None:
    with pytest.raises(UnsafeSchema) as caught:
        validation_errors({"$ref": "http://127.0.0.1:9/x"}, 1)
    assert caught.value.problem.code == "ref-outside-record"
