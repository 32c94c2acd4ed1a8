"""The records `intreg generate` works from: those it must render are loaded, the others
answer from the facts store (intreg.outputs.facts_store) with their findings, the RecordFacts
the rules across records read, and their summary for the outputs over all records.

Either way the findings are those load_registry gives for the same files (the rules across
records run again over every record's facts), and each record's summary is the one
summary_of gives, so every output has the same bytes as from a run that loads everything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from pathlib import Path

from intreg.outputs.facts_store import FactsStore
from intreg.outputs.summary import RecordSummary, summary_of
from intreg.records.cross_rules import cross_findings
from intreg.records.facts import FileReport
from intreg.records.files import Progress, display_path, no_progress, read_record
from intreg.records.findings import Finding, Severity
from intreg.records.model import Integration
from intreg.records.registry import Registry, load_files
from intreg.records.system import System
from intreg.records.system_loader import SystemLoadResult, load_system


@dataclass(frozen=True)
class Records:
    """What a run works from: every finding (sorted), the records loaded that passed the
    model, the summary of every record that did, and the system records."""

    findings: list[Finding]
    loaded: list[Integration]
    summaries: list[RecordSummary]
    systems: list[System]

    @property
    def ok(self) -> bool:
        """True when there is no error anywhere."""
        return all(f.severity < Severity.ERROR for f in self.findings)


def load_changed(
    files: Mapping[str, Path],
    digests: Mapping[str, str],
    systems: Sequence[Path],
    base: Path,
    answerable: Set[str],
    facts: FactsStore,
    progress: Progress = no_progress,
) -> Records:
    """The records `files` (by name below registry/, in path order): those in `answerable`
    whose facts are stored for their bytes (`digests`) are not loaded; the rest are, and
    their facts are put in the store. Paths in findings are shown relative to `base`."""
    stored = {}
    for name in answerable:
        entry = facts.get(name, digests[name], display_path(files[name], base))
        if entry is not None:
            stored[name] = entry
    pending = [name for name in files if name not in stored]
    results = dict(
        zip(pending, load_files([files[n] for n in pending], base, progress), strict=True)
    )
    reports: list[FileReport] = []
    loaded, summaries = [], []
    for name in files:
        if name in stored:
            reports.append(stored[name].report)
            summaries.append(stored[name].summary)
            continue
        result = results[name]
        reports.append(result.report)
        if result.record is not None:
            record = result.record.record
            loaded.append(record)
            summaries.append(summary_of(record))
            facts.put(name, digests[name], result.report, summaries[-1])
    return _checked(reports, loaded, summaries, [_load_system(f, base) for f in systems])


def from_registry(
    registry: Registry, names: Sequence[str], digests: Mapping[str, str], facts: FactsStore
) -> Records:
    """The same from a registry loaded whole (intreg serve keeps one loaded); `names` are its
    files' names, in order. Entries the store lacks are put in it."""
    loaded, summaries = [], []
    for name, result in zip(names, registry.results, strict=True):
        if result.record is None:
            continue
        loaded.append(result.record.record)
        summaries.append(summary_of(result.record.record))
        if not facts.carry(name, digests[name]):
            facts.put(name, digests[name], result.report, summaries[-1])
    systems = [s.system for s in registry.systems]
    return Records(registry.findings, loaded, summaries, systems)


def _checked(
    reports: Sequence[FileReport],
    loaded: list[Integration],
    summaries: list[RecordSummary],
    systems: Sequence[SystemLoadResult],
) -> Records:
    """As load_registry: each file's findings, the rules across records, the systems'."""
    cross = cross_findings([r.facts for r in reports], [], [s.facts for s in systems])
    findings = [f for r in reports for f in r.findings] + cross
    findings += [f for s in systems for f in s.findings]
    valid = [s.system.system for s in systems if s.system is not None]
    return Records(sorted(findings, key=Finding.sort_key), loaded, summaries, valid)


def _load_system(file: Path, base: Path) -> SystemLoadResult:
    return load_system(read_record(file), display_path(file, base), expected_id=file.stem)
