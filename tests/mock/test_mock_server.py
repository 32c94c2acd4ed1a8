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
