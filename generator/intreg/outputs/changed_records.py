"""The records `intreg generate` works from: those it must render are loaded, the others
answer from the facts store (intreg.outputs.facts_store) with their findings, the RecordFacts
the rules across records read, and their summary for the outputs over all records.

Either way the findings are those load_registry gives for the same files (the rules across
records run again over every record's facts), and each record's summary is the one
summary_of gives, so every output has the same bytes as from a run that loads everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from pathlib import Path

from intreg.outputs.facts_store import FactsStore, read_summary, summary_text
from intreg.outputs.summary import RecordSummary, summary_of
from intreg.records.cache import collector_paused, no_garbage_collection
from intreg.records.cross_rules import cross_findings
from intreg.records.facts import FileReport
from intreg.records.files import Progress, display_path, no_progress, read_record
from intreg.records.findings import Finding, Severity
from intreg.records.model import Integration
from intreg.records.registry import Registry, load_files
from intreg.records.system import System
from intreg.records.system_loader import SystemLoadResult, load_system


@dataclass(frozen=True)
class Summarised:
    """A record's summary as stored (its text) and, when at hand, as an object."""

    text: str
    summary: RecordSummary | None = None

    def read(self) -> RecordSummary:
        return self.summary if self.summary is not None else read_summary(self.text)


@dataclass(frozen=True)
class Records:
    """What a run works from: every finding (sorted), the records loaded that passed the
    model, the system records, and the summary of each record that passed, in path order."""

    findings: list[Finding]
    loaded: list[Integration]
    systems: list[System]
    summarised: list[Summarised]
    ids: list[str]  # of the records that passed, in path order

    @property
    def ok(self) -> bool:
        """True when there is no error anywhere."""
        return all(f.severity < Severity.ERROR for f in self.findings)

    def summaries(self) -> list[RecordSummary]:
        """Every record's summary (those not loaded are read from their text now)."""
        return [s.read() for s in self.summarised]

    def summaries_digest(self) -> str:
        """A hash of every record's summary: equal when the outputs over all records read
        nothing different of any record."""
        digest = hashlib.sha256()
        for s in self.summarised:
            digest.update(s.text.encode() + b"\n")  # one line each: JSON escapes line breaks
        return digest.hexdigest()


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
    with no_garbage_collection():
        for name in answerable:
            entry = facts.get(name, digests[name], display_path(files[name], base))
            if entry is not None:
                stored[name] = entry
    pending = [name for name in files if name not in stored]
    results = dict(
        zip(pending, load_files([files[n] for n in pending], base, progress), strict=True)
    )
    reports: list[FileReport] = []
    loaded, summarised, ids = [], [], []
    for name in files:
        if name in stored:
            report = stored[name].report
            reports.append(report)
            summarised.append(Summarised(stored[name].summary))
            ids.append(report.facts.id if report.facts is not None else Path(name).stem)
            continue
        result = results[name]
        reports.append(result.report)
        if result.record is not None:
            record = result.record.record
            summary = summary_of(record)
            loaded.append(record)
            summarised.append(Summarised(summary_text(summary), summary))
            ids.append(record.id)
            facts.put(name, digests[name], result.report, summarised[-1].text)
    systems_loaded = [_load_system(f, base) for f in systems]
    with collector_paused():
        return _checked(reports, loaded, summarised, ids, systems_loaded)


def from_registry(
    registry: Registry, names: Sequence[str], digests: Mapping[str, str], facts: FactsStore
) -> Records:
    """The same from a registry loaded whole (intreg serve keeps one loaded); `names` are its
    files' names, in order. Entries the store lacks are put in it."""
    loaded, summarised, ids = [], [], []
    for name, result in zip(names, registry.results, strict=True):
        if result.record is None:
            continue
        record = result.record.record
        summary = summary_of(record)
        text = facts.carry(name, digests[name])
        if text is None:
            text = summary_text(summary)
            facts.put(name, digests[name], result.report, text)
        loaded.append(record)
        summarised.append(Summarised(text, summary))
        ids.append(record.id)
    systems = [s.system for s in registry.systems]
    return Records(registry.findings, loaded, systems, summarised, ids)


def _checked(
    reports: Sequence[FileReport],
    loaded: list[Integration],
    summarised: list[Summarised],
    ids: list[str],
    systems: Sequence[SystemLoadResult],
) -> Records:
    """As load_registry: each file's findings, the rules across records, the systems'."""
    cross = cross_findings([r.facts for r in reports], [], [s.facts for s in systems])
    findings = [f for r in reports for f in r.findings] + cross
    findings += [f for s in systems for f in s.findings]
    valid = [s.system.system for s in systems if s.system is not None]
    return Records(sorted(findings, key=Finding.sort_key), loaded, valid, summarised, ids)


def _load_system(file: Path, base: Path) -> SystemLoadResult:
    return load_system(read_record(file), display_path(file, base), expected_id=file.stem)
