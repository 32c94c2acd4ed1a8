"""The last contract run of each record, from the report files a project keeps and the ones
given to `intreg generate --contract-report`."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from intreg.outputs.evidence.report import ContractReport, parse_report
from intreg.records.findings import Finding

# Where a project commits its reports, one per record: reports/contract/<id>.json.
FOLDER = PurePosixPath("reports") / "contract"


@dataclass(frozen=True)
class ReportFile:
    """A report's bytes, the path shown in findings, and whether it sits in FOLDER (where its
    name must be its record's id)."""

    path: str
    data: bytes
    in_folder: bool = False


def last_runs(
    files: Sequence[ReportFile], ids: Collection[str]
) -> tuple[dict[str, ContractReport], list[Finding]]:
    """The latest valid run of each record in `ids` (a later file wins a tie), or the findings
    of every file that is no report, or a report of no such record."""
    runs: dict[str, ContractReport] = {}
    findings: list[Finding] = []
    for file in files:
        report, found = parse_report(file.data, file.path)
        findings += found
        if report is None:
            continue
        problem = _misplaced(report, file, ids)
        if problem is not None:
            findings.append(problem)
            continue
        latest = runs.get(report.record)
        if latest is None or report.when >= latest.when:  # text order is time order
            runs[report.record] = report
    return runs, findings


def _misplaced(report: ContractReport, file: ReportFile, ids: Collection[str]) -> Finding | None:
    if report.record not in ids:
        return Finding(
            file.path, 1, 1, "record", "contract-report-unknown-record",
            f"a report of `{report.record}`, which is no record in registry/",
            "delete the report, or restore the record it was made for",
        )  # fmt: skip
    stem = PurePosixPath(file.path).stem
    if file.in_folder and stem != report.record:
        return Finding(
            file.path, 1, 1, "record", "contract-report-misnamed",
            f"a report of `{report.record}` in {stem}.json",
            f"rename it to {FOLDER}/{report.record}.json",
        )  # fmt: skip
    return None
