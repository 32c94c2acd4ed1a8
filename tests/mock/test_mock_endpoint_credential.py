"""An endpoint that sends another credential than auth's token (endpoints[].credential): the
stub gives it its own scheme, the sample its own variable, and the mock accepts only that one
there (SendGrid's marketing key, X's user access token; issue 17, per-endpoint auth)."""

from __future__ import annotations

import json

import pytest

from intreg.mock.launch import mock_setup
from intreg.mock.responder import MockRequest
from intreg.outputs.openapi import render_openapi
from intreg.outputs.samples.curl import curl_sample
from intreg.outputs.samples.request import wire_request
from tests.helpers import REPO
from tests.mock.test_mock import record_from

KEYS = {"SENDGRID_MAIL_API_KEY": "mail-key", "SENDGRID_MARKETING_API_KEY": "marketing-key"}


def sendgrid():
    return record_from((REPO / "registry" / "sendgrid.yaml").read_text(), "sendgrid")


@pytest.mark.parametrize(
    ("index", "accepted", "refused"),
    [(0, "mail-key", "marketing-key"), (1, "marketing-key", "mail-key")],
)
def test_each_sendgrid_endpoint_takes_its_own_key(index: int, accepted: str, refused: str) -> None:
    record = sendgrid()
    mock = mock_setup(record, KEYS, enforce_limits=False).mock
    endpoint = record.endpoints[index]
    body = json.dumps(endpoint.request.example).encode() if endpoint.request else b""

    def status(key: str) -> int:
        headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
        target = "/v3" + endpoint.path.removeprefix("/v3")
        return mock.handle(MockRequest(endpoint.method.value, target, headers, body)).status

    assert status(accepted) // 100 == 2
    assert status(refused) == 401


def test_the_sample_and_the_stub_name_the_endpoints_own_variable() -> None:
    record = sendgrid()
    marketing = record.endpoints[1]
    assert '"Authorization: Bearer ${SENDGRID_MARKETING_API_KEY}"' in curl_sample(
        wire_request(record, marketing)
    )
    document = render_openapi(record)
    operation = document["paths"]["/v3/marketing/contacts"]["put"]
    assert operation["security"] == [{"apiKey_SENDGRID_MARKETING_API_KEY": []}]
    scheme = document["components"]["securitySchemes"]["apiKey_SENDGRID_MARKETING_API_KEY"]
    assert scheme["x-intreg-credentials"] == ["SENDGRID_MARKETING_API_KEY"]
    assert "security" not in document["paths"]["/v3/mail/send"]["post"]
