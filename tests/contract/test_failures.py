"""Failures you can act on: the request as curl with secrets masked, the answer's start, and an
unreachable target in one line."""

from __future__ import annotations

import socket
from http.server import BaseHTTPRequestHandler

import pytest

from intreg.contract.curl import curl_command, mask
from tests.helpers import case_text, loopback_server

SECRET = "sk_test_abcdefghijklmnop"


def test_curl_masks_credentials_and_leaves_out_transport_headers() -> None:
    command = curl_command(
        "POST",
        f"https://api.example.com/v1/refunds?key={SECRET}",
        [
            ("Authorization", f"Bearer {SECRET}"),
            ("X-Api-Key", "other-secret"),
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Content-Length", "20"),
            ("User-Agent", "schemathesis/4"),
            ("Idempotency-Key", "intreg-0123"),
        ],
        f"amount=100&note=it's {SECRET}".encode(),
        secrets=[SECRET],
        secret_headers=["x-api-key"],
    )
    assert command == (
        "curl -X POST -H 'Authorization: Bearer ****' -H 'X-Api-Key: ****' "
        "-H 'Content-Type: application/x-www-form-urlencoded' -H 'Idempotency-Key: intreg-0123' "
        "--data-binary 'amount=100&note=it'\"'\"'s ****' "
        "'https://api.example.com/v1/refunds?key=****'"
    )


def test_mask_replaces_url_encoded_forms_and_escapes_control_characters() -> None:
    assert mask("a=p%40ss+word&b=p@ss word", ["p@ss word"]) == "a=****&b=****"
    assert curl_command("GET", "http://x/\x1b[31m", [], b"") == "curl 'http://x/\\x1b[31m'"
    assert curl_command("GET", "http://x/", [("Authorization", "opaque")], b"") == (
        "curl -H 'Authorization: ****' http://x/"
    )


class _LongError(BaseHTTPRequestHandler):
    """Refuses requests without the credential (401); answers the others with a 500 whose long
    body starts with the credential it was sent."""

    def do_GET(self) -> None:
        authorization = self.headers.get("Authorization", "")
        body = (authorization + " " + "boom " * 100).encode()
        self.send_response(500 if authorization == f"Bearer {SECRET}" else 401)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def project(make_registry, monkeypatch):
    monkeypatch.delenv("INTREG_MINIMAL_BASE_URL", raising=False)
    monkeypatch.setenv("EXAMPLE_SECRET_KEY", SECRET)
    return make_registry({"minimal": case_text("minimal")})


@pytest.mark.slow
def test_a_failure_shows_the_status_and_the_start_of_the_body(project, run_cli) -> None:
    with loopback_server(_LongError) as url:
        result = run_cli("contract", "minimal", "--base-url", url, cwd=project)
    assert result.exit_code == 1
    assert SECRET not in result.stdout
    answers = [line.strip() for line in result.stdout.splitlines() if "-> 500: " in line]
    assert answers
    for line in answers:
        shown = line.removeprefix("-> 500: ")
        assert shown.startswith("Bearer **** boom boom")
        assert len(shown) == 200 and shown.endswith("…")
    assert f"    curl -H 'Accept: */*' -H 'Authorization: Bearer ****' {url}/v1/charges/ch_1" in (
        result.stdout.splitlines()
    )


def test_an_unreachable_target_exits_2_with_one_line(project, run_cli) -> None:
    # A port bound but never listened on refuses connections, and stays ours meanwhile (a port
    # released before the run could be taken by another process).
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}"
        result = run_cli("contract", "minimal", "--base-url", url, cwd=project)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"intreg: error: cannot reach {url}: connection refused\n"
