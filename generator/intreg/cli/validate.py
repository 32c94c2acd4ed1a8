"""`intreg validate`: wiring of options to the validation core."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from intreg.cli.options import NO_CACHE_OPTION, ROOT_OPTION, open_cache
from intreg.cli.terminal import progress_bar, wants_color
from intreg.records.findings import Severity
from intreg.records.levels import Level
from intreg.records.project import find_project, find_project_or_none
from intreg.records.validate import validate


@click.command("validate", short_help="Check records against the schema and the rules.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@ROOT_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for workflow annotations.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option(
    "--min-level",
    type=click.Choice([level.label for level in Level]),
    default=None,
    help="Also fail records whose documentation scores below this level "
    "(draft < basic < operational < complete).",
)
@NO_CACHE_OPTION
def validate_command(
    paths: tuple[Path, ...],
    root: Path | None,
    output_format: str,
    fail_on: str,
    min_level: str | None,
    no_cache: bool,
) -> None:
    """Check records against the schema and the rules; report every problem.

    PATHS are record files or folders; by default the whole registry/. Results of files
    whose bytes have not changed come from the cache in .intreg-cache/ (never committed);
    the rules across records always run afresh.

    \b
    Example:
      intreg validate                       # the whole registry
      intreg validate registry/stripe.yaml --format github
      intreg validate --min-level operational   # CI: every record documents errors, tests
    """
    cwd = Path.cwd()
    if paths:
        project = find_project_or_none(cwd, root)
        targets = list(paths)
    else:
        project = find_project(cwd, root)
        targets = [project.registry]
    ctx = click.get_current_context()
    text = output_format == "text"
    with progress_bar("loading records", sys.stderr, enabled=text) as progress:
        outcome = validate(
            targets,
            project,
            cwd,
            output_format,
            Severity[fail_on.upper()],
            cache=open_cache(project, no_cache),
            color=text and wants_color(ctx, sys.stdout),
            progress=progress,
            min_level=None if min_level is None else Level[min_level.upper()],
        )
    click.echo(outcome.report, nl=False)
    if output_format == "text":
        click.echo(outcome.summary, err=True)
    sys.exit(outcome.exit_code)
