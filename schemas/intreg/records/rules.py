"""Rules one record must follow beyond field types; each returns findings, never raises."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from intreg.records.auth import Auth, AuthLocation, AuthMethod, CredentialScope
from intreg.records.auth_rules import check_auth_consistency
from intreg.records.cost_rules import check_fallback_scope, check_pricing
from intreg.records.endpoint import BODY_STYLES, STYLES_BY_LOCATION
from intreg.records.example_rules import check_examples
from intreg.records.field_path import FieldPath
from intreg.records.field_rules import check_body_fields
from intreg.records.findings import Finding
from intreg.records.link_rules import check_links
from intreg.records.record import LoadedRecord
from intreg.records.sent_credentials import sends_basic, sent_credentials

_PATH_PARAM = re.compile(r"\{([^{}]+)\}")


def check_auth(r: LoadedRecord) -> Iterator[Finding]:
    auth = r.record.auth
    if auth.method == AuthMethod.API_KEY:
        for field in ("location", "name"):
            if getattr(auth, field) is None:
                yield r.finding(
                    ("auth",),
                    "auth-incomplete",
                    f"api_key auth needs `{field}`",
                    "say where the key goes, e.g. location: header, name: X-API-Key",
                )
    if auth.method == AuthMethod.OAUTH2 and auth.token_url is None:
        yield r.finding(
            ("auth",),
            "auth-incomplete",
            "oauth2 auth needs `token_url`",
            "add the provider's token endpoint",
        )
    if auth.location == AuthLocation.QUERY and auth.scheme is not None:
        yield r.finding(
            ("auth", "scheme"),
            "auth-incomplete",
            "a scheme only applies to a header",
            "remove `scheme`",
        )
    if auth.method != AuthMethod.NONE and not auth.credentials:
        yield r.finding(
            ("auth",),
            "auth-incomplete",
            f"{auth.method} auth needs at least one entry in `credentials`",
            "name the environment variable that holds the credential",
        )
    # A secret scoped to the frontend is reported as such (check_credentials), and its fix may
    # be this one's too.
    frontend_secret = any(
        c.secret and c.scope == CredentialScope.FRONTEND for c in auth.credentials
    )
    unsent = auth.method != AuthMethod.NONE and not sent_credentials(r.record)
    if unsent and auth.credentials and not frontend_secret:
        yield r.finding(("auth", "credentials"), "auth-incomplete", *_unsent(auth))


def _unsent(auth: Auth) -> tuple[str, str]:
    """What to say when no credential would be sent (the mock and contract runs need one)."""
    if sends_basic(auth):
        return (
            "HTTP Basic auth needs a user name followed by a secret whose name says TOKEN, "
            "SECRET or PASSWORD",
            "list the user-name variable, then the password with `secret: true`",
        )
    return (
        f"{auth.method} auth needs a backend secret to send, other than a webhook secret",
        "mark the variable that holds the key or token `secret: true` and `scope: backend`",
    )


def check_credentials(r: LoadedRecord) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, cred in enumerate(r.record.auth.credentials):
        where = ("auth", "credentials", i)
        if cred.env_var in seen:
            yield r.finding(
                (*where, "env_var"),
                "duplicate-env-var",
                f"`{cred.env_var}` is listed twice",
                "remove one entry",
            )
        seen.add(cred.env_var)
        if cred.secret and cred.scope == CredentialScope.FRONTEND:
            yield r.finding(
                (*where, "scope"),
                "secret-in-frontend",
                f"`{cred.env_var}` is secret but scoped to the frontend",
                "API keys must never be exposed in front-end code: use scope: "
                "backend and call the provider from the server",
            )
        if cred.secret and cred.placeholder is not None:
            yield r.finding(
                (*where, "placeholder"),
                "secret-placeholder",
                "a secret credential cannot have a placeholder value",
                "remove `placeholder`; templates leave secrets empty",
            )
        if cred.last_rotated is not None and cred.rotation is None:
            yield r.finding(
                (*where, "last_rotated"),
                "rotation-missing",
                "`last_rotated` is set but `rotation` is not",
                "add how often it must be rotated, e.g. rotation: P90D",
            )


def check_webhooks(r: LoadedRecord) -> Iterator[Finding]:
    if r.record.webhooks is None:
        return
    declared = {c.env_var for c in r.record.auth.credentials}
    for i, name in enumerate(r.record.webhooks.env_vars):
        if name not in declared:
            yield r.finding(
                ("webhooks", "env_vars", i),
                "undeclared-env-var",
                f"`{name}` is not declared in auth.credentials",
                "add it to auth.credentials with a description and secret flag",
            )


def check_endpoints(r: LoadedRecord) -> Iterator[Finding]:
    seen_routes: set[tuple[str, str]] = set()
    seen_ids: set[str] = set()
    for i, ep in enumerate(r.record.endpoints):
        where: FieldPath = ("endpoints", i)
        route = (ep.method.value, _PATH_PARAM.sub("{}", ep.path))
        if route in seen_routes:
            yield r.finding(
                (*where, "path"),
                "duplicate-endpoint",
                f"{ep.method} {ep.path} is listed twice",
                "merge the two entries",
            )
        seen_routes.add(route)
        if ep.operation_id is not None:
            if ep.operation_id in seen_ids:
                yield r.finding(
                    (*where, "operation_id"),
                    "duplicate-operation-id",
                    f"operation_id `{ep.operation_id}` is used twice",
                    "give each endpoint its own operation_id",
                )
            seen_ids.add(ep.operation_id)
        yield from _check_parameters(r, i)
        if ep.request is not None and ep.request.style not in (None, *BODY_STYLES):
            yield r.finding(
                (*where, "request", "style"),
                "style-not-allowed",
                f"style `{ep.request.style}` cannot be used for a request body",
                "use one of: " + ", ".join(f"`{s}`" for s in BODY_STYLES),
            )


def _check_parameters(r: LoadedRecord, index: int) -> Iterator[Finding]:
    ep = r.record.endpoints[index]
    where: FieldPath = ("endpoints", index)
    in_path = _PATH_PARAM.findall(ep.path)
    declared = {p.name: j for j, p in enumerate(ep.parameters) if p.location == "path"}
    auth = r.record.auth
    carried = auth.name if auth.location == AuthLocation.PATH else None  # the stub declares it
    for name in in_path:
        if name not in declared and name != carried:
            yield r.finding(
                (*where, "path"),
                "undeclared-path-parameter",
                f"path parameter `{name}` has no entry in `parameters`",
                f"add `- name: {name}` with `location: path` and `required: true`",
            )
    seen: set[tuple[str, str]] = set()
    for j, param in enumerate(ep.parameters):
        key = (param.name, param.location.value)
        if key in seen:
            yield r.finding(
                (*where, "parameters", j),
                "duplicate-parameter",
                f"{param.location} parameter `{param.name}` is listed twice",
                "remove one entry",
            )
        seen.add(key)
        if param.location == "path" and param.name not in in_path:
            yield r.finding(
                (*where, "parameters", j, "name"),
                "unused-path-parameter",
                f"`{param.name}` is not a {{placeholder}} in `{ep.path}`",
                "fix the name, or change `location`",
            )
        allowed = STYLES_BY_LOCATION[param.location.value]
        if param.style is not None and param.style not in allowed:
            yield r.finding(
                (*where, "parameters", j, "style"),
                "style-not-allowed",
                f"style `{param.style}` cannot be used for a {param.location} parameter",
                "use one of: " + ", ".join(f"`{s}`" for s in allowed),
            )
        if param.location == "path" and not param.required:
            yield r.finding(
                (*where, "parameters", j),
                "optional-path-parameter",
                f"path parameter `{param.name}` must be required",
                "add `required: true`",
            )


def check_rate_limits(r: LoadedRecord) -> Iterator[Finding]:
    for i, limit in enumerate(r.record.rate_limits):
        where = ("rate_limits", i)
        if limit.limit is None and limit.notes is None:
            yield r.finding(
                where,
                "rate-limit-unexplained",
                "a rate limit without a figure must explain why in `notes`",
                "add the figure, or notes saying what the provider publishes",
            )
        if limit.limit is not None and limit.period is None:
            yield r.finding(
                where,
                "rate-limit-incomplete",
                "`limit` needs a `period`",
                "add period: second, minute, hour, day or month",
            )
        if limit.expected_peak is not None and limit.limit is None:
            yield r.finding(
                (*where, "expected_peak"),
                "rate-limit-incomplete",
                "`expected_peak` needs a `limit` to compare with",
                "remove expected_peak, or add the limit",
            )


def check_errors(r: LoadedRecord) -> Iterator[Finding]:
    for i, case in enumerate(r.record.errors):
        if case.status is None and case.code is None:
            yield r.finding(
                ("errors", i),
                "error-unidentified",
                "an error needs a `status`, a `code` or both",
                "add the HTTP status or the provider's error code",
            )


def check_dates(r: LoadedRecord) -> Iterator[Finding]:
    v = r.record.versioning
    if v and v.deprecated_on and v.sunset_on and v.sunset_on < v.deprecated_on:
        yield r.finding(
            ("versioning", "sunset_on"),
            "sunset-before-deprecation",
            f"sunset_on {v.sunset_on} is before deprecated_on {v.deprecated_on}",
            "check both dates against the provider's announcement",
        )
    cost = r.record.cost
    if cost and cost.monthly_estimate is not None and cost.estimated_on is None:
        yield r.finding(
            ("cost", "monthly_estimate"),
            "estimate-undated",
            "a monthly estimate needs the date it was made",
            "add estimated_on: YYYY-MM-DD",
        )


def check_fallback(r: LoadedRecord) -> Iterator[Finding]:
    fallback = r.record.fallback
    if fallback and fallback.integration == r.record.id:
        yield r.finding(
            ("fallback", "integration"),
            "fallback-to-self",
            "an integration cannot fall back to itself",
            "name another record's id, or remove `integration`",
        )


RULES: list[Callable[[LoadedRecord], Iterator[Finding]]] = [
    check_auth,
    check_auth_consistency,
    check_credentials,
    check_webhooks,
    check_endpoints,
    check_rate_limits,
    check_errors,
    check_dates,
    check_fallback,
    check_fallback_scope,
    check_pricing,
    check_examples,
    check_body_fields,
    check_links,
]


def check_record(r: LoadedRecord) -> list[Finding]:
    """Every rule's findings for one record."""
    return [finding for rule in RULES for finding in rule(r)]
