"""The auth section: how requests are authenticated and which credentials that takes."""

from __future__ import annotations

from enum import StrEnum

from pydantic import ConfigDict, Field

from intreg.records.types import (
    Cadence,
    Day,
    EnvValue,
    EnvVarName,
    Flag,
    Markdown,
    Part,
    Text,
    Url,
    equals,
    present,
    when,
)


class AuthMethod(StrEnum):
    API_KEY = "api_key"
    OAUTH2 = "oauth2"
    JWT = "jwt"
    BASIC = "basic"
    HMAC = "hmac"
    NONE = "none"


class AuthLocation(StrEnum):
    HEADER = "header"
    QUERY = "query"


class CredentialScope(StrEnum):
    BACKEND = "backend"
    FRONTEND = "frontend"


class Credential(Part):
    """One credential or setting, named by its environment variable; never its value."""

    # What rules.check_credentials refuses, for editors too (issue 16).
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                when(
                    equals("secret", True),
                    {
                        "properties": {
                            "scope": {"not": {"const": "frontend"}},
                            "placeholder": {"type": "null"},
                        }
                    },
                ),
                when(present("last_rotated"), present("rotation")),
            ]
        }
    )

    env_var: EnvVarName = Field(
        description="Name of the environment variable that holds the value (never the value).",
        examples=["STRIPE_SECRET_KEY"],
    )
    description: Text = Field(description="What the value is and what it grants.")
    secret: Flag = Field(
        description="True when the value must be kept secret (keys, tokens, passwords)."
    )
    scope: CredentialScope = Field(
        description="Where the value is used: backend, or frontend (public values only)."
    )
    obtain: Text | None = Field(
        default=None, description="Where to get the value, e.g. the dashboard page."
    )
    rotation: Cadence | None = Field(
        default=None,
        description="How often the value must be rotated: monthly, quarterly, annual or ISO 8601.",
    )
    last_rotated: Day | None = Field(
        default=None, description="When the value was last rotated (YYYY-MM-DD)."
    )
    shared: Flag = Field(
        default=False,
        description="True when other records use the same variable on purpose; each must say so.",
    )
    placeholder: EnvValue | None = Field(
        default=None,
        description="A harmless value for .env templates, for non-secret settings only: one "
        "line, without $, ` or \\.",
        examples=["us-east-1"],
    )


class Auth(Part):
    """How requests are authenticated."""

    # What rules.check_auth refuses, but for the credential a call sends (issue 16).
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                when(equals("method", "api_key"), present("location", "name")),
                when(equals("method", "oauth2"), present("token_url")),
                when(equals("location", "query"), {"properties": {"scheme": {"type": "null"}}}),
                {
                    "if": equals("method", "none"),
                    "else": {
                        "required": ["credentials"],
                        "properties": {"credentials": {"minItems": 1}},
                    },
                },
            ]
        }
    )

    method: AuthMethod = Field(description="The authentication method.")
    location: AuthLocation | None = Field(
        default=None, description="Where the key or token is sent: header or query."
    )
    name: Text | None = Field(
        default=None,
        description="Name of the header or query parameter that carries the credential.",
        examples=["Authorization", "X-API-Key"],
    )
    scheme: Text | None = Field(
        default=None,
        description="Scheme word before the token in the header, e.g. Bearer or Basic.",
        examples=["Bearer"],
    )
    token_url: Url | None = Field(default=None, description="OAuth 2 token endpoint.")
    authorization_url: Url | None = Field(
        default=None, description="OAuth 2 authorization endpoint (authorization-code flow)."
    )
    scopes: dict[str, Text] = Field(
        default_factory=dict, description="OAuth 2 scopes we request, each with what it grants."
    )
    description: Markdown | None = Field(
        default=None, description="How to authenticate, in Markdown (signing steps, caveats)."
    )
    credentials: list[Credential] = Field(
        default_factory=list, description="Environment variables this integration reads."
    )
    source: Url | None = Field(default=None, description="Provider page documenting the auth.")
