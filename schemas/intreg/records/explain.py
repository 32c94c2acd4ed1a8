"""Turn pydantic validation errors into findings a writer can act on."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from intreg.records.characters import CODE as CONTROL_CHARACTER
from intreg.records.characters import FORBIDDEN, describe
from intreg.records.field_path import FieldPath, format_path
from intreg.records.fields import fields_at
from intreg.records.findings import Finding
from intreg.records.types import EARLIEST_DATE, LATEST_DATE, MAX_INTEGER, PATTERN_EXPLANATIONS
from intreg.records.yaml_reader import Span

_KEY_MARK = "[key]"
# 1.0 in a whole-number field: JSON Schema cannot tell it from 1, intreg refuses it.
INTEGER_AS_DECIMAL = "integer-as-decimal"
_RANK = {
    code: rank
    for rank, code in enumerate(
        [
            "missing-field",
            "unknown-field",
            "invalid-format",
            "invalid-value",
            "empty",
            "integer-as-decimal",  # before wrong-type: `enum: [2.0]` fails each union branch
            "wrong-type",
            "invalid-enum",
        ]
    )
}
_TYPE_HINTS = {
    "a whole number": "write digits only, e.g. 30",
    "a number": "write a number such as 99.9",
    "true or false": "write true or false",
    "a mapping of `key: value` lines": "put the fields on indented lines below this key",
    "a list of `- ` items": "write each item on its own line starting with `- `",
    "text": "write the text, quoted if it contains `: ` or starts with a symbol",
    "a finite number": "write a number such as 30; .inf and .nan are not figures",
}
_BOUNDS = {
    "greater_than": ("gt", "must be more than {bound}", "write a value above {bound}"),
    "greater_than_equal": ("ge", "must be at least {bound}", "write a value of {bound} or more"),
    "less_than": ("lt", "must be less than {bound}", "write a value below {bound}"),
    "less_than_equal": ("le", "must be at most {bound}", "write a value of {bound} or less"),
}
_EXPECTED = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "a date without a time, written YYYY-MM-DD",
    "dict_type": "a mapping of `key: value` lines",
    "model_type": "a mapping of `key: value` lines",
    "model_attributes_type": "a mapping of `key: value` lines",
    "list_type": "a list of `- ` items",
    "string_type": "text",
    "finite_number": "a finite number",
}


def explain_errors(
    error: ValidationError,
    model: type[BaseModel],
    data: Any,
    spans: dict[FieldPath, Span],
    path: str,
    skip: Iterable[FieldPath] = (),
) -> list[Finding]:
    """One finding per error, located at its field; errors under `skip` paths are dropped."""
    skipped = tuple(skip)
    findings: dict[tuple[str, str], Finding] = {}
    for details in error.errors(include_url=False):
        field_path, missing, on_key = _locate(details["loc"], data)
        if any(field_path[: len(s)] == s for s in skipped):
            continue
        full = (*field_path, missing) if missing is not None else field_path
        message, hint = _describe(details, model, field_path, missing, spans.get(field_path))
        line, col = _position(spans, field_path, use_key=on_key or missing is not None)
        finding = Finding(path, line, col, format_path(full), _code(details), message, hint)
        # A union (e.g. `second` or `PT15M`) fails once per branch: keep the most telling one.
        key = (finding.field, "key" if on_key else "value")
        if key not in findings or _rank(finding) < _rank(findings[key]):
            findings[key] = finding
    return list(findings.values())


def _locate(loc: tuple[int | str, ...], data: Any) -> tuple[FieldPath, str | None, bool]:
    """The data path an error points at, the missing key if any, and whether it is a key error."""
    found: list[str | int] = []
    current = data
    for item in loc:
        if isinstance(current, dict) and isinstance(item, str) and item in current:
            found.append(item)
            current = current[item]
        elif isinstance(current, list) and isinstance(item, int) and 0 <= item < len(current):
            found.append(item)
            current = current[item]
        elif item == _KEY_MARK:
            return tuple(found), None, True
        elif isinstance(current, dict) and isinstance(item, str) and item == loc[-1]:
            return tuple(found), item, False
    return tuple(found), None, False


def _position(spans: dict[FieldPath, Span], path: FieldPath, use_key: bool) -> tuple[int, int]:
    while path not in spans:
        path = path[:-1]
    span = spans[path]
    return (span.key_line, span.key_col) if use_key else (span.line, span.col)


def _rank(finding: Finding) -> int:
    return _RANK.get(finding.code, len(_RANK))  # codes of our own validators rank last


def _code(details: ErrorDetails) -> str:
    kind = details["type"]
    if "hint" in details.get("ctx", {}):
        return kind  # raised by a validator of ours (types.refuse): the type is the code
    if kind == "string_pattern_mismatch" and _forbidden(details["input"]) is not None:
        return CONTROL_CHARACTER
    if kind == "missing":
        return "missing-field"
    if kind == "extra_forbidden":
        return "unknown-field"
    if kind == "enum":
        return "invalid-enum"
    if kind == "string_pattern_mismatch":
        return "invalid-format"
    if kind == "int_type" and _decimal_whole(details["input"]):
        return INTEGER_AS_DECIMAL
    if kind in _EXPECTED:
        return "wrong-type"
    if kind == "too_short":
        return "empty"
    return "invalid-value"


def _describe(
    details: ErrorDetails,
    model: type[BaseModel],
    at: FieldPath,
    missing: str | None,
    span: Span | None,
) -> tuple[str, str]:
    kind, value, ctx = details["type"], details["input"], details.get("ctx", {})
    if missing is not None:
        info = fields_at(model, at).get(missing)
        where = f" under `{format_path(at)}`" if at else ""
        about = f" ({info.description.rstrip('.')})" if info and info.description else ""
        return f"missing required field `{missing}`", f"add `{missing}:`{where}{about}"
    if kind == "extra_forbidden":
        return _unknown_field(model, at)
    if "hint" in ctx:
        return details["msg"], str(ctx["hint"])
    bad = _forbidden(value) if kind == "string_pattern_mismatch" else None
    if bad is not None:
        return f"{describe(bad)} is not allowed", "remove it: it garbles terminals, files and pages"
    if kind in _BOUNDS:
        return _out_of_bounds(kind, value, ctx)
    if kind == "string_pattern_mismatch":
        problem, hint = PATTERN_EXPLANATIONS.get(
            ctx.get("pattern", ""), ("has the wrong format", f"match {ctx.get('pattern')}")
        )
        return f"{_show(value)} {problem}", hint
    if kind == "enum":
        return _bad_choice(value, span, str(ctx.get("expected", "")))
    if kind == "int_type" and _decimal_whole(value):
        shown = span.plain if span is not None and span.plain is not None else value
        return (
            f"`{shown}` is written as a decimal number, and this field holds whole numbers",
            f"write it without a decimal point or exponent: {int(value)}",
        )
    if kind in _EXPECTED:
        return _wrong_type(_EXPECTED[kind], value, span)
    if kind == "too_short":
        return "needs at least one entry", "add an entry, or remove the field if it is optional"
    message = details["msg"].removeprefix("Value error, ").removeprefix("Input should be ")
    return (message if kind == "value_error" else f"must be {message}"), ""


def _decimal_whole(value: Any) -> bool:
    return type(value) is float and value.is_integer()


def _forbidden(value: Any) -> str | None:
    found = FORBIDDEN.search(value) if isinstance(value, str) else None
    return None if found is None else found.group()


def _out_of_bounds(kind: str, value: Any, ctx: dict[str, Any]) -> tuple[str, str]:
    name, message, hint = _BOUNDS[kind]
    bound = ctx.get(name)
    shown = f"{bound:,}" if isinstance(bound, int) and abs(bound) >= 10_000 else str(bound)
    if isinstance(bound, str):  # pydantic gives date bounds as text
        hint = f"write the real date, YYYY-MM-DD: records hold dates from {EARLIEST_DATE} to "
        hint += f"{LATEST_DATE}"
    elif bound == MAX_INTEGER:
        hint = "write the real figure: whole numbers in records are limited to 2**53 - 1, "
        hint += "the largest that every JSON reader holds exactly"
    return f"{_show(value)} " + message.format(bound=shown), hint.format(bound=shown)


def _unknown_field(model: type[BaseModel], at: FieldPath) -> tuple[str, str]:
    name = str(at[-1])
    allowed = sorted(fields_at(model, at[:-1]))
    close = difflib.get_close_matches(name, allowed, n=1)
    if close:
        return f"unknown field `{name}`", f"did you mean `{close[0]}`?"
    return f"unknown field `{name}`", "allowed here: " + ", ".join(allowed)


def _bad_choice(value: Any, span: Span | None, expected: str) -> tuple[str, str]:
    choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
    if span is not None and span.plain is not None and not isinstance(value, str):
        return (
            f"YAML reads `{span.plain}` as {_show(value)}, which is not allowed here",
            f'quote it ("{span.plain}") if you meant the text; allowed: {", ".join(choices)}',
        )
    same = [c for c in choices if isinstance(value, str) and c.lower() == value.lower()]
    if same:
        return f"{_show(value)} is not allowed here", f"write it as {same[0]}"
    return f"{_show(value)} is not allowed here", "use one of: " + ", ".join(choices)


def _wrong_type(expected: str, value: Any, span: Span | None) -> tuple[str, str]:
    if expected == "text" and span is not None and span.plain is not None:
        return (
            f"expected text, but YAML reads `{span.plain}` as {_show(value)}",
            f'quote it: "{span.plain}"',
        )
    hint = _TYPE_HINTS.get(expected, "write it as YYYY-MM-DD, e.g. 2026-01-31")
    if isinstance(value, str) and expected != "text":  # no coercion: "100" is text (issue 16)
        return f"expected {expected}, found the text {_show(value)}", hint
    return f"expected {expected}, found {_show(value)}", hint


def _show(value: Any) -> str:
    """A short, quoted description of a value for messages."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int) and len(digits := str(value)) > 20:
        return f"the number {digits[:12]}… ({len(digits)} digits)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    first = text.split("\n", 1)[0]
    return f"`{first[:40]}…`" if len(first) > 40 or first != text else f"`{text}`"
