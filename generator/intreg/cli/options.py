"""Options several commands share: --root, --today and --no-cache."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from intreg.records.cache import ResultCache, cache_folder
from intreg.records.project import Project

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


NO_CACHE_OPTION = click.option(
    "--no-cache",
    is_flag=True,
    help="Load every record afresh, ignoring and not updating the cache in .intreg-cache/ "
    "(or $INTREG_CACHE_DIR).",
)


def open_cache(project: Project | None, no_cache: bool) -> ResultCache | None:
    """The project's result cache, or None with --no-cache or outside a project."""
    if no_cache or project is None:
        return None
    return ResultCache(cache_folder(project.root, os.environ))
