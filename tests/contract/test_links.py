"""Links between operations: the stub carries them, and a contract run follows them with the
values the API really returned (a created id goes into the retrieve's path and the refund's
body), never from an operation it does not send."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import pytest

from intreg.mock.answers import MockResponse
from intreg.mock.responder import Mock, MockRequest
from intreg.mock.server import running_mock
from intreg.outputs.openapi import render_openapi
from tests.helpers import case_text
from tests.mock.test_mock import record_from

LINKED = case_text("linked")


def test_the_stub_carries_the_records_links() -> None:
    document = render_openapi(record_from(LINKED, "linked"))
    links = document["paths"]["/v1/charges"]["post"]["responses"]["200"]["links"]
    assert links == {
        "getCharge": {
            "operationId": "getCharge",
            "parameters": {"charge": "$response.body#/id"},
            "description": "Look the new charge up.",
        },
        "refundCharge": {
            "operationId": "refundCharge",
            "requestBody": {"charge": "$response.body#/id", "amount": "$request.body#/amount"},
        },
    }


class Minting(Mock):
    """The record's mock, except that each created charge gets a new id; it keeps every
    request it answers."""

    def __init__(self) -> None:
        super().__init__(render_openapi(record_from(LINKED, "linked")), "Bearer k")
        self.minted: list[str] = []
        self.requests: list[MockRequest] = []
        self._ids = itertools.count(1)

    def handle(self, request: MockRequest) -> MockResponse:
        self.requests.append(request)
        response = super().handle(request)
        created = request.method == "POST" and urlsplit(request.target).path == "/v1/charges"
        if not created or response.status != 200:
            return response
        body = json.loads(response.body)
        body["id"] = f"ch_minted{next(self._ids)}"
        self.minted.append(body["id"])
        return MockResponse(200, response.headers, json.dumps(body).encode())


@contextmanager
def minting() -> Iterator[tuple[Minting, str]]:
    mock = Minting()
    with running_mock(mock) as server:
        yield mock, server.base_url


@pytest.fixture
def key(monkeypatch) -> None:
    monkeypatch.delenv("INTREG_LINKED_BASE_URL", raising=False)
    monkeypatch.setenv("LINKED_SECRET_KEY", "k")


@pytest.mark.slow
def test_a_run_follows_the_links_with_the_ids_the_api_returned(make_registry, run_cli, key):
    root = make_registry({"linked": LINKED})
    with minting() as (mock, url):
        result = run_cli(
            "contract", "linked", "--base-url", url, "--allow-writes", "--report", "r.json",
            cwd=root,
        )  # fmt: skip
    assert result.exit_code == 0, result.stdout
    assert "PASS POST /v1/charges -> GET /v1/charges/{charge} (" in result.stdout
    assert "PASS POST /v1/charges -> POST /v1/refunds (" in result.stdout
    assert result.stderr.endswith("linked: 3 operations and 2 links passed against " + url + "\n")
    retrieved = {
        urlsplit(r.target).path.rsplit("/", 1)[1]
        for r in mock.requests
        if r.method == "GET" and urlsplit(r.target).path.startswith("/v1/charges/")
    }
    refunded = {
        value
        for r in mock.requests
        if r.method == "POST" and urlsplit(r.target).path == "/v1/refunds"
        for value in _charges_in(r.body)
    }
    assert retrieved & set(mock.minted), (retrieved, mock.minted)
    assert refunded & set(mock.minted), (refunded, mock.minted)
    report = json.loads((root / "r.json").read_text(encoding="utf-8"))
    links = {o["operation"]: o for o in report["operations"] if " -> " in o["operation"]}
    assert list(links) == [
        "POST /v1/charges -> GET /v1/charges/{charge}",
        "POST /v1/charges -> POST /v1/refunds",
    ]
    for link in links.values():
        assert link["result"] == "passed" and link["cases"] > 0
        assert link["requests"] == link["cases"]
        assert {c["result"] for c in link["checks"]} == {"passed"}


def _charges_in(body: bytes) -> list[str]:
    try:
        value = json.loads(body)
    except ValueError:
        return parse_qs(body.decode()).get("charge", [])
    charge = value.get("charge") if isinstance(value, dict) else None
    return [charge] if isinstance(charge, str) else []


@pytest.mark.slow
def test_a_read_only_run_follows_no_link_from_a_write(make_registry, run_cli, key):
    root = make_registry({"linked": LINKED})
    with minting() as (mock, url):
        result = run_cli("contract", "linked", "--base-url", url, cwd=root)
    assert result.exit_code == 0, result.stdout
    assert {r.method for r in mock.requests} <= {"GET", "HEAD"}
    assert (
        "SKIP POST /v1/charges -> GET /v1/charges/{charge}: link not followed: one end was not "
        "sent: it writes, and writes are sent to a real API only with --allow-writes\n"
    ) in result.stdout


def test_the_mock_answers_a_retrieve_for_the_id_it_created_and_any_other() -> None:
    mock = Mock(render_openapi(record_from(LINKED, "linked")), "Bearer k")
    auth = {"Authorization": "Bearer k", "Content-Type": "application/json"}
    body = json.dumps({"amount": 500, "currency": "usd"}).encode()
    created = mock.handle(MockRequest("POST", "/v1/charges", auth, body))
    assert created.status == 200
    charge = json.loads(created.body)["id"]
    for wanted in (charge, "ch_9ZyX"):
        answer = mock.handle(MockRequest("GET", f"/v1/charges/{wanted}", auth))
        assert answer.status == 200, answer.body
