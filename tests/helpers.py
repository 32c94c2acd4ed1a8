"""Helpers shared by tests: reading the case records."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

CASES = Path(__file__).parent / "cases"
REPO = Path(__file__).parent.parent


def case_text(name: str) -> str:
    """The text of tests/cases/valid/<name>.yaml with its id set to the file name."""
    return (CASES / "valid" / f"{name}.yaml").read_text(encoding="utf-8")


def with_id(text: str, record_id: str) -> str:
    """`text` with its top-level id replaced."""
    lines = text.splitlines(keepends=True)
    return "".join(f"id: {record_id}\n" if line.startswith("id: ") else line for line in lines)


# A real value for each placeholder of the `intreg new` scaffold, by field path.
FILLED = {
    "name": "Acme Pay",
    "provider.name": "Acme",
    "provider.website": "https://acme.example",
    "provider.docs_url": "https://acme.example/docs",
    "purpose": "Charge listing fees.",
    "owner.team": "payments",
    "owner.contact": "payments@example.com",
    "auth.method": "api_key",
    "auth.location": "header",
    "auth.name": "X-Api-Key",
    "auth.source": "https://acme.example/docs/auth",
    "auth.credentials[0].env_var": "ACME_SECRET_KEY",
    "auth.credentials[0].description": "Secret key.",
    "auth.credentials[0].obtain": "Dashboard > API keys",
    "api.base_url": "https://api.acme.example",
    "api.version": "2024-06-20",
    "api.request_format": "json",
    "api.response_format": "json",
    "endpoints[0].method": "GET",
    "endpoints[0].path": "/v1/things/{thing}",
    "endpoints[0].summary": "Fetch a thing.",
    "endpoints[0].source": "https://acme.example/docs/things",
    "endpoints[0].parameters[0].name": "thing",
    "endpoints[0].parameters[0].description": "The thing's id.",
    "endpoints[0].responses.200.description": "The thing.",
    "rate_limits[0].limit": 25,
    "rate_limits[0].period": "second",
    "rate_limits[0].scope": "per account",
    "rate_limits[0].source": "https://acme.example/docs/limits",
    "review.last_reviewed": "2026-11-24",
    "changes[0].date": "2026-11-24",
}


def fill(text: str, placeholders: list[dict[str, object]]) -> str:
    """Replace each reported placeholder, on its reported line, with a real value."""
    lines = text.splitlines(keepends=True)
    for p in placeholders:
        index = int(str(p["line"])) - 1
        filled = FILLED[str(p["path"])]
        # Text double-quoted; a number as YAML writes it (quoted, it would be text).
        value = (
            yaml.safe_dump(filled, default_style='"').strip()
            if isinstance(filled, str)
            else str(filled)
        )
        lines[index] = re.sub(r'"TODO[^"]*"', lambda _, v=value: v, lines[index], count=1)
    return "".join(lines)


@contextlib.contextmanager
def loopback_server(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (a free port) for the block; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
