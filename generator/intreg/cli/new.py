"""`intreg new`: wiring of options to the scaffold writer."""

from __future__ import annotations

from pathlib import Path

import click

from intreg.cli.options import ROOT_OPTION
from intreg.records.files import display_path
from intreg.records.project import find_project
from intreg.scaffold.new import new_record


@click.command("new")
@click.argument("record_id", metavar="ID")
@ROOT_OPTION
@click.option("--force", is_flag=True, help="Overwrite an existing record.")
@click.option(
    "--system",
    is_flag=True,
    help="Scaffold a system record (registry/systems/ID.yaml): its plan, phases, targets.",
)
def new_command(record_id: str, root: Path | None, force: bool, system: bool) -> None:
    """Write registry/ID.yaml, a commented scaffold to fill in (with --system, the system
    record registry/systems/ID.yaml).

    \b
    Example:
      intreg new razorpay && $EDITOR registry/razorpay.yaml
      intreg new --system py360-renewal
    """
    project = find_project(Path.cwd(), root)
    path = new_record(project, record_id, force, system)
    click.echo(f"created {display_path(path, Path.cwd())}")
    click.echo("fill in every TODO value; `intreg validate` lists those left", err=True)
