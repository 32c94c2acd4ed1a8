"""`intreg import openapi`: draft a record from a provider's published OpenAPI spec."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from intreg.cli.app import EXIT_FINDINGS
from intreg.cli.options import ROOT_OPTION
from intreg.importer.import_openapi import list_spec, render_draft, write_draft
from intreg.records.files import display_path
from intreg.records.project import find_project
from intreg.records.report import render_text
from intreg.records.types import URL_PATTERN
from intreg.specs.loader import load_spec


@click.group("import")
def import_group() -> None:
    """Draft a record from a provider's published API description.

    \b
    Example:
      intreg import openapi spec3.yaml --id stripe                 # list its operations
      intreg import openapi spec3.yaml --id stripe --operation PostPaymentIntents
    """


def _check_source(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not re.match(URL_PATTERN, value):
        raise click.BadParameter(f"{value!r} is not an http(s):// address")
    return value


@import_group.command("openapi")
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--id", "record_id", required=True, metavar="ID", help="Id of the new record.")
@click.option(
    "--operation",
    "operations",
    multiple=True,
    metavar="OP",
    help='An operationId or "METHOD /path" to import (repeatable); without it, list them.',
)
@click.option(
    "--source",
    metavar="URL",
    callback=_check_source,
    help="Public URL of the spec, recorded as the draft's source (nothing is fetched).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing record.")
@ROOT_OPTION
def openapi_command(
    spec: str,
    record_id: str,
    operations: tuple[str, ...],
    source: str | None,
    force: bool,
    root: Path | None,
) -> None:
    """Draft registry/ID.yaml from the operations OP of the OpenAPI spec SPEC.

    SPEC is a local YAML or JSON file: OpenAPI 3.0 or 3.1, or Swagger 2.0 (converted).
    Without --operation, list the spec's operations by tag. What a spec cannot know (owner,
    purpose, review, rate limits) is left as "TODO ..." values for `intreg validate` to list.

    \b
    Example:
      intreg import openapi spec3.yaml --id stripe
      intreg import openapi spec3.yaml --id stripe --operation PostPaymentIntents \\
        --operation "GET /v1/payment_intents/{intent}" \\
        --source https://github.com/stripe/openapi/blob/master/openapi/spec3.yaml
    """
    cwd = Path.cwd()
    loaded = load_spec(spec)
    if not operations:
        click.echo(list_spec(loaded), nl=False)
        return
    project = find_project(cwd, root)
    target = project.registry / f"{record_id}.yaml"
    draft = render_draft(loaded, operations, record_id, source, display_path(target, cwd))
    path = write_draft(project, draft, force)
    noun = "endpoint" if draft.endpoints == 1 else "endpoints"
    click.echo(f"created {display_path(path, cwd)} ({draft.endpoints} {noun} from {loaded.title})")
    if draft.problems:
        click.echo(render_text(draft.problems), nl=False)
        click.echo(
            "the draft has problems besides its TODO placeholders (above): fix them by hand",
            err=True,
        )
        sys.exit(EXIT_FINDINGS)
    click.echo("fill in every TODO value; `intreg validate` lists those left", err=True)
