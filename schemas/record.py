"""LoadedRecord: a valid Integration together with where each of its fields sits in the file."""

from __future__ import annotations

from dataclasses import dataclass

from schemas.findings import Finding, Severity
from schemas.model import Integration
from schemas.yaml_reader import FieldPath, Span, format_path


@dataclass(frozen=True)
class LoadedRecord:
    """A record that passed the model, with its file path and field positions."""

    path: str
    record: Integration
    spans: dict[FieldPath, Span]

    def position(self, field_path: FieldPath) -> tuple[int, int]:
        """Line and column of the field, or of its nearest ancestor present in the file."""
        while field_path not in self.spans:
            field_path = field_path[:-1]
        span = self.spans[field_path]
        return span.line, span.col

    def finding(
        self,
        field_path: FieldPath,
        code: str,
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> Finding:
        """A finding located at `field_path` in this record's file."""
        line, col = self.position(field_path)
        return Finding(self.path, line, col, format_path(field_path), code, message, hint, severity)
