"""Rules between system records and integration records (issue 19): consumers name systems,
plans name integrations that list the system, fallbacks serve the same system in time.

Like cross_rules, they read plain facts only, so they run over cached facts too.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal

from intreg.records.costs import Demand, Price, SystemEstimate, estimate_system
from intreg.records.facts import RecordFacts
from intreg.records.findings import Finding, Severity
from intreg.records.system_facts import SystemFacts


def check_systems(records: Sequence[RecordFacts], systems: Sequence[SystemFacts]) -> list[Finding]:
    """Findings of the rules between systems and integrations; none when there is no system
    record (a registry that describes no system keeps `consumers` as plain names)."""
    if not systems:
        return []
    by_id = {s.id: s for s in systems}
    return [
        *_consumers(records, by_id),
        *_plans(records, systems),
        *check_fallbacks(records, by_id),
        *check_budgets(records, systems),
        *check_legacy_plan(records, by_id),
    ]


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """` (did you mean `x`?)` for the closest of `known`, or nothing."""
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _consumers(
    records: Sequence[RecordFacts], systems: dict[str, SystemFacts]
) -> Iterator[Finding]:
    for r in records:
        for i, name in enumerate(r.consumers):
            system = systems.get(name)
            if system is None:
                yield r.finding(
                    ("consumers", i),
                    "unknown-system",
                    f"no system record has the id `{name}`{did_you_mean(name, systems)}",
                    f"name a system of registry/systems/ ({', '.join(sorted(systems))}), or "
                    f"describe it with `intreg new --system {name}`",
                )
            elif system.entry(r.id) is None:
                yield r.finding(
                    ("consumers", i),
                    "unplanned-consumer",
                    f"`{name}` lists no `{r.id}` in its plan",
                    f"add `- integration: {r.id}` with its phase, priority and role to `plan` "
                    f"in {system.path}, or remove `{name}` from consumers",
                )


def _plans(records: Sequence[RecordFacts], systems: Sequence[SystemFacts]) -> Iterator[Finding]:
    by_id = {r.id: r for r in records}
    for s in systems:
        for i, entry in enumerate(s.plan):
            record = by_id.get(entry.integration)
            if record is None:
                yield s.finding(
                    ("plan", i, "integration"),
                    "unknown-integration",
                    f"no integration record has the id `{entry.integration}`"
                    f"{did_you_mean(entry.integration, by_id)}",
                    "name a record of registry/ (its file name without .yaml), or write it with "
                    f"`intreg new {entry.integration}`",
                )
            elif s.id not in record.consumers:
                yield s.finding(
                    ("plan", i, "integration"),
                    "not-a-consumer",
                    f"`{entry.integration}` does not list `{s.id}` in its consumers",
                    f"add {s.id} to consumers in {record.path}, or remove this entry",
                )


def check_fallbacks(
    records: Sequence[RecordFacts], systems: dict[str, SystemFacts]
) -> Iterator[Finding]:
    """A fallback serves each system it is a fallback in, from the same phase or earlier."""
    by_id = {r.id: r for r in records}
    for r in records:
        target = by_id.get(r.fallback) if r.fallback else None
        if target is None:
            continue  # no fallback, or an unknown one (cross_rules reports that)
        for name in r.fallback_systems or r.consumers:
            system = systems.get(name)
            if system is None:
                continue  # an unknown consumer is reported as such
            if name not in target.consumers:
                yield r.finding(
                    ("fallback", "integration"),
                    "fallback-other-system",
                    f"`{target.id}` does not serve `{name}`, which uses `{r.id}`",
                    f"add {name} to {target.id}'s consumers and to {name}'s plan, or list in "
                    "fallback.systems only the systems it serves",
                )
                continue
            mine, theirs = system.entry(r.id), system.entry(target.id)
            if mine is not None and theirs is not None and theirs.phase > mine.phase:
                yield r.finding(
                    ("fallback", "integration"),
                    "fallback-later-phase",
                    f"`{target.id}` ships in phase {theirs.phase} of `{name}`, after `{r.id}` "
                    f"(phase {mine.phase}): there is nothing to fall back to until then",
                    f"plan {target.id} for phase {mine.phase} or earlier in {system.path}, or "
                    "choose a fallback that ships with it",
                )
        yield from _mutual(r, target)


def _mutual(r: RecordFacts, target: RecordFacts) -> Iterator[Finding]:
    back = target.fallback == r.id
    if back and not (r.fallback_mutual and target.fallback_mutual):
        yield r.finding(
            ("fallback", "integration"),
            "undeclared-mutual-fallback",
            f"`{target.id}` falls back to `{r.id}` too: when both are down, neither has "
            "anywhere to go",
            "if that is intended, say `mutual: true` in the fallback of both records; "
            "otherwise choose another fallback for one of them",
        )
    if r.fallback_mutual and not back:
        yield r.finding(
            ("fallback", "mutual"),
            "not-mutual",
            f"`mutual: true`, but `{target.id}` "
            + (f"falls back to `{target.fallback}`" if target.fallback else "has no fallback"),
            f"remove `mutual`, or make {target.id} fall back to {r.id}",
        )


def check_budgets(
    records: Sequence[RecordFacts], systems: Sequence[SystemFacts]
) -> Iterator[Finding]:
    """A warning for each system whose estimated monthly cost is above its budget."""
    prices = {r.id: r.price for r in records if r.price is not None}
    for s in systems:
        if s.budget is None:
            continue
        total = system_estimate(s, prices).total
        if total.amount > Decimal(str(s.budget)):
            yield s.finding(
                ("budget", "monthly"),
                "over-budget",
                f"the estimated monthly cost, {total.amount} {s.currency} (without transaction "
                f"fees), is above the budget of {s.budget:g} {s.currency}",
                "raise the budget, lower the planned volumes, or plan cheaper integrations",
                Severity.WARNING,
            )


def system_estimate(s: SystemFacts, prices: Mapping[str, Price]) -> SystemEstimate:
    """The cost estimate of a system's plan at the integrations' prices."""
    demands = [Demand(p.integration, p.phase, p.monthly_volume, p.standby) for p in s.plan]
    return estimate_system(demands, prices, s.currency)


def check_legacy_plan(
    records: Sequence[RecordFacts], systems: dict[str, SystemFacts]
) -> Iterator[Finding]:
    """A warning for priority or phase in a record that a system plans: the plan holds them."""
    for r in records:
        planners = [s for s in r.consumers if s in systems and systems[s].entry(r.id)]
        for key in r.legacy_plan if planners else ():
            yield r.finding(
                (key,),
                "moved-to-system-plan",
                f"`{key}` is planned per system now; {', '.join(planners)} plans it",
                f"remove `{key}` here; set it in plan[] of registry/systems/<system>.yaml",
                Severity.WARNING,
            )
