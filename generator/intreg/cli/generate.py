"""`intreg generate`: wiring of options to the generation core."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from intreg.cli.options import ROOT_OPTION, TODAY_OPTION
from intreg.cli.terminal import progress_bar, wants_color
from intreg.outputs.generate import DEFAULT_OUT, generate
from intreg.records.project import find_project


@click.command("generate", short_help="Write OpenAPI stubs, .env templates and site pages.")
@ROOT_OPTION
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Output folder; default: {DEFAULT_OUT}/ in the project.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 listing missing or stale files.")
@TODAY_OPTION
@click.option(
    "--no-cache",
    is_flag=True,
    help="Render every file, ignoring what the manifest in the output folder says is current "
    "(files whose bytes are unchanged are still left alone).",
)
@click.option(
    "--contract-report",
    "contract_reports",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="A JSON report of `intreg contract --report` to show as its record's last run "
    "(repeatable), besides the project's reports/contract/<id>.json; the latest run wins.",
)
def generate_command(
    root: Path | None,
    out: Path | None,
    check: bool,
    today: dt.date,
    no_cache: bool,
    contract_reports: tuple[Path, ...],
) -> None:
    """Write every derived file (OpenAPI stubs, .env templates, site pages) from the records.

    Writes atomically and only files whose bytes changed; if any record or contract report
    is invalid, it writes nothing and reports the findings.

    Each integration page shows its record's last contract run, and the monitoring page every
    integration's targets beside it: the newest report per record among
    reports/contract/<id>.json and the --contract-report files.

    \b
    Example:
      intreg generate           # into build/
      intreg generate --check   # in CI: exit 1 when a derived file is missing or stale
      intreg generate --contract-report run.json
    """
    cwd = Path.cwd()
    project = find_project(cwd, root)
    ctx = click.get_current_context()
    with progress_bar("loading records", sys.stderr, enabled=True) as progress:
        outcome = generate(
            project,
            out or project.root / DEFAULT_OUT,
            check,
            cwd,
            today,
            trust_manifest=not no_cache,
            color=wants_color(ctx, sys.stdout),
            progress=progress,
            contract_reports=contract_reports,
        )
    click.echo(outcome.report, nl=False)
    click.echo(outcome.summary, err=True)
    sys.exit(outcome.exit_code)
