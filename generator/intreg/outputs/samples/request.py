"""The request an endpoint's example makes, as it goes on the wire: one model for every sample.

curl, Python and JavaScript samples render this model; the OpenAPI stub declares the same
styles (`encoding`, `style`, `explode`) through `parameter_style` and `body_encoding`, and the
mock reads requests back with intreg.records.wire.decode, so all of them agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from intreg.outputs.body_schema import body_schema
from intreg.outputs.samples.auth import Credential, Part, SigV4, auth_parts
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

Value = tuple[Part, ...]


@dataclass(frozen=True)
class WireRequest:
    """One request: its URL (origin and path, percent-encoded; a path credential stays a
    variable), the query and header pairs, and the body as form pairs, a JSON value or text;
    credentials stay variables (Credential values, in a JSON body's top level too)."""

    method: str
    url: Value
    query: tuple[tuple[str, Value], ...]
    headers: tuple[tuple[str, Value], ...]
    content_type: str | None = None
    form: tuple[tuple[str, Part], ...] | None = None
    json: Any = None
    text: str | None = None
    # A binary or multipart-free body the record gives no example of: the bytes of this file.
    file: str | None = None
    basic: tuple[Part, Part] | None = None
    sigv4: SigV4 | None = None
    notes: tuple[str, ...] = ()
    timeout: float | None = None

    @property
    def env_vars(self) -> tuple[str, ...]:
        """The environment variables the request reads, in order of first use."""
        parts = [*self.url, *(p for _, value in (*self.query, *self.headers) for p in value)]
        parts += list(self.basic or ())
        parts += [value for _, value in self.form or ()]
        parts += list(self.json.values()) if isinstance(self.json, dict) else []
        parts += [self.sigv4.key_id, self.sigv4.secret] if self.sigv4 is not None else []
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
    auth = auth_parts(record, endpoint)
    carried = {name for name, _ in auth.query}
    query: list[tuple[str, Value]] = []
    headers: list[tuple[str, Value]] = []
    for p in endpoint.parameters:
        if p.example is None or p.location.value in ("path", "cookie") or p.name in carried:
            continue
        style, explode = parameter_style(p)
        if p.location == "query":
            query += [(k, (v,)) for k, v in query_pairs(p.name, p.example, style, explode)]
        else:
            headers.append((p.name, (header_text(p.example, explode),)))
    headers += [(name, value) for name, value in _pinned(record, endpoint, headers)]
    body = _body(record, endpoint.request, dict(auth.body))
    return WireRequest(
        method=endpoint.method.value,
        url=_url(record, endpoint, dict(auth.path)),
        query=(*query, *auth.query),
        headers=(*headers, *auth.headers),
        basic=auth.basic,
        sigv4=auth.sigv4,
        notes=(*auth.notes, *_file_note(body)),
        timeout=endpoint.timeout_seconds,
        **body,
    )


def _file_note(body: dict[str, Any]) -> tuple[str, ...]:
    if body.get("file") is None:
        return ()
    return (f"{BODY_FILE}: the bytes to send (the record has no example of this body)",)


def _pinned(
    record: Integration, endpoint: Endpoint, headers: list[tuple[str, Value]]
) -> list[tuple[str, Value]]:
    """The version header the record pins (e.g. Stripe-Version), unless the endpoint sets it."""
    name = record.api.version_header
    if name is None or any(n.lower() == name.lower() for n, _ in headers):
        return []
    return [(name, (record.api.version,))]


def _url(record: Integration, endpoint: Endpoint, carried: dict[str, Credential]) -> Value:
    values: dict[str, Part] = dict(carried)
    for p in endpoint.parameters:
        if p.location == "path" and p.name not in carried:
            if p.example is None:
                values[p.name] = "{" + p.name + "}"
            else:
                style, explode = parameter_style(p)
                values[p.name] = quote(path_text(p.name, p.example, style, explode), safe=",;=.")
    parts: list[Part] = [(endpoint.server or record.api.base_url).rstrip("/")]
    for literal, name in _PATH_PIECES.findall(endpoint.path):
        parts.append(literal)
        if name:
            parts.append(values.get(name, "{" + name + "}"))
    return tuple(p for p in parts if p != "")


_PATH_PIECES = re.compile(r"([^{]*)(?:\{([^}]+)\})?")


BODY_FILE = "request-body.bin"


def _body(
    record: Integration, body: RequestBody | None, carried: dict[str, Credential]
) -> dict[str, Any]:
    if body is None:
        return {}
    fmt = body_format(record, body)
    content_type = MEDIA_TYPES[fmt]
    if body.example is None:
        # Raw bytes (a PDF, an image) have no example to write: the sample sends a file.
        return {"content_type": content_type, "file": BODY_FILE} if fmt == "binary" else {}
    if fmt == DataFormat.FORM and isinstance(body.example, dict):
        schema = body_schema(body.json_schema, body.example, body.fields) or {}
        encoding = body_encoding(body, schema)
        example = {k: v for k, v in body.example.items() if k not in carried}
        pairs: list[tuple[str, Part]] = list(form_pairs(example, encoding))
        return {"content_type": content_type, "form": (*pairs, *carried.items())}
    if fmt == DataFormat.JSON:
        if isinstance(body.example, dict) and carried:
            return {"content_type": content_type, "json": {**body.example, **carried}}
        return {"content_type": content_type, "json": body.example}
    return {"content_type": content_type, "text": scalar_text(body.example)}
