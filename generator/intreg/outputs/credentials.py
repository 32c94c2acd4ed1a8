"""Which of a record's credentials authenticate a call, and how they are sent.

The record names environment variables, not which of them is the token. The rule, kept simple
so it can be stated in the README: webhook secrets are left out; a token is the first backend
secret whose name says ACCESS_TOKEN or BEARER, else TOKEN (not a refresh token), else KEY, else
SECRET; for HTTP Basic the password is the first secret named TOKEN, SECRET or PASSWORD and the
user name is the credential listed just before it.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from intreg.outputs.security import SCHEME_NAMES, security_scheme
from intreg.records.auth import AuthMethod, Credential, CredentialScope
from intreg.records.errors import IntregError
from intreg.records.model import Integration

_TOKEN_RANKS = (("ACCESS_TOKEN", "BEARER"), ("TOKEN",), ("KEY",), ("SECRET",))
_PASSWORD_WORDS = ("TOKEN", "SECRET", "PASSWORD")


@dataclass(frozen=True)
class AuthPlan:
    """The security scheme to satisfy and the variables that hold its credential."""

    scheme_name: str
    scheme: Mapping[str, Any]
    env_vars: tuple[str, ...]

    @property
    def kind(self) -> str:
        """basic, bearer (http bearer and OAuth 2 tokens) or api_key."""
        if self.scheme.get("type") == "apiKey":
            return "api_key"
        return "basic" if self.scheme.get("scheme") == "basic" else "bearer"

    def dummy_values(self) -> tuple[str, ...]:
        """Harmless stand-in values, one per variable, for runs against the mock."""
        return tuple("mock-" + name.lower().replace("_", "-") for name in self.env_vars)

    def env_values(self, env: Mapping[str, str]) -> tuple[str, ...]:
        """The variables' values from `env`; IntregError naming any that is unset."""
        missing = [name for name in self.env_vars if not env.get(name)]
        if missing:
            raise IntregError(f"set {', '.join(missing)} (the credential for {self.scheme_name})")
        return tuple(env[name] for name in self.env_vars)

    def describe(self) -> str:
        """Where the credential goes and which variables fill it, e.g. `Authorization: Bearer
        $STRIPE_SECRET_KEY`."""
        names = [f"${name}" for name in self.env_vars]
        if self.kind == "api_key":
            return f"{self.scheme.get('in')} {self.scheme.get('name')}={names[0]}"
        if self.kind == "basic":
            return f"Authorization: Basic {':'.join(names)}"
        return f"Authorization: Bearer {names[0]}"

    def schemathesis_auth(self, values: tuple[str, ...]) -> dict[str, dict[str, str]]:
        """The `auth.openapi` table of a schemathesis configuration for these values."""
        if self.kind == "api_key":
            return {self.scheme_name: {"api_key": values[0]}}
        if self.kind == "basic":
            return {self.scheme_name: {"username": values[0], "password": values[1]}}
        return {self.scheme_name: {"bearer": values[0]}}

    def accepts(self, values: tuple[str, ...]) -> str:
        """The exact header or query value a server must receive for these values."""
        if self.kind == "api_key":
            return values[0]
        if self.kind == "basic":
            pair = f"{values[0]}:{values[1]}".encode()
            return "Basic " + base64.b64encode(pair).decode("ascii")
        return f"Bearer {values[0]}"


def plan_auth(record: Integration) -> AuthPlan | None:
    """How calls to `record`'s API authenticate, or None when it declares no auth."""
    scheme = security_scheme(record.auth)
    if scheme is None:
        return None
    name = SCHEME_NAMES[record.auth.method]
    webhook_vars = set(record.webhooks.env_vars) if record.webhooks is not None else set()
    candidates = [
        c
        for c in record.auth.credentials
        if c.scope == CredentialScope.BACKEND and c.env_var not in webhook_vars
    ]
    plan = AuthPlan(name, scheme, ())
    env_vars = _basic_pair(candidates) if plan.kind == "basic" else _token(candidates)
    if not env_vars:
        raise IntregError(
            f"{record.id}: auth.credentials names no backend secret for the {record.auth.method} "
            "credential"
        )
    return AuthPlan(name, scheme, env_vars)


def is_signed(record: Integration) -> bool:
    """True when requests must be signed (hmac): a plain credential cannot reach the real API."""
    return record.auth.method == AuthMethod.HMAC


def _token(candidates: list[Credential]) -> tuple[str, ...]:
    secrets = [c.env_var for c in candidates if c.secret]
    for words in _TOKEN_RANKS:
        for name in secrets:
            if any(w in name for w in words) and "REFRESH" not in name:
                return (name,)
    return tuple(secrets[:1])


def _basic_pair(candidates: list[Credential]) -> tuple[str, ...]:
    for index, credential in enumerate(candidates):
        words = any(w in credential.env_var for w in _PASSWORD_WORDS)
        if credential.secret and words and index > 0:
            return (candidates[index - 1].env_var, credential.env_var)
    return ()
