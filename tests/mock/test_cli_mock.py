"""`intreg mock` as a real process on 127.0.0.1: real requests, then SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import case_text

INTREG = Path(sys.executable).parent / "intreg"
MESSAGE = {"to": "+15005550006", "body": "Your policy renews on 1 Dec."}


def call(url: str, method: str = "GET", body: object = None, token: str | None = None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def without_date(headers: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in headers.items() if name != "Date"}


def start_mock(root, record_id: str, **credentials: str) -> subprocess.Popen[str]:
    """`intreg mock RECORD_ID` on a free port, with only `credentials` among EXAMPLE_* vars."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXAMPLE_")}
    return subprocess.Popen(
        [INTREG, "mock", record_id, "--port", "0"],
        cwd=root,
        env={**env, **credentials},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_mock_serves_the_stub_until_sigterm(make_registry) -> None:
    root = make_registry({"full": case_text("full"), "minimal": case_text("minimal")})
    server = start_mock(root, "full", EXAMPLE_CLIENT_SECRET="s3cret")
    try:
        first = server.stdout.readline()
        assert first.startswith("mock for full at http://127.0.0.1:")
        url = first.removeprefix("mock for full at ").strip() + "/v2/messages"
        first_answer = call(url, "POST", MESSAGE, token="s3cret")
        second_answer = call(url, "POST", MESSAGE, token="s3cret")
        assert (
            first_answer[0::2]
            == second_answer[0::2]
            == (
                201,
                {"id": "msg_1", "status": "queued", "sent_at": None, "segments": 1},
            )
        )
        # The same headers, but for Date: the two answers may straddle a second.
        assert without_date(first_answer[1]) == without_date(second_answer[1])
        status, _, body = call(url, "POST", MESSAGE)
        assert (status, body["error"]["code"]) == (401, "invalid_number")
        status, headers, _ = call(url, "POST", {"to": "+15005550006"}, token="s3cret")
        assert (status, headers["X-Intreg-Mock-Problem"]) == (
            400,
            "body: 'body' is a required property",
        )
        status, headers, body = call(url, "DELETE", token="s3cret")
        assert (status, headers["Allow"]) == (405, "POST")
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=10)
    assert server.returncode == 0
    assert out == ""  # the URL line was read above
    assert err.splitlines() == [
        "credential: Authorization: Bearer $EXAMPLE_CLIENT_SECRET (from the environment)",
        "rate limits: 10 per second (per sender number) (over one: 429; --no-rate-limits turns "
        "them off)",
        "POST /v2/messages -> 201",
        "POST /v2/messages -> 201",
        "POST /v2/messages -> 401 (missing or invalid credentials)",
        "POST /v2/messages -> 400 (body: 'body' is a required property)",
        "DELETE /v2/messages -> 405 (DELETE is not documented for /v2/messages)",
        "mock stopped",
    ]


HOURLY = (
    case_text("minimal")
    .replace("limit: 100\n    period: second", "limit: 3\n    period: hour")
    .replace(
        "review:\n",
        "errors:\n  - status: 429\n    meaning: Too many requests.\n    resolution: Wait.\n"
        "review:\n",
    )
)


def get(url: str, **headers: str) -> tuple[int, str | None]:
    request = urllib.request.Request(url, headers={"Authorization": "Bearer k", **headers})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers["Retry-After"]
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Retry-After"]


@pytest.mark.slow
def test_mock_answers_429_on_request_and_over_the_records_limit(make_registry) -> None:
    root = make_registry({"minimal": HOURLY})
    server = start_mock(root, "minimal", EXAMPLE_SECRET_KEY="k")
    try:
        url = server.stdout.readline().removeprefix("mock for minimal at ").strip()
        charge = url + "/v1/charges/ch_1"
        assert get(charge, Prefer="code=429") == (429, "1")
        assert [get(charge)[0] for _ in range(2)] == [200, 200]
        status, retry_after = get(charge)  # the fourth request this hour
        assert status == 429
        assert 3500 < int(retry_after or 0) <= 3600
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=10)
    assert err.splitlines()[1:] == [
        "rate limits: 3 per hour (per account) (over one: 429; --no-rate-limits turns them off)",
        "GET /v1/charges/ch_1 -> 429",
        "GET /v1/charges/ch_1 -> 200",
        "GET /v1/charges/ch_1 -> 200",
        "GET /v1/charges/ch_1 -> 429 (rate limit 3 per hour (per account) exceeded; retry "
        f"after {retry_after} s)",
        "mock stopped",
    ]


def test_mock_of_an_unknown_record_exits_2(make_registry, run_cli) -> None:
    root = make_registry({"full": case_text("full"), "minimal": case_text("minimal")})
    result = run_cli("mock", "nope", "--port", "0", cwd=root)
    assert result.exit_code == 2
    assert result.stderr == "intreg: error: no record 'nope': registry/nope.yaml does not exist\n"


def test_mock_of_an_invalid_record_exits_2_naming_the_problem(make_registry, run_cli) -> None:
    root = make_registry(
        {
            "full": case_text("full").replace("version: v2", "version: 2"),
            "minimal": case_text("minimal"),
        }
    )
    result = run_cli("mock", "full", cwd=root)
    assert result.exit_code == 2
    assert result.stderr == (
        "intreg: error: registry/full.yaml:66:12: expected text, but YAML reads `2` as the "
        "number 2 [wrong-type] (run `intreg validate registry/full.yaml`)\n"
    )


def test_mock_id_must_be_a_slug(make_registry, run_cli) -> None:
    root = make_registry({"full": case_text("full"), "minimal": case_text("minimal")})
    result = run_cli("mock", "../x", cwd=root)
    assert result.exit_code == 2
    assert result.stderr == (
        "intreg: error: '../x' is not a record id (lower-case letters, digits, -)\n"
    )
