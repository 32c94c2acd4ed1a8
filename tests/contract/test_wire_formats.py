"""Contract runs send the stub's wire format (deepObject, comma lists, bracketed form fields),
and the mock reads it back: a run against the mock of such a record passes."""

from __future__ import annotations

import pytest
import yaml

from intreg.contract.harness import ContractSettings, run_contract
from intreg.contract.wire_view import for_schemathesis
from intreg.mock.responder import Mock, MockRequest
from intreg.mock.server import running_mock
from intreg.outputs.openapi import render_openapi
from tests.helpers import case_text
from tests.mock.test_mock import record_from

ENDPOINTS = [
    {
        "method": "GET",
        "path": "/v1/charges",
        "summary": "List charges.",
        "source": "https://example.com/docs/charges",
        "parameters": [
            {
                "name": "expand",
                "location": "query",
                "type": "array",
                "style": "deepObject",
                "enum": ["customer", "invoice"],
                "example": ["customer"],
            },
            {
                "name": "fields",
                "location": "query",
                "type": "array",
                "explode": False,
                "example": ["id", "amount"],
            },
        ],
        "responses": {200: {"description": "The charges.", "example": {"data": []}}},
    },
    {
        "method": "POST",
        "path": "/v1/charges",
        "summary": "Create a charge.",
        "source": "https://example.com/docs/charges",
        "request": {
            "format": "form",
            "style": "deepObject",
            "example": {"amount": 500, "metadata": {"order": "o_1"}, "tags": ["a", "b"]},
            "fields": {
                "metadata": {"required": True},
                "metadata.order": {"required": True},
                "tags": {"required": True},
            },
        },
        "responses": {200: {"description": "The charge.", "example": {"id": "ch_1"}}},
    },
]


def document(endpoints: list | None = None) -> dict:
    record = yaml.safe_load(case_text("minimal"))
    record["endpoints"] = endpoints or ENDPOINTS
    text = yaml.safe_dump(record, sort_keys=False)
    return render_openapi(record_from(text, "minimal"))


def test_deep_object_arrays_are_spelled_with_brackets_for_schemathesis() -> None:
    view = for_schemathesis(document())
    operations = view["paths"]["/v1/charges"]
    assert [p["name"] for p in operations["get"]["parameters"]] == ["expand[]", "fields"]
    media = operations["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]
    assert list(media["schema"]["properties"]) == ["amount", "metadata", "tags[]"]
    assert media["encoding"] == {
        "metadata": {"style": "deepObject", "explode": True},
        "tags[]": {"style": "form", "explode": True},
    }
    assert media["example"] == {"amount": 500, "metadata": {"order": "o_1"}, "tags[]": ["a", "b"]}


def test_the_mock_refuses_the_wire_format_the_stub_does_not_declare() -> None:
    mock = Mock(document(), "Bearer t")
    headers = {"Authorization": "Bearer t", "Content-Type": "application/x-www-form-urlencoded"}
    sent = MockRequest("GET", "/v1/charges?expand%5B%5D=customer&fields=id,amount", headers)
    assert mock.handle(sent).status == 200
    wrong = MockRequest("GET", "/v1/charges?expand%5B%5D=nope", headers)
    assert mock.handle(wrong).status == 400
    body = b"amount=500&metadata%5Border%5D=o_1&tags%5B%5D=a&tags%5B%5D=b"
    assert mock.handle(MockRequest("POST", "/v1/charges", headers, body)).status == 200
    flattened = b"amount=500&order=o_1&tags=a&tags=b"
    assert mock.handle(MockRequest("POST", "/v1/charges", headers, flattened)).status == 400


@pytest.mark.slow
def test_a_contract_run_against_the_mock_passes_in_the_declared_wire_format() -> None:
    # Not the array field: exploded, one item and a plain value are the same text on the wire,
    # so schemathesis' "not an array" cases cannot be refused by any server.
    post = {**ENDPOINTS[1], "request": {**ENDPOINTS[1]["request"]}}
    post["request"]["example"] = {"amount": 500, "metadata": {"order": "o_1"}}
    # A required object needs a required member: an empty one has no bracketed form at all.
    post["request"]["fields"] = {
        "metadata": {"required": True},
        "metadata.order": {"required": True},
    }
    stub = document([ENDPOINTS[0], post])
    with running_mock(Mock(stub, "Bearer t")) as server:
        run = run_contract(stub, server.base_url, {"apiKey": {"bearer": "t"}}, ContractSettings())
    assert [(o.label, o.failures) for o in run.operations] == [
        ("GET /v1/charges", ()),
        ("POST /v1/charges", ()),
    ]
