"""Credentials OpenAPI has no security scheme for, declared where they travel: a path parameter
(Telegram's /bot{token}/) or a body field (Mailchimp Transactional's `key`), each marked with
the variable that fills it (`x-intreg-credential`), so the mock and contract runs find them."""

from __future__ import annotations

import copy
from typing import Any

from intreg.outputs.wire_auth import Carrier, Placement

CREDENTIAL_KEY = "x-intreg-credential"
# On a token endpoint: the variable holding the access token its answer carries.
ISSUES_TOKEN = "x-intreg-issues-token"


def credential_parameters(
    placements: tuple[Placement, ...], parameters: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """`parameters` with each path or query credential declared (replacing the record's own
    entry of that name, which cannot say what fills it)."""
    carried = {
        (p.carrier.value, p.name): p
        for p in placements
        if p.carrier in (Carrier.PATH, Carrier.QUERY) and p.scheme is None
    }
    kept = [q for q in parameters if (q["in"], q["name"]) not in carried]
    added = [_parameter(p) for p in carried.values()]
    return added + kept


def _parameter(placement: Placement) -> dict[str, Any]:
    variable = placement.env_vars[0]
    where = "path segment" if placement.carrier == Carrier.PATH else "query parameter"
    return {
        "name": placement.name,
        "in": placement.carrier.value,
        "required": True,
        "description": f"Credential: the value of ${variable}, sent as this {where}. It is a "
        "secret: never log a URL that holds it.",
        "schema": {"type": "string", "minLength": 1},
        CREDENTIAL_KEY: variable,
    }


def credential_body(placements: tuple[Placement, ...], body: dict[str, Any]) -> dict[str, Any]:
    """The requestBody `body` with each body credential a required string field."""
    fields = [p for p in placements if p.carrier == Carrier.BODY]
    if not fields:
        return body
    body = copy.deepcopy(body)
    for media in body.get("content", {}).values():
        schema = media.setdefault("schema", {"type": "object"})
        properties = schema.setdefault("properties", {})
        for placement in fields:
            variable = placement.env_vars[0]
            properties[placement.name] = {
                "type": "string",
                "minLength": 1,
                "description": f"Credential: the value of ${variable}, sent in the body.",
                CREDENTIAL_KEY: variable,
            }
            required = schema.setdefault("required", [])
            if placement.name not in required:
                required.append(placement.name)
    return body
