"""The gate: a forwarding server on 127.0.0.1 between schemathesis and the API under test.

Every request of a contract run passes through it, so one place decides what reaches the API:
only the operations the run may send (schemathesis' own probes of the base URL never reach a
provider), with the headers the record pins, and an idempotency key per distinct body where
the endpoint takes one. It applies each operation's timeout and times each exchange by the
wall clock, from sending the request to the last byte of the response body.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from intreg.contract.upstream import Upstream, network_problem
from intreg.mock.server import read_body, serving

HOST = "127.0.0.1"
GATE_HEADER = "X-Intreg-Gate"
PROBE_HEADER = "x-schemathesis-probe"
NOT_SENT = "not sent"
KEPT_BYTES = 4096  # of each response body, for failure reports
# Hop-by-hop headers (RFC 9110 section 7.6.1) and those the gate sets itself.
_NOT_FORWARDED = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
    "accept-encoding",  # http.client asks for identity, so recorded bodies stay readable
}


Headers = tuple[tuple[str, str], ...]
Signer = Callable[[str, str, Headers, bytes], Headers]


@dataclass(frozen=True)
class Route:
    """One operation the gate lets through, with its timeout and idempotency header."""

    label: str
    method: str
    pattern: re.Pattern[str]
    timeout: float
    idempotency_header: str | None = None
    # False when the stub requires the header: its negative cases must go without it.
    add_idempotency: bool = True
    # Pinned headers (the API version) the stub does not declare as parameters: a declared
    # one is schemathesis' to send, or to leave out on purpose.
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class GatePolicy:
    """What may reach `target` (a base URL, path prefix included) and how."""

    target: str
    routes: tuple[Route, ...]
    forward_all: bool = False  # our own mock: requests matching no route go through too
    timeout: float = 10.0  # for those requests
    # Signs a request (method, target, headers, body) where the API wants it signed (SigV4).
    sign: (
        Callable[[str, str, tuple[tuple[str, str], ...], bytes], tuple[tuple[str, str], ...]] | None
    ) = None


@dataclass(frozen=True)
class Exchange:
    """One request as sent to the API (or held back), and what came of it."""

    label: str | None
    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    status: int | None = None
    response_body: bytes = b""
    seconds: float = 0.0
    problem: str | None = None

    @property
    def sent(self) -> bool:
        """False for a request the gate held back."""
        return not (self.problem or "").startswith(NOT_SENT)


def idempotency_key(method: str, target: str, body: bytes) -> str:
    """The same key for the same request, a different one for each distinct body."""
    digest = hashlib.sha256(f"{method} {target}\n".encode() + body).hexdigest()
    return f"intreg-{digest[:32]}"


class Gate(ThreadingHTTPServer):
    """Forwards what `policy` allows to its target and records every exchange."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, policy: GatePolicy, clock: Callable[[], float] = time.perf_counter):
        self.policy = policy
        self.clock = clock
        self.exchanges: list[Exchange] = []
        self._lock = threading.Lock()
        split = urlsplit(policy.target)
        self.origin = f"{split.scheme}://{split.netloc}"
        self.prefix = split.path.rstrip("/")
        super().__init__((HOST, 0), _GateHandler)

    @property
    def root_url(self) -> str:
        """http://127.0.0.1:PORT, with the port actually bound."""
        return f"http://{HOST}:{self.server_address[1]}"

    @property
    def base_url(self) -> str:
        """Where schemathesis sends: the gate, under the target's path prefix."""
        return self.root_url + self.prefix

    def route_for(self, method: str, path: str) -> Route | None:
        """The route of `method` `path` (a path below the prefix), or None."""
        if not path.startswith(self.prefix + "/"):
            return None
        rest = path[len(self.prefix) :]
        found = [r for r in self.policy.routes if r.method == method and r.pattern.fullmatch(rest)]
        # Several templates can match (/v1/x/{id} and /v1/x/search): the most literal wins.
        return max(found, key=lambda r: len(r.pattern.pattern), default=None)

    def record(self, exchange: Exchange) -> None:
        """Keep `exchange` (thread-safe)."""
        with self._lock:
            self.exchanges.append(exchange)


class _GateHandler(BaseHTTPRequestHandler):
    server: Gate
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    _upstream: Upstream | None = None

    def _serve(self) -> None:
        try:
            body = read_body(self)
        except ValueError:
            self.close_connection = True
            self._answer(400, [("Connection", "close")], b"")
            return
        gate = self.server
        route = gate.route_for(self.command, urlsplit(self.path).path)
        headers = forwarded_headers(self.headers.items(), route, self.command, self.path, body)
        if gate.policy.sign is not None and route is not None:
            headers = gate.policy.sign(self.command, self.path, headers, body)
        exchange = Exchange(
            route.label if route else None, self.command, gate.origin + self.path, headers, body
        )
        if route is None and not gate.policy.forward_all:
            gate.record(_held_back(exchange))
            # schemathesis' probes learn from a 400 that odd bytes are refused, and send none
            probe = self.headers.get(PROBE_HEADER) is not None
            self._answer(400 if probe else 404, [(GATE_HEADER, NOT_SENT)], b"")
            return
        timeout = route.timeout if route else gate.policy.timeout
        if self._upstream is None:
            self._upstream = Upstream(gate.origin)
        self._forward(exchange, timeout)

    def _forward(self, exchange: Exchange, timeout: float) -> None:
        assert self._upstream is not None
        start = self.server.clock()
        try:
            status, headers, data = self._upstream.send(
                exchange.method, self.path, exchange.headers, exchange.body, timeout
            )
        except OSError as exc:
            problem = network_problem(exc, timeout)
            seconds = self.server.clock() - start
            self.server.record(replace(exchange, problem=problem, seconds=seconds))
            self._answer(504 if "timed out" in problem else 502, [(GATE_HEADER, problem)], b"")
            return
        seconds = self.server.clock() - start
        kept = data[:KEPT_BYTES]
        self.server.record(replace(exchange, status=status, response_body=kept, seconds=seconds))
        self._answer(status, headers, data)

    def _answer(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.send_response(status)
        length = None
        for name, value in headers:
            if name.lower() == "content-length":
                length = value
            elif name.lower() not in _NOT_FORWARDED:
                self.send_header(name, value)
        if self.command == "HEAD" and length is not None:
            self.send_header("Content-Length", length)
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def finish(self) -> None:
        """Close the connection to the target with the client's."""
        if self._upstream is not None:
            self._upstream.close()
        super().finish()

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the exchanges are the record."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("do_"):  # every method, even an unknown one, meets the policy
            return self._serve
        raise AttributeError(name)


def forwarded_headers(
    received: Iterable[tuple[str, str]],
    route: Route | None,
    method: str,
    target: str,
    body: bytes,
) -> tuple[tuple[str, str], ...]:
    """The headers the gate sends for a request received with `received`: hop-by-hop ones
    dropped, the route's pinned ones set, and its idempotency key set to one for this body."""
    headers = [(name, value) for name, value in received if name.lower() not in _NOT_FORWARDED]
    if route is None:
        return tuple(headers)
    pinned = {name.lower() for name, _ in route.headers}
    headers = [(n, v) for n, v in headers if n.lower() not in pinned] + list(route.headers)
    if route.idempotency_header is not None:
        name = route.idempotency_header
        present = any(n.lower() == name.lower() for n, _ in headers)
        if present or route.add_idempotency:
            headers = [(n, v) for n, v in headers if n.lower() != name.lower()]
            headers.append((name, idempotency_key(method, target, body)))
    return tuple(headers)


def _held_back(exchange: Exchange) -> Exchange:
    return replace(exchange, problem=f"{NOT_SENT}: not an operation this run may send")


@contextmanager
def running_gate(policy: GatePolicy) -> Iterator[Gate]:
    """A Gate answering in a background thread until the block ends."""
    with serving(Gate(policy), "intreg-gate") as gate:
        yield gate
