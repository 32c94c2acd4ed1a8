"""Records for the check tests: the minimal case record, changed one section at a time."""

from __future__ import annotations

import datetime as dt

from intreg.records.facts import RecordFacts
from intreg.records.loader import load_record
from tests.helpers import case_text, with_id

MINIMAL = case_text("minimal")
D = dt.date
# Where the minimal record's fields sit (line:col), for whole-finding assertions.
REVIEW_LINE = "registry/minimal.yaml:43:18"


def change(text: str, old: str, new: str) -> str:
    """`text` with its only `old` replaced by `new`."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def reviewed(last: str, cadence: str = "quarterly", text: str = MINIMAL) -> str:
    """The record reviewed on `last` with `cadence`."""
    return change(
        text,
        "  last_reviewed: 2026-10-01\n  cadence: quarterly\n",
        f"  last_reviewed: {last}\n  cadence: {cadence}\n",
    )


def named(record_id: str, team: str = "payments", text: str = MINIMAL) -> str:
    """The record with its own id, owned by `team` (contact `team@example.com`)."""
    text = with_id(text, record_id)
    return change(
        text,
        "  team: payments\n  contact: payments@example.com\n",
        f"  team: {team}\n  contact: {team}@example.com\n",
    )


def with_writer(text: str = MINIMAL) -> str:
    """The record with a technical writer named in owner.roles."""
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  contact: ")) + 1
    return "".join([*lines[:at], "  roles:\n    technical_writer: T. Writer\n", *lines[at:]])


def loaded(text: str = MINIMAL, record_id: str | None = None) -> RecordFacts:
    """The facts of `text` loaded as registry/<id>.yaml; fails the test if it does not load."""
    record_id = record_id or next(line[4:] for line in text.splitlines() if line.startswith("id: "))
    result = load_record(text.encode("utf-8"), f"registry/{record_id}.yaml", record_id)
    assert result.facts is not None, result.findings
    return result.facts
