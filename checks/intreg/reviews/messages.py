"""One reminder per owner team: what the team must do, as plain text for Slack or email."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from intreg.records.facts import RecordFacts
from intreg.records.findings import Finding, Severity
from intreg.reviews.checker import ReviewReport


@dataclass(frozen=True)
class TeamMessage:
    """A reminder for one team: its recipients (the owners' contacts), subject and text."""

    team: str
    recipients: tuple[str, ...]
    subject: str
    text: str


def build_messages(report: ReviewReport) -> list[TeamMessage]:
    """One message per team with findings, sorted by team; teams with nothing to do get none."""
    by_path = {r.path: r for r in report.records}
    teams: dict[str, list[RecordFacts]] = defaultdict(list)
    for r in report.records:
        teams[r.team].append(r)
    findings: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        if f.path in by_path:
            findings[f.path].append(f)
    messages = []
    for team in sorted(teams):
        records = sorted(teams[team], key=lambda r: (r.id, r.path))
        todo = [(r, findings[r.path]) for r in records if findings[r.path]]
        if todo:
            messages.append(_team_message(team, todo, report))
    return messages


def _team_message(
    team: str, todo: Sequence[tuple[RecordFacts, list[Finding]]], report: ReviewReport
) -> TeamMessage:
    every = [f for _, found in todo for f in found]
    overdue = sum(1 for f in every if f.severity >= Severity.ERROR)
    to_plan = len(every) - overdue
    subject = f"intreg reviews for {team}: {overdue} overdue, {to_plan} to plan"
    lines = [f"{subject} (as of {report.today})"]
    for r, found in todo:
        lines += ["", f"{r.id}: {r.name} ({r.path})"]
        for f in found:
            field = f"{f.field}: " if f.field else ""
            lines.append(f"- {f.line}:{f.col}: {f.severity}: {field}{f.message} [{f.code}]")
            if f.hint:
                lines.append(f"  hint: {f.hint}")
    contacts = tuple(sorted({r.contact for r, _ in todo}))
    return TeamMessage(team, contacts, subject, "\n".join(lines) + "\n")


def render_dry_run(messages: Sequence[TeamMessage]) -> str:
    """The messages as they would be sent, each headed by its recipients and subject."""
    blocks = [f"To: {', '.join(m.recipients)}\nSubject: {m.subject}\n\n{m.text}" for m in messages]
    return "\n".join(blocks)
