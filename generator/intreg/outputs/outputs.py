"""Every derived output from the records: which generators run, in what order, into which folder.

Each generator is a pure function from its inputs to files ({relative path: bytes}) in its
own folder of the output tree. The site comes last: it offers the other outputs as downloads.
"""

from __future__ import annotations

import datetime as dt
import functools
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
    # Every record's id, when only some are loaded and the outputs over all records are known
    # to be current, so that no summary is read.
    ids: Sequence[str] | None = None

    def all_summaries(self) -> list[RecordSummary]:
        """Every record's summary, by id."""
        if self.summaries is None:
            if self.ids is not None:
                raise AssertionError("only some records loaded, and no summaries")
            return sorted((summary_of(r) for r in self.records), key=lambda s: s.id)
        return sorted(self.summaries, key=lambda s: s.id)

    def every_id(self) -> list[str]:
        """Every record's id, sorted."""
        if self.ids is not None:
            return sorted(self.ids)
        if self.summaries is not None:
            return sorted(s.id for s in self.summaries)
        return sorted(r.id for r in self.records)


def iter_outputs(
    inputs: Inputs,
    keep: Set[str] = frozenset(),
    overviews_current: bool = False,
    overviews: list[PurePosixPath] | None = None,
) -> Iterator[tuple[PurePosixPath, bytes]]:
    """Every derived file, one record at a time, then the outputs over all records.

    Streamed, so that 10,000 records never hold all their outputs in memory at once; the
    same bytes whatever order the records come in. The files of the records in `keep` (ids)
    are left out, and so are the outputs over all records when `overviews_current` (the
    caller knows them current: see intreg.outputs.manifest); `overviews` (a list) collects
    the paths of those as they come. Hand-written pages that would clash with generated
    ones raise IntregError before the first file.
    """
    if overviews_current:
        yield from iter_record_outputs(inputs, keep, inputs.every_id())
        return
    summaries = inputs.all_summaries()
    site.check_pages(inputs.pages, summaries, inputs.systems)
    yield from iter_record_outputs(inputs, keep, [s.id for s in summaries])
    for path, data in iter_overview_outputs(inputs, summaries):
        if overviews is not None:
            overviews.append(path)
        yield path, data


def iter_overview_outputs(
    inputs: Inputs, summaries: Sequence[RecordSummary]
) -> Iterator[tuple[PurePosixPath, bytes]]:
    """The outputs over all records, from every record's summary (by id): the systems' .env
    templates and the site's pages over all records, with the hand-written ones."""
    yield from _with_downloads(envfile.system_files(summaries, inputs.systems))
    system_records = sorted(inputs.systems, key=lambda s: s.id)
    yield from site.overview_pages(
        summaries, inputs.today, inputs.pages, inputs.runs, system_records
    )


def iter_record_outputs(
    inputs: Inputs, keep: Set[str] = frozenset(), every_id: Sequence[str] | None = None
) -> Iterator[tuple[PurePosixPath, bytes]]:
    """The files of each record (record_files), one record at a time, but those of the
    records in `keep`. `every_id` lists every record (default: the loaded ones); each not
    kept must be loaded."""
    loaded = {r.id: r for r in inputs.records}
    ids = set(loaded if every_id is None else every_id)
    for record_id in sorted(ids):
        if record_id in keep:
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
    return [PurePosixPath(p) for p in record_file_names(record_id)]


def record_file_names(record_id: str) -> list[str]:
    """The same as POSIX path strings, made without pathlib (asked for 10,000 records at a
    time, when their files are kept)."""
    return [p.replace(_ID, record_id) for p in _record_file_patterns()]


_ID = "\0"  # in no id and no path


@functools.cache
def _record_file_patterns() -> tuple[str, ...]:
    """The files of a record whose id is _ID: a record's are these with its id put in."""
    derived = [openapi.stub_path(_ID), envfile.env_path(_ID)]
    paths = [
        *(path for d in derived for path in (d, site.download_path(d))),
        *site.record_paths(_ID),
    ]
    return tuple(str(p) for p in paths)


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
