"""Contract reports as the runner writes them, for tests."""

from __future__ import annotations

import json
from typing import Any


def operation(label: str = "GET /v1/charges/{charge}", **changes: Any) -> dict[str, Any]:
    """A passing operation with figures; `changes` replace its fields."""
    base: dict[str, Any] = {
        "operation": label,
        "result": "passed",
        "requests": 12,
        "cases": 9,
        "failures": [],
        "p50_ms": 4,
        "p95_ms": 17,
        "max_ms": 30,
        "target_p95_ms": 200,
        "timeout_seconds": 10.0,
        "skipped": None,
        "checks": [
            {"check": "status_code_conformance", "result": "passed"},
            {"check": "timeout", "result": "passed"},
            {"check": "latency", "result": "passed"},
        ],
    }
    return {**base, **changes}


def report(record: str = "minimal", **changes: Any) -> dict[str, Any]:
    """A passing report of one operation; `changes` replace its fields."""
    base: dict[str, Any] = {
        "format": 1,
        "record": record,
        "when": "2026-11-27T10:00:00Z",
        "target": "the mock",
        "result": "passed",
        "latency_targets": "enforced",
        "operations": [operation()],
    }
    return {**base, **changes}


def report_bytes(value: dict[str, Any]) -> bytes:
    return (json.dumps(value, indent=2) + "\n").encode("utf-8")
