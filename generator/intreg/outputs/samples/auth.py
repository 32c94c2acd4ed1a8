"""How a sample authenticates: which variable goes where, by intreg.outputs.wire_auth (the
same answer the stub, the mock and contract runs use, issue 17).

The variables are the record's own (auth.token, auth.basic, auth.sigv4, or the ones
intreg.records.sent_credentials picks), which its .env template declares, so a sample never
names an undeclared variable.
"""

from __future__ import annotations

from dataclasses import dataclass

from intreg.outputs.wire_auth import Carrier, credentials_on_wire
from intreg.records.endpoint import Endpoint
from intreg.records.model import Integration


@dataclass(frozen=True)
class Credential:
    """An environment variable the reader sets (names are validated [A-Z][A-Z0-9_]*)."""

    name: str


# A piece of text, or a credential the reader's environment supplies.
Part = str | Credential


@dataclass(frozen=True)
class SigV4:
    """AWS Signature Version 4: the Region and service signed for, and the key pair."""

    region: str
    service: str
    key_id: Credential
    secret: Credential


@dataclass(frozen=True)
class AuthParts:
    """Where the credentials go: query pairs, header values, an HTTP Basic pair, path segments
    and body fields (by name), a SigV4 signature, and notes (comment lines)."""

    query: tuple[tuple[str, tuple[Part, ...]], ...] = ()
    headers: tuple[tuple[str, tuple[Part, ...]], ...] = ()
    basic: tuple[Part, Part] | None = None
    path: tuple[tuple[str, Credential], ...] = ()
    body: tuple[tuple[str, Credential], ...] = ()
    sigv4: SigV4 | None = None
    notes: tuple[str, ...] = ()


def auth_parts(record: Integration, endpoint: Endpoint) -> AuthParts:
    """The credential parts of a request to `endpoint`."""
    query: list[tuple[str, tuple[Part, ...]]] = []
    headers: list[tuple[str, tuple[Part, ...]]] = []
    path: list[tuple[str, Credential]] = []
    body: list[tuple[str, Credential]] = []
    basic: tuple[Part, Part] | None = None
    sigv4: SigV4 | None = None
    notes: list[str] = []
    placements = credentials_on_wire(record, endpoint)
    for p in placements:
        names = tuple(Credential(n) for n in p.env_vars)
        if p.carrier == Carrier.BASIC:
            user, password = p.basic_pair(names)  # type: ignore[arg-type]
            basic = (user, password)
        elif p.carrier == Carrier.BEARER:
            headers.append(("Authorization", ("Bearer ", names[0])))
        elif p.carrier == Carrier.HEADER:
            headers.append((p.name, (p.prefix, names[0]) if p.prefix else (names[0],)))
        elif p.carrier == Carrier.COOKIE:
            headers.append(("Cookie", (f"{p.name}=", names[0])))
        elif p.carrier == Carrier.QUERY:
            query.append((p.name, (names[0],)))
        elif p.carrier == Carrier.PATH:
            path.append((p.name, names[0]))
        elif p.carrier == Carrier.BODY:
            body.append((p.name, names[0]))
        elif p.carrier == Carrier.SIGV4 and p.sigv4 is not None:
            sigv4 = SigV4(p.sigv4.region, p.sigv4.service, names[0], names[1])
        elif p.carrier == Carrier.SIGNED:
            notes.append("Each request must be signed: see Authentication (an SDK does this).")
    token = record.auth.token
    if token is not None and any(token.env_var in p.env_vars for p in placements):
        source = f" from {record.auth.token_url}" if record.auth.token_url else ""
        notes.append(f"{token.env_var}: the access token{source} (see Authentication)")
    return AuthParts(
        tuple(query), tuple(headers), basic, tuple(path), tuple(body), sigv4, tuple(notes)
    )
