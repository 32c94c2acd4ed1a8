"""The docs site's Markdown: hand-written pages, one page per integration, overview pages.

Everything lands in one folder that mkdocs.yml (or Zensical) builds; no MkDocs plugin or hook
is involved in producing the content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from pathlib import PurePosixPath
from typing import Any

from intreg.outputs import envfile
from intreg.outputs.evidence.report import ContractReport
from intreg.outputs.site import csp, links, nav, overview, systems
from intreg.outputs.site.fields import FIELDS, render_fields
from intreg.outputs.site.integration import render_integration
from intreg.outputs.site.monitoring import MONITORING, render_monitoring
from intreg.outputs.site.system_page import render_system_plan
from intreg.outputs.summary import RecordSummary
from intreg.records.auth import CredentialScope
from intreg.records.errors import IntregError
from intreg.records.export import integration_schema
from intreg.records.model import Integration
from intreg.records.system import System

FOLDER = links.DOCS
THEME = csp.FOLDER  # the theme override (mkdocs.yml: theme.custom_dir)
CONFIG = nav.FOLDER  # the navigation (mkdocs.yml: INHERIT: build/config/nav.yml)
STYLESHEET = PurePosixPath("stylesheets") / "intreg.css"


def check_pages(
    pages: Mapping[PurePosixPath, bytes],
    records: Sequence[RecordSummary],
    system_records: Sequence[System] = (),
) -> None:
    """Refuse hand-written pages that would take the place of generated ones."""
    clashes = sorted(str(p) for p in set(pages) & generated_paths(records, system_records))
    if clashes:
        raise IntregError(
            f"docs/ has pages where intreg generates its own: {', '.join(clashes)}; "
            "rename or move them"
        )


def generated_paths(
    records: Sequence[RecordSummary], system_records: Sequence[System] = ()
) -> set[PurePosixPath]:
    """The path (below the docs folder) of every page and download intreg generates."""
    paths = {overview.CATALOGUE, overview.REVIEWS, overview.ENV_VARS, FIELDS, systems.INDEX}
    paths.add(MONITORING)
    paths.add(STYLESHEET)
    for r in records:
        paths.add(links.integration_page(r.id))
        paths |= {links.stub_download(r.id), links.env_download(r.id)}
    for system in systems.systems_of(records, system_records):
        paths.add(links.system_page(system))
    for system in systems.systems_of(records):  # envfile.system_files: consumed ones
        paths |= {links.download(envfile.system_env_path(system, s)) for s in CredentialScope}
    return paths


def record_pages(
    record: Integration,
    today: dt.date,
    ids: set[str],
    document: dict[str, Any],
    edit_base: str | None = None,
    run: ContractReport | None = None,
) -> Iterator[tuple[PurePosixPath, bytes]]:
    """The integration page of one record (its API reference folded in, issue 22); `document`
    is its OpenAPI stub, `run` its last contract run."""
    (page,) = record_paths(record.id)
    yield page, render_integration(record, today, ids, edit_base, run, document)


def record_paths(record_id: str) -> list[PurePosixPath]:
    """Where record_pages writes the pages of `record_id`."""
    return [FOLDER / links.integration_page(record_id)]


def download_path(derived: PurePosixPath) -> PurePosixPath:
    """Where a derived file (openapi/..., env/...) is offered for download on the site."""
    return FOLDER / links.download(derived)


def download(derived: PurePosixPath, data: bytes) -> tuple[PurePosixPath, bytes]:
    """A derived file with its place among the downloads."""
    return download_path(derived), data


def overview_pages(
    records: Sequence[RecordSummary],
    today: dt.date,
    pages: Mapping[PurePosixPath, bytes],
    runs: Mapping[str, ContractReport] | None = None,
    system_records: Sequence[System] = (),
) -> Iterator[tuple[PurePosixPath, bytes]]:
    """The hand-written pages, the pages over all records (catalogue, reviews, monitoring with
    the last contract `runs`, systems), the theme override that carries the
    Content-Security-Policy, and the navigation."""
    for path, data in pages.items():
        yield FOLDER / path, data
    yield FOLDER / overview.CATALOGUE, overview.render_catalogue(records, today)
    yield FOLDER / overview.REVIEWS, overview.render_reviews(records, today, system_records)
    yield FOLDER / overview.ENV_VARS, overview.render_env_vars(records)
    yield FOLDER / MONITORING, render_monitoring(records, runs or {})
    yield FOLDER / FIELDS, render_fields(integration_schema())
    yield FOLDER / systems.INDEX, systems.render_systems_index(records, system_records)
    stylesheet = resources.files("intreg.outputs.site").joinpath("intreg.css")
    yield FOLDER / STYLESHEET, stylesheet.read_bytes()
    planned = {s.id: s for s in system_records}
    for system in systems.systems_of(records, system_records):
        page = (
            render_system_plan(planned[system], records, today)
            if system in planned
            else systems.render_system(system, records, today)
        )
        yield FOLDER / links.system_page(system), page
    yield THEME / csp.OVERRIDE, csp.render_override(csp.inline_script_hashes())
    yield CONFIG / nav.NAV, nav.render_nav(records, pages, system_records)
