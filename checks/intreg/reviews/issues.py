"""One tracker issue per integration with work to do: its title, body and digest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from intreg.reviews.checker import ReviewReport
from intreg.reviews.messages import SECTIONS, MessageOptions, fold_items, item_lines
from intreg.reviews.todo import Item, Kind, digest, team_items


@dataclass(frozen=True)
class RecordIssue:
    """The issue for one record: `title` ends with its marker, which finds it again."""

    record_id: str
    team: str
    title: str
    body: str
    digest: str


def issue_marker(record_id: str) -> str:
    """`[intreg:stripe]`, the end of the issue's title."""
    return f"[intreg:{record_id}]"


def build_issues(report: ReviewReport, options: MessageOptions | None = None) -> list[RecordIssue]:
    """An issue for each record with something actionable, sorted by record id."""
    options = options or MessageOptions()
    by_record: dict[str, list[Item]] = {}
    for items in team_items(report, options.min_severity).values():
        for item in items:
            by_record.setdefault(item.record.id, []).append(item)
    return [
        _issue(record_id, items, report, options)
        for record_id, items in sorted(by_record.items())
        if any(i.actionable for i in items)
    ]


def quiet_records(report: ReviewReport, issues: Sequence[RecordIssue]) -> list[tuple[str, str]]:
    """The checked records (id, team) with nothing actionable: their open issues can close."""
    busy = {i.record_id for i in issues}
    return sorted({(r.id, r.team) for r in report.records if r.id not in busy})


def _issue(
    record_id: str, items: list[Item], report: ReviewReport, options: MessageOptions
) -> RecordIssue:
    record = items[0].record
    overdue = sum(1 for i in items if i.kind is Kind.OVERDUE)
    to_plan = sum(1 for i in items if i.actionable) - overdue
    title = f"{record.name}: {overdue} overdue, {to_plan} to plan {issue_marker(record_id)}"
    lines = [
        f"What `intreg reviews` found for `{record_id}` (team {record.team}) on {report.today}.",
        "Fix it in the record; the issue closes itself once nothing is due.",
    ]
    for kind, heading in SECTIONS.items():
        section = [i for i in items if i.kind is kind]
        if not section:
            continue
        lines += ["", f"**{heading}**", ""]
        if kind is Kind.NOTED and not options.verbose:
            lines += fold_items(section)
            continue
        for item in section:
            # No chat handles: `@name` would mention whoever has that name on the tracker.
            lines += item_lines(item, options.links, chat=False)
    body = "\n".join(lines) + "\n"
    return RecordIssue(record_id, record.team, title, body, digest(items))
