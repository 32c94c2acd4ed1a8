"""`intreg completion`: print the shell completion script (click's own) for bash, zsh or fish."""

from __future__ import annotations

import click
from click.shell_completion import get_completion_class

COMPLETE_VAR = "_INTREG_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


@click.command("completion", short_help="Print the shell completion script.")
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion_command(ctx: click.Context, shell: str) -> None:
    """Print the completion script for SHELL; load it from your shell's start-up file.

    The script asks intreg itself for completions, so it stays current as commands change.

    \b
    Example:
      eval "$(intreg completion bash)"     # in ~/.bashrc (bash 4.4 or newer)
      eval "$(intreg completion zsh)"      # in ~/.zshrc
      intreg completion fish > ~/.config/fish/completions/intreg.fish
    """
    completer = get_completion_class(shell)
    if completer is None:  # pragma: no cover - click ships all three SHELLS
        raise click.UsageError(f"click has no completion for {shell}")
    root = ctx.find_root()
    script = completer(root.command, {}, "intreg", COMPLETE_VAR).source()
    click.echo(script)
