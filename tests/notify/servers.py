"""Real servers on 127.0.0.1 for the notification tests: a webhook, SMTP, and a silent one."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword


@dataclass
class Webhook:
    """What a webhook server received: each request's path, content type and body."""

    url: str
    requests: list[tuple[str, str, bytes]] = field(default_factory=list)


@contextmanager
def webhook(statuses: Sequence[int] = (200,), hang: bool = False) -> Iterator[Webhook]:
    """A webhook answering the n-th POST with statuses[n] (the last one repeats).

    With `hang`, it accepts each request and never answers until the test is over.
    """
    release = threading.Event()
    received: list[tuple[str, str, bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.path, self.headers["Content-Type"], body))
            if hang:
                release.wait(10)
                return
            status = statuses[min(len(received), len(statuses)) - 1]
            payload = b"ok" if status == 200 else b"no_service"
            self.send_response(status)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep the test output clean; the test asserts on `requests`

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01})
    thread.start()
    try:
        yield Webhook(f"http://127.0.0.1:{server.server_address[1]}/hooks/T1", received)
    finally:
        release.set()
        server.shutdown()
        server.server_close()
        thread.join()


class Mailbox:
    """An aiosmtpd handler that keeps each envelope; the first `failures` DATA get a 451, and
    each address in `refuse` is refused at RCPT with its reply (e.g. "550 5.1.1 no such user")."""

    def __init__(self, failures: int = 0, refuse: dict[str, str] | None = None) -> None:
        self.failures = failures
        self.refuse = dict(refuse or {})
        self.envelopes: list[Envelope] = []
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        if self.failures:
            self.failures -= 1
            return "451 4.3.0 try again later"
        self.envelopes.append(envelope)
        return "250 OK"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        self.logins.append((data.login, data.password))
        return AuthResult(success=data.password == b"s3cret", handled=False)


class _Controller(Controller):
    """aiosmtpd's Controller, listening on the free port the OS picked (port 0)."""

    def _trigger_server(self) -> None:
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@contextmanager
def smtp_server(mailbox: Mailbox) -> Iterator[int]:
    """An SMTP server on 127.0.0.1 delivering into `mailbox`; yields its port."""
    controller = _Controller(
        mailbox,
        hostname="127.0.0.1",
        port=0,
        authenticator=mailbox.authenticate,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()


@contextmanager
def trickling_server(first_line: bytes) -> Iterator[int]:
    """A TCP server that, once a client has sent something, answers `first_line` one byte at a
    time, a byte every 0.1 s, and then keeps trickling spaces until the client hangs up: every
    read gets data well within any per-read timeout, so only a total deadline ends it."""
    stop = threading.Event()

    def trickle(client: socket.socket) -> None:
        with client:
            if first_line.startswith(b"HTTP"):
                client.recv(65536)  # wait for the request
            for byte in _forever(first_line):
                if stop.wait(0.1):
                    return
                try:
                    client.sendall(byte)
                except OSError:
                    return  # the client hung up: what the test waits for

    def accept(listener: socket.socket) -> None:
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=trickle, args=(client,), daemon=True).start()

    with socket.create_server(("127.0.0.1", 0)) as listener:
        thread = threading.Thread(target=accept, args=(listener,), daemon=True)
        thread.start()
        try:
            yield listener.getsockname()[1]
        finally:
            stop.set()
            listener.shutdown(socket.SHUT_RDWR)


def _forever(first_line: bytes) -> Iterator[bytes]:
    yield from (first_line[i : i + 1] for i in range(len(first_line)))
    while True:
        yield b" "


@contextmanager
def silent_server() -> Iterator[int]:
    """A TCP port that accepts connections (in the kernel's backlog) and never says a word."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        yield listener.getsockname()[1]


@dataclass
class FakeGithub:
    """A fake of GitHub's issues API for one repository: its issues, comments and the calls
    made (method, path, JSON body, Authorization header). While `failing` is set, every
    request gets that status."""

    url: str
    repository: str
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, list[str]] = field(default_factory=dict)
    calls: list[tuple[str, str, Any, str]] = field(default_factory=list)
    failing: int | None = None
    lose_next_answer: bool = False  # do the next request, then answer 502 as if it failed

    def open_issues(self) -> dict[str, dict[str, Any]]:
        """The open issues, by title."""
        return {i["title"]: i for i in self.issues.values() if i["state"] == "open"}


@contextmanager
def fake_github(repository: str = "acme/registry") -> Iterator[FakeGithub]:
    """A fake GitHub API on 127.0.0.1 serving /repos/`repository`/issues."""
    base = f"/repos/{repository}/issues"
    state: list[FakeGithub] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, data: Any) -> None:
            payload = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _handle(self, method: str) -> None:
            hub = state[0]
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            hub.calls.append((method, self.path, body, self.headers.get("Authorization", "")))
            if hub.failing is not None:
                self._answer(hub.failing, {"message": "unavailable"})
                return
            parts = urlsplit(self.path)
            rest = (
                parts.path.removeprefix(base).strip("/").split("/")
                if parts.path.startswith(base)
                else None
            )
            if rest is None:
                self._answer(404, {"message": "Not Found"})
            elif method == "GET" and rest == [""]:
                query = parse_qs(parts.query)
                label, page = query["labels"][0], int(query.get("page", ["1"])[0])
                page_size = int(query.get("per_page", ["30"])[0])
                found = [
                    i
                    for i in hub.issues.values()
                    if i["state"] == query["state"][0] and label in i["labels"]
                ]
                self._answer(200, found[(page - 1) * page_size : page * page_size])
            elif method == "POST" and rest == [""]:
                number = len(hub.issues) + 1
                hub.issues[number] = {"number": number, "state": "open", "labels": [], **body}
                lost, hub.lose_next_answer = hub.lose_next_answer, False
                self._answer(502 if lost else 201, hub.issues[number])
            elif method == "PATCH" and len(rest) == 1:
                hub.issues[int(rest[0])].update(body)
                self._answer(200, hub.issues[int(rest[0])])
            elif method == "POST" and len(rest) == 2 and rest[1] == "comments":
                hub.comments.setdefault(int(rest[0]), []).append(body["body"])
                self._answer(201, {"body": body["body"]})
            else:
                self._answer(404, {"message": "Not Found"})

        def do_GET(self) -> None:
            self._handle("GET")

        def do_POST(self) -> None:
            self._handle("POST")

        def do_PATCH(self) -> None:
            self._handle("PATCH")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.append(FakeGithub(f"http://127.0.0.1:{server.server_address[1]}", repository))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01})
    thread.start()
    try:
        yield state[0]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
