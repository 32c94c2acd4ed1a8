"""Contract runs send credentials the way the record says (issue 17): against a look-alike on
127.0.0.1 (the mock of the shipped record, accepting only the look-alike's values), a run with
the right values passes and one with wrong values fails; the OAuth 2 client-credentials token
is obtained from the token endpoint first, through the gate; SigV4 requests are signed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import unquote

import pytest

from intreg.mock.launch import mock_setup
from intreg.mock.responder import Mock, MockRequest, MockResponse
from intreg.mock.server import running_mock
from tests.helpers import REPO
from tests.mock.test_mock import record_from


class Recording(Mock):
    """The mock of a record, keeping what it received."""

    def __init__(self, wrapped: Mock) -> None:
        self.__dict__.update(wrapped.__dict__)
        self.received: list[MockRequest] = []

    def handle(self, request: MockRequest) -> MockResponse:
        self.received.append(request)
        return super().handle(request)


def shipped(record_id: str) -> str:
    return (REPO / "registry" / f"{record_id}.yaml").read_text(encoding="utf-8")


@contextmanager
def look_alike(record_id: str, **accepted: str) -> Iterator[tuple[str, Recording]]:
    """A server for `record_id` that accepts only the `accepted` variable values."""
    setup = mock_setup(record_from(shipped(record_id), record_id), accepted, False)
    mock = Recording(setup.mock)
    with running_mock(mock) as server:
        yield server.base_url, mock


def whole_registry(make_registry):
    """A project with every shipped record (records name each other as fallbacks)."""
    return make_registry(
        {p.stem: p.read_text(encoding="utf-8") for p in REPO.glob("registry/*.yaml")}
    )


def contract_run(run_cli, make_registry, monkeypatch, record_id: str, url: str, **env: str):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    project = whole_registry(make_registry)
    return run_cli("contract", record_id, "--base-url", url, cwd=project)


PAYPAL = {"PAYPAL_CLIENT_ID": "client-id", "PAYPAL_CLIENT_SECRET": "client-secret"}


@pytest.mark.slow
def test_paypal_obtains_its_token_first_and_sends_it_as_the_bearer(
    run_cli, make_registry, monkeypatch
) -> None:
    with look_alike("paypal", **PAYPAL, PAYPAL_ACCESS_TOKEN="issued-token") as (url, mock):
        result = contract_run(run_cli, make_registry, monkeypatch, "paypal", url, **PAYPAL)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[0].startswith("PASS POST /v1/oauth2/token (")
    first = mock.received[0]
    assert (first.method, first.target) == ("POST", "/v1/oauth2/token")
    assert first.headers["Authorization"] == "Basic Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQ="
    orders = [r for r in mock.received if r.target.startswith("/v2/checkout/orders/")]
    assert orders and "Bearer issued-token" in {r.headers.get("Authorization") for r in orders}
    assert "Bearer client-secret" not in {r.headers.get("Authorization") for r in mock.received}


@pytest.mark.slow
def test_paypal_with_a_wrong_client_secret_stops_at_the_token_endpoint(
    run_cli, make_registry, monkeypatch
) -> None:
    with look_alike("paypal", **PAYPAL) as (url, mock):
        wrong = {**PAYPAL, "PAYPAL_CLIENT_SECRET": "not-the-secret"}
        result = contract_run(run_cli, make_registry, monkeypatch, "paypal", url, **wrong)
    assert result.exit_code == 2
    assert result.stderr == (
        "intreg: error: the token endpoint refused the client credentials (401): check the "
        "client id and secret\n"
    )
    assert [(r.method, r.target) for r in mock.received] == [("POST", "/v1/oauth2/token")]


AWS = {"AWS_ACCESS_KEY_ID": "AKIDMOCK", "AWS_SECRET_ACCESS_KEY": "mock-secret"}


@pytest.mark.slow
@pytest.mark.parametrize(("secret", "passes"), [("mock-secret", True), ("other-secret", False)])
def test_aws_ses_requests_are_signed_with_the_secret_key(
    run_cli, make_registry, monkeypatch, secret: str, passes: bool
) -> None:
    with look_alike("aws-ses", **AWS) as (url, mock):
        env = {**AWS, "AWS_SECRET_ACCESS_KEY": secret}
        result = contract_run(run_cli, make_registry, monkeypatch, "aws-ses", url, **env)
    assert (result.exit_code == 0) is passes, result.stdout
    signed = [r.headers.get("Authorization", "") for r in mock.received]
    assert any(a.startswith("AWS4-HMAC-SHA256 Credential=AKIDMOCK/") for a in signed)


@pytest.mark.slow
@pytest.mark.parametrize(("token", "passes"), [("123:right", True), ("123:wrong", False)])
def test_telegram_puts_the_token_in_the_path(
    run_cli, make_registry, monkeypatch, token: str, passes: bool
) -> None:
    with look_alike("telegram", TELEGRAM_BOT_TOKEN="123:right") as (url, mock):
        env = {"TELEGRAM_BOT_TOKEN": token}
        result = contract_run(run_cli, make_registry, monkeypatch, "telegram", url, **env)
    assert (result.exit_code == 0) is passes, result.stdout
    assert any(unquote(r.target).startswith(f"/bot{token}/") for r in mock.received)


@pytest.mark.slow
def test_the_mailchimp_key_goes_in_the_body(run_cli, make_registry, monkeypatch) -> None:
    key = {"MAILCHIMP_TRANSACTIONAL_API_KEY": "md-key"}
    with look_alike("mailchimp", **key) as (url, mock):
        monkeypatch.setenv("MAILCHIMP_TRANSACTIONAL_API_KEY", "md-key")
        project = whole_registry(make_registry)
        result = run_cli("contract", "mailchimp", "--base-url", url, "--allow-writes", cwd=project)
    assert result.exit_code == 0, result.stdout
    assert any(b'"key": "md-key"' in r.body or b'"key":"md-key"' in r.body for r in mock.received)


class BrokenSend(Recording):
    """WeChat's look-alike, but it answers a sent message in plain text: every send fails."""

    def handle(self, request: MockRequest) -> MockResponse:
        answer = super().handle(request)
        if request.target.startswith("/cgi-bin/message/") and answer.status == 200:
            return MockResponse(200, (("Content-Type", "text/plain"),), b"sent")
        return answer


@pytest.mark.slow
def test_the_obtained_token_is_hidden_in_failure_reports(
    run_cli, make_registry, monkeypatch
) -> None:
    app = {"WECHAT_APP_ID": "wx0000000000000001", "WECHAT_APP_SECRET": "app-secret"}
    record = record_from(shipped("wechat"), "wechat")
    accepted = {**app, "WECHAT_ACCESS_TOKEN": "issued-token-4f9a"}
    mock = BrokenSend(mock_setup(record, accepted, False).mock)
    for name, value in app.items():
        monkeypatch.setenv(name, value)
    with running_mock(mock) as server:
        project = whole_registry(make_registry)
        url = server.base_url
        result = run_cli("contract", "wechat", "--base-url", url, "--allow-writes", cwd=project)
    assert result.exit_code == 1, result.stdout
    assert "access_token=****" in result.stdout
    assert "issued-token-4f9a" not in result.stdout + result.stderr
