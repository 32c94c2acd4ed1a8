"""What keeps a contract run safe to point at a real API: no live keys, no live hosts, no
writes unless asked, and secrets that never print in full."""

from __future__ import annotations

import socket
from collections.abc import Sequence
from urllib.parse import urlsplit

from intreg.records.errors import IntregError
from intreg.records.model import Integration

# Prefixes by which providers mark live (production) keys, and what each is. The one place to
# add a provider: a key with one of these prefixes is refused unless --allow-live-keys.
LIVE_KEY_PREFIXES: dict[str, str] = {
    "sk_live_": "a Stripe (or Paystack) live secret key",
    "rk_live_": "a Stripe live restricted key",
    "pk_live_": "a Stripe live publishable key",
    "rzp_live_": "a Razorpay live key",
    "access_token$production$": "a PayPal (Braintree) production access token",
    "FLWSECK-": "a Flutterwave live secret key",
    "live_": "a live key (Mollie, GoCardless)",
}
READ_ONLY_METHODS = ("GET", "HEAD")
CONNECT_TIMEOUT = 10.0
SHOWN_CHARACTERS = 4


def masked(secret: str) -> str:
    """A secret as it may be printed: its first 4 characters and its length."""
    return f"{secret[:SHOWN_CHARACTERS]}… ({len(secret)} characters)"


def live_key_kind(value: str) -> str | None:
    """What live key `value` looks like, or None."""
    return next((kind for p, kind in LIVE_KEY_PREFIXES.items() if value.startswith(p)), None)


def refuse_live_keys(names: Sequence[str], values: Sequence[str]) -> None:
    """IntregError naming the first variable that holds what looks like a live key."""
    for name, value in zip(names, values, strict=True):
        kind = live_key_kind(value)
        if kind is not None:
            raise IntregError(
                f"${name} looks like {kind} ({masked(value)}): contract runs send generated "
                "requests, so use a test key, or pass --allow-live-keys if you mean it"
            )


def refuse_live_target(record: Integration, url: str) -> None:
    """IntregError when `url` is the record's production API while it has a separate sandbox
    (the live host is what makes a PayPal client live)."""
    sandbox = record.api.sandbox_url
    base = _origin(record.api.base_url)
    if sandbox is None or _origin(sandbox) == base or _origin(url) != base:
        return  # no separate sandbox (the key tells test from live), or not the live host
    raise IntregError(
        f"{without_credentials(url)} is {record.id}'s live API (api.base_url): test against "
        f"its sandbox ({sandbox}, what --sandbox picks), or pass --allow-live-keys if you mean it"
    )


def without_credentials(url: str) -> str:
    """`url` without user:password and without query or fragment (where keys hide)."""
    split = urlsplit(url)
    host = split.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if split.port is not None:
        netloc += f":{split.port}"
    return f"{split.scheme}://{netloc}{split.path}".rstrip("/")


def check_reachable(url: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """IntregError, in one line, when nothing accepts a connection at `url`'s host and port.

    Only a TCP connection is opened: no request is sent before the run proper."""
    split = urlsplit(url)
    port = split.port or (443 if split.scheme == "https" else 80)
    try:
        with socket.create_connection((split.hostname or "", port), timeout=timeout):
            pass
    except OSError as exc:
        raise IntregError(f"cannot reach {without_credentials(url)}: {_why(exc, timeout)}") from exc


def _why(exc: OSError, timeout: float) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return "host not found"
    if isinstance(exc, TimeoutError):
        return f"no connection within {timeout:g} s"
    return (exc.strerror or str(exc)).lower()


def _origin(url: str) -> tuple[str, str, int]:
    split = urlsplit(url)
    port = split.port or (443 if split.scheme == "https" else 80)
    return split.scheme, (split.hostname or "").lower(), port
