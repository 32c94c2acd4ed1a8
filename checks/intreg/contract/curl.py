"""A request as a curl command that can be pasted into a shell, with every secret masked."""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from urllib.parse import quote, quote_plus

from intreg.records.printable import printable

MASK = "****"
# Headers whose whole value is a credential; Authorization keeps its scheme word.
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
# Set by the transport (or only by schemathesis for itself): not part of what is replayed.
_LEFT_OUT = frozenset(
    {"content-length", "host", "connection", "accept-encoding", "user-agent",
     "x-schemathesis-testcaseid"}
)  # fmt: skip


def curl_command(
    method: str,
    url: str,
    headers: Iterable[tuple[str, str]],
    body: bytes,
    secrets: Sequence[str] = (),
    secret_headers: Iterable[str] = (),
) -> str:
    """`curl` for this request, secrets replaced by ****, on one line safe to print."""
    hidden = SECRET_HEADERS | {name.lower() for name in secret_headers}
    parts = ["curl"] if method == "GET" else ["curl", "-X", method]
    for name, value in headers:
        if name.lower() in _LEFT_OUT:
            continue
        shown = _masked_header(value) if name.lower() in hidden else mask(value, secrets)
        parts += ["-H", shlex.quote(f"{name}: {shown}")]
    if body:
        text = body.decode("utf-8", errors="backslashreplace")
        parts += ["--data-binary", shlex.quote(mask(text, secrets))]
    parts.append(shlex.quote(mask(url, secrets)))
    return printable(" ".join(parts))


def mask(text: str, secrets: Sequence[str]) -> str:
    """`text` with each secret (as it is, or URL-encoded) replaced by ****."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        if not secret:
            continue
        for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
            text = text.replace(form, MASK)
    return text


def _masked_header(value: str) -> str:
    scheme, space, _ = value.strip().partition(" ")
    return f"{scheme} {MASK}" if space else MASK
