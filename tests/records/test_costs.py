"""Monthly cost estimates: per integration, per phase, per system (intreg.records.costs)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from intreg.records.costs import (
    Demand,
    Price,
    estimate,
    estimate_system,
    plan_rollup,
    within_precision,
)


def test_a_unit_price_times_the_volume_to_the_cent() -> None:
    item = estimate(Demand("ses", 1, 100), Price("per_unit", 0.1, unit="1,000 emails"), "USD")
    assert (item.amount, item.percent_fee, item.missing) == (Decimal("10.00"), None, None)


def test_binary_fractions_do_not_leak_into_figures() -> None:
    # 0.1 * 3 is 0.30000000000000004 in floats.
    assert estimate(Demand("x", 1, 3), Price("per_unit", 0.1), None).amount == Decimal("0.30")


def test_a_subscription_costs_its_price_whatever_the_volume() -> None:
    price = Price("subscription", 19.95, unit="month", currency="USD")
    assert estimate(Demand("sendgrid", 1), price, "USD").amount == Decimal("19.95")


def test_a_transaction_fee_stays_a_fee() -> None:
    item = estimate(Demand("razorpay", 1, 100000), Price("percentage", percent_fee=2.5), "USD")
    assert (item.amount, item.percent_fee) == (None, Decimal("2.5"))


@pytest.mark.parametrize(
    ("price", "demand", "why"),
    [
        (None, Demand("a", 1, 5), "no price recorded"),
        (Price("unknown"), Demand("a", 1, 5), "no price recorded"),
        (Price("per_unit", 0.01), Demand("a", 1), "no monthly_volume planned"),
        (Price("per_unit"), Demand("a", 1, 5), "no unit_price recorded"),
        (Price("tiered", 0.01), Demand("a", 1, 5), "tiered pricing: no single unit price"),
        (Price("per_unit", 0.01, currency="EUR"), Demand("a", 1, 5), "priced in EUR, not USD"),
        (Price("percentage"), Demand("a", 1, 5), "no percent_fee recorded"),
    ],
)
def test_what_cannot_be_estimated_says_why(price, demand, why) -> None:
    item = estimate(demand, price, "USD")
    assert (item.amount, item.missing) == (None, why)


def test_phases_and_the_system_add_up_amounts_and_list_the_rest() -> None:
    prices = {
        "s3": Price("per_unit", 0.023, unit="GB-month", currency="USD"),
        "pay": Price("percentage", percent_fee=2.5),
        "ai": Price("per_unit", 0.03, unit="1,000 tokens", currency="USD"),
        "chat": Price("unknown"),
    }
    demands = [
        Demand("s3", 1, 1000),
        Demand("pay", 1, 5000),
        Demand("ai", 2, 3000),
        Demand("chat", 2, 10),
    ]
    result = estimate_system(demands, prices, "USD")
    assert [(i.integration, i.amount) for i in result.items] == [
        ("s3", Decimal("23.00")),
        ("pay", None),
        ("ai", Decimal("90.00")),
        ("chat", None),
    ]
    assert result.phases[1].amount == Decimal("23.00")
    assert [f.integration for f in result.phases[1].fees] == ["pay"]
    assert result.phases[2].amount == Decimal("90.00")
    assert [u.integration for u in result.phases[2].unestimated] == ["chat"]
    assert result.total.amount == Decimal("113.00")
    assert [f.percent_fee for f in result.total.fees] == [Decimal("2.5")]


@pytest.mark.parametrize(
    ("computed", "stated", "approximate", "matches"),
    [
        ("150.00", 150, False, True),
        ("150.01", 150, False, False),
        ("110.00", 150, True, True),  # ~$150: within 50
        ("99.99", 150, True, False),
        ("29.99", 25, True, True),  # ~$25: within 5
        ("30.01", 25, True, False),
        ("0.00", 0, True, True),
        ("0.05", 0.1, True, True),
    ],
)
def test_a_plan_figure_is_matched_within_its_precision(computed, stated, approximate, matches):
    assert within_precision(Decimal(computed), stated, approximate) is matches


def test_a_standby_alternative_stays_out_of_the_sums() -> None:
    prices = {"ses": Price("per_unit", 0.1, currency="USD"), "sg": Price("subscription", 20.0)}
    demands = [Demand("ses", 1, 100), Demand("sg", 1, standby=True)]
    result = estimate_system(demands, prices, "USD")
    assert result.total.amount == Decimal("10.00")
    assert [(s.integration, s.amount) for s in result.total.standby] == [("sg", Decimal("20.00"))]


def test_plan_figures_add_up_per_phase_without_standby_ones() -> None:
    figures = [(1, 25, False), (1, 19.95, True), (1, None, False), (2, 50, False), (1, 10, False)]
    assert plan_rollup(figures) == {1: Decimal("35"), 2: Decimal("50")}
