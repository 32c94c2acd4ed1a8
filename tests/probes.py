"""Inputs from the issue 24 probe (records that point outside themselves), a loopback server
that must hear nothing, and a way to run what could hang or exhaust memory in a bounded process."""

from __future__ import annotations

import contextlib
import resource
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import case_text, loopback_server, with_id

# Written into files outside the project: no output may ever contain it.
SECRET = "intreg-probe-secret-5d1f"
INTREG = str(Path(sys.executable).parent / "intreg")
HARD_TIMEOUT = 30  # seconds; the fixed code takes well under one, the broken one forever
MEMORY_CAP = 3 * 1024**3  # bytes of address space: reading a 4 GiB file whole fails fast


def run_bounded(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `args` in a process that a hang or a huge read cannot turn into a stuck or swapping
    test run: it is killed after HARD_TIMEOUT (subprocess.TimeoutExpired fails the test) and
    cannot map more than MEMORY_CAP. Nothing here measures time."""
    return subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=HARD_TIMEOUT,
        check=False,
        preexec_fn=_cap_memory,
    )


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


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


def quoted(text: str, keep: int = 80) -> str:
    """`text` as a finding quotes a value: in backticks, cut after `keep` characters (a
    temporary folder's path may be longer on one machine than another)."""
    return f"`{text[:keep]}…`" if len(text) > keep else f"`{text}`"
