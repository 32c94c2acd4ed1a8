"""The JSON Schema (2020-12) of a record, exported from the model for editors and other tools."""

from __future__ import annotations

import json
from typing import Any

from intreg.records.beyond_schema import beyond_schema_text
from intreg.records.model import Integration

SCHEMA_ID = "urn:intreg:schema:integration"
COMMENT = "Generated from intreg.records.model by `intreg schema`; edit the model, not this file."
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def integration_schema() -> dict[str, Any]:
    """The record schema as a dict, with its dialect and id."""
    schema = Integration.model_json_schema(mode="validation")
    schema["description"] = f"{schema['description']} {beyond_schema_text()}"
    return {"$schema": DIALECT, "$id": SCHEMA_ID, "$comment": COMMENT, **schema}


def render_schema() -> bytes:
    """The committed form of the schema: UTF-8 JSON in model order, with a final newline."""
    text = json.dumps(integration_schema(), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")
