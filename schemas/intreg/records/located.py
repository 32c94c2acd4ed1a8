"""Findings located in a loaded file: what a loaded integration record and system share."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from intreg.records.field_path import FieldPath, format_path
from intreg.records.findings import Finding, Severity
from intreg.records.yaml_reader import Span, read_yaml


class Located:
    """Mixin for a frozen dataclass with `path` and `source`: positions and findings in its file.

    Field positions are rebuilt from the source the first time a finding needs one: most
    files never report anything, and a map of every field is large to keep or to send
    between processes.
    """

    path: str
    source: bytes

    @cached_property
    def spans(self) -> dict[FieldPath, Span]:
        """Where every field path starts in the file."""
        document, _ = read_yaml(self.source, self.path)
        assert document is not None  # it parsed once already, to give the model
        return document.spans

    def __getstate__(self) -> dict[str, Any]:
        # Positions are cheap to rebuild and costly to pickle: leave them behind.
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
