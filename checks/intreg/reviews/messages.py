"""One reminder per owner team: what the team must do, as a plain-text to-do list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from intreg.records.facts import PersonFacts
from intreg.records.findings import Severity
from intreg.reviews.checker import ReviewReport
from intreg.reviews.links import Links
from intreg.reviews.review import count_days
from intreg.reviews.todo import ESCALATION_ROLE, Item, Kind, digest, team_items

SECTIONS = {
    Kind.OVERDUE: "OVERDUE",
    Kind.DUE_SOON: "DUE SOON",
    Kind.TO_DO: "TO DO",
    Kind.NOTED: "ALSO NOTED",
}


@dataclass(frozen=True)
class TeamMessage:
    """A reminder for one team: its recipients, subject and text; `digest` identifies the
    actionable items and recipients, `work` the items alone, so that an unchanged reminder is
    not sent again (email is remembered per address, by `work`)."""

    team: str
    recipients: tuple[str, ...]
    subject: str
    text: str
    digest: str = ""
    work: str = ""  # the digest of the actionable items alone, without the recipients


@dataclass(frozen=True)
class MessageOptions:
    """How reminders are written: links, the lowest severity shown, notes folded or listed."""

    links: Links = field(default_factory=Links)
    min_severity: Severity = Severity.INFO
    verbose: bool = False


def build_messages(
    report: ReviewReport, options: MessageOptions | None = None
) -> list[TeamMessage]:
    """One message per team with something actionable, sorted by team."""
    options = options or MessageOptions()
    messages = []
    for team, items in team_items(report, options.min_severity).items():
        if any(i.actionable for i in items):
            messages.append(_team_message(team, items, report, options))
    return messages


def _team_message(
    team: str, items: Sequence[Item], report: ReviewReport, options: MessageOptions
) -> TeamMessage:
    overdue = sum(1 for i in items if i.kind is Kind.OVERDUE)
    to_plan = sum(1 for i in items if i.actionable) - overdue
    subject = f"intreg reviews for {team}: {overdue} overdue, {to_plan} to plan"
    escalated = sum(1 for i in items if i.escalated)
    if escalated:
        subject += f", {escalated} escalated"
    lines = [f"{subject} (as of {report.today})"]
    for kind, title in SECTIONS.items():
        section = [i for i in items if i.kind is kind]
        if not section:
            continue
        if kind is Kind.NOTED and not options.verbose:
            lines += ["", f"{title} (not urgent; --verbose lists each)"]
            lines += fold_items(section)
            continue
        lines += ["", f"{title} ({len(section)})"]
        for item in section:
            lines += item_lines(item, options.links)
    recipients = message_recipients(items)
    text = "\n".join(lines) + "\n"
    return TeamMessage(team, recipients, subject, text, digest(items, recipients), digest(items))


def message_recipients(items: Sequence[Item]) -> tuple[str, ...]:
    """The team addresses and the people told of the actionable items, sorted, each once."""
    actionable = [i for i in items if i.actionable]
    teams = {i.record.contact for i in actionable}
    people = {p.email for i in actionable for p in i.people if p.email is not None}
    return tuple(sorted(teams | people))


def item_lines(item: Item, links: Links, chat: bool = True) -> list[str]:
    """An item: what is wrong, what to do, who, where, and links to the page, record and
    changelog."""
    r, f = item.record, item.finding
    lines = [f"- {r.id} ({r.name}): {_indent(f.message)}"]
    if item.escalated:
        lines.append(f"  escalated: {escalation_note(item, chat)}")
    if f.hint:
        lines.append(f"  to do: {_indent(f.hint)}")
    if item.responsible is not None:
        lines.append(f"  who: {describe_person(item.responsible, chat)}")
    where = f"{f.location} {f.field}" if f.field else f.location
    lines.append(f"  where: {where} [{f.code}]")
    lines += [f"  {name}: {url}" for name, url in item_links(item, links)]
    return lines


def item_links(item: Item, links: Links) -> list[tuple[str, str]]:
    """The item's page, record and changelog links that are known."""
    r = item.record
    found = [
        ("page", links.page(r.id)),
        ("record", links.record(r.path, item.finding.line)),
        ("changelog", r.changelog_url),
    ]
    return [(name, url) for name, url in found if url is not None]


def describe_person(person: PersonFacts, chat: bool = True) -> str:
    """`Jane Doe @jane (technical writer)`; without the handle unless `chat`."""
    handle = f" {person.chat}" if chat and person.chat else ""
    return f"{person.name}{handle} ({person.role.replace('_', ' ')})"


def escalation_note(item: Item, chat: bool = True) -> str:
    """`overdue 38 days (more than 14), so P. Manager (project manager) is told too`."""
    days = count_days(item.overdue_days or 0)
    head = f"overdue {days} (more than {item.escalate_after})"
    manager = item.record.holder(ESCALATION_ROLE)
    if manager is None:
        return f"{head}, but owner.roles names no project_manager to tell"
    if manager.email is None:
        return f"{head}; owner.roles gives no email for {manager.name} (project manager)"
    return f"{head}, so {describe_person(manager, chat)} is told too"


def fold_items(items: Sequence[Item]) -> list[str]:
    """One line per finding code: how many, and in which records."""
    counts = Counter(i.finding.code for i in items)
    lines = []
    for code in sorted(counts):
        ids = sorted({i.record.id for i in items if i.finding.code == code})
        lines.append(f"- {code}: {counts[code]} in {', '.join(ids)}")
    return lines


def _indent(text: str) -> str:
    return text.replace("\n", "\n    ")


def render_dry_run(messages: Sequence[TeamMessage]) -> str:
    """The messages as they would be sent, each headed by its recipients and subject."""
    blocks = [f"To: {', '.join(m.recipients)}\nSubject: {m.subject}\n\n{m.text}" for m in messages]
    return "\n".join(blocks)
