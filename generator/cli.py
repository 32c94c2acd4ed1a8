"""The `intreg` command line: parse options, call the core, report, return an exit code.

Exit codes: 0 clean; 1 findings (or stale files with --check); 2 usage or I/O error;
3 internal error (the traceback is shown with --debug).
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Any

import click

from generator.commands.generate import DEFAULT_OUT, generate
from generator.commands.new import new_record
from generator.commands.validate import validate
from generator.project import find_project, find_project_or_none
from generator.writer import write_atomic
from schemas.errors import IntregError
from schemas.export import render_schema
from schemas.findings import Severity
from schemas.registry import display_path

EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 1, 2, 3


class _Group(click.Group):
    """Maps IntregError to exit 2 and unexpected exceptions to exit 3, never a raw traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except IntregError as exc:
            click.echo(f"intreg: error: {exc}", err=True)
            ctx.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("intreg: interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo(
                f"intreg: internal error: {type(exc).__name__}: {exc} "
                "(run with --debug for the traceback, and report it)",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Project folder (with registry/ and mkdocs.yml); default: search upwards from here.",
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.version_option(package_name="intreg", prog_name="intreg")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """intreg: a documentation-as-code registry of third-party API integrations.

    Each integration is one YAML record in registry/. Start with `intreg new ID`, check with
    `intreg validate`.
    """
    ctx.obj = {"debug": debug}


@main.command("validate")
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
def validate_command(
    paths: tuple[Path, ...], root: Path | None, output_format: str, fail_on: str
) -> None:
    """Check records against the schema and the rules; report every problem.

    PATHS are record files or folders; by default the whole registry/.

    \b
    Example:
      intreg validate                       # the whole registry
      intreg validate registry/stripe.yaml --format github
    """
    cwd = Path.cwd()
    if paths:
        project = find_project_or_none(cwd, root)
        targets = list(paths)
    else:
        project = find_project(cwd, root)
        targets = [project.registry]
    outcome = validate(targets, project, cwd, output_format, Severity[fail_on.upper()])
    click.echo(outcome.report, nl=False)
    if output_format == "text":
        click.echo(outcome.summary, err=True)
    sys.exit(outcome.exit_code)


@main.command("new")
@click.argument("record_id", metavar="ID")
@ROOT_OPTION
@click.option("--force", is_flag=True, help="Overwrite an existing record.")
def new_command(record_id: str, root: Path | None, force: bool) -> None:
    """Write registry/ID.yaml, a commented scaffold to fill in.

    \b
    Example:
      intreg new razorpay && $EDITOR registry/razorpay.yaml
    """
    project = find_project(Path.cwd(), root)
    path = new_record(project, record_id, force)
    click.echo(f"created {display_path(path, Path.cwd())}")
    click.echo("fill in every TODO value; `intreg validate` lists those left", err=True)


@main.command("generate")
@ROOT_OPTION
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Output folder; default: {DEFAULT_OUT}/ in the project.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 listing missing or stale files.")
def generate_command(root: Path | None, out: Path | None, check: bool) -> None:
    """Write every derived file (OpenAPI stubs, .env templates) from the records.

    Writes atomically and only files whose bytes changed; if any record is invalid, it writes
    nothing and reports the findings.

    \b
    Example:
      intreg generate           # into build/
      intreg generate --check   # in CI: exit 1 when a derived file is missing or stale
    """
    cwd = Path.cwd()
    project = find_project(cwd, root)
    outcome = generate(project, out or project.root / DEFAULT_OUT, check, cwd)
    click.echo(outcome.report, nl=False)
    click.echo(outcome.summary, err=True)
    sys.exit(outcome.exit_code)


@main.command("schema")
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the file is stale.")
def schema_command(root: Path | None, check: bool) -> None:
    """Write schemas/integration.schema.json from the model (editors use it for help).

    \b
    Example:
      intreg schema --check   # in CI: fails when the committed schema is stale
    """
    project = find_project(Path.cwd(), root)
    data = render_schema()
    target = project.schema_file
    shown = display_path(target, Path.cwd())
    if check:
        current = target.read_bytes() if target.exists() else None
        if current != data:
            click.echo(f"{shown}: stale; run `intreg schema` and commit it", err=True)
            sys.exit(EXIT_FINDINGS)
        click.echo(f"{shown}: up to date", err=True)
        return
    changed = write_atomic(target, data)
    click.echo(f"{'wrote' if changed else 'unchanged'} {shown}", err=True)
