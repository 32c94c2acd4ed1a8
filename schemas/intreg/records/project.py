"""Find the project a command works on: the folder holding registry/ and mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from intreg.records.errors import IntregError

REGISTRY_DIR = "registry"
MARKERS = (REGISTRY_DIR, "mkdocs.yml")


@dataclass(frozen=True)
class Project:
    """Paths inside one registry project."""

    root: Path

    @property
    def registry(self) -> Path:
        return self.root / REGISTRY_DIR

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def schema_file(self) -> Path:
        return self.root / "schemas" / "integration.schema.json"


def is_project(folder: Path) -> bool:
    """True when `folder` has every project marker."""
    return (folder / REGISTRY_DIR).is_dir() and (folder / "mkdocs.yml").is_file()


def find_project(start: Path, root: Path | None = None) -> Project:
    """The project at `root` if given, else the nearest one at or above `start`."""
    if root is not None:
        if not is_project(root):
            raise IntregError(f"{root}: not an intreg project (needs registry/ and mkdocs.yml)")
        return Project(root.resolve())
    for folder in (start.resolve(), *start.resolve().parents):
        if is_project(folder):
            return Project(folder)
    raise IntregError(
        f"no intreg project at or above {start}: run inside one (a folder with registry/ and "
        "mkdocs.yml) or pass --root DIR"
    )


def find_project_or_none(start: Path, root: Path | None = None) -> Project | None:
    """Like find_project, but None when there is no project and no --root was given."""
    if root is not None:
        return find_project(start, root)
    try:
        return find_project(start)
    except IntregError:
        return None
