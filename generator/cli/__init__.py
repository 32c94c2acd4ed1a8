"""The `intreg` command line: parse options, call the core, report, return an exit code.

The only package that imports both generator and checks. One module per command.
Exit codes: 0 clean; 1 findings (or stale files with --check, or overdue reviews);
2 usage or I/O error; 3 internal error (the traceback is shown with --debug);
4 a review notification could not be sent.
"""

from __future__ import annotations

from generator.cli import generate, new, reviews, schema, serve, validate
from generator.cli.app import main
from generator.cli.completion import completion_command
from generator.cli.contract import contract_command
from generator.cli.drift import drift_command
from generator.cli.export import export_group
from generator.cli.import_spec import import_group
from generator.cli.init import init_command
from generator.cli.mock import mock_command

for _command in (
    init_command,
    validate.validate_command,
    new.new_command,
    generate.generate_command,
    serve.serve_command,
    schema.schema_command,
    reviews.reviews_command,
    import_group,
    drift_command,
    export_group,
    completion_command,
    mock_command,
    contract_command,
):
    main.add_command(_command)

__all__ = ["main"]
