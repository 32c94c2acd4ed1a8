"""bytes -> LoadedRecord or findings: the only way a record file becomes an Integration."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from pydantic import BaseModel, ValidationError

from intreg.records.explain import explain_errors
from intreg.records.facts import FileReport, RecordFacts, facts_of
from intreg.records.field_path import FieldPath, format_path
from intreg.records.fields import fields_at, type_at
from intreg.records.findings import Finding, Severity
from intreg.records.model import Integration
from intreg.records.record import LoadedRecord
from intreg.records.rules import check_record
from intreg.records.secrets import ALLOW_COMMENT, find_suspect, is_allowed, redact
from intreg.records.yaml_core import describe_value
from intreg.records.yaml_reader import Ambiguity, Document, read_yaml

PLACEHOLDER_PREFIX = "TODO"
YAML11 = "yaml11-ambiguous"
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # what libyaml counts as one


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


@dataclass
class Parsed:
    """A file read for a model: its document (None when it is no mapping), the findings so far,
    the suspected secrets by field, and the fields whose model errors those findings cover."""

    document: Document | None
    findings: list[Finding]
    secrets: dict[FieldPath, str] = field(default_factory=dict)
    covered: list[FieldPath] = field(default_factory=list)

    def model_findings(
        self, exc: ValidationError, model: type[BaseModel], path: str
    ) -> list[Finding]:
        """Every finding once the model refused the document, sorted and redacted."""
        assert self.document is not None
        document = self.document
        findings = self.findings + explain_errors(
            exc, model, document.data, document.spans, path, self.covered
        )
        return sorted(_redacted(_unshadowed(findings), self.secrets.values()))

    def finish(self, findings: list[Finding]) -> list[Finding]:
        """`findings` (the reading's and the rules') sorted and redacted."""
        return sorted(_redacted(_unshadowed(findings), self.secrets.values()))


def parse_for(data: bytes, path: str, model: type[BaseModel]) -> Parsed:
    """Read a record file of `model`: YAML, a mapping, YAML 1.1 readings, secrets, placeholders."""
    document, findings = read_yaml(data, path)
    if document is None:
        return Parsed(None, findings)
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
        return Parsed(None, findings)
    findings += [_yaml11_finding(a, path) for a in document.ambiguities if _matters(a, model)]
    secrets = _scan_secrets(document, data, path, findings)
    placeholders = _scan_placeholders(document, path, findings, secrets.values(), model)
    # A placeholder, a secret or a forbidden character is reported already, and better.
    covered = [*placeholders, *secrets, *document.refused, *document.typed_keys]
    return Parsed(document, findings, secrets, covered)


def id_mismatch(
    found: str, expected_id: str | None, finding: Callable[..., Finding]
) -> list[Finding]:
    """The finding for an `id` other than the file stem, if it is."""
    if expected_id is None or found == expected_id:
        return []
    return [
        finding(
            ("id",),
            "id-mismatch",
            f"id `{found}` does not match the file name `{expected_id}.yaml`",
            f"rename the file to {found}.yaml, or set id: {expected_id}",
        )
    ]


def load_record(data: bytes, path: str, expected_id: str | None = None) -> LoadResult:
    """Load one record file; `expected_id` is its file stem, which `id` must equal."""
    parsed = parse_for(data, path, Integration)
    if parsed.document is None:
        return LoadResult(path, None, parsed.findings)
    document = parsed.document
    try:
        record = Integration.model_validate(document.data)
    except ValidationError as exc:
        return LoadResult(path, None, parsed.model_findings(exc, Integration, path))
    loaded = LoadedRecord(path, record, data)
    loaded.__dict__["spans"] = document.spans  # already built: spare the rules a second parse
    findings = parsed.findings + id_mismatch(record.id, expected_id, loaded.finding)
    findings += check_record(loaded)
    return LoadResult(path, loaded, parsed.finish(findings), facts_of(loaded))


def _scan_secrets(
    document: Document, data: bytes, path: str, findings: list[Finding]
) -> dict[FieldPath, str]:
    """Report values that look like credentials, unless their line allows them; return the
    suspected secrets by field."""
    secrets: dict[FieldPath, str] = {}
    lines: list[str] | None = None
    for field_path, text in document.strings:
        suspect = find_suspect(text, _name_of(field_path))
        if suspect is None:
            continue
        if lines is None:  # only files with a suspect are split into lines
            lines = _LINE_BREAK.split(data.decode("utf-8-sig"))
        if is_allowed(lines[document.spans[field_path].line - 1], text):
            continue
        secrets[field_path] = suspect.value
        findings.append(
            _string_finding(
                document,
                path,
                field_path,
                "secret-in-record",
                f"looks like {suspect.kind}: {suspect.excerpt}",
                "a record holds environment-variable names, never values: remove it and rotate "
                f"the credential if it was real; a documented example may stay, with "
                f"`{ALLOW_COMMENT}` at the end of its line",
            )
        )
    return secrets


def _scan_placeholders(
    document: Document,
    path: str,
    findings: list[Finding],
    secrets: Iterable[str],
    model: type[BaseModel],
) -> list[FieldPath]:
    """Report placeholders; return their paths."""
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
                    f"still a placeholder: {_clip(redact(text, secrets))}",
                    _placeholder_hint(field_path, model),
                )
            )
    return placeholders


def _matters(ambiguity: Ambiguity, model: type[BaseModel]) -> bool:
    """False for a plain date in a date field: every reader takes it for that date."""
    date = type(ambiguity.yaml11) is dt.date and not ambiguity.on_key
    return not (date and type_at(model, ambiguity.path) is dt.date)


def _unshadowed(findings: list[Finding]) -> list[Finding]:
    """`findings` without YAML 1.1 warnings on a value already refused (`secret: on`)."""
    refused = {(f.line, f.col) for f in findings if f.severity == Severity.ERROR}
    return [f for f in findings if f.code != YAML11 or (f.line, f.col) not in refused]


def _yaml11_finding(ambiguity: Ambiguity, path: str) -> Finding:
    text = ambiguity.text
    return Finding(
        path,
        ambiguity.line,
        ambiguity.col,
        format_path(ambiguity.path),
        YAML11,
        f"editors and intreg (YAML 1.2) read `{text}` as {describe_value(ambiguity.value)}, "
        f"YAML 1.1 readers (PyYAML, older tools) as {describe_value(ambiguity.yaml11)}",
        _yaml11_hint(ambiguity),
        Severity.WARNING,
    )


def _yaml11_hint(ambiguity: Ambiguity) -> str:
    value = ambiguity.value
    if isinstance(value, str):
        return f'quote it ("{value}") so that it means one thing to every reader'
    shown = str(value).lower() if isinstance(value, bool) else str(value)
    return f"write it as {shown}, which every reader reads alike"


def _name_of(field_path: FieldPath) -> str:
    """The key a value is filed under (`client_secret`; for a list item, the list's key)."""
    return next((str(p) for p in reversed(field_path) if isinstance(p, str)), "")


def _redacted(findings: list[Finding], secrets: Iterable[str]) -> list[Finding]:
    """`findings` without any suspected secret in full: rules quote values (issue 16)."""
    values = list(secrets)
    if not values:
        return findings
    return [
        replace(f, message=redact(f.message, values), hint=redact(f.hint, values)) for f in findings
    ]


def _string_finding(
    document: Document, path: str, field_path: FieldPath, code: str, message: str, hint: str
) -> Finding:
    span = document.spans[field_path]
    return Finding(path, span.line, span.col, format_path(field_path), code, message, hint)


def _placeholder_hint(field_path: FieldPath, model: type[BaseModel]) -> str:
    info = fields_at(model, field_path[:-1]).get(str(field_path[-1]))
    if info is None or info.description is None:
        return "replace it with the real value"
    return f"replace it with the real value: {info.description}"


def _clip(text: str, keep: int = 60) -> str:
    first_line = text.splitlines()[0] if text else text
    return f"`{first_line[:keep]}…`" if len(text) > keep else f"`{first_line}`"
