"""`intreg export`: the registry in other tools' formats (Backstage's software catalog)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from intreg.cli.options import ROOT_OPTION
from intreg.cli.terminal import progress_bar, wants_color
from intreg.outputs.backstage import is_entity_name
from intreg.outputs.export import DEFAULT_OUT, export_backstage
from intreg.records.project import find_project


@click.group("export", short_help="Export the registry to Backstage's software catalog.")
def export_group() -> None:
    """Export the registry to other tools: Backstage's software catalog.

    \b
    Example:
      intreg export backstage --out catalog/
    """


def _parse_owners(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    owners: dict[str, str] = {}
    for value in values:
        system, sep, team = value.partition("=")
        if not sep or not is_entity_name(system) or not is_entity_name(team):
            raise click.BadParameter(f"{value!r} is not SYSTEM=TEAM (two slugs)")
        owners[system] = team
    return owners


@export_group.command("backstage", short_help="Write Backstage catalog entities.")
@ROOT_OPTION
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Output folder; default: {DEFAULT_OUT.as_posix()}/ in the project.",
)
@click.option(
    "--system-owner",
    "system_owners",
    multiple=True,
    metavar="SYSTEM=TEAM",
    callback=_parse_owners,
    help="The team that owns a consuming system (records do not say); repeatable. "
    "Default: the team that owns most of the system's integrations.",
)
def backstage_command(root: Path | None, out: Path | None, system_owners: dict[str, str]) -> None:
    """Write Backstage catalog entities: an API per integration, a Group per owner team, a
    System per consuming system, and catalog-info.yaml, a Location that lists them.

    Each API's definition is its OpenAPI stub, written beside it and referenced with $text.
    Register catalog-info.yaml in Backstage (catalog.locations, or "Register existing
    component"). Writes nothing if any record is invalid. Exit codes: 0 written; 1 invalid
    records; 2 usage or I/O error.

    \b
    Example:
      intreg export backstage                        # into build/backstage/
      intreg export backstage --out catalog/ --system-owner py360-renewal=platform
    """
    cwd = Path.cwd()
    project = find_project(cwd, root)
    target = out or project.root / DEFAULT_OUT
    color = wants_color(click.get_current_context(), sys.stdout)
    with progress_bar("loading records", sys.stderr, enabled=True) as progress:
        outcome = export_backstage(
            project, target, cwd, system_owners, color=color, progress=progress
        )
    click.echo(outcome.report, nl=False)
    click.echo(outcome.summary, err=True)
    sys.exit(outcome.exit_code)
