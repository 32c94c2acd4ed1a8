"""`intreg reviews`: the review checker, its renderings and notifications."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

import click

from intreg.cli.app import EXIT_FINDINGS
from intreg.cli.options import NO_CACHE_OPTION, ROOT_OPTION, open_cache
from intreg.notify.deliver import (
    NotifyConfig,
    config_from_env,
    forget_team,
    require_channel,
    send_messages,
)
from intreg.notify.github import GithubApi, sync_issues
from intreg.notify.ledger import DEFAULT_REMIND_EVERY_DAYS, STATE_FILE, Ledger, load_ledger
from intreg.outputs.writer import write_atomic
from intreg.records.cache import cache_folder, no_garbage_collection
from intreg.records.check_files import file_reports
from intreg.records.files import display_path, read_record
from intreg.records.findings import Severity
from intreg.records.project import Project, find_project
from intreg.records.report import render_text
from intreg.records.system_loader import load_system
from intreg.reviews.checker import ReviewReport, check_reviews
from intreg.reviews.ics import render_ics
from intreg.reviews.issues import build_issues, quiet_records
from intreg.reviews.links import Links, links_from_mkdocs
from intreg.reviews.messages import MessageOptions, build_messages, render_dry_run
from intreg.reviews.render import render_json, render_markdown, render_table, summarise
from intreg.reviews.review import DEFAULT_WITHIN_DAYS

EXIT_NOTIFY_FAILED = 4
NOTIFY_TIMEOUT_SECONDS = 10.0


@click.command("reviews", short_help="Report due reviews, sunsets and rotations; remind owners.")
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
@click.option(
    "--min-severity",
    type=click.Choice(["info", "warning", "error"]),
    default="info",
    show_default=True,
    help="With --notify: leave out of the reminders what is below this severity.",
)
@click.option(
    "--verbose", is_flag=True, help="With --notify: list each note instead of one line per kind."
)
@click.option(
    "--state",
    "state_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --notify: remember what was sent in FILE; default: reminders.json in the "
    "project's cache folder (.intreg-cache/).",
)
@click.option(
    "--remind-every",
    type=click.IntRange(min=1),
    default=DEFAULT_REMIND_EVERY_DAYS,
    show_default=True,
    metavar="DAYS",
    help="With --notify: send an unchanged reminder again after DAYS (counted to --today).",
)
@click.option("--force", is_flag=True, help="With --notify: send even unchanged reminders.")
@NO_CACHE_OPTION
def reviews_command(
    root: Path | None,
    today: dt.datetime | None,
    within: int,
    owner: str | None,
    output_format: str,
    output: Path | None,
    notify: bool,
    dry_run: bool,
    min_severity: str,
    verbose: bool,
    state_file: Path | None,
    remind_every: int,
    force: bool,
    no_cache: bool,
) -> None:
    """List each record's last and next review, overdue first; find what else is due.

    Also reports API versions at or near their sunset, credentials due for rotation, expected
    peaks above 75% of a rate limit, deprecated integrations still in use, owners with no
    named person, and the systems' maintenance tasks (registry/systems/), each due by the end
    of its day, week, month, quarter or year. Exit codes: 0 nothing overdue; 1 something
    overdue (a review, a sunset, a rotation) or a record that fails to load; 2 usage error;
    4 a notification failed.

    \b
    Example:
      intreg reviews --within 14
      intreg reviews --format ics --output reviews.ics
      intreg reviews --notify          # INTREG_SLACK_WEBHOOK_URL and/or INTREG_SMTP_*
      intreg reviews --notify          # INTREG_GITHUB_REPOSITORY=owner/name, GITHUB_TOKEN
    """
    if dry_run and not notify:
        raise click.UsageError("--dry-run only applies with --notify")
    if dry_run and (output is not None or output_format != "text"):
        raise click.UsageError("--dry-run prints the messages; leave out --format and --output")
    config = config_from_env(os.environ) if notify else NotifyConfig()
    if notify and not dry_run:
        require_channel(config)
    project = find_project(Path.cwd(), root)
    day = today.date() if today is not None else dt.date.today()
    ledger = None
    if notify and not dry_run:  # read before anything is sent: a bad state file stops the run
        state = state_file or cache_folder(project.root, os.environ) / STATE_FILE
        ledger = load_ledger(state, day, remind_every, force)
    files = project.record_files()
    reports = file_reports(files, Path.cwd(), open_cache(project, no_cache))
    systems = [
        load_system(read_record(f), display_path(f, Path.cwd()), f.stem)
        for f in project.system_files()
    ]
    with no_garbage_collection():  # tens of thousands of findings and rows, no cycles
        report = check_reviews(reports, day, within, owner, systems)
        if not dry_run:
            _emit_reviews(report, output_format, output, owner)
    options = MessageOptions(_read_links(project), Severity[min_severity.upper()], verbose)
    failed = False
    if dry_run:
        _dry_run(report, config, options)
    elif ledger is not None:
        failed = _notify(report, config, options, ledger)
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


def _dry_run(report: ReviewReport, config: NotifyConfig, options: MessageOptions) -> None:
    """Print the messages (and the GitHub issues, when configured) that would be sent."""
    messages = build_messages(report, options)
    click.echo(render_dry_run(messages), nl=False)
    click.echo(f"notify: dry run: {len(messages)} message(s) not sent", err=True)
    if config.github is not None:
        issues = build_issues(report, options)
        blocks = [f"Issue in {config.github.repository}: {i.title}\n\n{i.body}" for i in issues]
        click.echo("".join("\n" + block for block in blocks), nl=False)
        click.echo(f"notify: dry run: {len(issues)} issue(s) not opened or updated", err=True)
    _echo_unrouted(report)


def _read_links(project: Project) -> Links:
    """The links mkdocs.yml gives (site_url, repo_url, edit_uri); none if it cannot be read."""
    try:
        text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Links()  # find_project saw the file; `intreg generate` reports a bad one
    return links_from_mkdocs(text)


def _notify(
    report: ReviewReport, config: NotifyConfig, options: MessageOptions, ledger: Ledger
) -> bool:
    """Send the reminders and report each delivery on stderr; True when any failed."""
    messages = build_messages(report, options)
    deliveries = send_messages(messages, config, time.sleep, NOTIFY_TIMEOUT_SECONDS, ledger)
    if config.github is not None:
        api = GithubApi(config.github, NOTIFY_TIMEOUT_SECONDS)
        issues = build_issues(report, options)
        quiet = quiet_records(report, issues)
        deliveries += sync_issues(issues, quiet, api, time.sleep, ledger, report.today)
    for delivery in deliveries:
        click.echo(f"notify: {delivery.describe()}", err=True)
    told = {m.team for m in messages}
    for team in sorted({r.team for r in report.records} - told):
        click.echo(f"notify: {team}: nothing to do, no message", err=True)
        # Its work is done: should the same work come back, it is news again.
        forget_team(ledger, team)
    _echo_unrouted(report)
    return any(not d.ok for d in deliveries)


def _echo_unrouted(report: ReviewReport) -> None:
    for path in report.unloaded:
        click.echo(
            f"notify: {path}: failed to load, so its owner cannot be told; "
            f"run `intreg validate {path}`",
            err=True,
        )
