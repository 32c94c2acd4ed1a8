"""The contract report: the runner's JSON reads back as written; anything else is a finding at
its line and column, never a traceback."""

from __future__ import annotations

from intreg.outputs.evidence.report import ContractReport, parse_report, render_report
from tests.outputs.evidence.reports import operation, report, report_bytes


def test_a_report_reads_back_byte_for_byte() -> None:
    data = report_bytes(report())
    parsed, findings = parse_report(data, "r.json")
    assert findings == [] and isinstance(parsed, ContractReport)
    assert render_report(parsed) == data


def test_a_report_without_checks_or_latency_mode_still_reads() -> None:
    old = report(operations=[{k: v for k, v in operation().items() if k != "checks"}])
    del old["latency_targets"]
    parsed, findings = parse_report(report_bytes(old), "r.json")
    assert findings == [] and parsed is not None
    assert parsed.latency_targets == "enforced" and parsed.operations[0].checks == []


def messages(data: bytes) -> list[str]:
    parsed, findings = parse_report(data, "reports/contract/minimal.json")
    assert parsed is None
    return [f"{f.location}: {f.field}: {f.message} [{f.code}]" for f in findings]


def test_not_json_is_located() -> None:
    assert messages(b'{"format": 1,\n  "record": }\n') == [
        "reports/contract/minimal.json:2:13: : not JSON: Expecting value [contract-report-invalid]"
    ]


def test_not_utf8_and_not_a_report() -> None:
    assert messages(b"\xff{}") == [
        "reports/contract/minimal.json:1:1: : not UTF-8 text (byte 0) [contract-report-invalid]"
    ]
    assert messages(b"[1]") == [
        "reports/contract/minimal.json:1:1: format: not a contract report of format 1 "
        "(found 'list') [contract-report-invalid]"
    ]
    assert messages(report_bytes(report(format=2))) == [
        "reports/contract/minimal.json:1:1: format: not a contract report of format 1 "
        "(found 2) [contract-report-invalid]"
    ]


def test_a_bad_field_is_named_at_its_line() -> None:
    data = report_bytes(report(operations=[operation(p95_ms="fast")]))
    line = data.decode().splitlines().index('      "p95_ms": "fast",') + 1
    assert messages(data) == [
        f"reports/contract/minimal.json:{line}:17: operations[0].p95_ms: expected a whole "
        "number, found the text `fast` [contract-report-invalid]"
    ]


def test_an_unknown_field_and_a_missing_one() -> None:
    value = report(extra=1)
    del value["target"]
    found = messages(report_bytes(value))
    assert len(found) == 2
    assert any("extra" in m and "[contract-report-invalid]" in m for m in found), found
    assert any(": target: " in m for m in found), found


def test_figures_that_contradict_each_other_are_refused() -> None:
    cases = {
        "result 'passed' disagrees with 1 failures": operation(failures=["Server error"]),
        "p50_ms <= p95_ms <= max_ms does not hold": operation(p50_ms=40),
        "p50_ms, p95_ms and max_ms are all figures or all null": operation(max_ms=None),
        "skipped operations, and only they, say why": operation(result="skipped"),
    }
    for expected, bad in cases.items():
        (message,) = messages(report_bytes(report(operations=[bad])))
        assert expected in message and "operations[0]" in message, message
    failed = operation(result="failed", failures=["Server error: 500"])
    (message,) = messages(report_bytes(report(operations=[failed])))
    assert "result 'passed' disagrees with the operations' results" in message


def test_above_target() -> None:
    parsed, _ = parse_report(
        report_bytes(report(operations=[operation(p95_ms=201, max_ms=250)])), "r"
    )
    assert parsed is not None and parsed.operations[0].above_target
    parsed, _ = parse_report(report_bytes(report(operations=[operation(target_p95_ms=None)])), "r")
    assert parsed is not None and not parsed.operations[0].above_target
