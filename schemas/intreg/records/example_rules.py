"""The rule on examples: each is JSON and matches its endpoint's json_schema, which must be a
JSON Schema that can be checked safely (intreg.records.json_schema)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any

from jsonschema import SchemaError

from intreg.records.field_path import FieldPath
from intreg.records.findings import Finding
from intreg.records.json_schema import (
    UnsafeSchema,
    check_schema,
    schema_problems,
    validation_errors,
)
from intreg.records.record import LoadedRecord
from intreg.records.schema_keywords import validation_budget
from intreg.records.yaml_reader import iter_leaves


def check_examples(r: LoadedRecord) -> Iterator[Finding]:
    """Each example is JSON and matches its json_schema, which can be checked safely."""
    bodies: list[tuple[FieldPath, Any, dict[str, Any] | None]] = []
    for i, ep in enumerate(r.record.endpoints):
        if ep.request is not None:
            bodies.append((("endpoints", i, "request"), ep.request.example, ep.request.json_schema))
        for status, resp in ep.responses.items():
            bodies.append((("endpoints", i, "responses", status), resp.example, resp.json_schema))
        for param_index, param in enumerate(ep.parameters):
            bodies.append((("endpoints", i, "parameters", param_index), param.example, None))
    with validation_budget():  # one for the record: many small schemas cannot add up to hours
        findings = [f for where, ex, schema in bodies for f in _check_example(r, where, ex, schema)]
    return iter(findings)


def _check_example(
    r: LoadedRecord, where: FieldPath, example: Any, schema: dict[str, Any] | None
) -> Iterator[Finding]:
    bad = list(_non_json(example, (*where, "example")))
    for path, value in bad:
        yield r.finding(
            path,
            "example-not-json",
            f"YAML reads this as {value}, which JSON cannot hold",
            "quote it so the example holds text",
        )
    if schema is None:
        return
    problems = _schema_findings(r, (*where, "json_schema"), schema)
    yield from problems
    if example is None or bad or problems:
        return
    try:
        errors = validation_errors(schema, example)
    except UnsafeSchema as exc:
        problem = exc.problem
        yield r.finding(
            (*where, "json_schema", *problem.path), problem.code, problem.message, problem.hint
        )
        return
    for error in errors:
        yield r.finding(
            (*where, "example", *error.absolute_path),
            "example-mismatch",
            f"the example does not match json_schema: {error.message}",
            "fix the example or the schema so they agree",
        )


def _schema_findings(r: LoadedRecord, where: FieldPath, schema: dict[str, Any]) -> list[Finding]:
    """A finding when `schema` is no JSON Schema, or one for each part it cannot be checked by:
    a reference out of the record (never followed), a pattern that could backtrack."""
    try:
        check_schema(schema)
    except SchemaError as exc:
        return [
            r.finding(
                (*where, *exc.path),
                "invalid-json-schema",
                f"not a valid JSON Schema: {exc.message}",
                "see https://json-schema.org/understanding-json-schema/",
            )
        ]
    return [
        r.finding((*where, *p.path), p.code, p.message, p.hint) for p in schema_problems(schema)
    ]


def _non_json(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    for leaf_path, leaf in iter_leaves(value, path):
        if isinstance(leaf, dt.date):
            yield leaf_path, f"the date {leaf.isoformat()}"
        elif isinstance(leaf, float) and not math.isfinite(leaf):
            yield leaf_path, f"the number {leaf}"
