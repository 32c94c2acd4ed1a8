"""Trouble the mock can rehearse: the record's rate limits and its documented errors.

Limits count fixed windows that open with the first request after the last window closed; a
request over any limit gets 429 with `Retry-After` (whole seconds until its window closes) and
is not counted. Scopes (per account, per endpoint, per number) are not told apart: the mock
serves one client, so every admitted request counts against every limit. The clock is
injectable, so tests step time instead of sleeping.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from intreg.records.model import Integration
from intreg.records.operations import Period, RateLimit

# A month is taken as 30 days: providers that count per calendar month reset on the 1st, which
# a mock started mid-month cannot know.
PERIOD_SECONDS = {
    Period.SECOND: 1,
    Period.MINUTE: 60,
    Period.HOUR: 3600,
    Period.DAY: 86400,
    Period.MONTH: 30 * 86400,
}
_WINDOW = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?")


@dataclass(frozen=True)
class Limit:
    """At most `requests` per window of `seconds`, as the record states it."""

    requests: int
    seconds: float
    scope: str

    def describe(self) -> str:
        """E.g. `25 per second (per account)` or `100 per 900 s (per user)`."""
        names = {float(s): str(p) for p, s in PERIOD_SECONDS.items()}
        window = names.get(self.seconds, f"{self.seconds:g} s")
        return f"{self.requests} per {window} ({self.scope})"


@dataclass(frozen=True)
class DocumentedError:
    """An entry of the record's `errors` with an HTTP status, servable on request."""

    status: int
    code: str | None
    meaning: str


@dataclass(frozen=True)
class Refusal:
    """Why a request is over a limit, and when to come back (whole seconds, at least 1)."""

    limit: Limit
    retry_after: int

    @property
    def problem(self) -> str:
        """The reason, for the X-Intreg-Mock-Problem header."""
        return f"rate limit {self.limit.describe()} exceeded; retry after {self.retry_after} s"


@dataclass
class _Window:
    start: float
    count: int = 0


class RateLimiter:
    """Admits requests while every limit has room in its current window (thread-safe)."""

    def __init__(
        self, limits: Sequence[Limit], clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = tuple(limits)
        self._clock = clock
        self._windows: list[_Window | None] = [None] * len(self.limits)
        self._lock = threading.Lock()

    def admit(self) -> Refusal | None:
        """None when the request is admitted (and counted), else the limit it would break."""
        with self._lock:
            now = self._clock()
            windows = [self._current(i, now) for i in range(len(self.limits))]
            for limit, window in zip(self.limits, windows, strict=True):
                if window.count >= limit.requests:
                    wait = math.ceil(window.start + limit.seconds - now)
                    return Refusal(limit, max(1, wait))
            for window in windows:
                window.count += 1
            return None

    def _current(self, index: int, now: float) -> _Window:
        window = self._windows[index]
        if window is None or now >= window.start + self.limits[index].seconds:
            window = self._windows[index] = _Window(now)
        return window


@dataclass(frozen=True)
class Simulation:
    """What the mock rehearses beyond the stub: limits to enforce and errors to serve."""

    limits: tuple[Limit, ...] = ()
    errors: tuple[DocumentedError, ...] = ()
    clock: Callable[[], float] = field(default=time.monotonic, compare=False)

    def error_for(self, status: int) -> DocumentedError | None:
        """The first documented error with `status`, or None."""
        return next((e for e in self.errors if e.status == status), None)


def simulation_of(record: Integration, enforce_limits: bool = True) -> Simulation:
    """The record's rate limits (unless `enforce_limits` is false) and documented errors."""
    limits = [limit for r in record.rate_limits if (limit := _limit(r)) is not None]
    errors = [
        DocumentedError(e.status, e.code, " ".join(e.meaning.split()))
        for e in record.errors
        if e.status is not None
    ]
    return Simulation(tuple(limits) if enforce_limits else (), tuple(errors))


def window_seconds(period: str) -> float:
    """Seconds in a period: a Period name or an ISO 8601 duration such as PT15M."""
    if period in PERIOD_SECONDS:
        return PERIOD_SECONDS[Period(period)]
    match = _WINDOW.fullmatch(period)
    if match is None:
        raise ValueError(f"not a period: {period!r}")
    days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return float(((days * 24 + hours) * 60 + minutes) * 60 + seconds)


def _limit(rate_limit: RateLimit) -> Limit | None:
    if rate_limit.limit is None or rate_limit.period is None:
        return None  # the provider publishes no fixed figure: nothing to enforce
    seconds = window_seconds(str(rate_limit.period))
    if seconds <= 0:
        return None
    return Limit(rate_limit.limit, seconds, _short(rate_limit.scope))


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split()).rstrip(".")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
