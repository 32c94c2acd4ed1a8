"""Monthly cost estimates of a system's plan: per integration, per phase, for the system.

A pure function of plain data (issue 19): an integration's price (cost.model, unit_price or
percent_fee, currency) times the volume the system expects. A transaction fee (2.5%) is kept as
a fee, never turned into an amount; a price in another currency than the budget's, or a price
or volume nobody stated, leaves the integration out of the total and says why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Price:
    """How an integration charges: its cost model and figures (from the provider)."""

    model: str  # intreg.records.operations.CostModel
    unit_price: float | None = None
    percent_fee: float | None = None
    unit: str | None = None
    currency: str | None = None


@dataclass(frozen=True)
class Demand:
    """What a system's plan expects of one integration: its phase and monthly volume."""

    integration: str
    phase: int
    monthly_volume: float | None = None
    standby: bool = False  # an alternative that costs only when used: kept out of sums


@dataclass(frozen=True)
class Estimate:
    """One integration's monthly cost in a system: an amount, a fee, or why there is neither."""

    integration: str
    phase: int
    amount: Decimal | None = None  # in the system's currency, to the cent
    percent_fee: Decimal | None = None  # of each transaction, never summed
    missing: str | None = None  # why no figure: "no price recorded", "no volume planned"...
    standby: bool = False  # kept out of the sums: it carries traffic only as an alternative


@dataclass(frozen=True)
class Rollup:
    """The estimates of a set of integrations: the sum of amounts, the fees beside it, and the
    integrations left out of the sum."""

    amount: Decimal
    fees: tuple[Estimate, ...]
    unestimated: tuple[Estimate, ...]
    standby: tuple[Estimate, ...] = ()


@dataclass(frozen=True)
class SystemEstimate:
    """Every integration's estimate, a roll-up per phase, and one for the whole system."""

    currency: str | None
    items: tuple[Estimate, ...]
    phases: dict[int, Rollup]
    total: Rollup


def estimate(demand: Demand, price: Price | None, currency: str | None) -> Estimate:
    """The monthly cost of `demand` at `price`, in `currency` (the system's budget currency)."""
    base = Estimate(demand.integration, demand.phase, standby=demand.standby)
    if price is None or price.model == "unknown":
        return _missing(base, "no price recorded")
    if price.model == "free":
        return replace(base, amount=Decimal(0))
    if price.model == "percentage":
        if price.percent_fee is None:
            return _missing(base, "no percent_fee recorded")
        return replace(base, percent_fee=Decimal(str(price.percent_fee)))
    if price.model == "tiered":
        return _missing(base, "tiered pricing: no single unit price")
    if price.unit_price is None:
        return _missing(base, "no unit_price recorded")
    if currency is not None and price.currency is not None and price.currency != currency:
        return _missing(base, f"priced in {price.currency}, not {currency}")
    unit_price = Decimal(str(price.unit_price))
    if price.model == "subscription":
        return replace(base, amount=unit_price.quantize(CENT, ROUND_HALF_EVEN))
    if demand.monthly_volume is None:
        return _missing(base, "no monthly_volume planned")
    amount = unit_price * Decimal(str(demand.monthly_volume))
    return replace(base, amount=amount.quantize(CENT, ROUND_HALF_EVEN))


def estimate_system(
    demands: Sequence[Demand], prices: Mapping[str, Price], currency: str | None
) -> SystemEstimate:
    """Estimates for every planned integration (`prices` by integration id), rolled up."""
    items = tuple(estimate(d, prices.get(d.integration), currency) for d in demands)
    numbers = sorted({d.phase for d in demands})
    phases = {p: rollup([i for i in items if i.phase == p]) for p in numbers}
    return SystemEstimate(currency, items, phases, rollup(items))


def rollup(items: Sequence[Estimate]) -> Rollup:
    """The sum of the amounts; fees, unestimated and standby integrations listed beside it."""
    counted = [i for i in items if not i.standby]
    total = sum((i.amount for i in counted if i.amount is not None), Decimal(0))
    fees = tuple(i for i in counted if i.percent_fee is not None)
    unestimated = tuple(i for i in counted if i.missing is not None)
    return Rollup(total, fees, unestimated, tuple(i for i in items if i.standby))


def plan_rollup(figures: Sequence[tuple[int, float | None, bool]]) -> dict[int, Decimal]:
    """The plan's own monthly figures added up per phase: (phase, amount, standby) each;
    a standby entry's figure and a missing one count for nothing."""
    sums: dict[int, Decimal] = {}
    for phase, amount, standby in figures:
        add = Decimal(str(amount)) if amount is not None and not standby else Decimal(0)
        sums[phase] = sums.get(phase, Decimal(0)) + add
    return dict(sorted(sums.items()))


def within_precision(computed: Decimal, stated: float, approximate: bool) -> bool:
    """True when `computed` matches a figure a plan states: to the cent if exact; if it is an
    estimate ("~$150"), within half a unit of its first digit (±50 for 150, ±5 for 25)."""
    target = Decimal(str(stated))
    if not approximate:
        return abs(computed - target) < CENT
    if target == 0:
        return computed == 0
    place = Decimal(10) ** (len(str(int(target))) - 1) if target >= 1 else Decimal("0.1")
    return abs(computed - target) <= place / 2


def _missing(base: Estimate, why: str) -> Estimate:
    return replace(base, missing=why)
