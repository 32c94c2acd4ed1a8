"""The JSON Schema (2020-12) of a record, exported from the model for editors and other tools."""

from __future__ import annotations

import json
from typing import Any

from intreg.records.beyond_schema import beyond_schema_text
from intreg.records.model import Integration
from intreg.records.system import System

SCHEMA_ID = "urn:intreg:schema:integration"
SYSTEM_SCHEMA_ID = "urn:intreg:schema:system"
COMMENT = "Generated from intreg.records.model by `intreg schema`; edit the model, not this file."
SYSTEM_COMMENT = (
    "Generated from intreg.records.system by `intreg schema`; edit the model, not this file."
)
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def integration_schema() -> dict[str, Any]:
    """The record schema as a dict, with its dialect and id."""
    schema = Integration.model_json_schema(mode="validation")
    schema["description"] = f"{schema['description']} {beyond_schema_text()}"
    return {"$schema": DIALECT, "$id": SCHEMA_ID, "$comment": COMMENT, **schema}


def system_schema() -> dict[str, Any]:
    """The system record schema (registry/systems/<id>.yaml) as a dict, with dialect and id."""
    schema = System.model_json_schema(mode="validation")
    schema["description"] = f"{schema['description']} {beyond_schema_text()}"
    return {"$schema": DIALECT, "$id": SYSTEM_SCHEMA_ID, "$comment": SYSTEM_COMMENT, **schema}


def render_schema() -> bytes:
    """The committed form of the schema: UTF-8 JSON in model order, with a final newline."""
    return _render(integration_schema())


def render_system_schema() -> bytes:
    """The committed form of the system schema, like render_schema."""
    return _render(system_schema())


def _render(schema: dict[str, Any]) -> bytes:
    text = json.dumps(schema, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")
