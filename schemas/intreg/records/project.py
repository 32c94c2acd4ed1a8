"""Find the project a command works on: the folder holding registry/ and mkdocs.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from intreg.records.errors import IntregError
from intreg.records.files import find_record_files

REGISTRY_DIR = "registry"
SYSTEMS_DIR = "systems"  # registry/systems/<id>.yaml: system records (issue 19)
MARKERS = (REGISTRY_DIR, "mkdocs.yml")
# types.SLUG_PATTERN: importing it would import the model, which a cached run never needs.
RECORD_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


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
    def systems(self) -> Path:
        return self.registry / SYSTEMS_DIR

    @property
    def schema_file(self) -> Path:
        return self.root / "schemas" / "integration.schema.json"

    @property
    def system_schema_file(self) -> Path:
        return self.root / "schemas" / "system.schema.json"

    def record_files(self) -> list[Path]:
        """Every integration record file in registry/ (not registry/systems/), sorted;
        IntregError names any file there that is not a regular file inside the project (see
        files.find_record_files)."""
        return [f for f in self.all_record_files() if not is_system_file(f)]

    def system_files(self) -> list[Path]:
        """Every system record file in registry/systems/, sorted."""
        return [f for f in self.all_record_files() if is_system_file(f)]

    def all_record_files(self) -> list[Path]:
        """Every record file below registry/, integrations and systems, sorted."""
        return find_record_files([self.registry], self.root)

    def record_file(self, record_id: str) -> Path | None:
        """registry/ID.yaml, or None when there is no such file.

        IntregError when `record_id` is no record id (`../../x` would name a file outside
        registry/), or when the file is not a regular file inside the project.
        """
        if RECORD_ID.fullmatch(record_id) is None:
            raise IntregError(f"{record_id!r} is not a record id (lower-case letters, digits, -)")
        path = self.registry / f"{record_id}.yaml"
        if not path.exists() and not path.is_symlink():
            return None
        return find_record_files([path], self.root)[0]


def is_system_file(path: Path) -> bool:
    """True for a system record: a file in a folder named systems (registry/systems/ID.yaml)."""
    return path.parent.name == SYSTEMS_DIR


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
