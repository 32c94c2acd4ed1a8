"""`intreg contract`: wiring of options to the contract-test run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from intreg.cli.options import ROOT_OPTION
from intreg.records.project import find_project


@click.command("contract", short_help="Run an integration's contract tests (default: on the mock).")
@click.argument("record_id", metavar="ID")
@ROOT_OPTION
@click.option(
    "--base-url",
    metavar="URL",
    help="API to test, e.g. the provider's sandbox; default: $INTREG_<ID>_BASE_URL, else a "
    "local mock started for the run.",
)
@click.option(
    "--junit",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Also write the results as JUnit XML to FILE.",
)
def contract_command(
    record_id: str, root: Path | None, base_url: str | None, junit: Path | None
) -> None:
    """Check that the API behaves as record ID's stub documents, operation by operation.

    schemathesis sends documented examples and generated valid and invalid requests (a few
    per operation, seeded) and checks status codes, content types, bodies against the
    response schemas, documented headers, and refusals of bad credentials and bad input.
    Against a real API, credentials come from the environment variables the record names.

    \b
    Example:
      intreg contract stripe
      INTREG_STRIPE_BASE_URL=https://api.stripe.com intreg contract stripe --junit out.xml
    """
    # schemathesis takes a sizeable share of start-up: load it only for this command.
    from intreg.contract.run import contract

    cwd = Path.cwd()
    project = find_project(cwd, root)
    outcome = contract(project, record_id, base_url, junit, cwd, os.environ)
    click.echo(outcome.report, nl=False)
    click.echo(outcome.summary, err=True)
    sys.exit(outcome.exit_code)
