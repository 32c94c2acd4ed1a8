"""`intreg init`: wiring of options to the project creator."""

from __future__ import annotations

from pathlib import Path

import click

from intreg.scaffold.init import init_project


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="Site name; default: '<folder name> integrations'.")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def init_command(directory: Path, name: str | None, force: bool) -> None:
    """Create a new registry project in DIRECTORY (created if missing).

    Writes registry/ with an example record, mkdocs.yml, docs/ (home, writers' guide), the JSON
    Schema for editors, a Makefile, a README, .gitignore, a pre-commit config and a CI workflow.
    Refuses to overwrite existing files unless --force.

    \b
    Example:
      intreg init payments-registry && cd payments-registry && make site
    """
    written = init_project(directory, name, force)
    click.echo(f"created {len(written)} files in {directory}", err=True)
    click.echo(f"next: cd {directory} && make site   (or: intreg new ID)", err=True)
