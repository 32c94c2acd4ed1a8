"""Inputs from the issue 24 probe: records that point outside themselves, and a loopback server
that must hear nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import yaml

from tests.helpers import case_text, loopback_server, with_id

# Written into files outside the project: no output may ever contain it.
SECRET = "intreg-probe-secret-5d1f"
EXAMPLE_LINE = "        example: {id: ch_1, amount: 500}\n"


@contextlib.contextmanager
def listening_server() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 that would serve a schema; yields (its URL, the request
    lines it heard), so a test can require that nobody asked."""
    heard: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            heard.append(self.requestline)
            body = b'{"type": "string", "description": "' + SECRET.encode() + b'"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with loopback_server(Handler) as url:
        yield url, heard


def with_response_schema(schema: Any, example: Any, record_id: str = "minimal") -> str:
    """The minimal record whose 200 response has `schema` as json_schema and `example`."""
    block = yaml.safe_dump({"example": example, "json_schema": schema}, sort_keys=False)
    indented = "".join(f"        {line}" for line in block.splitlines(keepends=True))
    text = case_text("minimal")
    assert EXAMPLE_LINE in text
    return with_id(text.replace(EXAMPLE_LINE, indented), record_id)


def value_at(text: str, key: str) -> str:
    """`line:column` (1-based) of the value of the first `key:` in `text`, as findings give it."""
    for number, line in enumerate(text.splitlines(), 1):
        at = line.find(f"{key}: ")
        if at >= 0:
            return f"{number}:{at + len(key) + 3}"
    raise AssertionError(f"no {key!r} in the text")


def position_of(text: str, fragment: str) -> str:
    """`line:column` (1-based) where `fragment` first starts in `text`."""
    for number, line in enumerate(text.splitlines(), 1):
        at = line.find(fragment)
        if at >= 0:
            return f"{number}:{at + 1}"
    raise AssertionError(f"no {fragment!r} in the text")
