"""`intreg serve`: wiring of options to the live preview."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from intreg.cli.options import ROOT_OPTION, TODAY_OPTION
from intreg.outputs.builders import BUILDERS, DEFAULT_BUILDER
from intreg.outputs.generate import DEFAULT_OUT
from intreg.outputs.serve import serve
from intreg.records.project import find_project


@click.command("serve", short_help="Preview the site live while you edit records.")
@ROOT_OPTION
@TODAY_OPTION
@click.option(
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    help="Address the preview server listens on.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=None,
    help="Port to listen on, instead of the one in --dev-addr; 0 picks a free one.",
)
@click.option(
    "--builder",
    type=click.Choice(BUILDERS),
    default=DEFAULT_BUILDER,
    show_default=True,
    help="Site builder: MkDocs + Material, or Zensical (same mkdocs.yml).",
)
def serve_command(
    root: Path | None, today: dt.date, dev_addr: str, port: int | None, builder: str
) -> None:
    """Preview the site live: pages regenerate when a record or docs/ page changes.

    A record with errors is reported here and the last good pages stay served. The address
    served is printed on standard output ("preview at URL") as soon as the port is bound, before
    the first build. Stop with Ctrl-C.

    \b
    Example:
      intreg serve   # then open http://127.0.0.1:8000/
      intreg serve --port 0   # a free port, printed
    """
    cwd = Path.cwd()
    project = find_project(cwd, root)
    out = project.root / DEFAULT_OUT

    if port is not None:
        dev_addr = f"{dev_addr.rpartition(':')[0]}:{port}"

    def say(message: str) -> None:
        click.echo(message, err=True)

    def ready(url: str) -> None:
        click.echo(f"preview at {url}")

    sys.exit(serve(project, out, cwd, today, dev_addr, say, builder, ready=ready))
