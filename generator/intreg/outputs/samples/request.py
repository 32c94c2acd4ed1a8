"""The request an endpoint's example makes, as it goes on the wire: one model for every sample.

curl, Python and JavaScript samples render this model; the OpenAPI stub declares the same
styles (`encoding`, `style`, `explode`) through `parameter_style` and `body_encoding`, and the
mock reads requests back with intreg.records.wire.decode, so all of them agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from intreg.outputs.body_schema import body_schema
from intreg.outputs.samples.auth import Credential, auth_parts
from intreg.records.endpoint import (
    MEDIA_TYPES,
    DataFormat,
    Endpoint,
    Parameter,
    ParameterStyle,
    RequestBody,
)
from intreg.records.model import Integration
from intreg.records.wire.encode import (
    default_explode,
    form_pairs,
    header_text,
    path_text,
    query_pairs,
    resolved_style,
    scalar_text,
)

# A piece of text, or a credential the reader's environment supplies.
Part = str | Credential
Value = tuple[Part, ...]


@dataclass(frozen=True)
class WireRequest:
    """One request: its URL (origin and path, percent-encoded), the query and header pairs,
    and the body as form pairs, a JSON value or text; credentials stay variables."""

    method: str
    url: str
    query: tuple[tuple[str, Value], ...]
    headers: tuple[tuple[str, Value], ...]
    content_type: str | None = None
    form: tuple[tuple[str, str], ...] | None = None
    json: Any = None
    text: str | None = None
    basic: tuple[Credential, Credential] | None = None
    notes: tuple[str, ...] = ()
    timeout: float | None = None

    @property
    def env_vars(self) -> tuple[str, ...]:
        """The environment variables the request reads, in order of first use."""
        parts = [p for _, value in (*self.query, *self.headers) for p in value]
        parts += list(self.basic or ())
        return tuple(dict.fromkeys(p.name for p in parts if isinstance(p, Credential)))


def parameter_style(parameter: Parameter) -> tuple[str, bool]:
    """The parameter's (style, explode), OpenAPI's defaults filled in."""
    style = parameter.style.value if parameter.style else None
    return resolved_style(parameter.location.value, style, parameter.explode)


def body_encoding(body: RequestBody, schema: dict[str, Any]) -> dict[str, tuple[str, bool]]:
    """(style, explode) of each object or array field of a form body whose JSON Schema is
    `schema`: the body's style, else deepObject for objects and form for arrays."""
    properties = schema.get("properties", {})
    encoding: dict[str, tuple[str, bool]] = {}
    for name, field in properties.items() if isinstance(properties, dict) else ():
        kind = _kind(field)
        if kind is None:
            continue
        if body.style is not None:
            style = body.style.value
        else:
            style = ParameterStyle.DEEP_OBJECT.value if kind == "object" else "form"
        explode = default_explode(style) if body.explode is None else body.explode
        encoding[name] = (style, explode or style == "deepObject")
    return encoding


def _kind(schema: Any) -> str | None:
    """object or array for a property schema that allows one, else None."""
    if not isinstance(schema, dict):
        return None
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "properties" in schema or "object" in kinds:
        return "object"
    return "array" if "array" in kinds or "items" in schema else None


def body_format(record: Integration, body: RequestBody) -> DataFormat:
    """The body's format: its own, else the API's."""
    return body.format or record.api.request_format


def wire_request(record: Integration, endpoint: Endpoint) -> WireRequest:
    """The request `endpoint`'s examples make, with the record's credentials as variables."""
    auth = auth_parts(record)
    query: list[tuple[str, Value]] = []
    headers: list[tuple[str, Value]] = []
    for p in endpoint.parameters:
        if p.example is None or p.location.value in ("path", "cookie"):
            continue
        style, explode = parameter_style(p)
        if p.location == "query":
            query += [(k, (v,)) for k, v in query_pairs(p.name, p.example, style, explode)]
        else:
            headers.append((p.name, (header_text(p.example, explode),)))
    headers += [(name, value) for name, value in _pinned(record, endpoint, headers)]
    body = _body(record, endpoint.request)
    return WireRequest(
        method=endpoint.method.value,
        url=_url(record, endpoint),
        query=(*query, *auth.query),
        headers=(*headers, *auth.headers),
        basic=auth.basic,
        notes=auth.notes,
        timeout=endpoint.timeout_seconds,
        **body,
    )


def _pinned(
    record: Integration, endpoint: Endpoint, headers: list[tuple[str, Value]]
) -> list[tuple[str, Value]]:
    """The version header the record pins (e.g. Stripe-Version), unless the endpoint sets it."""
    name = record.api.version_header
    if name is None or any(n.lower() == name.lower() for n, _ in headers):
        return []
    return [(name, (record.api.version,))]


def _url(record: Integration, endpoint: Endpoint) -> str:
    path = endpoint.path
    for p in endpoint.parameters:
        if p.location == "path":
            if p.example is None:
                text = "{" + p.name + "}"
            else:
                style, explode = parameter_style(p)
                text = quote(path_text(p.name, p.example, style, explode), safe=",;=.")
            path = path.replace(f"{{{p.name}}}", text)
    return (endpoint.server or record.api.base_url).rstrip("/") + path


def _body(record: Integration, body: RequestBody | None) -> dict[str, Any]:
    if body is None or body.example is None:
        return {}
    fmt = body_format(record, body)
    content_type = MEDIA_TYPES[fmt]
    if fmt == DataFormat.FORM and isinstance(body.example, dict):
        schema = body_schema(body.json_schema, body.example, body.fields) or {}
        encoding = body_encoding(body, schema)
        pairs = tuple(form_pairs(body.example, encoding))
        return {"content_type": content_type, "form": pairs}
    if fmt == DataFormat.JSON:
        return {"content_type": content_type, "json": body.example}
    return {"content_type": content_type, "text": scalar_text(body.example)}
