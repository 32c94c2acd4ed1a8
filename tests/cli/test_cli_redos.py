"""`intreg validate` finishes on patterns and schemas built to make a checker run for hours
(issue 24). Each runs in its own process under a hard timeout, so a regression fails the test
instead of hanging the suite; nothing here measures time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.probes import with_response_schema

INTREG = str(Path(sys.executable).parent / "intreg")
HARD_TIMEOUT = 30  # seconds; a fixed checker takes well under one, a backtracking one hours


def validate_in_process(root: Path) -> list[dict[str, Any]]:
    result = subprocess.run(
        [INTREG, "validate", "--no-cache", "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=HARD_TIMEOUT,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("^(a+)+$", "a" * 41 + "!"),
        ("^(a|a)*$", "a" * 41 + "!"),
        ("^(a|aa)+$", "a" * 60 + "!"),
        (r"^(\d+)*$", "1" * 41 + "x"),
        (r"^(\w+\s?)*$", "ab " * 30 + "!"),
        ("^([a-zA-Z0-9])(([-.]|[_]+)?([a-zA-Z0-9]+))*(@)[a-z]+$", "a" * 45 + "!"),
        ("(x+x+)+y", "x" * 45),
        ("^(.*a){25}$", "a" * 30 + "b"),
    ],
)
def test_a_backtracking_pattern_is_matched_quickly(make_registry, pattern: str, text: str) -> None:
    schema = {"type": "object", "properties": {"id": {"type": "string", "pattern": pattern}}}
    root = make_registry({"minimal": with_response_schema(schema, {"id": text})})
    findings = validate_in_process(root)
    assert [(f["path"], f["code"], f["message"]) for f in findings] == [
        (
            "endpoints[0].responses.200.example.id",
            "example-mismatch",
            f"the example does not match json_schema: {text!r} does not match {pattern!r}",
        )
    ]


def test_a_backtracking_pattern_property_is_matched_quickly(make_registry) -> None:
    name = "a" * 41 + "!"
    schema = {"patternProperties": {"^(a+)+$": {}}, "additionalProperties": False}
    root = make_registry({"minimal": with_response_schema(schema, {name: 1})})
    findings = validate_in_process(root)
    assert [(f["code"], f["message"]) for f in findings] == [
        (
            "example-mismatch",
            f"the example does not match json_schema: {name!r} does not match any of the "
            "regexes: '^(a+)+$'",
        )
    ]


def test_references_that_double_forty_times_stop_at_the_budget(make_registry) -> None:
    defs: dict[str, Any] = {
        f"d{i}": {"anyOf": [{"$ref": f"#/$defs/d{i + 1}"} for _ in "ab"]} for i in range(40)
    }
    defs["d40"] = {"type": "string"}
    schema = {"$defs": defs, "$ref": "#/$defs/d0"}
    root = make_registry({"minimal": with_response_schema(schema, 1)})
    findings = validate_in_process(root)
    assert [(f["path"], f["code"]) for f in findings] == [
        ("endpoints[0].responses.200.json_schema", "schema-too-complex")
    ]
