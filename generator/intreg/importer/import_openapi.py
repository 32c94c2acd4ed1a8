"""`intreg import openapi`: list a spec's operations, or draft registry/<id>.yaml from some."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from intreg.importer.draft import draft_header, draft_record, public_source
from intreg.importer.listing import render_listing
from intreg.importer.placeholders import realise
from intreg.outputs.dump import dump_yaml
from intreg.outputs.writer import write_atomic
from intreg.records.errors import IntregError
from intreg.records.findings import Finding
from intreg.records.loader import load_record
from intreg.records.project import Project
from intreg.records.types import SLUG_PATTERN
from intreg.specs.loader import Spec
from intreg.specs.operations import Operation, find_operation, list_operations


@dataclass(frozen=True)
class Draft:
    """A rendered draft, and the problems it would still have once its TODOs were filled."""

    record_id: str
    data: bytes
    endpoints: int
    problems: list[Finding]


def check_record_id(record_id: str) -> None:
    """Raise an IntregError unless `record_id` is a valid record id (a slug)."""
    if not re.match(SLUG_PATTERN, record_id):
        raise IntregError(
            f"`{record_id}` is not a valid id: use lowercase letters, digits and single "
            "hyphens, e.g. stripe-payments"
        )


def list_spec(spec: Spec) -> str:
    """The spec's operations grouped by tag."""
    return render_listing(spec, list_operations(spec))


def choose_operations(spec: Spec, selectors: Sequence[str]) -> list[Operation]:
    """The operations named by operationId or `METHOD /path`, in the order given, once each."""
    operations = list_operations(spec)
    if not operations:
        raise IntregError(f"{spec.location}: the spec has no operations")
    chosen = [find_operation(operations, s) for s in selectors]
    return list({(op.method, op.path): op for op in chosen}.values())


def render_draft(
    spec: Spec, selectors: Sequence[str], record_id: str, source: str | None, path: str
) -> Draft:
    """The draft's bytes; `path` names it in the problems found by the filled-in check."""
    check_record_id(record_id)
    operations = choose_operations(spec, selectors)
    tree = draft_record(spec, operations, record_id, public_source(source, spec))
    header = draft_header(spec)
    data = dump_yaml(realise(tree, filled=False), header=header)
    filled = dump_yaml(realise(tree, filled=True), header=header)
    problems = load_record(filled, path, expected_id=record_id).findings
    return Draft(record_id, data, len(operations), problems)


def write_draft(project: Project, draft: Draft, force: bool) -> Path:
    """Write registry/<id>.yaml atomically; refuses to overwrite unless `force`."""
    target = project.registry / f"{draft.record_id}.yaml"
    if target.exists() and not force:
        raise IntregError(
            f"{target.name}: already exists in registry/; pass --force to overwrite it"
        )
    write_atomic(target, draft.data)
    return target
