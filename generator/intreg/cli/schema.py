"""`intreg schema`: write or check the committed JSON Schemas."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from intreg.cli.app import EXIT_FINDINGS
from intreg.cli.options import ROOT_OPTION
from intreg.outputs.writer import write_atomic
from intreg.records.export import render_schema, render_system_schema
from intreg.records.files import display_path
from intreg.records.project import find_project


@click.command("schema", short_help="Write or check the JSON Schemas that editors use.")
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a file is stale.")
def schema_command(root: Path | None, check: bool) -> None:
    """Write schemas/integration.schema.json and schemas/system.schema.json (for system
    records, registry/systems/) from the model; editors use them for help.

    \b
    Example:
      intreg schema --check   # in CI: fails when a committed schema is stale
    """
    project = find_project(Path.cwd(), root)
    targets = [
        (project.schema_file, render_schema()),
        (project.system_schema_file, render_system_schema()),
    ]
    stale = False
    for target, data in targets:
        shown = display_path(target, Path.cwd())
        if check:
            current = target.read_bytes() if target.exists() else None
            stale = stale or current != data
            state = "up to date" if current == data else "stale; run `intreg schema` and commit it"
            click.echo(f"{shown}: {state}", err=True)
            continue
        changed = write_atomic(target, data)
        click.echo(f"{'wrote' if changed else 'unchanged'} {shown}", err=True)
    if stale:
        sys.exit(EXIT_FINDINGS)
