"""`intreg validate`: check records and report every finding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from intreg.records.cache import ResultCache
from intreg.records.check_files import check_files
from intreg.records.files import Progress, display_path, find_record_files, no_progress
from intreg.records.findings import Finding, Severity
from intreg.records.levels import Level
from intreg.records.project import Project, is_system_file
from intreg.records.report import RENDERERS, render_text


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
    cache: ResultCache | None = None,
    color: bool = False,
    progress: Progress = no_progress,
    min_level: Level | None = None,
) -> Outcome:
    """Validate the records at `paths`; the rest of the project's registry is context.

    `cache` answers for files it has seen with the same bytes; `color` styles the text report
    for a terminal; `progress` hears of each file loaded; `min_level` adds a finding for each
    record whose documentation scores below it (see scorecard).
    """
    files = find_record_files(paths, None if project is None else project.root)
    context = []
    if project is not None:
        whole = list(paths) == [project.registry]
        context = files if whole else project.all_record_files()
    findings = check_files(files, cwd, context, cache, progress).findings
    if min_level is not None:
        # Imported only now: scoring needs the model, which a fully cached run never imports.
        from intreg.records.min_level import below_level

        scored = [f for f in files if not is_system_file(f)]  # levels score integrations
        shown = [display_path(f, cwd) for f in scored]
        findings = sorted([*findings, *below_level(scored, shown, min_level)], key=Finding.sort_key)
    if output_format == "text":
        report = render_text(findings, color=color)
    else:
        report = RENDERERS[output_format](findings)
    failing = any(f.severity >= fail_on for f in findings)
    return Outcome(1 if failing else 0, report, summarise(len(files), findings))


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
