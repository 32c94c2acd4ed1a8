"""A spec's security schemes, mapped onto the record's auth methods (intreg.records.auth)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from intreg.specs.loader import Spec
from intreg.specs.operations import Operation
from intreg.specs.refs import as_mapping

# AWS request signing appears in converted specs as an apiKey with this extension.
_SIGNING_EXTENSION = "x-amazon-apigateway-authtype"
_FLOW_ORDER = ("clientCredentials", "authorizationCode", "password", "implicit")


@dataclass(frozen=True)
class AuthOption:
    """One way the spec lets a client authenticate; `method` None when the record cannot say."""

    scheme_name: str
    method: str | None
    location: str | None = None
    name: str | None = None
    scheme: str | None = None
    token_url: str | None = None
    authorization_url: str | None = None
    scopes: dict[str, str] = field(default_factory=dict)
    description: str | None = None

    def wire(self) -> tuple[str, ...]:
        """What goes over the wire, so equivalent record and spec methods compare equal."""
        return wire_key(self.method, self.location, self.name, self.scheme)


NO_AUTH = AuthOption("", "none")


def wire_key(
    method: str | None, location: str | None, name: str | None, scheme: str | None
) -> tuple[str, ...]:
    """("header", "authorization", "bearer") for a bearer key, a JWT or an OAuth 2 token."""
    if method in ("jwt", "oauth2"):
        # OAuth 2 access tokens travel as Bearer tokens (RFC 6750), like a JWT.
        return ("header", "authorization", "bearer")
    if method == "basic":
        return ("header", "authorization", "basic")
    if method == "api_key":
        return (location or "", (name or "").lower(), (scheme or "").lower())
    return (method or "unknown",)


def auth_options(spec: Spec, op: Operation, base_url: str = "") -> list[AuthOption] | None:
    """The alternatives `op` accepts, in spec order; None when the spec declares no security."""
    schemes = _schemes(spec)
    requirements = op.security
    if requirements is None:
        if not schemes:
            return None
        requirements = [{name: []} for name in schemes]
    options = []
    for requirement in requirements:
        if not isinstance(requirement, dict) or not requirement:
            options.append(NO_AUTH)
            continue
        name = str(next(iter(requirement)))
        scheme = schemes.get(name)
        if scheme is not None:
            options.append(map_scheme(name, scheme, base_url))
    return options or None


def required_scopes(op: Operation, scheme_name: str) -> list[str]:
    """The scopes `op` requires from `scheme_name`, in spec order."""
    scopes: list[str] = []
    for requirement in op.security or []:
        if isinstance(requirement, dict) and isinstance(requirement.get(scheme_name), list):
            scopes += [str(s) for s in requirement[scheme_name] if str(s) not in scopes]
    return scopes


def _schemes(spec: Spec) -> dict[str, dict[str, Any]]:
    components = spec.document.get("components")
    raw = components.get("securitySchemes") if isinstance(components, dict) else None
    if not isinstance(raw, dict):
        return {}
    resolved = {str(k): spec.resolver.deref(v) for k, v in raw.items()}
    return {k: v for k, v in resolved.items() if isinstance(v, dict)}


def map_scheme(name: str, scheme: dict[str, Any], base_url: str = "") -> AuthOption:
    """The record's view of one security scheme (see docs: README "Import and drift")."""
    kind = str(scheme.get("type") or "")
    described = _text(scheme.get("description"))
    if kind == "http":
        word = str(scheme.get("scheme") or "")
        if word.lower() == "basic":
            return AuthOption(name, "basic", description=described)
        if word.lower() == "bearer":
            if str(scheme.get("bearerFormat") or "").upper() == "JWT":
                return AuthOption(name, "jwt", description=described)
            word = "Bearer"
        return AuthOption(name, "api_key", "header", "Authorization", word, description=described)
    if kind == "apiKey":
        where = str(scheme.get("in") or "")
        signing = scheme.get(_SIGNING_EXTENSION)
        if str(signing).lower() == "awssigv4":  # AWS's own name for SigV4 (issue 17)
            return AuthOption(name, "aws_sigv4", "header", "Authorization", None, None)
        if signing is not None:
            return AuthOption(name, "hmac", "header", _text(scheme.get("name")), None, None)
        return AuthOption(name, "api_key", where, _text(scheme.get("name")), description=described)
    if kind in ("oauth2", "openIdConnect"):
        return _oauth(name, scheme, base_url, described)
    return AuthOption(name, None, description=described)


def _oauth(name: str, scheme: dict[str, Any], base_url: str, described: str | None) -> AuthOption:
    flows = as_mapping(scheme.get("flows"))
    flow = next((as_mapping(flows[f]) for f in _FLOW_ORDER if f in flows), {})
    scopes = as_mapping(flow.get("scopes"))
    return AuthOption(
        name,
        "oauth2",
        token_url=_absolute(flow.get("tokenUrl"), base_url),
        authorization_url=_absolute(flow.get("authorizationUrl"), base_url),
        scopes={str(k): str(v) for k, v in scopes.items()},
        description=described,
    )


def _absolute(url: Any, base_url: str) -> str | None:
    if not isinstance(url, str) or not url.strip():
        return None
    # PayPal gives tokenUrl as "/v1/oauth2/token", relative to the API's server.
    return urljoin(base_url, url) if "://" not in url and base_url else url


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
