"""The `intreg` command line: parse options, call the core, report, return an exit code.

Exit codes: 0 clean; 1 findings (or stale files with --check, or overdue reviews);
2 usage or I/O error; 3 internal error (the traceback is shown with --debug);
4 a review notification could not be sent.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import click

from checks.checker import ReviewReport, check_reviews
from checks.ics import render_ics
from checks.messages import build_messages, render_dry_run
from checks.notify import NotifyConfig, config_from_env, require_channel, send_messages
from checks.render import render_json, render_markdown, render_table, summarise
from checks.review import DEFAULT_WITHIN_DAYS
from generator.commands.generate import DEFAULT_OUT, generate
from generator.commands.new import new_record
from generator.commands.serve import serve
from generator.commands.validate import validate
from generator.project import find_project, find_project_or_none
from generator.report import render_text
from generator.writer import write_atomic
from schemas.errors import IntregError
from schemas.export import render_schema
from schemas.findings import Severity
from schemas.registry import display_path, find_record_files, load_files

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


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")  # https://reproducible-builds.org/specs/
        if epoch and epoch.isdigit():
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD") from None


TODAY_OPTION = click.option(
    "--today",
    callback=_parse_today,
    metavar="YYYY-MM-DD",
    help="The date to compute review status for; default: today (or SOURCE_DATE_EPOCH).",
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
@TODAY_OPTION
def generate_command(root: Path | None, out: Path | None, check: bool, today: dt.date) -> None:
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
    outcome = generate(project, out or project.root / DEFAULT_OUT, check, cwd, today)
    click.echo(outcome.report, nl=False)
    click.echo(outcome.summary, err=True)
    sys.exit(outcome.exit_code)


@main.command("serve")
@ROOT_OPTION
@TODAY_OPTION
@click.option(
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    help="Address the preview server listens on.",
)
def serve_command(root: Path | None, today: dt.date, dev_addr: str) -> None:
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

    sys.exit(serve(project, out, cwd, today, dev_addr, say))


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


EXIT_NOTIFY_FAILED = 4
NOTIFY_TIMEOUT_SECONDS = 10.0


@main.command("reviews")
@ROOT_OPTION
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Check as of this day (YYYY-MM-DD); default: today.",
)
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=DEFAULT_WITHIN_DAYS,
    show_default=True,
    metavar="DAYS",
    help="A review due within DAYS is `due soon`.",
)
@click.option("--owner", metavar="TEAM", help="Only the records owned by TEAM (owner.team).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown", "ics"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, markdown for a wiki or issue, ics for calendars.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE (atomically) instead of standard output.",
)
@click.option("--notify", is_flag=True, help="Send each owner team a reminder of what to do.")
@click.option("--dry-run", is_flag=True, help="With --notify: print the messages, send nothing.")
def reviews_command(
    root: Path | None,
    today: dt.datetime | None,
    within: int,
    owner: str | None,
    output_format: str,
    output: Path | None,
    notify: bool,
    dry_run: bool,
) -> None:
    """List each record's last and next review, overdue first; find what else is due.

    Also reports API versions at or near their sunset, credentials due for rotation, expected
    peaks above 75% of a rate limit, deprecated integrations still in use and owners with no
    named person. Exit codes: 0 nothing overdue; 1 something overdue (a review, a sunset, a
    rotation) or a record that fails to load; 2 usage error; 4 a notification failed.

    \b
    Example:
      intreg reviews --within 14
      intreg reviews --format ics --output reviews.ics
      intreg reviews --notify          # INTREG_SLACK_WEBHOOK_URL and/or INTREG_SMTP_*
    """
    if dry_run and not notify:
        raise click.UsageError("--dry-run only applies with --notify")
    if dry_run and (output is not None or output_format != "text"):
        raise click.UsageError("--dry-run prints the messages; leave out --format and --output")
    config = config_from_env(os.environ) if notify else NotifyConfig()
    if notify and not dry_run:
        require_channel(config)
    project = find_project(Path.cwd(), root)
    results = load_files(find_record_files([project.registry]), Path.cwd())
    day = today.date() if today is not None else dt.date.today()
    report = check_reviews(results, day, within, owner)
    failed = False
    if dry_run:
        messages = build_messages(report)
        click.echo(render_dry_run(messages), nl=False)
        click.echo(f"notify: dry run: {len(messages)} message(s) not sent", err=True)
        _echo_unrouted(report)
    else:
        _emit_reviews(report, output_format, output, owner)
        failed = notify and _notify(report, config)
    sys.exit(EXIT_NOTIFY_FAILED if failed else EXIT_FINDINGS if report.overdue else 0)


def _render_reviews(report: ReviewReport, output_format: str, owner: str | None) -> str:
    if output_format == "json":
        return render_json(report)
    if output_format == "markdown":
        return render_markdown(report)
    if output_format == "ics":
        return render_ics(report, f"intreg reviews: {owner}" if owner else "intreg reviews")
    findings = render_text(report.findings)
    return render_table(report) + ("\n" + findings if findings else "")


def _emit_reviews(
    report: ReviewReport, output_format: str, output: Path | None, owner: str | None
) -> None:
    data = _render_reviews(report, output_format, owner).encode("utf-8")
    if output is None:
        click.echo(data, nl=False)
    else:
        changed = write_atomic(output, data)
        shown = display_path(output, Path.cwd())
        click.echo(f"{'wrote' if changed else 'unchanged'} {shown}", err=True)
    if output_format == "ics":
        # Standard output holds the calendar, so the findings go to standard error.
        click.echo(render_text(report.findings), nl=False, err=True)
    if output_format == "text":
        click.echo(summarise(report), err=True)


def _notify(report: ReviewReport, config: NotifyConfig) -> bool:
    """Send the reminders and report each delivery on stderr; True when any failed."""
    messages = build_messages(report)
    deliveries = send_messages(messages, config, time.sleep, NOTIFY_TIMEOUT_SECONDS)
    for delivery in deliveries:
        click.echo(f"notify: {delivery.describe()}", err=True)
    told = {m.team for m in messages}
    for team in sorted({r.record.owner.team for r in report.records} - told):
        click.echo(f"notify: {team}: nothing to do, no message", err=True)
    _echo_unrouted(report)
    return any(not d.ok for d in deliveries)


def _echo_unrouted(report: ReviewReport) -> None:
    for path in report.unloaded:
        click.echo(
            f"notify: {path}: failed to load, so its owner cannot be told; "
            f"run `intreg validate {path}`",
            err=True,
        )
