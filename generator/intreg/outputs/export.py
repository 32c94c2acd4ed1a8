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
    system_files = project.system_files()
    registry = load_registry(files, cwd, progress=progress, systems=system_files)
    findings = (
        registry.findings if not registry.ok else check_names(registry.records, registry.systems)
    )
    if findings:
        count = len(files) + len(system_files)
        return Outcome(1, render_text(findings, color=color), summarise(count, findings))
    records = [r.record for r in registry.records]
    systems = [s.system for s in registry.systems]
    check_system_owners(records, system_owners, [s.id for s in systems])
    sources = {r.record.id: display_path(cwd / r.path, project.root) for r in registry.records}
    system_sources = {
        s.system.id: display_path(cwd / s.path, project.root) for s in registry.systems
    }
    outputs = render_catalog(records, sources, system_owners, systems, system_sources)
    changes = write_tree(out, outputs.items(), owned_folders())
    written = len(changes.missing) + len(changes.stale)
    kinds = Counter(path.parts[0] for path in outputs if len(path.parts) > 1)
    counted = ", ".join(f"{kinds[folder.name]} {kind}" for kind, folder in FOLDERS.items())
    return Outcome(
        0,
        "",
        f"{display_path(out, cwd)}: wrote {written}, unchanged {len(outputs) - written}, "
        f"deleted {len(changes.extra)} ({counted} entities from {len(files)} "
        f"record{'' if len(files) == 1 else 's'}{_and_systems(len(system_files))})",
    )


def _and_systems(count: int) -> str:
    if not count:
        return ""
    return f" and {count} system record{'' if count == 1 else 's'}"
