"""Rules that keep a record's auth consistent: each part names declared credentials, and every
endpoint can carry the credential where the auth section says it goes (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator

from intreg.records.auth import Auth, AuthLocation, AuthMethod, Grant
from intreg.records.endpoint import DataFormat, Endpoint, EndpointAuth
from intreg.records.field_path import FieldPath
from intreg.records.findings import Finding
from intreg.records.record import LoadedRecord

CODE = "auth-inconsistent"
_BODY_FORMATS = (DataFormat.JSON, DataFormat.FORM)
_TOKEN_METHODS = (AuthMethod.API_KEY, AuthMethod.OAUTH2, AuthMethod.JWT)


def check_auth_consistency(r: LoadedRecord) -> Iterator[Finding]:
    """Findings for auth parts that do not fit the method, name undeclared variables, or that
    an endpoint cannot carry."""
    auth = r.record.auth
    yield from _check_parts(r, auth)
    yield from _check_variables(r, auth)
    yield from _check_endpoints(r, auth)


def _check_parts(r: LoadedRecord, auth: Auth) -> Iterator[Finding]:
    if auth.basic is not None and auth.method != AuthMethod.BASIC:
        yield r.finding(
            ("auth", "basic"), CODE, f"`basic` applies to method basic, not {auth.method}",
            "remove `basic`, or set `method: basic`",
        )  # fmt: skip
    if auth.sigv4 is not None and auth.method != AuthMethod.AWS_SIGV4:
        yield r.finding(
            ("auth", "sigv4"), CODE, f"`sigv4` applies to method aws_sigv4, not {auth.method}",
            "remove `sigv4`, or set `method: aws_sigv4`",
        )  # fmt: skip
    if auth.method == AuthMethod.AWS_SIGV4 and auth.sigv4 is None:
        yield r.finding(
            ("auth",), CODE, "aws_sigv4 auth needs `sigv4` (service, region and the key pair)",
            "add sigv4: {service: ses, region: us-east-1, access_key_id: AWS_ACCESS_KEY_ID, "
            "secret_access_key: AWS_SECRET_ACCESS_KEY}",
        )  # fmt: skip
    if auth.token is not None and auth.method not in _TOKEN_METHODS:
        yield r.finding(
            ("auth", "token"), CODE, f"`token` applies to a sent token, not to {auth.method}",
            "remove `token`",
        )  # fmt: skip
    in_request = auth.location in (AuthLocation.PATH, AuthLocation.BODY, AuthLocation.COOKIE)
    if in_request and auth.method not in _TOKEN_METHODS:
        yield r.finding(
            ("auth", "location"), CODE,
            f"a {auth.method} credential cannot go in the {auth.location}",
            "use location path, body or cookie with api_key, oauth2 or jwt",
        )  # fmt: skip
    if auth.location not in (None, AuthLocation.HEADER, AuthLocation.QUERY) and auth.scheme:
        yield r.finding(
            ("auth", "scheme"), CODE, "a scheme only applies to a header", "remove `scheme`"
        )
    if (
        auth.location in (AuthLocation.PATH, AuthLocation.BODY, AuthLocation.COOKIE)
        and not auth.name
    ):
        yield r.finding(
            ("auth",), CODE, f"a credential in the {auth.location} needs `name`",
            "name the path parameter, body field or cookie, e.g. name: token",
        )  # fmt: skip


def _check_variables(r: LoadedRecord, auth: Auth) -> Iterator[Finding]:
    declared = {c.env_var for c in auth.credentials}
    named: list[tuple[FieldPath, str | None]] = []
    if auth.basic is not None:
        named += [(("auth", "basic", "user_env"), auth.basic.user_env)]
        named += [(("auth", "basic", "password_env"), auth.basic.password_env)]
    if auth.sigv4 is not None:
        named += [(("auth", "sigv4", "access_key_id"), auth.sigv4.access_key_id)]
        named += [(("auth", "sigv4", "secret_access_key"), auth.sigv4.secret_access_key)]
    if auth.token is not None:
        for field in ("env_var", "client_id", "client_secret"):
            named.append((("auth", "token", field), getattr(auth.token, field)))
    for where, name in named:
        if name is not None and name not in declared:
            yield r.finding(
                where, CODE, f"{name} is not declared in auth.credentials",
                f"add `- env_var: {name}` to auth.credentials, or name a declared variable",
            )  # fmt: skip


def _check_endpoints(r: LoadedRecord, auth: Auth) -> Iterator[Finding]:
    token_endpoints = []
    for i, ep in enumerate(r.record.endpoints):
        where: FieldPath = ("endpoints", i)
        if ep.auth == EndpointAuth.CLIENT:
            token_endpoints.append(i)
            if auth.token is None:
                yield r.finding(
                    (*where, "auth"), CODE, "`auth: client` needs auth.token (the client id "
                    "and secret, and how the token endpoint takes them)", "add auth.token",
                )  # fmt: skip
            elif auth.token_url is not None and _url(r, ep) != auth.token_url:
                yield r.finding(
                    (*where, "path"), CODE,
                    f"the token endpoint is {_url(r, ep)}, but auth.token_url is {auth.token_url}",
                    "make auth.token_url the token endpoint's full URL",
                )  # fmt: skip
        if ep.auth is None and auth.method != AuthMethod.NONE:
            yield from _check_carrier(r, auth, ep, where)
        if ep.credential is not None:
            yield from _check_credential(r, auth, ep, where)
    token = auth.token
    if token is not None and token.grant == Grant.CLIENT_CREDENTIALS and not token_endpoints:
        yield r.finding(
            ("auth", "token", "grant"), CODE,
            "a client_credentials token needs its token endpoint among the endpoints",
            "add the token endpoint with `auth: client`, so mocks and contract runs obtain it",
        )  # fmt: skip


def _check_carrier(
    r: LoadedRecord, auth: Auth, ep: Endpoint, where: FieldPath
) -> Iterator[Finding]:
    if auth.location == AuthLocation.PATH and auth.name and f"{{{auth.name}}}" not in ep.path:
        yield r.finding(
            (*where, "path"), CODE,
            f"the credential goes in the path as {{{auth.name}}}, which `{ep.path}` lacks",
            f"add {{{auth.name}}} to the path, or `auth: none` for a public endpoint",
        )  # fmt: skip
    if auth.location == AuthLocation.BODY:
        body = ep.request
        fmt = (body.format if body is not None else None) or r.record.api.request_format
        if body is None or fmt not in _BODY_FORMATS:
            yield r.finding(
                where, CODE,
                f"the credential goes in the body as `{auth.name}`, but {ep.method} {ep.path} "
                "sends no JSON or form body",
                "add the request body, or `auth: none` for a public endpoint",
            )  # fmt: skip


def _check_credential(
    r: LoadedRecord, auth: Auth, ep: Endpoint, where: FieldPath
) -> Iterator[Finding]:
    declared = {c.env_var for c in auth.credentials}
    if ep.credential not in declared:
        yield r.finding(
            (*where, "credential"), CODE, f"{ep.credential} is not declared in auth.credentials",
            f"add `- env_var: {ep.credential}` to auth.credentials",
        )  # fmt: skip
    single = auth.method in _TOKEN_METHODS and auth.basic is None
    if ep.auth is not None or not single:
        yield r.finding(
            (*where, "credential"), CODE,
            "`credential` replaces the token a call sends; this endpoint sends "
            + ("no token" if ep.auth is not None else f"{auth.method} credentials"),
            "remove `credential`",
        )  # fmt: skip


def _url(r: LoadedRecord, ep: Endpoint) -> str:
    return (ep.server or r.record.api.base_url).rstrip("/") + ep.path
