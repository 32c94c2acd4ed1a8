"""Latency as evidence: nearest-rank figures, targets and timeouts from the record, and a real
slow server on 127.0.0.1 (lower bounds only: the machine may be busy, never faster)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from intreg.contract.latency import Latency, latency_failure, measure, nearest_rank
from intreg.mock.responder import Mock, MockRequest, MockResponse
from intreg.mock.server import running_mock
from intreg.outputs.openapi import render_openapi
from tests.helpers import case_text
from tests.mock.test_mock import record_from

DELAY = 1.0  # seconds the slow server adds to every successful answer
SOURCE_LINE = "    source: https://example.com/docs/charges\n"


@pytest.mark.parametrize(
    ("values", "percent", "expected"),
    [
        ([5.0], 95, 5.0),
        ([1.0, 2.0, 3.0, 4.0], 50, 2.0),
        ([float(v) for v in range(1, 21)], 95, 19.0),  # rank ceil(19.0) = 19
        ([float(v) for v in range(1, 11)], 95, 10.0),  # rank ceil(9.5) = 10: the slowest
        ([3.0, 1.0, 2.0], 50, 2.0),  # sorted first
        ([float(v) for v in range(1, 101)], 95, 95.0),
    ],
)
def test_nearest_rank(values: list[float], percent: float, expected: float) -> None:
    assert nearest_rank(values, percent) == expected


def test_measure_in_milliseconds() -> None:
    assert measure([]) is None
    assert measure([0.010, 0.020, 1.004]) == Latency(3, 20.0, 1004.0, 1004.0)


def test_a_p95_above_the_target_is_a_failure_with_the_figures() -> None:
    latency = Latency(12, 1002.4, 1004.2, 1010.0)
    assert latency_failure(latency, 200) == (
        "Latency above target: p95 1,004 ms > target 200 ms "
        "(p50 1,002 ms, p95 1,004 ms, max 1,010 ms over 12 requests)"
    )
    assert latency_failure(latency, 1005) is None
    assert latency_failure(latency, None) is None
    assert latency_failure(None, 200) is None


class SlowLookAlike(Mock):
    """The mock of the record, answering successful requests DELAY seconds late."""

    def handle(self, request: MockRequest) -> MockResponse:
        response = super().handle(request)
        if response.status < 300:
            time.sleep(DELAY)
        return response


@contextmanager
def slow_server(text: str) -> Iterator[str]:
    mock = SlowLookAlike(render_openapi(record_from(text, "minimal")), "Bearer k")
    with running_mock(mock) as server:
        yield server.base_url


@pytest.fixture
def key(monkeypatch) -> None:
    monkeypatch.delenv("INTREG_MINIMAL_BASE_URL", raising=False)
    monkeypatch.setenv("EXAMPLE_SECRET_KEY", "k")


def with_sla(text: str, sla: str) -> str:
    return text.replace("review:\n", f"sla:\n{sla}review:\n")


@pytest.mark.slow
def test_a_server_a_second_late_fails_a_200_ms_target_with_the_measured_p95(
    make_registry, run_cli, key
) -> None:
    text = with_sla(case_text("minimal"), "  latency_p95_ms: 200\n")
    root = make_registry({"minimal": text})
    with slow_server(text) as url:
        result = run_cli("contract", "minimal", "--base-url", url, "--report", "r.json", cwd=root)
    assert result.exit_code == 1
    figures = re.search(
        r"Latency above target: p95 ([\d,]+) ms > target 200 ms \(p50 ", result.stdout
    )
    assert figures is not None, result.stdout
    assert int(figures.group(1).replace(",", "")) >= DELAY * 1000
    report = json.loads((root / "r.json").read_text(encoding="utf-8"))
    assert report["result"] == "failed"
    assert report["target"] == url
    (operation,) = report["operations"]
    assert operation["operation"] == "GET /v1/charges/{charge}"
    assert operation["result"] == "failed"
    assert operation["p95_ms"] >= DELAY * 1000 and operation["max_ms"] >= operation["p95_ms"]
    assert operation["target_p95_ms"] == 200 and operation["timeout_seconds"] == 10.0
    assert operation["requests"] >= 1 and operation["failures"]


@pytest.mark.slow
def test_the_timeout_comes_from_the_record(make_registry, run_cli, key) -> None:
    # The 1 s answers pass where the endpoint allows 5 s (as a 12 s answer where it allows 15).
    allows_5 = case_text("minimal").replace(SOURCE_LINE, SOURCE_LINE + "    timeout_seconds: 5\n")
    root = make_registry({"minimal": allows_5})
    with slow_server(allows_5) as url:
        result = run_cli("contract", "minimal", "--base-url", url, cwd=root)
    assert result.exit_code == 0, result.stdout
    # and time out where the record (its sla section) allows half a second
    half = with_sla(case_text("minimal"), "  timeout_seconds: 0.5\n")
    root = make_registry({"minimal": half})
    with slow_server(half) as url:
        result = run_cli("contract", "minimal", "--base-url", url, cwd=root)
    assert result.exit_code == 1
    assert re.search(r"Timeout: \d+ of \d+ requests got no answer within 0.5 s", result.stdout)


def test_report_of_a_run_against_the_mock(make_registry, run_cli, monkeypatch) -> None:
    monkeypatch.delenv("INTREG_FULL_BASE_URL", raising=False)
    root = make_registry({"full": case_text("full"), "minimal": case_text("minimal")})
    result = run_cli("contract", "full", "--report", "out/full.json", cwd=root)
    assert result.exit_code == 0
    report = json.loads(Path(root / "out" / "full.json").read_text(encoding="utf-8"))
    assert list(report) == [
        "format",
        "record",
        "when",
        "target",
        "result",
        "latency_targets",
        "operations",
    ]
    assert (report["record"], report["target"], report["result"]) == ("full", "the mock", "passed")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", report["when"])
    (operation,) = report["operations"]
    assert operation["operation"] == "POST /v2/messages"
    assert (operation["result"], operation["failures"]) == ("passed", [])
    assert operation["target_p95_ms"] == 800 and operation["timeout_seconds"] == 10
    assert operation["requests"] > 0 and operation["cases"] > 0
    assert 0 <= operation["p50_ms"] <= operation["p95_ms"] <= operation["max_ms"]


@pytest.mark.slow
def test_latency_report_measures_a_slow_server_without_failing_it(
    make_registry, run_cli, key
) -> None:
    # The target comes from monitoring.targets when neither the endpoint nor sla sets one.
    targets = (
        "monitoring:\n  targets:\n    latency_p95_ms: 200\n"
        "    source: SayPro API documentation standard\n"
    )
    text = case_text("minimal").replace("review:\n", f"{targets}review:\n")
    root = make_registry({"minimal": text})
    with slow_server(text) as url:
        result = run_cli(
            "contract", "minimal", "--base-url", url, "--latency", "report", "--report", "r.json",
            cwd=root,
        )  # fmt: skip
    assert result.exit_code == 0, result.stdout
    figures = re.search(
        r"^PASS GET /v1/charges/\{charge\} \(\d+ cases?\); reported, not enforced: Latency above "
        r"target: p95 ([\d,]+) ms > target 200 ms \(p50 ",
        result.stdout,
    )
    assert figures is not None, result.stdout
    assert int(figures.group(1).replace(",", "")) >= DELAY * 1000
    report = json.loads((root / "r.json").read_text(encoding="utf-8"))
    assert (report["result"], report["latency_targets"]) == ("passed", "reported")
    (operation,) = report["operations"]
    assert (operation["result"], operation["target_p95_ms"]) == ("passed", 200)
    assert operation["p95_ms"] >= DELAY * 1000
    assert "latency" not in [c["check"] for c in operation["checks"]]
    assert {c["result"] for c in operation["checks"]} == {"passed"}
