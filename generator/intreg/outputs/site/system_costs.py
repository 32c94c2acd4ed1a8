"""A system page's cost roll-up: computed monthly figures per integration, per phase and for the
system, beside the plan document's own figures and the budget (issue 19, item 3).

Computed figures come from intreg.records.costs (the integration's price times the plan's
volume); a transaction fee stays a fee, listed beside the totals and never added to them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from intreg.outputs.markdown import Safe, link, text, url
from intreg.outputs.site import links
from intreg.outputs.site.page import Page, cells
from intreg.outputs.summary import RecordSummary
from intreg.records.costs import (
    Demand,
    Estimate,
    Price,
    Rollup,
    SystemEstimate,
    estimate_system,
    plan_rollup,
    within_precision,
)
from intreg.records.system import System
from intreg.records.system_plan import PlanFigure

S = Safe


def system_estimate(system: System, records: Mapping[str, RecordSummary]) -> SystemEstimate:
    """The computed monthly estimates of `system`'s plan, in its budget's currency."""
    prices = {
        r.id: Price(
            model=str(r.cost.model),
            unit_price=r.cost.unit_price,
            percent_fee=r.cost.percent_fee,
            unit=r.cost.unit,
            currency=r.cost.currency,
        )
        for r in records.values()
        if r.cost is not None
    }
    demands = [Demand(e.integration, e.phase, e.monthly_volume, e.standby) for e in system.plan]
    currency = system.budget.currency if system.budget is not None else None
    return estimate_system(demands, prices, currency)


def render_costs(page: Page, system: System, records: Mapping[str, RecordSummary]) -> None:
    """The per-integration table, the per-phase table and the total against the budget."""
    here = links.system_page(system.id)
    found = system_estimate(system, records)
    money = _Money(found.currency)
    plan_said = _plan_source(system)

    def name(integration: str) -> Safe:
        r = records.get(integration)
        label = r.name if r is not None else integration
        return link(label, links.relative(here, links.integration_page(integration)))

    page.heading(3, S("Per integration"))
    entries = {e.integration: e for e in system.plan}
    page.table(
        ["Integration", "Phase", "Price", "Volume a month", "Computed a month", plan_said],
        [
            cells(
                name(i.integration),
                i.phase,
                _price(records.get(i.integration)),
                _volume(entries[i.integration].monthly_volume, records.get(i.integration)),
                money.estimate(i),
                _compared(i.amount, entries[i.integration].plan_estimate, money),
            )
            for i in found.items
        ],
    )
    page.heading(3, S("Per phase"))
    phases = {p.number: p for p in system.phases}
    items = plan_items(system)
    page.table(
        [
            "Phase",
            "Computed a month",
            "Left out of the sum",
            "The plan's items add up to",
            plan_said,
        ],
        [
            cells(
                f"{number}: {phases[number].name}" if number in phases else number,
                money.amount(rollup.amount),
                _left_out(rollup, records),
                _compared(
                    items.get(number),
                    phases[number].plan_estimate if number in phases else None,
                    money,
                    label=money.amount(items[number]) if number in items else None,
                ),
                _compared(
                    rollup.amount,
                    phases[number].plan_estimate if number in phases else None,
                    money,
                    rollup,
                ),
            )
            for number, rollup in sorted(found.phases.items())
        ],
    )
    page.heading(3, S("Total against the budget"))
    page.facts(_total_facts(system, found, money, records))


def _total_facts(
    system: System, found: SystemEstimate, money: _Money, records: Mapping[str, RecordSummary]
) -> list[tuple[str, Safe]]:
    total = found.total
    facts = [
        ("Computed total a month", text(money.amount(total.amount))),
        ("Transaction fees, besides the total", text(_fees(total, records) or "none")),
        ("Standby, besides the total", text(_standby(total, records) or "none")),
        ("Not estimated", text(_unestimated(total, records) or "none")),
    ]
    items = sum(plan_items(system).values(), Decimal(0))
    budget = system.budget
    if budget is None:
        return [*facts, ("Budget", S("no budget recorded"))]
    limit = Decimal(str(budget.monthly))
    status = (
        "within budget"
        if total.amount <= limit
        else f"over budget by {money.amount(total.amount - limit)}"
    )
    if total.unestimated and total.amount <= limit:
        status += f" so far ({len(total.unestimated)} not estimated)"
    facts.append(
        ("Budget", text(f"{money.amount(Decimal(str(budget.monthly)))} a month: {status}"))
    )
    if budget.source:
        facts.append(("Budget set by", text(budget.source)))
    if budget.plan_total is not None:
        said = _compared(total.amount, budget.plan_total, money, total)
        facts.append(("Total, as the plan says", text(said)))
        added = _compared(items, budget.plan_total, money, label=money.amount(items))
        facts.append(("The plan's items add up to", text(added)))
    return facts


class _Money:
    """Amounts in the system's currency, as text."""

    def __init__(self, currency: str | None) -> None:
        self.currency = currency or ""

    def amount(self, value: Decimal) -> str:
        return f"{value:,.2f} {self.currency}".strip()

    def estimate(self, item: Estimate) -> str:
        if item.standby:
            return f"{self._figure(item)} (standby: not in the sums)"
        return self._figure(item)

    def _figure(self, item: Estimate) -> str:
        if item.amount is not None:
            return self.amount(item.amount)
        if item.percent_fee is not None:
            return f"{item.percent_fee.normalize():f}% of each transaction"
        return f"not estimated: {item.missing}"


def _plan_source(system: System) -> str:
    doc = system.plan_document
    return f"The plan says ({doc.dated})" if doc is not None else "The plan says"


def plan_items(system: System) -> dict[int, Decimal]:
    """The plan document's own figures for its integrations, added up per phase (standby
    alternatives left out, as the plan's phase totals leave them out)."""
    return plan_rollup(
        [
            (e.phase, e.plan_estimate.monthly_amount if e.plan_estimate else None, e.standby)
            for e in system.plan
        ]
    )


def _compared(
    computed: Decimal | None,
    figure: PlanFigure | None,
    money: _Money,
    rollup: Rollup | None = None,
    label: str | None = None,
) -> str | None:
    """`label` (else the plan's figure), and whether `computed` matches the plan's figure
    within the precision the plan gives (to the cent, or half a unit of its first digit for
    "~$150")."""
    shown = label if label is not None else _figure(figure, money)
    if figure is None or figure.monthly_amount is None or computed is None:
        return shown
    if within_precision(computed, figure.monthly_amount, figure.approximate):
        verdict = "matches"
    else:
        missing = len(rollup.unestimated) if rollup is not None else 0
        verdict = "differs" + (f", {missing} not estimated" if missing else "")
    if label is not None:
        against = "matches" if verdict == "matches" else "differs from"
        return f"{shown}: {against} the plan's {_figure(figure, money)}"
    return f"{shown}: {verdict}"


def _figure(figure: PlanFigure | None, money: _Money) -> str | None:
    """A plan figure as the plan gives it: approximate ones marked, fees as fees."""
    if figure is None:
        return None
    parts = []
    if figure.monthly_amount is not None:
        approx = "about " if figure.approximate else ""
        parts.append(f"{approx}{money.amount(Decimal(str(figure.monthly_amount)))} a month")
    if figure.percent_fee is not None:
        parts.append(f"{_number(figure.percent_fee)}% per transaction")
    if figure.unit_price is not None:
        per = f" per {figure.unit}" if figure.unit else ""
        parts.append(f"{_number(figure.unit_price)} {money.currency}".strip() + per)
    shown = " + ".join(parts)
    return f"{shown} (“{figure.quote}”)" if figure.quote else shown


def _price(r: RecordSummary | None) -> str | None:
    if r is None or r.cost is None:
        return "no price recorded"
    c = r.cost
    if c.percent_fee is not None:
        return f"{_number(c.percent_fee)}% per transaction"
    if c.unit_price is not None:
        per = f" per {c.unit}" if c.unit else ""
        return f"{_number(c.unit_price)} {c.currency or ''}".strip() + per
    return "not recorded" if str(c.model) == "unknown" else str(c.model).replace("_", " ")


def _volume(volume: float | None, r: RecordSummary | None) -> str | None:
    if volume is None:
        return None
    unit = r.cost.unit if r is not None and r.cost is not None and r.cost.unit else "units"
    return f"{_number(volume, grouped=True)} {unit}"


def _number(value: float, grouped: bool = False) -> str:
    """A record's number as people write it: no exponent, no trailing zeros."""
    exact = Decimal(str(value)).normalize()
    return f"{exact:,f}" if grouped else f"{exact:f}"


def _fees(rollup: Rollup, records: Mapping[str, RecordSummary]) -> str:
    return ", ".join(
        f"{_name(i.integration, records)}: {i.percent_fee.normalize():f}% of each transaction"
        for i in rollup.fees
        if i.percent_fee is not None
    )


def _left_out(rollup: Rollup, records: Mapping[str, RecordSummary]) -> str | None:
    """What the sum leaves out: transaction fees, standby alternatives, unestimated ones."""
    parts = [
        f"fees: {_fees(rollup, records)}" if rollup.fees else "",
        f"standby: {_standby(rollup, records)}" if rollup.standby else "",
        f"not estimated: {_unestimated(rollup, records)}" if rollup.unestimated else "",
    ]
    return "; ".join(p for p in parts if p) or None


def _standby(rollup: Rollup, records: Mapping[str, RecordSummary]) -> str:
    return ", ".join(_name(i.integration, records) for i in rollup.standby)


def _unestimated(rollup: Rollup, records: Mapping[str, RecordSummary]) -> str:
    return ", ".join(f"{_name(i.integration, records)} ({i.missing})" for i in rollup.unestimated)


def _name(integration: str, records: Mapping[str, RecordSummary]) -> str:
    r = records.get(integration)
    return r.name if r is not None else integration


def cost_sources(records: Sequence[RecordSummary]) -> list[tuple[str, Safe]]:
    """Where each price comes from: the provider's pricing page, read on `as_of`."""
    return [
        (
            r.name,
            S(url(r.cost.source) + (text(f" (read on {r.cost.as_of})") if r.cost.as_of else S(""))),
        )
        for r in records
        if r.cost is not None and r.cost.source
    ]
