"""An iCalendar (RFC 5545) file: all-day events for each record's next review, its API version's
sunset and its credentials' next rotations, and a recurring event for each maintenance task of
a system, on the last day of each of its periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from intreg.records.cadence import next_due
from intreg.records.facts import RecordFacts
from intreg.records.findings import Finding
from intreg.records.secrets import quoted
from intreg.records.task_schedule import first_due
from intreg.reviews.checker import ReviewReport
from intreg.reviews.review import ReviewStatus
from intreg.reviews.tasks import TaskDue

PRODID = "-//intreg//integration reviews//EN"
_REPEATED = {"review-overdue", "review-due-soon"}
MAX_OCTETS = 75  # RFC 5545 section 3.1: fold content lines longer than 75 octets
# A task is due on the last day of each period of its cadence (records.task_schedule); these
# rules repeat exactly those days (RFC 5545 section 3.3.10; BYMONTHDAY=-1 is a month's last day).
TASK_RULES = {
    "daily": "FREQ=DAILY",
    "weekly": "FREQ=WEEKLY;BYDAY=SU",
    "monthly": "FREQ=MONTHLY;BYMONTHDAY=-1",
    "quarterly": "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1",
    "annual": "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31",
}


def event_uid(record_id: str) -> str:
    """The event's UID: stable, so a calendar updates the event instead of adding another."""
    return f"review-{record_id}@intreg"


def escape_text(text: str) -> str:
    """A TEXT value escaped as RFC 5545 section 3.3.11 requires."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """`line` with CRLF, folded into lines of at most 75 octets without splitting a character."""
    parts, current, size = [], "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > MAX_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += octets
    parts.append(current)
    return "\r\n".join(parts) + "\r\n"


@dataclass(frozen=True)
class Event:
    """One all-day event; `uid` stays the same from run to run."""

    uid: str
    day: dt.date
    summary: str
    description: str
    rule: str | None = None  # RRULE: the event repeats from `day`


def render_ics(report: ReviewReport, name: str = "intreg reviews") -> str:
    """The calendar: a VEVENT per review, sunset and dated rotation, stamped with `today`."""
    stamp = report.today.strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in calendar_events(report):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event.day.strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(event.summary)}",
            f"DESCRIPTION:{escape_text(event.description)}",
            *([f"RRULE:{event.rule}"] if event.rule else []),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) for line in lines)


def calendar_events(report: ReviewReport) -> list[Event]:
    """Each record's review, then its sunset and rotations, by record id."""
    facts = {r.path: r for r in report.records}
    events = []
    for s in sorted(report.reviews, key=lambda s: (s.record_id, s.path)):
        # The event itself is the review, so the review findings would only repeat it.
        found = [f for f in report.findings if f.path == s.path and f.code not in _REPEATED]
        summary = f"Review {s.name} ({s.record_id})"
        events.append(Event(event_uid(s.record_id), s.next_due, summary, _description(s, found)))
        events += _sunset_and_rotations(facts[s.path])
    events += [_task_event(t, report.today) for t in report.tasks]
    return events


_UNITS = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter"}
_UNITS["annual"] = "year"


def _task_event(t: TaskDue, today: dt.date) -> Event:
    """A task as one event repeating on each due day, from the first of this year: its UID
    and start change only with the year, so calendars keep one series per task."""
    return Event(
        f"task-{t.system_id}-{t.index}@intreg",
        first_due(t.cadence, today.year),
        f"{t.task} ({t.system_name}, {t.cadence})",
        f"Owner: {t.team} ({t.contact})\nRecord: {t.path}:{t.line}\nWho: {t.who}\n"
        f"Due by the end of each {_UNITS[t.cadence]}.",
        TASK_RULES[t.cadence],
    )


def _sunset_and_rotations(r: RecordFacts) -> Iterator[Event]:
    owner = f"Owner: {r.team} ({r.contact})\nRecord: {r.path}"
    if r.sunset_on is not None:
        yield Event(
            f"sunset-{r.id}@intreg",
            r.sunset_on,
            f"Sunset of {r.name} API {r.api_version} ({r.id})",
            f"{owner}\nAPI version {r.api_version} stops working on {r.sunset_on}. Move to a "
            "supported version, then update api.version and versioning."
            + (f"\nChangelog: {r.changelog_url}" if r.changelog_url else ""),
        )
    for index, c in enumerate(r.credentials):
        if c.rotation is None or c.last_rotated is None:
            continue
        # The index, not the variable's name, in the UID: a key pasted as the name must not
        # reach the calendar (the summary shows only its start, as the findings do).
        due = next_due(c.last_rotated, c.rotation)
        yield Event(
            f"rotation-{r.id}-{index}@intreg",
            due,
            f"Rotate {quoted(c.env_var)} for {r.name} ({r.id})",
            f"{owner}\nLast rotated {c.last_rotated}, every {c.rotation}, due {due}. Rotate the "
            "credential, then set last_rotated to the date you did.",
        )


def _description(s: ReviewStatus, found: Sequence[Finding]) -> str:
    lines = [
        f"Owner: {s.team} ({s.contact})",
        f"Record: {s.path}",
        f"Last reviewed {s.last_reviewed}, cadence {s.cadence}, due {s.next_due}.",
        "Check the record against the provider's documentation, "
        "then set review.last_reviewed to the date of the review.",
    ]
    if found:
        lines.append("Also to do:")
        lines += [f"- {f.severity}: {f.message} [{f.code}]" for f in found]
    return "\n".join(lines)
