"""The `intreg` command group: error handling and exit codes shared by every command."""

from __future__ import annotations

import importlib
import io
import os
import sys
import traceback
from typing import Any

import click

from intreg.cli.terminal import COLOR_CHOICES, color_setting
from intreg.records.errors import IntregError
from intreg.records.printable import printable

EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 1, 2, 3


# Each command's module is imported only when that command runs (or help lists it), so a
# quick command such as a warm `intreg validate` does not pay for importing every generator.
COMMANDS = {
    "init": "intreg.cli.init:init_command",
    "validate": "intreg.cli.validate:validate_command",
    "new": "intreg.cli.new:new_command",
    "generate": "intreg.cli.generate:generate_command",
    "serve": "intreg.cli.serve:serve_command",
    "schema": "intreg.cli.schema:schema_command",
    "reviews": "intreg.cli.reviews:reviews_command",
    "import": "intreg.cli.import_spec:import_group",
    "drift": "intreg.cli.drift:drift_command",
    "export": "intreg.cli.export:export_group",
    "completion": "intreg.cli.completion:completion_command",
    "mock": "intreg.cli.mock:mock_command",
    "contract": "intreg.cli.contract:contract_command",
}


def _escape_undecodable_names() -> None:
    """A file name that is not UTF-8 reaches paths and messages as lone surrogates (as
    os.fsdecode keeps its bytes); printed as escapes (`\\udcff`, also valid inside a JSON
    string), never an error: a terminal in a UTF-8 locale would refuse them otherwise."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


class _Group(click.Group):
    """Maps IntregError to exit 2 and unexpected exceptions to exit 3, never a raw traceback.

    Commands load lazily from COMMANDS, as MkDocs's command line does.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return self.commands.get(cmd_name)
        module, attribute = COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command) and command.name == cmd_name
        self.commands[cmd_name] = command
        return command

    def invoke(self, ctx: click.Context) -> Any:
        _escape_undecodable_names()
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except IntregError as exc:
            click.echo(f"intreg: error: {printable(str(exc))}", err=True)
            ctx.exit(EXIT_USAGE)
        except OSError as exc:  # the environment, not a bug: a read-only or full disk, say
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"intreg: error: {printable(where + (exc.strerror or str(exc)))}", err=True)
            ctx.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("intreg: interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo(
                f"intreg: internal error: {type(exc).__name__}: {printable(str(exc))} "
                "(run with --debug for the traceback, and report it)",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.option(
    "--color",
    type=click.Choice(COLOR_CHOICES),
    default="auto",
    show_default=True,
    help="Colour reports: auto colours only in a terminal, and not when NO_COLOR is set.",
)
@click.version_option(package_name="intreg", prog_name="intreg")
@click.pass_context
def main(ctx: click.Context, debug: bool, color: str) -> None:
    """intreg: a documentation-as-code registry of third-party API integrations.

    Each integration is one YAML record in registry/. Start with `intreg new ID`, check with
    `intreg validate`. Every command explains itself: `intreg COMMAND --help`.

    \b
    Common tasks:
      intreg new razorpay                  # scaffold registry/razorpay.yaml
      intreg validate                      # check every record (exit 1 on errors)
      intreg generate                      # OpenAPI stubs, .env templates, site pages
      intreg reviews --within 14           # what is overdue or due soon
      intreg export backstage              # Backstage catalog entities
      eval "$(intreg completion bash)"     # tab completion
    """
    ctx.obj = {"debug": debug}
    ctx.color = color_setting(color, os.environ)
