"""How a sample authenticates: which variable goes where, by the record's auth section.

The variable is the one intreg.records.sent_credentials picks (the one the mock and contract
runs use, and the .env template declares), so a sample never names an undeclared variable.
"""

from __future__ import annotations

from dataclasses import dataclass

from intreg.records.auth import AuthLocation, AuthMethod
from intreg.records.model import Integration
from intreg.records.sent_credentials import sends_basic, sent_credentials


@dataclass(frozen=True)
class Credential:
    """An environment variable the reader sets (names are validated [A-Z][A-Z0-9_]*)."""

    name: str


@dataclass(frozen=True)
class AuthParts:
    """Where the credential goes: query pairs, header values, an HTTP Basic pair, and notes
    (comment lines) on what the sample cannot do by itself."""

    query: tuple[tuple[str, tuple[str | Credential, ...]], ...] = ()
    headers: tuple[tuple[str, tuple[str | Credential, ...]], ...] = ()
    basic: tuple[Credential, Credential] | None = None
    notes: tuple[str, ...] = ()


def auth_parts(record: Integration) -> AuthParts:
    """The credential parts of every request to `record`'s API."""
    auth = record.auth
    names = sent_credentials(record)
    if auth.method == AuthMethod.NONE or not names:
        return AuthParts()
    if auth.method == AuthMethod.HMAC:
        return AuthParts(
            notes=("Each request must be signed: see Authentication (an SDK does this).",)
        )
    if sends_basic(auth) and len(names) == 2:
        return AuthParts(basic=(Credential(names[0]), Credential(names[1])))
    token = Credential(names[0])
    notes: tuple[str, ...] = ()
    if auth.method in (AuthMethod.OAUTH2, AuthMethod.JWT):
        source = f" from {auth.token_url}" if auth.token_url else ""
        notes = (f"{token.name}: the bearer token{source} (see Authentication)",)
        return AuthParts(headers=(("Authorization", ("Bearer ", token)),), notes=notes)
    name = auth.name or "Authorization"
    if auth.location == AuthLocation.QUERY:
        return AuthParts(query=((name, (token,)),))
    prefix = f"{auth.scheme} " if auth.scheme else ""
    return AuthParts(headers=((name, (prefix, token) if prefix else (token,)),))
