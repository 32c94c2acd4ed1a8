"""Check record files for `validate` and `reviews`: findings and facts, from the cache if it can.

Only files whose bytes (or whose intreg) changed since the cache was written are loaded; the
cross-record rules then run over everyone's facts, so a change in one file still shows up in
the findings of another (a fallback to a deleted record, an id taken twice).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from intreg.records.cache import ResultCache, no_garbage_collection
from intreg.records.cross_rules import cross_findings
from intreg.records.facts import FileReport
from intreg.records.files import Progress, display_path, no_progress
from intreg.records.findings import Finding


@dataclass(frozen=True)
class Checked:
    """The report of each target file, in order, and every finding about them, sorted."""

    reports: list[FileReport]
    findings: list[Finding]


def check_files(
    files: Sequence[Path],
    base: Path,
    context: Sequence[Path] = (),
    cache: ResultCache | None = None,
    progress: Progress = no_progress,
) -> Checked:
    """Check `files` on their own and against each other and the `context` files.

    As in load_registry, context files take part in the rules across records (see
    cross_findings) but their own findings are not reported.
    `progress` counts the files that had to be loaded.
    """
    shown = [display_path(f, base) for f in files]
    wanted = set(shown)
    pending = [(f, p) for f in context if (p := display_path(f, base)) not in wanted]
    everything = [*files, *(f for f, _ in pending)]
    reports = _reports(everything, [*shown, *(p for _, p in pending)], base, cache, progress)
    targets, others = reports[: len(files)], reports[len(files) :]
    with no_garbage_collection():
        cross = cross_findings(
            [r.facts for r in targets],
            [r.facts for r in others],
            [r.system for r in targets],
            [r.system for r in others],
        )
        found = [f for r in targets for f in r.findings] + cross
        return Checked(targets, sorted(found, key=Finding.sort_key))


def file_reports(
    files: Sequence[Path],
    base: Path,
    cache: ResultCache | None = None,
    progress: Progress = no_progress,
) -> list[FileReport]:
    """Each file's own report, without the rules across records (for `intreg reviews`)."""
    return _reports(files, [display_path(f, base) for f in files], base, cache, progress)


def _reports(
    files: Sequence[Path],
    shown: Sequence[str],
    base: Path,
    cache: ResultCache | None,
    progress: Progress,
) -> list[FileReport]:
    found: list[FileReport | None] = [None] * len(files)
    if cache is not None:
        with no_garbage_collection():
            for i, file in enumerate(files):
                found[i] = cache.get(file, shown[i])
    misses = [i for i, report in enumerate(found) if report is None]
    if misses:
        # Imported only now: loading needs the model, which a fully cached run never imports.
        from intreg.records.registry import report_files

        loaded = report_files([files[i] for i in misses], base, progress)
        for i, (stamp, report) in zip(misses, loaded, strict=True):
            found[i] = report
            if cache is not None:
                cache.put(files[i], stamp, report)
    if cache is not None:
        cache.save()
    return [report for report in found if report is not None]
