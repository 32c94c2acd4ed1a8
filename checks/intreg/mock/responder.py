"""A local mock of an integration, answering from its OpenAPI stub as the provider would.

Requests go through the steps a real API takes: find the path (404) and the method (405 with
Allow), check the credential the security scheme names (the documented 401 or 403), count the
request against the rate limits (429 with Retry-After), check the parameters and body (the
documented 400 or 422), then answer with the first documented 2xx and its example, or with the
status and example a `Prefer` header asks for (as Prism does). The mock serves what we publish,
so it is built from the stub; only the trouble it rehearses (limits, the record's documented
errors) comes from the record, as a Simulation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from intreg.mock.answers import (
    PROBLEM_HEADER,
    MockResponse,
    NoSuchExample,
    documented,
    error,
    problem_header,
    status_answer,
    success,
)
from intreg.mock.credentials_check import CredentialCheck, cookies
from intreg.mock.prefer import Preference, read_prefer
from intreg.mock.request import body_problem, parameter_problem, query_values, simple_parameter
from intreg.mock.simulation import RateLimiter, Refusal, Simulation

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PARAMETER = re.compile(r"\{([^}]+)\}")
_AUTH_FAILED = ("401", "403", "4XX", "default")
_INVALID = ("400", "422", "4XX", "default")
__all__ = ["PROBLEM_HEADER", "Mock", "MockRequest", "MockResponse"]


@dataclass(frozen=True)
class MockRequest:
    """One request as received: method, raw target (path and query), headers and body."""

    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes = b""


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

    `credential` is the one value accepted for a scheme that names no variables (`Bearer t`,
    `Basic <pair>` or the key); `secrets` maps the variables the stub names to the values
    accepted (see CredentialCheck). With None, any well-formed credential is. `simulation` adds
    the record's rate limits and errors.
    """

    def __init__(
        self,
        document: Mapping[str, Any],
        credential: str | None = None,
        simulation: Simulation | None = None,
        secrets: Mapping[str, str] | None = None,
    ) -> None:
        self.credentials = CredentialCheck(document, credential, secrets)
        self.simulation = simulation or Simulation()
        self.limiter = RateLimiter(self.simulation.limits, self.simulation.clock)
        self.errors = {e.status: e for e in reversed(self.simulation.errors)}
        self.base_path = server_path(document)
        self.routes = [_route(t, ops) for t, ops in document.get("paths", {}).items()]

    def handle(self, request: MockRequest) -> MockResponse:
        """The response the provider would give to `request`, as the stub documents it."""
        split = urlsplit(request.target)
        route, values = self._match(split.path)
        if route is None:
            return error(404, f"no documented path matches {split.path}")
        operation = route.operations.get(request.method.lower())
        if operation is None:
            allowed = ", ".join(m.upper() for m in METHODS if m in route.operations)
            return error(405, f"{request.method} is not documented for {route.template}", allowed)
        headers = {k.lower(): v for k, v in request.headers.items()}
        pairs = parse_qsl(split.query, keep_blank_values=True)
        query: dict[str, list[str]] = {}
        for key, value in pairs:
            query.setdefault(key, []).append(value)
        sent = (request.method, request.target, request.body)
        refused = self.credentials.problem(operation, sent, headers, query, values)
        if refused is not None:
            status = self.credentials.refusal_status(operation)
            keys = _AUTH_FAILED if status == 401 else ("403", *_AUTH_FAILED)
            return documented(operation, keys, status, refused)
        include_body = request.method.upper() != "HEAD"
        refusal = self.limiter.admit()
        if refusal is not None:
            return self._rate_limited(operation, refusal, include_body)
        problem = _first_problem(operation, values, pairs, headers, request.body)
        if problem is not None:
            return documented(operation, _INVALID, 400, problem)
        preference = read_prefer(headers.get("prefer"))
        if preference.is_empty:
            answer = success(operation, include_body)
            return replace(answer, body=self.credentials.issued(operation, answer.body))
        return self._preferred(operation, preference, include_body)

    def _rate_limited(
        self, operation: Mapping[str, Any], refusal: Refusal, include_body: bool
    ) -> MockResponse:
        found = status_answer(operation, 429, self.errors, include_body)
        answer = found or error(429, refusal.problem)
        return answer.with_header(*problem_header(refusal.problem)).with_header(
            "Retry-After", str(refusal.retry_after)
        )

    def _preferred(
        self, operation: Mapping[str, Any], preference: Preference, include_body: bool
    ) -> MockResponse:
        if preference.code_problem is not None:
            return error(400, preference.code_problem)
        status = None if preference.code is None else int(preference.code)
        example = preference.example
        try:
            if status is None:
                found: MockResponse | None = success(operation, include_body, example)
            else:
                found = status_answer(operation, status, self.errors, include_body, example)
        except NoSuchExample as exc:
            return error(404, f"Prefer: example={example}: {exc}")
        if found is None:
            return error(404, f"Prefer: code={status}: not documented for this operation")
        found = found.with_header("Preference-Applied", preference.applied())
        return found.with_header("Retry-After", "1") if found.status == 429 else found

    def _match(self, path: str) -> tuple[_Route | None, dict[str, str]]:
        if not path.startswith(self.base_path + "/"):
            return None, {}
        rest = path[len(self.base_path) :]
        found = [(r, m) for r in self.routes if (m := r.pattern.fullmatch(rest)) is not None]
        if not found:
            return None, {}
        route, match = max(found, key=lambda pair: pair[0].specificity)
        return route, {n: unquote(v) for n, v in zip(route.names, match.groups(), strict=True)}


def server_path(document: Mapping[str, Any]) -> str:
    """The path prefix of the stub's first server URL, without a trailing slash ('' if none)."""
    servers = document.get("servers") or [{"url": "/"}]
    return urlsplit(str(servers[0]["url"])).path.rstrip("/")


def path_pattern(template: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """A pattern for the paths of `template` (each {parameter} one non-empty segment), and
    the parameter names in order."""
    pattern, names, position = "", [], 0
    for match in _PARAMETER.finditer(template):
        pattern += re.escape(template[position : match.start()]) + "([^/]+)"
        names.append(match.group(1))
        position = match.end()
    pattern += re.escape(template[position:])
    return re.compile(pattern), tuple(names)


def _route(template: str, operations: Mapping[str, Any]) -> _Route:
    pattern, names = path_pattern(template)
    methods = {m: op for m, op in operations.items() if m in METHODS}
    return _Route(template, pattern, names, methods)


def _first_problem(
    operation: Mapping[str, Any],
    path_values: Mapping[str, str],
    query: Sequence[tuple[str, str]],
    headers: Mapping[str, str],
    body: bytes,
) -> str | None:
    jar = cookies(headers)
    for parameter in operation.get("parameters", []):
        location, name = parameter["in"], parameter["name"]
        raw: Sequence[str] | Mapping[str, Any] | None = None
        if location == "path":
            raw = simple_parameter(parameter, path_values[name]) if name in path_values else None
        elif location == "query":
            raw = query_values(parameter, query)
        elif location == "header":
            text = headers.get(name.lower())
            raw = None if text is None else simple_parameter(parameter, text)
        elif location == "cookie":
            raw = [jar[name.lower()]] if name.lower() in jar else None
        problem = parameter_problem(parameter, raw)
        if problem is not None:
            return problem
    request_body = operation.get("requestBody")
    if request_body is None:
        return None
    return body_problem(request_body, headers.get("content-type"), body)


def iter_operations(document: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(METHOD, path) of every operation in the stub, in document order."""
    for path, operations in document.get("paths", {}).items():
        for method in operations:
            if method in METHODS:
                yield method.upper(), path
