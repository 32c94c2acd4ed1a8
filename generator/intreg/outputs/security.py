"""OpenAPI security schemes from a record's auth section."""

from __future__ import annotations

from typing import Any

from intreg.records.auth import Auth, AuthLocation, AuthMethod

SCHEME_NAMES: dict[AuthMethod, str] = {
    AuthMethod.API_KEY: "apiKey",
    AuthMethod.OAUTH2: "oauth2",
    AuthMethod.JWT: "bearerJwt",
    AuthMethod.BASIC: "basicAuth",
    AuthMethod.HMAC: "signature",
}


def security_scheme(auth: Auth) -> dict[str, Any] | None:
    """The securitySchemes entry for `auth`, or None when the API needs no auth."""
    description = auth.description or f"{auth.method} authentication."
    if auth.method == AuthMethod.NONE:
        return None
    if auth.method == AuthMethod.OAUTH2:
        return {"type": "oauth2", "description": description, "flows": _oauth_flows(auth)}
    if auth.method == AuthMethod.JWT:
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": description,
        }
    if auth.method == AuthMethod.BASIC:
        return {"type": "http", "scheme": "basic", "description": description}
    scheme = (auth.scheme or "").lower()
    in_header = auth.location != AuthLocation.QUERY
    if (
        in_header
        and (auth.name or "Authorization") == "Authorization"
        and scheme in ("bearer", "basic")
    ):
        return {"type": "http", "scheme": scheme, "description": description}
    # An API key in a custom header or query parameter, or an HMAC signature header
    # (OpenAPI has no scheme type for request signing, so it is described instead).
    return {
        "type": "apiKey",
        "in": "query" if not in_header else "header",
        "name": auth.name or "Authorization",
        "description": description,
    }


def security_requirement(auth: Auth) -> list[dict[str, list[str]]]:
    """The top-level `security` list: the scheme with the scopes we request, or nothing."""
    if auth.method == AuthMethod.NONE:
        return []
    scopes = list(auth.scopes) if auth.method == AuthMethod.OAUTH2 else []
    return [{SCHEME_NAMES[auth.method]: scopes}]


def _oauth_flows(auth: Auth) -> dict[str, Any]:
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
