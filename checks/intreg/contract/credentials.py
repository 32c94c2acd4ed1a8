"""A contract run's credentials, sent the way the record says (issue 17): path tokens and body
keys pinned in the stub schemathesis reads, SigV4 signatures added by the gate, and the access
token of a client-credentials grant obtained first from the record's own token endpoint."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

from intreg.mock.responder import METHODS
from intreg.mock.sigv4 import SigningKey, sign
from intreg.outputs.credential_fields import CREDENTIAL_KEY, ISSUES_TOKEN
from intreg.outputs.credentials import SIGV4_PLACEHOLDER, AuthPlan
from intreg.outputs.wire_auth import CLIENT_SCHEME, Carrier
from intreg.records.errors import IntregError

Headers = tuple[tuple[str, str], ...]
Signer = Callable[[str, str, Headers, bytes], Headers]


def pin_credentials(document: Mapping[str, Any], secrets: Mapping[str, str]) -> dict[str, Any]:
    """The stub with each path, query and body credential fixed to its value, so schemathesis
    sends the right one in its positive cases (and another in its negative ones)."""
    pinned = copy.deepcopy(dict(document))
    for operations in pinned.get("paths", {}).values():
        for method, operation in operations.items():
            if method in METHODS:
                _pin_operation(operation, secrets)
    return pinned


def _pin_operation(operation: dict[str, Any], secrets: Mapping[str, str]) -> None:
    for parameter in operation.get("parameters", []):
        value = secrets.get(parameter.get(CREDENTIAL_KEY, ""))
        if value is not None:
            parameter["schema"] = {"type": "string", "enum": [value]}
            parameter["example"] = value
    for media in operation.get("requestBody", {}).get("content", {}).values():
        properties = media.get("schema", {}).get("properties", {})
        for name, schema in properties.items():
            value = secrets.get(schema.get(CREDENTIAL_KEY, ""))
            if value is None:
                continue
            properties[name] = {"type": "string", "enum": [value]}
            if isinstance(media.get("example"), dict):
                media["example"][name] = value


def sigv4_signer(plan: AuthPlan | None, secrets: Mapping[str, str], target: str) -> Signer | None:
    """Signs each request that carries the SigV4 placeholder schemathesis was given; requests
    without it (schemathesis' missing-credential cases) go unsigned."""
    found = [p for p in plan.placements if p.carrier == Carrier.SIGV4] if plan else []
    if not found or found[0].sigv4 is None:
        return None
    scope = found[0].sigv4
    key_id, secret = (secrets[name] for name in found[0].env_vars)
    key = SigningKey(key_id, secret, scope.region, scope.service)
    host = urlsplit(target).netloc.rpartition("@")[2]

    def signed(method: str, path: str, headers: Headers, body: bytes) -> Headers:
        if {n.lower(): v for n, v in headers}.get("authorization") != SIGV4_PLACEHOLDER:
            return headers
        now = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")  # AWS allows 5 minutes' skew
        kept = [(n, v) for n, v in headers if n.lower() != "host"]
        return tuple(sign(key, method, path, [("Host", host), *kept], body, now))

    return signed


def client_basic(plan: AuthPlan | None, secrets: Mapping[str, str]) -> str | None:
    """The token endpoint's `Authorization: Basic` value, when it takes the client that way."""
    for p in plan.placements if plan else ():
        if p.scheme == CLIENT_SCHEME and all(n in secrets for n in p.env_vars):
            user, password = p.basic_pair(tuple(secrets[n] for n in p.env_vars))
            return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return None


def obtain_token(
    document: Mapping[str, Any], base_url: str, timeout: float, basic: str | None
) -> tuple[str, str] | None:
    """(variable, access token) from the token endpoint of the pinned stub `document`, asked
    at `base_url` (the gate) with the client's `basic` value if it takes one; None when the
    stub has no token endpoint."""
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            if method in METHODS and ISSUES_TOKEN in operation:
                request = _token_request(base_url + path, method.upper(), operation, basic)
                return operation[ISSUES_TOKEN], _token(request, timeout)
    return None


def _token_request(
    url: str, method: str, operation: Mapping[str, Any], basic: str | None
) -> urllib.request.Request:
    query = {
        p["name"]: str(p["example"])
        for p in operation.get("parameters", [])
        if p.get("in") == "query" and "example" in p
    }
    headers = {"Accept": "application/json"}
    data = None
    for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
        example = media.get("example")
        if isinstance(example, dict):
            headers["Content-Type"] = media_type
            encoded = json.dumps(example) if "json" in media_type else urlencode(example)
            data = encoded.encode()
        break
    if basic is not None:
        headers["Authorization"] = basic
    target = url + ("?" + urlencode(query) if query else "")
    return urllib.request.Request(target, data=data, headers=headers, method=method)


def _token(request: urllib.request.Request, timeout: float) -> str:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        raise IntregError(
            f"the token endpoint refused the client credentials ({error.code}): check the "
            "client id and secret"
        ) from error
    except OSError as error:
        raise IntregError(f"the token endpoint did not answer: {error}") from error
    try:
        token = json.loads(body).get("access_token")
    except (ValueError, AttributeError):
        token = None
    if not isinstance(token, str) or not token:
        raise IntregError("the token endpoint's answer has no access_token")
    return token
