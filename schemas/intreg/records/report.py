"""Render findings as text (path:line:col), JSON or GitHub workflow annotations."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import click

from intreg.records.findings import Finding, Severity
from intreg.records.json_text import dumps_indented

SEVERITY_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render_text(findings: Sequence[Finding], color: bool = False) -> str:
    """One `path:line:col: severity: field: message [code]` line per finding, hint below.

    With `color`, the location is bold and the severity coloured (ANSI escapes for a terminal).
    """
    lines = []
    for f in findings:
        field = f"{f.field}: " if f.field else ""
        location, severity = f.location, str(f.severity)
        if color:
            location = click.style(location, bold=True)
            severity = click.style(severity, fg=SEVERITY_COLORS[f.severity], bold=True)
        message = f.message.replace("\n", "\n    ")  # never a line that looks like a finding
        lines.append(f"{location}: {severity}: {field}{message} [{f.code}]")
        if f.hint:
            lines.append("  hint: " + f.hint.replace("\n", "\n    "))
    return "".join(line + "\n" for line in lines)


def render_json(findings: Sequence[Finding]) -> str:
    """A JSON list of findings with file, line, column, path, message, severity, code, hint."""
    rows = [f.as_dict() for f in findings]
    return dumps_indented(rows) + "\n"


def render_github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`), one per finding."""
    lines = []
    for f in findings:
        level = {"error": "error", "warning": "warning"}.get(str(f.severity), "notice")
        props = ",".join(
            f"{k}={_escape_property(str(v))}"
            for k, v in (("file", f.path), ("line", f.line), ("col", f.col), ("title", f.code))
        )
        text = f"{f.field}: {f.message}" if f.field else f.message
        if f.hint:
            text += f"\nhint: {f.hint}"
        lines.append(f"::{level} {props}::{_escape_data(text)}")
    return "".join(line + "\n" for line in lines)


def _escape_data(text: str) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


RENDERERS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
