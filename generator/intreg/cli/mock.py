"""`intreg mock`: wiring of options to the local mock server."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from intreg.cli.options import ROOT_OPTION
from intreg.mock.launch import (
    describe_credential,
    describe_limits,
    load_integration,
    mock_setup,
    serve_mock,
)
from intreg.mock.server import MockServer
from intreg.records.errors import IntregError
from intreg.records.project import find_project


@click.command("mock", short_help="Serve an integration's documented API on 127.0.0.1.")
@click.argument("record_id", metavar="ID")
@ROOT_OPTION
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8080,
    show_default=True,
    help="Port on 127.0.0.1; 0 picks a free one.",
)
@click.option(
    "--no-rate-limits",
    is_flag=True,
    help="Do not enforce the record's rate limits (by default a request over one gets 429).",
)
def mock_command(record_id: str, root: Path | None, port: int, no_rate_limits: bool) -> None:
    """Serve the documented endpoints of record ID from its OpenAPI stub, on 127.0.0.1.

    Answers with the documented examples, checks credentials, parameters and bodies as the
    provider would (documented 401/403 and 400/422), and answers 404 for unknown paths and 405
    for undocumented methods. The credential it accepts is the one in the record's
    environment variables, or a stand-in value it prints when they are unset. Stop with Ctrl-C.

    It rehearses trouble: the record's rate limits give 429 with Retry-After, and a `Prefer:
    code=NNN` or `Prefer: example=NAME` header picks a documented status (or one of the
    record's errors) and example, as Prism does.

    \b
    Example:
      intreg mock stripe --port 0
      curl -H 'Prefer: code=429' http://127.0.0.1:8080/v1/payment_intents/pi_1
    """
    cwd = Path.cwd()
    project = find_project(cwd, root)
    setup = mock_setup(load_integration(project, record_id, cwd), os.environ, not no_rate_limits)
    try:
        server = MockServer(setup.mock, port, log=lambda line: click.echo(line, err=True))
    except OSError as exc:
        raise IntregError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from exc

    def ready(url: str) -> None:
        click.echo(f"mock for {record_id} at {url}")
        click.echo(describe_credential(setup, os.environ), err=True)
        click.echo(describe_limits(setup.mock.simulation.limits), err=True)

    sys.exit(serve_mock(server, ready, say=lambda line: click.echo(line, err=True)))
