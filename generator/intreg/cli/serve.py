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
    "--builder",
    type=click.Choice(BUILDERS),
    default=DEFAULT_BUILDER,
    show_default=True,
    help="Site builder: MkDocs + Material, or Zensical (same mkdocs.yml).",
)
def serve_command(root: Path | None, today: dt.date, dev_addr: str, builder: str) -> None:
    """Preview the site live: pages regenerate when a record or docs/ page changes.

    A record with errors is reported here and the last good pages stay served. Stop with
    Ctrl-C.

    \b
    Example:
      intreg serve   # then open http://127.0.0.1:8000/
    """
    cwd = Path.cwd()
    project = find_project(cwd, root)
    out = project.root / DEFAULT_OUT

    def say(message: str) -> None:
        click.echo(message, err=True)

    sys.exit(serve(project, out, cwd, today, dev_addr, say, builder))
