"""OpenAPI security schemes and requirements from where a record's credentials go on the wire.

Each scheme names the variables that fill it (`x-intreg-credentials`), so the stub alone tells
the mock what to accept. A credential OpenAPI has no scheme for (a path segment, a body field)
is declared on that parameter or field instead (intreg.outputs.openapi).
"""

from __future__ import annotations

from typing import Any

from intreg.outputs.wire_auth import (
    CLIENT_SCHEME,
    Carrier,
    Placement,
    credentials_on_wire,
    default_placement,
)
from intreg.records.auth import Auth, AuthMethod
from intreg.records.model import Integration

CREDENTIALS_KEY = "x-intreg-credentials"
# AWS API Gateway's documented extension for a SigV4 authorizer, so tools that know it read it.
SIGV4_AUTHTYPE = {"x-amazon-apigateway-authtype": "awsSigv4"}


def security_schemes(record: Integration) -> dict[str, dict[str, Any]]:
    """The securitySchemes of the stub: every scheme an endpoint uses, default first."""
    schemes: dict[str, dict[str, Any]] = {}
    default = default_placement(record)
    for placement in [default] if default is not None else []:
        _add_scheme(schemes, record.auth, placement)
    for endpoint in record.endpoints:
        for placement in credentials_on_wire(record, endpoint):
            _add_scheme(schemes, record.auth, placement)
    return schemes


def requirement(auth: Auth, placements: tuple[Placement, ...]) -> list[dict[str, list[str]]]:
    """The `security` list for these placements: one option needing all their schemes; [] when
    no OpenAPI scheme applies (a public endpoint, or a path or body credential)."""
    option = {p.scheme: _scopes(auth, p) for p in placements if p.scheme is not None}
    return [option] if option else []


def _add_scheme(schemes: dict[str, dict[str, Any]], auth: Auth, placement: Placement) -> None:
    if placement.scheme is not None and placement.scheme not in schemes:
        schemes[placement.scheme] = scheme_of(auth, placement)


def _scopes(auth: Auth, placement: Placement) -> list[str]:
    oauth = auth.method == AuthMethod.OAUTH2 and placement.carrier == Carrier.BEARER
    return list(auth.scopes) if oauth and placement.scheme != CLIENT_SCHEME else []


def scheme_of(auth: Auth, placement: Placement) -> dict[str, Any]:
    """The securitySchemes entry for `placement`."""
    filled = ", ".join(f"${name}" for name in placement.env_vars)
    description = _description(auth, placement) + (f"\n\nFilled from {filled}." if filled else "")
    extra: dict[str, Any] = {CREDENTIALS_KEY: list(placement.env_vars)}
    carrier = placement.carrier
    if carrier == Carrier.BASIC:
        if placement.user is not None:
            extra["x-intreg-user"] = placement.user
        if placement.empty_password:
            extra["x-intreg-empty-password"] = True
        return {"type": "http", "scheme": "basic", "description": description, **extra}
    if carrier == Carrier.BEARER and auth.method == AuthMethod.OAUTH2:
        return {"type": "oauth2", "description": description, "flows": _flows(auth), **extra}
    if carrier == Carrier.BEARER:
        jwt = {"bearerFormat": "JWT"} if auth.method == AuthMethod.JWT else {}
        return {"type": "http", "scheme": "bearer", **jwt, "description": description, **extra}
    scheme: dict[str, Any] = {
        "type": "apiKey",
        "in": carrier.value if carrier in (Carrier.QUERY, Carrier.COOKIE) else "header",
        "name": placement.name,
        "description": description,
        **extra,
    }
    if placement.prefix:
        scheme["x-intreg-prefix"] = placement.prefix
    if carrier == Carrier.SIGV4 and placement.sigv4 is not None:
        sigv4 = placement.sigv4
        scheme.update(SIGV4_AUTHTYPE)
        scheme["x-intreg-sigv4"] = {"service": sigv4.service, "region": sigv4.region}
    return scheme


def _description(auth: Auth, placement: Placement) -> str:
    if placement.scheme == CLIENT_SCHEME:
        return (
            "The token endpoint's client authentication: HTTP Basic with the client id as the "
            "user name and the client secret as the password."
        )
    if placement.carrier == Carrier.SIGV4 and placement.sigv4 is not None:
        scope = f"{placement.sigv4.region}/{placement.sigv4.service}"
        return (
            f"AWS Signature Version 4 (AWS4-HMAC-SHA256, credential scope <day>/{scope}/"
            "aws4_request): each request is signed with the key pair; the Authorization header "
            "is not a static key.\n\n" + (auth.description or "")
        ).strip()
    return auth.description or f"{auth.method} authentication."


def _flows(auth: Auth) -> dict[str, Any]:
    scopes = dict(auth.scopes)
    if auth.authorization_url is not None:
        return {
            "authorizationCode": {
                "authorizationUrl": auth.authorization_url,
                "tokenUrl": auth.token_url,
                "scopes": scopes,
            }
        }
    return {"clientCredentials": {"tokenUrl": auth.token_url, "scopes": scopes}}
