"""The JSON Schemas in records (`json_schema`): checked against nothing but themselves, quickly.

A `$ref` may point only inside its schema (`#/$defs/...`, `#anchor`): a reference to anything
else (http:, file:, a relative path, urn:) is a problem, never a fetch or a file read, and every
validator gets a registry whose retrieve function refuses, so that not even a reference this
check missed can fetch. Patterns run in linear time (intreg.records.patterns). Issue 24.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import referencing.exceptions
from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from intreg.records.field_path import FieldPath
from intreg.records.patterns import UnsafePattern, pattern_problem
from intreg.records.schema_keywords import (
    REGISTRY,
    RefusedReference,
    SafeValidator,
    TooManySteps,
    has_budget,
    validation_budget,
)

REFERENCES = ("$ref", "$dynamicRef", "$recursiveRef")
_DATA = frozenset({"const", "default", "enum", "example", "examples"})  # values, not schemas
_NAMED = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})
_REF_HINT = (
    "point to a definition in this json_schema, e.g. `#/$defs/address`: intreg never fetches "
    "or reads what a reference names"
)
_PATTERN_HINT = (
    "rewrite the pattern without look-around or backreferences (patterns run in linear time), "
    "or describe the format in `description` instead"
)


@dataclass(frozen=True)
class SchemaProblem:
    """Why a schema cannot be checked safely: where in it (`path`), a finding code, the text."""

    path: FieldPath
    code: str
    message: str
    hint: str


_TOO_COMPLEX = SchemaProblem(
    (),
    "schema-too-complex",
    "json_schema takes too many steps to check (its `$ref`s refer to each other in a loop, "
    "or multiply)",
    "simplify the schema: refer to each definition from fewer places",
)


class UnsafeSchema(ValueError):
    """A schema that cannot be checked safely (see its SchemaProblem)."""

    def __init__(self, problem: SchemaProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def check_schema(schema: Any) -> None:
    """Raise jsonschema's SchemaError when `schema` is not a JSON Schema (2020-12).

    Formats are not checked: the meta-schema's `regex` format would compile the schema's
    patterns with Python's `re` (a RecursionError on deep nesting); schema_problems checks them.
    """
    Draft202012Validator.check_schema(schema, format_checker=FormatChecker(formats=()))


def schema_problems(schema: Any) -> list[SchemaProblem]:
    """Every reference out of `schema` and every pattern that cannot be matched safely."""
    problems: list[SchemaProblem] = []
    unevaluated: FieldPath | None = None
    has_pattern_properties = False
    for path, node in _iter_schemas(schema):
        problems += _node_problems(path, node)
        if "unevaluatedProperties" in node and unevaluated is None:
            unevaluated = (*path, "unevaluatedProperties")
        has_pattern_properties = has_pattern_properties or "patternProperties" in node
    if unevaluated is not None and has_pattern_properties:
        # jsonschema finds the properties `unevaluatedProperties` leaves to check with
        # Python's `re`, out of our reach: the two keywords together cannot run safely.
        problems.append(
            SchemaProblem(
                unevaluated,
                "unsafe-pattern",
                "`unevaluatedProperties` cannot be checked safely in a schema with "
                "`patternProperties`",
                "use `additionalProperties` beside `patternProperties` instead",
            )
        )
    return problems


def validation_errors(
    schema: Any, instance: Any, formats: FormatChecker | None = None
) -> list[ValidationError]:
    """Every error of `instance` against `schema`, checked without reading anything else, with
    patterns matched in linear time, within the running validation_budget (or one of its own);
    `formats` checks the `format` keywords it knows (none are checked without it).

    Raises UnsafeSchema when `schema` cannot be checked safely: a problem schema_problems
    reports, a `#` reference to nothing, or a schema asking for too many steps.
    """
    problems = schema_problems(schema)
    if problems:
        raise UnsafeSchema(problems[0])
    if has_budget():
        return _errors(schema, instance, formats)
    with validation_budget():
        return _errors(schema, instance, formats)


def _errors(schema: Any, instance: Any, formats: FormatChecker | None) -> list[ValidationError]:
    try:
        validator = SafeValidator(schema, registry=REGISTRY, format_checker=formats)
        return list(validator.iter_errors(instance))
    except referencing.exceptions.Unresolvable as exc:
        raise UnsafeSchema(_reference_problem(schema, exc)) from None
    except UnsafePattern as exc:  # in a part of the schema only a `$ref` uses as one
        message = f"a pattern cannot be checked safely: {exc}"
        raise UnsafeSchema(SchemaProblem((), "unsafe-pattern", message, _PATTERN_HINT)) from None
    except (TooManySteps, RecursionError):
        raise UnsafeSchema(_TOO_COMPLEX) from None


def _reference_problem(schema: Any, exc: referencing.exceptions.Unresolvable) -> SchemaProblem:
    """The problem of a reference that could not be followed, at the first `$ref` naming it:
    one out of the record (refused, see schema_keywords.REGISTRY), or one to nothing."""
    ref = str(getattr(exc, "ref", ""))
    named = {ref, f"#{ref}"}  # a pointer to nowhere reports its fragment without the `#`
    path: FieldPath = ()
    shown = ref
    for where, node in _iter_schemas(schema):
        key = next((k for k in REFERENCES if node.get(k) in named), None)
        if key is not None:
            path, shown = (*where, key), str(node[key])
            break
    if _is_refused(exc):
        message = f"`$ref` may only point inside the record: {_clip(shown)}"
        return SchemaProblem(path, "ref-outside-record", message, _REF_HINT)
    return SchemaProblem(
        path,
        "unresolvable-ref",
        f"`$ref` points to nothing in this json_schema: {_clip(shown)}",
        "add the definition it names under `$defs`, or fix the reference",
    )


def _is_refused(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, RefusedReference):
            return True
        exc = exc.__cause__
    return False


def _node_problems(path: FieldPath, node: dict[str, Any]) -> Iterator[SchemaProblem]:
    for key in REFERENCES:
        ref = node.get(key)
        if isinstance(ref, str) and not ref.startswith("#"):
            yield SchemaProblem(
                (*path, key),
                "ref-outside-record",
                f"`{key}` may only point inside the record: {_clip(ref)}",
                _REF_HINT,
            )
    pattern = node.get("pattern")
    if isinstance(pattern, str):
        yield from _pattern_problem((*path, "pattern"), pattern)
    named = node.get("patternProperties")
    if isinstance(named, dict):
        for key in named:
            yield from _pattern_problem((*path, "patternProperties", key), str(key))


def _pattern_problem(path: FieldPath, pattern: str) -> Iterator[SchemaProblem]:
    reason = pattern_problem(pattern)
    if reason is not None:
        yield SchemaProblem(
            path,
            "unsafe-pattern",
            f"this pattern cannot be checked safely: {_clip(pattern)}: {reason}",
            _PATTERN_HINT,
        )


def _iter_schemas(schema: Any) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    """Every object in `schema` that is a schema, with its path; values of `enum`, `const`,
    `default` and examples are data, and the keys of `properties` and the like are names.

    Iterative: a record's schema may nest deeper than Python's recursion limit.
    """
    stack: list[tuple[FieldPath, Any, bool]] = [((), schema, False)]
    while stack:
        path, value, is_names = stack.pop()
        if isinstance(value, list):
            stack += [((*path, i), v, False) for i, v in reversed(list(enumerate(value)))]
        elif isinstance(value, dict):
            if is_names:
                stack += [((*path, k), v, False) for k, v in reversed(value.items())]
                continue
            yield path, value
            for key, child in reversed(value.items()):
                if key not in _DATA:
                    stack.append(((*path, key), child, key in _NAMED))


def _clip(text: str, keep: int = 80) -> str:
    return f"`{text[:keep]}…`" if len(text) > keep else f"`{text}`"
