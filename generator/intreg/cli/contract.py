"""`intreg contract`: wiring of options to the contract-test run."""

from __future__ import annotations

import datetime
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
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Also write a JSON report to FILE: when, target, and per operation the requests, "
    "failures, p50/p95/max latency against the target, and the result.",
)
@click.option(
    "--sandbox",
    is_flag=True,
    help="Test the provider's sandbox: the record's api.sandbox_url.",
)
@click.option(
    "--allow-writes",
    is_flag=True,
    help="Against a real API, also send the operations that write (POST, PUT, PATCH, DELETE); "
    "by default only GET and HEAD are sent.",
)
@click.option(
    "--allow-live-keys",
    is_flag=True,
    help="Use credentials that look live (sk_live_..., rzp_live_...) or the live host of a "
    "record that has a sandbox; refused by default.",
)
@click.option(
    "--latency",
    type=click.Choice(["enforce", "report"]),
    default="enforce",
    show_default=True,
    help="enforce: a p95 above its target fails the operation; report: measure and report it "
    "(text and --report) without failing, e.g. against the mock on a busy CI runner.",
)
def contract_command(
    record_id: str,
    root: Path | None,
    base_url: str | None,
    junit: Path | None,
    report: Path | None,
    sandbox: bool,
    allow_writes: bool,
    allow_live_keys: bool,
    latency: str,
) -> None:
    """Check that the API behaves as record ID's stub documents, operation by operation.

    schemathesis sends documented examples and generated valid and invalid requests (a few
    per operation, seeded) and checks status codes, content types, bodies against the
    response schemas, documented headers, and refusals of bad credentials and bad input.
    Against a real API, credentials come from the environment variables the record names.

    A real API gets only the record's declared operations, never another method; only reads
    (GET, HEAD) unless --allow-writes; the headers the record pins (its API version); and an
    idempotency key per distinct body where the endpoint takes one. Keys that look live are
    refused unless --allow-live-keys.

    Each request is timed by the wall clock; an operation whose p95 is above its target
    (endpoints[].latency_p95_ms, else sla.latency_p95_ms, else
    monitoring.targets.latency_p95_ms) fails with the figures, unless --latency report. Requests
    time out after endpoints[].timeout_seconds, else sla.timeout_seconds, else 10 s.

    \b
    Example:
      intreg contract stripe
      INTREG_STRIPE_BASE_URL=https://api.stripe.com intreg contract stripe --junit out.xml
      intreg contract stripe --base-url https://api.stripe.com --allow-writes --report run.json
    """
    # schemathesis takes a sizeable share of start-up: load it only for this command.
    from intreg.contract.run import RunOptions, contract

    cwd = Path.cwd()
    project = find_project(cwd, root)
    started = datetime.datetime.now(datetime.UTC)
    options = RunOptions(
        allow_writes, allow_live_keys, sandbox, report, started, latency == "enforce"
    )
    outcome = contract(project, record_id, base_url, junit, cwd, os.environ, options=options)
    click.echo(outcome.report, nl=False)
    click.echo(outcome.summary, err=True)
    sys.exit(outcome.exit_code)
