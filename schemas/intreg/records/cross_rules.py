"""Rules that span records: unique ids, env vars not shared by accident, known fallbacks.

They read RecordFacts only, so they run over cached facts without loading any record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from intreg.records.facts import RecordFacts
from intreg.records.findings import Finding
from intreg.records.secrets import quoted
from intreg.records.system_cross_rules import check_systems
from intreg.records.system_facts import SystemFacts


def cross_findings(
    targets: Sequence[RecordFacts | None],
    context: Sequence[RecordFacts | None],
    systems: Sequence[SystemFacts | None] = (),
    system_context: Sequence[SystemFacts | None] = (),
) -> list[Finding]:
    """The findings of the rules across records that concern the `targets` (None: a file that
    failed the model), checked with the `context` records too. A target with a context
    record's id is a draft of that record: it replaces it. `systems` are system records
    checked too (their findings are reported), `system_context` the others."""
    ids = {r.id for r in targets if r is not None}
    wanted = {r.path for r in targets if r is not None}
    wanted |= {s.path for s in systems if s is not None}
    everyone = [r for r in targets if r is not None]
    everyone += [r for r in context if r is not None and r.id not in ids]
    system_ids = {s.id for s in systems if s is not None}
    known = [s for s in systems if s is not None]
    known += [s for s in system_context if s is not None and s.id not in system_ids]
    return [f for f in check_registry(everyone, known) if f.path in wanted]


def check_registry(
    records: Sequence[RecordFacts], systems: Sequence[SystemFacts] = ()
) -> list[Finding]:
    """Findings from rules that span records: ids, shared env vars, fallback references, and
    the rules between system records and integrations (system_cross_rules)."""
    return [
        *_duplicate_ids(records),
        *_env_var_conflicts(records),
        *_unknown_fallbacks(records),
        *check_systems(records, systems),
    ]


def _duplicate_ids(records: Sequence[RecordFacts]) -> Iterator[Finding]:
    first: dict[str, RecordFacts] = {}
    for r in sorted(records, key=lambda r: r.path):
        other = first.setdefault(r.id, r)
        if other is not r:
            yield r.finding(
                ("id",),
                "duplicate-id",
                f"id `{r.id}` is also used by {other.path}",
                "give each record its own id",
            )


def _env_var_conflicts(records: Sequence[RecordFacts]) -> Iterator[Finding]:
    users: dict[str, list[tuple[RecordFacts, int]]] = defaultdict(list)
    for r in records:
        for i, cred in enumerate(r.credentials):
            users[cred.env_var].append((r, i))
    for name, uses in users.items():
        if len(uses) < 2 or len({r.path for r, _ in uses}) < 2:
            continue
        for r, i in uses:
            if r.credentials[i].shared:
                continue
            others = ", ".join(sorted(o.id for o, _ in uses if o is not r))
            yield r.finding(
                ("auth", "credentials", i, "env_var"),
                "env-var-conflict",
                f"{quoted(name)} is also used by {others}",
                "rename it, or add `shared: true` to it in every record that uses it",
            )


def _unknown_fallbacks(records: Sequence[RecordFacts]) -> Iterator[Finding]:
    ids = {r.id for r in records}
    for r in records:
        if r.fallback and r.fallback not in ids:
            yield r.finding(
                ("fallback", "integration"),
                "unknown-fallback",
                f"no record has the id `{r.fallback}`",
                "name the id of an existing record (its file name without .yaml)",
            )
