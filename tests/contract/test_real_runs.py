"""`intreg contract` against a real server on 127.0.0.1 with a test key: only declared
operations, reads unless --allow-writes, the pinned version, one idempotency key per body,
live keys refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from intreg.contract.gate import idempotency_key
from intreg.mock.responder import Mock, MockRequest, MockResponse, path_pattern
from intreg.mock.server import running_mock
from intreg.outputs.openapi import render_openapi
from tests.helpers import REPO
from tests.mock.test_mock import record_from

TEST_KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"
STRIPE = (REPO / "registry" / "stripe.yaml").read_text(encoding="utf-8")
# Stripe's record targets a p95 of 200 ms (monitoring.targets): these tests are about what is
# sent, so latency is reported, not enforced, and a busy machine cannot fail them (issue 18).
REPORT_LATENCY = ("--latency", "report")
DECLARED = [
    ("POST", "/v1/payment_intents"),
    ("GET", "/v1/payment_intents/{intent}"),
    ("POST", "/v1/refunds"),
]


class LookAlike(Mock):
    """A correct Stripe look-alike (the mock of the record) that keeps what it received."""

    def __init__(self) -> None:
        super().__init__(render_openapi(record_from(STRIPE, "stripe")), f"Bearer {TEST_KEY}")
        self.received: list[MockRequest] = []

    def handle(self, request: MockRequest) -> MockResponse:
        self.received.append(request)
        return super().handle(request)


@pytest.fixture
def look_alike() -> Iterator[tuple[str, LookAlike]]:
    mock = LookAlike()
    with running_mock(mock) as server:
        yield server.base_url, mock


@pytest.fixture
def project(make_registry, monkeypatch) -> Path:
    monkeypatch.delenv("INTREG_STRIPE_BASE_URL", raising=False)
    monkeypatch.setenv("STRIPE_SECRET_KEY", TEST_KEY)
    return make_registry({"stripe": STRIPE})


def declared(request: MockRequest) -> bool:
    path = urlsplit(request.target).path
    return any(
        request.method == method and path_pattern(template)[0].fullmatch(path)
        for method, template in DECLARED
    )


@pytest.mark.slow
def test_a_look_alike_passes_with_a_test_key_and_gets_reads_only(
    project, run_cli, look_alike
) -> None:
    url, mock = look_alike
    result = run_cli("contract", "stripe", "--base-url", url, *REPORT_LATENCY, cwd=project)
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "SKIP POST /v1/payment_intents: not sent: it writes, and writes are sent to a real API "
        "only with --allow-writes"
    )
    assert lines[1].startswith("PASS GET /v1/payment_intents/{intent} (")
    assert result.stderr == (
        f"stripe: 1 operation passed against {url}; 2 not sent (writes need --allow-writes)\n"
    )
    assert mock.received and all(r.method == "GET" and declared(r) for r in mock.received)
    version = record_from(STRIPE, "stripe").api.version
    assert {r.headers.get("Stripe-Version") for r in mock.received} == {version}


@pytest.mark.slow
def test_with_writes_allowed_each_distinct_body_gets_its_own_idempotency_key(
    project, run_cli, look_alike
) -> None:
    url, mock = look_alike
    result = run_cli(
        "contract", "stripe", "--base-url", url, "--allow-writes", *REPORT_LATENCY, cwd=project
    )
    assert result.exit_code == 0, result.stdout
    create, retrieve, refund = (f"{method} {path}" for method, path in DECLARED)
    assert [line.split(" (")[0] for line in result.stdout.splitlines()] == [
        *(f"PASS {method} {path}" for method, path in DECLARED),
        f"PASS {create} -> {retrieve}",  # the record's links, followed
        f"PASS {create} -> {refund}",
    ]
    assert all(declared(r) for r in mock.received)  # never another method or path
    posts = [r for r in mock.received if r.method == "POST"]
    bodies = {r.body for r in posts}
    keys = {r.headers.get("Idempotency-Key") for r in posts}
    assert len(bodies) > 1 and len(keys) == len({(r.target, r.body) for r in posts})
    for request in posts:
        assert request.headers["Idempotency-Key"] == idempotency_key(
            "POST", request.target, request.body
        )


@pytest.mark.slow
def test_a_live_key_is_refused_before_anything_is_sent(
    project, run_cli, look_alike, monkeypatch
) -> None:
    url, mock = look_alike
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_live_" + "x" * 24)
    result = run_cli("contract", "stripe", "--base-url", url, *REPORT_LATENCY, cwd=project)
    assert result.exit_code == 2
    assert result.stderr == (
        "intreg: error: $STRIPE_SECRET_KEY looks like a Stripe (or Paystack) live secret key "
        "(sk_l… (32 characters)): contract runs send generated requests, so use a test key, or "
        "pass --allow-live-keys if you mean it\n"
    )
    assert mock.received == []


def test_sandbox_needs_a_record_with_one(project, run_cli) -> None:
    result = run_cli("contract", "stripe", "--sandbox", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == (
        "intreg: error: stripe has no api.sandbox_url; give the API to test with --base-url\n"
    )
    both = run_cli("contract", "stripe", "--sandbox", "--base-url", "http://x", cwd=project)
    assert both.stderr == "intreg: error: give --base-url or --sandbox, not both\n"
