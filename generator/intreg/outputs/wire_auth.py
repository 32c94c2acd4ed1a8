"""How credentials go on the wire for one endpoint: the one answer the stub, the curl samples,
the mock and contract runs all use (issue 17).

`credentials_on_wire(record, endpoint)` gives the placements a request to `endpoint` carries:
a header, query parameter or cookie; a {name} path segment (Telegram's /bot{token}/); a body
field (Mailchimp Transactional's `key`); HTTP Basic; a bearer token; an AWS SigV4 signature; or
nothing for a public endpoint. A token endpoint (`auth: client`) carries the client id and
secret as `auth.token.client_auth` says.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from intreg.records.auth import Auth, AuthLocation, AuthMethod, ClientAuth, SigV4
from intreg.records.endpoint import Endpoint, EndpointAuth
from intreg.records.model import Integration
from intreg.records.sent_credentials import sends_basic, sent_credentials


class Carrier(StrEnum):
    HEADER = "header"  # name: value, with an optional scheme word before the value
    QUERY = "query"
    COOKIE = "cookie"
    PATH = "path"  # the {name} segment of the path
    BODY = "body"  # the field `name` of a JSON or form body
    BASIC = "basic"  # Authorization: Basic base64(user:password)
    BEARER = "bearer"  # Authorization: Bearer token
    SIGV4 = "sigv4"  # Authorization: AWS4-HMAC-SHA256 ..., signed per request
    SIGNED = "signed"  # another request signature, which intreg cannot compute


# OpenAPI securitySchemes keys, so a stub's scheme names stay stable.
SCHEME_NAMES: dict[AuthMethod, str] = {
    AuthMethod.API_KEY: "apiKey",
    AuthMethod.OAUTH2: "oauth2",
    AuthMethod.JWT: "bearerJwt",
    AuthMethod.BASIC: "basicAuth",
    AuthMethod.HMAC: "signature",
    AuthMethod.AWS_SIGV4: "awsSigv4",
}
CLIENT_SCHEME = "oauth2Client"  # the token endpoint's HTTP Basic client authentication


@dataclass(frozen=True)
class Placement:
    """One credential on the wire: where it goes, under which name, filled from which
    variables. For Basic, `env_vars` is (user, password), (password,) with a fixed `user`, or
    (user,) with `empty_password`."""

    carrier: Carrier
    name: str
    env_vars: tuple[str, ...]
    scheme: str | None  # its securitySchemes key; None where OpenAPI has no scheme (path, body)
    prefix: str = ""  # a header's scheme word and space, e.g. "Token "
    user: str | None = None
    empty_password: bool = False
    sigv4: SigV4 | None = None

    def basic_pair(self, values: tuple[str, ...]) -> tuple[str, str]:
        """(user, password) for the variables' `values`."""
        if self.user is not None:
            return self.user, values[0]
        if self.empty_password:
            return values[0], ""
        return values[0], values[1]


def credentials_on_wire(record: Integration, endpoint: Endpoint) -> tuple[Placement, ...]:
    """Every credential a request to `endpoint` carries, in order (none for a public one)."""
    if endpoint.auth == EndpointAuth.NONE:
        return ()
    if endpoint.auth == EndpointAuth.CLIENT:
        return client_placements(record.auth)
    found = default_placement(record)
    if found is None:
        return ()
    if endpoint.credential is not None and found.carrier in TOKEN_CARRIERS:
        # Its own scheme, so the stub says which variable fills it (x-intreg-credentials).
        scheme = f"{found.scheme}_{endpoint.credential}" if found.scheme else None
        return (replace(found, env_vars=(endpoint.credential,), scheme=scheme),)
    return (found,)


# Carriers of one token, which an endpoint can fill from another variable (endpoint.credential).
TOKEN_CARRIERS = (
    Carrier.HEADER,
    Carrier.QUERY,
    Carrier.COOKIE,
    Carrier.PATH,
    Carrier.BODY,
    Carrier.BEARER,
)


def default_placement(record: Integration) -> Placement | None:
    """How the record's calls authenticate unless an endpoint says otherwise."""
    auth = record.auth
    if auth.method == AuthMethod.NONE:
        return None
    env_vars = sent_credentials(record)
    scheme = SCHEME_NAMES[auth.method]
    if auth.method == AuthMethod.AWS_SIGV4:
        return Placement(Carrier.SIGV4, "Authorization", env_vars, scheme, sigv4=auth.sigv4)
    if sends_basic(auth):
        return _basic(auth, env_vars, scheme)
    if auth.method == AuthMethod.HMAC:
        return Placement(Carrier.SIGNED, auth.name or "Authorization", env_vars, scheme)
    return _token(auth, env_vars, scheme)


def client_placements(auth: Auth) -> tuple[Placement, ...]:
    """How the token endpoint takes the client id and secret."""
    token = auth.token
    if token is None:
        return ()
    if token.client_auth == ClientAuth.BASIC:
        pair = (token.client_id, token.client_secret)
        return (Placement(Carrier.BASIC, "Authorization", pair, CLIENT_SCHEME),)
    carrier = Carrier.BODY if token.client_auth == ClientAuth.BODY else Carrier.QUERY
    return (
        Placement(carrier, token.client_id_field, (token.client_id,), None),
        Placement(carrier, token.client_secret_field, (token.client_secret,), None),
    )


def _basic(auth: Auth, env_vars: tuple[str, ...], scheme: str) -> Placement:
    basic = auth.basic
    if basic is None:  # the user name and password found by sent_credentials' rule
        return Placement(Carrier.BASIC, "Authorization", env_vars, scheme)
    return Placement(
        Carrier.BASIC,
        "Authorization",
        env_vars,
        scheme,
        user=basic.user,
        empty_password=basic.password_env is None,
    )


def _token(auth: Auth, env_vars: tuple[str, ...], scheme: str) -> Placement:
    location = auth.location or AuthLocation.HEADER
    name = auth.name or "Authorization"
    if location == AuthLocation.HEADER:
        word = auth.scheme or ("Bearer" if auth.method != AuthMethod.API_KEY else "")
        if name == "Authorization" and word.lower() == "bearer":
            return Placement(Carrier.BEARER, name, env_vars, scheme)
        return Placement(Carrier.HEADER, name, env_vars, scheme, prefix=f"{word} " if word else "")
    carrier = Carrier(location.value)
    in_openapi = carrier in (Carrier.QUERY, Carrier.COOKIE)
    return Placement(carrier, name, env_vars, scheme if in_openapi else None)
