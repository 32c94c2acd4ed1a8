"""`Prefer: code=NNN` and `Prefer: example=NAME`, as Prism reads them, and required fields."""

from __future__ import annotations

import json

import pytest

from intreg.mock.answers import DEFAULT_EXAMPLE
from intreg.mock.prefer import Preference, read_prefer
from intreg.mock.responder import PROBLEM_HEADER, Mock, MockRequest
from intreg.mock.simulation import DocumentedError, Simulation
from intreg.outputs.openapi import render_openapi
from tests.helpers import case_text
from tests.mock.test_mock import MESSAGE, TOKEN, full_mock, minimal_mock, record_from, send

DECLINED = DocumentedError(402, "card_declined", "The card was declined.")


@pytest.mark.parametrize(
    ("header", "preference"),
    [
        (None, Preference()),
        ("code=404", Preference("404")),
        ("code=404, example=dog", Preference("404", "dog")),
        ('example="dog"; code=500', Preference("500", "dog")),
        ("respond-async, wait=5, CODE=429", Preference("429")),
        ("code=404, code=500", Preference("404")),
        ("example=", Preference()),
    ],
)
def test_read_prefer(header: str | None, preference: Preference) -> None:
    assert read_prefer(header) == preference


def prefer(mock: Mock, value: str, method: str = "GET", target: str = "/v1/charges/ch_1"):
    return send(mock, method, target, Authorization=TOKEN, Prefer=value)


def minimal_with_errors() -> Mock:
    record = record_from(case_text("minimal"), "minimal")
    return Mock(render_openapi(record), None, Simulation(errors=(DECLINED,)))


def test_code_picks_the_documented_response_with_that_status() -> None:
    response = prefer(minimal_mock(), "code=401")  # the 401 the stub adds: no body
    assert (response.status, response.body) == (401, b"")
    assert response.header("Preference-Applied") == "code=401"


def test_code_covered_by_a_range_or_default_answers_with_that_status() -> None:
    mock = full_mock()
    ranged = send(mock, "POST", "/v2/messages", MESSAGE, Authorization=TOKEN,
                  Content_Type="application/json", Prefer="code=409")  # fmt: skip
    assert ranged.status == 409
    assert json.loads(ranged.body)["error"]["code"] == "invalid_number"  # the 4XX example
    default = send(mock, "POST", "/v2/messages", MESSAGE, Authorization=TOKEN,
                   Content_Type="application/json", Prefer="code=503")  # fmt: skip
    assert (default.status, default.body) == (503, b"")


def test_code_serves_the_records_documented_error() -> None:
    response = prefer(minimal_with_errors(), "code=402")
    assert response.status == 402
    assert json.loads(response.body) == {
        "error": {"status": 402, "code": "card_declined", "message": "The card was declined."}
    }


def test_an_undocumented_code_is_404_as_in_prism() -> None:
    response = prefer(minimal_with_errors(), "code=418")
    assert response.status == 404
    assert response.header(PROBLEM_HEADER) == "Prefer: code=418: not documented for this operation"


def test_a_code_that_is_no_status_is_400() -> None:
    response = prefer(minimal_mock(), "code=4O4")
    assert response.status == 400
    assert response.header(PROBLEM_HEADER) == (
        "Prefer: code='4O4' is not an HTTP status from 200 to 599"
    )


def test_429_on_request_carries_retry_after() -> None:
    mock = Mock(
        render_openapi(record_from(case_text("minimal"), "minimal")),
        None,
        Simulation(errors=(DocumentedError(429, "rate_limit", "Too many requests."),)),
    )
    response = prefer(mock, "code=429")
    assert (response.status, response.header("Retry-After")) == (429, "1")
    assert json.loads(response.body)["error"]["code"] == "rate_limit"


def test_preferences_apply_only_to_requests_that_pass_the_checks() -> None:
    mock = minimal_mock()
    assert send(mock, "GET", "/v1/charges/ch_1", Prefer="code=200").status == 401
    assert send(mock, "GET", "/v1/nope", Authorization=TOKEN, Prefer="code=200").status == 404


def named_examples_mock() -> Mock:
    document = render_openapi(record_from(case_text("minimal"), "minimal"))
    media = document["paths"]["/v1/charges/{charge}"]["get"]["responses"]["200"]["content"]
    media["application/json"]["examples"] = {
        "refunded": {"value": {"id": "ch_2", "amount": 0}},
        "large": {"value": {"id": "ch_3", "amount": 99999}},
    }
    return Mock(document, None)


def test_example_picks_a_named_example_and_the_single_example_is_named_default() -> None:
    mock = named_examples_mock()
    assert json.loads(prefer(mock, "example=large").body) == {"id": "ch_3", "amount": 99999}
    assert json.loads(prefer(mock, f"example={DEFAULT_EXAMPLE}").body) == {
        "id": "ch_1",
        "amount": 500,
    }
    assert json.loads(prefer(mock, "code=200, example=refunded").body)["id"] == "ch_2"
    assert prefer(mock, "example=large").header("Preference-Applied") == "example=large"


def test_an_unknown_example_is_404_as_in_prism() -> None:
    response = prefer(named_examples_mock(), "example=cat")
    assert response.status == 404
    assert response.header(PROBLEM_HEADER) == (
        "Prefer: example=cat: the 200 response has no example named 'cat'"
    )


def test_required_fields_are_honoured() -> None:
    mock = full_mock()
    headers = {"Authorization": TOKEN, "Content-Type": "application/json"}
    for body, problem in [
        ({"to": "+1"}, "body: 'body' is a required property"),
        ({"body": "x"}, "body: 'to' is a required property"),
    ]:
        response = mock.handle(
            MockRequest("POST", "/v2/messages", headers, json.dumps(body).encode())
        )
        assert (response.status, response.header(PROBLEM_HEADER)) == (400, problem)
    text = case_text("minimal").replace(
        "        required: true\n",
        "        required: true\n      - name: expand\n        location: query\n"
        "        required: true\n",
    )
    response = send(minimal_mock(text), "GET", "/v1/charges/ch_1", Authorization=TOKEN)
    assert (response.status, response.header(PROBLEM_HEADER)) == (
        400,
        "query parameter 'expand' is required",
    )


def test_a_bodiless_range_or_default_gives_way_to_the_records_error_of_that_status() -> None:
    outage = DocumentedError(503, None, "Down for maintenance.")
    mock = Mock(
        render_openapi(record_from(case_text("full"), "full")), TOKEN, Simulation(errors=(outage,))
    )
    response = send(mock, "POST", "/v2/messages", MESSAGE, Authorization=TOKEN,
                    Content_Type="application/json", Prefer="code=503")  # fmt: skip
    assert (response.status, json.loads(response.body)) == (
        503,
        {"error": {"status": 503, "message": "Down for maintenance."}},
    )
