"""How a record's credentials authenticate a call: the scheme, and the values it sends.

Which variables hold them is intreg.records.sent_credentials' rule, which validate checks.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from intreg.outputs.security import SCHEME_NAMES, security_scheme
from intreg.records.auth import AuthMethod
from intreg.records.errors import IntregError
from intreg.records.model import Integration
from intreg.records.sent_credentials import sent_credentials


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
    env_vars = sent_credentials(record)
    if not env_vars:
        raise IntregError(
            f"{record.id}: auth.credentials names no backend secret for the {record.auth.method} "
            "credential"
        )
    return AuthPlan(name, scheme, env_vars)


def is_signed(record: Integration) -> bool:
    """True when requests must be signed (hmac): a plain credential cannot reach the real API."""
    return record.auth.method == AuthMethod.HMAC
