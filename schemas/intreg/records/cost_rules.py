"""Rules on a record's price and on the scope of its fallback (issue 19)."""

from __future__ import annotations

from collections.abc import Iterator

from intreg.records.findings import Finding
from intreg.records.operations import CostModel
from intreg.records.record import LoadedRecord


def check_pricing(r: LoadedRecord) -> Iterator[Finding]:
    """A price is sourced and dated; a fee is a percentage; an amount has its currency."""
    cost = r.record.cost
    if cost is None:
        return
    priced = cost.unit_price is not None or cost.percent_fee is not None
    if priced and (cost.source is None or cost.as_of is None):
        missing = " and ".join(f"`{k}`" for k in ("source", "as_of") if getattr(cost, k) is None)
        yield r.finding(
            ("cost",),
            "price-unsourced",
            f"a price needs `source` (the provider's page) and `as_of` (when it was read); "
            f"{missing} is missing",
            "add source: the provider's pricing page, and as_of: YYYY-MM-DD",
        )
    if cost.model == CostModel.PERCENTAGE and cost.unit_price is not None:
        yield r.finding(
            ("cost", "unit_price"),
            "fee-as-amount",
            "a percentage fee is no amount per unit",
            "write the fee as percent_fee (2.5 for 2.5%) and remove unit_price",
        )
    if cost.unit_price is not None and (cost.currency is None or cost.unit is None):
        yield r.finding(
            ("cost", "unit_price"),
            "price-incomplete",
            "a unit price needs its currency and its unit",
            "add currency (e.g. USD) and unit (e.g. 1,000 emails, or month for a subscription)",
        )


def check_fallback_scope(r: LoadedRecord) -> Iterator[Finding]:
    """fallback.systems names consumers of the record, and only with a fallback record."""
    fallback = r.record.fallback
    if fallback is None:
        return
    if (fallback.systems or fallback.mutual) and fallback.integration is None:
        yield r.finding(
            ("fallback",),
            "fallback-system-unused",
            "`systems` and `mutual` describe a fallback to another record, and none is named",
            "name the record in fallback.integration, or remove them",
        )
    for i, name in enumerate(fallback.systems):
        if name not in r.record.consumers:
            yield r.finding(
                ("fallback", "systems", i),
                "fallback-system-unused",
                f"`{name}` is not among the consumers ({', '.join(r.record.consumers) or 'none'})",
                "name systems of `consumers` only",
            )
