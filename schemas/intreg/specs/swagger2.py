"""Swagger 2.0 -> the OpenAPI 3 shape the rest of intreg reads (paths, servers, security).

Only what intreg uses is converted: servers, parameters, bodies, responses and security
schemes. `definitions`, `parameters` and `responses` stay where they are, so `$ref`s into them
still resolve (https://swagger.io/specification/v2/).
"""

from __future__ import annotations

from typing import Any

from intreg.specs.refs import Resolver

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
_FLOWS = {
    "implicit": "implicit",
    "password": "password",
    "application": "clientCredentials",
    "accessCode": "authorizationCode",
}
_SCHEMA_KEYS = ("type", "format", "items", "enum", "default", "minimum", "maximum", "pattern")
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def convert_swagger2(document: dict[str, Any]) -> dict[str, Any]:
    """An OpenAPI 3.0-shaped copy of a Swagger 2.0 `document` (which is left unchanged)."""
    resolver = Resolver(document)
    converted = dict(document)
    converted.pop("swagger", None)
    converted["openapi"] = "3.0.0"
    converted["servers"] = _servers(document)
    converted["paths"] = {
        path: _path_item(item, document, resolver)
        for path, item in (document.get("paths") or {}).items()
        if isinstance(item, dict)
    }
    schemes = document.get("securityDefinitions") or {}
    converted["components"] = {
        "securitySchemes": {name: _scheme(s) for name, s in schemes.items() if isinstance(s, dict)}
    }
    return converted


def _servers(document: dict[str, Any]) -> list[dict[str, str]]:
    base = str(document.get("basePath") or "").rstrip("/")
    host = document.get("host")
    if not host:
        return [{"url": base or "/"}]
    schemes = sorted(document.get("schemes") or ["https"], key=lambda s: s != "https")
    return [{"url": f"{scheme}://{host}{base}"} for scheme in schemes]


def _path_item(item: dict[str, Any], document: dict[str, Any], r: Resolver) -> dict[str, Any]:
    shared = [r.deref(p) for p in item.get("parameters") or []]
    converted: dict[str, Any] = {}
    for method in _METHODS:
        operation = item.get(method)
        if isinstance(operation, dict):
            converted[method] = _operation(operation, shared, document, r)
    return converted


def _operation(
    op: dict[str, Any], shared: list[Any], document: dict[str, Any], r: Resolver
) -> dict[str, Any]:
    own = [r.deref(p) for p in op.get("parameters") or []]
    names = {(p.get("name"), p.get("in")) for p in own if isinstance(p, dict)}
    params = [p for p in shared if (p.get("name"), p.get("in")) not in names] + own
    params = [p for p in params if isinstance(p, dict)]
    converted = {k: v for k, v in op.items() if k not in ("parameters", "responses", "consumes")}
    converted["parameters"] = [_parameter(p) for p in params if p.get("in") in _PLAIN_LOCATIONS]
    body = _request_body(params, op.get("consumes") or document.get("consumes") or [])
    if body is not None:
        converted["requestBody"] = body
    produces = op.get("produces") or document.get("produces") or ["application/json"]
    converted["responses"] = {
        str(status): _response(r.deref(response), str(produces[0]))
        for status, response in (op.get("responses") or {}).items()
        if isinstance(r.deref(response), dict)
    }
    return converted


_PLAIN_LOCATIONS = ("path", "query", "header")


def _parameter(p: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {k: p[k] for k in ("name", "in", "description", "required") if k in p}
    result["schema"] = {k: p[k] for k in _SCHEMA_KEYS if k in p}
    if "x-example" in p:
        result["example"] = p["x-example"]
    return result


def _request_body(params: list[dict[str, Any]], consumes: list[Any]) -> dict[str, Any] | None:
    for p in params:
        if p.get("in") == "body":
            media = str(consumes[0]) if consumes else "application/json"
            content = {media: {"schema": p.get("schema") or {}}}
            return {"content": content, "required": bool(p.get("required"))}
    fields = [p for p in params if p.get("in") == "formData"]
    if not fields:
        return None
    multipart = MULTIPART in consumes or any(p.get("type") == "file" for p in fields)
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {str(p.get("name")): _field_schema(p) for p in fields},
    }
    required = [str(p.get("name")) for p in fields if p.get("required")]
    if required:
        schema["required"] = required
    return {"content": {MULTIPART if multipart else FORM: {"schema": schema}}}


def _field_schema(p: dict[str, Any]) -> dict[str, Any]:
    schema = {k: p[k] for k in _SCHEMA_KEYS if k in p}
    if schema.get("type") == "file":
        schema = {"type": "string", "format": "binary"}
    if "description" in p:
        schema["description"] = p["description"]
    return schema


def _response(response: dict[str, Any], media: str) -> dict[str, Any]:
    result: dict[str, Any] = {"description": response.get("description") or ""}
    examples = response.get("examples") or {}
    if "schema" in response or examples:
        content: dict[str, Any] = {"schema": response.get("schema") or {}}
        if isinstance(examples, dict) and examples:
            content["example"] = examples.get(media, next(iter(examples.values())))
        result["content"] = {media: content}
    if isinstance(response.get("headers"), dict):
        result["headers"] = response["headers"]
    return result


def _scheme(scheme: dict[str, Any]) -> dict[str, Any]:
    kind = scheme.get("type")
    described = {"description": scheme["description"]} if "description" in scheme else {}
    if kind == "basic":
        return {"type": "http", "scheme": "basic", **described}
    if kind == "oauth2":
        flow = {k: scheme[k] for k in ("authorizationUrl", "tokenUrl", "scopes") if k in scheme}
        name = _FLOWS.get(str(scheme.get("flow")), "implicit")
        return {"type": "oauth2", "flows": {name: flow}, **described}
    return dict(scheme)
