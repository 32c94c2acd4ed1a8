"""What was sent, to whom and when: a state file that keeps a run from nagging twice.

Each entry is keyed by team and channel and holds the digest of the message's actionable items
and the day it was sent. Every successful delivery is written to the file at once (atomically),
before the next one is tried, so a run that crashes half-way loses no reminder and repeats none.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from intreg.records.errors import IntregError
from intreg.records.files import replace_atomically

FORMAT = 1
DEFAULT_REMIND_EVERY_DAYS = 7
STATE_FILE = "reminders.json"


@dataclass(frozen=True)
class Sent:
    """One remembered delivery: the digest of what was sent, and the day."""

    digest: str
    on: dt.date


@dataclass
class Ledger:
    """The deliveries remembered in `path` (None: remember nothing, as in a dry run)."""

    path: Path | None
    today: dt.date
    remind_every: int = DEFAULT_REMIND_EVERY_DAYS
    force: bool = False
    sent: dict[str, Sent] = field(default_factory=dict)

    def skip_reason(self, team: str, channel: str, digest: str) -> str | None:
        """Why the message need not be sent again, or None when it must be sent."""
        last = self.sent.get(_key(team, channel))
        if self.force or last is None or last.digest != digest:
            return None
        again = last.on + dt.timedelta(days=self.remind_every)
        if self.today >= again:
            return None
        return f"not sent: unchanged since {last.on}; reminding again from {again} (or --force)"

    def record(self, team: str, channel: str, digest: str) -> None:
        """Remember a delivery made today, and write the file now."""
        self.sent[_key(team, channel)] = Sent(digest, self.today)
        self._write()

    def forget(self, team: str, channel: str) -> None:
        """Forget a team's channel (its work is done), writing the file when it changes."""
        if self.sent.pop(_key(team, channel), None) is not None:
            self._write()

    def forget_channels(self, team: str, prefixes: tuple[str, ...]) -> None:
        """Forget the team's channels whose key starts with one of `prefixes`."""
        keys = [k for k in self.sent if k.startswith(tuple(_key(team, p) for p in prefixes))]
        for key in keys:
            del self.sent[key]
        if keys:
            self._write()

    def _write(self) -> None:
        if self.path is None:
            return
        entries = {
            key: {"digest": s.digest, "sent_on": s.on.isoformat()}
            for key, s in sorted(self.sent.items())
        }
        data = {"format": FORMAT, "sent": entries}
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        replace_atomically(self.path, text.encode("utf-8"))


def load_ledger(
    path: Path, today: dt.date, remind_every: int = DEFAULT_REMIND_EVERY_DAYS, force: bool = False
) -> Ledger:
    """The ledger kept in `path` (empty without a file); IntregError when it cannot be read."""
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        data = {"format": FORMAT, "sent": {}}
    except (OSError, ValueError) as exc:
        raise IntregError(
            f"{path}: cannot read the reminders state ({exc}); fix or delete it (the next run "
            "then sends every reminder again)"
        ) from exc
    return Ledger(path, today, remind_every, force, _entries(path, data))


def _entries(path: Path, data: Any) -> dict[str, Sent]:
    try:
        if data["format"] != FORMAT:
            raise ValueError(f"format {data['format']!r}, expected {FORMAT}")
        return {
            str(key): Sent(str(value["digest"]), dt.date.fromisoformat(value["sent_on"]))
            for key, value in data["sent"].items()
        }
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise IntregError(
            f"{path}: not a reminders state file ({type(exc).__name__}: {exc}); fix or delete it "
            "(the next run then sends every reminder again)"
        ) from exc


def _key(team: str, channel: str) -> str:
    return f"{team} {channel}"
