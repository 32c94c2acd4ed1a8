"""What the command line does for a person at a terminal: colour and progress bars.

Neither ever reaches machine-readable output: colour only styles the text report, and
progress bars draw on standard error only when it is a terminal.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TextIO

import click

COLOR_CHOICES = ("auto", "always", "never")
PROGRESS_THRESHOLD = 1000  # records; smaller runs finish before a bar would help


def color_setting(choice: str, environ: Mapping[str, str]) -> bool | None:
    """click's colour setting for `--color CHOICE`: None lets click decide (colour on a TTY).

    `auto` honours NO_COLOR (https://no-color.org/): set and not empty turns colour off.
    """
    if choice == "always":
        return True
    if choice == "never" or environ.get("NO_COLOR"):
        return False
    return None


def wants_color(ctx: click.Context, stream: TextIO) -> bool:
    """True when output written to `stream` should be styled."""
    return ctx.color if ctx.color is not None else _isatty(stream)


@contextlib.contextmanager
def progress_bar(label: str, stream: TextIO, enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """A `(done, total)` callback that draws a bar on `stream` once total reaches 1,000.

    Draws nothing unless `enabled` and `stream` is a terminal; redraws at most about a
    hundred times; the bar is closed on exit.
    """
    with contextlib.ExitStack() as stack:
        bars: list[Any] = []
        shown = [0]

        def update(done: int, total: int) -> None:
            if not enabled or total < PROGRESS_THRESHOLD or not _isatty(stream):
                return
            if not bars:
                bar = click.progressbar(length=total, label=label, file=stream, show_pos=True)
                bars.append(stack.enter_context(bar))
            if done == total or done - shown[0] >= total // 100:
                bars[0].update(done - shown[0])
                shown[0] = done

        yield update


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream is no terminal
        return False
