"""What keeps a run against a real API safe: live keys and hosts, masking, read-only plans."""

from __future__ import annotations

import pytest

from intreg.contract.plan import WRITES_SKIPPED, pinned_headers, plan_run
from intreg.contract.safety import (
    LIVE_KEY_PREFIXES,
    live_key_kind,
    masked,
    refuse_live_keys,
    refuse_live_target,
    without_credentials,
)
from intreg.outputs.openapi import render_openapi
from intreg.records.errors import IntregError
from tests.helpers import case_text
from tests.mock.test_mock import record_from


def test_masked_shows_four_characters_and_the_length() -> None:
    assert masked("sk_live_51Habcdefgh") == "sk_l… (19 characters)"


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("sk_live_abc", "a Stripe (or Paystack) live secret key"),
        ("rk_live_abc", "a Stripe live restricted key"),
        ("rzp_live_abc", "a Razorpay live key"),
        ("sk_test_abc", None),
        ("rzp_test_abc", None),
        ("AC0123", None),
    ],
)
def test_live_key_kind(value: str, kind: str | None) -> None:
    assert live_key_kind(value) == kind


def test_every_listed_prefix_is_recognised() -> None:
    assert all(live_key_kind(prefix + "x") == kind for prefix, kind in LIVE_KEY_PREFIXES.items())


def test_a_live_key_is_refused_without_showing_it() -> None:
    with pytest.raises(IntregError) as caught:
        refuse_live_keys(["A_KEY", "STRIPE_SECRET_KEY"], ["fine", "sk_live_0123456789abcdef"])
    assert str(caught.value) == (
        "$STRIPE_SECRET_KEY looks like a Stripe (or Paystack) live secret key (sk_l… (24 "
        "characters)): contract runs send generated requests, so use a test key, or pass "
        "--allow-live-keys if you mean it"
    )
    assert "0123456789" not in str(caught.value)


def test_the_live_host_of_a_record_with_a_sandbox_is_refused() -> None:
    record = record_from(case_text("full"), "full")  # api.example.com, sandbox.example.com
    for url in ("https://sandbox.example.com", "http://127.0.0.1:9", "https://other.example"):
        refuse_live_target(record, url)
    with pytest.raises(IntregError) as caught:
        refuse_live_target(record, "https://API.example.com:443/v2")
    assert str(caught.value) == (
        "https://api.example.com:443/v2 is full's live API (api.base_url): test against its "
        "sandbox (https://sandbox.example.com, what --sandbox picks), or pass --allow-live-keys "
        "if you mean it"
    )
    refuse_live_target(record_from(case_text("minimal"), "minimal"), "https://api.example.com")


def test_without_credentials() -> None:
    assert without_credentials("https://user:pw@api.example.com/v1/?key=k#x") == (
        "https://api.example.com/v1"
    )
    assert without_credentials("http://127.0.0.1:8080") == "http://127.0.0.1:8080"


def test_a_plan_against_a_real_api_sends_reads_only_unless_writes_are_allowed() -> None:
    text = case_text("minimal").replace(
        "rate_limits:",
        "  - method: POST\n    path: /v1/refunds\n    summary: Refund.\n"
        "    source: https://example.com/docs/refunds\n    idempotency_header: Idempotency-Key\n"
        "    timeout_seconds: 15\n    responses:\n      200:\n        description: Done.\n"
        "rate_limits:",
    )
    record = record_from(text, "minimal")
    document = render_openapi(record)
    read_only = plan_run(record, document, "https://api.example.com/", False, False, 10.0)
    assert read_only.labels == ("GET /v1/charges/{charge}",)
    assert read_only.skipped == (("POST /v1/refunds", WRITES_SKIPPED),)
    assert list(read_only.document["paths"]) == ["/v1/charges/{charge}"]
    assert "/v1/refunds" in document["paths"]  # the stub itself is left alone
    assert read_only.policy.target == "https://api.example.com"
    assert not read_only.policy.forward_all
    writes = plan_run(record, document, "https://api.example.com", False, True, 10.0)
    assert writes.labels == ("GET /v1/charges/{charge}", "POST /v1/refunds")
    refund = writes.policy.routes[1]
    assert (refund.timeout, refund.idempotency_header) == (15.0, "Idempotency-Key")
    assert writes.timeouts == {"getV1ChargesByCharge": 10.0, "postV1Refunds": 15.0}
    on_mock = plan_run(record, document, "http://127.0.0.1:1", True, False, 10.0)
    assert on_mock.skipped == () and on_mock.policy.forward_all


def test_the_pinned_version_header_goes_on_routes_that_do_not_declare_it() -> None:
    record = record_from(case_text("full"), "full")
    assert pinned_headers(record) == (("Example-Version", "v2"),)
    plan = plan_run(record, render_openapi(record), "https://x.example", False, True, 10.0)
    assert plan.policy.routes[0].headers == (("Example-Version", "v2"),)
    assert plan.policy.routes[0].add_idempotency  # declared, but not required


def test_targets_and_timeouts_come_from_the_endpoint_else_the_sla() -> None:
    text = case_text("full").replace(
        "    timeout_seconds: 10\n", "    timeout_seconds: 15\n    latency_p95_ms: 150\n"
    )
    record = record_from(text, "full")
    plan = plan_run(record, render_openapi(record), "https://x.example", False, True, 10.0)
    assert plan.targets == {"POST /v2/messages": 150}
    assert plan.policy.routes[0].timeout == 15.0
    sla_only = record_from(
        case_text("full")
        .replace("    timeout_seconds: 10\n", "")
        .replace("  latency_p95_ms: 800\n", "  latency_p95_ms: 800\n  timeout_seconds: 4\n"),
        "full",
    )
    plan = plan_run(sla_only, render_openapi(sla_only), "https://x.example", False, True, 10.0)
    assert plan.targets == {"POST /v2/messages": 800}
    assert plan.policy.routes[0].timeout == 4.0
