"""One spec operation -> one endpoint of the draft (parameters, body and responses)."""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Any

from intreg.importer.examples import TEXT_TODO, choose_example, spec_examples, to_json_schema
from intreg.importer.formats import data_format
from intreg.importer.placeholders import Todo, todo_examples
from intreg.importer.servers import ServerUrl
from intreg.importer.text import spec_text
from intreg.records.endpoint import BODY_STYLES, STYLES_BY_LOCATION, ParameterType
from intreg.records.types import IDENTIFIER_PATTERN, URL_PATTERN
from intreg.records.wire.encode import default_explode, default_style
from intreg.specs.fields import spec_fields
from intreg.specs.operations import Operation, first_media, split_path
from intreg.specs.refs import Resolver, Shape, as_mapping, object_shape, schema_types

_LOCATIONS = ("path", "query", "header", "cookie")
# OpenAPI ignores header parameters with these names (they are set by the media types and
# the security scheme): https://spec.openapis.org/oas/v3.0.3#fixed-fields-10
_IGNORED_HEADERS = {"accept", "content-type", "authorization"}
_KEPT_STATUS = re.compile(r"^(2\d\d|2XX|4\d\d|4XX|default)$")
_ANY_STATUS = re.compile(r"^([1-5]\d\d|[1-5]XX|default)$")
_TEMPLATE = re.compile(r"\{([^{}]+)\}")
_TAG = re.compile(r"<[^>]+>")


def draft_endpoint(
    op: Operation, r: Resolver, source: str | Todo, request_format: str, server: ServerUrl
) -> dict[str, Any]:
    """The endpoint entry for `op`; `source` is the spec's public URL (or its placeholder)."""
    endpoint: dict[str, Any] = {}
    if op.operation_id is not None:
        endpoint["operation_id"] = identifier(op.operation_id)
    endpoint["method"] = op.method
    endpoint["path"] = server.prefix + split_path(op.path)[0]
    endpoint["summary"] = summarise(op)
    if op.deprecated:
        endpoint["description"] = "The provider's spec marks this operation as deprecated."
    is_url = op.docs_url is not None and re.match(URL_PATTERN, op.docs_url)
    endpoint["source"] = op.docs_url if is_url else source
    endpoint["parameters"] = draft_parameters(op, r, server)
    request = draft_request(op, r, request_format)
    if request is not None:
        endpoint["request"] = request
    endpoint["responses"] = draft_responses(op, r)
    if not endpoint["parameters"]:
        del endpoint["parameters"]
    return endpoint


def identifier(operation_id: str) -> str:
    """`operation_id` made into a record Identifier (letters, digits, underscores)."""
    name = re.sub(r"[^A-Za-z0-9_]+", "_", operation_id).strip("_") or "operation"
    name = name if re.match(IDENTIFIER_PATTERN, name) else f"op_{name}"
    return name[:100]


def summarise(op: Operation) -> str:
    """One line: the spec's summary, else the first sentence of its description."""
    text = spec_text(op.summary or _TAG.sub("", op.description or "")) or ""
    if not op.summary:
        text = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(text) > 120:
        text = text[:119].rstrip() + "…"
    return text or f"{op.method} {op.path}"


def draft_parameters(op: Operation, r: Resolver, server: ServerUrl) -> list[dict[str, Any]]:
    """Parameters as the model wants them: every {placeholder} declared and required."""
    path, fixed = split_path(op.path)
    in_path = _TEMPLATE.findall(server.prefix + path)
    params: dict[tuple[str, str], dict[str, Any]] = {}
    for raw in op.parameters:
        name, where = str(raw["name"]), str(raw["in"])
        if where not in _LOCATIONS or (where == "header" and name.lower() in _IGNORED_HEADERS):
            continue
        if where == "path" and name not in in_path:
            continue  # the spec declares a path parameter its path does not use
        params[(name, where)] = _parameter(raw, r)
    for name in in_path:
        params.setdefault((name, "path"), _undeclared(name, server))
    for name, value in fixed:
        params.setdefault((name, "query"), _fixed(name, value, op.path))
    return list(params.values())


def _undeclared(name: str, server: ServerUrl) -> dict[str, Any]:
    param: dict[str, Any] = {"name": name, "location": "path", "required": True}
    variable = as_mapping(server.variables.get(name))
    description = spec_text(variable.get("description"))
    if description:
        param["description"] = description  # a server variable, now part of the path
    return param


def _fixed(name: str, value: str, spec_path: str) -> dict[str, Any]:
    return {
        "name": name,
        "location": "query",
        "required": True,
        "enum": [value],
        "description": f"Fixed by the spec's path `{spec_path}`.",
        "example": value,
    }


def _parameter(raw: dict[str, Any], r: Resolver) -> dict[str, Any]:
    schema = r.deref(raw.get("schema"))
    if not isinstance(schema, dict):
        media = first_media(raw.get("content"))
        schema = r.deref(media[1].get("schema")) if media else {}
    schema = schema if isinstance(schema, dict) else {}
    param: dict[str, Any] = {"name": str(raw["name"]), "location": str(raw["in"])}
    param["required"] = raw.get("required") is True or raw["in"] == "path"
    kinds = [t for t in schema_types(schema, r) if t != "null"]
    param["type"] = kinds[0] if kinds and kinds[0] in set(ParameterType) else "string"
    enum = [v for v in schema.get("enum") or [] if v is not None]
    if enum and all(isinstance(v, str) or type(v) is int for v in enum):
        param["enum"] = enum
    param.update(_wire_style(raw))
    description = spec_text(raw.get("description"))
    if description:
        param["description"] = description
    param["example"] = todo_examples(choose_example(spec_examples(raw, r), schema, r), TEXT_TODO)
    return param


def _wire_style(raw: dict[str, Any]) -> dict[str, Any]:
    """The parameter's style and explode where the spec gives other than OpenAPI's defaults
    (Stripe's `expand`: deepObject), so the record sends what the provider reads."""
    location = str(raw["in"])
    style = raw.get("style")
    if style not in STYLES_BY_LOCATION.get(location, ()):
        style = default_style(location)
    explode = raw.get("explode")
    explode = default_explode(str(style)) if not isinstance(explode, bool) else explode
    if style == default_style(location) and explode == default_explode(str(style)):
        return {}
    return {"style": style, "explode": explode}


def _form_style(content: dict[str, Any]) -> dict[str, Any]:
    """A form body's style when every field the spec encodes shares one other than `form`."""
    encoding = content.get("encoding")
    styles = (
        {e.get("style") for e in encoding.values() if isinstance(e, dict)}
        if isinstance(encoding, dict)
        else set()
    )
    if len(styles) == 1 and (style := styles.pop()) in BODY_STYLES and style != "form":
        return {"style": style}
    return {}


def _fits(example: Any, shape: Shape) -> bool:
    # Twilio's request examples hold fields its schema does not list; they would read as
    # fields removed upstream, so such an example is not used.
    keys = example.keys() if isinstance(example, dict) else []
    return not shape.properties or all(str(k) in shape.properties for k in keys)


def draft_request(op: Operation, r: Resolver, default_format: str) -> dict[str, Any] | None:
    """The request body, or None when the operation takes none (or an empty form)."""
    body = op.request_body
    media = first_media(body.get("content")) if body else None
    if body is None or media is None:
        return None
    media_type, content = media
    schema = r.deref(content.get("schema", {}))
    if not body.get("required") and _is_empty_object(schema, r):
        return None  # Stripe declares an empty optional form body on every GET
    request: dict[str, Any] = {}
    body_format = data_format(media_type)
    if body_format != default_format:
        request["format"] = body_format
    if body_format == "form":
        request.update(_form_style(content))
    description = spec_text(body.get("description"))
    if description:
        request["description"] = description
    json_schema = to_json_schema(schema, r)  # only to tell a usable example
    shape = object_shape(schema, r)
    candidates = [e for e in spec_examples(content, r) if _fits(e, shape)]
    example = choose_example(candidates, schema, r, json_schema or None)
    _add_body(request, schema, example, r)
    return request


def _add_body(body: dict[str, Any], schema: Any, example: Any, r: Resolver) -> None:
    """`example` and the `fields` the spec states for it (required, enum, format, nullable)."""
    body["example"] = todo_examples(example, TEXT_TODO)
    fields = spec_fields(schema, example, r, placeholder=TEXT_TODO)
    if fields:
        body["fields"] = fields


def _is_empty_object(schema: Any, r: Resolver) -> bool:
    types = schema_types(schema, r)
    return types in ([], ["object"]) and not object_shape(schema, r).properties


def draft_responses(op: Operation, r: Resolver) -> dict[str, dict[str, Any]]:
    """2xx, 4xx and default responses (or every response when there are none of those)."""
    statuses = {_status_key(s): s for s in op.responses}
    kept = [k for k in statuses if _KEPT_STATUS.match(k)]
    kept = kept or [k for k in statuses if _ANY_STATUS.match(k)]
    if not kept:
        return {"default": {"description": Todo("TODO when the provider answers this", "Ok.")}}
    return {key: _response(key, op.responses[statuses[key]], r) for key in kept}


def _status_key(status: str) -> str:
    return "default" if status.lower() == "default" else status.upper()


def _response(key: str, raw: dict[str, Any], r: Resolver) -> dict[str, Any]:
    response: dict[str, Any] = {"description": spec_text(raw.get("description")) or _phrase(key)}
    headers = as_mapping(raw.get("headers"))
    described = {str(k): r.deref(v) for k, v in headers.items()}
    texts = {
        k: spec_text(v.get("description")) for k, v in described.items() if isinstance(v, dict)
    }
    if any(texts.values()):
        response["headers"] = {k: v for k, v in texts.items() if v}
    media = first_media(raw.get("content"))
    if media is not None:
        schema = media[1].get("schema", {})
        _add_body(response, schema, choose_example(spec_examples(media[1], r), schema, r), r)
    return response


def _phrase(key: str) -> str:
    if key.isdigit():
        try:
            return HTTPStatus(int(key)).phrase
        except ValueError:
            pass
    return f"Response {key}"
