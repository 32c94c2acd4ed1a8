"""The mock over real HTTP on 127.0.0.1: keep-alive, chunked bodies, malformed lengths."""

from __future__ import annotations

import http.client
import json
import socket

from intreg.mock.responder import Mock
from intreg.mock.server import running_mock
from intreg.outputs.openapi import render_openapi
from tests.helpers import case_text
from tests.mock.test_mock import MESSAGE, TOKEN, record_from

HEADERS = {"Authorization": TOKEN, "Content-Type": "application/json"}


def full_mock() -> Mock:
    return Mock(render_openapi(record_from(case_text("full"), "full")), TOKEN)


def test_keep_alive_and_chunked_bodies() -> None:
    with running_mock(full_mock()) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
        body = iter([json.dumps(MESSAGE).encode()[:10], json.dumps(MESSAGE).encode()[10:]])
        connection.request("POST", "/v2/messages", body, HEADERS, encode_chunked=True)
        first = connection.getresponse()
        assert (first.status, json.loads(first.read())["id"]) == (201, "msg_1")
        connection.request("POST", "/v2/messages", json.dumps(MESSAGE), HEADERS)
        second = connection.getresponse()
        assert (second.status, second.getheader("Content-Type")) == (201, "application/json")
        second.read()
        connection.close()


def test_a_malformed_length_gets_400_and_the_connection_closes() -> None:
    with (
        running_mock(full_mock()) as server,
        socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=5) as s,
    ):
        s.sendall(b"POST /v2/messages HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n")
        answer = b""
        while chunk := s.recv(4096):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert b"\r\nConnection: close\r\n" in answer


def test_base_url_includes_the_server_path_prefix() -> None:
    text = case_text("full").replace(
        "base_url: https://api.example.com", "base_url: https://api.example.com/api/1.0/"
    )
    mock = Mock(render_openapi(record_from(text, "full")), TOKEN)
    with running_mock(mock) as server:
        assert server.base_url == f"http://127.0.0.1:{server.server_address[1]}/api/1.0"


# A hostile or busy world (issue 24)


def test_a_body_nested_thousands_deep_gets_400_not_a_traceback() -> None:
    hostile = ("[" * 5000 + "]" * 5000).encode()
    with running_mock(full_mock()) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
        connection.request("POST", "/v2/messages", hostile, HEADERS)
        response = connection.getresponse()
        response.read()
        connection.close()
    assert response.status == 400
    assert response.getheader("X-Intreg-Mock-Problem") == "the body is nested too deeply"


def test_two_hundred_clients_at_once_are_all_answered() -> None:
    with running_mock(full_mock()) as server:
        address = ("127.0.0.1", server.server_address[1])
        # Open every connection before the server answers any: they wait in the backlog.
        sockets = [socket.create_connection(address, timeout=60) for _ in range(200)]
        try:
            request = b"GET /v2/messages/msg_1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            for s in sockets:
                s.sendall(request + f"Authorization: {TOKEN}\r\n\r\n".encode())
            statuses = [_read_all(s).split(b" ", 2)[1] for s in sockets]
        finally:
            for s in sockets:
                s.close()
    assert len(statuses) == 200 and set(statuses) <= {b"200", b"404"}


def test_the_log_shows_a_hostile_path_escaped() -> None:
    lines: list[str] = []
    with running_mock(full_mock(), log=lines.append) as server:
        address = ("127.0.0.1", server.server_address[1])
        with socket.create_connection(address, timeout=30) as s:
            s.sendall(b"GET /v2/\x1b]0;owned\x07 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert _read_all(s).startswith(b"HTTP/1.1 404 ")
    [line] = lines
    assert "\x1b" not in line and "\x07" not in line
    assert line.startswith("GET /v2/\\x1b]0;owned\\x07 -> 404")


def _read_all(s: socket.socket) -> bytes:
    chunks = []
    while chunk := s.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)
