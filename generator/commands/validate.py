"""`intreg validate`: check records and report every finding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.project import Project
from generator.report import RENDERERS, render_text
from schemas.findings import Finding, Severity
from schemas.registry import Progress, find_record_files, load_registry, no_progress


@dataclass(frozen=True)
class Outcome:
    """What a command produced: its exit code, its report (stdout) and a summary (stderr)."""

    exit_code: int
    report: str
    summary: str


def validate(
    paths: Sequence[Path],
    project: Project | None,
    cwd: Path,
    output_format: str,
    fail_on: Severity,
    *,
    color: bool = False,
    progress: Progress = no_progress,
) -> Outcome:
    """Validate the records at `paths`; the rest of the project's registry is context.

    `color` styles the text report for a terminal; `progress` hears of each file loaded.
    """
    files = find_record_files(paths)
    context = find_record_files([project.registry]) if project is not None else []
    registry = load_registry(files, cwd, context=context, progress=progress)
    if output_format == "text":
        report = render_text(registry.findings, color=color)
    else:
        report = RENDERERS[output_format](registry.findings)
    failing = any(f.severity >= fail_on for f in registry.findings)
    return Outcome(1 if failing else 0, report, summarise(len(files), registry.findings))


def summarise(file_count: int, findings: Sequence[Finding]) -> str:
    """`3 records valid`, or counts of errors and warnings and of files with errors."""
    noun = "record" if file_count == 1 else "records"
    if not findings:
        return f"{file_count} {noun} valid"
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity == Severity.WARNING)
    invalid = len({f.path for f in findings if f.severity == Severity.ERROR})
    return (
        f"{_count(errors, 'error')} and {_count(warnings, 'warning')} in {file_count} {noun} "
        f"({invalid} invalid)"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
