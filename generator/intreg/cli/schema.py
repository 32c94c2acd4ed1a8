"""`intreg schema`: write or check the committed JSON Schema."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from intreg.cli.app import EXIT_FINDINGS
from intreg.cli.options import ROOT_OPTION
from intreg.outputs.writer import write_atomic
from intreg.records.export import render_schema
from intreg.records.files import display_path
from intreg.records.project import find_project


@click.command("schema", short_help="Write or check the JSON Schema that editors use.")
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the file is stale.")
def schema_command(root: Path | None, check: bool) -> None:
    """Write schemas/integration.schema.json from the model (editors use it for help).

    \b
    Example:
      intreg schema --check   # in CI: fails when the committed schema is stale
    """
    project = find_project(Path.cwd(), root)
    data = render_schema()
    target = project.schema_file
    shown = display_path(target, Path.cwd())
    if check:
        current = target.read_bytes() if target.exists() else None
        if current != data:
            click.echo(f"{shown}: stale; run `intreg schema` and commit it", err=True)
            sys.exit(EXIT_FINDINGS)
        click.echo(f"{shown}: up to date", err=True)
        return
    changed = write_atomic(target, data)
    click.echo(f"{'wrote' if changed else 'unchanged'} {shown}", err=True)
