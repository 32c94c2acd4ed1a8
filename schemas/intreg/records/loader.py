"""bytes -> LoadedRecord or findings: the only way a record file becomes an Integration."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from intreg.records.explain import explain_errors
from intreg.records.facts import FileReport, RecordFacts, facts_of
from intreg.records.field_path import FieldPath, format_path
from intreg.records.fields import fields_at
from intreg.records.findings import Finding, Severity
from intreg.records.model import Integration
from intreg.records.record import LoadedRecord
from intreg.records.rules import check_record
from intreg.records.secrets import find_secret
from intreg.records.yaml_reader import Document, read_yaml

PLACEHOLDER_PREFIX = "TODO"


@dataclass(frozen=True)
class LoadResult:
    """What loading one file gave: the record when it passed the model, and every finding."""

    path: str
    record: LoadedRecord | None
    findings: list[Finding] = field(default_factory=list)
    facts: RecordFacts | None = None

    @property
    def ok(self) -> bool:
        """True when the record loaded and no finding is an error."""
        return self.record is not None and all(f.severity < Severity.ERROR for f in self.findings)

    @property
    def report(self) -> FileReport:
        """The same without the record: what the cache keeps and the checks read."""
        return FileReport(self.path, self.facts, tuple(self.findings))


def load_record(data: bytes, path: str, expected_id: str | None = None) -> LoadResult:
    """Load one record file; `expected_id` is its file stem, which `id` must equal."""
    document, findings = read_yaml(data, path)
    if document is None:
        return LoadResult(path, None, findings)
    if not isinstance(document.data, dict):
        root = document.spans[()]
        findings.append(
            Finding(
                path,
                root.line,
                root.col,
                "",
                "not-a-mapping",
                "a record must be a mapping of `key: value` lines",
                "start from `intreg new ID`",
            )
        )
        return LoadResult(path, None, findings)
    placeholders = _scan_strings(document, path, findings)
    try:
        record = Integration.model_validate(document.data)
    except ValidationError as exc:
        # A placeholder or a forbidden character is reported already, and better.
        skip = [*placeholders, *document.refused]
        findings += explain_errors(exc, Integration, document.data, document.spans, path, skip)
        return LoadResult(path, None, sorted(findings))
    loaded = LoadedRecord(path, record, data)
    loaded.__dict__["spans"] = document.spans  # already built: spare the rules a second parse
    if expected_id is not None and record.id != expected_id:
        findings.append(
            loaded.finding(
                ("id",),
                "id-mismatch",
                f"id `{record.id}` does not match the file name `{expected_id}.yaml`",
                f"rename the file to {record.id}.yaml, or set id: {expected_id}",
            )
        )
    findings += check_record(loaded)
    return LoadResult(path, loaded, sorted(findings), facts_of(loaded))


def _scan_strings(document: Document, path: str, findings: list[Finding]) -> list[FieldPath]:
    """Report placeholders and secret-looking values; return the placeholder paths."""
    placeholders = []
    for field_path, text in document.strings:
        if text.startswith(PLACEHOLDER_PREFIX):
            placeholders.append(field_path)
            findings.append(
                _string_finding(
                    document,
                    path,
                    field_path,
                    "placeholder",
                    f"still a placeholder: {_clip(text)}",
                    _placeholder_hint(field_path),
                )
            )
        kind = find_secret(text)
        if kind is not None:
            findings.append(
                _string_finding(
                    document,
                    path,
                    field_path,
                    "secret-in-record",
                    f"looks like {kind}: {_clip(text, 12)}",
                    "a record holds environment-variable names, never values: "
                    "remove it and rotate the credential if it was real",
                )
            )
    return placeholders


def _string_finding(
    document: Document, path: str, field_path: FieldPath, code: str, message: str, hint: str
) -> Finding:
    span = document.spans[field_path]
    return Finding(path, span.line, span.col, format_path(field_path), code, message, hint)


def _placeholder_hint(field_path: FieldPath) -> str:
    info = fields_at(Integration, field_path[:-1]).get(str(field_path[-1]))
    if info is None or info.description is None:
        return "replace it with the real value"
    return f"replace it with the real value: {info.description}"


def _clip(text: str, keep: int = 60) -> str:
    first_line = text.splitlines()[0] if text else text
    return f"`{first_line[:keep]}…`" if len(text) > keep else f"`{first_line}`"
