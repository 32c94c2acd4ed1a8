"""A JSON Schema 2020-12 validator for schemas from records: it reads nothing but the schema,
matches patterns in linear time, and stops after a budget of steps.

jsonschema's own `pattern`, `patternProperties` and `additionalProperties` match with Python's
`re`, which backtracks; here they match through intreg.records.patterns. Every keyword counts
one step against the budget of the running validation_budget: `$ref`s let a tiny schema ask
for exponentially many steps (twenty nested `anyOf: [{$ref}, {$ref}]`), and jsonschema itself
has no limit. Issue 24.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

import referencing
from jsonschema import Draft202012Validator, ValidationError, validators
from jsonschema.protocols import Validator

from intreg.records.patterns import search

MAX_STEPS = 100_000  # keyword checks; a real record's examples take a few thousand
Keyword = Callable[[Any, Any, Any, Any], Any]
_steps_left: ContextVar[list[int] | None] = ContextVar("steps_left", default=None)


class RefusedReference(LookupError):
    """A `$ref` to something outside its schema, which is never retrieved."""


class TooManySteps(RuntimeError):
    """A validation went past its budget of steps."""


def _refuse(uri: str) -> referencing.Resource[Any]:
    raise RefusedReference(f"`$ref` may only point inside the record: {uri} is not read")


# The meta-schemas jsonschema bundles stay resolvable (it adds them to any registry); any
# other reference that is not inside the schema goes to _refuse.
REGISTRY: referencing.Registry[Any] = referencing.Registry(retrieve=_refuse)  # type: ignore[call-arg]


@contextlib.contextmanager
def validation_budget(steps: int = MAX_STEPS) -> Iterator[None]:
    """Validations in the block share `steps` steps; past them a keyword raises TooManySteps."""
    token = _steps_left.set([steps])
    try:
        yield
    finally:
        _steps_left.reset(token)


def has_budget() -> bool:
    """True inside a validation_budget block."""
    return _steps_left.get() is not None


def _counted(keyword: Keyword) -> Keyword:
    @functools.wraps(keyword)
    def counted(validator: Any, value: Any, instance: Any, schema: Any) -> Any:
        left = _steps_left.get()
        if left is not None:
            left[0] -= 1
            if left[0] < 0:
                raise TooManySteps
        return keyword(validator, value, instance, schema)

    return counted


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    if validator.is_type(instance, "string") and not search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(
    validator: Any, patterns: dict[str, Any], instance: Any, schema: Any
) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if search(pattern, key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties(
    validator: Any, additional: Any, instance: Any, schema: Any
) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    named, patterns = schema.get("properties", {}), schema.get("patternProperties", {})
    extras = [k for k in instance if k not in named and not any(search(p, k) for p in patterns)]
    if validator.is_type(additional, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], additional, path=extra)
    elif not additional and extras:
        listed = ", ".join(repr(e) for e in sorted(extras))
        if patterns:
            verb = "does" if len(extras) == 1 else "do"
            regexes = ", ".join(repr(p) for p in sorted(patterns))
            yield ValidationError(f"{listed} {verb} not match any of the regexes: {regexes}")
        else:
            verb = "was" if len(extras) == 1 else "were"
            yield ValidationError(
                f"Additional properties are not allowed ({listed} {verb} unexpected)"
            )


_SAFE_KEYWORDS: dict[str, Keyword] = {
    "pattern": _pattern,
    "patternProperties": _pattern_properties,
    "additionalProperties": _additional_properties,
}
SafeValidator: type[Validator] = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    {
        name: _counted(_SAFE_KEYWORDS.get(name) or keyword)
        for name, keyword in Draft202012Validator.VALIDATORS.items()
    },
)
