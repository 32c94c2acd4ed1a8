"""`intreg new ID`: write a commented scaffold for a writer to fill in."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from intreg.outputs.writer import write_atomic
from intreg.records.errors import IntregError
from intreg.records.project import Project
from intreg.records.types import SLUG_PATTERN

PLACEHOLDER_ID = "__ID__"


def render_scaffold(record_id: str) -> bytes:
    """The scaffold text for `record_id` (a validated slug, so safe as a plain YAML scalar)."""
    if not re.match(SLUG_PATTERN, record_id):
        raise IntregError(
            f"`{record_id}` is not a valid id: use lowercase letters, digits and single "
            "hyphens, e.g. stripe-payments"
        )
    template = resources.files("intreg.scaffold").joinpath("templates/record.yaml")
    return template.read_text("utf-8").replace(PLACEHOLDER_ID, record_id).encode("utf-8")


def new_record(project: Project, record_id: str, force: bool) -> Path:
    """Write registry/<id>.yaml; refuses to overwrite unless `force`. Returns the path."""
    data = render_scaffold(record_id)
    target = project.registry / f"{record_id}.yaml"
    if target.exists() and not force:
        raise IntregError(
            f"{target.name}: already exists in registry/; pass --force to overwrite it"
        )
    write_atomic(target, data)
    return target
