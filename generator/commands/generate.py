"""`intreg generate`: write every derived file from the registry, or check they are current."""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

from generator import Inputs, generate_all, owned_folders
from generator.commands.init import builtin_pages
from generator.commands.validate import Outcome, summarise
from generator.project import Project
from generator.report import render_text
from generator.writer import TreeChanges, plan_tree, write_tree
from schemas.registry import Progress, display_path, find_record_files, load_registry, no_progress

DEFAULT_OUT = "build"


def generate(
    project: Project,
    out: Path,
    check: bool,
    cwd: Path,
    today: dt.date,
    *,
    color: bool = False,
    progress: Progress = no_progress,
) -> Outcome:
    """Load and validate all records; if any is invalid, write nothing and report why."""
    files = find_record_files([project.registry])
    registry = load_registry(files, cwd, progress=progress)
    if not registry.ok:
        report = render_text(registry.findings, color=color)
        return Outcome(1, report, summarise(len(files), registry.findings))
    pages = {**builtin_pages(), **read_pages(project.docs)}
    inputs = Inputs([r.record for r in registry.records], today, pages)
    outputs = generate_all(inputs)
    shown = display_path(out, cwd)
    if check:
        changes = plan_tree(out, outputs, owned_folders())
        return Outcome(
            0 if changes.clean else 1,
            _list_changes(shown, changes),
            _check_summary(len(outputs), changes),
        )
    changes = write_tree(out, outputs, owned_folders())
    written = len(changes.missing) + len(changes.stale)
    unchanged = len(outputs) - written
    return Outcome(
        0,
        "",
        f"{shown}: wrote {written}, unchanged {unchanged}, "
        f"deleted {len(changes.extra)} (from {len(files)} records)",
    )


def read_pages(folder: Path) -> dict[PurePosixPath, bytes]:
    """The hand-written docs pages (and their images), by path below `folder`."""
    if not folder.is_dir():
        return {}
    return {
        PurePosixPath(p.relative_to(folder).as_posix()): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
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
