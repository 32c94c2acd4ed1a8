"""The mock reads nothing but its stub, and answers a request built to make a pattern backtrack
(issue 24)."""

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

from intreg.mock.request import body_problem, parameter_problem
from tests.helpers import case_text
from tests.probes import SECRET, listening_server, with_response_schema

INTREG = Path(sys.executable).parent / "intreg"
HARD_TIMEOUT = 30  # seconds; the fixed mock answers at once, a backtracking one takes hours


def json_body(schema: dict) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def test_a_ref_out_of_the_stub_is_never_fetched() -> None:
    with listening_server() as (url, heard):
        schema = {"type": "object", "properties": {"to": {"$ref": f"{url}/to.json"}}}
        problem = body_problem(json_body(schema), "application/json", b'{"to": "x"}')
        parameter = {"in": "query", "name": "p", "schema": {"$ref": f"{url}/p.json"}}
        query_problem = parameter_problem(parameter, ["x"])
    assert heard == []
    assert problem == (
        f"body: cannot be checked: `$ref` may only point inside the record: `{url}/to.json`"
    )
    assert query_problem == (
        f"query parameter 'p': cannot be checked: `$ref` may only point inside the record: "
        f"`{url}/p.json`"
    )


def test_a_file_ref_in_the_stub_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "to.json"
    secret.write_text(f'{{"const": "{SECRET}"}}', encoding="utf-8")
    schema = {"properties": {"to": {"$ref": secret.as_uri()}}}
    problem = body_problem(json_body(schema), "application/json", b'{"to": "x"}')
    assert problem is not None
    assert SECRET not in problem


def test_mock_refuses_a_record_whose_schema_points_outside(make_registry, run_cli) -> None:
    with listening_server() as (url, heard):
        text = with_response_schema({"$ref": f"{url}/s.json"}, {"id": "ch_1"})
        root = make_registry({"minimal": text})
        result = run_cli("mock", "minimal", "--port", "0", cwd=root)
    assert heard == []
    assert result.exit_code == 2
    assert result.stderr.startswith("intreg: error: registry/minimal.yaml:")
    assert result.stderr.endswith(
        f": `$ref` may only point inside the record: `{url}/s.json` [ref-outside-record] "
        "(run `intreg validate registry/minimal.yaml`)\n"
    )


@pytest.mark.slow
def test_mock_answers_a_request_built_to_backtrack(make_registry) -> None:
    pattern = r"^(\+?[0-9]+)+$"  # nested quantifiers: Python's re would take hours below
    text = case_text("full").replace(
        "to: {type: string}", f"to: {{type: string, pattern: '{pattern}'}}"
    )
    assert pattern in text
    root = make_registry({"full": text, "minimal": case_text("minimal")})
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXAMPLE_")}
    env["EXAMPLE_CLIENT_SECRET"] = "s3cret"
    server = subprocess.Popen(
        [INTREG, "mock", "full", "--port", "0"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        url = server.stdout.readline().removeprefix("mock for full at ").strip()
        hostile = "1" * 41 + "x"
        request = urllib.request.Request(
            f"{url}/v2/messages",
            data=json.dumps({"to": hostile, "body": "x"}).encode(),
            headers={"Content-Type": "application/json", "Authorization": "Bearer s3cret"},
            method="POST",
        )
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=HARD_TIMEOUT)
        with caught.value as answer:
            assert answer.code == 400
            assert answer.headers["X-Intreg-Mock-Problem"] == (
                f"body at .to: {hostile!r} does not match {pattern!r}"
            )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()
