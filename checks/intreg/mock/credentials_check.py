"""The mock's credential check: every scheme, path segment and body field the stub declares.

The stub names the variables that fill each credential (`x-intreg-credentials` on a scheme,
`x-intreg-credential` on a parameter or body field). Given their values (`secrets`), the mock
accepts exactly those: the Basic pair, the bearer token, the key, the path token, the body key,
a SigV4 signature made with the secret key; and a token endpoint issues the access token it
will then accept (issue 17). Without values, any well-formed credential passes.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from intreg.mock.request import is_json
from intreg.mock.sigv4 import SigningKey, signature_problem
from intreg.outputs.credential_fields import CREDENTIAL_KEY, ISSUES_TOKEN
from intreg.outputs.security import CREDENTIALS_KEY

Query = dict[str, list[str]]


class CredentialCheck:
    """Decides whether a request carries the credentials an operation needs.

    `credential` is the one value accepted for a scheme that names no variables (in the form
    `presented` gives); `secrets` maps variable names to the values accepted where the stub
    names them. None for either: any well-formed credential.
    """

    def __init__(
        self,
        document: Mapping[str, Any],
        credential: str | None = None,
        secrets: Mapping[str, str] | None = None,
    ) -> None:
        self.credential = credential
        self.secrets = secrets
        self.security: list[dict[str, list[str]]] = document.get("security", [])
        self.schemes: dict[str, Any] = document.get("components", {}).get("securitySchemes", {})

    def problem(
        self,
        operation: Mapping[str, Any],
        request: tuple[str, str, bytes],
        headers: Mapping[str, str],
        query: Query,
        path_values: Mapping[str, str],
    ) -> str | None:
        """Why the request (method, target, body) is not authenticated, or None."""
        requirements = operation.get("security", self.security)
        if requirements and not any(
            all(self._scheme_ok(self.schemes.get(n, {}), request, headers, query) for n in option)
            for option in requirements
        ):
            return "missing or invalid credentials"
        for parameter in operation.get("parameters", []):
            variable = parameter.get(CREDENTIAL_KEY)
            if variable is not None:
                name = parameter["name"]
                values = [path_values[name]] if parameter["in"] == "path" else query.get(name)
                if not self._matches(variable, values):
                    return f"missing or invalid credential in the {parameter['in']} ({name})"
        return self._body_problem(operation, headers, request[2])

    def refusal_status(self, operation: Mapping[str, Any]) -> int:
        """The status a refused request gets where the stub documents no exact one: 403 for
        AWS SigV4, as AWS answers, else 401."""
        names = {n for option in operation.get("security", self.security) for n in option}
        signed = any("x-intreg-sigv4" in self.schemes.get(n, {}) for n in names)
        return 403 if signed else 401

    def issued(self, operation: Mapping[str, Any], body: bytes) -> bytes:
        """A token endpoint's answer `body` carrying the access token this mock accepts."""
        variable = operation.get(ISSUES_TOKEN)
        if variable is None or self.secrets is None or variable not in self.secrets:
            return body
        try:
            answer = json.loads(body)
        except ValueError:
            return body
        if not isinstance(answer, dict):
            return body
        answer["access_token"] = self.secrets[variable]
        return json.dumps(answer, indent=2, ensure_ascii=False).encode() + b"\n"

    def _matches(self, variable: str, values: list[str] | None) -> bool:
        if values is None or len(values) != 1 or not values[0]:
            return False
        return self.secrets is None or self.secrets.get(variable) == values[0]

    def _body_problem(
        self, operation: Mapping[str, Any], headers: Mapping[str, str], body: bytes
    ) -> str | None:
        content = operation.get("requestBody", {}).get("content", {})
        for media_type, media in content.items():
            properties = media.get("schema", {}).get("properties", {})
            marked = {n: s[CREDENTIAL_KEY] for n, s in properties.items() if CREDENTIAL_KEY in s}
            if not marked:
                continue
            fields = _body_fields(media_type, body)
            for name, variable in marked.items():
                if not self._matches(variable, fields.get(name)):
                    return f"missing or invalid credential in the body ({name})"
        return None

    def _scheme_ok(
        self,
        scheme: Mapping[str, Any],
        request: tuple[str, str, bytes],
        headers: Mapping[str, str],
        query: Query,
    ) -> bool:
        sigv4 = scheme.get("x-intreg-sigv4")
        variables: list[str] = scheme.get(CREDENTIALS_KEY) or []
        named = bool(variables) and self.secrets is not None
        if sigv4 is not None and named:
            assert self.secrets is not None
            key_id, secret = (self.secrets.get(v, "") for v in variables)
            key = SigningKey(key_id, secret, sigv4["region"], sigv4["service"])
            return signature_problem(key, request[0], request[1], headers, request[2]) is None
        shown = presented(scheme, headers, query)
        if shown is None:
            return False
        if named:
            assert self.secrets is not None
            return shown == expected(scheme, [self.secrets.get(v, "") for v in variables])
        return sigv4 is not None or self.credential in (None, shown)


def expected(scheme: Mapping[str, Any], values: list[str]) -> str:
    """What a scheme that names its variables must receive, in the form `presented` gives."""
    kind = scheme.get("type")
    if kind == "http" and str(scheme.get("scheme", "")).lower() == "basic":
        if "x-intreg-user" in scheme:
            values = [str(scheme["x-intreg-user"]), *values]
        elif scheme.get("x-intreg-empty-password"):
            values = [*values, ""]
        pair = f"{values[0]}:{values[1]}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    if kind == "apiKey":
        return str(scheme.get("x-intreg-prefix", "")) + values[0]
    return f"Bearer {values[0]}"


def presented(scheme: Mapping[str, Any], headers: Mapping[str, str], query: Query) -> str | None:
    """The credential the request carries for `scheme`: the key, `Basic <pair>` or
    `Bearer <token>`; None when it carries none."""
    kind = scheme.get("type")
    if kind == "apiKey":
        name = str(scheme.get("name", "")).lower()
        if scheme.get("in") == "query":
            values = [v for k, vs in query.items() if k.lower() == name for v in vs]
        elif scheme.get("in") == "cookie":
            values = [cookies(headers).get(name, "")]
        else:
            values = [headers.get(name, "").strip()]
        return values[0] if len(values) == 1 and values[0] else None
    word, _, token = headers.get("authorization", "").strip().partition(" ")
    token = token.strip()
    if kind == "http" and str(scheme.get("scheme", "")).lower() == "basic":
        return f"Basic {token}" if word.lower() == "basic" and _is_basic_pair(token) else None
    # http bearer, oauth2 and openIdConnect all carry a bearer token.
    return f"Bearer {token}" if word.lower() == "bearer" and token else None


def cookies(headers: Mapping[str, str]) -> dict[str, str]:
    """The request's cookies by lower-case name ({} when the header is malformed)."""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except CookieError:
        return {}
    return {name.lower(): morsel.value for name, morsel in jar.items()}


def _is_basic_pair(token: str) -> bool:
    try:
        return ":" in base64.b64decode(token, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False


def _body_fields(media_type: str, body: bytes) -> dict[str, list[str]]:
    """The top-level text fields of a JSON or form body ({} when it is neither)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    if media_type == "application/x-www-form-urlencoded":
        return parse_qs(text, keep_blank_values=True)
    if not is_json(media_type):
        return {}
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: [v] for k, v in value.items() if isinstance(v, str)}
