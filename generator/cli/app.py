"""The `intreg` command group: error handling and exit codes shared by every command."""

from __future__ import annotations

import os
import traceback
from typing import Any

import click

from generator.cli.terminal import COLOR_CHOICES, color_setting
from schemas.errors import IntregError

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
