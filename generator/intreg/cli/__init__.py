"""The `intreg` command line: parse options, call the core, report, return an exit code.

The only package that imports both generator and checks. One module per command, listed in
app.COMMANDS and imported when used.
Exit codes: 0 clean; 1 findings (or stale files with --check, or overdue reviews);
2 usage or I/O error; 3 internal error (the traceback is shown with --debug);
4 a review notification could not be sent.
"""

from __future__ import annotations

from intreg.cli.app import main

__all__ = ["main"]
