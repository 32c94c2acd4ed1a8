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


def render_scaffold(record_id: str, template: str = "record.yaml") -> bytes:
    """The scaffold text for `record_id` (a validated slug, so safe as a plain YAML scalar)
    from `template` (record.yaml, or system.yaml for a system record)."""
    if not re.match(SLUG_PATTERN, record_id):
        raise IntregError(
            f"`{record_id}` is not a valid id: use lowercase letters, digits and single "
            "hyphens, e.g. stripe-payments"
        )
    text = resources.files("intreg.scaffold").joinpath(f"templates/{template}").read_text("utf-8")
    return text.replace(PLACEHOLDER_ID, record_id).encode("utf-8")


def new_record(project: Project, record_id: str, force: bool, system: bool = False) -> Path:
    """Write registry/<id>.yaml, or registry/systems/<id>.yaml for a system record; refuses
    to overwrite unless `force`. Returns the path."""
    data = render_scaffold(record_id, "system.yaml" if system else "record.yaml")
    folder = project.systems if system else project.registry
    target = folder / f"{record_id}.yaml"
    if target.exists() and not force:
        shown = "registry/systems/" if system else "registry/"
        raise IntregError(f"{target.name}: already exists in {shown}; pass --force to overwrite it")
    write_atomic(target, data)
    return target
