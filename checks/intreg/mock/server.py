"""Serve a Mock over HTTP on 127.0.0.1 (never another interface)."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

from intreg.mock.responder import PROBLEM_HEADER, Mock, MockRequest, MockResponse
from intreg.records.printable import printable

HOST = "127.0.0.1"


class MockServer(ThreadingHTTPServer):
    """A threading HTTP server that answers every request with `mock`."""

    daemon_threads = True
    # Clients opening many connections at once must queue, not be reset: the default backlog
    # of 5 dropped a third of 200 parallel requests with ECONNRESET.
    request_queue_size = 128

    def __init__(self, mock: Mock, port: int, log: Callable[[str], None] | None = None) -> None:
        self.mock = mock
        self.log = log
        super().__init__((HOST, port), _Handler)

    @property
    def root_url(self) -> str:
        """http://127.0.0.1:PORT, with the port actually bound."""
        return f"http://{HOST}:{self.server_address[1]}"

    @property
    def base_url(self) -> str:
        """The root URL plus the stub's server path prefix: where the API is served."""
        return self.root_url + self.mock.base_path


class _Handler(BaseHTTPRequestHandler):
    server: MockServer
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm on, a keep-alive client
    # waits for a delayed ACK (about 40 ms) on every request.
    disable_nagle_algorithm = True

    def _serve(self) -> None:
        try:
            body = read_body(self)
        except ValueError:
            self.close_connection = True
            self._send(MockResponse(400, (("Connection", "close"),), b""))
            return
        request = MockRequest(self.command, self.path, dict(self.headers.items()), body)
        try:
            response = self.server.mock.handle(request)
        except Exception as exc:  # a bug must still give the client an answer, not a hang
            failure = f"internal error in the mock ({type(exc).__name__}); please report it"
            response = MockResponse(500, ((PROBLEM_HEADER, failure),), b"")
        # Logged before answering: once the client has its answer it may send the next
        # request, whose line must come after this one (issue 23: a flaky test saw 400 before 401).
        if self.server.log is not None:
            problem = response.header(PROBLEM_HEADER)
            why = f" ({problem})" if problem else ""
            line = f"{self.command} {self.path} -> {response.status}{why}"
            self.server.log(printable(line))  # the path is the client's: no escapes to the terminal
        self._send(response)

    def _send(self, response: MockResponse) -> None:
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: object) -> None:
        """Silent: requests are reported through the server's `log`, if any."""

    def __getattr__(self, name: str) -> Any:
        # http.server looks up do_<METHOD>: every method, even an unknown one, goes to the mock,
        # which answers 405 for undocumented ones instead of http.server's 501.
        if name.startswith("do_"):
            return self._serve
        raise AttributeError(name)


def read_body(handler: BaseHTTPRequestHandler) -> bytes:
    """The request body, by Content-Length or chunked; ValueError when it is malformed."""
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        chunks = []
        while size := int(handler.rfile.readline().split(b";")[0], 16):
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
        while handler.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass  # trailer fields
        return b"".join(chunks)
    length = int(handler.headers.get("Content-Length") or 0)
    if length < 0:
        raise ValueError(length)
    return handler.rfile.read(length)


@contextmanager
def running_mock(
    mock: Mock, port: int = 0, log: Callable[[str], None] | None = None
) -> Iterator[MockServer]:
    """A MockServer answering in a background thread until the block ends."""
    with serving(MockServer(mock, port, log), "intreg-mock") as server:
        yield server


S = TypeVar("S", bound=socketserver.BaseServer)


@contextmanager
def serving(server: S, name: str) -> Iterator[S]:
    """`server` answering in a background thread named `name` until the block ends; then
    stopped and closed."""
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
