"""Rules between system records and integration records (issue 19): consumers name systems,
plans name integrations that list the system, fallbacks serve the same system in time.

Like cross_rules, they read plain facts only, so they run over cached facts too.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence

from intreg.records.facts import RecordFacts
from intreg.records.findings import Finding
from intreg.records.system_facts import SystemFacts


def check_systems(records: Sequence[RecordFacts], systems: Sequence[SystemFacts]) -> list[Finding]:
    """Findings of the rules between systems and integrations; none when there is no system
    record (a registry that describes no system keeps `consumers` as plain names)."""
    if not systems:
        return []
    by_id = {s.id: s for s in systems}
    return [*_consumers(records, by_id), *_plans(records, systems)]


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
