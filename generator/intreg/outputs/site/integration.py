"""One page per integration, with its sections in the order a developer looks for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from intreg.outputs.body_schema import body_schema
from intreg.outputs.evidence.report import ContractReport
from intreg.outputs.markdown import (
    Safe,
    code,
    code_block,
    json_block,
    link,
    markdown,
    tabs,
    text,
    url,
)
from intreg.outputs.samples.curl import curl_sample
from intreg.outputs.samples.javascript import javascript_sample
from intreg.outputs.samples.python import python_sample
from intreg.outputs.samples.request import parameter_style, wire_request
from intreg.outputs.site import links
from intreg.outputs.site.badges import review_badge, sunset_notice
from intreg.outputs.site.body_table import body_table
from intreg.outputs.site.categories import category_name
from intreg.outputs.site.evidence import last_run_block, run_summary
from intreg.outputs.site.flow import render_flow
from intreg.outputs.site.page import Page, cells, table
from intreg.outputs.site.repository import record_edit_url
from intreg.outputs.site.response_links import links_table
from intreg.outputs.site.targets import target_facts
from intreg.records.auth import Auth
from intreg.records.endpoint import Endpoint, Parameter, RequestBody, Response
from intreg.records.model import Integration
from intreg.records.scorecard import SECTIONS, missing_section, score
from intreg.records.wire.encode import header_text, path_text, query_pairs

S = Safe  # our own wording, trusted as it is
# Search ranks an integration's own sections above pages that only mention it (issue 20).
SEARCH_BOOST = 2.0


def render_integration(
    record: Integration,
    today: dt.date,
    ids: set[str],
    edit_base: str | None = None,
    run: ContractReport | None = None,
) -> bytes:
    """The page of `record`; `ids` are the records that exist, for fallback links; with
    `edit_base` (see repository.edit_base) it links to where the record is edited; `run` is
    its last contract run, shown under Testing (or that there is none)."""
    here = links.integration_page(record.id)
    page = Page(record.name, search_boost=SEARCH_BOOST)
    page.para(
        link("OpenAPI stub", links.relative(here, links.stub_download(record.id))),
        S(" · "),
        link("API reference", links.relative(here, links.api_page(record.id))),
        S(" · "),
        link(".env template", links.relative(here, links.env_download(record.id))),
    )
    _at_a_glance(page, record, today, edit_base, run)
    for section in (
        _overview,
        _auth,
        _endpoints,
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


def _endpoints(page: Page, r: Integration, today: dt.date, ids: set[str]) -> None:
    page.heading(2, S("Endpoints"))
    _not_yet(page, r, "Data mapping")
    page.table(
        ["Method", "Path", "Summary"],
        [cells(e.method, code(e.path), e.summary) for e in r.endpoints],
    )
    for e in r.endpoints:
        page.heading(3, S(f"{e.method} {text(e.path)}"))
        page.para(text(e.summary))
        if e.description:
            page.block(markdown(e.description))
        page.facts(
            [
                ("Timeout", text(f"{e.timeout_seconds:g} s") if e.timeout_seconds else S("")),
                ("Idempotent", text({True: "yes", False: "no", None: ""}[e.idempotent])),
                ("Idempotency header", text(e.idempotency_header or "")),
                ("Source", url(e.source)),
            ]
        )
        for chunk in _endpoint_details(r, e):
            page.block(chunk)


def _endpoint_details(r: Integration, e: Endpoint) -> Iterator[Safe]:
    if e.parameters:
        rows = [
            cells(
                p.name,
                p.location,
                p.type,
                "yes" if p.required else "no",
                p.description,
                None if p.example is None else code(example_text(p)),
            )
            for p in e.parameters
        ]
        yield table(["Parameter", "In", "Type", "Required", "Description", "Example"], rows)
    if e.request is not None and e.request.example is not None:
        yield S(f"**Request** ({text(e.request.format or r.api.request_format)})\n")
        yield from _body(e.request)
    for status, response in e.responses.items():
        yield S(f"**Response {text(status)}**: {text(response.description)}\n")
        if response.headers:
            rows = [cells(code(name), what) for name, what in response.headers.items()]
            yield table(["Header", "What it carries"], rows)
        if response.example is not None:
            yield from _body(response)
        if response.links:
            yield links_table(response.links)
    if e.data_mapping:
        yield S("**Data mapping**\n")
        yield table(
            ["Our field", "Provider field", "Transformation"],
            [cells(code(m.ours), code(m.theirs), m.transformation) for m in e.data_mapping],
        )
    yield S(
        "**Try it**: credentials come from your environment; the Python sample needs "
        "`requests`, the JavaScript one Node.js 18 or later (save it as a `.mjs` file)\n"
    )
    request = wire_request(r, e)
    yield tabs(
        [
            ("curl", code_block(curl_sample(request), "sh")),
            ("Python", code_block(python_sample(request), "python")),
            ("JavaScript", code_block(javascript_sample(request), "js")),
        ]
    )


def _body(body: RequestBody | Response) -> Iterator[Safe]:
    """A body's fields as a table (what the stub declares), then its example."""
    schema = body_schema(body.json_schema, body.example, body.fields)
    fields = body_table(schema, body.example) if schema is not None else None
    if fields is not None:
        yield fields
        if body.fields_source is not None:
            yield Safe(f"Field rules from {url(body.fields_source)}.\n")  # url() escapes it
    yield json_block(body.example)


def example_text(p: Parameter) -> str:
    """A parameter's example as it goes on the wire (not percent-encoded): `expand[]=a` or
    `properties=a,b` in the query, the bare value in the path and headers."""
    style, explode = parameter_style(p)
    if p.location.value in ("query", "cookie"):
        pairs = query_pairs(p.name, p.example, style, explode)
        return "&".join(f"{key}={value}" for key, value in pairs)
    if p.location.value == "path":
        return path_text(p.name, p.example, style, explode)
    return header_text(p.example, explode)


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
