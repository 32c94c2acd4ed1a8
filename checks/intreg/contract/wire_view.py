"""The stub as schemathesis must read it to send what the stub means.

schemathesis follows OpenAPI's styles, which leave `deepObject` undefined for arrays and so
send `expand=a&expand=b`; the stub (as Stripe's own spec) means `expand[]=a&expand[]=b`, the
form intreg.records.wire writes and the mock reads. In the copy given to schemathesis each
such query parameter is named `expand[]` with style form, which schemathesis sends right.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any


def for_schemathesis(document: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of `document` whose deepObject array query parameters are spelled `name[]`."""
    view = copy.deepcopy(dict(document))
    for operations in view.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict):
                for parameter in operation.get("parameters", []):
                    _rename_array(parameter)
                form = operation.get("requestBody", {}).get("content", {}).get(_FORM)
                if isinstance(form, dict):
                    _rename_form_arrays(form)
    return view


_FORM = "application/x-www-form-urlencoded"


def _rename_form_arrays(media: dict[str, Any]) -> None:
    schema, encoding = media.get("schema", {}), media.get("encoding", {})
    properties = schema.get("properties", {})
    for name, entry in list(encoding.items()):
        field = properties.get(name)
        if entry.get("style") != "deepObject" or not _is_array(field):
            continue
        new = f"{name}[]"
        schema["properties"] = {(new if k == name else k): v for k, v in properties.items()}
        properties = schema["properties"]
        if name in schema.get("required", []):
            schema["required"] = [new if k == name else k for k in schema["required"]]
        del encoding[name]
        encoding[new] = {"style": "form", "explode": True}
        example = media.get("example")
        if isinstance(example, dict) and name in example:
            media["example"] = {(new if k == name else k): v for k, v in example.items()}


def _is_array(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "array"


def _rename_array(parameter: dict[str, Any]) -> None:
    is_array = _is_array(parameter.get("schema"))
    if parameter.get("in") == "query" and parameter.get("style") == "deepObject" and is_array:
        parameter["name"] = f"{parameter['name']}[]"
        parameter["style"], parameter["explode"] = "form", True
