"""`intreg generate`: write every derived file from the registry, or check they are current."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath

from intreg.outputs.changed_records import Records, from_registry, load_changed
from intreg.outputs.evidence.files import read_report_files
from intreg.outputs.evidence.runs import last_runs
from intreg.outputs.facts_store import FactsStore
from intreg.outputs.manifest import (
    code_fingerprint,
    forget,
    read_manifest,
    record_name,
    record_stem,
    snapshot,
    write_manifest,
)
from intreg.outputs.outputs import Inputs, iter_outputs, owned_folders, record_file_names
from intreg.outputs.site import repository
from intreg.outputs.writer import TreeChanges, plan_tree, write_tree
from intreg.records.cache import collector_paused, no_garbage_collection
from intreg.records.files import (
    Progress,
    display_path,
    find_project_files,
    no_progress,
    read_file,
)
from intreg.records.findings import Finding
from intreg.records.project import Project, is_system_file
from intreg.records.report import render_text
from intreg.records.store import RecordStore
from intreg.records.validate import Outcome, summarise
from intreg.scaffold.init import builtin_pages

DEFAULT_OUT = "build"
FEW = 100  # records loaded, below which collecting garbage first costs more than it frees


def generate(
    project: Project,
    out: Path,
    check: bool,
    cwd: Path,
    today: dt.date,
    *,
    trust_manifest: bool = True,
    color: bool = False,
    progress: Progress = no_progress,
    contract_reports: Sequence[Path] = (),
    store: RecordStore | None = None,
) -> Outcome:
    """Load and validate all records; if any is invalid, write nothing and report why.

    A run whose inputs and outputs are as the last run left them (see intreg.outputs.manifest)
    loads nothing and writes nothing, and only changed records are loaded and rendered again
    (the others answer from the facts store beside the manifest: intreg.outputs.facts_store),
    unless `trust_manifest` is False; `check` always renders everything and compares every
    byte.
    Contract reports (reports/contract/*.json, then `contract_reports`) give each record's
    last run; an invalid one is reported like an invalid record, and nothing is written.
    A `store` keeps the records loaded from one run to the next (intreg serve), so that only
    changed files are loaded again.
    """
    trust_manifest = trust_manifest and not check
    record_files = project.all_record_files()  # one walk of registry/ for both kinds
    files = [f for f in record_files if not is_system_file(f)]
    systems = [f for f in record_files if is_system_file(f)]
    shown = display_path(out, cwd)
    mkdocs_yml = read_file(project.root / "mkdocs.yml").decode("utf-8", errors="replace")
    edit_base = repository.edit_base(mkdocs_yml)  # bad bytes: the builders will say so
    reports = read_report_files(project.root, contract_reports, cwd)
    # The manifest, the inputs' hashes and the facts store: many small objects, kept to the
    # end and forming no cycles, which the collector would otherwise walk again and again.
    # Frozen out of later collections too, but not in a long-lived process (intreg serve,
    # which passes its `store`): freezing would keep its uncollected garbage for good.
    with no_garbage_collection() if store is None else collector_paused():
        manifest = read_manifest(out)
        last = manifest if trust_manifest else None
        now = snapshot(
            files, project.registry, project.docs, today, edit_base, systems, reports, last
        )
        if trust_manifest and (count := manifest.unchanged(now, owned_folders())) is not None:
            return Outcome(0, "", _written(shown, 0, count, 0, len(files)))
        kept = manifest.kept(now, record_file_names) if trust_manifest else set()
        # Without trust in the last run, the store is not read: it is written afresh.
        facts = FactsStore(out, code_fingerprint(), read=trust_manifest)
    found = _records(project, files, systems, cwd, now.records, kept, facts, store, progress)
    if not found.ok:
        report = render_text(found.findings, color=color)
        return Outcome(1, report, summarise(len(files) + len(systems), found.findings))
    runs, bad = last_runs(reports, set(found.ids))
    if bad:
        return Outcome(1, render_text(bad, color=color), _bad_reports(len(reports), bad))
    pages = {**builtin_pages(), **read_pages(project.docs, project.root)}
    keep = {record_stem(n) for n in kept}
    # The files of kept records, and the outputs over all records when no summary changed:
    # as the manifest found them (and so left out of what is rendered and written).
    current = [path for record_id in sorted(keep) for path in record_file_names(record_id)]
    summaries = found.summaries_digest()
    overviews = manifest.current_aggregates(now, summaries) if trust_manifest else None
    rendered: list[PurePosixPath] = []
    # A run that loaded a few records only pauses the collector (as intreg serve does): a full
    # collection first would walk the facts of every other record, for nothing.
    with _long_lived(collect=store is None and len(found.loaded) > FEW):
        inputs = Inputs(found.loaded, today, pages, edit_base, found.systems, runs)
        if overviews is None:  # the outputs over all records are written from every summary
            inputs = replace(inputs, summaries=found.summaries())
        else:
            inputs = replace(inputs, ids=found.ids)
            current += overviews
        del found
        outputs = iter_outputs(inputs, keep, overviews is not None, rendered)
        if check:
            changes = plan_tree(out, outputs, owned_folders())
            return Outcome(
                0 if changes.clean else 1,
                _list_changes(shown, changes),
                _check_summary(changes.count, changes),
            )
        forget(out)  # from here on, the old manifest no longer describes the outputs
        folders = manifest.folders if trust_manifest else None
        changes = write_tree(out, outputs, owned_folders(), current, folders)
    # What the run left as it was keeps its signature: no need to look at it again.
    known = manifest.signatures(changes.current)
    every = [*(str(p) for p in changes.files), *changes.current]
    overviews = overviews if overviews is not None else [str(p) for p in rendered]
    with collector_paused():  # encoding makes many short-lived objects, none in a cycle
        write_manifest(out, now, every, (summaries, overviews), known, changes.folders)
        facts.save()
    written = len(changes.missing) + len(changes.stale)
    unchanged = changes.count - written
    return Outcome(0, "", _written(shown, written, unchanged, len(changes.extra), len(files)))


def _records(
    project: Project,
    files: Sequence[Path],
    systems: Sequence[Path],
    cwd: Path,
    digests: dict[str, str],
    kept: set[str],
    facts: FactsStore,
    store: RecordStore | None,
    progress: Progress,
) -> Records:
    """The records of this run: from the `store` that keeps them loaded (intreg serve), else
    loading those not `kept` (or not in `facts`)."""
    registry = project.registry
    names = {record_name(f, registry): f for f in files}
    if store is not None:
        return from_registry(store.load(files, systems), list(names), digests, facts)
    return load_changed(names, digests, systems, cwd, kept, facts, progress)


@contextlib.contextmanager
def _long_lived(collect: bool = True) -> Iterator[None]:
    """Keep the cycle collector from walking the loaded records again and again while pages
    are rendered (a tenth of the time at 1,000 records, more at 10,000). A long-lived process
    (`collect` False: intreg serve, whose heap also holds the site) only pauses it: collecting
    that whole heap first would take a second of every save."""
    if not collect:
        with collector_paused():
            yield
        return
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _bad_reports(total: int, findings: Sequence[Finding]) -> str:
    bad = len({f.path for f in findings})
    return f"{bad} of {total} contract reports invalid; nothing written"


def _written(shown: str, written: int, unchanged: int, deleted: int, records: int) -> str:
    return (
        f"{shown}: wrote {written}, unchanged {unchanged}, deleted {deleted} "
        f"(from {records} records)"
    )


def read_pages(folder: Path, root: Path) -> dict[PurePosixPath, bytes]:
    """The hand-written docs pages (and their images), by path below `folder`: only regular
    files inside the project `root`, so a link in docs/ cannot publish a file from elsewhere."""
    return {
        PurePosixPath(p.relative_to(folder).as_posix()): read_file(p)
        for p in find_project_files(folder, root)
    }


def _list_changes(shown: str, changes: TreeChanges) -> str:
    rows = [("missing", p) for p in changes.missing] + [("stale", p) for p in changes.stale]
    rows += [("extra", p) for p in changes.extra]
    return "".join(f"{state}: {shown}/{path}\n" for state, path in rows)


def _check_summary(total: int, changes: TreeChanges) -> str:
    if changes.clean:
        return f"all {total} derived files are current"
    count = len(changes.missing) + len(changes.stale) + len(changes.extra)
    return f"{count} derived files are out of date; run `intreg generate`"
