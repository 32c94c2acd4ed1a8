"""The last run of each record: the newest report wins; a report of no record, or in a file
named for another, is a finding."""

from __future__ import annotations

from intreg.outputs.evidence.runs import ReportFile, last_runs
from tests.outputs.evidence.reports import report, report_bytes


def file(path: str, in_folder: bool = True, **changes: object) -> ReportFile:
    record = changes.pop("record", "minimal")
    return ReportFile(path, report_bytes(report(str(record), **changes)), in_folder)


def test_the_newest_run_wins_and_a_later_file_wins_a_tie() -> None:
    runs, findings = last_runs(
        [
            file("reports/contract/minimal.json", when="2026-11-27T10:00:00Z"),
            file("older.json", False, when="2026-11-26T10:00:00Z"),
            file("newer.json", False, when="2026-11-28T10:00:00Z", target="https://a.example"),
            file("tie.json", False, when="2026-11-28T10:00:00Z", target="https://b.example"),
        ],
        {"minimal"},
    )
    assert findings == []
    assert (runs["minimal"].when, runs["minimal"].target) == (
        "2026-11-28T10:00:00Z",
        "https://b.example",
    )


def test_a_report_of_no_record_and_a_misnamed_one() -> None:
    runs, findings = last_runs(
        [
            file("reports/contract/gone.json", record="gone"),
            file("reports/contract/other.json"),
            file("elsewhere/other.json", False),  # named freely outside the folder
        ],
        {"minimal"},
    )
    assert list(runs) == ["minimal"]
    assert [(f.location, f.code, f.message, f.hint) for f in findings] == [
        (
            "reports/contract/gone.json:1:1",
            "contract-report-unknown-record",
            "a report of `gone`, which is no record in registry/",
            "delete the report, or restore the record it was made for",
        ),
        (
            "reports/contract/other.json:1:1",
            "contract-report-misnamed",
            "a report of `minimal` in other.json",
            "rename it to reports/contract/minimal.json",
        ),
    ]
