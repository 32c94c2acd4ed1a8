"""Finding: one problem in one record, located by file, line, column and field path."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from intreg.records.printable import printable, printable_lines


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that `--fail-on` can compare."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Finding:
    """A problem at `path:line:col` in the field `field`, with a stable `code` and a fix `hint`.

    Lines and columns are 1-based; 0 means the finding concerns the whole file.
    """

    path: str
    line: int
    col: int
    field: str
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        # Messages quote record and spec values; whatever they hold, a finding prints as the
        # one line it is, with no terminal escape or bidi control acting (issue 24).
        # Messages and hints keep their line breaks: each renderer indents or escapes them.
        for name, clean in (("path", printable), ("field", printable),
                            ("message", printable_lines), ("hint", printable_lines)):  # fmt: skip
            value = getattr(self, name)
            safe = clean(value)
            if safe is not value:
                object.__setattr__(self, name, safe)

    def sort_key(self) -> tuple[str, int, int, str, str, str, str, Severity]:
        """The fields in order: sorting by this key is the dataclass order, computed once per
        finding instead of on every comparison (which counts with 25,000 findings)."""
        return (
            self.path,
            self.line,
            self.col,
            self.field,
            self.code,
            self.message,
            self.hint,
            self.severity,
        )

    @property
    def location(self) -> str:
        """`path:line:col`, the form editors and CI turn into links."""
        return f"{self.path}:{self.line}:{self.col}"

    def as_dict(self) -> dict[str, str | int]:
        """The JSON form every `--format json` uses (keys in this order)."""
        return {
            "file": self.path,
            "line": self.line,
            "column": self.col,
            "path": self.field,
            "message": self.message,
            "severity": str(self.severity),
            "code": self.code,
            "hint": self.hint,
        }
