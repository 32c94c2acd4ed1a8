"""`intreg drift`: compare a record with the provider's current OpenAPI spec."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from intreg.cli.app import EXIT_FINDINGS
from intreg.cli.options import ROOT_OPTION
from intreg.drift.compare import drift_findings
from intreg.records.errors import IntregError
from intreg.records.files import display_path
from intreg.records.findings import Severity
from intreg.records.project import find_project
from intreg.records.registry import load_files
from intreg.records.report import RENDERERS
from intreg.specs.loader import load_spec


@click.command("drift")
@click.argument("record_id", metavar="ID")
@click.option(
    "--upstream",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="SPEC",
    help="The provider's current OpenAPI spec (a local YAML or JSON file).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for tools.",
)
@ROOT_OPTION
def drift_command(record_id: str, upstream: str, output_format: str, root: Path | None) -> None:
    """Compare registry/ID.yaml with the provider's current spec SPEC.

    Reports documented endpoints gone upstream, parameters and required body fields added,
    removed or changed, auth changes, a newer upstream version and deprecated operations.
    Exit codes: 0 no drift; 1 drift (or a record that does not load); 2 usage or I/O error.

    \b
    Example:
      intreg drift stripe --upstream spec3.yaml --format json
    """
    cwd = Path.cwd()
    project = find_project(cwd, root)
    path = project.record_file(record_id)  # refuses `../x`, links out of the project, FIFOs
    if path is None:
        raise IntregError(
            f"{display_path(project.registry / f'{record_id}.yaml', cwd)}: no such record"
        )
    result = load_files([path], cwd)[0]
    spec = load_spec(upstream)
    if result.record is None:
        errors = [f for f in result.findings if f.severity >= Severity.ERROR]
        click.echo(RENDERERS[output_format](errors), nl=False)
        click.echo(f"{result.path} does not load: fix it first (`intreg validate`)", err=True)
        sys.exit(EXIT_FINDINGS)
    findings = drift_findings(result.record, spec)
    click.echo(RENDERERS[output_format](findings), nl=False)
    if output_format == "text":
        version = f" {spec.version}" if spec.version else ""
        count = "1 finding" if len(findings) == 1 else f"{len(findings)} findings"
        state = f"drift: {count}" if findings else "no drift"
        click.echo(f"{result.path}: {state} against {spec.title}{version}", err=True)
    sys.exit(EXIT_FINDINGS if findings else 0)
