"""`intreg contract`: exit codes against the mock, a broken server, and bad usage."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from tests.helpers import case_text, loopback_server

BROKEN_LINE = (
    "FAIL GET /v1/charges/{charge} (2 cases): Missing required header accepted: Got 418 when "
    "missing required 'Authorization' header, expected 401; Schema-violating request accepted: "
    "Invalid data should have been rejected Expected: 400, 401, 403, 404, 405, 406, 409, 415, "
    "422, 428, 429, 5xx Invalid component: Missing `Authorization` at header; Undocumented "
    "status code: Received: 418 Documented: 200, 401, 400; Schema-valid request rejected: Valid "
    "data should have been accepted Expected: 2xx, 3xx, 401, 403, 404, 409, 429, 5xx\n"
)


def broken_report(url: str) -> str:
    """BROKEN_LINE, then each failure with its request as curl, the answer and the replay."""
    rerun = (
        f"`intreg contract minimal --base-url {url}` repeats the whole run (seeded: the same "
        "requests)\n"
    )
    without = (
        f"    curl -H 'Accept: */*' {url}/v1/charges/ch_1\n    -> 418: {{}}\n"
        f"    replay: run the command; {rerun}"
    )
    with_key = (
        f"    curl -H 'Accept: */*' -H 'Authorization: Bearer ****' {url}/v1/charges/ch_1\n"
        "    -> 418: {}\n"
        f"    replay: put $EXAMPLE_SECRET_KEY where **** stands and run the command; {rerun}"
    )
    messages = BROKEN_LINE.split(": ", 1)[1].rstrip("\n").split("; ")
    return BROKEN_LINE + "".join(
        f"  {message}\n" + (with_key if message.startswith("Schema-valid") else without)
        for message in messages
    )


class _Teapot(BaseHTTPRequestHandler):
    """Answers everything with 418, a status no stub documents."""

    def do_GET(self) -> None:
        self.send_response(418)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def broken_server() -> Iterator[str]:
    with loopback_server(_Teapot) as url:
        yield url


@pytest.fixture
def project(make_registry, monkeypatch):
    for name in ("INTREG_MINIMAL_BASE_URL", "EXAMPLE_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    return make_registry({"minimal": case_text("minimal"), "full": case_text("full")})


@pytest.mark.slow
def test_contract_passes_against_the_mock(project, run_cli) -> None:
    # The record targets a p95 of 800 ms: reported, not enforced, so a busy machine cannot fail
    # this run (tests/contract/test_latency.py enforces targets against a deliberately slow server).
    result = run_cli("contract", "full", "--latency", "report", cwd=project)
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    assert line.startswith("PASS POST /v2/messages (41 cases)"), line
    assert result.stderr == "full: 1 operation passed against the mock\n"


@pytest.mark.slow
def test_contract_fails_against_a_server_that_breaks_the_contract(
    project, run_cli, broken_server, monkeypatch
) -> None:
    monkeypatch.setenv("EXAMPLE_SECRET_KEY", "sk_test_x")
    result = run_cli(
        "contract", "minimal", "--base-url", broken_server, "--junit", "out.xml", cwd=project
    )
    assert result.exit_code == 1
    assert result.stdout == broken_report(broken_server)
    assert "sk_test_x" not in result.stdout
    assert result.stderr == f"minimal: 1 of 1 operation failed against {broken_server}\n"
    suite = ET.parse(project / "out.xml").getroot().find("testsuite")
    assert suite is not None and suite.attrib["failures"] == "4"
    cases = {case.attrib["name"]: case for case in suite.findall("testcase")}
    assert len(cases) == int(suite.attrib["tests"])  # one per operation and check
    status = cases["GET /v1/charges/{charge} [status_code_conformance]"]
    (failure,) = status.findall("failure")
    assert failure.attrib["message"] == (
        "Undocumented status code: Received: 418 Documented: 200, 401, 400"
    )
    assert failure.text is not None
    assert failure.text.splitlines()[1:3] == [
        f"curl -H 'Accept: */*' {broken_server}/v1/charges/ch_1",
        "-> 418: {}",
    ]
    assert cases["GET /v1/charges/{charge} [not_a_server_error]"].find("failure") is None
    assert "GET /v1/charges/{charge} [timeout]" in cases


@pytest.mark.slow
def test_base_url_comes_from_the_record_variable(
    project, run_cli, broken_server, monkeypatch
) -> None:
    monkeypatch.setenv("EXAMPLE_SECRET_KEY", "sk_test_x")
    monkeypatch.setenv("INTREG_MINIMAL_BASE_URL", broken_server)
    result = run_cli("contract", "minimal", cwd=project)
    assert (result.exit_code, result.stdout) == (1, broken_report(broken_server))


def test_a_real_run_needs_the_credential_variable(project, run_cli, broken_server) -> None:
    result = run_cli("contract", "minimal", "--base-url", broken_server, cwd=project)
    assert result.exit_code == 2
    assert (
        result.stderr == "intreg: error: set EXAMPLE_SECRET_KEY (the credentials the calls send)\n"
    )


def test_signed_apis_cannot_be_tested_for_real(make_registry, run_cli) -> None:
    auth = "  method: hmac\n  location: header\n  name: Authorization\n  scheme: AWS4-HMAC-SHA256\n"
    text = case_text("minimal").replace(
        "  method: api_key\n  location: header\n  name: Authorization\n  scheme: Bearer\n", auth
    )
    root = make_registry({"minimal": text})
    result = run_cli("contract", "minimal", "--base-url", "https://example.com", cwd=root)
    assert result.exit_code == 2
    assert result.stderr == (
        "intreg: error: minimal signs every request (AWS4-HMAC-SHA256), which the contract "
        "tests cannot do: run them against the mock (no --base-url)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope",), "no record 'nope': registry/nope.yaml does not exist"),
        (("minimal", "--base-url", "ftp://x"), "'ftp://x' is not an http(s) URL"),
    ],
)
def test_usage_errors_exit_2(project, run_cli, args: tuple[str, ...], message: str) -> None:
    result = run_cli("contract", *args, cwd=project)
    assert result.exit_code == 2
    assert result.stderr == f"intreg: error: {message}\n"


def test_contract_without_an_id_is_a_usage_error(project, run_cli) -> None:
    result = run_cli("contract", cwd=project)
    assert result.exit_code == 2
    assert "Missing argument 'ID'" in result.stderr
