"""Render a review report as a text table, JSON, or Markdown for a wiki or an issue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from intreg.records.findings import Severity
from intreg.records.json_text import dumps_indented
from intreg.records.task_schedule import current_period
from intreg.reviews.checker import ReviewReport
from intreg.reviews.review import ReviewStatus, Status, count_days, in_days
from intreg.reviews.tasks import TaskDue

TABLE_HEADER = ("id", "owner", "last reviewed", "next due", "status")
TASK_HEADER = ("system", "cadence", "task", "who", "due")
# A Markdown cell is one line; `|` would end it, and HTML in a message must show as text.
_MARKDOWN_ESCAPES = (("\\", "\\\\"), ("|", "\\|"), ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))


def describe_status(s: ReviewStatus) -> str:
    """`overdue by 3 days`, `due today`, `due in 12 days` or `ok`."""
    if s.status is Status.OVERDUE:
        return f"overdue by {count_days(-s.days_until_due)}"
    if s.status is Status.DUE_SOON:
        return f"due {in_days(s.days_until_due)}"
    return "ok"


def _cells(s: ReviewStatus) -> tuple[str, ...]:
    return (s.record_id, s.team, str(s.last_reviewed), str(s.next_due), describe_status(s))


def render_table(report: ReviewReport) -> str:
    """An aligned table of reviews, overdue first (`no records` when there are none), then
    one of the maintenance tasks due, when any are."""
    reviews = _aligned([TABLE_HEADER, *(_cells(s) for s in report.reviews)])
    text = reviews if report.reviews else "no records\n"
    if report.tasks:
        text += "\nmaintenance tasks of the systems, soonest first:\n"
        text += _aligned([TASK_HEADER, *(_task_cells(t) for t in report.tasks)])
    return text


def _aligned(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    return "".join(line.rstrip() + "\n" for line in lines)


def _task_cells(t: TaskDue) -> tuple[str, ...]:
    return (t.system_id, t.cadence, _one_line(t.task), _one_line(t.who), f"{t.due} ({t.period})")


def task_row(t: TaskDue, today: dt.date) -> dict[str, Any]:
    """One due maintenance task as a flat JSON object."""
    return {
        "system": t.system_id,
        "name": t.system_name,
        "file": t.path,
        "line": t.line,
        "cadence": t.cadence,
        "task": t.task,
        "owner_role": t.owner_role,
        "person": t.person,
        "owner": t.team,
        "contact": t.contact,
        "period_starts": t.starts.isoformat(),
        "due": t.due.isoformat(),
        "days_until_due": (t.due - today).days,
    }


def summarise(report: ReviewReport) -> str:
    """`3 records: 1 overdue, 1 due soon, 1 ok; 2 errors, 1 warning, 0 info`, and load failures."""
    n = len(report.reviews)
    parts = [
        f"{n} record{'' if n == 1 else 's'}: {report.count(Status.OVERDUE)} overdue, "
        f"{report.count(Status.DUE_SOON)} due soon, {report.count(Status.OK)} ok"
    ]
    if report.unloaded:
        parts.append(f"{len(report.unloaded)} failed to load (run `intreg validate`)")
    errors = sum(1 for f in report.findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in report.findings if f.severity is Severity.WARNING)
    notes = sum(1 for f in report.findings if f.severity is Severity.INFO)
    parts.append(f"{_count(errors, 'error')}, {_count(warnings, 'warning')}, {notes} info")
    if report.tasks:
        week_end = current_period("weekly", report.today).due
        month_end = current_period("monthly", report.today).due
        week = sum(1 for t in report.tasks if t.due <= week_end)
        month = sum(1 for t in report.tasks if week_end < t.due <= month_end)
        later = len(report.tasks) - week - month
        parts.append(
            f"maintenance tasks: {week} due this week, {month} more this month, {later} later"
        )
    return "; ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def review_row(s: ReviewStatus) -> dict[str, Any]:
    """One review as a flat JSON object."""
    return {
        "id": s.record_id,
        "name": s.name,
        "file": s.path,
        "owner": s.team,
        "contact": s.contact,
        "last_reviewed": s.last_reviewed.isoformat(),
        "cadence": s.cadence,
        "next_due": s.next_due.isoformat(),
        "status": str(s.status),
        "days_until_due": s.days_until_due,
    }


def render_json(report: ReviewReport) -> str:
    """An object with `today`, `within`, `reviews`, `findings` and the maintenance `tasks` due."""
    data = {
        "today": report.today.isoformat(),
        "within": report.within,
        "reviews": [review_row(s) for s in report.reviews],
        "findings": [f.as_dict() for f in report.findings],
        "tasks": [task_row(t, report.today) for t in report.tasks],
    }
    return dumps_indented(data) + "\n"


def render_markdown(report: ReviewReport) -> str:
    """A Markdown page: a table of reviews, then a table of findings."""
    lines = [f"# Integration reviews on {report.today}", ""]
    lines += _markdown_table(
        ("Record", "Owner", "Last reviewed", "Next due", "Status"),
        [(f"{s.record_id} ({s.name})", *_cells(s)[1:]) for s in report.reviews],
        "No records.",
    )
    if report.tasks:
        lines += ["", "## Maintenance tasks of the systems", ""]
        lines += _markdown_table(
            ("System", "Cadence", "Task", "Who", "Due"),
            [
                (
                    f"{t.system_id} ({t.system_name})",
                    t.cadence,
                    t.task,
                    t.who,
                    f"{t.due} ({t.period})",
                )
                for t in report.tasks
            ],
            "None.",
        )
    lines += ["", "## Findings", ""]
    lines += _markdown_table(
        ("Where", "Severity", "Field", "Problem", "How to fix", "Code"),
        [
            (f.location, str(f.severity), f.field, f.message, f.hint, f.code)
            for f in report.findings
        ],
        "No findings.",
    )
    return "\n".join(lines) + "\n"


def _markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> list[str]:
    if not rows:
        return [empty]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in rows]
    return lines


def _markdown_cell(text: str) -> str:
    for raw, escaped in _MARKDOWN_ESCAPES:
        text = text.replace(raw, escaped)
    return " ".join(text.split())


def _one_line(text: str) -> str:
    """Record text on one line of the table (task text may span lines in YAML)."""
    return " ".join(text.split())
