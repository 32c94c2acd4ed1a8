"""The docs site's Markdown: hand-written pages, one page per integration, overview pages.

Everything lands in one folder that mkdocs.yml (or Zensical) builds; no MkDocs plugin or hook
is involved in producing the content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import PurePosixPath

from generator.openapi import render_openapi
from generator.site import links, overview, systems
from generator.site.api_reference import render_api_reference
from generator.site.fields import FIELDS, render_fields
from generator.site.integration import render_integration
from schemas.export import integration_schema
from schemas.model import Integration

FOLDER = links.DOCS
STYLESHEET = PurePosixPath("stylesheets") / "intreg.css"


def generate(
    records: Sequence[Integration],
    today: dt.date,
    pages: Mapping[PurePosixPath, bytes],
    downloads: Mapping[PurePosixPath, bytes],
) -> dict[PurePosixPath, bytes]:
    """The site's source folder: `pages` (hand-written docs/) plus everything generated."""
    ids = {r.id for r in records}
    generated: dict[PurePosixPath, bytes] = {
        overview.CATALOGUE: overview.render_catalogue(records, today),
        overview.REVIEWS: overview.render_reviews(records, today),
        overview.ENV_VARS: overview.render_env_vars(records),
        FIELDS: render_fields(integration_schema()),
        systems.INDEX: systems.render_systems_index(records),
        STYLESHEET: resources.files("generator").joinpath(
            "templates/site/intreg.css").read_bytes(),
    }
    for r in records:
        generated[links.integration_page(r.id)] = render_integration(r, today, ids)
        generated[links.api_page(r.id)] = render_api_reference(r.id, render_openapi(r))
    for system in systems.systems_of(records):
        generated[links.system_page(system)] = systems.render_system(system, records, today)
    for path, data in downloads.items():
        generated[links.download(path)] = data
    clashes = sorted(str(p) for p in set(pages) & set(generated))
    if clashes:
        raise ValueError(f"hand-written docs/ pages clash with generated ones: {clashes}")
    return {FOLDER / path: data for path, data in {**pages, **generated}.items()}
