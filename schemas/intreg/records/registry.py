"""Load many record files and apply the rules that span records."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from intreg.records.cache import Stamp, read_stamped
from intreg.records.cross_rules import cross_findings
from intreg.records.facts import FileReport
from intreg.records.files import Progress, display_path, no_progress, read_record
from intreg.records.findings import Finding, Severity
from intreg.records.loader import LoadResult, load_record
from intreg.records.project import is_system_file
from intreg.records.record import LoadedRecord
from intreg.records.system_loader import LoadedSystem, SystemLoadResult, load_system
from intreg.records.workers import die_with_parent

PARALLEL_FROM = 200  # files per worker below which starting processes costs more than it saves
CHUNK = 50  # files a worker loads per task
_METHODS = multiprocessing.get_all_start_methods()
T = TypeVar("T")


@dataclass(frozen=True)
class Registry:
    """Every loaded file, and every finding (per-record and cross-record), sorted."""

    results: list[LoadResult]
    findings: list[Finding]
    system_results: list[SystemLoadResult] = field(default_factory=list)

    @property
    def records(self) -> list[LoadedRecord]:
        """The records that passed the model, in path order."""
        return [r.record for r in self.results if r.record is not None]

    @property
    def systems(self) -> list[LoadedSystem]:
        """The system records that passed the model, in path order."""
        return [s.system for s in self.system_results if s.system is not None]

    @property
    def ok(self) -> bool:
        """True when there is no error anywhere."""
        return all(f.severity < Severity.ERROR for f in self.findings)


def load_files(
    files: Sequence[Path], base: Path, progress: Progress = no_progress
) -> list[LoadResult]:
    """Load each file, in order; an unreadable file raises IntregError (an I/O problem)."""
    return _map_files(_load_one, files, base, progress)


def report_files(
    files: Sequence[Path], base: Path, progress: Progress = no_progress
) -> list[tuple[Stamp, FileReport]]:
    """Check each file, in order: the stamp of the bytes checked, for the cache, and the report
    without the record (cheaper to send between processes than a whole record)."""
    return _map_files(_report_one, files, base, progress)


def _map_files(
    work: Callable[[Path, Path], T], files: Sequence[Path], base: Path, progress: Progress
) -> list[T]:
    """`work(file, base)` for each file, in order; large registries use every core, each
    worker process taking a chunk of files."""
    workers = min(os.cpu_count() or 1, len(files) // PARALLEL_FROM)
    if workers < 2:
        results = []
        for done, file in enumerate(files, start=1):
            results.append(work(file, base))
            progress(done, len(files))
        return results
    chunks = [list(files[i : i + CHUNK]) for i in range(0, len(files), CHUNK)]
    results = []
    context = multiprocessing.get_context("fork" if "fork" in _METHODS else "spawn")
    pool = ProcessPoolExecutor(workers, context, die_with_parent, (os.getpid(),))
    with pool:
        for chunk in pool.map(_work_chunk, [work] * len(chunks), chunks, [base] * len(chunks)):
            results.extend(chunk)
            progress(len(results), len(files))
    return results


def _work_chunk(work: Callable[[Path, Path], T], files: list[Path], base: Path) -> list[T]:
    return [work(file, base) for file in files]


def _load_one(file: Path, base: Path) -> LoadResult:
    return load_record(read_record(file), display_path(file, base), expected_id=file.stem)


def _report_one(file: Path, base: Path) -> tuple[Stamp, FileReport]:
    data, stamp = read_stamped(file)
    path = display_path(file, base)
    if is_system_file(file):
        system = load_system(data, path, expected_id=file.stem)
        return stamp, FileReport(path, None, tuple(system.findings), system.facts)
    return stamp, load_record(data, path, expected_id=file.stem).report


def load_registry(
    files: Sequence[Path],
    base: Path,
    context: Sequence[Path] = (),
    progress: Progress = no_progress,
    systems: Sequence[Path] = (),
) -> Registry:
    """Load `files` and check them against each other and against the `context` records.

    Context records (the rest of the registry) take part in cross-record rules, but their
    own findings are not reported. `progress` counts the files of both. The system records
    `systems` (registry/systems/) are loaded and checked with them, and their findings are
    reported: the rules on consumers, plans and fallbacks run when there is one.
    """
    wanted = {display_path(f, base) for f in files}
    pending = [f for f in context if display_path(f, base) not in wanted]
    total = len(files) + len(pending)
    results = load_files(files, base, lambda done, _: progress(done, total))
    others = load_files(pending, base, lambda done, _: progress(len(files) + done, total))
    loaded = [_load_system(f, base) for f in systems]
    cross = cross_findings(
        [r.facts for r in results], [r.facts for r in others], [s.facts for s in loaded]
    )
    findings = [f for r in results for f in r.findings] + cross
    findings += [f for s in loaded for f in s.findings]
    return Registry(results, sorted(findings, key=Finding.sort_key), loaded)


def _load_system(file: Path, base: Path) -> SystemLoadResult:
    return load_system(read_record(file), display_path(file, base), expected_id=file.stem)
