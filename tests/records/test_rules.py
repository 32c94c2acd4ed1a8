"""Rules beyond field types, each on a minimal record with one change."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from intreg.records.loader import load_record
from tests.helpers import case_text

Change = Callable[[dict[str, Any]], None]


def findings_after(change: Change) -> list[tuple[str, str, str]]:
    record = yaml.safe_load(case_text("minimal"))
    change(record)
    data = yaml.safe_dump(record, sort_keys=False).encode()
    result = load_record(data, "minimal.yaml", "minimal")
    return [(f.field, f.code, f.message) for f in result.findings]


def oauth_without_token_url(r: dict[str, Any]) -> None:
    r["auth"] = {"method": "oauth2", "credentials": r["auth"]["credentials"]}


def scheme_on_query(r: dict[str, Any]) -> None:
    r["auth"]["location"] = "query"


def no_credentials(r: dict[str, Any]) -> None:
    r["auth"]["credentials"] = []


def secret_with_placeholder(r: dict[str, Any]) -> None:
    r["auth"]["credentials"][0]["placeholder"] = "changeme"


def rotated_without_period(r: dict[str, Any]) -> None:
    r["auth"]["credentials"][0]["last_rotated"] = "2026-01-01"


def optional_path_parameter(r: dict[str, Any]) -> None:
    r["endpoints"][0]["parameters"][0]["required"] = False


def unused_path_parameter(r: dict[str, Any]) -> None:
    r["endpoints"][0]["parameters"].append({"name": "x", "location": "path", "required": True})


def duplicate_parameter(r: dict[str, Any]) -> None:
    r["endpoints"][0]["parameters"].append(dict(r["endpoints"][0]["parameters"][0]))


def path_style_in_query(r: dict[str, Any]) -> None:
    r["endpoints"][0]["parameters"].append({"name": "q", "location": "query", "style": "matrix"})


def duplicate_operation_id(r: dict[str, Any]) -> None:
    first = r["endpoints"][0]
    first["operation_id"] = "getCharge"
    r["endpoints"].append({**copy.deepcopy(first), "method": "DELETE"})


def peak_without_limit(r: dict[str, Any]) -> None:
    r["rate_limits"][0] = {**r["rate_limits"][0], "expected_peak": 5, "notes": "none"}
    del r["rate_limits"][0]["limit"]


def limit_without_period(r: dict[str, Any]) -> None:
    del r["rate_limits"][0]["period"]


def error_without_id(r: dict[str, Any]) -> None:
    r["errors"] = [{"meaning": "m", "resolution": "r"}]


def sunset_before_deprecation(r: dict[str, Any]) -> None:
    r["versioning"] = {"deprecated_on": "2026-05-01", "sunset_on": "2026-04-01"}


def undated_estimate(r: dict[str, Any]) -> None:
    r["cost"] = {"model": "per_unit", "monthly_estimate": 10}


def fallback_to_self(r: dict[str, Any]) -> None:
    r["fallback"] = {"integration": "minimal", "description": "d"}


def invalid_json_schema(r: dict[str, Any]) -> None:
    r["endpoints"][0]["responses"][200]["json_schema"] = {"type": "thing"}


CASES: list[tuple[Change, tuple[str, str, str]]] = [
    (oauth_without_token_url, ("auth", "auth-incomplete", "oauth2 auth needs `token_url`")),
    (scheme_on_query, ("auth.scheme", "auth-incomplete", "a scheme only applies to a header")),
    (
        no_credentials,
        ("auth", "auth-incomplete", "api_key auth needs at least one entry in `credentials`"),
    ),
    (
        secret_with_placeholder,
        (
            "auth.credentials[0].placeholder",
            "secret-placeholder",
            "a secret credential cannot have a placeholder value",
        ),
    ),
    (
        rotated_without_period,
        (
            "auth.credentials[0].last_rotated",
            "rotation-missing",
            "`last_rotated` is set but `rotation` is not",
        ),
    ),
    (
        optional_path_parameter,
        (
            "endpoints[0].parameters[0]",
            "optional-path-parameter",
            "path parameter `charge` must be required",
        ),
    ),
    (
        unused_path_parameter,
        (
            "endpoints[0].parameters[1].name",
            "unused-path-parameter",
            "`x` is not a {placeholder} in `/v1/charges/{charge}`",
        ),
    ),
    (
        duplicate_parameter,
        (
            "endpoints[0].parameters[1]",
            "duplicate-parameter",
            "path parameter `charge` is listed twice",
        ),
    ),
    (
        path_style_in_query,
        (
            "endpoints[0].parameters[1].style",
            "style-not-allowed",
            "style `matrix` cannot be used for a query parameter",
        ),
    ),
    (
        duplicate_operation_id,
        (
            "endpoints[1].operation_id",
            "duplicate-operation-id",
            "operation_id `getCharge` is used twice",
        ),
    ),
    (
        peak_without_limit,
        (
            "rate_limits[0].expected_peak",
            "rate-limit-incomplete",
            "`expected_peak` needs a `limit` to compare with",
        ),
    ),
    (limit_without_period, ("rate_limits[0]", "rate-limit-incomplete", "`limit` needs a `period`")),
    (
        error_without_id,
        ("errors[0]", "error-unidentified", "an error needs a `status`, a `code` or both"),
    ),
    (
        sunset_before_deprecation,
        (
            "versioning.sunset_on",
            "sunset-before-deprecation",
            "sunset_on 2026-04-01 is before deprecated_on 2026-05-01",
        ),
    ),
    (
        undated_estimate,
        (
            "cost.monthly_estimate",
            "estimate-undated",
            "a monthly estimate needs the date it was made",
        ),
    ),
    (
        fallback_to_self,
        ("fallback.integration", "fallback-to-self", "an integration cannot fall back to itself"),
    ),
    (
        invalid_json_schema,
        (
            "endpoints[0].responses.200.json_schema.type",
            "invalid-json-schema",
            "not a valid JSON Schema: 'thing' is not valid under any of the given schemas",
        ),
    ),
]


@pytest.mark.parametrize(("change", "expected"), CASES, ids=[c.__name__ for c, _ in CASES])
def test_rule_reports_one_finding(change: Change, expected: tuple[str, str, str]) -> None:
    assert findings_after(change) == [expected]
