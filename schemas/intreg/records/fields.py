"""Look up model fields by record path, for hints: a field's description and its siblings."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and `| None`, leaving the type a value is checked against."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def type_at(model: type[BaseModel], path: tuple[str | int, ...]) -> Any:
    """The type expected at `path` in `model`, or None where the path leaves the model."""
    current: Any = model
    for item in path:
        current = _unwrap(current)
        origin = typing.get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(item))
            if field is None:
                return None
            current = field.annotation
        elif origin is list:
            current = typing.get_args(current)[0]
        elif origin is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    return _unwrap(current)


def fields_at(model: type[BaseModel], path: tuple[str | int, ...]) -> dict[str, FieldInfo]:
    """The fields of the model part at `path`, or {} if there is none."""
    part = type_at(model, path)
    if isinstance(part, type) and issubclass(part, BaseModel):
        return dict(part.model_fields)
    return {}
