"""Status badges and deprecation notices: our own HTML and admonitions, with dates only."""

from __future__ import annotations

import datetime as dt

from intreg.outputs.markdown import Safe, text
from intreg.records.cadence import ReviewState

NEAR_SUNSET_DAYS = 90
_LABELS = {ReviewState.OVERDUE: "overdue", ReviewState.DUE_SOON: "due soon", ReviewState.OK: "ok"}


def review_badge(state: ReviewState) -> Safe:
    """An inline badge for a review state, styled by stylesheets/intreg.css."""
    return Safe(f'<span class="intreg-badge intreg-{state.value}">{_LABELS[state]}</span>')


def sunset_notice(sunset: dt.date | None, version: str, today: dt.date) -> Safe:
    """An admonition when the version in use has passed or nears its sunset date."""
    if sunset is None:
        return Safe("")
    days = (sunset - today).days
    if days < 0:
        kind, title = "danger", f"Version {text(version)} reached its sunset on {sunset}"
    elif days <= NEAR_SUNSET_DAYS:
        kind, title = "warning", f"Version {text(version)} sunsets on {sunset}, in {days} days"
    else:
        kind, title = "note", f"Version {text(version)} sunsets on {sunset}"
    return Safe(f'!!! {kind} "{title.replace(chr(34), "&#34;")}"\n    Plan the upgrade below.\n')
