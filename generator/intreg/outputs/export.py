"""`intreg export backstage`: write the registry as Backstage catalog entities."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from intreg.outputs.backstage import (
    FOLDERS,
    check_names,
    check_system_owners,
    owned_folders,
    render_catalog,
)
from intreg.outputs.writer import write_tree
from intreg.records.files import Progress, display_path, no_progress
from intreg.records.project import Project
from intreg.records.registry import load_registry
from intreg.records.report import render_text
from intreg.records.validate import Outcome, summarise

DEFAULT_OUT = Path("build") / "backstage"


def export_backstage(
    project: Project,
    out: Path,
    cwd: Path,
    system_owners: Mapping[str, str],
    *,
    color: bool = False,
    progress: Progress = no_progress,
) -> Outcome:
    """Load and validate all records; if any is invalid, write nothing and report why."""
    files = project.record_files()
    registry = load_registry(files, cwd, progress=progress)
    findings = registry.findings if not registry.ok else check_names(registry.records)
    if findings:
        return Outcome(1, render_text(findings, color=color), summarise(len(files), findings))
    records = [r.record for r in registry.records]
    check_system_owners(records, system_owners)
    sources = {r.record.id: display_path(cwd / r.path, project.root) for r in registry.records}
    outputs = render_catalog(records, sources, system_owners)
    changes = write_tree(out, outputs.items(), owned_folders())
    written = len(changes.missing) + len(changes.stale)
    kinds = Counter(path.parts[0] for path in outputs if len(path.parts) > 1)
    counted = ", ".join(f"{kinds[folder.name]} {kind}" for kind, folder in FOLDERS.items())
    return Outcome(
        0,
        "",
        f"{display_path(out, cwd)}: wrote {written}, unchanged {len(outputs) - written}, "
        f"deleted {len(changes.extra)} ({counted} entities from {len(files)} "
        f"record{'' if len(files) == 1 else 's'})",
    )
