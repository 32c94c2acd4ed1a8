"""Records kept loaded by a long-lived process (`intreg serve`): a file is loaded again only when
its bytes changed; the rules across records run again over every record's facts each time."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from intreg.records.cache import content_hash
from intreg.records.cross_rules import cross_findings
from intreg.records.files import display_path, read_record
from intreg.records.findings import Finding
from intreg.records.loader import LoadResult
from intreg.records.registry import Registry, load_files
from intreg.records.system_loader import load_system


class RecordStore:
    """The registry of the files last given to `load`, each kept with the hash of its bytes."""

    def __init__(self, base: Path) -> None:
        self.base = base  # paths in findings are shown relative to it
        self._kept: dict[Path, tuple[str, LoadResult]] = {}
        self.fresh: list[Path] = []  # the files the last `load` loaded (new or changed)

    @property
    def files(self) -> set[Path]:
        """The record files the last `load` was given."""
        return set(self._kept)

    def load(self, files: Sequence[Path], systems: Sequence[Path] = ()) -> Registry:
        """What load_registry(files, base, systems=systems) gives, loading only the record files
        new or changed since the last call (the few system records every time); files no
        longer given are forgotten."""
        digests = {file: content_hash(read_record(file)) for file in files}
        fresh = [f for f in files if (known := self._kept.get(f)) is None or known[0] != digests[f]]
        self.fresh = fresh
        # Loaded in worker processes when there are many (the first time).
        loaded = dict(zip(fresh, load_files(fresh, self.base), strict=True))
        kept: dict[Path, tuple[str, LoadResult]] = {}
        for file in files:
            if file in loaded:
                result = loaded[file]
                if result.record is not None:
                    # Positions are rebuilt from the source when a finding needs one: keeping
                    # them for every record would triple what a large registry holds.
                    result.record.__dict__.pop("spans", None)
                kept[file] = digests[file], result
            else:
                kept[file] = self._kept[file]
        self._kept = kept
        results = [result for _, result in kept.values()]
        system_results = [
            load_system(read_record(f), display_path(f, self.base), expected_id=f.stem)
            for f in systems
        ]
        cross = cross_findings([r.facts for r in results], [], [s.facts for s in system_results])
        findings = [f for r in results for f in r.findings] + cross
        findings += [f for s in system_results for f in s.findings]
        return Registry(results, sorted(findings, key=Finding.sort_key), system_results)
