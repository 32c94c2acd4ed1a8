"""Render a review report as a text table, JSON, or Markdown for a wiki or an issue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from intreg.records.findings import Severity
from intreg.records.json_text import dumps_indented
from intreg.reviews.checker import ReviewReport
from intreg.reviews.review import ReviewStatus, Status, count_days, in_days

TABLE_HEADER = ("id", "owner", "last reviewed", "next due", "status")
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
    """An aligned table of reviews, overdue first; `no records` when there are none."""
    if not report.reviews:
        return "no records\n"
    rows = [TABLE_HEADER, *(_cells(s) for s in report.reviews)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(TABLE_HEADER))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    return "".join(line.rstrip() + "\n" for line in lines)


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
    """An object with `today`, `within`, `reviews` and `findings`."""
    data = {
        "today": report.today.isoformat(),
        "within": report.within,
        "reviews": [review_row(s) for s in report.reviews],
        "findings": [f.as_dict() for f in report.findings],
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
