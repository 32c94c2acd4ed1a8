"""The shipped system records follow their plans (issue 19): phases, roles, figures, fixes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from intreg.records.costs import plan_rollup, within_precision
from intreg.records.project import Project
from intreg.records.registry import load_registry

REPO = Path(__file__).parent.parent
PROJECT = Project(REPO)
REGISTRY = load_registry(PROJECT.record_files(), REPO, systems=PROJECT.system_files())
SYSTEMS = {s.system.id: s.system for s in REGISTRY.systems}
RECORDS = {r.record.id: r.record for r in REGISTRY.records}


def entry(system: str, integration: str):
    return next(p for p in SYSTEMS[system].plan if p.integration == integration)


def test_both_systems_load_and_every_consumer_has_its_system() -> None:
    assert REGISTRY.findings == []
    assert sorted(SYSTEMS) == ["py360-renewal", "saypro-classified"]
    for record in RECORDS.values():
        for consumer in record.consumers:
            assert entry(consumer, record.id) is not None
        assert record.priority is None and record.phase is None, record.id


def test_py360_follows_its_plan_on_email_and_whatsapp() -> None:
    ses, sendgrid = entry("py360-renewal", "aws-ses"), entry("py360-renewal", "sendgrid")
    assert (ses.phase, ses.role) == (1, "recommended (option 1)")
    assert (sendgrid.phase, sendgrid.role, sendgrid.standby) == (1, "option 2", True)
    assert entry("py360-renewal", "whatsapp-business").phase == 2
    assert RECORDS["aws-ses"].fallback.mutual and RECORDS["sendgrid"].fallback.mutual
    assert RECORDS["sendgrid"].fallback.systems == ["py360-renewal"]


def test_py360_plan_figures_add_up_to_its_phase_estimates_within_their_precision() -> None:
    system = SYSTEMS["py360-renewal"]
    items = [
        (p.phase, p.plan_estimate.monthly_amount if p.plan_estimate else None, p.standby)
        for p in system.plan
    ]
    sums = plan_rollup(items)
    assert sums == {1: Decimal("110"), 2: Decimal("150")}  # S3 25 + SES 10 + Twilio 75
    for phase in system.phases[:2]:
        stated = phase.plan_estimate
        assert stated is not None and stated.approximate
        assert within_precision(sums[phase.number], stated.monthly_amount, True), phase.name
    total = system.budget.plan_total
    assert within_precision(sum(sums.values()), total.monthly_amount, total.approximate)
    assert entry("py360-renewal", "razorpay").plan_estimate.percent_fee == 2.5


def test_py360_frontend_maintenance_and_procedures_are_the_plans() -> None:
    system = SYSTEMS["py360-renewal"]
    flags = [f.env_var for f in system.frontend.feature_flags]
    assert flags == [
        "REACT_APP_ENABLE_WHATSAPP_CAMPAIGNS",
        "REACT_APP_ENABLE_SMS_CAMPAIGNS",
        "REACT_APP_ENABLE_AI_ASSISTANT",
    ]
    assert len(system.frontend.public_urls) == 5
    cadences = [str(t.cadence) for t in system.maintenance]
    assert [cadences.count(c) for c in ("daily", "weekly", "monthly", "quarterly")] == [3, 3, 3, 4]
    assert [(str(e.kind), len(e.steps)) for e in system.emergencies] == [
        ("provider_outage", 6),
        ("quota_exceeded", 3),
        ("security_incident", 5),
    ]


def test_saypro_has_its_project_manager_targets_and_high_priority_categories() -> None:
    system = SYSTEMS["saypro-classified"]
    assert system.owner.roles.project_manager is not None
    targets = system.targets
    assert (targets.uptime_percent, targets.error_rate_percent) == (99.9, 0.5)
    assert targets.usage_ceiling_percent == 75
    assert [t.milliseconds for t in targets.latency] == [200, 2000, 1000]
    high = {p.integration for p in system.plan if p.phase == 1}
    assert {"stripe", "paypal", "sendgrid", "twilio"} <= high
    assert "saypro-classified" in RECORDS["twilio"].consumers
    assert RECORDS["twilio"].fallback.systems == ["py360-renewal"]
