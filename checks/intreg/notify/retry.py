"""Try an action a few times with exponential backoff; the caller passes the sleep function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ATTEMPTS = 3
FIRST_DELAY_SECONDS = 1.0


class DeliveryError(Exception):
    """One failed attempt; `retryable` is False when another try cannot help (e.g. HTTP 404)."""

    def __init__(self, reason: str, retryable: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


@dataclass(frozen=True)
class Outcome:
    """How trying went: success, the number of attempts made, and the last failure's reason."""

    ok: bool
    attempts: int
    reason: str = ""


def with_retries(
    action: Callable[[], None],
    sleep: Callable[[float], None],
    attempts: int = ATTEMPTS,
    first_delay: float = FIRST_DELAY_SECONDS,
) -> Outcome:
    """Run `action` until it succeeds, waiting 1 s, 2 s, ... between attempts."""
    for attempt in range(1, attempts + 1):
        try:
            action()
        except DeliveryError as exc:
            if not exc.retryable or attempt == attempts:
                return Outcome(False, attempt, exc.reason)
            sleep(first_delay * 2 ** (attempt - 1))
        else:
            return Outcome(True, attempt)
    raise ValueError(f"attempts must be at least 1, not {attempts}")
