"""The draft's auth section: the first security scheme the chosen operations accept."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from intreg.importer.placeholders import Todo, todo_text, todo_url
from intreg.importer.text import spec_text
from intreg.specs.loader import Spec
from intreg.specs.operations import Operation
from intreg.specs.security import AuthOption, auth_options, required_scopes

_CREDENTIALS: dict[str, list[tuple[str, bool]]] = {
    "api_key": [("API_KEY", True)],
    "jwt": [("ACCESS_TOKEN", True)],
    "basic": [("USERNAME", False), ("PASSWORD", True)],
    "oauth2": [("CLIENT_ID", False), ("CLIENT_SECRET", True)],
    "hmac": [("KEY_ID", False), ("SIGNING_SECRET", True)],
    "aws_sigv4": [("ACCESS_KEY_ID", True), ("SECRET_ACCESS_KEY", True)],
}
_METHODS = "api_key, oauth2, jwt, basic, hmac, aws_sigv4 or none"


def draft_auth(
    spec: Spec, operations: Sequence[Operation], record_id: str, base_url: str, source: str | None
) -> dict[str, Any]:
    """The auth section; what the spec cannot tell (credential details) is left as TODO."""
    options = auth_options(spec, operations[0], base_url)
    if options is None:
        return {"method": Todo(f"TODO auth method: the spec declares none ({_METHODS})", "none")}
    option = options[0]
    if option.method is None:
        text = f"TODO auth method: the spec's scheme `{option.scheme_name}` ({_METHODS})"
        return {"method": Todo(text, "none")}
    auth: dict[str, Any] = {"method": option.method, **_where(option)}
    if option.method == "oauth2":
        auth.update(_oauth(option, operations))
    if option.method == "aws_sigv4":
        auth["sigv4"] = _sigv4(record_id)
    description = _description(option, options)
    if description:
        auth["description"] = description
    if source is not None:
        auth["source"] = source
    auth["credentials"] = credentials(option.method, record_id)
    return auth


def _where(option: AuthOption) -> dict[str, Any]:
    if option.method not in ("api_key", "hmac"):
        return {}
    fields: dict[str, Any] = {}
    if option.method == "api_key":
        known = option.location in ("header", "query")
        where = f"header or query (the spec says {option.location})"
        fields["location"] = option.location if known else Todo(f"TODO {where}", "header")
    fields["name"] = option.name or Todo("TODO header or parameter name", "Authorization")
    if option.scheme is not None:
        fields["scheme"] = option.scheme
    return fields


def _oauth(option: AuthOption, operations: Sequence[Operation]) -> dict[str, Any]:
    fields: dict[str, Any] = {"token_url": option.token_url or todo_url("OAuth 2 token URL")}
    if option.authorization_url is not None:
        fields["authorization_url"] = option.authorization_url
    names = [s for op in operations for s in required_scopes(op, option.scheme_name)]
    fields["scopes"] = {
        name: " ".join(option.scopes.get(name, "").split()) or name for name in dict.fromkeys(names)
    }
    return fields


def _sigv4(record_id: str) -> dict[str, Any]:
    names = [c["env_var"] for c in credentials("aws_sigv4", record_id)]
    return {
        "service": Todo("TODO the signing name in the credential scope, e.g. ses", "execute-api"),
        "region": Todo("TODO the Region in the credential scope", "us-east-1"),
        "access_key_id": names[0],
        "secret_access_key": names[1],
    }


def _description(option: AuthOption, options: list[AuthOption]) -> str:
    text = spec_text(option.description) or ""
    others = [o.scheme_name for o in options if o is not option and o.scheme_name]
    if others:
        text += f"\n\nThe spec also accepts: {', '.join(dict.fromkeys(others))}."
    return text.strip()


def credentials(method: str, record_id: str) -> list[dict[str, Any]]:
    """One entry per credential `method` takes, named after the record id (STRIPE_API_KEY)."""
    prefix = re.sub(r"[^A-Z0-9]+", "_", record_id.upper()).strip("_")
    prefix = prefix if prefix[:1].isalpha() else f"API_{prefix}"
    return [
        {
            "env_var": f"{prefix}_{suffix}",
            "description": todo_text("what it grants; rename the variable to match our config"),
            "secret": secret,
            "scope": "backend",
            "obtain": todo_text("where to get it, e.g. the provider's dashboard page"),
        }
        for suffix, secret in _CREDENTIALS.get(method, [])
    ]
