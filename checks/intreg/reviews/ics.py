"""An iCalendar (RFC 5545) file with one all-day event per record's next review."""

from __future__ import annotations

from collections.abc import Sequence

from intreg.records.findings import Finding
from intreg.reviews.checker import ReviewReport
from intreg.reviews.review import ReviewStatus

PRODID = "-//intreg//integration reviews//EN"
_REPEATED = {"review-overdue", "review-due-soon"}
MAX_OCTETS = 75  # RFC 5545 section 3.1: fold content lines longer than 75 octets


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


def render_ics(report: ReviewReport, name: str = "intreg reviews") -> str:
    """The calendar: one VEVENT per review, dated its next due day, stamped with `today`."""
    stamp = report.today.strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for s in sorted(report.reviews, key=lambda s: (s.record_id, s.path)):
        # The event itself is the review, so the review findings would only repeat it.
        found = [f for f in report.findings if f.path == s.path and f.code not in _REPEATED]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event_uid(s.record_id)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{s.next_due.strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(f'Review {s.name} ({s.record_id})')}",
            f"DESCRIPTION:{escape_text(_description(s, found))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) for line in lines)


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
