"""The gate over real HTTP on 127.0.0.1: what it forwards, what it holds back, what it adds and
how it times (lower bounds only)."""

from __future__ import annotations

import http.client
import socket
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from intreg.contract.gate import GATE_HEADER, GatePolicy, Route, idempotency_key, running_gate
from intreg.mock.responder import path_pattern
from tests.helpers import loopback_server

DELAY = 0.2


def make_handler(heard: list[tuple[str, str, dict[str, str], bytes]]):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            heard.append((self.command, self.path, dict(self.headers.items()), body))
            if self.path.startswith("/api/slow"):
                time.sleep(DELAY)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        do_GET = do_POST = do_DELETE = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def route(method: str, template: str, **kwargs) -> Route:
    return Route(f"{method} {template}", method, path_pattern(template)[0], 5.0, **kwargs)


@pytest.fixture
def upstream() -> Iterator[tuple[str, list]]:
    heard: list = []
    with loopback_server(make_handler(heard)) as url:
        yield url, heard


def ask(base_url: str, method: str, path: str, body: bytes = b"", **headers: str):
    host, port = base_url.removeprefix("http://").split("/")[0].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request(method, path, body or None, headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, response.getheader(GATE_HEADER), data


def test_only_declared_operations_reach_the_api(upstream) -> None:
    url, heard = upstream
    policy = GatePolicy(url + "/api", (route("GET", "/things/{id}"),))
    with running_gate(policy) as gate:
        assert gate.base_url.endswith("/api")
        assert ask(gate.base_url, "GET", "/api/things/1?x=1") == (200, None, b"{}")
        assert ask(gate.base_url, "DELETE", "/api/things/1")[:2] == (404, "not sent")
        assert ask(gate.base_url, "GET", "/api/other")[:2] == (404, "not sent")
        assert ask(gate.base_url, "GET", "/things/1")[:2] == (404, "not sent")  # outside /api
        probe = ask(gate.base_url, "GET", "/api", **{"X-Schemathesis-Probe": "NUL"})
        assert probe[:2] == (400, "not sent")  # schemathesis then sends no odd bytes
        exchanges = list(gate.exchanges)
    assert [(method, path) for method, path, _, _ in heard] == [("GET", "/api/things/1?x=1")]
    assert [(e.method, e.sent) for e in exchanges] == [
        ("GET", True),
        ("DELETE", False),
        ("GET", False),
        ("GET", False),
        ("GET", False),
    ]
    assert exchanges[0].label == "GET /things/{id}" and exchanges[0].status == 200


def test_pinned_headers_and_one_idempotency_key_per_distinct_body(upstream) -> None:
    url, heard = upstream
    refunds = route(
        "POST", "/refunds", idempotency_header="Idempotency-Key", headers=(("Api-Version", "2"),)
    )
    with running_gate(GatePolicy(url, (refunds,))) as gate:
        ask(
            gate.base_url,
            "POST",
            "/refunds",
            b"a=1",
            **{"Idempotency-Key": "same", "Api-Version": "1"},
        )
        ask(gate.base_url, "POST", "/refunds", b"a=2", **{"Idempotency-Key": "same"})
        ask(gate.base_url, "POST", "/refunds", b"a=1")
    keys = [headers["Idempotency-Key"] for _, _, headers, _ in heard]
    assert keys == [
        idempotency_key("POST", "/refunds", b"a=1"),
        idempotency_key("POST", "/refunds", b"a=2"),
        idempotency_key("POST", "/refunds", b"a=1"),
    ]
    assert keys[0] != keys[1] and keys[0] == keys[2]
    assert [headers["Api-Version"] for _, _, headers, _ in heard] == ["2", "2", "2"]


def test_a_required_idempotency_header_is_not_added_when_left_out(upstream) -> None:
    url, heard = upstream
    refunds = route("POST", "/refunds", idempotency_header="Idempotency-Key", add_idempotency=False)
    with running_gate(GatePolicy(url, (refunds,))) as gate:
        ask(gate.base_url, "POST", "/refunds", b"a=1")
    assert "Idempotency-Key" not in heard[0][2]


def test_each_exchange_is_timed_by_the_wall_clock(upstream) -> None:
    url, _ = upstream
    with running_gate(GatePolicy(url + "/api", (route("GET", "/slow"),))) as gate:
        ask(gate.base_url, "GET", "/api/slow")
    (exchange,) = gate.exchanges
    assert exchange.seconds >= DELAY


def test_a_timeout_and_a_refused_connection_are_recorded(upstream) -> None:
    url, _ = upstream
    quick = Route("GET /slow", "GET", path_pattern("/slow")[0], 0.05)
    with running_gate(GatePolicy(url + "/api", (quick,))) as gate:
        assert ask(gate.base_url, "GET", "/api/slow")[:2] == (504, "timed out after 0.05 s")
    assert gate.exchanges[0].problem == "timed out after 0.05 s"
    # A port bound but never listened on refuses connections, and stays ours meanwhile.
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        policy = GatePolicy(f"http://127.0.0.1:{closed.getsockname()[1]}", (route("GET", "/x"),))
        with running_gate(policy) as gate:
            assert ask(gate.base_url, "GET", "/x")[:2] == (502, "connection refused")
    assert gate.exchanges[0].problem == "connection refused"
