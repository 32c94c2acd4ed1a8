"""bytes -> LoadedSystem or findings: the only way a system file becomes a System."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pydantic import ValidationError

from intreg.records.field_path import FieldPath, format_path
from intreg.records.findings import Finding, Severity
from intreg.records.loader import id_mismatch, parse_for
from intreg.records.system import System
from intreg.records.system_facts import SystemFacts, system_facts_of
from intreg.records.system_rules import check_system
from intreg.records.yaml_reader import Span, read_yaml


@dataclass(frozen=True)
class LoadedSystem:
    """A system record that passed the model, with its file path and its source bytes."""

    path: str
    system: System
    source: bytes = field(repr=False)

    @cached_property
    def spans(self) -> dict[FieldPath, Span]:
        """Where every field path starts in the file."""
        document, _ = read_yaml(self.source, self.path)
        assert document is not None  # it parsed once already, to give `system`
        return document.spans

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "spans"}

    def position(self, field_path: FieldPath) -> tuple[int, int]:
        """Line and column of the field, or of its nearest ancestor present in the file."""
        spans = self.spans
        while field_path not in spans:
            field_path = field_path[:-1]
        span = spans[field_path]
        return span.line, span.col

    def finding(
        self,
        field_path: FieldPath,
        code: str,
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> Finding:
        """A finding located at `field_path` in this file."""
        line, col = self.position(field_path)
        return Finding(self.path, line, col, format_path(field_path), code, message, hint, severity)


@dataclass(frozen=True)
class SystemLoadResult:
    """What loading one system file gave: the system when it passed the model, every finding."""

    path: str
    system: LoadedSystem | None
    findings: list[Finding] = field(default_factory=list)
    facts: SystemFacts | None = None


def load_system(data: bytes, path: str, expected_id: str | None = None) -> SystemLoadResult:
    """Load one system file; `expected_id` is its file stem, which `id` must equal."""
    parsed = parse_for(data, path, System)
    if parsed.document is None:
        return SystemLoadResult(path, None, parsed.findings)
    document = parsed.document
    try:
        system = System.model_validate(document.data)
    except ValidationError as exc:
        return SystemLoadResult(path, None, parsed.model_findings(exc, System, path))
    loaded = LoadedSystem(path, system, data)
    loaded.__dict__["spans"] = document.spans
    findings = parsed.findings + id_mismatch(system.id, expected_id, loaded.finding)
    findings += check_system(loaded)
    return SystemLoadResult(path, loaded, parsed.finish(findings), system_facts_of(loaded))
