"""The mock core: routing, auth, validation and the documented answers, on in-memory records."""

from __future__ import annotations

import base64
import json

import pytest

from intreg.mock.responder import PROBLEM_HEADER, Mock, MockRequest, MockResponse
from intreg.outputs.openapi import render_openapi
from intreg.records.loader import load_record
from intreg.records.model import Integration
from tests.helpers import case_text

TOKEN = "Bearer t0ken"
JSON = {"Content-Type": "application/json"}
MESSAGE = {"to": "+15005550006", "body": "Your policy renews on 1 Dec."}
MINIMAL_AUTH = "  method: api_key\n  location: header\n  name: Authorization\n  scheme: Bearer\n"


def record_from(text: str, record_id: str) -> Integration:
    result = load_record(text.encode(), f"{record_id}.yaml", record_id)
    assert result.ok and result.record is not None, result.findings
    return result.record.record


def full_mock(text: str | None = None, credential: str | None = TOKEN) -> Mock:
    return Mock(render_openapi(record_from(text or case_text("full"), "full")), credential)


def minimal_mock(text: str | None = None, credential: str | None = None) -> Mock:
    record = record_from(text or case_text("minimal"), "minimal")
    return Mock(render_openapi(record), credential)


def send(mock: Mock, method: str, target: str, body: object = None, **headers: str) -> MockResponse:
    data = b"" if body is None else json.dumps(body).encode()
    wire = {k.replace("_", "-"): v for k, v in headers.items()}
    return mock.handle(MockRequest(method, target, wire, data))


def post_message(mock: Mock, body: object = MESSAGE, target: str = "/v2/messages"):
    return send(mock, "POST", target, body, Authorization=TOKEN, Content_Type="application/json")


def test_valid_request_gets_the_first_documented_2xx_with_its_example() -> None:
    response = post_message(full_mock())
    assert response.status == 201
    assert response.header("Content-Type") == "application/json"
    assert json.loads(response.body) == {
        "id": "msg_1",
        "status": "queued",
        "sent_at": None,
        "segments": 1,
    }


def test_missing_credential_gets_the_documented_4xx_example_as_401() -> None:
    response = send(full_mock(), "POST", "/v2/messages", MESSAGE, Content_Type="application/json")
    assert response.status == 401
    assert json.loads(response.body)["error"]["code"] == "invalid_number"  # the 4XX example
    assert response.header(PROBLEM_HEADER) == "missing or invalid credentials"


def test_a_credential_other_than_the_accepted_one_is_refused() -> None:
    mock = full_mock()
    response = send(mock, "POST", "/v2/messages", MESSAGE, Authorization="Bearer other")
    assert response.status == 401
    response = send(mock, "POST", "/v2/messages", MESSAGE, Authorization="Basic dTpw")
    assert response.status == 401


def test_without_a_configured_credential_any_bearer_token_is_accepted() -> None:
    mock = full_mock(credential=None)
    response = send(
        mock,
        "POST",
        "/v2/messages",
        MESSAGE,
        Authorization="bearer x",
        Content_Type="application/json",
    )
    assert response.status == 201


def test_missing_required_body_field_gets_400_with_the_reason() -> None:
    response = post_message(full_mock(), body={"to": "+15005550006"})
    assert response.status == 400
    assert response.header(PROBLEM_HEADER) == "body: 'body' is a required property"
    assert json.loads(response.body)["error"]["code"] == "invalid_number"


@pytest.mark.parametrize(
    ("body", "content_type", "problem"),
    [
        (b"{not json", "application/json", "the body is not valid JSON"),
        (b"to=x", "text/plain", "expected a body of type application/json, got text/plain"),
        (b"", None, "the request body is required"),
        (b'{"to": 5, "body": "x"}', "application/json", "body at .to: 5 is not of type 'string'"),
    ],
)
def test_bad_bodies_get_400(body: bytes, content_type: str | None, problem: str) -> None:
    headers = {"Authorization": TOKEN}
    if content_type is not None:
        headers["Content-Type"] = content_type
    response = full_mock().handle(MockRequest("POST", "/v2/messages", headers, body))
    assert (response.status, response.header(PROBLEM_HEADER)) == (400, problem)


def test_query_parameter_outside_its_enum_gets_400() -> None:
    response = post_message(full_mock(), target="/v2/messages?priority=urgent")
    assert response.status == 400
    assert response.header(PROBLEM_HEADER) == (
        "query parameter 'priority': 'urgent' is not one of ['low', 'high']"
    )
    assert post_message(full_mock(), target="/v2/messages?priority=low").status == 201


def test_undocumented_method_gets_405_with_allow() -> None:
    response = send(full_mock(), "GET", "/v2/messages", Authorization=TOKEN)
    assert response.status == 405
    assert response.header("Allow") == "POST"
    assert json.loads(response.body) == {
        "error": {"status": 405, "message": "GET is not documented for /v2/messages"}
    }


def test_head_is_not_implied_by_get() -> None:
    response = send(minimal_mock(), "HEAD", "/v1/charges/ch_1", Authorization=TOKEN)
    assert (response.status, response.header("Allow")) == (405, "GET")


def test_unknown_path_gets_404() -> None:
    response = send(full_mock(), "POST", "/v3/messages", Authorization=TOKEN)
    assert response.status == 404
    assert json.loads(response.body) == {
        "error": {"status": 404, "message": "no documented path matches /v3/messages"}
    }


def test_path_parameters_match_one_segment_and_the_example_is_returned() -> None:
    mock = minimal_mock()
    response = send(mock, "GET", "/v1/charges/ch%2F1", Authorization=TOKEN)
    assert (response.status, json.loads(response.body)) == (200, {"id": "ch_1", "amount": 500})
    assert send(mock, "GET", "/v1/charges/a/b", Authorization=TOKEN).status == 404
    assert send(mock, "GET", "/v1/charges/", Authorization=TOKEN).status == 404


def test_undocumented_auth_refusal_is_the_401_the_stub_adds_with_a_json_error() -> None:
    response = send(minimal_mock(), "GET", "/v1/charges/ch_1")
    assert response.status == 401
    assert response.header("Content-Type") == "application/json"
    assert json.loads(response.body) == {
        "error": {"status": 401, "message": "missing or invalid credentials"}
    }


def test_api_is_served_below_the_server_path_prefix() -> None:
    text = case_text("minimal").replace(
        "base_url: https://api.example.com", "base_url: https://api.example.com/api/1.0"
    )
    mock = minimal_mock(text)
    assert mock.base_path == "/api/1.0"
    assert send(mock, "GET", "/api/1.0/v1/charges/ch_1", Authorization=TOKEN).status == 200
    assert send(mock, "GET", "/v1/charges/ch_1", Authorization=TOKEN).status == 404


def test_api_key_in_the_query_must_be_the_accepted_value() -> None:
    text = case_text("minimal").replace(
        MINIMAL_AUTH, "  method: api_key\n  location: query\n  name: key\n"
    )
    mock = minimal_mock(text, credential="k1")
    assert send(mock, "GET", "/v1/charges/ch_1?key=k1").status == 200
    assert send(mock, "GET", "/v1/charges/ch_1?key=k2").status == 401
    assert send(mock, "GET", "/v1/charges/ch_1?key=k1&key=k1").status == 401
    assert send(mock, "GET", "/v1/charges/ch_1").status == 401


def test_basic_credentials_must_decode_to_a_user_and_password() -> None:
    text = case_text("minimal").replace(MINIMAL_AUTH, "  method: basic\n")
    user = "    - env_var: EXAMPLE_USER\n      description: User.\n      secret: false\n"
    text = text.replace(
        "    - env_var: EXAMPLE_SECRET_KEY\n",
        user + "      scope: backend\n" + "    - env_var: EXAMPLE_SECRET_KEY\n",
    )
    pair = "Basic " + base64.b64encode(b"user:pass").decode()
    mock = minimal_mock(text, credential=pair)
    assert send(mock, "GET", "/v1/charges/ch_1", Authorization=pair).status == 200
    assert send(mock, "GET", "/v1/charges/ch_1", Authorization="Basic bm9jb2xvbg==").status == 401
    assert send(mock, "GET", "/v1/charges/ch_1", Authorization="Basic !!").status == 401


def form_text() -> str:
    return case_text("full").replace("    request:\n      format: json\n", "    request:\n")


def test_form_bodies_are_read_by_their_schema() -> None:
    mock = full_mock(form_text())
    form = {"Authorization": TOKEN, "Content-Type": "application/x-www-form-urlencoded"}
    ok = mock.handle(MockRequest("POST", "/v2/messages", form, b"to=%2B1500&body=Hi&extra=1"))
    assert ok.status == 201
    missing = mock.handle(MockRequest("POST", "/v2/messages", form, b"to=%2B1500"))
    assert (missing.status, missing.header(PROBLEM_HEADER)) == (
        400,
        "body: 'body' is a required property",
    )
    twice = mock.handle(MockRequest("POST", "/v2/messages", form, b"to=a&to=b&body=c"))
    assert twice.header(PROBLEM_HEADER) == "form field 'to': expected one value, got 2"


def test_an_empty_form_is_the_empty_object() -> None:
    mock = full_mock(form_text())
    form = {"Authorization": TOKEN, "Content-Type": "application/x-www-form-urlencoded"}
    response = mock.handle(MockRequest("POST", "/v2/messages", form, b""))
    assert response.header(PROBLEM_HEADER) == "body: 'to' is a required property"
