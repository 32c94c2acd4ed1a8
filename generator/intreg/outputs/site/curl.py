"""A ready-to-run curl command for an endpoint, with credentials as environment variables."""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from intreg.records.auth import Auth, AuthLocation, AuthMethod
from intreg.records.endpoint import DataFormat, Endpoint
from intreg.records.json_text import dumps_indented
from intreg.records.model import Integration


@dataclass(frozen=True)
class Var:
    """An environment variable the shell expands (names are validated [A-Z][A-Z0-9_]*)."""

    name: str


def curl_command(record: Integration, endpoint: Endpoint) -> str:
    """The command as shell text: record values quoted literally, only env vars expand."""
    auth_args, auth_query, notes = _auth(record.auth)
    url: list[str | Var] = [_url(record, endpoint)]
    query = [*_query(endpoint), *auth_query]
    for index, part in enumerate(query):
        url += ["?" if index == 0 else "&", *part]
    args = [f"curl -X {endpoint.method.value} {_dq(*url)}"]
    args += [f"-H {shlex.quote(f'{name}: {value}')}" for name, value in _headers(endpoint)]
    args += auth_args + _body(record, endpoint)
    command = " \\\n  ".join(args)
    return "".join(f"# {note}\n" for note in notes) + command


def _url(record: Integration, endpoint: Endpoint) -> str:
    path = endpoint.path
    for p in endpoint.parameters:
        if p.location == "path":
            value = str(p.example) if p.example is not None else f"{{{p.name}}}"
            path = path.replace(f"{{{p.name}}}", value)
    return (endpoint.server or record.api.base_url).rstrip("/") + path


def _query(endpoint: Endpoint) -> list[list[str | Var]]:
    return [
        [f"{p.name}={_scalar(p.example)}"]
        for p in endpoint.parameters
        if p.location == "query" and p.example is not None
    ]


def _headers(endpoint: Endpoint) -> list[tuple[str, str]]:
    return [
        (p.name, _scalar(p.example))
        for p in endpoint.parameters
        if p.location == "header" and p.example is not None
    ]


def _auth(auth: Auth) -> tuple[list[str], list[list[str | Var]], list[str]]:
    """(curl arguments, query parts, comment lines) that authenticate the request."""
    secrets = [Var(c.env_var) for c in auth.credentials if c.secret]
    first = secrets[0] if secrets else Var("API_KEY")
    if auth.method == AuthMethod.API_KEY and auth.location == AuthLocation.QUERY:
        return [], [[f"{auth.name}=", first]], []
    if auth.method == AuthMethod.API_KEY:
        prefix = f"{auth.name}: " + (f"{auth.scheme} " if auth.scheme else "")
        return [f"-H {_dq(prefix, first)}"], [], []
    if auth.method == AuthMethod.BASIC:
        user, password = [*secrets, Var("USERNAME"), Var("PASSWORD")][:2]
        return [f"-u {_dq(user, ':', password)}"], [], []
    if auth.method in (AuthMethod.JWT, AuthMethod.OAUTH2):
        note = [f"ACCESS_TOKEN: a token from {auth.token_url}"] if auth.token_url else []
        return [f"-H {_dq('Authorization: Bearer ', Var('ACCESS_TOKEN'))}"], [], note
    if auth.method == AuthMethod.HMAC:
        return [], [], ["Each request must be signed: see Authentication (an SDK does this)."]
    return [], [], []


def _body(record: Integration, endpoint: Endpoint) -> list[str]:
    body = endpoint.request
    if body is None or body.example is None:
        return []
    fmt = body.format or record.api.request_format
    if fmt == DataFormat.FORM and isinstance(body.example, dict):
        return [f"--data-urlencode {shlex.quote(f'{k}={v}')}" for k, v in _form(body.example)]
    if fmt == DataFormat.JSON:
        data = dumps_indented(body.example)
        return ["-H 'Content-Type: application/json'", f"-d {shlex.quote(data)}"]
    return [f"-d {shlex.quote(_scalar(body.example))}"]


def _form(value: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Nested values in bracket notation: metadata[listing_id]=..., expand[]=..."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _form(item, f"{prefix}[{key}]" if prefix else str(key))
    elif isinstance(value, list):
        for item in value:
            yield from _form(item, f"{prefix}[]")
    else:
        yield prefix, _scalar(value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _dq(*parts: str | Var) -> str:
    """Double-quoted shell text: literal parts escaped, Var parts expanded as ${NAME}."""
    out = []
    for part in parts:
        if isinstance(part, Var):
            out.append("${" + part.name + "}")
        else:
            out.append("".join("\\" + c if c in '\\"`$' else c for c in part))
    return '"' + "".join(out) + '"'
