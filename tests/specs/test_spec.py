"""Spec loading, $ref resolution, Swagger 2.0 conversion, operations and security mapping."""

from __future__ import annotations

import json

import pytest

from intreg.records.errors import IntregError
from intreg.specs.loader import load_spec, parse_spec
from intreg.specs.operations import find_operation, list_operations, split_path
from intreg.specs.refs import Resolver, object_shape
from intreg.specs.security import auth_options, map_scheme

SPEC = b"""openapi: 3.1.0
info: {title: Things, version: 2024-06-20}
servers: [{url: "https://api.example.com/v1"}]
security: [{key: []}]
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
  schemas:
    Thing:
      type: object
      required: [id]
      properties: {id: {type: string}, parent: {$ref: "#/components/schemas/Thing"}}
paths:
  /things/{thing_id}:
    parameters: [{name: thing_id, in: path, required: true, schema: {type: string}}]
    get:
      operationId: getThing
      tags: [things]
      responses:
        "200":
          description: OK
          content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}
"""


def test_yaml_dates_stay_text() -> None:
    spec = parse_spec(SPEC, "things.yaml")
    assert (spec.title, spec.version, spec.openapi) == ("Things", "2024-06-20", "3.1.0")


def test_operations_merge_path_parameters_and_route() -> None:
    (op,) = list_operations(parse_spec(SPEC, "things.yaml"))
    assert (op.label, op.parameters[0]["name"]) == ("getThing", "thing_id")
    assert op.route() == ("GET", "/v1/things/{}")
    assert find_operation([op], "get /things/{id}") is op


def test_find_operation_names_close_matches() -> None:
    operations = list_operations(parse_spec(SPEC, "things.yaml"))
    with pytest.raises(IntregError) as error:
        find_operation(operations, "getThings")
    assert str(error.value) == (
        "no operation `getThings` in the spec; did you mean getThing? "
        "(run without --operation to list them)"
    )


def test_refs_resolve_and_recursive_shapes() -> None:
    spec = parse_spec(SPEC, "things.yaml")
    shape = object_shape({"$ref": "#/components/schemas/Thing"}, spec.resolver)
    assert (list(shape.properties), shape.required) == (["id", "parent"], ["id"])


def test_external_ref_is_refused() -> None:
    with pytest.raises(IntregError, match=r"external \$ref `other.yaml#/X` is not supported"):
        Resolver({}).deref({"$ref": "other.yaml#/X"})


def test_security_mapping() -> None:
    spec = parse_spec(SPEC, "things.yaml")
    (option,) = auth_options(spec, list_operations(spec)[0]) or []
    assert (option.method, option.location, option.name) == ("api_key", "header", "X-Key")
    jwt = map_scheme("b", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    assert jwt.method == "jwt"
    assert jwt.wire() == map_scheme("o", {"type": "oauth2", "flows": {}}).wire()


def test_swagger_2_is_converted() -> None:
    document = {
        "swagger": "2.0",
        "info": {"title": "Old", "version": "1"},
        "host": "api.example.com",
        "basePath": "/api",
        "securityDefinitions": {"basic": {"type": "basic"}},
        "paths": {
            "/send": {
                "post": {
                    "operationId": "send",
                    "parameters": [
                        {"name": "to", "in": "formData", "type": "string", "required": True}
                    ],
                    "responses": {"200": {"description": "Sent", "schema": {"type": "object"}}},
                }
            }
        },
    }
    spec = parse_spec(json.dumps(document).encode(), "old.json")
    (op,) = list_operations(spec)
    assert (spec.converted_from, op.servers) == ("2.0", [{"url": "https://api.example.com/api"}])
    form = op.request_body["content"]["application/x-www-form-urlencoded"]["schema"]
    assert form["required"] == ["to"]
    assert auth_options(spec, op)[0].method == "basic"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"swagger: '1.2'\n",
            "x.yaml: not an OpenAPI 3.0/3.1 or Swagger 2.0 document (found swagger: 1.2); "
            "convert it to OpenAPI 3 first",
        ),
        (b"- a\n", "x.yaml: not an OpenAPI document (the top level is not a mapping)"),
        (b'{"openapi": ', "x.yaml:1:13: invalid JSON: Expecting value"),
    ],
)
def test_bad_specs(data, message) -> None:
    with pytest.raises(IntregError) as error:
        parse_spec(data, "x.yaml")
    assert str(error.value) == message


def test_spec_url_is_refused() -> None:
    with pytest.raises(IntregError, match="SPEC must be a local file"):
        load_spec("https://example.com/spec.yaml")


def test_split_path_fixed_queries() -> None:
    assert split_path("/#Action=Publish") == ("/", [("Action", "Publish")])
    assert split_path("/responses?beta=true") == ("/responses", [("beta", "true")])
