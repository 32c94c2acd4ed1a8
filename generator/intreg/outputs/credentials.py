"""How a record's credentials authenticate calls: the variables to fill, and what schemathesis
and the mock get for their values.

Where each credential goes is intreg.outputs.wire_auth's answer; which variables hold them is
intreg.records.sent_credentials' rule (or the record's own auth.basic, auth.sigv4, auth.token),
which validate checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from intreg.outputs.wire_auth import (
    Carrier,
    Placement,
    credentials_on_wire,
    default_placement,
)
from intreg.records.auth import AuthMethod, Grant
from intreg.records.errors import IntregError
from intreg.records.model import Integration

# What schemathesis sends as a SigV4 "key"; the contract gate signs each request carrying it.
SIGV4_PLACEHOLDER = "intreg-sign-with-sigv4"


@dataclass(frozen=True)
class AuthPlan:
    """Every placement the record's endpoints use, the variables a caller must set, and the
    access-token variable a token endpoint fills (client credentials), if any."""

    placements: tuple[Placement, ...]
    env_vars: tuple[str, ...]
    issued: str | None = None

    @property
    def default(self) -> Placement:
        """The placement most endpoints use."""
        return self.placements[0]

    @property
    def all_vars(self) -> tuple[str, ...]:
        """The variables set by the caller, then the issued token's."""
        return self.env_vars + ((self.issued,) if self.issued else ())

    def dummy_values(self) -> tuple[str, ...]:
        """Harmless stand-in values, one per variable of `all_vars`, for runs against the mock."""
        return tuple(_dummy(name) for name in self.all_vars)

    def env_values(self, env: Mapping[str, str]) -> tuple[str, ...]:
        """The caller's variables' values from `env`; IntregError naming any that is unset."""
        missing = [name for name in self.env_vars if not env.get(name)]
        if missing:
            raise IntregError(f"set {', '.join(missing)} (the credentials the calls send)")
        return tuple(env[name] for name in self.env_vars)

    def describe(self) -> str:
        """Where the default credential goes and which variables fill it, e.g.
        `Authorization: Bearer $STRIPE_SECRET_KEY`."""
        return describe_placement(self.default)

    def schemathesis_auth(self, values: Mapping[str, str]) -> dict[str, dict[str, str]]:
        """The `auth.openapi` table of a schemathesis configuration, for variable `values`."""
        table: dict[str, dict[str, str]] = {}
        for p in self.placements:
            if p.scheme is None or p.scheme in table or not all(n in values for n in p.env_vars):
                continue
            filled = tuple(values[n] for n in p.env_vars)
            if p.carrier == Carrier.BASIC:
                user, password = p.basic_pair(filled)
                table[p.scheme] = {"username": user, "password": password}
            elif p.carrier == Carrier.BEARER:
                table[p.scheme] = {"bearer": filled[0]}
            elif p.carrier == Carrier.SIGV4:
                table[p.scheme] = {"api_key": SIGV4_PLACEHOLDER}
            else:
                table[p.scheme] = {"api_key": p.prefix + filled[0]}
        return table


def describe_placement(p: Placement) -> str:
    """One line: where `p` goes and which variables fill it."""
    names = [f"${name}" for name in p.env_vars]
    if p.carrier == Carrier.BASIC:
        user, password = p.basic_pair(tuple(names))
        return f"Authorization: Basic {user}:{password}"
    if p.carrier == Carrier.BEARER:
        return f"Authorization: Bearer {names[0]}"
    if p.carrier == Carrier.SIGV4 and p.sigv4 is not None:
        scope = f"{p.sigv4.region}/{p.sigv4.service}"
        return f"Authorization: AWS SigV4 ({scope}) signed with {' and '.join(names)}"
    if p.carrier == Carrier.PATH:
        return f"path {{{p.name}}}={names[0]}"
    if p.carrier == Carrier.BODY:
        return f"body field {p.name}={names[0]}"
    if p.carrier == Carrier.HEADER:
        return f"{p.name}: {p.prefix}{names[0]}"
    return f"{p.carrier.value} {p.name}={names[0]}"


def plan_auth(record: Integration) -> AuthPlan | None:
    """How calls to `record`'s API authenticate, or None when it declares no auth."""
    default = default_placement(record)
    if default is None:
        return None
    if not default.env_vars:
        raise IntregError(
            f"{record.id}: auth.credentials names no backend secret for the {record.auth.method} "
            "credential"
        )
    placements = [default]
    for endpoint in record.endpoints:
        placements += [p for p in credentials_on_wire(record, endpoint) if p not in placements]
    token = record.auth.token
    issued = token.env_var if token and token.grant == Grant.CLIENT_CREDENTIALS else None
    names = dict.fromkeys(n for p in placements for n in p.env_vars if n != issued)
    return AuthPlan(tuple(placements), tuple(names), issued)


def is_signed(record: Integration) -> bool:
    """True when requests carry a signature intreg cannot compute (hmac other than SigV4)."""
    return record.auth.method == AuthMethod.HMAC


def _dummy(name: str) -> str:
    return "mock-" + name.lower().replace("_", "-")
