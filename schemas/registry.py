"""Load many record files and apply the rules that span records."""

from __future__ import annotations

import multiprocessing
import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from schemas.errors import IntregError
from schemas.findings import Finding, Severity
from schemas.loader import LoadResult, load_record
from schemas.record import LoadedRecord

RECORD_SUFFIXES = (".yaml", ".yml")
PARALLEL_FROM = 200  # files per worker below which starting processes costs more than it saves
CHUNK = 50  # files a worker loads per task
_METHODS = multiprocessing.get_all_start_methods()

Progress = Callable[[int, int], None]
"""Told `(files loaded so far, files to load)` after each file, e.g. to draw a progress bar."""


def no_progress(done: int, total: int) -> None:
    """The default Progress: report nothing."""


@dataclass(frozen=True)
class Registry:
    """Every loaded file, and every finding (per-record and cross-record), sorted."""

    results: list[LoadResult]
    findings: list[Finding]

    @property
    def records(self) -> list[LoadedRecord]:
        """The records that passed the model, in path order."""
        return [r.record for r in self.results if r.record is not None]

    @property
    def ok(self) -> bool:
        """True when there is no error anywhere."""
        return all(f.severity < Severity.ERROR for f in self.findings)


def find_record_files(paths: Sequence[Path]) -> list[Path]:
    """The record files named by `paths`: files as given, directories searched (sorted)."""
    files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files.update(p for p in path.rglob("*") if p.suffix in RECORD_SUFFIXES)
        elif path.exists():
            files.add(path)
        else:
            raise IntregError(f"{path}: no such file or directory")
    return sorted(files)


def display_path(path: Path, base: Path) -> str:
    """`path` relative to `base` when it lies below it, in POSIX form, for messages."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_files(
    files: Sequence[Path], base: Path, progress: Progress = no_progress
) -> list[LoadResult]:
    """Load each file, in order; an unreadable file raises IntregError (an I/O problem).

    Large registries load on every core: each worker process takes a chunk of files.
    """
    workers = min(os.cpu_count() or 1, len(files) // PARALLEL_FROM)
    if workers < 2:
        results = []
        for done, file in enumerate(files, start=1):
            results.append(_load_one(file, base))
            progress(done, len(files))
        return results
    chunks = [list(files[i : i + CHUNK]) for i in range(0, len(files), CHUNK)]
    results = []
    context = multiprocessing.get_context("fork" if "fork" in _METHODS else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for loaded in pool.map(_load_chunk, chunks, [base] * len(chunks)):
            results.extend(loaded)
            progress(len(results), len(files))
    return results


def _load_chunk(files: list[Path], base: Path) -> list[LoadResult]:
    return [_load_one(file, base) for file in files]


def _load_one(file: Path, base: Path) -> LoadResult:
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise IntregError(f"{file}: cannot read: {exc.strerror}") from exc
    return load_record(data, display_path(file, base), expected_id=file.stem)


def load_registry(
    files: Sequence[Path],
    base: Path,
    context: Sequence[Path] = (),
    progress: Progress = no_progress,
) -> Registry:
    """Load `files` and check them against each other and against the `context` records.

    Context records (the rest of the registry) take part in cross-record rules, but their
    own findings are not reported. `progress` counts the files of both.
    """
    wanted = {display_path(f, base) for f in files}
    pending = [f for f in context if display_path(f, base) not in wanted]
    total = len(files) + len(pending)
    results = load_files(files, base, lambda done, _: progress(done, total))
    ids = {r.record.record.id for r in results if r.record is not None}
    others = load_files(pending, base, lambda done, _: progress(len(files) + done, total))
    # A target with a context record's id is a draft of that record: it replaces it.
    others = [r for r in others if r.record is None or r.record.record.id not in ids]
    everything = [r.record for r in (*results, *others) if r.record is not None]
    cross = [f for f in check_registry(everything) if f.path in wanted]
    findings = sorted([f for r in results for f in r.findings] + cross)
    return Registry(results, findings)


def check_registry(records: Sequence[LoadedRecord]) -> list[Finding]:
    """Findings from rules that span records: ids, shared env vars, fallback references."""
    return [*_duplicate_ids(records), *_env_var_conflicts(records), *_unknown_fallbacks(records)]


def _duplicate_ids(records: Sequence[LoadedRecord]) -> Iterator[Finding]:
    first: dict[str, LoadedRecord] = {}
    for r in sorted(records, key=lambda r: r.path):
        other = first.setdefault(r.record.id, r)
        if other is not r:
            yield r.finding(
                ("id",),
                "duplicate-id",
                f"id `{r.record.id}` is also used by {other.path}",
                "give each record its own id",
            )


def _env_var_conflicts(records: Sequence[LoadedRecord]) -> Iterator[Finding]:
    users: dict[str, list[tuple[LoadedRecord, int]]] = defaultdict(list)
    for r in records:
        for i, cred in enumerate(r.record.auth.credentials):
            users[cred.env_var].append((r, i))
    for name, uses in users.items():
        if len({r.path for r, _ in uses}) < 2:
            continue
        for r, i in uses:
            if r.record.auth.credentials[i].shared:
                continue
            others = ", ".join(sorted(o.record.id for o, _ in uses if o is not r))
            yield r.finding(
                ("auth", "credentials", i, "env_var"),
                "env-var-conflict",
                f"`{name}` is also used by {others}",
                "rename it, or add `shared: true` to it in every record that uses it",
            )


def _unknown_fallbacks(records: Sequence[LoadedRecord]) -> Iterator[Finding]:
    ids = {r.record.id for r in records}
    for r in records:
        fallback = r.record.fallback
        if fallback and fallback.integration and fallback.integration not in ids:
            yield r.finding(
                ("fallback", "integration"),
                "unknown-fallback",
                f"no record has the id `{fallback.integration}`",
                "name the id of an existing record (its file name without .yaml)",
            )
