"""A system record's page, rendered in memory: the plan's sections, costs, runbook, diagrams."""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from pathlib import PurePosixPath

import pytest

from intreg.outputs.outputs import Inputs, generate_all
from intreg.outputs.site.system_map import map_diagram, timeline_diagram
from intreg.outputs.site.system_page import render_system_plan
from intreg.outputs.summary import summary_of
from intreg.records.model import Integration
from intreg.records.operations import Cost, CostModel, Fallback
from intreg.records.system import System
from intreg.records.system_loader import load_system
from tests.helpers import CASES
from tests.outputs.site.geometry import assert_laid_out
from tests.records.test_scorecard import record

TODAY = dt.date(2026, 11, 24)
SHOP = (CASES / "systems" / "shop.yaml").read_text(encoding="utf-8")


def shop(text: str = SHOP) -> System:
    loaded = load_system(text.encode(), "registry/systems/shop.yaml", "shop")
    assert loaded.system is not None, loaded.findings
    return loaded.system.system


def integration(record_id: str, name: str, cost: Cost, fallback: str | None) -> Integration:
    return record("full").model_copy(
        update={
            "id": record_id,
            "name": name,
            "consumers": ["shop"],
            "cost": cost,
            "fallback": Fallback(integration=fallback, description="x") if fallback else None,
        }
    )


PAY = integration(
    "pay",
    "Pay",
    Cost(model=CostModel.PER_UNIT, unit_price=0.0079, unit="SMS segment", currency="USD"),
    "backup-pay",
)
BACKUP = integration(
    "backup-pay", "Backup Pay", Cost(model=CostModel.PERCENTAGE, percent_fee=2.5), None
)


def page(system: System | None = None, records=(PAY, BACKUP)) -> str:
    """The page's Markdown with character references decoded (as the reader sees the text)."""
    return html.unescape(
        render_system_plan(system or shop(), [summary_of(r) for r in records], TODAY).decode()
    )


def section(markdown: str, heading: str) -> str:
    """The text under `heading` (any level) up to the next heading of the same or a higher level."""
    level = re.search(rf"^(#+) {re.escape(heading)}$", markdown, re.M)
    assert level, heading
    rest = markdown[level.end() :]
    end = re.search(rf"^#{{1,{len(level.group(1))}}} ", rest, re.M)
    return rest[: end.start() if end else None]


def test_the_page_has_the_plans_sections_in_order() -> None:
    headings = re.findall(r"^## (.+)$", page(), re.M)
    assert headings == [
        "Roles",
        "Phases",
        "Integrations by phase and priority",
        "System map",
        "Costs",
        "Monitoring targets",
        "Frontend configuration",
        "Maintenance schedule",
        "Emergency procedures",
        "Changes and sources",
    ]


def test_people_are_named_by_role_and_their_addresses_stay_off_the_page() -> None:
    roles = section(page(), "Roles")
    assert "| System administrator | Sam Admin | — |" in roles
    assert "| Project manager | Pat Manager | @pat |" in roles
    assert "sam@example.com" not in page() and "pat@example.com" not in page()


def test_computed_costs_stand_beside_the_plans_and_a_fee_is_never_summed() -> None:
    costs = section(page(), "Costs")
    assert (
        "| [Pay](<../integrations/pay/index.md>) | 1 | 0.0079 USD per SMS segment | "
        "1,000 SMS segment | 7.90 USD | 10.00 USD a month: differs |"
    ) in costs
    assert (
        "| [Backup Pay](<../integrations/backup-pay/index.md>) | 1 | 2.5% per transaction | — | "
        "2.5% of each transaction | — |"
    ) in costs
    assert (
        "| 1: MVP | 7.90 USD | fees: Backup Pay: 2.5% of each transaction | 10.00 USD: differs "
        "from the plan's about 150.00 USD a month (“~$150/month”) | "
        "about 150.00 USD a month (“~$150/month”): differs |"
    ) in costs
    total = section(costs, "Total against the budget")
    assert "- **Computed total a month:** 7.90 USD\n" in total
    assert (
        "- **Transaction fees, besides the total:** Backup Pay: 2.5% of each transaction" in total
    )
    assert "- **Budget:** 100.00 USD a month: within budget\n" in total
    assert "- **Total, as the plan says:** about 300.00 USD a month: differs\n" in total


def test_a_computed_figure_matches_the_plan_within_the_precision_the_plan_gives() -> None:
    # 1,000 x 0.12 = 120.00: "~$150" allows 100 to 200; exactly $10 allows 10.00 only.
    near = PAY.model_copy(update={"cost": PAY.cost.model_copy(update={"unit_price": 0.12})})
    costs = section(page(records=[near, BACKUP]), "Costs")
    assert "| 120.00 USD | 10.00 USD a month: differs |" in costs
    assert "| 1: MVP | 120.00 USD |" in costs
    assert "about 150.00 USD a month (“~$150/month”): matches |" in costs
    assert "- **Total, as the plan says:** about 300.00 USD a month: differs\n" in costs


def test_a_total_above_the_budget_says_by_how_much() -> None:
    costly = PAY.model_copy(update={"cost": PAY.cost.model_copy(update={"unit_price": 0.25})})
    total = section(page(records=[costly, BACKUP]), "Total against the budget")
    assert "- **Budget:** 100.00 USD a month: over budget by 150.00 USD\n" in total


def test_an_unpriced_integration_is_left_out_of_the_total_and_says_why() -> None:
    unpriced = PAY.model_copy(update={"cost": None})
    total = section(page(records=[unpriced, BACKUP]), "Total against the budget")
    assert "- **Not estimated:** Pay (no price recorded)\n" in total


def test_the_runbook_lists_tasks_by_cadence_and_steps_with_who_does_them() -> None:
    text = page()
    assert section(text, "Maintenance schedule").startswith(
        "\n\n| Cadence | Task | Who |\n|---|---|---|\n"
        "| daily | Check error logs | System administrator: Sam Admin |\n"
        "| quarterly | Review contracts | Project manager: Pat Manager |\n"
    )
    runbook = section(text, "Security incident (revoked or leaked key)")
    assert runbook == (
        "\n\n1. **Immediate:** Revoke the compromised key (System administrator: Sam Admin)\n"
        "2. **Recovery:** Issue a new key and update the configuration\n\n"
    )


def test_targets_frontend_and_env_templates_are_shown() -> None:
    text = page()
    assert "- **Uptime:** 99.9% per integration\n" in text
    assert "- **Latency, payments:** average under 200 ms\n" in text
    assert "| `REACT_APP_ENABLE_PAY` | on | pay | — |" in section(text, "Frontend configuration")
    assert (
        "[backend .env template](<../downloads/env/shop/backend.env.example>) · "
        "[frontend .env template](<../downloads/env/shop/frontend.env.example>)"
    ) in text


def test_the_matrix_puts_each_integration_at_its_phase_and_priority() -> None:
    matrix = section(page(), "Integrations by phase and priority")
    assert (
        "| high | [Pay](<../integrations/pay/index.md>) (recommended) | — |\n"
        "| medium | [Backup Pay](<../integrations/backup-pay/index.md>) (option 2) | — |\n"
        "| low | — | — |\n"
    ) in matrix


def test_the_map_draws_the_fallback_between_two_planned_integrations() -> None:
    d = map_diagram(shop(), {"pay": summary_of(PAY), "backup-pay": summary_of(BACKUP)})
    assert [a.kind for a in d.arrows] == ["fallback"]
    assert "Pay falls back to Backup Pay" in d.description
    assert_laid_out(d)
    assert_laid_out(timeline_diagram(shop()))


@pytest.mark.parametrize("count", [1, 7, 30])
def test_a_map_of_many_integrations_stays_one_column_and_no_line_crosses_a_box(count) -> None:
    ids = [f"i{n:02d}" for n in range(count)]
    # Each falls back to the one three places on (round the end): long and short hops mixed.
    records = {
        i: integration(i, f"Integration {i}", PAY.cost, ids[(n + 3) % count] if count > 1 else None)
        for n, i in enumerate(ids)
    }
    plan = "".join(
        f"  - {{integration: {i}, phase: {1 + n % 2}, priority: high, role: r}}\n"
        for n, i in enumerate(ids)
    )
    text = re.sub(r"(?ms)^plan:\n.*?(?=^budget:)", f"plan:\n{plan}", SHOP)
    text = text.replace("REACT_APP_PAY_URL", "REACT_APP_I_URL").replace("integration: pay}", "}")
    d = map_diagram(shop(text), {i: summary_of(r) for i, r in records.items()})
    assert len({b.x for b in d.boxes}) == 1
    assert len(d.arrows) == (count if count > 1 else 0)
    assert_laid_out(d)


def test_generation_writes_the_plan_page_and_keeps_pages_for_systems_without_records() -> None:
    loner = record("minimal").model_copy(update={"consumers": ["no-record-yet"]})
    files = generate_all(Inputs([PAY, BACKUP, loner], TODAY, {}, None, [shop()]))
    plan = files[PurePosixPath("docs/systems/shop.md")].decode()
    assert plan.startswith('---\ntitle: "Shop"\n---\n\n# Shop\n')
    other = files[PurePosixPath("docs/systems/no-record-yet.md")].decode()
    assert "## Implementation phases" in other
    index = files[PurePosixPath("docs/systems/index.md")].decode()
    assert "| [Shop](<../systems/shop.md>) | 2 | 2 | 100 USD a month | yes |" in index
    assert "no&#58; add registry/systems/no-record-yet.yaml" in index
    nav = files[PurePosixPath("config/nav.yml")].decode()
    assert "systems/no-record-yet.md" in nav and "systems/shop.md" in nav


def test_the_reviews_page_lists_each_systems_tasks_soonest_first() -> None:
    files = generate_all(Inputs([PAY, BACKUP], dt.date(2026, 11, 27), {}, None, [shop()]))
    reviews = html.unescape(files[PurePosixPath("docs/reviews.md")].decode())
    assert section(reviews, "Maintenance tasks") == (
        "\n\n| System | Cadence | Task | Who | Due | Days |\n|---|---|---|---|---|---|\n"
        "| [Shop](<systems/shop.md>) | daily | Check error logs | "
        "System administrator: Sam Admin | 2026-11-27 (today) | 0 |\n"
        "| [Shop](<systems/shop.md>) | quarterly | Review contracts | "
        "Project manager: Pat Manager | 2026-12-31 (this quarter) | 34 |\n"
    )


def test_a_long_timeline_wraps_into_rows_and_stays_laid_out() -> None:
    phases = "".join(
        f"  - {{number: {n}, name: Phase number {n} with a rather long name indeed}}\n"
        for n in range(1, 8)
    )
    text = re.sub(r"(?ms)^phases:\n.*?(?=^plan:)", f"phases:\n{phases}", SHOP)
    d = timeline_diagram(shop(text))
    assert len({b.y for b in d.boxes}) == 3  # 3 + 3 + 1
    assert len(d.arrows) == 6
    assert d.boxes[0].lines[:3] == ("Phase 1", "Phase number 1 with a", "rather long name…")
    assert_laid_out(d)


def test_departures_from_the_plan_are_listed_with_their_reasons() -> None:
    text = SHOP.replace("    role: option 2\n", "    role: option 2\n    deviation: Ships early.\n")
    departures = section(page(shop(text)), "Where the registry departs from the plan document")
    assert "- **[Backup Pay](<../integrations/backup-pay/index.md>):** Ships early.\n" in departures


HOSTILE = "<script>alert(1)</script><b>x</b>"


def test_system_record_text_reaches_the_page_and_its_diagrams_only_as_text() -> None:
    text = SHOP
    for old in [
        "name: Shop\n",
        "description: Sells listings to the public.",
        "title: Shop integration plan",
        "    name: MVP\n",
        "goals: [Take payments]",
        "role: recommended",
        "task: Check error logs",
        "name: Security incident",
        "action: Revoke the compromised key",
        'quote: "~$150/month"',
    ]:
        key, _, value = old.partition(": ")
        assert old in text, old
        text = text.replace(
            old,
            f"{key}: '{HOSTILE} {value.strip()}'\n"
            if old.endswith("\n")
            else f"{key}: '{HOSTILE} {value}'",
        )
    text = text.replace(
        "goals: '<script>alert(1)</script><b>x</b> [Take payments]'", f"goals: ['{HOSTILE}']"
    )
    markdown = render_system_plan(shop(text), [summary_of(PAY), summary_of(BACKUP)], TODAY).decode()
    assert "<script" not in markdown and "<b>" not in markdown
    assert markdown.count("&lt;script&gt;") + markdown.count("&#60;script&#62;") >= 10
    for figure in re.findall(r'<figure class="intreg-diagram".*?</figure>', markdown):
        ET.fromstring(figure)  # well-formed: record text never closes or opens an element


def test_standby_alternatives_stay_out_of_the_sums_and_the_plans_items_are_added_up() -> None:
    text = SHOP.replace(
        "    role: option 2\n",
        "    role: option 2\n    standby: true\n    plan_estimate: {monthly_amount: 99}\n",
    ).replace("{monthly_amount: 150, approximate: true", "{monthly_amount: 10, approximate: false")
    costly = BACKUP.model_copy(
        update={"cost": Cost(model=CostModel.SUBSCRIPTION, unit_price=40, currency="USD")}
    )
    costs = section(page(shop(text), records=[PAY, costly]), "Costs")
    assert "| 40.00 USD (standby: not in the sums) |" in costs
    # Phase 1: computed 7.90 (Pay; Backup Pay is standby); the plan's items: Pay's 10 only.
    assert (
        "| 1: MVP | 7.90 USD | standby: Backup Pay | 10.00 USD: matches the plan's 10.00 USD a "
        "month (“~$150/month”) | 10.00 USD a month (“~$150/month”): differs |"
    ) in costs
    total = section(costs, "Total against the budget")
    assert "- **Standby, besides the total:** Backup Pay\n" in total
    assert "- **The plan's items add up to:** 10.00 USD: differs from the plan's about 300" in total
