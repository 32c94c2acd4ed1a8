"""A local mock of an integration, answering from its OpenAPI stub as the provider would.

Requests go through the steps a real API takes: find the path (404) and the method (405 with
Allow), check the credential the security scheme names (the documented 401 or 403), check the
parameters and body (the documented 400 or 422), then answer with the first documented 2xx and
its example. The mock serves what we publish, so it is built from the stub, not the record.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from intreg.mock.request import body_problem, is_json, parameter_problem
from intreg.mock.sample import sample_value

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PARAMETER = re.compile(r"\{([^}]+)\}")
_AUTH_FAILED = ("401", "403", "4XX", "default")
_INVALID = ("400", "422", "4XX", "default")
PROBLEM_HEADER = "X-Intreg-Mock-Problem"


@dataclass(frozen=True)
class MockRequest:
    """One request as received: method, raw target (path and query), headers and body."""

    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes = b""


@dataclass(frozen=True)
class MockResponse:
    """What the mock answers."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        """The value of header `name` (any case), or None."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


@dataclass(frozen=True)
class _Route:
    template: str
    pattern: re.Pattern[str]
    names: tuple[str, ...]
    operations: Mapping[str, Mapping[str, Any]]

    @property
    def specificity(self) -> int:
        return len(_PARAMETER.sub("", self.template))


class Mock:
    """Answers requests for the operations of one OpenAPI stub.

    `credential` is the one value accepted (in the form `AuthPlan.accepts` gives); with None,
    any well-formed credential is.
    """

    def __init__(self, document: Mapping[str, Any], credential: str | None = None) -> None:
        self.credential = credential
        self.base_path = server_path(document)
        self.security: list[dict[str, list[str]]] = document.get("security", [])
        self.schemes: dict[str, Any] = document.get("components", {}).get("securitySchemes", {})
        self.routes = [_route(t, ops) for t, ops in document.get("paths", {}).items()]

    def handle(self, request: MockRequest) -> MockResponse:
        """The response the provider would give to `request`, as the stub documents it."""
        split = urlsplit(request.target)
        route, values = self._match(split.path)
        if route is None:
            return _error(404, f"no documented path matches {split.path}")
        operation = route.operations.get(request.method.lower())
        if operation is None:
            allowed = ", ".join(m.upper() for m in METHODS if m in route.operations)
            return _error(405, f"{request.method} is not documented for {route.template}", allowed)
        headers = {k.lower(): v for k, v in request.headers.items()}
        query = parse_qs(split.query, keep_blank_values=True)
        if not self._authenticated(operation, headers, query):
            return _documented(operation, _AUTH_FAILED, 401, "missing or invalid credentials")
        problem = _first_problem(operation, values, query, headers, request.body)
        if problem is not None:
            return _documented(operation, _INVALID, 400, problem)
        return _success(operation, include_body=request.method.upper() != "HEAD")

    def _match(self, path: str) -> tuple[_Route | None, dict[str, str]]:
        if not path.startswith(self.base_path + "/"):
            return None, {}
        rest = path[len(self.base_path) :]
        found = [(r, m) for r in self.routes if (m := r.pattern.fullmatch(rest)) is not None]
        if not found:
            return None, {}
        route, match = max(found, key=lambda pair: pair[0].specificity)
        return route, {n: unquote(v) for n, v in zip(route.names, match.groups(), strict=True)}

    def _authenticated(
        self, operation: Mapping[str, Any], headers: Mapping[str, str], query: dict[str, list[str]]
    ) -> bool:
        requirements = operation.get("security", self.security)
        if not requirements:
            return True
        return any(
            all(self._accepts(_presented(self.schemes.get(n, {}), headers, query)) for n in option)
            for option in requirements
        )

    def _accepts(self, presented: str | None) -> bool:
        return presented is not None and self.credential in (None, presented)


def server_path(document: Mapping[str, Any]) -> str:
    """The path prefix of the stub's first server URL, without a trailing slash ('' if none)."""
    servers = document.get("servers") or [{"url": "/"}]
    return urlsplit(str(servers[0]["url"])).path.rstrip("/")


def _route(template: str, operations: Mapping[str, Any]) -> _Route:
    pattern, names, position = "", [], 0
    for match in _PARAMETER.finditer(template):
        pattern += re.escape(template[position : match.start()]) + "([^/]+)"
        names.append(match.group(1))
        position = match.end()
    pattern += re.escape(template[position:])
    methods = {m: op for m, op in operations.items() if m in METHODS}
    return _Route(template, re.compile(pattern), tuple(names), methods)


def _presented(
    scheme: Mapping[str, Any], headers: Mapping[str, str], query: dict[str, list[str]]
) -> str | None:
    """The credential the request carries for `scheme`, in the form `AuthPlan.accepts` gives."""
    kind = scheme.get("type")
    if kind == "apiKey":
        name = str(scheme.get("name", "")).lower()
        if scheme.get("in") == "query":
            values = [v for k, vs in query.items() if k.lower() == name for v in vs]
        elif scheme.get("in") == "cookie":
            values = [_cookies(headers).get(name, "")]
        else:
            values = [headers.get(name, "").strip()]
        return values[0] if len(values) == 1 and values[0] else None
    word, _, token = headers.get("authorization", "").strip().partition(" ")
    token = token.strip()
    if kind == "http" and str(scheme.get("scheme", "")).lower() == "basic":
        return f"Basic {token}" if word.lower() == "basic" and _is_basic_pair(token) else None
    # http bearer, oauth2 and openIdConnect all carry a bearer token.
    return f"Bearer {token}" if word.lower() == "bearer" and token else None


def _is_basic_pair(token: str) -> bool:
    try:
        return ":" in base64.b64decode(token, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False


def _cookies(headers: Mapping[str, str]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except CookieError:
        return {}
    return {name.lower(): morsel.value for name, morsel in jar.items()}


def _first_problem(
    operation: Mapping[str, Any],
    path_values: Mapping[str, str],
    query: dict[str, list[str]],
    headers: Mapping[str, str],
    body: bytes,
) -> str | None:
    cookies = _cookies(headers)
    for parameter in operation.get("parameters", []):
        location, name = parameter["in"], parameter["name"]
        raw: list[str] | None = None
        if location == "path":
            raw = [path_values[name]] if name in path_values else None
        elif location == "query":
            raw = query.get(name)
        elif location == "header":
            raw = [headers[name.lower()]] if name.lower() in headers else None
        elif location == "cookie":
            raw = [cookies[name.lower()]] if name.lower() in cookies else None
        problem = parameter_problem(parameter, raw)
        if problem is not None:
            return problem
    request_body = operation.get("requestBody")
    if request_body is None:
        return None
    return body_problem(request_body, headers.get("content-type"), body)


def _success(operation: Mapping[str, Any], include_body: bool) -> MockResponse:
    responses: Mapping[str, Any] = operation.get("responses", {})
    for wanted in ("2", "3"):
        for key, response in responses.items():
            if key.startswith(wanted):
                status = int(key) if key.isdigit() else int(wanted + "00")
                return _answer(status, response, include_body)
    return _answer(200, responses.get("default", {}), include_body)


def _documented(
    operation: Mapping[str, Any], keys: tuple[str, ...], fallback: int, problem: str
) -> MockResponse:
    responses: Mapping[str, Any] = operation.get("responses", {})
    key = next((k for k in keys if k in responses), None)
    status = int(key) if key is not None and key.isdigit() else fallback
    if key is None or not responses[key].get("content"):
        return _error(status, problem)
    answer = _answer(status, responses[key], include_body=True)
    return MockResponse(status, (*answer.headers, _problem_header(problem)), answer.body)


def _problem_header(problem: str) -> tuple[str, str]:
    return PROBLEM_HEADER, problem.encode("ascii", "backslashreplace").decode("ascii")


def _answer(status: int, response: Mapping[str, Any], include_body: bool) -> MockResponse:
    headers = [(name, "example") for name in sorted(response.get("headers", {}))]
    content: Mapping[str, Any] = response.get("content", {})
    if not content:
        return MockResponse(status, tuple(headers), b"")
    media_type, media = next(iter(content.items()))
    headers.append(("Content-Type", media_type))
    body = _encode(media_type, _example(media)) if include_body else b""
    return MockResponse(status, tuple(headers), body)


def _example(media: Mapping[str, Any]) -> Any:
    if "example" in media:
        return media["example"]
    for example in media.get("examples", {}).values():
        if "value" in example:
            return example["value"]
    return sample_value(media.get("schema", {}))


def _encode(media_type: str, value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str) and not is_json(media_type):
        return value.encode("utf-8")
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _error(status: int, problem: str, allow: str | None = None) -> MockResponse:
    body = json.dumps({"error": {"status": status, "message": problem}}, ensure_ascii=False)
    headers = [("Content-Type", "application/json"), _problem_header(problem)]
    if allow is not None:
        headers.append(("Allow", allow))
    return MockResponse(status, tuple(headers), body.encode("utf-8"))


def iter_operations(document: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(METHOD, path) of every operation in the stub, in document order."""
    for path, operations in document.get("paths", {}).items():
        for method in operations:
            if method in METHODS:
                yield method.upper(), path
