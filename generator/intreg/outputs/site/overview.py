"""Pages across all records: the catalogue, reviews, and the environment-variable reference."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePosixPath

from intreg.outputs.markdown import Safe, code, link, text
from intreg.outputs.site import links
from intreg.outputs.site.badges import review_badge
from intreg.outputs.site.categories import NAMES, category_name
from intreg.outputs.site.page import Page, cells
from intreg.outputs.site.task_rows import render_task_rows
from intreg.outputs.summary import RecordSummary
from intreg.records.cadence import DUE_SOON_DAYS, ReviewState, next_due
from intreg.records.system import System

S = Safe
CATALOGUE = PurePosixPath("catalogue.md")
REVIEWS = PurePosixPath("reviews.md")
ENV_VARS = PurePosixPath("env-vars.md")


def _name_link(source: PurePosixPath, r: RecordSummary) -> Safe:
    return link(r.name, links.relative(source, links.integration_page(r.id)))


def render_catalogue(records: Sequence[RecordSummary], today: dt.date) -> bytes:
    """All integrations, grouped by category, with owner, lifecycle and review status."""
    page = Page("Catalogue", search_exclude=True)
    overdue = sum(r.review.state(today) == ReviewState.OVERDUE for r in records)
    page.para(
        S(f"{len(records)} integrations; {overdue} with an overdue review "),
        S("("),
        link("reviews", REVIEWS.name),
        S(")."),
    )
    for name, members in by_category(records):
        page.heading(2, text(name))
        page.table(
            [
                "Integration",
                "Provider",
                "Owner",
                "Lifecycle",
                "Priority",
                "Documentation",
                "Next review",
                "Status",
            ],
            [
                cells(
                    _name_link(CATALOGUE, r),
                    r.provider.name,
                    r.owner.team,
                    r.lifecycle,
                    r.priority,
                    r.level.label,
                    r.review.next_due,
                    review_badge(r.review.state(today)),
                )
                for r in members
            ],
        )
    return page.render()


def by_category(records: Sequence[RecordSummary]) -> list[tuple[str, list[RecordSummary]]]:
    """(display name, records) for each category that has records, in the table's order."""
    groups = [(c, [r for r in records if r.category == c]) for c in [*NAMES, None]]
    return [(category_name(c), members) for c, members in groups if members]


def render_reviews(
    records: Sequence[RecordSummary], today: dt.date, systems: Sequence[System] = ()
) -> bytes:
    """Reviews that are overdue, due within 30 days, and the rest, soonest first; then version
    sunsets, credential rotations and the systems' maintenance tasks, soonest first."""
    page = Page("Reviews", search_exclude=True)
    page.para(S(f"As of {today}. A review is due soon within {DUE_SOON_DAYS} days of its date."))
    ordered = sorted(records, key=lambda r: (r.review.next_due, r.id))
    titles = {
        ReviewState.OVERDUE: "Overdue",
        ReviewState.DUE_SOON: "Due within 30 days",
        ReviewState.OK: "Later",
    }
    for state, title in titles.items():
        members = [r for r in ordered if r.review.state(today) == state]
        page.heading(2, S(title))
        if not members:
            page.para(S("None."))
            continue
        page.table(
            ["Integration", "Owner", "Last reviewed", "Cadence", "Next review", "Days"],
            [
                cells(
                    _name_link(REVIEWS, r),
                    link(r.owner.team, f"mailto:{r.owner.contact}"),
                    r.review.last_reviewed,
                    r.review.cadence,
                    r.review.next_due,
                    (r.review.next_due - today).days,
                )
                for r in members
            ],
        )
    _sunsets(page, ordered, today)
    _rotations(page, ordered, today)
    render_task_rows(page, REVIEWS, systems, today)
    return page.render()


def _sunsets(page: Page, records: Sequence[RecordSummary], today: dt.date) -> None:
    dated = [
        (r.versioning.sunset_on, r)
        for r in records
        if r.versioning is not None and r.versioning.sunset_on is not None
    ]
    page.heading(2, S("Version sunsets"))
    if not dated:
        page.para(S("None."))
        return
    page.table(
        ["Integration", "Owner", "API version", "Sunset on", "Days"],
        [
            cells(
                _name_link(REVIEWS, r),
                link(r.owner.team, f"mailto:{r.owner.contact}"),
                r.api.version,
                day,
                (day - today).days,
            )
            for day, r in sorted(dated, key=lambda pair: (pair[0], pair[1].id))
        ],
    )


def _rotations(page: Page, records: Sequence[RecordSummary], today: dt.date) -> None:
    dated = [
        (next_due(c.last_rotated, c.rotation), r, c.env_var, c.last_rotated, c.rotation)
        for r in records
        for c in r.auth.credentials
        if c.rotation is not None and c.last_rotated is not None
    ]
    page.heading(2, S("Credential rotations"))
    if not dated:
        page.para(S("None with a last_rotated date."))
        return
    page.table(
        ["Integration", "Owner", "Credential", "Last rotated", "Every", "Next rotation", "Days"],
        [
            cells(
                _name_link(REVIEWS, r),
                link(r.owner.team, f"mailto:{r.owner.contact}"),
                code(env_var),
                last,
                every,
                due,
                (due - today).days,
            )
            for due, r, env_var, last, every in sorted(dated, key=lambda row: (row[0], row[1].id))
        ],
    )


def render_env_vars(records: Sequence[RecordSummary]) -> bytes:
    """Every environment variable any record reads, with who reads it and how it is kept."""
    page = Page("Environment variables", search_exclude=True)
    page.para(
        S(
            "Values never appear here or in the records: set them in your secrets store. "
            "Download templates from each integration's page."
        )
    )
    users: dict[str, list[tuple[RecordSummary, int]]] = {}
    for r in records:
        for i, c in enumerate(r.auth.credentials):
            users.setdefault(c.env_var, []).append((r, i))
    rows = []
    for name in sorted(users):
        first, index = users[name][0]
        c = first.auth.credentials[index]
        readers = S(", ".join(_name_link(ENV_VARS, r) for r, _ in users[name]))
        rows.append(
            cells(
                code(name), readers, "yes" if c.secret else "no", c.scope, c.rotation, c.description
            )
        )
    page.table(["Variable", "Integrations", "Secret", "Scope", "Rotation", "What it is"], rows)
    return page.render()
