"""The page of a system record: its plan, from description to emergency runbook (issue 19)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from intreg.outputs import envfile
from intreg.outputs.markdown import Safe, code, link, markdown, text, url
from intreg.outputs.site import links
from intreg.outputs.site.badges import review_badge
from intreg.outputs.site.categories import category_name
from intreg.outputs.site.diagram import render_figure
from intreg.outputs.site.page import Page, cells
from intreg.outputs.site.system_costs import cost_sources, render_costs
from intreg.outputs.site.system_map import map_diagram, timeline_diagram
from intreg.outputs.site.system_runbook import render_runbook
from intreg.outputs.summary import RecordSummary
from intreg.records.auth import CredentialScope
from intreg.records.maintenance import Roles
from intreg.records.model import Priority
from intreg.records.system import System

S = Safe
ROLE_NAMES = {
    "api_developer": "API developer",
    "technical_writer": "Technical writer",
    "qa_tester": "QA tester",
    "system_administrator": "System administrator",
    "project_manager": "Project manager",
}


def render_system_plan(system: System, records: Sequence[RecordSummary], today: dt.date) -> bytes:
    """The page of `system`: `records` are every integration record (for names, prices,
    fallbacks and the ones that list the system)."""
    by_id = {r.id: r for r in records}
    page = Page(system.name)
    page.block(markdown(system.description))
    _at_a_glance(page, system, records)
    _roles(page, system)
    _phases(page, system)
    _integrations(page, system, by_id, today)
    page.heading(2, S("System map"))
    page.block(render_figure(map_diagram(system, by_id)))
    page.heading(2, S("Costs"))
    render_costs(page, system, by_id)
    _targets(page, system)
    _frontend(page, system)
    render_runbook(page, system)
    _sources(page, system, [by_id[e.integration] for e in system.plan if e.integration in by_id])
    return page.render()


def _at_a_glance(page: Page, system: System, records: Sequence[RecordSummary]) -> None:
    here = links.system_page(system.id)
    owner = system.owner
    doc = system.plan_document
    plan = S("")
    if doc is not None:
        version = f", version {doc.version}" if doc.version else ""
        plan = S(f"{text(f'{doc.title}, {doc.dated}{version}')} ({text(doc.location)})")
    templates = S("")
    if any(system.id in r.consumers for r in records):  # envfile writes them only then
        templates = S(
            " · ".join(
                link(
                    f"{scope.value} .env template",
                    links.relative(here, links.download(envfile.system_env_path(system.id, scope))),
                )
                for scope in (CredentialScope.BACKEND, CredentialScope.FRONTEND)
            )
        )
    page.facts(
        [
            ("Owner", S(f"{text(owner.team)} ({link(owner.contact, f'mailto:{owner.contact}')})")),
            ("Plan document", plan),
            ("Departures from the plan", text(doc.notes) if doc and doc.notes else S("")),
            ("Integrations planned", text(len(system.plan))),
            ("Configuration", templates),
            ("Source", code(f"registry/systems/{system.id}.yaml")),
        ]
    )


def _roles(page: Page, system: System) -> None:
    page.heading(2, S("Roles"))
    roles = system.owner.roles or Roles()
    rows = [
        cells(label, str(holder), getattr(holder, "chat", None))
        for field, label in ROLE_NAMES.items()
        if (holder := getattr(roles, field)) is not None
    ]
    if rows:
        page.table(["Role", "Person", "Chat"], rows)
    else:
        page.para(S("No one is named yet: add people to `owner.roles`."))


def _phases(page: Page, system: System) -> None:
    page.heading(2, S("Phases"))
    page.block(render_figure(timeline_diagram(system)))
    page.table(
        ["Phase", "Name", "Starts", "Target", "Timeline", "Goals"],
        [
            cells(p.number, p.name, p.starts_on, p.target_on, p.weeks, "; ".join(p.goals) or None)
            for p in sorted(system.phases, key=lambda p: p.number)
        ],
    )


def _integrations(
    page: Page, system: System, by_id: Mapping[str, RecordSummary], today: dt.date
) -> None:
    here = links.system_page(system.id)

    def name(integration: str) -> Safe:
        r = by_id.get(integration)
        label = r.name if r is not None else integration
        return link(label, links.relative(here, links.integration_page(integration)))

    page.heading(2, S("Integrations by phase and priority"))
    phases = sorted(p.number for p in system.phases)
    page.table(
        ["Priority", *(f"Phase {n}" for n in phases)],
        [
            [
                text(priority.value),
                *(
                    S(
                        ", ".join(
                            f"{name(e.integration)} ({text(e.role)})"
                            for e in sorted(system.plan, key=lambda e: e.integration)
                            if e.priority == priority and e.phase == n
                        )
                    )
                    or S("—")
                    for n in phases
                ),
            ]
            for priority in Priority
        ],
    )
    page.heading(3, S("The plan for each integration"))
    ordered = sorted(system.plan, key=lambda e: (e.phase, e.integration))
    page.table(
        ["Integration", "Need", "Phase", "Priority", "Role", "Lifecycle", "Review"],
        [
            cells(
                name(e.integration),
                e.category or _category(by_id.get(e.integration)),
                e.phase,
                e.priority,
                e.role,
                _lifecycle(by_id.get(e.integration)),
                _review(by_id.get(e.integration), today),
            )
            for e in ordered
        ],
    )
    departures = [(name(e.integration), text(e.deviation)) for e in ordered if e.deviation]
    if departures:
        page.heading(3, S("Where the registry departs from the plan document"))
        page.facts([(S(str(who)), why) for who, why in departures])
    unplanned = sorted(
        r.id
        for r in by_id.values()
        if system.id in r.consumers and r.id not in {e.integration for e in system.plan}
    )
    if unplanned:
        page.para(
            S("Used by the system but not in its plan: "),
            S(", ".join(name(i) for i in unplanned)),
            S("."),
        )


def _category(r: RecordSummary | None) -> str | None:
    return category_name(r.category) if r is not None and r.category else None


def _lifecycle(r: RecordSummary | None) -> str | None:
    return str(r.lifecycle) if r is not None and r.lifecycle else None


def _review(r: RecordSummary | None, today: dt.date) -> Safe:
    return review_badge(r.review.state(today)) if r is not None else S("—")


def _targets(page: Page, system: System) -> None:
    page.heading(2, S("Monitoring targets"))
    t = system.targets
    if t is None:
        page.para(S("No targets recorded yet: add `targets` to the system record."))
        return
    page.facts(
        [
            (
                "Uptime",
                text(f"{t.uptime_percent:g}% per integration") if t.uptime_percent else S(""),
            ),
            *(
                (f"Latency, {text(x.applies_to)}", text(f"{x.statistic} under {x.milliseconds} ms"))
                for x in t.latency
            ),
            (
                "Error rate",
                text(f"under {t.error_rate_percent:g}%")
                if t.error_rate_percent is not None
                else S(""),
            ),
            (
                "Usage ceiling",
                text(f"{t.usage_ceiling_percent:g}% of a rate limit")
                if t.usage_ceiling_percent is not None
                else S(""),
            ),
            *(("Also", text(other)) for other in t.other),
            ("Source", text(t.source) if t.source else S("")),
        ]
    )


def _frontend(page: Page, system: System) -> None:
    front = system.frontend
    if front is None:
        return
    page.heading(2, S("Frontend configuration"))
    page.para(S("Public values only: the browser app can read them, so no secret is among them."))
    if front.public_urls:
        page.table(
            ["Variable", "Value", "Integration", "What for"],
            [
                cells(code(u.env_var), code(u.value), u.integration, u.description)
                for u in front.public_urls
            ],
        )
    if front.feature_flags:
        page.table(
            ["Flag", "Default", "Integration", "What it switches"],
            [
                cells(code(f.env_var), "on" if f.default else "off", f.integration, f.description)
                for f in front.feature_flags
            ],
        )


def _sources(page: Page, system: System, planned: Sequence[RecordSummary]) -> None:
    page.heading(2, S("Changes and sources"))
    if system.changes:
        page.table(
            ["Date", "Change", "By"],
            [cells(c.date, c.summary, c.author) for c in system.changes],
        )
    page.facts(
        [(text(s.title), url(s.url)) for s in system.sources]
        + [(f"Prices of {text(name)}", value) for name, value in cost_sources(planned)]
    )
