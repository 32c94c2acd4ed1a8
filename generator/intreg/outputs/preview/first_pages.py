"""After a save, the saved records' own files first (their pages, stubs and .env templates),
before the pages over all records: the preview shows them at once, and the full generation that
follows (intreg.outputs.generate) finds their bytes already on disk and brings the rest, and
the manifest, up to date. The manifest is left as it was, so a run that stops in between
never trusts these files: their signatures no longer match it.

Only when nothing but existing record files changed: a new or removed record, a system record
or a docs/ page changes the navigation or other pages, and goes straight to the full run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from intreg.outputs.evidence.files import read_report_files
from intreg.outputs.evidence.runs import last_runs
from intreg.outputs.outputs import Inputs, iter_record_outputs
from intreg.outputs.site import repository
from intreg.outputs.writer import write_atomic
from intreg.records.files import display_path, read_file
from intreg.records.project import Project
from intreg.records.report import render_text
from intreg.records.store import RecordStore
from intreg.records.validate import Outcome, summarise


def write_saved_records(
    project: Project, out: Path, cwd: Path, today: dt.date, store: RecordStore
) -> Outcome | None:
    """Write the own files of the records saved since the store last loaded them; None when
    the full generation must run instead (see above). Nothing is written if any is invalid."""
    files = project.record_files()
    if set(files) != store.files:
        return None
    systems = project.system_files()
    registry = store.load(files, systems)
    if not store.fresh:
        return None
    if not registry.ok:
        report = render_text(registry.findings)
        return Outcome(1, report, summarise(len(files) + len(systems), registry.findings))
    saved = {f.stem for f in store.fresh}
    records = [r.record for r in registry.records]
    runs, bad = last_runs(read_report_files(project.root, (), cwd), {r.id for r in records})
    if bad:
        return None  # the full run reports them
    mkdocs_yml = read_file(project.root / "mkdocs.yml").decode("utf-8", errors="replace")
    inputs = Inputs(records, today, edit_base=repository.edit_base(mkdocs_yml), runs=runs)
    keep = {r.id for r in records} - saved
    written = sum(
        write_atomic(out / path, data)
        for path, data in iter_record_outputs(inputs, keep)
        if data is not None
    )
    shown = display_path(out, cwd)
    return Outcome(
        0, "", f"{shown}: wrote {written} (the saved records' own files; the rest follows)"
    )
