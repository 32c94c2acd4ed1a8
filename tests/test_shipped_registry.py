"""The registry this repository ships: every provider of both systems, valid and sourced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from intreg.records.cadence import ReviewState
from intreg.records.project import Project
from intreg.records.registry import load_registry

REPO = Path(__file__).parent.parent
PROJECT = Project(REPO)
REGISTRY = load_registry(PROJECT.record_files(), REPO, systems=PROJECT.system_files())
RECORDS = {r.record.id: r.record for r in REGISTRY.records}
TODAY = dt.date(2026, 11, 24)

SAYPRO = [
    "stripe",
    "paypal",
    "mailchimp",
    "sendgrid",
    "hubspot",
    "salesforce",
    "google-analytics",
    "semrush",
    "ahrefs",
]
PY360 = [
    "whatsapp-business",
    "twilio",
    "aws-sns",
    "aws-ses",
    "sendgrid",
    "aws-s3",
    "razorpay",
    "openai",
    "facebook-graph",
    "x-api",
    "linkedin",
    "telegram",
    "wechat",
]


def test_the_shipped_registry_is_valid() -> None:
    assert REGISTRY.findings == []


def test_every_provider_of_both_systems_is_present_with_its_consumer() -> None:
    for system, ids in (("saypro-classified", SAYPRO), ("py360-renewal", PY360)):
        for record_id in ids:
            assert record_id in RECORDS, f"{record_id} is missing"
            assert system in RECORDS[record_id].consumers, f"{record_id} lacks {system}"


def test_every_endpoint_and_rate_limit_names_its_source() -> None:
    for record in RECORDS.values():
        for endpoint in record.endpoints:
            assert endpoint.source.startswith(("https://", "http://")), (record.id, endpoint.path)
        for limit in record.rate_limits:
            assert limit.source.startswith(("https://", "http://")), (record.id, limit.scope)


def test_maintenance_data_is_realistic() -> None:
    states = [r.review.state(TODAY) for r in RECORDS.values()]
    assert 1 <= states.count(ReviewState.OVERDUE) <= 3
    assert states.count(ReviewState.DUE_SOON) >= 2
    assert len({r.owner.team for r in RECORDS.values()}) >= 4
    deprecated = [r for r in RECORDS.values() if r.versioning and r.versioning.sunset_on]
    assert deprecated, "one record should show a version with a published sunset date"


def test_cost_estimates_are_dated() -> None:
    for record in RECORDS.values():
        if record.cost and record.cost.monthly_estimate is not None:
            assert record.cost.estimated_on is not None, record.id


def test_messaging_fallbacks_name_their_records() -> None:
    twilio, ses = RECORDS["twilio"].fallback, RECORDS["aws-ses"].fallback
    assert twilio is not None and twilio.integration == "aws-sns"
    assert ses is not None and ses.integration == "sendgrid"


def test_every_active_integration_states_its_monitoring_targets_and_alerts() -> None:
    # The SayPro standard's targets (issue 18, item 6): 99.9% uptime, under 200 ms for
    # payments (under 1 s otherwise), errors under 0.5%, usage under 75% of rate limits.
    for r in RECORDS.values():
        if r.lifecycle != "active":
            continue
        assert r.monitoring is not None and r.monitoring.targets is not None, r.id
        targets = r.monitoring.targets
        expected_latency = 200 if r.category == "payments" else 1000
        figures = (
            targets.uptime_percent,
            targets.latency_p95_ms,
            targets.error_rate_percent,
            targets.rate_limit_usage_percent,
        )
        assert figures == (99.9, expected_latency, 0.5, 75) or targets.deviation, r.id
        assert targets.source.startswith("SayPro API documentation standard"), r.id
        names = {a.name for a in r.monitoring.alerts}
        assert {f"{r.id}-error-rate", f"{r.id}-latency"} <= names, r.id
