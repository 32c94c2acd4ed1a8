"""Every derived output from the records: which generators run, in what order, into which folder.

Each generator is a pure function from its inputs to files ({relative path: bytes}) in its
own folder of the output tree. The site comes last: it offers the other outputs as downloads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from intreg.outputs import envfile, openapi, site
from intreg.outputs.evidence.report import ContractReport
from intreg.outputs.summary import RecordSummary, summary_of
from intreg.records.model import Integration
from intreg.records.system import System


@dataclass(frozen=True)
class Inputs:
    """Everything generation reads: the records, the day, and the hand-written docs pages."""

    # The loaded records: all of them, unless `summaries` stands in for those not loaded.
    records: Sequence[Integration]
    today: dt.date
    pages: Mapping[PurePosixPath, bytes] = field(default_factory=dict)
    # Where records are edited in the repository (site.repository.edit_base), if mkdocs.yml
    # says; each integration page then links "Edit this record".
    edit_base: str | None = None
    # The system records (registry/systems/), by path order: each system's plan (issue 19).
    systems: Sequence[System] = ()
    # The last contract run of each record that has one (outputs.evidence), by record id.
    runs: Mapping[str, ContractReport] = field(default_factory=dict)
    # Every record's summary (intreg.outputs.summary), for the outputs over all records, when
    # only some records are loaded: a run after a few changed (intreg.outputs.facts_store).
    summaries: Sequence[RecordSummary] | None = None

    def all_summaries(self) -> list[RecordSummary]:
        """Every record's summary, by id."""
        if self.summaries is None:
            return sorted((summary_of(r) for r in self.records), key=lambda s: s.id)
        return sorted(self.summaries, key=lambda s: s.id)


def iter_outputs(
    inputs: Inputs, keep: Set[str] = frozenset()
) -> Iterator[tuple[PurePosixPath, bytes | None]]:
    """Every derived file, one record at a time, then the pages over all records.

    Streamed, so that 10,000 records never hold all their outputs in memory at once; the
    same bytes whatever order the records come in. The files of the records in `keep` (ids)
    are not rendered: they come with None, "as it is on disk". Hand-written pages that would
    clash with generated ones raise IntregError before the first file.
    """
    summaries = inputs.all_summaries()
    site.check_pages(inputs.pages, summaries, inputs.systems)
    yield from iter_record_outputs(inputs, keep, [s.id for s in summaries])
    yield from _with_downloads(envfile.system_files(summaries, inputs.systems))
    system_records = sorted(inputs.systems, key=lambda s: s.id)
    yield from site.overview_pages(
        summaries, inputs.today, inputs.pages, inputs.runs, system_records
    )


def iter_record_outputs(
    inputs: Inputs, keep: Set[str] = frozenset(), every_id: Sequence[str] | None = None
) -> Iterator[tuple[PurePosixPath, bytes | None]]:
    """The files of each record (record_files), one record at a time; those of the records in
    `keep` come with None, as iter_outputs gives them. `every_id` lists every record (default:
    the loaded ones); each not kept must be loaded."""
    loaded = {r.id: r for r in inputs.records}
    ids = set(loaded if every_id is None else every_id)
    for record_id in sorted(ids):
        if record_id in keep:
            yield from ((path, None) for path in record_files(record_id))
            continue
        r = loaded.get(record_id)
        if r is None:
            raise AssertionError(f"{record_id}: neither loaded nor kept")
        document = openapi.render_openapi(r)
        derived = {
            openapi.stub_path(r.id): openapi.render_stub(r, document),
            envfile.env_path(r.id): envfile.render_record_env(r),
        }
        yield from _with_downloads(derived)
        run = inputs.runs.get(r.id)
        yield from site.record_pages(r, inputs.today, ids, document, inputs.edit_base, run)


def record_files(record_id: str) -> list[PurePosixPath]:
    """The files that depend on one record alone (given the day and the other ids)."""
    derived = [openapi.stub_path(record_id), envfile.env_path(record_id)]
    return [
        *(path for d in derived for path in (d, site.download_path(d))),
        *site.record_paths(record_id),
    ]


def generate_all(inputs: Inputs) -> dict[PurePosixPath, bytes]:
    """Every derived file at once (for tests and small registries)."""
    files: dict[PurePosixPath, bytes] = {}
    for path, data in iter_outputs(inputs):
        if path in files or data is None:
            raise AssertionError(f"{path} generated twice, or not at all")
        files[path] = data
    return files


def _with_downloads(
    files: Mapping[PurePosixPath, bytes],
) -> Iterator[tuple[PurePosixPath, bytes]]:
    for path, data in files.items():
        yield path, data
        yield site.download(path, data)


def owned_folders() -> list[PurePosixPath]:
    """The output folders the writer may delete stale files from."""
    return [openapi.FOLDER, envfile.FOLDER, site.FOLDER, site.THEME, site.CONFIG]
