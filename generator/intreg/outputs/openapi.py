"""One OpenAPI 3.1 document per record: the integration as we use it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

from intreg.outputs.body_schema import body_schema
from intreg.outputs.credential_fields import ISSUES_TOKEN, credential_body, credential_parameters
from intreg.outputs.dump import dump_yaml, generated_notice
from intreg.outputs.links import openapi_links
from intreg.outputs.samples.request import body_encoding, parameter_style
from intreg.outputs.security import requirement, security_schemes
from intreg.outputs.wire_auth import Carrier, Placement, credentials_on_wire, default_placement
from intreg.records.endpoint import (
    MEDIA_TYPES,
    DataFormat,
    Endpoint,
    EndpointAuth,
    Parameter,
    RequestBody,
    Response,
)
from intreg.records.model import Integration
from intreg.records.operation_ids import operation_id

OPENAPI_VERSION = "3.1.0"
FOLDER = PurePosixPath("openapi")


def stub_path(record_id: str) -> PurePosixPath:
    """Where the stub of `record_id` is written, relative to the output folder."""
    return FOLDER / f"{record_id}.openapi.yaml"


def generate(records: Sequence[Integration]) -> dict[PurePosixPath, bytes]:
    """A YAML OpenAPI document for each record."""
    return {stub_path(r.id): render_stub(r, render_openapi(r)) for r in records}


def render_stub(record: Integration, document: dict[str, Any]) -> bytes:
    """The stub file of `record`, whose OpenAPI document is `document`."""
    return dump_yaml(document, header=generated_notice(record.id))


def render_openapi(record: Integration) -> dict[str, Any]:
    """The OpenAPI document of `record` as plain data."""
    document: dict[str, Any] = {
        "openapi": OPENAPI_VERSION,
        "info": _info(record),
        "servers": _servers(record),
        "tags": [{"name": _tag(record), "description": record.purpose}],
    }
    # An API whose requests carry no OpenAPI scheme says so (`security: []`), so linters and
    # readers see a decision, not an omission (Redocly's security-defined); a path or body
    # credential is declared where it travels instead.
    document["security"] = requirement(record.auth, _default_placements(record))
    document["paths"] = _paths(record)
    schemes = security_schemes(record)
    if schemes:
        document["components"] = {"securitySchemes": schemes}
    return document


def _default_placements(record: Integration) -> tuple[Placement, ...]:
    found = default_placement(record)
    return () if found is None else (found,)


def _info(record: Integration) -> dict[str, Any]:
    description = record.purpose + (f"\n\n{record.summary}" if record.summary else "")
    info: dict[str, Any] = {
        "title": record.name,
        "version": record.api.version,
        "description": description,
        "contact": {"name": f"{record.owner.team} team", "email": record.owner.contact},
        "x-intreg-id": record.id,
        "x-intreg-owner": record.owner.team,
        "x-intreg-next-review": record.review.next_due.isoformat(),
    }
    if record.lifecycle is not None:
        info["x-intreg-lifecycle"] = record.lifecycle.value
    return info


def _servers(record: Integration) -> list[dict[str, str]]:
    servers = [{"url": record.api.base_url, "description": "Production"}]
    if record.api.sandbox_url is not None:
        servers.append({"url": record.api.sandbox_url, "description": "Sandbox"})
    return servers


def _tag(record: Integration) -> str:
    return record.provider.name


def _paths(record: Integration) -> dict[str, dict[str, Any]]:
    paths: dict[str, dict[str, Any]] = {}
    for endpoint in record.endpoints:
        operations = paths.setdefault(endpoint.path, {})
        operations[endpoint.method.value.lower()] = _operation(record, endpoint)
    return paths


def _operation(record: Integration, endpoint: Endpoint) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": operation_id(endpoint),
        "summary": endpoint.summary,
        "description": endpoint.description or endpoint.summary,
        "tags": [_tag(record)],
        "externalDocs": {"url": endpoint.source},
    }
    if endpoint.server is not None:
        operation["servers"] = [{"url": endpoint.server, "description": "This operation's host"}]
    placements = credentials_on_wire(record, endpoint)
    own = requirement(record.auth, placements)
    if own != requirement(record.auth, _default_placements(record)):
        operation["security"] = own
    parameters = [_parameter(p) for p in endpoint.parameters]
    parameters = credential_parameters(placements, parameters)
    if parameters:
        operation["parameters"] = parameters
    if endpoint.request is not None:
        body = _request_body(endpoint.request, record.api.request_format)
        operation["requestBody"] = credential_body(placements, body)
    if endpoint.auth == EndpointAuth.CLIENT and record.auth.token is not None:
        operation[ISSUES_TOKEN] = record.auth.token.env_var
    operation["responses"] = {
        status: _response(response, record.api.response_format)
        for status, response in endpoint.responses.items()
    }
    operation["responses"].update(_usual_refusals(record, endpoint))
    if endpoint.timeout_seconds is not None:
        operation["x-intreg-timeout-seconds"] = endpoint.timeout_seconds
    if endpoint.idempotent is not None:
        operation["x-intreg-idempotent"] = endpoint.idempotent
    return operation


# A record documents the answers we handle specially, and often leaves out the ordinary
# refusals of HTTP: 401 for a missing or bad credential, 400 for a malformed request. Without
# them a contract test, and the mock built from the stub, would find the provider's ordinary
# refusal undocumented. So a secured operation gets a 401, and an operation that takes input a
# 400, unless the record documents a status that covers the case; the description says that
# intreg added it, so nobody takes it for the provider's own documentation.
_COVERED_BY = {
    "401": ("401", "403", "4XX", "default"),
    "403": ("401", "403", "4XX", "default"),
    "400": ("400", "422", "4XX", "default"),
}
_USUAL_REFUSALS = {
    "401": "Added by intreg, not documented in the record: a request without valid credentials "
    "is refused, with 401 Unauthorized as HTTP usually answers.",
    # https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html
    "403": "Added by intreg, not documented in the record: a request without a valid AWS "
    "Signature Version 4 is refused with 403 Forbidden, as AWS answers.",
    "400": "Added by intreg, not documented in the record: a malformed request (a missing or "
    "invalid parameter or body) is refused, with 400 Bad Request as HTTP usually answers.",
}


def _usual_refusals(record: Integration, endpoint: Endpoint) -> dict[str, dict[str, str]]:
    needed = []
    placements = credentials_on_wire(record, endpoint)
    if placements:
        signed = any(p.carrier == Carrier.SIGV4 for p in placements)
        needed.append("403" if signed else "401")
    if endpoint.parameters or endpoint.request is not None:
        needed.append("400")
    return {
        status: {"description": _USUAL_REFUSALS[status]}
        for status in needed
        if not any(key in endpoint.responses for key in _COVERED_BY[status])
    }


def _parameter(parameter: Parameter) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": parameter.type.value}
    enum = {"enum": list(parameter.enum)} if parameter.enum is not None else {}
    if parameter.type.value == "array":
        # The allowed values are the items' (expand: [customer, invoice]), not whole lists.
        schema["items"] = {"type": "string", **enum}
    else:
        schema.update(enum)
    result: dict[str, Any] = {
        "name": parameter.name,
        "in": parameter.location.value,
        "required": parameter.required,
        "description": parameter.description or parameter.name,
        "schema": schema,
    }
    if parameter.style is not None or parameter.explode is not None:
        result["style"], result["explode"] = parameter_style(parameter)
    if parameter.example is not None:
        result["example"] = parameter.example
    return result


def _media(body: RequestBody | Response) -> dict[str, Any]:
    media: dict[str, Any] = {}
    schema = body_schema(body.json_schema, body.example, body.fields)
    if schema is not None:
        media["schema"] = schema
    if body.example is not None:
        media["example"] = body.example
    return media


def _request_body(body: RequestBody, default: DataFormat) -> dict[str, Any]:
    fmt = body.format or default
    media = _media(body)
    if fmt == DataFormat.FORM:
        encoding = _form_encoding(body, media.get("schema", {}))
        if encoding:
            media["encoding"] = encoding
    result: dict[str, Any] = {"required": True, "content": {MEDIA_TYPES[fmt]: media}}
    if body.description is not None:
        result["description"] = body.description
    return result


def _form_encoding(body: RequestBody, schema: dict[str, Any]) -> dict[str, Any]:
    """OpenAPI `encoding` of a form body's object and array fields (style and explode)."""
    return {
        name: {"style": style, "explode": explode}
        for name, (style, explode) in body_encoding(body, schema).items()
    }


def _response(response: Response, default: DataFormat) -> dict[str, Any]:
    result: dict[str, Any] = {"description": response.description}
    if response.headers:
        # Documented headers are required, so a contract run catches a provider dropping one.
        result["headers"] = {
            name: {"description": text, "required": True, "schema": {"type": "string"}}
            for name, text in response.headers.items()
        }
    media = _media(response)
    if media:
        result["content"] = {MEDIA_TYPES[default]: media}
    if response.links:
        result["links"] = openapi_links(response.links)
    return result
