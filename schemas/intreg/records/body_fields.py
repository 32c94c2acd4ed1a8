"""What a provider says about the fields of a body, beside its example (issue 17).

A body's `fields` map is keyed by field path: `status`, `metadata.listing_id` for a nested
field, `items[].price` for a field of every item of a list. Each entry states what the example
alone cannot: that the field is required, its allowed values, its format, whether it may be
null, and its type when the example shows only null.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StrictStr, StringConstraints

from intreg.records.types import FIELD_PATH_PATTERN, Flag, Number, Part, Text, Whole

ITEMS = "[]"  # the path segment of "each item of the list"


class FieldType(StrEnum):
    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    OBJECT = "object"
    ARRAY = "array"


class FieldRule(Part):
    """One field of a body: what the provider requires of it."""

    required: Flag = Field(
        default=False,
        description="True when the provider always sends it (response) or refuses a request "
        "without it (request).",
    )
    enum: list[StrictStr | Whole | Number | Flag] | None = Field(
        default=None,
        min_length=1,
        description="The only values the field takes (the example's value must be one).",
        examples=[["requires_payment_method", "processing", "succeeded", "canceled"]],
    )
    format: Text | None = Field(
        default=None,
        description="The value's format as OpenAPI names it: date-time, date, email, uri, "
        "uuid, int64, ...",
        examples=["date-time"],
    )
    nullable: Flag | None = Field(
        default=None,
        description="True when the field may be null; false when it never is. A null in the "
        "example already means it may be.",
    )
    type: FieldType | None = Field(
        default=None,
        description="The value's type when the example cannot show it (the example holds "
        "null); otherwise it is read from the example.",
    )
    description: Text | None = Field(default=None, description="What the field carries.")


FieldPathKey = Annotated[str, StringConstraints(pattern=FIELD_PATH_PATTERN, max_length=300)]

FIELDS_DESCRIPTION = (
    "What the provider requires of the body's fields, keyed by field path (`status`, "
    "`metadata.listing_id`, `items[].price`): required, enum, format, nullable, and the type "
    "of a field the example shows as null. Stubs, the mock and contract tests enforce them."
)
FIELDS_EXAMPLE: dict[str, Any] = {
    "id": {"required": True},
    "status": {"required": True, "enum": ["pending", "succeeded", "failed"]},
    "latest_charge": {"nullable": True, "type": "string"},
}


def split_field_path(path: str) -> list[str]:
    """`items[].price` -> ["items", "[]", "price"]; `metadata.listing_id` -> two names."""
    segments: list[str] = []
    for part in path.split("."):
        name = part.rstrip("[]")
        if name:
            segments.append(name)
        segments += [ITEMS] * ((len(part) - len(name)) // len(ITEMS))
    return segments


def values_at(
    example: Any, segments: list[str], where: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every value at the field path `segments` in `example` (several under a list), each with
    its path in the example."""
    if not segments:
        yield where, example
        return
    head, rest = segments[0], segments[1:]
    if head == ITEMS:
        if isinstance(example, list):
            for index, item in enumerate(example):
                yield from values_at(item, rest, (*where, index))
    elif isinstance(example, dict) and head in example:
        yield from values_at(example[head], rest, (*where, head))


def field_path_of(where: tuple[str | int, ...]) -> str:
    """The field path naming the value at `where` in an example: ("items", 0, "price") ->
    `items[].price`."""
    text = ""
    for part in where:
        text += ITEMS if isinstance(part, int) else (f".{part}" if text else part)
    return text
