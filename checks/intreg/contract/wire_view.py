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
    return view


def _rename_array(parameter: dict[str, Any]) -> None:
    schema = parameter.get("schema", {})
    is_array = isinstance(schema, dict) and schema.get("type") == "array"
    if parameter.get("in") == "query" and parameter.get("style") == "deepObject" and is_array:
        parameter["name"] = f"{parameter['name']}[]"
        parameter["style"], parameter["explode"] = "form", True
