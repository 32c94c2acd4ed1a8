"""The mock refuses a body that leaves out a field the record marks required, with the
provider's documented error (issue 17): Stripe `POST /v1/payment_intents` with only
`currency=usd` is a 400 invalid_request_error, as Stripe answers."""

from __future__ import annotations

import json
from pathlib import Path

from intreg.mock.responder import PROBLEM_HEADER, Mock, MockRequest
from intreg.outputs.openapi import render_openapi
from intreg.records.loader import load_record

REPO = Path(__file__).parent.parent.parent
KEY = "sk_test_mock0123456789"
FORM = {"Content-Type": "application/x-www-form-urlencoded", "Authorization": f"Bearer {KEY}"}


def stripe_mock() -> Mock:
    result = load_record((REPO / "registry/stripe.yaml").read_bytes(), "stripe.yaml", "stripe")
    assert result.record is not None, result.findings
    return Mock(render_openapi(result.record.record), f"Bearer {KEY}")


def create(body: bytes):
    return stripe_mock().handle(MockRequest("POST", "/v1/payment_intents", FORM, body))


def test_a_payment_intent_without_amount_is_refused_with_stripes_error() -> None:
    response = create(b"currency=usd")
    assert response.status == 400
    assert response.header(PROBLEM_HEADER) == "body: 'amount' is a required property"
    assert json.loads(response.body)["error"]["type"] == "invalid_request_error"


def test_a_payment_intent_with_amount_and_currency_is_created() -> None:
    response = create(b"amount=2000&currency=usd")
    assert response.status == 200
    assert json.loads(response.body)["status"] == "requires_payment_method"
    assert response.header("Request-Id") is not None  # documented, so the mock sends it


def test_formats_the_record_states_are_checked_as_a_provider_would() -> None:
    from intreg.mock.request import FORMATS

    assert FORMATS.conforms("https://example.com/status", "uri")
    assert not FORMATS.conforms("", "uri")
    assert not FORMATS.conforms("not a uri", "uri")
    assert not FORMATS.conforms("no-at-sign", "email")
    assert "regex" not in FORMATS.checkers  # never compiles what a client sends
