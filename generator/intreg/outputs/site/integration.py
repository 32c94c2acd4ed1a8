"""One page per integration, with its sections in the order a developer looks for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import partial
from typing import Any

from intreg.outputs.evidence.report import ContractReport
from intreg.outputs.markdown import Safe, code, link, markdown, text, url
from intreg.outputs.openapi import render_openapi
from intreg.outputs.site import links
from intreg.outputs.site.badges import review_badge, sunset_notice
from intreg.outputs.site.categories import category_name
from intreg.outputs.site.endpoints import endpoints_body
from intreg.outputs.site.evidence import last_run_block, run_summary
from intreg.outputs.site.flow import render_flow
from intreg.outputs.site.page import Page, cells
from intreg.outputs.site.repository import record_edit_url
from intreg.outputs.site.targets import target_facts
from intreg.records.auth import Auth
from intreg.records.model import Integration
from intreg.records.scorecard import SECTIONS, missing_section, score

S = Safe  # our own wording, trusted as it is
# Search ranks an integration's own sections above pages that only mention it (issue 20).
SEARCH_BOOST = 2.0


def render_integration(
    record: Integration,
    today: dt.date,
    ids: set[str],
    edit_base: str | None = None,
    run: ContractReport | None = None,
    document: dict[str, Any] | None = None,
) -> bytes:
    """The page of `record`; `ids` are the records that exist, for fallback links; with
    `edit_base` (see repository.edit_base) it links to where the record is edited; `run` is
    its last contract run, shown under Testing (or that there is none); `document` is its
    OpenAPI stub, rendered from the record unless the caller has it already."""
    stub = render_openapi(record) if document is None else document
    here = links.integration_page(record.id)
    page = Page(record.name, search_boost=SEARCH_BOOST)
    page.para(
        link("OpenAPI stub", links.relative(here, links.stub_download(record.id))),
        S(" · "),
        link(".env template", links.relative(here, links.env_download(record.id))),
    )
    _at_a_glance(page, record, today, edit_base, run)
    for section in (
        _overview,
        _auth,
        partial(_endpoints, document=stub),
        _limits,
        _configuration,
        _errors,
        _testing,
        _versioning,
        _maintenance,
        _sources,
    ):
        section(page, record, today, ids)
        if section is _testing:
            last_run_block(page, record.id, run)
    return page.render()


def _at_a_glance(
    page: Page, r: Integration, today: dt.date, edit_base: str | None, run: ContractReport | None
) -> None:
    """Who owns the integration and whether its record is current, before any section."""
    rv = r.review
    page.facts(
        [
            (
                "Owner",
                S(f"{text(r.owner.team)} ({link(r.owner.contact, f'mailto:{r.owner.contact}')})"),
            ),
            ("Review", S(f"{review_badge(rv.state(today))} next on {text(rv.next_due)}")),
            ("Source", _source(r.id, edit_base)),
            ("Documentation", _level(r)),
            ("Last contract run", run_summary(run)),
        ]
    )


def _level(r: Integration) -> Safe:
    card = score(r)
    return S(f"{card.level.label} ({card.done} of {len(SECTIONS)} sections of the standard)")


def _not_yet(page: Page, r: Integration, name: str) -> None:
    """A section the record lacks says so, and what to add, instead of an empty heading."""
    section = missing_section(r, name)
    if section is not None:
        page.block(S(f'!!! note "Not documented yet"\n    Add {section.add} to the record.\n'))


def _source(record_id: str, edit_base: str | None) -> Safe:
    path = code(f"registry/{record_id}.yaml")
    if edit_base is None:
        return path
    return S(f"{path} ({link('Edit this record', record_edit_url(edit_base, record_id))})")


def _overview(page: Page, r: Integration, today: dt.date, ids: set[str]) -> None:
    page.heading(2, S("Overview"))
    page.para(text(r.purpose))
    if r.summary:
        page.block(markdown(r.summary))
    here = links.integration_page(r.id)
    systems = [link(s, links.relative(here, links.system_page(s))) for s in r.consumers]
    page.facts(
        [
            ("Provider", link(r.provider.name, r.provider.website)),
            ("API docs", url(r.provider.docs_url)),
            ("Status page", url(r.provider.status_page) if r.provider.status_page else S("")),
            ("Support", text(r.provider.support_contact) if r.provider.support_contact else S("")),
            ("Category", text(category_name(r.category)) if r.category else S("")),
            ("Used by", S(", ".join(systems))),
            ("Lifecycle", text(r.lifecycle or "")),
            ("Priority", text(r.priority or "")),
            ("Phase", text(r.phase or "")),
        ]
    )
    page.heading(3, S("Flow"))
    page.block(render_flow(r))
    if r.cost is not None:
        page.heading(3, S("Cost"))
        c = r.cost
        price = " ".join(
            p
            for p in (
                f"{c.percent_fee}% +" if c.percent_fee is not None else "",
                f"{c.unit_price} {c.currency or ''}".strip() if c.unit_price is not None else "",
                f"per {c.unit}" if c.unit else "",
            )
            if p
        )
        estimate = (
            f"{c.monthly_estimate} {c.currency or ''} a month (estimated on {c.estimated_on})"
            if c.monthly_estimate is not None
            else ""
        )
        page.facts(
            [
                ("Model", text(c.model)),
                ("Price", text(price)),
                ("Our estimate", text(estimate)),
                ("Notes", text(c.notes or "")),
                ("Source", url(c.source) if c.source else S("")),
            ]
        )
    if r.compliance:
        page.heading(3, S("Compliance"))
        page.table(
            ["Standard", "Notes", "Source"],
            [cells(c.standard, c.notes, url(c.source) if c.source else None) for c in r.compliance],
        )


def _auth(page: Page, r: Integration, today: dt.date, ids: set[str]) -> None:
    a = r.auth
    page.heading(2, S("Authentication and credentials"))
    page.facts(
        [
            ("Method", text(a.method)),
            ("Sent", _sent(a)),
            ("Token URL", url(a.token_url) if a.token_url else S("")),
            ("Scopes", text(", ".join(a.scopes))),
            ("Source", url(a.source) if a.source else S("")),
        ]
    )
    if a.description:
        page.block(markdown(a.description))
    if a.credentials:
        page.table(
            ["Variable", "What it is", "Secret", "Scope", "Where to get it", "Rotation"],
            [
                cells(
                    code(c.env_var),
                    c.description,
                    "yes" if c.secret else "no",
                    c.scope,
                    c.obtain,
                    c.rotation,
                )
                for c in a.credentials
            ],
        )


def _sent(a: Auth) -> Safe:
    """Where the credential goes, with the header or parameter name as code."""
    where = {"header": "header", "query": "query parameter"}.get(a.location or "")
    parts = [S(f"in the {code(a.name)} {where}")] if where and a.name else []
    if a.scheme:
        parts.append(S(f"with scheme {code(a.scheme)}"))
    return S(" ".join(parts))


def _endpoints(
    page: Page, r: Integration, today: dt.date, ids: set[str], *, document: dict[str, Any]
) -> None:
    page.heading(2, S("Endpoints"))
    _not_yet(page, r, "Data mapping")
    endpoints_body(page, r, document)


def _limits(page: Page, r: Integration, today: dt.date, ids: set[str]) -> None:
    page.heading(2, S("Data formats and rate limits"))
    page.facts(
        [("Requests", text(r.api.request_format)), ("Responses", text(r.api.response_format))]
    )
    page.table(
        ["Limit", "Scope", "Our expected peak", "Notes", "Source"],
        [
            cells(
                f"{rl.limit} per {rl.period}" if rl.limit else "not published",
                rl.scope,
                _peak(rl.limit, rl.expected_peak),
                rl.notes,
                url(rl.source),
            )
            for rl in r.rate_limits
        ],
    )
    if r.sla is not None:
        page.heading(3, S("Service level"))
        page.facts(
            [
                ("Uptime", text(f"{r.sla.uptime_percent}%") if r.sla.uptime_percent else S("")),
                (
                    "Our p95 latency target",
                    text(f"{r.sla.latency_p95_ms} ms") if r.sla.latency_p95_ms else S(""),
                ),
                ("Notes", text(r.sla.notes or "")),
                ("Source", url(r.sla.source) if r.sla.source else S("")),
            ]
        )


def _peak(limit: int | None, peak: int | None) -> str | None:
    if peak is None:
        return None
    if not limit:
        return str(peak)
    return f"{peak} ({peak / limit:.0%} of the limit)"


def _configuration(page: Page, r: Integration, today: dt.date, ids: set[str]) -> None:
    page.heading(2, S("Configuration and webhooks"))
    _not_yet(page, r, "Configuration")
    if r.configuration is not None:
        c = r.configuration
        page.facts(
            [
                ("Where it is set", text(c.where_set)),
                ("Feature flag", text(c.feature_flag or "")),
                ("Customisations", text("; ".join(c.customisations))),
            ]
        )
    page.facts(
        [
            ("Base URL", url(r.api.base_url)),
            ("Sandbox URL", url(r.api.sandbox_url) if r.api.sandbox_url else S("")),
        ]
    )
    if r.webhooks is None:
        page.para(S("This integration receives no webhooks."))
        return
    w = r.webhooks
    page.heading(3, S("Webhooks"))
    page.facts(
        [
            ("Events", text(", ".join(w.events))),
            ("Received at", text(w.receiver_path or "")),
            ("Signature header", text(w.signature_header or "")),
            ("Verification", text(w.verification)),
            ("Variables", text(", ".join(w.env_vars))),
            ("Source", url(w.source) if w.source else S("")),
        ]
    )


def _errors(page: Page, r: Integration, today: dt.date, ids: set[str]) -> None:
    page.heading(2, S("Errors and troubleshooting"))
    _not_yet(page, r, "Errors and troubleshooting")
    if r.errors:
        page.table(
            ["Status", "Code", "Meaning", "Resolution", "Retry"],
            [
                cells(
                    e.status,
                    e.code,
                    e.meaning,
                    e.resolution,
                    {True: "yes", False: "no", None: None}[e.retryable],
                )
                for e in r.errors
            ],
        )
    if r.retry is not None:
        t = r.retry
        page.heading(3, S("Retry policy"))
        page.facts(
            [
                ("Attempts", text(t.max_attempts)),
                (
                    "Backoff",
                    text(
                        f"{t.backoff}, from {t.initial_delay_seconds:g} s"
                        + (f" up to {t.max_delay_seconds:g} s" if t.max_delay_seconds else "")
                    ),
                ),
                ("Retried on", text(", ".join(t.retry_on))),
                ("Notes", text(t.notes or "")),
            ]
        )
    if r.fallback is not None:
        page.heading(3, S("Fallback"))
        target = r.fallback.integration
        here = links.integration_page(r.id)
        page.facts(
            [
                (
                    "Falls back to",
                    link(target, links.relative(here, links.integration_page(target)))
                    if target and target in ids
                    else text(target or ""),
                ),
                ("When", text(r.fallback.description)),
            ]
        )
    page.heading(3, S("Monitoring"))
    _not_yet(page, r, "Monitoring")
    if r.monitoring is not None:
        if r.monitoring.targets is not None:
            page.facts(target_facts(r.monitoring.targets))
        page.facts(
            [(f"Dashboard: {text(d.title)}", url(d.url)) for d in r.monitoring.dashboards]
            + [(f"Alert: {text(a.name)}", text(a.condition)) for a in r.monitoring.alerts]
        )


def _testing(page: Page, r: Integration, today: dt.date, ids: set[str]) -> None:
    page.heading(2, S("Testing"))
    _not_yet(page, r, "Testing")
    page.facts(
        [
            ("Sandbox", url(r.api.sandbox_url) if r.api.sandbox_url else S("")),
            ("Sandbox notes", text(r.api.sandbox_notes or "")),
        ]
    )
    t = r.testing
    if t is None:
        return
    page.facts([("Tools", text(", ".join(t.tools)))])
    if t.sandbox:
        page.block(markdown(t.sandbox))
    if t.cases:
        page.table(["Case", "Expected"], [cells(c.name, c.expected) for c in t.cases])


def _versioning(page: Page, r: Integration, today: dt.date, ids: set[str]) -> None:
    page.heading(2, S("Versioning and deprecation"))
    _not_yet(page, r, "Versioning")
    v = r.versioning
    notice = sunset_notice(v.sunset_on if v else None, r.api.version, today)
    if notice:
        page.block(notice)
    page.facts(
        [("Version in use", code(r.api.version)), ("Pinned with", text(r.api.version_header or ""))]
    )
    if v is None:
        return
    page.facts(
        [
            ("Policy", text(v.policy or "")),
            ("Deprecated on", text(v.deprecated_on or "")),
            ("Sunset on", text(v.sunset_on or "")),
            ("Changelog", url(v.changelog_url) if v.changelog_url else S("")),
            ("Source", url(v.source) if v.source else S("")),
        ]
    )
    if v.upgrade_plan:
        page.heading(3, S("Upgrade plan"))
        page.block(markdown(v.upgrade_plan))


def _maintenance(page: Page, r: Integration, today: dt.date, ids: set[str]) -> None:
    page.heading(2, S("Maintenance"))
    o, rv = r.owner, r.review
    roles = o.roles
    page.facts(
        [
            ("Owner", text(o.team)),
            ("Contact", link(o.contact, f"mailto:{o.contact}")),
            ("API developer", text(roles.api_developer or "") if roles else S("")),
            ("Technical writer", text(roles.technical_writer or "") if roles else S("")),
            ("QA tester", text(roles.qa_tester or "") if roles else S("")),
            ("System administrator", text(roles.system_administrator or "") if roles else S("")),
            ("Last reviewed", text(rv.last_reviewed)),
            ("Cadence", text(rv.cadence)),
            ("Next review", S(f"{text(rv.next_due)} {review_badge(rv.state(today))}")),
            ("Reviewers", text(", ".join(rv.reviewers))),
        ]
    )
    if r.changes:
        page.heading(3, S("Change log"))
        page.table(
            ["Date", "Change", "By"], [cells(c.date, c.summary, c.author) for c in r.changes]
        )


def _sources(page: Page, r: Integration, today: dt.date, ids: set[str]) -> None:
    page.heading(2, S("Sources"))
    found: dict[str, str] = {}
    for title, address in _iter_sources(r):
        found.setdefault(address, title)
    page.facts([(text(title), url(address)) for address, title in found.items()])


def _iter_sources(r: Integration) -> Iterator[tuple[str, str]]:
    for s in r.sources:
        yield s.title, s.url
    pairs = [
        ("Auth", r.auth.source),
        ("API", r.api.source),
        ("Webhooks", r.webhooks.source if r.webhooks else None),
        ("Versioning", r.versioning.source if r.versioning else None),
        ("Service level", r.sla.source if r.sla else None),
        ("Cost", r.cost.source if r.cost else None),
    ]
    pairs += [(f"{e.method} {e.path}", e.source) for e in r.endpoints]
    pairs += [(f"Rate limit ({rl.scope})", rl.source) for rl in r.rate_limits]
    pairs += [(f"Compliance: {c.standard}", c.source) for c in r.compliance]
    yield from ((title, address) for title, address in pairs if address)
