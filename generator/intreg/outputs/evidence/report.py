"""The contract report: one run of one record's contract tests, as `intreg contract --report`
writes it and `intreg generate` reads it back (format 1).

The writer and the reader share this model, so a report the runner writes always reads back;
a report from elsewhere is checked field by field, with findings at its line and column.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationError, model_validator

from intreg.records.explain import explain_errors
from intreg.records.findings import Finding
from intreg.records.types import Count, Number, Part, Slug
from intreg.records.yaml_reader import Span, read_yaml

FORMAT = 1
# UTC to the second, as the runner writes it: text order is time order.
WHEN_PATTERN = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"
When = Annotated[str, StringConstraints(pattern=WHEN_PATTERN)]
Line = Annotated[str, StringConstraints(min_length=1)]
Millis = Annotated[Count, Field(ge=0)]


class CheckRun(Part):
    """One check on one operation: did any request fail it."""

    check: Line = Field(description="The check's name, e.g. status_code_conformance, latency.")
    result: Literal["passed", "failed"]


class OperationRun(Part):
    """One operation's outcome in a run, with its latency against its target."""

    operation: Line = Field(description="METHOD /path, as in the stub.")
    result: Literal["passed", "failed", "skipped"]
    requests: Millis = Field(description="Requests sent (and timed).")
    cases: Millis = Field(description="Test cases schemathesis generated.")
    failures: list[Line] = Field(description="Each distinct failure, one line.")
    p50_ms: Millis | None
    p95_ms: Millis | None
    max_ms: Millis | None
    target_p95_ms: Count | None = Field(gt=0, description="The p95 the record allows, in ms.")
    timeout_seconds: Number | None = Field(gt=0)
    skipped: Line | None = Field(description="Why the operation was not sent, if it was not.")
    checks: list[CheckRun] = Field(
        default_factory=list, description="Each check that ran, in the order it first ran."
    )

    @model_validator(mode="after")
    def _consistent(self) -> OperationRun:
        if (self.result == "failed") != bool(self.failures):
            raise ValueError(f"result {self.result!r} disagrees with {len(self.failures)} failures")
        if (self.result == "skipped") != (self.skipped is not None):
            raise ValueError("skipped operations, and only they, say why they were skipped")
        figures = [f for f in (self.p50_ms, self.p95_ms, self.max_ms) if f is not None]
        if len(figures) not in (0, 3):
            raise ValueError("p50_ms, p95_ms and max_ms are all figures or all null")
        if figures != sorted(figures):
            raise ValueError("p50_ms <= p95_ms <= max_ms does not hold")
        if any(c.result == "failed" for c in self.checks) and self.result != "failed":
            raise ValueError(f"result {self.result!r} disagrees with a failed check")
        return self

    @property
    def above_target(self) -> bool:
        """True when the measured p95 is above the operation's target."""
        if self.p95_ms is None or self.target_p95_ms is None:
            return False
        return self.p95_ms > self.target_p95_ms


class ContractReport(Part):
    """One contract run of one record: when, against what, and each operation's outcome."""

    format: Literal[1] = Field(description="The report format; 1.")
    record: Slug = Field(description="The id of the record whose contract ran.")
    when: When = Field(description="When the run started, UTC: YYYY-MM-DDTHH:MM:SSZ.")
    target: Line = Field(description="The API tested (credentials removed), or `the mock`.")
    result: Literal["passed", "failed"]
    latency_targets: Literal["enforced", "reported"] = Field(
        default="enforced",
        description="Whether a p95 above its target failed the run, or was only reported.",
    )
    operations: list[OperationRun]

    @model_validator(mode="after")
    def _consistent(self) -> ContractReport:
        failed = any(o.result == "failed" for o in self.operations)
        if failed != (self.result == "failed"):
            raise ValueError(f"result {self.result!r} disagrees with the operations' results")
        return self


def render_report(report: ContractReport) -> bytes:
    """The report as indented JSON, keys in model order, ending with a newline."""
    data = report.model_dump(mode="json")
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def parse_report(data: bytes, path: str) -> tuple[ContractReport | None, list[Finding]]:
    """The report in `data` (the file `path`), or the findings that say why it is none."""
    try:
        value = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, [_finding(path, 1, 1, "", f"not UTF-8 text (byte {exc.start})")]
    except json.JSONDecodeError as exc:
        return None, [_finding(path, exc.lineno, exc.colno, "", f"not JSON: {exc.msg}")]
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        found = value.get("format") if isinstance(value, dict) else type(value).__name__
        message = f"not a contract report of format {FORMAT} (found {found!r})"
        return None, [_finding(path, 1, 1, "format", message)]
    try:
        return ContractReport.model_validate(value), []
    except ValidationError as error:
        return None, _explained(error, value, data, path)


def _explained(error: ValidationError, value: Any, data: bytes, path: str) -> list[Finding]:
    # JSON is YAML 1.2: the record reader gives every field's position.
    document, _ = read_yaml(data, path)
    spans: dict[tuple[str | int, ...], Span] = dict(document.spans) if document else {}
    spans.setdefault((), Span(1, 1, 1, 1))
    found = explain_errors(error, ContractReport, value, spans, path)
    return [_as_report_finding(f) for f in found]


def _as_report_finding(finding: Finding) -> Finding:
    return Finding(
        finding.path,
        finding.line,
        finding.col,
        finding.field,
        "contract-report-invalid",
        finding.message,
        finding.hint or _HINT,
    )


_HINT = "write reports with `intreg contract ID --report FILE`; do not edit them by hand"


def _finding(path: str, line: int, col: int, field: str, message: str) -> Finding:
    return Finding(path, line, col, field, "contract-report-invalid", message, _HINT)
