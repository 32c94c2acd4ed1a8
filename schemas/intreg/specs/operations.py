"""The operations of a spec, each with its parameters, body, responses, servers and security."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from intreg.records.errors import IntregError
from intreg.specs.loader import Spec
from intreg.specs.refs import Resolver

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_TEMPLATE = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class Operation:
    """One method on one path, with path-level parameters merged in and `$ref`s resolved."""

    method: str
    path: str
    operation_id: str | None
    summary: str | None
    description: str | None
    tags: tuple[str, ...]
    deprecated: bool
    parameters: tuple[dict[str, Any], ...]
    request_body: dict[str, Any] | None
    responses: dict[str, dict[str, Any]]
    security: list[dict[str, list[str]]] | None
    servers: list[dict[str, Any]]
    docs_url: str | None

    @property
    def label(self) -> str:
        """The operationId, or `METHOD /path` when the spec gives none."""
        return self.operation_id or f"{self.method} {self.path}"

    def route(self) -> tuple[str, str]:
        """Method and full path (server path + path), path-parameter names normalised."""
        path, _ = split_path(self.path)
        return self.method, normalise_path(server_path(self.servers) + path)


def split_path(path: str) -> tuple[str, list[tuple[str, str]]]:
    """A spec path without its query or fragment, and the fixed query values those held.

    Some specs tell operations apart by a query in the path key: AWS's `/#Action=Publish`
    (APIs.guru), OpenAI's `/responses?beta=true`.
    """
    cut = min((i for i in (path.find("?"), path.find("#")) if i >= 0), default=len(path))
    fixed = parse_qsl(path[cut + 1 :], keep_blank_values=True)
    return path[:cut] or "/", fixed


def normalise_path(path: str) -> str:
    """`/v1/things/{}` for `/v1/things/{thing_id}`: parameter names do not matter for matching."""
    return _TEMPLATE.sub("{}", path.rstrip("/") or "/")


def server_path(servers: list[dict[str, Any]]) -> str:
    """The path part of the first server's URL ("/v1" for https://api.openai.com/v1)."""
    if not servers:
        return ""
    url = str(servers[0].get("url") or "")
    path = urlsplit(url).path if "://" in url else url
    return path.rstrip("/")


def list_operations(spec: Spec) -> list[Operation]:
    """Every operation, in the order of the spec's paths and of METHODS."""
    resolver, document = spec.resolver, spec.document
    root_servers = _servers(document.get("servers"))
    operations = []
    for path, item in (document.get("paths") or {}).items():
        item = resolver.deref(item)
        if not isinstance(item, dict):
            continue
        servers = _servers(item.get("servers")) or root_servers
        shared = _parameters(item.get("parameters"), resolver)
        for method in METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                operations.append(_operation(str(path), method, op, shared, servers, spec))
    return operations


def _operation(
    path: str,
    method: str,
    op: dict[str, Any],
    shared: list[dict[str, Any]],
    servers: list[dict[str, Any]],
    spec: Spec,
) -> Operation:
    resolver = spec.resolver
    own = _parameters(op.get("parameters"), resolver)
    keys = {(p.get("name"), p.get("in")) for p in own}
    params = [p for p in shared if (p.get("name"), p.get("in")) not in keys] + own
    body = resolver.deref(op.get("requestBody"))
    security = op.get("security", spec.document.get("security"))
    docs = resolver.deref(op.get("externalDocs"))
    return Operation(
        method=method.upper(),
        path=path,
        operation_id=_text(op.get("operationId")),
        summary=_text(op.get("summary")),
        description=_text(op.get("description")),
        tags=tuple(str(t) for t in op.get("tags") or []),
        deprecated=op.get("deprecated") is True,
        parameters=tuple(params),
        request_body=body if isinstance(body, dict) else None,
        responses=_responses(op.get("responses"), resolver),
        security=security if isinstance(security, list) else None,
        servers=_servers(op.get("servers")) or servers,
        docs_url=_text(docs.get("url")) if isinstance(docs, dict) else None,
    )


def _parameters(raw: Any, resolver: Resolver) -> list[dict[str, Any]]:
    params = [resolver.deref(p) for p in raw or []] if isinstance(raw, list) else []
    return [p for p in params if isinstance(p, dict) and "name" in p and "in" in p]


def _responses(raw: Any, resolver: Resolver) -> dict[str, dict[str, Any]]:
    if not isinstance(raw, dict):
        return {}
    resolved = {str(status): resolver.deref(r) for status, r in raw.items()}
    return {status: r for status, r in resolved.items() if isinstance(r, dict)}


def _servers(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        return []
    return [s for s in raw if isinstance(s, dict) and isinstance(s.get("url"), str)]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def first_media(content: Any) -> tuple[str, dict[str, Any]] | None:
    """The first JSON media type of a `content` map, else the first listed; None if empty."""
    if not isinstance(content, dict):
        return None
    entries = [(str(k), v) for k, v in content.items() if isinstance(v, dict)]
    json_like = [e for e in entries if "json" in e[0].lower()]
    chosen = json_like or entries
    return chosen[0] if chosen else None


def find_operation(operations: list[Operation], selector: str) -> Operation:
    """The operation named by an operationId or by `METHOD /path`; else an IntregError."""
    for op in operations:
        if op.operation_id == selector:
            return op
    method, _, path = selector.strip().partition(" ")
    route = (method.upper(), normalise_path(path.strip()))
    for op in operations:
        if (op.method, normalise_path(op.path)) == route:
            return op
    labels = [op.label for op in operations]
    close = difflib.get_close_matches(selector, labels, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise IntregError(
        f"no operation `{selector}` in the spec{hint} (run without --operation to list them)"
    )
