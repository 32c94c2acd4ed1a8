"""The rules on a body's `fields` (issue 17): each names a field of the example, and the example
obeys them; and no example value is a bare type name, which is a placeholder, not an example."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema import FormatChecker

from intreg.records.body_fields import (
    FieldRule,
    FieldType,
    field_path_of,
    split_field_path,
    values_at,
)
from intreg.records.field_path import FieldPath
from intreg.records.findings import Finding
from intreg.records.record import LoadedRecord
from intreg.records.yaml_reader import iter_leaves

# Values an importer or a hurried writer leaves where an example belongs (`token=string`).
TYPE_NAMES = frozenset({"string", "integer", "number", "boolean"})
_FORMATS = FormatChecker()
_PYTHON_TYPES: dict[FieldType, tuple[type, ...]] = {
    FieldType.STRING: (str,),
    FieldType.INTEGER: (int,),
    FieldType.NUMBER: (int, float),
    FieldType.BOOLEAN: (bool,),
    FieldType.OBJECT: (dict,),
    FieldType.ARRAY: (list,),
}


def check_body_fields(r: LoadedRecord) -> Iterator[Finding]:
    """Each `fields` entry names a field of its example, and the example obeys it; no example
    value is a bare type name unless its field's enum lists it."""
    for where, body in _bodies(r):
        fields: dict[str, FieldRule] = body.fields
        if fields and body.json_schema is not None:
            yield r.finding(
                (*where, "fields"),
                "fields-beside-json-schema",
                "`fields` and `json_schema` both describe this body, and only json_schema is used",
                "state the rules in json_schema (required, enum, format), or drop json_schema "
                "and keep fields",
            )
        for path, rule in fields.items():
            yield from _check_field(r, where, body.example, path, rule)
        yield from _type_names(r, (*where, "example"), body.example, fields)
    for i, endpoint in enumerate(r.record.endpoints):
        for j, parameter in enumerate(endpoint.parameters):
            allowed = {"": FieldRule(enum=parameter.enum)} if parameter.enum else {}
            where = ("endpoints", i, "parameters", j, "example")
            yield from _type_names(r, where, parameter.example, allowed)


def _bodies(r: LoadedRecord) -> Iterator[tuple[FieldPath, Any]]:
    for i, endpoint in enumerate(r.record.endpoints):
        if endpoint.request is not None:
            yield ("endpoints", i, "request"), endpoint.request
        for status, response in endpoint.responses.items():
            yield ("endpoints", i, "responses", status), response


def _check_field(
    r: LoadedRecord, where: FieldPath, example: Any, path: str, rule: FieldRule
) -> Iterator[Finding]:
    found = [] if example is None else list(_values(example, path))
    if not found:
        yield r.finding(
            (*where, "fields", path),
            "field-not-in-example",
            f"`{path}` is not a field of the example",
            "add the field to the example with a realistic value, or fix the path (nested "
            "fields by dots, list items by [], e.g. metadata.listing_id or items[].price)",
        )
        return
    for at, value in found:
        problem = _problem(value, rule)
        if problem is not None:
            yield r.finding(
                (*where, "example", *at),
                "example-breaks-field-rule",
                f"`{path}` {problem}",
                f"fix the example or the rule at fields.{path} so they agree",
            )


def _values(example: Any, path: str) -> Iterator[tuple[FieldPath, Any]]:
    return values_at(example, split_field_path(path))


def _problem(value: Any, rule: FieldRule) -> str | None:
    if value is None:
        never_null = rule.nullable is False
        return "is null in the example, but its rule says `nullable: false`" if never_null else None
    if rule.type is not None and not _is_type(value, rule.type):
        return f"is {_shown(value)} in the example, which is no {rule.type.value}"
    if rule.enum is not None and not any(_same(value, allowed) for allowed in rule.enum):
        return f"is {_shown(value)} in the example, which its enum does not list"
    if rule.format is not None and not _FORMATS.conforms(value, rule.format):
        return f"is {_shown(value)} in the example, which is not in the format {rule.format}"
    return None


def _is_type(value: Any, kind: FieldType) -> bool:
    if isinstance(value, bool):
        return kind == FieldType.BOOLEAN
    return isinstance(value, _PYTHON_TYPES[kind])


def _same(value: Any, allowed: Any) -> bool:
    """Equal as JSON values: true is not 1."""
    return isinstance(value, bool) == isinstance(allowed, bool) and value == allowed


def _type_names(
    r: LoadedRecord, where: FieldPath, example: Any, fields: dict[str, FieldRule]
) -> Iterator[Finding]:
    for at, value in iter_leaves(example):
        if not (isinstance(value, str) and value in TYPE_NAMES):
            continue
        rule = fields.get(field_path_of(at))
        if rule is not None and rule.enum is not None and value in rule.enum:
            continue  # the provider really sends the word
        yield r.finding(
            (*where, *at),
            "type-name-example",
            f"the example value is the type name `{value}`, not an example of one",
            "write a realistic value as the provider documents it; if the word is the real "
            "value, list it in the field's enum",
        )


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"`{value}`"
    return text if len(text) <= 60 else text[:57] + "..."
