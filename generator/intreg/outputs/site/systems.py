"""The systems index, and the page of a system that has no system record yet (named only in
consumers): its integrations, phases, priorities and monthly cost from the records alone.
A system with a record gets its plan instead (system_page.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath

from intreg.outputs.markdown import Safe, link, text
from intreg.outputs.site import links
from intreg.outputs.site.badges import review_badge
from intreg.outputs.site.categories import category_name
from intreg.outputs.site.page import Page, cells
from intreg.outputs.summary import RecordSummary
from intreg.records.model import Priority
from intreg.records.system import System

S = Safe
INDEX = PurePosixPath("systems") / "index.md"


def systems_of(records: Sequence[RecordSummary], systems: Sequence[System] = ()) -> list[str]:
    """Every system: those with a record, and those only named in a record's consumers."""
    return sorted({s for r in records for s in r.consumers} | {s.id for s in systems})


def render_systems_index(records: Sequence[RecordSummary], systems: Sequence[System] = ()) -> bytes:
    """A row per system: its name, how many integrations it uses, its phases and budget."""
    known = {s.id: s for s in systems}
    page = Page("Systems", search_exclude=True)
    rows = []
    for system_id in systems_of(records, systems):
        system = known.get(system_id)
        users = sum(system_id in r.consumers for r in records)
        budget = system.budget if system is not None else None
        rows.append(
            cells(
                link(
                    system.name if system else system_id,
                    links.relative(INDEX, links.system_page(system_id)),
                ),
                users,
                len(system.phases) if system is not None else None,
                f"{budget.monthly:,g} {budget.currency} a month" if budget is not None else None,
                "yes" if system is not None else f"no: add registry/systems/{system_id}.yaml",
            )
        )
    page.table(["System", "Integrations", "Phases", "Budget", "Plan recorded"], rows)
    return page.render()


def render_system(system: str, records: Sequence[RecordSummary], today: dt.date) -> bytes:
    """The page of `system`, from the records that list it as a consumer."""
    here = links.system_page(system)
    used = sorted((r for r in records if system in r.consumers), key=lambda r: r.id)

    def name(r: RecordSummary) -> Safe:
        return link(r.name, links.relative(here, links.integration_page(r.id)))

    page = Page(system)
    page.para(S(f"{len(used)} integrations."))
    page.table(
        ["Integration", "Category", "Priority", "Phase", "Lifecycle", "Owner", "Review"],
        [
            cells(
                name(r),
                category_name(r.category) if r.category else None,
                r.priority,
                r.phase,
                r.lifecycle,
                r.owner.team,
                review_badge(r.review.state(today)),
            )
            for r in used
        ],
    )
    page.heading(2, S("Implementation phases"))
    phases = sorted({r.phase for r in used if r.phase is not None})
    page.facts(
        [(f"Phase {p}", S(", ".join(name(r) for r in used if r.phase == p))) for p in phases]
        + [("No phase set", S(", ".join(name(r) for r in used if r.phase is None)))]
    )
    page.heading(2, S("Priority matrix"))
    columns = [*(f"Phase {p}" for p in phases), "No phase"]
    keys: list[int | None] = [*phases, None]
    priorities: list[Priority | None] = [*Priority, None]
    page.table(
        ["Priority", *columns],
        [
            [
                text(p.value if p else "unset"),
                *(
                    S(", ".join(name(r) for r in used if r.priority == p and r.phase == k))
                    or S("—")
                    for k in keys
                ),
            ]
            for p in priorities
            if any(r.priority == p for r in used)
        ],
    )
    page.heading(2, S("Monthly cost"))
    _cost(page, used, name)
    return page.render()


def _cost(page: Page, used: list[RecordSummary], name: Callable[[RecordSummary], Safe]) -> None:
    totals: dict[str, float] = defaultdict(float)
    rows = []
    for r in used:
        cost = r.cost
        if cost is not None and cost.monthly_estimate is not None:
            currency = cost.currency or "?"
            totals[currency] += cost.monthly_estimate
            rows.append(
                cells(
                    name(r),
                    f"{cost.monthly_estimate:,.2f} {currency}",
                    cost.estimated_on,
                    cost.model,
                )
            )
        else:
            rows.append(cells(name(r), "not estimated", None, cost.model if cost else None))
    page.table(["Integration", "Estimate a month", "Estimated on", "Pricing model"], rows)
    page.facts(
        [
            (f"Total ({currency})", text(f"{amount:,.2f} {currency}"))
            for currency, amount in sorted(totals.items())
        ]
        or [("Total", S("no estimates yet"))]
    )
