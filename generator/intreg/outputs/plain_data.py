"""Frozen dataclasses to and from JSON-ready lists, driven by their type annotations.

A dataclass becomes the list of its field values in field order (smaller and faster to read
than objects with keys); dates become ISO strings, enums their values, tuples lists. Reading
gives back equal objects, of the same types, or raises ValueError for data of another shape.
Supported annotations: str, int, float, bool, dt.date, enums, other such dataclasses,
tuple[X, ...] and X | None.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
Decode = Callable[[Any], Any]


def to_plain(value: Any) -> Any:
    """`value` (a dataclass of the supported kind, or a field value) as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [to_plain(item) for item in value]
    return value


def from_plain(cls: type[T], data: Any) -> T:
    """The `cls` instance that to_plain gave `data` for; ValueError when `data` is not one."""
    try:
        return _decoder(cls)(data)  # type: ignore[no-any-return, arg-type]
    except (TypeError, KeyError, IndexError, AttributeError) as error:
        raise ValueError(f"not a {cls.__name__}: {error}") from error


@functools.cache
def _decoder(cls: Any) -> Decode:
    """Decode a list of field values into `cls`, each field by its annotation."""
    hints = typing.get_type_hints(cls)
    fields = [(f.name, _decode_as(hints[f.name])) for f in dataclasses.fields(cls)]

    def decode(data: Any) -> Any:
        if not isinstance(data, list) or len(data) != len(fields):
            raise ValueError(f"{cls.__name__}: expected {len(fields)} values, got {data!r:.60}")
        return cls(
            **{name: field(value) for (name, field), value in zip(fields, data, strict=True)}
        )

    return decode


def _decode_as(hint: Any) -> Decode:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = (a for a in args if a is not type(None))  # X | None only
        decode = _decode_as(inner)
        return lambda value: None if value is None else decode(value)
    if origin is tuple:
        item = _decode_as(args[0])
        return lambda value: tuple(item(v) for v in _expect(value, list))
    if dataclasses.is_dataclass(hint):
        nested: Any = hint
        return lambda value: _decoder(nested)(value)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if hint is dt.date:
        return lambda value: dt.date.fromisoformat(_expect(value, str))
    if hint is float:  # a whole number stays an int, as the record gave it
        return lambda value: _expect(value, (int, float))
    if hint in (str, int, bool):
        return lambda value: _expect(value, hint)
    raise TypeError(f"unsupported annotation {hint!r}")  # pragma: no cover - a coding error


def _expect(value: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(value, kind):
        raise ValueError(f"expected {kind}, got {value!r:.60}")
    return value
