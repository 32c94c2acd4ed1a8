"""Reading the report files `intreg generate` takes: the project's reports/contract/*.json,
then each file named with --contract-report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from intreg.outputs.evidence.runs import FOLDER, ReportFile
from intreg.records.files import display_path, find_project_files, read_file


def read_report_files(root: Path, given: Sequence[Path], cwd: Path) -> list[ReportFile]:
    """The project's reports (sorted by name), then the `given` ones in their order."""
    folder = root / FOLDER
    kept = [p for p in find_project_files(folder, root) if p.parent == folder]
    found = [
        ReportFile(display_path(p, cwd), read_file(p), in_folder=True)
        for p in kept
        if p.suffix == ".json"
    ]
    found += [ReportFile(display_path(cwd / p, cwd), read_file(cwd / p)) for p in given]
    return found
