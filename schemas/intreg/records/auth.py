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
    AWS_SIGV4 = "aws_sigv4"
    NONE = "none"


class AuthLocation(StrEnum):
    HEADER = "header"
    QUERY = "query"
    COOKIE = "cookie"
    PATH = "path"  # a {name} segment of every path (Telegram's /bot{token}/)
    BODY = "body"  # a field of every request body (Mailchimp Transactional's "key")


class Grant(StrEnum):
    CLIENT_CREDENTIALS = "client_credentials"
    AUTHORIZATION_CODE = "authorization_code"


class ClientAuth(StrEnum):
    BASIC = "basic"
    BODY = "body"
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


class BasicAuth(Part):
    """Which values make the HTTP Basic user name and password."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["user"], "not": {"required": ["user_env"]}},
                {"required": ["user_env"], "not": {"required": ["user"]}},
            ]
        }
    )

    user: Text | None = Field(
        default=None,
        description="A fixed user name the provider prescribes (e.g. api); the key is then "
        "the password.",
        examples=["api"],
    )
    user_env: EnvVarName | None = Field(
        default=None,
        description="The credential sent as the user name (e.g. an account or key id).",
        examples=["TWILIO_API_KEY_SID"],
    )
    password_env: EnvVarName | None = Field(
        default=None,
        description="The credential sent as the password; absent: the password is empty (a key "
        "sent as the user name, as Stripe takes it).",
        examples=["TWILIO_API_KEY_SECRET"],
    )


class SigV4(Part):
    """AWS Signature Version 4: what is signed for, and the key pair that signs."""

    service: Text = Field(
        description="The signing name in the credential scope (ses for SES, not email).",
        examples=["ses"],
    )
    region: Text = Field(description="The Region in the credential scope.", examples=["us-east-1"])
    access_key_id: EnvVarName = Field(
        description="The credential holding the access key id.", examples=["AWS_ACCESS_KEY_ID"]
    )
    secret_access_key: EnvVarName = Field(
        description="The credential holding the secret access key that signs.",
        examples=["AWS_SECRET_ACCESS_KEY"],
    )


class AccessToken(Part):
    """The short-lived token calls carry, and how it is obtained from auth.token_url."""

    env_var: EnvVarName = Field(
        description="The credential that holds the access token calls send.",
        examples=["PAYPAL_ACCESS_TOKEN"],
    )
    grant: Grant = Field(
        description="How the token is obtained: client_credentials (our client id and secret "
        "at the token endpoint) or authorization_code (a person consents).",
    )
    client_id: EnvVarName = Field(description="The credential holding the client id.")
    client_secret: EnvVarName = Field(description="The credential holding the client secret.")
    client_auth: ClientAuth = Field(
        default=ClientAuth.BASIC,
        description="How the token endpoint takes the client id and secret: basic (HTTP Basic), "
        "body (form fields) or query (query parameters).",
    )
    client_id_field: Text = Field(
        default="client_id",
        description="The field or parameter name of the client id (body and query).",
        examples=["appid"],
    )
    client_secret_field: Text = Field(
        default="client_secret",
        description="The field or parameter name of the client secret (body and query).",
        examples=["secret"],
    )


class Auth(Part):
    """How requests are authenticated."""

    # What rules.check_auth refuses, but for the credential a call sends (issue 16).
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                when(equals("method", "api_key"), present("location", "name")),
                when(equals("method", "oauth2"), present("token_url")),
                when(equals("method", "aws_sigv4"), present("sigv4")),
                when(present("token"), present("token_url")),
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
        default=None,
        description="Where the key or token is sent: header, query, cookie, path (a {name} "
        "segment of every path) or body (a field of every request body).",
    )
    name: Text | None = Field(
        default=None,
        description="Name of the header, query parameter, cookie, path parameter or body field "
        "that carries the credential.",
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
    basic: BasicAuth | None = Field(
        default=None,
        description="For HTTP Basic: which credentials (or fixed user) make the user and password.",
    )
    sigv4: SigV4 | None = Field(
        default=None, description="For aws_sigv4: the signing name, Region and key pair."
    )
    token: AccessToken | None = Field(
        default=None,
        description="For a short-lived access token: its variable and how it is obtained.",
    )
    credentials: list[Credential] = Field(
        default_factory=list, description="Environment variables this integration reads."
    )
    source: Url | None = Field(default=None, description="Provider page documenting the auth.")
